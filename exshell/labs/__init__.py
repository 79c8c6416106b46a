"""exshell/labs."""
