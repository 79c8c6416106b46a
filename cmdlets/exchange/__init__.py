"""cmdlets/exchange."""
