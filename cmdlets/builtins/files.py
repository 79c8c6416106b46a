"""File content cmdlets on the emulated machines: Get-Content, Set-Content, Add-Content, Out-File.

Files hold text with Windows line ends; Get-Content splits on them, Set-/Add-Content write one
line per value, Out-File writes what the console would show. Errors are the FileSystem
provider's (PathNotFound, Could not find a part of the path, Access denied)."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import as_list
from cmdlets.windows import paths

PS3 = ("2013", "2016", "2019")
PS5 = ("2016", "2019")



def split_lines(text: str) -> list[str]:
    """Lines as Get-Content returns them: CRLF, LF or CR end a line; a final line end adds none."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@cmdlet("Get-Content", module="Microsoft.PowerShell.Management", default_set="Path")
class GetContentCommand(paths.PathCmdlet):
    """Gets the lines of a file (or the whole text with -Raw)."""
    examples = (
        (r"Get-Content C:\Logs\checks.txt -TotalCount 5",
         r"This example shows the first five lines of C:\Logs\checks.txt."),
        (r"Get-Content C:\Windows\System32\drivers\etc\hosts",
         "This example shows the hosts file of this machine."),
    )

    total_count: int = param("Int64", aliases=("First", "Head"), default=-1)
    tail: int | None = param("Int32", aliases=("Last",), versions=PS3)
    raw: bool = param("SwitchParameter", versions=PS3)
    read_count: int = param("Int64", default=1, ignored="lines are written one by one")
    encoding: str | None = param("String", ignored="files hold text")
    filter: str | None = param("String")

    def process_record(self) -> None:
        for item in self.existing_items():
            self._read(item)

    def _read(self, item: paths.Located) -> None:
        entry = item.entry
        if entry.is_dir:
            self.write_error(paths.access_denied(self, item.display, "GetContentReaderUnauthorizedAccessError"))
            return
        if self.raw:
            if entry.content:
                self.write_object(entry.content)
            return
        lines = split_lines(entry.content)
        if self.total_count is not None and self.total_count >= 0:
            lines = lines[: self.total_count]
        if self.tail is not None:
            lines = lines[-self.tail:] if self.tail > 0 else []
        for line in lines:
            self.write_object(line)


class _WriteContent(paths.PathCmdlet):
    """Set-Content / Add-Content: one line per value, CRLF after each (none with -NoNewline)."""

    append = False
    error_id = "GetContentWriterDirectoryNotFoundError"
    supports_should_process = True

    value: Any = param("Object[]", position=1, mandatory=True, pipeline=True, pipeline_by_name=True,
                       allow_null=True)
    no_newline: bool = param("SwitchParameter", versions=PS5)
    pass_thru: bool = param("SwitchParameter")
    force: bool = param("SwitchParameter")
    encoding: str | None = param("String", ignored="files hold text")

    def begin_processing(self) -> None:
        self.values: list[Any] = []

    def process_record(self) -> None:
        self.values.extend(as_list(self.value))

    def end_processing(self) -> None:
        texts = [self.runtime.to_string(v) for v in self.values]
        body = "".join(texts) if self.no_newline else "".join(t + "\r\n" for t in texts)
        for text in self.path_args()[0]:
            target = paths.locate(self, text)
            display = paths.full_path(self.runtime.location, text)
            if target is None or not paths.exists_parent(target):
                self.write_error(paths.part_not_found(self, display, self.error_id))
                continue
            if target.entry is not None and target.entry.is_dir:
                self.write_error(paths.access_denied(self, display, "GetContentWriterUnauthorizedAccessError"))
                continue
            if not self.should_process(f"Path: {display}", self._action()):
                continue
            paths.write_text(self, target, body, append=self.append)
            if self.pass_thru:
                for text in texts:
                    self.write_object(text)

    def _action(self) -> str:
        return "Add Content" if self.append else "Set Content"


@cmdlet("Set-Content", module="Microsoft.PowerShell.Management", default_set="Path")
class SetContentCommand(_WriteContent):
    """Replaces a file's content (creating the file)."""
    synopsis = "Replaces the content of a file."
    examples = (
        (r"Set-Content -Path C:\Logs\servers.txt -Value MBX1,MBX2,MBX3",
         r"This example writes three server names, one a line, into C:\Logs\servers.txt."),
    )


@cmdlet("Add-Content", module="Microsoft.PowerShell.Management", default_set="Path")
class AddContentCommand(_WriteContent):
    """Appends lines to a file (creating the file)."""
    synopsis = "Appends lines of text to a file."
    examples = (
        (r"Add-Content -Path C:\Logs\checks.txt -Value 'DB1 reseeded'",
         r"This example appends a line to C:\Logs\checks.txt, creating the file when needed."),
    )

    append = True


@cmdlet("Clear-Content", module="Microsoft.PowerShell.Management", default_set="Path")
class ClearContentCommand(paths.PathCmdlet):
    """Empties files, keeping them."""
    synopsis = "Deletes the contents of files but keeps the files."
    examples = (
        (r"Clear-Content C:\Logs\checks.txt",
         r"This example empties C:\Logs\checks.txt and keeps the file."),
    )

    supports_should_process = True

    def process_record(self) -> None:
        for item in self.existing_items():
            if item.entry.is_dir:
                self.write_error(paths.access_denied(self, item.display, "ClearContentUnauthorizedAccessError"))
            elif self.should_process(item.display, "Clear Content"):
                paths.write_text(self, item, "")


@cmdlet("Out-File", module="Microsoft.PowerShell.Utility", default_set="ByPath")
class OutFileCommand(Cmdlet):
    """Writes what the console would show into a file."""
    examples = (
        (r"Get-MailboxDatabaseCopyStatus * | Out-File C:\Logs\copies.txt",
         r"This example saves the copy status table, as the console shows it, in C:\Logs\copies.txt."),
        (r"Get-ExchangeServer | Out-File C:\Logs\servers.txt -Append -Width 200",
         "This example appends the server list to a file, 200 characters wide."),
    )

    supports_should_process = True

    file_path: str | None = param("String", position=0, mandatory=True, sets=("ByPath",), aliases=("Path",))
    literal_path: str | None = param("String", mandatory=True, sets=("ByLiteralPath",), aliases=("PSPath",))
    encoding: str | None = param("String", position=1, ignored="files hold text",
                                 values=("unknown", "string", "unicode", "bigendianunicode", "utf8", "utf7",
                                         "utf32", "ascii", "default", "oem"))
    append: bool = param("SwitchParameter")
    force: bool = param("SwitchParameter")
    no_clobber: bool = param("SwitchParameter", aliases=("NoOverwrite",))
    width: int | None = param("Int32", validate_range=(2, 2147483647))
    no_newline: bool = param("SwitchParameter", versions=PS5)
    input_object: Any = param("PSObject", pipeline=True, allow_null=True)

    def begin_processing(self) -> None:
        self.items: list[Any] = []

    def process_record(self) -> None:
        if self.is_bound("InputObject") and self.input_object is not None:
            self.items.append(self.input_object)

    def end_processing(self) -> None:
        raw = self.file_path if self.parameter_set_name == "ByPath" else self.literal_path
        display = paths.full_path(self.runtime.location, raw)
        target = paths.locate(self, raw)
        if target is None or not paths.exists_parent(target):
            self.throw_terminating_error(self.error(f"Could not find a part of the path '{display}'.", "OpenError",
                                                    "FileOpenFailure", "System.IO.DirectoryNotFoundException"))
        if target.entry is not None and target.entry.is_dir:
            self.throw_terminating_error(paths.access_denied(self, display, "FileOpenFailure"))
        if self.no_clobber and target.entry is not None and not self.append:
            self.throw_terminating_error(self.error(
                f"The file '{display}' already exists.", "ResourceExists", "NoClobber",
                "System.IO.IOException", target=display, target_type="String"))
        if not self.should_process(display, "Output to File"):
            return
        lines = self.runtime.ctx.render_lines(self.items, width=self.width) if self.items else []
        text = "".join(lines) if self.no_newline else "".join(line + "\r\n" for line in lines)
        paths.write_text(self, target, text, append=self.append)
