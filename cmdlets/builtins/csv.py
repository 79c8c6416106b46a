"""CSV cmdlets as Windows PowerShell writes and reads them: ConvertTo-Csv, ConvertFrom-Csv,
Export-Csv, Import-Csv. The writer puts a ``#TYPE`` line first unless -NoTypeInformation,
quotes every header and value (doubling embedded quotes) and leaves $null fields empty; columns
come from the first object. The reader accepts quoted and bare fields, skips ``#TYPE``, and
makes one PSCustomObject of strings per line."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.values import PSCUSTOMOBJECT, PSObject
from cmdlets.api.parameters import param
from cmdlets.windows import paths

PS3 = ("2013", "2016", "2019")


def properties(obj: Any) -> list[tuple[str, Any]]:
    """(name, value) pairs of one input object, in the order the CSV columns take them."""
    if isinstance(obj, PSObject):
        return [(k, v) for k, v in obj.ps_properties() if k.lower() not in obj.hidden]
    if isinstance(obj, str):
        return [("Length", len(obj))]
    if isinstance(obj, dict):
        return [("IsReadOnly", False), ("IsFixedSize", False), ("IsSynchronized", False),
                ("Keys", "System.Collections.Hashtable+KeyCollection"),
                ("Values", "System.Collections.Hashtable+ValueCollection"),
                ("SyncRoot", "System.Object"), ("Count", len(obj))]
    return []


class CsvWriter:
    """Turns objects into CSV lines; the first object fixes the columns."""

    def __init__(self, runtime: Any, delimiter: str, type_information: bool):
        self.runtime, self.delimiter, self.type_information = runtime, delimiter, type_information
        self.columns: list[str] | None = None

    def field(self, value: Any) -> str:
        if value is None:
            return ""
        text = "System.Object[]" if isinstance(value, list) else self.runtime.to_string(value)
        return '"' + text.replace('"', '""') + '"'

    def lines(self, obj: Any, header: bool = True) -> list[str]:
        out: list[str] = []
        props = properties(obj)
        if self.columns is None:
            self.columns = [k for k, _ in props]
            if header:
                if self.type_information:
                    out.append(f"#TYPE {self.runtime.get_property(obj, 'PSTypeNames')[0]}")
                out.append(self.delimiter.join(self.field(c) for c in self.columns))
        values = {k.lower(): v for k, v in props}
        out.append(self.delimiter.join(self.field(values.get(c.lower())) for c in self.columns))
        return out


def split_record(line: str, delimiter: str) -> list[str]:
    """One CSV line -> its fields (quotes removed, doubled quotes folded)."""
    fields: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"' and line[i + 1:i + 2] == '"':
                current.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                current.append(ch)
        elif ch == '"':
            quoted = True
        elif ch == delimiter:
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    fields.append("".join(current))
    return fields


def read_objects(lines: list[str], delimiter: str, header: list[str] | None) -> list[PSObject]:
    type_names: tuple[str, ...] = (PSCUSTOMOBJECT, "System.Object")
    rows = [line for line in lines if line.strip()]
    if rows and rows[0].startswith("#TYPE "):
        type_names = ("CSV:" + rows[0][6:].strip(),) + type_names
        rows = rows[1:]
    if header is None:
        if not rows:
            return []
        header, rows = split_record(rows[0], delimiter), rows[1:]
    names = [h if h else f"H{n + 1}" for n, h in enumerate(header)]
    out = []
    for row in rows:
        values = split_record(row, delimiter)
        pairs = [(name, values[n] if n < len(values) else None) for n, name in enumerate(names)]
        out.append(PSObject(type_names, pairs))
    return out


def _delimiter(cmd: Cmdlet) -> str:
    if getattr(cmd, "use_culture", False):       # the culture's list separator
        return ";" if cmd.profile.culture.name in ("de-DE", "nl-BE") else ","
    text = cmd.delimiter
    return text[0] if text else ","


class _ToCsv(Cmdlet):
    input_object: Any = param("PSObject", mandatory=True, pipeline=True, allow_null=True)
    delimiter: str | None = param("Char", position=1, sets=("Delimiter",))
    use_culture: bool = param("SwitchParameter", sets=("UseCulture",))
    no_type_information: bool = param("SwitchParameter", aliases=("NTI",))

    def begin_processing(self) -> None:
        self.writer = CsvWriter(self.runtime, _delimiter(self), not self.no_type_information)


@cmdlet("ConvertTo-Csv", module="Microsoft.PowerShell.Utility", default_set="Delimiter")
class ConvertToCsvCommand(_ToCsv):
    """Objects -> CSV strings (header line first)."""
    synopsis = "Converts objects into CSV text."
    examples = (
        ("Get-MailboxDatabase | Select-Object Name,Server | ConvertTo-Csv -NoTypeInformation",
         "This example turns the databases into CSV text, header line first."),
    )

    def process_record(self) -> None:
        if self.input_object is not None:
            for line in self.writer.lines(self.input_object):
                self.write_object(line)


@cmdlet("Export-Csv", module="Microsoft.PowerShell.Utility", default_set="Delimiter")
class ExportCsvCommand(_ToCsv):
    """Objects -> a CSV file on the session's machine."""
    synopsis = "Saves objects in a CSV file."
    examples = (
        ("Get-MailboxDatabaseCopyStatus * | Select-Object Name,Status,CopyQueueLength | Export-Csv "
         r"C:\Logs\copies.csv -NoTypeInformation",
         "This example saves the name, status and copy queue of every copy in a CSV file."),
    )

    supports_should_process = True
    path: str | None = param("String", position=0, sets=("Delimiter", "UseCulture"))
    literal_path: str | None = param("String", aliases=("PSPath",))
    append: bool = param("SwitchParameter", versions=PS3)
    force: bool = param("SwitchParameter")
    no_clobber: bool = param("SwitchParameter", aliases=("NoOverwrite",))
    encoding: str | None = param("String", ignored="files hold text")

    def begin_processing(self) -> None:
        super().begin_processing()
        raw = self.literal_path or self.path or ""
        self.display = paths.full_path(self.runtime.location, raw)
        self.target = paths.locate(self, raw)
        if self.target is None or not paths.exists_parent(self.target):
            self.throw_terminating_error(self.error(f"Could not find a part of the path '{self.display}'.",
                                                    "OpenError", "FileOpenFailure",
                                                    "System.IO.DirectoryNotFoundException"))
        existing = self.target.entry
        if existing is not None and existing.is_dir:
            self.throw_terminating_error(paths.access_denied(self, self.display, "FileOpenFailure"))
        if self.no_clobber and existing is not None and not self.append:
            self.throw_terminating_error(self.error(
                f"The file '{self.display}' already exists.", "ResourceExists", "NoClobber",
                "System.IO.IOException", target=self.display, target_type="String"))
        self.header = not (self.append and existing is not None and existing.content)
        self.text: list[str] = []
        self.started = False

    def process_record(self) -> None:
        if self.input_object is None:
            return
        if not self.started:
            self.started = True
            if not self.should_process(self.display, "Export-Csv"):
                self.text = None
        if self.text is not None:
            self.text.extend(self.writer.lines(self.input_object, header=self.header))

    def end_processing(self) -> None:
        if self.text is None:
            return
        body = "".join(line + "\r\n" for line in self.text)
        paths.write_text(self, self.target, body, append=self.append)


class _FromCsv(Cmdlet):
    delimiter: str | None = param("Char", position=1, sets=("Delimiter",))
    use_culture: bool = param("SwitchParameter", mandatory=True, sets=("UseCulture",))
    header: list[str] | None = param("String[]")


@cmdlet("ConvertFrom-Csv", module="Microsoft.PowerShell.Utility", default_set="Delimiter")
class ConvertFromCsvCommand(_FromCsv):
    """CSV strings -> objects."""
    synopsis = "Converts CSV text into objects."
    examples = (
        ("'Name,Server', 'DB1,MBX1' | ConvertFrom-Csv",
         "This example turns two lines of CSV text into one object."),
    )

    input_object: Any = param("PSObject[]", position=0, mandatory=True, pipeline=True, pipeline_by_name=True)

    def begin_processing(self) -> None:
        self.lines: list[str] = []

    def process_record(self) -> None:
        for item in self.input_object or []:
            self.lines.extend(self.runtime.to_string(item).replace("\r\n", "\n").split("\n"))

    def end_processing(self) -> None:
        for obj in read_objects(self.lines, _delimiter(self), self.header):
            self.write_object(obj)


@cmdlet("Import-Csv", module="Microsoft.PowerShell.Utility", default_set="Delimiter")
class ImportCsvCommand(_FromCsv):
    """A CSV file on the session's machine -> objects."""
    synopsis = "Reads objects from a CSV file."
    examples = (
        (r"Import-Csv C:\Logs\copies.csv | Where-Object {$_.Status -ne 'Healthy'}",
         "This example reads a saved CSV file back and keeps the rows of copies that were not healthy."),
    )

    path: list[str] | None = param("String[]", position=0, pipeline=True, pipeline_by_name=True)
    literal_path: list[str] | None = param("String[]", aliases=("PSPath",))
    encoding: str | None = param("String", ignored="files hold text")

    def process_record(self) -> None:
        for raw in (self.literal_path or self.path or []):
            text = self.runtime.to_string(raw)
            target = paths.locate(self, text)
            display = paths.full_path(self.runtime.location, text)
            entry = target.entry if target is not None else None
            if entry is None or entry.is_dir:
                self.write_error(self.error(f"Could not find file '{display}'.", "OpenError", "FileOpenFailure",
                                            "System.IO.FileNotFoundException"))
                continue
            lines = entry.content.replace("\r\n", "\n").split("\n")
            for obj in read_objects(lines, _delimiter(self), self.header):
                self.write_object(obj)
