"""cmdlets/exchange: the Exchange Management Shell's HA cmdlets, a module per noun group.

``COMMANDS`` maps each command name to the module that defines it; the registry imports the
module on first use (nothing heavy at import)."""

COMMANDS = {
    "New-DatabaseAvailabilityGroup": "cmdlets.exchange.dag",
    "Set-DatabaseAvailabilityGroup": "cmdlets.exchange.dag",
    "Get-DatabaseAvailabilityGroup": "cmdlets.exchange.dag",
    "Remove-DatabaseAvailabilityGroup": "cmdlets.exchange.dag",
    "Stop-DatabaseAvailabilityGroup": "cmdlets.exchange.dac",
    "Start-DatabaseAvailabilityGroup": "cmdlets.exchange.dac",
    "Restore-DatabaseAvailabilityGroup": "cmdlets.exchange.dac",
    "Add-DatabaseAvailabilityGroupServer": "cmdlets.exchange.dag_membership",
    "Remove-DatabaseAvailabilityGroupServer": "cmdlets.exchange.dag_membership",
    "Get-DatabaseAvailabilityGroupNetwork": "cmdlets.exchange.dag_network",
    "Set-DatabaseAvailabilityGroupNetwork": "cmdlets.exchange.dag_network",
    "New-DatabaseAvailabilityGroupNetwork": "cmdlets.exchange.dag_network",
    "Remove-DatabaseAvailabilityGroupNetwork": "cmdlets.exchange.dag_network",
    "Get-MailboxDatabase": "cmdlets.exchange.database",
    "New-MailboxDatabase": "cmdlets.exchange.database",
    "Set-MailboxDatabase": "cmdlets.exchange.database",
    "Remove-MailboxDatabase": "cmdlets.exchange.database",
    "Mount-Database": "cmdlets.exchange.database",
    "Dismount-Database": "cmdlets.exchange.database",
    "Add-MailboxDatabaseCopy": "cmdlets.exchange.database_copy",
    "Get-MailboxDatabaseCopyStatus": "cmdlets.exchange.copy_status",
    "Move-ActiveMailboxDatabase": "cmdlets.exchange.move",
    "Get-Mailbox": "cmdlets.exchange.mailbox",
    "New-Mailbox": "cmdlets.exchange.mailbox",
    "Get-MailboxStatistics": "cmdlets.exchange.mailbox",
    "Get-ExchangeServer": "cmdlets.exchange.server",
    "Get-MailboxServer": "cmdlets.exchange.server",
    "Set-MailboxServer": "cmdlets.exchange.server",
}
