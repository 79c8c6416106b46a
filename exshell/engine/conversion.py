"""PowerShell's conversion rules: truthiness, numbers, strings, casts, and parameter types.

``to_string`` is the language's string conversion (string expansion, `[string]`, -join):
invariant culture, arrays joined with spaces. The console's rendering of values lives in
``exshell.formatting``; .NET ``ToString()`` of our own value classes is ``str(value)``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import ipaddress
import math
import re
from typing import Any

from cmdlets.api.values import PSHashtable, PSObject, PSCUSTOMOBJECT
from exshell.engine.errors import PSRuntimeError
from exshell.engine import messages


class ConversionError(PSRuntimeError):
    """A value that cannot become the requested type (PSInvalidCastException)."""

    def __init__(self, message: str, error_id: str = "InvalidCastFromStringToInteger"):
        super().__init__(message, error_id=error_id, category="InvalidArgument",
                         exception_type="System.Management.Automation.PSInvalidCastException")


# -- type names -----------------------------------------------------------------------------

TYPE_ALIASES = {
    "int": "System.Int32", "int32": "System.Int32", "long": "System.Int64", "int64": "System.Int64",
    "int16": "System.Int16", "uint16": "System.UInt16", "uint32": "System.UInt32", "uint64": "System.UInt64",
    "byte": "System.Byte", "sbyte": "System.SByte", "double": "System.Double", "float": "System.Single",
    "single": "System.Single", "decimal": "System.Decimal", "string": "System.String", "char": "System.Char",
    "bool": "System.Boolean", "boolean": "System.Boolean", "datetime": "System.DateTime",
    "timespan": "System.TimeSpan", "object": "System.Object", "array": "System.Array",
    "hashtable": "System.Collections.Hashtable", "psobject": "System.Management.Automation.PSObject",
    "pscustomobject": PSCUSTOMOBJECT, "scriptblock": "System.Management.Automation.ScriptBlock",
    "switch": "System.Management.Automation.SwitchParameter", "guid": "System.Guid",
    "regex": "System.Text.RegularExpressions.Regex", "ipaddress": "System.Net.IPAddress",
    "version": "System.Version", "void": "System.Void", "ordered": "System.Collections.Specialized.OrderedDictionary",
    "math": "System.Math", "xml": "System.Xml.XmlDocument", "type": "System.Type",
    "environment": "System.Environment", "convert": "System.Convert",
}

_INTEGER_RANGES = {
    "System.Int32": (-2**31, 2**31 - 1), "System.Int64": (-2**63, 2**63 - 1),
    "System.Int16": (-2**15, 2**15 - 1), "System.UInt16": (0, 2**16 - 1), "System.UInt32": (0, 2**32 - 1),
    "System.UInt64": (0, 2**64 - 1), "System.Byte": (0, 255), "System.SByte": (-128, 127),
}
_INTEGER_RANGES_LOWER = {k.lower(): v for k, v in _INTEGER_RANGES.items()}


def canonical_type(name: str) -> str:
    """`int` -> `System.Int32`; `System.String[]` stays an array name; unknown names pass through."""
    name = name.strip()
    if name.endswith("[]"):
        return canonical_type(name[:-2]) + "[]"
    low = name.lower()
    if low.startswith("system."):
        short = low[len("system."):]
        for k, v in TYPE_ALIASES.items():
            if v.lower() == low:
                return v
        if short in TYPE_ALIASES:
            return TYPE_ALIASES[short]
        return name
    return TYPE_ALIASES.get(low, name)


def type_name_of(value: Any) -> str:
    """The .NET full type name PowerShell would report for a value."""
    if value is None:
        return "null"
    ps_type = getattr(value, "ps_type_name", None)
    if ps_type:
        return ps_type
    if isinstance(value, bool):
        return "System.Boolean"
    if isinstance(value, int):
        return "System.Int32" if -2**31 <= value < 2**31 else "System.Int64"
    if isinstance(value, float):
        return "System.Double"
    if isinstance(value, decimal.Decimal):
        return "System.Decimal"
    if isinstance(value, str):
        return "System.String"
    if isinstance(value, list):
        return getattr(value, "ps_type_name", "System.Object[]")
    if isinstance(value, PSHashtable):
        return "System.Collections.Specialized.OrderedDictionary" if value.ordered else "System.Collections.Hashtable"
    if isinstance(value, dt.datetime):
        return "System.DateTime"
    if isinstance(value, dt.timedelta):
        return "System.TimeSpan"
    if isinstance(value, PSObject):
        return value.type_names[0] if value.type_names else "System.Management.Automation.PSCustomObject"
    ps_type = getattr(value, "ps_type_name", None)
    if ps_type:
        return ps_type
    return f"System.{type(value).__name__}"


# -- scalars --------------------------------------------------------------------------------

def is_enumerable(value: Any) -> bool:
    """What the pipeline unrolls: arrays/lists (not strings, not hashtables)."""
    return isinstance(value, (list, tuple))


def to_bool(value: Any) -> bool:
    """PowerShell truthiness (LanguagePrimitives.IsTrue)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return value != 0
    if isinstance(value, str):
        return len(value) > 0
    if isinstance(value, (list, tuple)):
        if len(value) == 0:
            return False
        if len(value) == 1:
            return to_bool(value[0])
        return True
    if hasattr(value, "ps_is_present"):      # SwitchParameter
        return bool(value.ps_is_present)
    return True


def format_double(value: float) -> str:
    """Double.ToString() as PowerShell 1.0-5.1 print it: .NET Framework's 15 significant digits
    ("G15": `0.1 + 0.2` is 0.3), scientific from 1E+15 and below 1E-05, exponents as `E+nn`."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    text = f"{value:.15g}"
    if "e" in text:
        mant, exp = text.split("e")
        return f"{mant}E{exp[0]}{abs(int(exp)):02d}"
    return "0" if text == "-0" else text


def format_timespan(value: dt.timedelta) -> str:
    total = value.days * 86400 * 10**7 + value.seconds * 10**7 + value.microseconds * 10
    sign = "-" if total < 0 else ""
    total = abs(total)
    ticks = total % 10**7
    secs = total // 10**7
    days, rem = divmod(secs, 86400)
    hours, rem = divmod(rem, 3600)
    minutes, seconds = divmod(rem, 60)
    out = f"{sign}{days}." if days else sign
    out += f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if ticks:
        out += f".{ticks:07d}"
    return out


def to_string(value: Any, ofs: str = " ") -> str:
    """The language's string conversion (invariant culture)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_double(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return ofs.join(to_string(v, ofs) for v in value)
    if isinstance(value, dt.datetime):
        return value.strftime("%m/%d/%Y %H:%M:%S")
    if isinstance(value, dt.timedelta):
        return format_timespan(value)
    if isinstance(value, PSHashtable):
        return "System.Collections.Specialized.OrderedDictionary" if value.ordered else "System.Collections.Hashtable"
    if isinstance(value, enum.Enum):
        return str(value.name) if not isinstance(value, str) else str(value.value)
    return str(value)


_INT_RE = re.compile(r"^\s*([+-]?)(0x[0-9a-f]+|\d+)\s*(kb|mb|gb|tb|pb)?\s*$", re.I)
_REAL_RE = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$", re.I)
_MULT = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}


def parse_number(text: str) -> int | float | None:
    """A string as PowerShell's arithmetic reads it; None if it is not a number."""
    m = _INT_RE.match(text)
    if m:
        sign, digits, mult = m.groups()
        n = int(digits, 16) if digits.lower().startswith("0x") else int(digits)
        n *= _MULT[mult.lower()] if mult else 1
        return -n if sign == "-" else n
    if _REAL_RE.match(text):
        return float(text)
    if text.strip() == "":
        return 0
    return None


def to_number(value: Any, context: str = "") -> int | float | decimal.Decimal:
    """Operand of arithmetic: numbers stay, strings are parsed, $null is 0, bools are 0/1."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float, decimal.Decimal)):
        return value
    if isinstance(value, str):
        if hasattr(value, "ps_number"):          # [char]
            return value.ps_number()
        n = parse_number(value)
        if n is None:
            raise ConversionError(messages.text("InvalidCastFromStringToNumber", value=value, type="System.Int32"),
                                  "InvalidCastFromStringToInteger")
        return n
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return to_number(value[0], context)
    if isinstance(value, enum.Enum) and isinstance(value.value, int):
        return value.value
    raise ConversionError(messages.text("InvalidCast", value=to_string(value), source=type_name_of(value),
                                        type="System.Int32"), "ConvertToFinalInvalidCastException")


def to_int(value: Any, type_name: str = "System.Int32") -> int:
    n = to_number(value)
    if isinstance(n, (float, decimal.Decimal)) and math.isfinite(n):     # NaN and infinities fit no integer type
        n = int(decimal.Decimal(n).to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
    lo, hi = _INTEGER_RANGES.get(type_name, (-2**63, 2**63 - 1))
    if not isinstance(n, int) or not lo <= n <= hi:
        raise ConversionError(messages.text("InvalidCast", value=to_string(value), source=type_name_of(value),
                                            type=type_name), "InvalidCastIConvertible")
    return n if type(n) is int else int(n)         # an enum value becomes a plain number


_TIMESPAN_RE = re.compile(r"^\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*$")


def parse_timespan(text: str) -> dt.timedelta | None:
    """TimeSpan.Parse: `[-][d.]hh:mm[:ss[.fffffff]]` or a whole number of days."""
    m = _TIMESPAN_RE.match(text)
    if not m:
        if re.match(r"^\s*-?\d+\s*$", text):
            return dt.timedelta(days=int(text))
        return None
    neg, days, hours, minutes, seconds, frac = m.groups()
    if int(hours) > 23 or int(minutes) > 59 or (seconds and int(seconds) > 59):
        return None
    delta = dt.timedelta(days=int(days or 0), hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0),
                         microseconds=int((frac or "0").ljust(7, "0")) // 10)
    return -delta if neg else delta


def to_timespan(value: Any) -> dt.timedelta:
    if isinstance(value, dt.timedelta):
        return value
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return to_timespan(value[0])
    if isinstance(value, bool):
        raise ConversionError(messages.text("InvalidCast", value=to_string(value), source=type_name_of(value),
                                            type="System.TimeSpan"), "InvalidCastFromAnyTypeToTimeSpan")
    if isinstance(value, int):
        return dt.timedelta(microseconds=value / 10)   # ticks
    if isinstance(value, str):
        span = parse_timespan(value)
        if span is not None:
            return span
    raise ConversionError(messages.text("InvalidCastParse", value=to_string(value), source=type_name_of(value),
                                        type="System.TimeSpan",
                                        detail="String was not recognized as a valid TimeSpan."),
                          "InvalidCastParseTargetInvocation")


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(?P<mname>[A-Za-z]{3,9})\.?"
_DATE_PARTS = (
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"),          # invariant culture M/d/yyyy
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),   # sortable, yyyy/MM/dd
    re.compile(r"(?P<d>\d{1,2}) " + _MONTH + r",? (?P<y>\d{4})"),        # 1 May 2010
    re.compile(_MONTH + r" (?P<d>\d{1,2}),? (?P<y>\d{4})"),              # May 1, 2010
)
_TIME_PART = re.compile(r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d{1,7}))?)?"
                        r"(?: ?(?P<ampm>[AaPp][Mm]))?")


def _parse_datetime(text: str) -> dt.datetime | None:
    """The forms the invariant culture's DateTime.Parse takes for a cast: a date (M/d/yyyy,
    yyyy-MM-dd, yyyy/MM/dd, `1 May 2010`, `May 1, 2010`), optionally followed by a time
    (H:mm, H:mm:ss, fractions, AM/PM) after a space or `T`."""
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1]
    for pattern in _DATE_PARTS:
        m = pattern.match(text)
        if m is None:
            continue
        rest = text[m.end():]
        fields = m.groupdict()
        month = int(fields["m"]) if fields.get("m") else _month_number(fields["mname"])
        if month is None:
            return None
        hour = minute = second = micro = 0
        if rest:
            if rest[0] not in " T":
                return None
            parts = time_of_day(rest[1:])
            if parts is None:
                return None
            hour, minute, second, micro = parts
        try:
            return dt.datetime(int(fields["y"]), month, int(fields["d"]), hour, minute, second, micro)
        except ValueError:
            return None
    return None


def time_of_day(text: str) -> tuple[int, int, int, int] | None:
    """(hour, minute, second, microsecond) of a string that is only a time (`09:00`, `9:05 PM`);
    DateTime.Parse puts such a time on today's date."""
    t = _TIME_PART.fullmatch(text.strip())
    if t is None:
        return None
    hour, minute, second = int(t["H"]), int(t["M"]), int(t["S"] or 0)
    if t["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if t["ampm"].lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second, int((t["f"] or "0").ljust(7, "0")) // 10


def _month_number(name: str) -> int | None:
    low = name.lower()
    for i, full in enumerate(_MONTHS):
        if full == low or (len(low) == 3 and full.startswith(low)):
            return i + 1
    return None


def to_datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return to_datetime(value[0])
    if isinstance(value, str):
        parsed = _parse_datetime(value)
        if parsed is not None:
            return parsed
    raise ConversionError(messages.text("InvalidCastParse", value=to_string(value), source=type_name_of(value),
                                        type="System.DateTime",
                                        detail="String was not recognized as a valid DateTime."),
                          "InvalidCastParseTargetInvocation")


def to_ipv4(value: Any) -> str:
    text = to_string(value).strip()
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise ConversionError(messages.text("InvalidCastParse", value=text, source=type_name_of(value),
                                            type="System.Net.IPAddress",
                                            detail="An invalid IP address was specified."),
                              "InvalidCastParseTargetInvocation") from None


def to_array(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, tuple):
        return list(value)
    return [value]
