"""The Windows failover cluster under a DAG: nodes, networks with roles, groups, resources.

Node names are lower case, as the cluster reports them (seed 003 interfaces)."""

from __future__ import annotations

import datetime as dt

from attrs import define, field

from state.model.network import in_subnet

CORE_GROUP = "Cluster Group"


@define(eq=False)
class ClusterNode:
    name: str                 # lower-case machine name
    state: str = "Up"         # Up | Down | Paused | Joining (R-CLUSTER-13)
    votes: int = 1
    id: int = 0               # the node id the cluster gave it when it joined (0 = not yet numbered)
    joining_until: dt.datetime | None = None   # while Joining: when the join completes (R-CLUSTER-13)


@define(eq=False)
class ClusterNetwork:
    """One per subnet found on the nodes (R-NET-1); role 0/1/3 (R-CLUSTER-7)."""

    name: str
    subnet: str
    role: int = 3
    state: str = "Up"
    interfaces: dict[str, str] = field(factory=dict)   # node name -> adapter IP


@define(eq=False)
class ClusterResource:
    name: str
    type: str                 # 'IP Address' | 'Network Name' | 'File Share Witness'
    group: str = CORE_GROUP
    state: str = "Online"     # Online | Offline | Failed
    dependencies: list[str] = field(factory=list)     # OR dependency for the network name
    parameters: dict[str, str] = field(factory=dict)
    owner: str = "exchange"   # 'exchange' (made by Exchange) | 'admin' (hand-added, R-CLUSTER-12)
    dependency_and: bool = False                      # [A] and [B] rather than [A] or [B]


@define(eq=False)
class ClusterGroup:
    name: str
    owner_node: str
    state: str = "Online"


@define(eq=False)
class Cluster:
    """One per DAG with members (R-CLUSTER-1), named like the DAG."""

    name: str
    nodes: list[ClusterNode] = field(factory=list)
    networks: list[ClusterNetwork] = field(factory=list)
    resources: list[ClusterResource] = field(factory=list)
    groups: list[ClusterGroup] = field(factory=list)
    quorum_type: str = "NodeMajority"       # | 'NodeAndFileShareMajority' (R-DAG-29)
    witness_path: str | None = None
    has_quorum: bool = True
    forced_quorum: bool = False
    default_network_role: int = 3
    name_offline_since: dt.datetime | None = None   # first timer run that saw the name offline (R-CLUSTER-19)

    def node_id(self, node: ClusterNode) -> int:
        """A node keeps its id for life; nodes added without one count on after the others."""
        if node.id:
            return node.id
        top = max((n.id for n in self.nodes), default=0)
        unnumbered = [n for n in self.nodes if not n.id]
        return top + 1 + (unnumbered.index(node) if node in unnumbered else len(unnumbered))

    def node(self, name: str) -> ClusterNode | None:
        return next((n for n in self.nodes if n.name == name.lower()), None)

    def group(self, name: str) -> ClusterGroup | None:
        return next((g for g in self.groups if g.name.lower() == name.lower()), None)

    @property
    def core_group(self) -> ClusterGroup:
        return self.group(CORE_GROUP)

    def network_for_subnet(self, subnet: str) -> ClusterNetwork | None:
        return next((n for n in self.networks if n.subnet == subnet), None)

    def resources_of_type(self, type_: str) -> list[ClusterResource]:
        return [r for r in self.resources if r.type == type_]

    def resource(self, name: str) -> ClusterResource | None:
        return next((r for r in self.resources if r.name.lower() == name.lower()), None)

    def network(self, name: str) -> ClusterNetwork | None:
        return next((n for n in self.networks if n.name.lower() == name.lower()), None)

    def network_of(self, resource: ClusterResource) -> ClusterNetwork | None:
        """The cluster network an IP Address resource sits on: its ``Network`` private property
        (a cluster network name), else the network whose subnet holds its ``Address``."""
        net = self.network(resource.parameters.get("Network") or "")
        if net is not None:
            return net
        address = resource.parameters.get("Address") or ""
        return next((n for n in self.networks if address and in_subnet(address, n.subnet)), None)

    def dependents(self, name: str) -> list[ClusterResource]:
        return [r for r in self.resources if any(d.lower() == name.lower() for d in r.dependencies)]
