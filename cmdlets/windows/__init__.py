"""Windows commands on the lab machines: registry, network adapters, name resolution, ping,
remoting. Path resolution for every command that touches a drive lives in ``paths``."""

COMMANDS: dict[str, str] = {
    "Get-ItemProperty": "cmdlets.windows.registry",
    "Set-ItemProperty": "cmdlets.windows.registry",
    "New-ItemProperty": "cmdlets.windows.registry",
    "Remove-ItemProperty": "cmdlets.windows.registry",
}
