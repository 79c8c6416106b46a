"""The dedicated backup network of seed 000 (R-BACKUP-*), through the transitions and the
backup application's two queries."""

import pytest

from exshell.labs import load_lab
from state import RuleViolation
from state.reconfigure import RECONCILE_SECONDS
from state.rules.backup import Route, discover_topology, session_route
from state.transitions import AddServerToDag, NewDag, SetDag, SetDagNetwork
from tests.state.test_cluster_rules import BACKUP, hand_made_backup_ip, seed000_world


def add_hosts(server, **entries):
    """Append lines to the machine's hosts file, as an admin editing it would."""
    from state.model.filesystem import HOSTS_PATH
    server.files.write(HOSTS_PATH, "".join(f"{ip}\t{name}\n" for name, ip in entries.items()), append=True)


@pytest.fixture
def seed000():
    return seed000_world()


@pytest.mark.rule("R-BACKUP-1")
def test_r_backup_1_dag_address_on_the_backup_subnet_is_refused(seed000, refused):
    refused(seed000, SetDag.of("DAG1", ip_addresses=["192.168.1.50", "10.0.2.50"]), "R-DAG-16", "InvalidArgument",
            "The IP address '10.0.2.50' is in subnet '10.0.2.0/24' of DAG network 'DAGNetwork02', which isn't the "
            "MAPI network. Database availability group IP addresses must be on the MAPI network.")


@pytest.mark.rule("R-BACKUP-1")
def test_r_backup_1_address_given_before_the_network_is_known_never_becomes_a_resource():
    world = load_lab("seed000").world
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50", "10.0.2.50")))
    world.commit(AddServerToDag("DAG1", "NODEA"))
    ips = [r.parameters["Address"] for r in world.cluster_of("DAG1").resources_of_type("IP Address")]
    assert ips == ["192.168.1.50"]


@pytest.mark.rule("R-BACKUP-2")
def test_r_backup_2_backup_adapter_discovered_like_any_network(seed000):
    nets = [(n.name, n.subnet_ids, n.mapi_access_enabled, n.replication_enabled, n.ignore_network)
            for n in seed000.dag("DAG1").networks]
    assert nets == [("DAGNetwork01", ["192.168.1.0/24"], True, True, False),
                    ("DAGNetwork02", ["10.0.2.0/24"], False, True, False)]
    assert seed000.cluster_of("DAG1").network(BACKUP).role == 1


@pytest.mark.rule("R-BACKUP-3")
def test_r_backup_3_recommended_settings_stop_cluster_use_but_keep_the_network(seed000):
    seed000.commit(SetDagNetwork("DAG1", "DAGNetwork02", replication_enabled=False, ignore_network=True))
    net = seed000.dag("DAG1").network("DAGNetwork02")
    assert (net.replication_enabled, net.ignore_network, net.subnet_ids) == (False, True, ["10.0.2.0/24"])
    assert seed000.cluster_of("DAG1").network(BACKUP).role == 0
    seed000.advance(2 * RECONCILE_SECONDS)                     # Exchange keeps it at 0
    assert seed000.cluster_of("DAG1").network(BACKUP).role == 0


@pytest.mark.rule("R-BACKUP-4")
def test_r_backup_4_discovery_over_the_mapi_network(seed000):
    assert discover_topology(seed000, "BACKUP01", "DAG1") == Route("192.168.1.50", "dns", "MAPI")


@pytest.mark.rule("R-BACKUP-4")
def test_r_backup_4_discovery_fails_without_a_route_to_the_mapi_network(seed000):
    backup01 = seed000.server("BACKUP01")
    backup01.nics = [n for n in backup01.nics if n.name == "Backup"]
    with pytest.raises(RuleViolation) as info:
        discover_topology(seed000, "BACKUP01", "DAG1")
    assert (info.value.rule_id, info.value.category, info.value.message) == (
        "R-BACKUP-4", "ResourceUnavailable",
        "Topology discovery failed: 'BACKUP01' has no route to 192.168.1.50 ('DAG1').")


@pytest.mark.rule("R-BACKUP-4")
def test_r_backup_4_discovery_fails_when_the_name_is_unknown(seed000):
    del seed000.dns["dag1"]
    with pytest.raises(RuleViolation) as info:
        discover_topology(seed000, "BACKUP01", "DAG1")
    assert info.value.message == "Topology discovery failed: the name 'DAG1' couldn't be resolved from 'BACKUP01'."


@pytest.mark.rule("R-BACKUP-5")
def test_r_backup_5_hosts_entry_sends_the_session_over_the_backup_network(seed000):
    assert session_route(seed000, "BACKUP01", "NODEA") == Route("192.168.1.11", "dns", "MAPI")
    add_hosts(seed000.server("BACKUP01"), NODEA="10.0.2.11")
    assert session_route(seed000, "BACKUP01", "nodea.contoso.com") == Route("10.0.2.11", "hosts", "Backup")


@pytest.mark.rule("R-BACKUP-6")
def test_r_backup_6_members_without_a_local_hosts_entry_fall_back_to_dns(seed000):
    add_hosts(seed000.server("BACKUP01"), NODEA="10.0.2.11", NODEB="10.0.2.12")
    routes = [session_route(seed000, "BACKUP01", n).adapter for n in ("NODEA", "NODEB", "NODEC")]
    assert routes == ["Backup", "Backup", "MAPI"]


@pytest.mark.rule("R-BACKUP-7")
def test_r_backup_7_the_shortcut_works_until_reconciliation(seed000):
    hand_made_backup_ip(seed000)
    backup01 = seed000.server("BACKUP01")
    add_hosts(backup01, DAG1="10.0.2.50")                     # the backup app pointed at the hand-made IP
    assert discover_topology(seed000, "BACKUP01", "DAG1") == Route("10.0.2.50", "hosts", "Backup")
    seed000.advance(2 * RECONCILE_SECONDS)                     # role back to 1, the IP fails (D1)
    assert seed000.cluster_of("DAG1").network(BACKUP).role == 1
    assert seed000.cluster_of("DAG1").resource("Backup IP").state == "Failed"
    with pytest.raises(RuleViolation) as info:
        discover_topology(seed000, "BACKUP01", "DAG1")
    assert info.value.rule_id == "R-BACKUP-4"
    seed000.commit(SetDag.of("DAG1"))                          # the next integrated cmdlet deletes it
    assert seed000.cluster_of("DAG1").resource("Backup IP") is None


@pytest.mark.rule("R-BACKUP-8")
def test_r_backup_8_backup_of_active_and_passive_copies_sets_the_dates(seed000, refused):
    from state.build import settle
    from state.transitions import AddDatabaseCopy, BackupDatabaseCopy
    seed000.commit(AddDatabaseCopy("DB1", "NODEB"))
    settle(seed000, seed000.copy("DB1", "NODEB"))
    add_hosts(seed000.server("BACKUP01"), NODEB="10.0.2.12")
    seed000.advance(3600)
    events = seed000.commit(BackupDatabaseCopy("BACKUP01", "DB1", "NODEB"))     # the passive copy
    db = seed000.database("DB1")
    assert (db.last_full_backup, db.last_incremental_backup) == (seed000.now, None)
    assert [e.payload for e in events if e.kind == "Result"] == [Route("10.0.2.12", "hosts", "Backup")]
    seed000.advance(60)
    seed000.commit(BackupDatabaseCopy("BACKUP01", "DB1", "NODEA", kind="Incremental"))   # the active one
    assert db.last_incremental_backup == seed000.now
    refused(seed000, BackupDatabaseCopy("BACKUP01", "DB1", "NODEC"), "R-BACKUP-8", "InvalidOperation",
            "The copy of database 'DB1' on 'NODEC' can't be backed up: it is missing.")


@pytest.mark.rule("R-BACKUP-4")
def test_r_backup_4_discovery_fails_when_the_owner_subnet_has_no_dag_address():
    from state import build
    from state.model import Nic
    from state.transitions import MoveClusterGroup
    world = load_lab("default").world
    build.add_site(world, "DR")
    build.add_server(world, "MBX9", ["Mailbox"], "Windows Server 2008 R2 Enterprise", site="DR",
                     nics=[Nic("MAPI", "192.168.2.19", 24, "192.168.2.1", ["192.168.1.10"], True)])
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    world.commit(AddServerToDag("DAG1", "MBX9"))
    assert discover_topology(world, "HUB01", "DAG1").address == "192.168.1.50"
    world.commit(MoveClusterGroup("DAG1", "Cluster Group", "MBX9"))     # no DAG address on 192.168.2.0/24
    with pytest.raises(RuleViolation) as info:
        discover_topology(world, "HUB01", "DAG1")
    assert info.value.message == ("Topology discovery failed: nothing answers at 192.168.1.50 ('DAG1'); the "
                                  "cluster IP address is not online.")
