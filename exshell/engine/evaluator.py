"""The evaluator: one ``visit_<Node>`` per statement node of the syntax tree.

Statements write their output through an ``emit`` callable (the enclosing pipeline or script
output); expressions are evaluated by ``exshell.engine.expressions``. Terminating errors travel as
``PSRuntimeError``; each statement reports the ones nobody catches and the script goes on, except
script-terminating ones (`throw`, -ErrorAction Stop), which end the script.
"""

from __future__ import annotations

from typing import Any, Callable

from cmdlets.api.errors import CmdletError, ErrorRecord, InvocationInfo
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine import operators as ops
from exshell.engine.context import ExecutionContext, FunctionInfo
from exshell.engine.errors import (
    BreakException, ContinueException, ExitException, FlowControl, OperationStopped, PSRuntimeError,
    ReturnException,
)
from exshell.engine.expressions import ExpressionEvaluator
from exshell.engine.scopes import Scope
from exshell.language import ast as A

Emit = Callable[[Any], None]


class Evaluator(ExpressionEvaluator):
    """Runs statements in a scope of a session."""

    def __init__(self, ctx: ExecutionContext, scope: Scope | None = None):
        self.ctx = ctx
        self.scope = scope or ctx.global_scope

    # -- blocks ---------------------------------------------------------------------------
    def run_script(self, script: A.ScriptBlockAst, emit: Emit) -> None:
        """A whole script at the top of a session: statements report their own errors. A script
        file run with arguments (`exshell -File x.ps1 -Name v`) binds them to its param() block."""
        from exshell.engine.classes import prepare_script
        from exshell.engine.language_version import check_script
        check_script(self, script)
        prepare_script(self, script)
        argv = getattr(self, "script_args", None)
        if argv is not None:
            from exshell.engine.functions import bind_script_arguments
            bind_script_arguments(self, script, argv, emit)
        elif script.param_block is not None:
            for p in script.param_block.parameters:
                name = p.name.variable_path
                if not self.scope.has(name):
                    default = self.evaluate(p.default_value) if p.default_value is not None else None
                    self.scope.set_local(name, default)
        for block in (script.begin_block, script.process_block, script.end_block):
            if block is not None:
                self.run_statements(block.statements, emit, block.traps)

    def run_statements(self, statements: tuple, emit: Emit, traps: tuple = ()) -> None:
        for stmt in statements:
            self.ctx.tick()
            try:
                self.execute(stmt, emit)
            except PSRuntimeError as err:
                if traps and self._run_trap(traps, err, emit):
                    continue
                if getattr(err, "script_terminating", False) or self._in_try():
                    raise
                self.report(err, stmt)

    def _in_try(self) -> bool:
        return self.ctx.try_depth > 0

    def report(self, err: PSRuntimeError, stmt: Any) -> None:
        """A statement-terminating error nobody caught: show it, set $?, go on."""
        record = err.to_record(self.invocation_for(stmt, err))
        self.ctx.record_error(record)
        self.scope.set_local("?", False)
        self.ctx.global_scope.set_local("?", False)
        if not getattr(err, "silent", False):
            self.ctx.emit("error", record)

    def invocation_for(self, node: Any, err: PSRuntimeError | None = None) -> InvocationInfo:
        ext = getattr(err, "node_extent", None) or getattr(node, "extent", None)
        if ext is None:
            return InvocationInfo()
        return InvocationInfo(command_name="", script_name=getattr(self, "script_name", ""),
                              line=ext.start_line, column=ext.start_column,
                              line_text=self.source_line(ext.start_line),
                              length=max(1, len(ext.text.split("\n", 1)[0])))

    def source_line(self, line: int) -> str:
        lines = getattr(self, "source_lines", None) or getattr(self.ctx, "source_lines", None) or []
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def _run_trap(self, traps: tuple, err: PSRuntimeError, emit: Emit) -> bool:
        for trap in traps:
            if trap.trap_type is None or self._error_matches(err, (trap.trap_type,)):
                record = err.to_record(self.invocation_for(trap, err))
                self.ctx.record_error(record)
                old = self.scope.get("_")
                self.scope.set_local("_", record)
                try:
                    self.run_statements(trap.body.statements, emit)
                except ContinueException:
                    return True
                except BreakException:
                    raise err
                finally:
                    self.scope.set_local("_", old)
                self.ctx.emit("error", record)
                return True
        return False

    def execute(self, node: Any, emit: Emit) -> None:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            raise PSRuntimeError(f"The statement '{type(node).__name__}' is not supported by exshell yet.",
                                 error_id="NotSupported", category="NotImplemented")
        method(node, emit)

    def run_block(self, block: A.StatementBlockAst | None, emit: Emit) -> None:
        if block is not None:
            self.run_statements(block.statements, emit, getattr(block, "traps", ()))

    # -- pipelines --------------------------------------------------------------------------
    def visit_PipelineAst(self, node: A.PipelineAst, emit: Emit) -> None:
        from exshell.engine.pipeline import run_pipeline
        run_pipeline(self, node, emit)

    def collect(self, node: Any) -> Any:
        """Run a statement/pipeline and return its output as a value ($null, scalar or array)."""
        out: list[Any] = []
        self.execute(node, out.append)
        if not out:
            return None
        return out[0] if len(out) == 1 else out

    def collect_list(self, node: Any) -> list[Any]:
        out: list[Any] = []
        self.execute(node, out.append)
        return out

    def visit_CommandExpressionAst(self, node: A.CommandExpressionAst, emit: Emit) -> None:
        expr = node.expression
        if getattr(self, "in_function", False) and isinstance(expr, A.BinaryExpressionAst) and \
                expr.operator == ".." and self.ctx.profile.ps_major >= 3:
            self._stream_range(expr, emit)      # `function g { 1..1e9 }; g | select -First 2`
            return
        value = self.evaluate(expr)
        if isinstance(expr, A.UnaryExpressionAst) and expr.operator in _INCREMENTS:
            return          # `$i++` as a statement is an assignment: it writes nothing
        if value is None and (isinstance(expr, A.InvokeMemberExpressionAst) or (
                isinstance(expr, A.ConvertExpressionAst) and expr.type_name.lower() in ("void", "system.void"))):
            return          # `$list.Add('x')` (a void method) and `[void]...` write nothing
        self.emit_enumerated(value, emit)

    def _stream_range(self, expr: A.BinaryExpressionAst, emit: Emit) -> None:
        """A range written as a statement in a function body goes out one number at a time, so a
        command downstream can stop it; past the allocation limit it is refused as ever."""
        from exshell.engine.pipeline import lazy_range
        try:
            numbers = lazy_range(self.evaluate(expr.left), self.evaluate(expr.right))
        except PSRuntimeError as err:
            err.node_extent = getattr(err, "node_extent", None) or expr.extent
            raise
        for count, item in enumerate(numbers):
            if count == ops.MAX_ITEMS:
                try:
                    ops._too_large(len(numbers))
                except PSRuntimeError as err:
                    err.node_extent = expr.extent
                    raise
            self.ctx.tick()
            emit(item)

    @staticmethod
    def emit_enumerated(value: Any, emit: Emit) -> None:
        if isinstance(value, (list, tuple)):
            for item in value:
                emit(item)
        elif value is not _NOTHING:
            emit(value)

    # -- assignment ---------------------------------------------------------------------------
    def visit_AssignmentStatementAst(self, node: A.AssignmentStatementAst, emit: Emit) -> None:
        right = node.right
        if isinstance(right, A.AssignmentStatementAst):
            self.execute(right, lambda v: None)
            value = self.evaluate(right.left)
        else:
            value = self.statement_value(right)
        self.assign(node.left, node.operator, value)

    # -- flow control -------------------------------------------------------------------------
    def visit_IfStatementAst(self, node: A.IfStatementAst, emit: Emit) -> None:
        for condition, body in node.clauses:
            if conv.to_bool(self.collect(condition)):
                self.run_block(body, emit)
                return
        self.run_block(node.else_clause, emit)

    def _loop_body(self, label: str | None, body: A.StatementBlockAst, emit: Emit) -> bool:
        """Run one iteration; False when the loop must end (break)."""
        try:
            self.run_block(body, emit)
        except BreakException as b:
            if b.label is None or (label and b.label.lower() == label.lower()):
                return False
            raise
        except ContinueException as c:
            if c.label is None or (label and c.label.lower() == label.lower()):
                return True
            raise
        return True

    def visit_WhileStatementAst(self, node: A.WhileStatementAst, emit: Emit) -> None:
        while conv.to_bool(self.collect(node.condition)):
            self.ctx.tick()
            if not self._loop_body(node.label, node.body, emit):
                break

    def visit_DoWhileStatementAst(self, node: A.DoWhileStatementAst, emit: Emit) -> None:
        while True:
            self.ctx.tick()
            if not self._loop_body(node.label, node.body, emit):
                break
            if not conv.to_bool(self.collect(node.condition)):
                break

    def visit_DoUntilStatementAst(self, node: A.DoUntilStatementAst, emit: Emit) -> None:
        while True:
            self.ctx.tick()
            if not self._loop_body(node.label, node.body, emit):
                break
            if conv.to_bool(self.collect(node.condition)):
                break

    def visit_ForStatementAst(self, node: A.ForStatementAst, emit: Emit) -> None:
        if node.initializer is not None:
            self.execute(node.initializer, lambda v: None)
        while node.condition is None or conv.to_bool(self.collect(node.condition)):
            self.ctx.tick()
            if not self._loop_body(node.label, node.body, emit):
                break
            if node.iterator is not None:
                self.execute(node.iterator, lambda v: None)

    def visit_ForEachStatementAst(self, node: A.ForEachStatementAst, emit: Emit) -> None:
        rng = _range_expression(node.condition)
        if rng is not None:            # `foreach ($i in 1..1e9)` counts; it builds no array
            from exshell.engine.pipeline import lazy_range
            items = lazy_range(self.evaluate(rng.left), self.evaluate(rng.right))
        else:
            items = self.collect(node.condition)
        if items is None:
            return
        name = node.variable.variable_path
        for item in (items if isinstance(items, (list, range)) else [items]):
            self.ctx.tick()
            self.set_variable(name, item)
            if not self._loop_body(node.label, node.body, emit):
                break

    def visit_SwitchStatementAst(self, node: A.SwitchStatementAst, emit: Emit) -> None:
        from exshell.engine.switch import run_switch
        run_switch(self, node, emit)

    def visit_BreakStatementAst(self, node: A.BreakStatementAst, emit: Emit) -> None:
        raise BreakException(self._label(node.label))

    def visit_ContinueStatementAst(self, node: A.ContinueStatementAst, emit: Emit) -> None:
        raise ContinueException(self._label(node.label))

    def _label(self, label: Any) -> str | None:
        if label is None:
            return None
        return conv.to_string(self.evaluate(label)) if not isinstance(label, str) else label

    def visit_ReturnStatementAst(self, node: A.ReturnStatementAst, emit: Emit) -> None:
        if node.pipeline is not None:
            self.execute(node.pipeline, emit)
        raise ReturnException()

    def visit_ExitStatementAst(self, node: A.ExitStatementAst, emit: Emit) -> None:
        code = 0
        if node.pipeline is not None:
            value = self.collect(node.pipeline)
            try:
                code = conv.to_int(value) if value is not None else 0
            except PSRuntimeError:
                code = 0
        raise ExitException(code)

    def visit_ThrowStatementAst(self, node: A.ThrowStatementAst, emit: Emit) -> None:
        value = self.collect(node.pipeline) if node.pipeline is not None else None
        if isinstance(value, ErrorRecord):
            err = PSRuntimeError(value.message, record=value)
        elif isinstance(value, PSRuntimeError):
            err = value
        else:
            message = conv.to_string(value) if value is not None else "ScriptHalted"
            err = PSRuntimeError(message, error_id=message, category="OperationStopped", target=value,
                                 thrown=value)
        err.script_terminating = True
        err.node_extent = node.extent
        raise err

    def visit_TrapStatementAst(self, node: A.TrapStatementAst, emit: Emit) -> None:
        pass     # traps are collected by their block; nothing to do where they stand

    def visit_TryStatementAst(self, node: A.TryStatementAst, emit: Emit) -> None:
        try:
            self.ctx.try_depth += 1
            try:
                self.run_block(node.body, emit)
            finally:
                self.ctx.try_depth -= 1
        except PSRuntimeError as err:
            clause = next((c for c in node.catch_clauses
                           if not c.catch_types or self._error_matches(err, c.catch_types)), None)
            if clause is None:
                raise
            record = err.to_record(self.invocation_for(node.body, err))
            self.ctx.record_error(record)
            old = self.scope.get("_")
            self.scope.set_local("_", record)
            self.scope.set_local("PSItem", record)
            try:
                self.run_block(clause.body, emit)
            finally:
                self.scope.set_local("_", old)
        finally:
            if node.finally_block is not None:
                self.run_block(node.finally_block, emit)

    def _error_matches(self, err: PSRuntimeError, types: tuple) -> bool:
        for t in types:
            name = t.type_name.lower().rsplit(".", 1)[-1]
            full = (err.exception_type or "").lower()
            if name in ("exception", "system.exception") or full.endswith(name) or full.rsplit(".", 1)[-1] == name:
                return True
            if name == "runtimeexception":
                return True
        return False

    # -- functions ------------------------------------------------------------------------------
    def visit_FunctionDefinitionAst(self, node: A.FunctionDefinitionAst, emit: Emit) -> None:
        scope_name, _, name = node.name.rpartition(":")
        target = self.scope
        if scope_name.lower() == "global":
            target = self.ctx.global_scope
        elif scope_name.lower() == "script":
            target = self.scope.find_scope("script")
        target.functions[name.lower()] = FunctionInfo(
            name=name, body=node.body, is_filter=node.is_filter, parameters=tuple(node.parameters),
            text=node.extent.text if node.extent else "", origin=self._origin())

    def place(self, err: PSRuntimeError) -> None:
        """An error leaving code written elsewhere than its caller's text (a script file, a
        string made into a script block) keeps its position in that code."""
        if err.record is None or err.record.invocation is None:
            err.record = err.to_record(self.invocation_for(None, err))
            err.invocation = err.record.invocation

    def _origin(self) -> tuple | None:
        """Where a function is defined: the script file (path, lines) it came from, if any."""
        lines = getattr(self, "source_lines", None)
        return (getattr(self, "script_name", ""), lines) if lines else None

    # -- PowerShell 5 types and using -----------------------------------------------------------
    def visit_TypeDefinitionAst(self, node: A.TypeDefinitionAst, emit: Emit) -> None:
        from exshell.engine.classes import define_type
        from exshell.engine.language_version import reserved_keyword
        if self.ctx.profile.ps_major < 5:      # before 5.0 `enum Name {...}` is a command named enum
            if node.type_attributes == "Class":
                raise reserved_keyword(node)
            err = PSRuntimeError(messages.text("CommandNotFoundException", name="enum"), error_id="CommandNotFoundException",
                                 category="ObjectNotFound", target="enum", target_type="String",
                                 exception_type="System.Management.Automation.CommandNotFoundException")
            ext = node.extent
            if ext is not None:
                err.node_extent = A.Extent(ext.start_line, ext.start_column, ext.start_line, ext.start_column + 4,
                                           "enum")
            raise err
        define_type(self, node)

    def visit_UsingStatementAst(self, node: A.UsingStatementAst, emit: Emit) -> None:
        from exshell.engine.classes import using_statement
        from exshell.engine.language_version import reserved_keyword
        if self.ctx.profile.ps_major < 5:
            raise reserved_keyword(node)
        using_statement(self, node)

    def visit_DataStatementAst(self, node: A.DataStatementAst, emit: Emit) -> None:
        from exshell.engine.data_section import run_data_section
        run_data_section(self, node, emit)

    # -- services for built-ins and the runtime ---------------------------------------------------
    def now(self) -> Any:
        world = self.ctx.world
        return world.now if world is not None else None

    def new_guid(self) -> str:
        h = "%032x" % self.ctx.world.rng.getrandbits(128)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:32]}"

    def invoke_scriptblock(self, block: Any, *, args: list[Any] | None = None, dollar_under: Any = ...,
                           input: list[Any] | None = None, variables: dict[str, Any] | None = None,
                           dot: bool = False, emit: Emit | None = None) -> list[Any]:
        """Run a script block in a child scope (`& {}`), or with ``dot`` in this one, as
        ForEach-Object and Where-Object run theirs (`$n++` inside counts in the caller); `$_`
        is put back afterwards. Output is returned, or given to ``emit`` as it comes."""
        from exshell.engine.binder import Arg
        from exshell.engine.functions import FunctionStage

        stage = FunctionStage(self, block.function_info(), None, None, first=input is None, dot=dot)
        stage.preset_args = [Arg(None, a) for a in (args or [])]
        out: list[Any] = []
        stage.downstream = emit or out.append
        saved = {k: self.scope.vars.get(k) for k in ("_", "psitem")} if dot else {}
        try:
            stage.begin()
            if dollar_under is not ...:
                stage.scope.set_local("_", dollar_under)
                stage.scope.set_local("PSItem", dollar_under)
            for k, v in (variables or {}).items():
                stage.scope.set_local(k, v)
            if input is not None:
                for item in input:
                    stage.process(item)
            else:
                stage.run_first()
            stage.end()
        finally:
            stage.dispose()
            for key, entry in saved.items():
                if entry is None:
                    self.scope.vars.pop(key, None)
                else:
                    self.scope.vars[key] = entry
        return out

    # -- errors from cmdlets --------------------------------------------------------------------
    @staticmethod
    def error_from_cmdlet(exc: CmdletError) -> PSRuntimeError:
        err = PSRuntimeError(exc.record.message, record=exc.record)
        return err


_INCREMENTS = ("++", "--", "post++", "post--")


def _range_expression(node: Any) -> A.BinaryExpressionAst | None:
    """The `a..b` of a pipeline that is nothing but a range, else None."""
    if isinstance(node, A.PipelineAst) and len(node.pipeline_elements) == 1:
        node = node.pipeline_elements[0]
        if isinstance(node, A.CommandExpressionAst) and not node.redirections:
            node = node.expression
    if isinstance(node, A.BinaryExpressionAst) and node.operator == "..":
        return node
    return None


class _Nothing:
    """AutomationNull: what a command that wrote nothing 'returns'."""


_NOTHING = _Nothing()

__all__ = ["Evaluator", "ops"]

