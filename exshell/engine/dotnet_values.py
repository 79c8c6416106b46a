"""Values of the .NET types scripts create themselves: [char], [guid], [ipaddress], [regex] and
its Match/Group results, the text encodings, generic lists. Each answers ``ps_get`` (properties)
and ``ps_invoke`` (methods) and names its .NET type; unknown members get the shell's
MethodNotFound / $null answers from ``members``.

[char], [guid] and [ipaddress] are ``str`` subclasses: they print, compare and bind to cmdlet
parameters as their text, as PowerShell converts them.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine.errors import PSRuntimeError, method_invocation_error

MISSING = object()        # a member the value does not have
_MISSING = MISSING


class CharValue(str):
    """System.Char: one character; a number in arithmetic (`[int][char]'A'` is 65)."""

    ps_type_name = "System.Char"

    def ps_number(self) -> int:
        return ord(self)


class GuidValue(str):
    """System.Guid, lower-case hex with dashes."""

    ps_type_name = "System.Guid"

    def ps_get(self, name: str) -> Any:
        return str(self) if name.lower() == "guid" else _MISSING


EMPTY_GUID = GuidValue("00000000-0000-0000-0000-000000000000")
_GUID_RE = re.compile(r"^\{?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?"
                      r"([0-9a-fA-F]{12})\}?$")


def parse_guid(value: Any) -> GuidValue:
    text = conv.to_string(value).strip()
    m = _GUID_RE.match(text)
    if not m:
        raise conv.ConversionError(messages.text(
            "InvalidCastParse", value=text, source="System.String", type="System.Guid",
            detail="Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."),
            "InvalidCastParseTargetInvocation")
    return GuidValue("-".join(g.lower() for g in m.groups()))


class IPAddressValue(str):
    """System.Net.IPAddress (its text is what ToString() gives)."""

    ps_type_name = "System.Net.IPAddress"

    def ps_get(self, name: str) -> Any:
        ip = ipaddress.ip_address(str(self))
        low = name.lower()
        if low == "addressfamily":
            return "InterNetwork" if ip.version == 4 else "InterNetworkV6"
        if low == "ipaddresstostring":
            return str(self)
        if low in ("isipv6linklocal", "isipv6sitelocal", "isipv6multicast", "isipv6teredo"):
            return ip.version == 6 and {"isipv6linklocal": ip.is_link_local, "isipv6sitelocal": ip.is_site_local,
                                        "isipv6multicast": ip.is_multicast,
                                        "isipv6teredo": str(self).startswith("2001:0:")}[low]
        if low == "scopeid" and ip.version == 6:
            return 0
        return _MISSING

    def ps_property_names(self) -> list[str]:
        return ["AddressFamily", "ScopeId", "IsIPv6Multicast", "IsIPv6LinkLocal", "IsIPv6SiteLocal",
                "IsIPv6Teredo", "IPAddressToString"]

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        if name.lower() == "getaddressbytes" and not args:
            return list(ipaddress.ip_address(str(self)).packed)
        return _MISSING


def parse_ip(value: Any) -> IPAddressValue:
    return IPAddressValue(conv.to_ipv4(value))


IP_STATICS = {"none": IPAddressValue("255.255.255.255"), "any": IPAddressValue("0.0.0.0"),
              "loopback": IPAddressValue("127.0.0.1"), "broadcast": IPAddressValue("255.255.255.255"),
              "ipv6any": IPAddressValue("::"), "ipv6loopback": IPAddressValue("::1"),
              "ipv6none": IPAddressValue("::")}


# -- regular expressions -----------------------------------------------------------------------

_OPTIONS = {"none": 0, "ignorecase": re.IGNORECASE, "multiline": re.MULTILINE, "singleline": re.DOTALL,
            "ignorepatternwhitespace": re.VERBOSE, "explicitcapture": 0, "compiled": 0, "cultureinvariant": 0,
            "ecmascript": 0, "righttoleft": 0}


def regex_options(value: Any) -> tuple[int, str]:
    """RegexOptions from `'IgnoreCase, Multiline'` or a list: (re flags, .NET text)."""
    names = [n.strip() for v in conv.to_array(value) for n in conv.to_string(v).split(",") if n.strip()]
    flags = 0
    for n in names:
        if n.lower() not in _OPTIONS:
            raise conv.ConversionError(messages.text(
                "InvalidCastParse", value=conv.to_string(value), source="System.String",
                type="System.Text.RegularExpressions.RegexOptions",
                detail=messages.text("EnumConversion", value=n, names=", ".join(
                    ("None", "IgnoreCase", "Multiline", "ExplicitCapture", "Compiled", "Singleline",
                     "IgnorePatternWhitespace", "RightToLeft", "ECMAScript", "CultureInvariant")))),
                "InvalidCastParseTargetInvocation")
        flags |= _OPTIONS[n.lower()]
    return flags, ", ".join(names) or "None"


class RegexValue:
    """System.Text.RegularExpressions.Regex: case-sensitive unless IgnoreCase is given."""

    ps_type_name = "System.Text.RegularExpressions.Regex"

    def __init__(self, pattern: str, options: Any = None):
        from exshell.engine.operators import translate_regex
        self.pattern = pattern
        flags, self.options = regex_options(options) if options is not None else (0, "None")
        self.rx = translate_regex(pattern, flags)

    def __str__(self) -> str:
        return self.pattern

    def ps_get(self, name: str) -> Any:
        low = name.lower()
        if low == "options":
            return self.options
        if low == "righttoleft":
            return False
        return _MISSING

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        method = _REGEX_METHODS.get(name.lower())
        if method is None:
            return _MISSING
        return method(self, *args)

    def match(self, text: Any, start: Any = 0) -> "MatchValue":
        s = conv.to_string(text)
        return MatchValue(self.rx.search(s, conv.to_int(start)), s)

    def matches(self, text: Any, start: Any = 0) -> list["MatchValue"]:
        s = conv.to_string(text)
        return [MatchValue(m, s) for m in self.rx.finditer(s, conv.to_int(start))]

    def replace(self, text: Any, replacement: Any, count: Any = -1) -> str:
        from exshell.engine.operators import replace_with
        return replace_with(self.rx, conv.to_string(text), replacement, conv.to_int(count))

    def split(self, text: Any, count: Any = 0) -> list[str]:
        n = conv.to_int(count)
        parts = self.rx.split(conv.to_string(text), maxsplit=max(n - 1, 0)) if n > 0 else self.rx.split(
            conv.to_string(text))
        return [p for p in parts if p is not None]


_REGEX_METHODS = {
    "match": RegexValue.match, "matches": RegexValue.matches, "replace": RegexValue.replace,
    "split": RegexValue.split, "ismatch": lambda r, t, *a: r.match(t, *a).success,
    "tostring": lambda r: r.pattern, "getgroupnames": lambda r: ["0", *r.rx.groupindex],
}


class GroupValue:
    """A Group of a Match (also group 0, the whole match)."""

    ps_type_name = "System.Text.RegularExpressions.Group"

    def __init__(self, value: str | None, index: int, name: str):
        self.success = value is not None
        self.value = value or ""
        self.index = index if self.success else 0
        self.name = name

    def __str__(self) -> str:
        return self.value

    def ps_property_names(self) -> list[str]:
        names = ["Success", "Name", "Captures", "Index", "Length", "Value"]
        return names if type(self) is GroupValue else ["Groups", *names]

    def ps_get(self, name: str) -> Any:
        return {"success": self.success, "value": self.value, "index": self.index, "length": len(self.value),
                "name": self.name, "captures": [self] if self.success else []}.get(name.lower(), _MISSING)


class MatchValue(GroupValue):
    """System.Text.RegularExpressions.Match; an unsuccessful one has Success $false."""

    ps_type_name = "System.Text.RegularExpressions.Match"

    def __init__(self, m: re.Match[str] | None, text: str):
        super().__init__(m.group(0) if m else None, m.start() if m else 0, "0")
        self.m, self.text = m, text

    def groups(self) -> "GroupCollection":
        groups = [GroupValue(self.value if self.success else None, self.index, "0")]
        if self.m is not None:
            names = {idx: name for name, idx in self.m.re.groupindex.items()}
            for i in range(1, self.m.re.groups + 1):
                groups.append(GroupValue(self.m.group(i), self.m.start(i), names.get(i, str(i))))
        return GroupCollection(groups)

    def ps_get(self, name: str) -> Any:
        if name.lower() == "groups":
            return self.groups()
        return super().ps_get(name)

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        if name.lower() == "nextmatch" and not args:
            if self.m is None:
                return self
            start = self.m.end() + (1 if self.m.end() == self.m.start() else 0)
            return MatchValue(self.m.re.search(self.text, start) if start <= len(self.text) else None, self.text)
        return _MISSING


class GroupCollection(list):
    """Match.Groups: indexed by number or by name."""

    ps_type_name = "System.Text.RegularExpressions.GroupCollection"

    def ps_index(self, key: Any) -> Any:
        if isinstance(key, str) and not key.isdigit():
            return next((g for g in self if g.name.lower() == key.lower()), None)
        i = conv.to_int(key)
        return self[i] if 0 <= i < len(self) else None


# -- encodings, lists ----------------------------------------------------------------------------

class EncodingValue:
    """System.Text.Encoding instances: names and byte conversion."""

    ps_type_name = "System.Text.UTF8Encoding"

    def __init__(self, codec: str, web_name: str, display: str, code_page: int, type_name: str):
        self.codec, self.web_name, self.display, self.code_page = codec, web_name, display, code_page
        self.ps_type_name = type_name

    def __str__(self) -> str:
        return self.ps_type_name

    def ps_get(self, name: str) -> Any:
        return {"webname": self.web_name, "encodingname": self.display, "bodyname": self.web_name,
                "headername": self.web_name, "codepage": self.code_page,
                "windowscodepage": 1200 if self.code_page in (1200, 1201) else (
                    1252 if self.code_page == 20127 else self.code_page),
                "isreadonly": True, "issinglebyte": self.code_page in (20127, 1252)}.get(name.lower(), _MISSING)

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low == "getbytes" and len(args) == 1:
            text = conv.to_string(args[0])
            data = text.encode(self.codec, errors="replace")
            return list(data)
        if low == "getstring" and len(args) == 1:
            return bytes(conv.to_int(b, "System.Byte") for b in conv.to_array(args[0])).decode(
                self.codec, errors="replace")
        if low == "getbytecount" and len(args) == 1:
            return len(conv.to_string(args[0]).encode(self.codec, errors="replace"))
        if low == "getpreamble" and not args:
            return {"utf-8": [239, 187, 191], "utf-16-le": [255, 254], "utf-16-be": [254, 255]}.get(self.codec, [])
        return _MISSING


ENCODINGS = {
    "utf8": EncodingValue("utf-8", "utf-8", "Unicode (UTF-8)", 65001, "System.Text.UTF8Encoding"),
    "ascii": EncodingValue("ascii", "us-ascii", "US-ASCII", 20127, "System.Text.ASCIIEncoding"),
    "unicode": EncodingValue("utf-16-le", "utf-16", "Unicode", 1200, "System.Text.UnicodeEncoding"),
    "bigendianunicode": EncodingValue("utf-16-be", "utf-16BE", "Unicode (Big-Endian)", 1201,
                                      "System.Text.UnicodeEncoding"),
    "utf32": EncodingValue("utf-32-le", "utf-32", "Unicode (UTF-32)", 12000, "System.Text.UTF32Encoding"),
    "default": EncodingValue("cp1252", "Windows-1252", "Western European (Windows)", 1252,
                             "System.Text.SBCSCodePageEncoding"),
}


class ResizableList(list):
    """System.Collections.ArrayList and List[T]: a list whose Add/Remove/Insert work."""

    ps_resizable = True
    ps_type_name = "System.Collections.ArrayList"

    def __init__(self, items: Any = (), type_name: str = "System.Collections.ArrayList", element: str = ""):
        super().__init__(items)
        self.ps_type_name = type_name
        self.element = element          # List[T]: the T every added item is converted to


def generic_list_name(element: str) -> str:
    return f"System.Collections.Generic.List`1[[{element}]]"


def check_size(n: int) -> None:
    from exshell.engine.operators import _too_large
    _too_large(n)


def string_new(value: Any, count: Any = None) -> str:
    """[string]::new(char, count) / [string]::new(char[])."""
    if count is None:
        return "".join(conv.to_string(c) for c in conv.to_array(value))
    n = conv.to_int(count)
    if n < 0:
        raise method_invocation_error(".ctor", 2, "Count cannot be less than zero.\r\nParameter name: count",
                                      "ArgumentOutOfRangeException")
    check_size(n)
    return conv.to_string(value)[:1] * n


# -- error records ---------------------------------------------------------------------------------

class ExceptionValue:
    """`$_.Exception`: the .NET exception an ErrorRecord carries."""

    def __init__(self, record: Any):
        self.record = record
        self.ps_type_name = record.exception_type or "System.Management.Automation.RuntimeException"

    def __str__(self) -> str:
        return f"{self.ps_type_name}: {self.record.message}"

    def ps_property_names(self) -> list[str]:
        return ["ErrorRecord", "StackTrace", "WasThrownFromThrowStatement", "Message", "Data", "InnerException",
                "TargetSite", "HelpLink", "Source"]

    def ps_get(self, name: str) -> Any:
        low = name.lower()
        if low == "message":
            return self.record.message
        if low == "errorrecord":
            return self.record
        if low in ("innerexception", "targetsite", "helplink", "stacktrace", "data"):
            return None
        if low == "source":
            return "System.Management.Automation"
        if low == "wasthrownfromthrowstatement":
            return self.record.error_id == self.record.message
        return MISSING


class CategoryInfoValue:
    """`$_.CategoryInfo`: as the error block's CategoryInfo line shows it."""

    ps_type_name = "System.Management.Automation.ErrorCategoryInfo"

    def __init__(self, record: Any):
        self.record = record

    def _fields(self) -> dict[str, Any]:
        r = self.record
        target = "" if r.target is None else conv.to_string(r.target)
        return {"category": r.category, "activity": r.activity, "reason": r.exception_name,
                "targetname": target, "targettype": r.target_type}

    def __str__(self) -> str:
        f = self._fields()
        return f"{f['category']}: ({f['targetname']}:{f['targettype']}) [{f['activity']}], {f['reason']}"

    def ps_property_names(self) -> list[str]:
        return ["Category", "Activity", "Reason", "TargetName", "TargetType"]

    def ps_get(self, name: str) -> Any:
        return self._fields().get(name.lower(), MISSING)


def error_record_member(record: Any, name: str) -> Any:
    """ErrorRecord's properties as scripts read them in catch blocks and $Error."""
    low = name.lower()
    if low == "exception":
        return ExceptionValue(record)
    if low == "fullyqualifiederrorid":
        return record.fully_qualified_error_id
    if low == "categoryinfo":
        return CategoryInfoValue(record)
    if low == "targetobject":
        return record.target
    if low == "invocationinfo":
        return _invocation(record)
    if low in ("errordetails", "pipelineiterationinfo"):
        return None if low == "errordetails" else []
    if low == "scriptstacktrace":
        return "at <ScriptBlock>, <No file>: line " + str(record.invocation.line if record.invocation else 1)
    return MISSING


ERROR_RECORD_PROPERTIES = ["ErrorRecord", "WriteErrorStream", "PSMessageDetails", "Exception", "TargetObject",
                           "CategoryInfo", "FullyQualifiedErrorId", "ErrorDetails", "InvocationInfo",
                           "ScriptStackTrace", "PipelineIterationInfo"][3:]


def _invocation(record: Any) -> Any:
    from cmdlets.api.values import PSObject
    inv = record.invocation
    if inv is None:
        return None
    return PSObject(("System.Management.Automation.InvocationInfo", "System.Object"), [
        ("MyCommand", inv.command_name or None), ("ScriptLineNumber", inv.line), ("OffsetInLine", inv.column),
        ("ScriptName", inv.script_name), ("Line", inv.line_text), ("InvocationName", inv.command_name),
        ("PositionMessage", f"At line:{inv.line} char:{inv.column}\n+ {inv.line_text}")])
