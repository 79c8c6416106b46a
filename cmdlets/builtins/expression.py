"""Invoke-Expression: a string run as script in the caller's scope.

The string goes through the shell's own parser and evaluator (through the Runtime), so what it
sets stays set, its output flows on down the pipeline, and an error inside points into the
string. A string that does not parse is Invoke-Expression's own ParseException.
"""

from __future__ import annotations

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param


@cmdlet("Invoke-Expression", module="Microsoft.PowerShell.Utility")
class InvokeExpressionCommand(Cmdlet):
    """Runs a string as a command or expression in the current scope."""
    examples = (
        ("$cmd = 'Get-MailboxDatabaseCopyStatus -Server ' + $env:COMPUTERNAME; Invoke-Expression $cmd",
         "This example builds a command in a string and runs it."),
        ("'$n = 2', '$n * 21' | Invoke-Expression",
         "This example pipes two strings to Invoke-Expression; the variable the first sets is there for the second."),
    )

    command: str | None = param("String", position=0, mandatory=True, pipeline=True)

    def process_record(self) -> None:
        self.runtime.invoke_expression(self.command or "")
