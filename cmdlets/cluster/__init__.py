"""cmdlets/cluster."""
