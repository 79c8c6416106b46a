"""Properties of Exchange's ownership of the cluster, whatever an admin did by hand in between:
after an integrated DAG cmdlet the core IP resources are exactly the DAG's configured MAPI
addresses (R-CLUSTER-12, R-BACKUP-7); after the timer no role is off and no virtual IP is online
on a network without client access (R-CLUSTER-10/11, D1); quorum is a majority of the votes up
(R-DAG-29/30). A refused edit changes nothing."""

from hypothesis import HealthCheck, given, settings, strategies as st

from state import RuleViolation
from state.reconfigure import RECONCILE_SECONDS, core_ip_resources, desired_role
from state.transitions import (AddClusterResource, PowerOff, PowerOn, RemoveClusterResource, SetClusterNetworkRole,
                               SetClusterNodeState, SetClusterParameters, SetClusterResourceDependency,
                               SetClusterResourceState, SetDag)
from tests.state.test_cluster_rules import seed000_world

NETWORKS = ("Cluster Network 1", "Cluster Network 2")
ADDRESSES = ("192.168.1.50", "192.168.1.51", "192.168.1.77", "10.0.2.50", "10.0.2.51", "172.16.0.9")
NAMES = ("Hand IP 1", "Hand IP 2", "IPv4 Address 192.168.1.50", "Cluster Name")

edits = st.one_of(
    st.builds(lambda n, r: SetClusterNetworkRole("DAG1", n, r), st.sampled_from(NETWORKS), st.integers(0, 3)),
    st.builds(lambda n: AddClusterResource("DAG1", n, "Cluster Group", "IP Address"), st.sampled_from(NAMES[:2])),
    st.builds(lambda n, a, net: SetClusterParameters("DAG1", n, (("Address", a), ("Network", net))),
              st.sampled_from(NAMES[:3]), st.sampled_from(ADDRESSES), st.sampled_from(NETWORKS)),
    st.builds(lambda n: RemoveClusterResource("DAG1", n), st.sampled_from(NAMES)),
    st.builds(lambda n, on: SetClusterResourceState("DAG1", n, on), st.sampled_from(NAMES), st.booleans()),
    st.builds(lambda deps: SetClusterResourceDependency("DAG1", "Cluster Name", " or ".join(f"[{d}]" for d in deps)),
              st.lists(st.sampled_from(NAMES[:3]), min_size=1, max_size=3, unique=True)),
    st.builds(lambda a: SetDag.of("DAG1", ip_addresses=[a]), st.sampled_from(ADDRESSES[:3])),
)


def apply(world, edit):
    """Commit if allowed; a refusal must leave the world exactly as it was."""
    cluster = world.cluster_of("DAG1")
    names = [getattr(edit, f, None) for f in ("name", "resource")]
    if not isinstance(edit, AddClusterResource) and any(n is not None and cluster.resource(n) is None
                                                             for n in names):
        return                                     # the cmdlet would have said "not found"
    before = world.snapshot()
    try:
        world.commit(edit)
    except RuleViolation:
        assert world.snapshot() == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, max_size=8))
def test_integrated_cmdlet_restores_exactly_the_configured_mapi_addresses(script):
    world = seed000_world()
    for edit in script:
        apply(world, edit)
    world.commit(SetDag.of("DAG1"))
    cluster = world.cluster_of("DAG1")
    dag = world.dag("DAG1")
    configured = sorted(a for a in dag.ip_addresses if a.startswith("192.168.1."))
    ips = core_ip_resources(cluster)
    assert sorted(r.parameters["Address"] for r in ips) == configured
    assert cluster.resource("Cluster Name").dependencies == [r.name for r in ips]
    assert [n.role for n in cluster.networks] == [desired_role(dag, n.subnet) for n in cluster.networks]
    assert [r.state for r in ips] == ["Online"] and cluster.resource("Cluster Name").state == "Online"
    assert world.dns["dag1"].address == configured[0]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, max_size=8))
def test_timer_puts_roles_back_and_leaves_no_ip_online_without_client_access(script):
    world = seed000_world()
    for edit in script:
        apply(world, edit)
    world.advance(RECONCILE_SECONDS)
    cluster = world.cluster_of("DAG1")
    dag = world.dag("DAG1")
    assert [n.role for n in cluster.networks] == [desired_role(dag, n.subnet) for n in cluster.networks]
    for r in cluster.resources_of_type("IP Address"):
        net = cluster.network_of(r)
        assert r.state != "Online" or (net is not None and net.role == 3)


def two_member_world():
    """The default lab's MBX1 + MBX2 with HUB01 as witness: Node and File Share Majority."""
    from exshell.labs import load_lab
    from state.transitions import AddServerToDag, NewDag
    world = load_lab("default").world
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    world.commit(AddServerToDag("DAG1", "MBX2"))
    return world


@settings(max_examples=40, deadline=None)
@given(st.booleans(), st.lists(st.tuples(st.integers(0, 3), st.booleans()), max_size=8))
def test_quorum_is_a_majority_of_the_votes_up(odd, moves):
    world = seed000_world() if odd else two_member_world()
    machines = ("NODEA", "NODEB", "NODEC", "HUB01") if odd else ("MBX1", "MBX2", "MBX1", "HUB01")
    cluster = world.cluster_of("DAG1")
    assert cluster.quorum_type == ("NodeMajority" if odd else "NodeAndFileShareMajority")     # R-DAG-29
    for index, up in moves:
        machine = machines[index]
        apply(world, (PowerOn if up else PowerOff)("HUB01") if machine == "HUB01"
              else SetClusterNodeState("DAG1", machine, up))
        voters = sum(1 for n in cluster.nodes if n.state == "Up")
        total = len(cluster.nodes)
        if not odd:
            total += 1
            voters += world.server("HUB01").is_up and voters > 0
        assert cluster.has_quorum == (2 * voters > total)
