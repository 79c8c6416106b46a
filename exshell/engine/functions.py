"""Functions, filters and script blocks as pipeline stages, with their own scope, param()
binding through the same ParameterBinder as cmdlets, and begin/process/end blocks."""

from __future__ import annotations

import re
from typing import Any

import attrs

from cmdlets.api.cmdlet import CommandMetadata
from cmdlets.api.parameters import ALL_SETS, ParameterDecl, SetMembership
from cmdlets.api.values import PSHashtable, PSObject
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine.binder import BindingError, ParameterBinder
from exshell.engine.context import FunctionInfo
from exshell.engine.errors import PSRuntimeError, ReturnException
from exshell.engine.pipeline import Stage
from exshell.engine.scopes import Scope
from exshell.engine.script_cmdlet import COMMON, ScriptCmdlet, apply_common
from exshell.language import ast as A


def function_metadata(fn: FunctionInfo, ev: Any) -> tuple[CommandMetadata, list[Any]]:
    """A function's parameters as the binder sees them (computed once per definition). Without
    an explicit Position anywhere, parameters are positional in declaration order (the
    remaining-arguments one excepted), as PowerShell's positional binding does."""
    cached = getattr(fn, "_metadata", None)
    if cached is not None:
        return cached
    params = list(fn.parameters)
    attrs_ = []
    if fn.body.param_block is not None:
        params = list(fn.body.param_block.parameters)
        attrs_ = list(fn.body.param_block.attributes)
    binding_attr = next((a for a in attrs_ if a.type_name.lower() == "cmdletbinding"), None)
    advanced = binding_attr is not None or any(
        isinstance(at, A.AttributeAst) and at.type_name.lower() == "parameter" for p in params for at in p.attributes)
    decls = [_decl(p, None, ev) for p in params]
    positional = not any(m.position is not None for d in decls for m in d.sets.values()) and not any(
        na.argument_name.lower() == "positionalbinding" and not conv.to_bool(ev.evaluate(na.argument))
        for na in (binding_attr.named_arguments if binding_attr is not None else ()))
    if positional:
        auto = 0
        for i, d in enumerate(decls):
            if d.is_switch or any(m.from_remaining for m in d.sets.values()):
                continue                      # switches are never positional
            decls[i] = attrs.evolve(d, sets={k: attrs.evolve(m, position=auto) for k, m in d.sets.items()})
            auto += 1
    options = {na.argument_name.lower(): ev.evaluate(na.argument) if na.argument is not None else True
               for na in (binding_attr.named_arguments if binding_attr is not None else ())}
    should_process = conv.to_bool(options.get("supportsshouldprocess", False))
    if advanced:
        from cmdlets.api.parameters import common_parameters
        decls.extend(common_parameters(ev.ctx.profile.ps_major, should_process))
    set_names = sorted({s for d in decls for s in d.sets if s != ALL_SETS}) or [ALL_SETS]
    default_set = conv.to_string(options["defaultparametersetname"]) if "defaultparametersetname" in options \
        else None
    meta = CommandMetadata(fn.name, tuple(decls), tuple(set_names), default_set, should_process,
                           conv.to_string(options.get("confirmimpact", "Medium")))
    fn._metadata = (meta, params)
    return fn._metadata


# [Parameter(...)] named arguments -> SetMembership fields
_MEMBERSHIP = {"mandatory": "mandatory", "position": "position", "valuefrompipeline": "from_pipeline",
               "valuefrompipelinebypropertyname": "from_pipeline_by_name",
               "valuefromremainingarguments": "from_remaining"}


def _membership(at: A.AttributeAst, ev: Any) -> tuple[str, SetMembership]:
    """One [Parameter()] attribute: its set and how the parameter takes part in it."""
    fields: dict[str, Any] = {}
    set_name = ALL_SETS
    for na in at.named_arguments:
        key = na.argument_name.lower()
        val = ev.evaluate(na.argument) if na.argument is not None else True
        if key == "parametersetname":
            set_name = conv.to_string(val)
        elif key == "position":
            fields["position"] = conv.to_int(val)
        elif key in _MEMBERSHIP:
            fields[_MEMBERSHIP[key]] = conv.to_bool(val)
    return set_name, SetMembership(**fields)


def _decl(p: A.ParameterAst, auto_pos: int | None, ev: Any) -> ParameterDecl:
    """A script parameter as the binder sees it; several [Parameter()] attributes put it in
    several parameter sets."""
    type_name = "Object"
    sets: dict[str, SetMembership] = {}
    extra: dict[str, Any] = {}
    for at in p.attributes:
        if isinstance(at, A.TypeConstraintAst):
            type_name = _ps_type(at.type_name)
            continue
        low = at.type_name.lower()
        args = [ev.evaluate(a) for a in at.positional_arguments] if low != "parameter" else []
        if low == "parameter":
            set_name, membership = _membership(at, ev)
            sets[set_name] = membership
        elif low == "alias":
            extra["aliases"] = tuple(conv.to_string(a) for a in args)
        elif low == "validateset":
            extra["values"] = tuple(conv.to_string(a) for a in args)
        elif low == "validaterange" and len(args) == 2:
            extra["validate_range"] = tuple(args)
        elif low == "validatenotnullorempty":
            extra["validate_not_null_or_empty"] = True
        elif low in ("allownull", "allowemptystring"):
            extra["allow_null" if low == "allownull" else "allow_empty_string"] = True
        elif low == "validatepattern" and args:
            extra["validate_pattern"] = conv.to_string(args[0])
    return ParameterDecl(name=p.name.variable_path, type=type_name,
                         sets=sets or {ALL_SETS: SetMembership(position=auto_pos)}, **extra)


def _ps_type(type_name: str) -> str:
    full = conv.canonical_type(type_name)
    simple = {"System.String": "String", "System.Int32": "Int32", "System.Int64": "Int64",
              "System.Boolean": "Boolean", "System.Management.Automation.SwitchParameter": "SwitchParameter",
              "System.TimeSpan": "TimeSpan", "System.DateTime": "DateTime", "System.Double": "Double",
              "System.String[]": "String[]", "System.Int32[]": "Int32[]",
              "System.Management.Automation.ScriptBlock": "ScriptBlock", "System.Collections.Hashtable": "Hashtable"}
    return simple.get(full, "Object")


class ScriptParameters:
    """A function's or script's param() block bound to its arguments, into its scope: the
    variables, $PSBoundParameters, $args; then, per pipeline object, ValueFromPipeline and
    ValueFromPipelineByPropertyName parameters."""

    def __init__(self, ev: Any, fn: FunctionInfo, scope: Scope, child: Any):
        self.ev, self.fn, self.scope, self.child = ev, fn, scope, child
        self.meta, self.params = function_metadata(fn, ev)
        self.binder = ParameterBinder(self.meta)
        self.bound = PSHashtable()
        self.own = {p.name.variable_path.lower() for p in self.params}

    def bind(self, args: list[Any], check_mandatory: bool = True, position: int = 1) -> None:
        binding, leftovers = self.binder.bind_arguments(args)
        self.binding = binding
        for key, (decl, value) in binding.values.items():
            self._set(decl, value)
        for p in self.params:
            name = p.name.variable_path
            if name.lower() not in binding.values:
                default = self.child.evaluate(p.default_value) if p.default_value is not None else None
                self.scope.set_local(name, _typed_default(p, default, self.ev))
        self.scope.set_local("args", [a.value for a in leftovers])
        self.scope.set_local("PSBoundParameters", self.bound)
        self._check_mandatory(position, skip_pipeline=not check_mandatory)

    def _set(self, decl: Any, value: Any) -> None:
        from exshell.engine.paramtypes import convert_argument
        try:
            value = convert_argument(decl, value, self.ev)
        except BindingError as err:
            if err.error_id != "CannotConvertArgumentNoMessage":
                raise
            # a script parameter's type is an argument transformation, so it fails as one
            raise BindingError("ParameterArgumentTransformationError", messages.text(
                "ParameterArgumentTransformationError", name=decl.name, detail=err.message.split(". ", 1)[-1]),
                category="InvalidData", target=decl.name, extent=err.node_extent,
                exception="System.Management.Automation.ParameterBindingArgumentTransformationException") from None
        self.binding.values[decl.name.lower()] = (decl, value)
        self.bound[decl.name] = value
        if decl.name.lower() in COMMON and decl.name.lower() not in self.own:
            apply_common(self.scope, decl.name, value)
        else:
            self.scope.set_local(decl.name, value)

    @property
    def advanced(self) -> bool:
        """[CmdletBinding()] or [Parameter()]: the common parameters were added."""
        return any(d.name == "Verbose" for d in self.meta.parameters) and "verbose" not in self.own

    def parameter_set(self) -> str:
        try:
            return self.binder.choose_set(self.binding)
        except BindingError:
            return (self.binding.candidate_sets or [ALL_SETS])[0]

    def _check_mandatory(self, position: int, skip_pipeline: bool) -> None:
        from exshell.engine.commands import ask_mandatory
        missing = self.binder.missing_mandatory(self.binding, self.parameter_set(), skip_pipeline=skip_pipeline)
        if missing:
            ask_mandatory(self.ev, self.fn.name or "<ScriptBlock>", position, missing, self._set)

    def bind_pipeline(self, item: Any, position: int) -> None:
        from exshell.engine.paramtypes import NOT_FOUND, value_for_property_binding
        taken: set[str] = set()
        for by_name in (False, True):
            for decl in self.binder.pipeline_candidates(self.binding, by_name):
                value = item if not by_name else value_for_property_binding(item, decl)
                if value is NOT_FOUND or decl.name.lower() in taken:
                    continue
                try:
                    self._set(decl, value)
                except BindingError:
                    continue
                taken.add(decl.name.lower())
        if taken:
            self._check_mandatory(position, skip_pipeline=False)


_NUMBER = re.compile(r"^-\d")


def script_arguments(argv: list[str]) -> list[Any]:
    """Command-line words as `-File` passes them: `-Name` names a parameter (`-Name:value` too,
    with `$true`/`$false` as Booleans), anything else is a value (a string)."""
    from exshell.engine.binder import Arg
    args = []
    for word in argv:
        if word.startswith("-") and len(word) > 1 and not _NUMBER.match(word):
            name, colon, value = word[1:].partition(":")
            if colon:
                flag = {"$true": True, "$false": False}.get(value.lower(), value)
                args.append(Arg(name, flag, True, word))
            else:
                args.append(Arg(name, text=word))
        else:
            args.append(Arg(None, word, False, word))
    return args


class _ScriptFileStage:
    """The script file as the command $PSCmdlet speaks for (its output goes to the script's)."""

    merge_errors = False
    drop_streams: frozenset = frozenset()

    def __init__(self, ev: Any, fn: FunctionInfo, invocation: Any, emit: Any):
        self.ev, self.child, self.scope, self.fn = ev, ev, ev.scope, fn
        self.invocation, self.downstream = invocation, emit


def bind_script_arguments(ev: Any, script: A.ScriptBlockAst, argv: list[str], emit: Any = None) -> None:
    """Bind a script file's arguments to its param() block in the script's scope, with $MyInvocation,
    $PSCommandPath and $PSScriptRoot (3.0+); a binding error stops the script before it starts."""
    from exshell.engine.commands import binding_failure
    from cmdlets.api.errors import InvocationInfo
    path = getattr(ev, "script_name", "") or "<script>"
    if "\\" not in path:
        path = f"C:\\Scripts\\{path}"
    folder, _, name = path.rpartition("\\")
    fn = FunctionInfo(name=name, body=script, text="")
    invocation = InvocationInfo(command_name=path, line=1, column=1, line_text=" ".join([path, *argv]),
                                length=len(path))
    try:
        params = ScriptParameters(ev, fn, ev.scope, ev)
        params.bind(script_arguments(argv))
    except BindingError as err:
        failure = binding_failure(err, name, name, invocation)
        failure.script_terminating = True
        raise failure from None
    from exshell.engine.script_files import external_script_info
    ev.scope.set_local("MyInvocation", external_script_info(path, path, invocation.line_text, params.bound,
                                                            ev.scope.get("args")))
    if ev.ctx.profile.ps_major >= 3:           # 2.0 has them only in modules, as for a script called by path
        ev.scope.set_local("PSCommandPath", path)
        ev.scope.set_local("PSScriptRoot", folder + "\\" if len(folder) == 2 else folder)
    if params.advanced:
        stage = _ScriptFileStage(ev, fn, invocation, emit or (lambda value: None))
        ev.scope.set_local("PSCmdlet", ScriptCmdlet(stage, params.meta.confirm_impact, params.parameter_set()))


_VALUE_TYPES = {"switch", "bool", "boolean", "int", "int32", "long", "int64", "double", "decimal", "string",
                "system.string", "system.int32", "system.boolean", "system.double"}


def _typed_default(p: A.ParameterAst, default: Any, ev: Any) -> Any:
    """An unbound typed parameter holds its type's default ([int] 0, [string] '', [switch] off)."""
    constraint = next((a.type_name for a in p.attributes if isinstance(a, A.TypeConstraintAst)), None)
    if constraint is None:
        return default
    if constraint.lower() == "switch":
        return conv.to_bool(default)
    if default is None and constraint.lower() not in _VALUE_TYPES:
        return None
    return ev.convert(default, constraint)


def invocation_info(fn: FunctionInfo, invocation: Any, node: Any) -> PSObject:
    """$MyInvocation inside a function: the command, how it was called, where."""
    command = PSObject(("System.Management.Automation.FunctionInfo", "System.Management.Automation.CommandInfo",
                        "System.Object"),
                       [("Name", fn.name), ("CommandType", "Filter" if fn.is_filter else "Function"),
                        ("Definition", fn.text), ("ScriptBlock", fn.text)], to_string=fn.name)
    name = fn.name
    if node is not None and node.command_elements and node.command_elements[0].extent is not None:
        name = node.command_elements[0].extent.text
    script = getattr(invocation, "script_name", "") or ""
    path = script if "\\" in script else (f"C:\\Scripts\\{script}" if script else "")   # -File copies to C:\Scripts
    return PSObject(("System.Management.Automation.InvocationInfo", "System.Object"), [
        ("MyCommand", command), ("BoundParameters", PSHashtable()), ("UnboundArguments", []),
        ("ScriptLineNumber", getattr(invocation, "line", 0)), ("OffsetInLine", getattr(invocation, "column", 0)),
        ("HistoryId", 1), ("ScriptName", path), ("Line", getattr(invocation, "line_text", "")),
        ("PositionMessage", ""), ("PSScriptRoot", path.rsplit("\\", 1)[0] if path else ""), ("PSCommandPath", path),
        ("InvocationName", name), ("PipelineLength", 1), ("PipelinePosition", 1), ("ExpectingInput", False),
        ("CommandOrigin", "Internal")])


class FunctionStage(Stage):
    """A function, filter or script block invoked as a command."""

    scope_kind = "function"

    def __init__(self, ev: Any, fn: FunctionInfo, node: A.CommandAst | None, invocation: Any, first: bool,
                 dot: bool = False, position: int = 1):
        self.position = position
        self.ev = ev
        self.fn = fn
        self.node = node
        self.invocation = invocation
        self.first = first
        self.dot = dot
        self.input: list[Any] = []
        self.merge_errors = False

    def begin(self) -> None:
        from exshell.engine.commands import evaluate_args
        from exshell.engine.evaluator import Evaluator

        ctx = self.ev.ctx
        ctx.call_depth += 1
        self._holds_depth = True
        if ctx.call_depth > ctx.MAX_CALL_DEPTH:
            raise PSRuntimeError(messages.text("CallDepthOverflow"), error_id="CallDepthOverflow",
                                 category="InvalidOperation",
                                 exception_type="System.Management.Automation.ScriptCallDepthException")
        self.scope = self.ev.scope if self.dot else Scope(self.ev.scope, kind=self.scope_kind)
        self.child = Evaluator(ctx, self.scope)
        origin = self.fn.origin or (getattr(self.ev, "script_name", ""), getattr(self.ev, "source_lines", None))
        self.child.script_name, self.child.source_lines = origin
        self.child.in_function = True
        if self.fn.name and self.invocation is not None:     # Write-Error inside reports as the function
            self.child.function_invocation = (self.fn.name, self.invocation)
        elif self.dot:
            self.child.function_invocation = getattr(self.ev, "function_invocation", None)
        args = evaluate_args(self.ev, self.node) if self.node is not None else getattr(self, "preset_args", [])
        self.params: ScriptParameters | None = None
        if self.dot and self.node is None and not args and not function_metadata(self.fn, self.ev)[1]:
            # a block run in its caller's scope (ForEach-Object, Where-Object) leaves the caller's
            # $args, $input and $PSBoundParameters alone
            self._run_block(self.fn.body.begin_block, None)
            return
        try:
            self.params = ScriptParameters(self.ev, self.fn, self.scope, self.child)
            self.params.bind(args, check_mandatory=self.first, position=getattr(self, "position", 1))
        except BindingError as err:
            raise self._binding_failure(err) from None
        self.automatic_variables()
        if self.params.advanced:
            self.scope.set_local("PSCmdlet", ScriptCmdlet(self, self.params.meta.confirm_impact,
                                                          self.params.parameter_set()))
        self._run_block(self.fn.body.begin_block, None)

    def automatic_variables(self) -> None:
        """$MyInvocation (and, for a script file, its path variables) once the arguments are bound."""
        if self.fn.name:
            self.scope.set_local("MyInvocation", invocation_info(self.fn, self.invocation, self.node))

    def _binding_failure(self, err: BindingError) -> PSRuntimeError:
        """A function's binding error names it as a cmdlet's would (`f : ...`, `Id,f`)."""
        if not self.fn.name:
            return err
        from exshell.engine.commands import binding_failure
        return binding_failure(err, self.fn.name, self.fn.name, self.invocation)

    def _run_block(self, block: A.NamedBlockAst | None, item: Any, has_item: bool = False) -> None:
        if block is None:
            return
        if has_item:
            self.scope.set_local("_", item)
            self.scope.set_local("PSItem", item)
        try:
            self.child.run_statements(block.statements, self.downstream, block.traps)
        except ReturnException:
            pass
        except PSRuntimeError as err:       # `throw` and -ErrorAction Stop leave with their place in the code
            if self.fn.origin is not None:
                self.child.place(err)
            raise

    def run_first(self) -> None:
        body = self.fn.body
        if self.fn.is_filter:
            self._run_block(body.end_block, None)
        elif body.process_block is not None:
            self._run_block(body.process_block, None)

    def process(self, item: Any) -> None:
        self.input.append(item)
        if self.params is not None:
            try:
                self.params.bind_pipeline(item, getattr(self, "position", 1))
            except BindingError as err:
                raise self._binding_failure(err) from None
            self.scope.set_local("input", [item])
        body = self.fn.body
        if self.fn.is_filter:
            self._run_block(body.end_block, item, True)
        elif body.process_block is not None:
            self._run_block(body.process_block, item, True)

    def end(self) -> None:
        try:
            if self.params is not None:
                self.scope.set_local("input", list(self.input))
            if not self.fn.is_filter:
                self._run_block(self.fn.body.end_block, None)
        finally:
            self.dispose()

    def dispose(self) -> None:
        if getattr(self, "_holds_depth", False):
            self._holds_depth = False
            self.ev.ctx.call_depth -= 1
