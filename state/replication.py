"""Continuous replication in virtual time: copy status, queues, seeding, status timers.

Nothing ticks. A passive copy that is ``live`` has copied and inspected every log the active
copy has generated (within R-TIMING-8's second); a non-live copy is frozen at
``frozen_gen``. Replay follows inspection, or lags ``ReplayLagTime`` behind it (R-COPY-17).
Status changes are timers (``CopyStatusTimer``) queued on the clock; each status change bumps
the copy's ``epoch`` so an outdated timer does nothing."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import attrs

from state import events as ev

if TYPE_CHECKING:
    from state.model import DatabaseCopy, MailboxDatabase
    from state.world import World

INITIALIZING_SECONDS = 15          # R-TIMING-7
SEED_BYTES_PER_SECOND = 20 * 1024 * 1024   # R-TIMING-13
FAILED_RECHECK_SECONDS = 60        # R-TIMING-10
ACTIVE_STATES = ("Mounted", "Dismounted", "Mounting", "Dismounting")
LIVE_STATES = ("Healthy", "SeedingSource", "Resynchronizing")


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
    outgoing_connections: str | None
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
    """R-COPY-17: a lagged copy replays a log once it is older than ReplayLagTime."""
    inspected = inspected_gen(world, db, copy)
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
        logs_replayed_since_instance_start=0, logs_copied_since_instance_start=0,
        replay_lag_time=copy.replay_lag_time, truncation_lag_time=copy.truncation_lag_time,
        incoming_log_copying_network=None if active else copy.incoming_log_copying_network,
        seeding_network=copy.seeding_network,
        outgoing_connections=None, last_status_transition_time=copy.status_since,
    )


# --- status changes -----------------------------------------------------------------------
def set_status(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", status: str,
               error: str | None = None) -> ev.Event:
    """Change a copy's status; freezing or resuming log intake as the status implies."""
    was_live = copy.live
    if was_live and status not in LIVE_STATES:
        copy.frozen_gen = inspected_gen(world, db, copy)
        copy.replay_floor = replayed_gen(world, db, copy)
    copy.live = status in LIVE_STATES and not is_active(db, copy)
    if copy.live and not was_live and not copy.is_lagged:
        copy.replay_floor = db.generated_at(world.now)
    copy.status = status
    copy.error_message = error
    copy.status_since = world.now
    copy.epoch += 1
    copy.content_index_state = _index_state(status)
    return ev.info(f"Database copy '{copy.identity}' is now {status}.")


def _index_state(status: str) -> str:
    """R-COPY-21: the catalog follows the copy, roughly."""
    if status in ("Mounted", "Healthy", "SeedingSource", "Dismounted"):
        return "Healthy"
    if status in ("Seeding",):
        return "Seeding"
    if status in ("Suspended",):
        return "Suspended"
    if status in ("Failed", "FailedAndSuspended"):
        return "Failed"
    return "Unknown"


def schedule(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", seconds: float, status: str) -> None:
    """Queue ``copy`` to move to ``status`` unless something changes it first."""
    world.clock.call_later(seconds, CopyStatusTimer(db.guid, copy.server, copy.epoch, status))


@attrs.frozen
class CopyStatusTimer:
    database: str
    server: str
    epoch: int
    status: str

    def __call__(self, world: "World") -> None:
        db = world.databases.get(self.database)
        copy = db.copy_on(self.server) if db else None
        if copy is None or copy.epoch != self.epoch:
            return
        world.record([set_status(world, db, copy, self.status)])
        server = world.server(copy.server)
        follow = NEXT_STATUS.get(self.status)
        if follow and server is not None and server.service_running("MSExchangeRepl"):
            seconds, status = follow
            schedule(world, db, copy, seconds, status)


# Initializing settles to Healthy (R-COPY-5); a beta Failed copy re-checks (R-TIMING-10).
NEXT_STATUS = {"Initializing": (INITIALIZING_SECONDS, "Healthy"),
               "Resynchronizing": (1, "Healthy")}


def start_replication(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> ev.Event:
    """R-COPY-5: Initializing for R-TIMING-7, then Healthy (via the timer chain)."""
    e = set_status(world, db, copy, "Initializing")
    schedule(world, db, copy, INITIALIZING_SECONDS, "Healthy")
    return e


# --- seeding -------------------------------------------------------------------------------
def seed_seconds(db: "MailboxDatabase") -> float:
    """R-TIMING-13: database size / 20 MB/s."""
    return float(max(1, math.ceil(db.size_bytes / SEED_BYTES_PER_SECOND)))


def start_seeding(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    """R-COPY-3/R-COPY-19: target Seeding, source SeedingSource; afterwards Initializing."""
    copy.frozen_gen = db.generated_at(world.now)
    copy.replay_floor = copy.frozen_gen
    out = [set_status(world, db, copy, "Seeding")]
    copy.seeding_network = None
    world.clock.call_later(seed_seconds(db), SeedDone(db.guid, copy.server, copy.epoch))
    return out


@attrs.frozen
class SeedDone:
    database: str
    server: str
    epoch: int

    def __call__(self, world: "World") -> None:
        db = world.databases.get(self.database)
        copy = db.copy_on(self.server) if db else None
        if copy is None or copy.epoch != self.epoch:
            return
        # Logs generated while seeding wait for replay (a lagged copy keeps them, R-COPY-17).
        world.record([start_replication(world, db, copy)])


def is_settling(copy: "DatabaseCopy") -> bool:
    """True while a new copy is still Seeding or Initializing (Add-MailboxDatabaseCopy waits)."""
    return copy.status in ("Seeding", "Initializing")
