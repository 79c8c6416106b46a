"""Who can talk to whom: site links that can be cut, and the sides a cut leaves (R-SITE-3, R-SITE-11).

Two machines talk when both are powered on, have an adapter up on a common subnet (or reach
each other through gateways, or through one DAG network spanning both subnets), and their sites
are the same or joined by uncut links, transitively. ``can_talk`` answers heartbeats (the sides
below), Active Manager's candidates, the witness, DACP peers (R-SITE-1) and ``ping``; log
shipping and ACLL keep their per-network paths and ask ``sites_connected`` for the link.

A DAG split by a cut has sides, counted when the cluster misses its heartbeats (R-TIMING-5)
and again whenever a member goes down or comes back. The cluster object keeps the view of the
*reference* side: a forced cluster's side whatever the votes, else the side with a majority of
the votes (members up there, plus the witness if that side can lock it), else the side of the
core group's owner. Members elsewhere are Down in
that view; their databases fail over (R-AM-3/5). A side that sees an older membership than the
cluster now has (its members were evicted while cut off, or the cluster was forced) counts its
votes against that older view, and with a majority mounts what it believes is active on it:
two mounted active copies, split brain (R-SITE-3), unless DAC mode stops it (R-SITE-1). When
the sides merge, the reference side wins and the other copies compare logs (R-COPY-6).

A console on a counted-out member sees its side, not the reference view: ``member_side`` says
which membership its Cluster service runs with and whether its side holds quorum of it, and
``believed_active`` where that side thinks each database is active. These are queries only."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterable

import attrs

from state import events as ev

if TYPE_CHECKING:
    from state.model import DatabaseAvailabilityGroup, Server
    from state.world import World


@attrs.frozen
class NodeView:
    """What a member last knew of its cluster before it lost contact (its local cluster database)."""

    nodes: tuple[str, ...]
    node_majority_only: bool
    witness: str | None
    actives: tuple[tuple[str, str], ...]          # (database guid, lower server) active then
    ids: tuple[tuple[str, int], ...] = ()         # (lower node name, node id) then
    witness_path: str | None = None               # the witness share then


@attrs.frozen
class SideView:
    """What a member's own Cluster service answers while the cluster has counted it out: the
    membership it last knew, which of those members its side holds, and whether they are a
    majority of it (R-DAG-30). Without quorum its Cluster service keeps restarting."""

    view: NodeView
    side: tuple[str, ...]                         # lower names of the running members it reaches
    quorum: bool


@attrs.frozen
class IslandMount:
    """A database mounted by a side cut off from the cluster (R-SITE-3)."""

    server: str
    since: dt.datetime


@attrs.define(eq=False)
class Partition:
    """The world's partition state: cut links, members' stale views, split-brain mounts."""

    cut: set[frozenset] = attrs.field(factory=set)               # lower site-name pairs
    views: dict[str, NodeView] = attrs.field(factory=dict)        # lower server -> view
    islands: dict[str, IslandMount] = attrs.field(factory=dict)   # database guid -> mount
    witness_cut: set[str] = attrs.field(factory=set)              # DAGs whose cluster side can't reach the witness


# --- reachability ------------------------------------------------------------------------------
def _site(server: "Server") -> str:
    return (server.site or "").lower()


def site_groups(world: "World") -> dict[str, int]:
    """Site -> connected group number over the uncut links (computed per cut set, cached)."""
    key = (frozenset(world.links), frozenset(world.partition.cut))
    cached = getattr(world, "_site_groups", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    groups: dict[str, int] = {}
    names = [s.name.lower() for s in world.sites]
    for start in names:
        if start in groups:
            continue
        groups[start], todo = len(groups), [start]
        while todo:
            here = todo.pop()
            for pair in world.links:
                if here in pair and pair not in world.partition.cut:
                    other = next(iter(pair - {here}), here)
                    if other not in groups:
                        groups[other] = groups[start]
                        todo.append(other)
    world._site_groups = (key, groups)
    return groups


def sites_connected(world: "World", a: "Server", b: "Server") -> bool:
    """Same site, or sites joined by uncut links. Without cuts every site reaches every other."""
    if not world.partition.cut or _site(a) == _site(b):
        return True
    groups = site_groups(world)
    return groups.get(_site(a), -1) == groups.get(_site(b), -2)


def can_talk(world: "World", a: "Server | str", b: "Server | str") -> bool:
    """Both powered on, an adapter up on a common or routed network (a gateway on both sides, or
    one DAG network holding both subnets), sites joined."""
    a = world.server(a) if isinstance(a, str) else a
    b = world.server(b) if isinstance(b, str) else b
    if a is None or b is None or not (a.is_up and b.is_up):
        return False
    if a is b:
        return True
    if not sites_connected(world, a, b):
        return False
    mine = [n for n in a.nics if n.up]
    theirs = [n for n in b.nics if n.up]
    here, there = {n.subnet for n in mine}, {n.subnet for n in theirs}
    if here & there:
        return True
    if any(n.gateway for n in mine) and any(n.gateway for n in theirs):
        return True
    dag = world.dag_of(a)                 # a DAG network spanning subnets is routed between them
    return dag is not None and any(here & set(net.subnet_ids) and there & set(net.subnet_ids)
                                   for net in dag.networks)


def routed_network(world: "World", dag: "DatabaseAvailabilityGroup", source: str, target: str) -> str | None:
    """The target's MAPI DAG network, when the two reach each other through their gateways
    (per-site MAPI subnets, each its own DAG network in 2010); None when they can't talk."""
    server = world.server(target)
    if server is None or not can_talk(world, source, server):
        return None
    for net in dag.networks:
        nic = next((server.nic_on(s) for s in net.subnet_ids if server.nic_on(s) is not None), None)
        if net.mapi_access_enabled and nic is not None and nic.up and nic.gateway:
            return net.name
    return None


def components(world: "World", servers: Iterable["Server"]) -> list[list["Server"]]:
    """Group ``servers`` into sets that can talk to each other (transitively), in given order."""
    out: list[list["Server"]] = []
    for server in servers:
        joined = [c for c in out if any(can_talk(world, server, s) for s in c)]
        merged = [server] + [s for c in joined for s in c]
        out = [c for c in out if c not in joined] + [merged]
    return [sorted(c, key=lambda s: s.name.lower()) for c in out]


# --- sides of a DAG ----------------------------------------------------------------------------
def _running(world: "World", name: str) -> "Server | None":
    server = world.server(name)
    return server if server is not None and server.service_running("ClusSvc") else None


def _witness(world: "World", dag: "DatabaseAvailabilityGroup") -> "Server | None":
    from state.reconfigure import witness_in_use
    return world.server(witness_in_use(dag)[0] or "")


def witness_reachable(world: "World", dag: "DatabaseAvailabilityGroup", names: Iterable[str]) -> bool:
    """R-CLUSTER-15: the witness counts for a side that can reach it (and lock witness.log)."""
    witness = _witness(world, dag)
    return witness is not None and witness.is_up and any(can_talk(world, n, witness) for n in names)


def witness_votes_for(world: "World", dag: "DatabaseAvailabilityGroup") -> bool:
    """The witness vote as the cluster counts it (R-DAG-30): the witness is up, and the cluster's
    side could reach it when the sides were last counted (a cut is noticed after R-TIMING-5)."""
    witness = _witness(world, dag)
    return witness is not None and witness.is_up and dag.name.lower() not in world.partition.witness_cut


def reference_side(world: "World", dag: "DatabaseAvailabilityGroup") -> list[str]:
    """The running cluster nodes on the side the cluster object speaks for: a forced owner's side,
    the majority side, else the core group owner's side (R-DAG-30, R-CLUSTER-15, R-CLUSTER-17)."""
    cluster = world.cluster_of(dag)
    running = [s for s in (_running(world, n.name) for n in cluster.nodes) if s is not None]
    sides = components(world, running)
    if not sides:
        return []
    owner = cluster.core_group.owner_node
    sides.sort(key=lambda c: (owner not in {s.name.lower() for s in c}, -len(c)))
    if cluster.forced_quorum and owner in {s.name.lower() for s in sides[0]}:
        return [s.name.lower() for s in sides[0]]           # R-CLUSTER-17: forced, whatever the votes
    fsm = cluster.quorum_type == "NodeAndFileShareMajority"
    total = len(cluster.nodes) + fsm
    locked = False
    for side in sides:
        names = [s.name for s in side]
        votes = len(side)
        if fsm and not locked and witness_reachable(world, dag, names):
            votes, locked = votes + 1, True
        if 2 * votes > total:
            return [n.lower() for n in names]
    return [s.name.lower() for s in sides[0]]


def remember_view(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> None:
    """A member losing contact keeps the cluster as it knew it (its local cluster database)."""
    cluster = world.cluster_of(dag)
    if cluster is None or server.name.lower() in world.partition.views:
        return
    dbs = sorted((db for db in world.databases.values() if db.copy_on(server.name) is not None and db.active_server),
                 key=lambda db: db.name.lower())
    actives = tuple((db.guid, db.active_server.lower()) for db in dbs)
    world.partition.views[server.name.lower()] = NodeView(
        tuple(n.name for n in cluster.nodes), cluster.quorum_type != "NodeAndFileShareMajority",
        _witness(world, dag).name if _witness(world, dag) is not None else None, actives,
        tuple((n.name, cluster.node_id(n)) for n in cluster.nodes), cluster.witness_path)


def view_of(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> NodeView:
    view = world.partition.views.get(server.name.lower())
    if view is not None:
        return view
    cluster = world.cluster_of(dag)
    witness = _witness(world, dag)
    return NodeView(tuple(n.name for n in cluster.nodes), cluster.quorum_type != "NodeAndFileShareMajority",
                    witness.name if witness else None, (), (), cluster.witness_path)


def cut_off_from_cluster(world: "World", dag: "DatabaseAvailabilityGroup | None", server: "Server") -> bool:
    """True when the cluster has running nodes on its reference side and ``server`` reaches none."""
    if dag is None or world.cluster_of(dag) is None:
        return False
    side = [n for n in reference_side(world, dag) if n != server.name.lower()]
    return bool(side) and not any(can_talk(world, server, n) for n in side)


# --- what a member's side answers (a console on a cut-off machine) -----------------------------
def counted_out(world: "World", dag: "DatabaseAvailabilityGroup | None", server: "Server") -> bool:
    """A member whose Cluster service runs while the cluster has counted it out: Down in the
    cluster's view (noticed after R-TIMING-5, R-CLUSTER-13) or evicted meanwhile, and reaching
    none of the reference side's running nodes (R-SITE-11)."""
    cluster = world.cluster_of(dag) if dag is not None else None
    if cluster is None or not server.service_running("ClusSvc") \
            or server.name.lower() not in {m.lower() for m in dag.servers}:
        return False
    node = cluster.node(server.name)
    if node is not None and node.state != "Down":
        return False
    return cut_off_from_cluster(world, dag, server)


def member_side(world: "World", dag: "DatabaseAvailabilityGroup | None", server: "Server") -> SideView | None:
    """The side a counted-out member runs the cluster with (its remembered membership, the
    running members it reaches, whether they hold quorum of it); None while it is not counted out."""
    if not counted_out(world, dag, server):
        return None
    running = [s for s in (world.server(m) for m in dag.servers) if s is not None and s.service_running("ClusSvc")]
    side = next((c for c in components(world, running) if server in c), [server])
    view = view_of(world, dag, server)
    members = {n.lower() for n in view.nodes}
    names = tuple(s.name.lower() for s in side if s.name.lower() in members or s is server)
    return SideView(view, names, island_quorum(world, dag, side))


def believed_active(world: "World", server: "Server", guid: str) -> str | None:
    """Where a counted-out member believes a database is active (lower server name): an island
    mount of its side, else what it knew when it lost contact; None when it knows nothing else."""
    mount = world.partition.islands.get(guid)
    if mount is not None and can_talk(world, server, mount.server):
        return mount.server.lower()
    view = world.partition.views.get(server.name.lower())
    return next((host for g, host in view.actives if g == guid), None) if view is not None else None


# --- islands: sides cut off from the cluster ----------------------------------------------------
def island_quorum(world: "World", dag: "DatabaseAvailabilityGroup", side: list["Server"]) -> bool:
    """Votes of a cut-off side, counted against the membership it last knew (R-DAG-30)."""
    view = view_of(world, dag, side[0])
    members = {n.lower() for n in view.nodes}
    votes = sum(1 for s in side if s.name.lower() in members)
    total = len(members) + (0 if view.node_majority_only else 1)
    witness = world.server(view.witness or "")
    if not view.node_majority_only and witness is not None and witness.is_up \
            and any(can_talk(world, s, witness) for s in side):
        ref = reference_side(world, dag)
        if not any(can_talk(world, n, witness) for n in ref):      # the reference side holds the lock
            votes += 1
    return votes > 0 and 2 * votes > total


def _dac_blocks(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> bool:
    """R-SITE-1: in DagOnly mode a server mounts only once a member it can reach has its bit set."""
    if dag.datacenter_activation_mode != "DagOnly":
        return False
    peers = [world.server(m) for m in dag.servers if m.lower() != server.name.lower()]
    return not any(p.dacp_bit and can_talk(world, server, p) for p in peers)


def island_members(world: "World", dag: "DatabaseAvailabilityGroup") -> list[list["Server"]]:
    """Running members (nodes or evicted) outside the reference side, grouped into sides."""
    ref = set(reference_side(world, dag))
    names = [m for m in dag.servers if m.lower() not in ref]
    running = [s for s in (world.server(m) for m in names)
               if s is not None and s.service_running("ClusSvc") and s.service_running("MSExchangeIS")]
    return components(world, running)


def refresh_islands(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """Mount what a cut-off side with quorum believes is active on it (R-SITE-3); end mounts
    whose side lost quorum, lost power or merged back (R-COPY-6)."""
    from state import replication as repl
    out: list[ev.Event] = []
    keep: set[str] = set()
    ref = reference_side(world, dag)
    for side in island_members(world, dag):
        if any(can_talk(world, s, n) for s in side for n in ref) or not island_quorum(world, dag, side):
            continue                                  # merged with the cluster, or no quorum of its own
        for server in side:
            if _dac_blocks(world, dag, server):
                server.dacp_bit = False
                continue
            for guid, host in view_of(world, dag, server).actives:
                db = world.databases.get(guid)
                if db is None or host != server.name.lower() or db.active_server.lower() == host:
                    continue
                copy = db.copy_on(server.name)
                keep.add(guid)
                if guid not in world.partition.islands and copy is not None and copy.fault is None:
                    world.partition.islands[guid] = IslandMount(server.name, world.now)
                    out.append(repl.set_status(world, db, copy, "Mounted"))
                    out.append(ev.warning(f"Database '{db.name}' is mounted on '{server.name}' while its active "
                                          f"copy is on '{db.active_server}': split brain.", "R-SITE-3"))
    for guid in [g for g in world.partition.islands if g not in keep]:
        out += end_island_mount(world, guid)
    return out


def end_island_mount(world: "World", guid: str) -> list[ev.Event]:
    """R-COPY-6 after a split: logs written on the cut-off side never reached the active copy;
    any such log makes the divergence unrecoverable (FailedAndSuspended, reseed)."""
    from state import replication as repl
    mount = world.partition.islands.pop(guid)
    db = world.databases.get(guid)
    copy = db.copy_on(mount.server) if db else None
    if copy is None or copy.status != "Mounted" or copy is db.active_copy:
        return []
    server = world.server(mount.server)
    written = int((world.now - mount.since).total_seconds() * db.log_rate / 60)
    copy.divergent = True
    if written > 0:
        copy.fault = "corrupt"
        copy.activation_suspended = True
        text = (f"The copy of '{db.name}' on '{mount.server}' holds {written} log files the active copy never "
                f"received; it must be reseeded with Update-MailboxDatabaseCopy.")
        return repl.enter(world, db, copy, "FailedAndSuspended", text)
    status = "Initializing" if server.service_running("MSExchangeRepl") else "ServiceDown"
    return repl.enter(world, db, copy, status)


# --- whole-DAG re-evaluation (after a link change) ----------------------------------------------
def reevaluate(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-SITE-11: nodes outside the reference side are Down in the cluster's view, nodes back in
    contact rejoin; quorum is counted on the reference side; the sides' databases follow."""
    from state import active_manager as am, reconfigure
    cluster = world.cluster_of(dag)
    if cluster is None:
        return []
    ref = set(reference_side(world, dag))
    if not world.partition.cut:
        world.partition.witness_cut.discard(dag.name.lower())
    elif ref:
        if witness_reachable(world, dag, ref):
            world.partition.witness_cut.discard(dag.name.lower())
        else:
            world.partition.witness_cut.add(dag.name.lower())
    out: list[ev.Event] = []
    lost, back = [], []
    for node in cluster.nodes:
        server = _running(world, node.name)
        if server is None:
            continue
        if node.name in ref and node.state == "Down":
            node.state = "Up"
            back.append(server)
        elif node.name not in ref and node.state in ("Up", "Paused"):
            remember_view(world, dag, server)
            node.state = "Down"
            lost.append(server)
    had = cluster.has_quorum
    out += [ev.info(f"Cluster node '{s.name.lower()}' is cut off from the cluster.", "R-CLUSTER-13") for s in lost]
    out += [ev.info(f"Cluster node '{s.name.lower()}' joined.", "R-CLUSTER-13") for s in back]
    if not reconfigure.recompute_quorum(world, dag):
        return out + (am.lose_quorum(world, dag) if had else []) + refresh_islands(world, dag)
    out += am.move_pam(world, dag)
    for server in lost:
        out += _side_lost(world, server)
    if not had:
        out += _quorum_back(world, dag, ref)
    for server in back:
        out += _side_back(world, dag, server)
    out += refresh_islands(world, dag)
    forget_views(world, dag)
    return out


def _side_lost(world: "World", server: "Server") -> list[ev.Event]:
    """R-CLUSTER-16 on the minority side: its databases dismount; the PAM fails them over."""
    from state import active_manager as am
    out = []
    for db in world.databases.values():
        if db.active_server.lower() == server.name.lower() and db.mounted:
            am.dismount(world, db)
            out.append(ev.info(f"Database '{db.name}' dismounted on '{server.name}': no quorum on its side.",
                               "R-CLUSTER-16"))
        if db.active_server.lower() == server.name.lower() and len(db.copies) > 1:
            world.clock.call_later(am.FAILOVER_SECONDS, am.Failover(db.guid, server.name))
    return out


def _quorum_back(world: "World", dag: "DatabaseAvailabilityGroup", ref: set[str]) -> list[ev.Event]:
    """R-CLUSTER-16: quorum is back on the reference side. Its members mount what the loss of
    quorum dismounted; databases whose host is cut off or down fail over instead (R-AM-3)."""
    from state import active_manager as am
    for db in world.databases.values():
        host = world.server(db.active_server)
        if host is None or world.dag_of(host) is not dag or db.active_server.lower() in ref or db.mounted:
            continue
        db.dismounted_by_quorum = False
        if len(db.copies) > 1:
            world.clock.call_later(am.FAILOVER_SECONDS, am.Failover(db.guid, host.name))
    return am.quorum_regained(world, dag)


def _side_back(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> list[ev.Event]:
    """A member in contact again: its copies compare logs with their active copies (R-COPY-6)."""
    from state import active_manager as am
    out = []
    for db in world.databases_on(server.name):
        copy = db.copy_on(server.name)
        if copy is db.active_copy:
            if not db.mounted and not dag.datacenter_activation_mode == "DagOnly":
                out += am._remount_local(world, db, copy)
        elif copy.status in ("Dismounted", "ServiceDown", "Initializing"):
            out += am.resume_copy_after_restart(world, db, copy)
    return out


def returned_cut_off(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> list[ev.Event]:
    """A member booting where it reaches none of the cluster's running nodes stays Down in the
    cluster's view; with the members around it, it may form a side with quorum (R-SITE-3)."""
    from state import active_manager as am
    out = reevaluate(world, dag)                  # its side may hold the majority now
    if server.name.lower() in reference_side(world, dag):
        return out
    out.append(ev.info(f"Cluster node '{server.name.lower()}' can't reach the cluster '{dag.name}'.", "R-SITE-11"))
    out += refresh_islands(world, dag)
    for db in world.databases_on(server.name):
        copy = db.copy_on(server.name)
        if copy is not db.active_copy and db.guid not in world.partition.islands:
            out += am.resume_copy_after_restart(world, db, copy)
    return out


def forget_views(world: "World", dag: "DatabaseAvailabilityGroup") -> None:
    """A member back in contact with the reference side learns the cluster as it is now."""
    ref = reference_side(world, dag)
    for name in list(world.partition.views):
        server = world.server(name)
        if server is not None and world.dag_of(server) is dag and any(can_talk(world, server, n) for n in ref):
            del world.partition.views[name]


def reevaluate_all(world: "World") -> list[ev.Event]:
    out: list[ev.Event] = []
    for dag in world.dags.values():
        out += reevaluate(world, dag)
    return out
