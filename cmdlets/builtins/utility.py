"""Start-Sleep (virtual time) and Get-Date (the virtual clock)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param


@cmdlet("Start-Sleep", module="Microsoft.PowerShell.Utility", default_set="Seconds")
class StartSleepCommand(Cmdlet):
    """Waits: in exshell, virtual time advances at once and due events run."""

    seconds: float | None = param("Double", position=0, mandatory=True, pipeline=True, sets=("Seconds",),
                                  validate_range=(0, 2147483))
    milliseconds: int | None = param("Int32", mandatory=True, pipeline=True, sets=("Milliseconds",),
                                     validate_range=(0, 2147483647))

    def process_record(self) -> None:
        seconds = self.seconds if self.parameter_set_name == "Seconds" else (self.milliseconds or 0) / 1000
        self.world.advance(float(seconds or 0))


@cmdlet("Get-Date", module="Microsoft.PowerShell.Utility")
class GetDateCommand(Cmdlet):
    """The current date and time of the lab's virtual clock."""

    date: Any = param("DateTime", position=0, pipeline=True)
    format: str | None = param("String")
    uformat: str | None = param("String", name="UFormat")

    def process_record(self) -> None:
        value: dt.datetime = self.date if self.date is not None else self.world.now
        if self.format:
            from cmdlets.api.dotnet_format import format_datetime
            self.write_object(format_datetime(value, self.format, self.profile.culture))
        else:
            self.write_object(value)
