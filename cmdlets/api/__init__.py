"""cmdlets/api."""
