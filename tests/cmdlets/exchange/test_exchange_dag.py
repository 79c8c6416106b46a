"""DAG object cmdlets on the default (2010 SP3) lab: creation, settings, removal, errors."""

import pytest

from cmdlets.api.errors import rule_error_id
from cmdlets.exchange.records.dag import DAG_2010
from tests.cmdlets.exchange.conftest import NEW_DAG1, only_error

TASKS = "Microsoft.Exchange.Management.SystemConfigurationTasks"


@pytest.mark.rule("R-DAG-46")
def test_released_profile_rejects_beta_witness_share_parameter(shell):
    err = only_error(shell.run(r"New-DatabaseAvailabilityGroup -Name DAG1 -FileShareWitnessShare \\HUB01\fsw"))
    assert err.category == "InvalidArgument"
    assert err.fully_qualified_error_id == f"NamedParameterNotFound,{TASKS}.NewDatabaseAvailabilityGroup"


@pytest.mark.rule("R-DAG-46")
def test_released_profile_rejects_beta_ip_parameter_on_first_add(shell):
    shell.run(NEW_DAG1)
    err = only_error(shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX1 "
                               "-DatabaseAvailabilityGroupIpAddress 192.168.1.51"))
    assert err.fully_qualified_error_id == f"NamedParameterNotFound,{TASKS}.AddDatabaseAvailabilityGroupServer"


@pytest.mark.rule("R-DAG-1")
def test_new_dag_is_an_empty_directory_object(shell):
    (dag,) = shell.run(NEW_DAG1).objects
    assert (dag.get("Name"), dag.get("Servers"), dag.get("WitnessServer")) == ("DAG1", [], "HUB01")
    assert dag.get("DatabaseAvailabilityGroupIpAddresses") == ["192.168.1.50"]
    assert str(dag) == "DAG1"


def test_dag_record_follows_the_2010_list(shell):
    (dag,) = shell.run(NEW_DAG1).objects
    names = dag.property_names()
    assert tuple(names[:len(DAG_2010)]) == DAG_2010
    assert names[0] == "RunspaceId" and names[-2:] == ["IsValid", "ObjectState"]


def test_one_runspace_id_per_session(shell):
    shell.run(NEW_DAG1)
    a = shell.run("Get-DatabaseAvailabilityGroup").objects[0].get("RunspaceId")
    b = shell.run("Get-MailboxDatabase DB1").objects[0].get("RunspaceId")
    assert a == b and len(a) == 36


@pytest.mark.rule("R-DAG-2")
def test_dag_name_longer_than_15_characters_is_refused(shell):
    err = only_error(shell.run("New-DatabaseAvailabilityGroup -Name ABCDEFGHIJKLMNOP -WitnessServer HUB01"))
    assert err.category == "InvalidArgument"
    assert err.message == ("The name 'ABCDEFGHIJKLMNOP' is too long. A database availability group name can't "
                           "be longer than 15 characters.")
    assert err.fully_qualified_error_id == f"{rule_error_id('R-DAG-2')},{TASKS}.NewDatabaseAvailabilityGroup"
    assert err.exception_type == "System.ArgumentException"


@pytest.mark.rule("R-DAG-3")
def test_second_dag_with_same_name_is_refused(shell):
    shell.run(NEW_DAG1)
    err = only_error(shell.run("New-DatabaseAvailabilityGroup -Name dag1 -WitnessServer HUB01"))
    assert err.category == "InvalidOperation"
    assert err.message.startswith("An object with the name 'dag1' already exists.")


@pytest.mark.rule("R-DAG-37")
def test_set_dag_real_change_has_no_warning(shell):
    shell.run(NEW_DAG1)
    shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX1")
    res = shell.run("Set-DatabaseAvailabilityGroup DAG1 -NetworkCompression Disabled")
    assert res.ok and res.warnings == []
    assert shell.run("Get-DatabaseAvailabilityGroup DAG1").objects[0].get("NetworkCompression") == "Disabled"


@pytest.mark.rule("R-DAG-35")
def test_set_dag_datacenter_activation_mode(shell):
    shell.run(NEW_DAG1)
    assert shell.run("Set-DatabaseAvailabilityGroup DAG1 -DatacenterActivationMode DagOnly").ok
    assert shell.run("Get-DatabaseAvailabilityGroup DAG1").objects[0].get("DatacenterActivationMode") == "DagOnly"


def test_whatif_reports_and_changes_nothing(shell):
    res = shell.run("New-DatabaseAvailabilityGroup -Name DAG9 -WitnessServer HUB01 -WhatIf")
    assert res.ok and res.objects == []
    assert 'What if: Creating database availability group "DAG9".' in res.text
    assert shell.run("Get-DatabaseAvailabilityGroup").objects == []


def test_whatif_still_reports_invalid_input(shell):
    err = only_error(shell.run("New-DatabaseAvailabilityGroup -Name ABCDEFGHIJKLMNOP -WitnessServer HUB01 -WhatIf"))
    assert err.category == "InvalidArgument"


def test_unknown_dag_is_object_not_found(shell):
    err = only_error(shell.run("Get-DatabaseAvailabilityGroup DAGX"))
    assert err.category == "ObjectNotFound"
    assert err.message == "The operation couldn't be performed because object 'DAGX' couldn't be found on 'DC01.contoso.com'."
    assert err.exception_type == "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"
    assert err.fully_qualified_error_id.endswith(f",{TASKS}.GetDatabaseAvailabilityGroup")


def test_wildcard_matching_nothing_is_silent(shell):
    res = shell.run("Get-DatabaseAvailabilityGroup X*")
    assert res.ok and res.objects == []


@pytest.mark.rule("R-DAG-43")
def test_status_fills_live_values(dag_shell):
    plain = dag_shell.run("Get-DatabaseAvailabilityGroup DAG1").objects[0]
    live = dag_shell.run("Get-DatabaseAvailabilityGroup DAG1 -Status").objects[0]
    assert (plain.get("OperationalServers"), plain.get("ReplicationPort"), plain.get("NetworkNames")) == (None, 0, [])
    assert sorted(live.get("OperationalServers")) == ["MBX1", "MBX2"]
    assert live.get("ReplicationPort") == 64327 and live.get("PrimaryActiveManager") in ("MBX1", "MBX2")


@pytest.mark.rule("R-DAG-4")
def test_remove_dag_with_members_is_refused(dag_shell):
    err = only_error(dag_shell.run("Remove-DatabaseAvailabilityGroup DAG1 -Confirm:$false"))
    assert err.category == "InvalidOperation"
    assert err.fully_qualified_error_id == f"{rule_error_id('R-DAG-4')},{TASKS}.RemoveDatabaseAvailabilityGroup"


@pytest.mark.rule("R-DAG-4")
def test_remove_empty_dag(shell):
    shell.run(NEW_DAG1)
    assert shell.run("Remove-DatabaseAvailabilityGroup DAG1 -Confirm:$false").ok
    assert shell.run("Get-DatabaseAvailabilityGroup").objects == []
