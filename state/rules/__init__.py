"""Validation rules, one module per spec area (dag, net, cluster, db, copy, am).

Each module holds ``Rule`` constants named ``R_<AREA>_<n>`` and one check function per
invariant, named for it, whose docstring starts with the rule id."""

from state.rules.base import REGISTRY, Rule, RuleViolation, rule

__all__ = ["REGISTRY", "Rule", "RuleViolation", "rule"]
