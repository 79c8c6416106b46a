"""Active Manager: the PAM, failure detection, best copy selection, failover and switchover.

PAM = owner of the core cluster group (R-AM-1, R-CLUSTER-14). A powered-off member is
noticed after the heartbeat threshold (R-TIMING-5); its active databases fail over 30 s later
(R-TIMING-2) to the best copy (R-AM-6..R-AM-10). Nothing fails back (R-AM-23)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from state import events as ev, partition, reconfigure, replication as repl
from state.model import service_catalog
from state.model.databases import LogSegment
from state.model.servers import SERVICES

if TYPE_CHECKING:
    from state.model import DatabaseAvailabilityGroup, DatabaseCopy, MailboxDatabase, Server
    from state.model.cluster import ClusterNode
    from state.world import World

HEARTBEAT_DETECTION_SECONDS = 5     # R-TIMING-5: Windows Server 2008..2012 R2, either subnet case
HEARTBEAT_THRESHOLDS_2016 = (10, 20)  # R-TIMING-5: Windows Server 2016+, same subnet / across subnets
LAGGED_REPLAY_LOGS_PER_SECOND = 2   # R-TIMING-13
FAILOVER_SECONDS = 30               # R-TIMING-2
SWITCHOVER_SECONDS = 30             # R-TIMING-4
BOOT_SECONDS = 60                   # emulator choice: power-on to services running
# R-CLUSTER-13: a node whose Cluster service starts is Joining until it has synchronized with the
# other nodes. No rule names a duration (R-TIMING has none); a few seconds on a healthy network
# is what a join takes, so the emulator uses 10 s (uncertain).
JOIN_SECONDS = 10
DIAL_LIMITS = {"Lossless": 0, "GoodAvailability": 6, "BestAvailability": 12, "BestEffort": 10**9}
ELIGIBLE = ("Healthy", "DisconnectedAndHealthy", "DisconnectedAndResynchronizing", "SeedingSource")


def pam(world: "World", dag: "DatabaseAvailabilityGroup") -> str | None:
    """R-AM-1: the member owning the core group (None without a cluster or quorum)."""
    cluster = world.cluster_of(dag)
    if cluster is None or not cluster.has_quorum:
        return None
    return world.server(cluster.core_group.owner_node).name


def move_pam(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-AM-1/R-CLUSTER-14: the core group moves to the first Up node; its IP follows (R-CLUSTER-5)."""
    cluster = world.cluster_of(dag)
    up = [n for n in cluster.nodes if n.state == "Up"]
    if not up or cluster.core_group.owner_node in {n.name for n in up}:
        return []
    cluster.core_group.owner_node = up[0].name
    reconfigure.reconcile_core_resources(world, dag, integrated=False)
    return [ev.info(f"Server '{world.server(up[0].name).name}' is now the primary active manager of '{dag.name}'.", "R-AM-1")]


def detection_seconds(world: "World", server: "Server") -> float:
    """R-TIMING-5: heartbeats every second; a node is down after the missed-heartbeat threshold,
    which on Windows Server 2016+ depends on whether the members share the node's subnet."""
    year = server.os_version.split()[0] if server.os_version else ""
    if not (year.isdigit() and int(year) >= 2016):
        return HEARTBEAT_DETECTION_SECONDS
    dag = world.dag_of(server)
    mine = {n.subnet for n in server.mapi_nics}
    others = [world.server(n) for n in (dag.servers if dag else ()) if n.lower() != server.name.lower()]
    cross = any(not mine & {n.subnet for n in other.mapi_nics} for other in others)
    same_subnet, cross_subnet = HEARTBEAT_THRESHOLDS_2016
    return cross_subnet if cross else same_subnet


def lagged_replay_seconds(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> float:
    """R-TIMING-13: activating a lagged copy first replays its queue, 2 logs a second."""
    if not copy.is_lagged:
        return 0.0
    return repl.copy_status(world, copy).replay_queue_length / LAGGED_REPLAY_LOGS_PER_SECOND


# --- candidate selection ------------------------------------------------------------------
def _reachable(world: "World", name: str) -> bool:
    s = world.server(name)
    return s is not None and s.service_running("MSExchangeRepl") and s.service_running("MSExchangeIS")


def _pam_reaches(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> bool:
    """R-AM-4: the PAM gathers status only from members it can reach (R-SITE-11)."""
    owner = pam(world, dag)
    return owner is None or partition.can_talk(world, owner, server)


def _joining(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> bool:
    cluster = world.cluster_of(dag)
    node = cluster.node(server.name) if cluster is not None else None
    return node is not None and node.state == "Joining"


def active_count(world: "World", server: str) -> int:
    """Mounted databases whose active copy is on ``server`` (R-AM-14)."""
    return sum(1 for d in world.databases.values() if d.mounted and d.active_server.lower() == server.lower())


def at_maximum(world: "World", server: "Server") -> bool:
    """R-AM-14: MaximumActiveDatabases is a hard limit."""
    return server.maximum_active_databases is not None and active_count(world, server.name) >= server.maximum_active_databases


def candidates(world: "World", db: "MailboxDatabase", automatic: bool) -> list["DatabaseCopy"]:
    """R-AM-6: reachable passive copies not blocked for activation (automatic choice only: an
    admin naming a target overrides ActivationSuspended/Blocked/IntrasiteOnly, R-AM-13/R-AM-19)."""
    source = world.server(db.active_server)
    dag = world.dag_of(source) if source else None
    out = []
    for copy in db.passive_copies:
        server = world.server(copy.server)
        if not _reachable(world, copy.server) or copy.status not in ELIGIBLE or at_maximum(world, server):
            continue
        if dag is not None and not _pam_reaches(world, dag, server):
            continue
        if dag is not None and _joining(world, dag, server):      # R-CLUSTER-13: not yet in the cluster
            continue
        if automatic and _blocked(server, copy, source, dag):
            continue
        out.append(copy)
    moved_away = [c for c in out if world.server(c.server).database_copy_activation_disabled_and_move_now]
    if moved_away and len(moved_away) < len(out):                 # R-AM-15: only while others exist
        out = [c for c in out if c not in moved_away]
    return out


def _blocked(server: "Server", copy: "DatabaseCopy", source: "Server | None", dag) -> bool:
    policy = server.database_copy_auto_activation_policy
    if copy.activation_suspended or policy == "Blocked" or server.high_availability_offline:   # R-AM-6 [2013+]
        return True
    if policy == "IntrasiteOnly" and source is not None and source.site != server.site:
        return True
    return dag is not None and server.name.lower() in {n.lower() for n in dag.stopped_mailbox_servers}


def _health_rank(world: "World", copy: "DatabaseCopy") -> int:
    """R-AM-9 [2013+]: servers with every component healthy first."""
    if not world.version_at_least("2013"):
        return 0
    return sum(1 for v in world.server(copy.server).component_health.values() if v != "Healthy")


def best_copy(world: "World", db: "MailboxDatabase", automatic: bool, lossless_order: bool) -> list["DatabaseCopy"]:
    """R-AM-7/R-AM-8: sort, then try the criteria sets in order; returns candidates best first."""
    copies = candidates(world, db, automatic)
    status = {c.server: repl.copy_status(world, c) for c in copies}
    dials = {world.server(c.server).auto_database_mount_dial for c in db.copies}
    if lossless_order or "Lossless" in dials:
        copies.sort(key=lambda c: c.activation_preference)
    else:
        copies.sort(key=lambda c: (status[c.server].copy_queue_length, c.activation_preference))
    copies.sort(key=lambda c: _health_rank(world, c))
    sets = [lambda s: s.content_index_state == "Healthy" and s.copy_queue_length < 10 and s.replay_queue_length < 50,
            lambda s: s.content_index_state == "Crawling" and s.copy_queue_length < 10 and s.replay_queue_length < 50,
            lambda s: s.content_index_state == "Healthy" and s.replay_queue_length < 50,
            lambda s: s.content_index_state == "Crawling" and s.replay_queue_length < 50,
            lambda s: s.replay_queue_length < 50,
            lambda s: s.content_index_state == "Healthy" and s.copy_queue_length < 10,
            lambda s: s.content_index_state == "Crawling" and s.copy_queue_length < 10,
            lambda s: s.content_index_state == "Healthy",
            lambda s: s.content_index_state == "Crawling",
            lambda s: True]
    ordered: list = []
    for test in sets:
        ordered += [c for c in copies if c not in ordered and test(status[c.server])]
    return ordered


# --- activation ----------------------------------------------------------------------------
def acll_reaches(world: "World", db: "MailboxDatabase", target: str | None = None) -> bool:
    """R-AM-4/R-AM-5: attempt copy last logs succeeds while the old host's Replication service
    answers (a MAPI-network-only failure is lossless) and the target can reach it (R-SITE-11)."""
    host = world.server(db.active_server)
    if target is not None and host is not None and not partition.sites_connected(world, host, world.server(target)):
        return False
    return host is not None and host.service_running("MSExchangeRepl")


def lost_logs(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", last: int) -> int:
    """Logs ``copy`` would lose if activated now (R-AM-10)."""
    if acll_reaches(world, db, copy.server):
        return 0
    return max(last - repl.inspected_gen(world, db, copy), 0)


def activate(world: "World", db: "MailboxDatabase", target: "DatabaseCopy", lost: int = 0) -> list[ev.Event]:
    """Make ``target`` the active copy and mount it; the old active copy turns passive. Logs the
    target never received are lost (R-AM-10); generation resumes after its last log."""
    old = db.active_copy
    last = db.generated_at(world.now)
    out = repl.abort_seeds_from(world, db)                 # R-COPY-20: the database moved
    db.active_server = target.server
    db.mounted = True
    gen = last - lost
    db.segments = [s for s in db.segments if s.start < world.now] + [LogSegment(world.now, gen, db.log_rate)]
    out.append(repl.set_status(world, db, target, "Mounted"))
    target.incoming_log_copying_network = None
    if old is not None and old is not target:
        old.frozen_gen = last
        old.replay_floor = last
        old.status = "Dismounted"
        old.divergent = True                     # R-COPY-6: compare logs with the new active
        old.incoming_log_copying_network = repl.pick_network(world, db, old)
    return out


@attrs.frozen
class NodeDownDetected:
    """Heartbeats missed past the threshold (R-TIMING-5): node Down, quorum, PAM, failovers."""

    server: str

    def __call__(self, world: "World") -> None:
        server = world.server(self.server)
        dag = world.dag_of(server)
        if dag is None or server.service_running("ClusSvc"):
            return
        if world.cluster_of(dag) is None or world.cluster_of(dag).node(server.name) is None:
            world.record(partition.refresh_islands(world, dag))      # an evicted member (R-SITE-3)
            return
        world.record(node_down(world, dag, server))
        if world.partition.cut:                                      # another side may hold a majority now
            world.record(partition.reevaluate(world, dag))


def node_down(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> list[ev.Event]:
    cluster = world.cluster_of(dag)
    node = cluster.node(server.name)
    if node is None:                              # evicted (R-SITE-7/10): no longer a node of this cluster
        return partition.refresh_islands(world, dag)
    partition.remember_view(world, dag, server)
    node.state = "Down"
    out = [ev.info(f"Cluster node '{node.name}' is down.", "R-CLUSTER-13")]
    if not reconfigure.recompute_quorum(world, dag):
        return out + lose_quorum(world, dag)
    out += move_pam(world, dag)
    for db in list(world.databases.values()):
        copy = db.copy_on(server.name)
        if copy is None:
            continue
        if db.active_server.lower() == server.name.lower():
            world.clock.call_later(FAILOVER_SECONDS, Failover(db.guid, server.name))
        else:
            out += _passive_copy_lost(world, db, copy)
    return out


def _passive_copy_lost(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    """R-COPY-10: released builds report ServiceDown; Beta 1 goes Initializing first (D7)."""
    if world.is_beta:
        e = repl.set_status(world, db, copy, "Initializing")
        repl.schedule(world, db, copy, repl.INITIALIZING_SECONDS, "ServiceDown")
        return [e]
    return [repl.set_status(world, db, copy, "ServiceDown")]


def lose_quorum(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-CLUSTER-16: everything in the DAG dismounts; no failover."""
    out = [ev.warning(f"Database availability group '{dag.name}' lost quorum.", "R-CLUSTER-16")]
    for db in world.databases.values():
        if db.mounted and world.dag_of(db.active_server) is dag:
            dismount(world, db)
            db.dismounted_by_quorum = True
    return out


def quorum_regained(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-CLUSTER-16: once the cluster has quorum again, each running member's Active Manager
    mounts the databases that the loss of quorum dismounted (DAC mode keeps its own rules)."""
    if dag.datacenter_activation_mode != "Off":
        return []
    out: list[ev.Event] = []
    for db in world.databases.values():
        host = world.server(db.active_server)
        if (db.dismounted_by_quorum and not db.mounted and world.dag_of(host) is dag
                and host.service_running("MSExchangeIS") and host.service_running("MSExchangeRepl")):
            db.dismounted_by_quorum = False
            out += _remount_local(world, db, db.active_copy)
    return out


def dismount(world: "World", db: "MailboxDatabase") -> None:
    """The active copy stops: no more logs, not mounted, shown Dismounted."""
    db.set_rate(world.now, 0)
    db.mounted = False
    db.active_copy.status = "Dismounted"


@attrs.frozen
class Failover:
    """R-AM-4/R-AM-5: PAM picks the best copy and mounts it if the dial allows (R-AM-10)."""

    database: str
    failed_server: str

    def __call__(self, world: "World") -> None:
        db = world.databases.get(self.database)
        if db is None or db.active_server.lower() != self.failed_server.lower():
            return
        dag = world.dag_of(db.active_server)
        cluster = world.cluster_of(dag) if dag is not None else None
        if cluster is not None and not cluster.has_quorum:
            return                                # R-CLUSTER-16: no failover without quorum
        world.record(failover(world, db))


def failover(world: "World", db: "MailboxDatabase") -> list[ev.Event]:
    """R-AM-4: best copy (R-AM-6..R-AM-9), mount-dial check (R-AM-10), else dismounted (R-AM-11)."""
    last = db.generated_at(world.now)
    old = db.active_copy
    for copy in best_copy(world, db, automatic=True, lossless_order=False):
        dial = world.server(copy.server).auto_database_mount_dial
        lost = lost_logs(world, db, copy, last)
        if lost <= DIAL_LIMITS.get(dial, 12):
            out = activate(world, db, copy, lost)
            out.append(ev.info(f"Database '{db.name}' failed over to '{copy.server}'.", "R-AM-4"))
            schedule_rebalance(world, db)
            return out + _former_active_after_failover(world, db, old)
    dismount(world, db)
    return [ev.warning(f"No copy of database '{db.name}' could be activated; it stays dismounted.", "R-AM-11")]


def _former_active_after_failover(world: "World", db: "MailboxDatabase", old: "DatabaseCopy") -> list[ev.Event]:
    """D7: Beta 1 shows the dead node's copy Healthy -> Initializing -> ServiceDown;
    released builds show ServiceDown (R-COPY-10), or resynchronize when the host still runs."""
    host = world.server(old.server)
    if not world.is_beta:
        if host.service_running("MSExchangeRepl"):
            return repl.enter(world, db, old, "Initializing")
        return [repl.set_status(world, db, old, "ServiceDown")]
    e = repl.set_status(world, db, old, "Healthy")
    old.live = False
    repl.schedule(world, db, old, 10, "Initializing")
    world.clock.call_later(10 + repl.INITIALIZING_SECONDS,
                           repl.CopyStatusTimer(db.guid, old.server, old.epoch + 1, "ServiceDown"))
    return [e]


def fail_database(world: "World", db: "MailboxDatabase") -> list[ev.Event]:
    """R-AM-3: a database or storage failure dismounts it; the PAM fails it over (R-TIMING-2)."""
    if db.mounted:
        dismount(world, db)
    if len(db.copies) > 1:
        world.clock.call_later(FAILOVER_SECONDS, Failover(db.guid, db.active_server))
    return [ev.info(f"Database '{db.name}' failed on '{db.active_server}'.", "R-AM-3")]


@attrs.frozen
class MapiNetworkLost:
    """The cluster noticed a member's MAPI adapter down (R-TIMING-5); R-AM-5 follows."""

    server: str

    def __call__(self, world: "World") -> None:
        server = world.server(self.server)
        if server.is_up and not any(n.up for n in server.mapi_nics) and any(n.up for n in server.nics):
            world.record(mapi_network_lost(world, server))


def mapi_network_lost(world: "World", server: "Server") -> list[ev.Event]:
    """R-AM-5/R-NET-20: the PAM asks the still-reachable server to dismount its databases and
    fails each over; ACLL runs over a replication network, so nothing is lost."""
    out = []
    for db in list(world.databases.values()):
        if db.active_server.lower() == server.name.lower() and db.mounted and len(db.copies) > 1:
            out += fail_database(world, db)
    return out


# --- rebalancing (R-AM-23) -------------------------------------------------------------------
REBALANCE_SECONDS = 3600            # R-TIMING-14: PreferenceMoveFrequency


def schedule_rebalance(world: "World", db: "MailboxDatabase") -> None:
    """[2016 CU2+] the Replication service moves the database back to preference 1 every
    PreferenceMoveFrequency (default 1 h; InfiniteTimeSpan turns it off, R-DAG-44)."""
    if not world.version_at_least("2016") or db.rebalance_pending:
        return
    dag = world.dag_of(db.active_server)
    frequency = getattr(dag, "preference_move_frequency", None)
    seconds = frequency.total_seconds() if frequency is not None else REBALANCE_SECONDS
    if seconds > 0:
        db.rebalance_pending = True
        world.clock.call_later(seconds, Rebalance(db.guid))


@attrs.frozen
class Rebalance:
    database: str

    def __call__(self, world: "World") -> None:
        db = world.databases.get(self.database)
        if db is None:
            return
        db.rebalance_pending = False
        if not db.mounted:
            return
        first = min(db.copies, key=lambda c: c.activation_preference)
        if first is db.active_copy:
            return
        status = repl.copy_status(world, first)
        if (first.status == "Healthy" and _reachable(world, first.server) and not at_maximum(world, world.server(first.server))
                and not world.server(first.server).high_availability_offline
                and status.copy_queue_length == 0 and acll_reaches(world, db)):
            old = db.active_copy
            out = activate(world, db, first) + repl.enter(world, db, old, "Initializing")
            world.record(out + [ev.info(f"Database '{db.name}' moved back to '{first.server}'.", "R-AM-23")])
        else:
            schedule_rebalance(world, db)


# --- return of a server ---------------------------------------------------------------------
@attrs.frozen
class ServerBooted:
    """Power-on finished: ClusSvc, MSExchangeRepl and MSExchangeIS start as their start types say
    (service_catalog.boot_states: a Disabled or Manual one stays stopped). With the Cluster
    service the node rejoins (R-CLUSTER-13); without it the node stays Down and its copies as
    the shutdown left them. Copies resume only with the Replication service (R-COPY-13), active
    databases mount only with the Information Store (R-AM-3, R-DB-14)."""

    server: str

    def __call__(self, world: "World") -> None:
        server = world.server(self.server)
        if not server.is_up:
            return
        boot = service_catalog.boot_states(server)
        for name in SERVICES:
            if name in server.services:
                server.services[name] = boot.get(name, "Stopped")
        server.last_boot = world.now
        dag = world.dag_of(server)
        if dag is not None and world.cluster_of(dag) is not None and not server.service_running("ClusSvc"):
            world.record([ev.info(f"The Cluster service did not start on '{server.name}'; its node stays down.",
                                  "R-CLUSTER-13")])
            return
        world.record(server_returned(world, server))


def server_returned(world: "World", server: "Server") -> list[ev.Event]:
    """The Cluster service runs again on ``server``: its node is Joining (R-CLUSTER-13) while its
    passive copies start over; what needs the cluster (quorum, mounts) waits for the join."""
    dag = world.dag_of(server)
    if partition.cut_off_from_cluster(world, dag, server):       # R-SITE-3 / R-SITE-11
        return partition.returned_cut_off(world, dag, server)
    if dag is not None:
        partition.forget_views(world, dag)
    node = world.cluster_of(dag).node(server.name) if dag is not None and world.cluster_of(dag) else None
    if node is None or node.state != "Down" or _forms_forced_cluster(world.cluster_of(dag), node):
        out = _passive_copies_restart(world, server)       # evicted (R-SITE-7): no node until Start-
        if node is not None and node.state == "Down":
            node.state = "Up"
            out.append(ev.info(f"Cluster node '{node.name}' formed the cluster with forced quorum.", "R-CLUSTER-17"))
        return _back_in_cluster(world, dag, server, out)
    return begin_join(world, node) + _passive_copies_restart(world, server)


def _forms_forced_cluster(cluster, node: "ClusterNode") -> bool:
    """R-CLUSTER-17: a node started with /forcequorum on a cluster without quorum forms the
    cluster at once instead of joining it; the nodes started after it join as usual."""
    return cluster.forced_quorum and not cluster.has_quorum


def _passive_copies_restart(world: "World", server: "Server") -> list[ev.Event]:
    """The server's passive copies start over; without the Replication service they report
    ServiceDown instead (R-COPY-13)."""
    out: list[ev.Event] = []
    replicating = server.service_running("MSExchangeRepl")
    for db in world.databases_on(server.name):
        if db.active_server.lower() == server.name.lower():
            continue
        copy = db.copy_on(server.name)
        if replicating:
            out += resume_copy_after_restart(world, db, copy)
        elif copy.status != "ServiceDown":
            out.append(repl.set_status(world, db, copy, "ServiceDown"))
    return out


def begin_join(world: "World", node: "ClusterNode") -> list[ev.Event]:
    """R-CLUSTER-13: the node is Joining for JOIN_SECONDS; it has no vote and can't take groups
    or activations until NodeJoined makes it Up."""
    node.state = "Joining"
    node.joining_until = world.now + dt.timedelta(seconds=JOIN_SECONDS)
    world.clock.call_later(JOIN_SECONDS, NodeJoined(node.name))
    return [ev.info(f"Cluster node '{node.name}' is joining.", "R-CLUSTER-13")]


@attrs.frozen
class NodeJoined:
    """The join of a node completes (R-CLUSTER-13), unless it went down or started joining again."""

    server: str

    def __call__(self, world: "World") -> None:
        server = world.server(self.server)
        dag = world.dag_of(server) if server is not None else None
        cluster = world.cluster_of(dag) if dag is not None else None
        node = cluster.node(self.server) if cluster is not None else None
        if node is None or node.state != "Joining" or node.joining_until is None or world.now < node.joining_until:
            return
        node.state = "Up"
        node.joining_until = None
        out = [ev.info(f"Cluster node '{node.name}' joined.", "R-CLUSTER-13")]
        world.record(_back_in_cluster(world, dag, server, out))


def _back_in_cluster(world: "World", dag: "DatabaseAvailabilityGroup | None", server: "Server",
                     out: list[ev.Event]) -> list[ev.Event]:
    """A member back in the cluster: quorum is counted again (R-CLUSTER-16), its Active Manager
    mounts its active databases (DAC mode permitting, R-SITE-1)."""
    cluster = world.cluster_of(dag) if dag is not None else None
    if cluster is not None and cluster.node(server.name) is not None:
        had_quorum = cluster.has_quorum
        reconfigure.recompute_quorum(world, dag)
        if not had_quorum and cluster.has_quorum:
            out += quorum_regained(world, dag)
    may_mount = _dac_allows_mount(world, dag, server, out)
    for db in world.databases_on(server.name):
        if db.active_server.lower() == server.name.lower() and may_mount:
            out += _remount_local(world, db, db.copy_on(server.name))
    if dag is not None and world.partition.cut:      # its side may outvote the cluster's now (R-SITE-11)
        out += partition.reevaluate(world, dag)
    return out


def _dac_allows_mount(world: "World", dag: "DatabaseAvailabilityGroup | None", server: "Server",
                      out: list[ev.Event]) -> bool:
    """R-SITE-1: in DAC mode a starting Active Manager mounts only after another member it can
    reach has its DACP bit set; a stopped server (R-SITE-5) or evicted one mounts nothing."""
    if dag is None:
        return True
    if server.name.lower() in {s.lower() for s in dag.stopped_mailbox_servers} or \
            server.name.lower() in dag.evicted_servers:
        out.append(ev.info(f"Active Manager on '{server.name}' is stopped in database availability group "
                           f"'{dag.name}'; it mounts no databases.", "R-SITE-5"))
        return False
    if dag.datacenter_activation_mode != "DagOnly":
        return True
    peers = [world.server(m) for m in dag.servers if m.lower() != server.name.lower()]
    server.dacp_bit = any(p.dacp_bit and partition.can_talk(world, server, p) for p in peers)
    if not server.dacp_bit and len(dag.servers) == 2:
        server.dacp_bit = _bit_set_after_witness_boot(world, dag, server)
    if server.dacp_bit:
        server.dacp_set_at = world.now
    else:
        out.append(ev.info(f"Active Manager on '{server.name}' found no member with its DACP bit set; "
                           f"it mounts no databases.", "R-SITE-1"))
    return server.dacp_bit


def _bit_set_after_witness_boot(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> bool:
    """R-SITE-2: a two-member DAG asks the witness instead: mount only if this server's bit was
    set after the witness server last booted (a witness that restarted with it means both sites
    may have gone down, and the other site may have been activated meanwhile)."""
    witness = world.server(reconfigure.witness_in_use(dag)[0] or "")
    if witness is None or not witness.is_up:
        return False
    if witness.last_boot is None:
        return True
    return server.dacp_set_at is not None and server.dacp_set_at > witness.last_boot


def _remount_local(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    """The server's Active Manager mounts its active database, when the Information Store and
    the Replication service run there (R-DB-14; a store that did not start mounts nothing, R-AM-3);
    one it does not mount shows Dismounted."""
    host = world.server(copy.server)
    if not (db.mount_at_startup and host.service_running("MSExchangeIS") and host.service_running("MSExchangeRepl")):
        return [repl.set_status(world, db, copy, "Dismounted")] if copy.status == "Mounted" else []
    db.mounted = True
    db.set_rate(world.now, db.log_rate)
    return [repl.set_status(world, db, copy, "Mounted")]


def resume_copy_after_restart(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    """Released builds: Initializing -> Resynchronizing -> Healthy (R-COPY-5/6).
    Beta 1 (D7): Unknown was shown while booting; now Failed while catching up, then Healthy."""
    if world.is_beta:
        e = repl.set_status(world, db, copy, "Failed")
        behind = db.generated_at(world.now) - copy.frozen_gen
        repl.schedule(world, db, copy, max(30, behind), "Healthy")
        return [e]
    copy.divergent = True
    copy.incoming_log_copying_network = repl.pick_network(world, db, copy)
    repl.restart_instance(world, db, copy)
    return repl.enter(world, db, copy, "Initializing")


def server_powered_on(world: "World", server: "Server") -> list[ev.Event]:
    """Beta 1 (D7): copies on the returning node show Unknown until it has booted. Its Active
    Manager starts with the DACP bit clear (R-SITE-1)."""
    out = []
    server.dacp_bit = False
    if world.is_beta:
        for db in world.databases_on(server.name):
            copy = db.copy_on(server.name)
            if db.active_server.lower() != server.name.lower():
                out.append(repl.set_status(world, db, copy, "Unknown"))
    world.clock.call_later(BOOT_SECONDS, ServerBooted(server.name))
    return out
