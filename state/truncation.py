"""Log truncation (R-DB-15): which log generations a copy may delete.

The active copy deletes a log once it is below the checkpoint, backed up (or circular logging
is on), replayed by every non-lagged passive copy, and inspected by every lagged copy and older
than that copy's ReplayLagTime + TruncationLagTime. While a passive copy is suspended its
replay stands still, so the active copy truncates nothing past it. A passive copy deletes what
it has replayed and the active copy has already deleted; a lagged one only logs older than its
two lag times. Nothing is stored: the points are worked out from the log stream, the copies'
positions and the backup times when someone asks (Get-MailboxDatabaseCopyStatus'
LowestLogPresent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from state import replication as repl

if TYPE_CHECKING:
    from state.model import DatabaseCopy, MailboxDatabase
    from state.world import World


def _lag_point(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> int:
    """The newest generation older than the copy's ReplayLagTime + TruncationLagTime."""
    return db.generated_at(world.now - copy.replay_lag_time - copy.truncation_lag_time)


def active_truncation_point(world: "World", db: "MailboxDatabase") -> int:
    """The newest generation the active copy has deleted (0: none)."""
    generated = db.generated_at(world.now)
    limit = generated - 1                                     # the checkpoint: the open log stays
    if not db.circular_logging_enabled:
        backups = [t for t in (db.last_full_backup, db.last_incremental_backup) if t is not None]
        limit = min(limit, db.generated_at(max(backups)) if backups else 0)
    for copy in db.passive_copies:
        if copy.is_lagged:
            limit = min(limit, repl.inspected_gen(world, db, copy), _lag_point(world, db, copy))
        else:
            limit = min(limit, repl.replayed_gen(world, db, copy))
    return max(limit, 0)


def passive_truncation_point(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy") -> int:
    """The newest generation a passive copy has deleted: replayed and gone on the active."""
    limit = min(active_truncation_point(world, db), repl.replayed_gen(world, db, copy))
    if copy.is_lagged:
        limit = min(limit, _lag_point(world, db, copy))
    return max(limit, 0)


def lowest_log_present(world: "World", copy: "DatabaseCopy") -> int:
    """LowestLogPresent of a copy: the oldest generation still on its disk."""
    db = world.database(copy.database)
    point = (active_truncation_point(world, db) if repl.is_active(db, copy)
             else passive_truncation_point(world, db, copy))
    return point + 1
