"""state/transitions."""
