"""Move-ActiveMailboxDatabase: switchover of one database, or of every database active on a
server (R-AM-16..R-AM-20). ConfirmImpact High: the shell asks before each move."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.status import move_result_record
from state import active_manager
from state.transitions import MoveActiveDatabase

CONFIRM = 'Moving mailbox database "{db}" from server "{source}" to server "{target}".'


@cmdlet("Move-ActiveMailboxDatabase", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class MoveActiveMailboxDatabase(ExchangeCmdlet):
    """Activates another copy of a database (lossless switchover)."""

    identity: Identity | None = param()
    server: Identity | None = param()
    activate_on_server: Identity | None = param()
    mount_dial_override: str | None = param()
    skip_health_checks: bool = param(default=False)
    skip_lag_checks: bool = param(default=False)
    skip_active_copy_checks: bool = param(default=False, ignored="active copy checks always pass")
    skip_client_experience_checks: bool = param(default=False, ignored="content indexes are always usable")
    terminate_on_warning: bool = param(default=False, ignored="moves raise no warnings")
    move_comment: str | None = param(ignored="the comment is not stored")
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        for db in self._databases():
            self._move(db)

    def _databases(self) -> list:
        if self.identity is not None:
            return [self.resolve_one(ids.databases, self.identity, database=True)]
        server = self.resolve_one(ids.mailbox_servers, self.server)
        return [d for d in self.world.databases.values() if d.active_server.lower() == server.name.lower()]

    def _move(self, db) -> None:
        target = None
        if self.activate_on_server is not None:
            target = self.resolve_one(ids.mailbox_servers, self.activate_on_server).name
        move = MoveActiveDatabase(db.name, target, self.skip_health_checks, self.skip_lag_checks,
                                  self.mount_dial_override)
        self.check(move)
        chosen = move.target(self.world).server
        text = CONFIRM.format(db=db.name, source=self._fqdn(db.active_server), target=self._fqdn(chosen))
        if not self.should_process(db.name, self.name, whatif_text=text, confirm_text=text):
            return
        results = self.commit(move)
        self.world.advance(active_manager.SWITCHOVER_SECONDS)      # R-TIMING-4
        for result in results:
            self.write_object(move_result_record(result, self.runspace_id()))

    def _fqdn(self, name: str) -> str:
        server = self.world.server(name)
        return server.fqdn if server else name
