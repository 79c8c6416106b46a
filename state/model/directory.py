"""Active Directory bits outside Exchange: sites, computer accounts, the DNS zone."""

from __future__ import annotations

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


@define(eq=False)
class DnsRecord:
    """An A record in the domain's zone; ``dynamic`` ones were registered by the machines."""

    name: str
    address: str
    dynamic: bool = True
