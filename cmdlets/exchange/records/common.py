"""What every Exchange record shares: the directory-object tail of Format-List, the profile key
that picks a property list, and the PSObject builder."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from cmdlets.api.values import PSObject

AD_BASES = ("Microsoft.Exchange.Data.Directory.ADConfigurationObject",
            "Microsoft.Exchange.Data.Directory.ADObject",
            "Microsoft.Exchange.Data.Directory.ADRawEntry",
            "Microsoft.Exchange.Data.ConfigurableObject",
            "System.Object")

# The base-class block that ends every directory object's list (output-format §7).
TAIL_BETA = ("AdminDisplayName", "ExchangeVersion", "DistinguishedName", "Identity", "Guid", "ObjectCategory",
             "ObjectClass", "WhenChanged", "WhenCreated", "OrganizationId", "OriginatingServer", "IsValid")
TAIL_2010 = ("AdminDisplayName", "ExchangeVersion", "DistinguishedName", "Identity", "Guid", "ObjectCategory",
             "ObjectClass", "WhenChanged", "WhenCreated", "WhenChangedUTC", "WhenCreatedUTC", "OrganizationId",
             "OriginatingServer", "IsValid", "ObjectState")
TAIL_2013 = ("AdminDisplayName", "ExchangeVersion", "DistinguishedName", "Identity", "Guid", "ObjectCategory",
             "ObjectClass", "WhenChanged", "WhenCreated", "WhenChangedUTC", "WhenCreatedUTC", "OrganizationId",
             "Id", "OriginatingServer", "IsValid", "ObjectState")
TAILS = {"2010-beta1": TAIL_BETA, "2010": TAIL_2010, "2013": TAIL_2013, "2016": TAIL_2013}


def profile_key(version: str) -> str:
    """The property-list family of a lab version: 2010-beta1, 2010, 2013 or 2016 (2019 = 2016)."""
    return {"2007": "2010", "2019": "2016"}.get(version, version)


def record(type_name: str, names: Iterable[str], values: dict[str, Any], to_string: str,
           bases: tuple[str, ...] = AD_BASES) -> PSObject:
    """A PSObject with ``names`` in order; a name missing from ``values`` is $null."""
    return PSObject((type_name,) + bases, [(n, values.get(n)) for n in names],
                    hidden=("RunspaceId",), to_string=to_string)


def schema_category(domain: str, cls: str) -> str:
    """ObjectCategory as a canonical name: ``contoso.com/Configuration/Schema/ms-Exch-Private-MDB``."""
    return f"{domain}/Configuration/Schema/{cls}"


def directory_values(obj: Any, world: Any, version: str, *, identity: str, category: str,
                     object_class: list[str], dn: str, originating: str | None) -> dict[str, Any]:
    """Values of the base-class block. Beta 1 (seed 003) shows ObjectCategory and
    OriginatingServer blank."""
    beta = version == "2010-beta1"
    when_changed: dt.datetime | None = getattr(obj, "when_changed", None)
    when_created: dt.datetime | None = getattr(obj, "when_created", None)
    return {
        "AdminDisplayName": getattr(obj, "admin_display_name", "") or None,
        "ExchangeVersion": "0.10 (14.0.100.0)",
        "DistinguishedName": dn, "Identity": identity, "Guid": getattr(obj, "guid", None),
        "ObjectCategory": None if beta else schema_category(world.domain, category),
        "ObjectClass": list(object_class),
        "WhenChanged": when_changed, "WhenCreated": when_created,
        "WhenChangedUTC": when_changed, "WhenCreatedUTC": when_created,     # the lab clock is UTC
        "OrganizationId": None, "Id": identity,
        "OriginatingServer": None if beta else originating,
        "IsValid": True, "ObjectState": "Unchanged",
    }
