"""Which commands exist: a static index of command name -> module, imported on first use so a
one-shot command loads only the modules it runs. Each package lists its commands in COMMANDS."""

from __future__ import annotations

import importlib
from functools import lru_cache

from cmdlets.api.cmdlet import Cmdlet, registered
from cmdlets.api.profile import Profile

PACKAGES = ("cmdlets.builtins", "cmdlets.exchange", "cmdlets.lab", "cmdlets.cluster", "cmdlets.windows")


@lru_cache(maxsize=1)
def index() -> dict[str, tuple[str, str]]:
    """lower name -> (display name, module)."""
    out: dict[str, tuple[str, str]] = {}
    for pkg in PACKAGES:
        commands = getattr(importlib.import_module(pkg), "COMMANDS", {})
        for name, module in commands.items():
            out[name.lower()] = (name, module)
    return out


def aliases() -> dict[str, str]:
    from cmdlets.builtins import ALIASES
    return ALIASES


def lookup(name: str, profile: Profile) -> type[Cmdlet] | None:
    entry = index().get(name.lower())
    if entry is None:
        return None
    cls = registered(entry[0])
    if cls is None:
        importlib.import_module(entry[1])
        cls = registered(entry[0])
    if cls is None or not cls.exists_in(profile):
        return None
    return cls


def command_names(profile: Profile) -> list[str]:
    return sorted(display for display, _ in index().values() if lookup(display, profile) is not None)
