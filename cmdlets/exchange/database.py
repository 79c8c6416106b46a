"""Mailbox databases: Get-, New-, Set-, Remove-MailboxDatabase, Mount-/Dismount-Database
(R-DB-1, R-DB-2, R-DB-13, R-DB-14)."""

from __future__ import annotations

import re
from typing import Any

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param, pascal_case
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.database import database_record
from cmdlets.exchange.records.values import ByteQuantifiedSize
from cmdlets.windows.machines import reachable
from state import partition
from state.transitions import DismountDatabase, MountDatabase, NewDatabase, RemoveDatabase, SetDatabase
from state.transitions.databases import DATABASE_SETTINGS


@cmdlet("Get-MailboxDatabase", **EXCHANGE)
class GetMailboxDatabase(ExchangeCmdlet):
    """Lists mailbox databases; -Server those with a copy on the server; -Status fills the live
    properties (Mounted, DatabaseSize, ...)."""
    examples = (
        ("Get-MailboxDatabase",
         "This example lists every mailbox database with its server."),
        ("Get-MailboxDatabase -Server MBX1 -Status | Format-Table Name,Mounted,MountedOnServer",
         "This example shows whether each database on MBX1 is mounted and where."),
    )

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
            seen = store_status(self.world, self.runtime.computer_name or "", db) if self.status else None
            self.write_object(database_record(self.world, db, self.version, self.runspace_id(), self.status, seen))
            if seen is not None and seen[1] is None:
                server = self.world.server(seen[0])
                self.write_warning(STORE_UNREACHABLE.format(server=server.fqdn if server else seen[0]))


# The task's warning when the store of the server Active Manager names can't be asked.
STORE_UNREACHABLE = ("Exchange can't connect to the Information Store service on server {server}. Make sure that "
                     "the service is running and that there is network connectivity to the server.")


def store_status(world: Any, caller: str, db: Any) -> tuple[str, bool | None]:
    """-Status asks Active Manager where ``db`` is active (as the side ``caller`` reaches sees it,
    R-SITE-11), then that server's Information Store whether it is mounted there: None when the
    store can't be contacted (powered off, beyond a cut link, service stopped). Beta 1 read the
    status the cluster kept (D7)."""
    if world.is_beta:
        return db.active_server, db.mounted
    server = world.server(partition.active_server_seen(world, caller, db))
    if server is None:
        return db.active_server, db.mounted
    if not reachable(world, caller, server) or not server.service_running("MSExchangeIS"):
        return server.name, None
    if server.name.lower() == db.active_server.lower():
        return server.name, db.mounted
    mount = world.partition.islands.get(db.guid)           # R-SITE-3: a cut-off side's own mount
    return server.name, mount is not None and mount.server.lower() == server.name.lower()


_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(B|KB|MB|GB|TB)?\s*(?:\([0-9,]+ bytes\))?\s*$", re.IGNORECASE)
_UNIT = {"b": 1, "kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3, "tb": 1024 ** 4}


def parse_quota(value: Any) -> int | None:
    """An Unlimited<ByteQuantifiedSize> argument: ``2GB``, ``1.5 GB``, ``2147483648``,
    ``Unlimited`` (-> None). Raises ValueError for anything else."""
    if isinstance(value, ByteQuantifiedSize):
        return value.bytes
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    text = str(value)
    if text.strip().lower() == "unlimited":
        return None
    m = _SIZE.match(text)
    if not m:
        raise ValueError(text)
    return int(float(m.group(1)) * _UNIT[(m.group(2) or "B").lower()])


@cmdlet("New-MailboxDatabase", supports_should_process=True, **EXCHANGE)
class NewMailboxDatabase(ExchangeCmdlet):
    """Creates a mailbox database on a Mailbox server; it stays dismounted until Mount-Database."""
    synopsis = "Creates a mailbox database on a Mailbox server."
    examples = (
        (r"New-MailboxDatabase -Name DB4 -Server MBX2 -EdbFilePath D:\DB4\DB4.edb -LogFolderPath E:\DB4",
         "This example creates DB4 on MBX2 with its database file and logs on separate volumes."),
    )

    database_name: str | None = param(name="Name")
    server: Identity = param()
    edb_file_path: str | None = param()
    log_folder_path: str | None = param()
    recovery: bool = param(default=False, ignored="recovery databases hold no copies and are not modelled")
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        server = self.resolve_one(ids.servers, self.server)
        name = self.database_name or ""
        new = NewDatabase(name, server.name, self.edb_file_path, self.log_folder_path)
        if self.change(new, name, f'Creating mailbox database "{name}" on server "{server.name}".') is not None:
            db = self.world.database(name)
            self.write_object(database_record(self.world, db, self.version, self.runspace_id()))


@cmdlet("Set-MailboxDatabase", supports_should_process=True, **EXCHANGE)
class SetMailboxDatabase(ExchangeCmdlet):
    """Changes a database's settings (name, circular logging, quotas, retention, mount at startup)."""
    synopsis = "Changes the settings of a mailbox database."
    examples = (
        ("Set-MailboxDatabase -Identity DB1 -CircularLoggingEnabled $true",
         "This example turns on circular logging for DB1."),
        ("Set-MailboxDatabase DB2 -IssueWarningQuota 4GB -ProhibitSendQuota 5GB",
         "This example sets the storage quotas of the mailboxes in DB2."),
    )

    identity: Identity = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)
    new_name: str | None = param(name="Name")      # `name` is the command name on Cmdlet

    _QUOTAS = ("issue_warning_quota", "prohibit_send_quota", "prohibit_send_receive_quota")

    def process_record(self) -> None:
        db = self.resolve_one(ids.databases, self.identity, database=True)
        changes: dict[str, Any] = {}
        for key in DATABASE_SETTINGS:
            name = pascal_case(key)
            if not self.is_bound(name):
                continue
            value = getattr(self, "new_name" if key == "name" else key)
            if key in self._QUOTAS:
                try:
                    value = parse_quota(value)
                except ValueError:
                    self.fail(self.exchange_error(
                        f'Cannot process argument transformation on parameter \'{name}\'. Cannot convert value '
                        f'"{value}" to type "Microsoft.Exchange.Data.Unlimited`1[Microsoft.Exchange.Data.'
                        f'ByteQuantifiedSize]".', "InvalidData", "ParameterArgumentTransformationError",
                        "System.Management.Automation.ParameterBindingException", value))
            changes[key] = value
        self.change(SetDatabase.of(db.name, **changes), db.name, f'Configuring mailbox database "{db.name}".')


@cmdlet("Remove-MailboxDatabase", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class RemoveMailboxDatabase(ExchangeCmdlet):
    """Removes a database object (its files stay on disk); refused while copies or mailboxes remain."""
    synopsis = "Removes a mailbox database; its files stay on disk."
    examples = (
        ("Remove-MailboxDatabase -Identity DB3",
         "This example removes DB3, which must have no passive copies and no mailboxes left; its files stay on disk."),
    )

    identity: Identity = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        db = self.resolve_one(ids.databases, self.identity, database=True)
        mailboxes = sum(1 for m in getattr(self.world, "mailboxes", {}).values() if m.database == db.guid)
        self.change(RemoveDatabase(db.name, mailboxes), db.name, f'Removing mailbox database "{db.name}".')


@cmdlet("Mount-Database", supports_should_process=True, **EXCHANGE)
class MountDatabase_(ExchangeCmdlet):
    """Mounts the active copy of a database, on whichever server holds it."""
    examples = (
        ("Mount-Database -Identity DB2",
         "This example mounts the active copy of DB2 on whichever server holds it."),
    )

    task_class = "MountDatabase"
    identity: Identity = param()
    accept_data_loss: bool = param(default=False, ignored="log streams are never damaged")
    force: bool = param(default=False)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        db = self.resolve_one(ids.databases, self.identity, database=True)
        self.change(MountDatabase(db.name), db.name, f'Mounting database "{db.name}".')


@cmdlet("Dismount-Database", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class DismountDatabase_(ExchangeCmdlet):
    """Dismounts a database where it is active; no failover follows."""
    examples = (
        ("Dismount-Database -Identity DB2 -Confirm:$false",
         "This example dismounts DB2 without asking for confirmation; no failover follows."),
    )

    task_class = "DismountDatabase"
    identity: Identity = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        db = self.resolve_one(ids.databases, self.identity, database=True)
        text = (f'Dismounting database "{db.name}". This may result in reduced availability for mailboxes in '
                f'the database.')
        self.change(DismountDatabase(db.name), db.name, text)
