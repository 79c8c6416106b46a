"""After a site-link split: members rejoining when the link returns (R-CLUSTER-13, R-SITE-11,
R-DAG-30).

The seed 002 lab: MBX1, MBX2 and the witness CAS1 in Redmond (the console is MBX1), MBX3 and
MBX4 in Dublin. Redmond holds three votes of five and keeps the cluster through the split."""

from exshell import Shell

CUT = "Set-LabSiteLink Redmond Dublin -Connected $false"
HEAL = "Set-LabSiteLink Redmond Dublin -Connected $true"
NOTICED = "Start-Sleep 60"                 # past the heartbeat threshold (R-TIMING-5)
JOINED = "Start-Sleep 10"                  # active_manager.JOIN_SECONDS


def run_all(shell, *commands):
    for command in commands:
        res = shell.run(command)
        assert res.ok, (command, res.text)
    return shell


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
