"""Members of values: properties, methods and the static members of the .NET types admin
scripts touch. Anything else is refused with an error naming the member, never a traceback."""

from __future__ import annotations

import datetime as dt
import enum
import math
import zlib
from typing import Any, Callable

import attrs

from cmdlets.api.directives import FormatDirective
from cmdlets.api.errors import CmdletError, ErrorRecord
from cmdlets.api.values import NoSuchMember, PSHashtable, PSObject
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine.errors import PSRuntimeError, method_invocation_error

from cmdlets.api.dotnet_format import DotNetFormatError
from exshell.engine.dotnet_values import MISSING as _MISSING
from exshell.engine.dotnet_values import ERROR_RECORD_PROPERTIES, ResizableList, error_record_member
from exshell.engine.strings import STRING_METHODS


# -- properties ---------------------------------------------------------------------------

def get_property(obj: Any, name: str, strict: bool = False) -> Any:
    """`$obj.Name`; $null when missing (PowerShell's non-strict rule)."""
    value = _get(obj, name)
    if value is _MISSING:
        if isinstance(obj, (list, tuple)):      # member enumeration (PS 3+)
            values = []
            for item in obj:
                v = _get(item, name)
                if v is not _MISSING:
                    if isinstance(v, list):
                        values.extend(v)
                    else:
                        values.append(v)
            return values if len(values) != 1 else values[0]
        return None
    return value


def has_property(obj: Any, name: str) -> bool:
    return _get(obj, name) is not _MISSING


_BASES = {"System.String": (), "System.Object[]": ("System.Array",),
          "System.Collections.Hashtable": (), "System.Collections.Specialized.OrderedDictionary": ()}


def type_names(obj: Any) -> list[str]:
    """`$x.pstypenames`: the type and its bases, most specific first."""
    if isinstance(obj, PSObject):
        return list(obj.type_names)
    first = conv.type_name_of(obj)
    bases = _BASES.get(first, ("System.ValueType",) if isinstance(obj, (int, float, dt.datetime, dt.timedelta))
                       else ())
    return [first, *bases, "System.Object"]


_DATETIME_PROPS = ("Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind", "Millisecond", "Minute", "Month",
                   "Second", "Ticks", "TimeOfDay", "Year")
_TIMESPAN_PROPS = ("Ticks", "Days", "Hours", "Milliseconds", "Minutes", "Seconds", "TotalDays", "TotalHours",
                   "TotalMilliseconds", "TotalMinutes", "TotalSeconds")


def property_names(obj: Any) -> list[str]:
    """The properties `$x.PSObject.Properties` lists, in PowerShell's order."""
    if isinstance(obj, PSObject):
        return obj.property_names()
    if isinstance(obj, str):
        return ["Length"]
    if isinstance(obj, dt.datetime):
        return list(_DATETIME_PROPS)
    if isinstance(obj, dt.timedelta):
        return list(_TIMESPAN_PROPS)
    if isinstance(obj, dict):
        return ["IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count"]
    if isinstance(obj, list):
        return ["Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly", "IsFixedSize", "IsSynchronized", "Count"]
    if isinstance(obj, ErrorRecord):
        return list(ERROR_RECORD_PROPERTIES)
    names = getattr(obj, "ps_property_names", None)
    return list(names()) if names is not None else []


def psobject_view(obj: Any) -> PSObject:
    """`$x.PSObject`: the adapter's view (Properties, TypeNames, BaseObject)."""
    kind = "NoteProperty" if isinstance(obj, PSObject) and obj.type_names[:1] == (
        "System.Management.Automation.PSCustomObject",) else "Property"
    props = []
    for name in property_names(obj):
        value = get_property(obj, name)
        props.append(PSObject(("System.Management.Automation.PS" + kind, "System.Object"),
                              [("MemberType", kind), ("IsSettable", kind == "NoteProperty"), ("IsGettable", True),
                               ("Value", value), ("TypeNameOfValue", conv.type_name_of(value) if value is not None
                                                  else "System.Object"), ("Name", name), ("IsInstance", True)],
                              to_string=f"{conv.type_name_of(value).rsplit('.', 1)[-1]} {name}={conv.to_string(value)}"))
    return PSObject(("System.Management.Automation.PSObject",),
                    [("Properties", props), ("TypeNames", type_names(obj)), ("BaseObject", obj)])


def _get(obj: Any, name: str) -> Any:
    low = name.lower()
    if obj is None:
        return _MISSING
    if low == "pstypenames":
        return type_names(obj)
    if low == "psobject":
        return psobject_view(obj)
    if isinstance(obj, PSObject):
        if obj.has(name):
            return obj.get(name)
        return _MISSING
    if isinstance(obj, ErrorRecord):
        return error_record_member(obj, name)
    getter = getattr(obj, "ps_get", None)
    if getter is not None:
        value = getter(name)
        if value is not _MISSING or not isinstance(obj, (str, list)):
            return value
    if isinstance(obj, dict):
        if name in obj:
            return obj[name]
        if low == "count":
            return len(obj)
        if low == "keys":
            return list(obj.keys())
        if low == "values":
            return list(obj.values())
        return _MISSING
    if isinstance(obj, str):
        if low == "length":
            return len(obj)
        return _MISSING
    if isinstance(obj, (list, tuple)):
        if low in ("count", "length"):
            return len(obj)
        if low == "rank":
            return 1
        return _MISSING
    if isinstance(obj, dt.datetime):
        return _datetime_property(obj, low)
    if isinstance(obj, dt.timedelta):
        return _timespan_property(obj, low)
    if isinstance(obj, enum.Enum):
        if low == "value__":
            return obj.value
        return _MISSING
    return _MISSING


def intrinsic_count(obj: Any, name: str) -> Any:
    """PowerShell 3+: every value has Count and Length — 0 for $null, 1 for a single object."""
    if name.lower() in ("count", "length") and not has_property(obj, name):
        return 0 if obj is None else 1
    return None


def _datetime_property(d: dt.datetime, low: str) -> Any:
    table = {
        "year": d.year, "month": d.month, "day": d.day, "hour": d.hour, "minute": d.minute,
        "second": d.second, "millisecond": d.microsecond // 1000,
        "dayofweek": ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                      "Saturday")[(d.weekday() + 1) % 7],
        "dayofyear": d.timetuple().tm_yday, "date": dt.datetime(d.year, d.month, d.day),
        "timeofday": dt.timedelta(hours=d.hour, minutes=d.minute, seconds=d.second, microseconds=d.microsecond),
        "ticks": _ticks(d - dt.datetime(1, 1, 1)), "kind": "Unspecified",
    }
    return table.get(low, _MISSING)


def _ticks(delta: dt.timedelta) -> int:
    return (delta.days * 86400 + delta.seconds) * 10**7 + delta.microseconds * 10


def _timespan_property(t: dt.timedelta, low: str) -> Any:
    total = t.total_seconds()
    sign = -1 if total < 0 else 1
    a = abs(t)
    table = {
        "days": sign * a.days, "hours": sign * (a.seconds // 3600), "minutes": sign * (a.seconds // 60 % 60),
        "seconds": sign * (a.seconds % 60), "milliseconds": sign * (a.microseconds // 1000),
        "ticks": _ticks(t), "totaldays": total / 86400, "totalhours": total / 3600,
        "totalminutes": total / 60, "totalseconds": total, "totalmilliseconds": total * 1000,
    }
    return table.get(low, _MISSING)


def set_property(obj: Any, name: str, value: Any) -> None:
    if isinstance(obj, PSObject):
        if obj.has(name) or obj.type_names[0] == "System.Management.Automation.PSCustomObject":
            try:
                obj.set(obj.real_name(name) or name, value)
            except CmdletError as exc:          # a write-through property refused the value
                raise PSRuntimeError(exc.record.message, record=exc.record) from None
            return
    elif isinstance(obj, dict):
        obj[name] = value
        return
    setter = getattr(obj, "ps_set", None)
    if setter is not None:
        setter(name, value)
        return
    raise PSRuntimeError(messages.text("PropertyNotFound", name=name), error_id="PropertyAssignmentException",
                         category="InvalidOperation")


# -- methods ------------------------------------------------------------------------------

def invoke_method(obj: Any, name: str, args: list[Any], runtime: Any) -> Any:
    """`$obj.Name(args)`: the value's own members first, then the tables below; a method that
    does not exist is PowerShell's MethodNotFound."""
    if obj is None:
        raise PSRuntimeError(messages.text("InvokeMethodOnNull"), error_id="InvokeMethodOnNull",
                             category="InvalidOperation")
    low = name.lower()
    custom = getattr(obj, "ps_invoke", None)
    try:
        if custom is not None:
            try:
                result = custom(name, args)
            except NoSuchMember:
                result = _MISSING
            if result is not _MISSING:
                return result
        result = _common_method(obj, low, args, runtime)
        if result is not _MISSING:
            return result
        table = _method_table(obj)
        fn = table.get(low) if table else None
        if fn is None:
            raise PSRuntimeError(messages.text("MethodNotFound", type=conv.type_name_of(obj), name=name),
                                 error_id="MethodNotFound", category="InvalidOperation")
        return fn(obj, *args)
    except TypeError:
        raise PSRuntimeError(messages.text("MethodCountCouldNotFindBest", name=name, count=len(args)),
                             error_id="MethodCountCouldNotFindBest", category="NotSpecified") from None
    except (ValueError, IndexError, DotNetFormatError) as exc:
        raise method_invocation_error(name, len(args), str(exc), _exception_id(exc)) from None
    except OverflowError:
        detail = ("The added or subtracted value results in an un-representable DateTime.\r\nParameter name: value"
                  if isinstance(obj, dt.datetime) else "Arithmetic operation resulted in an overflow.")
        raise method_invocation_error(name, len(args), detail, "ArgumentOutOfRangeException") from None


def invoke_script_static(target: Any, name: str, args: list[Any]) -> Any:
    """`[Class]::Method(...)` / `[Class]::new(...)` on a script class or enum."""
    try:
        return target.call_static(name, args)
    except NoSuchMember:
        raise PSRuntimeError(messages.text("MethodNotFound", type=str(target), name=name), error_id="MethodNotFound",
                             category="InvalidOperation") from None


def _exception_id(exc: Exception) -> str:
    if isinstance(exc, DotNetFormatError):
        return "FormatException"
    return "ArgumentOutOfRangeException" if isinstance(exc, IndexError) or "index" in str(exc).lower() else \
        "ArgumentException"


_DATE_SHORTHANDS = {"toshortdatestring": "d", "tolongdatestring": "D", "toshorttimestring": "t",
                    "tolongtimestring": "T"}


def _common_method(obj: Any, low: str, args: list[Any], runtime: Any) -> Any:
    """Members every value has (ToString, GetType, Equals, GetHashCode, CompareTo)."""
    if low == "tostring":
        if not args:
            return runtime.dotnet_to_string(obj)
        return _to_string_formatted(obj, args[0], runtime)
    if low in _DATE_SHORTHANDS and isinstance(obj, dt.datetime) and not args:
        return _to_string_formatted(obj, _DATE_SHORTHANDS[low], runtime)
    if low == "gettype" and not args:
        return TypeInfo(conv.type_name_of(obj))
    if low == "equals" and len(args) == 1:
        from exshell.engine.operators import equals
        return equals(obj, args[0], case_sensitive=True)
    if low == "gethashcode" and not args:
        return zlib.crc32(conv.to_string(obj).encode("utf-8")) & 0x7FFFFFFF
    if low == "compareto" and len(args) == 1 and not isinstance(obj, str):
        from exshell.engine.operators import compare
        return compare(obj, args[0], case_sensitive=True)
    return _MISSING


def _to_string_formatted(obj: Any, fmt: Any, runtime: Any) -> str:
    """ToString("yyyy-MM-dd"), ToString("N2"): .NET format strings in the session's culture."""
    from cmdlets.api.dotnet_format import format_datetime, format_number
    culture = runtime.ctx.profile.culture
    pattern = conv.to_string(fmt)
    if isinstance(obj, dt.datetime):
        return format_datetime(obj, pattern, culture)
    if isinstance(obj, (int, float)) and not isinstance(obj, bool):
        return format_number(obj, pattern, culture)
    if isinstance(obj, dt.timedelta):
        return format_timespan_custom(obj, pattern)
    return runtime.dotnet_to_string(obj)


def format_timespan_custom(span: dt.timedelta, pattern: str) -> str:
    """TimeSpan.ToString(format): "c"/"g"/"G", or custom d/h/m/s/f fields with `\\` escapes and quoted text."""
    total = abs(span)
    days, rem = total.days, total.seconds
    fields = {"d": days, "h": rem // 3600, "m": rem // 60 % 60, "s": rem % 60}
    ticks = total.microseconds * 10
    sign = "-" if span < dt.timedelta(0) else ""
    if pattern in ("c", "t", "T", ""):
        return conv.format_timespan(span)
    if pattern in ("g", "G"):
        frac = f".{ticks:07d}" if ticks or pattern == "G" else ""
        head = f"{days}:" if days or pattern == "G" else ""
        hours = f"{fields['h']:02d}" if pattern == "G" else str(fields["h"])
        return f"{sign}{head}{hours}:{fields['m']:02d}:{fields['s']:02d}{frac}"
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i + 1])
            i += 2
            continue
        if ch in "'\"":
            end = pattern.find(ch, i + 1)
            end = len(pattern) if end == -1 else end
            out.append(pattern[i + 1:end])
            i = end + 1
            continue
        if ch == "%":                  # "%h": one custom specifier on its own
            i += 1
            continue
        n = 1
        while i + n < len(pattern) and pattern[i + n] == ch:
            n += 1
        if ch in fields:
            out.append(str(fields[ch]).zfill(n))
        elif ch in "fF":
            digits = f"{ticks:07d}"[:n]
            out.append(digits.rstrip("0") if ch == "F" else digits)
        else:
            raise DotNetFormatError("Input string was not in a correct format.")
        i += n
    return "".join(out)


def _s(value: Any) -> str:
    return conv.to_string(value)


def _resizable(lst: list, name: str, count: int) -> None:
    """Arrays are fixed-size: Add/Insert/Remove on one fail as in .NET (ArrayList/List[T] work)."""
    if not getattr(lst, "ps_resizable", False):
        raise method_invocation_error(name, count, "Collection was of a fixed size.", "NotSupportedException")


def _element(lst: list, item: Any) -> Any:
    """List[T].Add converts the item to T."""
    element = getattr(lst, "element", "")
    if not element:
        return item
    from exshell.engine.dotnet import convert_to_type
    return convert_to_type(item, element, None)


def _list_add(lst: list, item: Any) -> Any:
    _resizable(lst, "Add", 1)
    from exshell.engine.operators import _too_large
    _too_large(len(lst) + 1)
    lst.append(_element(lst, item))
    generic = getattr(lst, "element", "") or getattr(lst, "ps_type_name", "").startswith("System.Collections.Generic.")
    return None if generic else len(lst) - 1       # List<T>.Add is void; ArrayList.Add returns the index


def _list_add_range(lst: list, items: Any) -> None:
    _resizable(lst, "AddRange", 1)
    from exshell.engine.operators import _too_large
    values = conv.to_array(items)
    _too_large(len(lst) + len(values))
    lst.extend(_element(lst, v) for v in values)


def _list_insert(lst: list, index: Any, item: Any) -> None:
    _resizable(lst, "Insert", 2)
    i = conv.to_int(index)
    if not 0 <= i <= len(lst):
        raise IndexError("Index must be within the bounds of the List.\r\nParameter name: index")
    lst.insert(i, _element(lst, item))


def _list_remove_at(lst: list, index: Any) -> None:
    _resizable(lst, "RemoveAt", 1)
    i = conv.to_int(index)
    if not 0 <= i < len(lst):
        raise IndexError("Index was out of range. Must be non-negative and less than the size of the "
                         "collection.\r\nParameter name: index")
    del lst[i]


def _list_clear(lst: list) -> None:
    if getattr(lst, "ps_resizable", False):
        lst.clear()
    else:                                   # Array.Clear: every element back to its default
        lst[:] = [None] * len(lst)


def _list_sort(lst: list) -> None:
    import functools
    from exshell.engine.operators import compare
    lst.sort(key=functools.cmp_to_key(lambda a, b: compare(a, b, False)))


LIST_METHODS: dict[str, Callable[..., Any]] = {
    "contains": lambda lst, item: any(_eq(x, item) for x in lst),
    "indexof": lambda lst, item: next((i for i, x in enumerate(lst) if _eq(x, item)), -1),
    "add": _list_add, "addrange": _list_add_range, "insert": _list_insert, "removeat": _list_remove_at,
    "clear": _list_clear, "sort": _list_sort, "reverse": lambda lst: lst.reverse(),
    "toarray": lambda lst: list(lst), "clone": lambda lst: ResizableList(lst, lst.ps_type_name, lst.element)
    if isinstance(lst, ResizableList) else list(lst),
    "remove": lambda lst, item: _list_remove(lst, item),
    "getvalue": lambda lst, i: lst[conv.to_int(i)],
}


def _eq(a: Any, b: Any) -> bool:
    from exshell.engine.operators import equals
    return equals(a, b, case_sensitive=True)


def _list_remove(lst: list, item: Any) -> Any:
    _resizable(lst, "Remove", 1)
    for i, x in enumerate(lst):
        if _eq(x, item):
            del lst[i]
            return True if getattr(lst, "element", "") else None
    return False if getattr(lst, "element", "") else None


def _ht_add(ht: dict, key: Any, value: Any) -> None:
    if key in ht:
        raise method_invocation_error("Add", 2, f"Item has already been added. Key in dictionary: '{_s(key)}'  "
                                      f"Key being added: '{_s(key)}'", "ArgumentException")
    ht[key] = value


HASHTABLE_METHODS: dict[str, Callable[..., Any]] = {
    "containskey": lambda h, k: k in h, "contains": lambda h, k: k in h,
    "containsvalue": lambda h, v: any(_eq(x, v) for x in h.values()),
    "add": _ht_add, "remove": lambda h, k: h.pop(k, None) and None,
    "clone": lambda h: h.copy(), "clear": lambda h: h.clear(),
    "getenumerator": lambda h: [PSObject(("System.Collections.DictionaryEntry",),
                                         (("Name", k), ("Key", k), ("Value", v))) for k, v in h.items()],
}

DATETIME_METHODS: dict[str, Callable[..., Any]] = {
    "adddays": lambda d, n: d + dt.timedelta(days=float(conv.to_number(n))),
    "addhours": lambda d, n: d + dt.timedelta(hours=float(conv.to_number(n))),
    "addminutes": lambda d, n: d + dt.timedelta(minutes=float(conv.to_number(n))),
    "addseconds": lambda d, n: d + dt.timedelta(seconds=float(conv.to_number(n))),
    "addmilliseconds": lambda d, n: d + dt.timedelta(milliseconds=float(conv.to_number(n))),
    "add": lambda d, t: d + conv.to_timespan(t),
    "subtract": lambda d, o: d - (o if isinstance(o, dt.datetime) else conv.to_timespan(o)),
    "addmonths": lambda d, n: _add_months(d, conv.to_int(n)),
    "addyears": lambda d, n: _add_months(d, 12 * conv.to_int(n)),
    "touniversaltime": lambda d: d, "tolocaltime": lambda d: d,
}

TIMESPAN_METHODS: dict[str, Callable[..., Any]] = {
    "add": lambda t, o: t + conv.to_timespan(o), "subtract": lambda t, o: t - conv.to_timespan(o),
    "negate": lambda t: -t, "duration": lambda t: abs(t),
}


def _add_months(d: dt.datetime, months: int) -> dt.datetime:
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31,
            30, 31][month - 1]
    return d.replace(year=year, month=month, day=min(d.day, last))


def _method_table(obj: Any) -> dict[str, Callable[..., Any]] | None:
    if isinstance(obj, str):
        return STRING_METHODS
    if isinstance(obj, dict):
        return HASHTABLE_METHODS
    if isinstance(obj, list):
        return LIST_METHODS
    if isinstance(obj, dt.datetime):
        return DATETIME_METHODS
    if isinstance(obj, dt.timedelta):
        return TIMESPAN_METHODS
    return None


class TypeInfo:
    """What `.GetType()` and `[type]` give back: enough for `.Name`/`.FullName`."""

    ps_type_name = "System.RuntimeType"

    def __init__(self, full_name: str):
        self.full_name = full_name

    def ps_get(self, name: str) -> Any:
        low = name.lower()
        if low == "fullname":
            return self.full_name
        if low == "name":            # List`1, not the generic arguments
            return self.full_name.split("[[", 1)[0].rsplit(".", 1)[-1]
        if low == "namespace":
            return self.full_name.rsplit(".", 1)[0] if "." in self.full_name else ""
        return None

    def __str__(self) -> str:
        return self.full_name


# -- static members ------------------------------------------------------------------------



def snapshot(obj: Any) -> Any:
    """What the console's formatter holds of an object when it receives it: the property values
    of that moment. A script that changes the object afterwards does not change what was shown."""
    if isinstance(obj, PSObject):
        copy = PSObject(obj.type_names, hidden=(), to_string=obj.to_string)
        copy._props = dict(obj._props)
        copy._names = dict(obj._names)
        copy.hidden = obj.hidden
        return copy
    if isinstance(obj, PSHashtable):
        return obj.copy()
    if isinstance(obj, FormatDirective):          # `$o | Format-Table`: the objects it was given
        return attrs.evolve(obj, objects=tuple(snapshot(o) for o in obj.objects))
    return obj
