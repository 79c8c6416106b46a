"""Functions, filters and script blocks as pipeline stages, with their own scope, param()
binding through the same ParameterBinder as cmdlets, and begin/process/end blocks."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import CommandMetadata
from cmdlets.api.parameters import ALL_SETS, ParameterDecl, SetMembership
from cmdlets.api.values import PSHashtable
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine.binder import BindingError, ParameterBinder
from exshell.engine.context import FunctionInfo
from exshell.engine.errors import PSRuntimeError, ReturnException
from exshell.engine.pipeline import Stage
from exshell.engine.scopes import Scope
from exshell.language import ast as A


def function_metadata(fn: FunctionInfo, ev: Any) -> tuple[CommandMetadata, list[Any]]:
    params = list(fn.parameters)
    attrs_ = []
    if fn.body.param_block is not None:
        params = list(fn.body.param_block.parameters)
        attrs_ = list(fn.body.param_block.attributes)
    advanced = any(a.type_name.lower() == "cmdletbinding" for a in attrs_) or any(
        isinstance(at, A.AttributeAst) and at.type_name.lower() == "parameter" for p in params for at in p.attributes)
    decls = []
    auto_pos = 0
    for p in params:
        decls.append(_decl(p, auto_pos if not advanced else None, ev))
        auto_pos += 1
    if advanced:
        from cmdlets.api.parameters import common_parameters
        decls.extend(common_parameters(ev.ctx.profile.ps_major, False))
    set_names = sorted({s for d in decls for s in d.sets if s != ALL_SETS}) or [ALL_SETS]
    return CommandMetadata(fn.name, tuple(decls), tuple(set_names), None), params


def _decl(p: A.ParameterAst, auto_pos: int | None, ev: Any) -> ParameterDecl:
    name = p.name.variable_path
    type_name = "Object"
    mandatory, position, pipe, pipe_name, remaining = False, auto_pos, False, False, False
    aliases: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    set_name = ALL_SETS
    for at in p.attributes:
        if isinstance(at, A.TypeConstraintAst):
            type_name = _ps_type(at.type_name)
            continue
        low = at.type_name.lower()
        if low == "parameter":
            for na in at.named_arguments:
                key = na.argument_name.lower()
                val = ev.evaluate(na.argument)
                if key == "mandatory":
                    mandatory = conv.to_bool(val)
                elif key == "position":
                    position = conv.to_int(val)
                elif key == "valuefrompipeline":
                    pipe = conv.to_bool(val)
                elif key == "valuefrompipelinebypropertyname":
                    pipe_name = conv.to_bool(val)
                elif key == "parametersetname":
                    set_name = conv.to_string(val)
                elif key == "valuefromremainingarguments":
                    remaining = conv.to_bool(val)
        elif low == "alias":
            aliases = tuple(conv.to_string(ev.evaluate(a)) for a in at.positional_arguments)
        elif low == "validateset":
            values = tuple(conv.to_string(ev.evaluate(a)) for a in at.positional_arguments)
    membership = SetMembership(mandatory, position, pipe, pipe_name, remaining)
    return ParameterDecl(name=name, type=type_name, aliases=aliases, sets={set_name: membership}, values=values)


def _ps_type(type_name: str) -> str:
    full = conv.canonical_type(type_name)
    simple = {"System.String": "String", "System.Int32": "Int32", "System.Int64": "Int64",
              "System.Boolean": "Boolean", "System.Management.Automation.SwitchParameter": "SwitchParameter",
              "System.TimeSpan": "TimeSpan", "System.DateTime": "DateTime", "System.Double": "Double",
              "System.String[]": "String[]", "System.Int32[]": "Int32[]",
              "System.Management.Automation.ScriptBlock": "ScriptBlock", "System.Collections.Hashtable": "Hashtable"}
    return simple.get(full, "Object")


class FunctionStage(Stage):
    """A function, filter or script block invoked as a command."""

    def __init__(self, ev: Any, fn: FunctionInfo, node: A.CommandAst | None, invocation: Any, first: bool,
                 dot: bool = False):
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
        from exshell.engine.paramtypes import convert_argument

        ctx = self.ev.ctx
        ctx.call_depth += 1
        self._holds_depth = True
        if ctx.call_depth > ctx.MAX_CALL_DEPTH:
            raise PSRuntimeError(messages.text("CallDepthOverflow"), error_id="CallDepthOverflow",
                                 category="InvalidOperation",
                                 exception_type="System.Management.Automation.ScriptCallDepthException")
        self.scope = self.ev.scope if self.dot else Scope(self.ev.scope, kind="function")
        self.child = Evaluator(ctx, self.scope)
        self.child.script_name = getattr(self.ev, "script_name", "")
        args = evaluate_args(self.ev, self.node) if self.node is not None else getattr(self, "preset_args", [])
        meta, params = function_metadata(self.fn, self.ev)
        binder = ParameterBinder(meta)
        binding, leftovers = binder.bind_arguments(args)
        bound = PSHashtable()
        for key, (decl, value) in binding.values.items():
            value = convert_argument(decl, value, self.ev)
            bound[decl.name] = value
            self.scope.set_local(decl.name, value)
        for p in params:
            name = p.name.variable_path
            if name.lower() not in binding.values:
                default = self.child.evaluate(p.default_value) if p.default_value is not None else None
                if default is None and any(isinstance(a, A.TypeConstraintAst) and a.type_name.lower() == "switch"
                                           for a in p.attributes):
                    default = False
                self.scope.set_local(name, default)
        self.scope.set_local("args", [a.value for a in leftovers])
        self.scope.set_local("PSBoundParameters", bound)
        self.binder, self.binding = binder, binding
        self._run_block(self.fn.body.begin_block, None)

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

    def run_first(self) -> None:
        body = self.fn.body
        if self.fn.is_filter:
            self._run_block(body.end_block, None)
        elif body.process_block is not None:
            self._run_block(body.process_block, None)

    def process(self, item: Any) -> None:
        self.input.append(item)
        body = self.fn.body
        if self.fn.is_filter:
            self._run_block(body.end_block, item, True)
        elif body.process_block is not None:
            self._run_block(body.process_block, item, True)

    def end(self) -> None:
        try:
            self.scope.set_local("input", list(self.input))
            if not self.fn.is_filter:
                self._run_block(self.fn.body.end_block, None)
        finally:
            self.dispose()

    def dispose(self) -> None:
        if getattr(self, "_holds_depth", False):
            self._holds_depth = False
            self.ev.ctx.call_depth -= 1
