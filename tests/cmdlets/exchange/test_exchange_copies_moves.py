"""Membership, databases, copies, copy status and switchover on the default (2010 SP3) lab."""

import datetime as dt

import pytest

from cmdlets.api.errors import rule_error_id
from tests.cmdlets.exchange.conftest import NEW_DAG1, only_error

TASKS = "Microsoft.Exchange.Management.SystemConfigurationTasks"


@pytest.mark.rule("R-DAG-22")
def test_server_without_mailbox_role_cannot_join(shell):
    shell.run("New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer MBX3")
    err = only_error(shell.run("Add-DatabaseAvailabilityGroupServer DAG1 HUB01"))
    assert err.category == "InvalidOperation"
    assert err.message == ("Server 'HUB01' doesn't have the Mailbox server role installed and can't be added to "
                           "database availability group 'DAG1'.")
    assert err.rule_id == "R-DAG-22"
    assert err.fully_qualified_error_id == f"{rule_error_id('R-DAG-22')},{TASKS}.AddDatabaseAvailabilityGroupServer"


@pytest.mark.rule("R-DAG-7")
def test_witness_server_cannot_join(shell):
    shell.run("New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer MBX3")
    err = only_error(shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX3"))
    assert err.message == ("Server 'MBX3' is the witness server for database availability group 'DAG1' and "
                           "can't be added to it as a member.")


@pytest.mark.rule("R-DAG-25")
def test_first_member_rehomes_its_databases(shell):
    shell.run(NEW_DAG1)
    assert shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX1").ok
    db = shell.run("Get-MailboxDatabase DB1").objects[0]
    assert (db.get("MasterServerOrAvailabilityGroup"), db.get("MasterType")) == ("DAG1", "DatabaseAvailabilityGroup")


@pytest.mark.rule("R-DAG-31")
def test_member_with_replicated_copy_cannot_leave(dag_shell):
    err = only_error(dag_shell.run("Remove-DatabaseAvailabilityGroupServer DAG1 MBX2 -Confirm:$false"))
    assert err.category == "InvalidOperation" and err.rule_id == "R-DAG-31"


def test_unknown_database_message(shell):
    err = only_error(shell.run("Get-MailboxDatabase NoSuchDb"))
    assert err.category == "ObjectNotFound"
    assert err.message == 'Couldn\'t find database "NoSuchDb". Make sure you have typed it correctly.'
    assert err.fully_qualified_error_id == f"E3DE7D95,{TASKS}.GetMailboxDatabase"


def test_database_wildcards_and_server_filter(shell):
    assert [d.get("Name") for d in shell.run("Get-MailboxDatabase db*").objects] == ["DB1", "DB2", "DB3"]
    assert [d.get("Name") for d in shell.run("Get-MailboxDatabase -Server MBX2").objects] == ["DB2"]


def test_released_database_record_lists_copies_as_key_value_pairs(dag_shell):
    db = dag_shell.run("Get-MailboxDatabase DB1").objects[0]
    assert db.type_names[0] == "Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase"
    assert db.get("DatabaseCopies") == ["DB1\\MBX1", "DB1\\MBX2"]
    assert [str(p) for p in db.get("ActivationPreference")] == ["[MBX1, 1]", "[MBX2, 2]"]
    assert db.property_names()[0] == "RunspaceId" and db.get("ReplicationType") == "Remote"


def test_status_switch_fills_mount_state(dag_shell):
    db = dag_shell.run("Get-MailboxDatabase DB1 -Status").objects[0]
    assert db.get("Mounted") is True and db.get("MountedOnServer") == "MBX1.contoso.com"
    assert dag_shell.run("Get-MailboxDatabase DB1").objects[0].get("Mounted") is None


@pytest.mark.rule("R-DB-6")
def test_copy_on_a_non_member_is_refused(dag_shell):
    err = only_error(dag_shell.run("Add-MailboxDatabaseCopy DB1 MBX3"))
    assert err.category == "InvalidOperation" and err.rule_id == "R-DB-6"


@pytest.mark.rule("R-DB-9")
def test_activation_preference_out_of_range(dag_shell):
    dag_shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX3")
    err = only_error(dag_shell.run("Add-MailboxDatabaseCopy DB1 MBX3 -ActivationPreference 7"))
    assert err.category == "InvalidArgument"
    assert err.message == "The activation preference 7 is out of range. It must be between 1 and 3."


@pytest.mark.rule("R-COPY-3")
def test_added_copy_is_healthy_when_the_cmdlet_returns(dag_shell):
    rows = dag_shell.run("Get-MailboxDatabaseCopyStatus DB1").objects
    assert [(r.get("Name"), r.get("Status")) for r in rows] == [("DB1\\MBX1", "Mounted"), ("DB1\\MBX2", "Healthy")]
    assert rows[0].type_names[0] == "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseCopyStatusEntry"


def test_copy_status_identity_forms(dag_shell):
    one = dag_shell.run("Get-MailboxDatabaseCopyStatus DB1\\MBX2").objects
    assert [r.get("Identity") for r in one] == ["DB1\\MBX2"]
    on_server = dag_shell.run("Get-MailboxDatabaseCopyStatus -Server MBX2").objects
    assert [r.get("Identity") for r in on_server] == ["DB1\\MBX2", "DB2\\MBX2"]
    active = dag_shell.run("Get-MailboxDatabaseCopyStatus DB1 -Active").objects
    assert [r.get("Identity") for r in active] == ["DB1\\MBX1"]


def test_copy_status_of_unknown_copy_is_not_found(dag_shell):
    err = only_error(dag_shell.run("Get-MailboxDatabaseCopyStatus DB1\\MBX3"))
    assert err.category == "ObjectNotFound"
    assert "'DB1\\MBX3'" in err.message


def test_move_whatif_shows_exchange_text_and_changes_nothing(dag_shell):
    res = dag_shell.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2 -WhatIf")
    assert res.ok
    assert 'Moving mailbox database "DB1" from server "MBX1.contoso.com" to server' in res.text
    assert dag_shell.run("Get-MailboxDatabaseCopyStatus DB1 -Active").objects[0].get("MailboxServer") == "MBX1"


@pytest.mark.rule("R-AM-20")
def test_move_writes_a_move_result(dag_shell):
    res = dag_shell.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2 -Confirm:$false")
    (result,) = res.objects
    assert result.type_names[0] == "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseMoveResult"
    assert (result.get("Identity"), result.get("ActiveServerAtStart"), result.get("ActiveServerAtEnd"),
            result.get("Status")) == ("DB1", "MBX1", "MBX2", "Succeeded")
    assert isinstance(result.get("RecoveryPointObjective"), dt.datetime)
    assert dag_shell.run("Get-MailboxDatabaseCopyStatus DB1 -Active").objects[0].get("MailboxServer") == "MBX2"


@pytest.mark.rule("R-AM-19")
def test_move_to_server_without_copy(dag_shell):
    err = only_error(dag_shell.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX3 -Confirm:$false"))
    assert err.message == "An Active Manager operation failed. Error: Server 'MBX3' doesn't host a copy of database 'DB1'."
    assert err.exception_type == "Microsoft.Exchange.Cluster.Replay.AmDbActionException"


def test_get_exchange_server_table_values(shell):
    servers = {s.get("Name"): s for s in shell.run("Get-ExchangeServer").objects}
    assert sorted(servers) == ["HUB01", "MBX1", "MBX2", "MBX3"]
    hub = servers["HUB01"]
    assert hub.get("Site") == "contoso.com/Configuration/Sites/Default-First-Site-Name"
    assert hub.get("ServerRole") == "ClientAccess, HubTransport"
    assert (hub.get("Edition"), hub.get("AdminDisplayVersion")) == ("Standard", "Version 14.3 (Build 123.4)")
    assert servers["MBX1"].get("Edition") == "Enterprise"


def test_get_mailbox_server_shows_dag(dag_shell):
    rows = {s.get("Name"): s.get("DatabaseAvailabilityGroup") for s in dag_shell.run("Get-MailboxServer").objects}
    assert rows == {"MBX1": "DAG1", "MBX2": "DAG1", "MBX3": None}
