"""What every command that changes the world shares: check or commit a transition, and turn a
refusal (a RuleViolation) into the command's own error record through ``refuse``."""

from __future__ import annotations

from typing import Any, NoReturn

from state import RuleViolation
from state.events import Event


class TransitionCommands:
    """Mixin for Cmdlet subclasses; ``refuse(violation)`` says how the command reports a rule."""

    world: Any

    def refuse(self, violation: RuleViolation) -> NoReturn:
        raise NotImplementedError

    def check(self, transition: Any) -> None:
        """Validate without changing anything (before should_process, as the real tasks do)."""
        try:
            self.world.check(transition)
        except RuleViolation as violation:
            self.refuse(violation)

    def commit_events(self, transition: Any) -> list[Event]:
        """Check, apply and journal; a refusal becomes the command's error."""
        try:
            return self.world.commit(transition)
        except RuleViolation as violation:
            self.refuse(violation)
