"""exshell/language."""
