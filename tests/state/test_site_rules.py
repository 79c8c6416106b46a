"""Datacenter activation (R-SITE-*): DAC mode, Stop-/Restore-/Start- of a DAG across two sites,
and the DACP bit that keeps returning servers from mounting."""

import pytest

from exshell.labs import load_lab
from state.transitions import (AddDatabaseCopy, AddServerToDag, NewDag, PowerOff, PowerOn, RestoreDag, SetDag,
                               SetServiceState, StartDag, StopDag)

REDMOND = ("MBX1", "MBX2", "CAS1", "DC1")


def two_sites(dac=True, witness="CAS1"):
    """seed002's machines: DAG1 = MBX1, MBX2 (Redmond) + MBX3, MBX4 (Dublin); witness CAS1
    (Redmond), alternate CAS2 (Dublin); DB1 on MBX1 with a copy on MBX3."""
    world = load_lab("seed002").world
    world.commit(NewDag("DAG1", witness_server=witness, witness_directory="C:\\DAG1",
                        ip_addresses=("172.19.18.50", "172.19.19.50")))
    for m in ("MBX1", "MBX2", "MBX3", "MBX4"):
        world.commit(AddServerToDag("DAG1", m))
    world.commit(AddDatabaseCopy("DB1", "MBX3"))
    world.advance(3600)
    changes = {"alternate_witness_server": "CAS2", "alternate_witness_directory": "C:\\DAG1"}
    if dac:
        changes["datacenter_activation_mode"] = "DagOnly"
    world.commit(SetDag.of("DAG1", **changes))
    return world


def lose_redmond(world):
    for machine in REDMOND:
        world.commit(PowerOff(machine))
    world.advance(120)


@pytest.fixture
def dac():
    return two_sites()


def test_r_site_4_switchover_cmdlets_need_dac_mode(refused):
    world = two_sites(dac=False)
    refused(world, StopDag("DAG1", site="Redmond"), "R-SITE-4", "InvalidOperation",
            "Database availability group 'DAG1' isn't in datacenter activation mode. Run "
            "Set-DatabaseAvailabilityGroup -DatacenterActivationMode DagOnly before you use "
            "Stop-DatabaseAvailabilityGroup.")
    refused(world, RestoreDag("DAG1"), "R-SITE-4", "InvalidOperation",
            "Database availability group 'DAG1' isn't in datacenter activation mode. Run "
            "Set-DatabaseAvailabilityGroup -DatacenterActivationMode DagOnly before you use "
            "Restore-DatabaseAvailabilityGroup.")


def test_r_site_5_stop_by_site_lists_the_sites_members_and_they_dismount(dac):
    dac.commit(StopDag("DAG1", site="Redmond"))
    assert sorted(dac.dag("DAG1").stopped_mailbox_servers) == ["MBX1", "MBX2"]
    assert dac.database("DB1").mounted is False


def test_r_site_5_configuration_only_changes_the_directory_alone(dac):
    dac.commit(StopDag("DAG1", servers=("MBX1",), configuration_only=True))
    assert dac.dag("DAG1").stopped_mailbox_servers == ["MBX1"]
    assert dac.database("DB1").mounted is True


def test_r_site_5_a_named_server_must_be_a_member(dac, refused):
    refused(dac, StopDag("DAG1", servers=("CAS2",)), "R-SITE-5", "InvalidOperation",
            "Server 'CAS2' isn't a member of database availability group 'DAG1'.")


def test_r_site_7_restore_needs_a_prior_stop(dac, refused):
    refused(dac, RestoreDag("DAG1", site="Dublin"), "R-SITE-7", "InvalidOperation",
            "No servers of database availability group 'DAG1' are stopped. Run Stop-DatabaseAvailabilityGroup "
            "for the failed servers before you restore the group.")


def test_r_site_7_even_survivors_need_an_alternate_witness(refused):
    world = two_sites()
    world.commit(SetDag.of("DAG1", alternate_witness_server=None, alternate_witness_directory=None))
    lose_redmond(world)
    world.commit(StopDag("DAG1", site="Redmond", configuration_only=True))
    refused(world, RestoreDag("DAG1", site="Dublin"), "R-SITE-7", "InvalidOperation",
            "Database availability group 'DAG1' needs a witness for 2 surviving member(s), but no alternate "
            "witness server is configured. Specify AlternateWitnessServer and AlternateWitnessDirectory.")


def test_r_site_6_r_site_7_r_site_8_switchover_to_the_standby_site(dac):
    """The failed site loses quorum for everyone (witness in Redmond); Stop- with
    ConfigurationOnly from the surviving site, the Cluster service stopped there (R-SITE-8),
    Restore- evicts the stopped servers, uses the alternate witness and activates DB1 in Dublin."""
    lose_redmond(dac)
    assert dac.cluster_of("DAG1").has_quorum is False and dac.database("DB1").mounted is False
    dac.commit(StopDag("DAG1", site="Redmond", configuration_only=True))          # R-SITE-6
    for m in ("MBX3", "MBX4"):
        dac.commit(SetServiceState(m, "ClusSvc", running=False))                   # R-SITE-8
    dac.commit(RestoreDag("DAG1", site="Dublin"))
    dac.advance(60)
    cluster = dac.cluster_of("DAG1")
    assert sorted(n.name for n in cluster.nodes) == ["mbx3", "mbx4"]
    assert cluster.has_quorum and cluster.quorum_type == "NodeAndFileShareMajority"
    assert dac.dag_status(dac.dag("DAG1")).witness_share_in_use == "Alternate"
    db = dac.database("DB1")
    assert (db.active_server, db.mounted) == ("MBX3", True)


def test_r_site_1_stopped_servers_returning_mount_nothing_and_r_site_9_start_brings_them_back(dac):
    lose_redmond(dac)
    dac.commit(StopDag("DAG1", site="Redmond", configuration_only=True))
    dac.commit(RestoreDag("DAG1", site="Dublin"))
    dac.advance(60)
    for machine in REDMOND:
        dac.commit(PowerOn(machine))
    dac.advance(600)
    assert [n.name for n in dac.cluster_of("DAG1").nodes if n.name in ("mbx1", "mbx2")] == []
    assert dac.database("DB1").active_server == "MBX3"
    dac.commit(StartDag("DAG1", site="Redmond"))
    dag = dac.dag("DAG1")
    assert dag.stopped_mailbox_servers == [] and sorted(dag.started_mailbox_servers) == ["MBX1", "MBX2"]
    assert sorted(n.name for n in dac.cluster_of("DAG1").nodes) == ["mbx1", "mbx2", "mbx3", "mbx4"]
    dac.commit(SetDag.of("DAG1"))                        # R-DAG-38 restores the primary witness
    assert dac.dag_status(dag).witness_share_in_use == "Primary"


def test_r_site_1_members_that_all_restart_isolated_mount_nothing(dac):
    for machine in ("MBX1", "MBX2", "MBX3", "MBX4"):
        dac.commit(PowerOff(machine))
    dac.advance(60)
    for machine in ("MBX1", "MBX2", "MBX3", "MBX4"):
        dac.commit(PowerOn(machine))
    dac.advance(600)
    assert dac.database("DB1").mounted is False
    assert any(e.rule_id == "R-SITE-1" for e in dac.journal)


def test_r_site_1_without_dac_the_same_restart_mounts():
    world = two_sites(dac=False)
    for machine in ("MBX1", "MBX2", "MBX3", "MBX4"):
        world.commit(PowerOff(machine))
    world.advance(60)
    for machine in ("MBX1", "MBX2", "MBX3", "MBX4"):
        world.commit(PowerOn(machine))
    world.advance(600)
    assert world.database("DB1").mounted is True


def _two_member_dac():
    world = load_lab("default").world
    world.commit(NewDag("DAG1", witness_server="HUB01", witness_directory="C:\\DAG1",
                        ip_addresses=("192.168.1.50",)))
    for m in ("MBX1", "MBX2"):
        world.commit(AddServerToDag("DAG1", m))
    world.commit(SetDag.of("DAG1", datacenter_activation_mode="DagOnly"))
    return world


def test_r_site_2_two_members_mount_when_the_witness_did_not_restart():
    world = _two_member_dac()
    for m in ("MBX1", "MBX2"):
        world.commit(PowerOff(m))
    world.advance(60)
    world.commit(PowerOn("MBX1"))
    world.advance(600)
    assert world.database("DB1").mounted is True


def test_r_site_2_two_members_mount_nothing_after_the_witness_restarted_with_them():
    world = _two_member_dac()
    for m in ("MBX1", "MBX2", "HUB01"):
        world.commit(PowerOff(m))
    world.advance(60)
    for m in ("HUB01", "MBX1"):
        world.commit(PowerOn(m))
    world.advance(600)
    assert world.database("DB1").mounted is False


def test_r_site_11_a_witness_in_a_third_site_keeps_quorum_when_a_site_is_lost():
    """Losing Redmond with the witness elsewhere leaves Dublin's two members plus the witness: a
    majority, so DB1 fails over on its own; with the witness in Redmond, quorum is lost."""
    world = two_sites(dac=False, witness="CAS2")       # CAS2 stands in for the third location
    lose_redmond(world)
    assert world.cluster_of("DAG1").has_quorum is True
    assert (world.database("DB1").active_server, world.database("DB1").mounted) == ("MBX3", True)
    world = two_sites(dac=False, witness="CAS1")
    lose_redmond(world)
    assert world.cluster_of("DAG1").has_quorum is False
