"""Test-NetConnection (Windows Server 2012 R2 and later): name resolution from the session's
machine (hosts file, then DNS), a ping, and with -Port a TCP connect to a service the lab
machine runs. Which ports listen follows the machine's roles and running services."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.windows.network import address_owner, client_lookup, reachable
from state import dns
from state.model.network import in_subnet, is_ip

PS4 = ("2013", "2016", "2019")
WINDOWS_PORTS = {135, 139, 445, 3389, 5985}
ROLE_PORTS = {
    "DomainController": {53, 88, 389, 464, 636, 3268, 3269},
    "ClientAccess": {80, 443},
    "HubTransport": {25, 587},
    "Mailbox": {80, 443},
}
SERVICE_PORTS = {"MSExchangeRepl": {64327}, "ClusSvc": {3343}}
RESULT = "TestNetConnectionResult"
OLD_WINDOWS = ("2008", "2008 R2", "2012", "2012 R2")   # their Test-NetConnection tries the first address only


# The service that answers a port, where the machine runs it (else the role decides alone).
PORT_SERVICES = {
    80: ("W3SVC",), 443: ("W3SVC",), 25: ("MSExchangeFrontEndTransport", "MSExchangeTransport"),
    587: ("MSExchangeFrontEndTransport", "MSExchangeTransport"), 53: ("DNS",), 389: ("NTDS",), 636: ("NTDS",),
    3268: ("NTDS",), 3269: ("NTDS",), 445: ("LanmanServer",), 139: ("LanmanServer",), 135: ("RpcSs",),
    5985: ("WinRM",),
}


def listening(server: Any, port: int) -> bool:
    """Whether ``server`` accepts a TCP connection on ``port`` now: its role or a service opens
    the port, and the service behind it, where the machine has one, is running."""
    opened = port in WINDOWS_PORTS or any(port in ROLE_PORTS.get(role, ()) for role in server.roles)
    if not opened:
        return any(port in ports and server.service_running(name) for name, ports in SERVICE_PORTS.items())
    behind = [name for name in PORT_SERVICES.get(port, ()) if name in server.services]
    return not behind or any(server.service_running(name) for name in behind)


def source_nic(source: Any, address: str) -> Any:
    """The adapter a connection to ``address`` leaves by: same subnet first, else the gateway one."""
    ups = [n for n in source.nics if n.up]
    return next((n for n in ups if in_subnet(address, n.subnet)), next((n for n in ups if n.gateway), None))


CONNECTED, NO_ANSWER, REFUSED = "Connected", "NoAnswer", "Refused"


def connect(world: Any, source: Any, addresses: tuple[str, ...], port: int) -> list[tuple[str, str]]:
    """A TCP client trying each address in turn until one accepts: (address, outcome) per try.
    An address that does not answer at all costs the client's connect timeout on the virtual
    clock before the next is tried (R-TIMING-15); a refused connection fails at once."""
    tries: list[tuple[str, str]] = []
    for address in addresses:
        answering = reachable(world, source, address)
        target = address_owner(world, address)
        if answering and target is not None and listening(target, port):
            tries.append((address, CONNECTED))
            break
        if not answering:
            world.advance(dns.CONNECT_RETRY_SECONDS)
        tries.append((address, REFUSED if answering else NO_ANSWER))
    return tries


@cmdlet("Test-NetConnection", module="NetTCPIP")
class TestNetConnectionCommand(Cmdlet):
    """Resolves, pings and (with -Port) connects to a lab machine from the session's machine."""
    synopsis = "Tests a connection to a computer: name resolution, ping and, with -Port, a TCP connection."
    examples = (
        ("Test-NetConnection MBX2",
         "This example resolves and pings MBX2 and reports the result."),
        ("Test-NetConnection CAS1 -Port 443",
         "This example tests whether CAS1 accepts connections on port 443."),
    )

    versions = PS4

    computer_name: str | None = param("String", position=0, pipeline=True, pipeline_by_name=True,
                                      aliases=("RemoteAddress", "cn"), default="internetbeacon.msedge.net")
    port: int | None = param("Int32", aliases=("RemotePort",))
    common_tcp_port: str | None = param("String", values=("HTTP", "RDP", "SMB", "WINRM"))
    information_level: str = param("String", values=("Quiet", "Detailed"), default="Detailed")

    def process_record(self) -> None:
        world = self.world
        name = self.computer_name or "internetbeacon.msedge.net"   # $null or "" binds like no name
        source = world.server(self.runtime.computer_name)
        port = self.port or {"HTTP": 80, "RDP": 3389, "SMB": 445, "WINRM": 5985}.get(self.common_tcp_port or "")
        answer = None if is_ip(name) else client_lookup(world, source, name)
        if answer is None and not is_ip(name):
            self.write_warning(f"Name resolution of {name} failed -- Status: No such host is known")
            self._emit(name, None, None, port, ping=False, tcp=False if port else None)
            return
        addresses = answer.addresses if answer else (name,)
        newer = source.os_version not in OLD_WINDOWS
        address, tcp = addresses[0], None
        if port is not None:
            address, tcp = self._connect(source, name, addresses if newer else addresses[:1], port, newer)
        ping = reachable(world, source, address)
        if not ping:
            self.write_warning(f"Ping to {name} failed with status: TimedOut" if newer
                               else f"Ping to {name} failed -- Status: TimedOut")
        self._emit(name, address, source_nic(source, address), port, ping, tcp)

    def _connect(self, source: Any, name: str, addresses: tuple[str, ...], port: int,
                 newer: bool) -> tuple[str, bool]:
        tries = connect(self.world, source, addresses, port)
        for address, outcome in tries:
            if outcome != CONNECTED:
                self.write_warning(f"TCP connect to ({address} : {port}) failed" if newer
                                   else f"TCP connect to {name}:{port} failed")
        last, outcome = tries[-1]
        return (last, True) if outcome == CONNECTED else (addresses[0], False)

    def _emit(self, name: str, address: str | None, nic: Any, port: int | None, ping: bool,
              tcp: bool | None) -> None:
        if self.information_level == "Quiet":
            self.write_object(ping if tcp is None else tcp)
            return
        props: list[tuple[str, Any]] = [("ComputerName", name), ("RemoteAddress", address)]
        if port is not None:
            props.append(("RemotePort", port))
        props += [("InterfaceAlias", nic.name if nic else None), ("SourceAddress", nic.ip if nic else None)]
        if tcp is None or not tcp:
            props += [("PingSucceeded", ping), ("PingReplyDetails (RTT)", "0 ms")]
        if tcp is not None:
            props.append(("TcpTestSucceeded", tcp))
        self.write_object(PSObject((RESULT, "System.Object"), props))
