"""Hand edits to a DAG's failover cluster, as FailoverClusters cmdlets and cluster.exe make them.

None of these runs Exchange's reconciliation: a hand-set network role or a hand-added core IP
lasts until the Replication service's timer or the next integrated DAG cmdlet (R-CLUSTER-10..12,
R-BACKUP-7, D1). Cluster names are DAG names; resources, networks and nodes go by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import active_manager, events as ev, reconfigure
from state.model import ClusterResource
from state.model.cluster import CORE_GROUP
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
            if real == "Network" and r.type == "IP Address":     # checked to name a cluster network
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
    """Start-/Stop-ClusterNode: the node's Cluster service (R-CLUSTER-13, quorum R-DAG-30).
    ``force_quorum``: Start-ClusterNode -ForceQuorum / net start clussvc /forcequorum
    (R-CLUSTER-17): the cluster runs with the nodes present and ignores the missing votes."""

    cluster: str
    node: str
    running: bool
    force_quorum: bool = False

    def check(self, world: "World") -> None:
        if not self.running:
            rules.cluster_has_quorum(_cluster(world, self.cluster))

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        out = []
        if self.force_quorum:
            cluster.forced_quorum = True
            out.append(ev.warning(f"Cluster '{cluster.name}' was started with forced quorum.", "R-CLUSTER-17"))
        return out + SetServiceState(self.node, "ClusSvc", self.running).apply(world)


@attrs.frozen
class SuspendClusterNode(Transition):
    """Suspend-/Resume-ClusterNode: a paused node keeps its vote but can't own the core group,
    so the PAM moves off it (R-CLUSTER-14)."""

    cluster: str
    node: str
    paused: bool

    def check(self, world: "World") -> None:
        rules.cluster_has_quorum(_cluster(world, self.cluster))

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        node = cluster.node(self.node)
        if self.paused and node.state == "Up":
            node.state = "Paused"
        elif not self.paused and node.state == "Paused":
            node.state = "Up"
        out = [ev.info(f"Cluster node '{node.name}' is {node.state.lower()}.", "R-CLUSTER-14")]
        dag = world.dag(cluster.name)
        return out + (active_manager.move_pam(world, dag) if dag is not None else [])


@attrs.frozen
class MoveClusterGroup(Transition):
    """Move-ClusterGroup: "Cluster Group" to another node moves the PAM; its IP and DNS follow
    (R-CLUSTER-5, R-CLUSTER-14). ``node`` None = the next Up node."""

    cluster: str
    group: str
    node: str | None = None

    def _target(self, world: "World") -> str | None:
        cluster = _cluster(world, self.cluster)
        if self.node is not None:
            return self.node.lower()
        owner = cluster.group(self.group).owner_node
        names = [n.name for n in cluster.nodes]
        ordered = names[names.index(owner) + 1:] + names[:names.index(owner)] if owner in names else names
        return next((n for n in ordered if cluster.node(n).state == "Up"), None)

    def check(self, world: "World") -> None:
        cluster = _cluster(world, self.cluster)
        rules.cluster_has_quorum(cluster)
        target = self._target(world)
        if target is not None:
            rules.node_can_own_groups(cluster.node(target), cluster.group(self.group).name)

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        group = cluster.group(self.group)
        target = self._target(world)
        if target is None or target == group.owner_node:
            return []
        group.owner_node = target
        dag = world.dag(cluster.name)
        if dag is not None and group.name.lower() == CORE_GROUP.lower():
            reconfigure.reconcile_core_resources(world, dag, integrated=False)
            return [ev.info(f"Server '{world.server(target).name}' is now the primary active manager of "
                            f"'{dag.name}'.", "R-CLUSTER-14")]
        return [ev.info(f"Group '{group.name}' moved to node '{target}'.")]


@attrs.frozen
class EvictClusterNode(Transition):
    """Remove-ClusterNode / `cluster node X /evict` (R-CLUSTER-17): the node leaves the cluster
    (its votes with it) but stays a DAG member in the directory; the PAM moves off it."""

    cluster: str
    node: str

    def check(self, world: "World") -> None:
        rules.cluster_has_quorum(_cluster(world, self.cluster))

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        name = self.node.lower()
        cluster.nodes = [n for n in cluster.nodes if n.name != name]
        for net in cluster.networks:
            net.interfaces.pop(name, None)
        out = [ev.info(f"Node '{name}' evicted from cluster '{cluster.name}'.", "R-CLUSTER-17")]
        dag = world.dag(cluster.name)
        if dag is None:
            return out
        dag.evicted_servers = sorted(set(dag.evicted_servers) | {name})
        reconfigure.recompute_quorum(world, dag)
        if cluster.core_group.owner_node == name:
            up = [n for n in cluster.nodes if n.state == "Up"]
            if up:
                cluster.core_group.owner_node = up[0].name
                reconfigure.reconcile_core_resources(world, dag, integrated=False)
        return out + active_manager.move_pam(world, dag)


@attrs.frozen
class SetQuorumModel(Transition):
    """`cluster <DAG> /quorum /nodemajority` (R-CLUSTER-17): the model an admin sets by hand
    during a datacenter switchover; Set-DatabaseAvailabilityGroup re-applies parity (R-DAG-38)."""

    cluster: str
    quorum_type: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        cluster = _cluster(world, self.cluster)
        cluster.quorum_type = self.quorum_type
        if self.quorum_type == "NodeMajority":
            cluster.resources = [r for r in cluster.resources if r.type != reconfigure.FSW_RESOURCE]
            cluster.witness_path = None
        dag = world.dag(cluster.name)
        if dag is not None:
            reconfigure.recompute_quorum(world, dag)
        return [ev.info(f"Quorum model of cluster '{cluster.name}' set to {self.quorum_type}.", "R-CLUSTER-17")]
