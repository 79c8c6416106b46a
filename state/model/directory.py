"""Active Directory bits outside Exchange: sites, computer accounts, the DNS zone."""

from __future__ import annotations

import datetime as dt

from attrs import define, field


@define(eq=False)
class Site:
    name: str


@define(eq=False)
class ComputerAccount:
    """An AD computer object: servers, DAG cluster name objects (CNOs, R-CLUSTER-2/3)."""

    name: str
    enabled: bool = True
    full_control: list[str] = field(factory=list)
    prestaged: bool = False


DYNAMIC_TTL = 1200         # seconds: what Windows registers its own names with
STATIC_TTL = 3600          # seconds: the zone's default for a record added by hand


@define(eq=False)
class DnsRecord:
    """The A records of one name in the domain's zone. ``dynamic`` ones were registered by the
    machines (``registered``: when; the DNS server keeps the hour); the others were made by hand."""

    name: str
    addresses: list[str]
    dynamic: bool = True
    ttl: int = DYNAMIC_TTL
    registered: dt.datetime | None = None

    @property
    def address(self) -> str:
        return self.addresses[0]


@define(eq=False)
class CachedName:
    """An answer in a machine's DNS client cache: good until ``expires`` on the virtual clock."""

    name: str
    addresses: tuple[str, ...]
    expires: dt.datetime
