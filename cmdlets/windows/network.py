"""Network cmdlets answered from the lab: Get-NetAdapter, Disable-/Enable-NetAdapter,
Get-NetIPAddress, Resolve-DnsName, Test-Connection.

Name resolution runs on the calling machine: its hosts file first, then the DNS zone, which
must be reachable (a DNS server of an up adapter is powered on) (R-BACKUP-5). A ping reaches
a machine that is on, whose adapter holding the address is up, from an up adapter on the same
subnet or through gateways; times come from the sites' round trips, never from a clock."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.errors import ErrorRecord
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject, as_list
from cmdlets.windows.machines import machine
from state import dns, partition
from state.model.network import in_subnet, is_ip
from state.transitions.faults import SetNicState

PS3 = ("2013", "2016", "2019")
ADAPTER = "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetAdapter"
IP_ADDRESS = "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetIPAddress"
PING = "System.Management.ManagementObject#root\\cimv2\\Win32_PingStatus"



def if_index(server: Any, nic: Any) -> int:
    return 12 + server.nics.index(nic)


def mac_address(server: Any, nic: Any) -> str:
    """A stable made-up MAC: Hyper-V's prefix, then the machine and adapter numbers."""
    n = sum(ord(c) for c in server.name) % 256
    return f"00-15-5D-{n:02X}-{server.nics.index(nic) + 1:02X}-{len(server.name):02X}"


def adapter_status(server: Any, nic: Any) -> str:
    return "Up" if nic.up and server.is_up else "Disabled"


def reachable(world: Any, source: Any, address: str) -> bool:
    """Whether ``source`` can reach ``address`` now."""
    if not source.is_up:
        return False
    target, nic = _owner(world, address)
    if target is None or not target.is_up or not nic.up:
        return False
    if target is source:
        return True
    if not partition.sites_connected(world, source, target):     # a cut site link (R-SITE-11)
        return False
    ups = [n for n in source.nics if n.up]
    if any(in_subnet(address, n.subnet) for n in ups):
        return True
    return bool(nic.gateway) and any(n.gateway for n in ups)


def address_owner(world: Any, address: str) -> Any:
    """The server holding ``address`` on one of its adapters, or None."""
    return _owner(world, address)[0]


def _owner(world: Any, address: str) -> tuple[Any, Any]:
    for server in world.servers.values():
        for nic in server.nics:
            if nic.ip == address:
                return server, nic
    return _cluster_ip_owner(world, address)


def _cluster_ip_owner(world: Any, address: str) -> tuple[Any, Any]:
    """An online cluster IP address answers on the node that owns its group, through that
    node's adapter on the resource's network (R-CLUSTER-5); an offline or failed one doesn't."""
    for cluster in world.clusters.values():
        for r in cluster.resources_of_type("IP Address"):
            if r.state != "Online" or r.parameters.get("Address") != address:
                continue
            group, net = cluster.group(r.group), cluster.network_of(r)
            server = world.server(group.owner_node) if group is not None else None
            nic = next((n for n in server.nics if in_subnet(n.ip, net.subnet)), None) \
                if server is not None and net is not None else None
            if nic is not None:
                return server, nic
    return None, None


class CimCmdlet(Cmdlet):
    """Cmdlets of the CIM-based modules: -CimSession names the machine they ask."""

    versions = PS3
    cim_session: list[str] | None = param("CimSession[]", aliases=("Session",))

    def machines(self) -> list[Any]:
        names = [self.runtime.to_string(n) for n in as_list(self.cim_session)] or [self.runtime.computer_name]
        out = []
        for name in names:
            server = machine(self.world, name, self.runtime.computer_name)
            if server is None or not server.is_up:
                self.write_error(ErrorRecord(
                    message="The WinRM client cannot process the request because the server name cannot be "
                            "resolved.", category="ConnectionError", error_id="HRESULT 0x80338000",
                    exception_type="Microsoft.Management.Infrastructure.CimException", target=name,
                    target_type="String", activity=self.name, command_type=self.name))
            else:
                out.append(server)
        return out

    def not_found(self, cim_class: str, prop: str, value: str) -> ErrorRecord:
        return ErrorRecord(
            message=f"No {cim_class} objects found with property '{prop}' equal to '{value}'.  Verify the value "
                    "of the property and retry.", category="ObjectNotFound",
            error_id=f"CmdletizationQuery_NotFound_{prop}", target=value, target_type="String",
            exception_type="Microsoft.PowerShell.Cmdletization.Cim.CimJobException", activity=self.name,
            command_type=self.name, invocation=self.invocation)


def _adapter(server: Any, nic: Any) -> PSObject:
    return PSObject((ADAPTER, "Microsoft.Management.Infrastructure.CimInstance", "System.Object"), [
        ("Name", nic.name), ("InterfaceDescription", "Microsoft Hyper-V Network Adapter" +
                                                      (f" #{server.nics.index(nic) + 1}" if server.nics.index(nic)
                                                       else "")),
        ("ifIndex", if_index(server, nic)), ("Status", adapter_status(server, nic)),
        ("MacAddress", mac_address(server, nic)), ("LinkSpeed", "10 Gbps"),
        ("MediaConnectionState", "Connected"), ("AdminStatus", "Up" if nic.up else "Down"),
        ("ifAlias", nic.name), ("InterfaceAlias", nic.name), ("PSComputerName", "")],
        to_string=nic.name)


class _AdapterCmdlet(CimCmdlet):
    adapter_name: list[str] | None = param("String[]", name="Name", position=0, aliases=("ifAlias", "InterfaceAlias"))

    def selected(self) -> list[tuple[Any, Any]]:
        out = []
        for server in self.machines():
            wanted = [self.runtime.to_string(n) for n in as_list(self.adapter_name)]
            nics = server.nics if not wanted else []
            for name in wanted:
                hits = [n for n in server.nics if self.runtime.like(n.name, name)]
                if not hits:
                    self.write_error(self.not_found("MSFT_NetAdapter", "Name", name))
                nics += [n for n in hits if n not in nics]
            out += [(server, nic) for nic in nics]
        return out


@cmdlet("Get-NetAdapter", module="NetAdapter")
class GetNetAdapterCommand(_AdapterCmdlet):
    """The machine's network adapters (Status Up, or Disabled)."""
    synopsis = "Gets the network adapters of the machine."
    examples = (
        ("Get-NetAdapter",
         "This example lists the network adapters of this machine and their status."),
        ("Get-NetAdapter -Name Replication | Format-List *",
         "This example shows every property of the adapter Replication."),
    )

    def process_record(self) -> None:
        for server, nic in self.selected():
            self.write_object(_adapter(server, nic))


class _SetAdapter(_AdapterCmdlet):
    up = True
    supports_should_process = True
    confirm_impact = "High"
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        for server, nic in self.selected():
            verb = "Enable" if self.up else "Disable"
            if self.should_process(nic.name, verb):
                self.world.commit(SetNicState(server.name, nic.name, self.up))
                if self.pass_thru:
                    self.write_object(_adapter(server, nic))


@cmdlet("Disable-NetAdapter", module="NetAdapter")
class DisableNetAdapterCommand(_SetAdapter):
    """Disables an adapter: the machine loses that network (a DAG member may fail over, R-NET-20)."""
    synopsis = "Disables a network adapter."
    examples = (
        ("Disable-NetAdapter -Name Replication -Confirm:$false",
         "This example disables the adapter Replication without asking; the machine loses that network."),
    )

    up = False


@cmdlet("Enable-NetAdapter", module="NetAdapter")
class EnableNetAdapterCommand(_SetAdapter):
    """Enables an adapter again (no confirmation asked: only disabling is high impact)."""
    synopsis = "Enables a network adapter."
    examples = (
        ("Enable-NetAdapter -Name Replication",
         "This example enables the adapter Replication again."),
    )

    confirm_impact = "Medium"


@cmdlet("Get-NetIPAddress", module="NetTCPIP")
class GetNetIPAddressCommand(CimCmdlet):
    """The machine's IP addresses, one object per address."""
    synopsis = "Gets the IP addresses of the machine."
    examples = (
        ("Get-NetIPAddress -AddressFamily IPv4",
         "This example lists the IPv4 addresses of this machine."),
        ("Get-NetIPAddress -InterfaceAlias MAPI | Format-Table IPAddress,PrefixLength",
         "This example shows the address and prefix length of the adapter MAPI."),
    )

    ip_address: list[str] | None = param("String[]", name="IPAddress", position=0)
    interface_alias: list[str] | None = param("String[]")
    address_family: str | None = param("AddressFamily", values=("IPv4", "IPv6"))

    def process_record(self) -> None:
        aliases = [self.runtime.to_string(a) for a in as_list(self.interface_alias)]
        for server in self.machines():
            if self.address_family == "IPv6":
                continue
            for nic in server.nics:
                if aliases and not any(self.runtime.like(nic.name, a) for a in aliases):
                    continue
                if self.ip_address and nic.ip not in [self.runtime.to_string(i) for i in self.ip_address]:
                    continue
                self.write_object(_ip_object(server, nic))


def _ip_object(server: Any, nic: Any) -> PSObject:
    origin = "Dhcp" if nic.dhcp else "Manual"
    forever = "Infinite ([TimeSpan]::MaxValue)"
    return PSObject((IP_ADDRESS, "Microsoft.Management.Infrastructure.CimInstance", "System.Object"), [
        ("IPAddress", nic.ip), ("InterfaceIndex", if_index(server, nic)), ("InterfaceAlias", nic.name),
        ("AddressFamily", "IPv4"), ("Type", "Unicast"), ("PrefixLength", nic.prefix),
        ("PrefixOrigin", origin), ("SuffixOrigin", origin),
        ("AddressState", "Preferred" if nic.up else "Invalid"), ("ValidLifetime", forever),
        ("PreferredLifetime", forever), ("SkipAsSource", False), ("PolicyStore", "ActiveStore")],
        to_string=f"MSFT_NetIPAddress (Name = \"{nic.ip}\")")


def dns_reachable(world: Any, source: Any, server_ip: str | None = None) -> bool:
    """Whether ``source`` can reach a DNS server (``server_ip``, or one its adapters list)."""
    candidates = [server_ip] if server_ip else [d for n in source.nics if n.up for d in n.dns_servers]
    for ip in candidates:
        owner, _ = _owner(world, ip)
        if owner is not None and owner.is_domain_controller and reachable(world, source, ip):
            return True
    return False


def client_lookup(world: Any, source: Any, name: str) -> Any:
    """How a program on ``source`` resolves ``name``: hosts file and cache, then a reachable DNS
    server, whose answer the machine caches for the record's TTL (R-BACKUP-5, R-TIMING-15).
    A ``state.dns.Answer``, or None."""
    answer = dns.local_answer(world, source.name, name)
    if answer is None and dns_reachable(world, source):
        answer = dns.ask_zone(world, source.name, name)
    return answer


@cmdlet("Test-Connection", module="Microsoft.PowerShell.Management")
class TestConnectionCommand(Cmdlet):
    """Pings machines from the session's machine (Win32_PingStatus objects; -Quiet: True/False)."""
    synopsis = "Sends ping requests to computers."
    examples = (
        ("Test-Connection MBX2 -Count 2",
         "This example pings MBX2 twice."),
        ("if (Test-Connection HUB01 -Quiet) { 'reachable' }",
         "This example tests whether HUB01 answers, as a script condition."),
    )

    computer_name: list[str] | None = param("String[]", position=0, mandatory=True, pipeline_by_name=True,
                                            aliases=("CN", "IPAddress", "__SERVER", "Server", "Destination"))
    count: int = param("Int32", default=4, validate_range=(1, 2147483647))
    buffer_size: int = param("Int32", default=32, aliases=("Size", "Bytes", "BS"), validate_range=(0, 65500))
    quiet: bool = param("SwitchParameter")
    delay: int = param("Int32", default=1)
    source: list[str] | None = param("String[]", aliases=("FCN", "SRC"))

    def process_record(self) -> None:
        world = self.world
        sources = [self.runtime.to_string(s) for s in as_list(self.source)] or [self.runtime.computer_name]
        for target in [self.runtime.to_string(c) for c in as_list(self.computer_name)]:
            ok = False
            for src_name in sources:
                src = machine(world, src_name, self.runtime.computer_name)
                address = target if is_ip(target) else (world.resolve(src.name, target) if src else None)
                ok = src is not None and address is not None and reachable(world, src, address)
                if ok and not self.quiet:
                    for _ in range(self.count):
                        self.write_object(_ping(world, src, target, address, self.buffer_size))
                if not ok and not self.quiet:
                    reason = "Error due to lack of resources" if address else "No such host is known"
                    self.write_error(self.error(
                        f"Testing connection to computer '{target}' failed: {reason}", "ResourceUnavailable",
                        "TestConnectionException", "System.Net.NetworkInformation.PingException",
                        target=target, target_type="String"))
            if self.quiet:
                self.write_object(ok)


def _ping(world: Any, source: Any, target: str, address: str, size: int) -> PSObject:
    owner, _ = _owner(world, address)
    rtt = 0 if owner is None or owner.site == source.site else world.links.get(
        frozenset((owner.site, source.site)), 0)
    return PSObject((PING, "System.Management.ManagementBaseObject", "System.Object"), [
        ("__SERVER", source.name), ("Address", target), ("IPV4Address", address), ("IPV6Address", None),
        ("BufferSize", size), ("ResponseTime", rtt), ("ReplySize", size), ("StatusCode", 0),
        ("ProtocolAddress", address), ("TimeToLive", 128)],
        hidden=("ReplySize", "StatusCode", "ProtocolAddress", "TimeToLive"),
        to_string=f"\\\\{source.name}\\root\\cimv2:Win32_PingStatus")
