"""Identity resolvers: what an IdParameter names in the world.

Each resolver takes the world and a bound ``Identity`` (a string or a piped record) and returns
every matching entity, in the order Exchange lists them; wildcards (`*`, `?`) match names
case-insensitively. An empty list is the caller's "not found"."""

from __future__ import annotations

import fnmatch
from typing import Any

from cmdlets.api.identity import Identity


def matches(pattern: str, name: str) -> bool:
    """PowerShell-style wildcard match, case-insensitive; plain text compares equal."""
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(name.lower(), pattern.lower())
    return name.lower() == pattern.lower()


def _by_name(items: list[Any], ident: Identity, extra: tuple[str, ...] = ()) -> list[Any]:
    text = ident.text.strip()
    out = []
    for item in items:
        names = (item.name, getattr(item, "guid", "") or "") + tuple(getattr(item, a, "") or "" for a in extra)
        if any(n and matches(text, n) for n in names):
            out.append(item)
    return out


def dags(world: Any, ident: Identity) -> list[Any]:
    return _by_name(list(world.dags.values()), ident)


def servers(world: Any, ident: Identity) -> list[Any]:
    """Exchange servers by name, FQDN or GUID."""
    return _by_name(world.exchange_servers(), ident, ("fqdn",))


def mailbox_servers(world: Any, ident: Identity) -> list[Any]:
    return _by_name(world.mailbox_servers(), ident, ("fqdn",))


def databases(world: Any, ident: Identity) -> list[Any]:
    return _by_name(list(world.databases.values()), ident)


def copies(world: Any, ident: Identity) -> list[Any]:
    """``DB\\Server`` names one copy; ``DB`` (or a wildcard) every copy of the matching databases."""
    text = ident.text.strip()
    if "\\" in text:
        db_text, _, server_text = text.rpartition("\\")
        out = []
        for db in databases(world, Identity(db_text)):
            out += [c for c in db.copies if matches(server_text, c.server)
                    or (world.server(c.server) and matches(server_text, world.server(c.server).fqdn))]
        return out
    return [c for db in databases(world, Identity(text)) for c in db.copies]


def networks(world: Any, ident: Identity) -> list[Any]:
    """``DAG\\Network``, a network name searched in every DAG, or a DAG name (all its networks,
    as ``Get-DatabaseAvailabilityGroupNetwork -Identity DAG1`` lists them)."""
    text = ident.text.strip()
    dag_text, _, net_text = text.rpartition("\\")
    if not dag_text and not any(ch in text for ch in "*?["):
        dag = world.dag(text)
        if dag is not None and dag.network(text) is None:
            return list(dag.networks)
    out = []
    for dag in world.dags.values():
        if dag_text and not matches(dag_text, dag.name):
            continue
        out += [n for n in dag.networks if matches(net_text, n.name)]
    return out
