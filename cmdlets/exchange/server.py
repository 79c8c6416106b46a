"""Servers: Get-ExchangeServer, Get-MailboxServer, Set-MailboxServer."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param, pascal_case
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.server import exchange_server_record, mailbox_server_record
from state.transitions import SetMailboxServer
from state.transitions.moves import MAILBOX_SERVER_SETTINGS


@cmdlet("Get-ExchangeServer", **EXCHANGE)
class GetExchangeServer(ExchangeCmdlet):
    """Lists the organization's Exchange servers (Name, Site, ServerRole, Edition, AdminDisplayVersion)."""
    examples = (
        ("Get-ExchangeServer",
         "This example lists every Exchange server with its site, roles and version."),
        ("Get-ExchangeServer | Where-Object {$_.IsMailboxServer} | Format-Table Name,AdminDisplayVersion",
         "This example lists the Mailbox servers and their Exchange versions."),
    )

    identity: Identity | None = param()
    domain: str | None = param()
    status: bool = param(default=False, ignored="no status-only properties are shown")
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        if self.identity is not None:
            found = self.resolve(ids.servers, self.identity)
        else:
            found = self.world.exchange_servers()
        if self.domain:
            found = [s for s in found if s.domain.lower() == self.domain.lower()]
        for server in found:
            self.write_object(exchange_server_record(self.world, server, self.version, self.runspace_id()))


@cmdlet("Get-MailboxServer", **EXCHANGE)
class GetMailboxServer(ExchangeCmdlet):
    """Lists Mailbox servers with their DAG and activation settings."""
    examples = (
        ("Get-MailboxServer",
         "This example lists the Mailbox servers of the organization."),
        ("Get-MailboxServer MBX1 | Format-List Name,DatabaseAvailabilityGroup,DatabaseCopyAutoActivationPolicy",
         "This example shows which DAG MBX1 belongs to and how its copies may be activated."),
    )

    identity: Identity | None = param()
    status: bool = param(default=False, ignored="no status-only properties are shown")
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        if self.identity is not None:
            found = self.resolve(ids.mailbox_servers, self.identity)
        else:
            found = self.world.mailbox_servers()
        for server in found:
            self.write_object(mailbox_server_record(self.world, server, self.version, self.runspace_id()))


@cmdlet("Set-MailboxServer", supports_should_process=True, **EXCHANGE)
class SetMailboxServer_(ExchangeCmdlet):
    """Changes a Mailbox server's activation settings: AutoDatabaseMountDial,
    DatabaseCopyAutoActivationPolicy, MaximumActiveDatabases, DatabaseCopyActivationDisabledAndMoveNow.
    Its many assistant and logging settings are accepted and validated but have no effect here."""
    synopsis = "Changes the activation settings of a Mailbox server."
    examples = (
        ("Set-MailboxServer -Identity MBX2 -DatabaseCopyAutoActivationPolicy Blocked",
         "This example stops Active Manager from activating any database copy on MBX2."),
        ("Set-MailboxServer MBX3 -MaximumActiveDatabases 10",
         "This example lets at most ten databases be active on MBX3."),
    )

    task_class = "SetMailboxServer"
    identity: Identity = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        server = self.resolve_one(ids.mailbox_servers, self.identity)
        changes = {key: getattr(self, key) for key in MAILBOX_SERVER_SETTINGS if self.is_bound(pascal_case(key))}
        self.change(SetMailboxServer.of(server.name, **changes), server.name,
                    f'Configuring Mailbox server "{server.name}".')
