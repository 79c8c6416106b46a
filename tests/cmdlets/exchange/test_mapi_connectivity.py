"""Test-MAPIConnectivity through the shell: which databases it tests, the outcome table and list,
the task's diagnosis texts, the checks a trainee runs after a failover or a datacenter
switchover, and the refusals (which change nothing)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exshell import Shell
from tests.cmdlets.exchange.conftest import only_error

HEADER = ("\nMailboxServer      Database           Result    Error\n"
          "-------------      --------           ------    -----\n")
STORE_UNREACHABLE = (
    "Error when trying to diagnose the cause of the transaction failure. Verification of the Information Store "
    "service failed with the following error: [System.InvalidOperationException]: Cannot open Service Control "
    "Manager on computer '{}'. This operation might require other privileges. Inner error "
    "[System.ComponentModel.Win32Exception]: The RPC server is unavailable")


def body(res):
    """The console text without the blank lines that close the last view."""
    return res.text.rstrip("\n")


def test_without_parameters_tests_the_active_databases_of_the_local_server(shell):
    res = shell.run("Test-MAPIConnectivity")
    assert res.text == HEADER + "MBX1               DB1                Success\n\n"


def test_format_list_of_a_2010_outcome(shell):
    outcome, = shell.run("Test-MAPIConnectivity -Server MBX2").objects
    res = shell.run("Test-MAPIConnectivity -Server MBX2 | Format-List")
    db2 = shell.world.database("DB2")
    assert outcome.property_names() == [
        "RunspaceId", "Server", "Database", "Mailbox", "MailboxGuid", "IsArchive", "Result", "Latency", "Error",
        "Identity", "IsValid", "ObjectState"]
    assert f"Mailbox     : SystemMailbox{{{db2.guid}}}\n" in res.text
    tail = body(res)[res.text.index("IsArchive"):]
    assert tail == ("IsArchive   : False\nResult      : Success\nLatency     : 00:00:00.0156250\nError       :\n"
                    "Identity    :\nIsValid     : True\nObjectState : New")


def test_2013_outcome_says_whether_the_copy_is_active():
    res = Shell(lab="seed002").run("Test-MAPIConnectivity -IncludePassive | Format-List Server,Database,"
                                   "IsDatabaseCopyActive,Result,Error")
    assert body(res) == ("\n\nServer               : MBX1\nDatabase             : DB1\nIsDatabaseCopyActive : True\n"
                        "Result               : Success\nError                :\n\n"
                        "Server               : MBX1\nDatabase             : DB2\nIsDatabaseCopyActive : False\n"
                        "Result               : Success\nError                :")


def test_result_value_is_what_scripts_compare(shell):
    assert shell.run("(Test-MAPIConnectivity).Result.Value").objects == ["Success"]
    shell.run("Dismount-Database DB1 -Confirm:$false")
    res = shell.run("$r = Test-MAPIConnectivity; $r.Result.Value; \"$($r.Result)\"")
    assert res.objects == ["Failure", "*FAILURE*"]


def test_latency_grows_with_the_site_round_trip():
    """MBX2's console in Portland logs on to MBX1 in Redmond: two 40 ms round trips."""
    res = Shell(lab="seed004").run("Test-MAPIConnectivity -Server MBX1 | Format-List Server,Database,Result,Latency")
    assert body(res) == ("\n\nServer   : MBX1\nDatabase : DB1\nResult   : Success\nLatency  : 00:00:00.0956250\n\n"
                        "Server   : MBX1\nDatabase : DB2\nResult   : Success\nLatency  : 00:00:00.0956250")


def test_dismounted_database(shell):
    shell.run("Dismount-Database DB1 -Confirm:$false")
    res = shell.run("Test-MAPIConnectivity -Database DB1")
    assert body(res) == HEADER + "MBX1               DB1                *FAILURE* Database is dismounted."
    assert res.ok


def test_information_store_stopped(shell):
    shell.run("Stop-Service MSExchangeIS")
    res = shell.run("Test-MAPIConnectivity")
    assert body(res) == HEADER + ("MBX1               DB1                *FAILURE* Microsoft Exchange Information\n"
                                 "                                                Store service is not running.")


def test_server_out_of_reach(shell):
    shell.run("Stop-LabMachine MBX2 -Confirm:$false")
    outcome, = shell.run("Test-MAPIConnectivity -Server MBX2").objects
    res = shell.run("Test-MAPIConnectivity -Server MBX2 | Format-List Result,Latency,Error")
    assert str(outcome.get("Result")) == "*FAILURE*"
    assert outcome.get("Error") == STORE_UNREACHABLE.format("MBX2.contoso.com")
    assert body(res).startswith("\n\nResult  : *FAILURE*\nLatency : 00:00:00\nError   : Error when trying to diagnose")


@pytest.mark.rule("R-AM-3")
def test_r_am_3_after_a_failover_the_database_answers_on_its_new_server(dag_shell):
    """R-AM-3: MBX1 powered off -> DB1 fails over to MBX2 (R-TIMING-2); the check on MBX2 passes,
    and MBX1 no longer hosts an active database."""
    dag_shell.run("Stop-LabMachine MBX1 -Confirm:$false")
    dag_shell.run("Start-Sleep -Seconds 60")
    res = dag_shell.run("Test-MAPIConnectivity -Server MBX2")
    assert body(res) == HEADER + ("MBX2               DB1                Success\n"
                                 "MBX2               DB2                Success")
    res = dag_shell.run("Test-MAPIConnectivity -Server MBX1")
    assert res.objects == [] and res.ok
    assert body(res) == ("WARNING: The operation could not be performed because no mailbox database is\n"
                        "currently hosted on server MBX1.")


@pytest.mark.rule("R-CLUSTER-16")
@pytest.mark.rule("R-SITE-7")
def test_check_after_a_datacenter_switchover():
    """seed004: power lost in Redmond -> quorum lost, every database dismounts (R-CLUSTER-16); after
    Stop-/Restore-DatabaseAvailabilityGroup the databases mount on MBX2 (R-SITE-7) and pass."""
    shell = Shell(lab="seed004")
    for cmd in ("Stop-LabMachine MBX1,HUB1,DC1 -Confirm:$false", "Start-Sleep -Seconds 120"):
        assert shell.run(cmd).ok
    res = shell.run("Test-MAPIConnectivity")
    assert body(res) == HEADER + "MBX2               DB3                *FAILURE* Database is dismounted."
    for cmd in ("Stop-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Redmond -ConfigurationOnly "
                "-Confirm:$false", "Get-Service ClusSvc | Stop-Service",
                "Restore-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Portland -Confirm:$false",
                "Start-Sleep -Seconds 60"):
        assert shell.run(cmd).ok, cmd
    res = shell.run("Test-MAPIConnectivity")
    assert body(res) == HEADER + ("MBX2               DB1                Success\n"
                                 "MBX2               DB2                Success\n"
                                 "MBX2               DB3                Success")


def test_include_passive_and_copy_on_server_on_2013():
    shell = Shell(lab="seed002")
    shell.run(r"Suspend-MailboxDatabaseCopy DB1\MBX2 -Confirm:$false")
    res = shell.run("Test-MAPIConnectivity -Database DB1 -CopyOnServer MBX2")
    assert body(res) == HEADER + ("MBX2               DB1                *FAILURE* Database is not yet attached\n"
                                 "                                                for readonly use.")
    res = shell.run("Test-MAPIConnectivity -Database DB1 -CopyOnServer MBX3")
    assert body(res) == HEADER + "MBX3               DB1                Success"
    assert shell.run("Test-MAPIConnectivity -Server MBX2").warnings == [
        "The operation could not be performed because no mailbox database is currently hosted on server MBX2."]


@pytest.mark.parametrize("parameter", ["-IncludePassive", "-CopyOnServer MBX2"])
def test_2013_parameters_do_not_exist_in_2010(shell, parameter):
    err = only_error(shell.run(f"Test-MAPIConnectivity -Database DB1 {parameter}"))
    assert err.fully_qualified_error_id.startswith("NamedParameterNotFound,")


def test_mailbox_identity_and_pipeline(shell):
    shell.run('New-Mailbox -Name "Ann Lee" -UserPrincipalName ann@contoso.com -Password $null -Database DB2')
    guid = shell.run("(Get-Mailbox 'Ann Lee').Guid").objects[0]
    res = shell.run("Test-MAPIConnectivity 'Ann Lee' | Format-List Server,Database,Mailbox,MailboxGuid,Result")
    assert body(res) == (f"\n\nServer      : MBX2\nDatabase    : DB2\nMailbox     : Ann Lee\nMailboxGuid : {guid}\n"
                        "Result      : Success")
    assert body(shell.run("Get-Mailbox 'Ann Lee' | Test-MAPIConnectivity")) == \
        HEADER + "MBX2               DB2                Success"


def test_per_connection_timeout():
    shell = Shell(lab="seed004")
    shell.run("Set-LabSiteLink Redmond Portland -Latency 3000")
    res = shell.run("Test-MAPIConnectivity -Server MBX1 -PerConnectionTimeout 5")
    assert res.objects[0].get("Error") == "The transaction didn't complete in the allotted time (5 seconds)."
    res = shell.run("Test-MAPIConnectivity -Server MBX1 -AllConnectionsTimeout 1 -PerConnectionTimeout 10")
    first, second = res.objects
    assert str(first.get("Latency")) == "0:00:06.015625" and str(first.get("Result")) == "Success"
    assert second.get("Error") == ("There's no time left to perform this transaction. The previous transactions "
                                   "consumed the allotted time (1 seconds).")


@pytest.mark.parametrize("command, text", [
    ("Test-MAPIConnectivity -WhatIf", 'What if: Testing MAPI connectivity to server "MBX1".'),
    ("Test-MAPIConnectivity -Server MBX2 -WhatIf", 'What if: Testing MAPI connectivity to server "MBX2".'),
    ("Test-MAPIConnectivity -Database DB1 -WhatIf", 'What if: Testing MAPI connectivity to database "DB1".'),
])
def test_whatif_tests_nothing(shell, command, text):
    res = shell.run(command)
    assert res.text == text and res.objects == []


@pytest.mark.parametrize("command, category, exception, message", [
    ("Test-MAPIConnectivity -Server NOPE", "ObjectNotFound", "ManagementObjectNotFoundException",
     'Exchange server "NOPE" was not found. Please make sure you typed the name correctly.'),
    ("Test-MAPIConnectivity -Server HUB01", "InvalidArgument", "OperationOnlyOnMailboxServerException",
     'Couldn\'t perform the operation because the server "HUB01" isn\'t a Mailbox server.'),
    ("Test-MAPIConnectivity -Database DB9", "ObjectNotFound", "ManagementObjectNotFoundException",
     'Couldn\'t find database "DB9". Make sure you have typed it correctly.'),
    ("Test-MAPIConnectivity nobody", "ObjectNotFound", "ManagementObjectNotFoundException",
     "The operation couldn't be performed because object 'nobody' couldn't be found on 'DC01.contoso.com'."),
])
def test_refusals_change_nothing(shell, command, category, exception, message):
    before = shell.world.snapshot()
    err = only_error(shell.run(command))
    assert (err.category, err.exception_type.rsplit(".", 1)[-1], err.message) == (category, exception, message)
    assert err.fully_qualified_error_id.endswith(",Microsoft.Exchange.Monitoring.TestMapiConnectivity")
    assert shell.world.snapshot() == before


def test_refusal_as_the_2010_console_prints_it(shell):
    assert shell.run("Test-MAPIConnectivity -Server HUB01").text == (
        "Couldn't perform the operation because the server \"HUB01\" isn't a Mailbox serve\nr.\n"
        "    + CategoryInfo          : InvalidArgument: (:) [Test-MAPIConnectivity], Op\n"
        "   erationOnlyOnMailboxServerException\n"
        "    + FullyQualifiedErrorId : 7FB2807,Microsoft.Exchange.Monitoring.TestMapiCo\n   nnectivity\n")


def test_database_not_found_uses_the_exchange_error_id(shell):
    err = only_error(shell.run("Test-MAPIConnectivity -Database DB9"))
    assert err.fully_qualified_error_id == "E3DE7D95,Microsoft.Exchange.Monitoring.TestMapiConnectivity"


def test_archive_of_a_mailbox_without_one_is_refused(shell):
    shell.run('New-Mailbox -Name "Ann Lee" -UserPrincipalName ann@contoso.com -Password $null -Database DB2')
    err = only_error(shell.run("Test-MAPIConnectivity ann@contoso.com -Archive"))
    assert (err.category, err.message) == ("InvalidArgument",
                                           "The Archive Mailbox is not enabled for contoso.com/Users/Ann Lee.")


def test_server_without_databases_is_a_read_error(tmp_path):
    lab = tmp_path / "empty.toml"
    lab.write_text(LAB_NO_DATABASES, encoding="utf-8")
    err = only_error(Shell(lab=str(lab)).run("Test-MAPIConnectivity"))
    assert (err.category, err.message) == ("ReadError", 'No mailboxes were found on the server "MBX1" to perform '
                                           "the operation. Check to see if the user has permissions to read the "
                                           "Exchange configuration from Active Directory.")


def test_monitoring_context_adds_events_and_latency_counters(shell):
    shell.run("Stop-Service MSExchangeIS")
    *outcomes, data = shell.run("Test-MAPIConnectivity -MonitoringContext $true").objects
    assert len(outcomes) == 1 and data.type_names[0] == "Microsoft.Exchange.Monitoring.MonitoringData"
    assert [(e.get("EventIdentifier"), e.get("EventType")) for e in data.get("Events")] == [
        (1011, "Information"), (1004, "Error"), (1000, "Information"), (1002, "Information")]
    assert str(data.get("Events")[1]) == (
        "Source: MSExchange Monitoring MAPIConnectivity\nId: 1004\nType: Error\nMessage: Some of the MAPI "
        "connectivity transactions failed. Detailed information:\n\nTarget: System mailbox for MBX1\\DB1\n\n"
        "Error: Microsoft Exchange Information Store service is not running.\n\n\n"
        "-------------------------------------\n\n")
    counter, = data.get("PerformanceCounters")
    assert str(counter) == ("Object: MSExchange Monitoring MAPIConnectivity\nCounter: Logon Latency\n"
                            "Instance: MBX1\\DB1\nValue: -1")
    shell.run("Start-Service MSExchangeIS")
    counter, = shell.run("(Test-MAPIConnectivity -MonitoringContext $true)[-1].PerformanceCounters").objects
    assert counter.get("Value") == 15.625
    assert len(shell.run("Test-MAPIConnectivity -MonitoringContext $false").objects) == 1


def test_a_successful_test_changes_nothing(shell):
    before = shell.world.snapshot()
    assert shell.run("Test-MAPIConnectivity -Server MBX2; Test-MAPIConnectivity -Database DB3").ok
    assert shell.world.snapshot() == before


FAULTS = ("Stop-Service MSExchangeIS", "Dismount-Database DB1 -Confirm:$false", "Dismount-Database DB2 -Confirm:$false",
          "Stop-LabMachine MBX2 -Confirm:$false", "Stop-LabMachine MBX3 -Confirm:$false", "Start-Sleep 60")
PROBES = ("Test-MAPIConnectivity", "Test-MAPIConnectivity -Server MBX2", "Test-MAPIConnectivity -Server MBX3",
          "Test-MAPIConnectivity -Database DB2", "Test-MAPIConnectivity -Server HUB01",
          "Test-MAPIConnectivity -Database DB9 -MonitoringContext $true", "Get-MailboxServer | Test-MAPIConnectivity")


@settings(max_examples=20, deadline=None)
@given(faults=st.lists(st.sampled_from(FAULTS), max_size=3), probe=st.sampled_from(PROBES))
def test_the_test_never_changes_the_world_and_every_logon_has_a_verdict(faults, probe):
    shell = Shell()
    for fault in faults:
        shell.run(fault)
    before = shell.world.snapshot()
    res = shell.run(probe)
    assert shell.world.snapshot() == before
    outcomes = [o for o in res.objects if o.type_names[0].endswith("MapiTransactionOutcome")]
    for o in outcomes:
        assert (str(o.get("Result")) == "Success") == (o.get("Error") == "")
    assert all(e.category in ("ObjectNotFound", "InvalidArgument") for e in res.errors)


LAB_NO_DATABASES = """
name = "no-databases"
exchange_version = "2010"
domain = "contoso.com"
start_time = 2010-05-01T09:00:00
seed = 1
console = "MBX1"

[[servers]]
name = "DC01"
roles = ["DomainController", "GlobalCatalog"]
os = "Windows Server 2008 R2 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.10/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]

[[servers]]
name = "MBX1"
roles = ["Mailbox"]
os = "Windows Server 2008 R2 Enterprise"
nics = [{ name = "MAPI", ip = "192.168.1.11/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]
"""
