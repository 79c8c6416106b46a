"""exshell/engine."""
