"""cmdlets/cluster."""

COMMANDS: dict[str, str] = {}
