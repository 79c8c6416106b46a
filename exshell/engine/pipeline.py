"""PipelineProcessor: runs the stages of a pipeline, streaming object by object.

Every stage gets ``begin`` (left to right), then the first stage produces objects that are
pushed through ``process`` of each following stage, then ``end`` (left to right). A cmdlet's
``write_object`` calls the next stage directly, so `Select-Object -First 1` can stop the
producers early (StopPipeline).
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


class ExpressionStage(Stage):
    def __init__(self, ev: Any, node: A.CommandExpressionAst):
        self.ev = ev
        self.node = node

    def run_first(self) -> None:
        value = self.ev.evaluate(self.node.expression)
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
    started = 0
    try:
        for stage in stages:
            stage.begin()
            started += 1
        if input_items is not None:
            for item in input_items:
                stages[0].process(item)
        else:
            stages[0].run_first()
        _end_all(stages)
    except StopPipeline as stop:
        origin = getattr(stop, "stage", None)
        idx = stages.index(origin) if origin in stages else 0
        _end_all(stages[idx:])


def _end_all(stages: list[Stage]) -> None:
    for stage in stages:
        try:
            stage.end()
        except StopPipeline as stop:
            if getattr(stop, "stage", None) is stage:
                continue
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
