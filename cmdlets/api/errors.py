"""Error records: what a failed command leaves behind, in the real shell's shape.

Only ``exshell.formatting.records`` draws them; everyone else carries data.
"""

from __future__ import annotations

import zlib
from typing import Any

import attrs


@attrs.frozen
class InvocationInfo:
    """Where an error happened in the script text, for the `At line:L char:C` lines."""

    command_name: str = ""      # the `<CommandName> : ` prefix; "" for script/parse errors
    script_name: str = ""       # "" for interactive input
    line: int = 0               # 1-based; 0 = unknown (no position lines are drawn)
    column: int = 0             # 1-based
    line_text: str = ""         # the whole source line
    length: int = 1             # width of the `~~~` marker (PS 3+)


@attrs.frozen
class ErrorRecord:
    """PowerShell's ErrorRecord, flattened.

    ``category`` is PowerShell's ErrorCategory name (``ObjectNotFound``,
    ``InvalidArgument``, ``ParserError``, ...). ``error_id`` is the id before the comma of
    the FullyQualifiedErrorId; ``command_type`` the part after it (the cmdlet's full .NET class
    name for cmdlet errors, empty for language errors).
    """

    message: str
    category: str = "NotSpecified"
    error_id: str = "RuntimeException"
    exception_type: str = "System.Management.Automation.RuntimeException"
    target: Any = None
    target_type: str = ""        # shown as (target:TargetType) in CategoryInfo
    activity: str = ""           # the [Activity] of CategoryInfo: the command name
    command_type: str = ""
    rule_id: str = ""            # the behaviour rule that refused the operation, if any
    invocation: InvocationInfo | None = None
    terminating: bool = False    # raised with -ErrorAction Stop / throw / a terminating cmdlet error
    remote: bool = False         # Exchange cmdlet errors come back over remoting: no prefix/position
    computer_name: str = ""      # PSComputerName of a remote error: the server the session talks to

    @property
    def fully_qualified_error_id(self) -> str:
        return f"{self.error_id},{self.command_type}" if self.command_type else self.error_id

    @property
    def exception_name(self) -> str:
        """The exception's short type name, as CategoryInfo shows it."""
        return self.exception_type.rsplit(".", 1)[-1]

    def __str__(self) -> str:
        return self.message


def rule_error_id(rule_id: str) -> str:
    """A stable hex error id for a behaviour rule, as Exchange prints `E3DE7D95,...`:
    up to 8 upper-case hex digits, leading zeros dropped."""
    return format(zlib.crc32(rule_id.encode("ascii")), "X")


class PipelineStoppedError(Exception):
    """Raised inside a cmdlet when a terminating error ends the pipeline (carries the record)."""

    def __init__(self, record: ErrorRecord):
        super().__init__(record.message)
        self.record = record


class CmdletError(Exception):
    """A cmdlet raises this to end the current record (or the command, if ``terminating``)."""

    def __init__(self, record: ErrorRecord, terminating: bool = True):
        super().__init__(record.message)
        self.record = record
        self.terminating = terminating
