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
    assert shell.run("(Get-Service -ComputerName MBX2 ClusSvc).Status").objects == ["Stopped"]
    shell.run("Start-Sleep 60")
    assert shell.run("(Get-Service -ComputerName MBX2 ClusSvc).Status").objects == ["Running"]


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
