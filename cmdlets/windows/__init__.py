"""cmdlets/windows."""

COMMANDS: dict[str, str] = {}
