"""The Exchange scripts folder ($exscripts): which of its scripts the emulator implements."""

from __future__ import annotations

from typing import Any


def implementation(server: Any, local: str, profile: Any) -> Any:
    """The command that runs in place of the script at ``local`` on ``server`` (None: run its text)."""
    return None
