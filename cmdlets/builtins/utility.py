"""Start-Sleep (virtual time) and Get-Date (the virtual clock)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param


@cmdlet("Start-Sleep", module="Microsoft.PowerShell.Utility", default_set="Seconds")
class StartSleepCommand(Cmdlet):
    """Waits: in exshell, virtual time advances at once and due events run."""
    examples = (
        ("Start-Sleep -Seconds 30",
         "This example waits 30 seconds; replication and failover go on meanwhile."),
    )

    seconds: float | None = param("Double", position=0, mandatory=True, pipeline=True, sets=("Seconds",),
                                  validate_range=(0, 2147483))
    milliseconds: int | None = param("Int32", mandatory=True, pipeline=True, sets=("Milliseconds",),
                                     validate_range=(0, 2147483647))

    def process_record(self) -> None:
        seconds = self.seconds if self.parameter_set_name == "Seconds" else (self.milliseconds or 0) / 1000
        self.world.advance(float(seconds or 0))


@cmdlet("Get-Date", module="Microsoft.PowerShell.Utility", default_set="net")
class GetDateCommand(Cmdlet):
    """Gets the date and time of the lab's virtual clock, or builds one from its parts."""
    examples = (
        ("Get-Date",
         "This example shows the current date and time of the lab's clock."),
        ("(Get-Date).AddHours(-1)",
         "This example returns the time an hour ago."),
    )

    date: Any = param("DateTime", position=0, pipeline=True, pipeline_by_name=True, aliases=("LastWriteTime",))
    year: int | None = param("Int32", validate_range=(1, 9999))
    month: int | None = param("Int32", validate_range=(1, 12))
    day: int | None = param("Int32", validate_range=(1, 31))
    hour: int | None = param("Int32", validate_range=(0, 23))
    minute: int | None = param("Int32", validate_range=(0, 59))
    second: int | None = param("Int32", validate_range=(0, 59))
    millisecond: int | None = param("Int32", validate_range=(0, 999))
    display_hint: str | None = param("DisplayHintType", values=("Date", "Time", "DateTime"))
    format: str | None = param("String", sets=("net",))
    uformat: str | None = param("String", name="UFormat", sets=("UFormat",))

    def process_record(self) -> None:
        value: dt.datetime = self.date if self.date is not None else self.world.now
        value = self._adjusted(value)
        if self.parameter_set_name == "UFormat" and self.uformat is not None:
            self.write_object(uformat(value, self.uformat))
        elif self.format:
            from cmdlets.api.dotnet_format import DotNetFormatError, format_datetime
            try:
                text = format_datetime(value, self.format, self.profile.culture)
            except DotNetFormatError:           # DateTime.ToString's FormatException, not caught by Get-Date
                self.throw_terminating_error(self.error("Input string was not in a correct format.",
                                                        exception="System.FormatException",
                                                        error_id="System.FormatException"))
                raise
            self.write_object(text)
        else:
            self.write_object(HintedDateTime.of(value, self.display_hint or "DateTime"))

    def _adjusted(self, value: dt.datetime) -> dt.datetime:
        parts = {"year": self.year, "month": self.month, "hour": self.hour, "minute": self.minute,
                 "second": self.second}
        value = value.replace(**{k: v for k, v in parts.items() if v is not None})
        if self.day is not None:
            # as .NET: days past the month's end roll into the next month
            value = value.replace(day=1) + dt.timedelta(days=self.day - 1)
        if self.millisecond is not None:
            value = value.replace(microsecond=self.millisecond * 1000)
        return value


class HintedDateTime(dt.datetime):
    """Get-Date's DateTime with its DisplayHint note (Date, Time or DateTime): how it prints, and
    what ConvertTo-Json writes beside the value."""

    display_hint = "DateTime"

    @classmethod
    def of(cls, value: dt.datetime, hint: str) -> "HintedDateTime":
        out = cls(value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond)
        out.display_hint = hint
        return out


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def uformat(d: dt.datetime, pattern: str) -> str:
    """Get-Date -UFormat: the UNIX date specifiers Windows PowerShell 5.1 knows."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch != "%" or i + 1 >= len(pattern):
            out.append(ch)
            i += 1
            continue
        out.append(_uformat_one(d, pattern[i + 1]))
        i += 2
    return "".join(out)


def _uformat_one(d: dt.datetime, spec: str) -> str:
    hour12 = d.hour % 12 or 12
    sunday_first = (d.weekday() + 1) % 7
    table = {
        "a": _DAYS[d.weekday()][:3], "A": _DAYS[d.weekday()], "b": _MONTHS[d.month - 1][:3],
        "h": _MONTHS[d.month - 1][:3], "B": _MONTHS[d.month - 1], "C": f"{d.year // 100:02d}",
        "c": f"{_DAYS[d.weekday()][:3]} {_MONTHS[d.month - 1][:3]} {d.day:2d} {d:%H:%M:%S} {d.year}",
        "D": f"{d:%m/%d/%y}", "d": f"{d.day:02d}", "e": f"{d.day:2d}", "H": f"{d.hour:02d}",
        "I": f"{hour12:02d}", "j": f"{d.timetuple().tm_yday:03d}", "k": f"{d.hour:2d}", "l": f"{hour12:2d}",
        "M": f"{d.minute:02d}", "m": f"{d.month:02d}", "n": "\n", "p": "AM" if d.hour < 12 else "PM",
        "R": f"{d:%H:%M}", "r": f"{hour12:02d}:{d:%M:%S} {'AM' if d.hour < 12 else 'PM'}",
        "S": f"{d.second:02d}", "s": str(int((d - dt.datetime(1970, 1, 1)).total_seconds())), "T": f"{d:%H:%M:%S}",
        "t": "\t", "u": str(d.isoweekday()), "w": str(sunday_first), "X": f"{d:%H:%M:%S}", "x": f"{d:%m/%d/%y}",
        "Y": str(d.year), "y": f"{d.year % 100:02d}", "Z": "+00", "U": str((d.timetuple().tm_yday - 1) // 7),
        "W": str((d.timetuple().tm_yday - 1) // 7), "V": str((d.timetuple().tm_yday - 1) // 7 + 1),
        "G": str(d.year), "g": f"{d.year % 100:02d}",
    }
    return table.get(spec, spec)
