"""Windows commands on the lab machines: power, services, registry, network adapters, name
resolution, ping, remoting. Path resolution for every command that touches a drive lives in ``paths``."""

COMMANDS: dict[str, str] = {
    "Stop-Computer": "cmdlets.windows.computer",
    "Restart-Computer": "cmdlets.windows.computer",
    "Get-Service": "cmdlets.windows.services",
    "Stop-Service": "cmdlets.windows.services",
    "Start-Service": "cmdlets.windows.services",
    "Restart-Service": "cmdlets.windows.services",
    "Get-ItemProperty": "cmdlets.windows.registry",
    "Set-ItemProperty": "cmdlets.windows.registry",
    "New-ItemProperty": "cmdlets.windows.registry",
    "Remove-ItemProperty": "cmdlets.windows.registry",
    "Get-NetAdapter": "cmdlets.windows.network",
    "Disable-NetAdapter": "cmdlets.windows.network",
    "Enable-NetAdapter": "cmdlets.windows.network",
    "Get-NetIPAddress": "cmdlets.windows.network",
    "Resolve-DnsName": "cmdlets.windows.network",
    "Test-Connection": "cmdlets.windows.network",
    "Invoke-Command": "cmdlets.windows.remoting",
    "Enter-PSSession": "cmdlets.windows.remoting",
    "Exit-PSSession": "cmdlets.windows.remoting",
    "New-PSSession": "cmdlets.windows.remoting",
    "Remove-PSSession": "cmdlets.windows.remoting",
    "ping": "cmdlets.windows.native",
    "ipconfig": "cmdlets.windows.native",
    "nslookup": "cmdlets.windows.native",
}
