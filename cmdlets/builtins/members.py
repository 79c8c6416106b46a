"""New-Object, Add-Member and Get-Member: making objects and looking at their members."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject, ScriptMember
from cmdlets.builtins.objects import is_script_block

MEMBER_DEFINITION = "Microsoft.PowerShell.Commands.MemberDefinition"
POWERSHELL_3 = ("2013", "2016", "2019")      # Add-Member's note-property sets and -TypeName came with 3.0
_OBJECT_METHODS = (("Equals", "bool Equals(System.Object obj)"), ("GetHashCode", "int GetHashCode()"),
                   ("GetType", "type GetType()"), ("ToString", "string ToString()"))
# PowerShell's short names in member definitions (ToStringCodeMethods.Type)
_SHORT = {"System.String": "string", "System.Int32": "int", "System.Int64": "long", "System.Boolean": "bool",
          "System.Double": "double", "System.Decimal": "decimal", "System.Object": "System.Object",
          "System.DateTime": "datetime", "System.TimeSpan": "timespan", "System.Char": "char",
          "System.Collections.Hashtable": "hashtable", "System.Object[]": "Object[]",
          "System.Management.Automation.ScriptBlock": "scriptblock", "System.Byte": "byte"}


def short_type(type_name: str) -> str:
    return _SHORT.get(type_name, type_name)


@cmdlet("New-Object", module="Microsoft.PowerShell.Utility", default_set="Net")
class NewObjectCommand(Cmdlet):
    """Creates an instance of a .NET type (or a COM object, which exshell does not have)."""
    synopsis = "Creates an instance of a .NET type."
    examples = (
        ("New-Object PSObject -Property @{Server='MBX1'; Databases=2}",
         "This example creates an object with the properties Server and Databases."),
    )

    type_name: str | None = param("String", position=0, mandatory=True, sets=("Net",))
    com_object: str | None = param("String", position=0, mandatory=True, sets=("Com",), name="ComObject")
    argument_list: list[Any] | None = param("Object[]", position=1, sets=("Net",), aliases=("Args",))
    strict: bool = param("SwitchParameter", sets=("Com",))
    property: Any = param("IDictionary")

    def process_record(self) -> None:
        if self.parameter_set_name == "Com":
            self.throw_terminating_error(self.error(
                f"Retrieving the COM class factory for component with CLSID {{00000000-0000-0000-0000-"
                f"000000000000}} failed due to the following error: 80040154 Class not registered "
                f"(Exception from HRESULT: 0x80040154 (REGDB_E_CLASSNOTREG)).",
                category="ResourceUnavailable", error_id="NoCOMClassIdentified",
                exception="System.Runtime.InteropServices.COMException"))
        args = self.argument_list or []
        try:
            obj = self.runtime.new_object(self.type_name or "", list(args))
        except LookupError:
            check = "verify that" if self.profile.ps_major >= 3 else "make sure"
            self.throw_terminating_error(self.error(
                f"Cannot find type [{self.type_name}]: {check} the assembly containing this type is loaded.",
                "InvalidType", "TypeNotFound", "System.Management.Automation.PSArgumentException"))
            raise
        except (ValueError, OverflowError) as exc:      # the constructor itself threw
            self.throw_terminating_error(self.error(
                f'Exception calling ".ctor" with "{len(args)}" argument(s): "{exc}"', "InvalidOperation",
                "ConstructorInvokedThrowException", "System.Management.Automation.MethodInvocationException"))
            raise
        if isinstance(self.property, dict):
            for key, value in self.property.items():
                name = self.runtime.to_string(key)
                if isinstance(obj, PSObject):
                    obj.set(name, value)
                elif isinstance(obj, dict):
                    obj[name] = value
        self.write_object(obj)


_MEMBER_TYPES = ("AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty", "Properties",
                 "PropertySet", "Method", "CodeMethod", "ScriptMethod", "Methods", "ParameterizedProperty",
                 "MemberSet", "Event", "Dynamic", "All")


@cmdlet("Add-Member", module="Microsoft.PowerShell.Utility", default_set="TypeNameSet")
class AddMemberCommand(Cmdlet):
    """Adds a note, alias or script member to an object."""
    synopsis = "Adds properties and methods to an object."
    examples = (
        ("$db = Get-MailboxDatabase DB1; $db | Add-Member -MemberType NoteProperty -Name Checked -Value $true",
         "This example adds the property Checked to the object of DB1."),
    )

    input_object: Any = param("PSObject", mandatory=True, pipeline=True)
    member_type: str | None = param("System.Management.Automation.PSMemberTypes", position=0, mandatory=True, sets=("MemberSet",),
                                    aliases=("Type",), values=_MEMBER_TYPES)
    member_name: str | None = param("String", position=1, mandatory=True, sets=("MemberSet",), name="Name")
    value: Any = param("Object", position=2, sets=("MemberSet",), allow_null=True)
    second_value: Any = param("Object", position=3, sets=("MemberSet",))
    type_name: str | None = param("String", sets=("TypeNameSet", "MemberSet", "NotePropertySingleMemberSet",
                                                  "NotePropertyMultiMemberSet"), versions=POWERSHELL_3)
    force: bool = param("SwitchParameter", sets=("MemberSet", "NotePropertySingleMemberSet",
                                                 "NotePropertyMultiMemberSet"))
    pass_thru: bool = param("SwitchParameter")
    note_property_name: str | None = param("String", position=0, mandatory=True, name="NotePropertyName",
                                           sets=("NotePropertySingleMemberSet",), versions=POWERSHELL_3)
    note_property_value: Any = param("Object", position=1, mandatory=True, allow_null=True,
                                     sets=("NotePropertySingleMemberSet",), versions=POWERSHELL_3)
    note_property_members: Any = param("IDictionary", position=0, mandatory=True,
                                       sets=("NotePropertyMultiMemberSet",), versions=POWERSHELL_3)

    def process_record(self) -> None:
        obj = self.input_object
        if not isinstance(obj, PSObject):
            self.throw_terminating_error(self.error(
                "Add-Member on a value that is not a PowerShell object is not supported here; "
                "wrap it with [pscustomobject] first.", category="NotImplemented",
                error_id="AddMemberToValue", exception="System.NotSupportedException", target=obj))
        set_name = self.parameter_set_name
        if set_name == "NotePropertySingleMemberSet":
            self._add(obj, self.note_property_name or "", self.note_property_value)
        elif set_name == "NotePropertyMultiMemberSet":
            members = self.note_property_members if isinstance(self.note_property_members, dict) else {}
            for key, value in members.items():
                self._add(obj, self.runtime.to_string(key), value)
        elif set_name == "MemberSet":
            self._member(obj)
        if self.type_name:
            obj.type_names = (self.type_name,) + tuple(t for t in obj.type_names if t != self.type_name)
        if self.pass_thru:
            self.write_object(obj)

    def _add(self, obj: PSObject, name: str, value: Any) -> bool:
        if obj.has(name) and not self.force:
            self.write_error(self.error(
                f'Cannot add a member with the name "{name}" because a member with that name already exists. '
                'To overwrite the member anyway, add the Force parameter to your command.',
                category="InvalidOperation", error_id="MemberAlreadyExists",
                exception="System.InvalidOperationException", target=obj, target_type="PSObject"))
            return False
        if obj.has(name):
            obj.remove(name)
        obj.set(name, value)
        return True

    def _member(self, obj: PSObject) -> None:
        kind = next((m for m in _MEMBER_TYPES if m.lower() == (self.member_type or "").lower()), "NoteProperty")
        name, value, runtime = self.member_name or "", self.value, self.runtime
        if kind == "NoteProperty":
            self._add(obj, name, value)
        elif kind == "AliasProperty":
            target = runtime.to_string(value)
            self._add(obj, name, ScriptMember(kind, f"{name} = {target}",
                                              read=lambda this: runtime.get_property(this, target)))
        elif kind in ("ScriptProperty", "ScriptMethod") and not is_script_block(value):
            self.throw_terminating_error(self.error(
                f'Cannot convert the "{runtime.to_string(value)}" value of type "{runtime.type_name(value)}" to type '
                '"System.Management.Automation.ScriptBlock".', category="InvalidArgument",
                error_id="InvalidCastFromAnyTypeToScriptBlock",
                exception="System.Management.Automation.PSInvalidCastException", target=value))
        elif kind == "ScriptProperty":
            block = value
            self._add(obj, name, ScriptMember(kind, f"System.Object {name} {{get={block};}}",
                                              read=lambda this: _single(runtime.invoke_script(
                                                  block, variables={"this": this}))))
        elif kind == "ScriptMethod":
            block = value
            self._add(obj, name, ScriptMember(kind, f"System.Object {name}();",
                                              call=lambda this, args: _single(runtime.invoke_script(
                                                  block, args=list(args), variables={"this": this}))))
        else:
            self.throw_terminating_error(self.error(
                f'Cannot add a member with type "{kind}". Specify a different type for the MemberTypes parameter.',
                category="InvalidOperation", error_id="CannotAddMemberType",
                exception="System.InvalidOperationException"))


def _single(out: list[Any]) -> Any:
    if not out:
        return None
    return out[0] if len(out) == 1 else out


@cmdlet("Get-Member", module="Microsoft.PowerShell.Utility")
class GetMemberCommand(Cmdlet):
    """Lists the properties and methods of objects."""
    examples = (
        ("Get-DatabaseAvailabilityGroup | Get-Member -MemberType Property",
         "This example lists the properties of a DAG object."),
    )

    input_object: Any = param("PSObject", pipeline=True, allow_null=True)
    names: list[str] | None = param("String[]", position=0, name="Name")
    member_type: list[str] | None = param("System.Management.Automation.PSMemberTypes[]", aliases=("Type",), values=_MEMBER_TYPES)
    view: str | None = param("System.Management.Automation.PSMemberViewTypes", values=("Extended", "Adapted", "Base", "All"))
    static: bool = param("SwitchParameter")
    force: bool = param("SwitchParameter")

    def begin_processing(self) -> None:
        self.seen: set[str] = set()
        self.any_input = False

    def process_record(self) -> None:
        if not self.is_bound("InputObject") or self.input_object is None:
            return
        self.any_input = True
        obj = self.input_object
        type_name = self._type_name(obj)
        if type_name in self.seen:
            return
        self.seen.add(type_name)
        rows = self._static_members(obj) if self.static else self._members(obj)
        wanted = [m.lower() for m in (self.member_type or [])]
        if isinstance(self.member_type, str):
            wanted = [self.member_type.lower()]
        for name, kind, definition in sorted(rows, key=lambda r: (r[1], r[0].lower())):
            if wanted and "all" not in wanted and not self._kind_matches(kind, wanted):
                continue
            if self.names and not any(self.runtime.like(name, p) for p in self.names):
                continue
            self.write_object(PSObject((MEMBER_DEFINITION, "System.Object"),
                                       [("TypeName", type_name), ("Name", name), ("MemberType", kind),
                                        ("Definition", definition)], to_string=definition))

    def end_processing(self) -> None:
        if not self.any_input:
            self.write_error(self.error(
                "You must specify an object for the Get-Member cmdlet.", category="CloseError",
                error_id="NoObjectInGetMember", exception="System.InvalidOperationException"))

    @staticmethod
    def _kind_matches(kind: str, wanted: list[str]) -> bool:
        low = kind.lower()
        if low in wanted:
            return True
        if "properties" in wanted and low.endswith("property"):
            return True
        return "methods" in wanted and low.endswith("method")

    def _type_name(self, obj: Any) -> str:
        name = self.runtime.type_name(obj)
        if isinstance(obj, PSObject) and self.profile.remote and "exchange" in name.lower():
            return "Deserialized." + name
        return name

    def _members(self, obj: Any) -> list[tuple[str, str, str]]:
        from cmdlets.builtins.dotnet_members import BY_TYPE
        known = BY_TYPE.get(self.runtime.type_name(obj)) if not isinstance(obj, PSObject) else None
        if known is not None:
            return list(known)
        rows = list(_OBJECT_METHODS)
        out = [(n, "Method", d) for n, d in rows]
        if isinstance(obj, PSObject):
            exchange = any("exchange" in t.lower() for t in obj.type_names)
            for name, stored in obj.members():
                out.append(self._property_row(name, stored, exchange))
        elif isinstance(obj, list):
            out.append(("Count", "Property", "int Count {get;}"))
            out.append(("Length", "Property", "int Length {get;}"))
        elif isinstance(obj, dict):
            out.append(("Count", "Property", "int Count {get;}"))
            out.append(("Keys", "Property", "System.Collections.ICollection Keys {get;}"))
            out.append(("Values", "Property", "System.Collections.ICollection Values {get;}"))
        return out

    def _property_row(self, name: str, stored: Any, exchange: bool) -> tuple[str, str, str]:
        if isinstance(stored, ScriptMember):
            return name, stored.kind, stored.definition
        value_type = "System.Object" if stored is None else self.runtime.type_name(stored)
        if exchange:
            return name, "Property", f"{value_type} {name} {{get;set;}}"
        shown = "null" if stored is None else self.runtime.to_string(stored)
        if isinstance(stored, list):
            shown = value_type
        if self.profile.ps_major >= 3:    # 3.0 began writing int/string for System.Int32/System.String
            value_type = short_type(value_type)
        return name, "NoteProperty", f"{value_type} {name}={shown}"

    def _static_members(self, obj: Any) -> list[tuple[str, str, str]]:
        return [("Equals", "Method", "static bool Equals(System.Object objA, System.Object objB)"),
                ("ReferenceEquals", "Method", "static bool ReferenceEquals(System.Object objA, System.Object objB)")]
