"""DAG rules (spec: DAG — creation, witness, IP addresses, membership, properties)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from typing import TYPE_CHECKING

from state.model.network import is_ip, is_ipv4
from state.rules.base import rule

if TYPE_CHECKING:
    from state.model import DatabaseAvailabilityGroup, Server
    from state.world import World

R_DAG_2_LENGTH = rule("R-DAG-2", "InvalidArgument",
                      "The name '{name}' is too long. A database availability group name can't be longer than 15 characters.")
R_DAG_2_CHARS = rule("R-DAG-2", "InvalidArgument",
                     "The name '{name}' contains characters that aren't valid. A database availability group name "
                     "can contain only letters, digits and hyphens, and can't consist only of digits.")
R_DAG_3 = rule("R-DAG-3", "InvalidOperation",
               "An object with the name '{name}' already exists. Specify a different name for the database availability group.")
R_DAG_4 = rule("R-DAG-4", "InvalidOperation",
               "Database availability group '{dag}' can't be removed because it still has member servers. "
               "Remove the servers from the database availability group first.")
R_DAG_5_WARNING = rule("R-DAG-5", "Warning",
                       "Database availability group '{dag}' is created for third-party replication. Continuous "
                       "replication can't be used in it, and third-party replication can't be turned off later.")
R_DAG_6 = rule("R-DAG-6", "InvalidOperation",
               "Server '{server}' runs a different version of Exchange than the members of database availability group '{dag}'.")
R_DAG_7_MEMBER = rule("R-DAG-7", "InvalidArgument",
                      "The witness server '{server}' can't be a member of database availability group '{dag}'.")
R_DAG_7_ADDRESS = rule("R-DAG-7", "InvalidArgument",
                       "'{value}' isn't a valid witness server. Specify the witness server by host name or fully qualified domain name.")
R_DAG_7_FOREST = rule("R-DAG-7", "InvalidArgument",
                      "The witness server '{value}' isn't in the same Active Directory forest as the database "
                      "availability group.")
R_DAG_7_UNKNOWN = rule("R-DAG-7", "InvalidArgument",
                       "Unable to find the fully qualified domain name for witness server '{value}'. Specify an "
                       "existing computer by host name or fully qualified domain name.")
R_DAG_7_ADD = rule("R-DAG-7", "InvalidOperation",
                   "Server '{server}' is the witness server for database availability group '{dag}' and can't be added to it as a member.")
R_DAG_8 = rule("R-DAG-8", "InvalidArgument",
               "The witness directory '{directory}' on server '{server}' is already used by database availability group '{other}'.")
R_DAG_9 = rule("R-DAG-9", "InvalidOperation",
               "No witness server was specified and no suitable server was found in Active Directory site '{site}'. "
               "Use the WitnessServer parameter to specify one.")
R_DAG_9_REQUIRED = rule("R-DAG-9", "InvalidOperation",
                        "A witness server must be specified. Use the WitnessServer parameter to specify one.")
R_DAG_13 = rule("R-DAG-13", "InvalidArgument",
                "Witness server '{server}' is both the witness and the alternate witness server, but with different "
                "directories ('{directory}' and '{alternate}'). Use the same directory for both.")
R_DAG_14 = rule("R-DAG-14", "InvalidArgument",
                "'{value}' isn't a valid IP address for the DatabaseAvailabilityGroupIpAddresses parameter.")
R_DAG_15 = rule("R-DAG-15", "InvalidArgument",
                "This version of Exchange doesn't support a database availability group without an administrative access point.")
R_DAG_17 = rule("R-DAG-17", "InvalidArgument",
                "The IP addresses '{first}' and '{second}' are in the same subnet. Specify at most one address per MAPI subnet.")
R_DAG_16 = rule("R-DAG-16", "InvalidArgument",
                "The IP address '{address}' is in subnet '{subnet}' of DAG network '{network}', which isn't the MAPI network. "
                "Database availability group IP addresses must be on the MAPI network.")
R_DAG_18_APIPA = rule("R-DAG-18", "InvalidArgument",
                      "The IP address '{address}' is an automatic private IP address (APIPA) and can't be used as a database availability group IP address.")
R_DAG_18_V6 = rule("R-DAG-18", "InvalidArgument",
                   "IPv6 addresses can be specified only together with at least one IPv4 address.")
R_DAG_21 = rule("R-DAG-21", "InvalidOperation",
                "Database availability group '{dag}' already has 16 members. A database availability group can't have more than 16 members.")
R_DAG_22_ROLE = rule("R-DAG-22", "InvalidOperation",
                     "Server '{server}' doesn't have the Mailbox server role installed and can't be added to database availability group '{dag}'.")
R_DAG_22_OTHER_DAG = rule("R-DAG-22", "InvalidOperation",
                          "Server '{server}' is already a member of database availability group '{other}'.")
R_DAG_22_NOT_MEMBER = rule("R-DAG-22", "InvalidOperation",
                           "Server '{server}' isn't a member of database availability group '{dag}'.")
R_DAG_22_DC = rule("R-DAG-22", "InvalidOperation",
                   "Server '{server}' is a domain controller or global catalog server and can't be added to a database availability group.")
R_DAG_22_OS = rule("R-DAG-22", "InvalidOperation",
                   "Server '{server}' runs {os}, but the members of database availability group '{dag}' run {member_os}. "
                   "All members must run the same operating system version.")
R_DAG_22_DOWN = rule("R-DAG-22", "InvalidOperation",
                     "A server-side database availability group administrative operation failed. Server '{server}' couldn't be contacted "
                     "or the Microsoft Exchange Replication service isn't running on it.")
R_DAG_31 = rule("R-DAG-31", "InvalidOperation",
                "Server '{server}' can't be removed from database availability group '{dag}' because it hosts a copy of "
                "database '{db}', which has more than one copy. Remove the database copies first.")
R_DAG_32 = rule("R-DAG-32", "ResourceUnavailable",
                "Server '{server}' couldn't be contacted. Use the ConfigurationOnly parameter to remove an unreachable server.")
R_DAG_23 = rule("R-DAG-23", "InvalidOperation",
                "Server '{server}' runs {os}, which isn't supported for database availability group members in this version of Exchange.")
R_DAG_35 = rule("R-DAG-35", "InvalidArgument",
                "'{value}' isn't a valid value for DatacenterActivationMode. Valid values are: Off, DagOnly.")
R_DAG_36 = rule("R-DAG-36", "InvalidArgument",
                "'{value}' isn't a valid value for {parameter}. Valid values are: Disabled, Enabled, InterSubnetOnly, SeedOnly.")
R_DAG_37 = rule("R-DAG-37", "Warning",
                "The command completed successfully but no settings of '{dag}' have been modified.")

NETBIOS = re.compile(r"^[A-Za-z0-9-]+$")
APIPA = ipaddress.ip_network("169.254.0.0/16")
COMPRESSION_VALUES = ("Disabled", "Enabled", "InterSubnetOnly", "SeedOnly")
DAC_VALUES = ("Off", "DagOnly")
MAX_MEMBERS = 16


def dag_name_is_netbios(name: str) -> None:
    """R-DAG-2: at most 15 characters, letters/digits/hyphens, not all digits."""
    if len(name) > 15:
        raise R_DAG_2_LENGTH.violation(target=name, name=name)
    if not NETBIOS.match(name) or name.isdigit():
        raise R_DAG_2_CHARS.violation(target=name, name=name)


def dag_name_is_unique(world: "World", name: str) -> None:
    """R-DAG-3: no other DAG has the name (checked first, before the name's form)."""
    if world.dag(name) is not None:
        raise R_DAG_3.violation(target=name, name=name)


def dag_name_is_free_for_a_computer(world: "World", name: str) -> None:
    """R-DAG-3: no enabled computer account has the name; a disabled pre-staged CNO may."""
    account = world.computer_account(name)
    if account is not None and account.enabled:
        raise R_DAG_3.violation(target=name, name=name)


def dag_has_no_members(dag: "DatabaseAvailabilityGroup") -> None:
    """R-DAG-4: only an empty DAG can be removed."""
    if dag.servers:
        raise R_DAG_4.violation(target=dag.name, dag=dag.name)


def witness_is_a_host_name(value: str) -> None:
    """R-DAG-7: the witness is named by host name or FQDN, never an IP or wildcard."""
    if not value.strip() or is_ip(value) or "*" in value or "?" in value:
        raise R_DAG_7_ADDRESS.violation(target=value, value=value)


def witness_is_in_the_forest(world: "World", value: str) -> None:
    """R-DAG-7: a witness named by FQDN must be in the organization's forest (the lab's domain
    or a domain below it); a host name must be a computer the directory knows (the task looks
    its FQDN up there)."""
    if "." not in value:
        if world.computer_account(value) is None and world.server(value) is None:
            raise R_DAG_7_UNKNOWN.violation(target=value, value=value)
        return
    suffix = value.split(".", 1)[1].lower().rstrip(".")
    domain = world.domain.lower()
    if suffix != domain and not suffix.endswith("." + domain):
        raise R_DAG_7_FOREST.violation(target=value, value=value)


def witness_is_not_a_member(dag: "DatabaseAvailabilityGroup", witness: str | None) -> None:
    """R-DAG-7: the witness server is not a member of the same DAG."""
    if witness and dag.has_member(witness.split(".")[0]):
        raise R_DAG_7_MEMBER.violation(target=witness, server=witness, dag=dag.name)


def member_is_not_the_witness(dag: "DatabaseAvailabilityGroup", server: "Server") -> None:
    """R-DAG-7: adding the current witness server as a member fails."""
    if dag.witness_server and dag.witness_server.split(".")[0].lower() == server.name.lower():
        raise R_DAG_7_ADD.violation(target=server.name, server=server.name, dag=dag.name)


def witness_directory_is_unshared(world: "World", dag_name: str, server: str | None, directory: str | None) -> None:
    """R-DAG-8 (and R-DAG-13 for the alternate pair): a witness directory belongs to exactly one DAG."""
    if not server or not directory:
        return
    for other in world.dags.values():
        if other.name.lower() == dag_name.lower():
            continue
        for used_server, used_directory in ((other.witness_server, other.witness_directory),
                                            (other.alternate_witness_server, other.alternate_witness_directory)):
            same_server = (used_server or "").split(".")[0].lower() == server.split(".")[0].lower()
            if used_server and same_server and (used_directory or "").lower() == directory.lower():
                raise R_DAG_8.violation(target=directory, directory=directory, server=server, other=other.name)


def alternate_on_the_witness_uses_its_directory(witness: str | None, directory: str | None,
                                                alternate: str | None, alternate_directory: str | None) -> None:
    """R-DAG-13: an alternate witness on the witness server must use the same directory."""
    if not witness or not alternate or not directory or not alternate_directory:
        return
    same_server = witness.split(".")[0].lower() == alternate.split(".")[0].lower()
    if same_server and directory.lower() != alternate_directory.lower():
        raise R_DAG_13.violation(target=alternate, server=alternate, directory=directory, alternate=alternate_directory)


def default_witness_server(world: "World", site: str) -> "Server":
    """R-DAG-9: [2010] a Hub Transport server without Mailbox in the local site; [2013] a
    Client Access server without Mailbox; none found -> error; [2016+] no automatic choice."""
    if world.version_at_least("2016"):
        raise R_DAG_9_REQUIRED.violation(target=site)
    role = "HubTransport" if not world.version_at_least("2013") else "ClientAccess"
    for s in world.servers.values():
        if s.site == site and role in s.roles and not s.is_mailbox_server:
            return s
    raise R_DAG_9.violation(target=site, site=site)


def parse_ip_addresses(world: "World", values: list[str] | None) -> tuple[str, list[str]]:
    """R-DAG-14: classify the DatabaseAvailabilityGroupIpAddresses argument -> (mode, list).
    Omitted: DHCP ([2010]-[2016]) or IP-less ([2019]) (D3)."""
    if values is None:
        return ("None", []) if world.exchange_version == "2019" else ("Dhcp", [])
    texts = [str(v).strip() for v in values]
    if any(t.lower() in ("255.255.255.255", "none") for t in texts):
        ip_less_is_supported(world)
        return "None", []
    if any(t.lower() in ("0.0.0.0", "any") for t in texts):
        return "Dhcp", []
    for t in texts:
        if not is_ip(t):
            raise R_DAG_14.violation(target=t, value=t)
    static_addresses_are_usable(texts)
    return "Static", texts


def ip_less_is_supported(world: "World") -> None:
    """R-DAG-15: [2010] does not accept the IP-less value."""
    if not world.version_at_least("2013"):
        raise R_DAG_15.violation(target="255.255.255.255")


def static_addresses_are_usable(addresses: list[str]) -> None:
    """R-DAG-18: no APIPA addresses; IPv6 only alongside IPv4."""
    for a in addresses:
        if is_ipv4(a) and ipaddress.ip_address(a) in APIPA:
            raise R_DAG_18_APIPA.violation(target=a, address=a)
    if addresses and not any(is_ipv4(a) for a in addresses):
        raise R_DAG_18_V6.violation(target=addresses[0])


def addresses_are_on_mapi_subnets(dag: "DatabaseAvailabilityGroup", addresses: list[str]) -> None:
    """R-DAG-16/R-DAG-17: no address in a known non-MAPI DAG network; one per subnet."""
    from state.model.network import in_subnet
    for a in addresses:
        for net in dag.networks:
            for subnet in net.subnet_ids:
                if in_subnet(a, subnet) and not net.mapi_access_enabled:
                    raise R_DAG_16.violation(target=a, address=a, subnet=subnet, network=net.name)
    seen: dict[str, str] = {}
    for a in (x for x in addresses if is_ipv4(x)):
        key = str(ipaddress.ip_network(f"{a}/24", strict=False))
        for net in dag.networks:
            key = next((s for s in net.subnet_ids if in_subnet(a, s)), key)
        if key in seen:
            raise R_DAG_17.violation(target=a, first=seen[key], second=a)
        seen[key] = a


def dag_has_room(dag: "DatabaseAvailabilityGroup") -> None:
    """R-DAG-21: at most 16 members."""
    if len(dag.servers) >= MAX_MEMBERS:
        raise R_DAG_21.violation(target=dag.name, dag=dag.name)


def server_can_join(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> None:
    """R-DAG-22: Mailbox role, not in another DAG, not a DC/GC, same OS version as members."""
    if not server.is_mailbox_server:
        raise R_DAG_22_ROLE.violation(target=server.name, server=server.name, dag=dag.name)
    other = server.database_availability_group
    if other:
        raise R_DAG_22_OTHER_DAG.violation(target=server.name, server=server.name, other=other)
    if server.is_domain_controller:
        raise R_DAG_22_DC.violation(target=server.name, server=server.name)
    members = [m for m in world.members(dag) if m is not server]
    if members and members[0].os_version != server.os_version:
        raise R_DAG_22_OS.violation(target=server.name, server=server.name, os=server.os,
                                    dag=dag.name, member_os=members[0].os)


def replication_service_is_running(server: "Server") -> None:
    """R-DAG-22: the server is reachable and its Replication service runs."""
    if not server.service_running("MSExchangeRepl"):
        raise R_DAG_22_DOWN.violation(target=server.name, server=server.name)


def members_share_major_version(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> None:
    """R-DAG-6: every member runs the same Exchange major version."""
    members = [m for m in world.members(dag) if m is not server]
    if members and members[0].major_version != server.major_version:
        raise R_DAG_6.violation(target=server.name, server=server.name, dag=dag.name)


SUPPORTED_OS = {
    # version -> allowed (os_version, editions)
    "2010": {"2008": ("Enterprise", "Datacenter"), "2008 R2": ("Enterprise", "Datacenter"),
             "2012": ("Standard", "Datacenter")},
    "2013": {"2008 R2": ("Enterprise", "Datacenter"), "2012": ("Standard", "Datacenter"),
             "2012 R2": ("Standard", "Datacenter")},
    "2016": {"2012": ("Standard", "Datacenter"), "2012 R2": ("Standard", "Datacenter"),
             "2016": ("Standard", "Datacenter")},
    "2019": {"2019": ("Standard", "Datacenter"), "2022": ("Standard", "Datacenter")},
}
SUPPORTED_OS["2010-beta1"] = SUPPORTED_OS["2010"]


def os_supports_dag_membership(world: "World", server: "Server") -> None:
    """R-DAG-23: the OS edition/version matrix for members (2008/2008 R2 Standard rejected)."""
    allowed = SUPPORTED_OS.get(server.exchange_version or world.exchange_version, {})
    editions = allowed.get(server.os_version)
    if editions is None or server.edition not in editions:
        raise R_DAG_23.violation(target=server.name, server=server.name, os=server.os)


def dac_mode_is_valid(value: str) -> str:
    """R-DAG-35: DatacenterActivationMode is Off or DagOnly (returned in canonical case)."""
    for v in DAC_VALUES:
        if v.lower() == str(value).lower():
            return v
    raise R_DAG_35.violation(target=value, value=value)


def compression_value_is_valid(value: str, parameter: str) -> str:
    """R-DAG-36: NetworkCompression/NetworkEncryption values (returned in canonical case)."""
    for v in COMPRESSION_VALUES:
        if v.lower() == str(value).lower():
            return v
    raise R_DAG_36.violation(target=value, value=value, parameter=parameter)


def server_hosts_no_replicated_copy(world: "World", dag: "DatabaseAvailabilityGroup", server: "Server") -> None:
    """R-DAG-31: a server hosting a copy of a multi-copy database can't leave."""
    for db in world.databases_on(server.name):
        if len(db.copies) > 1:
            raise R_DAG_31.violation(target=server.name, server=server.name, dag=dag.name, db=db.name)


def server_is_reachable_or_configuration_only(server: "Server", configuration_only: bool) -> None:
    """R-DAG-32: an unreachable server leaves only with -ConfigurationOnly."""
    if not configuration_only and not server.service_running("MSExchangeRepl"):
        raise R_DAG_32.violation(target=server.name, server=server.name)


# --- third-party replication, witness reachability and permissions ------------------------
R_DAG_5 = rule("R-DAG-5", "InvalidOperation",
               "Database availability group '{dag}' is configured for third-party replication. "
               "Continuous replication operations aren't available.")
R_DAG_10 = rule("R-DAG-10", "InvalidOperation",
                "The task was unable to create the default witness directory on server {server}. "
                "Please manually specify a witness directory.")
R_DAG_10_WARNING = rule("R-DAG-10", "Warning",
                        "Unable to access file shares on witness server '{server}'. Until this problem is corrected, "
                        "the database availability group may be more vulnerable to failures. You can use the "
                        "Set-DatabaseAvailabilityGroup cmdlet to try the operation again.")
R_DAG_12 = rule("R-DAG-12", "PermissionDenied",
                "Unable to create the witness directory '{directory}' on witness server '{server}'. Make sure the "
                "Exchange Trusted Subsystem universal security group is a member of the local Administrators group "
                "on the witness server. Error: Access is denied.")
R_DAG_15_OS = rule("R-DAG-15", "InvalidOperation",
                   "Server '{server}' runs {os}. A database availability group without an administrative access point "
                   "requires Windows Server 2012 R2 or later on every member.")
R_DAG_20 = rule("R-DAG-20", "InvalidOperation",
                "The failover cluster of database availability group '{dag}' already exists. A database availability "
                "group can't be switched between having and not having an administrative access point after its "
                "cluster has been created.")
R_DAG_40 = rule("R-DAG-40", "InvalidOperation",
                "The {parameter} setting of database availability group '{dag}' is stored in the cluster database, "
                "and the cluster isn't running or doesn't have quorum. Try again when the cluster is available.")
R_DAG_44 = rule("R-DAG-44", "InvalidArgument",
                "'{value}' isn't a valid value for PreferenceMoveFrequency. Specify a value no greater than 49.17:02:47 "
                "or [System.Threading.Timeout]::InfiniteTimeSpan.")

LATENCY_LIMIT_MS = 500                       # R-DAG-45
OS_ORDER = ("2003", "2008", "2008 R2", "2012", "2012 R2", "2016", "2019", "2022", "2025")
MAX_PREFERENCE_MOVE_SECONDS = (2 ** 32 - 1) // 1000      # Int32 milliseconds: ~49.7 days
CLUSTER_DATABASE_SETTINGS = {"replication_port": "ReplicationPort", "network_compression": "NetworkCompression",
                             "network_encryption": "NetworkEncryption"}


def continuous_replication_is_available(dag: "DatabaseAvailabilityGroup | None") -> None:
    """R-DAG-5: a third-party-replication DAG refuses continuous-replication operations."""
    if dag is not None and dag.third_party_replication == "Enabled":
        raise R_DAG_5.violation(target=dag.name, dag=dag.name)


def witness_is_reachable(world: "World", witness: str) -> bool:
    """R-DAG-10: WMI/SMB reach = the witness machine exists in the lab and is powered on."""
    server = world.server(witness)
    return server is not None and server.is_up


def witness_reachable_or_directory_given(world: "World", witness: str, directory: str | None) -> None:
    """R-DAG-10: an unreachable witness with no directory given can't get the default one."""
    if not directory and not witness_is_reachable(world, witness):
        raise R_DAG_10.violation(target=witness, server=witness)


def witness_share_can_be_created(world: "World", dag: "DatabaseAvailabilityGroup", server_name: str | None,
                                 directory: str | None) -> None:
    """R-DAG-12: a non-Exchange witness needs Exchange Trusted Subsystem in its Administrators
    group before the share can be created."""
    server = world.server(server_name or "")
    if server is None or not server.is_up or server.is_exchange_server:
        return
    if not server.exchange_trusted_subsystem_is_admin:
        directory = directory or f"C:\\DAGFileShareWitnesses\\{dag.fqdn}"
        raise R_DAG_12.violation(target=server.name, directory=directory, server=server.name)


def os_supports_ip_less_dag(dag: "DatabaseAvailabilityGroup", server: "Server") -> None:
    """R-DAG-15: every member of an IP-less DAG runs Windows Server 2012 R2 or later."""
    if dag.ip_mode == "None" and _os_rank(server.os_version) < OS_ORDER.index("2012 R2"):
        raise R_DAG_15_OS.violation(target=server.name, server=server.name, os=server.os)


def _os_rank(version: str) -> int:
    return OS_ORDER.index(version) if version in OS_ORDER else -1


def access_point_mode_is_kept(world: "World", dag: "DatabaseAvailabilityGroup", new_mode: str) -> None:
    """R-DAG-20 / D3: once the cluster exists, IP-less <-> access point is refused."""
    if world.cluster_of(dag) is not None and (new_mode == "None") != (dag.ip_mode == "None"):
        raise R_DAG_20.violation(target=dag.name, dag=dag.name)


def cluster_database_is_writable(world: "World", dag: "DatabaseAvailabilityGroup", parameter: str) -> None:
    """R-DAG-40: settings kept in the cluster database need a running cluster with quorum."""
    cluster = world.cluster_of(dag)
    if cluster is None or not cluster.has_quorum:
        raise R_DAG_40.violation(target=dag.name, parameter=parameter, dag=dag.name)


def preference_move_frequency_is_valid(value: "object") -> None:
    """R-DAG-44: at most ~49.7 days; a negative value is only allowed as InfiniteTimeSpan (-1 ms)."""
    if not isinstance(value, dt.timedelta):
        return
    infinite = value == dt.timedelta(milliseconds=-1)
    if not infinite and (value.total_seconds() > MAX_PREFERENCE_MOVE_SECONDS or value.total_seconds() < 0):
        text = _timespan_text(value)
        raise R_DAG_44.violation(target=text, value=text)


def _timespan_text(value: "object") -> str:
    """A TimeSpan as .NET prints it: [-][d.]hh:mm:ss."""
    total = int(value.total_seconds())
    sign, total = ("-", -total) if total < 0 else ("", total)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{f'{days}.' if days else ''}{hours:02}:{minutes:02}:{seconds:02}"


def high_latency_pairs(world: "World", dag: "DatabaseAvailabilityGroup") -> list[tuple[str, str, int]]:
    """R-DAG-45: member pairs whose round trip exceeds 500 ms (reported, never blocked)."""
    members = world.members(dag)
    out = []
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            sites = frozenset((a.site.lower(), b.site.lower()))
            rtt = world.links.get(sites, 0) if len(sites) == 2 else 0
            if rtt > LATENCY_LIMIT_MS:
                out.append((a.name, b.name, rtt))
    return out
