"""A node whose Cluster service starts is Joining before it is Up (R-CLUSTER-13): Get-ClusterNode
and cluster.exe show it, it has no vote meanwhile, and Active Manager activates nothing on it."""

import pytest

from exshell import Shell
from state import active_manager as am

JOIN = am.JOIN_SECONDS


def lines(res):
    assert res.ok, res.text
    return res.text.strip("\n").splitlines()


@pytest.mark.rule("R-CLUSTER-13")
def test_r_cluster_13_a_powered_on_member_is_joining_then_up():
    sh = Shell(lab="copies")
    assert sh.run("Stop-LabMachine MBX2 -Confirm:$false; Start-Sleep 30; Start-LabMachine MBX2").ok
    booted = am.BOOT_SECONDS + JOIN - 1                    # booted, the join not finished
    assert lines(sh.run(f"Start-Sleep -Seconds {booted}; Get-ClusterNode")) == [
        "Name State   Type",
        "---- -----   ----",
        "mbx1 Up      Node",
        "mbx2 Joining Node",
        "mbx3 Up      Node"]
    assert lines(sh.run("Start-Sleep -Seconds 1; Get-ClusterNode mbx2")) == [
        "Name State Type",
        "---- ----- ----",
        "mbx2 Up    Node"]
    journal = [(e.rule_id, e.text) for e in sh.world.journal if e.rule_id == "R-CLUSTER-13"]
    assert journal[-2:] == [("R-CLUSTER-13", "Cluster node 'mbx2' is joining."),
                            ("R-CLUSTER-13", "Cluster node 'mbx2' joined.")]


@pytest.mark.rule("R-CLUSTER-13")
def test_r_cluster_13_cluster_exe_shows_joining():
    sh = Shell(lab="seed000")
    assert sh.run("Stop-ClusterNode nodeb").ok
    assert lines(sh.run("cluster node nodeb /start")) == [
        "Starting node 'nodeb'...",
        "",
        "Node           Node ID Status",
        "-------------- ------- ---------------------",
        "nodeb                2 Joining"]
    assert lines(sh.run(f"Start-Sleep -Seconds {JOIN - 1}; cluster node"))[-3:] == [
        "nodea                1 Up",
        "nodeb                2 Joining",
        "nodec                3 Up"]
    assert lines(sh.run("Start-Sleep -Seconds 1; cluster node nodeb"))[-1] == "nodeb                2 Up"


@pytest.mark.rule("R-CLUSTER-13")
def test_r_cluster_13_a_joining_node_has_no_vote():
    """Two of three nodes stopped: no quorum, databases dismounted. Starting one brings quorum
    back only once it has joined; its databases mount then."""
    sh = Shell(lab="seed000")
    assert sh.run("Stop-ClusterNode nodeb; Stop-ClusterNode nodec").ok
    world = sh.world
    cluster = world.cluster_of("DAG1")
    assert not cluster.has_quorum and not world.database("DB1").mounted
    assert sh.run("Start-ClusterNode nodeb").ok
    assert [(n.name, n.state) for n in cluster.nodes] == [("nodea", "Up"), ("nodeb", "Joining"), ("nodec", "Down")]
    assert not cluster.has_quorum and not world.database("DB1").mounted
    world.advance(JOIN)
    assert cluster.has_quorum and world.database("DB1").mounted


@pytest.mark.rule("R-CLUSTER-13")
def test_r_cluster_13_no_activation_on_a_joining_node():
    """DB1 fails on MBX1; MBX2 (preference 2) is Joining, so the failover picks MBX3."""
    def failover(joining):
        world = Shell(lab="copies").world
        if joining:
            am.begin_join(world, world.cluster_of("DAG1").node("MBX2"))
        db = world.database("DB1")
        am.failover(world, db)
        return db.active_server
    assert failover(joining=False) == "MBX2"
    assert failover(joining=True) == "MBX3"
