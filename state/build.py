"""Named constructors that populate a World before anyone types a command (labs, tests,
bench): sites, servers with adapters and services, databases created by setup."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from state import replication as repl
from state.model import service_catalog
from state.model import ComputerAccount, DatabaseCopy, DnsRecord, LogSegment, MailboxDatabase, Nic, Server, Site
from state.world import World

GB = 1024 ** 3


def add_site(world: World, name: str) -> Site:
    site = Site(name)
    world.sites.append(site)
    return site


def add_server(world: World, name: str, roles: Iterable[str], os: str, site: str | None = None,
               nics: Iterable[Nic] = (), exchange_version: str | None = None) -> Server:
    """A machine with the Windows services of its roles and Exchange version running as they do
    after a boot (service_catalog); the Cluster service comes later, with the Failover Clustering
    feature a server gets when it joins a DAG (R-DAG-24)."""
    roles = list(roles)
    server = Server(name=name, domain=world.domain, roles=roles, os=os,
                    site=site or (world.sites[0].name if world.sites else "Default-First-Site-Name"),
                    exchange_version=exchange_version or world.exchange_version, nics=list(nics),
                    guid=world.new_guid(), when_created=world.now)
    if server.major_version >= 15:
        server.auto_database_mount_dial = "GoodAvailability"        # R-AM-12 [2013+]
    server.services = service_catalog.boot_states(server)
    world.servers[name.lower()] = server
    world.computer_accounts[name.lower()] = ComputerAccount(name)
    primary = next((n for n in server.nics if n.register_in_dns), server.nics[0] if server.nics else None)
    if primary is not None:
        world.dns[name.lower()] = DnsRecord(name, [primary.ip], registered=world.now)
    return server


def add_database(world: World, name: str, server: str, size_gb: float = 1.0, log_rate: float = 1.0,
                 when_created: dt.datetime | None = None, when_changed: dt.datetime | None = None,
                 legacy_dn_server: str | None = None) -> MailboxDatabase:
    """A database as setup or New-MailboxDatabase makes it: one mounted copy (R-DB-2)."""
    host = world.server(server)
    prefix = f"E{sum(1 for d in world.databases.values() if d.server.lower() == host.name.lower()):02}"
    edb, logs = MailboxDatabase.paths_for(name, world.exchange_version)
    created = when_created or world.now
    dag = world.dag_of(host)
    db = MailboxDatabase(
        name=name, guid=world.new_guid(), server=host.name, organization=world.organization,
        domain=world.domain, exchange_version=world.exchange_version, when_created=created,
        when_changed=when_changed or created, log_file_prefix=prefix, edb_file_path=edb,
        log_folder_path=logs, master_server_or_availability_group=dag.name if dag else host.name,
        master_type="DatabaseAvailabilityGroup" if dag else "Server", active_server=host.name,
        log_rate=log_rate, size_bytes=int(size_gb * GB), legacy_dn_server=legacy_dn_server or "")
    db.segments = [LogSegment(created, 0, log_rate)]
    db.copies.append(DatabaseCopy(name, host.name, status="Mounted", status_since=created, instance_start=created))
    world.databases[db.guid] = db
    host.files[edb] = ""
    return db


def settle(world: World, copy: DatabaseCopy, max_seconds: float = 86400) -> bool:
    """Advance until ``copy`` is no longer Seeding/Initializing (what the 2010 cmdlet waits for)."""
    return world.advance_until(lambda w: not repl.is_settling(copy), max_seconds)
