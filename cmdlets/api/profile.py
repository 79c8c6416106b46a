"""Version profiles and cultures: which Exchange/PowerShell a lab imitates, and how it writes
dates and numbers. Shared by the cmdlets (which properties exist) and the formatter (layout)."""

from __future__ import annotations

import datetime as _dt

import attrs

EXCHANGE_VERSIONS = ("2007", "2010-beta1", "2010", "2013", "2016", "2019")

# The catalog's `applicable` strings per lab version.
CATALOG_VERSION = {
    "2007": "Exchange Server 2007",
    "2010-beta1": "Exchange Server 2010",
    "2010": "Exchange Server 2010",
    "2013": "Exchange Server 2013",
    "2016": "Exchange Server 2016",
    "2019": "Exchange Server 2019",
}

POWERSHELL_VERSION = {"2007": "1.0", "2010-beta1": "2.0", "2010": "2.0", "2013": "4.0", "2016": "5.1", "2019": "5.1"}


@attrs.frozen
class Culture:
    """The few culture facts the console output depends on."""

    name: str = "en-US"
    short_date: str = "M/d/yyyy"          # .NET custom format strings
    long_time: str = "h:mm:ss tt"
    short_time: str = "h:mm tt"
    am: str = "AM"
    pm: str = "PM"
    day_abbrev: tuple[str, ...] = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
    day_names: tuple[str, ...] = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
    month_names: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December")
    month_abbrev: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                     "Oct", "Nov", "Dec")

    def format_datetime(self, value: _dt.datetime, pattern: str | None = None) -> str:
        """DateTime.ToString() in this culture: short date + long time unless a pattern is given."""
        from cmdlets.api.dotnet_format import format_datetime

        return format_datetime(value, pattern or f"{self.short_date} {self.long_time}", self)


CULTURES = {
    "en-US": Culture(),
    "en-GB": Culture(name="en-GB", short_date="dd/MM/yyyy", long_time="HH:mm:ss", short_time="HH:mm"),
    "nl-BE": Culture(
        name="nl-BE", short_date="d/MM/yyyy", long_time="H:mm:ss", short_time="H:mm", am="", pm="",
        day_abbrev=("zo", "ma", "di", "wo", "do", "vr", "za"),
        day_names=("zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"),
        month_names=("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                     "september", "oktober", "november", "december"),
        month_abbrev=("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    ),
    "de-DE": Culture(
        name="de-DE", short_date="dd.MM.yyyy", long_time="HH:mm:ss", short_time="HH:mm", am="", pm="",
        day_abbrev=("So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"),
        day_names=("Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"),
        month_names=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                     "September", "Oktober", "November", "Dezember"),
        month_abbrev=("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
    ),
}


@attrs.frozen
class Profile:
    """What a session imitates: Exchange version, its PowerShell, console width, culture."""

    exchange_version: str = "2010"
    width: int = 80                      # console buffer width; usable width is width - 1
    culture: Culture = CULTURES["en-US"]
    remote: bool = True                  # EMS over remoting (RunspaceId shown, errors without prefix)

    @property
    def powershell(self) -> str:
        return POWERSHELL_VERSION[self.exchange_version]

    @property
    def ps_major(self) -> int:
        return int(self.powershell.split(".")[0])

    @property
    def catalog_version(self) -> str:
        return CATALOG_VERSION[self.exchange_version]

    @property
    def usable_width(self) -> int:
        return self.width - 1
