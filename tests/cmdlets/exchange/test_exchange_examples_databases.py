"""Our own equivalents of the reference examples of the database, mailbox server, mailbox and
datacenter switchover cmdlets: each binds and runs (ParameterBinding and parse errors would
show here; -WhatIf keeps the world as it was where the example changes something)."""

import pytest

from exshell import Shell

BINDING_IDS = ("NamedParameterNotFound", "PositionalParameterNotFound", "MissingMandatoryParameter",
               "AmbiguousParameterSet", "ParameterArgumentValidationError", "ParameterArgumentTransformationError",
               "CannotConvertArgumentNoMessage", "ParameterBindingFailed", "CommandNotFoundException")

EXAMPLES = {
    "default": [
        r"New-MailboxDatabase -Name DB7 -Server MBX2 -EdbFilePath D:\Databases\DB7\DB7.edb -LogFolderPath E:\Logs\DB7 -WhatIf",
        r"New-MailboxDatabase -Recovery -Name RDB1 -Server MBX3 -EdbFilePath R:\RDB1\DB1.edb -LogFolderPath R:\RDB1 -WhatIf",
        "Set-MailboxDatabase DB1 -DeletedItemRetention 21.00:00:00 -WhatIf",
        "Set-MailboxDatabase -Identity DB2 -ProhibitSendReceiveQuota 6GB -ProhibitSendQuota 5GB -IssueWarningQuota 4GB -WhatIf",
        "Set-MailboxDatabase DB3 -MailboxRetention 45.00:00:00 -RetainDeletedItemsUntilBackup $true -WhatIf",
        "Remove-MailboxDatabase -Identity DB3 -WhatIf",
        "Dismount-Database -Identity DB2 -Confirm:$false",
        "Mount-Database -Identity DB2",
        "Set-MailboxServer -Identity MBX2 -DatabaseCopyAutoActivationPolicy IntrasiteOnly -WhatIf",
        "Set-MailboxServer MBX3 -MaximumActiveDatabases 15 -AutoDatabaseMountDial GoodAvailability -WhatIf",
        "Get-Mailbox -ResultSize Unlimited",
        "Get-Mailbox -Database DB1 -ResultSize 100",
        "New-Mailbox -Name 'Pat Kim' -Alias patk -UserPrincipalName patk@contoso.com -Database DB2 "
        "-FirstName Pat -LastName Kim -DisplayName 'Pat Kim' -Password $null -ResetPasswordOnNextLogon $true -WhatIf",
        "Get-MailboxStatistics -Server MBX1",
        "Get-MailboxStatistics -Database DB1 | Format-Table DisplayName,TotalItemSize,ItemCount",
    ],
    "seed004": [
        "Stop-DatabaseAvailabilityGroup -Identity DAG1 -MailboxServer MBX1 -WhatIf",
        "Stop-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Redmond -ConfigurationOnly -WhatIf",
        "Start-DatabaseAvailabilityGroup -Identity DAG1 -MailboxServer MBX1 -WhatIf",
        "Start-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Redmond -WhatIf",
        "Restore-DatabaseAvailabilityGroup -Identity DAG1 -ActiveDirectorySite Portland -WhatIf",
        r"Restore-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Portland -AlternateWitnessServer HUB2 -AlternateWitnessDirectory D:\DAG1 -WhatIf",
    ],
}


@pytest.mark.parametrize("lab,command", [(lab, c) for lab, cmds in EXAMPLES.items() for c in cmds])
def test_reference_style_example_binds(lab, command):
    res = Shell(lab=lab).run(command)
    bad = [e.fully_qualified_error_id for e in res.errors
           if e.fully_qualified_error_id.split(",")[0] in BINDING_IDS or e.category == "ParserError"]
    assert bad == [], res.text


def test_whatif_examples_change_nothing():
    shell = Shell()
    before = shell.ctx.world.snapshot()
    for command in EXAMPLES["default"]:
        if command.endswith("-WhatIf"):
            shell.run(command)
    assert shell.ctx.world.snapshot() == before
