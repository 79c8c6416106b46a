"""Network adapters and the small IPv4 helpers the rules share."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from attrs import define, field


@lru_cache(maxsize=4096)
def subnet_of(ip: str, prefix: int) -> str:
    """'192.168.1.11', 24 -> '192.168.1.0/24' (the form DAG networks and cluster networks use)."""
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def in_subnet(ip: str, subnet: str) -> bool:
    try:
        return ipaddress.ip_address(ip) in ipaddress.ip_network(subnet, strict=False)
    except ValueError:
        return False


def is_ipv4(text: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(text), ipaddress.IPv4Address)
    except ValueError:
        return False


def is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


@define(eq=False)
class Nic:
    """One network adapter: a static IPv4 address (or DHCP) with its settings."""

    name: str
    ip: str
    prefix: int = 24
    gateway: str | None = None
    dns_servers: list[str] = field(factory=list)
    register_in_dns: bool = False
    up: bool = True
    dhcp: bool = False

    @property
    def subnet(self) -> str:
        return subnet_of(self.ip, self.prefix)

    @property
    def is_mapi(self) -> bool:
        """R-NET-4 / D2: an adapter that registers in DNS and has a default gateway is MAPI."""
        return bool(self.register_in_dns and self.gateway)
