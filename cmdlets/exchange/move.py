"""Move-ActiveMailboxDatabase: switchover of one database (-Identity), of every database active
on a server (-Server), or of the databases preferring a server (-ActivatePreferredOnServer)
(R-AM-16..R-AM-22). ConfirmImpact High: the shell asks before each move. Each move takes
R-TIMING-4's 30 s of virtual time, databases one after another."""

from __future__ import annotations

import attrs

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.errors import rule_error_id
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.status import move_result_record
from state import RuleViolation, active_manager
from state.transitions import MoveActiveDatabase, MoveServerDatabases

CONFIRM = 'Moving mailbox database "{db}" from server "{source}" to server "{target}".'
CONFIRM_SERVER = 'Moving all active mailbox databases off server "{server}".'
CONFIRM_PREFERRED = 'Activating the mailbox databases whose preferred server is "{server}".'
V2013 = ("2013", "2016", "2019")          # parameters the 2010 profile lacks (catalog)
V2016 = ("2016", "2019")
NOTHING_TO_MOVE = "No active databases were found on server {server}."
NOTHING_TO_MOVE_BACK = "No databases were moved back to server {server}."
AM_EXCEPTION = "Microsoft.Exchange.Cluster.Replay.AmDbActionException"
SKIP_SWITCHES = ("skip_health_checks", "skip_lag_checks", "skip_client_experience_checks",
                 "skip_maximum_active_databases_checks", "skip_active_copy_checks")


@cmdlet("Move-ActiveMailboxDatabase", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class MoveActiveMailboxDatabase(ExchangeCmdlet):
    """Activates another copy of a database (lossless switchover unless -MountDialOverride)."""
    examples = (
        ("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2",
         "This example performs a switchover of DB1 to its copy on MBX2."),
        ("Move-ActiveMailboxDatabase -Server MBX1",
         "This example moves every database that is active on MBX1 to another member, as before maintenance."),
    )

    identity: Identity | None = param()
    server: Identity | None = param()
    activate_on_server: Identity | None = param()
    activate_preferred_on_server: Identity | None = param(versions=V2013)
    mount_dial_override: str | None = param()
    move_all_databases_or_none: bool = param(default=False, versions=V2016)
    skip_health_checks: bool = param(default=False)
    skip_lag_checks: bool = param(default=False)
    skip_active_copy_checks: bool = param(default=False)
    skip_client_experience_checks: bool = param(default=False)
    skip_maximum_active_databases_checks: bool = param(default=False, versions=V2013)
    skip_all_checks: bool = param(default=False, versions=V2016)
    skip_cpu_checks: bool = param(default=False, ignored="the emulator's CPU is always fine", versions=V2016)
    skip_move_suppression_checks: bool = param(default=False, ignored="moves are never suppressed", versions=V2016)
    terminate_on_warning: bool = param(default=False)
    move_comment: str | None = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def options(self) -> dict:
        """-SkipAllChecks = every skip switch (R-AM-17)."""
        out = {name: bool(getattr(self, name)) or self.skip_all_checks for name in SKIP_SWITCHES}
        out["mount_dial_override"] = self.mount_dial_override
        out["move_comment"] = self.move_comment             # R-AM-21: to the event log (Get-LabEvent)
        return out

    def process_record(self) -> None:
        if self.identity is not None:
            db = self.resolve_one(ids.databases, self.identity, database=True)
            target = None
            if self.activate_on_server is not None:
                target = self.resolve_one(ids.mailbox_servers, self.activate_on_server).name
            self._move_one(MoveActiveDatabase(db.name, target, **self.options()))
            return
        if self.activate_preferred_on_server is not None:
            server = self.resolve_one(ids.mailbox_servers, self.activate_preferred_on_server)
            text = CONFIRM_PREFERRED.format(server=server.fqdn)
            self._move_many(MoveServerDatabases(server.name, preferred=True, options=self._pairs()), server.name, text)
            return
        server = self.resolve_one(ids.mailbox_servers, self.server)
        target = None
        if self.activate_on_server is not None:
            target = self.resolve_one(ids.mailbox_servers, self.activate_on_server).name
        move = MoveServerDatabases(server.name, target, self.move_all_databases_or_none, options=self._pairs())
        self._move_many(move, server.name, CONFIRM_SERVER.format(server=server.fqdn))

    def _pairs(self) -> tuple:
        return tuple(sorted(self.options().items()))

    def _move_one(self, move: MoveActiveDatabase) -> None:
        db = self.world.database(move.database)
        self.check(move)
        chosen = move.target(self.world).server
        text = CONFIRM.format(db=db.name, source=self._fqdn(db.active_server), target=self._fqdn(chosen))
        if not self.should_process(db.name, self.name, whatif_text=text, confirm_text=text):
            return
        if not self._skips_confirmed(text):
            return
        self._emit_results(self._commit_moves(move))

    def _skips_confirmed(self, text: str) -> bool:
        """Skipping checks asks once more unless -Confirm was given either way (as the task does)."""
        if not any(self.options()[name] for name in SKIP_SWITCHES) or self.is_bound("Confirm"):
            return True
        return self.runtime.should_continue(text, "Confirm")

    def _move_many(self, move: MoveServerDatabases, target: str, text: str) -> None:
        """R-AM-21: a result per database, then an error per database that failed to move; nothing
        to move is a warning (an error with -TerminateOnWarning)."""
        self.check(move)
        if not self.should_process(target, self.name, whatif_text=text, confirm_text=text):
            return
        if not self._skips_confirmed(text):
            return
        if not move.databases(self.world):
            self._warn(NOTHING_TO_MOVE_BACK if move.preferred else NOTHING_TO_MOVE, self._fqdn(target))
            return
        results = self._commit_moves(move)
        self._emit_results(results)
        for result in (r for r in results if r.status == "Failed"):
            record = self.exchange_error(result.error_message, "InvalidOperation", rule_error_id("R-AM-21"),
                                         AM_EXCEPTION, result.identity, "R-AM-21")
            self.write_error(attrs.evolve(record, terminating=False))

    def _warn(self, template: str, server: str) -> None:
        text = template.format(server=server)
        if self.terminate_on_warning:
            self.fail(self.exchange_error(text, "InvalidOperation", rule_error_id("R-AM-21"),
                                          "System.InvalidOperationException", server, "R-AM-21"))
        self.write_warning(text)

    def _commit_moves(self, move) -> list:
        """Commit; -TerminateOnWarning turns the first warning into a terminating error (R-AM-21)."""
        if self.terminate_on_warning:
            events = self._commit_strict(move)
        else:
            try:
                events = self.world.commit(move)
            except RuleViolation as violation:
                self.refuse(violation)
        results = self.emit(events)
        replay = sum(r.replay_seconds for r in results)                               # R-TIMING-13
        self.world.advance(active_manager.SWITCHOVER_SECONDS * max(1, len(results)) + replay)   # R-TIMING-4
        return results

    def _commit_strict(self, move) -> list:
        checkpoint = self.world.checkpoint()
        try:
            events = self.world.commit(move)
        except RuleViolation as violation:
            self.refuse(violation)
        warning = next((e for e in events if e.kind == "Warning"), None)
        if warning is not None:
            self.world.restore(checkpoint)
            self.fail(self.exchange_error(warning.text, "InvalidOperation", "TerminateOnWarning",
                                          AM_EXCEPTION,
                                          move_target(move), warning.rule_id))
        return events

    def _emit_results(self, results: list) -> None:
        for result in results:
            self.write_object(move_result_record(result, self.runspace_id()))

    def _fqdn(self, name: str) -> str:
        server = self.world.server(name)
        return server.fqdn if server else name


def move_target(move) -> str:
    return getattr(move, "database", None) or getattr(move, "server", "")
