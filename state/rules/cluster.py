"""Failover cluster rules (spec: CLUSTER): what the cluster API refuses an administrator.

Exchange's own reconfiguration (R-CLUSTER-2..6, R-CLUSTER-9..12) lives in state.reconfigure;
these are the checks behind the FailoverClusters cmdlets and cluster.exe."""

from __future__ import annotations

import ipaddress
import re
from typing import TYPE_CHECKING

from state.rules.base import rule

if TYPE_CHECKING:
    from state.model import Cluster, ClusterNetwork, ClusterNode, ClusterResource, DatabaseAvailabilityGroup, Server
    from state.world import World

RESOURCE_TYPES = ("IP Address", "IPv6 Address", "Network Name", "File Share Witness", "Generic Application",
                  "Generic Script", "Generic Service", "Physical Disk", "File Server")
CORE_RESOURCE_TYPES = ("Network Name", "File Share Witness")

R_CLUSTER_1_EXISTS = rule("R-CLUSTER-1", "InvalidOperation",
                          "A cluster resource named '{name}' already exists in cluster '{cluster}'.")
R_CLUSTER_1_TYPE = rule("R-CLUSTER-1", "InvalidArgument",
                        "The specified resource type '{type}' was not found on cluster '{cluster}'.")
R_CLUSTER_1_PARAMETER = rule("R-CLUSTER-1", "InvalidArgument",
                             "The value '{value}' isn't valid for parameter '{parameter}' of resource '{resource}'.")
R_CLUSTER_1_DEPENDENCY = rule("R-CLUSTER-1", "InvalidArgument",
                              "The dependency expression '{expression}' isn't valid for resource '{resource}'.")
R_CLUSTER_3 = rule("R-CLUSTER-3", "PermissionDenied",
                   "Failed to create the cluster name object '{dag}' in Active Directory on behalf of '{server}'. "
                   "Pre-stage a disabled computer account named '{dag}' and give '{server}' full control of it. "
                   "Error: Access is denied.")
R_CLUSTER_4_CORE = rule("R-CLUSTER-4", "InvalidOperation",
                        "Resource '{resource}' is a core cluster resource and can't be deleted.")
R_CLUSTER_7 = rule("R-CLUSTER-7", "InvalidArgument",
                   "The value '{role}' isn't a valid role for cluster network '{network}'. Valid values are "
                   "0 (None), 1 (Cluster) and 3 (ClusterAndClient).")
R_CLUSTER_8_REFERENCED = rule("R-CLUSTER-8", "InvalidOperation",
                              "The role of cluster network '{network}' can't be set to {role} because IP address "
                              "resource '{resource}' uses this network.")
R_CLUSTER_8_LAST = rule("R-CLUSTER-8", "InvalidOperation",
                        "Cluster network '{network}' is the only network left for cluster communication; its role "
                        "can't be set to 0.")
R_CLUSTER_8_ONLINE = rule("R-CLUSTER-8", "InvalidOperation",
                          "IP address resource '{resource}' can't be brought online: {reason}")
R_CLUSTER_14 = rule("R-CLUSTER-14", "InvalidOperation",
                    "Group '{group}' can't be moved to node '{node}': the node is {state}.")
R_CLUSTER_16 = rule("R-CLUSTER-16", "InvalidOperation",
                    "The cluster service is not running on cluster '{cluster}': the cluster has lost quorum. "
                    "Start the nodes or force quorum, then try again.")


def cluster_has_quorum(cluster: "Cluster") -> None:
    """R-CLUSTER-16: without quorum every cluster-dependent operation fails."""
    if not cluster.has_quorum:
        raise R_CLUSTER_16.violation(target=cluster.name, cluster=cluster.name)


def role_is_valid(network: "ClusterNetwork", role: int) -> None:
    """R-CLUSTER-7: 0, 1 and 3 only; 2 (client only) is not supported since Windows Server 2008."""
    if role not in (0, 1, 3):
        raise R_CLUSTER_7.violation(target=network.name, role=role, network=network.name)


def role_change_allowed(cluster: "Cluster", network: "ClusterNetwork", role: int) -> None:
    """R-CLUSTER-8: a network an IP resource uses keeps client access; the last network carrying
    cluster traffic can't be switched off."""
    if role in (0, 1) and role != network.role:
        for r in cluster.resources_of_type("IP Address"):
            if cluster.network_of(r) is network:
                raise R_CLUSTER_8_REFERENCED.violation(target=network.name, network=network.name, role=role,
                                                       resource=r.name)
    if role == 0 and network.role != 0 and not any(n.role != 0 for n in cluster.networks if n is not network):
        raise R_CLUSTER_8_LAST.violation(target=network.name, network=network.name)


def ip_can_come_online(cluster: "Cluster", resource: "ClusterResource") -> None:
    """R-CLUSTER-8: a virtual IP needs an address inside a cluster network with role 3 that the
    node owning its group is connected to (R-CLUSTER-5)."""
    address = resource.parameters.get("Address") or ""
    net = cluster.network_of(resource)
    group = cluster.group(resource.group)
    if not address or address == "0.0.0.0":
        reason = "it has no IP address."
    elif net is None:
        reason = f"no cluster network matches address {address}."
    elif not _inside(address, net.subnet):
        reason = f"address {address} isn't in the subnet of cluster network '{net.name}' ({net.subnet})."
    elif net.role != 3:
        reason = f"cluster network '{net.name}' doesn't allow client connections (role {net.role})."
    elif group is not None and group.owner_node not in net.interfaces:
        reason = f"node '{group.owner_node}' has no interface on cluster network '{net.name}'."
    else:
        return
    raise R_CLUSTER_8_ONLINE.violation(target=resource.name, resource=resource.name, reason=reason)


def _inside(address: str, subnet: str) -> bool:
    try:
        return ipaddress.ip_address(address) in ipaddress.ip_network(subnet, strict=False)
    except ValueError:
        return False


def resource_name_is_free(cluster: "Cluster", name: str) -> None:
    """R-CLUSTER-1: the emulator allows extra resources, with unique names."""
    if cluster.resource(name) is not None:
        raise R_CLUSTER_1_EXISTS.violation(target=name, name=name, cluster=cluster.name)


def resource_type_exists(cluster: "Cluster", type_: str) -> str:
    """R-CLUSTER-1: the resource types a 2008 R2 cluster has; returns the canonical spelling."""
    found = next((t for t in RESOURCE_TYPES if t.lower() == type_.lower()), None)
    if found is None:
        raise R_CLUSTER_1_TYPE.violation(target=type_, type=type_, cluster=cluster.name)
    return found


def resource_is_not_core(resource: "ClusterResource") -> None:
    """R-CLUSTER-4: the DAG's network name and witness can't be deleted by hand."""
    if resource.group.lower() == "cluster group" and resource.type in CORE_RESOURCE_TYPES:
        raise R_CLUSTER_4_CORE.violation(target=resource.name, resource=resource.name)


def parameter_value_is_valid(cluster: "Cluster", resource: "ClusterResource", name: str, value: str) -> None:
    """R-CLUSTER-1: IP Address private properties: addresses parse, Network names a cluster network."""
    if resource.type != "IP Address":
        return
    low = name.lower()
    ok = True
    if low in ("address", "subnetmask"):
        try:
            ipaddress.IPv4Address(value)
        except ValueError:
            ok = False
    elif low == "network":
        ok = cluster.network(value) is not None
    elif low in ("enabledhcp", "enablenetbios", "overrideaddressmatch"):
        ok = value in ("0", "1")
    if not ok:
        raise R_CLUSTER_1_PARAMETER.violation(target=value, value=value, parameter=name, resource=resource.name)


def parse_dependency(cluster: "Cluster", resource: "ClusterResource", expression: str) -> tuple[list[str], bool]:
    """R-CLUSTER-1: '[A] or [B]' / '[A] and [B]' / '' -> (names, and?); names must exist."""
    text = expression.strip()
    if not text:
        return [], False
    parts: list[str] = []
    joins: set[str] = set()
    rest = text
    while rest:
        if not rest.startswith("["):
            raise R_CLUSTER_1_DEPENDENCY.violation(target=expression, expression=expression, resource=resource.name)
        close = rest.find("]")
        if close < 0:
            raise R_CLUSTER_1_DEPENDENCY.violation(target=expression, expression=expression, resource=resource.name)
        parts.append(rest[1:close])
        rest = rest[close + 1:].strip()
        if rest:
            word, _, rest = rest.partition(" ")
            joins.add(word.lower())
            rest = rest.strip()
    if joins - {"or", "and"} or len(joins) > 1:
        raise R_CLUSTER_1_DEPENDENCY.violation(target=expression, expression=expression, resource=resource.name)
    names = []
    for part in parts:
        dep = cluster.resource(part)
        if dep is None or dep is resource:
            raise R_CLUSTER_1_DEPENDENCY.violation(target=expression, expression=expression, resource=resource.name)
        names.append(dep.name)
    return names, joins == {"and"}


def node_can_own_groups(node: "ClusterNode", group: str) -> None:
    """R-CLUSTER-14: only an Up node (not Paused, Down or Joining) can take a group."""
    if node.state != "Up":
        raise R_CLUSTER_14.violation(target=node.name, group=group, node=node.name, state=node.state.lower())


_CNO_MUST_BE_PRESTAGED = re.compile(r"20(1[2-9]|2\d)")
TRUSTED_SUBSYSTEM = "Exchange Trusted Subsystem"


def cno_can_be_made(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> None:
    """R-CLUSTER-3: the first member makes (or enables) the CNO of a DAG with an access point. On
    Windows Server 2012 and later it can't create one: the account must be pre-staged. A
    pre-staged account must give the first member (or Exchange Trusted Subsystem) full control."""
    if dag.servers or dag.ip_mode == "None":
        return
    account = world.computer_account(dag.name)
    if account is None:
        if _CNO_MUST_BE_PRESTAGED.search(server.os or ""):
            raise R_CLUSTER_3.violation(target=dag.name, dag=dag.name, server=server.name)
        return
    granted = {g.lower() for g in account.full_control}
    if not account.enabled and granted and not granted & {server.name.lower(), TRUSTED_SUBSYSTEM.lower()}:
        raise R_CLUSTER_3.violation(target=dag.name, dag=dag.name, server=server.name)
