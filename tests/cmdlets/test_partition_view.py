"""What a console sees from each side of a site-link split (R-SITE-11, R-SITE-3, R-DAG-30,
R-CLUSTER-13, R-CLUSTER-16, R-COPY-10, R-COPY-11).

The seed 004 lab with datacenter activation off: MBX1 and the witness HUB1 in Redmond, MBX2 in
Portland. The lab's console is MBX2 (the cut-off side); ``console("MBX1")`` gives the same lab
with its console in Redmond (the side that keeps the cluster)."""

from importlib import resources

import pytest

from exshell import Shell

NS = "Microsoft.FailoverClusters.PowerShell"
DAC_OFF = "Set-DatabaseAvailabilityGroup DAG1 -DatacenterActivationMode Off"
CUT = "Set-LabSiteLink Redmond Portland -Connected $false"
NOTICED = "Start-Sleep 60"                 # past the heartbeat threshold (R-TIMING-5)
SWITCHOVER = (                             # the non-DAC datacenter switchover of transcript 005 (R-SITE-10)
    "Stop-LabMachine MBX1,HUB1,DC1 -Confirm:$false", CUT, "Start-Sleep 120",
    "net stop clussvc | Out-Null", "net start clussvc /forcequorum | Out-Null",
    "Remove-ClusterNode -Cluster DAG1 MBX1 -Force", "cluster DAG1 /quorum /nodemajority | Out-Null",
    "Move-ActiveMailboxDatabase -Server MBX1 -ActivateOnServer MBX2 -SkipHealthChecks -SkipClientExperienceChecks "
    "-SkipLagChecks -SkipActiveCopyChecks -Confirm:$false | Out-Null",
    "Start-LabMachine MBX1,HUB1,DC1", "Start-Sleep 120",
)


def run_all(shell, *commands):
    for command in commands:
        res = shell.run(command)
        assert res.ok, (command, res.text)
    return shell


def console(machine, tmp_path):
    """seed004 with the console on ``machine``."""
    text = resources.files("exshell.labs").joinpath("seed004.toml").read_text(encoding="utf-8")
    path = tmp_path / f"seed004-{machine}.toml"
    path.write_text(text.replace('console = "MBX2"', f'console = "{machine}"'), encoding="utf-8")
    return Shell(lab=str(path))


@pytest.fixture
def portland():
    """The split noticed, seen from MBX2: its side (MBX2 alone) has one vote of three."""
    return run_all(Shell(lab="seed004"), DAC_OFF, CUT, NOTICED)


@pytest.fixture
def redmond(tmp_path):
    """The split noticed, seen from MBX1: MBX1 and the witness hold two votes of three."""
    return run_all(console("MBX1", tmp_path), DAC_OFF, CUT, NOTICED)


@pytest.fixture
def island(tmp_path):
    """The split brain of R-SITE-3 seen from MBX1: the switchover runs on MBX2 (a remote session
    opened before the link went), power returns in Redmond without the link, the session ends."""
    shell = run_all(console("MBX1", tmp_path), DAC_OFF, "Enter-PSSession MBX2", *SWITCHOVER)
    return run_all(shell, "Exit-PSSession")


def only_error(res):
    assert len(res.errors) == 1, res.text
    return res.errors[0]


# --- FailoverClusters and cluster.exe ----------------------------------------------------------
NOT_RUNNING_BLOCK = (
    "Get-ClusterNode : The cluster service is not running.  Make sure that the servi\n"
    "ce is running on all nodes in the cluster.\n"
    "    There are no more endpoints available from the endpoint mapper\n"
    "At line:1 char:16\n"
    "+ Get-ClusterNode <<<<\n"
    "    + CategoryInfo          : ConnectionError: (:) [Get-ClusterNode], ClusterC\n"
    "   mdletException\n"
    "    + FullyQualifiedErrorId : ClusterEndpointNotRegistered,Microsoft.FailoverC\n"
    "   lusters.PowerShell.GetNodeCommand\n")
CANNOT_ACCESS = ("Check the spelling of the cluster name. Otherwise, there might be a problem with your network. "
                 "Make sure the cluster nodes are turned on and connected to the network or contact your network "
                 "administrator.\n    The RPC server is unavailable")
NODES = ("\nName                                    State\n"
         "----                                    -----\n"
         "mbx1                                    {}\n"
         "mbx2                                    {}\n\n")


def test_r_site_11_r_cluster_16_a_cut_off_node_without_quorum_runs_no_cluster_service(portland):
    res = portland.run("Get-ClusterNode")
    assert res.text == NOT_RUNNING_BLOCK
    err = only_error(res)
    assert (err.category, err.fully_qualified_error_id) == (
        "ConnectionError", f"ClusterEndpointNotRegistered,{NS}.GetNodeCommand")
    assert only_error(portland.run("Get-ClusterQuorum")).fully_qualified_error_id == (
        f"ClusterEndpointNotRegistered,{NS}.GetClusterQuorumCommand")


def test_r_cluster_13_the_local_cluster_answers_until_the_cut_is_noticed():
    """R-TIMING-5: heartbeats are missed for a while before the cluster counts the other side out."""
    shell = run_all(Shell(lab="seed004"), DAC_OFF, CUT)
    assert shell.run("Get-ClusterNode").text == NODES.format("Up", "Up")
    shell.run(NOTICED)
    assert not shell.run("Get-ClusterNode").ok


def test_r_site_11_the_cluster_beyond_the_cut_cannot_be_accessed(portland):
    for command in ("Get-ClusterNode -Cluster DAG1", "Get-ClusterNode -Cluster MBX1", "Get-Cluster DAG1"):
        err = only_error(portland.run(command))
        assert (err.message, err.category) == (CANNOT_ACCESS, "ConnectionError"), command
        assert err.fully_qualified_error_id.startswith("ClusterRpcConnection,")


def test_r_site_11_a_non_member_on_the_cut_side_reaches_no_cluster(portland):
    run_all(portland, "Enter-PSSession HUB2")
    assert only_error(portland.run("Get-ClusterNode")).fully_qualified_error_id == (
        f"ClusterEndpointNotRegistered,{NS}.GetNodeCommand")
    assert only_error(portland.run("Get-ClusterGroup -Cluster DAG1")).message == CANNOT_ACCESS


def test_r_cluster_16_cluster_exe_on_the_cut_off_side_prints_the_system_errors(portland):
    res = portland.run("cluster node")
    assert res.text == ("System error 1753 has occurred (0x000006d9).\n"
                        "There are no more endpoints available from the endpoint mapper.")
    assert portland.run("$LASTEXITCODE").objects == [1753]
    res = portland.run("cluster DAG1 group; $LASTEXITCODE")
    assert res.objects == [1722]
    assert res.text.startswith("System error 1722 has occurred (0x000006ba).\nThe RPC server is unavailable.\n")


def test_r_dag_30_the_majority_side_answers_as_the_cluster(redmond):
    assert redmond.run("Get-ClusterNode").text == NODES.format("Up", "Down")
    assert redmond.run("Get-ClusterNode -Cluster DAG1").text == NODES.format("Up", "Down")
    assert redmond.run("cluster node").text == (
        "Listing status for all available nodes:\n\n"
        "Node           Node ID Status\n"
        "-------------- ------- ---------------------\n"
        "mbx1                 1 Up\n"
        "mbx2                 2 Down")
    err = only_error(redmond.run("Get-ClusterNode -Cluster MBX2"))
    assert (err.message, err.fully_qualified_error_id) == (CANNOT_ACCESS, f"ClusterRpcConnection,{NS}.GetNodeCommand")


def test_r_site_3_a_cut_off_side_with_quorum_answers_with_its_own_cluster(island):
    """MBX1 and HUB1 hold two of the three votes MBX1 remembers (R-DAG-30): its side runs the
    cluster it knew, MBX2 Down, while the reference cluster has evicted MBX1."""
    assert island.run("Get-ClusterNode").text == NODES.format("Up", "Down")
    assert island.run("Get-ClusterGroup | Format-Table Name,OwnerNode -AutoSize").text == (
        "\nName          OwnerNode\n----          ---------\nCluster Group mbx1\n\n")
    assert island.run("cluster DAG1 node mbx2").text.endswith("mbx2                 2 Down")
    assert [n.name for n in island.world.cluster_of("DAG1").nodes] == ["mbx2"]


def test_r_cluster_15_the_side_s_cluster_holds_its_name_and_witness_where_its_owner_is(island):
    """The island's core group comes online on MBX1: its own site's address, the witness it
    reaches (R-CLUSTER-15), although the reference cluster went to Node Majority meanwhile."""
    assert island.run("Get-ClusterResource | Format-Table Name,State,OwnerNode -AutoSize").text == (
        "\nName                                         State   OwnerNode\n"
        "----                                         -----   ---------\n"
        "Cluster Name                                 Online  mbx1\n"
        "IPv4 Address 192.168.10.50                   Online  mbx1\n"
        "IPv4 Address 192.168.20.50                   Offline mbx1\n"
        "File Share Witness (\\\\HUB1\\DAG1.contoso.com) Online  mbx1\n\n")
    quorum = island.run("Get-ClusterQuorum").objects[0]
    assert (quorum.get("QuorumType"), quorum.get("QuorumResource")) == (
        "NodeAndFileShareMajority", "File Share Witness (\\\\HUB1\\DAG1.contoso.com)")
    assert island.world.cluster_of("DAG1").quorum_type == "NodeMajority"


def test_r_site_3_a_cut_off_side_s_cluster_is_not_changed_through_it(island):
    before = island.world.snapshot()
    err = only_error(island.run("Stop-ClusterNode MBX1"))
    assert (err.category, err.fully_qualified_error_id) == (
        "InvalidOperation", f"ClusterSideReadOnly,{NS}.StopClusterNodeCommand")
    assert island.run("cluster node mbx1 /pause; $LASTEXITCODE").objects == [5023]
    err = only_error(island.run("(Get-ClusterNetwork)[0].Role = 0"))
    assert err.fully_qualified_error_id == "ExceptionWhenSetting"
    assert island.world.snapshot() == before


# --- Get-MailboxDatabaseCopyStatus --------------------------------------------------------------
def copy_table(*rows):
    """The -AutoSize table: the Status column as wide as its longest value."""
    width = max(len(status) for _, status, _ in rows)
    lines = [f"{'Name':<8} {'Status':<{width}} ActiveDatabaseCopy", f"{'----':<8} {'------':<{width}} ------------------"]
    lines += [f"{name:<8} {status:<{width}} {active}".rstrip() for name, status, active in rows]
    return "\n" + "\n".join(lines) + "\n\n"


TABLE = "Get-MailboxDatabaseCopyStatus * | Format-Table Name,Status,ActiveDatabaseCopy -AutoSize"


def test_r_copy_10_copies_beyond_the_cut_show_service_down_and_local_ones_their_side(portland):
    """R-SITE-11: MBX1 can't be asked; DB3 was active on MBX2 when the link went and MBX2's side
    never learnt of its failover to MBX1 (R-CLUSTER-16: dismounted for lack of quorum)."""
    assert portland.run(TABLE).text == copy_table(
        ("DB1\\MBX1", "ServiceDown", ""), ("DB2\\MBX1", "ServiceDown", ""), ("DB3\\MBX1", "ServiceDown", ""),
        ("DB1\\MBX2", "DisconnectedAndHealthy", "mbx1"), ("DB2\\MBX2", "DisconnectedAndHealthy", "mbx1"),
        ("DB3\\MBX2", "Dismounted", "mbx2"))
    assert [o.get("Name") for o in portland.run("Get-MailboxDatabaseCopyStatus * -Active").objects] == ["DB3\\MBX2"]


def test_r_copy_10_the_service_down_entry_holds_only_the_directory_fields_and_the_rpc_failure(portland):
    res = portland.run("Get-MailboxDatabaseCopyStatus DB1\\MBX1 | Format-List Name,DatabaseName,Status,"
                       "MailboxServer,ActiveDatabaseCopy,ActiveCopy,CopyQueueLength,LastInspectedLogTime,"
                       "ErrorMessage,ExtendedErrorInfo")
    assert res.text == (
        "\n\n"
        "Name                 : DB1\\MBX1\n"
        "DatabaseName         : DB1\n"
        "Status               : ServiceDown\n"
        "MailboxServer        : MBX1\n"
        "ActiveDatabaseCopy   :\n"
        "ActiveCopy           : False\n"
        "CopyQueueLength      : 0\n"
        "LastInspectedLogTime :\n"
        "ErrorMessage         : The Microsoft Exchange Replication service may not be ru\n"
        "                       nning on server MBX1.contoso.com. Specific RPC error mes\n"
        "                       sage: Error 0x6ba (The RPC server is unavailable) from c\n"
        "                       li_RpccGetCopyStatusEx2\n"
        "ExtendedErrorInfo    : The Microsoft Exchange Replication service may not be ru\n"
        "                       nning on server MBX1.contoso.com. Specific RPC error mes\n"
        "                       sage: Error 0x6ba (The RPC server is unavailable) from c\n"
        "                       li_RpccGetCopyStatusEx2\n"
        "\n\n")


def test_r_site_11_copies_seen_from_the_majority_side(redmond):
    """DB3 failed over to MBX1 (R-AM-4); MBX2 can't be asked."""
    assert redmond.run(TABLE).text == copy_table(
        ("DB1\\MBX1", "Mounted", "mbx1"), ("DB2\\MBX1", "Mounted", "mbx1"), ("DB3\\MBX1", "Mounted", "mbx1"),
        ("DB1\\MBX2", "ServiceDown", ""), ("DB2\\MBX2", "ServiceDown", ""), ("DB3\\MBX2", "ServiceDown", ""))


def test_r_site_3_the_island_mount_shows_mounted_on_its_own_side_only(island):
    assert island.run(TABLE).text == copy_table(
        ("DB1\\MBX1", "Mounted", "mbx1"), ("DB2\\MBX1", "Mounted", "mbx1"),
        ("DB3\\MBX1", "DisconnectedAndResynchronizing", "mbx2"),
        ("DB1\\MBX2", "ServiceDown", ""), ("DB2\\MBX2", "ServiceDown", ""), ("DB3\\MBX2", "ServiceDown", ""))


def test_r_copy_10_a_host_switched_off_or_without_its_replication_service_can_t_be_asked():
    shell = Shell(lab="seed004")
    run_all(shell, "Stop-Service MSExchangeRepl")
    message = shell.run("(Get-MailboxDatabaseCopyStatus DB1\\MBX2).ErrorMessage").objects[0]
    assert message.endswith("Error 0x6d9 (There are no more endpoints available from the endpoint mapper) "
                            "from cli_RpccGetCopyStatusEx2")
    run_all(shell, "Start-Service MSExchangeRepl", "Stop-LabMachine MBX1 -Confirm:$false")
    entry = shell.run("Get-MailboxDatabaseCopyStatus DB1\\MBX1").objects[0]
    assert (entry.get("Status"), entry.get("ActiveDatabaseCopy")) == ("ServiceDown", None)
    assert "server MBX1.contoso.com" in entry.get("ErrorMessage")


def test_r_site_11_exchange_2013_names_its_own_rpc_call():
    shell = run_all(Shell(lab="seed002"), "Set-LabSiteLink Redmond Dublin -Connected $false")
    entry = shell.run("Get-MailboxDatabaseCopyStatus DB1\\MBX3").objects[0]
    assert entry.get("Status") == "ServiceDown"
    assert entry.get("ErrorMessage") == (
        "The Microsoft Exchange Replication service may not be running on server MBX3.contoso.com. Specific RPC "
        "error message: Error 0x6ba (The RPC server is unavailable) from RpccGetCopyStatusEx4")


# --- Test-ReplicationHealth ---------------------------------------------------------------------
def health(shell, command="Test-ReplicationHealth"):
    return {o.get("Check"): (str(o.get("Result")), o.get("Error")) for o in shell.run(command).objects}


def test_r_cluster_16_replication_health_on_the_cut_off_side(portland):
    checks = health(portland)
    assert checks["ClusterService"] == ("Failed", "The Cluster service on server 'MBX2' isn't running.")
    assert checks["QuorumGroup"] == ("Failed", "The cluster of database availability group 'DAG1' doesn't have quorum.")
    assert checks["DagMembersUp"] == ("Failed", "The following servers are down or unreachable: MBX1.")
    assert checks["FileShareQuorum"] == ("Failed", "The file share witness on server 'HUB1' can't be reached.")
    assert checks["ReplayService"] == ("Passed", None)


def test_r_site_11_replication_health_of_a_server_beyond_the_cut(portland):
    checks = health(portland, "Test-ReplicationHealth MBX1")
    assert set(checks.values()) == {("Failed", "Server 'MBX1' couldn't be contacted: the RPC server is unavailable.")}


def test_r_dag_30_replication_health_on_each_side_with_quorum(redmond, island):
    checks = health(redmond)
    assert checks["ClusterService"] == checks["QuorumGroup"] == checks["FileShareQuorum"] == ("Passed", None)
    assert checks["DagMembersUp"] == ("Failed", "The following servers are down or unreachable: MBX2.")
    checks = health(island)
    assert checks["ClusterService"] == checks["QuorumGroup"] == ("Passed", None)
    assert checks["DagMembersUp"] == ("Failed", "The following servers are down or unreachable: MBX2.")


# --- the directory ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lab", ["seed002", "seed004"])
def test_r_site_6_each_site_of_the_datacenter_labs_has_its_own_domain_controller(lab):
    world = Shell(lab=lab).world
    sites = {s.name.lower() for s in world.sites}
    with_dc = {(s.site or "").lower() for s in world.servers.values() if "DomainController" in s.roles}
    assert sites <= with_dc


def test_r_site_6_directory_reads_answer_on_both_sides(portland, redmond):
    for shell in (portland, redmond):
        assert shell.run("Get-DatabaseAvailabilityGroup | Format-Table Name,Servers,WitnessServer -AutoSize").text == (
            "\nName Servers      WitnessServer\n---- -------      -------------\nDAG1 {MBX2, MBX1} HUB1\n\n")
        assert shell.run("Get-MailboxDatabase | Format-Table Name,Server -AutoSize").text == (
            "\nName Server\n---- ------\nDB1  MBX1\nDB2  MBX1\nDB3  MBX2\n\n")
