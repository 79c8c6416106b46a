"""What a boot starts (each service's start type), where the Cluster service exists (the Failover
Clustering feature a DAG member gets, R-DAG-24), and the Cluster service on a node whose side has
no quorum (R-CLUSTER-16), through the shell."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from exshell import Shell

DAG = (r"New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 "
       "-DatabaseAvailabilityGroupIpAddresses 192.168.1.50 | Out-Null",
       "Add-DatabaseAvailabilityGroupServer DAG1 MBX1", "Add-DatabaseAvailabilityGroupServer DAG1 MBX2",
       "Add-MailboxDatabaseCopy DB1 MBX2 | Out-Null", "Start-Sleep 120")

HEADER = ("\n"
          "Status   Name               DisplayName\n"
          "------   ----               -----------\n")
CLUSSVC_NOT_FOUND = (
    "Get-Service : Cannot find any service with service name 'ClusSvc'.\n"
    "At line:1 char:12\n"
    "+ Get-Service <<<<  ClusSvc\n"
    "    + CategoryInfo          : ObjectNotFound: (ClusSvc:String) [Get-Service],\n"
    "   ServiceCommandException\n"
    "    + FullyQualifiedErrorId : NoServiceFoundForGivenName,Microsoft.PowerShell.\n"
    "   Commands.GetServiceCommand\n")


@pytest.fixture
def dag_shell():
    shell = Shell()
    for cmd in DAG:
        assert shell.run(cmd).ok, cmd
    return shell


def services(shell, computer, *names):
    return shell.run(f"Get-Service -ComputerName {computer} {', '.join(names)}").text


def copy_status(shell, identity):
    return shell.run(f"(Get-MailboxDatabaseCopyStatus {identity}).Status").objects


def node_state(shell, node):
    return shell.run(f"(Get-ClusterNode -Cluster DAG1 -Name {node}).State").objects


def reboot_with(shell, computer, service, start_type):
    """Give ``service`` on ``computer`` a start type, then restart the machine and wait for it."""
    assert shell.run(f"Set-Service {service} -ComputerName {computer} -StartupType {start_type}").ok
    assert shell.run(f"Restart-Computer {computer} -Wait -For PowerShell").ok


# --- what a boot starts ---------------------------------------------------------------------
def test_r_copy_13_a_disabled_replication_service_stays_stopped_after_a_reboot(dag_shell):
    """R-COPY-13: the boot follows the start type; the copy on the server reports ServiceDown."""
    assert copy_status(dag_shell, r"DB1\MBX2") == ["Healthy"]
    reboot_with(dag_shell, "MBX2", "MSExchangeRepl", "Disabled")
    dag_shell.run("Start-Sleep 60")
    assert services(dag_shell, "MBX2", "ClusSvc", "MSExchangeIS", "MSExchangeRepl") == HEADER + (
        "Running  ClusSvc            Cluster Service\n"
        "Running  MSExchangeIS       Microsoft Exchange Information Store\n"
        "Stopped  MSExchangeRepl     Microsoft Exchange Replication Service\n"
        "\n")
    assert copy_status(dag_shell, r"DB1\MBX2") == ["ServiceDown"]
    assert node_state(dag_shell, "MBX2") == ["Up"]


def test_r_copy_13_a_manual_replication_service_starts_only_when_asked(dag_shell):
    """R-COPY-13: Manual does not start at boot either; Start-Service then brings the copy back."""
    reboot_with(dag_shell, "MBX2", "MSExchangeRepl", "Manual")
    assert copy_status(dag_shell, r"DB1\MBX2") == ["ServiceDown"]
    assert dag_shell.run("Invoke-Command -ComputerName MBX2 -ScriptBlock { Start-Service MSExchangeRepl }").ok
    dag_shell.run("Start-Sleep 300")
    assert copy_status(dag_shell, r"DB1\MBX2") == ["Healthy"]


def test_r_copy_13_a_disabled_topology_service_keeps_replication_down_but_the_2010_store_starts(dag_shell):
    """R-COPY-13: an automatic service whose required service is disabled does not start at
    boot; the 2010 Information Store needs no Exchange service and runs."""
    reboot_with(dag_shell, "MBX2", "MSExchangeADTopology", "Disabled")
    assert services(dag_shell, "MBX2", "MSExchangeADTopology", "MSExchangeIS", "MSExchangeRepl") == HEADER + (
        "Stopped  MSExchangeADTop... Microsoft Exchange Active Directory...\n"
        "Running  MSExchangeIS       Microsoft Exchange Information Store\n"
        "Stopped  MSExchangeRepl     Microsoft Exchange Replication Service\n"
        "\n")
    assert copy_status(dag_shell, r"DB1\MBX2") == ["ServiceDown"]


def test_r_am_3_a_store_that_does_not_start_at_boot_mounts_nothing():
    """R-AM-3: with the Information Store disabled, the database of a standalone server stays
    dismounted after the reboot; starting the store mounts it."""
    shell = Shell()
    reboot_with(shell, "MBX3", "MSExchangeIS", "Disabled")
    shell.run("Start-Sleep 60")
    assert copy_status(shell, "DB3") == ["Dismounted"]
    assert shell.run("(Get-Service -ComputerName MBX3 MSExchangeIS).Status").objects == ["Stopped"]
    shell.run("Set-Service MSExchangeIS -ComputerName MBX3 -StartupType Automatic -Status Running")
    assert copy_status(shell, "DB3") == ["Mounted"]
    assert shell.run("(Get-MailboxDatabase DB3 -Status).Mounted").objects == [True]


def test_r_am_3_the_active_database_does_not_mount_on_a_member_whose_store_is_manual(dag_shell):
    """R-AM-3: DB2 is active on MBX2 alone; after a reboot with its store Manual it stays dismounted."""
    reboot_with(dag_shell, "MBX2", "MSExchangeIS", "Manual")
    dag_shell.run("Start-Sleep 60")
    assert copy_status(dag_shell, "DB2") == ["Dismounted"]
    assert node_state(dag_shell, "MBX2") == ["Up"]
    assert dag_shell.run("Invoke-Command -ComputerName MBX2 -ScriptBlock { Start-Service MSExchangeIS }").ok
    assert copy_status(dag_shell, "DB2") == ["Mounted"]


def test_r_cluster_13_a_disabled_cluster_service_leaves_the_node_down_after_a_reboot(dag_shell):
    """R-CLUSTER-13: the node stays Down and the copy on it ServiceDown (R-COPY-10)."""
    reboot_with(dag_shell, "MBX2", "ClusSvc", "Disabled")
    dag_shell.run("Start-Sleep 60")
    assert services(dag_shell, "MBX2", "ClusSvc", "MSExchangeRepl") == HEADER + (
        "Stopped  ClusSvc            Cluster Service\n"
        "Running  MSExchangeRepl     Microsoft Exchange Replication Service\n"
        "\n")
    assert node_state(dag_shell, "MBX2") == ["Down"]
    assert copy_status(dag_shell, r"DB1\MBX2") == ["ServiceDown"]


def test_r_cluster_13_a_manual_cluster_service_started_by_hand_rejoins(dag_shell):
    """R-CLUSTER-13: Manual keeps the node down at boot; net start clussvc makes it join."""
    reboot_with(dag_shell, "MBX2", "ClusSvc", "Manual")
    assert node_state(dag_shell, "MBX2") == ["Down"]
    res = dag_shell.run("Invoke-Command -ComputerName MBX2 -ScriptBlock { net start clussvc }")
    assert res.text == ("The Cluster Service service is starting.\n"
                        "The Cluster Service service was started successfully.\n")
    dag_shell.run("Start-Sleep 300")
    assert node_state(dag_shell, "MBX2") == ["Up"]
    assert copy_status(dag_shell, r"DB1\MBX2") == ["Healthy"]


def test_automatic_again_the_next_boot_starts_the_service():
    shell = Shell()
    reboot_with(shell, "MBX3", "MSExchangeRepl", "Disabled")
    assert shell.run("(Get-Service -ComputerName MBX3 MSExchangeRepl).Status").objects == ["Stopped"]
    reboot_with(shell, "MBX3", "MSExchangeRepl", "Automatic")
    assert shell.run("(Get-Service -ComputerName MBX3 MSExchangeRepl).Status").objects == ["Running"]


# --- where the Cluster service exists -------------------------------------------------------
def test_r_dag_24_a_mailbox_server_outside_any_dag_has_no_cluster_service():
    shell = Shell()
    assert shell.run("Get-Service ClusSvc").text == CLUSSVC_NOT_FOUND
    assert shell.run("Get-Service Clus*").text == ""
    res = shell.run("net start clussvc")
    assert res.text == "The service name is invalid.\n\nMore help is available by typing NET HELPMSG 2185.\n"


def test_r_dag_24_joining_a_dag_installs_the_feature_and_runs_the_cluster_service():
    shell = Shell()
    shell.run(DAG[0])
    assert shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX1").ok
    assert shell.run("Get-Service ClusSvc").text == HEADER + "Running  ClusSvc            Cluster Service\n\n"
    assert shell.run("@(Get-Service -ComputerName MBX2 Clus*).Count").objects == [0]


def test_r_dag_24_a_server_removed_from_the_dag_keeps_the_feature_with_the_cluster_service_disabled():
    """The evicted node is cleaned up: ClusSvc stays installed, stopped and disabled, until the
    server joins a DAG again."""
    shell = Shell()
    for cmd in DAG[:3]:
        shell.run(cmd)
    assert shell.run("Remove-DatabaseAvailabilityGroupServer DAG1 MBX2 -Confirm:$false").ok
    assert services(shell, "MBX2", "ClusSvc") == HEADER + "Stopped  ClusSvc            Cluster Service\n\n"
    res = shell.run("Invoke-Command -ComputerName MBX2 -ScriptBlock { net start clussvc }")
    assert res.text == ("System error 1058 has occurred.\n\n"
                        "The service cannot be started, either because it is disabled or because it has\n"
                        "no enabled devices associated with it.\n")
    assert shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX2").ok
    assert services(shell, "MBX2", "ClusSvc") == HEADER + "Running  ClusSvc            Cluster Service\n\n"
    assert node_state(shell, "MBX2") == ["Up"]


# --- the Cluster service on a node without quorum -------------------------------------------
CUT = "Set-LabSiteLink Redmond Portland -Connected $false"
HEAL = "Set-LabSiteLink Redmond Portland -Connected $true"
CLUSSVC_RUNNING = HEADER + "Running  ClusSvc            Cluster Service\n\n"
CLUSSVC_STOPPED = HEADER + "Stopped  ClusSvc            Cluster Service\n\n"


@pytest.fixture
def no_quorum(dag_shell):
    """MBX1 alone: MBX2 and the witness HUB01 are off, the cluster has lost quorum."""
    for cmd in ("Stop-Computer HUB01", "Stop-Computer MBX2", "Start-Sleep 60"):
        assert dag_shell.run(cmd).ok, cmd
    return dag_shell


def test_r_cluster_16_the_cut_off_minority_side_shows_its_cluster_service_stopped_until_the_heal():
    """R-CLUSTER-16: seed 004's console MBX2 (Portland) is counted out by MBX1 and the witness
    (Redmond); once the cut is noticed its Cluster service is not running, after the heal it is."""
    shell = Shell(lab="seed004")
    shell.run(CUT)
    assert shell.run("Get-Service ClusSvc").text == CLUSSVC_RUNNING        # not noticed yet (R-TIMING-5)
    shell.run("Start-Sleep 30")
    before = shell.world.snapshot()
    assert shell.run("Get-Service ClusSvc").text == CLUSSVC_STOPPED
    assert shell.run("Get-Service ClusSvc | Format-List Status, CanStop").text == (
        "\n\nStatus  : Stopped\nCanStop : False\n\n\n")
    assert shell.world.snapshot() == before                                # a view: reading changes nothing
    shell.run(HEAL)
    assert shell.run("Get-Service ClusSvc").text == CLUSSVC_RUNNING


def test_r_cluster_16_the_last_node_of_a_cluster_without_quorum_shows_its_cluster_service_stopped(no_quorum):
    assert no_quorum.run("Get-Service ClusSvc").text == CLUSSVC_STOPPED
    assert "The cluster service is not running." in no_quorum.run("Get-ClusterNode").errors[0].message


def test_r_cluster_16_the_cluster_service_runs_again_when_a_member_brings_quorum_back(no_quorum):
    no_quorum.run("Start-LabMachine MBX2")
    no_quorum.run("Start-Sleep 120")
    assert no_quorum.run("Get-Service ClusSvc").text == CLUSSVC_RUNNING
    assert node_state(no_quorum, "MBX2") == ["Up"]


def test_r_cluster_16_net_start_without_quorum_starts_the_service_but_it_does_not_stay_running(no_quorum):
    before = no_quorum.world.snapshot()
    res = no_quorum.run("net start clussvc")
    assert res.text == ("The Cluster Service service is starting.\n"
                        "The Cluster Service service was started successfully.\n")
    assert no_quorum.run("Get-Service ClusSvc").text == CLUSSVC_STOPPED
    assert no_quorum.world.snapshot() == before


def test_r_cluster_17_net_start_clussvc_forcequorum_runs_the_cluster_with_the_nodes_present(no_quorum):
    res = no_quorum.run("net start clussvc /forcequorum")
    assert res.text == ("The Cluster Service service is starting.\n"
                        "The Cluster Service service was started successfully.\n")
    assert no_quorum.run("$LASTEXITCODE").objects == [0]
    assert no_quorum.run("Get-Service ClusSvc").text == CLUSSVC_RUNNING
    assert node_state(no_quorum, "MBX1") == ["Up"]
    res = no_quorum.run("net start clussvc")
    assert res.text == ("The requested service has already been started.\n\n"
                        "More help is available by typing NET HELPMSG 2182.\n")


def test_refused_service_commands_change_nothing():
    shell = Shell()
    for cmd in DAG[:3]:
        shell.run(cmd)
    shell.run("Remove-DatabaseAvailabilityGroupServer DAG1 MBX2 -Confirm:$false")
    before = shell.world.snapshot()
    assert shell.run("Invoke-Command -ComputerName MBX2 -ScriptBlock { net start clussvc }").text.startswith(
        "System error 1058 has occurred.")
    assert not shell.run("Invoke-Command -ComputerName MBX2 -ScriptBlock { Start-Service ClusSvc }").ok
    assert not shell.run("Get-Service -ComputerName MBX3 ClusSvc").ok
    assert shell.world.snapshot() == before


START_TYPES = st.sampled_from(("Automatic", "Manual", "Disabled"))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(clus=START_TYPES, repl=START_TYPES, store=START_TYPES)
def test_r_cluster_13_r_copy_13_r_am_3_a_reboot_follows_every_start_type(clus, repl, store):
    """Property (R-CLUSTER-13, R-COPY-13, R-AM-3): after a reboot of MBX2 exactly its automatic
    services run; its node is Up only with the Cluster service, its passive copy Healthy only
    with the Cluster and Replication services, its single-copy DB2 mounted only with all three."""
    shell = Shell()
    for cmd in DAG:
        shell.run(cmd)
    types = {"ClusSvc": clus, "MSExchangeRepl": repl, "MSExchangeIS": store}
    for name, start in types.items():
        assert shell.run(f"Set-Service {name} -ComputerName MBX2 -StartupType {start}").ok
    shell.run("Restart-Computer MBX2 -Wait -For PowerShell")
    shell.run("Start-Sleep 300")
    status = {name: shell.run(f"(Get-Service -ComputerName MBX2 {name}).Status").objects[0] for name in types}
    assert status == {name: "Running" if start == "Automatic" else "Stopped" for name, start in types.items()}
    running = {name for name, start in types.items() if start == "Automatic"}
    assert node_state(shell, "MBX2") == ["Up" if "ClusSvc" in running else "Down"]
    assert copy_status(shell, r"DB1\MBX2") == ["Healthy" if {"ClusSvc", "MSExchangeRepl"} <= running
                                                else "ServiceDown"]
    assert shell.world.database("DB2").mounted == (running == set(types))
