"""exshell/formatting."""
