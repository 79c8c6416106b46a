"""Datacenter switchover in DAC mode: Stop-, Restore-, Start-DatabaseAvailabilityGroup
(R-SITE-4..R-SITE-9). Each asks for confirmation; none writes an object."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from state.transitions import RestoreDag, StartDag, StopDag


class _SiteCmdlet(ExchangeCmdlet):
    """-Identity with -ActiveDirectorySite or -MailboxServer; the site must exist."""

    identity: Identity = param()
    active_directory_site: Identity | None = param()
    mailbox_server: Identity | None = param()
    configuration_only: bool = param(default=False)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def selection(self) -> tuple[object, tuple[str, ...], str | None]:
        dag = self.resolve_one(ids.dags, self.identity)
        site = self.site_name()
        named = self.mailbox_server if isinstance(self.mailbox_server, list) else [self.mailbox_server] \
            if self.mailbox_server is not None else []
        servers = tuple(self.resolve_one(ids.mailbox_servers, s).name for s in named)
        return dag, servers, site

    def site_name(self) -> str | None:
        if self.active_directory_site is None:
            return None
        text = self.active_directory_site.text
        site = next((s for s in self.world.sites if s.name.lower() == text.lower()), None)
        if site is None:
            self.not_found(text)
        return site.name

    def target_text(self, verb: str, dag, servers: tuple[str, ...], site: str | None) -> str:
        what = f'Active Directory site "{site}"' if site else "Mailbox server(s) " + ", ".join(f'"{s}"' for s in servers)
        return f'{verb} {what} in database availability group "{dag.name}".'


@cmdlet("Stop-DatabaseAvailabilityGroup", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class StopDatabaseAvailabilityGroup(_SiteCmdlet):
    """Marks failed members stopped so their Active Manager mounts nothing (first step of a
    datacenter switchover)."""
    synopsis = "Marks members of a DAG as stopped, the first step of a datacenter switchover."
    examples = (
        ("Stop-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Redmond -ConfigurationOnly",
         "This example marks the DAG1 members of the failed Redmond site as stopped in Active Directory only."),
        ("Stop-DatabaseAvailabilityGroup DAG1 -MailboxServer MBX1",
         "This example marks MBX1 as a stopped member of DAG1."),
    )

    def process_record(self) -> None:
        dag, servers, site = self.selection()
        self.change(StopDag(dag.name, servers, site, self.configuration_only), dag.name,
                    self.target_text("Stopping", dag, servers, site))


@cmdlet("Start-DatabaseAvailabilityGroup", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class StartDatabaseAvailabilityGroup(_SiteCmdlet):
    """Brings stopped members back: they leave StoppedMailboxServers and rejoin the cluster."""
    synopsis = "Brings stopped members of a DAG back into service after a datacenter switchover."
    examples = (
        ("Start-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Redmond",
         "This example brings the DAG1 members of the Redmond site back into the DAG after a datacenter outage."),
        ("Start-DatabaseAvailabilityGroup DAG1 -MailboxServer MBX1",
         "This example brings MBX1 back into DAG1 once it has been repaired."),
    )

    def process_record(self) -> None:
        dag, servers, site = self.selection()
        self.change(StartDag(dag.name, servers, site, self.configuration_only), dag.name,
                    self.target_text("Starting", dag, servers, site))


@cmdlet("Restore-DatabaseAvailabilityGroup", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class RestoreDatabaseAvailabilityGroup(ExchangeCmdlet):
    """Shrinks the DAG's cluster to the surviving members (alternate witness when needed) so
    their copies activate."""
    synopsis = "Activates the members of a DAG in a surviving site after a datacenter failure."
    examples = (
        ("Restore-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Portland",
         "This example shrinks the cluster of DAG1 to its members in Portland so that their databases can be "
         "mounted."),
        ("Restore-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Portland -AlternateWitnessServer HUB2 "
         r"-AlternateWitnessDirectory D:\DAG1",
         "This example does the same and moves the witness to HUB2 in Portland."),
    )

    identity: Identity = param()
    active_directory_site: Identity | None = param()
    alternate_witness_server: str | None = param()
    alternate_witness_directory: str | None = param()
    use_primary_witness_server: bool = param(default=False)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    site_name = _SiteCmdlet.site_name

    def process_record(self) -> None:
        dag = self.resolve_one(ids.dags, self.identity)
        site = self.site_name()
        restore = RestoreDag(dag.name, site, self.alternate_witness_server, self.alternate_witness_directory,
                             self.use_primary_witness_server)
        where = f' for Active Directory site "{site}"' if site else ""
        self.change(restore, dag.name, f'Restoring database availability group "{dag.name}"{where}.')
