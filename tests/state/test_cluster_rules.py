"""The DAG's failover cluster: Exchange's ownership of roles and core IPs, hand edits through the
cluster API, quorum (R-CLUSTER-*, R-DAG-29/30)."""

import pytest

from exshell.labs import load_lab
from state import build
from state.model import ComputerAccount, Nic
from state.reconfigure import RECONCILE_SECONDS
from state.transitions import (AddClusterResource, AddServerToDag, NewDag, RemoveClusterResource, SetClusterNetworkRole,
                               SetClusterNodeState, SetClusterParameters, SetClusterResourceDependency,
                               SetClusterResourceState, SetDag, SetDagNetwork)

MAPI, BACKUP = "Cluster Network 1", "Cluster Network 2"
DAG_IP = "IPv4 Address 192.168.1.50"


def seed000_world():
    """Seed 000: DAG1 = NODEA, NODEB, NODEC; MAPI 192.168.1.0/24, Backup 10.0.2.0/24."""
    world = load_lab("seed000").world
    world.commit(NewDag("DAG1", witness_server="HUB01", witness_directory="C:\\DAG1", ip_addresses=("192.168.1.50",)))
    for node in ("NODEA", "NODEB", "NODEC"):
        world.commit(AddServerToDag("DAG1", node))
    return world


@pytest.fixture
def seed000():
    return seed000_world()


def cluster(world):
    return world.cluster_of("DAG1")


def hand_made_backup_ip(world, address="10.0.2.50"):
    """The seed's unsupported shortcut: backup network to role 3 and a core IP on it (R-BACKUP-7)."""
    world.commit(SetClusterNetworkRole("DAG1", BACKUP, 3))
    world.commit(AddClusterResource("DAG1", "Backup IP", "Cluster Group", "IP Address"))
    world.commit(SetClusterParameters("DAG1", "Backup IP", (("Address", address), ("SubnetMask", "255.255.255.0"),
                                                            ("EnableDhcp", "0"))))
    world.commit(SetClusterResourceDependency("DAG1", "Cluster Name", f"[{DAG_IP}] or [Backup IP]"))
    world.commit(SetClusterResourceState("DAG1", "Backup IP", True))


def states(world):
    return {r.name: r.state for r in cluster(world).resources}


# --- creation, core resources ------------------------------------------------------------
@pytest.mark.rule("R-CLUSTER-1")
def test_r_cluster_1_one_cluster_named_like_the_dag_extra_resources_allowed(seed000, refused):
    assert list(seed000.clusters) == ["dag1"] and cluster(seed000).name == "DAG1"
    seed000.commit(AddClusterResource("DAG1", "Extra", "Cluster Group", "generic service"))
    extra = cluster(seed000).resource("extra")
    assert (extra.type, extra.state, extra.owner) == ("Generic Service", "Offline", "admin")
    refused(seed000, AddClusterResource("DAG1", "EXTRA", "Cluster Group", "IP Address"), "R-CLUSTER-1",
            "InvalidOperation", "A cluster resource named 'EXTRA' already exists in cluster 'DAG1'.")
    refused(seed000, AddClusterResource("DAG1", "X", "Cluster Group", "Toaster"), "R-CLUSTER-1", "InvalidArgument",
            "The specified resource type 'Toaster' was not found on cluster 'DAG1'.")


@pytest.mark.rule("R-CLUSTER-2")
def test_r_cluster_2_cno_created_and_dag_name_in_dns(seed000):
    assert seed000.computer_account("DAG1").enabled
    assert seed000.dns["dag1"].address == "192.168.1.50"


@pytest.mark.rule("R-CLUSTER-3")
def test_r_cluster_3_prestaged_cno_is_enabled_not_recreated():
    world = load_lab("seed000").world
    world.computer_accounts["dag1"] = staged = ComputerAccount("DAG1", enabled=False)
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    events = world.commit(AddServerToDag("DAG1", "NODEA"))
    assert world.computer_account("DAG1") is staged and staged.enabled
    assert any(e.rule_id == "R-CLUSTER-3" for e in events)


@pytest.mark.rule("R-CLUSTER-4")
def test_r_cluster_4_core_group_name_ips_and_witness_on_even_count(seed000, refused):
    c = cluster(seed000)
    assert [(r.name, r.type) for r in c.resources] == [("Cluster Name", "Network Name"), (DAG_IP, "IP Address")]
    assert c.resource("Cluster Name").dependencies == [DAG_IP]
    world = load_lab("seed000").world
    world.commit(NewDag("DAG1", witness_server="HUB01", witness_directory="C:\\DAG1",
                        ip_addresses=("192.168.1.50", "172.16.0.50")))
    world.commit(AddServerToDag("DAG1", "NODEA"))
    world.commit(AddServerToDag("DAG1", "NODEB"))
    types = [r.type for r in cluster(world).resources]
    assert types == ["Network Name", "IP Address", "File Share Witness"]   # 172.16.0.50: no member there
    refused(seed000, RemoveClusterResource("DAG1", "Cluster Name"), "R-CLUSTER-4", "InvalidOperation",
            "Resource 'Cluster Name' is a core cluster resource and can't be deleted.")


def two_subnet_world():
    """Two MAPI subnets (two sites), one member each, and the DAG with an address in both."""
    world = load_lab("default").world
    build.add_site(world, "DR")
    build.add_server(world, "MBX9", ["Mailbox"], "Windows Server 2008 R2 Enterprise", site="DR",
                     nics=[Nic("MAPI", "192.168.2.19", 24, "192.168.2.1", ["192.168.1.10"], True)])
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50", "192.168.2.50")))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    return world


@pytest.mark.rule("R-CLUSTER-5")
def test_r_cluster_5_only_the_owner_subnets_ip_is_online_and_dns_follows():
    world = two_subnet_world()
    assert [r.parameters["Address"] for r in cluster(world).resources_of_type("IP Address")] == ["192.168.1.50"]
    world.commit(AddServerToDag("DAG1", "MBX9"))              # R-DAG-27: the second subnet's IP appears
    ips = {r.parameters["Address"]: r.state for r in cluster(world).resources_of_type("IP Address")}
    assert ips == {"192.168.1.50": "Online", "192.168.2.50": "Offline"}
    assert cluster(world).resource("Cluster Name").dependencies == ["IPv4 Address 192.168.1.50",
                                                                    "IPv4 Address 192.168.2.50"]
    world.commit(SetClusterNodeState("DAG1", "MBX1", False))  # the core group moves to MBX9
    ips = {r.parameters["Address"]: r.state for r in cluster(world).resources_of_type("IP Address")}
    assert ips == {"192.168.1.50": "Offline", "192.168.2.50": "Online"}
    assert world.dns["dag1"].address == "192.168.2.50"


@pytest.mark.rule("R-CLUSTER-6")
def test_r_cluster_6_dhcp_lease_per_mapi_subnet_or_a_warning():
    world = load_lab("default").world
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("0.0.0.0",)))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    (ip,) = cluster(world).resources_of_type("IP Address")
    assert (ip.parameters["Address"], ip.parameters["EnableDhcp"], ip.state) == ("192.168.1.200", 1, "Online")
    world.commit(AddServerToDag("DAG1", "MBX2"))              # the lease is kept, not renewed
    assert [r.parameters["Address"] for r in cluster(world).resources_of_type("IP Address")] == ["192.168.1.200"]
    world = load_lab("default").world
    world.dhcp_scopes.clear()
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("0.0.0.0",)))
    events = world.commit(AddServerToDag("DAG1", "MBX1"))
    assert [e.rule_id for e in events if e.kind == "Warning"] == ["R-CLUSTER-6"]
    assert cluster(world).resources_of_type("IP Address")[0].state == "Failed"


# --- network roles ------------------------------------------------------------------------
@pytest.mark.rule("R-CLUSTER-7")
@pytest.mark.parametrize("role", [2, 4, -1])
def test_r_cluster_7_only_roles_0_1_3(seed000, refused, role):
    refused(seed000, SetClusterNetworkRole("DAG1", BACKUP, role), "R-CLUSTER-7", "InvalidArgument",
            f"The value '{role}' isn't a valid role for cluster network '{BACKUP}'. Valid values are 0 (None), "
            "1 (Cluster) and 3 (ClusterAndClient).")


@pytest.mark.rule("R-CLUSTER-8")
def test_r_cluster_8_network_used_by_an_ip_keeps_client_access(seed000, refused):
    refused(seed000, SetClusterNetworkRole("DAG1", MAPI, 1), "R-CLUSTER-8", "InvalidOperation",
            f"The role of cluster network '{MAPI}' can't be set to 1 because IP address resource '{DAG_IP}' uses "
            "this network.")


@pytest.mark.rule("R-CLUSTER-8")
def test_r_cluster_8_last_cluster_network_cannot_be_switched_off(seed000, refused):
    seed000.commit(SetDagNetwork("DAG1", "DAGNetwork02", ignore_network=True))
    c = cluster(seed000)
    c.resources = [r for r in c.resources if r.type != "IP Address"]
    refused(seed000, SetClusterNetworkRole("DAG1", MAPI, 0), "R-CLUSTER-8", "InvalidOperation",
            f"Cluster network '{MAPI}' is the only network left for cluster communication; its role can't be set to 0.")


@pytest.mark.rule("R-CLUSTER-8")
def test_r_cluster_8_virtual_ip_only_online_on_a_role_3_network(seed000, refused):
    seed000.commit(AddClusterResource("DAG1", "Backup IP", "Cluster Group", "IP Address"))
    refused(seed000, SetClusterResourceState("DAG1", "Backup IP", True), "R-CLUSTER-8", "InvalidOperation",
            "IP address resource 'Backup IP' can't be brought online: it has no IP address.")
    seed000.commit(SetClusterParameters("DAG1", "Backup IP", (("Address", "10.0.2.50"),)))
    refused(seed000, SetClusterResourceState("DAG1", "Backup IP", True), "R-CLUSTER-8", "InvalidOperation",
            f"IP address resource 'Backup IP' can't be brought online: cluster network '{BACKUP}' doesn't allow "
            "client connections (role 1).")


@pytest.mark.rule("R-CLUSTER-9")
def test_r_cluster_9_exchange_sets_the_roles(seed000):
    assert [(n.subnet, n.role) for n in cluster(seed000).networks] == [("192.168.1.0/24", 3), ("10.0.2.0/24", 1)]
    seed000.commit(SetDagNetwork("DAG1", "DAGNetwork02", replication_enabled=False))
    assert cluster(seed000).network(BACKUP).role == 1                 # ReplicationEnabled doesn't matter
    seed000.commit(SetDagNetwork("DAG1", "DAGNetwork02", ignore_network=True))
    assert cluster(seed000).network(BACKUP).role == 0


@pytest.mark.rule("R-CLUSTER-10")
def test_r_cluster_10_hand_set_role_lasts_until_the_timer(seed000):
    seed000.commit(SetClusterNetworkRole("DAG1", BACKUP, 3))
    seed000.advance(RECONCILE_SECONDS - 181)      # setup's adds took 3 minutes of the first period
    assert cluster(seed000).network(BACKUP).role == 3
    seed000.advance(RECONCILE_SECONDS)
    assert cluster(seed000).network(BACKUP).role == 1


@pytest.mark.rule("R-CLUSTER-10")
@pytest.mark.parametrize("integrated", [
    SetDagNetwork("DAG1", "DAGNetwork02", description="backup"),
    SetDag.of("DAG1"),
])
def test_r_cluster_10_dag_cmdlets_put_the_role_back_at_once(seed000, integrated):
    seed000.commit(SetClusterNetworkRole("DAG1", BACKUP, 3))
    seed000.commit(integrated)
    assert cluster(seed000).network(BACKUP).role == 1


@pytest.mark.rule("R-CLUSTER-10")
def test_r_cluster_10_new_and_remove_dag_network_put_roles_back(seed000):
    from state.transitions import NewDagNetwork, RemoveDagNetwork
    seed000.commit(SetClusterNetworkRole("DAG1", BACKUP, 3))
    seed000.commit(NewDagNetwork("DAG1", "Spare"))
    assert cluster(seed000).network(BACKUP).role == 1
    seed000.commit(SetClusterNetworkRole("DAG1", BACKUP, 3))
    seed000.commit(RemoveDagNetwork("DAG1", "Spare"))
    assert cluster(seed000).network(BACKUP).role == 1


@pytest.mark.rule("R-CLUSTER-11")
def test_r_cluster_11_timer_fails_the_hand_ip_but_deletes_nothing(seed000):
    hand_made_backup_ip(seed000)
    assert states(seed000) == {"Cluster Name": "Online", DAG_IP: "Online", "Backup IP": "Online"}
    seed000.advance(2 * RECONCILE_SECONDS)
    assert states(seed000) == {"Cluster Name": "Online", DAG_IP: "Online", "Backup IP": "Failed"}
    assert cluster(seed000).resource("Cluster Name").dependencies == [DAG_IP, "Backup IP"]


@pytest.mark.rule("R-CLUSTER-12")
def test_r_cluster_12_integrated_cmdlet_deletes_the_hand_ip(seed000):
    hand_made_backup_ip(seed000)
    events = seed000.commit(SetDag.of("DAG1"))
    assert states(seed000) == {"Cluster Name": "Online", DAG_IP: "Online"}
    assert cluster(seed000).resource("Cluster Name").dependencies == [DAG_IP]
    assert cluster(seed000).network(BACKUP).role == 1
    assert not [e for e in events if e.kind == "Warning" and "IP" in e.text]


@pytest.mark.rule("R-CLUSTER-12")
def test_r_cluster_12_start_dag_deletes_the_hand_ip_too(seed000):
    from state.transitions import StartDag, StopDag
    seed000.commit(SetDag.of("DAG1", datacenter_activation_mode="DagOnly"))
    seed000.commit(StopDag("DAG1", ("NODEC",), configuration_only=True))
    hand_made_backup_ip(seed000)
    seed000.commit(StartDag("DAG1", ("NODEC",)))
    assert states(seed000) == {"Cluster Name": "Online", DAG_IP: "Online"}
    assert cluster(seed000).network(BACKUP).role == 1


@pytest.mark.rule("R-CLUSTER-12")
def test_r_cluster_12_exchange_ip_edited_by_hand_is_recreated(seed000):
    seed000.commit(SetClusterParameters("DAG1", DAG_IP, (("Address", "192.168.1.99"),)))
    seed000.commit(SetDag.of("DAG1"))
    ips = [(r.name, r.parameters["Address"], r.state) for r in cluster(seed000).resources_of_type("IP Address")]
    assert ips == [(DAG_IP, "192.168.1.50", "Online")]


# --- nodes and quorum ---------------------------------------------------------------------
@pytest.mark.rule("R-CLUSTER-13")
def test_r_cluster_13_node_down_and_back(seed000):
    seed000.commit(SetClusterNodeState("DAG1", "NODEB", False))
    assert [(n.name, n.state) for n in cluster(seed000).nodes] == [("nodea", "Up"), ("nodeb", "Down"), ("nodec", "Up")]
    seed000.commit(SetClusterNodeState("DAG1", "NODEB", True))
    assert cluster(seed000).node("nodeb").state == "Joining"
    seed000.advance(10)
    assert cluster(seed000).node("nodeb").state == "Up"


@pytest.mark.rule("R-DAG-29")
def test_r_dag_29_quorum_model_by_parity(seed000):
    assert (cluster(seed000).quorum_type, cluster(seed000).witness_path) == ("NodeMajority", None)
    world = load_lab("default").world
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    assert cluster(world).quorum_type == "NodeMajority"
    world.commit(AddServerToDag("DAG1", "MBX2"))
    assert cluster(world).quorum_type == "NodeAndFileShareMajority"
    assert cluster(world).witness_path == "\\\\HUB01\\DAG1.contoso.com"


@pytest.mark.rule("R-DAG-30")
@pytest.mark.rule("R-CLUSTER-16")
def test_r_cluster_16_three_nodes_lose_quorum_at_two_down(seed000, refused):
    seed000.commit(SetClusterNodeState("DAG1", "NODEC", False))
    assert cluster(seed000).has_quorum
    seed000.commit(SetClusterNodeState("DAG1", "NODEB", False))
    assert not cluster(seed000).has_quorum
    assert not any(db.mounted for db in seed000.databases.values())
    refused(seed000, SetClusterNetworkRole("DAG1", BACKUP, 3), "R-CLUSTER-16", "InvalidOperation",
            "The cluster service is not running on cluster 'DAG1': the cluster has lost quorum. Start the nodes or "
            "force quorum, then try again.")


@pytest.mark.rule("R-CLUSTER-15")
def test_r_cluster_15_two_nodes_survive_one_loss_only_with_the_witness(dag_world):
    dag_world.commit(SetClusterNodeState("DAG1", "MBX2", False))
    assert dag_world.cluster_of("DAG1").has_quorum                    # MBX1 + witness = 2 of 3
    dag_world.commit(SetClusterNodeState("DAG1", "MBX2", True))
    dag_world.server("HUB01").power = "Off"
    dag_world.commit(SetClusterNodeState("DAG1", "MBX2", False))
    assert not dag_world.cluster_of("DAG1").has_quorum                # MBX1 alone = 1 of 3


@pytest.mark.rule("R-CLUSTER-14")
def test_r_cluster_14_paused_node_gives_up_the_core_group_and_cannot_take_it(seed000, refused):
    from state import active_manager
    from state.transitions import MoveClusterGroup, SuspendClusterNode
    dag = seed000.dag("DAG1")
    assert active_manager.pam(seed000, dag) == "NODEA"
    seed000.commit(SuspendClusterNode("DAG1", "NODEA", True))
    assert (cluster(seed000).node("nodea").state, active_manager.pam(seed000, dag)) == ("Paused", "NODEB")
    refused(seed000, MoveClusterGroup("DAG1", "Cluster Group", "NODEA"), "R-CLUSTER-14", "InvalidOperation",
            "Group 'Cluster Group' can't be moved to node 'nodea': the node is paused.")
    seed000.commit(MoveClusterGroup("DAG1", "Cluster Group", "NODEC"))
    assert active_manager.pam(seed000, dag) == "NODEC"
    assert cluster(seed000).has_quorum                               # a paused node still votes


@pytest.mark.rule("R-CLUSTER-17")
def test_r_cluster_17_force_quorum_and_node_majority_by_hand(seed000):
    from state.transitions import SetQuorumModel
    seed000.commit(SetClusterNodeState("DAG1", "NODEB", False))
    seed000.commit(SetClusterNodeState("DAG1", "NODEC", False))
    assert not cluster(seed000).has_quorum
    events = seed000.commit(SetClusterNodeState("DAG1", "NODEB", True, force_quorum=True))
    assert cluster(seed000).forced_quorum and cluster(seed000).has_quorum
    assert [e.rule_id for e in events if e.kind == "Warning"] == ["R-CLUSTER-17"]
    world = load_lab("default").world
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    world.commit(AddServerToDag("DAG1", "MBX2"))
    world.commit(SetQuorumModel("DAG1", "NodeMajority"))
    assert (cluster(world).quorum_type, cluster(world).resources_of_type("File Share Witness")) == ("NodeMajority", [])
    world.commit(SetDag.of("DAG1"))                                   # R-DAG-38 puts parity back
    assert cluster(world).quorum_type == "NodeAndFileShareMajority"


@pytest.mark.rule("R-CLUSTER-18")
def test_r_cluster_18_moving_the_pam_loses_no_database_state(seed000):
    from state.transitions import MoveClusterGroup
    before = [(db.name, db.active_server, db.mounted) for db in seed000.databases.values()]
    seed000.commit(MoveClusterGroup("DAG1", "Cluster Group", "NODEB"))
    assert [(db.name, db.active_server, db.mounted) for db in seed000.databases.values()] == before
    assert seed000.dns["dag1"].address == "192.168.1.50"               # same subnet: same IP online


@pytest.mark.rule("R-CLUSTER-19")
def test_r_cluster_19_name_offline_for_more_than_30_days_flags_the_cno():
    from state.reconfigure import cno_eligible_for_garbage_collection
    world = load_lab("default").world
    world.dhcp_scopes.clear()                                         # no lease: the IP fails, the name stays offline
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("0.0.0.0",)))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    dag = world.dag("DAG1")
    assert cluster(world).resource("Cluster Name").state == "Offline"
    world.advance(30 * 86400)
    assert not cno_eligible_for_garbage_collection(world, dag)
    world.advance(600)
    assert cno_eligible_for_garbage_collection(world, dag)
    world.dhcp_scopes["192.168.1.0/24"] = ["192.168.1.200"]
    world.commit(SetDag.of("DAG1"))                                   # a lease at last: the name comes online
    world.advance(RECONCILE_SECONDS)
    assert cluster(world).name_offline_since is None and not cno_eligible_for_garbage_collection(world, dag)


@pytest.mark.rule("R-CLUSTER-17")
def test_r_cluster_17_evicted_node_leaves_the_cluster_not_the_dag(seed000):
    from state import active_manager
    from state.transitions import EvictClusterNode
    seed000.commit(SetClusterNodeState("DAG1", "NODEA", False))
    seed000.commit(EvictClusterNode("DAG1", "NODEA"))
    c = cluster(seed000)
    assert [n.name for n in c.nodes] == ["nodeb", "nodec"] and c.has_quorum
    assert all("nodea" not in net.interfaces for net in c.networks)
    assert "NODEA" in seed000.dag("DAG1").servers
    assert active_manager.pam(seed000, seed000.dag("DAG1")) == "NODEB"
    seed000.commit(SetDag.of("DAG1"))                                   # reconciliation doesn't bring it back
    assert [n.name for n in cluster(seed000).nodes] == ["nodeb", "nodec"]


@pytest.mark.rule("R-CLUSTER-8")
def test_r_cluster_8_ip_needs_the_owner_node_on_its_network(refused):
    world = two_subnet_world()
    world.commit(AddServerToDag("DAG1", "MBX9"))
    world.commit(AddClusterResource("DAG1", "Far IP", "Cluster Group", "IP Address"))
    world.commit(SetClusterParameters("DAG1", "Far IP", (("Address", "192.168.2.60"),)))
    network = cluster(world).network_of(cluster(world).resource("Far IP")).name
    refused(world, SetClusterResourceState("DAG1", "Far IP", True), "R-CLUSTER-8", "InvalidOperation",
            f"IP address resource 'Far IP' can't be brought online: node 'mbx1' has no interface on cluster "
            f"network '{network}'.")


@pytest.mark.rule("R-CLUSTER-3")
def test_r_cluster_3_windows_2012_needs_a_prestaged_cno_with_full_control(refused):
    from state.model import ComputerAccount
    from state.transitions import NewDag
    from importlib import resources
    from exshell.labs.loader import load_lab_text
    text = resources.files("exshell.labs").joinpath("default.toml").read_text(encoding="utf-8")
    text = text.replace('exchange_version = "2010"', 'exchange_version = "2013"')
    world = load_lab_text(text.replace("Windows Server 2008 R2 Enterprise", "Windows Server 2012 R2 Standard")).world
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    message = ("Failed to create the cluster name object 'DAG1' in Active Directory on behalf of 'MBX1'. Pre-stage a "
               "disabled computer account named 'DAG1' and give 'MBX1' full control of it. Error: Access is denied.")
    refused(world, AddServerToDag("DAG1", "MBX1"), "R-CLUSTER-3", "PermissionDenied", message)
    world.computer_accounts["dag1"] = ComputerAccount("DAG1", enabled=False, full_control=["MBX2"])
    refused(world, AddServerToDag("DAG1", "MBX1"), "R-CLUSTER-3", "PermissionDenied", message)
    world.computer_accounts["dag1"].full_control.append("Exchange Trusted Subsystem")
    world.commit(AddServerToDag("DAG1", "MBX1"))
    assert world.computer_account("DAG1").enabled
    world.commit(NewDag("DAG2", witness_server="HUB01", ip_addresses=("255.255.255.255",)))
    world.commit(AddServerToDag("DAG2", "MBX2"))                        # IP-less: no CNO at all
    assert world.computer_account("DAG2") is None
