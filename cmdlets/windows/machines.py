"""Finding a lab machine by the name a Windows cmdlet was given (`-ComputerName`)."""

from __future__ import annotations

from typing import Any

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


def reachable(world: Any, server: Any) -> bool:
    """Powered on with at least one adapter up: what RPC/WMI to the machine needs."""
    return server is not None and server.is_up and any(nic.up for nic in server.nics)
