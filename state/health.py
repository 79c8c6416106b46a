"""Live views the Get-* cmdlets show: DAG -Status values (R-DAG-43), DAG network subnet and
interface states (R-NET-7, R-NET-8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import active_manager as am
from state.model import DagNetworkInterface, DagNetworkSubnet

if TYPE_CHECKING:
    from state.model import DagNetwork, DatabaseAvailabilityGroup
    from state.world import World


@attrs.frozen
class DagStatus:
    """What ``Get-DatabaseAvailabilityGroup -Status`` adds (R-DAG-43). Without -Status the
    cmdlet shows OperationalServers/PrimaryActiveManager blank and ReplicationPort 0."""

    operational_servers: tuple[str, ...]
    primary_active_manager: str | None
    replication_port: int
    network_names: tuple[str, ...]
    witness_share_in_use: str | None

    @property
    def controlling_active_manager(self) -> str | None:
        return self.primary_active_manager          # Beta 1 name (R-DAG-46)


def dag_status(world: "World", dag: "DatabaseAvailabilityGroup") -> DagStatus:
    cluster = world.cluster_of(dag)
    if cluster is None:
        return DagStatus((), None, dag.replication_port, (), None)
    up = tuple(world.server(n.name).name for n in cluster.nodes if n.state == "Up")
    in_use = (dag.witness_in_use or "Primary") if cluster.quorum_type == "NodeAndFileShareMajority" else "None"
    return DagStatus(tuple(reversed(up)) if cluster.has_quorum else (), am.pam(world, dag),
                     dag.replication_port, tuple(n.name for n in dag.networks), in_use)


def interface_state(world: "World", server_name: str, subnet: str, viewer: str | None = None) -> tuple[str, str]:
    """An adapter's state; seen from ``viewer`` (Get-DatabaseAvailabilityGroupNetwork -Server,
    R-NET-7), another node's adapter is Unreachable when the viewer has no working adapter on
    that subnet."""
    server = world.server(server_name)
    nic = server.nic_on(subnet)
    if nic is None:
        return "Unknown", ""
    if not server.is_up:
        return "Unreachable", nic.ip
    state = "Up" if nic.up else "Failed"
    seer = world.server(viewer) if viewer else None
    if state == "Up" and seer is not None and seer is not server:
        own = seer.nic_on(subnet)
        if own is None or not own.up or not seer.is_up:
            state = "Unreachable"
    return state, nic.ip


def dag_network_interfaces(world: "World", net: "DagNetwork", viewer: str | None = None) -> list[DagNetworkInterface]:
    """R-NET-7: one interface per member adapter in the network's subnets, node name lower case."""
    dag = world.dag(net.dag)
    out = []
    for name in reversed(dag.servers):
        for subnet in net.subnet_ids:
            server = world.server(name)
            if server.nic_on(subnet) is not None:
                state, ip = interface_state(world, name, subnet, viewer)
                out.append(DagNetworkInterface(server.name.lower(), state, ip))
    return out


def dag_network_subnets(world: "World", net: "DagNetwork", viewer: str | None = None) -> list[DagNetworkSubnet]:
    """R-NET-8: Up / Down / Partitioned / Unavailable per subnet; Misconfigured when the members
    disagree about the subnet's role (R-NET-5)."""
    from state.reconfigure import misconfigured_subnets
    dag = world.dag(net.dag)
    misconfigured = misconfigured_subnets(world, dag)
    out = []
    for subnet in net.subnet_ids:
        states = [interface_state(world, n, subnet, viewer)[0] for n in dag.servers if world.server(n).nic_on(subnet)]
        if subnet in misconfigured:
            state = "Misconfigured"
        elif net.ignore_network:
            state = "Unavailable"
        elif not states:
            state = "Unknown"
        elif all(s == "Up" for s in states):
            state = "Up"
        elif all(s in ("Failed", "Unreachable") for s in states):
            state = "Down"
        elif sum(s == "Up" for s in states) >= 2:
            state = "Partitioned"
        else:
            state = "Down"
        out.append(DagNetworkSubnet(subnet, state))
    return out
