"""Mailboxes, as far as HA needs them: Get-Mailbox, New-Mailbox, Get-MailboxStatistics. A
mailbox is served by the server that holds its database's active copy, so it follows
switchovers and failovers; its statistics are unavailable while the database is dismounted."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.mailbox import mailbox_record, statistics_record
from state.transitions import NewMailbox

MAPI_OFFLINE = "Microsoft.Exchange.Data.Mapi.Common.MapiExceptionMdbOffline"
RECIPIENT_TASKS = {**EXCHANGE, "namespace": "Microsoft.Exchange.Management.RecipientTasks"}
MAPI_TASKS = {**EXCHANGE, "namespace": "Microsoft.Exchange.Management.MapiTasks"}


class _MailboxCmdlet(ExchangeCmdlet):
    def mailboxes(self, identity: Identity | None, database: Identity | None, server: Identity | None) -> list[Any]:
        found = sorted(self.world.mailboxes.values(), key=lambda m: m.when_created)
        if identity is not None:
            text = identity.text
            canonical = f"{self.world.domain}/Users/".lower()
            found = [m for m in found if ids.matches(text, m.name) or ids.matches(text, m.alias)
                     or text.lower() in (m.user_principal_name.lower(), m.guid, canonical + m.name.lower())]
            if not found and not identity.has_wildcard:
                self.not_found(text)
        if database is not None:
            db = self.resolve_one(ids.databases, database, database=True)
            found = [m for m in found if m.database == db.guid]
        if server is not None:
            host = self.resolve_one(ids.servers, server)
            found = [m for m in found if self.world.database(m.database).active_server.lower() == host.name.lower()]
        return found


@cmdlet("Get-Mailbox", **RECIPIENT_TASKS)
class GetMailbox(_MailboxCmdlet):
    """Lists mailboxes: by identity (wildcards), -Database, or -Server (the active copy's server)."""
    synopsis = "Views mailboxes and their settings."
    examples = (
        ("Get-Mailbox -Database DB1",
         "This example lists the mailboxes of DB1."),
        ("Get-Mailbox -ResultSize Unlimited | Group-Object Database",
         "This example counts the mailboxes of every database."),
    )

    identity: Identity | None = param()
    database: Identity | None = param()
    server: Identity | None = param()
    result_size: Any = param(ignored="every mailbox is returned")
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        for m in self.mailboxes(self.identity, self.database, self.server):
            self.write_object(mailbox_record(self.world, m, self.runspace_id()))


@cmdlet("New-Mailbox", supports_should_process=True, **RECIPIENT_TASKS)
class NewMailbox_(_MailboxCmdlet):
    """Creates a user and its mailbox, in -Database or by automatic distribution."""
    synopsis = "Creates a user and its mailbox."
    examples = (
        ("New-Mailbox -Name 'Pat Kim' -UserPrincipalName patk@contoso.com -Database DB2 -Password "
         "(Read-Host 'Password' -AsSecureString)",
         "This example asks for a password, then creates the user Pat Kim with a mailbox in DB2."),
    )

    task_class = "NewMailbox"
    mailbox_name: str = param(name="Name")
    alias: str | None = param()
    user_principal_name: str | None = param()
    database: Identity | None = param()
    password: Any = param(ignored="passwords are not checked in the lab")
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        db = self.resolve_one(ids.databases, self.database, database=True) if self.database else None
        new = NewMailbox(self.mailbox_name, self.alias, self.user_principal_name, db.name if db else None)
        if self.change(new, self.mailbox_name, f'Creating mailbox "{self.mailbox_name}".') is not None:
            self.write_object(mailbox_record(self.world, self.world.mailboxes[self.mailbox_name.lower()],
                                             self.runspace_id()))


@cmdlet("Get-MailboxStatistics", **MAPI_TASKS)
class GetMailboxStatistics(_MailboxCmdlet):
    """Item counts and sizes, read from the database's active copy (which must be mounted)."""
    synopsis = "Views the size and item count of mailboxes."
    examples = (
        ("Get-MailboxStatistics -Database DB1 | Format-Table DisplayName,ItemCount,TotalItemSize",
         "This example shows the item count and size of every mailbox in DB1."),
    )

    identity: Identity | None = param()
    database: Identity | None = param()
    server: Identity | None = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        for m in self.mailboxes(self.identity, self.database, self.server):
            db = self.world.database(m.database)
            if not db.mounted:
                self.write_error(self.exchange_error(
                    f"Failed to get mailbox statistics for '{m.name}': database '{db.name}' is offline "
                    f"(MapiExceptionMdbOffline).", "ResourceUnavailable", "MailboxStatisticsMdbOffline",
                    MAPI_OFFLINE, m.name))
                continue
            self.write_object(statistics_record(self.world, m, self.runspace_id()))
