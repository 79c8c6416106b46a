"""Where-Object, ForEach-Object and Select-Object: the pipeline's everyday tools.

The simplified syntax (`Where Status -eq Healthy`, `ForEach-Object Name`) arrived with
PowerShell 3.0, so it exists only in labs whose shell is 3.0 or later (Exchange 2013+); under
PowerShell 2.0 those forms fail to bind, as they do in Exchange 2010's shell.
`Select-Object -First` stops the commands before it once it has what it needs.
"""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSCUSTOMOBJECT, PSObject

PS3 = ("2013", "2016", "2019")


def _truthy(runtime: Any, out: list[Any]) -> bool:
    value = out[0] if len(out) == 1 else out
    return runtime.convert(value, "bool") if value is not None else False


# Where-Object's operator switches: (parameter, language operator, parameter set, aliases).
_BASE_OPS = (("EQ", "eq", "Equal"), ("NE", "ne", "NotEqual"), ("GT", "gt", "GreaterThan"), ("LT", "lt", "LessThan"),
             ("GE", "ge", "GreaterOrEqual"), ("LE", "le", "LessOrEqual"), ("Like", "like", "Like"),
             ("NotLike", "notlike", "NotLike"), ("Match", "match", "Match"), ("NotMatch", "notmatch", "NotMatch"),
             ("Contains", "contains", "Contains"), ("NotContains", "notcontains", "NotContains"), ("In", "in", "In"),
             ("NotIn", "notin", "NotIn"))
_WHERE_OPS = tuple(
    entry for name, op, set_name in _BASE_OPS
    for entry in ((name, "-" + op, set_name + "Set", ("I" + name,)),
                  ("C" + name, "-c" + op, "CaseSensitive" + set_name + "Set", ()))
) + (("Is", "-is", "IsSet", ()), ("IsNot", "-isnot", "IsNotSet", ()))
_OP_SETS = tuple(set_name for _, _, set_name, _ in _WHERE_OPS)
_SET_OPERATOR = {set_name: op for _, op, set_name, _ in _WHERE_OPS}


def _where_switches() -> dict[str, Any]:
    return {"op_" + name.lower(): param("SwitchParameter", name=name, mandatory=name != "EQ", sets=(set_name,),
                                        aliases=aliases, versions=PS3)
            for name, _, set_name, aliases in _WHERE_OPS}


class _WhereBase(Cmdlet):
    input_object: Any = param("Object", pipeline=True, allow_null=True)
    filter_script: Any = param("ScriptBlock", position=0, mandatory=True, sets=("ScriptBlockSet",))
    property: str | None = param("String", position=0, mandatory=True, sets=_OP_SETS + ("Not",),
                                 versions=PS3)
    value: Any = param("Object", position=1, sets=_OP_SETS, versions=PS3)
    not_: bool = param("SwitchParameter", name="Not", mandatory=True, sets=("Not",), versions=PS3)
    locals().update(_where_switches())     # -EQ ... -IsNot: thirty switch parameters, one set each


@cmdlet("Where-Object", module="Microsoft.PowerShell.Core", default_set="EqualSet")
class WhereObjectCommand(_WhereBase):
    """Keeps the objects for which a condition is true."""
    examples = (
        ("Get-MailboxDatabaseCopyStatus * | Where-Object {$_.Status -ne 'Healthy' -and $_.Status -ne 'Mounted'}",
         "This example lists the copies that are neither healthy nor mounted."),
        ("Get-ExchangeServer | Where-Object Site -like '*Redmond'",
         "This example lists the servers of the Redmond site, in the comparison form of PowerShell 3.0 and later."),
    )

    def process_record(self) -> None:
        item = self.input_object
        if self.parameter_set_name == "ScriptBlockSet":
            keep = _truthy(self.runtime, self.runtime.invoke_script(self.filter_script, dollar_under=item, dot=True))
        else:
            keep = self._simple(item)
        if keep:
            self.write_object(item)

    def _simple(self, item: Any) -> bool:
        left = self.runtime.get_property(item, self.property or "")
        if self.parameter_set_name == "Not":
            return not self.runtime.convert(left, "bool")
        if self.parameter_set_name == "EqualSet" and not self.is_bound("Value") and not self.is_bound("EQ"):
            return bool(self.runtime.convert(left, "bool"))
        result = self.runtime.binary(_SET_OPERATOR[self.parameter_set_name], left, self.value)
        return bool(self.runtime.convert(result, "bool"))


@cmdlet("ForEach-Object", module="Microsoft.PowerShell.Core", default_set="ScriptBlockSet")
class ForEachObjectCommand(Cmdlet):
    """Runs script blocks (or reads a member) for each input object."""
    examples = (
        ("Get-MailboxDatabase | ForEach-Object { Get-MailboxDatabaseCopyStatus -Identity $_.Name }",
         "This example shows the status of every copy of every database, database by database."),
        ("Get-MailboxServer | ForEach-Object { $_.Name }",
         "This example returns the names of the Mailbox servers."),
    )

    input_object: Any = param("Object", pipeline=True, allow_null=True)
    begin: Any = param("ScriptBlock", sets=("ScriptBlockSet",))
    process: list[Any] | None = param("ScriptBlock[]", position=0, mandatory=True, sets=("ScriptBlockSet",))
    end: Any = param("ScriptBlock", sets=("ScriptBlockSet",))
    remaining_scripts: list[Any] | None = param("ScriptBlock[]", sets=("ScriptBlockSet",), remaining=True)
    member_name: str | None = param("String", position=0, mandatory=True, sets=("PropertyAndMethodSet",),
                                    versions=PS3)
    argument_list: list[Any] | None = param("Object[]", sets=("PropertyAndMethodSet",), aliases=("Args",),
                                            remaining=True, versions=PS3)

    def begin_processing(self) -> None:
        self._blocks()
        if self.begin_block is not None:
            self._run(self.begin_block, ...)

    def _blocks(self) -> None:
        """-Begin, -Process, -End and extra positional blocks, split as PowerShell does: the
        blocks in order (an explicit -Begin first); with more than one, the first is the begin
        block; with more than two and no explicit -End, the last is the end block."""
        scripts = ([self.begin] if self.begin is not None else []) + list(self.process or []) + list(
            self.remaining_scripts or [])
        start, stop, end = (1 if len(scripts) > 1 else 0), len(scripts), self.end
        if end is None and len(scripts) > 2:
            stop, end = len(scripts) - 1, scripts[-1]
        self.begin_block = scripts[0] if stop >= 2 else None
        self.process_blocks, self.end_block = scripts[start:stop], end

    def _run(self, block: Any, item: Any) -> None:
        for value in self.runtime.invoke_script(block, dollar_under=item, dot=True):
            self.write_object(value)

    def process_record(self) -> None:
        item = self.input_object
        if self.parameter_set_name == "PropertyAndMethodSet":
            self._member(item)
            return
        for block in self.process_blocks:
            self._run(block, item)

    def _member(self, item: Any) -> None:
        """A property's value, or a method's result; a name the object lacks gives $null (without
        arguments) or a MethodNotFound error, as ForEach-Object does outside strict mode."""
        name = self.member_name or ""
        args = list(self.argument_list or [])
        if not args and self.runtime.has_property(item, name):
            self.write_object(self.runtime.get_property(item, name), enumerate_collection=True)
            return
        try:
            result = self.runtime.invoke_method(item, name, args)
        except Exception as exc:  # noqa: BLE001 - the language's error record, reported by this command
            error_id = getattr(exc, "error_id", "MethodInvocationError")
            if error_id in ("MethodNotFound", "InvokeMethodOnNull") and not args:
                self.write_object(None)
                return
            self.write_error(self.error(getattr(exc, "message", str(exc)), category="InvalidOperation",
                                        error_id=error_id, target=item))
            return
        self.write_object(result, enumerate_collection=True)

    def end_processing(self) -> None:
        if self.end_block is not None:
            self._run(self.end_block, ...)


@cmdlet("Select-Object", module="Microsoft.PowerShell.Utility", default_set="DefaultParameter")
class SelectObjectCommand(Cmdlet):
    """Picks properties of objects, or some of the objects."""
    examples = (
        ("Get-MailboxDatabase | Select-Object Name,Server",
         "This example keeps only the name and server of each database."),
        ("Get-MailboxDatabaseCopyStatus * | Sort-Object CopyQueueLength -Descending | Select-Object -First 3",
         "This example returns the three copies with the longest copy queues."),
    )

    input_object: Any = param("Object", pipeline=True, allow_null=True)
    property: list[Any] | None = param("Object[]", position=0, sets=("DefaultParameter",))
    exclude_property: list[str] | None = param("String[]", sets=("DefaultParameter",))
    expand_property: str | None = param("String", sets=("DefaultParameter",))
    unique: bool = param("SwitchParameter")
    last: int | None = param("Int32", sets=("DefaultParameter",), validate_range=(0, 2147483647))
    first: int | None = param("Int32", sets=("DefaultParameter",), validate_range=(0, 2147483647))
    skip: int | None = param("Int32", sets=("DefaultParameter",), validate_range=(0, 2147483647))
    index: list[int] | None = param("Int32[]", sets=("IndexParameter",), validate_range=(0, 2147483647))
    wait: bool = param("SwitchParameter", sets=("DefaultParameter", "IndexParameter"), versions=PS3)

    def begin_processing(self) -> None:
        self.seen = 0
        self.emitted = 0
        self.tail: list[Any] = []
        self.uniques: list[Any] = []
        self.wanted = sorted(set(self.index or []))

    # -- which objects ------------------------------------------------------------------------
    def process_record(self) -> None:
        item = self.input_object
        if item is None:                 # $null input is not an object to select
            return
        self.seen += 1
        if self.parameter_set_name == "IndexParameter":
            if self.seen - 1 in self.wanted:
                self._select(item)
            if (self.seen > self.wanted[-1] if self.wanted else True) and not self.wait:
                self.runtime.stop_upstream()       # every wanted index is done
            return
        if self.last is not None:
            self._keep_for_end(item)
            return
        if self.skip and self.seen <= self.skip:
            return
        if self.first is not None:
            if self.emitted >= self.first:
                self._stop_early()
                return
            self.emitted += 1
            self._select(item)
            if self.emitted >= self.first:
                self._stop_early()
            return
        self._select(item)

    def _keep_for_end(self, item: Any) -> None:
        """-Last (with -First: the first ones go at once, the rest wait for the end)."""
        if self.first is not None and self.emitted < self.first:
            self.emitted += 1
            self._select(item)
            return
        self.tail.append(item)
        keep = self.last + (self.skip or 0)
        if len(self.tail) > keep:
            del self.tail[0]

    def _stop_early(self) -> None:
        if not self.wait:               # -Wait: let the commands before finish
            self.runtime.stop_upstream()

    def end_processing(self) -> None:
        if self.last is not None:
            tail = self.tail[:len(self.tail) - (self.skip or 0)] if self.skip else self.tail
            for item in tail[-self.last:] if self.last else []:
                self._select(item)
        for item in self.uniques:
            self.write_object(item)

    # -- which properties ------------------------------------------------------------------------
    def _select(self, item: Any) -> None:
        if self.expand_property:
            self._expand(item)
            return
        if self.property:
            item = self._project(item)
        self._out(item)

    def _out(self, item: Any) -> None:
        if not self.unique:
            self.write_object(item)
        elif not any(self._same(item, seen) for seen in self.uniques):
            self.uniques.append(item)

    def _same(self, a: Any, b: Any) -> bool:
        if isinstance(a, PSObject) and isinstance(b, PSObject):
            pa, pb = a.ps_properties(), b.ps_properties()
            return len(pa) == len(pb) and all(
                na.lower() == nb.lower() and self.runtime.equals(va, vb, True) for (na, va), (nb, vb) in zip(pa, pb))
        return type(a) is type(b) and self.runtime.equals(a, b, True)

    def _expand(self, item: Any) -> None:
        name = self.expand_property or ""
        if not self.runtime.has_property(item, name):
            self.write_error(self.error(f'Property "{name}" cannot be found.', category="InvalidArgument",
                                        error_id="ExpandPropertyNotFound",
                                        exception="System.Management.Automation.PSArgumentException",
                                        target=item, target_type=self._short_type(item)))
            return
        value = self.runtime.get_property(item, name)
        values = value if isinstance(value, list) else [value]
        for v in values:
            if v is None:                # null values and null elements are skipped
                continue
            if self.property and isinstance(v, PSObject):
                for prop_name, prop_value in self._pairs(item):
                    if v.has(prop_name):
                        self._already_exists(prop_name, item, "AlreadyExistingUserSpecifiedPropertyExpand")
                    else:
                        v.set(prop_name, prop_value)
            self._out(v)

    def _already_exists(self, name: str, item: Any, error_id: str) -> None:
        self.write_error(self.error(f'The property cannot be processed because the property "{name}" already '
                                    "exists.", category="InvalidOperation", error_id=error_id,
                                    exception="System.Management.Automation.PSArgumentException", target=item,
                                    target_type=self._short_type(item)))

    def _project(self, item: Any) -> PSObject:
        first_type = (self.runtime.get_property(item, "pstypenames") or ["System.Object"])
        first_type = first_type[0] if isinstance(first_type, list) else first_type
        return PSObject(("Selected." + first_type, PSCUSTOMOBJECT, "System.Object"), self._pairs(item))

    def _pairs(self, item: Any) -> list[tuple[str, Any]]:
        excluded = [self.runtime.to_string(x) for x in (self.exclude_property or [])]
        pairs: list[tuple[str, Any]] = []
        for spec in self.property or []:
            if isinstance(spec, dict):
                pairs.append(self._calculated(spec, item))
                continue
            if type(spec).__name__ == "ScriptBlock":        # `select { $_.Name }`: named by its text
                pairs.append(self._calculated({"Expression": spec}, item))
                continue
            name = self.runtime.to_string(spec)
            if any(ch in name for ch in "*?["):
                for real in self._property_names(item):
                    if self.runtime.like(real, name) and not any(self.runtime.like(real, x) for x in excluded):
                        pairs.append((real, self.runtime.get_property(item, real)))
            elif isinstance(item, dict) and name.lower() not in {n.lower() for n in self._property_names(item)}:
                pairs.append((name, None))      # a hashtable's keys are not its properties
            else:
                pairs.append((name, self.runtime.get_property(item, name)))
        seen: set[str] = set()
        out = []
        for name, value in pairs:              # a name selected twice keeps its first place
            if name.lower() in seen:
                self._already_exists(name, item, "AlreadyExistingUserSpecifiedPropertyNoExpand")
                continue
            seen.add(name.lower())
            out.append((name, value))
        return out

    def _calculated(self, spec: dict, item: Any) -> tuple[str, Any]:
        keys = {str(k).lower(): v for k, v in spec.items()}
        expr = _key(keys, "expression")
        label = _key(keys, "name")
        if label is None:
            label = _key(keys, "label")
        if isinstance(expr, str):
            value = self.runtime.get_property(item, expr)
            return (label if label is not None else expr), value
        out = self.runtime.invoke_script(expr, dollar_under=item) if expr is not None else []
        value = None if not out else out[0] if len(out) == 1 else out
        return self.runtime.to_string(label if label is not None else (expr.text if expr is not None else "")), value

    def _property_names(self, item: Any) -> list[str]:
        props = self.runtime.get_property(self.runtime.get_property(item, "PSObject"), "Properties") or []
        return [self.runtime.get_property(p, "Name") for p in (props if isinstance(props, list) else [props])]

    def _short_type(self, item: Any) -> str:
        names = self.runtime.get_property(item, "pstypenames") or ["Object"]
        return (names[0] if isinstance(names, list) else names).rsplit(".", 1)[-1]


def _key(keys: dict[str, Any], full: str) -> Any:
    """A calculated property's key, by any unique prefix (`n`, `na`, `e`, `exp`, `l`...)."""
    for k, v in keys.items():
        if k and full.startswith(k):
            return v
    return None

