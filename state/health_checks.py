"""Test-ReplicationHealth's checks as data (R-COPY-22): one outcome per check per server.

Queue checks fail only once the excess has lasted ``suppression_minutes``
(TransientEventSuppressionWindow); thresholds are the emulator's (uncertain, R-COPY-22)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable

import attrs

from state import active_manager as am, replication as repl

if TYPE_CHECKING:
    from state.model import Server
    from state.world import World

COPY_QUEUE_LIMIT = 10
REPLAY_QUEUE_LIMIT = 50
# Queue checks look at copies that should be keeping up; the others fail their own checks.
KEEPING_UP_STATES = ("Healthy", "DisconnectedAndHealthy", "DisconnectedAndResynchronizing")
CHECKS_2010 = ("ClusterService", "ReplayService", "ActiveManager", "TasksRpcListener", "TcpListener",
               "ServerLocatorService", "DagMembersUp", "ClusterNetwork", "QuorumGroup", "FileShareQuorum",
               "DBCopySuspended", "DBCopyFailed", "DBInitializing", "DBDisconnected", "DBLogCopyKeepingUp",
               "DBLogReplayKeepingUp")
CHECKS_2013 = CHECKS_2010[:10] + ("DatabaseRedundancy", "DatabaseAvailability") + CHECKS_2010[10:]
DESCRIPTIONS = {
    "ClusterService": "Checks that the cluster service is healthy.",
    "ReplayService": "Checks that the Microsoft Exchange Replication service is running.",
    "ActiveManager": "Checks that Active Manager is running and has a valid role.",
    "TasksRpcListener": "Checks that the tasks RPC listener is running and answers remote requests.",
    "TcpListener": "Checks that the TCP listener is running and answers requests.",
    "ServerLocatorService": "Checks that the server locator service is running and answers requests.",
    "DagMembersUp": "Checks that every member of the database availability group is up.",
    "ClusterNetwork": "Checks that the cluster networks are healthy.",
    "QuorumGroup": "Checks that the cluster's quorum and witness are healthy.",
    "FileShareQuorum": "Checks that the file share witness path can be reached.",
    "DatabaseRedundancy": "Checks that every database has at least two healthy copies.",
    "DatabaseAvailability": "Checks that every database has at least two copies that could be activated.",
    "DBCopySuspended": "Checks that no database copy on this server is suspended.",
    "DBCopyFailed": "Checks that no database copy on this server has failed.",
    "DBInitializing": "Checks that no database copy on this server is initializing.",
    "DBDisconnected": "Checks that no database copy on this server is disconnected.",
    "DBLogCopyKeepingUp": "Checks that log copying and inspection on this server keep up with log generation.",
    "DBLogReplayKeepingUp": "Checks that log replay on this server keeps up with log copying and inspection.",
}


@attrs.frozen
class CheckOutcome:
    server: str
    check: str
    description: str
    result: str               # 'Passed' | 'Failed' | 'Warning'
    error: str | None


def run_checks(world: "World", server: "Server", suppression_minutes: int = 0) -> list[CheckOutcome]:
    """Every check, in the real cmdlet's order for the lab's version."""
    names = CHECKS_2013 if world.version_at_least("2013") else CHECKS_2010
    out = []
    for name in names:
        error = CHECKS[name](world, server, suppression_minutes)
        out.append(CheckOutcome(server.name.upper(), name, DESCRIPTIONS[name], "Failed" if error else "Passed", error))
    return out


def _service(service: str, label: str) -> Callable:
    def check(world: "World", server: "Server", _: int) -> str | None:
        if server.service_running(service):
            return None
        return f"The {label} on server '{server.name}' isn't running."
    return check


def _cluster_service(world: "World", server: "Server", window: int) -> str | None:
    """The Cluster service runs; the DAG's cluster holds nothing Exchange didn't make
    (R-CLUSTER-1) and its CNO isn't about to be reclaimed (R-CLUSTER-19)."""
    from state.reconfigure import cno_eligible_for_garbage_collection
    error = _service("ClusSvc", "Cluster service")(world, server, window)
    if error:
        return error
    dag = world.dag_of(server)
    cluster = world.cluster_of(dag)
    if cluster.node(server.name) is not None and not cluster.has_quorum:      # R-CLUSTER-16: it stopped
        return f"The Cluster service on server '{server.name}' isn't running."
    extra = [r.name for r in cluster.resources if r.owner == "admin"]
    extra += [g.name for g in cluster.groups if g.name.lower() != "cluster group"]
    if extra:
        return (f"The cluster of database availability group '{dag.name}' contains groups or resources that "
                f"Exchange didn't create: {', '.join(extra)}.")
    if cno_eligible_for_garbage_collection(world, dag):
        return (f"The network name of database availability group '{dag.name}' has been offline for more than "
                "30 days; its computer account can be removed from Active Directory.")
    return None


def _active_manager(world: "World", server: "Server", _: int) -> str | None:
    if not server.service_running("MSExchangeRepl"):
        return f"Active Manager on server '{server.name}' isn't running."
    return None


def _members_up(world: "World", server: "Server", _: int) -> str | None:
    cluster = world.cluster_of(world.dag_of(server))
    down = [world.server(n.name).name for n in cluster.nodes if n.state != "Up"]
    return f"The following servers are down or unreachable: {', '.join(down)}." if down else None


def _cluster_network(world: "World", server: "Server", _: int) -> str | None:
    dag = world.dag_of(server)
    bad = [f"{net.name} ({s.state})" for net in dag.networks for s in world.dag_network_subnets(net)
           if s.state not in ("Up", "Unavailable")]
    return f"The following networks aren't healthy: {', '.join(bad)}." if bad else None


def _quorum(world: "World", server: "Server", _: int) -> str | None:
    dag = world.dag_of(server)
    if not world.cluster_of(dag).has_quorum:
        return f"The cluster of database availability group '{dag.name}' doesn't have quorum."
    return None


def _file_share(world: "World", server: "Server", _: int) -> str | None:
    dag = world.dag_of(server)
    cluster = world.cluster_of(dag)
    if cluster.quorum_type != "NodeAndFileShareMajority":
        return None
    witness = world.server(dag.witness_server or "")
    if witness is None or not witness.is_up:
        return f"The file share witness on server '{dag.witness_server}' can't be reached."
    return None


def _passive_copies(world: "World", server: "Server"):
    for db in world.databases_on(server.name):
        copy = db.copy_on(server.name)
        if not repl.is_active(db, copy):
            yield db, copy


def _in_states(states: tuple[str, ...], what: str) -> Callable:
    def check(world: "World", server: "Server", _: int) -> str | None:
        found = [c.identity for _, c in _passive_copies(world, server) if c.status in states]
        return f"The following database copies are {what}: {', '.join(found)}." if found else None
    return check


def _queue_since(db, inspected: int, limit: int) -> dt.datetime | None:
    """When the queue first went over ``limit`` (the log ``inspected + limit + 1`` was closed)."""
    return db.time_of(inspected + limit + 1)


def _copy_keeping_up(world: "World", server: "Server", window: int) -> str | None:
    late = []
    for db, copy in _passive_copies(world, server):
        if copy.status not in KEEPING_UP_STATES:
            continue
        status = repl.copy_status(world, copy)
        if status.copy_queue_length > COPY_QUEUE_LIMIT:
            since = _queue_since(db, status.last_log_inspected, COPY_QUEUE_LIMIT)
            if since is None or world.now - since >= dt.timedelta(minutes=window):
                late.append(f"{copy.identity} ({status.copy_queue_length})")
    return f"The copy queue is too long for: {', '.join(late)}." if late else None


def _replay_keeping_up(world: "World", server: "Server", window: int) -> str | None:
    late = []
    for db, copy in _passive_copies(world, server):
        if copy.is_lagged or copy.status not in KEEPING_UP_STATES:
            continue
        status = repl.copy_status(world, copy)
        if status.replay_queue_length > REPLAY_QUEUE_LIMIT:
            late.append(f"{copy.identity} ({status.replay_queue_length})")
    return f"The replay queue is too long for: {', '.join(late)}." if late else None


def _redundancy(world: "World", server: "Server", _: int) -> str | None:
    weak = [db.name for db in world.databases_on(server.name) if len(db.copies) > 1
            and sum(1 for c in db.copies if c.status in ("Mounted", "Healthy")) < 2]
    return f"The following databases have fewer than two healthy copies: {', '.join(weak)}." if weak else None


def _availability(world: "World", server: "Server", _: int) -> str | None:
    weak = [db.name for db in world.databases_on(server.name) if len(db.copies) > 1
            and len(am.candidates(world, db, automatic=True)) + (1 if db.mounted else 0) < 2]
    return f"The following databases have fewer than two copies available for activation: {', '.join(weak)}." if weak else None


CHECKS: dict[str, Callable] = {
    "ClusterService": _cluster_service,
    "ReplayService": _service("MSExchangeRepl", "Microsoft Exchange Replication service"),
    "ActiveManager": _active_manager,
    "TasksRpcListener": _service("MSExchangeRepl", "tasks RPC listener"),
    "TcpListener": _service("MSExchangeRepl", "TCP listener"),
    "ServerLocatorService": _service("MSExchangeRepl", "server locator service"),
    "DagMembersUp": _members_up,
    "ClusterNetwork": _cluster_network,
    "QuorumGroup": _quorum,
    "FileShareQuorum": _file_share,
    "DatabaseRedundancy": _redundancy,
    "DatabaseAvailability": _availability,
    "DBCopySuspended": _in_states(("Suspended", "FailedAndSuspended"), "suspended"),
    "DBCopyFailed": _in_states(("Failed", "FailedAndSuspended"), "failed"),
    "DBInitializing": _in_states(("Initializing",), "initializing"),
    "DBDisconnected": _in_states(("DisconnectedAndHealthy", "DisconnectedAndResynchronizing"), "disconnected"),
    "DBLogCopyKeepingUp": _copy_keeping_up,
    "DBLogReplayKeepingUp": _replay_keeping_up,
}
