"""Database copies: Add-MailboxDatabaseCopy (R-DB-6..R-DB-10, R-COPY-3/4).

Exchange 2010's task seeds the new copy before it returns; the emulator advances virtual time
until the copy leaves Seeding/Initializing."""

from __future__ import annotations

import datetime as dt

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from state import replication
from state.transitions import AddDatabaseCopy

SEED_LIMIT_SECONDS = 7 * 86400


@cmdlet("Add-MailboxDatabaseCopy", supports_should_process=True, **EXCHANGE)
class AddMailboxDatabaseCopy(ExchangeCmdlet):
    """Adds a passive copy on another DAG member and seeds it."""

    identity: Identity = param()
    mailbox_server: Identity = param()
    activation_preference: int | None = param()
    replay_lag_time: dt.timedelta | None = param()
    truncation_lag_time: dt.timedelta | None = param()
    seeding_postponed: bool = param(default=False)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        db = self.resolve_one(ids.databases, self.identity, database=True)
        server = self.resolve_one(ids.mailbox_servers, self.mailbox_server)
        add = AddDatabaseCopy(db.name, server.name, self.activation_preference, self.replay_lag_time,
                              self.truncation_lag_time, self.seeding_postponed)
        text = f'Adding mailbox database copy "{db.name}" on server "{server.name}".'
        if self.change(add, f"{db.name}\\{server.name}", text) is None or self.seeding_postponed:
            return
        copy = self.world.copy(db.name, server.name)
        self.world.advance_until(lambda w: not replication.is_settling(copy), SEED_LIMIT_SECONDS)
