"""DAG network rules through the transitions: automatic collapsing, subnet states, manual
configuration, subnet ownership, removal, topology warnings, log-shipping network (R-NET-*)."""

import pytest

from exshell.labs import load_lab
from state.build import add_server
from state.model import Nic
from state.transitions import (AddDatabaseCopy, AddServerToDag, NewDag, NewDagNetwork, PowerOff,
                               RemoveDagNetwork, SetDag, SetDagNetwork, SetNicState)


@pytest.fixture
def site_dag():
    """Seed 002's two-datacenter topology with DAG1 = MBX1 (Redmond) + MBX3 (Dublin)."""
    world = load_lab("seed002").world
    world.commit(NewDag("DAG1", witness_server="CAS1", ip_addresses=("172.19.18.50", "172.19.19.50")))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    world.commit(AddServerToDag("DAG1", "MBX3"))
    return world


def subnets(world, dag="DAG1"):
    return {n.name: [str(s) for s in world.dag_network_subnets(n)] for n in world.dag(dag).networks}


@pytest.mark.rule("R-NET-3")
def test_2013_collapses_mapi_subnets(site_dag):
    assert [(n.name, n.subnet_ids, n.mapi_access_enabled) for n in site_dag.dag("DAG1").networks] == [
        ("MapiDagNetwork", ["172.19.18.0/24", "172.19.19.0/24"], True),
        ("ReplicationDagNetwork01", ["10.0.1.0/24"], False),
        ("ReplicationDagNetwork02", ["10.0.2.0/24"], False)]


@pytest.mark.rule("R-NET-5")
def test_members_disagreeing_about_a_subnet_make_it_misconfigured(site_dag):
    site_dag.commit(AddServerToDag("DAG1", "MBX8"))        # registers its Replication adapter in DNS
    assert subnets(site_dag)["ReplicationDagNetwork02"] == ["{10.0.2.0/24,Misconfigured}"]
    assert [n.name for n in site_dag.dag("DAG1").networks if n.mapi_access_enabled] == ["MapiDagNetwork"]


@pytest.mark.rule("R-NET-8")
def test_subnet_states(dag_world):
    dag_world.commit(AddServerToDag("DAG1", "MBX3"))
    assert subnets(dag_world)["DAGNetwork02"] == ["{10.0.1.0/24,Up}"]
    dag_world.commit(SetNicState("MBX3", "Replication", False))
    assert subnets(dag_world)["DAGNetwork02"] == ["{10.0.1.0/24,Partitioned}"]
    dag_world.commit(SetNicState("MBX2", "Replication", False))
    dag_world.commit(SetNicState("MBX1", "Replication", False))
    assert subnets(dag_world)["DAGNetwork02"] == ["{10.0.1.0/24,Down}"]
    dag_world.commit(SetDagNetwork("DAG1", "DAGNetwork02", ignore_network=True))
    assert subnets(dag_world)["DAGNetwork02"] == ["{10.0.1.0/24,Unavailable}"]


@pytest.mark.rule("R-NET-9")
def test_network_name_description_and_subnet_checks(dag_world, refused):
    refused(dag_world, SetDagNetwork("DAG1", "DAGNetwork02", name="DAGNetwork01"), "R-NET-9", "InvalidArgument",
            "The DAG network name 'DAGNetwork01' is already used in database availability group 'DAG1' "
            "or is longer than 128 characters.")
    refused(dag_world, NewDagNetwork("DAG1", "N" * 129), "R-NET-9", "InvalidArgument",
            f"The DAG network name '{'N' * 129}' is already used in database availability group 'DAG1' "
            "or is longer than 128 characters.")
    refused(dag_world, SetDagNetwork("DAG1", "DAGNetwork02", description="d" * 257), "R-NET-9", "InvalidArgument",
            "The description is longer than 256 characters.")
    refused(dag_world, SetDagNetwork("DAG1", "DAGNetwork02", subnets=("10.0.1.0",)), "R-NET-9", "InvalidArgument",
            "'10.0.1.0' isn't a valid subnet. Specify a subnet as address/prefix length, for example 10.0.1.0/24.")
    refused(dag_world, NewDagNetwork("DAG1", " "), "R-NET-9", "InvalidArgument", "A DAG network name can't be empty.")
    refused(dag_world, SetDagNetwork("DAG1", "DAGNetwork02", subnets=("10.0.1.0/24", "10.0.1.7/24")), "R-NET-9",
            "InvalidArgument", "The subnet '10.0.1.7/24' appears more than once in the list (as '10.0.1.0/24'). "
            "Specify each subnet once.")
    refused(dag_world, SetDagNetwork("DAG1", "DAGNetwork02", subnets=("10.0.0.0/8",)), "R-NET-9", "InvalidArgument",
            "The subnet '10.0.0.0/8' conflicts with the existing subnet '10.0.1.0/24'.")
    dag_world.commit(SetDagNetwork("DAG1", "DAGNetwork02", description="d" * 256, subnets=("fd00:1::/64", "10.0.1.0/24")))
    assert dag_world.dag("DAG1").network("DAGNetwork02").subnet_ids == ["fd00:1::/64", "10.0.1.0/24"]


@pytest.mark.rule("R-NET-10")
def test_2013_network_writes_need_manual_configuration(site_dag, refused):
    message = ("Network configuration for database availability group 'DAG1' is managed automatically. Set "
               "ManualDagNetworkConfiguration to $true before changing DAG networks.")
    refused(site_dag, SetDagNetwork("DAG1", "ReplicationDagNetwork01", replication_enabled=False), "R-NET-10",
            "InvalidOperation", message)
    refused(site_dag, NewDagNetwork("DAG1", "Replication"), "R-NET-10", "InvalidOperation", message)
    refused(site_dag, RemoveDagNetwork("DAG1", "ReplicationDagNetwork01"), "R-NET-10", "InvalidOperation", message)
    site_dag.commit(SetDag.of("DAG1", manual_dag_network_configuration=True))
    site_dag.commit(SetDagNetwork("DAG1", "ReplicationDagNetwork01", replication_enabled=False))
    assert site_dag.dag("DAG1").network("ReplicationDagNetwork01").replication_enabled is False


@pytest.mark.rule("R-NET-11")
def test_naming_a_held_subnet_moves_it(site_dag):
    site_dag.commit(SetDag.of("DAG1", manual_dag_network_configuration=True))
    site_dag.commit(NewDagNetwork("DAG1", "Replication", subnets=("10.0.1.0/24", "10.0.2.0/24"), description="WAN"))
    dag = site_dag.dag("DAG1")
    assert [(n.name, n.subnet_ids) for n in dag.networks] == [
        ("MapiDagNetwork", ["172.19.18.0/24", "172.19.19.0/24"]), ("ReplicationDagNetwork01", []),
        ("ReplicationDagNetwork02", []), ("Replication", ["10.0.1.0/24", "10.0.2.0/24"])]
    net = dag.network("Replication")
    assert (net.replication_enabled, net.ignore_network, net.mapi_access_enabled) == (True, False, False)
    roles = {c.subnet: c.role for c in site_dag.cluster_of("DAG1").networks}
    assert roles == {"172.19.18.0/24": 3, "10.0.1.0/24": 1, "172.19.19.0/24": 3, "10.0.2.0/24": 1}


@pytest.mark.rule("R-NET-12")
def test_only_an_empty_network_can_be_removed(dag_world, refused):
    refused(dag_world, RemoveDagNetwork("DAG1", "DAGNetwork02"), "R-NET-12", "InvalidOperation",
            "DAG network 'DAG1\\DAGNetwork02' can't be removed because it still has subnets.")
    dag_world.commit(SetDagNetwork("DAG1", "DAGNetwork01", subnets=("192.168.1.0/24", "10.0.1.0/24")))
    dag_world.commit(RemoveDagNetwork("DAG1", "DAGNetwork02"))
    assert [n.name for n in dag_world.dag("DAG1").networks] == ["DAGNetwork01"]
    dag_world.commit(NewDagNetwork("DAG1", "Spare", subnets=("10.77.0.0/16",)))   # no member on it: Unknown
    dag_world.commit(RemoveDagNetwork("DAG1", "Spare"))
    assert [n.name for n in dag_world.dag("DAG1").networks] == ["DAGNetwork01"]


@pytest.mark.rule("R-NET-13")
def test_topology_findings_are_warnings(site_dag):
    events = site_dag.commit(AddServerToDag("DAG1", "MBX7"))
    assert [e.text for e in events if e.kind == "Warning"] == [
        "Server 'MBX7' has 1 network adapters, but the other members of database availability group 'DAG1' "
        "have 2. Each member of a database availability group should have the same number of networks."]
    assert site_dag.dag("DAG1").has_member("MBX7")


@pytest.mark.rule("R-NET-13")
def test_two_adapters_on_one_subnet_and_a_stray_gateway(world):
    add_server(world, "MBX9", ["Mailbox"], "Windows Server 2008 R2 Enterprise", nics=[
        Nic("MAPI", "192.168.1.19", gateway="192.168.1.1", register_in_dns=True),
        Nic("Repl", "10.0.1.19", gateway="10.0.1.1"), Nic("Repl2", "10.0.1.29")])
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    events = world.commit(AddServerToDag("DAG1", "MBX9"))
    assert [e.text for e in events if e.kind == "Warning"] == [
        "Server 'MBX9' has 3 network adapters, but the other members of database availability group 'DAG1' "
        "have 2. Each member of a database availability group should have the same number of networks.",
        "Network adapter 'Repl' on server 'MBX9' isn't on the MAPI network but has a default gateway. "
        "Only the MAPI network adapter should have a default gateway.",
        "Network adapters 'Repl' and 'Repl2' on server 'MBX9' are on the same subnet 10.0.1.0/24. "
        "Only 'Repl' will be used by the cluster."]


@pytest.mark.rule("R-NET-14")
def test_log_shipping_prefers_the_replication_network(dag_world):
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    assert dag_world.copy("DB1", "MBX2").incoming_log_copying_network == "DAGNetwork02"


@pytest.mark.rule("R-NET-14")
def test_log_shipping_uses_mapi_without_a_replication_network(dag_world):
    dag_world.commit(SetDagNetwork("DAG1", "DAGNetwork02", replication_enabled=False))
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    assert dag_world.copy("DB1", "MBX2").incoming_log_copying_network == "DAGNetwork01"


@pytest.mark.rule("R-NET-17")
def test_ignored_network_leaves_all_cluster_use(dag_world):
    dag_world.commit(SetDagNetwork("DAG1", "DAGNetwork02", ignore_network=True, replication_enabled=False))
    roles = {c.subnet: c.role for c in dag_world.cluster_of("DAG1").networks}
    assert roles == {"192.168.1.0/24": 3, "10.0.1.0/24": 0}
    assert [n.name for n in dag_world.dag("DAG1").networks] == ["DAGNetwork01", "DAGNetwork02"]
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    assert dag_world.copy("DB1", "MBX2").incoming_log_copying_network == "DAGNetwork01"


def test_power_off_keeps_networks_listed(dag_world):
    """R-NET-8: a member that is down shows its interfaces Unreachable, the subnet Partitioned
    only when two others still talk."""
    dag_world.commit(PowerOff("MBX2"))
    interfaces = [str(i) for i in dag_world.dag_network_interfaces(dag_world.dag("DAG1").network("DAGNetwork01"))]
    assert interfaces == ["{mbx1,Up,192.168.1.11}", "{mbx2,Unreachable,192.168.1.12}"]


@pytest.mark.rule("R-DAG-41")
def test_back_to_automatic_configuration_rebuilds_the_networks(site_dag):
    site_dag.commit(SetDag.of("DAG1", manual_dag_network_configuration=True))
    site_dag.commit(NewDagNetwork("DAG1", "Replication", subnets=("10.0.1.0/24", "10.0.2.0/24")))
    site_dag.commit(SetDag.of("DAG1", manual_dag_network_configuration=False))
    assert [(n.name, n.subnet_ids) for n in site_dag.dag("DAG1").networks] == [
        ("MapiDagNetwork", ["172.19.18.0/24", "172.19.19.0/24"]), ("ReplicationDagNetwork01", ["10.0.1.0/24"]),
        ("ReplicationDagNetwork02", ["10.0.2.0/24"])]


@pytest.mark.rule("R-NET-17")
def test_ignore_and_replication_flags_go_together(dag_world, refused):
    refused(dag_world, SetDagNetwork("DAG1", "DAGNetwork02", replication_enabled=True, ignore_network=True), "R-NET-17",
            "InvalidArgument", "A DAG network can't be ignored and enabled for replication at the same time.")
    net = dag_world.dag("DAG1").network("DAGNetwork02")
    dag_world.commit(SetDagNetwork("DAG1", "DAGNetwork02", ignore_network=True))
    assert (net.ignore_network, net.replication_enabled) == (True, False)      # ignoring disables replication
    dag_world.commit(SetDagNetwork("DAG1", "DAGNetwork02", replication_enabled=True))
    assert (net.ignore_network, net.replication_enabled) == (False, True)      # enabling un-ignores it


@pytest.mark.rule("R-NET-11")
def test_unknown_and_moving_subnets_are_reported(dag_world):
    events = dag_world.commit(NewDagNetwork("DAG1", "Spare", subnets=("10.0.1.0/24", "10.77.0.0/16")))
    assert [(e.kind, e.text) for e in events if e.kind in ("Warning", "Verbose")] == [
        ("Verbose", "Subnet '10.0.1.0/24' is moving from DAG network 'DAGNetwork02' to 'Spare'."),
        ("Warning", "The subnet '10.77.0.0/16' wasn't found on any member of the database availability group.")]


@pytest.mark.rule("R-NET-14")
def test_warning_when_no_network_is_left_for_replication(dag_world):
    dag_world.commit(SetDagNetwork("DAG1", "DAGNetwork01", replication_enabled=False))
    events = dag_world.commit(SetDagNetwork("DAG1", "DAGNetwork02", replication_enabled=False))
    assert [e.text for e in events if e.kind == "Warning"] == [
        "Replication is disabled on every DAG network of database availability group 'DAG1'. "
        "Log shipping and seeding will use the MAPI network."]


@pytest.mark.rule("R-NET-1")
def test_an_empty_dag_gets_no_network_by_hand(world, refused):
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    refused(world, NewDagNetwork("DAG1", "Replication", subnets=("10.0.1.0/24",)), "R-NET-1", "InvalidArgument",
            "Database availability group 'DAG1' has no member servers. DAG networks can be created only after a "
            "Mailbox server has been added to it.")


@pytest.mark.rule("R-NET-7")
def test_a_member_sees_the_others_through_its_own_adapters(dag_world):
    dag_world.commit(AddServerToDag("DAG1", "MBX3"))
    dag_world.commit(SetNicState("MBX2", "Replication", False))
    net = dag_world.dag("DAG1").network("DAGNetwork02")
    seen = {viewer: ([str(i) for i in dag_world.dag_network_interfaces(net, viewer)],
                     [str(s) for s in dag_world.dag_network_subnets(net, viewer)]) for viewer in (None, "MBX1", "MBX2")}
    assert seen[None] == seen["MBX1"] == (
        ["{mbx1,Up,10.0.1.11}", "{mbx2,Failed,10.0.1.12}", "{mbx3,Up,10.0.1.13}"], ["{10.0.1.0/24,Partitioned}"])
    assert seen["MBX2"] == (
        ["{mbx1,Unreachable,10.0.1.11}", "{mbx2,Failed,10.0.1.12}", "{mbx3,Unreachable,10.0.1.13}"],
        ["{10.0.1.0/24,Down}"])
