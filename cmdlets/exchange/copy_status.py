"""Get-MailboxDatabaseCopyStatus: one status entry per copy (R-COPY-1, R-COPY-2, R-COPY-16).

Identity ``DB`` lists every copy of the database, ``DB\\Server`` one copy; -Server every copy
on a server; -Local (or no parameter) the copies on the local server (the console machine);
-Active keeps active copies only. The log-shipping network and the error details are always
filled (the task asks the Replication service for them either way), so -ConnectionStatus and
-ExtendedErrorInfo change nothing; -UseServerCache answers from results at most 5 s old
(R-TIMING-17)."""

from __future__ import annotations

import datetime as dt

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.status import copy_status_record
from state import replication

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
            db = self.world.database_of(copy)
            if self.active and not replication.is_active(db, copy):
                continue
            self.write_object(self._record(copy))

    def _record(self, copy):
        key = copy.identity.lower()
        cache = self.runtime.get_variable(CACHE_VARIABLE) or {}
        hit = cache.get(key)
        if self.use_server_cache and hit and self.world.now - hit[0] <= dt.timedelta(seconds=CACHE_SECONDS):
            return hit[1]
        record = copy_status_record(self.world, copy, self.version, self.runspace_id())
        cache[key] = (self.world.now, record)
        self.runtime.set_variable(CACHE_VARIABLE, cache)
        return record

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
