"""Networks, databases, copies, replication in virtual time, failover and switchover."""

import datetime as dt

import pytest

from state.build import settle
from state.transitions import AddDatabaseCopy, AddServerToDag, MoveActiveDatabase, NewDag, PowerOff, PowerOn, SetDag


@pytest.mark.rule("R-NET-1")
@pytest.mark.rule("R-NET-2")
@pytest.mark.rule("R-NET-4")
@pytest.mark.rule("R-NET-6")
@pytest.mark.rule("R-NET-7")
def test_networks_discovered_per_subnet(dag_world):
    nets = dag_world.dag("DAG1").networks
    assert [(n.identity, n.subnet_ids, n.mapi_access_enabled, n.replication_enabled, n.ignore_network) for n in nets] == [
        ("DAG1\\DAGNetwork01", ["192.168.1.0/24"], True, True, False),
        ("DAG1\\DAGNetwork02", ["10.0.1.0/24"], False, True, False)]
    assert [str(i) for i in dag_world.dag_network_interfaces(nets[0])] == [
        "{mbx1,Up,192.168.1.11}", "{mbx2,Up,192.168.1.12}"]
    assert [str(s) for s in dag_world.dag_network_subnets(nets[1])] == ["{10.0.1.0/24,Up}"]
    assert [c.role for c in dag_world.cluster_of("DAG1").networks] == [3, 1]


@pytest.mark.rule("R-DB-2")
@pytest.mark.rule("R-DB-3")
def test_database_rehomed_to_dag(world):
    db = world.database("DB1")
    assert (db.master_server_or_availability_group, db.master_type, db.replication_type) == ("MBX1", "Server", "None")
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    assert (db.master_server_or_availability_group, db.master_type) == ("DAG1", "DatabaseAvailabilityGroup")


@pytest.mark.rule("R-DB-4")
@pytest.mark.rule("R-COPY-3")
@pytest.mark.rule("R-COPY-7")
def test_add_copy_seeds_then_healthy(dag_world):
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2", replay_lag_time=dt.timedelta(minutes=10)))
    copy = dag_world.copy("DB1", "MBX2")
    assert copy.status == "Seeding"
    assert settle(dag_world, copy) and copy.status == "Healthy"
    db = dag_world.database("DB1")
    assert db.servers == ["MBX1", "MBX2"] and db.replication_type == "Remote"
    assert db.replay_lag_times == [dt.timedelta(0), dt.timedelta(minutes=10)]


@pytest.mark.rule("R-DB-6")
def test_copy_target_must_be_member(dag_world, refused):
    refused(dag_world, AddDatabaseCopy("DB1", "MBX3"), "R-DB-6", "InvalidOperation",
            "Server 'MBX3' isn't a member of database availability group 'DAG1', which hosts database 'DB1'.")
    refused(dag_world, AddDatabaseCopy("DB1", "MBX1"), "R-DB-6", "InvalidOperation",
            "Server 'MBX1' already hosts a copy of database 'DB1'.")


@pytest.mark.rule("R-DB-9")
def test_activation_preference_range(dag_world, refused):
    refused(dag_world, AddDatabaseCopy("DB1", "MBX2", activation_preference=3), "R-DB-9", "InvalidArgument",
            "The activation preference 3 is out of range. It must be between 1 and 2.")


@pytest.mark.rule("R-DB-10")
def test_lag_range(dag_world, refused):
    refused(dag_world, AddDatabaseCopy("DB1", "MBX2", replay_lag_time=dt.timedelta(days=15)), "R-DB-10", "InvalidArgument",
            "The value '15.00:00:00' for ReplayLagTime is out of range. It must be between 00:00:00 and 14.00:00:00.")


@pytest.mark.rule("R-COPY-1")
@pytest.mark.rule("R-COPY-16")
@pytest.mark.rule("R-COPY-17")
@pytest.mark.rule("R-TIMING-8")
def test_queues_and_lag(dag_world):
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2", replay_lag_time=dt.timedelta(minutes=10)))
    copy = dag_world.copy_by_identity("DB1\\MBX2")
    settle(dag_world, copy)
    dag_world.advance(3600)
    status = dag_world.copy_status(copy)
    assert status.copy_queue_length == 0 and 9 <= status.replay_queue_length <= 11
    active = dag_world.copy_status(dag_world.copy("DB1", "MBX1"))
    assert (active.status, active.copy_queue_length, active.replay_queue_length, active.last_inspected_log_time) == (
        "Mounted", 0, 0, None)


def _seed003_with_copy(beta):
    beta.commit(NewDag("DAG1", witness_server="dionysus", witness_share="FileShareWitness",
                       witness_directory="c:\\FileShareWitness"))
    beta.commit(SetDag.of("DAG1", network_encryption="InterSubnetOnly", network_compression="InterSubnetOnly"))
    beta.commit(AddServerToDag("DAG1", "EXCH2010MB1"))
    beta.commit(AddServerToDag("DAG1", "EXCH2010MB2"))
    beta.commit(AddDatabaseCopy("Mailbox Database 1790164108", "EXCH2010MB2", activation_preference=2,
                                replay_lag_time=dt.timedelta(minutes=10), truncation_lag_time=dt.timedelta(minutes=15)))
    db = beta.database("Mailbox Database 1790164108")
    settle(beta, db.copy_on("EXCH2010MB2"))
    return db


def _statuses(world, db, seconds, step=5):
    seen = []
    for _ in range(int(seconds / step)):
        world.advance(step)
        s = db.copy_on("EXCH2010MB1").status
        if not seen or seen[-1] != s:
            seen.append(s)
    return seen


@pytest.mark.rule("R-DAG-46")
@pytest.mark.rule("R-COPY-10")
@pytest.mark.rule("R-COPY-12")
@pytest.mark.rule("R-AM-4")
@pytest.mark.rule("R-AM-23")
@pytest.mark.rule("R-TIMING-2")
def test_seed003_failover_and_return(beta):
    db = _seed003_with_copy(beta)
    status = beta.copy_status(db.copy_on("EXCH2010MB2"))
    assert (status.status, status.copy_queue_length, status.replay_queue_length) == ("Healthy", 0, 1)
    beta.commit(PowerOff("EXCH2010MB1"))
    beta.advance(34)
    assert db.active_server == "EXCH2010MB1"
    beta.advance(2)
    assert db.active_server == "EXCH2010MB2" and db.mounted
    assert _statuses(beta, db, 60) == ["Healthy", "Initializing", "ServiceDown"]
    beta.commit(PowerOn("EXCH2010MB1"))
    assert db.copy_on("EXCH2010MB1").status == "Unknown"
    assert _statuses(beta, db, 300) == ["Unknown", "Failed", "Healthy"]
    assert db.active_server == "EXCH2010MB2"           # no failback (R-AM-23)


@pytest.mark.rule("R-AM-16")
@pytest.mark.rule("R-AM-19")
@pytest.mark.rule("R-AM-20")
def test_switchover_back(beta, refused):
    db = _seed003_with_copy(beta)
    events = beta.commit(MoveActiveDatabase(db.name, "EXCH2010MB2"))
    result = events[-1].payload
    assert (result.active_server_at_start, result.active_server_at_end, result.status, result.number_of_logs_lost,
            result.mount_status_at_move_start, result.mount_status_at_move_end) == (
        "EXCH2010MB1", "EXCH2010MB2", "Succeeded", 0, "Mounted", "Mounted")
    assert db.copy_on("EXCH2010MB1").status == "Initializing"
    beta.advance(20)
    assert db.copy_on("EXCH2010MB1").status == "Healthy"
    assert [c.activation_preference for c in db.copies] == [1, 2]
    refused(beta, MoveActiveDatabase(db.name, "EXCH2010MB2"), "R-AM-19", "InvalidOperation",
            f"An Active Manager operation failed. Error: Database '{db.name}' is already active on server 'EXCH2010MB2'.")


@pytest.mark.rule("R-AM-17")
def test_switchover_to_unhealthy_copy_refused(beta, refused):
    db = _seed003_with_copy(beta)
    beta.commit(PowerOff("EXCH2010MB2"))
    beta.advance(10)
    beta.commit(PowerOn("EXCH2010MB2"))
    beta.advance(70)
    copy = db.copy_on("EXCH2010MB2")
    assert copy.status == "Failed"
    refused(beta, MoveActiveDatabase(db.name, "EXCH2010MB2"), "R-AM-17", "InvalidOperation",
            f"An Active Manager operation failed. Error: The database copy '{copy.identity}' is in state 'Failed' and can't be "
            "activated. Use -SkipHealthChecks to override this check.")
