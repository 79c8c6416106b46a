"""The .NET surface admin scripts touch: type literals, casts, `-is`, and static members of
[math], [string], [datetime], [timespan], [int], [System.Net.IPAddress], [guid], [regex],
[Environment]. Types that would reach the host are refused with a clear error."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import math
import re
from typing import Any

from cmdlets.api.values import PSCUSTOMOBJECT, PSHashtable, PSObject
from exshell.engine import conversion as conv
from exshell.engine import members, messages
from exshell.engine.errors import PSRuntimeError, method_invocation_error
from exshell.engine.dotnet_values import (
    EMPTY_GUID, ENCODINGS, IP_STATICS, CharValue, GuidValue, RegexValue, ResizableList, check_size,
    generic_list_name, parse_guid, parse_ip, string_new,
)
from exshell.engine.members import TypeInfo

KNOWN_TYPES = {
    "System.Int32", "System.Int64", "System.Int16", "System.UInt16", "System.UInt32", "System.UInt64",
    "System.Byte", "System.SByte", "System.Double", "System.Single", "System.Decimal", "System.String",
    "System.Char", "System.Boolean", "System.DateTime", "System.TimeSpan", "System.Object", "System.Array",
    "System.Collections.Hashtable", "System.Management.Automation.PSObject", PSCUSTOMOBJECT,
    "System.Management.Automation.ScriptBlock", "System.Management.Automation.SwitchParameter",
    "System.Guid", "System.Text.RegularExpressions.Regex", "System.Net.IPAddress", "System.Version",
    "System.Void", "System.Collections.Specialized.OrderedDictionary", "System.Math", "System.Environment",
    "System.Convert", "System.Type", "System.Collections.ArrayList", "System.Text.Encoding",
    "System.Threading.Timeout", "System.Management.Automation.ErrorRecord", "System.Exception",
    "System.Management.Automation.RuntimeException", "System.Xml.XmlDocument",
}
REFUSED = {"system.diagnostics.process", "system.io.file", "system.io.directory", "system.net.webclient",
           "system.net.sockets.tcpclient", "system.net.dns", "system.io.streamwriter", "system.io.streamreader",
           "system.reflection.assembly", "system.activator", "system.appdomain"}


def resolve_type(name: str) -> TypeInfo:
    full = conv.canonical_type(name)
    base = full[:-2] if full.endswith("[]") else full
    if base.lower() in REFUSED:
        raise PSRuntimeError(messages.text("NotAvailable", kind="type", name=name), error_id="TypeNotAvailable",
                             category="PermissionDenied", target=name)
    if base in KNOWN_TYPES or base.startswith("System.Collections.Generic.") or base.startswith("Microsoft.Exchange"):
        return TypeInfo(full)
    raise PSRuntimeError(messages.text("TypeNotFound", name=name), error_id="TypeNotFound",
                         category="InvalidOperation", target=name, target_type="TypeName")


def type_name_from(value: Any) -> str:
    if isinstance(value, TypeInfo):
        return value.full_name
    text = conv.to_string(value).strip()
    return text[1:-1] if text.startswith("[") and text.endswith("]") else text    # '[int]' names a type too


def is_instance(value: Any, type_value: Any) -> bool:
    full = conv.canonical_type(type_name_from(type_value))
    if full == "System.Object":
        return value is not None
    actual = conv.type_name_of(value)
    if full == actual:
        return True
    if full == "System.Array" or full.endswith("[]"):
        return isinstance(value, list)
    if full in ("System.ValueType",):
        return isinstance(value, (int, float, bool, dt.datetime, dt.timedelta))
    if isinstance(value, PSObject):
        return full in value.type_names
    return False


def _to_pscustomobject(value: Any) -> Any:
    if isinstance(value, dict):
        return PSObject((PSCUSTOMOBJECT, "System.Object"), list(value.items()))
    return value


def convert_to_type(value: Any, type_name: str, ev: Any) -> Any:
    full = conv.canonical_type(type_name)
    if full.endswith("[]"):
        elem = full[:-2]
        return [convert_to_type(v, elem, ev) for v in conv.to_array(value)]
    low = full.lower()
    if low == "system.string":
        return None if value is None and False else conv.to_string(value)
    if low in ("system.int32", "system.int64", "system.int16", "system.uint16", "system.uint32",
               "system.uint64", "system.byte", "system.sbyte"):
        return conv.to_int(value, full)
    if low in ("system.double", "system.single"):
        return float(conv.to_number(value))
    if low == "system.decimal":
        return decimal.Decimal(str(conv.to_number(value)))
    if low == "system.boolean":
        return conv.to_bool(value)
    if low == "system.char":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return CharValue(chr(conv.to_int(value, "System.UInt16")))
        s = conv.to_string(value)
        if len(s) != 1:
            raise PSRuntimeError(messages.text("InvalidCastParse", value=s, source="System.String", type="System.Char",
                                               detail="String must be exactly one character long."),
                                 error_id="InvalidCastParseTargetInvocation", category="InvalidArgument")
        return CharValue(s)
    if low == "system.datetime" and isinstance(value, str) and ev is not None and conv.time_of_day(value):
        hour, minute, second, micro = conv.time_of_day(value)
        return ev.now().replace(hour=hour, minute=minute, second=second, microsecond=micro)
    simple = _SIMPLE_CONVERSIONS.get(low)
    if simple is not None:
        return simple(value)
    if low == PSCUSTOMOBJECT.lower():
        return _to_pscustomobject(value)
    if low in ("system.collections.hashtable", "system.collections.specialized.ordereddictionary") and isinstance(
            value, dict):
        return value
    if low == "system.collections.arraylist":
        return ResizableList(conv.to_array(value))
    element = _generic_list_element(full)
    if element is not None:
        return ResizableList((convert_to_type(v, element, ev) for v in conv.to_array(value)),
                             generic_list_name(element), element)
    if low == "system.management.automation.scriptblock":
        from exshell.engine.context import ScriptBlock
        if isinstance(value, ScriptBlock):
            return value
    resolve_type(type_name)
    if is_instance(value, TypeInfo(full)):
        return value
    raise PSRuntimeError(messages.text("InvalidCast", value=conv.to_string(value), source=conv.type_name_of(value),
                                       type=full), error_id="ConvertToFinalInvalidCastException",
                         category="InvalidArgument")


_SIMPLE_CONVERSIONS = {
    "system.datetime": conv.to_datetime, "system.timespan": conv.to_timespan,
    "system.object": lambda v: v, "system.management.automation.psobject": lambda v: v,
    "system.net.ipaddress": parse_ip, "system.void": lambda v: None, "system.version": conv.to_string,
    "system.guid": parse_guid, "system.text.regularexpressions.regex": lambda v: v if isinstance(
        v, RegexValue) else RegexValue(conv.to_string(v)),
    "system.management.automation.switchparameter": conv.to_bool,
}


def _generic_list_element(full: str) -> str | None:
    """`System.Collections.Generic.List[string]` -> `System.String`."""
    m = re.fullmatch(r"(?i)(?:System\.Collections\.Generic\.)?List\[\[?([^\],]+)\]?\]", full)
    return conv.canonical_type(m.group(1)) if m else None


def static_property(type_value: Any, name: str, ev: Any) -> Any:
    full = type_name_from(type_value)
    low, key = full.lower(), name.lower()
    table: dict[str, Any] = {}
    if low in conv._INTEGER_RANGES_LOWER:
        lo, hi = conv._INTEGER_RANGES_LOWER[low]
        table = {"maxvalue": hi, "minvalue": lo}
    elif low == "system.double":
        table = {"maxvalue": 1.7976931348623157e308, "minvalue": -1.7976931348623157e308,
                 "nan": float("nan"), "positiveinfinity": float("inf"), "negativeinfinity": float("-inf"),
                 "epsilon": 5e-324}
    elif low == "system.string":
        table = {"empty": ""}
    elif low == "system.datetime":
        table = {"now": ev.now(), "today": ev.now().replace(hour=0, minute=0, second=0, microsecond=0),
                 "utcnow": ev.now(), "minvalue": dt.datetime(1, 1, 1),
                 "maxvalue": dt.datetime(9999, 12, 31, 23, 59, 59, 999999)}
    elif low == "system.timespan":
        table = {"zero": dt.timedelta(0), "maxvalue": dt.timedelta(days=10675199, seconds=10085, microseconds=477580),
                 "minvalue": -dt.timedelta(days=10675199, seconds=10085, microseconds=477580)}
    elif low == "system.net.ipaddress":
        table = IP_STATICS
    elif low == "system.guid":
        table = {"empty": EMPTY_GUID}
    elif low == "system.environment":
        table = {"newline": "\r\n", "machinename": ev.ctx.console_machine, "username": "Administrator",
                 "userdomainname": (ev.ctx.world.domain.split(".")[0].upper() if ev.ctx.world else ""),
                 "osversion": "Microsoft Windows NT 6.1.7601 Service Pack 1", "processorcount": 4,
                 "is64bitoperatingsystem": True, "is64bitprocess": True, "systemdirectory": "C:\\Windows\\system32",
                 "currentdirectory": ev.ctx.location, "userinteractive": bool(ev.ctx.interactive)}
    elif low == "system.math":
        table = {"pi": math.pi, "e": math.e}
    elif low == "system.threading.timeout":
        table = {"infinitetimespan": dt.timedelta(milliseconds=-1), "infinite": -1}
    elif low == "system.text.encoding":
        table = ENCODINGS
    if key in table:
        return table[key]
    resolve_type(full)
    raise PSRuntimeError(f"The property '{name}' cannot be found on type [{full}].",
                         error_id="PropertyNotFound", category="InvalidOperation")


def static_method(type_value: Any, name: str, args: list[Any], ev: Any) -> Any:
    """`[Type]::Method(args)`; `::new(...)` builds a value of the type."""
    full = type_name_from(type_value)
    low, key = full.lower(), name.lower()
    fn = constructor(full, ev) if key == "new" else _STATICS.get(low, {}).get(key)
    if fn is None:
        dynamic = _dynamic_statics(low, ev)
        fn = dynamic.get(key) if dynamic else None
    if fn is None:
        resolve_type(full)
        raise PSRuntimeError(messages.text("MethodNotFound", type=full, name=name), error_id="MethodNotFound",
                             category="InvalidOperation")
    try:
        return fn(*args)
    except TypeError:
        raise PSRuntimeError(messages.text("MethodCountCouldNotFindBest", name=name, count=len(args)),
                             error_id="MethodCountCouldNotFindBest", category="NotSpecified") from None
    except (ValueError, OverflowError) as exc:        # a constructor reports itself as .ctor
        raise method_invocation_error(".ctor" if key == "new" else name, len(args), str(exc),
                                      "OverflowException" if isinstance(exc, OverflowError)
                                      else "ArgumentOutOfRangeException") from None


def _dynamic_statics(low: str, ev: Any) -> dict[str, Any] | None:
    """Statics that need the session (clock, generator, culture)."""
    if low == "system.datetime":
        return {"now": ev.now, "parseexact": lambda text, fmt, *rest: parse_exact(text, fmt),
                "parse": conv.to_datetime}
    if low == "system.guid":
        return {"newguid": lambda: GuidValue(ev.new_guid())}
    if low == "system.string":
        return {"format": lambda fmt, *vals: ev.format_operator(fmt, list(vals[0]) if len(vals) == 1 and isinstance(
            vals[0], list) else list(vals))}
    if low == "system.management.automation.scriptblock":
        from exshell.engine.dynamic_code import create_script_block
        return {"create": lambda text: create_script_block(ev, text)}
    if low in conv._INTEGER_RANGES_LOWER or low in ("system.double", "system.decimal", "system.boolean"):
        return {"parse": lambda text, *rest: convert_to_type(conv.to_string(text), low, ev)}
    return None


def constructor(full: str, ev: Any) -> Any:
    """What `[Type]::new(...)` (and New-Object) calls for a type, or None."""
    low = full.lower()
    if low.endswith("[]"):
        def new_array(n: Any) -> list:
            size = conv.to_int(n)
            if size < 0:
                raise OverflowError("Arithmetic operation resulted in an overflow.")
            check_size(size)
            zero = 0 if low[:-2] in conv._INTEGER_RANGES_LOWER or low[:-2] == "system.double" else None
            return [zero] * size
        return new_array
    element = _generic_list_element(full)
    if element is not None:
        return lambda *a: ResizableList((), generic_list_name(element), element)
    table = {
        "system.collections.arraylist": lambda *a: ResizableList(),
        "system.collections.hashtable": lambda *a: PSHashtable(),
        "system.string": string_new,
        "system.text.regularexpressions.regex": lambda p, o=None: RegexValue(conv.to_string(p), o),
        "system.datetime": new_datetime,
        "system.timespan": _new_timespan, "system.guid": parse_guid, "system.net.ipaddress": parse_ip,
        "system.object": lambda: PSObject(("System.Object",), ()),
    }
    if low.startswith("system.collections.generic.dictionary") or low.startswith("dictionary"):
        return lambda *a: PSHashtable()
    return table.get(low)


def new_datetime(*parts: Any) -> dt.datetime:
    """DateTime([ticks]) or DateTime(year, month, day[, hour, minute, second[, millisecond]]),
    refusing what .NET refuses in its words (a ValueError carrying the ArgumentOutOfRangeException's
    message)."""
    if len(parts) not in (0, 1, 3, 6, 7):
        raise TypeError("no overload")
    n = [conv.to_int(p, "System.Int64") for p in parts]
    if len(n) < 2:                                      # DateTime() and DateTime(ticks)
        if n and not 0 <= n[0] <= 3155378975999999999:
            raise ValueError("Ticks must be between DateTime.MinValue.Ticks and DateTime.MaxValue.Ticks."
                             "\r\nParameter name: ticks")
        return dt.datetime(1, 1, 1) + dt.timedelta(microseconds=n[0] // 10 if n else 0)
    try:
        dt.date(*n[:3])
    except ValueError:
        raise ValueError("Year, Month, and Day parameters describe an un-representable DateTime.") from None
    if len(n) >= 6 and not (0 <= n[3] < 24 and 0 <= n[4] < 60 and 0 <= n[5] < 60):
        raise ValueError("Hour, Minute, and Second parameters describe an un-representable DateTime.")
    if len(n) == 7 and not 0 <= n[6] < 1000:
        raise ValueError("Valid values are between 0 and 999, inclusive.\r\nParameter name: millisecond")
    return dt.datetime(*n[:6], microsecond=n[6] * 1000 if len(n) == 7 else 0)


def _new_timespan(*parts: Any) -> dt.timedelta:
    n = [conv.to_int(p, "System.Int64") for p in parts]
    if len(n) == 1:
        return dt.timedelta(microseconds=n[0] / 10)
    if len(n) == 3:
        return dt.timedelta(hours=n[0], minutes=n[1], seconds=n[2])
    if len(n) in (4, 5):
        return dt.timedelta(days=n[0], hours=n[1], minutes=n[2], seconds=n[3],
                            milliseconds=n[4] if len(n) == 5 else 0)
    raise TypeError("no overload")


def _string_join(sep: Any, *vals: Any) -> str:
    items = vals[0] if len(vals) == 1 and isinstance(vals[0], list) else vals
    return conv.to_string(sep).join(conv.to_string(v) for v in items)


def _round(x: Any, digits: Any = 0, mode: Any = None) -> Any:
    value = conv.to_number(x)
    d = conv.to_int(digits) if not isinstance(digits, str) else 0
    if isinstance(digits, str):
        mode = digits
    rounding = decimal.ROUND_HALF_UP if mode is not None and "awayfromzero" in conv.to_string(mode).lower() \
        else decimal.ROUND_HALF_EVEN
    q = decimal.Decimal(str(value)).quantize(decimal.Decimal(1).scaleb(-d), rounding=rounding)
    return q if isinstance(value, decimal.Decimal) else float(q)


def _num(x: Any) -> Any:
    return conv.to_number(x)


def _float_result(fn: Any) -> Any:
    """Math functions of a double give a double (Floor(2.7) is 2, a System.Double)."""
    return lambda x: (fn(_num(x)) if isinstance(_num(x), (int, decimal.Decimal)) else float(fn(_num(x))))


_MATH = {
    "round": _round, "floor": _float_result(math.floor), "ceiling": _float_result(math.ceil),
    "truncate": _float_result(math.trunc), "abs": lambda x: abs(_num(x)),
    "max": lambda a, b: max(_num(a), _num(b)), "min": lambda a, b: min(_num(a), _num(b)),
    "pow": lambda a, b: float(_num(a)) ** float(_num(b)), "sqrt": lambda x: math.sqrt(_num(x)),
    "log": lambda x, b=math.e: math.log(_num(x), _num(b)), "log10": lambda x: math.log10(_num(x)),
    "exp": lambda x: math.exp(_num(x)), "sign": lambda x: (_num(x) > 0) - (_num(x) < 0),
    "sin": lambda x: math.sin(_num(x)), "cos": lambda x: math.cos(_num(x)), "tan": lambda x: math.tan(_num(x)),
    "atan": lambda x: math.atan(_num(x)),
}


def _regex_static(method: str) -> Any:
    def call(text: Any, pattern: Any, *rest: Any) -> Any:
        options = rest[-1] if method in ("match", "matches", "ismatch", "split") and rest else (
            rest[1] if method == "replace" and len(rest) > 1 else None)
        rx = RegexValue(conv.to_string(pattern), options)
        if method == "replace":
            return rx.replace(text, rest[0])
        return {"match": rx.match, "matches": rx.matches, "split": rx.split,
                "ismatch": lambda t: rx.match(t).success}[method](text)
    return call


_STATICS: dict[str, dict[str, Any]] = {
    "system.math": _MATH,
    "system.string": {
        "isnullorempty": lambda s: s is None or conv.to_string(s) == "",
        "isnullorwhitespace": lambda s: s is None or conv.to_string(s).strip() == "",
        "join": _string_join, "concat": lambda *vals: "".join(conv.to_string(v) for v in vals),
        "compare": lambda a, b, ic=False: _compare_strings(a, b, ic),
        "equals": lambda a, b, *c: conv.to_string(a) == conv.to_string(b) if not c else
        conv.to_string(a).lower() == conv.to_string(b).lower(),
    },
    "system.timespan": {
        "fromdays": lambda n: dt.timedelta(days=float(_num(n))),
        "fromhours": lambda n: dt.timedelta(hours=float(_num(n))),
        "fromminutes": lambda n: dt.timedelta(minutes=float(_num(n))),
        "fromseconds": lambda n: dt.timedelta(seconds=float(_num(n))),
        "frommilliseconds": lambda n: dt.timedelta(milliseconds=float(_num(n))),
        "fromticks": lambda n: dt.timedelta(microseconds=conv.to_int(n, "System.Int64") / 10),
        "parse": conv.to_timespan,
    },
    "system.datetime": {
        "daysinmonth": lambda y, m: _days_in_month(conv.to_int(y), conv.to_int(m)),
        "isleapyear": lambda y: _days_in_month(conv.to_int(y), 2) == 29,
        "compare": lambda a, b: (a > b) - (a < b),
    },
    "system.net.ipaddress": {"parse": parse_ip, "isloopback": lambda ip: str(parse_ip(ip)).startswith("127.")
                             or str(ip) == "::1"},
    "system.guid": {"parse": parse_guid},
    "system.text.regularexpressions.regex": {
        "escape": lambda s: _regex_escape(conv.to_string(s)), "unescape": lambda s: re.sub(
            r"\\(.)", r"\1", conv.to_string(s)),
        "match": _regex_static("match"), "matches": _regex_static("matches"), "replace": _regex_static("replace"),
        "split": _regex_static("split"), "ismatch": _regex_static("ismatch"),
    },
    "system.convert": {
        "toint32": lambda v, base=None: int(conv.to_string(v), conv.to_int(base)) if base is not None else conv.to_int(v),
        "tostring": lambda v, base=None: _to_base(v, base) if base is not None else conv.to_string(v),
        "toboolean": conv.to_bool, "todouble": lambda v: float(_num(v)),
        "toint64": lambda v: conv.to_int(v, "System.Int64"),
        "tobase64string": lambda b: base64.b64encode(bytes(conv.to_int(x, "System.Byte") for x in
                                                            conv.to_array(b))).decode("ascii"),
        "frombase64string": lambda s: list(base64.b64decode(conv.to_string(s))),
    },
}


def _to_base(value: Any, base: Any) -> str:
    n, b = conv.to_int(value, "System.Int64"), conv.to_int(base)
    if b not in (2, 8, 10, 16):
        raise ValueError("Invalid Base.")
    return {2: format(n, "b"), 8: format(n, "o"), 10: str(n), 16: format(n, "x")}[b]


def _days_in_month(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def _compare_strings(a: Any, b: Any, ignore_case: Any) -> int:
    x, y = conv.to_string(a), conv.to_string(b)
    if conv.to_bool(ignore_case):
        x, y = x.lower(), y.lower()
    kx, ky = (x.lower(), x.swapcase()), (y.lower(), y.swapcase())
    return (kx > ky) - (kx < ky)


def _regex_escape(text: str) -> str:
    """Regex.Escape escapes \\ * + ? | { [ ( ) ^ $ . # and white space — not `]` or `}`."""
    out = []
    for ch in text:
        if ch in "\\*+?|{[()^$.# ":
            out.append("\\" + ch)
        elif ch in "\t\n\r\f":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}[ch])
        else:
            out.append(ch)
    return "".join(out)


_EXACT_TOKENS = [
    ("yyyy", r"(?P<year>\d{4})"), ("yy", r"(?P<year2>\d{2})"), ("MMMM", r"(?P<monthname>[A-Za-z]+)"),
    ("MMM", r"(?P<monthabbr>[A-Za-z]{3})"), ("MM", r"(?P<month>\d{2})"), ("M", r"(?P<month>\d{1,2})"),
    ("dddd", r"[A-Za-z]+"), ("ddd", r"[A-Za-z]{3}"), ("dd", r"(?P<day>\d{2})"), ("d", r"(?P<day>\d{1,2})"),
    ("HH", r"(?P<hour>\d{2})"), ("H", r"(?P<hour>\d{1,2})"), ("hh", r"(?P<hour12>\d{2})"),
    ("h", r"(?P<hour12>\d{1,2})"), ("mm", r"(?P<minute>\d{2})"), ("m", r"(?P<minute>\d{1,2})"),
    ("ss", r"(?P<second>\d{2})"), ("s", r"(?P<second>\d{1,2})"), ("fff", r"(?P<ms>\d{3})"),
    ("tt", r"(?P<ampm>AM|PM)"),
]
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


def parse_exact(text: Any, fmt: Any) -> dt.datetime:
    """DateTime.ParseExact with a custom pattern (invariant names)."""
    value, pattern = conv.to_string(text), conv.to_string(fmt)
    rx, i = [], 0
    while i < len(pattern):
        if pattern[i] in "'\"":
            end = pattern.find(pattern[i], i + 1)
            end = len(pattern) if end == -1 else end
            rx.append(re.escape(pattern[i + 1:end]))
            i = end + 1
            continue
        for token, part in _EXACT_TOKENS:
            if pattern.startswith(token, i):
                rx.append(part if "(?P<" not in part or part.split(">")[0][4:] not in "".join(rx) else r"\d+")
                i += len(token)
                break
        else:
            rx.append(re.escape(pattern[i]))
            i += 1
    m = re.fullmatch("".join(rx), value.strip(), re.IGNORECASE)
    if m is None:
        raise ValueError("String was not recognized as a valid DateTime.")
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    year = int(g["year"]) if "year" in g else 2000 + int(g["year2"]) if "year2" in g else 1
    month = int(g.get("month", 0)) or next((i + 1 for i, n in enumerate(_MONTHS)
                                            if n.startswith(g.get("monthname", g.get("monthabbr", "")).lower())
                                            and (g.get("monthname") or g.get("monthabbr"))), 1)
    hour = int(g.get("hour", 0))
    if "hour12" in g:
        hour = int(g["hour12"]) % 12 + (12 if g.get("ampm", "").upper() == "PM" else 0)
    return dt.datetime(year, month, int(g.get("day", 1)), hour, int(g.get("minute", 0)), int(g.get("second", 0)),
                       int(g.get("ms", 0)) * 1000)


__all__ = ["PSHashtable"]
