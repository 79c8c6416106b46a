"""Exchange value types whose ``str()`` is .NET's ToString() (output-format.md §5).

ByteQuantifiedSize, Unlimited, schedule intervals (culture-dependent: ``ps_to_string``),
KeyValuePair items. DAG network subnets/interfaces come from ``state.model`` (their ``str()`` is
already ``{192.168.1.0/24,Up}`` / ``{exch2010mb1,Up,192.168.1.11}``); TimeSpans stay
``datetime.timedelta`` and dates ``datetime.datetime`` (the formatter renders them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from cmdlets.api.dotnet_format import format_timespan

_UNITS = ("B", "KB", "MB", "GB", "TB", "PB")
EN_DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")


@attrs.frozen
class ByteQuantifiedSize:
    """``2.3 GB (2,469,396,480 bytes)``: 4 significant digits of the largest binary unit >= 1."""

    bytes: int

    def __str__(self) -> str:
        value, unit = float(self.bytes), 0
        while value >= 1024 and unit < len(_UNITS) - 1:
            value /= 1024
            unit += 1
        return f"{format(value, '.4g')} {_UNITS[unit]} ({self.bytes:,} bytes)"


@attrs.frozen
class Unlimited:
    """Unlimited<T> holding no value: 2007/2010 print ``unlimited``, 2013+ ``Unlimited``."""

    lower: bool = False

    def __str__(self) -> str:
        return "unlimited" if self.lower else "Unlimited"


@attrs.frozen
class KeyValuePair:
    """.NET KeyValuePair<K,V>.ToString(): ``[EX1, 1]``, ``[EX1, 00:10:00]``."""

    key: Any
    value: Any

    def __str__(self) -> str:
        return f"[{self.key}, {_text(self.value)}]"


def _text(value: Any) -> str:
    if isinstance(value, dt.timedelta):
        return format_timespan(value)
    return str(value)


@attrs.frozen
class ScheduleInterval:
    """One interval of a Schedule: ``Sun.1:00 AM-Sun.5:00 AM`` (en-US), ``zo.1:00-zo.5:00`` (nl-BE).

    ``day`` is 0 = Sunday; times are minutes after midnight."""

    start_day: int
    start_minute: int
    end_day: int
    end_minute: int

    def ps_to_string(self, culture: Any = None) -> str:
        return f"{self._point(self.start_day, self.start_minute, culture)}-" \
               f"{self._point(self.end_day, self.end_minute, culture)}"

    @staticmethod
    def _point(day: int, minute: int, culture: Any) -> str:
        when = dt.datetime(2000, 1, 1, minute // 60, minute % 60)
        if culture is None:
            hour = when.hour % 12 or 12
            return f"{EN_DAYS[day]}.{hour}:{when.minute:02} {'AM' if when.hour < 12 else 'PM'}"
        return f"{culture.day_abbrev[day]}.{culture.format_datetime(when, culture.short_time)}"

    def __str__(self) -> str:
        return self.ps_to_string(None)


def daily(start_minute: int, end_minute: int) -> list[ScheduleInterval]:
    """A Schedule that runs every day, Sunday first (DECOMP defaults)."""
    return [ScheduleInterval(d, start_minute, d, end_minute) for d in range(7)]


MAINTENANCE_SCHEDULE = tuple(daily(60, 300))        # 1:00-5:00
QUOTA_NOTIFICATION_SCHEDULE = tuple(daily(60, 75))  # 1:00-1:15


class ADObjectId:
    """A reference to a directory object (a DAG's Servers, a database's Server): shows its name,
    offers .Name/.DistinguishedName/.ObjectGuid, and equals a string naming the same object
    (so `$db.Server -eq 'MBX1'` and `$dag.Servers -contains 'MBX2'` work as admins write them)."""

    __slots__ = ("name", "distinguished_name", "object_guid")
    _PROPERTIES = ("IsDeleted", "Rdn", "Parent", "Depth", "DistinguishedName", "IsRelativeDn", "DomainId",
                   "ObjectGuid", "Name")

    def __init__(self, name: str, distinguished_name: str = "", object_guid: str | None = None):
        self.name = name
        self.distinguished_name = distinguished_name
        self.object_guid = object_guid

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"ADObjectId({self.name!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ADObjectId):
            return self.name.lower() == other.name.lower()
        if isinstance(other, str):
            return self.name.lower() == other.lower()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.name.lower())

    def __lt__(self, other: object) -> bool:
        return self.name.lower() < str(other).lower()

    def ps_equals(self, other: Any) -> bool:
        return self == (str(other) if not isinstance(other, ADObjectId) else other)

    def ps_property_names(self) -> tuple[str, ...]:
        return self._PROPERTIES

    def ps_get(self, name: str) -> Any:
        rdn = self.distinguished_name.split(",", 1)
        values = {"isdeleted": False, "rdn": rdn[0], "parent": rdn[1] if len(rdn) > 1 else None,
                  "depth": self.distinguished_name.count(",") + 1 if self.distinguished_name else 0,
                  "distinguishedname": self.distinguished_name, "isrelativedn": False,
                  "domainid": None, "objectguid": self.object_guid, "name": self.name}
        return values.get(name.lower())
