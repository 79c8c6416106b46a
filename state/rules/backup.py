"""The dedicated backup network (spec: BACKUP, seed 000): how a backup application finds a
DAG and which network its sessions to the members use.

The backup application is modelled by two pure queries: ``discover_topology`` (R-BACKUP-4:
resolve the DAG name, reach its online cluster IP) and ``session_route`` (R-BACKUP-5/6: resolve a
member name with the backup server's hosts file first, then DNS). The DAG-side behaviour the
seed describes lives where it happens: R-BACKUP-1 in the DAG address rules (R-DAG-16) and the
reconciliation (state.reconfigure), R-BACKUP-2/3 in network discovery and R-CLUSTER-9."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state.model.network import in_subnet
from state.rules.base import rule

if TYPE_CHECKING:
    from state.model import Server
    from state.world import World

R_BACKUP_4_NAME = rule("R-BACKUP-4", "ObjectNotFound",
                       "Topology discovery failed: the name '{dag}' couldn't be resolved from '{server}'.")
R_BACKUP_4_ROUTE = rule("R-BACKUP-4", "ResourceUnavailable",
                        "Topology discovery failed: '{server}' has no route to {address} ('{dag}').")
R_BACKUP_4_OFFLINE = rule("R-BACKUP-4", "ResourceUnavailable",
                          "Topology discovery failed: nothing answers at {address} ('{dag}'); the cluster IP "
                          "address is not online.")
R_BACKUP_8 = rule("R-BACKUP-8", "InvalidOperation",
                  "The copy of database '{database}' on '{server}' can't be backed up: it is {status}.")
R_BACKUP_5 = rule("R-BACKUP-5", "ObjectNotFound",
                  "The name '{member}' couldn't be resolved from '{server}'.")


@attrs.frozen
class Route:
    """Where a backup session goes: the address the name resolved to, how it was resolved
    ('hosts' or 'dns'), and the backup server's adapter that carries it."""

    address: str
    source: str
    adapter: str


def _adapter_for(server: "Server", address: str) -> str | None:
    return next((n.name for n in server.nics if n.up and in_subnet(address, n.subnet)), None)


def _resolve(world: "World", server: "Server", name: str) -> tuple[str | None, str]:
    short = name.split(".")[0].lower()
    for host, ip in server.hosts.items():
        if host.lower() in (name.lower(), short):
            return ip, "hosts"
    return world.resolve(server.name, name), "dns"


def discover_topology(world: "World", backup_server: str, dag_name: str) -> Route:
    """R-BACKUP-4: resolve the DAG name and connect to the cluster IP that is online there."""
    server = world.server(backup_server)
    address, source = _resolve(world, server, dag_name)
    if address is None:
        raise R_BACKUP_4_NAME.violation(target=dag_name, dag=dag_name, server=server.name)
    adapter = _adapter_for(server, address)
    if adapter is None:
        raise R_BACKUP_4_ROUTE.violation(target=dag_name, dag=dag_name, server=server.name, address=address)
    cluster = world.clusters.get(dag_name.split(".")[0].lower())
    online = cluster is not None and cluster.has_quorum and any(
        r.state == "Online" and r.parameters.get("Address") == address for r in cluster.resources_of_type("IP Address"))
    if not online:
        raise R_BACKUP_4_OFFLINE.violation(target=dag_name, dag=dag_name, address=address)
    return Route(address, source, adapter)


def session_route(world: "World", backup_server: str, member: str) -> Route:
    """R-BACKUP-5/6: hosts file first, then DNS; the adapter on that address's subnet carries
    the data (no adapter there: the default gateway, i.e. the MAPI adapter)."""
    server = world.server(backup_server)
    address, source = _resolve(world, server, member)
    if address is None:
        raise R_BACKUP_5.violation(target=member, member=member, server=server.name)
    adapter = _adapter_for(server, address)
    if adapter is None:
        adapter = next((n.name for n in server.nics if n.gateway), server.nics[0].name)
    return Route(address, source, adapter)


BACKUP_STATES = ("Mounted", "Healthy", "DisconnectedAndHealthy")


def copy_can_be_backed_up(world: "World", database: str, server: str) -> None:
    """R-BACKUP-8: a mounted active copy or a healthy passive copy, on a running server."""
    db = world.database(database)
    copy = db.copy_on(server) if db is not None else None
    status = world.copy_status(copy).status if copy is not None else "missing"
    if copy is None or status not in BACKUP_STATES:
        raise R_BACKUP_8.violation(target=f"{database}\\{server}", database=database, server=server,
                                   status=status)
