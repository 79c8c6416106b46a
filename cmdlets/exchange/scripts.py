"""The Exchange scripts folder ($exscripts) and the scripts in it the emulator runs itself.

Every Exchange server of a lab gets the folder with a placeholder file per script (so `dir
$exscripts` lists them and `Test-Path` finds them). Running a placeholder by path runs the
command registered here under the script's file name instead of its text:
StartDagServerMaintenance.ps1 / StopDagServerMaintenance.ps1 (R-AM-25) and
RedistributeActiveDatabases.ps1, with the parameters the real scripts declare per version.
The other scripts of the folder are listed only; running one writes a NotImplemented record.
A file a user wrote over a placeholder is an ordinary script again.

The real scripts speak through -Verbose and Write-Host in text this module does not have; they
write the same state changes here, VERBOSE lines in the emulator's own words, and refusals as
the Write-Error records a script writes.
"""

from __future__ import annotations

from typing import Any

import attrs

from cmdlets.api.cmdlet import Cmdlet, cmdlet, registered
from cmdlets.api.errors import CmdletError, ErrorRecord
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import (
    NOT_FOUND, NOT_FOUND_TYPE, SYSTEM_CONFIGURATION_TASKS, ExchangeCmdlet, exception_for, rule_error_id,
)
from state import RuleViolation
from state.active_manager import SWITCHOVER_SECONDS
from state.events import WARNING

INSTALL_PATHS = {"2007": "C:\\Program Files\\Microsoft\\Exchange Server\\",
                 "2010-beta1": "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\",
                 "2010": "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\"}
V15 = "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\"

_GENERAL = ("Install-AntispamAgents.ps1", "Move-TransportDatabase.ps1", "new-TestCasConnectivityUser.ps1")
_DAG = ("CollectOverMetrics.ps1", "CollectReplicationMetrics.ps1", "DagCommonLibrary.ps1")
_SP1 = ("RedistributeActiveDatabases.ps1", "StartDagServerMaintenance.ps1", "StopDagServerMaintenance.ps1")
FOLDER = {
    "2007": _GENERAL + ("ResetSearchIndex.ps1",),
    "2010-beta1": _GENERAL + _DAG + ("ResetSearchIndex.ps1",),
    "2010": _GENERAL + _DAG + _SP1 + ("CheckDatabaseRedundancy.ps1", "ResetSearchIndex.ps1", "Troubleshoot-CI.ps1",
                                      "Troubleshoot-DatabaseLatency.ps1", "Troubleshoot-DatabaseSpace.ps1"),
    "2013": _GENERAL + _DAG + _SP1 + ("Troubleshoot-DatabaseLatency.ps1", "Troubleshoot-DatabaseSpace.ps1",
                                      "Update-MalwareFilteringServer.ps1"),
}
PLACEHOLDER = "# {name}\r\n# Exchange Server script: the emulator runs its own model of it, not this text.\r\n"
SCRIPT_COMMANDS = {"startdagservermaintenance.ps1", "stopdagservermaintenance.ps1", "redistributeactivedatabases.ps1"}


def install_path(version: str) -> str:
    """$exinstall: where setup put Exchange (MsiInstallPath)."""
    return INSTALL_PATHS.get(version, V15)


def scripts_folder(version: str) -> str:
    """$exscripts as the shell defines it (install path + `scripts\\`)."""
    return install_path(version) + "scripts\\"


def folder_files(version: str) -> tuple[str, ...]:
    return tuple(sorted(FOLDER.get(version, FOLDER["2013"]), key=str.lower))


def install(world: Any) -> None:
    """Put the scripts folder, with a placeholder per script, on every Exchange server."""
    for server in world.servers.values():
        if not server.is_exchange_server:
            continue
        folder = install_path(server.exchange_version) + "Scripts"
        server.files.mkdir(folder)
        for name in folder_files(server.exchange_version):
            if server.files.entry(f"{folder}\\{name}") is None:
                server.files.write(f"{folder}\\{name}", PLACEHOLDER.format(name=name))


def implementation(server: Any, local: str, profile: Any) -> type[Cmdlet] | None:
    """The command that runs in place of the script at ``local`` on ``server``: only an untouched
    placeholder in the server's own scripts folder has one."""
    folder = (install_path(server.exchange_version) + "Scripts\\").lower()
    if not local.lower().startswith(folder):
        return None
    name = next((n for n in folder_files(server.exchange_version) if folder + n.lower() == local.lower()), None)
    if name is None or server.files[local] != PLACEHOLDER.format(name=name):
        return None
    return registered(name) if name.lower() in SCRIPT_COMMANDS else _listed_only(name)


class ExchangeScript(ExchangeCmdlet):
    """A script of the Exchange scripts folder run as a command: its errors carry the script's
    file name where a cmdlet's carry its task class (`NamedParameterNotFound,X.ps1`)."""

    from_catalog = False
    module = ""

    @classmethod
    def full_type_name(cls) -> str:
        return cls.name

    def script_error(self, message: str, rule_id: str = "", target: Any = None) -> ErrorRecord:
        """What `Write-Error ... -ErrorAction Stop` inside the script leaves behind."""
        return ErrorRecord(message=message, category="NotSpecified",
                           error_id="Microsoft.PowerShell.Commands.WriteErrorException",
                           exception_type="Microsoft.PowerShell.Commands.WriteErrorException", target=target,
                           activity="Write-Error", command_type=self.name, rule_id=rule_id,
                           invocation=self.invocation, terminating=True)

    def refuse(self, violation: RuleViolation) -> Any:
        self.fail(self.script_error(violation.message, violation.rule_id))

    def mailbox_server(self, text: str, cmdlet_name: str) -> Any:
        """The server a script names, or the error the first Exchange cmdlet it runs writes."""
        found = ids.mailbox_servers(self.world, Identity(text))
        if len(found) == 1:
            return found[0]
        record = self.exchange_error(NOT_FOUND.format(id=text, dc=self.domain_controller_fqdn()), "ObjectNotFound",
                                     rule_error_id("ManagementObjectNotFound"), NOT_FOUND_TYPE, text)
        task = cmdlet_name.replace("-", "")
        self.fail(attrs.evolve(record, activity=cmdlet_name, command_type=f"{SYSTEM_CONFIGURATION_TASKS}.{task}"))

    def emit_script_events(self, events: list[Any], failure_rule: str) -> None:
        """Events as VERBOSE lines; the ``failure_rule`` warning is the script's final error."""
        failure = next((e for e in events if e.kind == WARNING and e.rule_id == failure_rule), None)
        self.emit([e for e in events if e is not failure])
        if failure is not None:
            self.fail(self.script_error(failure.text, failure_rule))


class ListedScript(Cmdlet):
    """A script of the folder the emulator lists but does not run."""

    native_arguments = True
    arguments: list[str] = []

    @classmethod
    def full_type_name(cls) -> str:
        return cls.name

    def begin_processing(self) -> None:
        record = ErrorRecord(
            message=f"The script '{self.name}' is part of the Exchange scripts folder, but this emulator doesn't "
                    "run it: only StartDagServerMaintenance.ps1, StopDagServerMaintenance.ps1 and "
                    "RedistributeActiveDatabases.ps1 are modelled.",
            category="NotImplemented", error_id="ScriptNotModelled", exception_type="System.NotSupportedException",
            target=self.name, target_type="String", activity=self.name, command_type=self.name,
            invocation=self.invocation, terminating=True)
        raise CmdletError(record, terminating=True)


def _listed_only(name: str) -> type[Cmdlet]:
    cls = registered(name)
    if cls is None:
        doc = {"__doc__": ListedScript.__doc__}
        cls = cmdlet(name)(type(name.replace("-", "").replace(".", ""), (ListedScript,), doc))
    return cls


# --- StartDagServerMaintenance.ps1 / StopDagServerMaintenance.ps1 (R-AM-25) -----------------------
_2013_ON = ("2013", "2016", "2019")
_2016_ON = ("2016", "2019")


@cmdlet("StartDagServerMaintenance.ps1", versions=("2010",) + _2013_ON)
class StartDagServerMaintenanceScript(ExchangeScript):
    """Puts a DAG member into maintenance (R-AM-25): activation blocked, cluster node paused (2016+:
    with -pauseClusterNode), active databases and the PAM moved away; the 2010 script also
    suspends activation of the server's copies. A database left without enough healthy copies
    undoes it all but the completed moves (-Force 'true' keeps it)."""

    server_name: str = param("String", position=0, mandatory=True, name="serverName")
    force: str = param("String", position=1, name="Force", default="false", versions=_2013_ON)
    whatif: bool = param("SwitchParameter", name="whatif")
    override_minimum_two_copies: bool = param("SwitchParameter", name="overrideMinimumTwoCopies")
    move_comment: str = param("String", position=2, name="MoveComment", default="BeginMaintenance",
                              versions=_2013_ON)
    pause_cluster_node: bool = param("SwitchParameter", name="pauseClusterNode", versions=_2016_ON)
    use_mailbox_server_redundancy: bool = param("SwitchParameter", name="UseMailboxServerRedundancy",
                                                versions=_2016_ON, ignored="redundancy is counted from copy health")

    def process_record(self) -> None:
        from state.transitions import StartDagServerMaintenance
        server = self.mailbox_server(self.server_name.split(".")[0], "Set-MailboxServer")
        dag = self.world.dag_of(server)
        running = len(dag.servers) - len(dag.stopped_mailbox_servers) if dag is not None else 0
        minimum = 1 if self.override_minimum_two_copies or running == 2 else 2
        version = self.profile.exchange_version
        change = StartDagServerMaintenance(
            server.name, pause_node=version not in _2016_ON or self.pause_cluster_node,
            suspend_copies=version == "2010", minimum_copies=minimum,
            rollback=str(self.force).lower() != "true")
        self.check(change)
        if not self.should_process(server.name):
            return
        before = {db.name: db.active_server for db in self.world.databases.values()}
        events = self.commit_events(change)
        self.report_moves(before)
        self.emit_script_events(events, "R-AM-25")

    def report_moves(self, before: dict[str, str]) -> None:
        """A VERBOSE line per database that moved; the moves take switchover time (R-TIMING-4)."""
        moved = [db for db in self.world.databases.values() if before.get(db.name) not in (None, db.active_server)]
        for db in moved:
            self.write_verbose(f"Moved the active copy of database '{db.name}' from '{before[db.name]}' to "
                               f"'{db.active_server}'.")
        if moved:
            self.world.advance(SWITCHOVER_SECONDS * len(moved))


@cmdlet("StopDagServerMaintenance.ps1", versions=("2010",) + _2013_ON)
class StopDagServerMaintenanceScript(ExchangeScript):
    """Takes a DAG member out of maintenance (R-AM-25): node resumed, activation Unrestricted,
    every copy on the server resumed."""

    server_name: str = param("String", position=0, mandatory=True, name="serverName")
    whatif: bool = param("SwitchParameter", name="whatif")
    set_database_copy_activation_disabled_and_move_now: bool = param(
        "SwitchParameter", name="setDatabaseCopyActivationDisabledAndMoveNow", versions=_2013_ON,
        ignored="DatabaseCopyActivationDisabledAndMoveNow is left as it is")

    def process_record(self) -> None:
        from state.transitions import StopDagServerMaintenance
        server = self.mailbox_server(self.server_name.split(".")[0], "Set-MailboxServer")
        change = StopDagServerMaintenance(server.name)
        self.check(change)
        if self.should_process(server.name):
            self.emit(self.commit_events(change))


# --- RedistributeActiveDatabases.ps1 ----------------------------------------------------------------
_BALANCE = ("BalanceDbsByActivationPreference", "BalanceDbsBySiteAndActivationPreference",
            "BalanceDbsIgnoringActivationPreference")


@cmdlet("RedistributeActiveDatabases.ps1", versions=("2010",) + _2013_ON, default_set="Common")
class RedistributeActiveDatabasesScript(ExchangeScript):
    """Balances the active databases of a DAG through ordinary switchovers: by activation
    preference, by AD site and then activation preference (2013+), or evenly over the servers
    ignoring preference (2013+); reports the distribution by server or by site and the databases'
    current actives. The balancing modes write the script's banner, tables and summary to the
    host and a DatabaseMoveStatus per database to the pipeline (cmdlets/exchange/redistribution.py)."""

    confirm_impact = "High"
    dag_name: str | None = param("String", position=0, name="DagName")
    balance_dbs_by_activation_preference: bool = param(
        "SwitchParameter", mandatory=True, sets=("BalanceDbsByActivationPreference",))
    balance_dbs_by_site_and_activation_preference: bool = param(
        "SwitchParameter", mandatory=True, sets=("BalanceDbsBySiteAndActivationPreference",), versions=_2013_ON)
    balance_dbs_ignoring_activation_preference: bool = param(
        "SwitchParameter", mandatory=True, sets=("BalanceDbsIgnoringActivationPreference",), versions=_2013_ON)
    allowed_deviation_from_mean_percentage: float = param(
        "Double", default=20.0, sets=("BalanceDbsBySiteAndActivationPreference",), versions=_2013_ON)
    show_final_database_distribution: bool = param(
        "SwitchParameter", sets=("BalanceDbsByActivationPreference", "BalanceDbsBySiteAndActivationPreference",
                                 "BalanceDbsIgnoringActivationPreference"))
    show_database_current_actives: bool = param("SwitchParameter", mandatory=True,
                                                sets=("ShowDatabaseCurrentActives",))
    show_database_distribution_by_server: bool = param("SwitchParameter", mandatory=True,
                                                       sets=("ShowDatabaseDistributionByServer",))
    show_database_distribution_by_site: bool = param("SwitchParameter", mandatory=True,
                                                     sets=("ShowDatabaseDistributionBySite",))
    run_only_on_pam: bool = param("SwitchParameter", name="RunOnlyOnPAM")
    log_events: bool = param("SwitchParameter", default=True, ignored="no application event log")
    include_non_replicated_databases: bool = param("SwitchParameter")
    skip_move_suppression_checks: bool = param("SwitchParameter", versions=_2013_ON,
                                               ignored="no move suppression is modelled")
    what_if: bool = param("SwitchParameter", name="WhatIf")
    confirm: bool = param("SwitchParameter", name="Confirm", default=True)

    def process_record(self) -> None:
        from cmdlets.exchange.redistribution import Balancer, server_record, site_entries, site_record
        mode = self.parameter_set_name
        if mode == "Common":
            self.write_warning(f"{self._stamp()} No action was given: use -BalanceDbsByActivationPreference, "
                               "-ShowDatabaseDistributionByServer or another of the script's switches.")
            return
        dag = self._dag()
        if self.run_only_on_pam and self.runtime.computer_name.lower() != (self._pam(dag) or "").lower():
            self.write_warning(f"{self._stamp()} {self.runtime.computer_name} isn't the primary active manager; "
                               "nothing was balanced.")
            return
        run = Balancer(self, dag, self._databases(dag))
        if mode == "ShowDatabaseDistributionByServer":
            self.write_object([server_record(e, dag.name) for e in run.servers()], enumerate_collection=True)
        elif mode == "ShowDatabaseDistributionBySite":
            self.write_object([site_record(e, dag.name) for e in site_entries(run.servers())],
                              enumerate_collection=True)
        elif mode == "ShowDatabaseCurrentActives":
            run.current_actives()
            self.write_object(run.results(), enumerate_collection=True)
        else:
            {"BalanceDbsByActivationPreference": run.by_preference,
             "BalanceDbsIgnoringActivationPreference": run.ignoring_preference,
             "BalanceDbsBySiteAndActivationPreference":
                 lambda: run.by_site(float(self.allowed_deviation_from_mean_percentage))}[mode]()
            self.write_object(run.results(), enumerate_collection=True)

    def _stamp(self) -> str:
        from cmdlets.api.dotnet_format import format_datetime
        return format_datetime(self.world.now, "[HH:mm:ss.fff UTC]")

    def move_error(self, violation: RuleViolation) -> None:
        """The error Move-ActiveMailboxDatabase writes inside the script (-ErrorAction Continue)."""
        record = self.exchange_error(violation.message, violation.category, rule_error_id(violation.rule_id),
                                     exception_for(violation.rule_id, violation.category), violation.target,
                                     violation.rule_id)
        self.write_error(attrs.evolve(record, activity="Move-ActiveMailboxDatabase", terminating=False,
                                      command_type=f"{SYSTEM_CONFIGURATION_TASKS}.MoveActiveMailboxDatabase"))

    # -- the DAG and its databases ------------------------------------------------------------
    def _dag(self) -> Any:
        if self.dag_name:
            found = ids.dags(self.world, Identity(self.dag_name))
            if len(found) != 1:
                record = self.exchange_error(
                    NOT_FOUND.format(id=self.dag_name, dc=self.domain_controller_fqdn()), "ObjectNotFound",
                    rule_error_id("ManagementObjectNotFound"), NOT_FOUND_TYPE, self.dag_name)
                self.fail(attrs.evolve(record, activity="Get-DatabaseAvailabilityGroup",
                                       command_type=f"{SYSTEM_CONFIGURATION_TASKS}.GetDatabaseAvailabilityGroup"))
            return found[0]
        dag = self.world.dag_of(self.runtime.computer_name)
        if dag is None:
            self.fail(self.script_error("No DAG name was given and the local server isn't a member of a database "
                                        "availability group."))
        return dag

    def _pam(self, dag: Any) -> str | None:
        from state.active_manager import pam
        return pam(self.world, dag)

    def _databases(self, dag: Any) -> list[Any]:
        members = {s.lower() for s in dag.servers}
        return sorted((db for db in self.world.databases.values()
                       if any(c.server.lower() in members for c in db.copies)
                       and (len(db.copies) > 1 or self.include_non_replicated_databases)), key=lambda d: d.name.lower())
