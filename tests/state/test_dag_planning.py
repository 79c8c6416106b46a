"""DAG rules beyond creation basics: witness reachability and permissions, addressing modes,
membership options, cluster-database settings, DiscoverNetworks, latency (R-DAG-5..R-DAG-45)."""

import datetime as dt

import pytest

from exshell.labs import load_lab
from state import reconfigure
from state.build import add_server
from state.model import Nic
from state.rules import dag as dag_rules
from state.transitions import (AddDatabaseCopy, AddServerToDag, NewDag, PowerOff, RemoveServerFromDag, SetDag)


@pytest.fixture
def w2013():
    """The seed 002 lab before its setup script: Exchange 2013, two sites, no DAG."""
    return load_lab("seed002").world


def warnings(events):
    return [(e.rule_id, e.text) for e in events if e.kind == "Warning"]


def ips(world, dag="DAG1"):
    return sorted(r.parameters["Address"] for r in world.cluster_of(dag).resources_of_type("IP Address"))


@pytest.mark.rule("R-DAG-5")
def test_third_party_replication_refuses_database_copies(world, refused):
    events = world.commit(NewDag("DAG1", witness_server="HUB01", third_party_replication="Enabled"))
    assert warnings(events) == [("R-DAG-5", "Database availability group 'DAG1' is created for third-party "
                                 "replication. Continuous replication can't be used in it, and third-party "
                                 "replication can't be turned off later.")]
    world.commit(AddServerToDag("DAG1", "MBX1"))
    world.commit(AddServerToDag("DAG1", "MBX2"))
    assert world.dag("DAG1").third_party_replication == "Enabled"
    refused(world, AddDatabaseCopy("DB1", "MBX2"), "R-DAG-5", "InvalidOperation",
            "Database availability group 'DAG1' is configured for third-party replication. "
            "Continuous replication operations aren't available.")


@pytest.mark.rule("R-DAG-6")
def test_members_run_the_same_exchange_major_version(dag_world, refused):
    add_server(dag_world, "MBX9", ["Mailbox"], "Windows Server 2008 R2 Enterprise",
               nics=[Nic("MAPI", "192.168.1.19", gateway="192.168.1.1", register_in_dns=True)], exchange_version="2013")
    refused(dag_world, AddServerToDag("DAG1", "MBX9"), "R-DAG-6", "InvalidOperation",
            "Server 'MBX9' runs a different version of Exchange than the members of database availability group 'DAG1'.")


@pytest.mark.rule("R-DAG-8")
def test_witness_directory_belongs_to_one_dag(world, refused):
    world.commit(NewDag("DAG1", witness_server="HUB01", witness_directory="C:\\FSW"))
    refused(world, NewDag("DAG2", witness_server="hub01.contoso.com", witness_directory="c:\\fsw"), "R-DAG-8",
            "InvalidArgument", "The witness directory 'c:\\fsw' on server 'hub01.contoso.com' is already used by "
            "database availability group 'DAG1'.")
    world.commit(NewDag("DAG2", witness_server="HUB01", witness_directory="C:\\FSW2"))   # same server is fine
    assert world.dag("DAG2").witness_server == "HUB01"


@pytest.mark.rule("R-DAG-10")
def test_unreachable_witness_without_directory_is_refused(world, refused):
    world.commit(PowerOff("HUB01"))
    refused(world, NewDag("DAG1", witness_server="HUB01"), "R-DAG-10", "InvalidOperation",
            "The task was unable to create the default witness directory on server HUB01. "
            "Please manually specify a witness directory.")


@pytest.mark.rule("R-DAG-10")
def test_unreachable_witness_with_directory_only_warns(world):
    events = world.commit(NewDag("DAG1", witness_server="fs01.contoso.com", witness_directory="C:\\DAG1"))
    assert warnings(events) == [("R-DAG-10", "Unable to access file shares on witness server 'fs01.contoso.com'. Until this "
                                 "problem is corrected, the database availability group may be more vulnerable to "
                                 "failures. You can use the Set-DatabaseAvailabilityGroup cmdlet to try the "
                                 "operation again.")]
    assert world.dag("DAG1").witness_server == "fs01.contoso.com"


@pytest.mark.rule("R-DAG-12")
def test_non_exchange_witness_needs_trusted_subsystem(world, refused):
    world.server("DC01").exchange_trusted_subsystem_is_admin = False
    world.commit(NewDag("DAG1", witness_server="DC01", witness_directory="C:\\DAG1"))
    world.commit(AddServerToDag("DAG1", "MBX1"))          # one member: the witness isn't needed yet
    refused(world, AddServerToDag("DAG1", "MBX2"), "R-DAG-12", "PermissionDenied",
            "Unable to create the witness directory 'C:\\DAG1' on witness server 'DC01'. Make sure the Exchange "
            "Trusted Subsystem universal security group is a member of the local Administrators group on the "
            "witness server. Error: Access is denied.")
    world.server("DC01").exchange_trusted_subsystem_is_admin = True
    world.commit(AddServerToDag("DAG1", "MBX2"))
    assert "DAG1.contoso.com" in world.server("DC01").shares


@pytest.mark.rule("R-DAG-13")
def test_alternate_witness_follows_the_witness_rules(dag_world, refused):
    refused(dag_world, SetDag.of("DAG1", alternate_witness_server="MBX2"), "R-DAG-7",
            "InvalidArgument", "The witness server 'MBX2' can't be a member of database availability group 'DAG1'.")
    dag_world.commit(NewDag("DAG2", witness_server="HUB01", witness_directory="C:\\DAG2"))
    refused(dag_world, SetDag.of("DAG1", alternate_witness_server="HUB01", alternate_witness_directory="C:\\DAG2"),
            "R-DAG-8", "InvalidArgument",
            "The witness directory 'C:\\DAG2' on server 'HUB01' is already used by database availability group 'DAG2'.")
    dag_world.commit(SetDag.of("DAG1", alternate_witness_server="DC01", alternate_witness_directory="C:\\DAG1"))
    assert dag_world.dag("DAG1").alternate_witness_server == "DC01"


@pytest.mark.rule("R-DAG-15")
def test_ip_less_dag_needs_2012_r2_members(w2013, refused):
    w2013.commit(NewDag("DAG9", witness_server="CAS1", ip_addresses=("255.255.255.255",)))
    refused(w2013, AddServerToDag("DAG9", "MBX1"), "R-DAG-15", "InvalidOperation",
            "Server 'MBX1' runs Windows Server 2012 Standard. A database availability group without an administrative "
            "access point requires Windows Server 2012 R2 or later on every member.")
    w2013.commit(AddServerToDag("DAG9", "MBX6"))
    cluster = w2013.cluster_of("DAG9")
    assert cluster.resources_of_type("IP Address") == [] and w2013.computer_account("DAG9") is None


@pytest.mark.rule("R-DAG-15")
def test_2010_has_no_ip_less_dag(world, refused):
    refused(world, NewDag("DAG1", witness_server="HUB01", ip_addresses=("255.255.255.255",)), "R-DAG-15",
            "InvalidArgument", "This version of Exchange doesn't support a database availability group without an "
            "administrative access point.")


@pytest.mark.rule("R-DAG-17")
def test_one_static_address_per_mapi_subnet(dag_world, refused):
    refused(dag_world, SetDag.of("DAG1", ip_addresses=["192.168.1.50", "192.168.1.51"]), "R-DAG-17", "InvalidArgument",
            "The IP addresses '192.168.1.50' and '192.168.1.51' are in the same subnet. "
            "Specify at most one address per MAPI subnet.")


@pytest.mark.rule("R-DAG-19")
def test_set_ip_addresses_replaces_the_list(w2013):
    w2013.commit(NewDag("DAG1", witness_server="CAS1", ip_addresses=("172.19.18.50", "172.19.19.50")))
    for server in ("MBX1", "MBX3"):
        w2013.commit(AddServerToDag("DAG1", server))
    assert ips(w2013) == ["172.19.18.50", "172.19.19.50"]
    w2013.commit(SetDag.of("DAG1", ip_addresses=["172.19.18.60"]))
    assert w2013.dag("DAG1").ip_addresses == ["172.19.18.60"] and ips(w2013) == ["172.19.18.60"]


@pytest.mark.rule("R-DAG-20")
def test_access_point_mode_fixed_once_clustered(w2013, refused):
    w2013.commit(NewDag("DAG1", witness_server="CAS1", ip_addresses=("172.19.18.50",)))
    w2013.commit(SetDag.of("DAG1", ip_addresses=["255.255.255.255"]))      # no cluster yet: allowed
    w2013.commit(SetDag.of("DAG1", ip_addresses=["172.19.18.50"]))
    w2013.commit(AddServerToDag("DAG1", "MBX1"))
    refused(w2013, SetDag.of("DAG1", ip_addresses=["255.255.255.255"]), "R-DAG-20", "InvalidOperation",
            "The failover cluster of database availability group 'DAG1' already exists. A database availability "
            "group can't be switched between having and not having an administrative access point after its "
            "cluster has been created.")


@pytest.mark.rule("R-DAG-24")
def test_add_installs_failover_clustering(world):
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    assert not world.server("MBX1").failover_clustering_installed
    world.commit(AddServerToDag("DAG1", "MBX1"))
    assert world.server("MBX1").failover_clustering_installed


@pytest.mark.rule("R-DAG-27")
def test_addresses_become_resources_as_members_bring_subnets(w2013):
    w2013.commit(NewDag("DAG1", witness_server="CAS1", ip_addresses=("172.19.18.50", "172.19.19.50")))
    w2013.commit(AddServerToDag("DAG1", "MBX1"))
    assert ips(w2013) == ["172.19.18.50"]
    w2013.commit(AddServerToDag("DAG1", "MBX3"))
    assert ips(w2013) == ["172.19.18.50", "172.19.19.50"]
    (name,) = w2013.cluster_of("DAG1").resources_of_type("Network Name")
    assert sorted(name.dependencies) == ["IPv4 Address 172.19.18.50", "IPv4 Address 172.19.19.50"]


@pytest.mark.rule("R-DAG-28")
@pytest.mark.parametrize("skip,expected", [(False, 1), (True, 0)])
def test_skip_dag_validation_silences_witness_warnings(world, skip, expected):
    world.commit(NewDag("DAG1", witness_server="HUB01", witness_directory="C:\\DAG1"))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    world.commit(PowerOff("HUB01"))
    events = world.commit(AddServerToDag("DAG1", "MBX2", skip_dag_validation=skip))
    assert [r for r, _ in warnings(events)] == ["R-DAG-11"] * expected
    assert world.dag("DAG1").has_member("MBX2")


@pytest.mark.rule("R-DAG-32")
def test_unreachable_member_leaves_only_with_configuration_only(dag_world, refused):
    dag_world.commit(PowerOff("MBX2"))
    refused(dag_world, RemoveServerFromDag("DAG1", "MBX2"), "R-DAG-32", "ResourceUnavailable",
            "Server 'MBX2' couldn't be contacted. Use the ConfigurationOnly parameter to remove an unreachable server.")
    dag_world.commit(RemoveServerFromDag("DAG1", "MBX2", configuration_only=True))
    assert dag_world.dag("DAG1").servers == ["MBX1"]
    assert [n.name for n in dag_world.cluster_of("DAG1").nodes] == ["mbx1"]


@pytest.mark.rule("R-DAG-34")
def test_without_ad_latency_the_second_add_joins_the_same_cluster(dag_world):
    assert list(dag_world.clusters) == ["dag1"]
    assert [a.name for a in dag_world.computer_accounts.values() if a.name.lower().startswith("dag")] == ["DAG1"]
    assert [n.name for n in dag_world.cluster_of("DAG1").nodes] == ["mbx1", "mbx2"]


@pytest.mark.rule("R-DAG-38")
def test_set_without_parameters_repairs_the_witness_share(dag_world):
    hub = dag_world.server("HUB01")
    del hub.shares["DAG1.contoso.com"]
    events = dag_world.commit(SetDag.of("DAG1"))
    assert "DAG1.contoso.com" in hub.shares
    assert warnings(events) == [("R-DAG-37", "The command completed successfully but no settings of 'DAG1' have been modified.")]


@pytest.mark.rule("R-DAG-39")
def test_replication_port_default_and_change(dag_world):
    assert dag_world.dag("DAG1").replication_port == 64327
    dag_world.commit(SetDag.of("DAG1", replication_port=64000))
    assert dag_world.dag_status(dag_world.dag("DAG1")).replication_port == 64000


@pytest.mark.rule("R-DAG-40")
@pytest.mark.parametrize("setting,value,parameter", [
    ("replication_port", 64000, "ReplicationPort"), ("network_compression", "Disabled", "NetworkCompression"),
    ("network_encryption", "Enabled", "NetworkEncryption")])
def test_cluster_database_settings_need_a_cluster(world, refused, setting, value, parameter):
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    refused(world, SetDag.of("DAG1", **{setting: value}), "R-DAG-40", "InvalidOperation",
            f"The {parameter} setting of database availability group 'DAG1' is stored in the cluster database, "
            "and the cluster isn't running or doesn't have quorum. Try again when the cluster is available.")
    world.commit(AddServerToDag("DAG1", "MBX1"))
    world.commit(SetDag.of("DAG1", **{setting: value}))
    assert getattr(world.dag("DAG1"), setting) == value


@pytest.mark.rule("R-DAG-40")
def test_discover_networks_needs_quorum(dag_world, refused):
    for server in ("MBX1", "MBX2", "HUB01"):
        dag_world.commit(PowerOff(server))
    dag_world.advance(30)
    assert not dag_world.cluster_of("DAG1").has_quorum
    refused(dag_world, SetDag.of("DAG1", discover_networks=True), "R-DAG-40", "InvalidOperation",
            "The DiscoverNetworks setting of database availability group 'DAG1' is stored in the cluster database, "
            "and the cluster isn't running or doesn't have quorum. Try again when the cluster is available.")


@pytest.mark.rule("R-DAG-41")
def test_manual_network_configuration_default_and_switch(w2013):
    w2013.commit(NewDag("DAG1", witness_server="CAS1"))
    assert w2013.dag("DAG1").manual_dag_network_configuration is False
    w2013.commit(SetDag.of("DAG1", manual_dag_network_configuration=True))
    assert w2013.dag("DAG1").manual_dag_network_configuration is True


@pytest.mark.rule("R-DAG-42")
def test_discover_networks_picks_up_and_drops_subnets(dag_world):
    mbx1 = dag_world.server("MBX1")
    mbx1.nics.append(Nic("iSCSI", "10.9.9.11"))
    dag_world.commit(SetDag.of("DAG1", discover_networks=True))
    dag = dag_world.dag("DAG1")
    assert [(n.name, n.subnet_ids) for n in dag.networks] == [
        ("DAGNetwork01", ["192.168.1.0/24"]), ("DAGNetwork02", ["10.0.1.0/24"]), ("DAGNetwork03", ["10.9.9.0/24"])]
    mbx1.nics.pop()
    dag_world.commit(SetDag.of("DAG1", discover_networks=True))
    assert dag.network("DAGNetwork03").subnet_ids == []
    assert [c.subnet for c in dag_world.cluster_of("DAG1").networks] == ["192.168.1.0/24", "10.0.1.0/24"]


@pytest.mark.rule("R-DAG-42")
def test_discover_networks_rebuilds_automatic_networks_keeping_flags(w2013):
    w2013.commit(NewDag("DAG1", witness_server="CAS1", ip_addresses=("172.19.18.50",)))
    w2013.commit(AddServerToDag("DAG1", "MBX1"))
    dag = w2013.dag("DAG1")
    dag.network("ReplicationDagNetwork01").replication_enabled = False
    w2013.commit(SetDag.of("DAG1", discover_networks=True))
    assert [(n.name, n.replication_enabled) for n in dag.networks] == [
        ("MapiDagNetwork", True), ("ReplicationDagNetwork01", False)]


@pytest.mark.rule("R-DAG-44")
def test_preference_move_frequency_limits(w2013, refused):
    w2013.commit(NewDag("DAG1", witness_server="CAS1"))
    assert w2013.dag("DAG1").preference_move_frequency == dt.timedelta(hours=1)
    refused(w2013, SetDag.of("DAG1", preference_move_frequency=dt.timedelta(days=50)), "R-DAG-44", "InvalidArgument",
            "'50.00:00:00' isn't a valid value for PreferenceMoveFrequency. Specify a value no greater than "
            "49.17:02:47 or [System.Threading.Timeout]::InfiniteTimeSpan.")
    w2013.commit(SetDag.of("DAG1", preference_move_frequency=dt.timedelta(milliseconds=-1)))
    assert w2013.dag("DAG1").preference_move_frequency == dt.timedelta(milliseconds=-1)


@pytest.mark.rule("R-DAG-45")
def test_high_latency_is_reported_not_blocked(w2013):
    w2013.commit(NewDag("DAG1", witness_server="CAS1", ip_addresses=("172.19.18.50", "172.19.19.50")))
    w2013.commit(AddServerToDag("DAG1", "MBX1"))
    w2013.commit(AddServerToDag("DAG1", "MBX3"))
    dag = w2013.dag("DAG1")
    assert dag_rules.high_latency_pairs(w2013, dag) == []
    w2013.links[frozenset(("redmond", "dublin"))] = 600
    w2013.commit(AddServerToDag("DAG1", "MBX4"))
    assert dag_rules.high_latency_pairs(w2013, dag) == [("MBX4", "MBX1", 600), ("MBX3", "MBX1", 600)]


def test_quorum_is_recomputed_after_discovery(dag_world):
    """R-DAG-42 goes through the integrated reconfiguration: quorum model unchanged by rediscovery."""
    dag_world.commit(SetDag.of("DAG1", discover_networks=True))
    assert dag_world.cluster_of("DAG1").quorum_type == "NodeAndFileShareMajority"
    assert reconfigure.votes(dag_world, dag_world.dag("DAG1")) == (3, 3)


@pytest.mark.rule("R-DAG-32")
def test_configuration_only_without_quorum_keeps_the_node(dag_world):
    dag_world.commit(PowerOff("MBX2"))
    dag_world.commit(PowerOff("HUB01"))
    dag_world.advance(30)
    assert not dag_world.cluster_of("DAG1").has_quorum
    dag_world.commit(RemoveServerFromDag("DAG1", "MBX2", configuration_only=True))
    assert dag_world.dag("DAG1").servers == ["MBX1"]
    assert [n.name for n in dag_world.cluster_of("DAG1").nodes] == ["mbx1", "mbx2"]


@pytest.mark.rule("R-DAG-22")
def test_removing_a_server_that_is_not_a_member(dag_world, refused):
    refused(dag_world, RemoveServerFromDag("DAG1", "MBX3"), "R-DAG-22", "InvalidOperation",
            "Server 'MBX3' isn't a member of database availability group 'DAG1'.")


@pytest.mark.rule("R-DAG-7")
@pytest.mark.parametrize("value", ["", None, "  "])
def test_witness_server_cannot_be_cleared(dag_world, refused, value):
    refused(dag_world, SetDag.of("DAG1", witness_server=value), "R-DAG-7", "InvalidArgument",
            f"'{value or ''}' isn't a valid witness server. Specify the witness server by host name or fully "
            "qualified domain name.")
    dag_world.commit(SetDag.of("DAG1", alternate_witness_server="DC01"))
    dag_world.commit(SetDag.of("DAG1", alternate_witness_server=None))       # the alternate can be cleared
    assert dag_world.dag("DAG1").alternate_witness_server is None


@pytest.mark.rule("R-DAG-7")
def test_witness_in_another_forest_is_refused(world, refused):
    refused(world, NewDag("DAG1", witness_server="fs1.fabrikam.com", witness_directory="C:\\DAG1"), "R-DAG-7",
            "InvalidArgument", "The witness server 'fs1.fabrikam.com' isn't in the same Active Directory forest as "
                               "the database availability group.")
    world.commit(NewDag("DAG1", witness_server="HUB01.contoso.com"))
    events = world.commit(SetDag.of("DAG1", witness_server="fs1.emea.contoso.com", witness_directory="C:\\DAG1"))
    assert world.dag("DAG1").witness_server == "fs1.emea.contoso.com"
    assert [r for r, _ in warnings(events)] == ["R-DAG-10"]          # not in the lab: unreachable


@pytest.mark.rule("R-DAG-22")
def test_replication_service_is_checked_before_the_witness(world, refused):
    """Add-DatabaseAvailabilityGroupServer checks the Replication service before whether the
    server is the DAG's witness (R-DAG-7 comes last)."""
    world.commit(NewDag("DAG1", witness_server="MBX3", witness_directory="C:\\DAG1"))
    world.commit(PowerOff("MBX3"))
    refused(world, AddServerToDag("DAG1", "MBX3"), "R-DAG-22", "InvalidOperation",
            "A server-side database availability group administrative operation failed. Server 'MBX3' couldn't be "
            "contacted or the Microsoft Exchange Replication service isn't running on it.")


@pytest.mark.rule("R-DAG-31")
def test_replicated_copies_are_checked_before_reachability(dag_world, refused):
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    dag_world.commit(PowerOff("MBX2"))
    refused(dag_world, RemoveServerFromDag("DAG1", "MBX2", configuration_only=True), "R-DAG-31", "InvalidOperation",
            "Server 'MBX2' can't be removed from database availability group 'DAG1' because it hosts a copy of "
            "database 'DB1', which has more than one copy. Remove the database copies first.")


def test_a_leaving_member_leaves_the_started_list(dag_world):
    """Remove-DatabaseAvailabilityGroupServer also takes the server off StartedMailboxServers."""
    dag = dag_world.dag("DAG1")
    dag.started_mailbox_servers = ["MBX1", "MBX2"]
    dag_world.commit(RemoveServerFromDag("DAG1", "MBX2"))
    assert dag.started_mailbox_servers == ["MBX1"]


@pytest.mark.rule("R-DAG-7")
def test_witness_host_name_must_be_a_known_computer(world, refused):
    refused(world, NewDag("DAG1", witness_server="FS01", witness_directory="C:\\DAG1"), "R-DAG-7", "InvalidArgument",
            "Unable to find the fully qualified domain name for witness server 'FS01'. Specify an existing computer "
            "by host name or fully qualified domain name.")


@pytest.mark.rule("R-DAG-13")
def test_alternate_on_the_same_server_uses_the_same_directory(dag_world, refused):
    dag_world.commit(SetDag.of("DAG1", witness_directory="C:\\DAG1"))
    refused(dag_world, SetDag.of("DAG1", alternate_witness_server="hub01.contoso.com",
                                 alternate_witness_directory="C:\\DAG1ALT"), "R-DAG-13", "InvalidArgument",
            "Witness server 'hub01.contoso.com' is both the witness and the alternate witness server, but with "
            "different directories ('C:\\DAG1' and 'C:\\DAG1ALT'). Use the same directory for both.")
    dag_world.commit(SetDag.of("DAG1", alternate_witness_server="HUB01", alternate_witness_directory="C:\\DAG1"))
