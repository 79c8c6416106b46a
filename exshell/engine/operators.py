"""PowerShell's operators on values: arithmetic, comparison (with collection-on-the-left
filtering), wildcard -like, .NET-regex -match/-replace, -split/-join, -f and the type operators.

Comparisons are case-insensitive unless the operator has the `c` prefix; the right operand is
converted to the left operand's type, which is what makes `-eq` asymmetric (`1 -eq '1.0'` is
True, `'1.0' -eq 1` is False).
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from typing import Any, Callable

from cmdlets.api.values import PSHashtable
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine.errors import PSRuntimeError

MAX_ITEMS = 10_000_000     # refuse allocations beyond this many elements/characters


def _too_large(n: int) -> None:
    if n > MAX_ITEMS:
        raise PSRuntimeError(messages.text("ScriptTooLarge", limit=f"{MAX_ITEMS:,}"), error_id="ScriptTooLarge",
                             category="InvalidOperation")


# -- arithmetic ---------------------------------------------------------------------------

_INT32 = (-2**31, 2**31 - 1)


def _int_overflow(value: int, a: int = 0, b: int = 0) -> int | float:
    """An Int32 result that overflows becomes a Double (`[int]::MaxValue + 1`), as does an Int64
    one; Int64 operands (too big for Int32) keep Int64 arithmetic while it fits."""
    lo, hi = _INT32
    if lo <= value <= hi:
        return value
    if lo <= a <= hi and lo <= b <= hi:
        return float(value)
    if -2**63 <= value < 2**63:
        return value
    return float(value)


def add(left: Any, right: Any) -> Any:
    if hasattr(left, "ps_number"):             # [char]'a' + 1 is 98
        left = left.ps_number()
    if left is None:
        if isinstance(right, (list, tuple)):
            return list(right)
        return right if not isinstance(right, str) else right
    if isinstance(left, str):
        result = left + conv.to_string(right)
        _too_large(len(result))
        return result
    if isinstance(left, (list, tuple)):
        result = list(left) + (list(right) if isinstance(right, (list, tuple)) else [right])
        _too_large(len(result))
        return result
    if isinstance(left, PSHashtable):
        if not isinstance(right, dict):
            raise PSRuntimeError("A hash table can only be added to another hash table.",
                                 error_id="AddHashTableToNonHashTable", category="InvalidOperation")
        result = left.copy()
        for k, v in right.items():
            if k in result:
                raise PSRuntimeError(f"Item has already been added. Key in dictionary: '{k}'  Key being added: '{k}'",
                                     error_id="RuntimeException")
            result[k] = v
        return result
    if isinstance(left, dt.datetime):
        return left + conv.to_timespan(right)
    if isinstance(left, dt.timedelta):
        if isinstance(right, dt.datetime):
            return right + left
        return left + conv.to_timespan(right)
    return _arith(left, right, lambda a, b: a + b, "op_Addition")


def subtract(left: Any, right: Any) -> Any:
    if isinstance(left, dt.datetime):
        if isinstance(right, dt.datetime):
            return left - right
        return left - conv.to_timespan(right)
    if isinstance(left, dt.timedelta):
        return left - conv.to_timespan(right)
    return _arith(left, right, lambda a, b: a - b, "op_Subtraction")


def multiply(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        n = conv.to_int(right)
        _too_large(len(left) * max(n, 0))
        return left * max(n, 0)
    if isinstance(left, (list, tuple)):
        n = conv.to_int(right)
        _too_large(len(left) * max(n, 0))
        return list(left) * max(n, 0)
    return _arith(left, right, lambda a, b: a * b, "op_Multiply")


def divide(left: Any, right: Any) -> Any:
    a, b = _operands(left, right, "op_Division")
    if b == 0:
        raise PSRuntimeError(messages.text("DivideByZero"), error_id="RuntimeException",
                             exception_type="System.Management.Automation.RuntimeException")
    if isinstance(a, decimal.Decimal) or isinstance(b, decimal.Decimal):
        return decimal.Decimal(a) / decimal.Decimal(b)
    if isinstance(a, int) and isinstance(b, int) and a % b == 0:
        return a // b
    return a / b


def modulo(left: Any, right: Any) -> Any:
    a, b = _operands(left, right, "op_Modulus")
    if b == 0:
        raise PSRuntimeError(messages.text("DivideByZero"), error_id="RuntimeException")
    result = abs(a) % abs(b)       # .NET remainder takes the sign of the dividend
    return -result if a < 0 else result


def _operands(left: Any, right: Any, op: str) -> tuple[Any, Any]:
    if isinstance(left, (list, tuple, PSHashtable, dt.datetime, dt.timedelta)):
        raise PSRuntimeError(messages.text("OpNotDefined", type=conv.type_name_of(left), op=op),
                             error_id="MethodNotFound", category="InvalidOperation")
    return conv.to_number(left), conv.to_number(right)


def _arith(left: Any, right: Any, fn: Callable[[Any, Any], Any], op: str) -> Any:
    a, b = _operands(left, right, op)
    if isinstance(a, decimal.Decimal) or isinstance(b, decimal.Decimal):
        return fn(decimal.Decimal(a), decimal.Decimal(b))
    result = fn(a, b)
    return _int_overflow(result, a, b) if isinstance(result, int) else result


BINARY_ARITH = {"+": add, "-": subtract, "*": multiply, "/": divide, "%": modulo}


# -- comparison ---------------------------------------------------------------------------

def _fold(value: Any, case_sensitive: bool) -> Any:
    return value if case_sensitive or not isinstance(value, str) else value.lower()


def coerce_like(left: Any, right: Any) -> Any:
    """Convert ``right`` to ``left``'s type for a comparison; None when it cannot be done."""
    if right is None or left is None:
        return right
    try:
        if hasattr(left, "ps_coerce"):             # a script enum: the other side becomes one
            return left.ps_coerce(right)
        if isinstance(left, bool):
            return conv.to_bool(right)
        if isinstance(left, (int, float, decimal.Decimal)):
            if isinstance(right, str):
                n = conv.parse_number(right)
                return n if n is not None else _NOPE
            if isinstance(right, (int, float, decimal.Decimal)):
                return right
            return conv.to_number(right)
        if isinstance(left, str):
            return conv.to_string(right)
        if isinstance(left, dt.datetime):
            return conv.to_datetime(right)
        if isinstance(left, dt.timedelta):
            return conv.to_timespan(right)
    except PSRuntimeError:
        return _NOPE
    return right


_NOPE = object()


def equals(left: Any, right: Any, case_sensitive: bool = False) -> bool:
    if left is None or right is None:
        return left is None and right is None
    right = coerce_like(left, right)
    if right is _NOPE:
        return False
    if isinstance(left, str):
        return _fold(left, case_sensitive) == _fold(right, case_sensitive)
    if isinstance(left, bool) or isinstance(right, bool):
        return bool(left) == bool(right) if isinstance(left, bool) else left == right
    if hasattr(left, "ps_equals"):
        return left.ps_equals(right)
    try:
        return left == right
    except Exception:       # noqa: BLE001 - foreign objects compare unequal
        return False


def compare(left: Any, right: Any, case_sensitive: bool = False) -> int:
    """-1/0/1 as LanguagePrimitives.Compare; raises for incomparable values."""
    if left is None and right is None:
        return 0
    if left is None:
        return -1 if not (isinstance(right, (int, float)) and right < 0) else 1
    if right is None:
        return 1 if not (isinstance(left, (int, float)) and left < 0) else -1
    r = coerce_like(left, right)
    if r is _NOPE:
        if isinstance(left, (int, float)):
            raise PSRuntimeError(messages.text("InvalidCastFromStringToNumber", value=right,
                                               type=conv.type_name_of(left)),
                                 error_id="ComparisonFailure", category="InvalidArgument")
        r = conv.to_string(right)
        left = conv.to_string(left)
    a, b = _fold(left, case_sensitive), _fold(r, case_sensitive)
    try:
        return (a > b) - (a < b)
    except TypeError:
        a, b = conv.to_string(left), conv.to_string(r)
        return (a > b) - (a < b)


# -- wildcards and regex ------------------------------------------------------------------

def wildcard_regex(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """PowerShell wildcards: * ? [abc] [a-z], backtick escapes."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "`" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1:end].replace("\\", "\\\\")
                out.append(f"[{body}]")
                i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("^" + "".join(out) + "$", 0 if case_sensitive else re.IGNORECASE | re.DOTALL)


def like(value: Any, pattern: Any, case_sensitive: bool = False) -> bool:
    return bool(wildcard_regex(conv.to_string(pattern), case_sensitive).match(conv.to_string(value)))


_NAMED_GROUP = re.compile(r"\(\?<([A-Za-z_][A-Za-z0-9_]*)>")


def dotnet_regex(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """Translate the .NET regex dialect admins use into Python's `re`."""
    return translate_regex(pattern, 0 if case_sensitive else re.IGNORECASE)


def translate_regex(pattern: str, flags: int) -> re.Pattern[str]:
    translated = _NAMED_GROUP.sub(r"(?P<\1>", pattern)
    try:
        return re.compile(translated, flags)
    except re.error as exc:
        raise PSRuntimeError(
            f"The regular expression pattern {pattern} is not valid.", error_id="InvalidRegularExpression",
            category="InvalidOperation") from exc


def match_dict(m: re.Match[str]) -> PSHashtable:
    """$matches: group 0, numbered groups, then named groups."""
    result = PSHashtable()
    names = {idx: name for name, idx in m.re.groupindex.items()}
    for idx in range(m.re.groups, 0, -1):
        if m.group(idx) is not None:
            result[names.get(idx, idx)] = m.group(idx)
    result[0] = m.group(0)
    return result


def replace(value: Any, pattern: Any, replacement: Any = "", case_sensitive: bool = False) -> str:
    rx = dotnet_regex(conv.to_string(pattern), case_sensitive)
    return replace_with(rx, conv.to_string(value), replacement)


def replace_with(rx: re.Pattern[str], text: str, replacement: Any, count: int = -1) -> str:
    """Regex.Replace: `$1`, `${name}`, `$&`, `$$` in the replacement; a script block is called per match."""
    if type(replacement).__name__ == "ScriptBlock":
        raise PSRuntimeError("A script block replacement needs PowerShell 6 or later.",
                             error_id="BadReplaceArgument", category="InvalidOperation")
    repl = conv.to_string(replacement)

    def expand(m: re.Match[str]) -> str:
        out = []
        i = 0
        while i < len(repl):
            ch = repl[i]
            if ch == "$" and i + 1 < len(repl):
                nxt = repl[i + 1]
                if nxt == "$":
                    out.append("$")
                    i += 2
                    continue
                if nxt.isdigit():
                    j = i + 1
                    while j < len(repl) and repl[j].isdigit():
                        j += 1
                    idx = int(repl[i + 1:j])
                    out.append(m.group(idx) or "" if idx <= m.re.groups else repl[i:j])
                    i = j
                    continue
                if nxt == "{":
                    end = repl.find("}", i)
                    if end != -1:
                        name = repl[i + 2:end]
                        try:
                            out.append(m.group(int(name) if name.isdigit() else name) or "")
                        except IndexError:
                            out.append(repl[i:end + 1])
                        i = end + 1
                        continue
                if nxt == "&":
                    out.append(m.group(0))
                    i += 2
                    continue
            out.append(ch)
            i += 1
        return "".join(out)

    return rx.sub(expand, text, count=max(count, 0))


def split(value: Any, separator: Any = None, max_count: int = 0, case_sensitive: bool = False) -> list[str]:
    text = conv.to_string(value)
    if separator is None:
        return text.split()
    rx = dotnet_regex(conv.to_string(separator), case_sensitive)
    parts = rx.split(text, maxsplit=max(max_count - 1, 0)) if max_count > 0 else rx.split(text)
    if rx.groups:
        return [p for p in parts if p is not None]
    return parts


def join(values: Any, separator: Any = "") -> str:
    items = values if isinstance(values, (list, tuple)) else [values]
    return conv.to_string(separator).join(conv.to_string(v) for v in items)
