"""Get-MailboxDatabaseCopyStatus: one status entry per copy (R-COPY-1, R-COPY-2, R-COPY-16).

Identity ``DB`` lists every copy of the database, ``DB\\Server`` one copy; -Server every copy
on a server; -Local (or no parameter) the copies on the local server (the console machine);
-Active keeps active copies only. The log-shipping network and the error details are always
filled (the task asks the Replication service for them either way), so -ConnectionStatus and
-ExtendedErrorInfo change nothing; -UseServerCache answers from results at most 5 s old
(R-TIMING-17).

Each entry comes from the Replication service of the copy's host, asked from the session's
machine (``as_seen``). A host that can't be contacted (powered off, Replication service stopped,
or beyond a cut site link, R-SITE-11) gives the task's ServiceDown entry: identity fields from
the directory, the RPC failure as ErrorMessage, nothing else. A host the cluster has counted out
answers with what its side believes (state.partition.believed_active): an active copy the
cluster failed over elsewhere is Dismounted there, an island mount Mounted (R-SITE-3). Beta 1
read the status the cluster kept for a dead host instead (seed 003, D7), so it never goes blank."""

from __future__ import annotations

import datetime as dt

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.common import profile_key, record
from cmdlets.exchange.records.status import COPY_STATUS_TYPE, PLAIN, STATUS_LISTS, copy_status_record
from cmdlets.windows.machines import reachable
from state import partition

CACHE_SECONDS = 5                    # R-TIMING-17
CACHE_VARIABLE = "__CopyStatusCache"


@cmdlet("Get-MailboxDatabaseCopyStatus", **EXCHANGE)
class GetMailboxDatabaseCopyStatus(ExchangeCmdlet):
    """Replication status of database copies."""
    examples = (
        ("Get-MailboxDatabaseCopyStatus -Server MBX2",
         "This example shows the health of every database copy on MBX2."),
        (r"Get-MailboxDatabaseCopyStatus -Identity DB1\MBX2 | Format-List",
         "This example shows every status property of the copy of DB1 on MBX2."),
    )

    identity: Identity | None = param()
    server: Identity | None = param()
    active: bool = param(default=False)
    local: bool = param(default=False)
    connection_status: bool = param(default=False, ignored="connections are always reported")
    extended_error_info: bool = param(default=False, ignored="error details are always reported")
    use_server_cache: bool = param(default=False, versions=("2013", "2016", "2019"))
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        for copy in by_host(self._copies()):
            entry = self._record(copy)
            if self.active and not entry.get("ActiveCopy"):
                continue
            self.write_object(entry)

    def _record(self, copy):
        key = copy.identity.lower()
        cache = self.runtime.get_variable(CACHE_VARIABLE) or {}
        hit = cache.get(key)
        if self.use_server_cache and hit and self.world.now - hit[0] <= dt.timedelta(seconds=CACHE_SECONDS):
            return hit[1]
        entry = as_seen(self.world, self.runtime.computer_name or "", copy, self.version, self.runspace_id())
        cache[key] = (self.world.now, entry)
        self.runtime.set_variable(CACHE_VARIABLE, cache)
        return entry

    def _copies(self) -> list:
        if self.identity is not None and self.local:
            return self._local_copies()
        if self.identity is not None:
            return self.resolve(ids.copies, self.identity, database="\\" not in self.identity.text)
        name = self.resolve_one(ids.mailbox_servers, self.server).name if self.server else self._local()
        return [c for c in self.world.all_copies() if c.server.lower() == name.lower()]

    def _local_copies(self) -> list:
        """-Local: the identity's database on this server; a server named in it is overridden."""
        db_text, _, server_text = self.identity.text.rpartition("\\")
        if not db_text:
            db_text, server_text = self.identity.text, ""
        local = self._local()
        if server_text and server_text != "*" and server_text.lower() != local.lower():
            self.write_warning(f"The server '{server_text}' in the identity is overridden by -Local; showing "
                               f"'{db_text}\\{local}' instead.")
        return self.resolve(ids.copies, Identity(f"{db_text}\\{local}"))

    def _local(self) -> str:
        return self.runtime.computer_name or ""


def by_host(copies: list) -> list:
    """The task asks each host server once for all its copies, so entries come out grouped by
    server, servers in the order their first copy was found (R-COPY-1)."""
    groups: dict[str, list] = {}
    for copy in copies:
        groups.setdefault(copy.server.lower(), []).append(copy)
    return [copy for group in groups.values() for copy in group]


# The RPC call each version's task names when it can't ask a host (uncertain: the 2010 name).
_RPC_CALL = {"2010": "cli_RpccGetCopyStatusEx2"}
RPC_UNAVAILABLE = "Error 0x6ba (The RPC server is unavailable)"
RPC_NO_ENDPOINT = "Error 0x6d9 (There are no more endpoints available from the endpoint mapper)"
SERVICE_DOWN = ("The Microsoft Exchange Replication service may not be running on server {server}. "
                "Specific RPC error message: {error} from {call}")
_ZERO = ("CopyQueueLength", "ReplayQueueLength", "LastLogGenerated", "LastLogCopyNotified", "LastLogCopied",
         "LastLogInspected", "LastLogReplayed", "SinglePageRestore", "LowestLogPresent")
_FALSE = ("ActiveCopy", "ActivationSuspended", "ReplicationIsInBlockMode", "ActivationDisabledAndMoveNow",
          "LastLogInfoIsStale")


def as_seen(world, caller: str, copy, version: str, runspace_id: str):
    """The status entry of ``copy`` as the session on ``caller`` gets it from the copy's host."""
    host = world.server(copy.server)
    if host is not None and version != "2010-beta1":
        if not reachable(world, caller, host):
            return service_down_entry(world, copy, host, RPC_UNAVAILABLE, version, runspace_id)
        if not host.service_running("MSExchangeRepl"):
            return service_down_entry(world, copy, host, RPC_NO_ENDPOINT, version, runspace_id)
    entry = copy_status_record(world, copy, version, runspace_id)
    if host is not None and partition.counted_out(world, world.dag_of(host), host):
        db = world.database_of(copy)
        believed = partition.believed_active(world, host, db.guid)
        if believed is not None:
            mine = believed == host.name.lower()
            entry.set("ActiveDatabaseCopy", believed)
            entry.set("ActiveCopy", mine)
            if mine:
                for name in ("CopyQueueLength", "ReplayQueueLength"):
                    entry.set(name, 0)
                if copy.status != "Mounted":
                    entry.set("CopyStatus" if version == "2010-beta1" else "Status", "Dismounted")
    return entry


def service_down_entry(world, copy, host, error: str, version: str, runspace_id: str):
    """The entry the task makes when the host's Replication service can't be asked: only what
    the directory knows, Status ServiceDown and the RPC failure (R-COPY-10, R-SITE-11)."""
    key = profile_key(version)
    call = _RPC_CALL.get(key, "RpccGetCopyStatusEx4")
    message = SERVICE_DOWN.format(server=host.fqdn, error=error, call=call)
    db = world.database_of(copy)
    values = {"RunspaceId": runspace_id, "Identity": copy.identity, "Id": copy.identity, "Name": copy.identity,
              "DatabaseName": db.name, "Status": "ServiceDown", "CopyStatus": "ServiceDown",
              "MailboxServer": host.name, "ActionInitiator": "Unknown", "ErrorMessage": message,
              "ExtendedErrorInfo": message, "ContentIndexState": "Unknown",
              "AutoActivationPolicy": "Unrestricted", "OutstandingDumpsterRequests": []}
    values.update({name: 0 for name in _ZERO})
    values.update({name: False for name in _FALSE})
    return record(COPY_STATUS_TYPE, STATUS_LISTS[key], values, copy.identity, bases=PLAIN)
