"""ExchangeCmdlet: the lifecycle every Exchange task shares.

Resolve identities (not found -> ManagementObjectNotFoundException), ``check`` the world
transition before ``should_process`` (Exchange's InternalValidate precedes
InternalProcessRecord, so -WhatIf still reports invalid input), then ``commit`` and turn the
events into WARNING/VERBOSE lines and pipeline values. A RuleViolation becomes a terminating,
remote error record (EMS errors come back over remoting: no prefix, no position).
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, NoReturn

from cmdlets.api.cmdlet import Cmdlet
from cmdlets.api.dotnet_format import format_datetime
from cmdlets.api.errors import CmdletError, ErrorRecord, rule_error_id
from cmdlets.api.identity import Identity
from cmdlets.api.transitions import TransitionCommands
from state import RuleViolation
from state.events import RESULT, VERBOSE, WARNING, Event

SYSTEM_CONFIGURATION_TASKS = "Microsoft.Exchange.Management.SystemConfigurationTasks"
E2010_SNAPIN = "Microsoft.Exchange.Management.PowerShell.E2010"
NOT_FOUND_TYPE = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"
NOT_FOUND = "The operation couldn't be performed because object '{id}' couldn't be found on '{dc}'."
AMBIGUOUS_TYPE = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException"
AMBIGUOUS = "The operation couldn't be performed because '{id}' matches multiple entries."
DATABASE_NOT_FOUND = 'Couldn\'t find database "{id}". Make sure you have typed it correctly.'
DATABASE_NOT_FOUND_ID = "E3DE7D95"          # the id Exchange prints for it (output-format §8.2)

_DAG_TASK = f"{SYSTEM_CONFIGURATION_TASKS}.DagTaskOperationFailedException"
_AM = "Microsoft.Exchange.Cluster.Replay.AmDbActionException"
# Exception type per (rule area, category); first match wins, "" = any.
EXCEPTIONS: tuple[tuple[str, str, str], ...] = (
    ("", "InvalidArgument", "System.ArgumentException"),
    ("", "PermissionDenied", "System.UnauthorizedAccessException"),
    ("", "ResourceUnavailable", f"{SYSTEM_CONFIGURATION_TASKS}.DagTaskServerTransientException"),
    ("AM", "", _AM),
    ("DAG", "", _DAG_TASK),
    ("NET", "", _DAG_TASK),
    ("CLUSTER", "", _DAG_TASK),
    ("SITE", "", _DAG_TASK),
    ("DB", "", f"{SYSTEM_CONFIGURATION_TASKS}.InvalidDatabaseCopyOperationException"),
    ("COPY", "", f"{SYSTEM_CONFIGURATION_TASKS}.InvalidDatabaseCopyOperationException"),
    ("", "", "System.InvalidOperationException"),
)


def exception_for(rule_id: str, category: str) -> str:
    """The exception type name an Exchange task would throw for a refused rule."""
    area = rule_id.split("-")[1] if rule_id.count("-") >= 2 else ""
    for want_area, want_cat, name in EXCEPTIONS:
        if want_area in ("", area) and want_cat in ("", category):
            return name
    return "System.InvalidOperationException"


def _target_type(target: Any) -> str:
    return "String" if isinstance(target, str) else ("" if target is None else type(target).__name__)


class ExchangeCmdlet(TransitionCommands, Cmdlet):
    """Base of every Exchange task: catalog parameters, remote error records, world transitions."""

    namespace = SYSTEM_CONFIGURATION_TASKS
    module = E2010_SNAPIN
    from_catalog = True

    # -- errors -------------------------------------------------------------------------
    def exchange_error(self, message: str, category: str, error_id: str, exception: str,
                       target: Any = None, rule_id: str = "") -> ErrorRecord:
        if self.world.version_at_least("2013"):
            error_id = f"{self.request_prefix(exception)} {error_id}"
        return ErrorRecord(message=message, category=category, error_id=error_id, exception_type=exception,
                           target=target, target_type=_target_type(target), activity=self.name,
                           command_type=self.full_type_name(), rule_id=rule_id, invocation=self.invocation,
                           terminating=True, remote=True, computer_name=self.session_server_fqdn())

    def request_prefix(self, exception: str) -> str:
        """What 2013+ servers put before an error id: the server, a request id and the server's
        time, then the failure category (output-format §8). The request id is derived from the
        session and a per-session count, so it is deterministic and uses no world randomness."""
        count = int(self.runtime.get_variable("__ExchangeRequests") or 0) + 1
        self.runtime.set_variable("__ExchangeRequests", count)
        h = hashlib.sha1(f"{self.runspace_id()}|request|{count}".encode()).hexdigest()
        request = f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:32]}"
        server = (self.runtime.computer_name or "").split(".")[0].upper()
        stamp = format_datetime(self.world.now, "G", self.profile.culture)
        return (f"[Server={server},RequestId={request},TimeStamp={stamp}] "
                f"[FailureCategory=Cmdlet-{exception.rsplit('.', 1)[-1]}]")

    def session_server_fqdn(self) -> str:
        """The Exchange server the remote session is connected to (an error's PSComputerName)."""
        server = self.world.server(self.runtime.computer_name or "")
        return server.fqdn if server is not None else (self.runtime.computer_name or "")

    def fail(self, record: ErrorRecord) -> NoReturn:
        raise CmdletError(record, terminating=True)

    def refuse(self, violation: RuleViolation) -> NoReturn:
        """A RuleViolation as Exchange reports it."""
        self.fail(self.exchange_error(
            violation.message, violation.category, rule_error_id(violation.rule_id),
            exception_for(violation.rule_id, violation.category), violation.target, violation.rule_id))

    def not_found(self, text: str, database: bool = False) -> NoReturn:
        if database:
            message, error_id = DATABASE_NOT_FOUND.format(id=text), DATABASE_NOT_FOUND_ID
        else:
            message, error_id = NOT_FOUND.format(id=text, dc=self.domain_controller_fqdn()), rule_error_id(
                "ManagementObjectNotFound")
        self.fail(self.exchange_error(message, "ObjectNotFound", error_id, NOT_FOUND_TYPE, text))

    def domain_controller_fqdn(self) -> str:
        dc = next((s for s in self.world.servers.values() if s.is_domain_controller), None)
        return dc.fqdn if dc else f"dc01.{self.world.domain}"

    # -- identities ---------------------------------------------------------------------
    def resolve(self, resolver: Callable[[Any, Identity], list], ident: Identity, database: bool = False) -> list:
        """All objects an identity names; none and no wildcard -> not found."""
        found = resolver(self.world, ident)
        if not found and not ident.has_wildcard:
            self.not_found(ident.text, database)
        return found

    def resolve_one(self, resolver: Callable[[Any, Identity], list], ident: Identity, database: bool = False) -> Any:
        found = self.resolve(resolver, ident, database)
        if not found:
            self.not_found(ident.text, database)
        return found[0]

    def resolve_single(self, resolver: Callable[[Any, Identity], list], ident: Identity) -> Any:
        """Like resolve_one, but an identity naming several objects is refused, as a Set-/Remove-
        task refuses it (ManagementObjectAmbiguousException)."""
        found = self.resolve(resolver, ident)
        if len(found) > 1:
            self.fail(self.exchange_error(AMBIGUOUS.format(id=ident.text), "InvalidArgument",
                                          rule_error_id("ManagementObjectAmbiguous"), AMBIGUOUS_TYPE, ident.text))
        if not found:
            self.not_found(ident.text)
        return found[0]

    # -- transitions --------------------------------------------------------------------
    def commit(self, transition: Any) -> list[Any]:
        """Commit; warnings and verbose lines go out now; Result payloads are returned."""
        return self.emit(self.commit_events(transition))

    def emit(self, events: list[Event]) -> list[Any]:
        results = []
        for event in events:
            if event.kind == WARNING:
                self.write_warning(event.text)
            elif event.kind == VERBOSE:
                self.write_verbose(event.text)
            elif event.kind == RESULT:
                results.append(event.payload)
        return results

    def change(self, transition: Any, target: str, text: str) -> list[Any] | None:
        """check -> should_process(text) -> commit. None when -WhatIf or the user said no."""
        self.check(transition)
        if not self.should_process(target, self.name, whatif_text=text, confirm_text=text):
            return None
        return self.commit(transition)

    # -- records ------------------------------------------------------------------------
    @property
    def version(self) -> str:
        return self.profile.exchange_version

    @property
    def culture(self) -> Any:
        return self.profile.culture

    def runspace_id(self) -> str:
        """One RunspaceId per session: the shell's ``$__RunspaceId``, else one derived from the lab."""
        value = self.runtime.get_variable("__RunspaceId")
        if value:
            return str(value)
        h = hashlib.sha1(f"{self.world.organization}|{self.world.domain}|runspace".encode()).hexdigest()
        guid = f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:32]}"
        self.runtime.set_variable("__RunspaceId", guid)
        return guid
