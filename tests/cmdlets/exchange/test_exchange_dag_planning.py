"""DAG and DAG network cmdlets against the catalog: the cmdlet reference's examples (our own
equivalents), version gating, the planning rules of seed 002 through the shell."""

import pytest

from cmdlets.api.errors import rule_error_id
from exshell import Shell
from tests.cmdlets.exchange.conftest import NEW_DAG1, only_error

TASKS = "Microsoft.Exchange.Management.SystemConfigurationTasks"
LAB_2016 = """
name = "lab2016"
exchange_version = "2016"
domain = "contoso.com"
console = "MBX1"
[[servers]]
name = "CAS1"
roles = ["ClientAccess"]
os = "Windows Server 2016 Standard"
nics = [{ name = "MAPI", ip = "192.168.5.20/24", gateway = "192.168.5.1", dns = ["192.168.5.10"] }]
[[servers]]
name = "MBX1"
roles = ["Mailbox"]
os = "Windows Server 2016 Standard"
nics = [{ name = "MAPI", ip = "192.168.5.11/24", gateway = "192.168.5.1", dns = ["192.168.5.10"] }]
"""


@pytest.fixture
def seed002():
    """Exchange 2013, DAG1 built by the lab's setup with MBX1..MBX4."""
    return Shell(lab="seed002")


def ok(shell, command):
    res = shell.run(command)
    assert res.ok, res.text
    return res


def dag_value(shell, name, prop):
    return shell.run(f"Get-DatabaseAvailabilityGroup {name}").objects[0].get(prop)


# --- the reference's examples, in our lab's names ------------------------------------------
def test_new_dag_examples_bind(shell):
    ok(shell, r"New-DatabaseAvailabilityGroup -Name DAGA -WitnessServer HUB01 -WitnessDirectory C:\DAGA")
    ok(shell, "New-DatabaseAvailabilityGroup -Name DAGB -WitnessServer HUB01 "
              "-DatabaseAvailabilityGroupIpAddresses ([System.Net.IPAddress])::Any")
    ok(shell, r"New-DatabaseAvailabilityGroup -Name DAGC -WitnessServer HUB01 -WitnessDirectory C:\DAGC "
              "-DatabaseAvailabilityGroupIpAddresses 10.9.0.8,192.168.1.8")
    assert dag_value(shell, "DAGB", "DatabaseAvailabilityGroupIpAddresses") == ["0.0.0.0"]
    assert dag_value(shell, "DAGC", "DatabaseAvailabilityGroupIpAddresses") == ["10.9.0.8", "192.168.1.8"]


@pytest.mark.rule("R-DAG-19")
def test_set_dag_examples_bind(dag_shell):
    for command in (r"-WitnessDirectory C:\DAG1DIR",
                    r"-AlternateWitnessDirectory C:\DAGFileShareWitnesses\DAG1.contoso.com -AlternateWitnessServer DC01",
                    "-DatabaseAvailabilityGroupIpAddresses 0.0.0.0",
                    "-DatabaseAvailabilityGroupIpAddresses 192.168.1.60",
                    "-DatabaseAvailabilityGroupIpAddresses 192.168.1.61,10.20.0.8",
                    "-ReplicationPort 63132", "-DatacenterActivationMode DagOnly"):
        ok(dag_shell, f"Set-DatabaseAvailabilityGroup -Identity DAG1 {command}")
    dag = dag_shell.run("Get-DatabaseAvailabilityGroup DAG1 -Status").objects[0]
    assert (dag.get("WitnessDirectory"), dag.get("AlternateWitnessServer"), dag.get("ReplicationPort"),
            dag.get("DatacenterActivationMode")) == ("C:\\DAG1DIR", "DC01", 63132, "DagOnly")
    assert dag.get("DatabaseAvailabilityGroupIpAddresses") == ["192.168.1.61", "10.20.0.8"]


def test_autodag_example_binds_on_2013(seed002):
    ok(seed002, r"Set-DatabaseAvailabilityGroup -Identity DAG1 -AutoDagVolumesRootFolderPath C:\ExchVols "
                r"-AutoDagDatabasesRootFolderPath C:\ExchDBs -AutoDagDatabaseCopiesPerVolume 4")
    dag = seed002.run("Get-DatabaseAvailabilityGroup DAG1").objects[0]
    assert (dag.get("AutoDagVolumesRootFolderPath"), dag.get("AutoDagDatabasesRootFolderPath"),
            dag.get("AutoDagDatabaseCopiesPerVolume"), dag.get("AutoDagDatabaseCopiesPerDatabase")) == (
        "C:\\ExchVols", "C:\\ExchDBs", 4, 1)
    res = ok(seed002, "Set-DatabaseAvailabilityGroup DAG1 -AutoDagDatabaseCopiesPerVolume 4")
    assert res.warnings == []          # 2013 writes the witness on every run (R-DAG-37)


def test_get_and_remove_dag_examples_bind(dag_shell, shell):
    assert "PrimaryActiveManager" in ok(dag_shell, "Get-DatabaseAvailabilityGroup DAG1 -Status | Format-List").text
    assert ok(dag_shell, "Get-DatabaseAvailabilityGroup DAG1 | Format-List").text.count("Name ") >= 1
    ok(dag_shell, "New-DatabaseAvailabilityGroup -Name DAG3 -WitnessServer HUB01 -WitnessDirectory C:\\DAG3")
    ok(dag_shell, "Remove-DatabaseAvailabilityGroup -Identity DAG3 -Confirm:$false")
    assert dag_shell.run("Get-DatabaseAvailabilityGroup DAG3").errors[0].category == "ObjectNotFound"


@pytest.mark.rule("R-DAG-32")
def test_membership_examples_bind(shell):
    ok(shell, NEW_DAG1)
    for server in ("MBX1", "MBX2", "MBX3"):
        ok(shell, f"Add-DatabaseAvailabilityGroupServer -Identity DAG1 -MailboxServer {server}")
    ok(shell, "Remove-DatabaseAvailabilityGroupServer -Identity DAG1 -MailboxServer MBX3 -Confirm:$false")
    ok(shell, "Remove-DatabaseAvailabilityGroupServer -Identity DAG1 -MailboxServer MBX2 -ConfigurationOnly "
              "-Confirm:$false")
    assert dag_value(shell, "DAG1", "Servers") == ["MBX1"]


def test_network_examples_bind(dag_shell):
    ok(dag_shell, "Set-DatabaseAvailabilityGroupNetwork -Identity DAG1\\DAGNetwork01 -ReplicationEnabled:$true")
    ok(dag_shell, "Set-DatabaseAvailabilityGroupNetwork -Identity DAG1\\DAGNetwork02 -ReplicationEnabled:$false "
                  "-IgnoreNetwork:$true")
    names = [n.get("Identity") for n in ok(dag_shell, "Get-DatabaseAvailabilityGroupNetwork -Identity DAG1").objects]
    assert names == ["DAG1\\DAGNetwork01", "DAG1\\DAGNetwork02"]
    text = ok(dag_shell, "Get-DatabaseAvailabilityGroupNetwork -Identity DAG1\\DAGNetwork02 -Server MBX1 | Format-List").text
    assert "Subnets            : {{10.0.1.0/24,Unavailable}}" in text
    res = ok(dag_shell, "New-DatabaseAvailabilityGroupNetwork -DatabaseAvailabilityGroup DAG1 -Name DAG1Repl "
                        "-Subnets 10.8.0.0/16 -ReplicationEnabled:$true")
    assert res.warnings == ["The subnet '10.8.0.0/16' wasn't found on any member of the database availability group."]
    ok(dag_shell, "New-DatabaseAvailabilityGroupNetwork -DatabaseAvailabilityGroup DAG1 -Name DAGNetwork04")
    ok(dag_shell, "Remove-DatabaseAvailabilityGroupNetwork -Identity DAG1\\DAGNetwork04 -Confirm:$false")
    assert [n.get("Name") for n in dag_shell.run("Get-DatabaseAvailabilityGroupNetwork").objects] == [
        "DAGNetwork01", "DAGNetwork02", "DAG1Repl"]


# --- parameters, version gating, pipeline ---------------------------------------------------
@pytest.mark.rule("R-NET-11")
def test_new_network_takes_subnets_and_is_written(dag_shell):
    (net,) = ok(dag_shell, "New-DatabaseAvailabilityGroupNetwork Replication DAG1 -Subnets 10.0.1.0/24 "
                           "-Description 'log shipping'").objects
    assert (net.get("Identity"), net.get("Description"), [str(s) for s in net.get("Subnets")]) == (
        "DAG1\\Replication", "log shipping", ["{10.0.1.0/24,Up}"])
    old = dag_shell.run("Get-DatabaseAvailabilityGroupNetwork DAG1\\DAGNetwork02").objects[0]
    assert old.get("Subnets") == []


@pytest.mark.rule("R-NET-12")
def test_remove_network_with_subnets_is_refused(dag_shell):
    err = only_error(dag_shell.run("Remove-DatabaseAvailabilityGroupNetwork DAG1\\DAGNetwork02 -Confirm:$false"))
    assert (err.category, err.message) == (
        "InvalidOperation", "DAG network 'DAG1\\DAGNetwork02' can't be removed because it still has subnets.")
    assert err.fully_qualified_error_id == f"{rule_error_id('R-NET-12')},{TASKS}.RemoveDatabaseAvailabilityGroupNetwork"


def test_network_whatif_texts(dag_shell):
    res = ok(dag_shell, "New-DatabaseAvailabilityGroupNetwork -DatabaseAvailabilityGroup DAG1 -Name N1 -WhatIf")
    assert res.text.strip() == 'What if: Creating database availability group network "DAG1\\N1".'
    ok(dag_shell, "Set-DatabaseAvailabilityGroupNetwork DAG1\\DAGNetwork01 -Subnets 192.168.1.0/24,10.0.1.0/24")
    res = ok(dag_shell, "Remove-DatabaseAvailabilityGroupNetwork DAG1\\DAGNetwork02 -WhatIf")
    assert res.text.strip() == 'What if: Removing database availability group network "DAG1\\DAGNetwork02".'
    assert len(dag_shell.run("Get-DatabaseAvailabilityGroupNetwork").objects) == 2


def test_piped_network_is_set(dag_shell):
    ok(dag_shell, "Get-DatabaseAvailabilityGroupNetwork DAG1\\DAGNetwork02 | "
                  "Set-DatabaseAvailabilityGroupNetwork -ReplicationEnabled:$false")
    (net,) = dag_shell.run("Get-DatabaseAvailabilityGroupNetwork DAG1\\DAGNetwork02").objects
    assert net.get("ReplicationEnabled") is False


def test_unknown_network_is_object_not_found(dag_shell):
    err = only_error(dag_shell.run("Remove-DatabaseAvailabilityGroupNetwork DAG1\\Nope -Confirm:$false"))
    assert err.category == "ObjectNotFound"
    assert err.message == ("The operation couldn't be performed because object 'DAG1\\Nope' couldn't be found "
                           "on 'DC01.contoso.com'.")


@pytest.mark.rule("R-DAG-28")
def test_skip_dag_validation_is_2013_only(shell):
    ok(shell, NEW_DAG1)
    err = only_error(shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX1 -SkipDagValidation"))
    assert err.fully_qualified_error_id == f"NamedParameterNotFound,{TASKS}.AddDatabaseAvailabilityGroupServer"


@pytest.mark.rule("R-DAG-28")
@pytest.mark.parametrize("skip", [False, True])
def test_skip_dag_validation_silences_the_witness_warning(skip):
    shell = Shell(lab="seed002")
    ok(shell, "New-DatabaseAvailabilityGroup DAG2 -WitnessServer fs9.contoso.com -WitnessDirectory C:\\DAG2 "
              "-DatabaseAvailabilityGroupIpAddresses 172.19.19.51 -WarningAction SilentlyContinue")
    from state.model import ComputerAccount                   # R-CLUSTER-3: Windows Server 2012 members
    shell.world.computer_accounts["dag2"] = ComputerAccount("DAG2", enabled=False)
    ok(shell, "Add-DatabaseAvailabilityGroupServer DAG2 MBX8")
    res = ok(shell, "Add-DatabaseAvailabilityGroupServer DAG2 MBX7" + (" -SkipDagValidation" if skip else ""))
    witness = [w for w in res.warnings if "witness" in w]
    assert witness == ([] if skip else [
        "Failed to create file share witness directory 'C:\\DAG2' on witness server 'fs9.contoso.com'. "
        "The witness server couldn't be contacted."])
    assert len(res.warnings) == len(witness) + 1          # the R-NET-13 adapter-count finding stays


@pytest.mark.rule("R-DAG-39")
def test_replication_port_is_a_uint16_and_hidden_without_status(dag_shell):
    err = only_error(dag_shell.run("Set-DatabaseAvailabilityGroup DAG1 -ReplicationPort 70000"))
    assert err.fully_qualified_error_id == f"CannotConvertArgumentNoMessage,{TASKS}.SetDatabaseAvailabilityGroup"
    ok(dag_shell, "Set-DatabaseAvailabilityGroup DAG1 -ReplicationPort 64000")
    assert dag_value(dag_shell, "DAG1", "ReplicationPort") == 0
    assert dag_shell.run("Get-DatabaseAvailabilityGroup DAG1 -Status").objects[0].get("ReplicationPort") == 64000


@pytest.mark.rule("R-DAG-40")
def test_replication_port_on_an_empty_dag_is_refused(shell):
    ok(shell, NEW_DAG1)
    err = only_error(shell.run("Set-DatabaseAvailabilityGroup DAG1 -ReplicationPort 64000"))
    assert (err.category, err.rule_id) == ("InvalidOperation", "R-DAG-40")


@pytest.mark.rule("R-DAG-41")
def test_manual_network_configuration_versions(beta, seed002):
    err = only_error(beta.run("Set-DatabaseAvailabilityGroup DAG1 -ManualDagNetworkConfiguration $true"))
    assert err.fully_qualified_error_id == f"NamedParameterNotFound,{TASKS}.SetDatabaseAvailabilityGroup"
    ok(seed002, "Set-DatabaseAvailabilityGroup DAG1 -ManualDagNetworkConfiguration $true")
    assert dag_value(seed002, "DAG1", "ManualDagNetworkConfiguration") is True


@pytest.mark.rule("R-NET-10")
def test_2013_network_write_refused_while_automatic(seed002):
    err = only_error(seed002.run("Set-DatabaseAvailabilityGroupNetwork DAG1\\ReplicationDagNetwork01 "
                                 "-ReplicationEnabled $false"))
    assert (err.category, err.message) == (
        "InvalidOperation", "Network configuration for database availability group 'DAG1' is managed automatically. "
        "Set ManualDagNetworkConfiguration to $true before changing DAG networks.")


@pytest.mark.rule("R-DAG-42")
def test_discover_networks_switch(seed002):
    res = ok(seed002, "Set-DatabaseAvailabilityGroup DAG1 -DiscoverNetworks")
    assert res.warnings == []
    names = [n.get("Name") for n in seed002.run("Get-DatabaseAvailabilityGroupNetwork DAG1").objects]
    assert names == ["MapiDagNetwork", "ReplicationDagNetwork01", "ReplicationDagNetwork02"]


@pytest.mark.rule("R-DAG-44")
def test_preference_move_frequency_2016(tmp_path):
    lab = tmp_path / "lab2016.toml"
    lab.write_text(LAB_2016, encoding="utf-8")
    shell = Shell(lab=str(lab))
    ok(shell, "New-DatabaseAvailabilityGroup DAG1 -WitnessServer CAS1 -WitnessDirectory C:\\DAG1")
    err = only_error(shell.run("Set-DatabaseAvailabilityGroup DAG1 -PreferenceMoveFrequency 50.00:00:00"))
    assert (err.category, err.message) == (
        "InvalidArgument", "'50.00:00:00' isn't a valid value for PreferenceMoveFrequency. Specify a value no "
        "greater than 49.17:02:47 or [System.Threading.Timeout]::InfiniteTimeSpan.")
    ok(shell, "Set-DatabaseAvailabilityGroup DAG1 -PreferenceMoveFrequency ([System.Threading.Timeout]::InfiniteTimeSpan)")
    ok(shell, "Set-DatabaseAvailabilityGroup DAG1 -PreferenceMoveFrequency 02:00:00")


@pytest.mark.rule("R-DAG-44")
def test_preference_move_frequency_absent_before_2016(seed002):
    err = only_error(seed002.run("Set-DatabaseAvailabilityGroup DAG1 -PreferenceMoveFrequency 02:00:00"))
    assert err.fully_qualified_error_id == f"NamedParameterNotFound,{TASKS}.SetDatabaseAvailabilityGroup"


@pytest.mark.rule("R-DAG-5")
def test_third_party_replication_enum(shell):
    ok(shell, "New-DatabaseAvailabilityGroup DAG5 -WitnessServer HUB01 -ThirdPartyReplication Enabled")
    assert dag_value(shell, "DAG5", "ThirdPartyReplication") == "Enabled"
    err = only_error(shell.run("New-DatabaseAvailabilityGroup DAG6 -WitnessServer HUB01 -ThirdPartyReplication On"))
    assert err.category == "InvalidArgument"
    assert shell.run("Get-DatabaseAvailabilityGroup DAG6").errors[0].category == "ObjectNotFound"
    err = only_error(shell.run("Set-DatabaseAvailabilityGroup DAG5 -ThirdPartyReplication Disabled"))
    assert err.fully_qualified_error_id == f"NamedParameterNotFound,{TASKS}.SetDatabaseAvailabilityGroup"


@pytest.mark.rule("R-DAG-5")
def test_third_party_replication_blocks_copy_cmdlets(shell):
    ok(shell, "New-DatabaseAvailabilityGroup DAG5 -WitnessServer HUB01 -ThirdPartyReplication Enabled")
    for server in ("MBX1", "MBX2"):
        ok(shell, f"Add-DatabaseAvailabilityGroupServer DAG5 {server}")
    err = only_error(shell.run("Add-MailboxDatabaseCopy DB1 MBX2"))
    assert (err.category, err.message) == (
        "InvalidOperation", "Database availability group 'DAG5' is configured for third-party replication. "
        "Continuous replication operations aren't available.")


@pytest.mark.rule("R-DAG-12")
def test_witness_without_trusted_subsystem_is_access_denied(seed002):
    err = only_error(seed002.run(r"Set-DatabaseAvailabilityGroup DAG1 -WitnessServer DC2 -WitnessDirectory C:\DAG1"))
    assert (err.category, err.exception_type) == ("PermissionDenied", "System.UnauthorizedAccessException")
    assert err.message.endswith("Error: Access is denied.")
    assert dag_value(seed002, "DAG1", "WitnessServer") == "CAS1"


@pytest.mark.rule("R-DAG-9")
def test_2016_has_no_automatic_witness(tmp_path, seed002):
    lab = tmp_path / "lab2016.toml"
    lab.write_text(LAB_2016, encoding="utf-8")
    err = only_error(Shell(lab=str(lab)).run("New-DatabaseAvailabilityGroup DAG1"))
    assert (err.category, err.message) == (
        "InvalidOperation", "A witness server must be specified. Use the WitnessServer parameter to specify one.")
    ok(seed002, "New-DatabaseAvailabilityGroup DAG2 -DatabaseAvailabilityGroupIpAddresses 172.19.18.52")
    assert dag_value(seed002, "DAG2", "WitnessServer") == "CAS1"         # [2013]: a Client Access server


def test_set_network_by_dag_name_is_ambiguous(dag_shell):
    err = only_error(dag_shell.run("Set-DatabaseAvailabilityGroupNetwork DAG1 -ReplicationEnabled $false"))
    assert (err.category, err.message) == (
        "InvalidArgument", "The operation couldn't be performed because 'DAG1' matches multiple entries.")
    assert err.exception_type == "Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException"
    nets = dag_shell.run("Get-DatabaseAvailabilityGroupNetwork DAG1").objects
    assert [n.get("ReplicationEnabled") for n in nets] == [True, True]


def test_network_view_from_an_unknown_server_is_not_found(dag_shell):
    err = only_error(dag_shell.run("Get-DatabaseAvailabilityGroupNetwork DAG1 -Server MBX9"))
    assert err.category == "ObjectNotFound"


@pytest.mark.rule("R-NET-11")
@pytest.mark.rule("R-NET-12")
def test_collapsing_the_per_site_replication_networks(seed002):
    """The collapse procedure admins run on a two-datacenter DAG, in 2013 after switching to manual
    configuration; copies already shipping over MAPI stay there until suspended and resumed (R-NET-16)."""
    for command in ("Set-DatabaseAvailabilityGroup DAG1 -ManualDagNetworkConfiguration $true",
                    "Set-DatabaseAvailabilityGroupNetwork DAG1\\ReplicationDagNetwork01 -Subnets 10.0.1.0/24,10.0.2.0/24",
                    "Remove-DatabaseAvailabilityGroupNetwork DAG1\\ReplicationDagNetwork02 -Confirm:$false",
                    "Set-DatabaseAvailabilityGroupNetwork DAG1\\ReplicationDagNetwork01 -Name Replication",
                    "Set-DatabaseAvailabilityGroupNetwork DAG1\\MapiDagNetwork -ReplicationEnabled:$false"):
        ok(seed002, command)
    text = ok(seed002, "Get-DatabaseAvailabilityGroupNetwork DAG1 | Format-Table Name,ReplicationEnabled,Subnets "
                       "-AutoSize").text
    assert text.strip().splitlines() == [
        "Name           ReplicationEnabled Subnets",
        "----           ------------------ -------",
        "MapiDagNetwork              False {{172.19.18.0/24,Up}, {172.19.19.0/24,Up}}",
        "Replication                  True {{10.0.1.0/24,Up}, {10.0.2.0/24,Up}}"]
    roles = {c.subnet: c.role for c in seed002.world.cluster_of("DAG1").networks}
    assert roles == {"172.19.18.0/24": 3, "10.0.1.0/24": 1, "172.19.19.0/24": 3, "10.0.2.0/24": 1}
    status = "Get-MailboxDatabaseCopyStatus DB1\\MBX3 -ConnectionStatus"
    assert seed002.run(status).objects[0].get("IncomingLogCopyingNetwork") == "{MBX1,MapiDagNetwork}"
    from state.transitions.copies import ResumeDatabaseCopy, SuspendDatabaseCopy
    seed002.world.commit(SuspendDatabaseCopy("DB1", "MBX3"))
    seed002.world.commit(ResumeDatabaseCopy("DB1", "MBX3"))
    assert seed002.run(status).objects[0].get("IncomingLogCopyingNetwork") == "{MBX1,Replication}"


@pytest.mark.rule("R-NET-5")
def test_misconfigured_subnet_fails_the_cluster_network_check(seed002):
    def cluster_network():
        checks = seed002.run("Test-ReplicationHealth MBX1").objects
        return next(c for c in checks if c.get("Check") == "ClusterNetwork")
    assert str(cluster_network().get("Result")) == "Passed"
    ok(seed002, "Add-DatabaseAvailabilityGroupServer DAG1 MBX8")
    check = cluster_network()
    assert (str(check.get("Result")), check.get("Error")) == (
        "Failed", "The following networks aren't healthy: ReplicationDagNetwork02 (Misconfigured).")


@pytest.mark.rule("R-DAG-14")
def test_null_addresses_mean_dhcp(dag_shell):
    ok(dag_shell, "Set-DatabaseAvailabilityGroup DAG1 -DatabaseAvailabilityGroupIpAddresses $null")
    assert dag_value(dag_shell, "DAG1", "DatabaseAvailabilityGroupIpAddresses") == ["0.0.0.0"]


@pytest.mark.rule("R-DAG-37")
@pytest.mark.parametrize("setting,warned", [
    ("-NetworkCompression InterSubnetOnly", False),      # sent to the cluster of a DAG with members
    ("-WitnessServer HUB01", False),                     # the witness is written again
    ("-DatacenterActivationMode Off", True),
    ("-AllowCrossSiteRpcClientAccess:$false", True)])
def test_which_unchanged_settings_still_count_as_written(dag_shell, setting, warned):
    res = ok(dag_shell, f"Set-DatabaseAvailabilityGroup DAG1 {setting}")
    expected = ["The command completed successfully but no settings of 'DAG1' have been modified."]
    assert res.warnings == (expected if warned else [])


@pytest.mark.rule("R-DAG-35")
def test_turning_dac_off_clears_the_started_and_stopped_lists(dag_shell):
    dag = dag_shell.world.dag("DAG1")
    ok(dag_shell, "Set-DatabaseAvailabilityGroup DAG1 -DatacenterActivationMode DagOnly")
    dag.started_mailbox_servers, dag.stopped_mailbox_servers = ["MBX1"], ["MBX2"]
    ok(dag_shell, "Set-DatabaseAvailabilityGroup DAG1 -DatacenterActivationMode Off")
    assert (dag_value(dag_shell, "DAG1", "StartedMailboxServers"), dag_value(dag_shell, "DAG1", "StoppedMailboxServers")) \
        == ([], [])


@pytest.mark.parametrize("configuration_only,seconds", [(False, 60), (True, 0)])
def test_removing_a_member_waits_a_minute_after_the_eviction(dag_shell, configuration_only, seconds):
    """The task sleeps 60 s after evicting a node; -ConfigurationOnly touches only the directory."""
    ok(dag_shell, "Remove-MailboxDatabaseCopy DB1\\MBX2 -Confirm:$false")
    before = dag_shell.world.now
    switch = " -ConfigurationOnly" if configuration_only else ""
    ok(dag_shell, f"Remove-DatabaseAvailabilityGroupServer DAG1 MBX2{switch} -Confirm:$false")
    assert (dag_shell.world.now - before).total_seconds() == seconds


@pytest.mark.rule("R-DAG-38")
def test_2013_set_without_parameters_reports_nothing(seed002):
    assert ok(seed002, "Set-DatabaseAvailabilityGroup DAG1").text.strip() == ""


@pytest.mark.rule("R-NET-7")
def test_server_parameter_gives_that_members_view(dag_shell):
    from state.transitions import SetNicState
    dag_shell.world.commit(SetNicState("MBX2", "Replication", False))
    view = "Get-DatabaseAvailabilityGroupNetwork DAG1\\DAGNetwork02{} | Format-List Interfaces"
    assert "{mbx1,Up,10.0.1.11}" in ok(dag_shell, view.format("")).text
    assert "{mbx1,Unreachable,10.0.1.11}" in ok(dag_shell, view.format(" -Server MBX2")).text
