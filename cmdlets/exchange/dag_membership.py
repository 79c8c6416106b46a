"""DAG membership: Add-/Remove-DatabaseAvailabilityGroupServer (R-DAG-21..33, R-DAG-46)."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import BETA, DC_IGNORED, EXCHANGE, SINCE_2013
from state.transitions import AddServerToDag, RemoveServerFromDag
from state.transitions.membership import ADD_SERVER_SECONDS, REMOVE_SERVER_SECONDS


@cmdlet("Add-DatabaseAvailabilityGroupServer", supports_should_process=True, **EXCHANGE)
class AddDatabaseAvailabilityGroupServer(ExchangeCmdlet):
    """Adds a Mailbox server to a DAG; the first member forms the cluster (R-DAG-25)."""
    examples = (
        ("Add-DatabaseAvailabilityGroupServer -Identity DAG1 -MailboxServer MBX1",
         "This example adds MBX1 to DAG1; the first member forms the DAG's failover cluster."),
        ("Add-DatabaseAvailabilityGroupServer DAG1 MBX8",
         "This example adds MBX8 to DAG1, naming the DAG and the server by position."),
    )

    identity: Identity = param()
    mailbox_server: Identity = param()
    skip_dag_validation: bool = param(default=False, versions=SINCE_2013)
    domain_controller: str | None = param(ignored=DC_IGNORED)
    # Beta 1 took the DAG's address when the first member was added (R-DAG-46, seed 003).
    database_availability_group_ip_address: list[str] | None = param(
        type="IPAddress[]", name="DatabaseAvailabilityGroupIpAddress", versions=BETA)

    def process_record(self) -> None:
        dag = self.resolve_one(ids.dags, self.identity)
        server = self.resolve_one(ids.servers, self.mailbox_server)
        addresses = self.database_availability_group_ip_address
        add = AddServerToDag(dag.name, server.name, tuple(addresses) if addresses is not None else None,
                             skip_dag_validation=self.skip_dag_validation)
        text = f'Adding server "{server.name}" to database availability group "{dag.name}".'
        if self.change(add, server.name, text) is not None:
            self.world.advance(ADD_SERVER_SECONDS)      # R-TIMING-12: the cmdlet waits for the cluster


@cmdlet("Remove-DatabaseAvailabilityGroupServer", supports_should_process=True, confirm_impact="High",
        **EXCHANGE)
class RemoveDatabaseAvailabilityGroupServer(ExchangeCmdlet):
    """Removes a member; blocked while it hosts replicated copies (R-DAG-31), -ConfigurationOnly
    for an unreachable server (R-DAG-32)."""
    examples = (
        ("Remove-DatabaseAvailabilityGroupServer -Identity DAG1 -MailboxServer MBX2",
         "This example removes MBX2 from DAG1 and evicts it from the DAG's cluster."),
        ("Remove-DatabaseAvailabilityGroupServer DAG1 -MailboxServer MBX1 -ConfigurationOnly",
         "This example removes a failed MBX1 from the DAG object only, as after a datacenter switchover."),
    )

    identity: Identity = param()
    mailbox_server: Identity = param()
    configuration_only: bool = param(default=False)
    skip_dag_validation: bool = param(default=False, versions=SINCE_2013)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        dag = self.resolve_one(ids.dags, self.identity)
        server = self.resolve_one(ids.servers, self.mailbox_server)
        remove = RemoveServerFromDag(dag.name, server.name, self.configuration_only, self.skip_dag_validation)
        text = f'Removing server "{server.name}" from database availability group "{dag.name}".'
        if self.change(remove, server.name, text) is not None and not self.configuration_only:
            self.world.advance(REMOVE_SERVER_SECONDS)       # the task sleeps after the eviction
