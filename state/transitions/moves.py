"""Switchover: MoveActiveDatabase (R-AM-16..R-AM-20), MoveServerDatabases (R-AM-21/22) and their
DatabaseMoveResult."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from state import active_manager as am, events as ev, replication as repl
from state.rules.base import RuleViolation, rule
from state.rules import am as rules
from state.transitions.base import Transition
from state.transitions.components import switchover_target_online

if TYPE_CHECKING:
    from state.model import DatabaseCopy, MailboxDatabase, Server
    from state.world import World


@attrs.frozen
class DatabaseMoveResult:
    """What Move-ActiveMailboxDatabase writes (output-format §7.6); names are short names."""

    identity: str
    active_server_at_start: str
    active_server_at_end: str
    status: str
    number_of_logs_lost: int
    recovery_point_objective: dt.datetime
    mount_status_at_move_start: str
    mount_status_at_move_end: str
    error_message: str | None = None
    replay_seconds: float = 0.0            # a lagged target replays first (R-TIMING-13)


SKIPS = ("skip_health_checks", "skip_lag_checks", "skip_client_experience_checks",
         "skip_maximum_active_databases_checks", "skip_active_copy_checks")


@attrs.frozen
class MoveActiveDatabase(Transition):
    """Move-ActiveMailboxDatabase -Identity db [-ActivateOnServer s]. The commit's events end
    with a Result event whose payload is the DatabaseMoveResult; the move takes
    ``am.SWITCHOVER_SECONDS`` of virtual time, which the cmdlet may advance (R-TIMING-4).
    Checks R-AM-2, R-AM-14, R-AM-17, R-AM-18, R-AM-19, each skip flag as Exchange has it."""

    database: str
    activate_on_server: str | None = None
    skip_health_checks: bool = False
    skip_lag_checks: bool = False
    mount_dial_override: str | None = None
    skip_client_experience_checks: bool = False
    skip_maximum_active_databases_checks: bool = False
    skip_active_copy_checks: bool = False
    move_comment: str | None = None          # written to the event log (R-AM-21)

    def target(self, world: "World") -> "DatabaseCopy":
        """R-AM-19: the named server's copy, or the best by activation preference (lossless)."""
        db = world.database(self.database)
        if self.activate_on_server:
            server = world.server(self.activate_on_server)
            name = server.name if server else self.activate_on_server
            copy = db.copy_on(name)
            if copy is None:
                raise rules.R_AM_19_NO_COPY.violation(target=name, server=name, db=db.name)
            if copy is db.active_copy:
                raise rules.R_AM_19_SAME.violation(target=name, server=name, db=db.name)
            return copy
        ranked = [c for c in am.best_copy(world, db, automatic=True, lossless_order=True) if self._passes(world, db, c)]
        if not ranked:
            raise rules.R_AM_11.violation(target=db.name, db=db.name)
        return ranked[0]

    def _passes(self, world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> bool:
        try:
            self._check_target(world, db, copy)
        except RuleViolation:
            return False
        return True

    def check(self, world: "World") -> None:
        db = world.database(self.database)
        if len(db.copies) < 2:                                                  # R-AM-16
            raise rules.R_AM_16_SINGLE_COPY.violation(target=db.name, db=db.name, server=db.active_server)
        dag = world.dag_of(db.active_server)
        if dag is not None and am.pam(world, dag) is None:                      # R-AM-2
            raise rules.R_AM_2.violation(target=db.name, dag=dag.name)
        if repl.active_is_seeding_source(db) and not self.skip_active_copy_checks:   # R-AM-17
            raise rules.R_AM_17_SEEDING.violation(target=db.name, db=db.name)
        self._check_target(world, db, self.target(world))

    def _check_target(self, world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> None:
        server = world.server(copy.server)
        if not server.service_running("MSExchangeRepl"):
            raise rules.R_AM_19_DOWN.violation(target=copy.server, server=copy.server)
        if not server.service_running("MSExchangeIS"):
            raise rules.R_AM_19_STORE.violation(target=copy.server, server=copy.server)
        if am.at_maximum(world, server):                                       # R-AM-14 (hard)
            raise rules.R_AM_14_MAX.violation(target=copy.server, server=copy.server,
                                              limit=server.maximum_active_databases)
        switchover_target_online(world, copy, self.skip_health_checks)         # R-AM-17 [2013+]
        status = repl.copy_status(world, copy)
        healthy = copy.status in am.ELIGIBLE or (self.skip_health_checks and copy.status not in ("ServiceDown", "Seeding"))
        if not healthy:                                                         # R-AM-17
            raise rules.R_AM_17_HEALTH.violation(target=copy.identity, copy=copy.identity, status=copy.status)
        lagging = status.copy_queue_length >= 10 or (status.replay_queue_length >= 50 and not copy.is_lagged)
        if not self.skip_lag_checks and lagging:
            raise rules.R_AM_17_LAG.violation(target=copy.identity, copy=copy.identity,
                                              cq=status.copy_queue_length, rq=status.replay_queue_length)
        if not self.skip_client_experience_checks and status.content_index_state not in ("Healthy", "Disabled", "AutoSuspended"):
            raise rules.R_AM_17_INDEX.violation(target=copy.identity, copy=copy.identity,
                                                state=status.content_index_state)
        preferred = server.maximum_preferred_active_databases
        count = am.active_count(world, server.name)
        if preferred is not None and count >= preferred and not self.skip_maximum_active_databases_checks:
            raise rules.R_AM_14_PREFERRED.violation(target=copy.server, server=copy.server, count=count, limit=preferred)
        dial = self.dial(world, copy)
        lost = am.lost_logs(world, db, copy, db.generated_at(world.now))
        if lost > am.DIAL_LIMITS[dial]:                                         # R-AM-18
            raise rules.R_AM_18.violation(target=copy.identity, copy=copy.identity, lost=lost, dial=dial)

    def dial(self, world: "World", copy: "DatabaseCopy") -> str:
        """R-AM-18: omitted -> Lossless; None -> the target server's AutoDatabaseMountDial."""
        if self.mount_dial_override is None:
            return "Lossless"
        if self.mount_dial_override.lower() == "none":
            return world.server(copy.server).auto_database_mount_dial
        return next(k for k in am.DIAL_LIMITS if k.lower() == self.mount_dial_override.lower())

    def apply(self, world: "World") -> list[ev.Event]:
        """R-AM-20: dismount, copy the remaining logs, mount on the target; the old active copy
        turns passive and goes Initializing -> Healthy; preferences never change."""
        db = world.database(self.database)
        target = self.target(world)
        old = db.active_copy
        out: list[ev.Event] = []
        for seeding in [c for c in db.copies if c.status == "Seeding" and c.seeding_source == db.active_server]:
            out += repl.cancel_seed(world, db, seeding)                        # -SkipActiveCopyChecks
        start_status = "Mounted" if db.mounted else "Dismounted"
        replay = am.lagged_replay_seconds(world, db, target)
        lost = am.lost_logs(world, db, target, db.generated_at(world.now))
        out += am.activate(world, db, target, lost)
        if old is not None:
            out += repl.enter(world, db, old, "Initializing") if world.server(old.server).service_running(
                "MSExchangeRepl") else [repl.set_status(world, db, old, "ServiceDown")]
        if lost:
            out.append(ev.warning(f"Database '{db.name}' was mounted on server '{target.server}' with {lost} log "
                                  "file(s) lost.", "R-AM-18"))
        result = DatabaseMoveResult(db.name, old.server if old else "", target.server, "Succeeded", lost,
                                    world.now, start_status, "Mounted", replay_seconds=replay)
        if target.activation_preference != 1:
            am.schedule_rebalance(world, db)                                    # R-AM-23 [2016 CU2+]
        moved = f"Database '{db.name}' moved to '{target.server}'."
        if self.move_comment:
            moved += f" Comment: {self.move_comment}"
        return out + [ev.info(moved, "R-AM-20"), ev.result(result)]


def failed_result(world: "World", db: "MailboxDatabase", violation: RuleViolation) -> DatabaseMoveResult:
    state = "Mounted" if db.mounted else "Dismounted"
    return DatabaseMoveResult(db.name, db.active_server, db.active_server, "Failed", 0, world.now, state, state,
                              violation.message)


@attrs.frozen
class MoveServerDatabases(Transition):
    """Move-ActiveMailboxDatabase -Server s (R-AM-21) or -ActivatePreferredOnServer s (R-AM-22):
    one move per database, one result each; an unmovable database gives a Failed result, or,
    with -MoveAllDatabasesOrNone, refuses the whole command."""

    server: str
    activate_on_server: str | None = None
    move_all_or_none: bool = False
    preferred: bool = False
    options: tuple = ()              # (name, value) pairs of MoveActiveDatabase options

    def databases(self, world: "World") -> list["MailboxDatabase"]:
        name = world.server(self.server).name.lower()
        if self.preferred:          # R-AM-22
            return [d for d in world.databases.values() if d.copy_on(name) is not None
                    and d.copy_on(name).activation_preference == 1 and d.active_server.lower() != name]
        return [d for d in world.databases.values() if d.active_server.lower() == name and len(d.copies) > 1]

    def move(self, db: "MailboxDatabase") -> MoveActiveDatabase:
        target = self.server if self.preferred else self.activate_on_server
        return MoveActiveDatabase(db.name, target, **dict(self.options))

    def check(self, world: "World") -> None:
        if (dict(self.options).get("mount_dial_override") or "").lower() == "besteffort":
            raise rules.R_AM_16_BEST_EFFORT.violation(target=self.server)
        if not self.move_all_or_none:
            return
        for db in self.databases(world):
            try:
                self.move(db).check(world)
            except RuleViolation as violation:
                raise rules.R_AM_21.violation(target=db.name, db=db.name, reason=violation.message) from None

    def apply(self, world: "World") -> list[ev.Event]:
        out: list[ev.Event] = []
        for db in self.databases(world):
            move = self.move(db)
            try:
                move.check(world)
            except RuleViolation as violation:
                out.append(ev.result(failed_result(world, db, violation)))
                continue
            out += move.apply(world)
        return out


MAILBOX_SERVER_SETTINGS = ("auto_database_mount_dial", "database_copy_auto_activation_policy",
                           "maximum_active_databases", "maximum_preferred_active_databases",
                           "database_copy_activation_disabled_and_move_now")


@attrs.frozen
class SetMailboxServer(Transition):
    """Set-MailboxServer's activation settings (R-AM-12..R-AM-15). ``changes`` holds (attribute,
    value) pairs from MAILBOX_SERVER_SETTINGS. Turning DatabaseCopyActivationDisabledAndMoveNow
    on moves the server's mounted databases to healthy copies elsewhere at once (R-AM-15)."""

    server: str
    changes: tuple = ()

    @classmethod
    def of(cls, server: str, **changes: Any) -> "SetMailboxServer":
        """Keyword form; settings the world does not model are left out."""
        return cls(server, tuple((k, v) for k, v in changes.items() if k in MAILBOX_SERVER_SETTINGS))

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        for name, value in self.changes:
            setattr(server, name, value)
        out = [ev.info(f"Mailbox server '{server.name}' changed.", "R-AM-13")]
        if dict(self.changes).get("database_copy_activation_disabled_and_move_now"):
            for db in [d for d in world.databases.values() if d.mounted and d.active_server.lower() == server.name.lower()]:
                out += _move_automatically(world, db)
        return out


def _move_automatically(world: "World", db: "MailboxDatabase") -> list[ev.Event]:
    """Move ``db`` to the best automatic candidate that passes the switchover checks, if any."""
    for copy in am.best_copy(world, db, automatic=True, lossless_order=True):
        move = MoveActiveDatabase(db.name, copy.server)
        try:
            move.check(world)
        except RuleViolation:
            continue
        return [e for e in move.apply(world) if e.kind != ev.RESULT]
    return [ev.warning(f"Database '{db.name}' couldn't be moved off server '{db.active_server}'.", "R-AM-15")]


def _node(world: "World", server: "Server") -> tuple[Any, Any]:
    """The server's DAG cluster and its node in it (None, None outside a clustered DAG)."""
    dag = world.dag_of(server)
    cluster = world.cluster_of(dag) if dag else None
    return cluster, (cluster.node(server.name) if cluster else None)


def _replicated_actives(world: "World", server: "Server") -> list["MailboxDatabase"]:
    return [d for d in world.databases.values()
            if d.mounted and d.active_server.lower() == server.name.lower() and len(d.copies) > 1]


R_AM_25_UNKNOWN = rule("R-AM-25", "ObjectNotFound", "Server '{server}' couldn't be found.")
R_AM_25_NOT_IN_DAG = rule("R-AM-25", "InvalidOperation",
                          "Server '{server}' isn't a member of a database availability group, so it can't be put "
                          "into or taken out of DAG maintenance.")
SUSPEND_COMMENT = "Suspended ActivationOnly by StartDagServerMaintenance.ps1 at {when}"


def _dag_member(world: "World", name: str) -> "Server":
    """R-AM-25: the maintenance scripts work on a known DAG member only."""
    server = world.server(name)
    if server is None or not server.is_mailbox_server:
        raise R_AM_25_UNKNOWN.violation(target=name, server=name)
    if world.dag_of(server) is None:
        raise R_AM_25_NOT_IN_DAG.violation(target=server.name, server=server.name)
    return server


def critical_databases(world: "World", server: "Server", minimum: int) -> list["MailboxDatabase"]:
    """What still keeps ``server`` out of maintenance: replicated databases active on it, and
    databases left with fewer than ``minimum`` healthy copies elsewhere (the scripts' two-copy
    minimum; -overrideMinimumTwoCopies or a two-member DAG lowers it to one)."""
    out = _replicated_actives(world, server)
    for db in world.databases_on(server.name):
        if db in out or len(db.copies) < 2:
            continue
        healthy = [c for c in db.copies if c.server.lower() != server.name.lower()
                   and (db.active_server.lower() == c.server.lower() and db.mounted
                        or repl.copy_status(world, c).status == "Healthy")]
        if len(healthy) < minimum:
            out.append(db)
    return out


@attrs.frozen
class StartDagServerMaintenance(Transition):
    """StartDagServerMaintenance.ps1 -ServerName s (R-AM-25): block activation, pause the node
    (``pause_node``; 2016+ only with -pauseClusterNode), suspend activation of the server's copies
    (``suspend_copies``, the 2010 script), move the active databases and the PAM away. When a
    critical database remains (``minimum_copies``), everything but the completed moves is undone
    (a warning names them) unless ``rollback`` is off (the 2013+ script's -Force 'true')."""

    server: str
    pause_node: bool = True
    suspend_copies: bool = False
    minimum_copies: int = 2
    rollback: bool = True

    def check(self, world: "World") -> None:
        _dag_member(world, self.server)

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        cluster, node = _node(world, server)
        policy = server.database_copy_auto_activation_policy
        server.database_copy_auto_activation_policy = "Blocked"
        paused = node is not None and self.pause_node and node.state == "Up"
        if paused:
            node.state = "Paused"
        suspended = self._suspend(world, server)
        out: list[ev.Event] = []
        for db in _replicated_actives(world, server):
            out += _move_automatically(world, db)
        critical = critical_databases(world, server, self.minimum_copies)
        if critical:
            names = ", ".join(db.name for db in critical)
            text = f"Server '{server.name}' couldn't be put into maintenance: {names} would be left without " \
                   "enough healthy copies."
            if not self.rollback:
                return out + [ev.warning(text + " Nothing was undone (-Force).", "R-AM-25")]
            server.database_copy_auto_activation_policy = policy
            if paused:
                node.state = "Up"
            for copy in suspended:
                copy.activation_suspended, copy.suspend_comment = False, None
            return out + [ev.warning(text + " The completed database moves were kept.", "R-AM-25")]
        if cluster is not None and cluster.core_group.owner_node == server.name.lower():
            others = [n for n in cluster.nodes if n.state == "Up" and n.name != server.name.lower()]
            if others:
                cluster.core_group.owner_node = others[0].name
                out.append(ev.info(f"Primary active manager moved to '{others[0].name}'.", "R-AM-1"))
        return out

    def _suspend(self, world: "World", server: "Server") -> list["DatabaseCopy"]:
        if not self.suspend_copies:
            return []
        when = world.now.strftime("%Y-%m-%dT%H:%M:%S")
        out = []
        for db in world.databases_on(server.name):
            copy = db.copy_on(server.name)
            if len(db.copies) > 1 and not copy.activation_suspended:
                copy.activation_suspended, copy.suspend_comment = True, SUSPEND_COMMENT.format(when=when)
                out.append(copy)
        return out


@attrs.frozen
class StopDagServerMaintenance(Transition):
    """StopDagServerMaintenance.ps1 -ServerName s (R-AM-25): resume the node, Unrestricted,
    resume every copy on the server."""

    server: str

    def check(self, world: "World") -> None:
        _dag_member(world, self.server)

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        _, node = _node(world, server)
        if node is not None and node.state == "Paused":
            node.state = "Up"
        server.database_copy_auto_activation_policy = "Unrestricted"
        out = [ev.info(f"Server '{server.name}' left maintenance.", "R-AM-25")]
        for db in world.databases_on(server.name):
            copy = db.copy_on(server.name)
            if copy.activation_suspended or copy.status == "Suspended":
                out += repl.resume(world, db, copy, False, False)
        return out
