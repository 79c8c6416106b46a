"""String members scripts call: Split, Replace, Substring, IndexOf, Trim with characters,
StartsWith/EndsWith/Equals with a StringComparison, PadLeft/PadRight, CompareTo in culture order...
as .NET Framework's System.String answers them (case-sensitive unless told otherwise)."""

from __future__ import annotations

import re
from typing import Any, Callable

from exshell.engine import conversion as conv
from exshell.engine.dotnet_values import CharValue


def _s(value: Any) -> str:
    return conv.to_string(value)


def _index_of(s: str, sub: Any, start: Any = 0, *rest: Any) -> int:
    sub, begin = _s(sub), conv.to_int(start)
    if rest and _ignore_case(rest[-1]):
        return s.lower().find(sub.lower(), begin)
    if begin < 0 or begin > len(s):
        raise ValueError("Index was out of range. Must be non-negative and less than the size of the "
                         "collection.\r\nParameter name: startIndex")
    return s.find(sub, begin, begin + conv.to_int(rest[0]) if rest else len(s))


def _last_index_of(s: str, sub: Any, start: Any = None) -> int:
    end = len(s) if start is None else conv.to_int(start) + 1
    return s.rfind(_s(sub), 0, end)


def _ignore_case(comparison: Any) -> bool:
    """A StringComparison argument (or the ignoreCase flag of the older overloads)."""
    if isinstance(comparison, bool):
        return comparison
    return "ignorecase" in _s(comparison).lower()


def _substring(s: str, start: Any, length: Any = None) -> str:
    start = conv.to_int(start)
    if start < 0 or start > len(s):
        raise ValueError("startIndex cannot be larger than length of string.\r\nParameter name: startIndex")
    if length is None:
        return s[start:]
    length = conv.to_int(length)
    if length < 0 or start + length > len(s):
        raise ValueError("Index and length must refer to a location within the string.\r\nParameter name: length")
    return s[start:start + length]


def _split(s: str, *args: Any) -> list[str]:
    """String.Split: on any of the given characters, or on whole strings when the separators are
    a string[] followed by StringSplitOptions; an optional count and RemoveEmptyEntries."""
    args_list = list(args)
    remove_empty = bool(args_list) and isinstance(args_list[-1], str) and args_list[-1].lower() in (
        "removeemptyentries", "none") and len(args_list) > 1
    if remove_empty:
        remove_empty = args_list.pop().lower() == "removeemptyentries"
    count = None
    if len(args_list) > 1 and isinstance(args_list[-1], int) and not isinstance(args_list[-1], bool):
        count = args_list.pop()
    seps: list[str] = []
    for sep in args_list:           # a string is a char[] here (.NET Framework has no Split(string))
        seps.extend(_s(x) for x in sep) if isinstance(sep, list) else seps.extend(_s(sep))
    if not seps:
        parts = re.split(r"\s", s)
    else:
        parts = re.split("|".join(re.escape(x) for x in sorted(seps, key=len, reverse=True)), s)
    if count is not None and count > 0 and len(parts) > count:
        head = re.split("|".join(re.escape(x) for x in seps) if seps else r"\s", s, maxsplit=count - 1)
        parts = head
    return [p for p in parts if p] if remove_empty else parts


def _trim_chars(args: tuple) -> str | None:
    if not args:
        return None
    return "".join(_s(x) for a in args for x in (a if isinstance(a, list) else [a]))


def _culture_compare(a: str, b: Any) -> int:
    """String.CompareTo: culture order — letters ignoring case first, lower case before upper."""
    b = _s(b)
    key_a, key_b = (a.lower(), a.swapcase()), (b.lower(), b.swapcase())
    return (key_a > key_b) - (key_a < key_b)


def _pad(s: str, n: Any, c: Any, left: bool) -> str:
    width = conv.to_int(n)
    from exshell.engine.operators import _too_large
    _too_large(width)
    return s.rjust(width, _s(c)) if left else s.ljust(width, _s(c))


def _equals(s: str, other: Any, comparison: Any = None) -> bool:
    if other is None or not isinstance(other, str):
        return False
    return s.lower() == other.lower() if comparison is not None and _ignore_case(comparison) else s == other


STRING_METHODS: dict[str, Callable[..., Any]] = {
    "toupper": lambda s, *a: s.upper(), "tolower": lambda s, *a: s.lower(),
    "toupperinvariant": lambda s: s.upper(), "tolowerinvariant": lambda s: s.lower(),
    "trim": lambda s, *a: s.strip(_trim_chars(a)), "trimstart": lambda s, *a: s.lstrip(_trim_chars(a)),
    "trimend": lambda s, *a: s.rstrip(_trim_chars(a)),
    "startswith": lambda s, p, *a: s.lower().startswith(_s(p).lower()) if a and _ignore_case(a[0])
    else s.startswith(_s(p)),
    "endswith": lambda s, p, *a: s.lower().endswith(_s(p).lower()) if a and _ignore_case(a[0]) else s.endswith(_s(p)),
    "contains": lambda s, p: _s(p) in s, "equals": _equals,
    "indexof": _index_of, "lastindexof": _last_index_of,
    "substring": _substring, "replace": lambda s, a, b: s.replace(_s(a), _s(b)),
    "split": _split, "padleft": lambda s, n, c=" ": _pad(s, n, c, True),
    "padright": lambda s, n, c=" ": _pad(s, n, c, False),
    "insert": lambda s, i, v: s[:conv.to_int(i)] + _s(v) + s[conv.to_int(i):],
    "remove": lambda s, i, n=None: s[:conv.to_int(i)] + ("" if n is None else s[conv.to_int(i) + conv.to_int(n):]),
    "tochararray": lambda s: [CharValue(c) for c in s], "compareto": _culture_compare,
    "normalize": lambda s: s, "clone": lambda s: s,
}
