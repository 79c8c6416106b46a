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
from cmdlets.windows.network import address_owner, dns_reachable, reachable
from state.model.network import is_ip


class _Native(Cmdlet):
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
class Ping(_Native):
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
        from_hosts = self.here.hosts.get(target.lower())
        address = target if is_ip(target) else (from_hosts or world.resolve(self.here.name, target))
        if address is None:
            self.lines([f"Ping request could not find host {target}. Please check the name and try again."], 1)
            return
        shown = target if from_hosts or is_ip(target) else _fqdn(world, target)
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


def _fqdn(world: Any, name: str) -> str:
    return name if "." in name else f"{name}.{world.domain}"


@cmdlet("ipconfig")
class Ipconfig(_Native):
    """ipconfig [/all]: the enabled adapters of the session's machine."""

    def process_record(self) -> None:
        full = any(w.lower() in ("/all", "-all") for w in self.words())
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


@cmdlet("nslookup")
class Nslookup(_Native):
    """nslookup name [server]: asks DNS directly (no hosts file)."""

    def process_record(self) -> None:
        words = self.words()
        world = self.world
        dns = [d for n in self.here.nics if n.up for d in n.dns_servers]
        server_ip = (world.resolve(self.here.name, words[1]) if len(words) > 1 else None) or (dns[0] if dns else None)
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
        short = name.split(".")[0] if name.lower().endswith("." + world.domain.lower()) else name
        record = world.dns.get(short.lower()) if "." not in short else None
        if record is None:
            self.lines(head + [f"*** {owner.fqdn.lower()} can't find {name}: Non-existent domain"], 1)
            return
        self.lines(head + [f"Name:    {record.name}.{world.domain}", f"Address:  {record.address}", ""])
