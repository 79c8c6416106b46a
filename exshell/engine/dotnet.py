"""The .NET surface admin scripts touch: type literals, casts, `-is`, and static members of
[math], [string], [datetime], [timespan], [int], [System.Net.IPAddress], [guid], [regex],
[Environment]. Types that would reach the host are refused with a clear error."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from typing import Any

from cmdlets.api.values import PSCUSTOMOBJECT, PSHashtable, PSObject
from exshell.engine import conversion as conv
from exshell.engine import members, messages
from exshell.engine.errors import PSRuntimeError
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
    return conv.to_string(value)


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
        s = conv.to_string(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return chr(value)
        if len(s) != 1:
            raise PSRuntimeError(messages.text("InvalidCastParse", value=s, source="System.String", type="System.Char",
                                               detail="String must be exactly one character long."),
                                 error_id="InvalidCastParseTargetInvocation", category="InvalidArgument")
        return s
    if low == "system.datetime":
        return conv.to_datetime(value)
    if low == "system.timespan":
        return conv.to_timespan(value)
    if low in ("system.object", "system.management.automation.psobject"):
        return value
    if low == PSCUSTOMOBJECT.lower():
        return _to_pscustomobject(value)
    if low == "system.collections.hashtable":
        if isinstance(value, dict):
            return value
    if low == "system.collections.arraylist" or low.startswith("system.collections.generic.list"):
        lst = _ResizableList(conv.to_array(value))
        return lst
    if low == "system.net.ipaddress":
        return conv.to_ipv4(value)
    if low == "system.void":
        return None
    if low == "system.version":
        return conv.to_string(value)
    if low == "system.guid":
        text = conv.to_string(value)
        if re.fullmatch(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", text):
            return text.lower()
    if low == "system.management.automation.scriptblock":
        from exshell.engine.context import ScriptBlock
        if isinstance(value, ScriptBlock):
            return value
    if low == "system.text.regularexpressions.regex":
        return conv.to_string(value)
    if low == "system.management.automation.switchparameter":
        return conv.to_bool(value)
    resolve_type(type_name)
    if is_instance(value, TypeInfo(full)):
        return value
    raise PSRuntimeError(messages.text("InvalidCast", value=conv.to_string(value), source=conv.type_name_of(value),
                                       type=full), error_id="ConvertToFinalInvalidCastException",
                         category="InvalidArgument")


class _ResizableList(list):
    """System.Collections.ArrayList: a list whose Add works."""

    ps_resizable = True
    ps_type_name = "System.Collections.ArrayList"


def static_property(type_value: Any, name: str, ev: Any) -> Any:
    full = type_name_from(type_value)
    low, key = full.lower(), name.lower()
    table: dict[str, Any] = {}
    if low in ("system.int32", "system.int64", "system.int16", "system.byte", "system.uint32"):
        lo, hi = conv._INTEGER_RANGES[full]
        table = {"maxvalue": hi, "minvalue": lo}
    elif low == "system.double":
        table = {"maxvalue": 1.7976931348623157e308, "minvalue": -1.7976931348623157e308}
    elif low == "system.string":
        table = {"empty": ""}
    elif low == "system.datetime":
        table = {"now": ev.now(), "today": ev.now().replace(hour=0, minute=0, second=0, microsecond=0),
                 "utcnow": ev.now(), "minvalue": dt.datetime(1, 1, 1), "maxvalue": dt.datetime(9999, 12, 31, 23, 59, 59)}
    elif low == "system.timespan":
        table = {"zero": dt.timedelta(0), "maxvalue": dt.timedelta(days=10675199, seconds=10085, microseconds=477580)}
    elif low == "system.net.ipaddress":
        table = {"none": "255.255.255.255", "any": "0.0.0.0", "loopback": "127.0.0.1", "broadcast": "255.255.255.255"}
    elif low == "system.environment":
        table = {"newline": "\r\n", "machinename": ev.ctx.console_machine, "username": "Administrator",
                 "userdomainname": (ev.ctx.world.domain.split(".")[0].upper() if ev.ctx.world else ""),
                 "osversion": "Microsoft Windows NT 6.1.7601 Service Pack 1"}
    elif low == "system.math":
        import math
        table = {"pi": math.pi, "e": math.e}
    elif low == "system.threading.timeout":
        table = {"infinitetimespan": dt.timedelta(milliseconds=-1), "infinite": -1}
    elif low == "system.text.encoding":
        table = {"utf8": "utf-8", "ascii": "us-ascii", "unicode": "utf-16", "default": "windows-1252"}
    if key in table:
        return table[key]
    raise PSRuntimeError(f"The property '{name}' cannot be found on type [{full}].",
                         error_id="PropertyNotFound", category="InvalidOperation")


def static_method(type_value: Any, name: str, args: list[Any], ev: Any) -> Any:
    full = type_name_from(type_value)
    low, key = full.lower(), name.lower()
    fn = None
    if low == "system.math":
        fn = members.MATH.get(key)
    elif low == "system.string":
        fn = {"isnullorempty": lambda s: s is None or conv.to_string(s) == "",
              "isnullorwhitespace": lambda s: s is None or conv.to_string(s).strip() == "",
              "join": lambda sep, *vals: conv.to_string(sep).join(
                  conv.to_string(v) for v in (vals[0] if len(vals) == 1 and isinstance(vals[0], list) else vals)),
              "format": lambda fmt, *vals: ev.format_operator(fmt, list(vals[0]) if len(vals) == 1 and isinstance(
                  vals[0], list) else list(vals)),
              "concat": lambda *vals: "".join(conv.to_string(v) for v in vals),
              "compare": lambda a, b, ic=False: (conv.to_string(a).lower() > conv.to_string(b).lower()) - (
                  conv.to_string(a).lower() < conv.to_string(b).lower())}.get(key)
    elif low == "system.datetime":
        fn = {"parse": conv.to_datetime, "now": ev.now,
              "daysinmonth": lambda y, m: [31, 29 if conv.to_int(y) % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30,
                                           31, 30, 31][conv.to_int(m) - 1]}.get(key)
    elif low == "system.timespan":
        fn = {"fromdays": lambda n: dt.timedelta(days=float(conv.to_number(n))),
              "fromhours": lambda n: dt.timedelta(hours=float(conv.to_number(n))),
              "fromminutes": lambda n: dt.timedelta(minutes=float(conv.to_number(n))),
              "fromseconds": lambda n: dt.timedelta(seconds=float(conv.to_number(n))),
              "frommilliseconds": lambda n: dt.timedelta(milliseconds=float(conv.to_number(n))),
              "parse": conv.to_timespan}.get(key)
    elif low == "system.net.ipaddress":
        fn = {"parse": conv.to_ipv4}.get(key)
    elif low == "system.guid":
        fn = {"newguid": ev.new_guid}.get(key)
    elif low in ("system.int32", "system.int64", "system.double"):
        fn = {"parse": lambda s: convert_to_type(s, full, ev)}.get(key)
    elif low == "system.text.regularexpressions.regex":
        from exshell.engine import operators as ops
        fn = {"escape": lambda s: re.escape(conv.to_string(s)),
              "replace": lambda s, p, r: ops.replace(s, p, r, True),
              "ismatch": lambda s, p: bool(ops.dotnet_regex(conv.to_string(p), True).search(conv.to_string(s))),
              "split": lambda s, p: ops.split(s, p, 0, True)}.get(key)
    elif low == "system.convert":
        fn = {"toint32": lambda v: conv.to_int(v), "tostring": conv.to_string, "toboolean": conv.to_bool,
              "todouble": lambda v: float(conv.to_number(v))}.get(key)
    if fn is None:
        resolve_type(full)
        raise PSRuntimeError(messages.text("MethodNotFound", type=full, name=name), error_id="MethodNotFound",
                             category="InvalidOperation")
    try:
        return fn(*args)
    except TypeError:
        raise PSRuntimeError(messages.text("MethodCountCouldNotFindBest", name=name, count=len(args)),
                             error_id="MethodCountCouldNotFindBest", category="NotSpecified") from None


__all__ = ["PSHashtable"]
