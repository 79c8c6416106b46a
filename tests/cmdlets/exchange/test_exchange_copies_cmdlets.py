"""Copy cmdlets, copy status, switchover and Test-ReplicationHealth through the shell; each
cmdlet reference example has an equivalent here that must parse and bind."""

import pytest

from exshell import Shell
from tests.cmdlets.exchange.conftest import only_error

TASKS = "Microsoft.Exchange.Management.SystemConfigurationTasks"


@pytest.fixture
def lab():
    """The copies lab (Exchange 2016): DB1 on MBX1, copies on MBX2 and MBX3; DB2 on MBX2, copy on MBX3."""
    return Shell(lab="copies")


@pytest.fixture
def three(dag_shell):
    """DAG1 = MBX1..3; DB1 on MBX1 with copies on MBX2 and MBX3; DB3 on MBX3 with a copy on MBX1."""
    for cmd in ("Add-DatabaseAvailabilityGroupServer DAG1 MBX3", "Add-MailboxDatabaseCopy DB1 MBX3",
                "Add-MailboxDatabaseCopy DB3 MBX1"):
        res = dag_shell.run(cmd)
        assert res.ok, res.text
    return dag_shell


def status(shell, identity):
    return shell.run(f"Get-MailboxDatabaseCopyStatus {identity}").objects[0]


def copy_row(shell, identity, *names):
    row = status(shell, identity)
    return tuple(row.get(n) for n in names)


# --- Add / Set / Remove ----------------------------------------------------------------------
@pytest.mark.rule("R-COPY-4")
def test_add_copy_examples_bind(dag_shell):
    dag_shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX3")
    res = dag_shell.run("Add-MailboxDatabaseCopy -Identity DB2 -MailboxServer MBX3 -ReplayLagTime 00:10:00 "
                        "-TruncationLagTime 00:15:00 -ActivationPreference 2")
    assert res.ok, res.text
    res = dag_shell.run("Add-MailboxDatabaseCopy -Identity DB3 -MailboxServer MBX1 -ActivationPreference 2 -SeedingPostponed")
    assert res.ok and res.text == ""
    assert copy_row(dag_shell, "DB3\\MBX1", "Status", "ActivationSuspended", "SuspendComment") == (
        "Suspended", True, "Replication is suspended for database copy 'DB3\\MBX1' because database needs to be seeded.")
    assert copy_row(dag_shell, "DB2\\MBX3", "Status") == ("Healthy",)


@pytest.mark.rule("R-DB-11")
def test_replay_lag_max_delay_is_a_2016_parameter(dag_shell, lab):
    err = only_error(dag_shell.run("Add-MailboxDatabaseCopy DB2 MBX1 -ReplayLagMaxDelay 1.00:00:00"))
    assert err.fully_qualified_error_id == f"NamedParameterNotFound,{TASKS}.AddMailboxDatabaseCopy"
    assert lab.run("Add-MailboxDatabaseCopy DB2 MBX1 -ReplayLagMaxDelay 12:00:00 -ConfigurationOnly").ok
    assert lab.world.copy("DB2", "MBX1").replay_lag_max_delay.total_seconds() == 12 * 3600
    assert lab.world.copy("DB1", "MBX2").replay_lag_max_delay.total_seconds() == 24 * 3600


@pytest.mark.rule("R-DB-9")
@pytest.mark.rule("R-DB-10")
def test_set_copy_examples(three):
    assert three.run("Set-MailboxDatabaseCopy -Identity DB1\\MBX3 -ReplayLagTime 3.0:0:0").ok
    assert three.world.copy("DB1", "MBX3").replay_lag_time.total_seconds() == 3 * 86400
    assert three.run("Set-MailboxDatabaseCopy -Identity DB1\\MBX3 -ActivationPreference 1").ok
    prefs = three.run("Get-MailboxDatabase DB1").objects[0].get("ActivationPreference")
    assert [str(p) for p in prefs] == ["[MBX1, 2]", "[MBX2, 3]", "[MBX3, 1]"]
    err = only_error(three.run("Set-MailboxDatabaseCopy DB1\\MBX2 -TruncationLagTime 15.00:00:00"))
    assert (err.category, err.rule_id) == ("InvalidArgument", "R-DB-10")


@pytest.mark.rule("R-DB-12")
def test_remove_copy(three):
    err = only_error(three.run("Remove-MailboxDatabaseCopy DB1\\MBX1 -Confirm:$false"))
    assert err.message == ("The database copy 'DB1\\MBX1' is the active copy and can't be removed. Move the active copy "
                           "with Move-ActiveMailboxDatabase first.")
    assert err.exception_type == f"{TASKS}.InvalidDatabaseCopyOperationException"
    res = three.run("Remove-MailboxDatabaseCopy -Identity DB1\\MBX3 -Confirm:$false")
    assert res.ok and res.warnings == [
        'The database files for "DB1\\MBX3" weren\'t removed. Delete them manually from '
        '"C:\\Program Files\\Microsoft\\Exchange Server\\V14\\Mailbox\\DB1" on server "MBX3".']
    assert [r.get("Name") for r in three.run("Get-MailboxDatabaseCopyStatus DB1").objects] == ["DB1\\MBX1", "DB1\\MBX2"]


def test_copy_identity_without_a_server_must_name_one_copy(three):
    err = only_error(three.run("Suspend-MailboxDatabaseCopy DB1 -Confirm:$false"))
    assert (err.category, err.message) == ("InvalidArgument",
                                           "The operation couldn't be performed because 'DB1' matches multiple entries.")
    assert only_error(three.run("Suspend-MailboxDatabaseCopy DB9 -Confirm:$false")).category == "ObjectNotFound"


def test_remove_whatif_changes_nothing(three):
    res = three.run("Remove-MailboxDatabaseCopy DB1\\MBX3 -WhatIf")
    assert res.text.strip() == 'What if: Removing mailbox database copy "DB1\\MBX3".'
    assert len(three.run("Get-MailboxDatabaseCopyStatus DB1").objects) == 3


# --- Suspend / Resume ---------------------------------------------------------------------
@pytest.mark.rule("R-COPY-14")
@pytest.mark.rule("R-COPY-15")
def test_suspend_and_resume_examples(three):
    assert three.run('Suspend-MailboxDatabaseCopy -Identity DB1\\MBX3 -SuspendComment "Maintenance on MBX3" '
                     '-Confirm:$False').ok
    assert copy_row(three, "DB1\\MBX3", "Status", "ActivationSuspended", "SuspendComment") == (
        "Suspended", True, "Maintenance on MBX3")
    assert three.run("Suspend-MailboxDatabaseCopy -Identity DB1\\MBX2 -ActivationOnly -Confirm:$False").ok
    assert copy_row(three, "DB1\\MBX2", "Status", "ActivationSuspended") == ("Healthy", True)
    assert three.run("Resume-MailboxDatabaseCopy -Identity DB1\\MBX3 -ReplicationOnly").ok
    assert copy_row(three, "DB1\\MBX3", "Status", "ActivationSuspended") == ("Initializing", True)
    three.run("Start-Sleep 15")
    assert copy_row(three, "DB1\\MBX3", "Status") == ("Healthy",)
    assert three.run("Resume-MailboxDatabaseCopy -Identity DB1\\MBX2").ok
    assert copy_row(three, "DB1\\MBX2", "ActivationSuspended") == (False,)


@pytest.mark.rule("R-COPY-14")
def test_suspend_refusals_through_the_shell(three):
    err = only_error(three.run("Suspend-MailboxDatabaseCopy DB1\\MBX1 -Confirm:$false"))
    assert (err.category, err.rule_id) == ("InvalidOperation", "R-COPY-14")
    assert err.message == ("The database copy 'DB1\\MBX1' is the active copy. Replication of the active copy can't "
                           "be suspended.")
    err = only_error(three.run("Suspend-MailboxDatabaseCopy DB2\\MBX2 -Confirm:$false"))
    assert "has only one copy" in err.message


@pytest.mark.rule("R-COPY-15")
def test_replay_lag_switches_are_2013_sets(three, lab):
    err = only_error(three.run("Suspend-MailboxDatabaseCopy DB1\\MBX2 -EnableReplayLag -Confirm:$false"))
    assert err.fully_qualified_error_id.startswith("NamedParameterNotFound")
    assert lab.run("Set-MailboxDatabaseCopy DB1\\MBX3 -ReplayLagTime 01:00:00").ok
    lab.run("Start-Sleep 1800")
    assert copy_row(lab, "DB1\\MBX3", "ReplayQueueLength") == (30,)
    lab.run("Suspend-MailboxDatabaseCopy DB1\\MBX3 -Confirm:$false")
    assert lab.run("Resume-MailboxDatabaseCopy DB1\\MBX3 -DisableReplayLag -DisableReplayLagReason 'activation drill'").ok
    lab.run("Start-Sleep 15")
    assert copy_row(lab, "DB1\\MBX3", "Status", "ReplayQueueLength") == ("Healthy", 0)
    assert lab.run("Suspend-MailboxDatabaseCopy DB1\\MBX3 -EnableReplayLag -Confirm:$false").ok
    lab.run("Start-Sleep 600")
    assert copy_row(lab, "DB1\\MBX3", "ReplayQueueLength") == (10,)


def test_pipeline_suspend_every_copy_on_a_server(three):
    res = three.run("Get-MailboxDatabaseCopyStatus -Server MBX3 | ? {$_.Status -eq 'Healthy'} | "
                    "Suspend-MailboxDatabaseCopy -Confirm:$false")
    assert res.ok, res.text
    assert copy_row(three, "DB1\\MBX3", "Status") == ("Suspended",)


# --- Update (reseed) ----------------------------------------------------------------------
@pytest.mark.rule("R-COPY-18")
@pytest.mark.rule("R-COPY-19")
def test_update_examples(three):
    err = only_error(three.run("Update-MailboxDatabaseCopy -Identity DB1\\MBX2 -Confirm:$false"))
    assert (err.category, err.rule_id) == ("InvalidOperation", "R-COPY-18")
    three.run("Suspend-MailboxDatabaseCopy DB1\\MBX2 -Confirm:$false")
    err = only_error(three.run("Update-MailboxDatabaseCopy -Identity DB1\\MBX2 -SourceServer MBX3 -Confirm:$false"))
    assert err.rule_id == "R-COPY-19"
    before = three.run("(Get-Date)").objects[0]
    assert three.run("Update-MailboxDatabaseCopy -Identity DB1\\MBX2 -SourceServer MBX3 -DeleteExistingFiles "
                     "-Confirm:$false").ok
    assert copy_row(three, "DB1\\MBX2", "Status", "ActivationSuspended") == ("Healthy", False)
    after = three.run("(Get-Date)").objects[0]
    assert (after - before).total_seconds() == 57 + 15              # seed, then Initializing
    assert three.run("Update-MailboxDatabaseCopy -Identity DB1\\MBX3 -CatalogOnly -Confirm:$false").ok
    three.run("Suspend-MailboxDatabaseCopy DB1\\MBX3 -Confirm:$false")
    assert three.run("Update-MailboxDatabaseCopy DB1\\MBX3 -DatabaseOnly -DeleteExistingFiles -ManualResume "
                     "-Confirm:$false").ok
    assert copy_row(three, "DB1\\MBX3", "Status") == ("Suspended",)


@pytest.mark.rule("R-COPY-20")
def test_second_seed_from_one_source_is_seed_in_progress(lab):
    lab.run("Suspend-MailboxDatabaseCopy DB1\\MBX2 -Confirm:$false")
    lab.run("Suspend-MailboxDatabaseCopy DB1\\MBX3 -Confirm:$false")
    assert lab.run("Update-MailboxDatabaseCopy DB1\\MBX2 -DeleteExistingFiles -BeginSeed -Confirm:$false").ok
    assert copy_row(lab, "DB1\\MBX2", "Status") == ("Seeding",)
    err = only_error(lab.run("Update-MailboxDatabaseCopy DB1\\MBX3 -DeleteExistingFiles -Confirm:$false"))
    assert err.fully_qualified_error_id.endswith(
        f"[FailureCategory=Cmdlet-SeedInProgressException] FE1C6491,{TASKS}.UpdateMailboxDatabaseCopy")
    assert err.exception_type == "Microsoft.Exchange.Cluster.Replay.SeedInProgressException"
    assert lab.run("Update-MailboxDatabaseCopy DB1\\MBX2 -CancelSeed -Confirm:$false").ok
    assert copy_row(lab, "DB1\\MBX2", "Status") == ("FailedAndSuspended",)


@pytest.mark.rule("R-COPY-19")
def test_update_server_reseeds_every_suspended_copy_on_it(three, lab):
    err = only_error(three.run("Update-MailboxDatabaseCopy -Server MBX1 -MaximumSeedsInParallel 5 -Confirm:$false"))
    assert err.fully_qualified_error_id.startswith("NamedParameterNotFound")
    lab.run("Suspend-MailboxDatabaseCopy DB1\\MBX3 -Confirm:$false")
    lab.run("Suspend-MailboxDatabaseCopy DB2\\MBX3 -Confirm:$false")
    assert lab.run("Update-MailboxDatabaseCopy -Server MBX3 -MaximumSeedsInParallel 1 -DeleteExistingFiles "
                   "-DatabaseOnly -Confirm:$false").ok
    statuses = lambda: [r.get("Status") for r in lab.run("Get-MailboxDatabaseCopyStatus -Server MBX3").objects]
    assert statuses() == ["Seeding", "Suspended"]                # one at a time; the task returned at once
    lab.run("Start-Sleep 60")
    assert statuses() == ["Initializing", "Seeding"]
    lab.run("Start-Sleep 120")
    assert statuses() == ["Healthy", "Healthy"]
    err = only_error(lab.run("Update-MailboxDatabaseCopy DB1\\MBX3 -CatalogOnly -DatabaseOnly -Confirm:$false"))
    assert (err.category, err.message) == ("InvalidOperation",
                                           "The CatalogOnly and DatabaseOnly parameters can't be used together.")


# --- Get-MailboxDatabaseCopyStatus ---------------------------------------------------------
@pytest.mark.rule("R-COPY-1")
def test_copy_status_examples(three):
    assert three.run("Get-MailboxDatabaseCopyStatus -Identity DB1 | Format-List").text.count("DatabaseName") == 3
    assert three.run("Get-MailboxDatabaseCopyStatus -Server MBX1 | Format-List").text.count("DatabaseName") == 2
    rows = three.run("Get-MailboxDatabaseCopyStatus -Identity DB1\\MBX2 -ConnectionStatus").objects
    assert rows[0].get("IncomingLogCopyingNetwork") == "{MBX1,DAGNetwork02}"
    assert status(three, "DB1\\MBX2").get("IncomingLogCopyingNetwork") == "{MBX1,DAGNetwork02}"
    local = three.run("Get-MailboxDatabaseCopyStatus -Local").objects
    assert [r.get("Name") for r in local] == ["DB1\\MBX1", "DB3\\MBX1"]
    err = only_error(three.run("Get-MailboxDatabaseCopyStatus -Identity DB1 -Server MBX1"))
    assert err.fully_qualified_error_id.startswith("AmbiguousParameterSet")


@pytest.mark.rule("R-TIMING-17")
def test_use_server_cache_answers_from_results_at_most_five_seconds_old(lab):
    lab.run("Get-MailboxDatabaseCopyStatus DB1\\MBX2 -UseServerCache")
    lab.run("Suspend-MailboxDatabaseCopy DB1\\MBX2 -Confirm:$false")
    cached = lab.run("Get-MailboxDatabaseCopyStatus DB1\\MBX2 -UseServerCache").objects[0]
    assert cached.get("Status") == "Healthy"
    assert status(lab, "DB1\\MBX2").get("Status") == "Suspended"
    lab.run("Start-Sleep 6")
    assert lab.run("Get-MailboxDatabaseCopyStatus DB1\\MBX2 -UseServerCache").objects[0].get("Status") == "Suspended"


def test_extended_error_info(three):
    from state.transitions import SetDiskFull
    three.world.commit(SetDiskFull("MBX2"))
    row = three.run("Get-MailboxDatabaseCopyStatus DB1\\MBX2 -ExtendedErrorInfo").objects[0]
    assert (row.get("Status"), row.get("ErrorMessage"), row.get("ExtendedErrorInfo")) == (
        "Failed", "There is not enough space on the log volume of server 'MBX2'.",
        "There is not enough space on the log volume of server 'MBX2'.")


# --- Move-ActiveMailboxDatabase -------------------------------------------------------------
@pytest.mark.rule("R-AM-16")
@pytest.mark.rule("R-AM-18")
def test_move_examples(three):
    for cmd in ("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2 -MountDialOverride:None -Confirm:$false",
                "Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX3 -MountDialOverride:GoodAvailability -Confirm:$false",
                "Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX1 -Confirm:$false"):
        res = three.run(cmd)
        assert res.ok, res.text
    res = three.run("Move-ActiveMailboxDatabase -Server MBX1 -Confirm:$false")
    assert [(r.get("Identity"), r.get("Status"), r.get("ActiveServerAtEnd")) for r in res.objects] == [
        ("DB1", "Succeeded", "MBX2")]


@pytest.mark.rule("R-AM-16")
def test_2010_lacks_the_2013_skip_switches_and_sets(three):
    for cmd, param in (("Move-ActiveMailboxDatabase DB1 MBX2 -SkipMaximumActiveDatabasesChecks", "SkipMaximum"),
                       ("Move-ActiveMailboxDatabase -ActivatePreferredOnServer MBX1", "ActivatePreferredOnServer"),
                       ("Move-ActiveMailboxDatabase DB1 MBX2 -SkipAllChecks", "SkipAllChecks")):
        err = only_error(three.run(cmd + " -Confirm:$false"))
        assert err.fully_qualified_error_id.startswith("NamedParameterNotFound"), cmd
    err = only_error(three.run("Move-ActiveMailboxDatabase -Identity DB1 -Server MBX1 -Confirm:$false"))
    assert err.fully_qualified_error_id.startswith("AmbiguousParameterSet")


@pytest.mark.rule("R-AM-21")
@pytest.mark.rule("R-TIMING-4")
def test_server_switchover_takes_thirty_seconds_per_database(three):
    three.run("Move-ActiveMailboxDatabase DB3 MBX1 -Confirm:$false")
    before = three.run("Get-Date").objects[0]
    res = three.run("Move-ActiveMailboxDatabase -Server MBX1 -Confirm:$false")
    assert [(r.get("Identity"), r.get("ActiveServerAtEnd")) for r in res.objects] == [("DB1", "MBX2"), ("DB3", "MBX3")]
    assert (three.run("Get-Date").objects[0] - before).total_seconds() == 60


@pytest.mark.rule("R-AM-17")
def test_move_to_suspended_copy_needs_skip_health_checks(three):
    three.run("Suspend-MailboxDatabaseCopy DB1\\MBX2 -Confirm:$false")
    err = only_error(three.run("Move-ActiveMailboxDatabase DB1 MBX2 -Confirm:$false"))
    assert err.message.endswith("is in state 'Suspended' and can't be activated. Use -SkipHealthChecks to override "
                                "this check.")
    res = three.run("Move-ActiveMailboxDatabase DB1 MBX2 -SkipHealthChecks -SkipLagChecks -SkipClientExperienceChecks "
                    "-MountDialOverride:BestEffort -Confirm:$false")
    assert res.ok, res.text


@pytest.mark.rule("R-AM-21")
def test_terminate_on_warning_undoes_a_lossy_move(three):
    for server in ("MBX2", "MBX3"):
        three.run(f"Suspend-MailboxDatabaseCopy DB1\\{server} -Confirm:$false")
    three.run("Start-Sleep 300")
    shell_world = three.run("Get-MailboxDatabase DB1 -Status").objects[0]
    assert shell_world.get("Mounted") is True
    # The active server's Information Store stops: the database can only be moved with loss.
    three.world.server("MBX1").services["MSExchangeRepl"] = "Stopped"
    cmd = ("Move-ActiveMailboxDatabase DB1 MBX2 -SkipHealthChecks -SkipLagChecks -SkipClientExperienceChecks "
           "-MountDialOverride BestEffort -Confirm:$false")
    err = only_error(three.run(cmd + " -TerminateOnWarning"))
    assert err.message == "Database 'DB1' was mounted on server 'MBX2' with 5 log file(s) lost."
    assert status(three, "DB1").get("MailboxServer") == "MBX1"
    res = three.run(cmd)
    assert res.warnings == ["Database 'DB1' was mounted on server 'MBX2' with 5 log file(s) lost."]
    assert res.objects[0].get("NumberOfLogsLost") == 5


@pytest.mark.rule("R-AM-22")
@pytest.mark.rule("R-AM-17")
def test_2016_activate_preferred_and_skip_all_checks(lab):
    lab.run("Suspend-MailboxDatabaseCopy DB1\\MBX3 -Confirm:$false")
    assert lab.run("Move-ActiveMailboxDatabase DB1 MBX3 -SkipAllChecks -Confirm:$false").ok
    assert lab.run("Move-ActiveMailboxDatabase DB2 MBX3 -Confirm:$false").ok
    res = lab.run("Move-ActiveMailboxDatabase -ActivatePreferredOnServer MBX2 -Confirm:$false")
    assert [(r.get("Identity"), r.get("ActiveServerAtEnd")) for r in res.objects] == [("DB2", "MBX2")]
    res = lab.run("Move-ActiveMailboxDatabase -ActivatePreferredOnServer MBX1 -Confirm:$false")
    assert [(r.get("Identity"), r.get("ActiveServerAtEnd")) for r in res.objects] == [("DB1", "MBX1")]
    err = only_error(lab.run("Move-ActiveMailboxDatabase DB1 -SkipAllChecks -Confirm:$false"))
    assert err.fully_qualified_error_id.startswith("MissingMandatoryParameter")


@pytest.mark.rule("R-AM-21")
def test_2016_move_all_databases_or_none(lab):
    lab.run("Move-ActiveMailboxDatabase DB2 MBX3 -Confirm:$false")
    lab.run("Move-ActiveMailboxDatabase DB1 MBX3 -Confirm:$false")
    lab.run("Suspend-MailboxDatabaseCopy DB2\\MBX2 -Confirm:$false")
    err = only_error(lab.run("Move-ActiveMailboxDatabase -Server MBX3 -MoveAllDatabasesOrNone -Confirm:$false"))
    assert err.rule_id == "R-AM-21" and err.message.endswith(
        "No databases were moved because -MoveAllDatabasesOrNone was specified.")
    assert [r.get("MailboxServer") for r in lab.run("Get-MailboxDatabaseCopyStatus * -Active").objects] == [
        "MBX3", "MBX3"]


# --- Test-ReplicationHealth ---------------------------------------------------------------
@pytest.mark.rule("R-COPY-22")
def test_replication_health_table(three):
    res = three.run("Test-ReplicationHealth -Identity MBX2")
    lines = res.text.strip("\n").splitlines()
    assert lines[:3] == ["Server          Check                      Result     Error",
                         "------          -----                      ------     -----",
                         "MBX2            ClusterService             Passed"]
    assert [r.get("Check") for r in res.objects] == [
        "ClusterService", "ReplayService", "ActiveManager", "TasksRpcListener", "TcpListener", "ServerLocatorService",
        "DagMembersUp", "ClusterNetwork", "QuorumGroup", "FileShareQuorum", "DBCopySuspended", "DBCopyFailed",
        "DBInitializing", "DBDisconnected", "DBLogCopyKeepingUp", "DBLogReplayKeepingUp"]
    assert {r.get("Result") for r in res.objects} == {"Passed"}
    assert res.objects[0].type_names[0] == "Microsoft.Exchange.Monitoring.ReplicationCheckOutputObject"


@pytest.mark.rule("R-COPY-22")
def test_replication_health_failures(three):
    three.run("Suspend-MailboxDatabaseCopy DB1\\MBX2 -Confirm:$false")
    three.run("Start-Sleep 1200")
    failed = {r.get("Check"): r.get("Error") for r in three.run("Test-ReplicationHealth MBX2").objects
              if r.get("Result") == "Failed"}
    assert failed == {"DBCopySuspended": "The following database copies are suspended: DB1\\MBX2."}
    three.run("Resume-MailboxDatabaseCopy DB1\\MBX2")
    failed = [r.get("Check") for r in three.run("Test-ReplicationHealth MBX2").objects if r.get("Result") == "Failed"]
    assert failed == ["DBInitializing"]



@pytest.mark.rule("R-COPY-22")
def test_2016_replication_health_of_a_whole_dag(lab):
    rows = lab.run("Test-ReplicationHealth -DatabaseAvailabilityGroup DAG1").objects
    assert sorted({r.get("Server") for r in rows}) == ["MBX1", "MBX2", "MBX3"]
    assert [r.get("Check") for r in rows][10:12] == ["DatabaseRedundancy", "DatabaseAvailability"]
    err = only_error(lab.run("Test-ReplicationHealth MBX1 -DatabaseAvailabilityGroup DAG1"))
    assert (err.category, err.rule_id) == ("InvalidArgument", "R-COPY-22")


@pytest.mark.rule("R-COPY-22")
def test_copy_queue_check_waits_for_the_suppression_window(three):
    from state.transitions import SetNicState
    three.world.commit(SetNicState("MBX1", "Replication", False))
    three.world.commit(SetNicState("MBX3", "MAPI", False))
    three.run("Start-Sleep 900")
    rows = {r.get("Check"): r for r in three.run("Test-ReplicationHealth MBX3").objects}
    assert rows["DBDisconnected"].get("Result") == "Failed"
    assert rows["DBLogCopyKeepingUp"].get("Error") == "The copy queue is too long for: DB1\\MBX3 (15)."
    later = {r.get("Check"): r.get("Result") for r in three.run(
        "Test-ReplicationHealth MBX3 -TransientEventSuppressionWindow 10").objects}
    assert later["DBLogCopyKeepingUp"] == "Passed"


@pytest.mark.rule("R-AM-16")
@pytest.mark.rule("R-AM-21")
def test_server_mode_rules(three):
    err = only_error(three.run("Move-ActiveMailboxDatabase -Server MBX1 -MountDialOverride BestEffort -Confirm:$false"))
    assert (err.category, err.rule_id) == ("InvalidArgument", "R-AM-16")
    err = only_error(three.run("Move-ActiveMailboxDatabase DB2 MBX1 -Confirm:$false"))
    assert err.message == "Database 'DB2' on server 'MBX2' has only one copy and can't be moved."
    three.run("Suspend-MailboxDatabaseCopy DB3\\MBX1 -Confirm:$false")
    res = three.run("Move-ActiveMailboxDatabase -Server MBX3 -Confirm:$false")
    assert [(r.get("Identity"), r.get("Status")) for r in res.objects] == [("DB3", "Failed")]
    assert [e.message for e in res.errors] == [
        "An Active Manager operation failed. Error: No suitable copy of database 'DB3' is available for activation."]
    res = three.run("Move-ActiveMailboxDatabase -Server MBX2 -Confirm:$false")
    assert res.ok and res.objects == [] and res.warnings == ["No active databases were found on server MBX2.contoso.com."]
    err = only_error(three.run("Move-ActiveMailboxDatabase -Server MBX2 -TerminateOnWarning -Confirm:$false"))
    assert err.message == "No active databases were found on server MBX2.contoso.com."


@pytest.mark.rule("R-COPY-1")
def test_wildcard_status_comes_out_grouped_by_host_server(lab):
    names = [r.get("Name") for r in lab.run("Get-MailboxDatabaseCopyStatus *").objects]
    assert names == ["DB1\\MBX1", "DB1\\MBX2", "DB2\\MBX2", "DB1\\MBX3", "DB2\\MBX3"]


@pytest.mark.rule("R-COPY-1")
def test_local_overrides_the_server_in_the_identity(lab):
    res = lab.run("Get-MailboxDatabaseCopyStatus DB1\\MBX3 -Local")
    assert [r.get("Name") for r in res.objects] == ["DB1\\MBX1"]
    assert res.warnings == ["The server 'MBX3' in the identity is overridden by -Local; showing 'DB1\\MBX1' instead."]
    assert [r.get("Name") for r in lab.run("Get-MailboxDatabaseCopyStatus DB1 -Local").objects] == ["DB1\\MBX1"]


def test_2013_add_copy_asks_for_a_store_restart(lab, dag_shell):
    res = lab.run("Add-MailboxDatabaseCopy DB2 MBX1 -SeedingPostponed")
    assert res.warnings == ["Please restart the Microsoft Exchange Information Store service on server MBX1 after "
                            "adding new mailbox databases."]
    assert dag_shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX3").ok
    assert dag_shell.run("Add-MailboxDatabaseCopy DB2 MBX3 -SeedingPostponed").warnings == []


@pytest.mark.rule("R-AM-17")
def test_skipping_checks_asks_again_unless_confirm_was_given(three):
    res = three.run("Move-ActiveMailboxDatabase DB1 MBX2 -SkipLagChecks", answers=["y", "n"])
    assert res.ok and res.objects == []                         # yes to the move, no to skipping the checks
    assert status(three, "DB1").get("MailboxServer") == "MBX1"
    res = three.run("Move-ActiveMailboxDatabase DB1 MBX2 -SkipLagChecks", answers=["y", "y"])
    assert [r.get("ActiveServerAtEnd") for r in res.objects] == ["MBX2"]


@pytest.mark.rule("R-AM-21")
def test_move_comment_goes_to_the_event_log(three):
    assert three.run("Move-ActiveMailboxDatabase -Server MBX1 -MoveComment 'patch night' -Confirm:$false").ok
    events = three.run("Get-LabEvent -Rule R-AM-20").objects
    assert [e.get("Message") for e in events] == ["Database 'DB1' moved to 'MBX2'. Comment: patch night"]
