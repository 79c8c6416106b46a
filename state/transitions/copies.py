"""Database copies: AddDatabaseCopy (R-DB-6..R-DB-10, R-COPY-3/4)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from state import events as ev, replication as repl
from state.model import DatabaseCopy
from state.rules import dag as dag_rules
from state.rules import db as rules
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World

SEEDING_POSTPONED = "Replication is suspended for database copy '{0}' because database needs to be seeded."


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

    def check(self, world: "World") -> None:
        db, server = world.database(self.database), world.server(self.server)
        rules.copy_target_is_dag_member(world, db, server)
        dag_rules.continuous_replication_is_enabled(world.dag_of(server))      # R-DAG-5
        rules.server_has_no_copy_yet(db, server)
        rules.copy_paths_are_free(world, db, server)
        if not self.configuration_only:
            rules.dag_has_quorum_for_copy(world, db)
        rules.second_copy_needs_no_circular_logging(db)
        rules.activation_preference_in_range(self.activation_preference, len(db.copies) + 1)
        rules.lag_time_in_range(self.replay_lag_time, "ReplayLagTime")
        rules.lag_time_in_range(self.truncation_lag_time, "TruncationLagTime")

    def apply(self, world: "World") -> list[ev.Event]:
        db, server = world.database(self.database), world.server(self.server)
        copy = DatabaseCopy(db.name, server.name, activation_preference=len(db.copies) + 1,
                            replay_lag_time=self.replay_lag_time or dt.timedelta(0),
                            truncation_lag_time=self.truncation_lag_time or dt.timedelta(0),
                            status="Initializing", status_since=world.now, instance_start=world.now)
        db.copies.append(copy)
        if self.activation_preference is not None:
            _move_preference(db, copy, self.activation_preference)      # R-DB-9
        if len(db.copies) == 2:
            db.data_move_replication_constraint = "SecondCopy"        # R-DB-17
        db.when_changed = world.now
        out = [ev.info(f"Copy '{copy.identity}' added.", "R-DB-6")]
        if self.seeding_postponed or self.configuration_only:
            out.append(repl.set_status(world, db, copy, "Suspended"))   # R-COPY-4
            copy.activation_suspended = True
            copy.suspend_comment = SEEDING_POSTPONED.format(copy.identity)
            return out
        copy.incoming_log_copying_network = _log_network(world, server.name)
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


def _log_network(world: "World", server: str) -> str | None:
    """R-NET-14: a replication network if one qualifies (first by seeded pick), else MAPI."""
    dag = world.dag_of(server)
    if dag is None:
        return None
    usable = [n for n in dag.networks if n.replication_enabled and not n.ignore_network and not n.mapi_access_enabled]
    if usable:
        return world.rng.choice(usable).name
    mapi = [n for n in dag.networks if n.mapi_access_enabled]
    return mapi[0].name if mapi else None
