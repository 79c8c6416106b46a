"""exshell/transcripts."""
