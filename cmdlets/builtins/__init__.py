"""cmdlets/builtins."""
