"""Members of values: properties, methods and the static members of the .NET types admin
scripts touch. Anything else is refused with an error naming the member, never a traceback."""

from __future__ import annotations

import datetime as dt
import enum
import math
from typing import Any, Callable

from cmdlets.api.errors import CmdletError
from cmdlets.api.values import NoSuchMember, PSHashtable, PSObject
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine.errors import PSRuntimeError

_MISSING = object()


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
    getter = getattr(obj, "ps_get", None)
    if getter is not None:
        return getter(name)
    if low in ("count", "length") and not isinstance(obj, (int, float)):
        return 1
    if low in ("count",):
        return 1
    return _MISSING


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
    if obj is None:
        raise PSRuntimeError(messages.text("InvokeMethodOnNull"), error_id="InvokeMethodOnNull",
                             category="InvalidOperation")
    low = name.lower()
    if low == "tostring" and not args:
        return runtime.dotnet_to_string(obj)
    if low == "gettype" and not args:
        return TypeInfo(conv.type_name_of(obj))
    if low == "equals" and len(args) == 1:
        from exshell.engine.operators import equals
        return equals(obj, args[0], case_sensitive=True)
    if low == "gethashcode":
        return hash(conv.to_string(obj)) & 0x7FFFFFFF
    table = _method_table(obj)
    fn = table.get(low) if table else None
    if fn is None:
        custom = getattr(obj, "ps_invoke", None)
        if custom is not None:
            try:
                return custom(name, args)
            except NoSuchMember:
                pass
        raise PSRuntimeError(messages.text("MethodNotFound", type=conv.type_name_of(obj), name=name),
                             error_id="MethodNotFound", category="InvalidOperation")
    try:
        return fn(obj, *args)
    except TypeError:
        raise PSRuntimeError(messages.text("MethodCountCouldNotFindBest", name=name, count=len(args)),
                             error_id="MethodCountCouldNotFindBest", category="NotSpecified") from None
    except (ValueError, IndexError) as exc:
        raise PSRuntimeError(f'Exception calling "{name}" with "{len(args)}" argument(s): "{exc}"',
                             error_id="ArgumentOutOfRangeException", category="NotSpecified") from None


def _s(value: Any) -> str:
    return conv.to_string(value)


def _index_of(s: str, sub: Any, start: Any = 0) -> int:
    return s.find(_s(sub), conv.to_int(start))


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


def _split(s: str, *seps: Any) -> list[str]:
    chars = []
    for sep in seps:
        if isinstance(sep, list):
            chars.extend(_s(x) for x in sep)
        elif isinstance(sep, int) and not isinstance(sep, bool):
            continue
        else:
            chars.extend(_s(sep))
    if not chars:
        return s.split()
    out, cur = [], []
    for ch in s:
        if ch in chars:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _trim_chars(args: tuple) -> str | None:
    if not args:
        return None
    return "".join(_s(a) for a in args)


STRING_METHODS: dict[str, Callable[..., Any]] = {
    "toupper": lambda s, *a: s.upper(), "tolower": lambda s, *a: s.lower(),
    "toupperinvariant": lambda s: s.upper(), "tolowerinvariant": lambda s: s.lower(),
    "trim": lambda s, *a: s.strip(_trim_chars(a)), "trimstart": lambda s, *a: s.lstrip(_trim_chars(a)),
    "trimend": lambda s, *a: s.rstrip(_trim_chars(a)),
    "startswith": lambda s, p, *a: s.lower().startswith(_s(p).lower()) if a else s.startswith(_s(p)),
    "endswith": lambda s, p, *a: s.lower().endswith(_s(p).lower()) if a else s.endswith(_s(p)),
    "contains": lambda s, p: _s(p) in s,
    "indexof": _index_of, "lastindexof": lambda s, sub: s.rfind(_s(sub)),
    "substring": _substring, "replace": lambda s, a, b: s.replace(_s(a), _s(b)),
    "split": _split, "padleft": lambda s, n, c=" ": s.rjust(conv.to_int(n), _s(c)),
    "padright": lambda s, n, c=" ": s.ljust(conv.to_int(n), _s(c)),
    "insert": lambda s, i, v: s[:conv.to_int(i)] + _s(v) + s[conv.to_int(i):],
    "remove": lambda s, i, n=None: s[:conv.to_int(i)] + ("" if n is None else s[conv.to_int(i) + conv.to_int(n):]),
    "tochararray": lambda s: list(s), "compareto": lambda s, o: (s > _s(o)) - (s < _s(o)),
    "normalize": lambda s: s, "clone": lambda s: s,
}


def _list_add(lst: list, item: Any) -> int:
    if not getattr(lst, "ps_resizable", False) and type(lst) is list:
        raise PSRuntimeError('Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."',
                             error_id="NotSupportedException", category="NotSpecified")
    lst.append(item)
    return len(lst) - 1


LIST_METHODS: dict[str, Callable[..., Any]] = {
    "contains": lambda lst, item: any(_eq(x, item) for x in lst),
    "indexof": lambda lst, item: next((i for i, x in enumerate(lst) if _eq(x, item)), -1),
    "add": _list_add,
    "toarray": lambda lst: list(lst), "clone": lambda lst: list(lst),
    "remove": lambda lst, item: _list_remove(lst, item),
    "getvalue": lambda lst, i: lst[conv.to_int(i)],
}


def _eq(a: Any, b: Any) -> bool:
    from exshell.engine.operators import equals
    return equals(a, b, case_sensitive=True)


def _list_remove(lst: list, item: Any) -> None:
    for i, x in enumerate(lst):
        if _eq(x, item):
            del lst[i]
            return


def _ht_add(ht: dict, key: Any, value: Any) -> None:
    if key in ht:
        raise PSRuntimeError(
            f'Exception calling "Add" with "2" argument(s): "Item has already been added. Key in dictionary: '
            f"'{_s(key)}'  Key being added: '{_s(key)}'\"", error_id="ArgumentException", category="NotSpecified")
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
        if low == "name":
            return self.full_name.rsplit(".", 1)[-1]
        if low == "namespace":
            return self.full_name.rsplit(".", 1)[0] if "." in self.full_name else ""
        return None

    def __str__(self) -> str:
        return self.full_name


# -- static members ------------------------------------------------------------------------

def _round(x: Any, digits: Any = 0) -> Any:
    value = conv.to_number(x)
    d = conv.to_int(digits)
    import decimal
    q = decimal.Decimal(str(value)).quantize(decimal.Decimal(1).scaleb(-d), rounding=decimal.ROUND_HALF_EVEN)
    return float(q) if d or isinstance(value, float) else int(q)


MATH = {
    "round": _round, "floor": lambda x: math.floor(conv.to_number(x)), "ceiling": lambda x: math.ceil(conv.to_number(x)),
    "abs": lambda x: abs(conv.to_number(x)), "max": lambda a, b: max(conv.to_number(a), conv.to_number(b)),
    "min": lambda a, b: min(conv.to_number(a), conv.to_number(b)),
    "pow": lambda a, b: float(conv.to_number(a)) ** float(conv.to_number(b)),
    "sqrt": lambda x: math.sqrt(conv.to_number(x)), "truncate": lambda x: math.trunc(conv.to_number(x)),
    "log": lambda x, b=math.e: math.log(conv.to_number(x), conv.to_number(b)),
    "log10": lambda x: math.log10(conv.to_number(x)),
}
