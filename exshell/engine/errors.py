"""Exceptions the evaluator uses for control flow and runtime errors.

A ``PSRuntimeError`` becomes an ErrorRecord at the statement that catches it; ``Break``,
``Continue``, ``Return`` and ``Exit`` carry PowerShell's flow-of-control statements.
"""

from __future__ import annotations

from typing import Any

from cmdlets.api.errors import ErrorRecord, InvocationInfo


class PSRuntimeError(Exception):
    """A terminating error raised by the language (or rethrown from a record)."""

    def __init__(self, message: str, *, error_id: str = "RuntimeException", category: str = "NotSpecified",
                 exception_type: str = "System.Management.Automation.RuntimeException", target: Any = None,
                 target_type: str = "", record: ErrorRecord | None = None, thrown: Any = None):
        super().__init__(message)
        self.message = message
        self.error_id = error_id
        self.category = category
        self.exception_type = exception_type
        self.target = target
        self.target_type = target_type
        self.record = record
        self.thrown = thrown          # the object given to `throw`
        self.invocation: InvocationInfo | None = record.invocation if record else None

    def to_record(self, invocation: InvocationInfo | None = None) -> ErrorRecord:
        if self.record is not None:
            if self.record.invocation is None and invocation is not None:
                import attrs
                return attrs.evolve(self.record, invocation=invocation)
            return self.record
        return ErrorRecord(
            message=self.message, category=self.category, error_id=self.error_id,
            exception_type=self.exception_type, target=self.target, target_type=self.target_type,
            invocation=invocation or self.invocation, terminating=True,
        )


METHOD_INVOCATION = "System.Management.Automation.MethodInvocationException"


def method_invocation_error(name: str, count: int, detail: str, inner: str) -> PSRuntimeError:
    """A .NET method threw: `Exception calling "Name" with "N" argument(s): "detail"`, a
    MethodInvocationException whose id is the inner exception's type name (3.0+; the call site
    makes it 2.0's DotNetMethodException)."""
    return PSRuntimeError(f'Exception calling "{name}" with "{count}" argument(s): "{detail}"', error_id=inner,
                          category="NotSpecified", exception_type=METHOD_INVOCATION)


class FlowControl(Exception):
    """Base of break/continue/return/exit: not errors, never shown."""


class BreakException(FlowControl):
    def __init__(self, label: str | None = None):
        super().__init__(label)
        self.label = label


class ContinueException(FlowControl):
    def __init__(self, label: str | None = None):
        super().__init__(label)
        self.label = label


class ReturnException(FlowControl):
    pass


class ExitException(FlowControl):
    def __init__(self, code: int = 0):
        super().__init__(code)
        self.code = code


class StopPipeline(FlowControl):
    """Select-Object -First and friends: stop upstream commands quietly.

    ``stage`` is the pipeline stage that asked; the stages before it stop, it and the ones
    after it are ended normally (PowerShell's StopUpstreamCommandsException)."""

    def __init__(self, stage: Any = None):
        super().__init__()
        self.stage = stage


class OperationStopped(Exception):
    """Timeout or Ctrl-C: unwinds everything; becomes an OperationStopped record."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
