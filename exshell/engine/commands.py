"""CommandProcessor: finds the command a name stands for (alias, function, cmdlet) and runs it as
a pipeline stage — binding arguments, then begin/process/end."""

from __future__ import annotations

from typing import Any

import attrs

from cmdlets.api.cmdlet import Cmdlet, CommandMetadata
from cmdlets.api.errors import CmdletError, ErrorRecord, InvocationInfo
from exshell.engine import conversion as conv
from exshell.engine import messages, script_files
from exshell.engine.binder import Arg, Binding, BindingError, NO_VALUE, ParameterBinder
from exshell.engine.errors import FlowControl, OperationStopped, PSRuntimeError, StopPipeline
from exshell.engine.paramtypes import NOT_FOUND, convert_argument, piped_object_fits, value_for_property_binding
from exshell.engine.pipeline import Stage, not_bound_error
from exshell.language import ast as A


def command_name(ev: Any, node: A.CommandAst) -> Any:
    first = node.command_elements[0]
    if isinstance(first, A.StringConstantExpressionAst):
        return first.value
    return ev.evaluate(first)


def evaluate_args(ev: Any, node: A.CommandAst) -> list[Arg]:
    args: list[Arg] = []
    for element in node.command_elements[1:]:
        if isinstance(element, A.CommandParameterAst):
            colon = element.argument is not None
            value = ev.evaluate(element.argument) if colon else NO_VALUE
            args.append(Arg(element.parameter_name, value, colon, "-" + element.parameter_name, element.extent))
        elif isinstance(element, A.VariableExpressionAst) and element.splatted:
            args.extend(_splat(ev.get_variable(element.variable_path), element.extent))
        else:
            value = ev.evaluate(element)
            args.append(Arg(None, value, False, element.extent.text if element.extent else "", element.extent))
    return args


def _splat(value: Any, extent: Any) -> list[Arg]:
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            out.append(Arg(conv.to_string(k), v, True, "-" + conv.to_string(k), extent))
        return out
    return [Arg(None, v, False, conv.to_string(v), extent) for v in conv.to_array(value)]


def make_stage(ev: Any, node: A.CommandAst, position: int, first: bool, pipeline_length: int) -> Stage:
    from exshell.engine.context import FunctionInfo, ScriptBlock
    from exshell.engine.functions import FunctionStage

    name = command_name(ev, node)
    invocation = _invocation(ev, node, name)
    if isinstance(name, ScriptBlock):
        return FunctionStage(ev, name.function_info(), node, invocation, first,
                             dot=node.invocation_operator == ".", position=position)
    if isinstance(name, FunctionInfo):
        return FunctionStage(ev, name, node, invocation, first, position=position)
    text = conv.to_string(name)
    script = script_files.find(ev.ctx, text)
    if script is not None:
        return _script_stage(ev, script, node, invocation, first, position)
    resolved = ev.ctx.resolve_command(text, ev.scope)
    if resolved is None:
        if script_files.in_current_location(ev.ctx, text) and not getattr(ev, "script_name", ""):
            ev.ctx.__dict__.setdefault("suggestions", []).append(script_files.suggestion(text))
        if ev.ctx.profile.ps_major >= 3:
            invocation = _name_only(invocation, node)
        if node.invocation_operator in ("&", "."):    # nothing was found: the console names the operator
            invocation = attrs.evolve(invocation, command_name=node.invocation_operator)
        record = ErrorRecord(
            message=messages.text("CommandNotFoundException", name=text), category="ObjectNotFound",
            error_id="CommandNotFoundException",
            exception_type="System.Management.Automation.CommandNotFoundException", target=text,
            target_type="String", invocation=invocation, terminating=True)
        raise PSRuntimeError(record.message, record=record)
    if isinstance(resolved, FunctionInfo):
        return FunctionStage(ev, resolved, node, invocation, first, dot=node.invocation_operator == ".",
                             position=position)
    return CmdletStage(ev, resolved, node, invocation, first, position)


def _script_stage(ev: Any, script: Any, node: A.CommandAst, invocation: InvocationInfo, first: bool,
                  position: int) -> Stage:
    """A script file: the command that implements it, or its text run in a script scope."""
    if script.implementation is not None:
        return CmdletStage(ev, script.implementation, node, attrs.evolve(invocation, command_name=script.path),
                           first, position)
    return script_files.ScriptFileStage(ev, script, node, invocation, first, dot=node.invocation_operator == ".",
                                        position=position)


def _invocation(ev: Any, node: A.CommandAst, name: Any) -> InvocationInfo:
    """Where the command stands. PowerShell 2.0 puts its `<<<<` after the command's name (after
    the operator for `&` and `.`: `+ & <<<<  'C:\\x.ps1'`); 3.0 and later underline the whole
    command, from the element after the operator to its last argument on that line."""
    ext = node.extent
    if ext is None:
        return InvocationInfo(command_name=conv.to_string(name))
    first = node.command_elements[0]
    line, column = ext.start_line, ext.start_column
    if ev.ctx.profile.ps_major < 3:
        length = 1 if node.invocation_operator in ("&", ".") else len(first.extent.text) if first.extent else 1
    else:
        if node.invocation_operator in ("&", ".") and first.extent is not None:
            line, column = first.extent.start_line, first.extent.start_column
        end = ext.end_column if ext.end_line == line else len(ev.source_line(line).rstrip("\r\n")) + 1
        length = end - column
    return InvocationInfo(command_name=conv.to_string(name), script_name=getattr(ev, "script_name", ""),
                          line=line, column=column, line_text=ev.source_line(line), length=max(1, length))


def _name_only(invocation: InvocationInfo, node: A.CommandAst) -> InvocationInfo:
    """A command that is not found is marked at its name alone."""
    first = node.command_elements[0]
    if first.extent is None or invocation.line == 0:
        return invocation
    return attrs.evolve(invocation, line=first.extent.start_line, column=first.extent.start_column,
                        length=max(1, len(first.extent.text.split("\n", 1)[0])))


class CmdletStage(Stage):
    """A compiled cmdlet in a pipeline."""

    def __init__(self, ev: Any, cls: type[Cmdlet], node: A.CommandAst, invocation: InvocationInfo, first: bool,
                 position: int = 1):
        from exshell.engine.runtime import CmdletRuntime
        self.position = position
        self.ev = ev
        self.cls = cls
        self.node = node
        self.invocation = invocation
        self.first = first
        self.meta: CommandMetadata = cls.metadata(ev.ctx.profile)
        self.binder = ParameterBinder(self.meta)
        self.runtime = CmdletRuntime(ev, self)
        self.cmdlet = cls(self.runtime, invocation)
        self.binding: Binding | None = None
        self.checks = not getattr(cls, "from_catalog", False)
        self.merge_errors = False
        self.drop_streams: set[str] = set()

    # -- binding ---------------------------------------------------------------------------
    def begin(self) -> None:
        args = evaluate_args(self.ev, self.node)
        if getattr(self.cls, "native_arguments", False):     # a native program: it parses its own argv
            self.cmdlet.arguments = native_argv(args)
            self._guard(self.cmdlet.begin_processing)
            return
        try:
            binding, leftovers = self.binder.bind_arguments(args)
            if leftovers:
                raise BindingError("PositionalParameterNotFound", messages.text(
                    "PositionalParameterNotFound", arg=_arg_text(leftovers[0], self.ev.ctx.profile.ps_major)),
                    extent=leftovers[0].extent)
            self.binding = binding
            self.delayed: dict[str, tuple[Any, Any]] = {}
            for key, (decl, value) in list(binding.values.items()):
                if _delay_bound(decl, value):
                    if self.first:
                        raise BindingError("ScriptBlockArgumentNoInput", messages.text(
                            "ScriptBlockArgumentNoInput", name=decl.name), category="MetadataError")
                    self.delayed[key] = (decl, value)
                    continue
                try:
                    converted = convert_argument(decl, value, self.ev, mandatory_checks=self.checks)
                except BindingError as err:             # 3.0+ marks the argument that failed
                    if self.ev.ctx.profile.ps_major >= 3:
                        err.node_extent = err.node_extent or binding.extents.get(key)
                    raise
                binding.values[key] = (decl, converted)
                self._apply(decl, converted)
            if self.first:
                self._finish_binding()
        except BindingError as err:
            raise self._binding_failure(err) from None
        self._guard(self.cmdlet.begin_processing)

    def _apply(self, decl: Any, value: Any) -> None:
        low = decl.name.lower()
        if low in _COMMON:
            self.runtime.apply_common(decl.name, value)
        self.cmdlet.bind(decl, value)

    def _finish_binding(self) -> None:
        assert self.binding is not None
        set_name = self.binder.choose_set(self.binding)
        missing = self.binder.missing_mandatory(self.binding, set_name)
        if missing:
            self._ask_mandatory(missing)
        self.cmdlet.parameter_set_name = set_name

    def _ask_mandatory(self, missing: list[Any]) -> None:
        def bind(decl: Any, value: Any) -> None:
            self.binding.values[decl.name.lower()] = (decl, value)
            self._apply(decl, value)
        ask_mandatory(self.ev, self.cls.name, self.position, missing, bind)

    def _binding_failure(self, err: BindingError) -> PSRuntimeError:
        # a binding error names the cmdlet, not the alias it was called by (`Invoke-Expression :`
        # for `iex $null`): its invocation carries no invocation name; a script keeps its path
        invocation = self.invocation
        if invocation is not None and not script_files.has_separator(invocation.command_name):
            invocation = attrs.evolve(invocation, command_name=self.cls.name)
        return binding_failure(err, self.cls.name, self.cls.full_type_name(), invocation)

    # -- records -----------------------------------------------------------------------------
    def run_first(self) -> None:
        self._guard(self.cmdlet.process_record)

    def process(self, item: Any) -> None:
        self.ev.ctx.tick()
        if self.binding is None:
            return
        try:
            self._bind_delayed(item)
            bound_any = self._bind_pipeline(item)
            if not bound_any and self.delayed:      # the input went to the delay-bind blocks
                self._finish_binding()
                bound_any = True
        except BindingError as err:
            self.runtime.write_error(self._binding_failure(err).record)
            return
        if not bound_any:
            refused = getattr(self, "_refused", None)
            self.runtime.write_error(self._binding_failure(refused).record if refused is not None
                                     else not_bound_error(self.cls.name, item, self.invocation))
            return
        self._guard(self.cmdlet.process_record)
        self._unbind_pipeline()

    def _bind_delayed(self, item: Any) -> None:
        """Delay-bind script blocks (`| Set-X -Name { $_.Name + '2' }`): run per input object."""
        for key, (decl, block) in self.delayed.items():
            out = self.ev.invoke_scriptblock(block, dollar_under=item)
            converted = convert_argument(decl, out[0] if len(out) == 1 else (out or None), self.ev,
                                         mandatory_checks=self.checks)
            self.binding.values[key] = (decl, converted)
            self._apply(decl, converted)

    def _bind_pipeline(self, item: Any) -> bool:
        assert self.binding is not None
        self._pipeline_bound: list[str] = []
        self._refused: BindingError | None = None
        for by_name in (False, True):
            for decl in self.binder.pipeline_candidates(self.binding, by_name):
                if decl.name.lower() in self._pipeline_bound:
                    continue          # bound by value already: by property name does not rebind it
                value = item if not by_name else value_for_property_binding(item, decl)
                if value is NOT_FOUND or (not by_name and not piped_object_fits(decl, item)):
                    continue
                try:
                    converted = convert_argument(decl, value, self.ev, mandatory_checks=self.checks)
                except BindingError as err:
                    if not by_name and err.error_id.endswith("NotAllowed"):
                        self._refused = err           # $null piped to a parameter that takes none
                    continue
                self.binding.values[decl.name.lower()] = (decl, converted)
                self.cmdlet.bind(decl, converted)
                self._pipeline_bound.append(decl.name.lower())
        if not self._pipeline_bound:
            return False
        self.binding.candidate_sets = [
            s for s in self.binding.candidate_sets
            if all(s in d.sets or "__AllParameterSets" in d.sets
                   for d, _ in (self.binding.values[k] for k in self._pipeline_bound))] or self.binding.candidate_sets
        self._finish_binding()
        return True

    def _unbind_pipeline(self) -> None:
        assert self.binding is not None
        for key in getattr(self, "_pipeline_bound", []):
            decl, _ = self.binding.values.pop(key)
            self.cmdlet.bound.pop(decl.name, None)
            if decl.attr:
                setattr(self.cmdlet, decl.attr, decl.default)

    def end(self) -> None:
        if self.binding is None:
            return
        if not self.first and not getattr(self, "_processed_any", False) and self.binding is not None:
            try:
                self._finish_binding()
            except BindingError as err:
                raise self._binding_failure(err) from None
        self._guard(self.cmdlet.end_processing)

    # -- errors ---------------------------------------------------------------------------------
    def _guard(self, step: Any) -> None:
        self._processed_any = True
        try:
            step()
        except CmdletError as exc:
            if exc.terminating:
                err = PSRuntimeError(exc.record.message, record=exc.record)
                raise err from None
            self.runtime.write_error(exc.record)
        except (PSRuntimeError, FlowControl, OperationStopped, StopPipeline):
            raise
        except RecursionError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug must surface as a record, never a traceback
            record = ErrorRecord(
                message=messages.text("InternalError", command=self.cls.name, detail=f"{type(exc).__name__}: {exc}"),
                category="NotSpecified", error_id="InternalError", exception_type="exshell.InternalError",
                activity=self.cls.name, command_type=self.cls.full_type_name(), invocation=self.invocation)
            raise PSRuntimeError(record.message, record=record) from None


def _delay_bound(decl: Any, value: Any) -> bool:
    """A script block given to a pipeline-input parameter that does not take script blocks is
    evaluated for each input object instead (PowerShell's delay-bind)."""
    if type(value).__name__ != "ScriptBlock" or decl.type in ("ScriptBlock", "ScriptBlock[]", "Object", "Object[]"):
        return False
    return any(m.from_pipeline or m.from_pipeline_by_name for m in decl.sets.values())


def binding_failure(err: BindingError, activity: str, command_type: str, invocation: InvocationInfo | None
                    ) -> PSRuntimeError:
    """A ParameterBindingException record naming the command; the position is the offending
    argument's when known, else the command's."""
    ext = getattr(err, "node_extent", None)
    if ext is not None and invocation is not None:
        invocation = attrs.evolve(invocation, line=ext.start_line, column=ext.start_column,
                                  length=max(1, len(ext.text)))
    record = ErrorRecord(
        message=err.message, category=err.category, error_id=err.error_id, exception_type=err.exception_type,
        target=None, activity=activity, command_type=command_type, invocation=invocation, terminating=True)
    return PSRuntimeError(err.message, record=record)


def ask_mandatory(ev: Any, command: str, position: int, missing: list[Any], bind: Any) -> None:
    """Missing mandatory parameters: the console asks for each one, as PowerShell's host does
    ("Supply values for the following parameters:"); an array parameter takes one value per line
    until an empty line. Without anyone to ask, MissingMandatoryParameter."""
    ctx = ev.ctx
    if not (ctx.interactive and (ctx.prompt_answers or ctx.prompt_handler is not None)):
        raise BindingError("MissingMandatoryParameter", messages.text(
            "MissingMandatoryParameter", names=", ".join(d.name for d in missing)), category="InvalidArgument")
    # the heading goes out with the first question, so a live console shows it before asking
    heading = f"cmdlet {command} at command pipeline position {position}\nSupply values for the following parameters:\n"
    for decl in missing:
        value = _prompt_value(ctx, decl, heading)
        heading = ""
        bind(decl, convert_argument(decl, value, ev))


def _prompt_value(ctx: Any, decl: Any, heading: str) -> Any:
    if decl.type.endswith("[]"):
        values: list[Any] = []
        while True:
            answer = ctx.ask(f"{heading}{decl.name}[{len(values)}]: ")
            heading = ""
            if not answer:
                break
            values.append(answer)
        if answer is None and not values:
            raise BindingError("MissingMandatoryParameter", messages.text("MissingMandatoryParameter",
                                                                          names=decl.name), category="InvalidArgument")
        return values
    answer = ctx.ask(f"{heading}{decl.name}: ")
    if answer is None:
        raise BindingError("MissingMandatoryParameter", messages.text("MissingMandatoryParameter", names=decl.name),
                           category="InvalidArgument")
    if answer == "" and decl.type in ("String", "Object"):
        raise BindingError("ParameterArgumentValidationErrorEmptyStringNotAllowed",
                           messages.text("ArgumentEmptyString", name=decl.name), category="InvalidData",
                           exception="System.Management.Automation.ParameterBindingValidationException")
    return answer


_COMMON = {"erroraction", "warningaction", "errorvariable", "warningvariable", "outvariable", "verbose", "debug",
           "whatif", "confirm", "outbuffer", "pipelinevariable", "informationaction", "informationvariable"}


def native_argv(args: list[Arg]) -> list[str]:
    """Arguments as a native program receives them: strings, arrays spread, and pieces written
    without space between them (`/group:"Cluster Group"`) joined into one argument."""
    argv: list[str] = []
    last_end: tuple[int, int] | None = None
    for arg in args:
        if arg.name is not None:
            pieces = ["-" + arg.name + (":" + conv.to_string(arg.value) if arg.colon else "")]
        else:
            pieces = [conv.to_string(v) for v in conv.to_array(arg.value)] if isinstance(arg.value, list) \
                else [conv.to_string(arg.value)]
        ext = arg.extent
        start = (ext.start_line, ext.start_column) if ext is not None else None
        if argv and start is not None and start == last_end and len(pieces) == 1:
            argv[-1] += pieces[0]
        else:
            argv.extend(pieces)
        last_end = (ext.end_line, ext.end_column) if ext is not None else None
    return argv


def _arg_text(arg: Arg, ps_major: int = 2) -> str:
    """How a stray argument is quoted: its value as .NET prints it (`$false` -> False, an array
    -> System.Object[])."""
    if isinstance(arg.value, list):
        return "System.Object[]"
    return conv.to_string(arg.value)
