"""exshell."""
