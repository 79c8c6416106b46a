"""Site links that can be cut: reachability, quorum per side (R-SITE-11), split brain with DAC
off and its merge (R-SITE-3, R-COPY-6), DAC mode on the returning side (R-SITE-1), copies cut
off from their source (R-COPY-11)."""

import datetime as dt

import pytest

from state import partition, reconfigure
from state.build import add_site
from state.transitions import (AddDatabaseCopy, EvictClusterNode, MoveActiveDatabase, PowerOff, PowerOn,
                               SetClusterNodeState, SetDag, SetQuorumModel, SetServiceState)
from state.transitions.sitelinks import SetSiteLink
from tests.state import test_site_rules


def two_sites(dac=False, witness="CAS1"):
    """DAG1 = MBX1, MBX2 (Redmond) + MBX3, MBX4 (Dublin), witness CAS1 in Redmond: DB1 active on
    MBX1 with a copy on MBX3, DB2 active on MBX3 with a copy on MBX1."""
    world = test_site_rules.two_sites(dac=dac, witness=witness)
    world.commit(AddDatabaseCopy("DB2", "MBX1"))
    world.advance(600)
    return world


def three_sites(*joined):
    """two_sites with the witness CAS2 moved to a third site, Chicago, linked to ``joined``."""
    world = two_sites(dac=False, witness="CAS2")
    add_site(world, "Chicago")
    world.server("CAS2").site = "Chicago"
    for site in joined:
        world.links[frozenset({site.lower(), "chicago"})] = 30
    return world


def cut(world, connected=False, a="Redmond", b="Dublin"):
    """Cut (or restore) a link and let the cluster miss its heartbeats (R-TIMING-5)."""
    world.commit(SetSiteLink(a, b, connected=connected))
    world.advance(5)


def statuses(world, db):
    return {c.server: c.status for c in world.database(db).copies}


def nodes(world):
    return {n.name: n.state for n in world.cluster_of("DAG1").nodes}


def test_r_site_11_can_talk_follows_power_adapters_and_links():
    world = two_sites(dac=False)
    mbx1, mbx3 = world.server("MBX1"), world.server("MBX3")
    assert partition.can_talk(world, mbx1, mbx3) and partition.can_talk(world, "MBX1", "MBX2")
    cut(world)
    assert not partition.can_talk(world, mbx1, mbx3)
    assert partition.can_talk(world, "MBX1", "MBX2")               # same site: unaffected
    cut(world, connected=True)
    assert partition.can_talk(world, mbx1, mbx3)
    world.commit(PowerOff("MBX3"))
    assert not partition.can_talk(world, mbx1, mbx3)


def test_r_site_11_a_third_site_routes_around_a_cut_link():
    """Sites joined through a third one still talk: reachability is transitive over uncut links."""
    world = three_sites("Redmond", "Dublin")
    cut(world)
    assert partition.can_talk(world, "MBX1", "MBX3")
    cut(world, a="Dublin", b="Chicago")
    assert not partition.can_talk(world, "MBX1", "MBX3")


def test_r_site_11_wan_split_with_the_witness_in_the_primary_site_leaves_only_that_side_running():
    """Redmond keeps MBX1, MBX2 and the witness (3 of 5 votes); Dublin's members are Down in the
    cluster's view and DB2, active in Dublin, dismounts there and fails over to Redmond."""
    world = two_sites(dac=False)
    assert world.database("DB2").active_server == "MBX3"
    cut(world)
    assert nodes(world) == {"mbx1": "Up", "mbx2": "Up", "mbx3": "Down", "mbx4": "Down"}
    assert world.cluster_of("DAG1").has_quorum is True
    assert reconfigure.votes(world, world.dag("DAG1")) == (3, 5)
    assert world.database("DB2").mounted is False
    world.advance(60)
    db2 = world.database("DB2")
    assert (db2.active_server, db2.mounted) == ("MBX1", True)
    assert world.database("DB1").active_server == "MBX1"


def test_r_site_11_wan_split_with_the_witness_in_the_standby_site_moves_everything_there():
    world = two_sites(dac=False, witness="CAS2")
    cut(world)
    world.advance(60)
    assert nodes(world) == {"mbx1": "Down", "mbx2": "Down", "mbx3": "Up", "mbx4": "Up"}
    assert {db: world.database(db).active_server for db in ("DB1", "DB2")} == {"DB1": "MBX3", "DB2": "MBX3"}


def test_r_site_11_witness_in_a_third_site_keeps_a_site_running_when_the_other_is_cut_off():
    """With the witness in a third site reachable from both, a WAN split leaves the PAM's side
    with members + the witness lock; losing Redmond's link to everything moves DB1 to Dublin."""
    world = three_sites("Redmond", "Dublin")
    cut(world)
    assert world.cluster_of("DAG1").has_quorum is True
    cut(world, connected=True)
    assert set(nodes(world).values()) == {"Up"}
    cut(world)
    cut(world, a="Redmond", b="Chicago")                    # Redmond alone: 2 of 5
    world.advance(60)
    assert nodes(world) == {"mbx1": "Down", "mbx2": "Down", "mbx3": "Up", "mbx4": "Up"}
    assert (world.database("DB1").active_server, world.database("DB1").mounted) == ("MBX3", True)


def test_r_site_11_no_side_with_a_majority_loses_quorum_everywhere():
    """Witness in a third site cut from both: 2 + 2 of 5 votes, nobody has a majority (R-CLUSTER-16)."""
    world = three_sites("Redmond")
    cut(world, a="Redmond", b="Chicago")
    cut(world)
    assert world.cluster_of("DAG1").has_quorum is False
    assert not any(db.mounted for db in world.databases.values())


def test_r_copy_11_a_copy_cut_off_from_its_source_is_disconnected_and_recovers():
    world = two_sites(dac=False)
    assert statuses(world, "DB1")["MBX3"] == "Healthy"
    cut(world)
    assert statuses(world, "DB1")["MBX3"] == "DisconnectedAndHealthy"
    assert world.server("MBX3").is_up and world.server("MBX1").is_up
    world.advance(600)
    cut(world, connected=True)
    world.advance(60)
    assert statuses(world, "DB1")["MBX3"] == "Healthy"
    assert world.copy_status(world.copy("DB1", "MBX3")).copy_queue_length == 0


def test_r_copy_11_a_resynchronizing_copy_cut_off_is_disconnected_and_resynchronizing():
    world = two_sites(dac=False)
    cut(world)
    world.advance(60)                                       # DB2 failed over; MBX4's old copy must resync
    assert statuses(world, "DB2")["MBX3"] == "DisconnectedAndResynchronizing"
    cut(world, connected=True)
    world.advance(60)
    assert statuses(world, "DB2")["MBX3"] == "Healthy"


def _switch_to_dublin(world):
    """R-SITE-10 without DAC: Redmond (with the witness) loses power and its WAN; the admin
    forces quorum in Dublin, evicts Redmond's nodes, and moves the databases."""
    for machine in ("MBX1", "MBX2", "CAS1", "DC1"):
        world.commit(PowerOff(machine))
    cut(world)
    world.advance(120)
    assert world.cluster_of("DAG1").has_quorum is False
    world.commit(SetServiceState("MBX3", "ClusSvc", running=False))
    world.commit(SetClusterNodeState("DAG1", "MBX3", running=True, force_quorum=True))
    for node in ("MBX1", "MBX2"):
        world.commit(EvictClusterNode("DAG1", node))
    world.commit(SetQuorumModel("DAG1", "NodeMajority"))
    for db in ("DB1",):
        world.commit(MoveActiveDatabase(db, "MBX3", skip_health_checks=True, skip_lag_checks=True,
                                        skip_client_experience_checks=True, skip_active_copy_checks=True))
        assert world.database(db).mounted


def _power_returns_in_redmond(world):
    for machine in ("DC1", "CAS1", "MBX1", "MBX2"):
        world.commit(PowerOn(machine))
    world.advance(120)


def test_r_site_3_split_brain_with_dac_off_and_the_merge():
    """Redmond returns without its WAN: MBX1 and MBX2 with the witness hold 3 of the 5 votes they
    remember, so MBX1 mounts DB1 too — two mounted active copies. When the link
    returns, Dublin's cluster wins and the Redmond copies, holding logs Dublin never received,
    go FailedAndSuspended (R-COPY-6)."""
    world = two_sites(dac=False)
    _switch_to_dublin(world)
    _power_returns_in_redmond(world)
    assert statuses(world, "DB1")["MBX1"] == "Mounted" and statuses(world, "DB1")["MBX3"] == "Mounted"
    assert statuses(world, "DB2") == {"MBX3": "Mounted", "MBX1": "DisconnectedAndResynchronizing"}
    assert any(e.rule_id == "R-SITE-3" for e in world.journal)
    world.advance(600)
    cut(world, connected=True)
    db1 = world.database("DB1")
    assert (db1.active_server, db1.mounted) == ("MBX3", True)
    assert statuses(world, "DB1")["MBX1"] == "FailedAndSuspended"
    assert "log files the active copy never received" in world.copy("DB1", "MBX1").error_message
    assert world.partition.islands == {}


def test_r_site_3_a_merge_before_any_log_was_written_resynchronizes():
    world = two_sites(dac=False)
    _switch_to_dublin(world)
    for machine in ("DC1", "CAS1", "MBX1", "MBX2"):
        world.commit(PowerOn(machine))
    world.advance(60)                                      # booted this very second
    assert statuses(world, "DB1")["MBX1"] == "Mounted"
    cut(world, connected=True)
    assert statuses(world, "DB1")["MBX1"] == "Initializing"
    assert world.copy("DB1", "MBX1").divergent is True


def test_r_site_1_with_dac_on_the_returning_side_mounts_nothing():
    """Same sequence in DagOnly mode: the returning Redmond members reach no member with its DACP
    bit set (Dublin is across the cut link), so they mount nothing."""
    world = two_sites(dac=False)
    world.commit(SetDag.of("DAG1", datacenter_activation_mode="DagOnly"))
    _switch_to_dublin(world)
    _power_returns_in_redmond(world)
    mounted = [c.identity for db in world.databases.values() for c in db.copies if c.status == "Mounted"]
    assert sorted(mounted) == ["DB1\\MBX3", "DB2\\MBX3"]
    assert world.server("MBX1").dacp_bit is False


def test_r_site_11_a_member_returning_across_a_cut_link_stays_down_in_the_clusters_view():
    world = two_sites(dac=False)
    world.commit(PowerOff("MBX4"))
    world.advance(60)
    cut(world)
    world.commit(PowerOn("MBX4"))
    world.advance(120)
    assert nodes(world)["mbx4"] == "Down"
    cut(world, connected=True)
    assert nodes(world)["mbx4"] == "Joining"                      # R-CLUSTER-13: joins before it is Up
    world.advance(10)
    assert nodes(world)["mbx4"] == "Up"
    assert "mbx4" not in world.partition.views


@pytest.mark.parametrize("change", [SetSiteLink("Redmond", "Nowhere", connected=False),
                                    SetSiteLink("Redmond", "Redmond", connected=False),
                                    SetSiteLink("Redmond", "Dublin", latency=-1)])
def test_refused_site_link_changes_change_nothing(change):
    world = two_sites(dac=False)
    before = world.snapshot()
    with pytest.raises(Exception) as err:
        world.commit(change)
    assert err.value.category in ("ObjectNotFound", "InvalidArgument")
    assert world.snapshot() == before


def test_latency_changes_the_link_and_nothing_else():
    world = two_sites(dac=False)
    world.commit(SetSiteLink("Redmond", "Dublin", latency=250))
    assert world.links[frozenset({"redmond", "dublin"})] == 250
    assert world.partition.cut == set()


def test_r_site_11_the_cut_off_side_takes_over_when_the_clusters_side_loses_power():
    """Witness in Chicago: with Redmond's links to Chicago and Dublin cut, Dublin holds 2 + the
    witness of 5 votes and keeps the cluster. When Redmond reaches Chicago again and Dublin loses
    power, Redmond's members and the witness are the majority: Redmond takes the cluster and DB2."""
    world = three_sites("Dublin", "Redmond")
    cut(world, a="Redmond", b="Chicago")
    assert world.cluster_of("DAG1").has_quorum is True          # Redmond still reaches Chicago via Dublin
    cut(world)
    assert nodes(world) == {"mbx1": "Down", "mbx2": "Down", "mbx3": "Up", "mbx4": "Up"}
    cut(world, a="Redmond", b="Chicago", connected=True)         # Redmond reaches the witness again
    for machine in ("MBX3", "MBX4"):
        world.commit(PowerOff(machine))
    world.advance(120)
    assert nodes(world) == {"mbx1": "Up", "mbx2": "Up", "mbx3": "Down", "mbx4": "Down"}
    assert world.cluster_of("DAG1").has_quorum is True
    assert (world.database("DB2").active_server, world.database("DB2").mounted) == ("MBX1", True)


def test_r_site_3_forcing_quorum_without_evicting_still_splits_the_brain():
    """The forced cluster in Dublin keeps the cluster whatever the votes (R-CLUSTER-17); Redmond's
    returning members, never evicted, count 2 + the witness of the 5 votes they know and mount."""
    world = two_sites(dac=False)
    for machine in ("MBX1", "MBX2", "CAS1", "DC1"):
        world.commit(PowerOff(machine))
    cut(world)
    world.advance(120)
    world.commit(SetServiceState("MBX3", "ClusSvc", running=False))
    world.commit(SetClusterNodeState("DAG1", "MBX3", running=True, force_quorum=True))
    world.commit(MoveActiveDatabase("DB1", "MBX3", skip_health_checks=True, skip_lag_checks=True,
                                    skip_client_experience_checks=True, skip_active_copy_checks=True))
    _power_returns_in_redmond(world)
    assert nodes(world)["mbx3"] == "Up" and nodes(world)["mbx1"] == "Down"
    assert statuses(world, "DB1") == {"MBX1": "Mounted", "MBX3": "Mounted"}
    cut(world, connected=True)
    assert nodes(world)["mbx1"] == "Joining"                      # R-CLUSTER-13
    assert statuses(world, "DB1")["MBX1"] == "FailedAndSuspended"
    world.advance(10)
    assert nodes(world)["mbx1"] == "Up"
    assert statuses(world, "DB1") == {"MBX1": "FailedAndSuspended", "MBX3": "Mounted"}


def test_r_cluster_16_quorum_back_on_one_side_remounts_there_and_fails_the_other_side_over():
    """Witness in Chicago cut from both sites: 2 + 2 of 5, no quorum, everything dismounts. When
    Redmond reaches Chicago again it holds 3 votes: DB1 mounts again on MBX1 and DB2, whose host
    MBX3 is still cut off, fails over to MBX1."""
    world = three_sites("Redmond", "Dublin")
    cut(world, a="Redmond", b="Chicago")
    cut(world, a="Dublin", b="Chicago")
    cut(world)
    assert world.cluster_of("DAG1").has_quorum is False
    cut(world, a="Redmond", b="Chicago", connected=True)
    assert world.cluster_of("DAG1").has_quorum is True
    assert (world.database("DB1").active_server, world.database("DB1").mounted) == ("MBX1", True)
    world.advance(60)
    assert (world.database("DB2").active_server, world.database("DB2").mounted) == ("MBX1", True)


def test_r_timing_5_the_cluster_notices_a_cut_after_the_heartbeat_threshold():
    world = two_sites(dac=False)
    world.commit(SetSiteLink("Redmond", "Dublin", connected=False))
    assert statuses(world, "DB1")["MBX3"] == "DisconnectedAndHealthy"      # log shipping breaks at once
    world.advance(4)
    assert nodes(world)["mbx3"] == "Up" and world.database("DB2").mounted
    world.advance(1)
    assert nodes(world)["mbx3"] == "Down" and not world.database("DB2").mounted


def _busy_db2(world, dial):
    """DB2 (active on MBX3, Dublin) writes a log a second; MBX1 holds its copy with ``dial``.
    Returns the generation MBX1 had when the link was cut."""
    db2 = world.database("DB2")
    db2.log_rate = 60.0
    db2.set_rate(world.now, 60.0)
    world.server("MBX1").auto_database_mount_dial = dial
    at_cut = db2.generated_at(world.now)
    cut(world)                               # 5 s of logs MBX1 never receives
    world.advance(60)
    return at_cut


def test_r_am_10_logs_written_before_the_split_was_noticed_are_lost_within_the_dial():
    """The copy on MBX1 stopped at the cut; MBX3 wrote 5 more logs before it noticed and
    dismounted. BestAvailability accepts 5 lost logs: DB2 mounts on MBX1 from the cut's generation."""
    world = two_sites(dac=False)
    at_cut = _busy_db2(world, "BestAvailability")
    db2 = world.database("DB2")
    assert (db2.active_server, db2.mounted) == ("MBX1", True)
    resumed = next(s for s in db2.segments if s.rate > 0 and s.start > world.now - dt.timedelta(seconds=60))
    assert resumed.start_gen == at_cut


def test_r_am_10_a_lossless_dial_keeps_the_database_dismounted():
    world = two_sites(dac=False)
    _busy_db2(world, "Lossless")
    db2 = world.database("DB2")
    assert (db2.active_server, db2.mounted) == ("MBX3", False)
    assert any(e.rule_id == "R-AM-11" for e in world.journal)
