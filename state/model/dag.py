"""Database availability groups and their DAG networks.

``servers`` holds member names newest first, as the directory back-link lists them
(seed 003 shows ``{EXCH2010MB2, EXCH2010MB1}`` after adding MB1 then MB2)."""

from __future__ import annotations

import datetime as dt

from attrs import define, field, frozen

ADMIN_GROUP = "Exchange Administrative Group (FYDIBOHF23SPDLT)"


@frozen
class DagNetworkSubnet:
    """One item of a DAG network's Subnets: renders ``{192.168.1.0/24,Up}`` (R-NET-7)."""

    subnet_id: str
    state: str = "Up"

    def __str__(self) -> str:
        return f"{{{self.subnet_id},{self.state}}}"


@frozen
class DagNetworkInterface:
    """One item of Interfaces: ``{exch2010mb1,Up,192.168.1.11}``; node names are lower case
    as the cluster reports them (R-NET-7)."""

    node_name: str
    state: str
    ip_address: str

    def __str__(self) -> str:
        return f"{{{self.node_name},{self.state},{self.ip_address}}}"


@define(eq=False)
class DagNetwork:
    """A DAG network: subnets plus the flags admins set (R-NET-6: replication on, not ignored).

    ``subnets``/``interfaces`` with live states come from ``World.dag_network_subnets`` and
    ``World.dag_network_interfaces``; here only the configured subnet ids are stored."""

    name: str
    dag: str
    subnet_ids: list[str] = field(factory=list)
    description: str = ""
    replication_enabled: bool = True
    ignore_network: bool = False
    mapi_access_enabled: bool = False

    @property
    def identity(self) -> str:
        return f"{self.dag}\\{self.name}"


@define(eq=False)
class DatabaseAvailabilityGroup:
    """The directory object (R-DAG-1): configuration only; the live side is the cluster."""

    name: str
    guid: str
    organization: str
    domain: str
    when_created: dt.datetime
    when_changed: dt.datetime
    servers: list[str] = field(factory=list)
    witness_server: str | None = None
    witness_directory: str | None = None
    witness_share: str | None = None                 # share name on the witness server
    alternate_witness_server: str | None = None
    alternate_witness_directory: str | None = None
    network_compression: str = "InterSubnetOnly"     # R-DAG-36
    network_encryption: str = "InterSubnetOnly"
    datacenter_activation_mode: str = "Off"          # R-DAG-35
    stopped_mailbox_servers: list[str] = field(factory=list)
    started_mailbox_servers: list[str] = field(factory=list)
    evicted_servers: list[str] = field(factory=list)     # lower names Restore- evicted (R-SITE-7)
    witness_in_use: str | None = None                # 'Alternate' after a Restore- (R-SITE-7); None: by quorum
    ip_mode: str = "Dhcp"                            # 'Static' | 'Dhcp' | 'None' (IP-less), R-DAG-14
    ip_addresses: list[str] = field(factory=list)    # configured static IPv4/IPv6 addresses
    replication_port: int = 64327                    # R-DAG-39
    manual_dag_network_configuration: bool = False
    third_party_replication: str = "Disabled"
    allow_cross_site_rpc_client_access: bool = False
    preference_move_frequency: dt.timedelta = dt.timedelta(hours=1)    # R-DAG-44 [2016+]
    auto_dag_settings: dict = field(factory=dict)    # AutoDag*/ReplayLagManagerEnabled by property name
    networks: list[DagNetwork] = field(factory=list)
    admin_display_name: str = ""

    @property
    def identity(self) -> str:
        return self.name

    @property
    def fqdn(self) -> str:
        return f"{self.name}.{self.domain}"

    @property
    def database_availability_group_ip_addresses(self) -> list[str]:
        """As the property shows: static list, {0.0.0.0} for DHCP, {255.255.255.255} IP-less."""
        if self.ip_mode == "None":
            return ["255.255.255.255"]
        if self.ip_mode == "Dhcp":
            return ["0.0.0.0"] if not self.ip_addresses else list(self.ip_addresses)
        return list(self.ip_addresses)

    @property
    def database_availability_group_ipv4_addresses(self) -> list[str]:
        return [a for a in self.database_availability_group_ip_addresses if ":" not in a]

    @property
    def file_share_witness_share(self) -> str | None:
        """Beta 1 name (R-DAG-46): ``\\\\<witness>\\<share>``."""
        if not self.witness_server:
            return None
        return f"\\\\{self.witness_server}\\{self.witness_share or self.fqdn}"

    @property
    def file_share_witness_directory(self) -> str | None:
        return self.witness_directory

    @property
    def distinguished_name(self) -> str:
        dc = ",".join(f"DC={p}" for p in self.domain.split("."))
        return (f"CN={self.name},CN=Database Availability Groups,CN={ADMIN_GROUP},"
                f"CN=Administrative Groups,CN={self.organization},CN=Microsoft Exchange,"
                f"CN=Services,CN=Configuration,{dc}")

    @property
    def exchange_version(self) -> str:
        return "0.10 (14.0.100.0)"

    @property
    def object_class(self) -> list[str]:
        return ["top", "msExchMDBAvailabilityGroup"]

    def network(self, name: str) -> DagNetwork | None:
        return next((n for n in self.networks if n.name.lower() == name.lower()), None)

    def network_for_subnet(self, subnet: str) -> DagNetwork | None:
        return next((n for n in self.networks if subnet in n.subnet_ids), None)

    def has_member(self, server_name: str) -> bool:
        return server_name.lower() in (s.lower() for s in self.servers)
