"""Copy status, suspend/resume, reseed and remove rules (R-COPY-*, R-DB-12) on the default lab."""

import datetime as dt

import pytest

from state import replication as repl
from state.build import settle
from state.transitions import (AddDatabaseCopy, AddServerToDag, FailDatabaseCopy, PowerOff, RemoveDatabaseCopy,
                               RestartService, ResumeDatabaseCopy, SetDatabaseCopy, SetDiskFull, SetNicState,
                               SuspendDatabaseCopy, UpdateDatabaseCopy)


@pytest.fixture
def three(dag_world):
    """DAG1 = MBX1..3; DB1 active on MBX1 with healthy copies on MBX2 (pref 2) and MBX3 (pref 3)."""
    dag_world.commit(AddServerToDag("DAG1", "MBX3"))
    for server in ("MBX2", "MBX3"):
        dag_world.commit(AddDatabaseCopy("DB1", server))
        settle(dag_world, dag_world.copy("DB1", server))
    return dag_world


def statuses(world, copy, seconds, step=1):
    seen = [copy.status]
    for _ in range(int(seconds / step)):
        world.advance(step)
        if copy.status != seen[-1]:
            seen.append(copy.status)
    return seen


@pytest.mark.rule("R-COPY-2")
def test_status_vocabulary_is_the_documented_one():
    assert repl.ACTIVE_STATES == ("Mounted", "Dismounted", "Mounting", "Dismounting")
    assert set(repl.PASSIVE_STATES) == {
        "Healthy", "Initializing", "Resynchronizing", "Seeding", "SeedingSource", "Suspended", "FailedAndSuspended",
        "Failed", "ServiceDown", "DisconnectedAndHealthy", "DisconnectedAndResynchronizing", "SinglePageRestore",
        "Misconfigured", "Unknown"}


@pytest.mark.rule("R-COPY-4")
def test_seeding_postponed_copy_is_suspended_with_the_real_message(dag_world):
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2", seeding_postponed=True))
    copy = dag_world.copy("DB1", "MBX2")
    assert (copy.status, copy.activation_suspended, copy.suspend_comment) == (
        "Suspended", True, "Replication is suspended for database copy 'DB1\\MBX2' because database needs to be seeded.")
    dag_world.advance(3600)
    assert copy.status == "Suspended"


@pytest.mark.rule("R-COPY-5")
@pytest.mark.rule("R-COPY-15")
@pytest.mark.rule("R-TIMING-7")
def test_resume_initializes_for_fifteen_seconds_then_healthy(three):
    copy = three.copy("DB1", "MBX2")
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    three.commit(ResumeDatabaseCopy("DB1", "MBX2"))
    assert copy.status == "Initializing" and not copy.activation_suspended
    three.advance(14)
    assert copy.status == "Initializing"
    three.advance(1)
    assert copy.status == "Healthy"


@pytest.mark.rule("R-COPY-6")
@pytest.mark.rule("R-AM-20")
def test_former_active_resynchronizes_after_a_switchover(three):
    from state.transitions import MoveActiveDatabase
    three.commit(MoveActiveDatabase("DB1", "MBX2"))
    old = three.copy("DB1", "MBX1")
    assert statuses(three, old, 20) == ["Initializing", "Resynchronizing", "Healthy"]
    assert [c.activation_preference for c in three.database("DB1").copies] == [1, 2, 3]


@pytest.mark.rule("R-COPY-6")
@pytest.mark.rule("R-COPY-9")
def test_unrecoverable_divergence_is_failed_and_suspended(three):
    three.commit(FailDatabaseCopy("DB1", "MBX1", corrupt=True))
    three.advance(31)
    assert three.database("DB1").active_server == "MBX2"
    old = three.copy("DB1", "MBX1")
    three.advance(30)
    assert (old.status, old.content_index_state) == ("FailedAndSuspended", "FailedAndSuspended")
    three.advance(3600)
    assert old.status == "FailedAndSuspended"                   # no automatic retry


@pytest.mark.rule("R-COPY-8")
@pytest.mark.rule("R-TIMING-10")
def test_failed_copy_rechecks_every_minute_then_recovers(three):
    copy = three.copy("DB1", "MBX2")
    three.commit(FailDatabaseCopy("DB1", "MBX2"))
    assert copy.status == "Failed"
    assert statuses(three, copy, 80) == ["Failed", "Initializing", "Healthy"]
    assert copy.status_since == three.now - dt.timedelta(seconds=5)


@pytest.mark.rule("R-COPY-8")
def test_disk_full_keeps_the_copy_failed_until_space_returns(three):
    copy = three.copy("DB1", "MBX2")
    three.commit(SetDiskFull("MBX2"))
    assert copy.status == "Failed" and "not enough space" in copy.error_message
    three.advance(600)
    assert copy.status == "Failed"
    three.commit(SetDiskFull("MBX2", full=False))
    three.advance(60)
    assert copy.status == "Initializing"
    three.advance(15)
    assert copy.status == "Healthy"


@pytest.mark.rule("R-COPY-9")
@pytest.mark.rule("R-COPY-15")
def test_resume_alone_returns_a_corrupt_copy_to_failed_and_suspended(three, refused):
    copy = three.copy("DB1", "MBX2")
    three.commit(FailDatabaseCopy("DB1", "MBX2", corrupt=True))
    assert (copy.status, copy.activation_suspended) == ("FailedAndSuspended", True)
    three.commit(ResumeDatabaseCopy("DB1", "MBX2"))
    assert statuses(three, copy, 20) == ["Initializing", "FailedAndSuspended"]


@pytest.mark.rule("R-COPY-9")
@pytest.mark.rule("R-COPY-18")
@pytest.mark.rule("R-COPY-19")
@pytest.mark.rule("R-TIMING-13")
def test_reseed_recovers_a_corrupt_copy(three, refused):
    copy = three.copy("DB1", "MBX2")
    three.commit(FailDatabaseCopy("DB1", "MBX2", corrupt=True))
    refused(three, UpdateDatabaseCopy("DB1", "MBX2"), "R-COPY-19", "InvalidOperation",
            "The seeding operation failed because files for database 'DB1' already exist on server 'MBX2'. "
            "Use -DeleteExistingFiles to delete them.")
    three.commit(UpdateDatabaseCopy("DB1", "MBX2", delete_existing_files=True))
    assert copy.status == "Seeding"
    three.advance(56)                                # 1 GB + catalog at 20 MB/s = 57 s
    assert copy.status == "Seeding"
    three.advance(1)
    assert copy.status == "Initializing"
    three.advance(15)
    assert (copy.status, copy.activation_suspended, copy.fault) == ("Healthy", False, None)


@pytest.mark.rule("R-COPY-19")
def test_manual_resume_leaves_the_reseeded_copy_suspended(three):
    copy = three.copy("DB1", "MBX2")
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    three.commit(UpdateDatabaseCopy("DB1", "MBX2", delete_existing_files=True, manual_resume=True,
                                    database_only=True))
    three.advance(51)                                # database only: 1 GB at 20 MB/s = 52 s
    assert copy.status == "Seeding"
    three.advance(1)
    assert copy.status == "Suspended"


@pytest.mark.rule("R-COPY-19")
@pytest.mark.rule("R-COPY-21")
def test_database_only_seed_leaves_the_catalog_crawling(three):
    copy = three.copy("DB1", "MBX2")
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    three.commit(UpdateDatabaseCopy("DB1", "MBX2", delete_existing_files=True, database_only=True))
    assert copy.content_index_state == "Seeding"
    three.advance(52 + 15)
    assert (copy.status, copy.content_index_state) == ("Healthy", "Crawling")
    three.advance(repl.CRAWL_SECONDS)
    assert copy.content_index_state == "Healthy"


@pytest.mark.rule("R-COPY-19")
def test_cancel_seed(three, refused):
    copy = three.copy("DB1", "MBX2")
    refused(three, UpdateDatabaseCopy("DB1", "MBX2", cancel_seed=True), "R-COPY-19", "InvalidOperation",
            "There is no seeding operation in progress for database copy 'DB1\\MBX2'.")
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    three.commit(UpdateDatabaseCopy("DB1", "MBX2", delete_existing_files=True))
    three.commit(UpdateDatabaseCopy("DB1", "MBX2", cancel_seed=True))
    assert copy.status == "FailedAndSuspended"
    three.advance(600)
    assert copy.status == "FailedAndSuspended"


@pytest.mark.rule("R-COPY-18")
def test_reseed_needs_a_suspended_passive_copy_and_a_current_source(three, refused):
    refused(three, UpdateDatabaseCopy("DB1", "MBX2", delete_existing_files=True), "R-COPY-18", "InvalidOperation",
            "The seeding operation can't be performed because database copy 'DB1\\MBX2' is in state 'Healthy'. "
            "Suspend the copy with Suspend-MailboxDatabaseCopy before updating it.")
    refused(three, UpdateDatabaseCopy("DB1", "MBX1", delete_existing_files=True), "R-COPY-18", "InvalidOperation",
            "The database copy 'DB1\\MBX1' is the active copy and can't be the target of a seeding operation.")
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    three.commit(SuspendDatabaseCopy("DB1", "MBX3"))
    refused(three, UpdateDatabaseCopy("DB1", "MBX2", source_server="MBX3", delete_existing_files=True), "R-COPY-18",
            "InvalidOperation", "Server 'MBX3' can't be used as the seeding source for database 'DB1': its copy is in "
            "state 'Suspended' with a copy queue length of 0.")


@pytest.mark.rule("R-COPY-18")
@pytest.mark.rule("R-COPY-3")
def test_passive_source_shows_seeding_source(three):
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    three.commit(UpdateDatabaseCopy("DB1", "MBX2", source_server="MBX3", delete_existing_files=True))
    assert (three.copy("DB1", "MBX2").status, three.copy("DB1", "MBX3").status) == ("Seeding", "SeedingSource")
    three.advance(57)
    assert three.copy("DB1", "MBX3").status == "Healthy"


@pytest.mark.rule("R-COPY-20")
def test_second_full_seed_from_the_same_source_is_refused(three, refused):
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    three.commit(SuspendDatabaseCopy("DB1", "MBX3"))
    three.commit(UpdateDatabaseCopy("DB1", "MBX2", delete_existing_files=True))
    refused(three, UpdateDatabaseCopy("DB1", "MBX3", delete_existing_files=True), "R-COPY-20", "InvalidOperation",
            "A source-side operation failed. Error: An error occurred while performing the seed operation. Error: "
            "Seeding can't be started for database copy 'DB1\\MBX3' because a seed of database 'DB1' from server "
            "'MBX1' is already in progress.")
    three.commit(UpdateDatabaseCopy("DB1", "MBX3", delete_existing_files=True, database_only=True))


@pytest.mark.rule("R-COPY-11")
def test_copy_cut_off_from_its_source_is_disconnected_and_recovers(three):
    copy = three.copy("DB1", "MBX2")
    three.commit(SetNicState("MBX1", "Replication", False))
    assert copy.status == "Healthy" and copy.incoming_log_copying_network == "DAGNetwork01"
    three.commit(SetNicState("MBX2", "MAPI", False))              # both up, no network in common
    assert copy.status == "DisconnectedAndHealthy"
    gen = three.copy_status(copy).last_log_inspected
    three.advance(600)
    assert three.copy_status(copy).last_log_inspected == gen          # nothing arrives
    three.commit(SetNicState("MBX2", "MAPI", True))
    assert copy.status == "Healthy" and three.copy_status(copy).copy_queue_length == 0


@pytest.mark.rule("R-COPY-13")
@pytest.mark.rule("R-TIMING-11")
def test_replication_service_restart(three):
    copy = three.copy("DB1", "MBX2")
    three.commit(RestartService("MBX2", "MSExchangeRepl"))
    assert copy.status == "ServiceDown"
    assert statuses(three, copy, 30) == ["ServiceDown", "Initializing", "Healthy"]
    assert copy.status_since == three.now - dt.timedelta(seconds=5)      # 10 s down + 15 s initializing


@pytest.mark.rule("R-COPY-14")
def test_suspend_rules(dag_world, three, refused):
    refused(three, SuspendDatabaseCopy("DB2", "MBX2"), "R-COPY-14", "InvalidOperation",
            "Database 'DB2' has only one copy. Suspend-MailboxDatabaseCopy can be used only on databases with two or "
            "more copies.")
    refused(three, SuspendDatabaseCopy("DB1", "MBX1"), "R-COPY-14", "InvalidOperation",
            "The database copy 'DB1\\MBX1' is the active copy. Replication of the active copy can't be suspended.")
    refused(three, SuspendDatabaseCopy("DB1", "MBX2", suspend_comment="x" * 513), "R-COPY-14", "InvalidOperation",
            "The suspend comment is 513 characters long. It can't be longer than 512 characters.")


@pytest.mark.rule("R-COPY-14")
@pytest.mark.rule("R-COPY-15")
def test_activation_only_suspend_keeps_replicating(three):
    copy = three.copy("DB1", "MBX2")
    three.commit(SuspendDatabaseCopy("DB1", "MBX2", activation_only=True, suspend_comment="patching"))
    assert (copy.status, copy.activation_suspended, copy.suspend_comment) == ("Healthy", True, "patching")
    three.advance(300)
    assert three.copy_status(copy).copy_queue_length == 0
    three.commit(ResumeDatabaseCopy("DB1", "MBX2"))
    assert (copy.status, copy.activation_suspended, copy.suspend_comment) == ("Healthy", False, None)


@pytest.mark.rule("R-COPY-14")
@pytest.mark.rule("R-COPY-15")
def test_full_suspend_freezes_the_copy_and_replication_only_resume_keeps_the_block(three, refused):
    copy = three.copy("DB1", "MBX2")
    three.commit(SuspendDatabaseCopy("DB1", "MBX2", suspend_comment="maintenance"))
    assert (copy.status, copy.activation_suspended) == ("Suspended", True)
    three.advance(600)
    assert three.copy_status(copy).copy_queue_length == 10
    three.commit(ResumeDatabaseCopy("DB1", "MBX2", replication_only=True))
    three.advance(15)
    assert (copy.status, copy.activation_suspended) == ("Healthy", True)
    assert three.copy_status(copy).copy_queue_length == 0
    three.commit(ResumeDatabaseCopy("DB1", "MBX2"))
    assert copy.activation_suspended is False
    other = three.copy("DB1", "MBX3")
    three.commit(ResumeDatabaseCopy("DB1", "MBX3"))                 # not suspended: nothing happens
    assert (other.status, other.activation_suspended) == ("Healthy", False)


@pytest.mark.rule("R-COPY-14")
@pytest.mark.rule("R-COPY-15")
def test_active_copy_may_be_blocked_for_activation_and_resumed_with_a_warning(three):
    active = three.copy("DB1", "MBX1")
    three.commit(SuspendDatabaseCopy("DB1", "MBX1", activation_only=True))
    assert (active.status, active.activation_suspended) == ("Mounted", True)
    events = three.commit(ResumeDatabaseCopy("DB1", "MBX1"))
    assert [e.text for e in events if e.kind == "Warning"] == [
        "Database copy 'DB1\\MBX1' is the active copy of database 'DB1' on server 'MBX1'; there is no replication "
        "to resume."]
    assert (active.status, active.activation_suspended) == ("Mounted", False)


@pytest.mark.rule("R-COPY-15")
@pytest.mark.rule("R-COPY-17")
def test_disable_replay_lag(three):
    three.commit(SetDatabaseCopy("DB1", "MBX3", replay_lag_time=dt.timedelta(hours=1)))
    copy = three.copy("DB1", "MBX3")
    three.advance(1800)
    assert three.copy_status(copy).replay_queue_length == 30
    three.commit(SuspendDatabaseCopy("DB1", "MBX3"))
    three.commit(ResumeDatabaseCopy("DB1", "MBX3", disable_replay_lag=True))
    three.advance(15)
    assert three.copy_status(copy).replay_queue_length == 0


@pytest.mark.rule("R-DB-12")
def test_remove_copy(three, refused):
    refused(three, RemoveDatabaseCopy("DB1", "MBX1"), "R-DB-12", "InvalidOperation",
            "The database copy 'DB1\\MBX1' is the active copy and can't be removed. Move the active copy with "
            "Move-ActiveMailboxDatabase first.")
    three.commit(RemoveDatabaseCopy("DB1", "MBX2"))
    db = three.database("DB1")
    assert [(c.server, c.activation_preference) for c in db.copies] == [("MBX1", 1), ("MBX3", 2)]
    assert db.edb_file_path in three.server("MBX2").files                    # files stay on disk


@pytest.mark.rule("R-DB-9")
@pytest.mark.rule("R-DB-10")
def test_set_copy_preference_and_lags(three, refused):
    three.commit(SetDatabaseCopy("DB1", "MBX3", activation_preference=1))
    assert [c.activation_preference for c in three.database("DB1").copies] == [2, 3, 1]
    refused(three, SetDatabaseCopy("DB1", "MBX3", activation_preference=4), "R-DB-9", "InvalidArgument",
            "The activation preference 4 is out of range. It must be between 1 and 3.")
    refused(three, SetDatabaseCopy("DB1", "MBX3", truncation_lag_time=dt.timedelta(days=15)), "R-DB-10",
            "InvalidArgument",
            "The value '15.00:00:00' for TruncationLagTime is out of range. It must be between 00:00:00 and 14.00:00:00.")


@pytest.mark.rule("R-COPY-10")
def test_copy_on_a_powered_off_member_is_service_down(three):
    three.commit(PowerOff("MBX3"))
    three.advance(5)
    assert three.copy("DB1", "MBX3").status == "ServiceDown"


@pytest.mark.rule("R-COPY-21")
def test_2016_lagged_copy_index_is_auto_suspended(three):
    from exshell import Shell
    world = Shell(lab="copies").world
    world.commit(SetDatabaseCopy("DB1", "MBX3", replay_lag_time=dt.timedelta(days=1)))
    assert world.copy("DB1", "MBX3").content_index_state == "AutoSuspended"
    assert world.copy("DB1", "MBX2").content_index_state == "Healthy"
    three.commit(SetDatabaseCopy("DB1", "MBX3", replay_lag_time=dt.timedelta(days=1)))
    assert three.copy("DB1", "MBX3").content_index_state == "Healthy"          # 2010 has no such state


@pytest.mark.rule("R-COPY-20")
@pytest.mark.parametrize("fault", ["source fails", "database moves"])
def test_seed_from_a_passive_source_aborts(three, fault):
    from state.transitions import MoveActiveDatabase
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    three.commit(UpdateDatabaseCopy("DB1", "MBX2", source_server="MBX3", delete_existing_files=True))
    if fault == "source fails":
        three.commit(FailDatabaseCopy("DB1", "MBX3"))
    else:
        three.commit(MoveActiveDatabase("DB1", "MBX3"))
    copy = three.copy("DB1", "MBX2")
    assert (copy.status, copy.error_message) == (
        "FailedAndSuspended", "The seeding operation failed. A network communication error occurred while reading "
        "from source server 'MBX3'.")


@pytest.mark.rule("R-COPY-18")
@pytest.mark.rule("R-COPY-19")
def test_reseed_parameter_and_target_checks(three, refused):
    refused(three, UpdateDatabaseCopy("DB2", "MBX2", delete_existing_files=True), "R-COPY-18", "InvalidOperation",
            "Database 'DB2' isn't a replicated database; this operation is valid only for databases with more than "
            "one copy.")
    refused(three, UpdateDatabaseCopy("DB1", "MBX2", delete_existing_files=True, safe_delete_existing_files=True),
            "R-COPY-19", "InvalidArgument",
            "The DeleteExistingFiles and SafeDeleteExistingFiles parameters can't be used together.")
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    refused(three, UpdateDatabaseCopy("DB1", "MBX2", source_server="HUB01", delete_existing_files=True), "R-COPY-18",
            "InvalidOperation", "Server 'HUB01' doesn't have the Mailbox server role installed.")


@pytest.mark.rule("R-COPY-16")
@pytest.mark.rule("R-COPY-13")
def test_logs_counted_since_the_replica_instance_started(three):
    copy = three.copy("DB1", "MBX2")
    before = three.copy_status(copy)
    three.advance(600)
    status = three.copy_status(copy)
    assert (status.logs_copied_since_instance_start - before.logs_copied_since_instance_start,
            status.logs_replayed_since_instance_start - before.logs_replayed_since_instance_start) == (10, 10)
    three.commit(RestartService("MBX2", "MSExchangeRepl"))
    three.advance(30)
    status = three.copy_status(copy)
    assert status.logs_copied_since_instance_start == 0 and copy.instance_start == three.now - dt.timedelta(seconds=20)


@pytest.mark.rule("R-COPY-19")
def test_seeding_network_is_shown_while_seeding(three):
    copy = three.copy("DB1", "MBX2")
    three.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    three.commit(UpdateDatabaseCopy("DB1", "MBX2", delete_existing_files=True, network="DAGNetwork01"))
    assert three.copy_status(copy).seeding_network == "DAGNetwork01"
    three.advance(60)
    assert three.copy_status(copy).seeding_network is None


@pytest.mark.rule("R-NET-14")
def test_turning_replication_off_on_the_network_in_use_moves_log_shipping(three):
    from state.transitions import SetDag, SetDagNetwork
    copy = three.copy("DB1", "MBX2")
    assert copy.incoming_log_copying_network == "DAGNetwork02"
    three.commit(SetDag.of("DAG1", manual_dag_network_configuration=True))
    three.commit(SetDagNetwork("DAG1", "DAGNetwork02", replication_enabled=False))
    assert copy.incoming_log_copying_network == "DAGNetwork01" and copy.status == "Healthy"
