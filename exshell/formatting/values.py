"""How one value turns into text: .NET ToString() (`to_string`) and the formatter's display
string (`display_string`: collections in braces with $FormatEnumerationLimit), per
output-format.md §5.
"""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from typing import Any

from cmdlets.api.dotnet_format import format_double, format_timespan
from cmdlets.api.values import PSHashtable, PSObject

SCALAR_TYPES = (str, int, float, bool, Decimal, enum.Enum)


def is_collection(value: Any) -> bool:
    """IEnumerable other than string/hashtable: shown in braces inside a cell."""
    return isinstance(value, (list, tuple, set, frozenset))


def is_scalar(value: Any) -> bool:
    """Values Out-Default writes as their ToString() on one line."""
    return isinstance(value, SCALAR_TYPES)


def enum_text(value: enum.Enum) -> str:
    """An enum member's name; flags joined by ', ' in value order."""
    name = value.name
    if isinstance(value, enum.Flag) and (name is None or "|" in name):
        members = sorted((m for m in type(value) if m.value and (m.value & value.value) == m.value),
                         key=lambda m: m.value)
        return ", ".join(str(m.name) for m in members) if members else "0"
    return str(name)


def to_string(value: Any, culture: Any = None) -> str:
    """.NET ToString() of one value in the given culture."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, enum.Enum):
        return enum_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_double(value, culture)
    if isinstance(value, Decimal):
        return _decimal_text(value, culture)
    if hasattr(value, "ps_to_string"):
        return value.ps_to_string(culture)
    if isinstance(value, _dt.datetime):
        return _datetime_text(value, culture)
    if isinstance(value, _dt.timedelta):
        return format_timespan(value)
    if isinstance(value, (PSHashtable, dict)):
        return "System.Collections.Hashtable"
    if is_collection(value):
        return "System.Object[]"
    return str(value)


def _decimal_text(value: Decimal, culture: Any) -> str:
    from cmdlets.api.dotnet_format import number_symbols

    return f"{value:f}".replace(".", number_symbols(culture)[0])


def _datetime_text(value: _dt.datetime, culture: Any) -> str:
    if culture is None:
        from cmdlets.api.profile import CULTURES

        culture = CULTURES["en-US"]
    return culture.format_datetime(value)


def item_string(value: Any, culture: Any) -> str:
    """One element inside `{a, b}`: its ToString(); $null shows as `$null`."""
    if value is None:
        return "$null"
    return to_string(value, culture)


def display_string(value: Any, culture: Any, limit: int = 16) -> str:
    """A value as a table cell or list value shows it. A hashtable is enumerated too: its entries
    show by their display name, the key (`{Server, Preference}`)."""
    if is_collection(value) or isinstance(value, dict):
        items = list(value)
        if limit < 0:                 # $FormatEnumerationLimit = -1: no limit
            limit = len(items)
        text = ", ".join(item_string(v, culture) for v in items[:limit])
        if len(items) > limit:
            text += "..."
        return "{" + text + "}"
    if isinstance(value, PSObject):
        return str(value)
    return to_string(value, culture)


def is_right_aligned(value: Any, remote: bool = False) -> bool:
    """Default alignment of a viewless column from the first object's value (§2.2)."""
    if isinstance(value, enum.Enum):
        return not remote        # deserialized Exchange enums fail the enum test
    return isinstance(value, (bool, int, float, Decimal))
