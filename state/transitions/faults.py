"""Fault primitives for lab control: power, NICs, services (no rule refuses them).

Effects follow the spec: a member powered off is noticed after the heartbeat threshold
(R-TIMING-5) and its databases fail over (R-TIMING-2, R-AM-3/R-AM-5); a stopped Replication
service puts the server's copies in ServiceDown (R-COPY-13); a stopped Information Store
fails its active databases over (R-AM-3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import active_manager as am, events as ev, reconfigure, replication as repl
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


def _witness_changed(world: "World", server: "Server") -> None:
    for dag in world.dags.values():
        if dag.witness_server and world.server(dag.witness_server) is server and world.cluster_of(dag):
            reconfigure.recompute_quorum(world, dag)


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
        _stop_databases(world, server)
        _witness_changed(world, server)
        if world.dag_of(server) is not None and world.cluster_of(world.dag_of(server)) is not None:
            world.clock.call_later(am.HEARTBEAT_DETECTION_SECONDS, am.NodeDownDetected(server.name))
        return [ev.info(f"Server '{server.name}' powered off.")]


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
        for name in server.services:
            server.services[name] = "Stopped"          # until ServerBooted (am.BOOT_SECONDS)
        _witness_changed(world, server)
        return [ev.info(f"Server '{server.name}' powered on.")] + am.server_powered_on(world, server)


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
        if not any(n.up for n in server.nics) and world.dag_of(server) is not None:
            server.services["ClusSvc"] = "Stopped"
            world.clock.call_later(am.HEARTBEAT_DETECTION_SECONDS, am.NodeDownDetected(server.name))
        return [ev.info(f"Adapter '{nic.name}' on '{server.name}' is {'up' if self.up else 'down'}.")]


@attrs.frozen
class SetServiceState(Transition):
    """Stop-Service / Start-Service for ClusSvc, MSExchangeRepl, MSExchangeIS."""

    server: str
    service: str
    running: bool

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        server = world.server(self.server)
        name = next((k for k in server.services if k.lower() == self.service.lower()), self.service)
        server.services[name] = "Running" if self.running else "Stopped"
        out = [ev.info(f"Service '{name}' on '{server.name}' {'started' if self.running else 'stopped'}.")]
        handler = (_service_started if self.running else _service_stopped).get(name)
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
            db.set_rate(world.now, 0)
            db.mounted = False
            world.clock.call_later(am.FAILOVER_SECONDS, am.Failover(db.guid, server.name))
    return out


def _clussvc_started(world: "World", server: "Server") -> list[ev.Event]:
    return am.server_returned(world, server) if world.dag_of(server) else []


def _repl_started(world: "World", server: "Server") -> list[ev.Event]:
    out = []
    for db in world.databases_on(server.name):
        if db.active_server.lower() != server.name.lower():
            out.append(repl.start_replication(world, db, db.copy_on(server.name)))
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
