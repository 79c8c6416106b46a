"""The FailoverClusters cmdlets an Exchange admin reaches for (Windows Server 2008 R2 module).

Reads: Get-Cluster, Get-ClusterNode, Get-ClusterNetwork, Get-ClusterNetworkInterface,
Get-ClusterGroup, Get-ClusterResource, Get-ClusterParameter, Get-ClusterQuorum.
Writes (hand edits, R-CLUSTER-1/7/8; none triggers Exchange's reconciliation): Add-/Remove-
ClusterResource, Set-ClusterParameter, Set-ClusterResourceDependency, Start-/Stop-ClusterResource,
Start-/Stop-ClusterNode, and assigning ClusterNetwork.Role (records.LiveRecord)."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.errors import CmdletError, ErrorRecord
from cmdlets.api.parameters import param
from cmdlets.cluster import records as rec
from cmdlets.exchange.identity import matches
from cmdlets.cluster.base import ISLAND_READ_ONLY, ClusterCmdlet, TargetedCmdlet
from state import RuleViolation
from state.model.cluster import CORE_GROUP
from state.transitions import (AddClusterResource, EvictClusterNode, MoveClusterGroup, RemoveClusterResource,
                               SetClusterNetworkRole, SetClusterNodeState, SetClusterParameters,
                               SetClusterResourceDependency, SetClusterResourceState, SuspendClusterNode)


SET_VALUE_EXCEPTION = "System.Management.Automation.SetValueInvocationException"


@cmdlet("Get-Cluster", task_class="GetClusterCommand")
class GetCluster(ClusterCmdlet):
    """Gets the failover cluster: the local one, a named one, or every cluster in a domain."""
    examples = (
        ("Get-Cluster",
         "This example shows the failover cluster of the DAG this server belongs to."),
        ("Get-Cluster -Name DAG1 | Format-List *",
         "This example shows every property of the cluster DAG1."),
    )

    cluster_name: str | None = param("String", position=0, name="Name")
    domain: str | None = param("String")
    input_object: Any = param("PSObject", pipeline=True)

    def process_record(self) -> None:
        if self.domain is not None:
            for c in self.world.clusters.values():
                self.write_object(rec.cluster_record(self.world, c))
            return
        if self.cluster_name:
            self.cluster = self.cluster_name
        self.write_object(rec.cluster_record(self.world, self.connect()))


@cmdlet("Get-ClusterNode", task_class="GetNodeCommand")
class GetClusterNode(TargetedCmdlet):
    """Gets the cluster's nodes and their states (R-CLUSTER-13)."""
    examples = (
        ("Get-ClusterNode",
         "This example lists the nodes of the local cluster and their states."),
        ("Get-ClusterNode -Cluster DAG1 -Name MBX2",
         "This example shows the state of node MBX2 of the cluster DAG1."),
    )

    names: list[str] | None = param("StringCollection", position=0, name="Name")

    def process_record(self) -> None:
        c = self.connect()
        for node in self.pick(c.nodes, self.names, "node"):
            self.write_object(rec.node_record(self.world, c, node))


def _setter_error(message: str, category: str, error_id: str, exception: str, rule_id: str = "") -> CmdletError:
    """A property assignment that fails: a language error (no command), as PowerShell reports it."""
    return CmdletError(ErrorRecord(message=message, category=category, error_id=error_id,
                                   exception_type=exception, rule_id=rule_id, terminating=True))


def _role_writer(cmd: ClusterCmdlet, cluster: Any, network: Any):
    """ClusterNetwork.Role assignment: converts, checks (R-CLUSTER-7/8), writes through."""
    world = cmd.world

    def write(name: str, value: Any) -> Any:
        if name.lower() != "role":
            raise _setter_error(f"'{name}' is a ReadOnly property.", "InvalidOperation",
                                "PropertyAssignmentException", "System.Management.Automation.RuntimeException")
        try:
            role = int(str(value).strip())
        except ValueError:
            raise _setter_error(
                f'Exception setting "Role": "Cannot convert value "{value}" to type "System.UInt32". Error: '
                '"Input string was not in a correct format.""', "NotSpecified", "ExceptionWhenSetting",
                SET_VALUE_EXCEPTION) from None
        live = world.clusters.get(cluster.name.lower())
        if cmd.island:                                      # a cut-off side's own cluster (read-only)
            raise _setter_error(f'Exception setting "Role": "{ISLAND_READ_ONLY.format(cluster=cluster.name)}"',
                                "NotSpecified", "ExceptionWhenSetting", SET_VALUE_EXCEPTION)
        if live is None or live.network(network.name) is None:
            raise _setter_error(f'Exception setting "Role": "An error occurred opening network \'{network.name}\'."',
                                "NotSpecified", "ExceptionWhenSetting", SET_VALUE_EXCEPTION)
        try:
            world.commit(SetClusterNetworkRole(cluster.name, network.name, role))
        except RuleViolation as violation:
            raise _setter_error(f'Exception setting "Role": "{violation.message}"', "NotSpecified",
                                "ExceptionWhenSetting", SET_VALUE_EXCEPTION, violation.rule_id) from None
        return role

    return write


@cmdlet("Get-ClusterNetwork", task_class="GetNetworkCommand")
class GetClusterNetwork(TargetedCmdlet):
    """Gets cluster networks; the Role property can be assigned (R-CLUSTER-7..10)."""
    synopsis = "Gets the networks of a failover cluster."
    examples = (
        ("Get-ClusterNetwork",
         "This example lists the networks of the local cluster with their state."),
        ("Get-ClusterNetwork | Format-Table Name,Role,Address,AddressMask",
         "This example shows the subnet and role of each cluster network."),
    )

    names: list[str] | None = param("StringCollection", position=0, name="Name")

    def process_record(self) -> None:
        c = self.connect()
        for net in self.pick(c.networks, self.names, "network"):
            self.write_object(rec.network_record(self.world, c, net, _role_writer(self, c, net)))


@cmdlet("Get-ClusterNetworkInterface", task_class="GetNetworkInterfaceCommand")
class GetClusterNetworkInterface(TargetedCmdlet):
    """Gets each node's adapter on each cluster network."""
    examples = (
        ("Get-ClusterNetworkInterface",
         "This example lists every node's adapter on every cluster network."),
        ("Get-ClusterNetworkInterface -Node MBX1",
         "This example lists the cluster network adapters of MBX1."),
    )

    names: list[str] | None = param("StringCollection", position=0, name="Name")
    node: list[str] | None = param("StringCollection")
    network: list[str] | None = param("StringCollection")

    def process_record(self) -> None:
        c = self.connect()
        kind = self.input_kind()
        nodes, networks = self.strings(self.node), self.strings(self.network)
        if kind is not None and kind[0] == rec.NODE_TYPE:
            nodes = [kind[1]]
        elif kind is not None and kind[0] == rec.NETWORK_TYPE:
            networks = [kind[1]]
        items = []
        for node in c.nodes:
            for net in c.networks:
                ip = net.interfaces.get(node.name)
                if ip is None:
                    continue
                if nodes and not any(matches(n, node.name) for n in nodes):
                    continue
                if networks and not any(matches(n, net.name) for n in networks):
                    continue
                items.append((rec.interface_name(self.world, node.name, ip)[0], net, node.name, ip))
        names = set()
        patterns = self.strings(self.names)
        if patterns:
            for pattern in patterns:
                found = [i for i in items if matches(pattern, i[0])]
                if not found and not any(ch in pattern for ch in "*?"):
                    self.not_found("network interface", pattern)
                names |= {i[0] for i in found}
        for name, net, node, ip in items:
            if not patterns or name in names:
                self.write_object(rec.interface_record(self.world, c, net, node, ip))


@cmdlet("Get-ClusterGroup", task_class="GetClusterGroupCommand")
class GetClusterGroup(TargetedCmdlet):
    """Gets cluster groups (the DAG's cluster has only "Cluster Group", R-CLUSTER-1)."""
    synopsis = "Gets the resource groups of a failover cluster."
    examples = (
        ("Get-ClusterGroup",
         "This example lists the groups of the local cluster, their owner nodes and states."),
        ("Get-ClusterGroup 'Cluster Group' | Get-ClusterResource",
         "This example lists the resources of the core cluster group."),
    )

    names: list[str] | None = param("StringCollection", position=0, name="Name")

    def process_record(self) -> None:
        c = self.connect()
        groups = c.groups
        kind = self.input_kind()
        if kind is not None and kind[0] == rec.NODE_TYPE:
            groups = [g for g in groups if g.owner_node == kind[1].lower()]
        for g in self.pick(groups, self.names, "group"):
            self.write_object(rec.group_record(self.world, c, g))


class ResourceCmdlet(TargetedCmdlet):
    """Resolves resources by -Name, or the piped resource (-InputObject)."""

    def resources(self, c: Any, names: list[str] | None) -> list[Any]:
        kind = self.input_kind()
        pool = c.resources
        if kind is not None and kind[0] == rec.RESOURCE_TYPE:
            if not names:
                found = c.resource(kind[1])
                if found is None:
                    self.not_found("resource", kind[1])
                return [found]
        elif kind is not None and kind[0] == rec.GROUP_TYPE:
            pool = [r for r in c.resources if r.group.lower() == kind[1].lower()]
        return self.pick(pool, names, "resource")

    def write_resource(self, c: Any, r: Any) -> None:
        self.write_object(rec.resource_record(self.world, c, r))


@cmdlet("Get-ClusterResource", task_class="GetResourceCommand")
class GetClusterResource(ResourceCmdlet):
    """Gets cluster resources: the DAG's network name, IP addresses, file share witness (R-CLUSTER-4)."""
    synopsis = "Gets the resources of a failover cluster."
    examples = (
        ("Get-ClusterResource",
         "This example lists the resources of the local cluster and their states."),
        ("Get-ClusterResource -Cluster DAG1 | Where-Object {$_.ResourceType -like 'IP*'}",
         "This example lists the IP address resources of the cluster DAG1."),
    )

    names: list[str] | None = param("StringCollection", position=0, name="Name")

    def process_record(self) -> None:
        c = self.connect()
        for r in self.resources(c, self.names):
            self.write_resource(c, r)


@cmdlet("Add-ClusterResource", task_class="AddResourceCommand")
class AddClusterResourceCmd(ResourceCmdlet):
    """Adds a resource to a group; in a DAG's cluster this is unsupported but allowed (R-CLUSTER-1)."""
    synopsis = "Adds a resource to a group of a failover cluster."
    examples = (
        ("Add-ClusterResource -Name 'Extra IP' -ResourceType 'IP Address' -Group 'Cluster Group'",
         "This example adds an IP address resource to the core cluster group, which Exchange does not support in a "
         "DAG."),
    )

    resource_name: str = param("String", position=0, mandatory=True, name="Name")
    group: str | None = param("String", position=1)
    resource_type: str = param("String", position=2, mandatory=True)
    separate_monitor: bool = param("SwitchParameter")

    def process_record(self) -> None:
        c = self.connect()
        group_name = self.group
        kind = self.input_kind()
        if group_name is None and kind is not None and kind[0] == rec.GROUP_TYPE:
            group_name = kind[1]
        group = c.group(group_name or CORE_GROUP)
        if group is None:
            self.not_found("group", group_name)
        self.commit(AddClusterResource(c.name, self.resource_name, group.name, self.resource_type))
        self.write_resource(c, c.resource(self.resource_name))


@cmdlet("Remove-ClusterResource", task_class="RemoveResourceCommand", supports_should_process=True,
        confirm_impact="High")
class RemoveClusterResourceCmd(ResourceCmdlet):
    """Deletes a resource; the DAG's core name and witness can't be deleted (R-CLUSTER-4)."""
    synopsis = "Deletes a resource from a failover cluster."
    examples = (
        ("Remove-ClusterResource -Name 'Extra IP' -Force",
         "This example deletes the resource Extra IP without asking."),
    )

    names: list[str] | None = param("StringCollection", position=0, name="Name")
    force: bool = param("SwitchParameter")

    def process_record(self) -> None:
        c = self.connect()
        for r in self.resources(c, self.names):
            self.check(RemoveClusterResource(c.name, r.name))
            if not self.force and not self.should_process(r.name, self.name):
                continue
            self.commit(RemoveClusterResource(c.name, r.name))


@cmdlet("Get-ClusterParameter", task_class="GetClusterParameterCommand")
class GetClusterParameter(ResourceCmdlet):
    """Gets a resource's private properties (IP Address: Network, Address, SubnetMask, EnableDhcp...)."""
    synopsis = "Gets the private properties of a cluster resource."
    examples = (
        ("Get-ClusterResource 'Cluster Name' | Get-ClusterParameter",
         "This example lists the private properties of the cluster's network name resource."),
        ("Get-ClusterResource 'IPv4 Address 192.168.1.50' | Get-ClusterParameter Address,SubnetMask",
         "This example shows the address and subnet mask of one IP address resource."),
    )

    names: list[str] | None = param("StringCollection", position=0, name="Name")

    def process_record(self) -> None:
        c = self.connect()
        kind = self.input_kind()
        if kind is None or kind[0] != rec.RESOURCE_TYPE:
            return
        r = c.resource(kind[1])
        if r is None:
            self.not_found("resource", kind[1])
        for key, value in r.parameters.items():
            if not self.names or any(matches(n, key) for n in self.strings(self.names)):
                self.write_object(rec.parameter_record(r.name, key, value))


@cmdlet("Set-ClusterParameter", task_class="SetClusterParameterCommand")
class SetClusterParameter(ResourceCmdlet):
    """Sets private properties of the piped resource: -Name/-Value or -Multiple @{...}."""
    synopsis = "Sets private properties of a cluster resource."
    examples = (
        ("Get-ClusterResource 'Extra IP' | Set-ClusterParameter -Multiple "
         "@{Address='192.168.1.60';SubnetMask='255.255.255.0';EnableDhcp=0}",
         "This example gives the resource Extra IP a static address and subnet mask."),
        ("Get-ClusterResource 'Extra IP' | Set-ClusterParameter Address 192.168.1.61",
         "This example changes one private property of the resource Extra IP."),
    )

    parameter_name: str | None = param("String", position=0, name="Name")
    value: Any = param("PSObject", position=1)
    multiple: dict | None = param("Hashtable")
    create: bool = param("SwitchParameter")
    delete: bool = param("SwitchParameter")

    def process_record(self) -> None:
        c = self.connect()
        kind = self.input_kind()
        if kind is None or kind[0] != rec.RESOURCE_TYPE:
            self.fail(self.cluster_error("Specify the cluster resource whose parameters to set with -InputObject.",
                                         "InvalidArgument", "InvalidParameter"))
        r = c.resource(kind[1])
        if r is None:
            self.not_found("resource", kind[1])
        pairs = [(str(k), self.runtime.to_string(v)) for k, v in (self.multiple or {}).items()]
        if self.parameter_name is not None:
            pairs.append((self.parameter_name, self.runtime.to_string(self.value)))
        self.commit(SetClusterParameters(c.name, r.name, tuple(pairs)))
        if r.state == "Online":
            self.write_warning(f"The properties were stored, but not all changes will take effect until {r.name} "
                               "is taken offline and then online again.")


@cmdlet("Set-ClusterResourceDependency", task_class="SetResourceDependencyCommand")
class SetClusterResourceDependencyCmd(ResourceCmdlet):
    """Replaces a resource's dependency expression: "[IP A] or [IP B]" (R-CLUSTER-4's OR list)."""
    synopsis = "Sets the resources that a cluster resource depends on."
    examples = (
        ("Set-ClusterResourceDependency -Resource 'Cluster Name' -Dependency '[IPv4 Address 192.168.1.50] or [Extra "
         "IP]'",
         "This example lets the cluster's network name come online when either IP address is online."),
    )

    resource: str | None = param("String", position=0)
    dependency: str | None = param("String", position=1)

    def process_record(self) -> None:
        c = self.connect()
        names = [self.resource] if self.resource else None
        for r in self.resources(c, names):
            self.commit(SetClusterResourceDependency(c.name, r.name, self.dependency or ""))


class _ResourceState(ResourceCmdlet):
    online = True

    names: list[str] | None = param("StringCollection", position=0, name="Name")
    ignore_locked: bool = param("SwitchParameter")
    wait: int | None = param("Int32")

    def process_record(self) -> None:
        c = self.connect()
        for r in self.resources(c, self.names):
            self.commit(SetClusterResourceState(c.name, r.name, self.online))
            self.write_resource(c, r)


@cmdlet("Start-ClusterResource", task_class="StartResourceCommand")
class StartClusterResource(_ResourceState):
    """Brings resources online; a virtual IP needs a role-3 network (R-CLUSTER-8)."""
    synopsis = "Brings resources of a failover cluster online."
    examples = (
        ("Start-ClusterResource -Name 'Cluster Name'",
         "This example brings the cluster's network name resource online."),
    )

    choose_subset: bool = param("SwitchParameter")


@cmdlet("Stop-ClusterResource", task_class="StopResourceCommand")
class StopClusterResource(_ResourceState):
    """Takes resources offline; dependents with no other provider follow."""
    synopsis = "Takes resources of a failover cluster offline."
    examples = (
        ("Stop-ClusterResource 'Extra IP'",
         "This example takes the resource Extra IP offline."),
    )

    online = False


@cmdlet("Get-ClusterQuorum", task_class="GetClusterQuorumCommand")
class GetClusterQuorum(TargetedCmdlet):
    """Quorum model and witness resource (R-DAG-29)."""
    synopsis = "Gets the quorum configuration of a failover cluster."
    examples = (
        ("Get-ClusterQuorum",
         "This example shows the quorum model of the local cluster and its witness resource."),
        ("Get-ClusterQuorum -Cluster DAG1 | Format-List *",
         "This example shows every quorum property of the cluster DAG1."),
    )

    def process_record(self) -> None:
        c = self.connect()
        self.write_object(rec.quorum_record(self.world, c))


class _NodeState(TargetedCmdlet):
    running = True

    names: list[str] | None = param("StringCollection", position=0, name="Name")
    wait: int | None = param("Int32")

    def process_record(self) -> None:
        c = self.connect() if not self.running else self._any_cluster()
        kind = self.input_kind()
        names = self.strings(self.names) or ([kind[1]] if kind is not None and kind[0] == rec.NODE_TYPE else None)
        if not names:
            names = [self.runtime.computer_name]
        for node in self.pick(c.nodes, names, "node"):
            self.commit(self.transition(c, node))
            self.write_object(rec.node_record(self.world, c, node))

    def transition(self, c: Any, node: Any) -> Any:
        return SetClusterNodeState(c.name, node.name, self.running, getattr(self, "force_quorum", False))

    def _any_cluster(self) -> Any:
        """Starting a node works without quorum (that's how quorum comes back)."""
        found = self.input_cluster() or self.find_cluster(self.cluster or self.runtime.computer_name or "")
        if found is None:
            return self.connect()
        return found


@cmdlet("Start-ClusterNode", task_class="StartClusterNodeCommand")
class StartClusterNode(_NodeState):
    """Starts the Cluster service on nodes; they rejoin (R-CLUSTER-13)."""
    synopsis = "Starts the Cluster service on nodes of a failover cluster."
    examples = (
        ("Start-ClusterNode -Name MBX2",
         "This example starts the Cluster service on MBX2 so that it rejoins the cluster."),
        ("Start-ClusterNode MBX1 -ForceQuorum",
         "This example starts the cluster on MBX1 without a quorum, as in a datacenter recovery."),
    )

    force_quorum: bool = param("SwitchParameter")
    ignore_persistent_state: bool = param("SwitchParameter")


@cmdlet("Stop-ClusterNode", task_class="StopClusterNodeCommand")
class StopClusterNode(_NodeState):
    """Stops the Cluster service on nodes (quorum per R-DAG-30, R-CLUSTER-16)."""
    synopsis = "Stops the Cluster service on nodes of a failover cluster."
    examples = (
        ("Stop-ClusterNode -Name MBX2",
         "This example stops the Cluster service on MBX2."),
        ("Stop-ClusterNode MBX3 -Cluster DAG1",
         "This example stops node MBX3 of the cluster DAG1."),
    )

    running = False


@cmdlet("Suspend-ClusterNode", task_class="SuspendClusterNodeCommand")
class SuspendClusterNodeCmd(_NodeState):
    """Pauses nodes: they keep their vote but can't own the core group, so the PAM moves (R-CLUSTER-14)."""
    synopsis = "Pauses nodes of a failover cluster."
    examples = (
        ("Suspend-ClusterNode -Name MBX2",
         "This example pauses MBX2: it keeps its vote but cannot own the core cluster group."),
    )

    def transition(self, c: Any, node: Any) -> Any:
        return SuspendClusterNode(c.name, node.name, True)


@cmdlet("Resume-ClusterNode", task_class="ResumeClusterNodeCommand")
class ResumeClusterNodeCmd(_NodeState):
    """Resumes paused nodes."""
    synopsis = "Resumes paused nodes of a failover cluster."
    examples = (
        ("Resume-ClusterNode -Name MBX2",
         "This example resumes the paused node MBX2."),
    )

    def transition(self, c: Any, node: Any) -> Any:
        return SuspendClusterNode(c.name, node.name, False)


@cmdlet("Move-ClusterGroup", task_class="MoveClusterGroupCommand")
class MoveClusterGroupCmd(TargetedCmdlet):
    """Moves a group; "Cluster Group" carries the PAM, its IP and the DAG name (R-CLUSTER-5/14)."""
    synopsis = "Moves a group of a failover cluster to another node."
    examples = (
        ("Move-ClusterGroup 'Cluster Group' -Node MBX2",
         "This example moves the core cluster group, and with it the Primary Active Manager role, to MBX2."),
    )

    group_name: str | None = param("String", position=0, name="Name")
    node: str | None = param("String", position=1)
    wait: int | None = param("Int32")
    ignore_locked: bool = param("SwitchParameter")

    def process_record(self) -> None:
        c = self.connect()
        kind = self.input_kind()
        name = self.group_name or (kind[1] if kind is not None and kind[0] == rec.GROUP_TYPE else CORE_GROUP)
        (group,) = self.pick(c.groups, [name], "group")
        if self.node is not None and c.node(self.node) is None:
            self.not_found("node", self.node)
        self.commit(MoveClusterGroup(c.name, group.name, self.node))
        self.write_object(rec.group_record(self.world, c, group))


@cmdlet("Remove-ClusterNode", task_class="RemoveClusterNodeCommand", supports_should_process=True,
        confirm_impact="High")
class RemoveClusterNode(_NodeState):
    """Evicts nodes from the cluster (R-CLUSTER-17); the DAG object still lists the server."""
    synopsis = "Evicts nodes from a failover cluster."
    examples = (
        ("Remove-ClusterNode -Name MBX3 -Force",
         "This example evicts MBX3 from the cluster; the DAG object still lists the server."),
    )

    force: bool = param("SwitchParameter")

    def process_record(self) -> None:
        c = self.connect()
        kind = self.input_kind()
        names = self.strings(self.names) or ([kind[1]] if kind is not None and kind[0] == rec.NODE_TYPE else None)
        if not names:
            self.fail(self.cluster_error("Specify the node to evict.", "InvalidArgument", "InvalidParameter"))
        for node in self.pick(c.nodes, names, "node"):
            self.check(EvictClusterNode(c.name, node.name))
            if not self.force and not self.should_process(node.name, self.name):
                continue
            self.commit(EvictClusterNode(c.name, node.name))
