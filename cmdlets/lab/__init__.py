"""cmdlets/lab: lab control for what has no real cmdlet — power a machine on, checkpoints,
the simulation's event log. Approved verbs, the `Lab` noun prefix."""

COMMANDS: dict[str, str] = {
    "Get-LabMachine": "cmdlets.lab.machines",
    "Start-LabMachine": "cmdlets.lab.machines",
    "Stop-LabMachine": "cmdlets.lab.machines",
    "Checkpoint-Lab": "cmdlets.lab.checkpoints",
    "Restore-Lab": "cmdlets.lab.checkpoints",
    "Get-LabCheckpoint": "cmdlets.lab.checkpoints",
    "Get-LabEvent": "cmdlets.lab.events",
    "Set-LabDatabaseCopy": "cmdlets.lab.faults",
    "Set-LabDisk": "cmdlets.lab.faults",
    "Set-LabSiteLink": "cmdlets.lab.sitelinks",
    "Get-LabSiteLink": "cmdlets.lab.sitelinks",
    "Test-LabClientConnection": "cmdlets.lab.clients",
}
