"""The World: one simulated organization per shell session (no globals).

Registries (servers, DAGs, databases, clusters, computer accounts, DNS), the virtual clock,
the seeded random generator, the journal, and the transaction door: ``check(transition)``
(pure) and ``commit(transition)`` (check, apply, journal). ``snapshot()`` is a comparable
plain value; ``checkpoint()``/``restore()`` deep-copy the whole state."""

from __future__ import annotations

import copy as _copy
import datetime as dt
import random
from typing import Any, Callable, Iterator

import attrs

from state import dns
from state.clock import Clock
from state.partition import Partition
from state.model.mailboxes import Mailbox
from state.events import Event
from state.model import (Cluster, ComputerAccount, DatabaseAvailabilityGroup, DatabaseCopy,
                         DnsRecord, MailboxDatabase, Server, Site)

VERSIONS = ("2007", "2010-beta1", "2010", "2013", "2016", "2019")
_ORDER = {"2007": 0, "2010-beta1": 1, "2010": 2, "2013": 3, "2016": 4, "2019": 5}


class World:
    """The simulated organization. Attribute names are stable: the cmdlets read them."""

    def __init__(self, exchange_version: str = "2010", domain: str = "contoso.com",
                 organization: str | None = None, start_time: dt.datetime | None = None,
                 seed: int = 1):
        self.exchange_version = exchange_version
        self.domain = domain
        self.organization = organization or domain.split(".")[0].capitalize()
        self.clock = Clock(start_time or dt.datetime(2010, 5, 1, 9, 0, 0), owner=self)
        self.rng = random.Random(seed)
        self.sites: list[Site] = []
        self.servers: dict[str, Server] = {}
        self.dags: dict[str, DatabaseAvailabilityGroup] = {}
        self.databases: dict[str, MailboxDatabase] = {}          # guid -> database
        self.clusters: dict[str, Cluster] = {}                   # lower DAG name -> cluster
        self.computer_accounts: dict[str, ComputerAccount] = {}
        self.dns: dict[str, DnsRecord] = {}
        self.links: dict[frozenset, int] = {}
        self.partition = Partition()                             # cut links, split sides (R-SITE-3/11)
        self.dhcp_scopes: dict[str, list[str]] = {}              # subnet -> free addresses
        self.mailboxes: dict[str, Mailbox] = {}                   # lower name -> mailbox
        self.journal: list[Event] = []
        self.lab_checkpoints: dict[str, tuple[str, dict]] = {}   # Checkpoint-Lab; outside checkpoints

    # --- version ---------------------------------------------------------------------
    def version_at_least(self, version: str) -> bool:
        return _ORDER[self.exchange_version] >= _ORDER[version]

    @property
    def is_beta(self) -> bool:
        return self.exchange_version == "2010-beta1"

    @property
    def now(self) -> dt.datetime:
        return self.clock.now

    def new_guid(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        # Version-4 layout, like the GUIDs Exchange prints.
        h = h[:12] + "4" + h[13:16] + "89ab"[int(h[16], 16) % 4] + h[17:]
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    # --- lookups (case-insensitive, by name or FQDN) -----------------------------------
    def server(self, name: str) -> Server | None:
        s = self.servers.get(name.lower())
        if s is None and "." in name:
            s = self.servers.get(name.split(".")[0].lower())
            if s is not None and not s.matches(name):
                return None
        return s

    def dag(self, name: str) -> DatabaseAvailabilityGroup | None:
        return self.dags.get(name.lower())

    def database(self, name_or_guid: str) -> MailboxDatabase | None:
        db = self.databases.get(name_or_guid.lower())
        if db is not None:
            return db
        return next((d for d in self.databases.values() if d.name.lower() == name_or_guid.lower()), None)

    def copy(self, database: str, server: str) -> DatabaseCopy | None:
        db = self.database(database)
        return db.copy_on(server) if db else None

    def copy_by_identity(self, identity: str) -> DatabaseCopy | None:
        """``DB\\Server`` (R-COPY-1)."""
        db_name, _, server = identity.rpartition("\\")
        return self.copy(db_name, server) if db_name else None

    def all_copies(self) -> Iterator[DatabaseCopy]:
        for db in self.databases.values():
            yield from db.copies

    def database_of(self, copy: DatabaseCopy) -> MailboxDatabase:
        return self.database(copy.database)

    def cluster_of(self, dag: DatabaseAvailabilityGroup | str) -> Cluster | None:
        name = dag if isinstance(dag, str) else dag.name
        return self.clusters.get(name.lower())

    def dag_of(self, server: Server | str) -> DatabaseAvailabilityGroup | None:
        s = self.server(server) if isinstance(server, str) else server
        return self.dag(s.database_availability_group) if s and s.database_availability_group else None

    def mailbox_servers(self) -> list[Server]:
        return [s for s in self.servers.values() if s.is_mailbox_server]

    def exchange_servers(self) -> list[Server]:
        return [s for s in self.servers.values() if s.is_exchange_server]

    def members(self, dag: DatabaseAvailabilityGroup) -> list[Server]:
        return [self.server(n) for n in dag.servers]

    def databases_on(self, server: str) -> list[MailboxDatabase]:
        return [d for d in self.databases.values() if d.copy_on(server)]

    def computer_account(self, name: str) -> ComputerAccount | None:
        return self.computer_accounts.get(name.lower())

    def resolve(self, machine: str, name: str) -> str | None:
        """Name resolution from ``machine``: its hosts file, its DNS cache, then the zone
        (R-BACKUP-5, R-TIMING-15). Asking this way leaves the machine's cache as it was."""
        answer = dns.lookup(self, machine, name, remember=False)
        return answer.address if answer else None

    # --- transactions ----------------------------------------------------------------
    def check(self, transition: Any) -> None:
        """Raise RuleViolation if ``transition`` would be refused; changes nothing."""
        transition.check(self)

    def commit(self, transition: Any) -> list[Event]:
        """Check, apply, journal. A refused transition raises and leaves the world unchanged."""
        transition.check(self)
        events = transition.apply(self)
        return self.record(events)

    def record(self, events: list[Event]) -> list[Event]:
        stamped = [e.at(self.clock.now) if e.time is None else e for e in events]
        self.journal.extend(stamped)
        return stamped

    # --- time ----------------------------------------------------------------------------
    def advance(self, seconds: float) -> None:
        """Start-Sleep: move virtual time on, running everything that falls due."""
        self.clock.advance(seconds)

    def advance_until(self, done: Callable[["World"], bool], max_seconds: float = 86400) -> bool:
        """Advance event by event until ``done(world)`` holds (True) or ``max_seconds`` pass
        (False). Used by cmdlets that wait, e.g. Add-MailboxDatabaseCopy until seeding ends."""
        if done(self):
            return True
        until = self.clock.now + dt.timedelta(seconds=max_seconds)
        self.clock.advance_to(until, stop=lambda: done(self))
        return done(self)

    # --- snapshots -----------------------------------------------------------------------
    _STATE = ("exchange_version", "domain", "organization", "sites", "servers", "dags",
              "databases", "clusters", "computer_accounts", "dns", "links", "dhcp_scopes",
              "mailboxes", "journal", "partition")

    def snapshot(self) -> tuple:
        """A comparable plain value of everything (entities, time, pending timers, rng)."""
        parts = [(k, _plain(getattr(self, k))) for k in self._STATE]
        pending = tuple((c.time, c.seq, repr(c.action)) for c in self.clock.pending())
        return (tuple(parts), self.clock.now, pending, self.rng.getstate())

    def checkpoint(self) -> dict:
        state = {k: getattr(self, k) for k in self._STATE}
        state["clock"] = self.clock
        state["rng"] = self.rng
        return _copy.deepcopy(state)

    def restore(self, checkpoint: dict) -> None:
        for key, value in _copy.deepcopy(checkpoint).items():
            setattr(self, key, value)


def _plain(value: Any) -> Any:
    """Entities -> nested tuples, for snapshot comparison."""
    if attrs.has(type(value)):
        return (type(value).__name__,) + tuple(
            (a.name, _plain(getattr(value, a.name))) for a in attrs.fields(type(value)))
    if isinstance(value, dict):
        return tuple((k, _plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(map(repr, value)))
    return value


def _attach_views() -> None:
    """World conveniences over the view modules (kept out of the class body to avoid cycles)."""
    from state import health, replication

    World.copy_status = lambda self, copy: replication.copy_status(self, copy)
    World.copy_status.__doc__ = "Get-MailboxDatabaseCopyStatus for one copy, now (CopyStatus)."
    World.dag_status = lambda self, dag: health.dag_status(self, dag)
    World.dag_network_subnets = lambda self, net, viewer=None: health.dag_network_subnets(self, net, viewer)
    World.dag_network_interfaces = lambda self, net, viewer=None: health.dag_network_interfaces(self, net, viewer)


_attach_views()
