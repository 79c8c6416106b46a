"""Fault primitives for lab control: power, NICs, services (no rule refuses them).

Effects follow the spec: a member powered off is noticed after the heartbeat threshold
(R-TIMING-5) and its databases fail over (R-TIMING-2, R-AM-3/R-AM-5); a stopped Replication
service puts the server's copies in ServiceDown (R-COPY-13); a stopped Information Store
fails its active databases over (R-AM-3); a MAPI adapter down fails the server's databases over
(R-AM-5) and a replication adapter down moves log shipping (R-NET-15). FailDatabaseCopy and
SetDiskFull break copies (R-COPY-8/9); RestartService restarts a service (R-TIMING-11);
Shutdown is a Windows shutdown (R-AM-24)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import active_manager as am, dns, events as ev, reconfigure, replication as repl
from state.model import service_catalog
from state.model.servers import SERVICES
from state.rules.base import RuleViolation
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.model import Server
    from state.world import World


def _stop_databases(world: "World", server: "Server") -> None:
    """The server's active databases stop generating logs and are no longer mounted."""
    for db in world.databases.values():
        if db.active_server.lower() == server.name.lower() and db.mounted:
            db.set_rate(world.now, 0)
            db.mounted = False


def _witness_changed(world: "World", server: "Server") -> list[ev.Event]:
    """The witness's vote changes quorum: lost -> everything dismounts, back -> mounts again (R-CLUSTER-16)."""
    out: list[ev.Event] = []
    for dag in world.dags.values():
        if dag.witness_server and world.server(dag.witness_server) is server and world.cluster_of(dag):
            had = world.cluster_of(dag).has_quorum
            now = reconfigure.recompute_quorum(world, dag)
            if had and not now:
                out += am.lose_quorum(world, dag)
            elif now and not had:
                out += am.quorum_regained(world, dag)
    return out


@attrs.frozen
class PowerOff(Transition):
    server: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        if not server.is_up:
            return []
        server.power = "Off"
        dns.flush(server)                       # the resolver cache lives in memory
        _stop_databases(world, server)
        out = [ev.info(f"Server '{server.name}' powered off.")] + _witness_changed(world, server)
        if world.dag_of(server) is not None and world.cluster_of(world.dag_of(server)) is not None:
            world.clock.call_later(am.detection_seconds(world, server), am.NodeDownDetected(server.name))
        return out


@attrs.frozen
class PowerOn(Transition):
    server: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        if server.is_up:
            return []
        server.power = "On"
        boot = service_catalog.boot_states(server)
        for name in server.services:
            # the services with a rule effect wait for ServerBooted (am.BOOT_SECONDS); the others
            # come up in their start type's state
            server.services[name] = "Stopped" if name in SERVICES else boot.get(name, "Stopped")
        out = [ev.info(f"Server '{server.name}' powered on.")] + _witness_changed(world, server)
        return out + am.server_powered_on(world, server)


@attrs.frozen
class Reboot(Transition):
    server: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        return PowerOff(self.server).apply(world) + PowerOn(self.server).apply(world)


@attrs.frozen
class SetNicState(Transition):
    """NIC down/up. All adapters of a member down = node down (R-NET-20)."""

    server: str
    nic: str
    up: bool

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        nic = next(n for n in server.nics if n.name.lower() == self.nic.lower())
        nic.up = self.up
        in_dag = world.dag_of(server) is not None
        if not any(n.up for n in server.nics) and in_dag:
            server.services["ClusSvc"] = "Stopped"
            world.clock.call_later(am.detection_seconds(world, server), am.NodeDownDetected(server.name))
        elif nic.is_mapi and not self.up and in_dag:
            world.clock.call_later(am.detection_seconds(world, server), am.MapiNetworkLost(server.name))
        out = [ev.info(f"Adapter '{nic.name}' on '{server.name}' is {'up' if self.up else 'down'}.")]
        return out + repl.networks_changed(world)


@attrs.frozen
class SetServiceState(Transition):
    """A service stops or starts as the Service Control Manager does it: stopping one stops the
    running services that depend on it first, starting one starts the services it requires first
    (service_catalog). Each service that changes has its rule effect (ClusSvc: node down,
    MSExchangeRepl: R-COPY-13, MSExchangeIS: R-AM-3); the others only change status."""

    server: str
    service: str
    running: bool

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        name = _service_key(server, self.service)
        if self.running:
            chain = [n for n in _required_chain(server, name) if server.services.get(n) != "Running"] + [name]
        else:
            chain = [n for n in service_catalog.dependents(server, name)
                     if n in server.services and server.services[n] != "Stopped"] + [name]
        out: list[ev.Event] = []
        for each in chain:
            out += _set_one(world, server, each, self.running)
        return out


@attrs.frozen
class SetServiceConfig(Transition):
    """Set-Service: a service's start type and display name on one server (what boots next time
    and what Test-ServiceHealth counts follow the start type)."""

    server: str
    service: str
    start_type: str
    display_name: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        name = _service_key(server, self.service)
        server.service_config[name] = (self.start_type, self.display_name)
        return [ev.info(f"Service '{name}' on '{server.name}' starts {self.start_type}.")]


def _service_key(server: "Server", service: str) -> str:
    return next((k for k in server.services if k.lower() == service.lower()), service)


def _required_chain(server: "Server", name: str) -> list[str]:
    """Every service ``name`` requires, directly or not, each after the services it requires."""
    out: list[str] = []

    def visit(each: str) -> None:
        for req in service_catalog.required(server, each):
            key = _service_key(server, req)
            if key not in out and key in server.services:
                visit(key)
                if key not in out:
                    out.append(key)
    visit(name)
    return out


def _set_one(world: "World", server: "Server", name: str, running: bool) -> list[ev.Event]:
    server.services[name] = "Running" if running else "Stopped"
    out = [ev.info(f"Service '{name}' on '{server.name}' {'started' if running else 'stopped'}.")]
    handler = (_service_started if running else _service_stopped).get(name)
    return out + (handler(world, server) if handler else [])


def _clussvc_stopped(world: "World", server: "Server") -> list[ev.Event]:
    dag = world.dag_of(server)
    return am.node_down(world, dag, server) if dag and world.cluster_of(dag) else []


def _repl_stopped(world: "World", server: "Server") -> list[ev.Event]:
    """R-COPY-13: every copy the server hosts reports ServiceDown."""
    out = []
    for db in world.databases_on(server.name):
        copy = db.copy_on(server.name)
        if db.active_server.lower() != server.name.lower() or len(db.copies) > 1:
            if db.active_server.lower() != server.name.lower():
                out.append(repl.set_status(world, db, copy, "ServiceDown"))
    return out


def _store_stopped(world: "World", server: "Server") -> list[ev.Event]:
    """R-AM-3: Information Store stopped -> failover of every active database."""
    out = []
    for db in list(world.databases.values()):
        if db.active_server.lower() == server.name.lower() and db.mounted:
            out += am.fail_database(world, db)
    return out


def _clussvc_started(world: "World", server: "Server") -> list[ev.Event]:
    return am.server_returned(world, server) if world.dag_of(server) else []


def _repl_started(world: "World", server: "Server") -> list[ev.Event]:
    """R-COPY-13: Initializing again, on a freshly chosen network (R-NET-16)."""
    out = []
    for db in world.databases_on(server.name):
        if db.active_server.lower() != server.name.lower():
            copy = db.copy_on(server.name)
            copy.incoming_log_copying_network = repl.pick_network(world, db, copy)
            copy.disconnected = copy.incoming_log_copying_network is None
            out.append(repl.start_replication(world, db, copy))
    return out


def _store_started(world: "World", server: "Server") -> list[ev.Event]:
    out = []
    for db in world.databases.values():
        if db.active_server.lower() == server.name.lower() and not db.mounted and db.mount_at_startup:
            db.mounted = True
            db.set_rate(world.now, db.log_rate)
            out.append(repl.set_status(world, db, db.active_copy, "Mounted"))
    return out


_service_stopped = {"ClusSvc": _clussvc_stopped, "MSExchangeRepl": _repl_stopped, "MSExchangeIS": _store_stopped}
_service_started = {"ClusSvc": _clussvc_started, "MSExchangeRepl": _repl_started, "MSExchangeIS": _store_started}


@attrs.frozen
class RestartService(Transition):
    """Restart-Service: stopped now with the running services that depend on it, every one of
    them running again after R-TIMING-11 (R-COPY-13)."""

    server: str
    service: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        name = _service_key(server, self.service)
        stopped = [n for n in service_catalog.dependents(server, name) if server.services.get(n) == "Running"]
        out = SetServiceState(self.server, name, False).apply(world)
        # the service first (its dependents need it), then what depended on it, as they stopped last-first
        for each in [name] + stopped[::-1]:
            world.clock.call_later(repl.SERVICE_RESTART_SECONDS, ServiceStart(self.server, each))
        return out


@attrs.frozen
class ServiceStart:
    """Timer: the second half of RestartService."""

    server: str
    service: str

    def __call__(self, world: "World") -> None:
        server = world.server(self.server)
        if server.is_up and server.services.get(self.service) != "Running":
            world.record(SetServiceState(self.server, self.service, True).apply(world))


@attrs.frozen
class FailDatabaseCopy(Transition):
    """A copy fails. Passive: Failed, re-checked every R-TIMING-10 until the copier re-fetches
    the bad log (R-COPY-8); corrupt: FailedAndSuspended until reseeded (R-COPY-9). Active: a
    database failure, failed over by the PAM (R-AM-3); a corrupt one stays FailedAndSuspended."""

    database: str
    server: str
    corrupt: bool = False

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        db = world.database(self.database)
        copy = db.copy_on(self.server)
        if copy.server.lower() == db.active_server.lower():
            copy.fault = "corrupt" if self.corrupt else None
            return am.fail_database(world, db)
        copy.fault = "corrupt" if self.corrupt else "failed"
        return repl.fail(world, db, copy, copy.fault)


@attrs.frozen
class DamagePage(Transition):
    """A damaged page in a passive copy's database file. A copy that isn't lagged patches it from
    the active copy at once; a lagged copy holds back the logs that rewrite it, so it waits until
    the replay lag manager plays those logs down (R-DB-11)."""

    database: str
    server: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        from state import lag_manager

        db = world.database(self.database)
        copy = db.copy_on(self.server)
        if repl.is_active(db, copy) or not copy.is_lagged:
            return [ev.info(f"A damaged page of '{copy.identity}' was patched from another copy.")]
        return lag_manager.request_page_patch(world, db, copy)


@attrs.frozen
class SetDiskFull(Transition):
    """The log volume of a server fills up (or is freed). Passive copies there go Failed and
    recover at the first re-check after space returns (R-COPY-8); active databases there
    dismount and fail over (R-AM-3)."""

    server: str
    full: bool = True

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        server.log_volume_full = self.full
        out = [ev.info(f"Log volume on '{server.name}' is {'full' if self.full else 'no longer full'}.")]
        if not self.full:
            return out
        for db in world.databases_on(server.name):
            copy = db.copy_on(server.name)
            if copy.server.lower() == db.active_server.lower():
                out += am.fail_database(world, db) if db.mounted else []
            elif copy.status not in ("Suspended", "FailedAndSuspended", "Seeding"):
                out += repl.fail(world, db, copy, "disk_full")
        return out


@attrs.frozen
class Shutdown(Transition):
    """Stop-Computer: [2013+] the server first moves its mounted replicated databases to other
    copies (R-AM-24); then it powers off. [2010] a shutdown is a plain server failure."""

    server: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        from state.transitions.moves import MoveActiveDatabase

        server = world.server(self.server)
        out: list[ev.Event] = []
        if world.version_at_least("2013") and server.is_up and world.dag_of(server) is not None:
            for db in list(world.databases.values()):
                if db.active_server.lower() != server.name.lower() or not db.mounted or len(db.copies) < 2:
                    continue
                move = MoveActiveDatabase(db.name, skip_lag_checks=True, skip_client_experience_checks=True,
                                          mount_dial_override="BestEffort")
                try:
                    move.check(world)
                except RuleViolation:
                    continue
                out += [e for e in move.apply(world) if e.kind != ev.RESULT]
        return out + PowerOff(self.server).apply(world)


HUNG_IO_RESTART_SECONDS = 41          # R-TIMING-18 [2013+]
REPLICATION_MEMORY_LIMIT_GB = 4       # R-TIMING-18 [2013+]


@attrs.frozen
class HangStorage(Transition):
    """The database volume of a server stops answering I/O. [2013+] the built-in recovery
    restarts the server once I/O has hung for 41 s (R-TIMING-18); [2010] nothing recovers it."""

    server: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        out = [ev.info(f"I/O on '{server.name}' is hung.", "R-TIMING-18")]
        if world.version_at_least("2013"):
            world.clock.call_later(HUNG_IO_RESTART_SECONDS, BuiltInRecovery(server.name))
        return out


@attrs.frozen
class BuiltInRecovery:
    """Timer: the bugcheck that restarts a server whose I/O hung (R-TIMING-18)."""

    server: str

    def __call__(self, world: "World") -> None:
        if world.server(self.server).is_up:
            world.record([ev.warning(f"Server '{self.server}' was restarted by the built-in recovery after hung I/O.",
                                     "R-TIMING-18")] + Reboot(self.server).apply(world))


@attrs.frozen
class SetReplicationServiceMemory(Transition):
    """The Replication service's working set grows to ``gigabytes``; [2013+] above 4 GB the
    service is terminated (R-TIMING-18) and its copies report ServiceDown (R-COPY-13)."""

    server: str
    gigabytes: float

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        if world.version_at_least("2013") and self.gigabytes > REPLICATION_MEMORY_LIMIT_GB:
            return SetServiceState(self.server, "MSExchangeRepl", False).apply(world)
        return []
