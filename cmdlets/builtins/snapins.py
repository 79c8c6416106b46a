"""Get-PSSnapin, Add-PSSnapin and Remove-PSSnapin: the snap-ins of the session.

Exchange 2007's console loads its snap-in (...Admin) at start. From 2010 on, the Exchange
Management Shell reaches Exchange over remoting and no snap-in is loaded locally; scripts that
run on a server add the snap-in themselves (...E2010, ...SnapIn from 2013), and adding it twice is
the real "already added" error, which is why such scripts check Get-PSSnapin first or add
-ErrorAction SilentlyContinue.
"""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.builtins.commands import exchange_snapin

SNAPIN_INFO = "System.Management.Automation.PSSnapInInfo"
_EXCHANGE_TEXT = "Admin Tasks for the Exchange Server"
_CORE_V2 = (
    ("Microsoft.PowerShell.Diagnostics", "This Windows PowerShell snap-in contains Windows Eventing and Performance "
                                         "Counter cmdlets."),
    ("Microsoft.WSMan.Management", "This Windows PowerShell snap-in contains cmdlets (such as Get-WSManInstance and "
                                   "Set-WSManInstance) that are used by the Windows PowerShell host to manage WSMan "
                                   "operations."),
    ("Microsoft.PowerShell.Core", "This Windows PowerShell snap-in contains cmdlets used to manage components of "
                                  "Windows PowerShell."),
    ("Microsoft.PowerShell.Utility", "This Windows PowerShell snap-in contains utility cmdlets that are used to view "
                                     "and organize data in different ways."),
    ("Microsoft.PowerShell.Host", "This Windows PowerShell snap-in contains cmdlets (such as Start-Transcript and "
                                  "Stop-Transcript) that are provided for use with the Windows PowerShell console "
                                  "host."),
    ("Microsoft.PowerShell.Management", "This Windows PowerShell snap-in contains management cmdlets used to manage "
                                        "Windows components."),
    ("Microsoft.PowerShell.Security", "This Windows PowerShell snap-in contains cmdlets to manage Windows PowerShell "
                                      "security."),
)
_ARG_EXCEPTION = "System.Management.Automation.PSArgumentException"


def _info(name: str, ps_version: str, description: str) -> PSObject:
    return PSObject((SNAPIN_INFO, "System.Object"),
                    [("Name", name), ("PSVersion", ps_version), ("Description", description)], to_string=name)


class _SnapinCmdlet(Cmdlet):
    def core(self) -> list[tuple[str, str]]:
        return list(_CORE_V2) if self.profile.ps_major < 3 else [_CORE_V2[2]]

    def registered(self) -> list[tuple[str, str]]:
        return [(exchange_snapin(self.profile.exchange_version), _EXCHANGE_TEXT)]

    def loaded(self) -> list[str]:
        """Names of the snap-ins added in this session, kept with the session."""
        ctx = self.runtime.ctx
        names = getattr(ctx, "added_snapins", None)
        if names is None:
            names = [exchange_snapin("2007")] if self.profile.exchange_version == "2007" else []
            ctx.added_snapins = names
        return names

    def version_of(self, name: str) -> str:
        return "1.0" if name.startswith("Microsoft.Exchange") else self.profile.powershell

    def none_match(self, pattern: str) -> None:
        """A name without wildcards that matched nothing."""
        if any(ch in pattern for ch in "*?["):
            return
        self.write_error(self.error(
            f"No Windows PowerShell snap-ins matching the pattern '{pattern}' were found. Check the pattern "
            "and then try the command again.", category="InvalidArgument", error_id="NoPSSnapInsFound",
            exception=_ARG_EXCEPTION, target=pattern, target_type="String"))

    def current(self) -> list[PSObject]:
        texts = dict(self.registered())
        out = [_info(n, self.version_of(n), d) for n, d in self.core()]
        return out + [_info(n, self.version_of(n), texts.get(n, "")) for n in self.loaded()]


@cmdlet("Get-PSSnapin", module="Microsoft.PowerShell.Core")
class GetPSSnapinCommand(_SnapinCmdlet):
    """Gets the snap-ins of the session, or with -Registered those installed on the computer."""
    examples = (
        ("Get-PSSnapin",
         "This example lists the snap-ins of the session."),
        ("Get-PSSnapin -Registered",
         "This example lists the snap-ins installed on the computer."),
    )

    names: list[str] | None = param("String[]", position=0, name="Name")
    registered_only: bool = param("SwitchParameter", name="Registered")

    def process_record(self) -> None:
        pool = ([_info(n, self.version_of(n), d) for n, d in self.registered()] if self.registered_only
                else self.current())
        for pattern in self.names or ["*"]:
            hits = [s for s in pool if self.runtime.like(s.get("Name"), pattern)]
            if not hits:
                self.none_match(pattern)
            for snapin in hits:
                self.write_object(snapin)


@cmdlet("Add-PSSnapin", module="Microsoft.PowerShell.Core")
class AddPSSnapinCommand(_SnapinCmdlet):
    """Adds registered snap-ins to the session."""
    examples = (
        ("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.E2010",
         "This example adds the Exchange 2010 snap-in to the session."),
    )

    names: list[str] | None = param("String[]", position=0, mandatory=True, pipeline_by_name=True, name="Name")
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        registered = dict(self.registered())
        loaded = self.loaded()
        for name in self.names or []:
            real = next((n for n in registered if n.lower() == name.lower()), None)
            core = next((n for n, _ in self.core() if n.lower() == name.lower()), None)
            if real is None and core is None:
                self._fail(name, f"The Windows PowerShell snap-in '{name}' is not installed on this computer.")
                continue
            if core is not None or real in loaded:
                self._fail(name, f"Cannot add Windows PowerShell snap-in {core or real} because it is already added. "
                                 "Verify the name of the snap-in, and then try again.")
                continue
            loaded.append(real)
            if self.pass_thru:
                self.write_object(_info(real, self.version_of(real), registered[real]))

    def _fail(self, name: str, message: str) -> None:
        self.write_error(self.error(message, category="InvalidArgument", error_id="AddPSSnapInRead",
                                    exception=_ARG_EXCEPTION, target=name, target_type="String"))


@cmdlet("Remove-PSSnapin", module="Microsoft.PowerShell.Core", supports_should_process=True)
class RemovePSSnapinCommand(_SnapinCmdlet):
    """Removes snap-ins from the session."""
    examples = (
        ("Remove-PSSnapin Microsoft.Exchange.Management.PowerShell.E2010",
         "This example removes the Exchange 2010 snap-in from the session."),
    )

    names: list[str] | None = param("String[]", position=0, mandatory=True, pipeline_by_name=True, name="Name")
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        loaded = self.loaded()
        for pattern in self.names or []:
            hits = [n for n in loaded if self.runtime.like(n, pattern)]
            if not hits:
                self.none_match(pattern)
            for name in hits:
                if self.should_process(name):
                    loaded.remove(name)
