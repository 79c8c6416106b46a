"""PowerShell 5 script types: `class` and `enum` definitions and their values.

A class is a ``ScriptClass``: its instances are ``ScriptObject`` property bags (so they format,
select and serialize like any object without a view) whose typed properties convert what is
assigned, and whose methods run their bodies with ``$this`` in a scope of their own; only
``return`` gives a method its value. An enum is a ``ScriptEnum``; its values are ``EnumValue``
integers that print as their names.
"""

from __future__ import annotations

from typing import Any

from cmdlets.api.values import NoSuchMember, PSObject, ScriptMember
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine.dotnet_values import MISSING as _MISSING_MEMBER
from exshell.engine.errors import PSRuntimeError, ReturnException
from exshell.engine.evaluator import Evaluator
from exshell.engine.scopes import Scope
from exshell.language import ast as A

_OBJECT_METHODS = ("tostring", "equals", "gethashcode", "gettype")
_VALUE_DEFAULTS = {"System.Int32": 0, "System.Int64": 0, "System.Int16": 0, "System.Byte": 0, "System.UInt32": 0,
                   "System.UInt64": 0, "System.UInt16": 0, "System.Double": 0.0, "System.Single": 0.0,
                   "System.Boolean": False}


def _count_error(name: str, count: int) -> PSRuntimeError:
    return PSRuntimeError(messages.text("MethodCountCouldNotFindBest", name=name, count=count),
                          error_id="MethodCountCouldNotFindBest", category="NotSpecified")


class ScriptClass:
    """A class defined by a script: what `[Name]` gives back."""

    ps_type_name = "System.RuntimeType"

    def __init__(self, node: A.TypeDefinitionAst, base: ScriptClass | None, ev: Any):
        self.node, self.name, self.base, self.ev = node, node.name, base, ev
        self.full_name = node.name
        self.properties = [m for m in node.members if isinstance(m, A.PropertyMemberAst)]
        self.methods = [m for m in node.members if isinstance(m, A.FunctionMemberAst) and not m.is_constructor]
        self.constructors = [m for m in node.members if isinstance(m, A.FunctionMemberAst) and m.is_constructor]
        self.statics: dict[str, list[Any]] = {}        # lower name -> [real name, type, value]
        for prop in self.properties:
            if "static" in prop.property_attributes:
                type_name = _type_of(prop.property_type)
                value = _initial(self, prop, type_name)
                self.statics[prop.name.lower()] = [prop.name, type_name, value]

    # -- the type ------------------------------------------------------------------------------
    def lineage(self) -> list[ScriptClass]:
        out, cls = [], self
        while cls is not None:
            out.append(cls)
            cls = cls.base
        return out

    def type_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.lineage()) + ("System.Object",)

    def ps_get(self, name: str) -> Any:
        low = name.lower()
        if low in ("fullname", "name"):
            return self.name
        if low == "namespace":
            return ""
        if low == "basetype":
            return self.base if self.base is not None else "System.Object"
        return None

    def __str__(self) -> str:
        return self.name

    # -- static members ------------------------------------------------------------------------
    def static_slot(self, name: str) -> list[Any] | None:
        for cls in self.lineage():
            slot = cls.statics.get(name.lower())
            if slot is not None:
                return slot
        return None

    def get_static(self, name: str) -> Any:
        slot = self.static_slot(name)
        if slot is None:
            raise PSRuntimeError(f"The property '{name}' cannot be found on type [{self.name}].",
                                 error_id="PropertyNotFound", category="InvalidOperation")
        return slot[2]

    def ps_set(self, name: str, value: Any) -> None:
        slot = self.static_slot(name)
        if slot is None:
            raise PSRuntimeError(messages.text("PropertyNotFound", name=name),
                                 error_id="PropertyAssignmentException", category="InvalidOperation")
        slot[2] = self.convert_value(value, slot[1])

    def call_static(self, name: str, args: list[Any]) -> Any:
        if name.lower() == "new":
            return self.instantiate(args)
        method = self.find_method(name, len(args), static=True)
        return run_method(self, method, None, args)

    # -- instances -----------------------------------------------------------------------------
    def find_method(self, name: str, count: int, static: bool = False) -> A.FunctionMemberAst:
        low, named = name.lower(), False
        for cls in self.lineage():
            for method in cls.methods:
                if method.name.lower() != low or ("static" in method.method_attributes) != static:
                    continue
                named = True
                if len(method.parameters) == count:
                    return method
        if named:
            raise _count_error(name, count)
        raise NoSuchMember(name)

    def instance_properties(self) -> list[tuple[A.PropertyMemberAst, ScriptClass]]:
        """Own properties first, then the base class's (as .NET reflection lists them)."""
        seen: set[str] = set()
        out = []
        for cls in self.lineage():
            for prop in cls.properties:
                if "static" in prop.property_attributes or prop.name.lower() in seen:
                    continue
                seen.add(prop.name.lower())
                out.append((prop, cls))
        return out

    def instantiate(self, args: list[Any]) -> ScriptObject:
        obj = ScriptObject(self)
        for prop, cls in self.instance_properties():
            type_name = _type_of(prop.property_type)
            obj.declare(prop.name, type_name, _initial(cls, prop, type_name), "hidden" in prop.property_attributes)
        self.construct(obj, args)
        return obj

    def construct(self, obj: ScriptObject, args: list[Any]) -> None:
        if not self.constructors:
            if args:
                raise _count_error("new", len(args))
            if self.base is not None:
                self.base.construct(obj, [])
            return
        ctor = next((c for c in self.constructors if len(c.parameters) == len(args)), None)
        if ctor is None:
            raise _count_error("new", len(args))
        run_method(self, ctor, obj, args)

    def convert_value(self, value: Any, type_name: str | None) -> Any:
        if type_name is None:
            return value
        if value is None and type_name in _VALUE_DEFAULTS:
            return _VALUE_DEFAULTS[type_name]
        if value is None and isinstance(self.ev.script_type(type_name), ScriptEnum):
            return EnumValue(self.ev.script_type(type_name), 0)     # an enum's default is its zero
        if value is None:
            return None
        return self.ev.convert(value, type_name)

    def from_hashtable(self, table: dict) -> ScriptObject:
        """`[Class]@{Name='x'}`: the default constructor, then each key set as a property."""
        obj = self.instantiate([])
        for key, value in table.items():
            name = conv.to_string(key)
            if not obj.has(name):
                raise PSRuntimeError(
                    f'Cannot create object of type "{self.name}". The {name} property was not found for the '
                    f"{self.name} object. The available property is: "
                    + " ".join(f"[{p} <{obj.types.get(p.lower()) or 'System.Object'}>]" for p in obj.property_names()),
                    error_id="ObjectCreationError", category="InvalidArgument")
            obj.set(name, value)
        return obj


class ScriptObject(PSObject):
    """An instance of a script class."""

    __slots__ = ("ps_class", "types")

    def __init__(self, cls: ScriptClass):
        self.ps_class = cls
        self.types: dict[str, str | None] = {}
        super().__init__(cls.type_names())

    def declare(self, name: str, type_name: str | None, value: Any, hidden: bool) -> None:
        self.types[name.lower()] = type_name
        PSObject.set(self, name, value)
        if hidden:
            self.hidden = self.hidden | {name.lower()}

    def set(self, name: str, value: Any) -> None:
        type_name = self.types.get(name.lower())
        PSObject.set(self, name, self.ps_class.convert_value(value, type_name))

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        method = self.ps_class.find_method(name, len(args))
        return run_method(self.ps_class, method, self, args)

    # hidden members stay reachable by name but out of listings, formatting and serialization
    def property_names(self) -> list[str]:
        return [n for n in PSObject.property_names(self) if n.lower() not in self.hidden]

    def ps_properties(self) -> list[tuple[str, Any]]:
        return [(n, v) for n, v in PSObject.ps_properties(self) if n.lower() not in self.hidden]

    def members(self) -> list[tuple[str, Any]]:
        """What Get-Member lists: the class's methods and typed properties (hidden ones left out)."""
        out: list[tuple[str, Any]] = []
        seen: set[str] = set()
        for cls in self.ps_class.lineage():
            for method in cls.methods:
                if "static" in method.method_attributes or "hidden" in method.method_attributes or (
                        method.name.lower() in _OBJECT_METHODS):
                    continue              # an override of ToString() etc. is listed once, as System.Object's
                definition = _method_definition(method)
                if definition not in seen:
                    seen.add(definition)
                    out.append((method.name, ScriptMember("Method", definition)))
        for name in self.property_names():
            type_name = self.types.get(name.lower()) or "System.Object"
            out.append((name, ScriptMember("Property", f"{_short(type_name)} {name} {{get;set;}}")))
        return out

    def __str__(self) -> str:
        try:
            method = self.ps_class.find_method("ToString", 0)
        except (NoSuchMember, PSRuntimeError):
            return self.ps_class.name
        return conv.to_string(run_method(self.ps_class, method, self, []))


def _short(type_name: str) -> str:
    from cmdlets.builtins.members import short_type
    return short_type(type_name)


def _method_definition(method: A.FunctionMemberAst) -> str:
    params = []
    for p in method.parameters:
        t = next((a.type_name for a in p.attributes if isinstance(a, A.TypeConstraintAst)), "System.Object")
        params.append(f"{_short(conv.canonical_type(t))} {p.name.variable_path}")
    returns = conv.canonical_type(method.return_type.type_name) if method.return_type else "System.Void"
    return f"{_short(returns) if returns != 'System.Void' else 'void'} {method.name}({', '.join(params)})"


def _type_of(constraint: A.TypeConstraintAst | None) -> str | None:
    return conv.canonical_type(constraint.type_name) if constraint is not None else None


def _initial(cls: ScriptClass, prop: A.PropertyMemberAst, type_name: str | None) -> Any:
    value = cls.ev.evaluate(prop.initial_value) if prop.initial_value is not None else None
    return cls.convert_value(value, type_name)


def run_method(cls: ScriptClass, method: A.FunctionMemberAst, this: ScriptObject | None, args: list[Any]) -> Any:
    """Run a method or constructor body: `$this`, the parameters, `: base(...)` first; the value is
    what `return` gives, converted to the return type."""
    ev = MethodEvaluator(cls.ev.ctx, Scope(cls.ev.scope, kind="function"))
    scope = ev.scope
    scope.set_local("this", this)
    for param, value in zip(method.parameters, args):
        type_name = next((a.type_name for a in param.attributes if isinstance(a, A.TypeConstraintAst)), None)
        scope.set_local(param.name.variable_path, cls.convert_value(value, conv.canonical_type(type_name))
                        if type_name else value)
    if method.is_constructor and cls.base is not None and this is not None:
        base_args = [ev.evaluate(a) for a in method.base_arguments]
        cls.base.construct(this, base_args)
    body = method.body
    try:
        for block in (body.begin_block, body.process_block, body.end_block):
            if block is not None:
                ev.run_statements(block.statements, _discard, block.traps)
    except ReturnException:
        pass
    if method.is_constructor or method.return_type is None:
        return None
    type_name = conv.canonical_type(method.return_type.type_name)
    if type_name == "System.Void":
        return None
    return cls.convert_value(ev.returned, type_name)


def _discard(value: Any) -> None:
    """Output of a method's statements other than `return` goes nowhere."""


class MethodEvaluator(Evaluator):
    """An evaluator whose `return` keeps its value instead of writing it."""

    returned: Any = None

    def _in_try(self) -> bool:
        return True                   # an error inside a method ends the call: the caller reports it

    def visit_ReturnStatementAst(self, node: A.ReturnStatementAst, emit: Any) -> None:
        if node.pipeline is not None:
            self.returned = self.statement_value(node.pipeline)
        raise ReturnException()


# -- enums ------------------------------------------------------------------------------------

class ScriptEnum:
    """An enum defined by a script (`[Flags()]` for a flags enum)."""

    ps_type_name = "System.RuntimeType"

    def __init__(self, node: A.TypeDefinitionAst, ev: Any):
        self.node = node
        self.name = self.full_name = node.name
        self.flags = any(a.type_name.lower() in ("flags", "flagsattribute", "system.flags", "system.flagsattribute")
                         for a in node.attributes)
        self.members: dict[str, tuple[str, int]] = {}      # lower name -> (name, value)
        nxt = 0
        for m in node.members:
            if m.initial_value is not None:
                nxt = conv.to_int(ev.evaluate(m.initial_value))
            self.members[m.name.lower()] = (m.name, nxt)
            nxt += 1

    def names(self) -> list[str]:
        return [n for n, _ in self.members.values()]

    def value(self, number: int) -> EnumValue:
        return EnumValue(self, number)

    def ps_get(self, name: str) -> Any:
        low = name.lower()
        if low in ("fullname", "name"):
            return self.name
        if low == "basetype":
            return "System.Enum"
        return None

    def __str__(self) -> str:
        return self.name

    def get_static(self, name: str) -> EnumValue:
        entry = self.members.get(name.lower())
        if entry is None:
            raise PSRuntimeError(f"The property '{name}' cannot be found on type [{self.name}].",
                                 error_id="PropertyNotFound", category="InvalidOperation")
        return EnumValue(self, entry[1])

    def call_static(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low == "getnames":
            return self.names()
        if low == "getvalues":
            return [EnumValue(self, v) for _, v in self.members.values()]
        if low == "parse" and args:
            return self.convert(args[-1])
        raise PSRuntimeError(messages.text("MethodNotFound", type=self.name, name=name), error_id="MethodNotFound",
                             category="InvalidOperation")

    def convert(self, value: Any) -> EnumValue:
        """A cast to the enum: a member name (names joined by commas for flags) or a number."""
        if isinstance(value, EnumValue) and value.ps_enum is self:
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return EnumValue(self, conv.to_int(value))
        text = conv.to_string(value).strip()
        number = conv.parse_number(text) if text else None
        if isinstance(number, int):
            return EnumValue(self, number)
        total = 0
        parts = [p.strip() for p in text.split(",")] if self.flags else [text]
        for part in parts:
            entry = self.members.get(part.lower())
            if entry is None:
                detail = messages.text("EnumConversion", value=part, names=", ".join(self.names()))
                raise PSRuntimeError(messages.text("InvalidCastParse", value=text, type=self.name, detail=detail),
                                     error_id="RuntimeException", category="InvalidArgument")
            total |= entry[1]
        return EnumValue(self, total)


class EnumValue(int):
    """A value of a script enum: an integer that shows its member name."""

    ps_enum: ScriptEnum

    def __new__(cls, owner: ScriptEnum, number: int) -> EnumValue:
        value = super().__new__(cls, number)
        value.ps_enum = owner
        return value

    @property
    def ps_type_name(self) -> str:
        return self.ps_enum.name

    def __str__(self) -> str:
        number = int(self)
        for name, value in self.ps_enum.members.values():
            if value == number:
                return name
        if self.ps_enum.flags and number > 0:
            names, rest = [], number
            for name, value in sorted(self.ps_enum.members.values(), key=lambda nv: -nv[1]):
                if value and rest & value == value:
                    names.append(name)
                    rest &= ~value
            if rest == 0:
                return ", ".join(reversed(names))
        return str(number)

    def __repr__(self) -> str:
        return f"{self.ps_enum.name}.{self}"

    def ps_coerce(self, other: Any) -> Any:
        return self.ps_enum.convert(other)

    def ps_get(self, name: str) -> Any:
        return int(self) if name.lower() == "value__" else _MISSING_MEMBER

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low == "hasflag" and len(args) == 1:
            flag = int(self.ps_enum.convert(args[0]))
            return int(self) & flag == flag
        if low == "tostring" and not args:
            return str(self)
        if low == "gettypecode":
            return "Int32"
        raise NoSuchMember(name)




def convert_to_script_type(value: Any, target: Any) -> Any:
    """A cast to a script class (`[Class]@{...}`, an instance of it or of a class derived from it)
    or to a script enum."""
    if isinstance(target, ScriptEnum):
        return target.convert(value)
    if isinstance(value, ScriptObject) and target.name in value.type_names:
        return value
    if isinstance(value, dict):
        return target.from_hashtable(value)
    if value is None:
        return None
    raise PSRuntimeError(messages.text("InvalidCast", value=conv.to_string(value), source=conv.type_name_of(value),
                                       type=target.name), error_id="ConvertToFinalInvalidCastException",
                         category="InvalidArgument")


def define_type(ev: Any, node: A.TypeDefinitionAst) -> None:
    """Make a `class` or `enum` known to the session (the base class must be known already)."""
    types = ev.ctx.script_types
    known = types.get(node.name.lower())
    if known is not None and getattr(known, "node", None) is node:
        return                        # defined already, before the script ran
    if node.type_attributes == "Enum":
        types[node.name.lower()] = ScriptEnum(node, ev)
        return
    base = None
    for constraint in node.base_types:
        known = types.get(constraint.type_name.lower())
        if isinstance(known, ScriptClass):
            base = known
        else:
            raise PSRuntimeError(messages.text("TypeNotFound", name=constraint.type_name), error_id="TypeNotFound",
                                 category="InvalidOperation", target=constraint.type_name, target_type="TypeName")
    types[node.name.lower()] = ScriptClass(node, base, ev)


def using_statement(ev: Any, node: A.UsingStatementAst) -> None:
    """`using namespace X` adds a prefix for type names; `using module`/`using assembly` load
    nothing in an emulator: the Exchange snap-ins and modules the session already has are
    accepted, anything else is the error of a module or assembly that is not there."""
    kind, name = node.using_statement_kind, node.name
    if kind == "Namespace":
        if name.lower() not in (n.lower() for n in ev.ctx.using_namespaces):
            ev.ctx.using_namespaces.append(name)
        return
    low = name.lower()
    if kind == "Module" and low in _KNOWN_MODULES:
        return
    if kind == "Assembly" and low.split(",")[0].strip() in _KNOWN_ASSEMBLIES:
        return
    if kind == "Module":
        message, error_id = f"Could not find the module '{name}'.", "ModuleNotFoundDuringParse"
    else:
        message, error_id = f"Cannot load assembly '{name}'.", "ErrorLoadingAssembly"
    err = PSRuntimeError(message, error_id=error_id, category="ParserError",
                         exception_type="System.Management.Automation.ParseException")
    err.node_extent = node.extent
    err.script_terminating = True
    raise err


_KNOWN_MODULES = {"failoverclusters", "microsoft.exchange.management.powershell.e2010",
                  "microsoft.exchange.management.powershell.snapin", "microsoft.powershell.management",
                  "microsoft.powershell.utility"}
_KNOWN_ASSEMBLIES = {"system", "system.core", "system.management.automation", "mscorlib",
                     "microsoft.exchange.management", "microsoft.exchange.data"}


def prepare_script(ev: Any, script: A.ScriptBlockAst) -> None:
    """Before a script runs: PowerShell 5 knows its classes, enums and `using` statements at parse
    time, so a type is usable above its definition (a base class may come after its child)."""
    lines = getattr(ev.ctx, "source_lines", None) or []
    if ev.ctx.profile.ps_major < 5 or not any(k in line.lower() for line in lines for k in _KEYWORDS):
        return
    top = script.end_block.statements if script.end_block is not None else ()
    for stmt in top:
        if isinstance(stmt, A.UsingStatementAst):
            using_statement(ev, stmt)
    pending = [s for s in top if isinstance(s, A.TypeDefinitionAst)]
    while pending:
        left = []
        for node in pending:
            try:
                define_type(ev, node)
            except PSRuntimeError:
                left.append(node)
        if len(left) == len(pending):
            return                        # the statement itself reports the missing base type
        pending = left


_KEYWORDS = ("class", "enum", "using")
