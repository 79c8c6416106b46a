"""Name resolution from a machine and its timing (R-BACKUP-5, R-TIMING-15).

A Windows machine answers a name from its hosts file first, then from its DNS client cache,
then by asking the zone (the domain's AD-integrated zone: one copy, every DNS server answers
the same). An answer from the zone is kept in the asking machine's cache for the record's TTL
on the virtual clock, so after an administrator points a client name at the other datacenter
a machine that asked before keeps using the old address until its cached answer expires
(five minutes for the Exchange client names a site-resilient design publishes, R-TIMING-15;
twenty for the names machines register themselves). ``ipconfig /flushdns`` and a restart
empty the cache.

A name with several addresses is answered in the DNS server's netmask order: addresses in the
asker's own /24 networks first, the rest in the zone's order. A client connecting to such a
name tries the addresses in turn and gives up on one that does not answer after
``CONNECT_RETRY_SECONDS`` (R-TIMING-15).

``lookup(..., remember=False)`` answers without filling the cache: the world's own checks
resolve names that way, so a refused operation changes nothing."""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import TYPE_CHECKING

import attrs

from state.model.directory import CachedName, DnsRecord

if TYPE_CHECKING:
    from state.model import Server
    from state.world import World

CLIENT_NAME_TTL = 300          # R-TIMING-15: the TTL for Exchange client names
CONNECT_RETRY_SECONDS = 20     # R-TIMING-15: a client tries the next address after about 20 s
LOCAL_NET_PREFIX = 24          # the DNS server's netmask ordering (LocalNetPriority)


@attrs.frozen
class Answer:
    """What a machine's resolver answered: ``source`` is 'hosts', 'cache' or 'dns';
    ``ttl`` the seconds the answer stays good (what is left of it, for a cached one)."""

    name: str
    addresses: tuple[str, ...]
    ttl: int
    source: str

    @property
    def address(self) -> str:
        return self.addresses[0]


def zone_label(world: "World", name: str) -> str | None:
    """The name's label in the domain's zone ('mail' for mail or mail.contoso.com), or None
    for a name outside it."""
    label = _label_as_written(world, name)
    return label.lower() if label else None


def _label_as_written(world: "World", name: str) -> str | None:
    text = name.rstrip(".")
    suffix = "." + world.domain.lower()
    if text.lower().endswith(suffix):
        text = text[: -len(suffix)]
    return text if text and "." not in text else None


def fqdn(world: "World", name: str) -> str:
    """The full name as asked (DNS answers echo the question's spelling)."""
    label = _label_as_written(world, name)
    return f"{label}.{world.domain}" if label else name


def zone_record(world: "World", name: str) -> DnsRecord | None:
    label = zone_label(world, name)
    return world.dns.get(label) if label else None


def netmask_order(server: "Server | None", addresses: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Addresses in the asker's own /24 networks first, the others after, each group in zone order."""
    if server is None:
        return tuple(addresses)
    nets = [ipaddress.ip_network(f"{n.ip}/{LOCAL_NET_PREFIX}", strict=False) for n in server.nics if n.up]

    def local(address: str) -> bool:
        return any(ipaddress.ip_address(address) in net for net in nets)

    return tuple([a for a in addresses if local(a)] + [a for a in addresses if not local(a)])


def cached(world: "World", server: "Server", name: str) -> CachedName | None:
    """The machine's unexpired cached answer for ``name``."""
    entry = server.dns_cache.get(fqdn(world, name).lower())
    return entry if entry is not None and entry.expires > world.now else None


def local_answer(world: "World", machine: str, name: str, hosts: bool = True) -> Answer | None:
    """What the machine knows without asking a DNS server: its hosts file, then its cache."""
    server = world.server(machine)
    if server is not None and hosts:
        found = server.hosts.get(name.lower())        # the hosts file matches the name as written
        if found is not None:
            return Answer(name, (found,), 0, "hosts")
    if hosts and name.lower() == "localhost":        # the DNS client answers it when the file does not
        return Answer(name, ("127.0.0.1",), 0, "hosts")
    entry = cached(world, server, name) if server is not None else None
    if entry is not None:
        left = int((entry.expires - world.now).total_seconds())
        return Answer(entry.name, entry.addresses, left, "cache")
    return None


def ask_zone(world: "World", machine: str, name: str, remember: bool = True) -> Answer | None:
    """The zone's answer, ordered for the asker; kept in its cache for the record's TTL."""
    record = zone_record(world, name)
    if record is None or not record.addresses:
        return None
    server = world.server(machine)
    answer = Answer(fqdn(world, name), netmask_order(server, record.addresses), record.ttl, "dns")
    if remember and server is not None and record.ttl > 0:
        server.dns_cache[answer.name.lower()] = CachedName(answer.name, answer.addresses,
                                                   world.now + dt.timedelta(seconds=record.ttl))
    return answer


def lookup(world: "World", machine: str, name: str, remember: bool = True) -> Answer | None:
    """Hosts file, cache, zone (R-BACKUP-5, R-TIMING-15)."""
    return local_answer(world, machine, name) or ask_zone(world, machine, name, remember)


def flush(server: "Server") -> None:
    """``ipconfig /flushdns``, Clear-DnsClientCache, a restart."""
    server.dns_cache.clear()


def cache_entries(world: "World", server: "Server") -> list[tuple[CachedName, int]]:
    """The unexpired entries of the machine's cache with their seconds left, oldest first."""
    return [(e, int((e.expires - world.now).total_seconds()))
            for e in server.dns_cache.values() if e.expires > world.now]
