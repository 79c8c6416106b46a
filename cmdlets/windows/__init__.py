"""cmdlets/windows."""
