"""FailoverClusters output objects (Windows Server 2008 R2 module): Cluster, ClusterNode,
ClusterNetwork, ClusterNetworkInterface, ClusterGroup, ClusterResource, ClusterParameter,
ClusterQuorumSettings. Each prints its name (ToString) and carries its cluster's name.

A record is a snapshot, except for the properties the real objects let a script assign:
``(Get-ClusterNetwork "Cluster Network 2").Role = 3`` writes through to the world
(``LiveRecord``); other properties are read-only, as on the real objects."""

from __future__ import annotations

import hashlib
import ipaddress
from typing import Any, Callable

from cmdlets.api.values import PSObject

NS = "Microsoft.FailoverClusters.PowerShell"
CLUSTER_TYPE = f"{NS}.Cluster"
NODE_TYPE = f"{NS}.ClusterNode"
NETWORK_TYPE = f"{NS}.ClusterNetwork"
INTERFACE_TYPE = f"{NS}.ClusterNetworkInterface"
GROUP_TYPE = f"{NS}.ClusterGroup"
RESOURCE_TYPE = f"{NS}.ClusterResource"
PARAMETER_TYPE = f"{NS}.ClusterParameter"
QUORUM_TYPE = f"{NS}.ClusterQuorumSettings"
_BASES = (f"{NS}.ClusterObject", "System.Object")

# (major, minor, build, CSDVersion) of each Windows Server release a node can run.
OS_VERSIONS = (("2022", (10, 0, 20348, "")), ("2019", (10, 0, 17763, "")), ("2016", (10, 0, 14393, "")),
               ("2012 R2", (6, 3, 9600, "")), ("2012", (6, 2, 9200, "")), ("2008 R2", (6, 1, 7601, "Service Pack 1")),
               ("2008", (6, 0, 6002, "Service Pack 2")))


def os_version(os_name: str) -> tuple[int, int, int, str]:
    return next((v for key, v in OS_VERSIONS if key in (os_name or "")), OS_VERSIONS[5][1])


class LiveRecord(PSObject):
    """A record whose own properties are assigned through ``writer(name, value) -> value``: the
    writer writes the settable ones through to the world and refuses the read-only ones."""

    __slots__ = ("writer", "owned")

    def __init__(self, *args: Any, writer: Callable[[str, Any], Any] | None = None, **kw: Any):
        self.writer = None
        super().__init__(*args, **kw)
        self.owned = frozenset(n.lower() for n in self.property_names())
        self.writer = writer

    def set(self, name: str, value: Any) -> None:
        if self.writer is not None and name.lower() in self.owned:   # members a script added are its own
            value = self.writer(self.real_name(name) or name, value)
        super().set(name, value)


def object_id(*parts: str) -> str:
    """A stable GUID for a cluster object (the real ones are fixed at creation)."""
    h = hashlib.sha1("|".join(p.lower() for p in parts).encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:32]}"


def _record(type_name: str, values: list[tuple[str, Any]], name: str, writer: Any = None) -> PSObject:
    if writer is None:
        return PSObject((type_name,) + _BASES, values, to_string=name)
    return LiveRecord((type_name,) + _BASES, values, to_string=name, writer=writer)


def cluster_record(world: Any, cluster: Any) -> PSObject:
    return _record(CLUSTER_TYPE, [
        ("Domain", world.domain.split(".")[0]), ("Name", cluster.name), ("Id", object_id(cluster.name)),
        ("QuorumType", cluster.quorum_type), ("DefaultNetworkRole", cluster.default_network_role),
        ("SameSubnetDelay", 1000), ("SameSubnetThreshold", 5), ("CrossSubnetDelay", 1000),
        ("CrossSubnetThreshold", 5), ("Description", ""),
    ], cluster.name)


def node_record(world: Any, cluster: Any, node: Any) -> PSObject:
    server = world.server(node.name)
    major, minor, build, csd = os_version(server.os if server is not None else "")
    index = cluster.node_id(node)
    return _record(NODE_TYPE, [
        ("Cluster", cluster.name), ("State", node.state), ("Id", str(index)), ("Name", node.name),
        ("NodeName", node.name), ("NodeHighestVersion", 400817), ("NodeLowestVersion", 400817),
        ("MajorVersion", major), ("MinorVersion", minor), ("BuildNumber", build), ("CSDVersion", csd),
        ("NodeInstanceId", object_id(cluster.name, node.name)), ("NodeWeight", node.votes), ("Description", ""),
    ] + ([("Type", "Node")] if world.version_at_least("2016") else []), node.name)


def network_record(world: Any, cluster: Any, net: Any, writer: Any = None) -> PSObject:
    ip = ipaddress.ip_network(net.subnet, strict=False)
    return _record(NETWORK_TYPE, [
        ("Cluster", cluster.name), ("State", net.state), ("Name", net.name),
        ("Ipv6Addresses", []), ("Ipv6PrefixLengths", []),
        ("Ipv4Addresses", [str(ip.network_address)]), ("Ipv4PrefixLengths", [ip.prefixlen]),
        ("Address", str(ip.network_address)), ("AddressMask", str(ip.netmask)), ("Description", ""),
        ("Role", net.role), ("AutoMetric", True), ("Metric", 1000 if net.role == 3 else 1100),
        ("Id", object_id(cluster.name, net.subnet)),
    ], net.name, writer)


def interface_name(world: Any, node: str, ip: str) -> tuple[str, str]:
    """(interface name, adapter name): ``nodea - Backup``."""
    server = world.server(node)
    adapter = next((n.name for n in server.nics if n.ip == ip), "Local Area Connection") if server else ""
    return f"{node} - {adapter}", adapter


def interface_record(world: Any, cluster: Any, net: Any, node: str, ip: str) -> PSObject:
    name, adapter = interface_name(world, node, ip)
    node_obj = cluster.node(node)
    state = "Up" if node_obj is not None and node_obj.state == "Up" and net.state == "Up" else "Failed"
    server = world.server(node)
    nic = next((n for n in server.nics if n.ip == ip), None) if server else None
    if nic is not None and not nic.up:
        state = "Failed"
    return _record(INTERFACE_TYPE, [
        ("Cluster", cluster.name), ("State", state), ("Network", net.name), ("Node", node), ("Adapter", adapter),
        ("Address", ip), ("DhcpEnabled", bool(nic.dhcp) if nic else False), ("Ipv6Addresses", []),
        ("Ipv4Addresses", [ip]), ("Name", name), ("Description", ""),
        ("AdapterId", object_id(node, adapter)), ("Id", object_id(cluster.name, node, ip)),
    ], name)


def group_record(world: Any, cluster: Any, group: Any) -> PSObject:
    core = group.name.lower() == "cluster group"
    return _record(GROUP_TYPE, [
        ("Cluster", cluster.name), ("IsCoreGroup", core), ("OwnerNode", group.owner_node), ("State", group.state),
        ("Name", group.name), ("Description", ""), ("PersistentState", 1), ("FailoverThreshold", 4294967295),
        ("FailoverPeriod", 6), ("AutoFailbackType", 0), ("FailbackWindowStart", 4294967295),
        ("FailbackWindowEnd", 4294967295), ("DefaultOwner", 4294967295), ("AntiAffinityClassNames", []),
        ("Id", object_id(cluster.name, group.name)),
    ], group.name)


_NETWORK_CLASS = ("IP Address", "IPv6 Address", "Network Name")


def resource_record(world: Any, cluster: Any, r: Any) -> PSObject:
    group = cluster.group(r.group)
    core = r.group.lower() == "cluster group" and r.owner == "exchange"
    return _record(RESOURCE_TYPE, [
        ("Cluster", cluster.name), ("IsCoreResource", core), ("IsNetworkClassResource", r.type in _NETWORK_CLASS),
        ("IsStorageClassResource", r.type == "Physical Disk"), ("OwnerNode", group.owner_node if group else ""),
        ("ResourceType", r.type), ("Characteristics", 0), ("MaintenanceMode", False), ("MonitorProcessId", 0),
        ("Name", r.name), ("OwnerGroup", r.group), ("State", r.state), ("Id", object_id(cluster.name, r.name)),
        ("Description", ""), ("PersistentState", 1 if r.state == "Online" else 0), ("RestartAction", 2),
        ("RestartThreshold", 1), ("RestartPeriod", 900000), ("RestartDelay", 500), ("PendingTimeout", 180000),
    ], r.name)


_UINT_PARAMETERS = {"enabledhcp", "enablenetbios", "overrideaddressmatch"}


def parameter_record(resource_name: str, name: str, value: Any) -> PSObject:
    kind = "UInt32" if name.lower() in _UINT_PARAMETERS or isinstance(value, int) else "String"
    return _record(PARAMETER_TYPE, [
        ("ClusterObject", resource_name), ("Name", name), ("IsReadOnly", False), ("ParameterType", kind),
        ("Value", value),
    ], name)


def quorum_record(world: Any, cluster: Any) -> PSObject:
    witness = next((r.name for r in cluster.resources if r.type == "File Share Witness"), None)
    return _record(QUORUM_TYPE, [
        ("Cluster", cluster.name), ("QuorumResource", witness), ("QuorumType", cluster.quorum_type),
    ], cluster.name)
