"""DAG object cmdlets: New-, Set-, Get-, Remove-DatabaseAvailabilityGroup (R-DAG-1..20, 35..46)."""

from __future__ import annotations

from typing import Any

import attrs

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.errors import rule_error_id
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import E2010_SNAPIN, SYSTEM_CONFIGURATION_TASKS, ExchangeCmdlet
from cmdlets.cluster.base import reach
from cmdlets.exchange.records.dag import dag_record
from state.health import DagStatus
from state.transitions import NewDag, RemoveDag, SetDag

EXCHANGE = {"from_catalog": True, "namespace": SYSTEM_CONFIGURATION_TASKS, "module": E2010_SNAPIN}
BETA = ("2010-beta1",)
SINCE_2013 = ("2013", "2016", "2019")
DC_IGNORED = "one simulated domain controller"


def split_unc(path: str) -> tuple[str, str | None]:
    r"""``\\dionysus\FileShareWitness`` -> ('dionysus', 'FileShareWitness') (R-DAG-46)."""
    server, _, share = path.lstrip("\\").partition("\\")
    return server, share.strip("\\") or None


class DagCmdlet(ExchangeCmdlet):
    """Shared by the DAG cmdlets: write a DAG as this lab's version shows it."""

    def write_dag(self, dag, status: bool = False, seen=None) -> None:
        self.write_object(dag_record(self.world, dag, self.version, self.runspace_id(), status, seen))


@cmdlet("New-DatabaseAvailabilityGroup", supports_should_process=True, **EXCHANGE)
class NewDatabaseAvailabilityGroup(DagCmdlet):
    """Creates the DAG directory object; no cluster until the first member (R-DAG-1)."""
    examples = (
        (r"New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 "
         "-DatabaseAvailabilityGroupIpAddresses 192.168.1.50",
         "This example creates DAG1 with HUB01 as its witness server and one static IP address."),
        ("New-DatabaseAvailabilityGroup -Name DAG2",
         "This example creates DAG2 and lets Exchange choose its witness server and witness directory."),
    )

    dag_name: str = param(name="Name")   # `name` is the command name on Cmdlet
    witness_server: str | None = param()
    witness_directory: str | None = param()
    database_availability_group_ip_addresses: list[str] | None = param()
    third_party_replication: str | None = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)
    file_share_witness_share: str | None = param(type="String", name="FileShareWitnessShare", versions=BETA)
    file_share_witness_directory: str | None = param(type="String", name="FileShareWitnessDirectory",
                                                     versions=BETA)

    def process_record(self) -> None:
        witness, share = self.witness_server, None
        if self.file_share_witness_share:
            witness, share = split_unc(self.file_share_witness_share)
        addresses = self.database_availability_group_ip_addresses
        self.dag_name = self.dag_name or ""        # $null reaches the task as an empty name
        new = NewDag(self.dag_name, witness_server=witness,
                     witness_directory=self.witness_directory or self.file_share_witness_directory,
                     ip_addresses=tuple(addresses) if addresses is not None else None,
                     witness_share=share, site=self._console_site(),
                     third_party_replication=self.third_party_replication or "Disabled")
        text = f'Creating database availability group "{self.dag_name}".'
        if self.change(new, self.dag_name, text) is not None:
            self.write_dag(self.world.dag(self.dag_name))

    def _console_site(self) -> str | None:
        console = self.world.server(self.runtime.computer_name or "")
        return console.site if console else None


# Set-DatabaseAvailabilityGroup parameter -> DatabaseAvailabilityGroup attribute (state SETTABLE).
SET_ATTRIBUTES = {
    "WitnessServer": "witness_server", "WitnessDirectory": "witness_directory",
    "AlternateWitnessServer": "alternate_witness_server", "AlternateWitnessDirectory": "alternate_witness_directory",
    "NetworkCompression": "network_compression", "NetworkEncryption": "network_encryption",
    "DatacenterActivationMode": "datacenter_activation_mode", "ReplicationPort": "replication_port",
    "ManualDagNetworkConfiguration": "manual_dag_network_configuration",
    "DatabaseAvailabilityGroupIpAddresses": "ip_addresses",
    "AllowCrossSiteRpcClientAccess": "allow_cross_site_rpc_client_access",
    "FileShareWitnessDirectory": "witness_directory",
    "PreferenceMoveFrequency": "preference_move_frequency",
}

# Stored as given and shown by Get-DatabaseAvailabilityGroup; no behaviour behind them here.
AUTO_DAG_SETTINGS = ("AutoDagDatabaseCopiesPerDatabase", "AutoDagDatabaseCopiesPerVolume",
                     "AutoDagTotalNumberOfDatabases", "AutoDagTotalNumberOfServers", "AutoDagDatabasesRootFolderPath",
                     "AutoDagVolumesRootFolderPath", "AutoDagAllServersInstalled", "AutoDagAutoReseedEnabled",
                     "AutoDagDiskReclaimerEnabled", "AutoDagBitlockerEnabled", "AutoDagAutoRedistributeEnabled",
                     "ReplayLagManagerEnabled")


@cmdlet("Set-DatabaseAvailabilityGroup", supports_should_process=True, **EXCHANGE)
class SetDatabaseAvailabilityGroup(DagCmdlet):
    """Changes DAG settings; a change that changes nothing warns (R-DAG-37)."""
    examples = (
        ("Set-DatabaseAvailabilityGroup -Identity DAG1 -DatacenterActivationMode DagOnly",
         "This example turns on Datacenter Activation Coordination mode for DAG1."),
        ("Set-DatabaseAvailabilityGroup DAG1 -DatabaseAvailabilityGroupIpAddresses 192.168.10.50,192.168.20.50",
         "This example gives DAG1 one static IP address in each of its two subnets."),
        (r"Set-DatabaseAvailabilityGroup DAG1 -AlternateWitnessServer HUB2 -AlternateWitnessDirectory D:\DAG1",
         "This example names HUB2 as the witness server to use after a datacenter switchover."),
    )

    identity: Identity = param()
    witness_server: str | None = param()
    witness_directory: str | None = param()
    alternate_witness_server: str | None = param()
    alternate_witness_directory: str | None = param()
    network_compression: str | None = param()
    network_encryption: str | None = param()
    datacenter_activation_mode: str | None = param()
    replication_port: int | None = param()
    database_availability_group_ip_addresses: list[str] | None = param()
    allow_cross_site_rpc_client_access: bool | None = param()
    discover_networks: bool = param(default=False)
    skip_dag_validation: bool = param(default=False, versions=SINCE_2013)
    preference_move_frequency: object = param(versions=("2016", "2019"))
    # D9: the 2010 profile is SP3, where manual DAG network configuration exists.
    manual_dag_network_configuration: bool | None = param(type="Boolean", versions=("2010",))
    domain_controller: str | None = param(ignored=DC_IGNORED)
    file_share_witness_share: str | None = param(type="String", name="FileShareWitnessShare", versions=BETA)
    file_share_witness_directory: str | None = param(type="String", name="FileShareWitnessDirectory",
                                                     versions=BETA)

    def changes(self) -> dict:
        out: dict = {}
        for name, value in self.bound.items():
            attr = next((a for p, a in SET_ATTRIBUTES.items() if p.lower() == name.lower()), None)
            auto = next((p for p in AUTO_DAG_SETTINGS if p.lower() == name.lower()), None)
            if attr is not None:
                out[attr] = value
            elif auto is not None:
                out.setdefault("auto_dag_settings", {})[auto] = value
        if self.file_share_witness_share:
            out["witness_server"], out["witness_share"] = split_unc(self.file_share_witness_share)
        return out

    def process_record(self) -> None:
        dag = self.resolve_one(ids.dags, self.identity)
        text = f'Configuring database availability group "{dag.name}".'
        change = SetDag.of(dag.name, discover_networks=self.discover_networks,
                           skip_dag_validation=self.skip_dag_validation, **self.changes())
        self.change(change, dag.name, text)


@cmdlet("Get-DatabaseAvailabilityGroup", **EXCHANGE)
class GetDatabaseAvailabilityGroup(DagCmdlet):
    """Lists DAGs; -Status adds the live cluster values (R-DAG-43)."""
    examples = (
        ("Get-DatabaseAvailabilityGroup",
         "This example lists every DAG of the organization."),
        ("Get-DatabaseAvailabilityGroup -Identity DAG1 -Status | Format-List",
         "This example shows DAG1 with its run-time state, such as the operational servers and the Primary Active "
         "Manager, as a list."),
    )

    identity: Identity | None = param()
    status: bool = param(default=False)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        found = list(self.world.dags.values()) if self.identity is None else self.resolve(ids.dags, self.identity)
        for dag in found:
            seen = None
            if self.status and not self.world.is_beta:
                seen, failures = open_dag_cluster(self.world, self.runtime.computer_name or "", dag)
                if failures:
                    self.write_error(attrs.evolve(self.exchange_error(
                        OPEN_BY_NAMES.format(names="', '".join(n for n, _ in failures),
                                             errors="', '".join(e for _, e in failures)),
                        "InvalidArgument", rule_error_id("R-SITE-11"), CLUSTER_API_EXCEPTION, rule_id="R-SITE-11"),
                        terminating=False))
            self.write_dag(dag, self.status, seen)


# AmCluster.OpenDagClus: the task opens the DAG's cluster through its members, the local one
# first, and reports every member's failure when none answers (R-SITE-11, R-CLUSTER-16).
CLUSTER_API_EXCEPTION = "Microsoft.Exchange.Cluster.Shared.ClusterApiException"
OPEN_BY_NAMES = "Cluster API failed: OpenByNames('{names}') failed for each server. Specific exceptions: '{errors}'."
OPEN_CLUSTER = 'Cluster API failed: "OpenCluster({name}) failed with 0x{code:x}. Error: {text}"'
WIN32 = {"unreachable": (1722, "The RPC server is unavailable."),
         "not running": (1753, "There are no more endpoints available from the endpoint mapper.")}


def open_dag_cluster(world, caller: str, dag) -> tuple[Any, list[tuple[str, str]]]:
    """(status, failures): the DagStatus of the cluster the first member that answers runs (the
    cluster's own, or a cut-off side's with quorum), None when the DAG has no cluster, False with
    each member's (fqdn, OpenCluster failure) when none answers."""
    cluster = world.cluster_of(dag)
    if cluster is None:
        return None, []
    stopped = {s.lower() for s in dag.stopped_mailbox_servers} if dag.datacenter_activation_mode == "DagOnly" else set()
    members = [s for s in (world.server(m) for m in dag.servers) if s is not None and s.name.lower() not in stopped]
    members.sort(key=lambda s: s.name.lower() != caller.lower())
    failures = []
    for server in members:
        outcome = reach(world, caller, cluster, server)
        if outcome is cluster and not cluster.has_quorum:
            outcome = "not running"                     # R-CLUSTER-16: no quorum, no Cluster service
        if not isinstance(outcome, str):
            return (None if outcome is cluster else side_status(world, dag, outcome)), []
        code, text = WIN32[outcome]
        failures.append((server.fqdn, OPEN_CLUSTER.format(name=server.fqdn, code=code, text=text)))
    return False, failures


def side_status(world, dag, cluster) -> DagStatus:
    """What a cut-off side's own cluster answers (R-SITE-3): its Up nodes, its core group's owner
    as PAM, the witness it runs with."""
    up = tuple(world.server(n.name).name for n in cluster.nodes if n.state == "Up")
    owner = world.server(cluster.core_group.owner_node)
    in_use = "Primary" if cluster.quorum_type == "NodeAndFileShareMajority" else "None"
    return DagStatus(tuple(reversed(up)), owner.name if owner else None, dag.replication_port,
                     tuple(n.name for n in dag.networks), in_use)


@cmdlet("Remove-DatabaseAvailabilityGroup", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class RemoveDatabaseAvailabilityGroup(DagCmdlet):
    """Removes an empty DAG and its networks (R-DAG-4)."""
    examples = (
        ("Remove-DatabaseAvailabilityGroup -Identity DAG1",
         "This example removes DAG1, which must no longer have any member servers."),
    )

    identity: Identity = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        dag = self.resolve_one(ids.dags, self.identity)
        self.change(RemoveDag(dag.name), dag.name, f'Removing database availability group "{dag.name}".')


__all__ = ["NewDatabaseAvailabilityGroup", "SetDatabaseAvailabilityGroup", "GetDatabaseAvailabilityGroup",
           "RemoveDatabaseAvailabilityGroup"]
