"""Seed 003 (Exchange 2010 Beta 1) replayed command by command: objects, warnings, errors."""

import pytest

from cmdlets.exchange.records.dag import DAG_BETA
from cmdlets.exchange.records.database import DB_BETA

DB = "Mailbox Database 1790164108"
NEW_DAG = (r"New-DatabaseAvailabilityGroup -Name 'DAG1' -FileShareWitnessShare '\\dionysus\FileShareWitness' "
           r"-FileShareWitnessDirectory 'c:\FileShareWitness'")


@pytest.fixture
def seed(beta):
    assert beta.run(NEW_DAG).ok
    return beta


def build(sh):
    for cmd in ("Add-DatabaseAvailabilityGroupServer -Identity 'DAG1' -MailboxServer 'EXCH2010MB1'",
                "Add-DatabaseAvailabilityGroupServer -Identity 'DAG1' -MailboxServer 'EXCH2010MB2'"):
        assert sh.run(cmd).ok
    return sh


@pytest.mark.rule("R-DAG-46")
@pytest.mark.rule("R-DAG-1")
def test_new_dag_with_beta_witness_names_shows_empty_dag(beta):
    res = beta.run(NEW_DAG)
    assert res.ok
    dag = res.objects[0]
    assert dag.type_names[0] == "Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup"
    assert (dag.get("Name"), dag.get("Servers"), dag.get("OperationalServers")) == ("DAG1", [], None)
    assert "DAG1             {}" in res.text


@pytest.mark.rule("R-DAG-37")
def test_set_dag_to_its_current_values_warns_nothing_changed(seed):
    res = seed.run("Set-DatabaseAvailabilityGroup -id 'DAG1' -NetworkEncryption 'InterSubnetOnly' "
                   "-NetworkCompression 'InterSubnetOnly'")
    assert res.ok and res.objects == []
    assert res.warnings == ["The command completed successfully but no settings of 'DAG1' have been modified."]


@pytest.mark.rule("R-NET-7")
def test_dag_networks_after_first_member(seed):
    seed.run("Add-DatabaseAvailabilityGroupServer -Identity 'DAG1' -MailboxServer 'EXCH2010MB1'")
    nets = seed.run("Get-DatabaseAvailabilityGroupNetwork").objects
    assert [n.get("Identity") for n in nets] == [r"DAG1\DAGNetwork01", r"DAG1\DAGNetwork02"]
    assert [n.get("MapiAccessEnabled") for n in nets] == [True, False]
    assert nets[0].property_names() == ["RunspaceId", "Name", "Description", "Subnets", "Interfaces",
                                        "MapiAccessEnabled", "ReplicationEnabled", "IgnoreNetwork", "Identity",
                                        "IsValid"]
    assert [str(i) for i in nets[0].get("Interfaces")] == ["{exch2010mb1,Up,192.168.0.11}"]
    assert [str(s) for s in nets[0].get("Subnets")] == ["{192.168.0.0/24,Up}"]


def test_mailbox_database_list_is_seed_order_with_beta_values(seed):
    seed.run("Add-DatabaseAvailabilityGroupServer -Identity 'DAG1' -MailboxServer 'EXCH2010MB1'")
    (db,) = seed.run("Get-MailboxDatabase -server EXCH2010MB1").objects
    res = seed.run("Get-MailboxDatabase -server EXCH2010MB1 | FL")
    assert tuple(db.property_names()) == DB_BETA + (
        "AdminDisplayName", "ExchangeVersion", "DistinguishedName", "Identity", "Guid", "ObjectCategory",
        "ObjectClass", "WhenChanged", "WhenCreated", "OrganizationId", "OriginatingServer", "IsValid")
    assert (db.get("MasterServerOrAvailabilityGroup"), db.get("MasterType")) == ("DAG1", "DatabaseAvailabilityGroup")
    assert str(db.get("ProhibitSendReceiveQuota")) == "2.3 GB (2,469,396,480 bytes)"
    assert str(db.get("IssueWarningQuota")) == "1.899 GB (2,039,480,320 bytes)"
    assert "MaintenanceSchedule             : {zo.1:00-zo.5:00, ma.1:00-ma.5:00, di.1:00-di" in res.text
    assert "WhenCreated                     : 22/04/2009 14:17:14" in res.text
    assert db.get("Mounted") is None and db.get("DatabaseCopies") == [DB]


def test_dag_list_is_the_local_beta_list_without_runspace_id(seed):
    build(seed)
    (dag,) = seed.run('Get-DatabaseAvailabilityGroup -id "DAG1"').objects
    assert tuple(dag.property_names())[:len(DAG_BETA)] == DAG_BETA
    assert dag.property_names()[-1] == "IsValid"
    assert dag.get("Servers") == ["EXCH2010MB2", "EXCH2010MB1"]
    assert dag.get("FileShareWitnessShare") == r"\\dionysus\FileShareWitness"
    assert dag.get("FileShareWitnessDirectory") == r"c:\FileShareWitness"
    assert (dag.get("ReplicationPort"), dag.get("NetworkNames"), dag.get("OperationalServers")) == (0, [], None)


def test_add_copy_seeds_before_returning_and_status_shows_copy_status_column(seed):
    build(seed)
    res = seed.run(f"Add-MailboxDatabaseCopy -Identity '{DB}' -MailboxServer 'EXCH2010MB2' -ReplayLagTime "
                   "'00:10:00' -TruncationLagTime '00:15:00' -ActivationPreference '2'")
    assert res.ok and res.objects == []
    db = seed.run(f'Get-MailboxDatabase -id "{DB}"').objects[0]
    assert (db.get("Servers"), db.get("ReplicationType")) == (["EXCH2010MB1", "EXCH2010MB2"], "Remote")
    rows = seed.run(f'Get-MailboxDatabaseCopyStatus -id "{DB}"').objects
    assert [(r.get("Name"), r.get("CopyStatus")) for r in rows] == [
        (DB + "\\EXCH2010MB1", "Mounted"), (DB + "\\EXCH2010MB2", "Healthy")]
    assert not rows[0].has("Status")
    assert rows[1].get("ReplayQueueLength") >= 1        # ten minutes of replay lag


@pytest.mark.rule("R-AM-19")
def test_move_to_the_server_already_active_is_refused(seed):
    build(seed)
    seed.run(f"Add-MailboxDatabaseCopy -Identity '{DB}' -MailboxServer 'EXCH2010MB2'")
    res = seed.run(f"move-activemailboxdatabase –id “{DB}” –ActivateOnServer EXCH2010MB1")
    err = res.errors[0]
    assert err.category == "InvalidOperation"
    assert err.message == (f"An Active Manager operation failed. Error: Database '{DB}' is already active "
                           "on server 'EXCH2010MB1'.")
    assert err.fully_qualified_error_id.endswith(
        ",Microsoft.Exchange.Management.SystemConfigurationTasks.MoveActiveMailboxDatabase")
