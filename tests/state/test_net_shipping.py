"""Which DAG network carries log shipping when networks fail and recover, and what a network
failure does to the databases (R-NET-15, R-NET-16, R-NET-18, R-NET-20)."""

import pytest

from state.build import settle
from state.transitions import AddDatabaseCopy, SetDagNetwork, SetNicState
from state.transitions.copies import ResumeDatabaseCopy, SuspendDatabaseCopy
from state.transitions.faults import SetServiceState


@pytest.fixture
def shipping(dag_world):
    """DAG1 (MBX1, MBX2): DB1 active on MBX1 with a healthy copy on MBX2 over DAGNetwork02."""
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    settle(dag_world, dag_world.copy("DB1", "MBX2"))
    assert dag_world.copy("DB1", "MBX2").incoming_log_copying_network == "DAGNetwork02"
    return dag_world


def network(world):
    return world.copy("DB1", "MBX2").incoming_log_copying_network


@pytest.mark.rule("R-NET-15")
def test_replication_network_loss_moves_shipping_to_mapi(shipping):
    shipping.commit(SetDagNetwork("DAG1", "DAGNetwork01", replication_enabled=False))
    shipping.commit(SetNicState("MBX2", "Replication", False))
    assert network(shipping) == "DAGNetwork01"              # even with ReplicationEnabled $false
    shipping.advance(60)
    db = shipping.database("DB1")
    assert db.active_server == "MBX1" and db.mounted       # no database fails over
    assert shipping.copy_status(shipping.copy("DB1", "MBX2")).status == "Healthy"


@pytest.mark.rule("R-NET-16")
def test_recovered_replication_network_needs_suspend_and_resume(shipping):
    shipping.commit(SetNicState("MBX2", "Replication", False))
    shipping.commit(SetNicState("MBX2", "Replication", True))
    shipping.advance(60)
    assert network(shipping) == "DAGNetwork01"              # stays on MAPI after recovery
    shipping.commit(SuspendDatabaseCopy("DB1", "MBX2"))
    shipping.commit(ResumeDatabaseCopy("DB1", "MBX2"))
    assert network(shipping) == "DAGNetwork02"


@pytest.mark.rule("R-NET-16")
def test_replication_service_restart_returns_to_the_replication_network(shipping):
    shipping.commit(SetNicState("MBX2", "Replication", False))
    shipping.commit(SetNicState("MBX2", "Replication", True))
    shipping.commit(SetServiceState("MBX2", "MSExchangeRepl", False))
    shipping.commit(SetServiceState("MBX2", "MSExchangeRepl", True))
    assert network(shipping) == "DAGNetwork02"


@pytest.mark.rule("R-NET-18")
def test_incoming_network_is_shown_on_passive_copies_only(shipping):
    active = shipping.copy_status(shipping.copy("DB1", "MBX1"))
    passive = shipping.copy_status(shipping.copy("DB1", "MBX2"))
    assert (active.incoming_log_copying_network, passive.incoming_log_copying_network) == (None, "DAGNetwork02")


@pytest.mark.rule("R-NET-20")
def test_mapi_network_loss_fails_the_servers_databases_over(shipping):
    shipping.commit(SetNicState("MBX1", "MAPI", False))
    shipping.advance(120)
    db = shipping.database("DB1")
    assert db.active_server == "MBX2" and db.mounted


@pytest.mark.rule("R-NET-20")
def test_all_networks_lost_is_a_node_down(shipping):
    shipping.commit(SetNicState("MBX1", "MAPI", False))
    shipping.commit(SetNicState("MBX1", "Replication", False))
    shipping.advance(120)
    assert shipping.cluster_of("DAG1").node("mbx1").state == "Down"
    assert shipping.database("DB1").active_server == "MBX2"


@pytest.mark.rule("R-NET-19")
def test_seeding_in_one_subnet_uses_the_replication_network(dag_world):
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    copy = dag_world.copy("DB1", "MBX2")
    assert dag_world.copy_status(copy).seeding_network == "DAGNetwork02"
    settle(dag_world, copy)
    assert dag_world.copy_status(copy).seeding_network is None


@pytest.mark.rule("R-NET-19")
def test_seeding_across_datacenters_uses_mapi_even_over_a_spanning_network():
    from exshell.labs import load_lab
    from state.transitions import AddServerToDag, NewDag, NewDagNetwork, SetDag
    world = load_lab("seed002").world
    world.commit(NewDag("DAG1", witness_server="CAS1", ip_addresses=("172.19.18.50", "172.19.19.50")))
    for server in ("MBX1", "MBX2", "MBX3"):
        world.commit(AddServerToDag("DAG1", server))
    world.commit(SetDag.of("DAG1", manual_dag_network_configuration=True))
    world.commit(NewDagNetwork("DAG1", "Replication", subnets=("10.0.1.0/24", "10.0.2.0/24")))
    world.commit(AddDatabaseCopy("DB1", "MBX3"))
    world.commit(AddDatabaseCopy("DB1", "MBX2"))
    assert world.copy("DB1", "MBX3").seeding_network == "MapiDagNetwork"
    assert world.copy("DB1", "MBX2").seeding_network == "Replication"
