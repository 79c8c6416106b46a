"""PowerShell's built-in commands (Microsoft.PowerShell.Utility/Core/Management) as exshell offers them."""

COMMANDS = {
    "Format-List": "cmdlets.builtins.format",
    "Format-Table": "cmdlets.builtins.format",
    "Format-Wide": "cmdlets.builtins.format",
    "Out-Default": "cmdlets.builtins.output",
    "Out-Host": "cmdlets.builtins.output",
    "Out-Null": "cmdlets.builtins.output",
    "Out-String": "cmdlets.builtins.output",
    "Write-Output": "cmdlets.builtins.output",
    "Write-Host": "cmdlets.builtins.output",
    "Write-Warning": "cmdlets.builtins.output",
    "Write-Verbose": "cmdlets.builtins.output",
    "Write-Debug": "cmdlets.builtins.output",
    "Write-Error": "cmdlets.builtins.output",
    "Start-Sleep": "cmdlets.builtins.utility",
    "Get-Date": "cmdlets.builtins.utility",
    "Where-Object": "cmdlets.builtins.pipeline",
    "ForEach-Object": "cmdlets.builtins.pipeline",
    "Select-Object": "cmdlets.builtins.pipeline",
    "Sort-Object": "cmdlets.builtins.objects",
    "Group-Object": "cmdlets.builtins.objects",
    "Measure-Object": "cmdlets.builtins.objects",
    "Compare-Object": "cmdlets.builtins.objects",
    "Tee-Object": "cmdlets.builtins.objects",
    "New-Object": "cmdlets.builtins.members",
    "Add-Member": "cmdlets.builtins.members",
    "Get-Member": "cmdlets.builtins.members",
}

ALIASES = {
    "fl": "Format-List", "ft": "Format-Table", "fw": "Format-Wide", "?": "Where-Object", "where": "Where-Object",
    "%": "ForEach-Object", "foreach": "ForEach-Object", "select": "Select-Object", "echo": "Write-Output",
    "write": "Write-Output", "sleep": "Start-Sleep", "oh": "Out-Host",
    "sort": "Sort-Object", "group": "Group-Object", "measure": "Measure-Object", "compare": "Compare-Object",
    "diff": "Compare-Object", "tee": "Tee-Object", "gm": "Get-Member",
}
