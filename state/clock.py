"""The virtual clock (Twisted's ``Clock`` idea): nothing in the world reads the real time.

``call_later(seconds, action)`` queues ``action``; ``advance(seconds)`` moves ``now`` forward,
running every action that falls due in (time, sequence) order, each with ``now`` set to its
own due time. Actions are callables taking the World: use frozen attrs records with
``__call__(self, world)`` (see ``state.timers``) so checkpoints can deep-copy the queue.
"""

from __future__ import annotations

import datetime as dt
import heapq
import weakref
from typing import Any, Callable

import attrs


@attrs.define(eq=False)
class DelayedCall:
    time: dt.datetime
    seq: int
    action: Any
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True

    def __lt__(self, other: "DelayedCall") -> bool:
        return (self.time, self.seq) < (other.time, other.seq)


class Clock:
    """Virtual time. ``now`` is a naive datetime in the lab's local time."""

    def __init__(self, start: dt.datetime, owner: Any = None):
        self.now = start
        self._queue: list[DelayedCall] = []
        self._seq = 0
        # A weak reference is copied as-is by deepcopy, so a restored checkpoint still runs
        # its actions against the World that owns it.
        self._owner = weakref.ref(owner) if owner is not None else None

    def call_later(self, seconds: float, action: Any) -> DelayedCall:
        self._seq += 1
        call = DelayedCall(self.now + dt.timedelta(seconds=seconds), self._seq, action)
        heapq.heappush(self._queue, call)
        return call

    def pending(self) -> list[DelayedCall]:
        return sorted(c for c in self._queue if not c.cancelled)

    def next_due(self) -> dt.datetime | None:
        while self._queue and self._queue[0].cancelled:
            heapq.heappop(self._queue)
        return self._queue[0].time if self._queue else None

    def advance(self, seconds: float) -> int:
        """Run everything due within ``seconds``; returns how many actions ran."""
        return self.advance_to(self.now + dt.timedelta(seconds=seconds))

    def advance_to(self, until: dt.datetime, stop: Callable[[], bool] | None = None) -> int:
        ran = 0
        while True:
            due = self.next_due()
            if due is None or due > until:
                break
            call = heapq.heappop(self._queue)
            self.now = max(self.now, call.time)
            self._run(call.action)
            ran += 1
            if stop is not None and stop():
                return ran
        self.now = max(self.now, until)
        return ran

    def _run(self, action: Any) -> None:
        owner = self._owner() if self._owner is not None else None
        action(owner)
