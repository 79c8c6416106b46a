"""Write-* and Out-* commands: the streams and the console."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param


@cmdlet("Write-Output", module="Microsoft.PowerShell.Utility")
class WriteOutputCommand(Cmdlet):
    """Sends objects down the pipeline."""
    examples = (
        ("Write-Output 'Checks complete'",
         "This example sends a string down the pipeline."),
    )

    input_object: Any = param("Object[]", position=0, mandatory=True, pipeline=True, allow_null=True)
    no_enumerate: bool = param("SwitchParameter")

    def process_record(self) -> None:
        value = self.input_object
        if isinstance(value, list) and len(value) == 1 and not self.no_enumerate:
            value = value[0]
        self.write_object(value, enumerate_collection=not self.no_enumerate)


CONSOLE_COLORS = ("Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray",
                  "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White")


def _flatten(items: list[Any]) -> list[Any]:
    """Write-Host's objects: a collection among them writes its elements."""
    out: list[Any] = []
    for item in items:
        out.extend(_flatten(item) if isinstance(item, list) else [item])
    return out


@cmdlet("Write-Host", module="Microsoft.PowerShell.Utility")
class WriteHostCommand(Cmdlet):
    """Writes text straight to the console."""
    examples = (
        ("Write-Host 'Switchover done' -ForegroundColor Green",
         "This example writes a green line to the console."),
    )

    object: Any = param("Object", position=0, pipeline=True, allow_null=True, remaining=True)
    no_newline: bool = param("SwitchParameter")
    separator: Any = param("Object", default=" ")
    foreground_color: str | None = param("System.ConsoleColor", values=CONSOLE_COLORS)
    background_color: str | None = param("System.ConsoleColor", values=CONSOLE_COLORS)

    def process_record(self) -> None:
        value = self.object
        items = _flatten(value) if isinstance(value, list) else ([] if value is None else [value])
        text = str(self.runtime.to_string(self.separator)).join(self.runtime.to_string(v) for v in items)
        self.runtime.write_host(text, newline=not self.no_newline, foreground=self.foreground_color)


class _MessageCmdlet(Cmdlet):
    message: str = param("String", position=0, mandatory=True, pipeline=True, aliases=("Msg",))


@cmdlet("Write-Warning", module="Microsoft.PowerShell.Utility")
class WriteWarningCommand(_MessageCmdlet):
    """Writes a WARNING line."""
    examples = (
        ("Write-Warning 'DB2 has no healthy passive copy.'",
         "This example writes a WARNING line."),
    )

    def process_record(self) -> None:
        self.write_warning(self.message)


@cmdlet("Write-Verbose", module="Microsoft.PowerShell.Utility")
class WriteVerboseCommand(_MessageCmdlet):
    """Writes a VERBOSE line when verbose output is on."""
    examples = (
        ("Write-Verbose 'Checking MBX2' -Verbose",
         "This example writes a VERBOSE line; -Verbose turns it on."),
    )

    def process_record(self) -> None:
        self.write_verbose(self.message)


@cmdlet("Write-Debug", module="Microsoft.PowerShell.Utility")
class WriteDebugCommand(_MessageCmdlet):
    """Writes a DEBUG line when debug output is on."""
    examples = (
        ("Write-Debug 'Copy queue: 0' -Debug",
         "This example writes a DEBUG line; -Debug turns it on."),
    )

    def process_record(self) -> None:
        self.write_debug(self.message)


@cmdlet("Write-Error", module="Microsoft.PowerShell.Utility")
class WriteErrorCommand(Cmdlet):
    """Writes a non-terminating error record."""
    examples = (
        ("Write-Error 'DB3 is dismounted.' -Category InvalidOperation",
         "This example writes a non-terminating error record and the script goes on."),
    )

    message: str = param("String", position=0, mandatory=True, pipeline=True, aliases=("Msg",))
    category: str = param("String", default="NotSpecified")
    error_id: str = param("String")
    target_object: Any = param("Object")

    def process_record(self) -> None:
        record = self.error(self.message, category=self.category or "NotSpecified",
                            error_id=self.error_id or "Microsoft.PowerShell.Commands.WriteErrorException",
                            exception="Microsoft.PowerShell.Commands.WriteErrorException", target=self.target_object)
        import attrs
        record = attrs.evolve(record, command_type="" if not self.error_id else record.command_type)
        self.write_error(record)


@cmdlet("Out-Null", module="Microsoft.PowerShell.Core")
class OutNullCommand(Cmdlet):
    """Discards its input."""
    examples = (
        (r"New-Item C:\Logs -ItemType Directory -Force | Out-Null",
         "This example creates a directory and discards the object New-Item returns."),
    )

    input_object: Any = param("Object", pipeline=True, allow_null=True)


class CollectingCmdlet(Cmdlet):
    """Gathers its whole input, then acts once at the end."""

    input_object: Any = param("Object", pipeline=True, allow_null=True)

    def begin_processing(self) -> None:
        self.items: list[Any] = []

    def process_record(self) -> None:
        if self.is_bound("InputObject"):
            self.items.append(self.input_object)


@cmdlet("Out-Default", module="Microsoft.PowerShell.Core")
class OutDefaultCommand(CollectingCmdlet):
    """Sends objects to the console through the formatter."""
    examples = (
        ("Get-MailboxDatabase | Out-Default",
         "This example formats the databases and writes them to the console."),
    )

    def end_processing(self) -> None:
        if self.items:
            self.runtime.ctx.emit("rendered", self.items)


@cmdlet("Out-Host", module="Microsoft.PowerShell.Core")
class OutHostCommand(OutDefaultCommand):
    """Sends objects to the console through the formatter."""
    examples = (
        ("Get-MailboxDatabaseCopyStatus * | Out-Host",
         "This example writes the copy status straight to the console."),
    )

    paging: bool = param("SwitchParameter")


@cmdlet("Out-String", module="Microsoft.PowerShell.Utility")
class OutStringCommand(CollectingCmdlet):
    """Renders objects as the console would and outputs the text."""
    examples = (
        ("$text = Get-MailboxDatabase | Out-String",
         "This example keeps the console text of the database list in $text."),
    )

    stream: bool = param("SwitchParameter")
    width: int | None = param("Int32")

    def end_processing(self) -> None:
        lines = self.runtime.ctx.render_lines(self.items, width=self.width)
        if self.stream:
            for line in lines:
                self.write_object(line)
        else:
            self.write_object("".join(line + "\r\n" for line in lines))
