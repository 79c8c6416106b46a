"""Active Manager: PAM, failover triggers, best copy selection, mount dial, switchover checks,
server switchover, maintenance (R-AM-*), with the timings they use (R-TIMING-2/4/5/14)."""

import datetime as dt
from importlib import resources

import pytest

from exshell.labs.loader import load_lab_text
from state import active_manager as am
from state.build import settle
from state.transitions import (AddDatabaseCopy, AddServerToDag, FailDatabaseCopy, MoveActiveDatabase,
                               MoveServerDatabases, NewDag, PowerOff, PowerOn, SetDiskFull, SetMailboxServer,
                               SetNicState, SetServiceState, Shutdown, StartDagServerMaintenance,
                               StopDagServerMaintenance, SuspendDatabaseCopy)


def build(version="2010"):
    text = resources.files("exshell.labs").joinpath("default.toml").read_text(encoding="utf-8")
    text = text.replace('exchange_version = "2010"', f'exchange_version = "{version}"')
    if version >= "2016":
        text = text.replace("Windows Server 2008 R2 Enterprise", "Windows Server 2012 R2 Standard")
    world = load_lab_text(text).world
    if version >= "2016":                         # R-CLUSTER-3: 2012 R2 members need a pre-staged CNO
        from state.model import ComputerAccount
        world.computer_accounts["dag1"] = ComputerAccount("DAG1", enabled=False)
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    for server in ("MBX1", "MBX2", "MBX3"):
        world.commit(AddServerToDag("DAG1", server))
    for server in ("MBX2", "MBX3"):
        world.commit(AddDatabaseCopy("DB1", server))
        settle(world, world.copy("DB1", server))
    return world


@pytest.fixture
def w():
    """Exchange 2010: DB1 on MBX1 (pref 1) with copies on MBX2 (2) and MBX3 (3)."""
    return build()


def active(world):
    return world.database("DB1").active_server


@pytest.mark.rule("R-AM-1")
def test_pam_is_the_core_group_owner_and_moves_with_it(w):
    dag = w.dag("DAG1")
    assert am.pam(w, dag) == "MBX1"
    w.commit(PowerOff("MBX1"))
    w.advance(am.HEARTBEAT_DETECTION_SECONDS)
    assert am.pam(w, dag) == "MBX2"


@pytest.mark.rule("R-AM-2")
def test_no_switchover_without_a_primary_active_manager(w, refused):
    w.commit(PowerOff("MBX2"))
    w.commit(PowerOff("MBX3"))
    w.commit(PowerOff("HUB01"))
    w.advance(10)
    refused(w, MoveActiveDatabase("DB1", "MBX2"), "R-AM-2", "InvalidOperation",
            "An Active Manager operation failed. Error: The primary active manager of database availability group "
            "'DAG1' couldn't be contacted. The cluster may have lost quorum.")


@pytest.mark.rule("R-AM-3")
@pytest.mark.rule("R-TIMING-2")
def test_database_failure_fails_only_that_database_over(w):
    w.commit(AddDatabaseCopy("DB3", "MBX1"))
    settle(w, w.copy("DB3", "MBX1"))
    w.commit(FailDatabaseCopy("DB1", "MBX1"))
    w.advance(am.FAILOVER_SECONDS - 1)
    assert active(w) == "MBX1" and not w.database("DB1").mounted
    w.advance(1)
    assert active(w) == "MBX2" and w.database("DB1").mounted
    assert w.database("DB3").active_server == "MBX3"


@pytest.mark.rule("R-AM-3")
def test_information_store_stop_fails_over_every_active_database(w):
    w.commit(SetServiceState("MBX1", "MSExchangeIS", False))
    w.advance(am.FAILOVER_SECONDS)
    assert active(w) == "MBX2"


@pytest.mark.rule("R-AM-3")
def test_replication_network_loss_and_suspend_cause_no_failover(w):
    w.commit(SetNicState("MBX1", "Replication", False))
    w.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    w.advance(600)
    assert active(w) == "MBX1" and w.database("DB1").mounted


@pytest.mark.rule("R-AM-5")
@pytest.mark.rule("R-TIMING-5")
def test_mapi_network_loss_is_a_lossless_server_failover(w):
    w.commit(SetNicState("MBX1", "MAPI", False))
    w.advance(am.HEARTBEAT_DETECTION_SECONDS)
    assert not w.database("DB1").mounted
    w.advance(am.FAILOVER_SECONDS)
    db = w.database("DB1")
    assert active(w) == "MBX2" and db.mounted
    events = [e for e in w.journal if e.rule_id == "R-AM-4"]
    assert events and "failed over to 'MBX2'" in events[-1].text
    w.advance(30)
    old = w.copy("DB1", "MBX1")
    assert old.status == "Healthy" and old.incoming_log_copying_network == "DAGNetwork02"


@pytest.mark.rule("R-AM-6")
@pytest.mark.rule("R-AM-13")
@pytest.mark.rule("R-AM-19")
def test_blocked_and_suspended_copies_are_never_chosen_automatically(w):
    w.commit(SetMailboxServer("MBX2", (("database_copy_auto_activation_policy", "Blocked"),)))
    w.commit(SuspendDatabaseCopy("DB1", "MBX3", activation_only=True))
    assert am.best_copy(w, w.database("DB1"), automatic=True, lossless_order=True) == []
    w.commit(MoveActiveDatabase("DB1", "MBX2"))                  # named explicitly: allowed
    assert active(w) == "MBX2"


@pytest.mark.rule("R-AM-6")
@pytest.mark.rule("R-AM-13")
def test_intrasite_only_excludes_cross_site_targets(w):
    w.server("MBX2").site = "DR-Site"
    w.commit(SetMailboxServer("MBX2", (("database_copy_auto_activation_policy", "IntrasiteOnly"),)))
    assert [c.server for c in am.candidates(w, w.database("DB1"), automatic=True)] == ["MBX3"]


@pytest.mark.rule("R-AM-7")
def test_ordering_by_copy_queue_unless_a_lossless_server(w):
    db = w.database("DB1")
    mbx2 = w.copy("DB1", "MBX2")
    w.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    w.advance(120)                                  # MBX2 two logs behind while suspended
    mbx2.status, mbx2.activation_suspended, mbx2.content_index_state = "Healthy", False, "Healthy"
    assert w.copy_status(mbx2).copy_queue_length == 2
    assert [c.server for c in am.best_copy(w, db, automatic=True, lossless_order=False)] == ["MBX3", "MBX2"]
    w.commit(SetMailboxServer("MBX3", (("auto_database_mount_dial", "Lossless"),)))
    assert [c.server for c in am.best_copy(w, db, automatic=True, lossless_order=False)] == ["MBX2", "MBX3"]


@pytest.mark.rule("R-AM-8")
def test_criteria_sets_prefer_a_healthy_index(w):
    db = w.database("DB1")
    w.copy("DB1", "MBX2").content_index_state = "Crawling"
    assert [c.server for c in am.best_copy(w, db, automatic=True, lossless_order=True)] == ["MBX3", "MBX2"]
    w.copy("DB1", "MBX3").content_index_state = "Failed"
    assert [c.server for c in am.best_copy(w, db, automatic=True, lossless_order=True)] == ["MBX2", "MBX3"]


@pytest.mark.rule("R-AM-9")
def test_2013_ranks_servers_by_component_health():
    w = build("2013")
    w.server("MBX2").component_health["OWA"] = "Unhealthy"
    assert [c.server for c in am.best_copy(w, w.database("DB1"), automatic=True, lossless_order=True)] == [
        "MBX3", "MBX2"]


@pytest.mark.rule("R-AM-10")
@pytest.mark.rule("R-AM-11")
@pytest.mark.rule("R-AM-12")
def test_mount_dial_decides_a_lossy_failover(w):
    assert w.server("MBX2").auto_database_mount_dial == "BestAvailability"
    assert build("2013").server("MBX2").auto_database_mount_dial == "GoodAvailability"
    for server in ("MBX2", "MBX3"):
        w.commit(SuspendDatabaseCopy("DB1", server))
    w.advance(20 * 60)                               # both copies 20 logs behind
    for server in ("MBX2", "MBX3"):                  # eligible, but the logs never arrived
        copy = w.copy("DB1", server)
        copy.status, copy.activation_suspended, copy.content_index_state = "Healthy", False, "Healthy"
    w.commit(PowerOff("MBX1"))
    w.advance(am.HEARTBEAT_DETECTION_SECONDS + am.FAILOVER_SECONDS)
    db = w.database("DB1")
    assert (db.active_server, db.mounted) == ("MBX1", False)
    assert any(e.rule_id == "R-AM-11" for e in w.journal)


@pytest.mark.rule("R-AM-10")
def test_failover_within_the_dial_loses_the_missing_logs(w):
    w.commit(SuspendDatabaseCopy("DB1", "MBX3"))
    w.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    w.advance(5 * 60)
    copy = w.copy("DB1", "MBX2")
    copy.status, copy.activation_suspended, copy.content_index_state = "Healthy", False, "Healthy"
    behind = w.copy_status(copy).copy_queue_length
    before = w.database("DB1").generated_at(w.now)
    w.commit(PowerOff("MBX1"))
    w.advance(am.HEARTBEAT_DETECTION_SECONDS + am.FAILOVER_SECONDS)
    db = w.database("DB1")
    assert behind == 5 and db.active_server == "MBX2"
    assert db.generated_at(w.now) < before + 1


@pytest.mark.rule("R-AM-14")
def test_maximum_active_databases_is_a_hard_limit(w, refused):
    w.commit(SetMailboxServer("MBX2", (("maximum_active_databases", 1),)))
    refused(w, MoveActiveDatabase("DB1", "MBX2"), "R-AM-14", "InvalidOperation",
            "An Active Manager operation failed. Error: Server 'MBX2' already has the maximum number of active "
            "databases (1) allowed by MaximumActiveDatabases.")
    assert [c.server for c in am.candidates(w, w.database("DB1"), automatic=True)] == ["MBX3"]


@pytest.mark.rule("R-AM-14")
def test_preferred_maximum_is_a_soft_limit():
    w = build("2013")
    w.commit(SetMailboxServer("MBX2", (("maximum_preferred_active_databases", 1),)))
    with pytest.raises(Exception) as info:
        w.commit(MoveActiveDatabase("DB1", "MBX2"))
    assert info.value.rule_id == "R-AM-14" and "-SkipMaximumActiveDatabasesChecks" in info.value.message
    w.commit(MoveActiveDatabase("DB1", "MBX2", skip_maximum_active_databases_checks=True))
    assert active(w) == "MBX2"


@pytest.mark.rule("R-AM-15")
def test_activation_disabled_and_move_now_moves_databases_away():
    w = build("2013")
    w.commit(SetMailboxServer("MBX2", (("database_copy_auto_activation_policy", "Blocked"),)))
    w.commit(SetMailboxServer("MBX1", (("database_copy_activation_disabled_and_move_now", True),)))
    assert active(w) == "MBX3"                           # never to the Blocked server
    w.advance(30)
    db = w.database("DB1")
    assert [c.server for c in am.candidates(w, db, automatic=True)] == ["MBX1"]      # the only one left
    w.commit(SetMailboxServer("MBX2", (("database_copy_auto_activation_policy", "Unrestricted"),)))
    assert [c.server for c in am.candidates(w, db, automatic=True)] == ["MBX2"]


@pytest.mark.rule("R-AM-17")
def test_switchover_checks_and_their_skip_flags(w, refused):
    copy = w.copy("DB1", "MBX2")
    copy.content_index_state = "Crawling"
    refused(w, MoveActiveDatabase("DB1", "MBX2"), "R-AM-17", "InvalidOperation",
            "An Active Manager operation failed. Error: The content index of database copy 'DB1\\MBX2' is in state "
            "'Crawling'. Use -SkipClientExperienceChecks to override this check.")
    copy.content_index_state = "Healthy"
    w.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    refused(w, MoveActiveDatabase("DB1", "MBX2", skip_lag_checks=True), "R-AM-17", "InvalidOperation",
            "An Active Manager operation failed. Error: The database copy 'DB1\\MBX2' is in state 'Suspended' and can't "
            "be activated. Use -SkipHealthChecks to override this check.")
    w.advance(15 * 60)
    with pytest.raises(Exception) as info:
        w.commit(MoveActiveDatabase("DB1", "MBX2", skip_health_checks=True, skip_client_experience_checks=True))
    assert "copy queue length of 15" in info.value.message
    w.commit(MoveActiveDatabase("DB1", "MBX2", skip_health_checks=True, skip_lag_checks=True,
                                skip_client_experience_checks=True))
    assert active(w) == "MBX2"


@pytest.mark.rule("R-AM-17")
def test_active_copy_seeding_source_check(w, refused):
    from state.transitions import UpdateDatabaseCopy
    w.commit(SuspendDatabaseCopy("DB1", "MBX3"))
    w.commit(UpdateDatabaseCopy("DB1", "MBX3", delete_existing_files=True))
    refused(w, MoveActiveDatabase("DB1", "MBX2"), "R-AM-17", "InvalidOperation",
            "An Active Manager operation failed. Error: The active copy of database 'DB1' is the source of a seeding "
            "operation. Use -SkipActiveCopyChecks to cancel the seed and move the database.")
    w.commit(MoveActiveDatabase("DB1", "MBX2", skip_active_copy_checks=True))
    assert active(w) == "MBX2" and w.copy("DB1", "MBX3").status == "FailedAndSuspended"


@pytest.mark.rule("R-AM-18")
def test_mount_dial_override_on_a_dismounted_database(w, refused):
    for server in ("MBX2", "MBX3"):
        w.commit(SuspendDatabaseCopy("DB1", server))
    w.advance(8 * 60)
    w.commit(PowerOff("MBX1"))
    w.advance(60)
    skips = dict(skip_health_checks=True, skip_lag_checks=True, skip_client_experience_checks=True)
    refused(w, MoveActiveDatabase("DB1", "MBX2", **skips), "R-AM-18",
            "InvalidOperation", "An Active Manager operation failed. Error: Database copy 'DB1\\MBX2' would lose 8 log "
            "file(s), more than the mount dial 'Lossless' allows. Use -MountDialOverride to accept the loss.")
    with pytest.raises(Exception):
        w.commit(MoveActiveDatabase("DB1", "MBX2", mount_dial_override="GoodAvailability", **skips))
    events = w.commit(MoveActiveDatabase("DB1", "MBX2", mount_dial_override="BestAvailability", **skips))
    assert events[-1].payload.number_of_logs_lost == 8
    assert any(e.kind == "Warning" and "8 log file(s) lost" in e.text for e in events)


@pytest.mark.rule("R-AM-21")
@pytest.mark.rule("R-TIMING-4")
def test_server_switchover_moves_every_database_with_a_result_each(w, refused):
    w.commit(AddDatabaseCopy("DB3", "MBX1"))
    settle(w, w.copy("DB3", "MBX1"))
    w.commit(MoveActiveDatabase("DB3", "MBX1"))
    w.advance(30)
    w.commit(SuspendDatabaseCopy("DB3", "MBX3"))
    refused(w, MoveServerDatabases("MBX1", move_all_or_none=True), "R-AM-21", "InvalidOperation",
            "An Active Manager operation failed. Error: Database 'DB3' can't be moved: An Active Manager operation "
            "failed. Error: No suitable copy of database 'DB3' is available for activation. No databases were moved "
            "because -MoveAllDatabasesOrNone was specified.")
    results = [e.payload for e in w.commit(MoveServerDatabases("MBX1")) if e.kind == "Result"]
    assert [(r.identity, r.status, r.active_server_at_end) for r in results] == [
        ("DB1", "Succeeded", "MBX2"), ("DB3", "Failed", "MBX1")]
    assert results[1].error_message.endswith("No suitable copy of database 'DB3' is available for activation.")


@pytest.mark.rule("R-AM-22")
def test_activate_preferred_on_server():
    w = build("2013")
    w.commit(MoveActiveDatabase("DB1", "MBX3"))
    w.advance(30)
    results = [e.payload for e in w.commit(MoveServerDatabases("MBX1", preferred=True)) if e.kind == "Result"]
    assert [(r.identity, r.active_server_at_start, r.active_server_at_end) for r in results] == [("DB1", "MBX3", "MBX1")]


@pytest.mark.rule("R-AM-23")
@pytest.mark.rule("R-TIMING-14")
def test_2016_rebalances_hourly_but_2010_never_fails_back(w):
    w.commit(PowerOff("MBX1"))
    w.advance(60)
    w.commit(PowerOn("MBX1"))
    w.advance(4 * 3600)
    assert active(w) == "MBX2"
    w16 = build("2016")
    w16.commit(PowerOff("MBX1"))
    w16.advance(60)
    w16.commit(PowerOn("MBX1"))
    w16.advance(3600 - 61)
    assert active(w16) == "MBX2"
    w16.advance(60)
    assert active(w16) == "MBX1"


@pytest.mark.rule("R-AM-24")
def test_2013_shutdown_moves_databases_first_2010_fails_over():
    w13 = build("2013")
    w13.commit(Shutdown("MBX1"))
    assert active(w13) == "MBX2" and w13.database("DB1").mounted
    w10 = build()
    w10.commit(Shutdown("MBX1"))
    assert active(w10) == "MBX1" and not w10.database("DB1").mounted
    w10.advance(am.HEARTBEAT_DETECTION_SECONDS + am.FAILOVER_SECONDS)
    assert active(w10) == "MBX2"


@pytest.mark.rule("R-AM-25")
def test_dag_server_maintenance(w):
    cluster = w.cluster_of("DAG1")
    w.commit(StartDagServerMaintenance("MBX1"))
    assert active(w) == "MBX2" and cluster.node("MBX1").state == "Paused"
    assert am.pam(w, w.dag("DAG1")) != "MBX1"
    assert w.server("MBX1").database_copy_auto_activation_policy == "Blocked"
    w.commit(StopDagServerMaintenance("MBX1"))
    assert cluster.node("MBX1").state == "Up"
    assert w.server("MBX1").database_copy_auto_activation_policy == "Unrestricted"


@pytest.mark.rule("R-AM-25")
def test_maintenance_is_undone_when_a_database_cannot_move(w):
    w.commit(SuspendDatabaseCopy("DB1", "MBX2", activation_only=True))
    w.commit(SuspendDatabaseCopy("DB1", "MBX3", activation_only=True))
    events = w.commit(StartDagServerMaintenance("MBX1"))
    assert any(e.kind == "Warning" and e.rule_id == "R-AM-25" for e in events)
    assert w.cluster_of("DAG1").node("MBX1").state == "Up"
    assert w.server("MBX1").database_copy_auto_activation_policy == "Unrestricted"


@pytest.mark.rule("R-AM-3")
def test_full_log_volume_fails_the_active_database_over(w):
    w.commit(SetDiskFull("MBX1"))
    w.advance(am.FAILOVER_SECONDS)
    assert active(w) == "MBX2"


@pytest.mark.rule("R-AM-23")
def test_rebalancing_follows_preference_move_frequency():
    from state.transitions import SetDag
    w16 = build("2016")
    w16.commit(SetDag.of("DAG1", preference_move_frequency=dt.timedelta(minutes=10)))
    w16.commit(PowerOff("MBX1"))
    w16.advance(60)
    w16.commit(PowerOn("MBX1"))
    w16.advance(9 * 60)
    assert active(w16) == "MBX2"
    w16.advance(2 * 60)
    assert active(w16) == "MBX1"
    off = build("2016")
    off.commit(SetDag.of("DAG1", preference_move_frequency=dt.timedelta(milliseconds=-1)))
    off.commit(PowerOff("MBX1"))
    off.advance(60)
    off.commit(PowerOn("MBX1"))
    off.advance(5 * 3600)
    assert active(off) == "MBX2"


@pytest.mark.rule("R-AM-3")
@pytest.mark.rule("R-CLUSTER-16")
def test_quorum_loss_dismounts_everything_and_its_return_mounts_again(dag_world):
    w = dag_world                                    # MBX1 + MBX2 + the witness HUB01: three votes
    w.commit(AddDatabaseCopy("DB1", "MBX2"))
    settle(w, w.copy("DB1", "MBX2"))
    w.commit(SetServiceState("MBX2", "MSExchangeRepl", False))
    w.commit(SetServiceState("MBX2", "ClusSvc", False))     # MBX2's vote goes; DB2 stays up on it
    assert w.cluster_of("DAG1").has_quorum
    w.commit(PowerOff("HUB01"))                      # the witness's vote goes: 1 of 3 left
    assert not w.cluster_of("DAG1").has_quorum
    assert [(d.name, d.mounted) for d in w.databases.values() if w.dag_of(d.active_server)] == [
        ("DB1", False), ("DB2", False)]
    w.advance(600)
    assert w.database("DB1").active_server == "MBX1"           # no failover without quorum
    w.commit(PowerOn("HUB01"))                       # DB2's Active Manager (Replication service) is stopped
    assert [(d.name, d.mounted) for d in w.databases.values() if w.dag_of(d.active_server)] == [
        ("DB1", True), ("DB2", False)]


@pytest.mark.rule("R-AM-23")
def test_2016_moves_an_admin_switchover_back_too():
    w16 = build("2016")
    w16.commit(MoveActiveDatabase("DB1", "MBX3"))
    w16.commit(MoveActiveDatabase("DB1", "MBX2"))               # one rebalance queued, not two
    assert sum(1 for c in w16.clock.pending() if type(c.action).__name__ == "Rebalance") == 1
    w16.advance(3600)
    assert active(w16) == "MBX1"
    w10 = build()
    w10.commit(MoveActiveDatabase("DB1", "MBX3"))
    w10.advance(2 * 3600)
    assert active(w10) == "MBX3"
