"""Mailboxes follow their database's active copy (Get-Mailbox ServerName, Get-MailboxStatistics)."""

from exshell import Shell

DAG = (r"New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 "
       "-DatabaseAvailabilityGroupIpAddresses 192.168.1.50 | Out-Null",
       "Add-DatabaseAvailabilityGroupServer DAG1 MBX1", "Add-DatabaseAvailabilityGroupServer DAG1 MBX2",
       "Add-MailboxDatabaseCopy DB1 MBX2 | Out-Null")


def test_new_mailbox_in_a_named_database_and_by_automatic_distribution():
    shell = Shell()
    res = shell.run('New-Mailbox -Name "Ann Lee" -UserPrincipalName ann@contoso.com -Password $null -Database DB2')
    assert res.ok and res.objects[0].get("Database") == "DB2"
    auto = [shell.run(f"(New-Mailbox U{i} -UserPrincipalName u{i}@contoso.com -Password $null).Database").objects[0]
            for i in range(3)]
    assert auto == ["DB1", "DB3", "DB1"]      # fewest mailboxes first, then by name


def test_get_mailbox_default_table():
    shell = Shell()
    shell.run('New-Mailbox -Name "Ann Lee" -UserPrincipalName ann@contoso.com -Password $null -Database DB2')
    res = shell.run("Get-Mailbox")
    assert res.text.splitlines()[4] == "Ann Lee                   AnnLee               mbx2             unlimited"


def test_duplicate_mailbox_name_is_refused():
    shell = Shell()
    shell.run("New-Mailbox Bob -UserPrincipalName bob@contoso.com -Password $null")
    err, = shell.run("New-Mailbox Bob -UserPrincipalName bob2@contoso.com -Password $null").errors
    assert err.message == 'The name "Bob" is already being used. Please try another name.'


def test_mailbox_follows_the_active_copy_on_switchover():
    shell = Shell()
    for cmd in DAG:
        assert shell.run(cmd).ok, cmd
    shell.run("New-Mailbox Ann -UserPrincipalName ann@contoso.com -Password $null -Database DB1")
    assert shell.run("(Get-Mailbox Ann).ServerName").objects == ["mbx1"]
    assert shell.run("(Get-MailboxStatistics Ann).ServerName").objects == ["MBX1"]
    assert shell.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2 -Confirm:$false").ok
    assert shell.run("(Get-Mailbox Ann).ServerName").objects == ["mbx2"]
    assert [m.get("Name") for m in shell.run("Get-Mailbox -Server MBX2").objects] == ["Ann"]


def test_statistics_unavailable_while_the_database_is_dismounted():
    shell = Shell()
    shell.run("New-Mailbox Ann -UserPrincipalName ann@contoso.com -Password $null -Database DB3")
    shell.run("Dismount-Database DB3 -Confirm:$false")
    err, = shell.run("Get-MailboxStatistics -Database DB3").errors
    assert err.category == "ResourceUnavailable"
    assert err.fully_qualified_error_id == ("MailboxStatisticsMdbOffline,"
                                            "Microsoft.Exchange.Management.MapiTasks.GetMailboxStatistics")


def test_r_db_13_remove_database_refused_while_it_holds_mailboxes():
    shell = Shell()
    shell.run("New-Mailbox Ann -UserPrincipalName ann@contoso.com -Password $null -Database DB3")
    err, = shell.run("Remove-MailboxDatabase DB3 -Confirm:$false").errors
    assert err.message.startswith("This mailbox database contains one or more mailboxes.")
    assert shell.run("Get-MailboxDatabase DB3").ok
