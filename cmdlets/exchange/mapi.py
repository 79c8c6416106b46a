"""Test-MAPIConnectivity: a logon to the system mailbox of each database a server hosts (or to
one mailbox) and the Inbox read after it, one MapiTransactionOutcome per logon.

Targets, as the task picks them: no parameter or -Server -> the databases whose active copy is
on that server (the session's server when none is named), every database with a copy there
with -IncludePassive (2013+); -Database -> the database on the server Active Manager names
(or -CopyOnServer, 2013+); -Identity -> the mailbox's database, likewise. A failed logon is
diagnosed in the task's order: the server cannot be asked (down or out of reach), the
Information Store service is stopped, the active database is dismounted, a passive copy is not
attached for read-only use (R-AM-3: after a failover the databases answer on their new
server). Latency comes from the sites' round trip (lab ``[[links]]``), never from a clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import attrs

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.errors import rule_error_id
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import NOT_FOUND_TYPE
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE, SINCE_2013
from cmdlets.exchange.mailbox import _MailboxCmdlet
from cmdlets.windows.machines import reachable

MONITORING = "Microsoft.Exchange.Monitoring"
OUTCOME_TYPE = f"{MONITORING}.MapiTransactionOutcome"
RESULT_TYPE = f"{MONITORING}.MapiTransactionResult"
OUTCOME_BASES = ("Microsoft.Exchange.Data.ConfigurableObject", "System.Object")
OUTCOME_2010 = ("RunspaceId", "Server", "Database", "Mailbox", "MailboxGuid", "IsArchive", "Result", "Latency",
                "Error", "Identity", "IsValid", "ObjectState")
OUTCOME_2013 = OUTCOME_2010[:6] + ("IsDatabaseCopyActive",) + OUTCOME_2010[6:]

# MapiTransactionResult.ToString(): StoreNotRunning prints as a failure too.
RESULT_TEXT = {"Success": "Success", "Failure": "*FAILURE*", "StoreNotRunning": "*FAILURE*",
               "MdbMoved": "The target mailbox database was moved during the test."}

# The task's diagnosis texts (its string table).
DISMOUNTED = "Database is dismounted."
NOT_ATTACHED = "Database is not yet attached for readonly use."
STORE_STOPPED = "Microsoft Exchange Information Store service is not running."
STORE_CHECK_FAILED = ("Error when trying to diagnose the cause of the transaction failure. Verification of the "
                      "Information Store service failed with the following error: [System.InvalidOperationException]"
                      ": Cannot open Service Control Manager on computer '{fqdn}'. This operation might require "
                      "other privileges. Inner error [System.ComponentModel.Win32Exception]: The RPC server is "
                      "unavailable")
TIMED_OUT = "The transaction didn't complete in the allotted time ({seconds} seconds)."
NO_TIME_LEFT = ("There's no time left to perform this transaction. The previous transactions consumed the "
                "allotted time ({seconds} seconds).")
NO_ACTIVE_DATABASE = ("The operation could not be performed because no mailbox database is currently hosted on "
                      "server {0}.")
SERVER_NOT_FOUND = 'Exchange server "{0}" was not found. Please make sure you typed the name correctly.'
NOT_MAILBOX_SERVER = 'Couldn\'t perform the operation because the server "{0}" isn\'t a Mailbox server.'
NO_DATABASE = ('No mailboxes were found on the server "{0}" to perform the operation. Check to see if the user has '
               'permissions to read the Exchange configuration from Active Directory.')
RECOVERY_DATABASE = ("Mailbox database '{0}' is a recovery mailbox database. Only non-recovery mailbox databases "
                     "are monitored by this task.")
NO_ARCHIVE = "The Archive Mailbox is not enabled for {0}."

EVENT_SOURCE = "MSExchange Monitoring MAPIConnectivity"
ALL_SUCCEEDED = "All MAPI connectivity transactions succeeded."
SOME_FAILED = "Some of the MAPI connectivity transactions failed. Detailed information:\n\n"
FAILED_SUMMARY = "Target: {0}\n\nError: {1}\n\n\n-------------------------------------\n\n"
# (event when none failed), (event listing the failures), the results it covers - in the task's
# order. The first list only fills when a server hosts passives alone, and then nothing is tested.
EVENTS = (
    ((1011, ALL_SUCCEEDED), (1009, "Error", "MAPI connectivity transaction failed against a server with only "
                                            "passives. Detailed information:\n\n"), ()),
    ((1008, ALL_SUCCEEDED), (1004, "Error", SOME_FAILED), ("StoreNotRunning",)),
    ((1000, ALL_SUCCEEDED), (1001, "Error", SOME_FAILED), ("Failure",)),
    ((1002, "No mailbox databases were moved while the cmdlet was running."),
     (1003, "Warning", "Some of the targeted mailbox databases were moved to other servers while the cmdlet was "
                       "running. Detailed information:\n\n."), ("MdbMoved",)),
)

# Seconds: PerConnectionTimeout is 10 in 2010 (its reference page) and 60 from 2013 (the task's
# default); AllConnectionsTimeout 90.
PER_CONNECTION_DEFAULT = {"2010-beta1": 10, "2010": 10}
PER_CONNECTION_LATER = 60
ALL_CONNECTIONS_DEFAULT = 90
# A logon is a connect plus a logon round trip to the server's site, after the store's own
# work (one 64 Hz timer tick, the figure a quiet local logon shows).
LOGON_MS = 15.625
LOGON_ROUND_TRIPS = 2
TIMEOUT_RANGE = (1, 2147483647)


@attrs.frozen
class Transaction:
    """One logon to run: the server asked, the database, the mailbox (None: the system mailbox)."""

    server: Any
    db: Any
    mailbox: Any = None

    @property
    def active(self) -> bool:
        return self.db.active_server.lower() == self.server.name.lower()


@attrs.frozen
class Outcome:
    result: str                       # MapiTransactionResultEnum member
    latency: dt.timedelta = dt.timedelta(0)
    error: str = ""


def seconds_text(seconds: float) -> str:
    """.NET's ``{0:.##}``: at most two decimals, no trailing zeros, no leading zero."""
    text = f"{seconds:.2f}".rstrip("0").rstrip(".")
    return text[1:] if text.startswith("0.") else text


def number_text(value: float) -> str:
    """A double as .NET prints it: ``15.625``, ``-1``."""
    return f"{value:f}".rstrip("0").rstrip(".")


def round_trip_ms(world: Any, here: Any, server: Any) -> int:
    """The lab's round trip between two machines' sites (0 within a site)."""
    if here is None or here.site.lower() == server.site.lower():
        return 0
    return world.links.get(frozenset((here.site.lower(), server.site.lower())), 0)


def attached_read_only(world: Any, db: Any, server: Any) -> bool:
    """A passive copy the store has attached for read-only logons: one that is replaying."""
    copy = db.copy_on(server.name)
    return copy is not None and world.copy_status(copy).status in ("Healthy", "DisconnectedAndHealthy")


def diagnose(world: Any, local: str, tx: Transaction) -> Outcome | None:
    """Why a logon fails, in the task's order; None when it succeeds."""
    if not reachable(world, local, tx.server):
        return Outcome("Failure", error=STORE_CHECK_FAILED.format(fqdn=tx.server.fqdn))
    if not tx.server.service_running("MSExchangeIS"):
        return Outcome("StoreNotRunning", error=STORE_STOPPED)
    if tx.active and not tx.db.mounted:
        return Outcome("Failure", error=DISMOUNTED)
    if not tx.active and not attached_read_only(world, tx.db, tx.server):
        return Outcome("Failure", error=NOT_ATTACHED)
    return None


def run(world: Any, local: str, tx: Transaction, per_connection: int) -> Outcome:
    """One timed logon (MapiTransaction.TimedExecute)."""
    failed = diagnose(world, local, tx)
    if failed is not None:
        return failed
    rtt = round_trip_ms(world, world.server(local), tx.server)
    latency = dt.timedelta(milliseconds=LOGON_MS + LOGON_ROUND_TRIPS * rtt)
    if latency > dt.timedelta(seconds=per_connection):
        return Outcome("Failure", error=TIMED_OUT.format(seconds=seconds_text(per_connection)))
    return Outcome("Success", latency)


def system_mailbox_guid(db: Any) -> str:
    """The system mailbox's MailboxGuid: fixed per database, derived from its GUID."""
    h = hashlib.sha1(f"{db.guid}|SystemMailbox".encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:32]}"


def _target(tx: Transaction, mailbox_named: bool) -> str:
    """The performance-counter instance: ``Server\\Database`` (``\\Mailbox`` when one was named)."""
    short = f"{tx.server.name}\\{tx.db.name}"
    return f"{short}\\{tx.mailbox.name}" if mailbox_named else short


def _event(event_id: int, kind: str, message: str) -> PSObject:
    return PSObject((f"{MONITORING}.MonitoringEvent", "System.Object"), [
        ("EventSource", EVENT_SOURCE), ("EventIdentifier", event_id), ("EventType", kind), ("EventMessage", message),
        ("EventInstanceName", None)],
        to_string=f"Source: {EVENT_SOURCE}\nId: {event_id}\nType: {kind}\nMessage: {message}")


def _counter(instance: str, value: float) -> PSObject:
    return PSObject((f"{MONITORING}.MonitoringPerformanceCounter", "System.Object"), [
        ("Object", EVENT_SOURCE), ("Counter", "Logon Latency"), ("Instance", instance), ("Value", value)],
        to_string=f"Object: {EVENT_SOURCE}\nCounter: Logon Latency\nInstance: {instance}\nValue: {number_text(value)}")


def monitoring_data(done: list[tuple[Transaction, Outcome]], mailbox_named: bool) -> PSObject:
    """-MonitoringContext $true: one event per kind of outcome (all clear, or the failures listed)
    and a Logon Latency counter per logon (ms; -1 for a failure)."""
    events, counters = [], []
    for (ok_id, ok_text), (bad_id, kind, prefix), results in EVENTS:
        failed = [(tx, o) for tx, o in done if o.result in results]
        if not failed:
            events.append(_event(ok_id, "Information", ok_text))
            continue
        summary = "".join(FAILED_SUMMARY.format(_target(tx, True) if mailbox_named
                                                else f"System mailbox for {_target(tx, False)}", o.error)
                          for tx, o in failed)
        events.append(_event(bad_id, kind, prefix + summary))
    for tx, outcome in done:
        value = outcome.latency.total_seconds() * 1000 if outcome.result == "Success" else -1.0
        counters.append(_counter(_target(tx, mailbox_named), value))
    return PSObject((f"{MONITORING}.MonitoringData", "System.Object"),
                    [("Events", events), ("PerformanceCounters", counters)])


@cmdlet("Test-MAPIConnectivity", supports_should_process=True, default_set="Server",
        **{**EXCHANGE, "namespace": MONITORING})
class TestMapiConnectivity(_MailboxCmdlet):
    """Logs on to mailboxes over MAPI to check that their databases serve clients."""
    examples = (
        ("Test-MAPIConnectivity",
         "This example tests the system mailbox of every database that is active on the local server."),
        ("Test-MAPIConnectivity -Server MBX2 | Format-List",
         "This example tests every database active on MBX2 and shows each logon's latency."),
    )

    identity: Identity | None = param()
    database: Identity | None = param()
    server: Identity | None = param()
    copy_on_server: Identity | None = param(versions=SINCE_2013)
    include_passive: bool = param(default=False, versions=SINCE_2013)
    archive: bool = param(default=False)
    per_connection_timeout: int | None = param(validate_range=TIMEOUT_RANGE)
    all_connections_timeout: int = param(default=ALL_CONNECTIONS_DEFAULT, validate_range=TIMEOUT_RANGE)
    active_directory_timeout: int = param(default=15, validate_range=TIMEOUT_RANGE,
                                          ignored="the directory always answers")
    monitoring_context: bool = param(default=False)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        targets = self._targets()
        if not self.should_process(self._target_text(), whatif_text=self._confirm_text(),
                                   confirm_text=self._confirm_text()):
            return
        timeout = self.per_connection_timeout or PER_CONNECTION_DEFAULT.get(self.version, PER_CONNECTION_LATER)
        spent = dt.timedelta(0)
        done: list[tuple[Transaction, Outcome]] = []
        for tx in targets:
            if spent >= dt.timedelta(seconds=self.all_connections_timeout):
                outcome = Outcome("Failure", error=NO_TIME_LEFT.format(
                    seconds=seconds_text(self.all_connections_timeout)))
            else:
                outcome = run(self.world, self.runtime.computer_name or "", tx, timeout)
            spent += outcome.latency
            done.append((tx, outcome))
            self.write_object(self._record(tx, outcome))
        if self.monitoring_context:
            self.write_object(monitoring_data(done, self.identity is not None))

    # -- what to test -------------------------------------------------------------------
    def _targets(self) -> list[Transaction]:
        if self.identity is not None:
            mailbox = self.resolve_single(lambda world, ident: self.mailboxes(ident, None, None), self.identity)
            if self.archive:
                self._refuse(NO_ARCHIVE.format(f"{self.world.domain}/Users/{mailbox.name}"), "InvalidArgument",
                             "Microsoft.Exchange.Management.Tasks.MdbAdminTaskException", self.identity.text)
            db = self.world.database(mailbox.database)
            return [Transaction(self._host(db), db, mailbox)]
        if self.database is not None:
            db = self.resolve_one(ids.databases, self.database, database=True)
            if db.recovery:
                self._refuse(RECOVERY_DATABASE.format(db.name), "InvalidOperation",
                             f"{MONITORING}.RecoveryMailboxDatabaseNotMonitoredException", None)
            return [Transaction(self._host(db), db)]
        return self._server_targets(self._mailbox_server(self.server or Identity(self._local())))

    def _server_targets(self, server: Any) -> list[Transaction]:
        dbs = self.world.databases_on(server.name)
        if not dbs:
            self._refuse(NO_DATABASE.format(server.name), "ReadError", f"{MONITORING}.NoMdbForOperationException",
                         None)
        chosen = [Transaction(server, db) for db in dbs if not db.recovery
                  and (self.include_passive or db.active_server.lower() == server.name.lower())]
        if not chosen:
            self.write_warning(NO_ACTIVE_DATABASE.format(server.name))
        return sorted(chosen, key=lambda tx: (tx.db.active_server.lower(), tx.db.name.lower()))

    def _host(self, db: Any) -> Any:
        """-CopyOnServer, else the server Active Manager names for the database."""
        return self._mailbox_server(self.copy_on_server or Identity(db.active_server))

    def _mailbox_server(self, ident: Identity) -> Any:
        found = ids.servers(self.world, ident)
        if len(found) != 1:
            self._refuse(SERVER_NOT_FOUND.format(ident.text), "ObjectNotFound", NOT_FOUND_TYPE, ident.text,
                         "ManagementObjectNotFound")
        if not found[0].is_mailbox_server:
            self._refuse(NOT_MAILBOX_SERVER.format(found[0].name), "InvalidArgument",
                         f"{MONITORING}.OperationOnlyOnMailboxServerException", None)
        return found[0]

    def _refuse(self, message: str, category: str, exception: str, target: Any, error_id: str = "") -> None:
        self.fail(self.exchange_error(message, category, rule_error_id(error_id or exception.rsplit(".", 1)[-1]),
                                      exception, target))

    def _local(self) -> str:
        return (self.runtime.computer_name or "").split(".")[0]

    # -- -WhatIf / -Confirm -------------------------------------------------------------
    def _target_text(self) -> str:
        if self.identity is not None:
            return self.identity.text
        return self.database.text if self.database is not None else self._server_text()

    def _server_text(self) -> str:
        return self.server.text if self.server is not None else self._local()

    def _confirm_text(self) -> str:
        if self.identity is not None:
            return f'Testing MAPI connectivity to mailbox "{self.identity.text}".'
        if self.database is not None:
            return f'Testing MAPI connectivity to database "{self.database.text}".'
        return f'Testing MAPI connectivity to server "{self._server_text()}".'

    # -- output -------------------------------------------------------------------------
    def _record(self, tx: Transaction, outcome: Outcome) -> PSObject:
        ok = outcome.result == "Success"
        if tx.mailbox is not None:
            mailbox, guid = tx.mailbox.name, tx.mailbox.guid
        else:
            mailbox, guid = f"SystemMailbox{{{tx.db.guid}}}", system_mailbox_guid(tx.db)
        result = PSObject((RESULT_TYPE, "System.Object"), [("Value", outcome.result)],
                          to_string=RESULT_TEXT[outcome.result])
        values = {"RunspaceId": self.runspace_id(), "Server": tx.server.name, "Database": tx.db.name,
                  "Mailbox": mailbox, "MailboxGuid": guid if ok else None, "IsArchive": False if ok else None,
                  "IsDatabaseCopyActive": tx.active, "Result": result, "Latency": outcome.latency,
                  "Error": outcome.error, "Identity": None, "IsValid": True, "ObjectState": "New"}
        names = OUTCOME_2013 if self.world.version_at_least("2013") else OUTCOME_2010
        return PSObject((OUTCOME_TYPE,) + OUTCOME_BASES, [(n, values[n]) for n in names], hidden=("RunspaceId",),
                        to_string=OUTCOME_TYPE)
