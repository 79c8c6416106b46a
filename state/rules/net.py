"""DAG network rules (spec: NET)."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from state import events as ev
from state.rules.base import rule

if TYPE_CHECKING:
    from state.model import DatabaseAvailabilityGroup, DagNetwork, Server
    from state.world import World

R_NET_1_EMPTY = rule("R-NET-1", "InvalidArgument",
                     "Database availability group '{dag}' has no member servers. DAG networks can be created only "
                     "after a Mailbox server has been added to it.")
R_NET_9_NAME = rule("R-NET-9", "InvalidArgument",
                    "The DAG network name '{name}' is already used in database availability group '{dag}' or is longer than 128 characters.")
R_NET_9_EMPTY = rule("R-NET-9", "InvalidArgument", "A DAG network name can't be empty.")
R_NET_9_DESCRIPTION = rule("R-NET-9", "InvalidArgument",
                           "The description is longer than 256 characters.")
R_NET_10 = rule("R-NET-10", "InvalidOperation",
                "Network configuration for database availability group '{dag}' is managed automatically. Set "
                "ManualDagNetworkConfiguration to $true before changing DAG networks.")
R_NET_9_SUBNET = rule("R-NET-9", "InvalidArgument",
                      "'{value}' isn't a valid subnet. Specify a subnet as address/prefix length, for example 10.0.1.0/24.")
R_NET_9_DUPLICATE = rule("R-NET-9", "InvalidArgument",
                         "The subnet '{value}' appears more than once in the list (as '{other}'). Specify each subnet once.")
R_NET_9_CONFLICT = rule("R-NET-9", "InvalidArgument",
                        "The subnet '{value}' conflicts with the existing subnet '{existing}'.")
R_NET_11_UNKNOWN = rule("R-NET-11", "Warning",
                        "The subnet '{subnet}' wasn't found on any member of the database availability group.")
R_NET_11_MOVING = rule("R-NET-11", "Verbose", "Subnet '{subnet}' is moving from DAG network '{source}' to '{target}'.")
R_NET_17_INCONSISTENT = rule("R-NET-17", "InvalidArgument",
                             "A DAG network can't be ignored and enabled for replication at the same time.")
R_NET_14_ALL_DISABLED = rule("R-NET-14", "Warning",
                             "Replication is disabled on every DAG network of database availability group '{dag}'. "
                             "Log shipping and seeding will use the MAPI network.")
R_NET_12 = rule("R-NET-12", "InvalidOperation",
                "DAG network '{network}' can't be removed because it still has subnets.")


def network_name_is_free(dag: "DatabaseAvailabilityGroup", network: "DagNetwork | None", name: str) -> None:
    """R-NET-9: names are not empty, at most 128 characters and unique within the DAG."""
    if not name.strip():
        raise R_NET_9_EMPTY.violation(target=name)
    other = dag.network(name)
    if len(name) > 128 or (other is not None and other is not network):
        raise R_NET_9_NAME.violation(target=name, name=name, dag=dag.name)


def description_fits(description: str | None) -> None:
    """R-NET-9: Description at most 256 characters."""
    if description is not None and len(description) > 256:
        raise R_NET_9_DESCRIPTION.violation(target=description)


def manual_network_configuration(world: "World", dag: "DatabaseAvailabilityGroup") -> None:
    """R-NET-10: [2013+] network writes need ManualDagNetworkConfiguration $true."""
    if world.version_at_least("2013") and not dag.manual_dag_network_configuration:
        raise R_NET_10.violation(target=dag.name, dag=dag.name)


# R-NET-13: supportability findings, written as warnings by Add-DatabaseAvailabilityGroupServer.
R_NET_13_COUNT = rule("R-NET-13", "Warning",
                      "Server '{server}' has {count} network adapters, but the other members of database availability "
                      "group '{dag}' have {other}. Each member of a database availability group should have the same "
                      "number of networks.")
R_NET_13_SUBNET = rule("R-NET-13", "Warning",
                       "Network adapters '{first}' and '{second}' on server '{server}' are on the same subnet {subnet}. "
                       "Only '{first}' will be used by the cluster.")
R_NET_13_GATEWAY = rule("R-NET-13", "Warning",
                        "Network adapter '{nic}' on server '{server}' isn't on the MAPI network but has a default "
                        "gateway. Only the MAPI network adapter should have a default gateway.")


def subnets_are_valid(subnets: "tuple[str, ...] | None") -> tuple[str, ...] | None:
    """R-NET-9: every subnet is address/prefix (IPv4 or IPv6), each named once; returned in
    canonical form."""
    if subnets is None:
        return None
    out: list[str] = []
    for value in subnets:
        try:
            if "/" not in value:
                raise ValueError(value)
            subnet = str(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise R_NET_9_SUBNET.violation(target=value, value=value) from None
        if subnet in out:
            other = subnets[out.index(subnet)]
            raise R_NET_9_DUPLICATE.violation(target=value, value=value, other=other)
        out.append(subnet)
    return tuple(out)


def subnets_fit_known_ones(dag: "DatabaseAvailabilityGroup", subnets: "tuple[str, ...] | None") -> None:
    """R-NET-9: a subnet that overlaps a known subnet must be exactly that subnet."""
    for subnet in subnets or ():
        new = ipaddress.ip_network(subnet)
        for known in (s for net in dag.networks for s in net.subnet_ids):
            old = ipaddress.ip_network(known)
            if old != new and old.version == new.version and old.overlaps(new):
                raise R_NET_9_CONFLICT.violation(target=subnet, value=subnet, existing=known)


def flags_are_consistent(replication_enabled: bool | None, ignore_network: bool | None) -> None:
    """R-NET-17: ignoring a network and enabling replication on it, together, is refused."""
    if ignore_network and replication_enabled:
        raise R_NET_17_INCONSISTENT.violation(target="IgnoreNetwork")


def implied_flags(replication_enabled: bool | None, ignore_network: bool | None) -> tuple[bool | None, bool | None]:
    """R-NET-17: enabling replication un-ignores the network; ignoring it disables replication."""
    if replication_enabled is not None and ignore_network is None and replication_enabled:
        return True, False
    if ignore_network is not None and replication_enabled is None and ignore_network:
        return False, True
    return replication_enabled, ignore_network


def subnet_events(dag: "DatabaseAvailabilityGroup", target: str, subnets: tuple[str, ...]) -> list[ev.Event]:
    """R-NET-11: a warning for a subnet no network knows, a verbose line for each one that moves."""
    out = []
    for subnet in subnets:
        holder = dag.network_for_subnet(subnet)
        if holder is None:
            out.append(ev.warning(R_NET_11_UNKNOWN.message(subnet=subnet), "R-NET-11"))
        elif holder.name.lower() != target.lower():
            text = R_NET_11_MOVING.message(subnet=subnet, source=holder.name, target=target)
            out.append(ev.Event(ev.VERBOSE, text, "R-NET-11"))
    return out


def all_networks_disabled(dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-NET-14: a warning when no DAG network is left enabled for replication."""
    if dag.networks and not any(n.replication_enabled for n in dag.networks):
        return [ev.warning(R_NET_14_ALL_DISABLED.message(dag=dag.name), "R-NET-14")]
    return []


def dag_has_members_for_networks(dag: "DatabaseAvailabilityGroup") -> None:
    """R-NET-1: networks come from the members' adapters; an empty DAG can't get one by hand."""
    if not dag.servers:
        raise R_NET_1_EMPTY.violation(target=dag.name, dag=dag.name)


def network_write_is_valid(world: "World", dag: "DatabaseAvailabilityGroup", network: "DagNetwork | None",
                           name: str | None, description: str | None, subnets: "tuple[str, ...] | None") -> None:
    """R-NET-9/R-NET-10: what New- and Set-DatabaseAvailabilityGroupNetwork both check."""
    manual_network_configuration(world, dag)
    if name is not None:
        network_name_is_free(dag, network, name)
    description_fits(description)
    subnets_fit_known_ones(dag, subnets_are_valid(subnets))


def network_has_no_subnets(world: "World", network: "DagNetwork") -> None:
    """R-NET-12: a DAG network still holding a subnet in use can't be removed; as the task does,
    subnets no member is on (state Unknown) don't count."""
    if any(s.state != "Unknown" for s in world.dag_network_subnets(network)):
        raise R_NET_12.violation(target=network.identity, network=network.identity)


def topology_warnings(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> list[ev.Event]:
    """R-NET-13: same number of networks on every member, one adapter per subnet, a default
    gateway only on the MAPI adapter. Never refused: the real product does not block them."""
    out = []
    others = [m for m in world.members(dag) if m is not server]
    counts = sorted({len(m.nics) for m in others})
    if others and len(server.nics) not in counts:
        out.append(ev.warning(R_NET_13_COUNT.message(server=server.name, count=len(server.nics), dag=dag.name,
                                                     other=counts[0]), "R-NET-13"))
    seen: dict[str, str] = {}
    for nic in server.nics:
        if nic.subnet in seen:
            out.append(ev.warning(R_NET_13_SUBNET.message(first=seen[nic.subnet], second=nic.name,
                                                          server=server.name, subnet=nic.subnet), "R-NET-13"))
        seen.setdefault(nic.subnet, nic.name)
        if nic.gateway and not nic.is_mapi:
            out.append(ev.warning(R_NET_13_GATEWAY.message(nic=nic.name, server=server.name), "R-NET-13"))
    return out
