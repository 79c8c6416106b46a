"""ClusterCmdlet: what the FailoverClusters cmdlets share.

The module ships with Windows Server 2008 R2 and later; on an older console machine (Windows
Server 2008 has only cluster.exe) its cmdlets are not there (CommandNotFoundException). The
module is treated as imported (PowerShell 2.0 needs `Import-Module FailoverClusters`; labs start
with it loaded). ``-Cluster`` names the cluster (its name, FQDN, a node, or `.`); without it the
cmdlet talks to the cluster of the console machine. ``-InputObject`` takes the module's own
objects. Errors are local (not remoting) records with ClusterCmdletException, the cluster API's
refusals carry their rule id (state.rules.cluster)."""

from __future__ import annotations

import re
from typing import Any, NoReturn

from cmdlets.api.cmdlet import Cmdlet
from cmdlets.api.errors import CmdletError, ErrorRecord, rule_error_id
from cmdlets.api.parameters import param
from cmdlets.api.transitions import TransitionCommands
from cmdlets.api.values import PSObject, as_list
from cmdlets.cluster import records as rec
from cmdlets.exchange.identity import matches
from state import RuleViolation
from state.events import WARNING
from state.rules import cluster as rules

NAMESPACE = "Microsoft.FailoverClusters.PowerShell"
EXCEPTION = f"{NAMESPACE}.ClusterCmdletException"
NOT_RUNNING = ("The cluster service is not running.  Make sure that the service is running on all nodes in the "
               "cluster.")
NOT_RECOGNIZED = ("The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable "
                  "program. Check the spelling of the name, or if a path was included, verify that the path is "
                  "correct and try again.")
_MODULE_OS = re.compile(r"2008 R2|20(1[2-9]|2\d)")


def module_available(os_name: str) -> bool:
    """FailoverClusters exists on Windows Server 2008 R2 and later."""
    return bool(_MODULE_OS.search(os_name or ""))


class ClusterCmdlet(TransitionCommands, Cmdlet):
    namespace = NAMESPACE
    module = "FailoverClusters"
    input_object: Any = None
    cluster: str | None = None

    # -- availability and connection ---------------------------------------------------
    @classmethod
    def available_on(cls, machine: Any) -> bool:
        return machine is None or module_available(machine.os)

    def begin_processing(self) -> None:
        console = self.world.server(self.runtime.computer_name or "")
        if console is not None and not module_available(console.os):
            self.fail(ErrorRecord(
                message=NOT_RECOGNIZED.format(name=self.name), category="ObjectNotFound",
                error_id="CommandNotFoundException",
                exception_type="System.Management.Automation.CommandNotFoundException", target=self.name,
                target_type="String", invocation=self.invocation, terminating=True))

    def connect(self) -> Any:
        """The state.model.Cluster this invocation talks to (from -InputObject, -Cluster or the console)."""
        from_input = self.input_cluster()
        if from_input is not None:
            return self.check_quorum(from_input)
        name = self.cluster
        local = name in (None, "", ".")
        if local:
            name = self.runtime.computer_name or ""
        found = self.find_cluster(name)
        console = self.world.server(name) if local else None
        if found is None or (console is not None and not console.service_running("ClusSvc")):
            self.fail(self.cluster_error(NOT_RUNNING, "ConnectionError", "ClusterCmdletException", name))
        return self.check_quorum(found)

    def find_cluster(self, name: str) -> Any:
        short = name.split(".")[0].lower()
        cluster = self.world.clusters.get(short)
        if cluster is not None:
            return cluster
        server = self.world.server(name)
        dag = self.world.dag_of(server) if server is not None else None
        return self.world.cluster_of(dag) if dag is not None else None

    def check_quorum(self, cluster: Any) -> Any:
        try:
            rules.cluster_has_quorum(cluster)
        except RuleViolation as violation:
            self.refuse(violation)
        return cluster

    def input_cluster(self) -> Any:
        obj = self.input_object
        if isinstance(obj, list) and len(obj) == 1:
            obj = obj[0]
        if not isinstance(obj, PSObject):
            return None
        name = obj.get("Cluster") if obj.type_names[0] != rec.CLUSTER_TYPE else obj.get("Name")
        return self.world.clusters.get(str(name).lower()) if name else None

    def input_kind(self) -> tuple[str, str] | None:
        """(type name, object name) of a piped FailoverClusters object."""
        obj = self.input_object
        if isinstance(obj, PSObject) and obj.type_names and obj.type_names[0].startswith(NAMESPACE):
            return obj.type_names[0], str(obj.get("Name"))
        return None

    # -- errors --------------------------------------------------------------------------
    def cluster_error(self, message: str, category: str, error_id: str, target: Any = None,
                      rule_id: str = "") -> ErrorRecord:
        return ErrorRecord(message=message, category=category, error_id=error_id, exception_type=EXCEPTION,
                           target=target, target_type="String" if isinstance(target, str) else "",
                           activity=self.name, command_type=self.full_type_name(), rule_id=rule_id,
                           invocation=self.invocation, terminating=True)

    def fail(self, record: ErrorRecord) -> NoReturn:
        raise CmdletError(record, terminating=True)

    def refuse(self, violation: RuleViolation) -> NoReturn:
        self.fail(self.cluster_error(violation.message, violation.category, rule_error_id(violation.rule_id),
                                     violation.target, violation.rule_id))

    def not_found(self, kind: str, name: str, terminating: bool = True) -> None:
        record = self.cluster_error(f"An error occurred opening {kind} '{name}'.", "ObjectNotFound",
                                    "ClusterObjectNotFound", name)
        if terminating:
            self.fail(record)
        self.write_error(record)

    def commit(self, transition: Any) -> list[Any]:
        """Commit; Warning events become WARNING lines."""
        events = self.commit_events(transition)
        for event in events:
            if event.kind == WARNING:
                self.write_warning(event.text)
        return events

    # -- lookups -------------------------------------------------------------------------
    def strings(self, value: Any) -> list[str]:
        """A StringCollection parameter's value as strings."""
        return [self.runtime.to_string(v) for v in as_list(value)]

    def pick(self, items: list[Any], names: Any, kind: str) -> list[Any]:
        """Objects by name (wildcards allowed); a plain name that matches nothing is an error."""
        names = self.strings(names)
        if not names:
            return list(items)
        out: list[Any] = []
        for pattern in names:
            found = [i for i in items if matches(pattern, i.name) and i not in out]
            if not found and not any(ch in pattern for ch in "*?["):
                self.not_found(kind, pattern)
            out += found
        return out


class TargetedCmdlet(ClusterCmdlet):
    """A cmdlet with the module's usual -InputObject and -Cluster parameters."""

    input_object: Any = param("PSObject", pipeline=True)
    cluster: str | None = param("String")
