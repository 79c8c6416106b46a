"""Write-Progress, Read-Host and Clear-Host: the commands that talk to the console host.

Progress records go to the host through the Runtime (a terminal may draw them); they never reach
Result.text or a transcript, as a real console's progress bar never reaches a transcript either.
"""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param

NON_INTERACTIVE = "Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."


@cmdlet("Write-Progress", module="Microsoft.PowerShell.Utility")
class WriteProgressCommand(Cmdlet):
    """Displays a progress bar in the console."""
    examples = (
        ("1..3 | ForEach-Object { Write-Progress -Activity 'Checking copies' -PercentComplete ($_ * 33) }",
         "This example shows a progress bar that advances in three steps."),
    )

    activity: str | None = param("String", position=0, mandatory=True)
    status: str | None = param("String", position=1, default="Processing")
    id: int | None = param("Int32", position=2)
    percent_complete: int = param("Int32", default=-1, validate_range=(-1, 100))
    seconds_remaining: int = param("Int32", default=-1)
    current_operation: str | None = param("String")
    parent_id: int = param("Int32", default=-1)
    completed: bool = param("SwitchParameter")
    source_id: int | None = param("Int32")

    def process_record(self) -> None:
        percent = 100 if self.completed else self.percent_complete
        self.runtime.write_progress(self.activity or "", self.status or "Processing", percent)


@cmdlet("Read-Host", module="Microsoft.PowerShell.Utility")
class ReadHostCommand(Cmdlet):
    """Reads a line of input from the console."""
    examples = (
        ("$server = Read-Host 'Server name'",
         "This example asks for a server name and keeps the answer in $server."),
    )

    prompt: Any = param("Object", position=0, pipeline=True, allow_null=True)
    as_secure_string: bool = param("SwitchParameter")

    def process_record(self) -> None:
        text = "" if self.prompt is None else self.runtime.to_string(self.prompt)
        try:
            answer = self.runtime.read_host(text, secure=self.as_secure_string)
        except Exception:  # noqa: BLE001 - the host cannot prompt: Windows PowerShell's own error
            self.throw_terminating_error(self.error(
                NON_INTERACTIVE, category="InvalidOperation", error_id="InvalidOperation",
                exception="System.Management.Automation.PSInvalidOperationException"))
            return
        self.write_object(SecureString(answer) if self.as_secure_string else answer)


class SecureString:
    """Read-Host -AsSecureString: the text stays inside; the console shows only the type name."""

    ps_type_name = "System.Security.SecureString"

    def __init__(self, text: str):
        self._text = text

    def ps_get(self, name: str) -> Any:
        return len(self._text) if name.lower() == "length" else None

    def __str__(self) -> str:
        return self.ps_type_name


@cmdlet("Clear-Host", module="Microsoft.PowerShell.Core")
class ClearHostCommand(Cmdlet):
    """Clears the console screen (a transcript keeps what was written before)."""
    synopsis = "Clears the console screen."
    examples = (
        ("Clear-Host",
         "This example clears the console screen."),
    )
