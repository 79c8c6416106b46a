"""The replay lag manager [2013+] (R-DB-11): lagged copies that play their logs down.

With ``ReplayLagManagerEnabled`` on the DAG, the Replication service looks at every lagged copy
once a minute. A lagged copy plays down (replays its whole replay queue, R-TIMING-13's two logs
a second) when fewer than three healthy copies that aren't lagged (the active copy counts) have
been available for 24 hours, when its log volume runs out of space, or when a damaged page
needs the logs it holds back (page patching). Once the cause has been gone for five minutes the
lag is back in effect. The emulator has no disk latency, so a play-down is never deferred:
``ReplayLagMaxDelay`` (the longest deferral) is kept and shown but never waited for.
What Get-MailboxDatabaseCopyStatus shows of it is ``lag_status``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from state import events as ev, replication as repl

if TYPE_CHECKING:
    from state.model import DatabaseAvailabilityGroup, DatabaseCopy, MailboxDatabase
    from state.world import World

POLL_SECONDS = 60                  # the manager's poller interval (ReplayLagManagerPollerIntervalInMsec)
MIN_HEALTHY_COPIES = 3             # ReplayLagManagerNumAvailableCopies
SHORTFALL_SECONDS = 24 * 3600      # R-TIMING-14: fewer than 3 available copies for 24 h
RESTORE_SECONDS = 300              # the lag comes back after its cause has been gone 5 min
HEALTHY = ("Healthy",)
WHY = {
    "LagDisabled": f"fewer than {MIN_HEALTHY_COPIES} healthy copies that aren't lagged have been available "
                   f"for 24 hours",
    "NotEnoughFreeSpace": "its log volume is low on free space",
    "LogsInRequiredRange": "a damaged page needs the logs it holds for page patching",
}


def enabled(world: "World", dag: "DatabaseAvailabilityGroup | None") -> bool:
    """R-DB-11: ReplayLagManagerEnabled ($false by default) on a 2013+ DAG."""
    return (dag is not None and world.version_at_least("2013")
            and dag.auto_dag_settings.get("ReplayLagManagerEnabled") is True)


def after_set_dag(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """Set-DatabaseAvailabilityGroup: turning the manager on starts its poller; turning it off
    puts the lag back on every copy it played down."""
    if enabled(world, dag):
        if not any(isinstance(c.action, LagManagerPoll) and c.action.dag == dag.name.lower()
                   for c in world.clock.pending()):
            world.clock.call_later(POLL_SECONDS, LagManagerPoll(dag.name.lower()))
        return []
    out: list[ev.Event] = []
    for db, copy in lagged_copies(world, dag):
        copy.lag_shortfall_since = copy.lag_restore_since = None
        if copy.play_down_reason != "None":
            out += restore_lag(world, db, copy)
    return out


@attrs.frozen
class LagManagerPoll:
    """One pass of the manager over a DAG's lagged copies; the next one is a minute later. A pass
    looks again only when the journal has grown (something happened) or a wait it counts ends
    (``due``): otherwise nothing it reads can have changed."""

    dag: str
    seen: int = -1
    due: dt.datetime | None = None

    def __call__(self, world: "World") -> None:
        dag = world.dags.get(self.dag)
        if not enabled(world, dag):
            return
        seen, due = self.seen, self.due
        if seen != len(world.journal) or (due is not None and world.now >= due):
            world.record(poll(world, dag))
            seen, due = len(world.journal), next_due(world, dag)
        world.clock.call_later(POLL_SECONDS, LagManagerPoll(self.dag, seen, due))


def next_due(world: "World", dag: "DatabaseAvailabilityGroup") -> dt.datetime | None:
    """The first moment a waiting lagged copy's count runs out (24 h short, 5 min restored)."""
    ends = []
    for _, copy in lagged_copies(world, dag):
        if copy.lag_shortfall_since is not None and copy.play_down_reason == "None":
            ends.append(copy.lag_shortfall_since + dt.timedelta(seconds=SHORTFALL_SECONDS))
        if copy.lag_restore_since is not None:
            ends.append(copy.lag_restore_since + dt.timedelta(seconds=RESTORE_SECONDS))
    return min(ends, default=None)


def lagged_copies(world: "World", dag: "DatabaseAvailabilityGroup") -> list[tuple["MailboxDatabase", "DatabaseCopy"]]:
    """Passive copies with a replay lag, of the DAG's replicated databases."""
    return [(db, c) for db, c in passive_copies(world, dag) if c.replay_lag_time > dt.timedelta(0)]


def passive_copies(world: "World", dag: "DatabaseAvailabilityGroup") -> list[tuple["MailboxDatabase", "DatabaseCopy"]]:
    out = []
    for db in world.databases.values():
        if len(db.copies) > 1 and world.dag_of(db.active_server) is dag:
            out += [(db, c) for c in db.passive_copies]
    return out


def poll(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    out: list[ev.Event] = []
    for db, copy in passive_copies(world, dag):
        if copy.replay_lag_time == dt.timedelta(0) or copy.lag_disabled:
            # No lag, or an admin's Resume -DisableReplayLag: the manager leaves the copy alone.
            copy.play_down_reason, copy.play_down_since = "None", None
            copy.lag_shortfall_since = copy.lag_restore_since = None
            continue
        reason = play_down_cause(world, db, copy)
        if reason is not None:
            copy.lag_restore_since = None
            if copy.play_down_reason == "None":
                out += start_play_down(world, db, copy, reason)
        elif copy.play_down_reason != "None":
            copy.lag_restore_since = copy.lag_restore_since or world.now
            if (world.now - copy.lag_restore_since).total_seconds() >= RESTORE_SECONDS:
                out += restore_lag(world, db, copy)
    return out


def healthy_copies(db: "MailboxDatabase") -> int:
    """Copies that aren't lagged and are available: the mounted active copy and Healthy passives."""
    return sum(1 for c in db.copies if c.replay_lag_time == dt.timedelta(0) and (
        (c is db.active_copy and db.mounted) or (c is not db.active_copy and c.status in HEALTHY)))


def play_down_cause(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> str | None:
    """The PlayDownReason that holds now, or None; counts how long copies have been short."""
    server = world.server(copy.server)
    short = healthy_copies(db) < MIN_HEALTHY_COPIES
    if not short:
        copy.lag_shortfall_since = None
    elif copy.lag_shortfall_since is None:
        copy.lag_shortfall_since = world.now
    if server is not None and server.log_volume_full:
        return "NotEnoughFreeSpace"
    if copy.page_patch_pending:
        return "LogsInRequiredRange"
    if short and (world.now - copy.lag_shortfall_since).total_seconds() >= SHORTFALL_SECONDS:
        return "LagDisabled"
    return None


def start_play_down(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", reason: str) -> list[ev.Event]:
    """The copy replays everything it has inspected, from where its lag held it."""
    floor = repl.replayed_gen(world, db, copy)
    queue = max(repl.inspected_gen(world, db, copy) - floor, 0)
    copy.replay_floor = floor
    copy.play_down_since = world.now
    copy.play_down_reason = reason
    world.clock.call_later(_seconds_for(queue), PlayDownDone(db.guid, copy.server))
    return [ev.info(f"Lagged database copy '{copy.identity}' is playing down its {queue} queued logs: "
                    f"{WHY[reason]}.", "R-DB-11")]


def _seconds_for(logs: int) -> float:
    return max(1.0, logs / repl.PLAY_DOWN_LOGS_PER_SECOND)


@attrs.frozen
class PlayDownDone:
    """Reports the end of a play-down once the replay queue is empty (logs keep arriving)."""

    database: str
    server: str

    def __call__(self, world: "World") -> None:
        db = world.databases.get(self.database)
        copy = db.copy_on(self.server) if db is not None else None
        if copy is None or copy.play_down_since is None or repl.is_active(db, copy):
            return
        queue = repl.inspected_gen(world, db, copy) - repl.replayed_gen(world, db, copy)
        if queue > 0:
            world.clock.call_later(_seconds_for(queue), PlayDownDone(self.database, self.server))
            return
        copy.page_patch_pending = False             # the patched page is written
        world.record([ev.info(f"Lagged database copy '{copy.identity}' has played down its logs; its replay "
                              f"queue is empty.", "R-DB-11")])


def restore_lag(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    """The lag is back in effect: replay waits again for logs older than ReplayLagTime."""
    copy.replay_floor = repl.replayed_gen(world, db, copy)
    copy.play_down_since = None
    copy.play_down_reason = "None"
    copy.lag_restore_since = None
    return [ev.info(f"Replay lag of lagged database copy '{copy.identity}' is back in effect.", "R-DB-11")]


def request_page_patch(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> list[ev.Event]:
    """A damaged page on a lagged copy: with the manager on, the next pass plays its logs down."""
    copy.page_patch_pending = True
    return [ev.info(f"Database copy '{copy.identity}' has a damaged page that needs page patching.", "R-DB-11")]


@attrs.frozen
class LagStatus:
    """ReplayLagStatus of one copy, as Get-MailboxDatabaseCopyStatus reports it."""

    enabled: bool
    play_down_reason: str
    percentage: int
    configured: dt.timedelta
    max_delay: dt.timedelta
    actual: dt.timedelta


def lag_status(world: "World", copy: "DatabaseCopy") -> LagStatus:
    """Enabled while a passive lagged copy holds its lag; Actual = now - last replayed log time."""
    db = world.database(copy.database)
    active = repl.is_active(db, copy)
    reason = "LagDisabled" if copy.lag_disabled and copy.play_down_reason == "None" else copy.play_down_reason
    in_effect = copy.replay_lag_time > dt.timedelta(0) and not active and reason == "None"
    replayed = None if active else db.time_of(repl.replayed_gen(world, db, copy))
    actual = world.now - replayed if replayed is not None and world.now > replayed else dt.timedelta(0)
    actual = dt.timedelta(seconds=int(actual.total_seconds()))
    percentage = 0
    if in_effect:
        percentage = min(100, int(actual.total_seconds() * 100 // copy.replay_lag_time.total_seconds()))
    return LagStatus(in_effect, reason, percentage, copy.replay_lag_time, copy.replay_lag_max_delay, actual)
