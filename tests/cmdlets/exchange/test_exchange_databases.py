"""New-/Set-/Remove-MailboxDatabase, Mount-/Dismount-Database and Set-MailboxServer through the
shell: binding from the catalog, WhatIf/Confirm wording, Exchange error records."""

from exshell import Shell


def test_new_mailbox_database_binds_name_positionally_and_returns_the_database():
    shell = Shell()
    res = shell.run("New-MailboxDatabase DB4 -Server MBX3")
    assert res.ok
    db, = res.objects
    assert (db.get("Name"), db.get("Server"), db.get("ReplicationType")) == ("DB4", "MBX3", "None")
    assert shell.run("(Get-MailboxDatabase DB4 -Status).Mounted").objects == [False]


def test_new_mailbox_database_server_is_mandatory():
    err, = Shell().run("New-MailboxDatabase DB4").errors
    assert err.fully_qualified_error_id.startswith("MissingMandatoryParameter,")


def test_new_mailbox_database_whatif_changes_nothing():
    shell = Shell()
    res = shell.run("New-MailboxDatabase DB4 -Server MBX3 -WhatIf")
    assert res.text == 'What if: Creating mailbox database "DB4" on server "MBX3".'
    assert shell.run("Get-MailboxDatabase DB4").errors


def test_r_db_1_duplicate_name_is_an_exchange_error_record():
    err, = Shell().run("New-MailboxDatabase DB1 -Server MBX2").errors
    assert err.message == "A database with the name 'DB1' already exists. Please specify a unique name."
    assert err.category == "InvalidArgument"
    assert err.fully_qualified_error_id.endswith(",Microsoft.Exchange.Management.SystemConfigurationTasks."
                                                 "NewMailboxDatabase")


def test_mount_and_dismount_round_trip_with_the_dismount_confirmation():
    shell = Shell()
    res = shell.run("Dismount-Database DB2", answers=["y"])
    assert 'Dismounting database "DB2". This may result in reduced availability for mailboxes in the' in \
        " ".join(res.text.split())
    assert shell.run("(Get-MailboxDatabase DB2 -Status).Mounted").objects == [False]
    assert shell.run("Mount-Database DB2").ok
    assert shell.run("(Get-MailboxDatabase DB2 -Status).Mounted").objects == [True]


def test_dismount_answered_no_leaves_the_database_mounted():
    shell = Shell()
    shell.run("Dismount-Database DB2", answers=["n"])
    assert shell.run("(Get-MailboxDatabase DB2 -Status).Mounted").objects == [True]


def test_r_db_14_mount_with_the_store_stopped_is_refused():
    shell = Shell()
    shell.run("Dismount-Database DB2 -Confirm:$false")
    shell.run("Get-Service -ComputerName MBX2 MSExchangeIS | Stop-Service")
    err, = shell.run("Mount-Database DB2").errors
    assert err.category == "InvalidOperation"
    assert "The MSExchangeIS service on server MBX2 isn't running." in err.message


def test_set_mailbox_database_quota_and_circular_logging_show_in_get():
    shell = Shell()
    assert shell.run("Set-MailboxDatabase DB1 -IssueWarningQuota 1.5GB -CircularLoggingEnabled $true").ok
    res = shell.run("Get-MailboxDatabase DB1 | Format-List IssueWarningQuota,CircularLoggingEnabled")
    assert res.text == ("\n\n"
                        "IssueWarningQuota      : 1.5 GB (1,610,612,736 bytes)\n"
                        "CircularLoggingEnabled : True\n"
                        "\n\n")


def test_set_mailbox_database_bad_quota_is_refused_and_changes_nothing():
    shell = Shell()
    res = shell.run("Set-MailboxDatabase DB1 -IssueWarningQuota lots -CircularLoggingEnabled $true")
    assert not res.ok
    assert shell.run("(Get-MailboxDatabase DB1).CircularLoggingEnabled").objects == [False]


def test_r_db_13_remove_mailbox_database_warns_that_files_stay():
    shell = Shell()
    res = shell.run("Remove-MailboxDatabase DB3 -Confirm:$false")
    assert res.warnings == [
        "The specified database has been removed. You must remove the database file located in C:\\Program "
        "Files\\Microsoft\\Exchange Server\\V14\\Mailbox\\DB3\\DB3.edb from your computer manually if you want "
        "to reuse that location."]
    assert shell.run("Get-MailboxDatabase DB3").errors


def test_set_mailbox_server_activation_settings_and_enum_validation():
    shell = Shell()
    assert shell.run("Set-MailboxServer MBX2 -AutoDatabaseMountDial Lossless "
                     "-DatabaseCopyAutoActivationPolicy Blocked -MaximumActiveDatabases 2").ok
    res = shell.run("Get-MailboxServer MBX2 | Format-List AutoDatabaseMountDial,DatabaseCopyAutoActivationPolicy,"
                    "MaximumActiveDatabases")
    assert res.text == ("\n\n"
                        "AutoDatabaseMountDial            : Lossless\n"
                        "DatabaseCopyAutoActivationPolicy : Blocked\n"
                        "MaximumActiveDatabases           : 2\n"
                        "\n\n")
    err, = shell.run("Set-MailboxServer MBX2 -AutoDatabaseMountDial Foo").errors
    assert err.fully_qualified_error_id.startswith("CannotConvertArgumentNoMessage,")


def test_set_mailbox_server_accepts_settings_without_effect_in_the_lab():
    assert Shell().run("Set-MailboxServer MBX1 -MessageTrackingLogEnabled $false").ok
