"""cmdlets."""
