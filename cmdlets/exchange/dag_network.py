"""DAG networks: New-/Set-/Get-/Remove-DatabaseAvailabilityGroupNetwork (R-NET-6..R-NET-12)."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.dag import network_record
from state.transitions import NewDagNetwork, RemoveDagNetwork, SetDagNetwork


@cmdlet("Get-DatabaseAvailabilityGroupNetwork", **EXCHANGE)
class GetDatabaseAvailabilityGroupNetwork(ExchangeCmdlet):
    """Lists DAG networks with live subnet and interface states (R-NET-7, R-NET-8)."""
    examples = (
        ("Get-DatabaseAvailabilityGroupNetwork",
         "This example lists the networks of every DAG with their subnets."),
        (r"Get-DatabaseAvailabilityGroupNetwork DAG1\DAGNetwork02 | Format-List",
         "This example shows every property of the second network of DAG1."),
    )

    identity: Identity | None = param()
    server: Identity | None = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        viewer = self.resolve_one(ids.servers, self.server).name if self.server is not None else None
        if self.identity is None:
            found = [n for dag in self.world.dags.values() for n in dag.networks]
        else:
            found = self.resolve(ids.networks, self.identity)
        for net in found:
            self.write_object(network_record(self.world, net, self.version, self.runspace_id(), viewer))


class NetworkSettings(ExchangeCmdlet):
    """What New- and Set-DatabaseAvailabilityGroupNetwork both read."""

    description: str | None = param()
    replication_enabled: bool | None = param()
    ignore_network: bool | None = param()
    subnets: list[Identity] | None = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)


@cmdlet("Set-DatabaseAvailabilityGroupNetwork", supports_should_process=True, **EXCHANGE)
class SetDatabaseAvailabilityGroupNetwork(NetworkSettings):
    """Renames, describes, enables/ignores a DAG network or moves subnets into it (R-NET-9..11)."""
    examples = (
        (r"Set-DatabaseAvailabilityGroupNetwork -Identity DAG1\DAGNetwork01 -ReplicationEnabled:$false",
         "This example keeps log shipping and seeding off the first network of DAG1."),
        (r"Set-DatabaseAvailabilityGroupNetwork DAG1\DAGNetwork02 -IgnoreNetwork:$true",
         "This example makes the DAG ignore its second network, such as a backup network."),
    )

    identity: Identity = param()
    new_name: str | None = param(name="Name")      # `name` is the command name on Cmdlet

    def process_record(self) -> None:
        net = self.resolve_single(ids.networks, self.identity)
        if self.is_bound("Name") and self.new_name is None:
            self.new_name = ""                      # -Name $null reaches the task as an empty name
        change = SetDagNetwork(net.dag, net.name, self.new_name, self.description, self.replication_enabled,
                               self.ignore_network, subnet_texts(self.subnets))
        self.change(change, net.identity, f'Configuring database availability group network "{net.identity}".')


def subnet_texts(subnets: list[Identity] | None) -> tuple[str, ...] | None:
    """DatabaseAvailabilityGroupSubnetId values as the 'address/prefix' strings the world keeps."""
    return tuple(str(s) for s in subnets) if subnets is not None else None


@cmdlet("New-DatabaseAvailabilityGroupNetwork", supports_should_process=True, **EXCHANGE)
class NewDatabaseAvailabilityGroupNetwork(NetworkSettings):
    """Creates a DAG network, taking the named subnets from the networks that hold them (R-NET-11)."""
    examples = (
        ("New-DatabaseAvailabilityGroupNetwork -DatabaseAvailabilityGroup DAG1 -Name Replication -Subnets "
         "10.0.1.0/24 -ReplicationEnabled:$true",
         "This example creates a replication network for DAG1 that carries the 10.0.1.0/24 subnet."),
    )

    network_name: str = param(name="Name")          # `name` is the command name on Cmdlet
    database_availability_group: Identity = param()

    def process_record(self) -> None:
        dag = self.resolve_one(ids.dags, self.database_availability_group)
        self.network_name = self.network_name or ""     # -Name $null reaches the task as an empty name
        new = NewDagNetwork(dag.name, self.network_name, self.description, self.replication_enabled,
                            self.ignore_network, subnet_texts(self.subnets))
        identity = f"{dag.name}\\{self.network_name}"
        if self.change(new, identity, f'Creating database availability group network "{identity}".') is not None:
            net = dag.network(self.network_name)
            self.write_object(network_record(self.world, net, self.version, self.runspace_id()))


@cmdlet("Remove-DatabaseAvailabilityGroupNetwork", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class RemoveDatabaseAvailabilityGroupNetwork(ExchangeCmdlet):
    """Removes a DAG network that no longer has subnets (R-NET-12)."""
    examples = (
        (r"Remove-DatabaseAvailabilityGroupNetwork -Identity DAG1\Replication",
         "This example removes the network Replication from DAG1 once it has no subnets left."),
    )

    identity: Identity = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        net = self.resolve_single(ids.networks, self.identity)
        self.change(RemoveDagNetwork(net.dag, net.name), net.identity,
                    f'Removing database availability group network "{net.identity}".')
