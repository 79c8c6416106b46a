"""DAG creation, properties and membership rules, through the transitions."""

import pytest

from state.transitions import AddServerToDag, NewDag, RemoveDag, RemoveServerFromDag, SetDag


@pytest.mark.rule("R-DAG-1")
def test_new_dag_is_only_a_directory_object(world):
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    dag = world.dag("dag1")
    assert dag.servers == [] and world.cluster_of(dag) is None and dag.networks == []
    assert world.computer_account("DAG1") is None


@pytest.mark.rule("R-DAG-2")
def test_dag_name_too_long(world, refused):
    refused(world, NewDag("ABCDEFGHIJKLMNOP", witness_server="HUB01"), "R-DAG-2", "InvalidArgument",
            "The name 'ABCDEFGHIJKLMNOP' is too long. A database availability group name can't be longer than 15 characters.")


@pytest.mark.rule("R-DAG-2")
@pytest.mark.parametrize("name", ["DAG 1", "DAG.1", "12345"])
def test_dag_name_invalid_characters(world, name, refused):
    refused(world, NewDag(name, witness_server="HUB01"), "R-DAG-2", "InvalidArgument",
            f"The name '{name}' contains characters that aren't valid. A database availability group name "
            "can contain only letters, digits and hyphens, and can't consist only of digits.")


@pytest.mark.rule("R-DAG-3")
def test_dag_name_must_be_unique(world, refused):
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    refused(world, NewDag("dag1", witness_server="HUB01"), "R-DAG-3", "InvalidOperation",
            "An object with the name 'dag1' already exists. Specify a different name for the database availability group.")
    refused(world, NewDag("MBX1", witness_server="HUB01"), "R-DAG-3", "InvalidOperation",
            "An object with the name 'MBX1' already exists. Specify a different name for the database availability group.")


@pytest.mark.rule("R-DAG-4")
def test_remove_dag_needs_no_members(dag_world, refused):
    refused(dag_world, RemoveDag("DAG1"), "R-DAG-4", "InvalidOperation",
            "Database availability group 'DAG1' can't be removed because it still has member servers. "
            "Remove the servers from the database availability group first.")


@pytest.mark.rule("R-DAG-7")
def test_witness_not_by_ip(world, refused):
    refused(world, NewDag("DAG1", witness_server="192.168.1.20"), "R-DAG-7", "InvalidArgument",
            "'192.168.1.20' isn't a valid witness server. Specify the witness server by host name or fully qualified domain name.")


@pytest.mark.rule("R-DAG-7")
def test_witness_cannot_become_member(world, refused):
    world.commit(NewDag("DAG1", witness_server="MBX3"))
    refused(world, AddServerToDag("DAG1", "MBX3"), "R-DAG-7", "InvalidOperation",
            "Server 'MBX3' is the witness server for database availability group 'DAG1' and can't be added to it as a member.")


@pytest.mark.rule("R-DAG-7")
def test_member_cannot_become_witness(dag_world, refused):
    refused(dag_world, SetDag.of("DAG1", witness_server="MBX1"), "R-DAG-7", "InvalidArgument",
            "The witness server 'MBX1' can't be a member of database availability group 'DAG1'.")


@pytest.mark.rule("R-DAG-9")
def test_default_witness_is_a_hub_without_mailbox(world):
    world.commit(NewDag("DAG1"))
    assert world.dag("DAG1").witness_server == "HUB01"


@pytest.mark.rule("R-DAG-14")
@pytest.mark.parametrize("given,mode", [(None, "Dhcp"), (("0.0.0.0",), "Dhcp"), (("192.168.1.50",), "Static")])
def test_ip_address_modes(world, given, mode):
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=given))
    assert world.dag("DAG1").ip_mode == mode


@pytest.mark.rule("R-DAG-18")
def test_apipa_rejected(world, refused):
    refused(world, NewDag("DAG1", witness_server="HUB01", ip_addresses=("169.254.1.1",)), "R-DAG-18", "InvalidArgument",
            "The IP address '169.254.1.1' is an automatic private IP address (APIPA) and can't be used as a database availability group IP address.")


@pytest.mark.rule("R-DAG-16")
def test_dag_address_on_replication_network_rejected(dag_world, refused):
    refused(dag_world, SetDag.of("DAG1", ip_addresses=["10.0.1.50"]), "R-DAG-16", "InvalidArgument",
            "The IP address '10.0.1.50' is in subnet '10.0.1.0/24' of DAG network 'DAGNetwork02', which isn't the MAPI network. "
            "Database availability group IP addresses must be on the MAPI network.")


@pytest.mark.rule("R-DAG-21")
def test_at_most_16_members(world, refused):
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    world.dag("DAG1").servers.extend(f"X{i}" for i in range(16))
    refused(world, AddServerToDag("DAG1", "MBX1"), "R-DAG-21", "InvalidOperation",
            "Database availability group 'DAG1' already has 16 members. A database availability group can't have more than 16 members.")


@pytest.mark.rule("R-DAG-22")
def test_member_needs_mailbox_role(world, refused):
    world.commit(NewDag("DAG1", witness_server="DC01"))
    refused(world, AddServerToDag("DAG1", "HUB01"), "R-DAG-22", "InvalidOperation",
            "Server 'HUB01' doesn't have the Mailbox server role installed and can't be added to database availability group 'DAG1'.")


@pytest.mark.rule("R-DAG-22")
def test_member_needs_running_replication_service(world, refused):
    from state.transitions import PowerOff
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    world.commit(PowerOff("MBX2"))
    refused(world, AddServerToDag("DAG1", "MBX2"), "R-DAG-22", "InvalidOperation",
            "A server-side database availability group administrative operation failed. Server 'MBX2' couldn't be contacted "
            "or the Microsoft Exchange Replication service isn't running on it.")


@pytest.mark.rule("R-DAG-23")
def test_standard_edition_rejected(beta, refused):
    from state.build import add_server
    add_server(beta, "MBX9", ["Mailbox"], "Windows Server 2008 Standard")
    beta.commit(NewDag("DAG1", witness_server="DIONYSUS"))
    refused(beta, AddServerToDag("DAG1", "MBX9"), "R-DAG-23", "InvalidOperation",
            "Server 'MBX9' runs Windows Server 2008 Standard, which isn't supported for database availability group members in this version of Exchange.")


@pytest.mark.rule("R-DAG-25")
@pytest.mark.rule("R-DAG-29")
def test_first_member_forms_cluster(world):
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    cluster = world.cluster_of("DAG1")
    assert cluster.quorum_type == "NodeMajority"
    assert [n.name for n in cluster.nodes] == ["mbx1"]
    assert world.computer_account("DAG1").enabled
    assert world.dns["dag1"].address == "192.168.1.50"
    assert [(r.type, r.state) for r in cluster.resources] == [("Network Name", "Online"), ("IP Address", "Online")]


@pytest.mark.rule("R-DAG-26")
@pytest.mark.rule("R-DAG-11")
def test_second_member_uses_witness(dag_world):
    cluster = dag_world.cluster_of("DAG1")
    assert cluster.quorum_type == "NodeAndFileShareMajority"
    assert "DAG1.contoso.com" in dag_world.server("HUB01").shares
    assert dag_world.dag("DAG1").servers == ["MBX2", "MBX1"]


@pytest.mark.rule("R-DAG-29")
def test_third_member_back_to_node_majority(dag_world):
    dag_world.commit(AddServerToDag("DAG1", "MBX3"))
    assert dag_world.cluster_of("DAG1").quorum_type == "NodeMajority"


@pytest.mark.rule("R-DAG-30")
def test_two_members_survive_one_loss_with_witness(dag_world):
    from state.transitions import PowerOff
    dag_world.commit(PowerOff("MBX1"))
    dag_world.advance(10)
    assert dag_world.cluster_of("DAG1").has_quorum
    dag_world.commit(PowerOff("HUB01"))
    from state import reconfigure
    assert not reconfigure.recompute_quorum(dag_world, dag_world.dag("DAG1"))


@pytest.mark.rule("R-DAG-31")
def test_cannot_remove_server_with_replicated_copy(dag_world, refused):
    from state.build import settle
    from state.transitions import AddDatabaseCopy
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    settle(dag_world, dag_world.copy("DB1", "MBX2"))
    refused(dag_world, RemoveServerFromDag("DAG1", "MBX2"), "R-DAG-31", "InvalidOperation",
            "Server 'MBX2' can't be removed from database availability group 'DAG1' because it hosts a copy of "
            "database 'DB1', which has more than one copy. Remove the database copies first.")


@pytest.mark.rule("R-DAG-33")
def test_last_member_leaving_destroys_cluster(dag_world):
    dag_world.commit(RemoveServerFromDag("DAG1", "MBX2"))
    dag_world.commit(RemoveServerFromDag("DAG1", "MBX1"))
    assert dag_world.cluster_of("DAG1") is None and not dag_world.computer_account("DAG1").enabled


@pytest.mark.rule("R-DAG-35")
def test_dac_mode_values(world, refused):
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    world.commit(SetDag.of("DAG1", datacenter_activation_mode="dagonly"))
    assert world.dag("DAG1").datacenter_activation_mode == "DagOnly"
    refused(world, SetDag.of("DAG1", datacenter_activation_mode="On"), "R-DAG-35", "InvalidArgument",
            "'On' isn't a valid value for DatacenterActivationMode. Valid values are: Off, DagOnly.")


@pytest.mark.rule("R-DAG-36")
def test_compression_defaults_and_values(world, refused):
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    assert world.dag("DAG1").network_compression == "InterSubnetOnly" == world.dag("DAG1").network_encryption
    refused(world, SetDag.of("DAG1", network_encryption="Sometimes"), "R-DAG-36", "InvalidArgument",
            "'Sometimes' isn't a valid value for NetworkEncryption. Valid values are: Disabled, Enabled, InterSubnetOnly, SeedOnly.")


@pytest.mark.rule("R-DAG-37")
def test_no_change_warning(world):
    world.commit(NewDag("DAG1", witness_server="HUB01"))
    events = world.commit(SetDag.of("DAG1", network_encryption="InterSubnetOnly", network_compression="InterSubnetOnly"))
    assert [(e.kind, e.text) for e in events] == [
        ("Warning", "The command completed successfully but no settings of 'DAG1' have been modified.")]


@pytest.mark.rule("R-DAG-43")
def test_status_values(dag_world):
    status = dag_world.dag_status(dag_world.dag("DAG1"))
    assert status.operational_servers == ("MBX2", "MBX1")
    assert status.primary_active_manager == "MBX1"
    assert status.replication_port == 64327


@pytest.mark.rule("R-DAG-46")
def test_beta_witness_share_names(beta):
    beta.commit(NewDag("DAG1", witness_server="dionysus", witness_share="FileShareWitness",
                       witness_directory="c:\\FileShareWitness"))
    dag = beta.dag("DAG1")
    assert dag.file_share_witness_share == "\\\\dionysus\\FileShareWitness"
    assert dag.file_share_witness_directory == "c:\\FileShareWitness"
