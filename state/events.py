"""Events: what a transition or a timer did, journalled with the virtual time.

``kind`` tells the cmdlet layer what to do with it: ``Warning`` events become WARNING lines,
``Verbose`` VERBOSE lines, ``Result`` events carry a value the cmdlet writes to the pipeline
(e.g. a DatabaseMoveResult); ``Info`` events are for the journal only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

INFO = "Info"
WARNING = "Warning"
VERBOSE = "Verbose"
RESULT = "Result"


@attrs.frozen
class Event:
    kind: str
    text: str
    rule_id: str = ""
    payload: Any = None
    time: dt.datetime | None = None

    def at(self, when: dt.datetime) -> "Event":
        return attrs.evolve(self, time=when)


def info(text: str, rule_id: str = "") -> Event:
    return Event(INFO, text, rule_id)


def warning(text: str, rule_id: str = "") -> Event:
    return Event(WARNING, text, rule_id)


def result(payload: Any, text: str = "") -> Event:
    return Event(RESULT, text or type(payload).__name__, payload=payload)
