"""Mailbox databases: Get-MailboxDatabase (identity with wildcards, -Server, -Status)."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.database import database_record


@cmdlet("Get-MailboxDatabase", **EXCHANGE)
class GetMailboxDatabase(ExchangeCmdlet):
    """Lists mailbox databases; -Server those with a copy on the server; -Status fills the live
    properties (Mounted, DatabaseSize, ...)."""

    identity: Identity | None = param()
    server: Identity | None = param()
    status: bool = param(default=False)
    dumpster_statistics: bool = param(default=False, ignored="the dumpster is not modelled")
    include_pre_exchange2010: bool = param(default=False, ignored="no Exchange 2007 databases in a 2010 lab")
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        if self.server is not None:
            server = self.resolve_one(ids.servers, self.server)
            found = self.world.databases_on(server.name)
        elif self.identity is not None:
            found = self.resolve(ids.databases, self.identity, database=True)
        else:
            found = list(self.world.databases.values())
        for db in found:
            self.write_object(database_record(self.world, db, self.version, self.runspace_id(), self.status))
