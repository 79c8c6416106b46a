"""Continuous replication in virtual time: copy status, queues, seeding, status timers.

Nothing ticks. A passive copy that is ``live`` has copied and inspected every log the active
copy has generated (within R-TIMING-8's second); a non-live copy is frozen at
``frozen_gen``. Replay follows inspection, or lags ``ReplayLagTime`` behind it (R-COPY-17).
Status changes are timers queued on the clock; each status change bumps the copy's ``epoch``
so an outdated timer does nothing. ``enter`` changes a status and queues what follows it:
Initializing settles after R-TIMING-7 (R-COPY-5), Resynchronizing resolves divergence
(R-COPY-6), Failed re-checks every R-TIMING-10 (R-COPY-8). Log shipping picks its network
per copy (R-NET-14..R-NET-16) and a copy cut off from its source is Disconnected (R-COPY-11)."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import attrs

from state import events as ev, partition

if TYPE_CHECKING:
    from state.model import DatabaseCopy, MailboxDatabase
    from state.world import World

INITIALIZING_SECONDS = 15          # R-TIMING-7
SEED_BYTES_PER_SECOND = 20 * 1024 * 1024   # R-TIMING-13
FAILED_RECHECK_SECONDS = 60        # R-TIMING-10
RESYNC_SECONDS = 1                 # R-COPY-6: comparing logs with the active copy
SERVICE_RESTART_SECONDS = 10       # R-TIMING-11
CATALOG_SHARE = 0.1                # the content index catalog: a tenth of the database (R-COPY-19)
CRAWL_SECONDS = 300                # R-COPY-21: a catalog not seeded is Crawling until caught up (uncertain)
PLAY_DOWN_LOGS_PER_SECOND = 2      # R-TIMING-13: a lagged copy replays its queue at least 2 logs a second
ACTIVE_STATES = ("Mounted", "Dismounted", "Mounting", "Dismounting")
LIVE_STATES = ("Healthy", "SeedingSource", "Resynchronizing")
PASSIVE_STATES = ("Healthy", "Initializing", "Resynchronizing", "Seeding", "SeedingSource", "Suspended",
                  "FailedAndSuspended", "Failed", "ServiceDown", "DisconnectedAndHealthy",
                  "DisconnectedAndResynchronizing", "SinglePageRestore", "Misconfigured", "Unknown")   # R-COPY-2


@attrs.frozen
class CopyStatus:
    """What Get-MailboxDatabaseCopyStatus reports for one copy, at one instant (R-COPY-16)."""

    identity: str
    name: str
    database_name: str
    mailbox_server: str
    status: str
    active_database_copy: str
    active_copy: bool
    activation_preference: int
    activation_suspended: bool
    suspend_comment: str | None
    error_message: str | None
    content_index_state: str
    copy_queue_length: int
    replay_queue_length: int
    latest_available_log_time: dt.datetime | None
    last_copy_notified_log_time: dt.datetime | None
    last_copied_log_time: dt.datetime | None
    last_inspected_log_time: dt.datetime | None
    last_replayed_log_time: dt.datetime | None
    last_log_generated: int
    last_log_copy_notified: int
    last_log_copied: int
    last_log_inspected: int
    last_log_replayed: int
    logs_replayed_since_instance_start: int
    logs_copied_since_instance_start: int
    replay_lag_time: dt.timedelta
    truncation_lag_time: dt.timedelta
    incoming_log_copying_network: str | None
    seeding_network: str | None
    outgoing_connections: tuple[str, ...] | None
    last_status_transition_time: dt.datetime | None

    @property
    def copy_status(self) -> str:
        """Beta 1 column name (R-DAG-46)."""
        return self.status


def is_active(db: "MailboxDatabase", copy: "DatabaseCopy") -> bool:
    return copy.server.lower() == db.active_server.lower()


def inspected_gen(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> int:
    if is_active(db, copy):
        return db.generated_at(world.now)
    return db.generated_at(world.now) if copy.live else copy.frozen_gen


def replayed_gen(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> int:
    """R-COPY-17: a lagged copy replays a log once it is older than ReplayLagTime; one playing
    down (R-DB-11) replays what it holds at R-TIMING-13's rate."""
    inspected = inspected_gen(world, db, copy)
    if copy.play_down_since is not None and copy.is_lagged and not is_active(db, copy):
        played = int((world.now - copy.play_down_since).total_seconds() * PLAY_DOWN_LOGS_PER_SECOND)
        return min(inspected, copy.replay_floor + played)
    if is_active(db, copy) or not copy.live:
        return inspected if is_active(db, copy) else min(copy.replay_floor, inspected)
    if not copy.is_lagged:
        return inspected
    due = db.generated_at(world.now - copy.replay_lag_time)
    return min(inspected, max(copy.replay_floor, due))


def copy_status(world: "World", copy: "DatabaseCopy") -> CopyStatus:
    """The live status record of one copy (R-COPY-2, R-COPY-16)."""
    db = world.database(copy.database)
    active = is_active(db, copy)
    generated = db.generated_at(world.now)
    inspected = 0 if active else inspected_gen(world, db, copy)
    replayed = 0 if active else replayed_gen(world, db, copy)
    t = db.time_of
    return CopyStatus(
        identity=copy.identity, name=copy.identity, database_name=db.name, mailbox_server=copy.server,
        status=copy.status, active_database_copy=db.active_server.lower(), active_copy=active,
        activation_preference=copy.activation_preference, activation_suspended=copy.activation_suspended,
        suspend_comment=copy.suspend_comment, error_message=copy.error_message,
        content_index_state=copy.content_index_state,
        copy_queue_length=0 if active else max(generated - inspected, 0),
        replay_queue_length=0 if active else max(inspected - replayed, 0),
        latest_available_log_time=None if active else t(generated),
        last_copy_notified_log_time=None if active else t(generated),
        last_copied_log_time=None if active else t(inspected),
        last_inspected_log_time=None if active else t(inspected),
        last_replayed_log_time=None if active else t(replayed),
        last_log_generated=0 if active else generated, last_log_copy_notified=0 if active else generated,
        last_log_copied=inspected, last_log_inspected=inspected, last_log_replayed=replayed,
        logs_replayed_since_instance_start=0 if active else max(replayed - copy.instance_start_gen, 0),
        logs_copied_since_instance_start=0 if active else max(inspected - copy.instance_start_gen, 0),
        replay_lag_time=copy.replay_lag_time, truncation_lag_time=copy.truncation_lag_time,
        incoming_log_copying_network=None if active else copy.incoming_log_copying_network,
        seeding_network=copy.seeding_network,
        outgoing_connections=outgoing_connections(world, db, copy),
        last_status_transition_time=copy.status_since,
    )


def connection_text(partner: str, network: str | None, seeding: bool = False) -> str:
    """R-NET-18: how the Replication service describes one log-copy connection: ``{partner,network}``,
    with the direction added for a seeding connection."""
    return "{" + f"{partner},{network or ''}" + (",Outgoing" if seeding else "") + "}"


def outgoing_connections(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> tuple[str, ...] | None:
    """R-NET-18: an active copy with more than one copy lists one connection per passive copy
    whose log copier is connected to it (file mode); a passive seeding source reports the
    (empty) list too, its seed showing under SeedingNetwork. Other copies report nothing."""
    if is_active(db, copy):
        if len(db.copies) < 2:
            return None
        return tuple(connection_text(c.server, c.incoming_log_copying_network) for c in db.passive_copies
                     if c.live and not c.disconnected and c.incoming_log_copying_network is not None)
    if copy.status == "SeedingSource":
        return ()
    return None


# --- status changes -----------------------------------------------------------------------
def current_copy(world: "World", database: str, server: str, epoch: int) -> tuple[Any, Any]:
    """(db, copy) for a timer whose copy has not changed status since it was queued, else (None, None)."""
    db = world.databases.get(database)
    copy = db.copy_on(server) if db else None
    if copy is None or copy.epoch != epoch:
        return None, None
    return db, copy


def set_status(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", status: str,
               error: str | None = None) -> ev.Event:
    """Change a copy's status; freezing or resuming log intake as the status implies."""
    was_live = copy.live
    if was_live and status not in LIVE_STATES:
        copy.frozen_gen = inspected_gen(world, db, copy)
        copy.replay_floor = replayed_gen(world, db, copy)
        if copy.play_down_since is not None:          # the play-down goes on from here (R-DB-11)
            copy.play_down_since = world.now
    copy.live = status in LIVE_STATES and not is_active(db, copy)
    if copy.live and not was_live and not copy.is_lagged:
        copy.replay_floor = db.generated_at(world.now)
    copy.status = status
    copy.error_message = error
    copy.status_since = world.now
    copy.epoch += 1
    copy.content_index_state = index_state(world, copy, status)
    return ev.info(f"Database copy '{copy.identity}' is now {status}.")


def index_state(world: "World", copy: "DatabaseCopy", status: str) -> str:
    """R-COPY-21: [2016 CU4+] a healthy lagged copy's catalog is AutoSuspended."""
    if status == "Healthy" and copy.is_lagged and world.version_at_least("2016"):
        return "AutoSuspended"
    return _index_state(status)


def _index_state(status: str) -> str:
    """R-COPY-21: the catalog follows the copy, roughly."""
    if status in ("Mounted", "Healthy", "SeedingSource", "Dismounted", "DisconnectedAndHealthy"):
        return "Healthy"
    if status in ("Seeding",):
        return "Seeding"
    if status in ("Suspended",):
        return "Suspended"
    if status in ("Failed",):
        return "Failed"
    if status in ("FailedAndSuspended",):
        return "FailedAndSuspended"
    return "Unknown"


def schedule(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", seconds: float, status: str) -> None:
    """Queue ``copy`` to move to ``status`` unless something changes it first."""
    world.clock.call_later(seconds, CopyStatusTimer(db.guid, copy.server, copy.epoch, status))


@attrs.frozen
class CopyStatusTimer:
    """A fixed next status (the Beta 1 sequences of D7)."""

    database: str
    server: str
    epoch: int
    status: str

    def __call__(self, world: "World") -> None:
        db, copy = current_copy(world, self.database, self.server, self.epoch)
        if copy is not None:
            world.record(enter(world, db, copy, self.status))


# How long a status lasts before ``Settle`` decides what follows it.
SETTLE_AFTER = {"Initializing": INITIALIZING_SECONDS, "Resynchronizing": RESYNC_SECONDS,
                "Failed": FAILED_RECHECK_SECONDS}
ERRORS = {
    "corrupt": "The database copy is corrupt and must be reseeded with Update-MailboxDatabaseCopy.",
    "failed": "The log copier couldn't read a log file from the source; it will be copied again.",
    "disk_full": "There is not enough space on the log volume of server '{server}'.",
}


def enter(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", status: str,
          error: str | None = None) -> list[ev.Event]:
    """``set_status`` plus the timer that settles the new status (R-COPY-5/6/8)."""
    out = [set_status(world, db, copy, status, error)]
    server = world.server(copy.server)
    if status in SETTLE_AFTER and server is not None and server.service_running("MSExchangeRepl"):
        world.clock.call_later(SETTLE_AFTER[status], Settle(db.guid, copy.server, copy.epoch))
    return out


def failure_of(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> str | None:
    """What keeps a passive copy from replicating: 'corrupt', 'disk_full', 'failed' or None."""
    server = world.server(copy.server)
    if copy.fault == "corrupt":
        return "corrupt"
    if server is not None and server.log_volume_full:
        return "disk_full"
    return copy.fault


def fail(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", cause: str) -> list[ev.Event]:
    """R-COPY-8/R-COPY-9: corrupt -> FailedAndSuspended (needs a reseed); otherwise Failed."""
    text = ERRORS[cause].format(server=copy.server)
    out = abort_seeds_from(world, db, copy.server)
    if cause == "corrupt":
        copy.activation_suspended = True
        return out + enter(world, db, copy, "FailedAndSuspended", text)
    return out + enter(world, db, copy, "Failed", text)


@attrs.frozen
class Settle:
    """End of Initializing / Resynchronizing, or a Failed copy's re-check."""

    database: str
    server: str
    epoch: int

    def __call__(self, world: "World") -> None:
        db, copy = current_copy(world, self.database, self.server, self.epoch)
        if copy is not None and not is_active(db, copy):
            world.record(settle_copy(world, db, copy))


def settle_copy(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    cause = failure_of(world, db, copy)
    if copy.status == "Failed":
        if cause in (None, "failed"):                       # R-COPY-8: re-fetched, cause gone
            copy.fault = None
            return enter(world, db, copy, "Initializing")
        if cause == "disk_full":                            # still full: look again later
            world.clock.call_later(FAILED_RECHECK_SECONDS, Settle(db.guid, copy.server, copy.epoch))
            return []
        return fail(world, db, copy, cause)
    if cause is not None:
        return fail(world, db, copy, cause)
    copy.disconnected = copy.disconnected or cut_off_from_source(world, db, copy)
    if copy.status == "Initializing" and copy.divergent:
        return enter(world, db, copy, "Resynchronizing")    # R-COPY-5 -> R-COPY-6
    if copy.status == "Resynchronizing" and copy.disconnected:
        return enter(world, db, copy, "DisconnectedAndResynchronizing")     # R-COPY-11
    copy.divergent = False
    out = enter(world, db, copy, "Healthy")
    if copy.crawl_pending:                                  # R-COPY-21
        copy.crawl_pending = False
        copy.content_index_state = "Crawling"
        world.clock.call_later(CRAWL_SECONDS, IndexTimer(db.guid, copy.server, copy.epoch, "Healthy"))
    if copy.disconnected:                                   # R-COPY-11
        out += enter(world, db, copy, "DisconnectedAndHealthy")
    return out


def cut_off_from_source(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> bool:
    """R-COPY-11: both servers up, but a cut site link between them (adapter-level paths are
    re-checked when an adapter changes, ``networks_changed``)."""
    source, server = world.server(db.active_server), world.server(copy.server)
    return source is not None and source.is_up and not partition.sites_connected(world, server, source)


def start_replication(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> ev.Event:
    """R-COPY-5: a new replica instance: Initializing for R-TIMING-7, then Healthy (or what the
    copy's state dictates); the per-instance log counters start again."""
    restart_instance(world, db, copy)
    return enter(world, db, copy, "Initializing")[0]


def restart_instance(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> None:
    """InstanceStartTime and the logs-since-instance-start counters begin now."""
    copy.instance_start = world.now
    copy.instance_start_gen = inspected_gen(world, db, copy)


# --- suspend and resume ----------------------------------------------------------------------
def suspend(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", activation_only: bool,
            comment: str | None) -> list[ev.Event]:
    """R-COPY-14: full suspend -> Suspended and blocked for activation; -ActivationOnly -> blocked."""
    copy.activation_suspended = True
    copy.suspend_comment = comment
    if activation_only or copy.status in ("Suspended", "FailedAndSuspended"):
        return [ev.info(f"Database copy '{copy.identity}' is suspended for activation.", "R-COPY-14")]
    return enter(world, db, copy, "Suspended")


def resume(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", replication_only: bool,
           disable_replay_lag: bool) -> list[ev.Event]:
    """R-COPY-15: Initializing -> (Resynchronizing) -> Healthy, or back to FailedAndSuspended;
    the log-shipping network is chosen again (R-NET-16). The active copy only loses its
    activation block, with a warning."""
    if is_active(db, copy):
        copy.activation_suspended = copy.activation_suspended and replication_only
        return [ev.warning(f"Database copy '{copy.identity}' is the active copy of database '{db.name}' on server "
                           f"'{copy.server}'; there is no replication to resume.", "R-COPY-15")]
    if not replication_only:
        copy.activation_suspended = False
        copy.suspend_comment = None
    copy.lag_disabled = disable_replay_lag
    if copy.status not in ("Suspended", "FailedAndSuspended"):
        return [ev.info(f"Database copy '{copy.identity}' may be activated again.", "R-COPY-15")]
    copy.incoming_log_copying_network = pick_network(world, db, copy)
    copy.disconnected = copy.incoming_log_copying_network is None
    return enter(world, db, copy, "Initializing")


# --- log shipping networks -------------------------------------------------------------------
def _connected(world: "World", net: Any, a: str, b: str) -> bool:
    """Both servers are up with an adapter up in one of the network's subnets."""
    def up_in(name: str) -> bool:
        server = world.server(name)
        return server is not None and server.is_up and any(
            (nic := server.nic_on(subnet)) is not None and nic.up for subnet in net.subnet_ids)
    return up_in(a) and up_in(b) and partition.sites_connected(world, world.server(a), world.server(b))  # R-COPY-11


def pick_network(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> str | None:
    """R-NET-14: a replication network connecting source and target, picked at random (seeded);
    none -> the MAPI network, even with replication disabled (R-NET-15); none at all -> None."""
    dag = world.dag_of(copy.server)
    if dag is None:
        return None
    usable = [n for n in dag.networks if n.replication_enabled and not n.ignore_network and not n.mapi_access_enabled
              and _connected(world, n, db.active_server, copy.server)]
    if usable:
        return world.rng.choice(usable).name
    mapi = [n for n in dag.networks if n.mapi_access_enabled and _connected(world, n, db.active_server, copy.server)]
    return mapi[0].name if mapi else partition.routed_network(world, dag, db.active_server, copy.server)


def networks_changed(world: "World") -> list[ev.Event]:
    """An adapter went down or up: copies whose network broke move to another one (R-NET-15);
    copies on the MAPI network stay there (R-NET-16); a copy with no path is Disconnected
    (R-COPY-11) and gets its prior state back when a path returns."""
    out: list[ev.Event] = []
    for db in world.databases.values():
        if len(db.copies) < 2:
            continue
        for copy in db.passive_copies:
            out += _recheck_path(world, db, copy)
    return out


def _recheck_path(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    server, source = world.server(copy.server), world.server(db.active_server)
    if not (server.is_up and source.is_up and server.service_running("MSExchangeRepl")):
        return []
    dag = world.dag_of(copy.server)
    current = next((n for n in dag.networks if n.name == copy.incoming_log_copying_network), None) if dag else None
    usable = current is not None and not current.ignore_network and (
        current.mapi_access_enabled or current.replication_enabled)
    if usable and _connected(world, current, db.active_server, copy.server) and not copy.disconnected:
        return []
    network = pick_network(world, db, copy)
    if network is None:
        if copy.disconnected:
            return []
        copy.disconnected = True
        state = {"Healthy": "DisconnectedAndHealthy", "Resynchronizing": "DisconnectedAndResynchronizing"}
        return enter(world, db, copy, state[copy.status]) if copy.status in state else []
    copy.incoming_log_copying_network = network
    out = [ev.info(f"Database copy '{copy.identity}' now copies logs over '{network}'.", "R-NET-15")]
    if copy.disconnected:
        copy.disconnected = False
        back = {"DisconnectedAndHealthy": "Healthy", "DisconnectedAndResynchronizing": "Resynchronizing"}
        if copy.status in back:
            out += enter(world, db, copy, back[copy.status])
    return out


# --- seeding -------------------------------------------------------------------------------
def seed_seconds(db: "MailboxDatabase", catalog: bool = False, database: bool = True) -> float:
    """R-TIMING-13: (database and/or catalog) size / 20 MB/s."""
    size = (db.size_bytes if database else 0) + (db.size_bytes * CATALOG_SHARE if catalog else 0)
    return float(max(1, math.ceil(size / SEED_BYTES_PER_SECOND)))


def start_seeding(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", source: str | None = None,
                  manual_resume: bool = False, database_only: bool = False,
                  network: str | None = None) -> list[ev.Event]:
    """R-COPY-3/R-COPY-19: target Seeding, a passive source SeedingSource; afterwards
    Initializing (or Suspended with -ManualResume)."""
    copy.frozen_gen = db.generated_at(world.now)
    copy.replay_floor = copy.frozen_gen
    out = [set_status(world, db, copy, "Seeding")]
    copy.seeding_source = source or db.active_server
    source_copy = db.copy_on(copy.seeding_source)
    if source_copy is not None and not is_active(db, source_copy):
        out.append(set_status(world, db, source_copy, "SeedingSource"))
    from state.reconfigure import seeding_network
    copy.seeding_network = network or seeding_network(world, world.dag_of(copy.server), copy.seeding_source,
                                                      copy.server)
    seconds = seed_seconds(db, catalog=not database_only)
    world.clock.call_later(seconds, SeedDone(db.guid, copy.server, copy.epoch, manual_resume, database_only))
    return out


def seed_catalog(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    """Update-MailboxDatabaseCopy -CatalogOnly: the index is Seeding, then Healthy (R-COPY-19/21)."""
    copy.content_index_state = "Seeding"
    world.clock.call_later(seed_seconds(db, catalog=True, database=False),
                           IndexTimer(db.guid, copy.server, copy.epoch, "Healthy"))
    return [ev.info(f"Seeding the content index catalog of '{copy.identity}'.", "R-COPY-19")]


@attrs.frozen
class IndexTimer:
    """The content index of a copy changes state (R-COPY-21)."""

    database: str
    server: str
    epoch: int
    state: str

    def __call__(self, world: "World") -> None:
        _, copy = current_copy(world, self.database, self.server, self.epoch)
        if copy is not None:
            copy.content_index_state = self.state


def _release_source(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    source = db.copy_on(copy.seeding_source or "")
    copy.seeding_source = None
    if source is not None and source.status == "SeedingSource":
        return [set_status(world, db, source, "Healthy")]
    return []


@attrs.frozen
class SeedDone:
    database: str
    server: str
    epoch: int
    manual_resume: bool = False
    database_only: bool = False

    def __call__(self, world: "World") -> None:
        db, copy = current_copy(world, self.database, self.server, self.epoch)
        if copy is not None:
            world.record(finish_seed(world, db, copy, self.manual_resume, self.database_only))


def finish_seed(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", manual_resume: bool,
                database_only: bool) -> list[ev.Event]:
    """Seed complete: files on the target, fault cleared; replication resumes unless -ManualResume."""
    out = _release_source(world, db, copy)
    copy.seeding_network = None                       # shown only while seeding (R-NET-19)
    world.server(copy.server).files[db.edb_file_path] = ""
    copy.fault = None
    copy.divergent = False
    if manual_resume:
        return out + [set_status(world, db, copy, "Suspended")]
    copy.activation_suspended = False
    copy.suspend_comment = None
    # Logs generated while seeding wait for replay (a lagged copy keeps them, R-COPY-17).
    restart_instance(world, db, copy)
    out += enter(world, db, copy, "Initializing")
    if database_only:
        copy.crawl_pending = True
    return out


def cancel_seed(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy",
                text: str = "The seeding operation was cancelled.") -> list[ev.Event]:
    """-CancelSeed: the half-seeded copy is FailedAndSuspended until seeded again."""
    out = _release_source(world, db, copy)
    copy.seeding_network = None
    copy.fault = "corrupt"
    return out + enter(world, db, copy, "FailedAndSuspended", text)


SEED_ABORTED = ("The seeding operation failed. A network communication error occurred while reading from "
                "source server '{source}'.")


def abort_seeds_from(world: "World", db: "MailboxDatabase", source: str | None = None) -> list[ev.Event]:
    """R-COPY-20: seeds from a passive ``source`` (any passive source when None, e.g. after a
    failover) end with a network communication error."""
    out: list[ev.Event] = []
    for target in [c for c in db.copies if c.status == "Seeding" and c.seeding_source]:
        from_passive = target.seeding_source.lower() != db.active_server.lower()
        if from_passive and (source is None or target.seeding_source.lower() == source.lower()):
            out += cancel_seed(world, db, target, SEED_ABORTED.format(source=target.seeding_source))
    return out


def is_settling(copy: "DatabaseCopy") -> bool:
    """True while a new copy is still Seeding or Initializing (Add-MailboxDatabaseCopy waits)."""
    return copy.status in ("Seeding", "Initializing")


def active_is_seeding_source(db: "MailboxDatabase") -> bool:
    """R-AM-17: a seed reads from the active copy right now."""
    return any(c.status == "Seeding" and (c.seeding_source or "").lower() == db.active_server.lower()
               for c in db.copies)
