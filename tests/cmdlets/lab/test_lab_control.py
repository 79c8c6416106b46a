"""Lab control: machines' power, checkpoints and the simulation's event log."""

from exshell import Shell


def test_get_lab_machine_table():
    res = Shell().run("Get-LabMachine MBX*")
    assert res.text == (
        "\n"
        "Name         Power Site                     IPAddresses\n"
        "----         ----- ----                     -----------\n"
        "MBX1         On    Default-First-Site-Name  {192.168.1.11/24, 10.0.1.11/24}\n"
        "MBX2         On    Default-First-Site-Name  {192.168.1.12/24, 10.0.1.12/24}\n"
        "MBX3         On    Default-First-Site-Name  {192.168.1.13/24, 10.0.1.13/24}\n"
        "\n")


def test_start_lab_machine_powers_back_on_what_stop_computer_shut_down():
    shell = Shell()
    shell.run("Stop-Computer MBX2")
    assert shell.run("(Get-LabMachine MBX2).Power").objects == ["Off"]
    shell.run("Start-LabMachine MBX2")
    assert shell.run("(Get-LabMachine MBX2).Power").objects == ["On"]
    assert shell.run("(Get-Service -ComputerName MBX2 MSExchangeRepl).Status").objects == ["Stopped"]
    shell.run("Start-Sleep 60")
    assert shell.run("(Get-Service -ComputerName MBX2 MSExchangeRepl).Status").objects == ["Running"]


def test_unknown_machine_is_an_object_not_found_error_and_the_rest_still_runs():
    shell = Shell()
    res = shell.run("Start-LabMachine nosuch, MBX2")
    err, = res.errors
    assert err.message == "The lab has no machine named 'nosuch'."
    assert err.category == "ObjectNotFound"


def test_stop_lab_machine_asks_first_as_a_high_impact_command():
    shell = Shell()
    res = shell.run("Stop-LabMachine MBX3", answers=["n"])
    assert 'Performing the operation "Stop-LabMachine" on target "MBX3".' in res.text or \
        'Performing operation "Stop-LabMachine" on Target "MBX3".' in res.text
    assert shell.run("(Get-LabMachine MBX3).Power").objects == ["On"]


def test_checkpoint_and_restore_bring_back_the_world_and_the_clock():
    shell = Shell()
    shell.run("Checkpoint-Lab clean")
    shell.run("Stop-Computer MBX2; Start-Sleep 3600")
    shell.run("Restore-Lab clean -Confirm:$false")
    assert shell.run("(Get-LabMachine MBX2).Power").objects == ["On"]
    assert shell.run("Get-Date -Format HH:mm").objects == ["09:00"]
    assert [o.get("Name") for o in shell.run("Get-LabCheckpoint").objects] == ["clean"]
    err, = shell.run("Restore-Lab nosuch -Confirm:$false").errors
    assert err.message == "The lab has no checkpoint named 'nosuch'."


def test_get_lab_event_tells_what_the_simulation_did_and_which_rule_decided():
    shell = Shell()
    for cmd in (r"New-DatabaseAvailabilityGroup DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 | Out-Null",
                "Add-DatabaseAvailabilityGroupServer DAG1 MBX1", "Add-DatabaseAvailabilityGroupServer DAG1 MBX2",
                "Add-MailboxDatabaseCopy DB1 MBX2 | Out-Null", "Stop-Computer MBX1", "Start-Sleep 120"):
        assert shell.run(cmd).ok
    events = shell.run("Get-LabEvent -Rule R-AM-4").objects
    assert [e.get("Message") for e in events] == ["Database 'DB1' failed over to 'MBX2'."]
    assert len(shell.run("Get-LabEvent -Newest 3").objects) == 3


DAG = (r"New-DatabaseAvailabilityGroup DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 | Out-Null",
       "Add-DatabaseAvailabilityGroupServer DAG1 MBX1", "Add-DatabaseAvailabilityGroupServer DAG1 MBX2",
       "Add-MailboxDatabaseCopy DB1 MBX2 | Out-Null")


def _dag_shell():
    shell = Shell()
    for cmd in DAG:
        assert shell.run(cmd).ok, cmd
    return shell


def test_a_corrupt_passive_copy_is_failed_and_suspended_until_reseeded():
    """R-COPY-9 through lab control: corruption needs an administrator."""
    shell = _dag_shell()
    assert shell.run(r"Set-LabDatabaseCopy DB1\MBX2 -Fault Corrupt").ok
    shell.run("Start-Sleep 3600")
    assert shell.run(r"(Get-MailboxDatabaseCopyStatus DB1\MBX2).Status").objects == ["FailedAndSuspended"]


def test_failing_the_active_copy_fails_the_database_over():
    """R-AM-3 through lab control: a database failure moves the database."""
    shell = _dag_shell()
    shell.run("Start-Sleep 600")
    shell.run(r"Set-LabDatabaseCopy DB1\MBX1 -Fault Failed")
    shell.run("Start-Sleep 120")
    assert shell.run("(Get-MailboxDatabase DB1 -Status).MountedOnServer").objects == ["MBX2.contoso.com"]


def test_unknown_copy_and_bad_fault_value_are_errors():
    shell = _dag_shell()
    err, = shell.run(r"Set-LabDatabaseCopy DB9\MBX2 -Fault Failed").errors
    assert err.message == "The lab has no database copy 'DB9\\MBX2'. Name it as Database\\Server."
    err, = shell.run(r"Set-LabDatabaseCopy DB1\MBX2 -Fault Melted").errors
    assert err.fully_qualified_error_id.startswith("ParameterArgumentValidationError,")


def test_a_full_log_volume_fails_the_passive_copy_until_space_returns():
    """R-COPY-8 through lab control: Failed while full, Healthy again after the re-check."""
    shell = _dag_shell()
    shell.run("Set-LabDisk MBX2 -LogVolumeFull $true; Start-Sleep 60")
    assert shell.run(r"(Get-MailboxDatabaseCopyStatus DB1\MBX2).Status").objects == ["Failed"]
    shell.run("Set-LabDisk MBX2 -LogVolumeFull $false; Start-Sleep 900")
    assert shell.run(r"(Get-MailboxDatabaseCopyStatus DB1\MBX2).Status").objects == ["Healthy"]
