"""SMB shares of the lab machines (Windows Server 2012 and later): Get-SmbShare, New-SmbShare,
Remove-SmbShare. The administrative shares are always there; the others live in
``Server.shares`` (the file share witness directory Exchange shares, R-DAG-11, is one), and a
UNC path through any of them reaches the machine's drive."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.errors import ErrorRecord
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.windows.network import CimCmdlet
from cmdlets.windows.paths import full_path

SHARE = "Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/SMB/MSFT_SmbShare"
ADMIN_SHARES = (("ADMIN$", "C:\\Windows", "Remote Admin"), ("C$", "C:\\", "Default share"),
                ("IPC$", "", "Remote IPC"))


def _share(server: Any, name: str, path: str, description: str) -> PSObject:
    return PSObject((SHARE, "Microsoft.Management.Infrastructure.CimInstance", "System.Object"), [
        ("Name", name), ("ScopeName", "*"), ("Path", path), ("Description", description),
        ("PSComputerName", server.name)], to_string=name, hidden=("PSComputerName",))


def all_shares(server: Any) -> list[tuple[str, str, str]]:
    """(name, path, description): the administrative shares, then the others by name."""
    return list(ADMIN_SHARES) + sorted((n, p, "") for n, p in server.shares.items())


@cmdlet("Get-SmbShare", module="SmbShare")
class GetSmbShareCommand(CimCmdlet):
    """The shares a machine publishes."""
    synopsis = "Gets the SMB shares of the machine."
    examples = (
        ("Get-SmbShare",
         "This example lists the shares this machine publishes."),
    )

    share_name: list[str] | None = param("String[]", name="Name", position=0)

    def process_record(self) -> None:
        for server in self.machines():
            wanted = [self.runtime.to_string(n) for n in self.share_name or []]
            shares = all_shares(server)
            for name in wanted:
                if not any(self.runtime.like(s[0], name) for s in shares):
                    self.write_error(self.not_found("MSFT_SmbShare", "Name", name))
            for name, path, description in shares:
                if not wanted or any(self.runtime.like(name, w) for w in wanted):
                    self.write_object(_share(server, name, path, description))


@cmdlet("New-SmbShare", module="SmbShare")
class NewSmbShareCommand(CimCmdlet):
    """Shares a directory of the machine."""
    synopsis = "Shares a directory of the machine."
    examples = (
        (r"New-SmbShare -Name Logs -Path C:\Logs -ReadAccess Everyone",
         r"This example shares C:\Logs as Logs with read access for everyone."),
    )

    supports_should_process = True
    share_name: str | None = param("String", name="Name", position=0, mandatory=True)
    path: str | None = param("String", position=1, mandatory=True)
    description: str | None = param("String")
    full_access: list[str] | None = param("String[]", ignored="share permissions are not modelled")
    change_access: list[str] | None = param("String[]", ignored="share permissions are not modelled")
    read_access: list[str] | None = param("String[]", ignored="share permissions are not modelled")

    def process_record(self) -> None:
        for server in self.machines():
            local = full_path("C:\\", self.path)
            if not server.files.is_dir(local):
                self.write_error(self._error("The system cannot find the file specified.", "ObjectNotFound",
                                             "Windows System Error 2"))
            elif any(n.lower() == self.share_name.lower() for n, _, _ in all_shares(server)):
                self.write_error(self._error("The name has already been shared.", "ResourceExists",
                                             "Windows System Error 2118"))
            elif self.should_process(self.share_name, "Create share"):
                server.shares[self.share_name] = server.files.entry(local).path
                self.write_object(_share(server, self.share_name, server.shares[self.share_name],
                                         self.description or ""))

    def _error(self, message: str, category: str, error_id: str) -> ErrorRecord:
        return ErrorRecord(message=message, category=category, error_id=error_id, target="MSFT_SMBShare",
                           target_type="ROOT/Microsoft/Windows/SMB/MSFT_SMBShare",
                           exception_type="Microsoft.Management.Infrastructure.CimException",
                           activity=self.name, command_type=self.name, invocation=self.invocation)


@cmdlet("Remove-SmbShare", module="SmbShare")
class RemoveSmbShareCommand(CimCmdlet):
    """Stops sharing a directory (the directory stays)."""
    synopsis = "Stops sharing a directory of the machine."
    examples = (
        ("Remove-SmbShare -Name Logs -Force",
         "This example stops sharing Logs; the directory stays."),
    )

    supports_should_process = True
    share_name: list[str] | None = param("String[]", name="Name", position=0, mandatory=True)
    force: bool = param("SwitchParameter", ignored="no confirmation is asked")

    def process_record(self) -> None:
        for server in self.machines():
            for name in [self.runtime.to_string(n) for n in self.share_name]:
                real = next((n for n in server.shares if n.lower() == name.lower()), None)
                if real is None:
                    self.write_error(self.not_found("MSFT_SmbShare", "Name", name))
                elif self.should_process(f"{server.name}: {real}", "Remove-Share"):
                    del server.shares[real]
