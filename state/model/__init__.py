"""state/model."""
