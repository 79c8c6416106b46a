"""A site-link split, continued: members rejoining when the link returns (R-CLUSTER-13,
R-SITE-11, R-DAG-30), and the status reads of Get-MailboxDatabase and
Get-DatabaseAvailabilityGroup from each side (R-SITE-11, R-SITE-3, R-CLUSTER-16).

The seed 002 lab: MBX1, MBX2 and the witness CAS1 in Redmond (the console is MBX1), MBX3 and
MBX4 in Dublin; Redmond holds three votes of five and keeps the cluster through the split. The
seed 004 lab (DAC off) as in test_partition_view: MBX2's console in Portland is the cut-off side."""

from exshell import Shell
from tests.cmdlets.test_partition_view import DAC_OFF, SWITCHOVER, console, island, run_all  # noqa: F401

CUT = "Set-LabSiteLink Redmond Dublin -Connected $false"
HEAL = "Set-LabSiteLink Redmond Dublin -Connected $true"
NOTICED = "Start-Sleep 60"                 # past the heartbeat threshold (R-TIMING-5)
JOINED = "Start-Sleep 10"                  # active_manager.JOIN_SECONDS


def nodes(*states):
    rows = "".join(f"mbx{i}                       {i}                          {s}\n" for i, s in enumerate(states, 1))
    return ("\nName                       ID                         State\n"
            "----                       --                         -----\n" + rows + "\n")


def test_r_cluster_13_members_back_from_a_cut_join_before_they_are_up():
    shell = run_all(Shell(lab="seed002"), CUT, NOTICED, HEAL)
    assert shell.run("Get-ClusterNode").text == nodes("Up", "Up", "Joining", "Joining")
    run_all(shell, JOINED)
    assert shell.run("Get-ClusterNode").text == nodes("Up", "Up", "Up", "Up")


def test_r_cluster_13_r_dag_30_the_surviving_side_keeps_quorum_while_the_others_join():
    """Redmond had three votes of five without Dublin: the join takes nothing away (no quorum
    loss, the PAM stays, databases stay mounted)."""
    shell = run_all(Shell(lab="seed002"), CUT, NOTICED)
    quorum_events = shell.run("Get-LabEvent -Rule R-CLUSTER-16 | ForEach-Object Message").objects
    assert quorum_events == ["Database 'DB2' dismounted on 'MBX3': no quorum on its side."]
    run_all(shell, HEAL)
    cluster = shell.world.cluster_of("DAG1")
    assert cluster.has_quorum and cluster.core_group.owner_node == "mbx1"
    assert shell.run("Get-MailboxDatabase -Status | Format-Table Name,Mounted -AutoSize").text == (
        "\nName Mounted\n---- -------\nDB1     True\nDB2     True\n\n")
    run_all(shell, JOINED)
    assert shell.run("Get-LabEvent -Rule R-CLUSTER-16 | ForEach-Object Message").objects == quorum_events
    events = shell.run("Get-LabEvent -Rule R-CLUSTER-13 | ForEach-Object Message").objects
    assert events == ["Cluster node 'mbx3' is cut off from the cluster.",
                      "Cluster node 'mbx4' is cut off from the cluster.",
                      "Cluster node 'mbx3' is joining.", "Cluster node 'mbx4' is joining.",
                      "Cluster node 'mbx3' joined.", "Cluster node 'mbx4' joined."]


def test_r_cluster_13_a_member_cut_again_while_joining_is_down_again():
    shell = run_all(Shell(lab="seed002"), CUT, NOTICED, HEAL, "Start-Sleep 2", CUT, "Start-Sleep 8")
    assert shell.run("Get-ClusterNode").text == nodes("Up", "Up", "Down", "Down")
    run_all(shell, "Start-Sleep 30")
    assert shell.run("Get-ClusterNode").text == nodes("Up", "Up", "Down", "Down")


# --- Get-MailboxDatabase -Status from each side (seed 004, DAC off) ------------------------------
SEED4_CUT = (DAC_OFF, "Set-LabSiteLink Redmond Portland -Connected $false", NOTICED)
STATUS = "Get-MailboxDatabase -Status | Format-Table Name,Mounted,MountedOnServer -AutoSize"
STORE_WARNING = ("Exchange can't connect to the Information Store service on server MBX1.contoso.com. Make sure "
                 "that the service is running and that there is network connectivity to the server.")


def status_table(*rows):
    return "\nName Mounted MountedOnServer\n---- ------- ---------------\n" + "".join(r + "\n" for r in rows) + "\n"


def warned(server):
    return ("WARNING: Exchange can't connect to the Information Store service on server\n"
            f"{server}.contoso.com. Make sure that the service is running and that there is\n"
            "network connectivity to the server.\n")


def test_r_site_11_database_status_from_the_cut_off_side_asks_its_own_active_manager():
    """MBX2's side still believes DB1 and DB2 active on MBX1, whose store is beyond the cut: the
    task writes them with MountedOnServer only and warns; DB3, active on MBX2 when the link went,
    is dismounted there (R-CLUSTER-16) although the cluster failed it over to MBX1."""
    shell = run_all(Shell(lab="seed004"), *SEED4_CUT)
    res = shell.run(STATUS)
    assert res.warnings == [STORE_WARNING, STORE_WARNING]
    assert res.text == warned("MBX1") * 2 + status_table(  # a blank first row leaves the column left-aligned
        "DB1          MBX1.contoso.com", "DB2          MBX1.contoso.com", "DB3  False")
    assert shell.world.database("DB3").active_server == "MBX1"
    db1 = shell.run("Get-MailboxDatabase DB1 -Status").objects[0]
    assert [db1.get(n) for n in ("Mounted", "MountedOnServer", "DatabaseSize", "BackupInProgress")] == [
        None, "MBX1.contoso.com", None, None]


def test_r_site_11_database_status_from_the_surviving_side_answers_as_before(tmp_path):
    shell = run_all(console("MBX1", tmp_path), *SEED4_CUT)
    res = shell.run(STATUS)
    assert res.warnings == []
    assert res.text == status_table(*[f"{db}     True MBX1.contoso.com" for db in ("DB1", "DB2", "DB3")])


def test_r_site_3_database_status_on_the_split_brain_island_shows_its_own_mounts(island):
    """The switchover ran on MBX2; seen from MBX1 after power returns without the link, MBX1's
    side has quorum of the membership it remembers and mounted what it believed active on it;
    DB3 it believes active on MBX2, beyond the cut."""
    redmond, portland = island, run_all(Shell(lab="seed004"), DAC_OFF, *SWITCHOVER)
    assert redmond.run(STATUS).text == warned("MBX2") + status_table(   # DB3 was active on MBX2 then
        "DB1     True MBX1.contoso.com", "DB2     True MBX1.contoso.com", "DB3          MBX2.contoso.com")
    res = portland.run(STATUS)                 # the standby side: MBX2 is active, MBX1 out of sight
    assert res.text == status_table(*[f"{db}     True MBX2.contoso.com" for db in ("DB1", "DB2", "DB3")])


def test_r_site_11_a_store_powered_off_can_t_be_asked_before_the_failover():
    """Until the node is noticed down (R-TIMING-5) and its databases fail over, Active Manager
    still names the powered-off server: its store can't be contacted."""
    shell = run_all(Shell(lab="seed004"), "Stop-LabMachine MBX1 -Confirm:$false")
    res = shell.run("Get-MailboxDatabase DB1 -Status | Format-Table Name,Mounted,MountedOnServer -AutoSize")
    assert (res.warnings, res.ok) == ([STORE_WARNING], True)
    assert res.text == warned("MBX1") + status_table("DB1          MBX1.contoso.com")


# --- Get-DatabaseAvailabilityGroup -Status from each side ----------------------------------------
DAG_STATUS = ("Get-DatabaseAvailabilityGroup DAG1 -Status | "
              "Format-List OperationalServers,PrimaryActiveManager,WitnessShareInUse")


def dag_list(servers, pam, witness):
    return (f"\n\nOperationalServers   : {servers}\nPrimaryActiveManager : {pam}\n"
            f"WitnessShareInUse    : {witness}\n\n\n")


def test_r_site_11_r_cluster_16_dag_status_on_the_cut_off_side_opens_no_cluster():
    """The task opens the DAG's cluster through its members, the local one first: MBX2's Cluster
    service has no quorum on its side, MBX1 is beyond the cut. The error is not terminating: the
    DAG is written without its status values."""
    shell = run_all(Shell(lab="seed004"), *SEED4_CUT)
    res = shell.run(DAG_STATUS)
    assert res.text == (
        "Cluster API failed: OpenByNames('MBX2.contoso.com', 'MBX1.contoso.com') failed\n"
        "for each server. Specific exceptions: 'Cluster API failed: \"OpenCluster(MBX2.co\n"
        "ntoso.com) failed with 0x6d9. Error: There are no more endpoints available from\n"
        " the endpoint mapper.\"', 'Cluster API failed: \"OpenCluster(MBX1.contoso.com) fa\n"
        "iled with 0x6ba. Error: The RPC server is unavailable.\"'.\n"
        "    + CategoryInfo          : InvalidArgument: (:) [Get-DatabaseAvailabilityGr\n"
        "   oup], ClusterApiException\n"
        "    + FullyQualifiedErrorId : 24FBB168,Microsoft.Exchange.Management.SystemCon\n"
        "   figurationTasks.GetDatabaseAvailabilityGroup\n\n"
        "\n\nOperationalServers   :\nPrimaryActiveManager :\nWitnessShareInUse    :\n\n\n")
    err = res.errors[0]
    assert (err.category, err.rule_id, err.exception_type) == (
        "InvalidArgument", "R-SITE-11", "Microsoft.Exchange.Cluster.Shared.ClusterApiException")
    assert shell.run("(Get-DatabaseAvailabilityGroup DAG1 -Status).Name").objects == ["DAG1"]


def test_r_dag_30_dag_status_on_the_surviving_side_answers_as_before(tmp_path):
    shell = run_all(console("MBX1", tmp_path), *SEED4_CUT)
    assert shell.run(DAG_STATUS).text == dag_list("{MBX1}", "MBX1", "Primary")


def test_r_site_3_dag_status_on_each_side_of_the_split_brain(island):
    """MBX1's side runs the cluster it remembers (node and file share majority, MBX1 its PAM);
    the standby side runs the forced cluster with node majority."""
    redmond, portland = island, run_all(Shell(lab="seed004"), DAC_OFF, *SWITCHOVER)
    assert redmond.run(DAG_STATUS).text == dag_list("{MBX1}", "MBX1", "Primary")
    assert portland.run(DAG_STATUS).text == dag_list("{MBX2}", "MBX2", "None")
