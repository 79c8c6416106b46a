"""ConvertTo-Json, ConvertFrom-Json and ConvertTo-Html as Windows PowerShell 5.1 writes them.

5.1's ConvertTo-Json serializes with JavaScriptSerializer (so `<`, `>`, `&` and `'` become \\u
escapes and dates become "\\/Date(ms)\\/") and then re-indents the text its own way: four spaces
per level, two spaces after each colon, and a nested object or array indented from the column
where its bracket opened.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import re
from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSCUSTOMOBJECT, PSObject
from cmdlets.builtins.objects import is_script_block

_EPOCH = dt.datetime(1970, 1, 1)
POWERSHELL_3 = ("2013", "2016", "2019")      # the JSON cmdlets came with PowerShell 3.0
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}


def json_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class _JsonWriter:
    """Objects -> the nested (kind, payload) tree JavaScriptSerializer would write, to a depth."""

    def __init__(self, runtime: Any, depth: int):
        self.runtime = runtime
        self.depth = depth

    def tree(self, value: Any, level: int = 0) -> Any:
        if value is None:
            return ("raw", "null")
        if isinstance(value, bool):
            return ("raw", "true" if value else "false")
        if isinstance(value, enum.Enum):
            return ("raw", str(value.value)) if isinstance(value.value, int) else ("raw", json_string(value.name))
        if isinstance(value, int):
            return ("raw", str(int(value)))         # an enum value is written as its number
        if isinstance(value, float):
            return ("raw", _number(value))
        if isinstance(value, decimal.Decimal):
            return ("raw", str(value))
        if isinstance(value, str):
            return ("raw", json_string(value))
        if isinstance(value, dt.datetime):
            ms = int((dt.datetime(value.year, value.month, value.day, value.hour, value.minute, value.second,
                                  value.microsecond) - _EPOCH).total_seconds() * 1000)
            raw = ("raw", json_string(f"\\/Date({ms})\\/").replace("\\\\/", "\\/"))
            hint = getattr(value, "display_hint", None)
            if hint is None or level >= self.depth:
                return raw
            # Get-Date's output carries its DisplayHint and DateTime notes, which 5.1 serializes too
            from cmdlets.api.dotnet_format import format_datetime
            text = format_datetime(value, "F", self.runtime.profile.culture)
            return ("dict", [("value", raw), ("DisplayHint", ("raw", str(("Date", "Time", "DateTime").index(hint)))),
                             ("DateTime", ("raw", json_string(text)))])
        if level > self.depth:
            return ("raw", json_string(self.runtime.to_string(value)))
        if isinstance(value, (list, tuple)):
            return ("list", [self.tree(v, level + 1) for v in value])
        if isinstance(value, dict):
            return ("dict", [(self.runtime.to_string(k), self.tree(v, level + 1)) for k, v in value.items()])
        if isinstance(value, dt.timedelta):
            return ("dict", [(k, self.tree(v, level + 1)) for k, v in _timespan_fields(value)])
        if isinstance(value, PSObject):
            return ("dict", [(k, self.tree(v, level + 1)) for k, v in value.ps_properties()])
        return ("raw", json_string(self.runtime.to_string(value)))


def _number(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return json_string("NaN" if value != value else ("Infinity" if value > 0 else "-Infinity"))
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    return text.replace("e+", "E+").replace("e-", "E-")


def _timespan_fields(value: dt.timedelta) -> list[tuple[str, Any]]:
    ticks = (value.days * 86400 + value.seconds) * 10_000_000 + value.microseconds * 10
    return [("Ticks", ticks), ("Days", value.days), ("Hours", value.seconds // 3600),
            ("Milliseconds", value.microseconds // 1000), ("Minutes", value.seconds // 60 % 60),
            ("Seconds", value.seconds % 60), ("TotalDays", ticks / 864e9), ("TotalHours", ticks / 36e9),
            ("TotalMilliseconds", ticks / 1e4), ("TotalMinutes", ticks / 6e8), ("TotalSeconds", ticks / 1e7)]


def compact(node: Any) -> str:
    kind, payload = node
    if kind == "raw":
        return payload
    if kind == "list":
        return "[" + ",".join(compact(v) for v in payload) + "]"
    return "{" + ",".join(json_string(k) + ":" + compact(v) for k, v in payload) + "}"


def pretty(node: Any, column: int = 0) -> str:
    """5.1's layout: members at the opening bracket's column + 4, the closing bracket under the opening one."""
    kind, payload = node
    if kind == "raw":
        return payload
    inner = " " * (column + 4)
    close = " " * column
    if kind == "list":
        if not payload:
            return "[\r\n\r\n" + close + "]"
        items = [inner + pretty(v, column + 4) for v in payload]
        return "[\r\n" + ",\r\n".join(items) + "\r\n" + close + "]"
    members = []
    for key, value in payload:
        head = json_string(key) + ":  "
        members.append(inner + head + pretty(value, column + 4 + len(head)))
    return "{\r\n" + ",\r\n".join(members) + "\r\n" + close + "}"


@cmdlet("ConvertTo-Json", module="Microsoft.PowerShell.Utility", versions=POWERSHELL_3)
class ConvertToJsonCommand(Cmdlet):
    """Converts objects to a JSON-formatted string."""
    examples = (
        ("Get-DatabaseAvailabilityGroup | Select-Object Name,Servers | ConvertTo-Json",
         "This example writes the name and members of every DAG as JSON text."),
    )

    input_object: Any = param("Object", position=0, mandatory=True, pipeline=True, allow_null=True)
    depth: int = param("Int32", default=2, validate_range=(1, 2147483647))
    compress: bool = param("SwitchParameter")

    def begin_processing(self) -> None:
        self.items: list[Any] = []

    def process_record(self) -> None:
        self.items.append(self.input_object)

    def end_processing(self) -> None:
        if not self.items:
            return
        value = self.items[0] if len(self.items) == 1 else list(self.items)
        node = _JsonWriter(self.runtime, self.depth).tree(value)
        self.write_object(compact(node) if self.compress else pretty(node))


@cmdlet("ConvertFrom-Json", module="Microsoft.PowerShell.Utility", versions=POWERSHELL_3)
class ConvertFromJsonCommand(Cmdlet):
    """Converts JSON text to custom objects (arrays come out as one object, as in 5.1)."""
    synopsis = "Converts JSON text into objects."
    examples = (
        ("'{\"Name\":\"DB1\",\"Copies\":3}' | ConvertFrom-Json",
         "This example turns JSON text into an object."),
    )

    input_object: str | None = param("String", position=0, mandatory=True, pipeline=True)

    def begin_processing(self) -> None:
        self.lines: list[str] = []

    def process_record(self) -> None:
        self.lines.append(self.input_object or "")

    def end_processing(self) -> None:
        text = "\n".join(self.lines).strip()
        if not text:
            return
        try:
            data = json.loads(text, object_pairs_hook=_object, parse_float=decimal.Decimal,
                              parse_constant=_no_constant)
        except ValueError as exc:
            self.throw_terminating_error(self.error(
                f"Invalid JSON primitive: {_bad_token(text, exc)}.", category="NotSpecified",
                error_id="System.ArgumentException", exception="System.ArgumentException"))
            return
        self.write_object(_dates(data))


def _object(pairs: list[tuple[str, Any]]) -> PSObject:
    return PSObject((PSCUSTOMOBJECT, "System.Object"), pairs)


def _no_constant(name: str) -> Any:
    raise ValueError(name)


_DATE = re.compile(r"^/Date\((-?\d+)\)/$")


def _dates(value: Any) -> Any:
    """JavaScriptSerializer turns "\\/Date(ms)\\/" back into a DateTime."""
    if isinstance(value, str):
        m = _DATE.match(value)
        return _EPOCH + dt.timedelta(milliseconds=int(m.group(1))) if m else value
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, PSObject):
        for k, v in value.ps_properties():
            value.set(k, _dates(v))
    return value


def _bad_token(text: str, exc: ValueError) -> str:
    pos = getattr(exc, "pos", 0) or 0
    m = re.match(r"[^\s,:\]\}\[\{]+", text[pos:])
    return m.group(0) if m else text[pos:pos + 1]


@cmdlet("ConvertFrom-StringData", module="Microsoft.PowerShell.Utility")
class ConvertFromStringDataCommand(Cmdlet):
    """Converts `name = value` lines to a hashtable (the form data sections keep messages in)."""

    synopsis = "Converts a string of name=value lines into a hash table."
    examples = (
        ("\"Witness = FS01`nDirectory = C:\\DAG1\" | ConvertFrom-StringData",
         "This example turns two name=value lines into a hash table with the keys Witness and Directory."),
    )

    string_data: str | None = param("String", position=0, mandatory=True, pipeline=True)

    def process_record(self) -> None:
        from cmdlets.api.values import PSHashtable
        table = PSHashtable()
        for raw in (self.string_data or "").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, value = line.partition("=")
            if not sep:
                self.throw_terminating_error(self.error(
                    f"Data line '{line}' is not in 'name=value' format.", category="InvalidOperation",
                    error_id="InvalidOperation",
                    exception="System.Management.Automation.PSInvalidOperationException"))
                return
            name = _unescape(name.strip())
            if name in table:
                self.throw_terminating_error(self.error(
                    f"Data item '{name}' in line '{line}' is already defined.", category="InvalidOperation",
                    error_id="InvalidOperation",
                    exception="System.Management.Automation.PSInvalidOperationException"))
                return
            table[name] = _unescape(value.strip())
        self.write_object(table)


_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "f": "\f", "v": "\v", "a": "\a", "b": "\b",
              "e": "\x1b", "0": "\0"}


def _unescape(text: str) -> str:
    """Regex.Unescape, as the cmdlet applies it to names and values."""
    return re.sub(r"\\(.)", lambda m: _UNESCAPES.get(m.group(1), m.group(1)), text)


@cmdlet("ConvertTo-Html", module="Microsoft.PowerShell.Utility", default_set="Page")
class ConvertToHtmlCommand(Cmdlet):
    """Converts objects into HTML that can be shown in a web browser."""
    examples = (
        ("Get-MailboxDatabaseCopyStatus * | ConvertTo-Html Name,Status -Title 'Copies' | Out-File "
         r"C:\Logs\copies.html",
         "This example saves a web page with a table of the copies and their status."),
    )

    input_object: Any = param("PSObject", pipeline=True, allow_null=True)
    property: list[Any] | None = param("Object[]", position=0)
    body: list[str] | None = param("String[]", position=3, sets=("Page",))
    head: list[str] | None = param("String[]", position=1, sets=("Page",))
    title: str = param("String", position=2, sets=("Page",), default="HTML TABLE")
    as_: str = param("String", name="As", values=("Table", "List"), default="Table")
    css_uri: str | None = param("Uri", name="CssUri", aliases=("cu", "uri"), sets=("Page",))
    fragment: bool = param("SwitchParameter", sets=("Fragment",))
    post_content: list[str] | None = param("String[]")
    pre_content: list[str] | None = param("String[]")

    def begin_processing(self) -> None:
        self.header_written = False
        self.count = 0
        if not self.fragment:
            self.write_object('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  '
                              '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">')
            self.write_object('<html xmlns="http://www.w3.org/1999/xhtml">')
            self.write_object("<head>")
            for line in self.head or [f"<title>{self.title}</title>"]:
                self.write_object(line)
            if self.css_uri:
                self.write_object(f'<link rel="stylesheet" type="text/css" href="{self.css_uri}" />')
            self.write_object("</head><body>")
            for line in self.body or []:
                self.write_object(line)
        for line in self.pre_content or []:
            self.write_object(line)
        self.write_object("<table>")

    def process_record(self) -> None:
        item = self.input_object
        if not self.is_bound("InputObject") or item is None:
            return
        self.count += 1
        if self.header_written:
            self.write_object("<tr>" + "".join(f"<td>{self._cell(get(item))}</td>" for _, get in self.columns)
                              + "</tr>")
            return
        columns = self._columns(item)
        if not columns:
            return
        if (self.as_ or "Table").lower() == "list":
            if self.count > 1:
                self.write_object("<tr><td><hr></td></tr>")
            for label, getter in columns:
                self.write_object(f"<tr><td>{label}:</td><td>{self._cell(getter(item))}</td></tr>")
            return
        if not self.header_written:
            self.columns = columns
            self.write_object("<colgroup>" + "<col/>" * len(columns) + "</colgroup>")
            self.write_object("<tr>" + "".join(f"<th>{label}</th>" for label, _ in columns) + "</tr>")
            self.header_written = True
        self.write_object("<tr>" + "".join(f"<td>{self._cell(get(item))}</td>" for _, get in self.columns) + "</tr>")

    def end_processing(self) -> None:
        self.write_object("</table>")
        for line in self.post_content or []:
            self.write_object(line)
        if not self.fragment:
            self.write_object("</body></html>")

    def _columns(self, item: Any) -> list[tuple[str, Any]]:
        rt = self.runtime
        out: list[tuple[str, Any]] = []
        for spec in self.property or ["*"]:
            if isinstance(spec, dict):
                table = {str(k).lower(): v for k, v in spec.items()}
                expr = table.get("expression", table.get("e"))
                label = table.get("label", table.get("l", table.get("name", table.get("n"))))
                if not is_script_block(expr):
                    expr = rt.to_string(expr)
                    out.append((rt.to_string(label or expr), lambda o, e=expr: rt.get_property(o, e)))
                else:
                    out.append((rt.to_string(label) if label else rt.to_string(expr),
                                lambda o, e=expr: _single(rt.invoke_script(e, dollar_under=o))))
                continue
            if is_script_block(spec):
                out.append((rt.to_string(spec), lambda o, e=spec: _single(rt.invoke_script(e, dollar_under=o))))
                continue
            for name in _property_names(item):
                if rt.like(name, rt.to_string(spec)):
                    out.append((name, lambda o, n=name: rt.get_property(o, n)))
        return out

    def _cell(self, value: Any) -> str:
        if value is None:
            return ""
        values = value if isinstance(value, list) else [value]
        return ", ".join(_html(self.runtime.to_string(v)) for v in values)


def _single(out: list[Any]) -> Any:
    if not out:
        return None
    return out[0] if len(out) == 1 else out


def _property_names(item: Any) -> list[str]:
    if isinstance(item, PSObject):
        return item.property_names()
    if isinstance(item, str):
        return ["Length"]
    if isinstance(item, dict):
        return ["IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count"]
    return []


def _html(text: str) -> str:
    """WebUtility.HtmlEncode."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#39;"))
