"""exshell/host."""
