"""Finding a lab machine by the name a Windows cmdlet was given (`-ComputerName`)."""

from __future__ import annotations

from typing import Any

from state import partition

LOCAL_NAMES = ("localhost", ".", "127.0.0.1", "::1")


def is_local(name: str | None) -> bool:
    return name is None or name.lower() in LOCAL_NAMES


def machine(world: Any, name: str | None, local: str) -> Any:
    """The Server a name means (NetBIOS name, FQDN, or an address of one of its adapters);
    ``None`` and the local aliases mean the session's machine. None when nothing matches."""
    if is_local(name):
        return world.server(local)
    found = world.server(name)
    if found is not None:
        return found
    return next((s for s in world.servers.values() for nic in s.nics if nic.ip == name), None)


def reachable(world: Any, local: str, server: Any) -> bool:
    """Whether the session's machine can open RPC/WMI to ``server``: the machine itself while it
    runs, else the same who-can-talk answer heartbeats and ping use (power, adapters, site links)."""
    if server is None or not server.is_up:
        return False
    here = world.server(local)
    if here is None or not here.is_up:       # the session outlives its own machine's shutdown
        return any(nic.up for nic in server.nics)
    return server is here or partition.can_talk(world, here, server)
