"""Clean-MailboxDatabase (Exchange 2010 only): scan the directory for mailboxes disconnected
from their users that the store has not marked so yet. The lab never disconnects a mailbox
behind the store's back, so a scan finds nothing and writes nothing; the identity is still
resolved (a database that does not exist is refused) and -WhatIf / -Confirm work."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE


@cmdlet("Clean-MailboxDatabase", supports_should_process=True,
        **{**EXCHANGE, "namespace": "Microsoft.Exchange.Management.MapiTasks"})
class CleanMailboxDatabase(ExchangeCmdlet):
    """Scans a mailbox database for disconnected mailboxes the store has not marked yet."""
    examples = (
        ("Clean-MailboxDatabase DB1",
         "This example updates the disconnected-mailbox state of the mailboxes in DB1."),
    )

    identity: Identity = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        self.resolve_one(ids.databases, self.identity, database=True)
        text = f'Cleaning Mailbox Database "{self.identity.text}".'
        self.should_process(self.identity.text, whatif_text=text, confirm_text=text)
