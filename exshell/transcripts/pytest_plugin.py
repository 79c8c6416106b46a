"""pytest plugin: every transcripts/*.txt file is a test (filled in by the transcript layer)."""
