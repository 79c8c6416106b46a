"""state/rules."""
