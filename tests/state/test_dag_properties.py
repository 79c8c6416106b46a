"""Property-based checks over random sequences of DAG and DAG network operations (seed 002's
two-datacenter topology): after every step the cluster's IP resources equal the DAG's
configured MAPI addresses, a refused operation changes nothing, and the same operations on the
same lab give the same world."""

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from exshell.labs import load_lab
from state import RuleViolation, reconfigure
from state.model.network import in_subnet
from state.transitions import (AddServerToDag, NewDag, NewDagNetwork, PowerOff, PowerOn, RemoveDagNetwork,
                               RemoveServerFromDag, SetDag, SetDagNetwork)

SERVERS = ["MBX1", "MBX2", "MBX3", "MBX4", "MBX5", "MBX7", "MBX8", "DC3", "CAS2"]
ADDRESSES = ["172.19.18.50", "172.19.18.51", "172.19.19.50", "10.0.1.50", "169.254.3.3", "0.0.0.0",
             "255.255.255.255", "fd00::50"]
SUBNETS = ["10.0.1.0/24", "10.0.2.0/24", "172.19.19.0/24", "10.9.0.0/16"]
NETWORKS = ["MapiDagNetwork", "ReplicationDagNetwork01", "ReplicationDagNetwork02", "Extra"]

ADD = st.tuples(st.just("add"), st.sampled_from(SERVERS))
OPERATIONS = st.one_of(
    ADD, ADD, ADD, ADD,
    st.tuples(st.just("remove"), st.sampled_from(SERVERS), st.booleans()),
    st.tuples(st.just("addresses"), st.lists(st.sampled_from(ADDRESSES), min_size=1, max_size=3)),
    st.tuples(st.just("manual"), st.booleans()),
    st.tuples(st.just("discover"), st.booleans()),
    st.tuples(st.just("network"), st.sampled_from(NETWORKS), st.sampled_from([None, True, False]),
              st.sampled_from([None, True, False]), st.one_of(st.none(), st.lists(st.sampled_from(SUBNETS), max_size=2))),
    st.tuples(st.just("new_network"), st.lists(st.sampled_from(SUBNETS), max_size=2)),
    st.tuples(st.just("remove_network"), st.sampled_from(NETWORKS)),
    st.tuples(st.just("power"), st.sampled_from(["MBX1", "MBX3", "CAS1"]), st.booleans()),
    st.tuples(st.just("wait"), st.integers(1, 900)),
)


def transition(op):
    kind, *args = op
    if kind == "add":
        return AddServerToDag("DAG1", args[0])
    if kind == "remove":
        return RemoveServerFromDag("DAG1", args[0], configuration_only=args[1])
    if kind == "addresses":
        return SetDag.of("DAG1", ip_addresses=list(args[0]))
    if kind == "manual":
        return SetDag.of("DAG1", manual_dag_network_configuration=args[0])
    if kind == "discover":
        return SetDag.of("DAG1", discover_networks=True, skip_dag_validation=args[0])
    if kind == "network":
        name, replication, ignore, subnets = args
        return SetDagNetwork("DAG1", name, replication_enabled=replication, ignore_network=ignore,
                             subnets=tuple(subnets) if subnets is not None else None)
    if kind == "new_network":
        return NewDagNetwork("DAG1", "Extra", subnets=tuple(args[0]))
    if kind == "remove_network":
        return RemoveDagNetwork("DAG1", args[0])
    if kind == "power":
        return PowerOn(args[0]) if args[1] else PowerOff(args[0])
    return None


def apply(world, op):
    """One step; a refused operation (or one naming a missing object) leaves the world as it was."""
    if op[0] == "wait":
        world.advance(op[1])
        return
    change = transition(op)
    if op[0] in ("network", "remove_network") and world.dag("DAG1").network(op[1]) is None:
        return
    if op[0] == "remove" and not world.dag("DAG1").has_member(op[1]):
        return
    before = world.snapshot()
    try:
        world.commit(change)
    except RuleViolation:
        assert world.snapshot() == before


def expected_addresses(world, dag):
    """What the cluster should hold: static -> the configured addresses on a member's MAPI subnet;
    DHCP -> one lease per MAPI subnet; IP-less -> none."""
    mapi = reconfigure.mapi_subnets(world, dag)
    if dag.ip_mode == "Static":
        return {a: next(s for s in mapi if in_subnet(a, s)) for a in dag.ip_addresses
                if ":" not in a and any(in_subnet(a, s) for s in mapi)}
    return None if dag.ip_mode == "Dhcp" else {}


def check_cluster_addresses(world):
    dag = world.dag("DAG1")
    cluster = world.cluster_of(dag)
    if cluster is None:
        return
    resources = reconfigure.core_ip_resources(cluster)
    subnet_of = {r.name: cluster.network_of(r).subnet for r in resources}
    want = expected_addresses(world, dag)
    if want is None:      # DHCP: one lease per MAPI subnet; a subnet without a scope has a failed one
        assert sorted(subnet_of.values()) == sorted(reconfigure.mapi_subnets(world, dag))
        for r in resources:
            address = r.parameters["Address"]
            assert in_subnet(address, subnet_of[r.name]) if address else r.state == "Failed"
    else:
        assert {r.parameters["Address"]: subnet_of[r.name] for r in resources} == want


def fresh(mode):
    world = load_lab("seed002").world
    addresses = {"static": ("172.19.18.50", "172.19.19.50"), "dhcp": ("0.0.0.0",), "none": ("255.255.255.255",)}
    world.commit(NewDag("DAG1", witness_server="CAS1", witness_directory="C:\\DAG1", ip_addresses=addresses[mode]))
    return world


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mode=st.sampled_from(["static", "dhcp", "none"]),
       members=st.lists(st.sampled_from(["MBX1", "MBX3", "MBX2", "MBX4"]), unique=True),
       ops=st.lists(OPERATIONS, max_size=12))
def test_random_dag_operations_keep_cluster_ips_equal_to_dag_addresses(mode, members, ops):
    """R-DAG-19, R-DAG-25, R-DAG-27, R-CLUSTER-4, R-CLUSTER-6: cluster IPs follow the DAG's MAPI
    addresses after every reconfiguration; refused operations change nothing."""
    ops = [("add", m) for m in members] + ops
    world = fresh(mode)
    for op in ops:
        apply(world, op)
        check_cluster_addresses(world)
    again = fresh(mode)
    for op in ops:
        apply(again, op)
    assert again.snapshot() == world.snapshot()          # same seed + operations -> same world


def test_dhcp_leases_one_address_per_mapi_subnet():
    """R-CLUSTER-6 in a two-subnet DAG: members in both datacenters -> two leases."""
    world = fresh("dhcp")
    for server in ("MBX1", "MBX3"):
        world.commit(AddServerToDag("DAG1", server))
    have = sorted(r.parameters["Address"] for r in world.cluster_of("DAG1").resources_of_type("IP Address"))
    assert have == ["172.19.18.200", "172.19.19.200"]
    world.advance(dt.timedelta(minutes=10).total_seconds())
    check_cluster_addresses(world)
