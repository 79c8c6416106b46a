"""cmdlets/lab."""
