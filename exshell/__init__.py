"""exshell: an in-memory emulator of the Exchange Management Shell for high availability.

Public API: ``Shell`` (one console session on a lab), ``Result``, ``parse`` and ``ParseError``.
Nothing heavy is imported here: the language, the formatter and the cmdlets load on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Shell", "Result", "parse", "ParseError"]


def __getattr__(name: str) -> Any:
    if name in ("Shell", "Result"):
        from exshell import shell
        return getattr(shell, name)
    if name in ("parse", "ParseError"):
        from exshell import language
        return getattr(language, name)
    raise AttributeError(name)
