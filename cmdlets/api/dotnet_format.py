""".NET formatting shared by cmdlets and the language: DateTime custom and standard patterns,
TimeSpan text, numeric standard (N2, F1, P1, D5, X, C, G, E, R) and custom (0.00, #,##0)
formats, and composite formatting (`{0,-10:N2}`) as PowerShell's `-f` operator does it.

Behaviour follows .NET Framework 4.x (what Windows PowerShell 2.0-5.1 runs on): Double's
ToString() gives 15 significant digits, rounding is half away from zero.
"""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable

__all__ = [
    "DotNetFormatError", "format_datetime", "format_timespan", "format_number",
    "format_double", "composite_format", "number_symbols",
]


class DotNetFormatError(ValueError):
    """System.FormatException, already worded the way PowerShell's -f reports it."""


_INDEX_MESSAGE = ("Error formatting a string: Index (zero based) must be greater than or equal to "
                  "zero and less than the size of the argument list..")
_INPUT_MESSAGE = "Error formatting a string: Input string was not in a correct format.."

# culture name -> (decimal separator, group separator, date separator, currency pattern)
# currency pattern: "$n" / "n €" / "€ n"; negative en-US currency uses parentheses (.NET 4.x)
_NUMBERS = {
    "en-US": (".", ",", "/", "$n"),
    "en-GB": (".", ",", "/", "£n"),
    "nl-BE": (",", ".", "/", "€ n"),
    "de-DE": (",", ".", ".", "n €"),
}

# culture name -> (long date, month-day, year-month) patterns
_DATE_PATTERNS = {
    "en-US": ("dddd, MMMM d, yyyy", "MMMM d", "MMMM, yyyy"),
    "en-GB": ("dd MMMM yyyy", "dd MMMM", "MMMM yyyy"),
    "nl-BE": ("dddd d MMMM yyyy", "d MMMM", "MMMM yyyy"),
    "de-DE": ("dddd, d. MMMM yyyy", "d. MMMM", "MMMM yyyy"),
}

_INVARIANT_DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
_INVARIANT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number_symbols(culture: Any) -> tuple[str, str, str, str]:
    """(decimal separator, group separator, date separator, currency pattern) of a culture."""
    return _NUMBERS.get(getattr(culture, "name", "en-US"), _NUMBERS["en-US"])


# --------------------------------------------------------------------------- date and time
def _culture(culture: Any) -> Any:
    if culture is None:
        from cmdlets.api.profile import CULTURES

        return CULTURES["en-US"]
    return culture


def _standard_date_pattern(letter: str, culture: Any) -> tuple[str, Any] | None:
    """The custom pattern a one-letter standard format stands for, and the culture to use."""
    c = _culture(culture)
    long_date, month_day, year_month = _DATE_PATTERNS.get(c.name, _DATE_PATTERNS["en-US"])
    table = {
        "d": c.short_date, "D": long_date, "t": c.short_time, "T": c.long_time,
        "f": f"{long_date} {c.short_time}", "F": f"{long_date} {c.long_time}",
        "g": f"{c.short_date} {c.short_time}", "G": f"{c.short_date} {c.long_time}",
        "M": month_day, "m": month_day, "Y": year_month, "y": year_month,
        "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss", "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
    }
    if letter in table:
        return table[letter], c
    if letter in "rR":
        return "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'", None
    if letter in "oO":
        return "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK", c
    return None


def format_datetime(value: _dt.datetime, pattern: str | None, culture: Any = None) -> str:
    """DateTime.ToString(pattern, culture): standard one-letter or custom patterns."""
    c = _culture(culture)
    if not pattern:
        pattern = "G"
    if len(pattern) == 1:
        std = _standard_date_pattern(pattern, c)
        if std is None:
            raise DotNetFormatError(_INPUT_MESSAGE)
        pattern, c = std
    return "".join(_datetime_tokens(value, pattern, c))


def _run_length(pattern: str, i: int) -> int:
    n = 1
    while i + n < len(pattern) and pattern[i + n] == pattern[i]:
        n += 1
    return n


def _datetime_tokens(value: _dt.datetime, pattern: str, c: Any):
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch in "'\"":
            end = pattern.find(ch, i + 1)
            end = len(pattern) if end < 0 else end
            yield pattern[i + 1:end]
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(pattern):
            yield pattern[i + 1]
            i += 2
            continue
        if ch == "%" and i + 1 < len(pattern):
            yield from _datetime_tokens(value, pattern[i + 1], c)
            i += 2
            continue
        n = _run_length(pattern, i)
        yield _datetime_field(value, ch, n, c)
        i += n


def _names(c: Any) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    if c is None:
        days = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
        months = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")
        return _INVARIANT_DAYS, days, _INVARIANT_MONTHS, months
    return c.day_abbrev, c.day_names, c.month_abbrev, c.month_names


def _datetime_field(value: _dt.datetime, ch: str, n: int, c: Any) -> str:
    day_abbrev, day_names, month_abbrev, month_names = _names(c)
    dow = (value.weekday() + 1) % 7      # .NET: Sunday = 0
    if ch == "d":
        if n >= 4:
            return day_names[dow]
        return day_abbrev[dow] if n == 3 else f"{value.day:0{n}d}"
    if ch == "M":
        if n >= 4:
            return month_names[value.month - 1]
        return month_abbrev[value.month - 1] if n == 3 else f"{value.month:0{n}d}"
    if ch == "y":
        return f"{value.year % 100:0{n}d}" if n <= 2 else f"{value.year:0{n}d}"
    if ch in "hH":
        hour = value.hour if ch == "H" else (value.hour % 12 or 12)
        return f"{hour:0{min(n, 2)}d}"
    if ch in "ms":
        return f"{value.minute if ch == 'm' else value.second:0{min(n, 2)}d}"
    if ch in "fF":
        digits = f"{value.microsecond:06d}0"[:min(n, 7)]
        return digits.rstrip("0") if ch == "F" else digits
    if ch == "t":
        mark = (c.am if value.hour < 12 else c.pm) if c is not None else ("AM" if value.hour < 12 else "PM")
        return mark[:1] if n == 1 else mark
    if ch in "zK":
        return _offset(value, n if ch == "z" else 3, ch == "K")
    if ch == "g":
        return "A.D."
    if ch == "/":
        return (number_symbols(c)[2] if c is not None else "/") * n
    return ch * n


def _offset(value: _dt.datetime, n: int, kind: bool) -> str:
    offset = value.utcoffset()
    if offset is None:
        if kind:
            return ""
        offset = _dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    if kind and minutes == 0 and value.tzinfo is _dt.timezone.utc:
        return "Z"
    if n == 1:
        return f"{sign}{hours}"
    if n == 2:
        return f"{sign}{hours:02d}"
    return f"{sign}{hours:02d}:{mins:02d}"


def format_timespan(value: _dt.timedelta) -> str:
    """TimeSpan.ToString(): [-][d.]hh:mm:ss[.fffffff]."""
    ticks = (value.days * 86400 + value.seconds) * 10_000_000 + value.microseconds * 10
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    seconds, fraction = divmod(ticks, 10_000_000)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}{days}." if days else sign
    text += f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return text + (f".{fraction:07d}" if fraction else "")


# --------------------------------------------------------------------------- numbers
def _round(value: Any, places: int) -> Decimal:
    d = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def _fixed(value: Any, places: int, culture: Any, grouped: bool) -> str:
    dec, grp, _, _ = number_symbols(culture)
    d = _round(value, places)
    negative = d < 0
    text = f"{abs(d):f}"
    whole, _, frac = text.partition(".")
    if grouped:
        whole = _group(whole, grp)
    body = whole + (dec + frac if places > 0 else "")
    return ("-" if negative and d != 0 else "") + body


def format_double(value: float, culture: Any = None, digits: int = 15) -> str:
    """Double.ToString() on .NET Framework: 15 significant digits, E+XX beyond 1e15."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, _, exp = text.partition("e")
        text = f"{mantissa}E{exp[0]}{int(exp[1:]):02d}"
    if text in ("-0",):
        text = "0"
    return text.replace(".", number_symbols(culture)[0])


def _general(value: Any, precision: int | None, culture: Any) -> str:
    if isinstance(value, float):
        return format_double(value, culture, precision or 15)
    if precision and isinstance(value, int) and len(str(abs(value))) > precision:
        return format_double(float(value), culture, precision)
    return str(value).replace(".", number_symbols(culture)[0])


def _exponent(value: Any, precision: int, upper: bool, culture: Any) -> str:
    text = f"{float(value):.{precision}e}"
    mantissa, _, exp = text.partition("e")
    mark = "E" if upper else "e"
    return f"{mantissa.replace('.', number_symbols(culture)[0])}{mark}{exp[0]}{int(exp[1:]):03d}"


def _currency(value: Any, precision: int, culture: Any) -> str:
    pattern = number_symbols(culture)[3]
    body = _fixed(abs(value), precision, culture, True)
    text = pattern.replace("n", body)
    if value < 0 and _round(value, precision) != 0:
        return f"({text})" if pattern.startswith("$") else "-" + text
    return text


def _standard_number(value: Any, letter: str, precision: int | None, culture: Any) -> str:
    up = letter.upper()
    if up in "NF":
        return _fixed(value, 2 if precision is None else precision, culture, up == "N")
    if up == "P":
        text = _fixed(Decimal(repr(value) if isinstance(value, float) else value) * 100,
                      2 if precision is None else precision, culture, True)
        return text + " %"
    if up == "D":
        if not isinstance(value, int):
            raise DotNetFormatError(_INPUT_MESSAGE)
        digits = f"{abs(value):0{precision or 1}d}"
        return ("-" if value < 0 else "") + digits
    if up == "X":
        if not isinstance(value, int):
            raise DotNetFormatError(_INPUT_MESSAGE)
        digits = format(value if value >= 0 else value & 0xFFFFFFFF, f"0{precision or 1}x")
        return digits.upper() if letter == "X" else digits
    if up == "C":
        return _currency(value, 2 if precision is None else precision, culture)
    if up == "E":
        return _exponent(value, 6 if precision is None else precision, letter == "E", culture)
    if up == "G":
        return _general(value, precision, culture)
    if up == "R":
        if not isinstance(value, float):
            return str(value)
        return format_double(value, culture, 15) if float(format_double(value, None, 15)) == value \
            else format_double(value, culture, 17)
    raise DotNetFormatError(_INPUT_MESSAGE)


def format_number(value: Any, fmt: str | None, culture: Any = None) -> str:
    """Int/Double/Decimal.ToString(fmt, culture)."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if not fmt:
        return _general(value, None, culture)
    if fmt[0].isalpha() and (len(fmt) == 1 or fmt[1:].isdigit()):
        return _standard_number(value, fmt[0], int(fmt[1:]) if len(fmt) > 1 else None, culture)
    return _custom_number(value, fmt, culture)


def _custom_number(value: Any, fmt: str, culture: Any) -> str:
    """Custom numeric patterns: 0 # . , % and quoted literals (one section)."""
    dec, grp, _, _ = number_symbols(culture)
    section = fmt.split(";")[0]
    literal = _split_custom(section)
    spec = "".join(text for kind, text in literal if kind == "p")
    number = Decimal(repr(value) if isinstance(value, float) else value)
    if "%" in spec:
        number *= 100
    int_spec, _, frac_spec = spec.replace("%", "").partition(".")
    while int_spec.endswith(","):                     # scaling commas divide by 1000
        number /= 1000
        int_spec = int_spec[:-1]
    grouped = "," in int_spec
    int_spec = int_spec.replace(",", "")
    places = len(frac_spec)
    d = _round(number, places)
    whole, _, frac = f"{abs(d):f}".partition(".")
    min_int = int_spec.count("0")
    whole = whole.lstrip("0")
    whole = whole.rjust(min_int, "0")
    if grouped and whole:
        whole = _group(whole, grp)
    frac = frac.ljust(places, "0")
    keep = len(frac_spec.rstrip("#"))
    frac = frac[:keep] + frac[keep:].rstrip("0")
    body = whole + (dec + frac if frac else "")
    sign = "-" if d < 0 else ""
    return _place_literals(literal, sign + body)


def _split_custom(section: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch in "'\"":
            end = section.find(ch, i + 1)
            end = len(section) if end < 0 else end
            out.append(("l", section[i + 1:end]))
            i = end + 1
        elif ch == "\\" and i + 1 < len(section):
            out.append(("l", section[i + 1]))
            i += 2
        elif ch in "0#.,%":
            out.append(("p", ch))
            i += 1
        else:
            out.append(("l", ch))
            i += 1
    return out


def _place_literals(parts: list[tuple[str, str]], number: str) -> str:
    """Literals before the first placeholder go first, the rest after the number."""
    head, tail, seen = [], [], False
    for kind, text in parts:
        if kind == "p":
            seen = True
            if text == "%":
                tail.append("%")
        elif seen:
            tail.append(text)
        else:
            head.append(text)
    return "".join(head) + number + "".join(tail)


# --------------------------------------------------------------------------- composite
def _format_arg(arg: Any, fmt: str | None, culture: Any, to_string: Callable[[Any], str]) -> str:
    if fmt is None or arg is None:
        return to_string(arg)
    if isinstance(arg, _dt.datetime):
        return format_datetime(arg, fmt, culture)
    if isinstance(arg, (int, float, Decimal)) and not isinstance(arg, (bool, enum.Enum)):
        return format_number(arg, fmt, culture)
    return to_string(arg)


def _parse_item(fmt: str, i: int) -> tuple[int, int, str | None, int]:
    """Parse `{index[,alignment][:format]}` starting after '{'; returns (index, align, format, next)."""
    end = fmt.find("}", i)
    while end >= 0 and fmt.startswith("}}", end) and ":" in fmt[i:end]:
        end = fmt.find("}", end + 2)
    if end < 0:
        raise DotNetFormatError(_INPUT_MESSAGE)
    body = fmt[i:end]
    head, colon, spec = body.partition(":")
    index_text, comma, align_text = head.partition(",")
    try:
        index = int(index_text.strip())
        align = int(align_text.strip()) if comma else 0
    except ValueError:
        raise DotNetFormatError(_INPUT_MESSAGE) from None
    return index, align, (spec.replace("}}", "}").replace("{{", "{") if colon else None), end + 1


def composite_format(fmt: str, args: list, culture: Any, to_string: Callable[[Any], str]) -> str:
    """String.Format(culture, fmt, args) as the -f operator uses it."""
    out: list[str] = []
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "{":
            if fmt.startswith("{{", i):
                out.append("{")
                i += 2
                continue
            index, align, spec, i = _parse_item(fmt, i + 1)
            if index < 0 or index >= len(args):
                raise DotNetFormatError(_INDEX_MESSAGE)
            text = _format_arg(args[index], spec, culture, to_string)
            out.append(text.rjust(align) if align > 0 else text.ljust(-align))
        elif ch == "}":
            if not fmt.startswith("}}", i):
                raise DotNetFormatError(_INPUT_MESSAGE)
            out.append("}")
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)
