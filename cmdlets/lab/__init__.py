"""cmdlets/lab."""

COMMANDS: dict[str, str] = {}
