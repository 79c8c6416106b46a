"""cmdlets/windows: Windows commands on the lab machines (power, services, network, files)."""

COMMANDS: dict[str, str] = {
    "Stop-Computer": "cmdlets.windows.computer",
    "Restart-Computer": "cmdlets.windows.computer",
    "Get-Service": "cmdlets.windows.services",
    "Stop-Service": "cmdlets.windows.services",
    "Start-Service": "cmdlets.windows.services",
    "Restart-Service": "cmdlets.windows.services",
}
