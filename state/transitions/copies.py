"""Database copies: add, set, remove, suspend, resume, update (reseed).

AddDatabaseCopy (R-DB-6..R-DB-10, R-COPY-3/4), SetDatabaseCopy (R-DB-9/10), RemoveDatabaseCopy
(R-DB-12), SuspendDatabaseCopy (R-COPY-14), ResumeDatabaseCopy (R-COPY-15, R-COPY-9, R-NET-16),
UpdateDatabaseCopy (R-COPY-18..R-COPY-20)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from state import events as ev, replication as repl
from state.model import DatabaseCopy
from state.rules import copy as copy_rules, dag as dag_rules, db as rules
from state.rules.base import RuleViolation
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World

SEEDING_POSTPONED = "Replication is suspended for database copy '{0}' because database needs to be seeded."
RESTART_STORE = ("Please restart the Microsoft Exchange Information Store service on server {0} after adding new "
                 "mailbox databases.")


@attrs.frozen
class AddDatabaseCopy(Transition):
    """Add-MailboxDatabaseCopy. After commit the copy is Seeding; a cmdlet that waits (2010)
    calls ``world.advance_until(lambda w: not replication.is_settling(copy))``."""

    database: str
    server: str
    activation_preference: int | None = None
    replay_lag_time: dt.timedelta | None = None
    truncation_lag_time: dt.timedelta | None = None
    seeding_postponed: bool = False
    configuration_only: bool = False
    replay_lag_max_delay: dt.timedelta | None = None

    def check(self, world: "World") -> None:
        db, server = world.database(self.database), world.server(self.server)
        rules.copy_target_is_dag_member(world, db, server)
        dag_rules.continuous_replication_is_available(world.dag_of(server))      # R-DAG-5
        rules.server_has_no_copy_yet(db, server)
        rules.copy_paths_are_free(world, db, server)
        if not self.configuration_only:
            rules.dag_has_quorum_for_copy(world, db)
        rules.second_copy_needs_no_circular_logging(db)
        rules.activation_preference_in_range(self.activation_preference, len(db.copies) + 1)
        rules.lag_time_in_range(self.replay_lag_time, "ReplayLagTime")
        rules.lag_time_in_range(self.truncation_lag_time, "TruncationLagTime")
        rules.lag_time_in_range(self.replay_lag_max_delay, "ReplayLagMaxDelay")

    def apply(self, world: "World") -> list[ev.Event]:
        db, server = world.database(self.database), world.server(self.server)
        copy = DatabaseCopy(db.name, server.name, activation_preference=len(db.copies) + 1,
                            replay_lag_time=self.replay_lag_time or dt.timedelta(0),
                            truncation_lag_time=self.truncation_lag_time or dt.timedelta(0),
                            status="Initializing", status_since=world.now, instance_start=world.now)
        if self.replay_lag_max_delay is not None:
            copy.replay_lag_max_delay = self.replay_lag_max_delay
        db.copies.append(copy)
        if self.activation_preference is not None:
            _move_preference(db, copy, self.activation_preference)      # R-DB-9
        if len(db.copies) == 2:
            db.data_move_replication_constraint = "SecondCopy"        # R-DB-17
        db.when_changed = world.now
        out = [ev.info(f"Copy '{copy.identity}' added.", "R-DB-6")]
        if world.version_at_least("2013"):          # the 2013+ task ends with this warning, whatever happened
            out.append(ev.warning(RESTART_STORE.format(server.name)))
        if self.seeding_postponed or self.configuration_only:
            out.append(repl.set_status(world, db, copy, "Suspended"))   # R-COPY-4
            copy.activation_suspended = True
            copy.suspend_comment = SEEDING_POSTPONED.format(copy.identity)
            return out
        copy.incoming_log_copying_network = repl.pick_network(world, db, copy)
        return out + repl.start_seeding(world, db, copy)


def _move_preference(db, copy: DatabaseCopy, value: int) -> None:
    """R-DB-9: keep preferences a permutation of 1..N by shifting the copies in between."""
    old = copy.activation_preference
    for other in db.copies:
        if other is copy:
            continue
        p = other.activation_preference
        if value <= p < old:
            other.activation_preference = p + 1
        elif old < p <= value:
            other.activation_preference = p - 1
    copy.activation_preference = value


def _copy(world: "World", database: str, server: str):
    db = world.database(database)
    return db, db.copy_on(server)


@attrs.frozen
class SetDatabaseCopy(Transition):
    """Set-MailboxDatabaseCopy: preference (R-DB-9), lags (R-DB-10), ReplayLagMaxDelay (R-DB-11)."""

    database: str
    server: str
    activation_preference: int | None = None
    replay_lag_time: dt.timedelta | None = None
    truncation_lag_time: dt.timedelta | None = None
    replay_lag_max_delay: dt.timedelta | None = None

    def check(self, world: "World") -> None:
        db, _ = _copy(world, self.database, self.server)
        rules.activation_preference_in_range(self.activation_preference, len(db.copies))
        rules.lag_time_in_range(self.replay_lag_time, "ReplayLagTime")
        rules.lag_time_in_range(self.truncation_lag_time, "TruncationLagTime")
        rules.lag_time_in_range(self.replay_lag_max_delay, "ReplayLagMaxDelay")

    def apply(self, world: "World") -> list[ev.Event]:
        db, copy = _copy(world, self.database, self.server)
        if self.activation_preference is not None:
            _move_preference(db, copy, self.activation_preference)
        if self.replay_lag_time is not None:
            if not copy.is_lagged and copy.live:
                copy.replay_floor = repl.replayed_gen(world, db, copy)
            copy.replay_lag_time = self.replay_lag_time
            if copy.status == "Healthy":
                copy.content_index_state = repl.index_state(world, copy, copy.status)     # R-COPY-21
        if self.truncation_lag_time is not None:
            copy.truncation_lag_time = self.truncation_lag_time
        if self.replay_lag_max_delay is not None:
            copy.replay_lag_max_delay = self.replay_lag_max_delay
        db.when_changed = world.now
        return [ev.info(f"Copy '{copy.identity}' changed.", "R-DB-9")]


@attrs.frozen
class RemoveDatabaseCopy(Transition):
    """Remove-MailboxDatabaseCopy: a passive copy only, with quorum; files stay (R-DB-12)."""

    database: str
    server: str

    def check(self, world: "World") -> None:
        db, copy = _copy(world, self.database, self.server)
        copy_rules.passive_copy_only(db, copy)
        rules.dag_has_quorum_for_copy(world, db)

    def apply(self, world: "World") -> list[ev.Event]:
        db, copy = _copy(world, self.database, self.server)
        _move_preference(db, copy, len(db.copies))
        db.copies.remove(copy)
        copy.epoch += 1                                     # its timers are stale now
        for other in db.copies:
            if other.status == "SeedingSource" and not any(c.seeding_source == other.server for c in db.copies):
                repl.set_status(world, db, other, "Healthy")
        if len(db.copies) == 1:
            db.data_move_replication_constraint = "None"
        db.when_changed = world.now
        return [ev.info(f"Copy '{copy.identity}' removed.", "R-DB-12")]


@attrs.frozen
class SuspendDatabaseCopy(Transition):
    """Suspend-MailboxDatabaseCopy [-ActivationOnly] [-SuspendComment] (R-COPY-14)."""

    database: str
    server: str
    activation_only: bool = False
    suspend_comment: str | None = None

    def check(self, world: "World") -> None:
        db, copy = _copy(world, self.database, self.server)
        copy_rules.can_suspend(db, copy, self.activation_only, self.suspend_comment)

    def apply(self, world: "World") -> list[ev.Event]:
        db, copy = _copy(world, self.database, self.server)
        return repl.suspend(world, db, copy, self.activation_only, self.suspend_comment)


@attrs.frozen
class ResumeDatabaseCopy(Transition):
    """Resume-MailboxDatabaseCopy [-ReplicationOnly] [-DisableReplayLag] (R-COPY-15, R-COPY-9)."""

    database: str
    server: str
    replication_only: bool = False
    disable_replay_lag: bool = False

    def check(self, world: "World") -> None:
        """Nothing refuses a resume: on the active copy it warns, on a running copy it does nothing."""

    def apply(self, world: "World") -> list[ev.Event]:
        db, copy = _copy(world, self.database, self.server)
        return repl.resume(world, db, copy, self.replication_only, self.disable_replay_lag)


@attrs.frozen
class UpdateDatabaseCopy(Transition):
    """Update-MailboxDatabaseCopy: reseed a suspended passive copy (R-COPY-18..R-COPY-20).
    After commit the copy is Seeding; a cmdlet without -BeginSeed waits for the seed to end."""

    database: str
    server: str
    source_server: str | None = None
    delete_existing_files: bool = False
    catalog_only: bool = False
    database_only: bool = False
    manual_resume: bool = False
    cancel_seed: bool = False
    safe_delete_existing_files: bool = False
    network: str | None = None                 # -Network: the DAG network to seed over

    def check(self, world: "World") -> None:
        db, copy = _copy(world, self.database, self.server)
        copy_rules.seed_options_agree(self.catalog_only, self.database_only, self.delete_existing_files,
                                      self.safe_delete_existing_files)
        copy_rules.database_is_replicated(db)
        if self.cancel_seed:
            copy_rules.seed_in_progress(copy)
            return
        if self.catalog_only:
            copy_rules.not_the_active_copy(db, copy)
            return
        dag_rules.continuous_replication_is_available(world.dag_of(copy.server))      # R-DAG-5
        copy_rules.can_reseed(db, copy)
        if self.source_server:
            copy_rules.source_is_mailbox_server(world, self.source_server)
        source = copy_rules.source_is_current(world, db, self.source_server or db.active_server)
        copy_rules.files_may_be_replaced(world, db, copy, self.delete_existing_files or self.safe_delete_existing_files)
        copy_rules.no_other_seed_from(db, copy, source.server, self.database_only)

    def apply(self, world: "World") -> list[ev.Event]:
        db, copy = _copy(world, self.database, self.server)
        if self.cancel_seed:
            return repl.cancel_seed(world, db, copy)
        if self.catalog_only:
            return repl.seed_catalog(world, db, copy)
        source = db.copy_on(self.source_server or db.active_server)
        world.server(copy.server).files.pop(db.edb_file_path, None)
        copy.incoming_log_copying_network = repl.pick_network(world, db, copy)
        return repl.start_seeding(world, db, copy, source.server, self.manual_resume, self.database_only,
                                  self.network)


@attrs.frozen
class EnableReplayLag(Transition):
    """Suspend-MailboxDatabaseCopy -EnableReplayLag [2013+]: undo Resume -DisableReplayLag (R-COPY-15)."""

    database: str
    server: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        db, copy = _copy(world, self.database, self.server)
        if copy.lag_disabled and copy.live:
            copy.replay_floor = repl.replayed_gen(world, db, copy)
        copy.lag_disabled = False
        return [ev.info(f"Replay lag of '{copy.identity}' enabled.", "R-COPY-15")]


@attrs.frozen
class UpdateServerCopies(Transition):
    """Update-MailboxDatabaseCopy -Server s [2013+]: reseed every suspended copy on s, at most
    ``maximum_in_parallel`` at once; the task returns as soon as the seeds are queued (R-COPY-19)."""

    server: str
    maximum_in_parallel: int = 10
    delete_existing_files: bool = False
    safe_delete_existing_files: bool = False
    catalog_only: bool = False
    database_only: bool = False
    manual_resume: bool = False

    def check(self, world: "World") -> None:
        copy_rules.seed_options_agree(self.catalog_only, self.database_only, self.delete_existing_files,
                                      self.safe_delete_existing_files)
        copy_rules.server_in_dag(world, self.server)

    def apply(self, world: "World") -> list[ev.Event]:
        name = world.server(self.server).name
        pending = tuple(c.database for c in world.all_copies()
                        if c.server.lower() == name.lower() and c.status in ("Suspended", "FailedAndSuspended"))
        options = (self.delete_existing_files or self.safe_delete_existing_files, self.database_only,
                   self.manual_resume)
        queue = ServerSeedQueue(name, pending, max(1, self.maximum_in_parallel), options)
        return [ev.info(f"Seeding {len(pending)} database copies on '{name}'.", "R-COPY-19")] + queue.start(world)


@attrs.frozen
class ServerSeedQueue:
    """Starts the queued seeds of a server-level reseed while fewer than the limit run; looks
    again every R-TIMING-10 until the queue is empty."""

    server: str
    pending: tuple
    limit: int
    options: tuple

    def start(self, world: "World") -> list[ev.Event]:
        delete, database_only, manual_resume = self.options
        running = sum(1 for c in world.all_copies() if c.server.lower() == self.server.lower() and c.status == "Seeding")
        out: list[ev.Event] = []
        left = list(self.pending)
        while left and running < self.limit:
            name = left.pop(0)
            seed = UpdateDatabaseCopy(name, self.server, delete_existing_files=delete, database_only=database_only,
                                      manual_resume=manual_resume)
            try:
                seed.check(world)
            except RuleViolation as violation:
                out.append(ev.warning(violation.message, violation.rule_id))
                continue
            out += seed.apply(world)
            running += 1
        if left:
            world.clock.call_later(repl.FAILED_RECHECK_SECONDS, attrs.evolve(self, pending=tuple(left)))
        return out

    def __call__(self, world: "World") -> None:
        world.record(self.start(world))
