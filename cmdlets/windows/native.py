"""The console tools admins reach for first, answered from the lab: ``ping``, ``ipconfig``,
``nslookup``. They write text lines as the Windows tools print them and set $LASTEXITCODE.

``ping`` resolves like every Windows program (hosts file, then DNS: R-BACKUP-5); ``nslookup``
asks the DNS server only and never reads the hosts file, which is why a hosts entry made for a
backup network does not show in it."""

from __future__ import annotations

import ipaddress
from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.windows.network import address_owner, client_lookup, dns_reachable, reachable
from state import dns
from state.model.network import is_ip


class Native(Cmdlet):
    """A native program: arguments as words, text out, an exit code."""

    module = ""
    application = True
    arguments: list[Any] | None = param("Object[]", position=0, remaining=True)

    def words(self) -> list[str]:
        return [self.runtime.to_string(a) for a in self.arguments or []]

    def lines(self, lines: list[str], code: int = 0) -> None:
        for line in lines:
            self.write_object(line)
        self.runtime.set_variable("global:LASTEXITCODE", code)

    @property
    def here(self) -> Any:
        return self.world.server(self.runtime.computer_name)


@cmdlet("ping")
class Ping(Native):
    """ping [-n count] [-l size] host"""

    n: int = param("Int32", name="n", default=4)
    l: int = param("Int32", name="l", default=32)

    def process_record(self) -> None:
        hosts = self.words()
        if not hosts:
            self.lines(["", "Usage: ping [-n count] [-l size] target_name"], 1)
            return
        target = hosts[0]
        world = self.world
        answer = None if is_ip(target) else client_lookup(world, self.here, target)
        if answer is None and not is_ip(target):
            self.lines([f"Ping request could not find host {target}. Please check the name and try again."], 1)
            return
        address = answer.address if answer else target
        shown = target if answer is None or answer.source == "hosts" else answer.name
        head = f"Pinging {shown} [{address}] with {self.l} bytes of data:" if shown != address else \
            f"Pinging {address} with {self.l} bytes of data:"
        ok = reachable(world, self.here, address)
        replies = [f"Reply from {address}: bytes={self.l} time<1ms TTL=128" if ok else "Request timed out."] * self.n
        got = self.n if ok else 0
        stats = ["", f"Ping statistics for {address}:",
                 f"    Packets: Sent = {self.n}, Received = {got}, Lost = {self.n - got} "
                 f"({(self.n - got) * 100 // self.n}% loss),"]
        if ok:
            stats += ["Approximate round trip times in milli-seconds:",
                      "    Minimum = 0ms, Maximum = 0ms, Average = 0ms"]
        self.lines(["", head] + replies + stats, 0 if ok else 1)


@cmdlet("ipconfig")
class Ipconfig(Native):
    """ipconfig [/all | /displaydns | /flushdns]: the enabled adapters of the session's machine,
    or its DNS client cache (R-TIMING-15)."""

    def process_record(self) -> None:
        words = [w.lower().replace("-", "/", 1) for w in self.words()]
        if "/flushdns" in words:
            dns.flush(self.here)
            self.lines(["", "Windows IP Configuration", "", "Successfully flushed the DNS Resolver Cache."])
            return
        if "/displaydns" in words:
            self.lines(["", "Windows IP Configuration", ""] + _cache_lines(self.world, self.here))
            return
        full = "/all" in words
        server = self.here
        out = ["", "Windows IP Configuration", ""]
        if full:
            out += [f"   Host Name . . . . . . . . . . . . : {server.name}",
                    f"   Primary Dns Suffix  . . . . . . . : {server.domain}", ""]
        for nic in server.nics:
            if not nic.up:
                continue
            mask = str(ipaddress.ip_network(f"0.0.0.0/{nic.prefix}").netmask)
            out += ["", f"Ethernet adapter {nic.name}:", "",
                    "   Connection-specific DNS Suffix  . : ",
                    f"   IPv4 Address. . . . . . . . . . . : {nic.ip}",
                    f"   Subnet Mask . . . . . . . . . . . : {mask}",
                    f"   Default Gateway . . . . . . . . . : {nic.gateway or ''}"]
            if full:
                out += [f"   DNS Servers . . . . . . . . . . . : {d}" for d in nic.dns_servers[:1]]
                out += [f"                                       {d}" for d in nic.dns_servers[1:]]
        self.lines(out)


def _cache_lines(world: Any, server: Any) -> list[str]:
    """``ipconfig /displaydns``: each cached name with its records and the seconds left."""
    out: list[str] = []
    for entry, left in dns.cache_entries(world, server):
        out += [f"    {entry.name}", "    ----------------------------------------"]
        for address in entry.addresses:
            out += [f"    Record Name . . . . . : {entry.name}",
                    "    Record Type . . . . . : 1",
                    f"    Time To Live  . . . . : {left}",
                    "    Data Length . . . . . : 4",
                    "    Section . . . . . . . : Answer",
                    f"    A (Host) Record . . . : {address}", ""]
        out.append("")
    return out


@cmdlet("nslookup")
class Nslookup(Native):
    """nslookup name [server]: asks DNS directly (no hosts file)."""

    def process_record(self) -> None:
        words = self.words()
        world = self.world
        servers = [d for n in self.here.nics if n.up for d in n.dns_servers]
        server_ip = (world.resolve(self.here.name, words[1]) if len(words) > 1 else None) or \
            (servers[0] if servers else None)
        owner = address_owner(world, server_ip) if server_ip else None
        if owner is None or not dns_reachable(world, self.here, server_ip):
            self.lines(["DNS request timed out.", "    timeout was 2 seconds.", "Server:  UnKnown",
                        f"Address:  {server_ip or ''}", ""], 1)
            return
        head = [f"Server:  {owner.fqdn.lower()}", f"Address:  {server_ip}", ""]
        if not words:
            self.lines(head)
            return
        name = words[0]
        answer = dns.ask_zone(world, self.here.name, name, remember=False)    # the server, not the cache
        if answer is None:
            self.lines(head + [f"*** {owner.fqdn.lower()} can't find {name}: Non-existent domain"], 1)
            return
        first, *more = answer.addresses
        label = "Addresses:" if more else "Address:"
        self.lines(head + [f"Name:    {answer.name}", f"{label}  {first}"] + [f"\t  {a}" for a in more] + [""])
