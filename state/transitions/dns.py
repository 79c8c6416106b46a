"""Hand edits of the domain's DNS zone: A records added and removed by an administrator, as a
datacenter switchover does for the Exchange client names (R-TIMING-15).

The zone is AD-integrated and has one copy here: every DNS server answers the change at once.
Machines that asked before keep their cached answer until its TTL runs out (state/dns.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import events as ev
from state.dns import zone_label
from state.model.directory import STATIC_TTL, DnsRecord
from state.rules.base import Rule
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World

# DNS server refusals: Windows behaviour, not Exchange's, so not in the spec's registry.
RECORD_EXISTS = Rule("X-DNS-1", "ResourceExists", "The record {name} {address} already exists in zone {zone}.")
NO_RECORD = Rule("X-DNS-2", "ObjectNotFound", "There is no A record {name} in zone {zone}.")
NOT_IN_ZONE = Rule("X-DNS-3", "InvalidArgument", "'{name}' is not a name in zone {zone}.")


def _label(world: "World", name: str) -> str:
    label = zone_label(world, name)
    if label is None or label == "@":
        raise NOT_IN_ZONE.violation(target=name, name=name, zone=world.domain)
    return label


@attrs.frozen
class AddDnsRecord(Transition):
    """Add-DnsServerResourceRecordA / dnscmd /recordadd: the addresses join the name's records
    (several addresses answer in turn); ``ttl`` applies to the whole set."""

    name: str
    addresses: tuple[str, ...]
    ttl: int = STATIC_TTL

    def check(self, world: "World") -> None:
        label = _label(world, self.name)
        record = world.dns.get(label)
        for address in self.addresses:
            if record is not None and address in record.addresses:
                raise RECORD_EXISTS.violation(target=self.name, name=label, address=address, zone=world.domain)

    def apply(self, world: "World") -> list[ev.Event]:
        label = _label(world, self.name)
        record = world.dns.get(label)
        if record is None:
            world.dns[label] = DnsRecord(label, list(self.addresses), dynamic=False, ttl=self.ttl)
        else:
            record.addresses.extend(self.addresses)
            record.ttl = self.ttl
        return [ev.info(f"DNS record {label}.{world.domain} -> {', '.join(self.addresses)} added "
                        f"(TTL {self.ttl} s).", "R-TIMING-15")]


@attrs.frozen
class RemoveDnsRecord(Transition):
    """Remove-DnsServerResourceRecord / dnscmd /recorddelete: one address, or all of the name's."""

    name: str
    address: str | None = None

    def check(self, world: "World") -> None:
        label = _label(world, self.name)
        record = world.dns.get(label)
        if record is None or (self.address is not None and self.address not in record.addresses):
            raise NO_RECORD.violation(target=self.name, name=label, zone=world.domain)

    def apply(self, world: "World") -> list[ev.Event]:
        label = _label(world, self.name)
        record = world.dns[label]
        gone = [self.address] if self.address else list(record.addresses)
        record.addresses[:] = [a for a in record.addresses if a not in gone]
        if not record.addresses:
            del world.dns[label]
        return [ev.info(f"DNS record {label}.{world.domain} -> {', '.join(gone)} removed; machines keep "
                        f"cached answers for up to {record.ttl} s.", "R-TIMING-15")]


@attrs.frozen
class SetDnsTtl(Transition):
    """Set-DnsServerResourceRecord with a new TimeToLive: the name's records keep their addresses."""

    name: str
    ttl: int

    def check(self, world: "World") -> None:
        label = _label(world, self.name)
        if label not in world.dns:
            raise NO_RECORD.violation(target=self.name, name=label, zone=world.domain)

    def apply(self, world: "World") -> list[ev.Event]:
        label = _label(world, self.name)
        world.dns[label].ttl = self.ttl
        return [ev.info(f"DNS record {label}.{world.domain}: TTL {self.ttl} s.", "R-TIMING-15")]
