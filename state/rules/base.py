"""Rule and RuleViolation: the id, Exchange error category and message of every validation.

A rule is a constant in ``state/rules/<area>.py``; the check functions beside it raise
``rule.violation(target=..., **fields)``. The cmdlet layer turns a RuleViolation into an
error record (category, rule id, message, target) and never needs to know the rule.
"""

from __future__ import annotations

from typing import Any

import attrs


class RuleViolation(Exception):
    """A refused operation: carries the rule id, the ErrorCategory name, the message, the target."""

    def __init__(self, rule: "Rule", message: str, target: Any = None):
        super().__init__(message)
        self.rule = rule
        self.rule_id = rule.id
        self.category = rule.category
        self.message = message
        self.target = target

    def __repr__(self) -> str:
        return f"RuleViolation({self.rule_id!r}, {self.category!r}, {self.message!r})"


@attrs.frozen
class Rule:
    """One numbered behaviour from spec/behaviour.md, with its Exchange-style message template."""

    id: str
    category: str
    template: str

    def message(self, **fields: Any) -> str:
        return self.template.format(**fields)

    def violation(self, target: Any = None, **fields: Any) -> RuleViolation:
        return RuleViolation(self, self.message(**fields), target)


REGISTRY: dict[str, Rule] = {}


def rule(id: str, category: str, template: str) -> Rule:
    """Declare a rule and register it (tests check every registered rule has a test).

    Several constants may share an id when one rule has several wordings (R-DAG-2: too long /
    invalid characters); the registry keeps the first."""
    r = Rule(id, category, template)
    REGISTRY.setdefault(id, r)
    return r
