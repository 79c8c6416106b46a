"""cluster.exe, the Windows Server 2008 / 2008 R2 command-line cluster tool, as a native command.

It parses its own arguments (the engine hands it argv, ``native_arguments``) and prints text in
cluster.exe's fixed-column layout. Verbs: ``node``, ``network``/``net``, ``resource``/``res``,
``group``, ``netinterface``/``netint``, ``/quorum``, optionally after a cluster name or
``/cluster:NAME``. Failures print ``System error N has occurred (0x...).`` and the Windows
message on the host (stderr in a real console: not pipeline output, no error record) and set
``$LASTEXITCODE``. The same hand edits as the FailoverClusters cmdlets (state.transitions.cluster)."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.errors import CmdletError, ErrorRecord
from cmdlets.cluster.base import NOT_RECOGNIZED, reach
from state import RuleViolation
from state.model.cluster import CORE_GROUP
from state.transitions import (AddClusterResource, EvictClusterNode, MoveClusterGroup, RemoveClusterResource,
                               SetClusterNetworkRole, SetClusterNodeState, SetClusterParameters,
                               SetClusterResourceDependency, SetClusterResourceState, SetQuorumModel, SetServiceState,
                               SuspendClusterNode)

WIN32 = {
    87: "The parameter is incorrect.",
    1722: "The RPC server is unavailable.",
    1753: "There are no more endpoints available from the endpoint mapper.",
    5007: "The cluster resource could not be found.",
    5010: "The object already exists.",
    5013: "The cluster group could not be found.",
    5023: "The group or resource is not in the correct state to perform the requested operation.",
    5042: "The cluster node was not found.",
    5045: "The cluster network was not found.",
    5078: "The specified resource type was not found.",
}
# The cluster API's return code for each refusal (state.rules.cluster).
RULE_CODES = {"R-CLUSTER-7": 87, "R-CLUSTER-14": 5023, "R-CLUSTER-16": 1722}
RULE_MESSAGE_CODES = {"already exists": 5010, "resource type": 5078}
VERBS = {"node": "node", "nodes": "node", "network": "network", "net": "network", "resource": "resource",
         "res": "resource", "group": "group", "netinterface": "netinterface", "netint": "netinterface"}


class ClusterExeError(Exception):
    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def _option(arg: str) -> tuple[str, str | None]:
    """'/group:Cluster Group' -> ('group', 'Cluster Group'); '/online' -> ('online', None)."""
    body = arg[1:]
    name, sep, value = body.partition(":")
    return name.lower(), (value if sep else None)


def _matches(option: str, full: str, shortest: int) -> bool:
    """cluster.exe accepts abbreviations: /prop, /properties; /priv, /privproperties."""
    return len(option) >= shortest and full.startswith(option)


def _pairs(args: list[str]) -> list[tuple[str, str]]:
    out = []
    for a in args:
        key, sep, value = a.partition("=")
        if not sep:
            raise ClusterExeError(87)
        out.append((key.strip(), value.strip().strip('"')))
    return out


@cmdlet("cluster.exe")
class ClusterExe(Cmdlet):
    """cluster.exe: nodes, networks, resources, groups and quorum of a failover cluster."""

    native_arguments = True
    application = True
    module = ""
    arguments: list[str] = []
    island = False

    def begin_processing(self) -> None:
        console = self.world.server(self.runtime.computer_name or "")
        if console is not None and any(v in (console.os or "") for v in ("2012", "2016", "2019", "2022")):
            raise CmdletError(ErrorRecord(
                message=NOT_RECOGNIZED.format(name=self.invocation.command_name or "cluster"),
                category="ObjectNotFound", error_id="CommandNotFoundException",
                exception_type="System.Management.Automation.CommandNotFoundException",
                target=self.invocation.command_name, target_type="String", invocation=self.invocation,
                terminating=True))
        self.lines: list[str] = []
        try:
            self.run(list(self.arguments))
            code = 0
        except ClusterExeError as err:
            code = err.code
            self.lines.append(f"System error {code} has occurred (0x{code:08x}).")
            self.lines.append(WIN32.get(code, "The operation failed."))
            for line in self.lines:
                self.runtime.write_host(line)
            self.runtime.set_variable("LASTEXITCODE", code)
            return
        for line in self.lines:
            self.write_object(line)
        self.runtime.set_variable("LASTEXITCODE", code)

    # -- dispatch ------------------------------------------------------------------------
    def run(self, args: list[str]) -> None:
        cluster_name = None
        if args and args[0].lower().startswith("/cluster:"):
            cluster_name = args.pop(0).split(":", 1)[1]
        elif args and not args[0].startswith("/") and args[0].lower() not in VERBS:
            cluster_name = args.pop(0)
        self.c = self._connect(cluster_name)
        if not args:
            raise ClusterExeError(87)
        head = args.pop(0)
        if head.startswith("/"):
            name, _ = _option(head)
            if _matches(name, "quorum", 3):
                return self.quorum(args)
            if name == "list":
                self.lines += ["Cluster Name", "---------------"] + [c.name for c in self.world.clusters.values()]
                return None
            raise ClusterExeError(87)
        verb = VERBS.get(head.lower())
        if verb is None:
            raise ClusterExeError(87)
        target = args.pop(0) if args and not args[0].startswith("/") else None
        getattr(self, verb)(target, args)

    def _connect(self, name: str | None) -> Any:
        world = self.world
        key = (name or self.runtime.computer_name or "").split(".")[0].lower()
        cluster = world.clusters.get(key)
        if cluster is None:
            server = world.server(key)
            dag = world.dag_of(server) if server is not None else None
            cluster = world.cluster_of(dag) if dag is not None else None
        local = world.server(self.runtime.computer_name or "") if name is None else None
        if cluster is None:
            raise ClusterExeError(1722)
        if local is not None and not local.service_running("ClusSvc"):
            raise ClusterExeError(1753)             # the local Cluster service registers no endpoint
        target = local if name is None else world.server(key)
        answered = reach(world, self.runtime.computer_name or "", cluster, target)
        if answered in ("unreachable", "not running"):
            raise ClusterExeError(1722 if answered == "unreachable" else 1753)
        if not answered.has_quorum:                 # R-CLUSTER-16: no Cluster service runs anywhere
            raise ClusterExeError(1753 if local is not None else 1722)
        self.island = answered is not cluster
        return answered

    def commit(self, transition: Any) -> None:
        if self.island:                     # a cut-off side's own cluster: read here, not changed
            raise ClusterExeError(5023)
        try:
            self.world.commit(transition)
        except RuleViolation as violation:
            code = RULE_CODES.get(violation.rule_id)
            if code is None:
                code = next((c for text, c in RULE_MESSAGE_CODES.items() if text in violation.message), 5023)
            raise ClusterExeError(code) from None

    # -- node ----------------------------------------------------------------------------
    def node(self, target: str | None, args: list[str]) -> None:
        nodes = self.c.nodes
        if target is not None:
            nodes = [n for n in nodes if n.name == target.lower()]
            if not nodes:
                raise ClusterExeError(5042)
        option = _option(args[0])[0] if args else "status"
        if option == "forcecleanup" and target is not None:
            self.lines += [f"Attempting to clean up node '{nodes[0].name}' ...", "Clean up successfully completed."]
            server = self.world.server(nodes[0].name)
            if server is not None and server.service_running("ClusSvc"):
                self.world.commit(SetServiceState(server.name, "ClusSvc", False))
            return
        if option == "evict" and target is not None:
            self.lines.append(f"Evicting node '{nodes[0].name}'...")
            self.commit(EvictClusterNode(self.c.name, nodes[0].name))
            return
        if option in ("pause", "resume") and target is not None:
            self.lines += [f"{'Pausing' if option == 'pause' else 'Resuming'} node '{nodes[0].name}'...", ""]
            self.commit(SuspendClusterNode(self.c.name, nodes[0].name, option == "pause"))
        elif option in ("start", "stop"):
            if target is None:
                raise ClusterExeError(87)
            verb = "Starting" if option == "start" else "Stopping"
            self.lines += [f"{verb} node '{nodes[0].name}'...", ""]
            self.commit(SetClusterNodeState(self.c.name, nodes[0].name, option == "start"))
        elif not _matches(option, "status", 4):
            raise ClusterExeError(87)
        else:
            self.lines += ["Listing status for all available nodes:" if target is None
                           else f"Listing status for node '{nodes[0].name}':", ""]
        self.lines += ["Node           Node ID Status", "-------------- ------- ---------------------"]
        for n in nodes:
            self.lines.append(f"{n.name:<14} {self.c.node_id(n):>7} {n.state}")

    # -- network -------------------------------------------------------------------------
    def network(self, target: str | None, args: list[str]) -> None:
        nets = self.c.networks
        if target is not None:
            nets = [n for n in nets if n.name.lower() == target.lower()]
            if not nets:
                raise ClusterExeError(5045)
        option = _option(args[0])[0] if args else "status"
        if _matches(option, "properties", 4):
            settings = _pairs(args[1:])
            if not settings:
                return self._network_properties(nets)
            for key, value in settings:
                if key.lower() != "role" or target is None:
                    raise ClusterExeError(87)
                try:
                    role = int(value)
                except ValueError:
                    raise ClusterExeError(87) from None
                self.commit(SetClusterNetworkRole(self.c.name, nets[0].name, role))
            return
        if not _matches(option, "status", 4):
            raise ClusterExeError(87)
        self.lines += ["Listing status for all available networks:" if target is None
                       else f"Listing status for network '{nets[0].name}':", ""]
        self.lines += ["Network              Status", "-------------------- -----------"]
        self.lines += [f"{n.name:<20} {n.state}" for n in nets]

    def _network_properties(self, nets: list[Any]) -> None:
        import ipaddress
        for net in nets:
            ip = ipaddress.ip_network(net.subnet, strict=False)
            self.lines += [f"Listing properties for '{net.name}':", "",
                           "T  Network              Name                           Value",
                           "-- -------------------- ------------------------------ -----------------------"]
            for kind, key, value in (("S", "Name", net.name), ("S", "Description", ""), ("D", "Role", net.role),
                                     ("S", "Address", str(ip.network_address)), ("S", "AddressMask", str(ip.netmask))):
                self.lines.append(_property_line(kind, net.name, key, value))
            self.lines.append("")

    # -- resource ------------------------------------------------------------------------
    def resource(self, target: str | None, args: list[str]) -> None:
        c = self.c
        option, value = _option(args[0]) if args else ("status", None)
        if option == "create":
            return self._create(target, args[1:])
        if target is not None and c.resource(target) is None:
            raise ClusterExeError(5007)
        r = c.resource(target) if target is not None else None
        if _matches(option, "status", 4):
            self.lines += ["Listing status for all available resources:" if r is None
                           else f"Listing status for resource '{r.name}':", ""]
            self._resource_table([r] if r else c.resources)
        elif r is None:
            raise ClusterExeError(87)
        elif _matches(option, "online", 2) or _matches(option, "offline", 3):
            online = option.startswith("on")
            self.lines += [f"Bringing resource '{r.name}' online..." if online
                           else f"Taking resource '{r.name}' offline...", ""]
            self.commit(SetClusterResourceState(c.name, r.name, online))
            self._resource_table([r])
        elif option == "delete":
            self.commit(RemoveClusterResource(c.name, r.name))
            self.lines.append(f"Deleting resource '{r.name}'...")
        elif _matches(option, "adddependency", 6):
            if not value:
                raise ClusterExeError(87)
            self.lines.append(f"Making resource '{r.name}' depend on resource '{value}'...")
            self.commit(SetClusterResourceDependency(c.name, r.name, f"[{value}]", add=True))
        elif _matches(option, "listdependencies", 7):
            self.lines += [f"Listing resource dependencies for '{r.name}':", ""]
            self._resource_table([c.resource(d) for d in r.dependencies if c.resource(d)])
        elif _matches(option, "properties", 4) and len(args) == 1:
            self.lines += [f"Listing properties for '{r.name}':", "",
                           "T  Resource             Name                           Value",
                           "-- -------------------- ------------------------------ -----------------------"]
            for kind, key, val in (("S", "Name", r.name), ("S", "Type", r.type), ("S", "Description", ""),
                                   ("D", "PersistentState", 1 if r.state == "Online" else 0),
                                   ("D", "RestartAction", 2), ("D", "RestartThreshold", 1),
                                   ("D", "RestartPeriod", 900000), ("D", "PendingTimeout", 180000)):
                self.lines.append(_property_line(kind, r.name, key, val))
        elif _matches(option, "privproperties", 4):
            settings = _pairs(args[1:])
            if settings:
                self.commit(SetClusterParameters(c.name, r.name, tuple(settings)))
                return
            self.lines += [f"Listing private properties for '{r.name}':", "",
                           "T  Resource             Name                           Value",
                           "-- -------------------- ------------------------------ -----------------------"]
            for key, val in r.parameters.items():
                self.lines.append(_property_line("D" if isinstance(val, int) else "S", r.name, key, val))
        else:
            raise ClusterExeError(87)

    def _create(self, target: str | None, args: list[str]) -> None:
        group, type_ = CORE_GROUP, None
        for a in args:
            name, value = _option(a) if a.startswith("/") else ("", None)
            if name == "group" and value:
                group = value
            elif name == "type" and value:
                type_ = value
            elif name != "separate":
                raise ClusterExeError(87)
        if target is None or type_ is None:
            raise ClusterExeError(87)
        g = self.c.group(group)
        if g is None:
            raise ClusterExeError(5013)
        self.lines += [f"Creating resource '{target}'...", ""]
        self.commit(AddClusterResource(self.c.name, target, g.name, type_))
        self._resource_table([self.c.resource(target)])

    def _resource_table(self, resources: list[Any]) -> None:
        self.lines += ["Resource             Group                Node            Status",
                       "-------------------- -------------------- --------------- ------"]
        for r in resources:
            g = self.c.group(r.group)
            self.lines.append(f"{r.name:<20} {r.group:<20} {(g.owner_node if g else ''):<15} {r.state}")

    # -- group / netinterface / quorum ---------------------------------------------------
    def group(self, target: str | None, args: list[str]) -> None:
        groups = self.c.groups
        if target is not None:
            groups = [g for g in groups if g.name.lower() == target.lower()]
            if not groups:
                raise ClusterExeError(5013)
        option, value = _option(args[0]) if args else ("status", None)
        if _matches(option, "moveto", 4) and target is not None:
            if value and self.c.node(value) is None:
                raise ClusterExeError(5042)
            self.lines += [f"Moving resource group '{groups[0].name}'...", ""]
            self.commit(MoveClusterGroup(self.c.name, groups[0].name, value or None))
        elif not _matches(option, "status", 4):
            raise ClusterExeError(87)
        else:
            self.lines += ["Listing status for all available resource groups:" if target is None
                           else f"Listing status for resource group '{groups[0].name}':", ""]
        self.lines += ["Group                Node            Status", "-------------------- --------------- ------"]
        self.lines += [f"{g.name:<20} {g.owner_node:<15} {g.state}" for g in groups]

    def netinterface(self, target: str | None, args: list[str]) -> None:
        if target is not None or args:
            raise ClusterExeError(87)
        self.lines += ["Listing status for all available network interfaces:", "",
                       "Node            Network              Status",
                       "--------------- -------------------- ------------"]
        for node in self.c.nodes:
            for net in self.c.networks:
                if node.name in net.interfaces:
                    state = "Up" if node.state == "Up" else "Failed"
                    self.lines.append(f"{node.name:<15} {net.name:<20} {state}")

    def quorum(self, args: list[str]) -> None:
        if [_option(a)[0] for a in args] == ["nodemajority"]:
            self.commit(SetQuorumModel(self.c.name, "NodeMajority"))
        elif args:
            raise ClusterExeError(87)
        witness = next((r for r in self.c.resources if r.type == "File Share Witness"), None)
        kind = "Node and File Share Majority" if self.c.quorum_type == "NodeAndFileShareMajority" else "Node Majority"
        self.lines += ["Quorum Resource Name            Path                           Type",
                       "------------------------------- ------------------------------ ----------------",
                       f"{(witness.name if witness else ''):<31} "
                       f"{(witness.parameters.get('SharePath', '') if witness else ''):<30} {kind}"]

    def process_record(self) -> None:
        pass


def _property_line(kind: str, owner: str, key: str, value: Any) -> str:
    text = f"{value} (0x{value:x})" if isinstance(value, int) else str(value)
    return f"{kind:<2} {owner:<20} {key:<30} {text}"


@cmdlet("cluster")
class ClusterExeByName(ClusterExe):
    """cluster (cluster.exe found on the path)."""
