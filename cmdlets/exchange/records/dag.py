"""DatabaseAvailabilityGroup and DatabaseAvailabilityGroupNetwork records (output-format §7.1, §7.2)."""

from __future__ import annotations

from typing import Any

from cmdlets.api.values import PSObject
from cmdlets.exchange.records.common import TAILS, directory_values, profile_key, record
from cmdlets.exchange.records.server import server_id

DAG_TYPE = "Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup"
NETWORK_TYPE = "Microsoft.Exchange.Data.DatabaseAvailabilityGroupNetwork"

DAG_BETA = ("Name", "Servers", "FileShareWitnessShare", "FileShareWitnessDirectory",
            "AlternateFileShareWitnessShare", "AlternateFileShareWitnessDirectory", "NetworkCompression",
            "NetworkEncryption", "DatacenterActivationMode", "StoppedMailboxServers", "StartedMailboxServers",
            "OperationalServers", "ControllingActiveManager", "ReplicationPort", "NetworkNames")
_DAG_HEAD = ("RunspaceId", "Name", "Servers", "WitnessServer", "WitnessDirectory", "AlternateWitnessServer",
             "AlternateWitnessDirectory", "NetworkCompression", "NetworkEncryption",
             "ManualDagNetworkConfiguration", "DatacenterActivationMode", "StoppedMailboxServers",
             "StartedMailboxServers", "DatabaseAvailabilityGroupIpv4Addresses",
             "DatabaseAvailabilityGroupIpAddresses", "AllowCrossSiteRpcClientAccess", "OperationalServers",
             "PrimaryActiveManager", "ServersInMaintenance")
DAG_2010 = _DAG_HEAD + ("ThirdPartyReplication", "ReplicationPort", "NetworkNames", "WitnessShareInUse")
_AUTODAG = ("DatabaseAvailabilityGroupConfiguration", "AutoDagSchemaVersion", "AutoDagDatabaseCopiesPerDatabase",
            "AutoDagDatabaseCopiesPerVolume", "AutoDagTotalNumberOfDatabases", "AutoDagTotalNumberOfServers",
            "AutoDagDatabasesRootFolderPath", "AutoDagVolumesRootFolderPath", "AutoDagAllServersInstalled",
            "AutoDagAutoReseedEnabled", "AutoDagDiskReclaimerEnabled", "AutoDagBitlockerEnabled",
            "AutoDagFIPSCompliant")
DAG_2013 = (_DAG_HEAD + ("ServersInDeferredRecovery", "ThirdPartyReplication", "ReplicationPort", "NetworkNames",
                         "WitnessShareInUse") + _AUTODAG + ("ReplayLagManagerEnabled",))
DAG_2016 = (_DAG_HEAD + ("ServersInDeferredRecovery", "ThirdPartyReplication", "ReplicationPort", "NetworkNames",
                         "WitnessShareInUse") + _AUTODAG
            + ("AutoDagAutoRedistributeEnabled", "AutoDagSIPEnabled", "ReplayLagManagerEnabled"))
DAG_LISTS = {"2010-beta1": DAG_BETA, "2010": DAG_2010, "2013": DAG_2013, "2016": DAG_2016}

NETWORK_BETA = ("RunspaceId", "Name", "Description", "Subnets", "Interfaces", "MapiAccessEnabled",
                "ReplicationEnabled", "IgnoreNetwork", "Identity", "IsValid")
NETWORK_LISTS = {"2010-beta1": NETWORK_BETA, "2010": NETWORK_BETA + ("ObjectState",),
                 "2013": NETWORK_BETA + ("ObjectState",), "2016": NETWORK_BETA + ("ObjectState",)}

_AUTODAG_DEFAULTS = {
    "AutoDagSchemaVersion": "1.0", "AutoDagDatabaseCopiesPerDatabase": 1, "AutoDagDatabaseCopiesPerVolume": 1,
    "AutoDagTotalNumberOfDatabases": 0, "AutoDagTotalNumberOfServers": 0,
    "AutoDagDatabasesRootFolderPath": "C:\\ExchangeDatabases", "AutoDagVolumesRootFolderPath": "C:\\ExchangeVolumes",
    "AutoDagAllServersInstalled": False, "AutoDagAutoReseedEnabled": True, "AutoDagDiskReclaimerEnabled": True,
    "AutoDagBitlockerEnabled": False, "AutoDagFIPSCompliant": False, "AutoDagAutoRedistributeEnabled": True,
    "AutoDagSIPEnabled": False, "ReplayLagManagerEnabled": False,
}


def _status_values(world: Any, dag: Any, status: bool, seen: Any = None) -> dict[str, Any]:
    """R-DAG-43: without -Status, OperationalServers/PAM are $null, ReplicationPort 0,
    NetworkNames and the server lists empty collections (`{}`). ``seen`` is the DagStatus the
    cluster the task opened gives (default: the cluster's own); False when it opened none."""
    if not status or seen is False:
        return {"OperationalServers": None, "PrimaryActiveManager": None, "ControllingActiveManager": None,
                "ReplicationPort": 0, "NetworkNames": [], "WitnessShareInUse": None, "ServersInMaintenance": None,
                "ServersInDeferredRecovery": None}
    s = world.dag_status(dag) if seen is None else seen
    return {"OperationalServers": [server_id(world, n) for n in s.operational_servers],
            "PrimaryActiveManager": server_id(world, s.primary_active_manager),
            "ControllingActiveManager": s.controlling_active_manager, "ReplicationPort": s.replication_port,
            "NetworkNames": list(s.network_names), "WitnessShareInUse": s.witness_share_in_use,
            "ServersInMaintenance": [], "ServersInDeferredRecovery": []}


def _fqdn(world: Any, name: str) -> str:
    server = world.server(name)
    return server.fqdn if server else name


def dag_record(world: Any, dag: Any, version: str, runspace_id: str, status: bool = False,
               seen: Any = None) -> PSObject:
    key = profile_key(version)
    dc = next((s.fqdn for s in world.servers.values() if s.is_domain_controller), None)
    values: dict[str, Any] = {
        "RunspaceId": runspace_id, "Name": dag.name, "Servers": [server_id(world, n) for n in dag.servers],
        "FileShareWitnessShare": dag.file_share_witness_share,
        "FileShareWitnessDirectory": dag.file_share_witness_directory,
        "WitnessServer": dag.witness_server, "WitnessDirectory": dag.witness_directory,
        "AlternateWitnessServer": dag.alternate_witness_server,
        "AlternateWitnessDirectory": dag.alternate_witness_directory,
        "NetworkCompression": dag.network_compression, "NetworkEncryption": dag.network_encryption,
        "ManualDagNetworkConfiguration": dag.manual_dag_network_configuration,
        "DatacenterActivationMode": dag.datacenter_activation_mode,
        "StoppedMailboxServers": [_fqdn(world, n) for n in dag.stopped_mailbox_servers],
        "StartedMailboxServers": [_fqdn(world, n) for n in dag.started_mailbox_servers],
        "DatabaseAvailabilityGroupIpv4Addresses": dag.database_availability_group_ipv4_addresses,
        "DatabaseAvailabilityGroupIpAddresses": dag.database_availability_group_ip_addresses,
        "AllowCrossSiteRpcClientAccess": dag.allow_cross_site_rpc_client_access,
        "ThirdPartyReplication": dag.third_party_replication, "DatabaseAvailabilityGroupConfiguration": None,
        **_AUTODAG_DEFAULTS, **dag.auto_dag_settings,
        **_status_values(world, dag, status, seen),
        **directory_values(dag, world, version, identity=dag.name, category="ms-Exch-MDB-Availability-Group",
                           object_class=dag.object_class, dn=dag.distinguished_name, originating=dc),
    }
    return record(DAG_TYPE, DAG_LISTS[key] + TAILS[key], values, dag.name)


def network_record(world: Any, net: Any, version: str, runspace_id: str, viewer: str | None = None) -> PSObject:
    """R-NET-7: Identity `DAG\\Name`, live Subnets and Interfaces (as ``viewer`` sees them)."""
    values = {
        "RunspaceId": runspace_id, "Name": net.name, "Description": net.description or None,
        "Subnets": world.dag_network_subnets(net, viewer), "Interfaces": world.dag_network_interfaces(net, viewer),
        "MapiAccessEnabled": net.mapi_access_enabled, "ReplicationEnabled": net.replication_enabled,
        "IgnoreNetwork": net.ignore_network, "Identity": net.identity, "IsValid": True, "ObjectState": "New",
    }
    return record(NETWORK_TYPE, NETWORK_LISTS[profile_key(version)], values, net.identity,
                  bases=("Microsoft.Exchange.Data.ConfigurableObject", "System.Object"))
