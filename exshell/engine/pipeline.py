"""PipelineProcessor: runs the stages of a pipeline, streaming object by object.

Every stage gets ``begin`` (left to right), then the first stage produces objects that are
pushed through ``process`` of each following stage, then ``end`` (left to right). A cmdlet's
``write_object`` calls the next stage directly, so `Select-Object -First 1` can stop the
producers early: it raises ``StopPipeline`` naming its own stage (PowerShell's
StopUpstreamCommandsException); the pipeline that owns that stage ends it and the stages after
it, and every producer before it — including functions and nested pipelines upstream — simply
stops, without its end block. A range in first position (`1..1e9 | ...`) is enumerated lazily.
"""

from __future__ import annotations

from typing import Any, Callable

from cmdlets.api.errors import CmdletError, ErrorRecord, InvocationInfo
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine.errors import PSRuntimeError, StopPipeline
from exshell.language import ast as A

Emit = Callable[[Any], None]


class Stage:
    downstream: Emit

    def begin(self) -> None:
        pass

    def run_first(self) -> None:
        pass

    def process(self, item: Any) -> None:
        pass

    def end(self) -> None:
        pass

    def dispose(self) -> None:
        """Called instead of ``end`` on a stage stopped by a command downstream."""


class ExpressionStage(Stage):
    def __init__(self, ev: Any, node: A.CommandExpressionAst):
        self.ev = ev
        self.node = node

    def run_first(self) -> None:
        expr = self.node.expression
        if isinstance(expr, A.BinaryExpressionAst) and expr.operator == "..":
            for item in lazy_range(self.ev.evaluate(expr.left), self.ev.evaluate(expr.right)):
                self.ev.ctx.tick()
                self.downstream(item)
            return
        value = self.ev.evaluate(expr)
        if isinstance(value, (list, tuple)):
            for item in value:
                self.downstream(item)
        else:
            self.downstream(value)

    def process(self, item: Any) -> None:
        raise PSRuntimeError("Expressions are only allowed as the first element of a pipeline.",
                             error_id="ExpressionsMustBeFirstInPipeline", category="ParserError")


def run_pipeline(ev: Any, node: A.PipelineAst, emit: Emit, input_items: list[Any] | None = None) -> None:
    from exshell.engine.commands import make_stage

    elements = node.pipeline_elements
    if len(elements) == 1 and isinstance(elements[0], A.CommandExpressionAst) and not elements[0].redirections:
        ev.visit_CommandExpressionAst(elements[0], emit)
        return
    stages: list[Stage] = []
    for i, element in enumerate(elements):
        if isinstance(element, A.CommandExpressionAst):
            if i > 0:
                raise PSRuntimeError("Expressions are only allowed as the first element of a pipeline.",
                                     error_id="ExpressionsMustBeFirstInPipeline", category="ParserError")
            stages.append(ExpressionStage(ev, element))
        else:
            stages.append(make_stage(ev, element, position=i + 1, first=(i == 0 and input_items is None),
                                     pipeline_length=len(elements)))
    for i, stage in enumerate(stages):
        stage.downstream = stages[i + 1].process if i + 1 < len(stages) else emit
    _wire_redirections(ev, elements, stages, emit)
    try:
        _begin_all(stages)
        if input_items is not None:
            for item in input_items:
                stages[0].process(item)
        else:
            stages[0].run_first()
    except StopPipeline as stop:
        origin = getattr(stop, "stage", None)
        if origin not in stages:
            _dispose(stages)
            raise                   # a command further down an enclosing pipeline stopped us
        idx = stages.index(origin)
        _dispose(stages[:idx])
        _end_all(stages[idx:])
        return
    except BaseException:
        _dispose(stages)
        raise
    _end_all(stages)


def _begin_all(stages: list[Stage]) -> None:
    """Begin left to right. What a stage writes while beginning waits in the next stage's input
    until every stage has begun, as in PowerShell's pipes; nearer queues are read first."""
    pending: list[tuple[Stage, list[Any]]] = []
    for stage in stages:
        target, queue = stage.downstream, []
        stage.downstream = queue.append
        try:
            stage.begin()
        finally:
            stage.downstream = target
        if queue:
            pending.append((stage, queue))
    for stage, queue in reversed(pending):
        for item in queue:
            stage.downstream(item)


def lazy_range(left: Any, right: Any) -> Any:
    """`a..b` as the pipeline enumerates it: one number at a time."""
    a, b = conv.to_int(left), conv.to_int(right)
    step = 1 if b >= a else -1
    return range(a, b + step, step)


def _dispose(stages: list[Stage]) -> None:
    for stage in stages:
        stage.dispose()


def _end_all(stages: list[Stage]) -> None:
    """End each stage in turn; a stop raised while ending (a `-Last` flush reaching a `-First`
    further down) ends the stages from the one that asked, as during processing."""
    i = 0
    try:
        while i < len(stages):
            try:
                stages[i].end()
                i += 1
            except StopPipeline as stop:
                origin = getattr(stop, "stage", None)
                if origin not in stages[i:]:
                    raise
                j = stages.index(origin, i)
                _dispose(stages[i:j])
                i = j + 1 if j == i else j
    except BaseException:
        _dispose(stages[i:])
        raise


def _wire_redirections(ev: Any, elements: tuple, stages: list[Stage], emit: Emit) -> None:
    """`2>&1` sends a stage's errors into its output; `2>$null` drops them; `>$null` drops output."""
    for element, stage in zip(elements, stages):
        for redir in getattr(element, "redirections", ()) or ():
            if isinstance(redir, A.MergingRedirectionAst) and redir.from_stream in ("Error", "All"):
                stage.merge_errors = True
            elif isinstance(redir, A.FileRedirectionAst):
                target = redir.location
                is_null = isinstance(target, A.VariableExpressionAst) and target.variable_path.lower() == "null"
                if redir.from_stream in ("Error", "All", "Warning") and is_null:
                    stage.drop_streams = getattr(stage, "drop_streams", set()) | (
                        {"Error", "Warning", "Verbose"} if redir.from_stream == "All" else {redir.from_stream})
                if redir.from_stream in ("Output", "All"):
                    if is_null:
                        stage.downstream = lambda item: None
                    else:
                        path = conv.to_string(ev.evaluate(target))
                        stage.downstream = _FileSink(ev, path, redir.append).write


class _FileSink:
    """`> file`: what would be printed goes into the emulated machine's file."""

    def __init__(self, ev: Any, path: str, append: bool):
        self.ev, self.path, self.items = ev, path, []
        writer = getattr(ev.ctx, "write_file", None)
        if writer is not None and not append:
            writer(path, "", append=False)
        self.append = True

    def write(self, item: Any) -> None:
        writer = getattr(self.ev.ctx, "write_file", None)
        if writer is not None:
            lines = self.ev.ctx.render_for_file([item])
            writer(self.path, "".join(line + "\r\n" for line in lines), append=True)


def record_for_cmdlet_error(exc: CmdletError) -> ErrorRecord:
    return exc.record


def not_bound_error(name: str, item: Any, invocation: InvocationInfo) -> ErrorRecord:
    return ErrorRecord(
        message=messages.text("InputObjectNotBound"), category="InvalidArgument", error_id="InputObjectNotBound",
        exception_type="System.Management.Automation.ParameterBindingException", target=item,
        target_type=conv.type_name_of(item).rsplit(".", 1)[-1], activity=name, invocation=invocation)
