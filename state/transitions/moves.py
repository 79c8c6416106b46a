"""Switchover: MoveActiveDatabase (R-AM-16..R-AM-20) and its DatabaseMoveResult."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from state import active_manager as am, events as ev, replication as repl
from state.rules import am as rules
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.model import DatabaseCopy, MailboxDatabase
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


@attrs.frozen
class MoveActiveDatabase(Transition):
    """Move-ActiveMailboxDatabase -Identity db [-ActivateOnServer s]. The commit's events end
    with a Result event whose payload is the DatabaseMoveResult; the move takes
    ``am.SWITCHOVER_SECONDS`` of virtual time, which the cmdlet may advance (R-TIMING-4)."""

    database: str
    activate_on_server: str | None = None
    skip_health_checks: bool = False
    skip_lag_checks: bool = False
    mount_dial_override: str | None = None

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
        ranked = am.best_copy(world, db, automatic=True, lossless_order=True)
        if not ranked:
            raise rules.R_AM_11.violation(target=db.name, db=db.name)
        return ranked[0]

    def check(self, world: "World") -> None:
        copy = self.target(world)
        if not (world.server(copy.server).service_running("MSExchangeRepl")):
            raise rules.R_AM_19_DOWN.violation(target=copy.server, server=copy.server)
        status = repl.copy_status(world, copy)
        if not self.skip_health_checks and copy.status not in am.ELIGIBLE:       # R-AM-17
            raise rules.R_AM_17_HEALTH.violation(target=copy.identity, copy=copy.identity, status=copy.status)
        lagging = status.copy_queue_length >= 10 or (status.replay_queue_length >= 50 and not copy.is_lagged)
        if not self.skip_lag_checks and lagging:
            raise rules.R_AM_17_LAG.violation(target=copy.identity, copy=copy.identity,
                                              cq=status.copy_queue_length, rq=status.replay_queue_length)

    def apply(self, world: "World") -> list[ev.Event]:
        """R-AM-20: dismount, copy the remaining logs, mount on the target; the old active copy
        turns passive and goes Initializing -> Healthy; preferences never change."""
        db = world.database(self.database)
        target = self.target(world)
        old = db.active_copy
        start_status = "Mounted" if db.mounted else "Dismounted"
        out = am.activate(world, db, target)
        out += [repl.start_replication(world, db, old)] if old is not None else []
        result = DatabaseMoveResult(db.name, old.server if old else "", target.server, "Succeeded", 0,
                                    world.now, start_status, "Mounted")
        return out + [ev.info(f"Database '{db.name}' moved to '{target.server}'.", "R-AM-20"), ev.result(result)]
