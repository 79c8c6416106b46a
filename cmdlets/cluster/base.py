"""ClusterCmdlet: what the FailoverClusters cmdlets share.

The module ships with Windows Server 2008 R2 and later; on an older console machine (Windows
Server 2008 has only cluster.exe) its cmdlets are not there (CommandNotFoundException). The
module is treated as imported (PowerShell 2.0 needs `Import-Module FailoverClusters`; labs start
with it loaded). ``-Cluster`` names the cluster (its name, FQDN, a node, or `.`); without it the
cmdlet talks to the cluster of the console machine. ``-InputObject`` takes the module's own
objects. Errors are local (not remoting) records with ClusterCmdletException, the cluster API's
refusals carry their rule id (state.rules.cluster).

During a site-link split the answer depends on the side the call reaches (``reach``): a member
the cluster has counted out runs no cluster of its own without quorum on its side (its Cluster
service keeps restarting: "not running", R-CLUSTER-16), and with quorum answers with its side's
cluster (the membership it remembers, its side Up, R-SITE-3); the cluster's name answers from the
reference side, which a machine cut off from it can't reach (R-SITE-11). A side's own cluster is
read-only here: the lab keeps one cluster database, the reference side's."""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any, NoReturn

from cmdlets.api.cmdlet import Cmdlet
from cmdlets.api.errors import CmdletError, ErrorRecord, rule_error_id
from cmdlets.api.parameters import param
from cmdlets.api.transitions import TransitionCommands
from cmdlets.api.values import PSObject, as_list
from cmdlets.cluster import records as rec
from cmdlets.exchange.identity import matches
from cmdlets.windows.machines import reachable
from state import RuleViolation, partition
from state.events import WARNING
from state.rules import cluster as rules

NAMESPACE = "Microsoft.FailoverClusters.PowerShell"
EXCEPTION = f"{NAMESPACE}.ClusterCmdletException"
NOT_RUNNING = ("The cluster service is not running.  Make sure that the service is running on all nodes in the "
               "cluster.\n    There are no more endpoints available from the endpoint mapper")
CANNOT_ACCESS = ("Check the spelling of the cluster name. Otherwise, there might be a problem with your network. Make "
                 "sure the cluster nodes are turned on and connected to the network or contact your network "
                 "administrator.\n    The RPC server is unavailable")
ISLAND_READ_ONLY = ("The cluster '{cluster}' on this side of the site-link split is not the cluster the lab keeps; "
                    "it can be read here but not changed.")
NOT_RECOGNIZED = ("The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable "
                  "program. Check the spelling of the name, or if a path was included, verify that the path is "
                  "correct and try again.")
_MODULE_OS = re.compile(r"2008 R2|20(1[2-9]|2\d)")


def module_available(os_name: str) -> bool:
    """FailoverClusters exists on Windows Server 2008 R2 and later."""
    return bool(_MODULE_OS.search(os_name or ""))


class ClusterCmdlet(TransitionCommands, Cmdlet):
    namespace = NAMESPACE
    module = "FailoverClusters"
    input_object: Any = None
    cluster: str | None = None

    # -- availability and connection ---------------------------------------------------
    @classmethod
    def available_on(cls, machine: Any) -> bool:
        return machine is None or module_available(machine.os)

    def begin_processing(self) -> None:
        console = self.world.server(self.runtime.computer_name or "")
        if console is not None and not module_available(console.os):
            self.fail(ErrorRecord(
                message=NOT_RECOGNIZED.format(name=self.name), category="ObjectNotFound",
                error_id="CommandNotFoundException",
                exception_type="System.Management.Automation.CommandNotFoundException", target=self.name,
                target_type="String", invocation=self.invocation, terminating=True))

    island = False            # the cluster answered is a cut-off side's own (read-only)

    def connect(self) -> Any:
        """The state.model.Cluster this invocation talks to (from -InputObject, -Cluster or the
        console), as the side of a split it reaches sees it."""
        from_input = self.input_cluster()
        if from_input is not None:
            return self.check_quorum(self.answer(from_input, None, from_input.name))
        name = self.cluster
        local = name in (None, "", ".")
        if local:
            name = self.runtime.computer_name or ""
        found = self.find_cluster(name)
        target = self.world.server(name)
        if found is None or (local and target is not None and not target.service_running("ClusSvc")):
            self.fail(self.cluster_error(NOT_RUNNING, "ConnectionError", "ClusterEndpointNotRegistered"))
        return self.check_quorum(self.answer(found, target, name), target)

    def answer(self, cluster: Any, target: Any, name: str) -> Any:
        """The cluster as the side reached answers, or the connection error the module gives."""
        outcome = reach(self.world, self.runtime.computer_name or "", cluster, target)
        if outcome == "unreachable":
            self.fail(self.cluster_error(CANNOT_ACCESS, "ConnectionError", "ClusterRpcConnection"))
        if outcome == "not running":
            self.fail(self.cluster_error(NOT_RUNNING, "ConnectionError", "ClusterEndpointNotRegistered"))
        if outcome is not cluster:
            self.island = True
            if not self.name.startswith("Get-"):
                self.fail(self.cluster_error(ISLAND_READ_ONLY.format(cluster=cluster.name), "InvalidOperation",
                                             "ClusterSideReadOnly", name))
        return outcome

    def find_cluster(self, name: str) -> Any:
        short = name.split(".")[0].lower()
        cluster = self.world.clusters.get(short)
        if cluster is not None:
            return cluster
        server = self.world.server(name)
        dag = self.world.dag_of(server) if server is not None else None
        return self.world.cluster_of(dag) if dag is not None else None

    def check_quorum(self, cluster: Any, target: Any = None) -> Any:
        """R-CLUSTER-16: without quorum no Cluster service runs; a member's own call finds no
        endpoint, a call to the cluster's name finds nothing answering."""
        try:
            rules.cluster_has_quorum(cluster)
        except RuleViolation as violation:
            dag = self.world.dags.get(cluster.name.lower())
            member = dag is not None and target is not None and target.name.lower() in {m.lower() for m in dag.servers}
            message, error_id = (NOT_RUNNING, "ClusterEndpointNotRegistered") if member else \
                (CANNOT_ACCESS, "ClusterRpcConnection")
            self.fail(self.cluster_error(message, "ConnectionError", error_id, rule_id=violation.rule_id))
        return cluster

    def input_cluster(self) -> Any:
        obj = self.input_object
        if isinstance(obj, list) and len(obj) == 1:
            obj = obj[0]
        if not isinstance(obj, PSObject):
            return None
        name = obj.get("Cluster") if obj.type_names[0] != rec.CLUSTER_TYPE else obj.get("Name")
        return self.world.clusters.get(str(name).lower()) if name else None

    def input_kind(self) -> tuple[str, str] | None:
        """(type name, object name) of a piped FailoverClusters object."""
        obj = self.input_object
        if isinstance(obj, PSObject) and obj.type_names and obj.type_names[0].startswith(NAMESPACE):
            return obj.type_names[0], str(obj.get("Name"))
        return None

    # -- errors --------------------------------------------------------------------------
    def cluster_error(self, message: str, category: str, error_id: str, target: Any = None,
                      rule_id: str = "") -> ErrorRecord:
        return ErrorRecord(message=message, category=category, error_id=error_id, exception_type=EXCEPTION,
                           target=target, target_type="String" if isinstance(target, str) else "",
                           activity=self.name, command_type=self.full_type_name(), rule_id=rule_id,
                           invocation=self.invocation, terminating=True)

    def fail(self, record: ErrorRecord) -> NoReturn:
        raise CmdletError(record, terminating=True)

    def refuse(self, violation: RuleViolation) -> NoReturn:
        self.fail(self.cluster_error(violation.message, violation.category, rule_error_id(violation.rule_id),
                                     violation.target, violation.rule_id))

    def not_found(self, kind: str, name: str, terminating: bool = True) -> None:
        record = self.cluster_error(f"An error occurred opening {kind} '{name}'.", "ObjectNotFound",
                                    "ClusterObjectNotFound", name)
        if terminating:
            self.fail(record)
        self.write_error(record)

    def commit(self, transition: Any) -> list[Any]:
        """Commit; Warning events become WARNING lines."""
        events = self.commit_events(transition)
        for event in events:
            if event.kind == WARNING:
                self.write_warning(event.text)
        return events

    # -- lookups -------------------------------------------------------------------------
    def strings(self, value: Any) -> list[str]:
        """A StringCollection parameter's value as strings."""
        return [self.runtime.to_string(v) for v in as_list(value)]

    def pick(self, items: list[Any], names: Any, kind: str) -> list[Any]:
        """Objects by name (wildcards allowed); a plain name that matches nothing is an error."""
        names = self.strings(names)
        if not names:
            return list(items)
        out: list[Any] = []
        for pattern in names:
            found = [i for i in items if matches(pattern, i.name) and i not in out]
            if not found and not any(ch in pattern for ch in "*?["):
                self.not_found(kind, pattern)
            out += found
        return out


def reach(world: Any, caller: str, cluster: Any, target: Any) -> Any:
    """Which cluster a call from ``caller`` reaches: ``cluster`` itself, a cut-off side's own view
    of it (state.partition.member_side), or "unreachable" / "not running". ``target`` is the
    member named (or the console's machine), None for the cluster's name."""
    dag = world.dags.get(cluster.name.lower())
    here = world.server(caller)
    member = dag is not None and target is not None and target.name.lower() in {m.lower() for m in dag.servers}
    if member:
        if target is not here and here is not None and not reachable(world, caller, target):
            return "unreachable"
        if not target.service_running("ClusSvc"):
            return "not running"
        side = partition.member_side(world, dag, target)
        if side is None:
            return cluster
        return side_cluster(world, cluster, side) if side.quorum else "not running"
    if dag is None or here is None:
        return cluster
    side = partition.member_side(world, dag, here)
    if side is not None and side.quorum:
        return side_cluster(world, cluster, side)          # its side's cluster holds the name there
    ref = partition.reference_side(world, dag)
    if ref and not any(reachable(world, caller, world.server(n)) for n in ref):
        return "unreachable"
    return cluster


def side_cluster(world: Any, cluster: Any, side: Any) -> Any:
    """A detached copy of ``cluster`` as a counted-out side with quorum runs it (R-SITE-3): the
    membership it remembers, its own members Up and the others Down, its groups owned on its side."""
    from state.model.cluster import ClusterNode, ClusterResource
    from state.reconfigure import FSW_RESOURCE
    view, up = side.view, set(side.side)
    ids = dict(view.ids)
    copy = deepcopy(cluster)
    old = {n.name: n for n in cluster.nodes}
    copy.nodes = [ClusterNode(n.lower(), "Up" if n.lower() in up else "Down",
                              old[n.lower()].votes if n.lower() in old else 1,
                              ids.get(n.lower(), old[n.lower()].id if n.lower() in old else 0))
                  for n in view.nodes]
    copy.quorum_type = "NodeMajority" if view.node_majority_only else "NodeAndFileShareMajority"
    copy.has_quorum, copy.forced_quorum = True, False
    owner = min(up)
    for group in copy.groups:
        if group.owner_node not in up:
            group.owner_node = owner
    host = world.server(copy.core_group.owner_node)
    subnets = {n.subnet for n in host.nics if n.up} if host is not None else set()
    for r in copy.resources:                     # the core name's addresses come online where its owner is
        net = copy.network(r.parameters.get("Network", "")) if r.type == "IP Address" else None
        if net is not None and r.group == copy.core_group.name and r.state in ("Online", "Offline"):
            r.state = "Online" if net.subnet in subnets else "Offline"
    witness = world.server(view.witness or "")
    copy.resources = [r for r in copy.resources if r.type != FSW_RESOURCE]
    copy.witness_path = None if view.node_majority_only else view.witness_path
    if copy.witness_path:
        here = world.server(min(up))
        online = witness is not None and here is not None and partition.can_talk(world, here, witness)
        copy.resources.append(ClusterResource(f"File Share Witness ({copy.witness_path})", FSW_RESOURCE,
                                              state="Online" if online else "Failed",
                                              parameters={"SharePath": copy.witness_path}))
    return copy


class TargetedCmdlet(ClusterCmdlet):
    """A cmdlet with the module's usual -InputObject and -Cluster parameters."""

    input_object: Any = param("PSObject", pipeline=True)
    cluster: str | None = param("String")
