"""Identity parameters: what `-Identity DB1`, `-Identity DB1\\MBX2`, a GUID or a piped object
becomes after binding. The binder wraps the raw argument in ``Identity``; the cmdlet resolves it
against the world with a resolver for its noun (cmdlets/exchange/identity.py)."""

from __future__ import annotations

import re
from typing import Any

import attrs

from cmdlets.api.values import PSObject

_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


@attrs.frozen
class Identity:
    """An unresolved IdParameter value: a string (name, FQDN, GUID, `DB\\Server`, wildcard)
    or an object that came down the pipeline (its Identity/Name/Guid is used)."""

    raw: Any
    type_name: str = ""          # the catalog type, e.g. "DatabaseAvailabilityGroupIdParameter"

    @property
    def text(self) -> str:
        raw = self.raw
        if isinstance(raw, PSObject):
            for prop in ("Identity", "Name", "Guid"):
                value = raw.get(prop)
                if value is not None:
                    return str(value)
            return str(raw)
        return str(raw)

    @property
    def obj(self) -> PSObject | None:
        return self.raw if isinstance(self.raw, PSObject) else None

    @property
    def is_guid(self) -> bool:
        return bool(_GUID.match(self.text))

    @property
    def has_wildcard(self) -> bool:
        return any(ch in self.text for ch in "*?")

    def __str__(self) -> str:
        return self.text
