"""Hand edits to a DAG's failover cluster, as FailoverClusters cmdlets and cluster.exe make them.

None of these runs Exchange's reconciliation: a hand-set network role or a hand-added core IP
lasts until the Replication service's timer or the next integrated DAG cmdlet (R-CLUSTER-10..12,
R-BACKUP-7, D1). Cluster names are DAG names; resources, networks and nodes go by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import events as ev
from state.model import ClusterResource
from state.rules import cluster as rules
from state.transitions.base import Transition
from state.transitions.faults import SetServiceState

if TYPE_CHECKING:
    from state.model import Cluster
    from state.world import World

IP_DEFAULTS = {"Network": "", "Address": "", "SubnetMask": "", "EnableNetBIOS": 1, "OverrideAddressMatch": 0,
               "EnableDhcp": 0}


def _cluster(world: "World", name: str) -> "Cluster":
    return world.clusters[name.lower()]


@attrs.frozen
class SetClusterNetworkRole(Transition):
    """`(Get-ClusterNetwork X).Role = n` / `cluster network X /prop Role=n` (R-CLUSTER-7/8)."""

    cluster: str
    network: str
    role: int

    def check(self, world: "World") -> None:
        cluster = _cluster(world, self.cluster)
        rules.cluster_has_quorum(cluster)
        net = cluster.network(self.network)
        rules.role_is_valid(net, self.role)
        rules.role_change_allowed(cluster, net, self.role)

    def apply(self, world: "World") -> list[ev.Event]:
        net = _cluster(world, self.cluster).network(self.network)
        net.role = self.role
        return [ev.info(f"Cluster network '{net.name}' role set to {self.role} by hand.", "R-CLUSTER-7")]


@attrs.frozen
class AddClusterResource(Transition):
    """Add-ClusterResource / `cluster res X /create` (R-CLUSTER-1: allowed, marked hand-made)."""

    cluster: str
    name: str
    group: str
    type: str

    def check(self, world: "World") -> None:
        cluster = _cluster(world, self.cluster)
        rules.cluster_has_quorum(cluster)
        rules.resource_name_is_free(cluster, self.name)
        rules.resource_type_exists(cluster, self.type)

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        type_ = rules.resource_type_exists(cluster, self.type)
        params = dict(IP_DEFAULTS) if type_ == "IP Address" else {}
        group = cluster.group(self.group)
        cluster.resources.append(ClusterResource(self.name, type_, group=group.name, state="Offline",
                                                 parameters=params, owner="admin"))
        return [ev.info(f"Cluster resource '{self.name}' ({type_}) created in group '{group.name}'.", "R-CLUSTER-1")]


@attrs.frozen
class RemoveClusterResource(Transition):
    cluster: str
    name: str

    def check(self, world: "World") -> None:
        cluster = _cluster(world, self.cluster)
        rules.cluster_has_quorum(cluster)
        rules.resource_is_not_core(cluster.resource(self.name))

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        r = cluster.resource(self.name)
        cluster.resources.remove(r)
        for other in cluster.resources:
            other.dependencies = [d for d in other.dependencies if d.lower() != r.name.lower()]
        _settle_dependents(cluster)
        return [ev.info(f"Cluster resource '{r.name}' deleted.")]


@attrs.frozen
class SetClusterParameters(Transition):
    """Set-ClusterParameter [-Multiple] / `cluster res X /priv Name=Value ...`."""

    cluster: str
    resource: str
    values: tuple[tuple[str, str], ...]

    def check(self, world: "World") -> None:
        cluster = _cluster(world, self.cluster)
        rules.cluster_has_quorum(cluster)
        r = cluster.resource(self.resource)
        for name, value in self.values:
            rules.parameter_value_is_valid(cluster, r, name, value)

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        r = cluster.resource(self.resource)
        for name, value in self.values:
            real = next((k for k in r.parameters if k.lower() == name.lower()), name)
            if real == "Network":
                value = cluster.network(value).name
            r.parameters[real] = int(value) if isinstance(r.parameters.get(real), int) else value
        return [ev.info(f"Private properties of cluster resource '{r.name}' changed.")]


@attrs.frozen
class SetClusterResourceDependency(Transition):
    """Set-ClusterResourceDependency / `cluster res X /adddep:Y` (an OR list when added one by one)."""

    cluster: str
    resource: str
    expression: str
    add: bool = False            # cluster.exe /adddep: keep the existing list, append

    def check(self, world: "World") -> None:
        cluster = _cluster(world, self.cluster)
        rules.cluster_has_quorum(cluster)
        rules.parse_dependency(cluster, cluster.resource(self.resource), self.expression)

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        r = cluster.resource(self.resource)
        names, both = rules.parse_dependency(cluster, r, self.expression)
        if self.add:
            names = r.dependencies + [n for n in names if n not in r.dependencies]
            both = r.dependency_and
        r.dependencies, r.dependency_and = names, both
        _settle_dependents(cluster)
        return [ev.info(f"Dependencies of cluster resource '{r.name}' set to '{self.expression}'.")]


@attrs.frozen
class SetClusterResourceState(Transition):
    """Start-/Stop-ClusterResource, `cluster res X /online|/offline` (R-CLUSTER-8 for IPs)."""

    cluster: str
    resource: str
    online: bool

    def check(self, world: "World") -> None:
        cluster = _cluster(world, self.cluster)
        rules.cluster_has_quorum(cluster)
        r = cluster.resource(self.resource)
        if self.online and r.type == "IP Address":
            rules.ip_can_come_online(cluster, r)

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        r = cluster.resource(self.resource)
        if self.online and r.type != "IP Address" and r.dependencies:
            r.state = "Online" if _dependencies_met(cluster, r) else "Failed"
        else:
            r.state = "Online" if self.online else "Offline"
        _settle_dependents(cluster)
        return [ev.info(f"Cluster resource '{r.name}' is {r.state.lower()}.")]


def _dependencies_met(cluster: "Cluster", r: ClusterResource) -> bool:
    states = [cluster.resource(d).state == "Online" for d in r.dependencies if cluster.resource(d)]
    if not states:
        return True
    return all(states) if r.dependency_and else any(states)


def _settle_dependents(cluster: "Cluster") -> None:
    """A resource whose providers all went away goes offline (OR) / when one did (AND)."""
    for r in cluster.resources:
        if r.state == "Online" and r.dependencies and not _dependencies_met(cluster, r):
            r.state = "Offline"


@attrs.frozen
class SetClusterNodeState(Transition):
    """Start-/Stop-ClusterNode: the node's Cluster service (R-CLUSTER-13, quorum R-DAG-30)."""

    cluster: str
    node: str
    running: bool

    def check(self, world: "World") -> None:
        if not self.running:
            rules.cluster_has_quorum(_cluster(world, self.cluster))

    def apply(self, world: "World") -> list[ev.Event]:
        return SetServiceState(self.node, "ClusSvc", self.running).apply(world)
