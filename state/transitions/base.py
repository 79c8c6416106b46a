"""The Transition protocol: ``check(world)`` is pure and raises RuleViolation;
``apply(world) -> list[Event]`` is total. ``World.commit`` runs both and journals."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from state.events import Event
    from state.world import World


class Transition:
    def check(self, world: "World") -> None:
        raise NotImplementedError

    def apply(self, world: "World") -> list["Event"]:
        raise NotImplementedError
