"""Virtual-time durations (R-TIMING-*): heartbeat thresholds, cluster joins, lagged activation,
reconciliation, and the clock itself."""

import datetime as dt

import pytest

from exshell import Shell
from state import active_manager as am, reconfigure
from state.build import settle
from state.transitions import (AddDatabaseCopy, AddServerToDag, MoveActiveDatabase, PowerOff, SetClusterNetworkRole,
                               SetDatabaseCopy)


@pytest.mark.rule("R-TIMING-1")
def test_nothing_moves_without_advancing_the_clock(dag_world):
    """R-TIMING-1: only advance() moves time; pending timers wait for it."""
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    now, status = dag_world.now, dag_world.copy("DB1", "MBX2").status
    for _ in range(3):
        dag_world.copy_status(dag_world.copy("DB1", "MBX2"))
    assert (dag_world.now, dag_world.copy("DB1", "MBX2").status) == (now, status)
    dag_world.advance(0)
    assert dag_world.now == now


@pytest.mark.rule("R-TIMING-5")
def test_2010_node_is_down_after_five_missed_heartbeats(dag_world):
    dag_world.commit(PowerOff("MBX2"))
    dag_world.advance(4)
    assert dag_world.cluster_of("DAG1").node("MBX2").state == "Up"
    dag_world.advance(1)
    assert dag_world.cluster_of("DAG1").node("MBX2").state == "Down"


@pytest.mark.rule("R-TIMING-5")
def test_windows_2016_thresholds_depend_on_the_subnet():
    shell = Shell(lab="copies")
    world = shell.world
    for server in world.servers.values():
        server.os = "Windows Server 2016 Standard"
    mbx3 = world.server("MBX3")
    assert am.detection_seconds(world, mbx3) == 10
    mbx3.nics[0].ip, mbx3.nics[0].prefix = "192.168.11.13", 24             # another MAPI subnet
    assert mbx3.mapi_nics[0].subnet == "192.168.11.0/24"
    assert am.detection_seconds(world, mbx3) == 20
    server_2012 = Shell(lab="copies").world
    assert am.detection_seconds(server_2012, server_2012.server("MBX3")) == 5


@pytest.mark.rule("R-TIMING-12")
def test_each_member_add_takes_a_minute():
    shell = Shell()
    shell.run("New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\\DAG1")
    before = shell.world.now
    shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX1")
    shell.run("Add-DatabaseAvailabilityGroupServer DAG1 MBX2")
    assert shell.world.now - before == dt.timedelta(seconds=120)


@pytest.mark.rule("R-TIMING-13")
def test_activating_a_lagged_copy_replays_two_logs_a_second():
    shell = Shell(lab="copies")
    assert shell.run("Set-MailboxDatabaseCopy DB1\\MBX2 -ReplayLagTime 02:00:00").ok
    shell.run("Start-Sleep 3600")
    assert shell.run("Get-MailboxDatabaseCopyStatus DB1\\MBX2").objects[0].get("ReplayQueueLength") == 60
    before = shell.world.now
    res = shell.run("Move-ActiveMailboxDatabase DB1 MBX2 -Confirm:$false")
    assert res.ok, res.text
    assert shell.world.now - before == dt.timedelta(seconds=30 + 60 / 2)


@pytest.mark.rule("R-TIMING-13")
def test_seeding_time_follows_the_database_size(dag_world):
    db = dag_world.database("DB1")
    db.size_bytes = 2 * 1024 ** 4                                        # 2 TB at 20 MB/s = about 29 h
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    copy = dag_world.copy("DB1", "MBX2")
    dag_world.advance(29 * 3600)
    assert copy.status == "Seeding"
    settle(dag_world, copy, 4 * 3600)
    assert copy.status == "Healthy"


@pytest.mark.rule("R-TIMING-9")
def test_reconciliation_timer_puts_hand_set_roles_back_every_five_minutes(dag_world):
    cluster = dag_world.cluster_of("DAG1")
    net = cluster.networks[1]
    dag_world.commit(SetClusterNetworkRole("DAG1", net.name, 3))
    assert net.role == 3
    dag_world.advance(reconfigure.RECONCILE_SECONDS)
    assert net.role == 1


@pytest.mark.rule("R-TIMING-4")
@pytest.mark.rule("R-TIMING-2")
def test_failover_and_switchover_durations(dag_world):
    assert (am.FAILOVER_SECONDS, am.SWITCHOVER_SECONDS) == (30, 30)
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    settle(dag_world, dag_world.copy("DB1", "MBX2"))
    dag_world.commit(SetDatabaseCopy("DB1", "MBX2", activation_preference=1))
    dag_world.commit(MoveActiveDatabase("DB1"))
    assert dag_world.database("DB1").active_server == "MBX2"


@pytest.mark.rule("R-TIMING-18")
def test_2013_restarts_a_server_whose_io_hangs_for_41_seconds():
    from state.transitions import HangStorage
    world = Shell(lab="seed002").world
    world.commit(HangStorage("MBX1"))
    world.advance(40)
    assert world.database("DB1").active_server == "MBX1" and world.server("MBX1").is_up
    world.advance(1)
    assert any(e.rule_id == "R-TIMING-18" and e.kind == "Warning" for e in world.journal)
    world.advance(am.detection_seconds(world, world.server("MBX1")) + am.FAILOVER_SECONDS)
    assert world.database("DB1").active_server != "MBX1" and world.database("DB1").mounted


@pytest.mark.rule("R-TIMING-18")
def test_replication_service_over_four_gigabytes_is_terminated(dag_world):
    from state.transitions import SetReplicationServiceMemory
    world = Shell(lab="copies").world
    world.commit(SetReplicationServiceMemory("MBX2", 4))
    assert world.copy("DB1", "MBX2").status == "Healthy"
    world.commit(SetReplicationServiceMemory("MBX2", 4.5))
    assert world.copy("DB1", "MBX2").status == "ServiceDown"
    dag_world.commit(SetReplicationServiceMemory("MBX2", 6))                  # 2010: no such recovery
    assert dag_world.server("MBX2").service_running("MSExchangeRepl")
