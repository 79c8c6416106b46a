"""Stop-/Restart-Computer and the *-Service cmdlets on lab machines, through the shell."""

import pytest

from exshell import Shell

DAG = (r"New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 "
       "-DatabaseAvailabilityGroupIpAddresses 192.168.1.50 | Out-Null",
       "Add-DatabaseAvailabilityGroupServer DAG1 MBX1", "Add-DatabaseAvailabilityGroupServer DAG1 MBX2",
       "Add-MailboxDatabaseCopy DB1 MBX2 | Out-Null")


@pytest.fixture
def dag_shell():
    shell = Shell()
    for cmd in DAG:
        assert shell.run(cmd).ok
    return shell


def test_get_service_lists_the_named_services_in_the_real_table_view(dag_shell):
    res = dag_shell.run("Get-Service -ComputerName MBX2 ClusSvc, MSExchangeIS, MSExchangeRepl")
    assert res.text == (
        "\n"
        "Status   Name               DisplayName\n"
        "------   ----               -----------\n"
        "Running  ClusSvc            Cluster Service\n"
        "Running  MSExchangeIS       Microsoft Exchange Information Store\n"
        "Running  MSExchangeRepl     Microsoft Exchange Replication Service\n"
        "\n")


def test_get_service_wildcard_matching_nothing_is_silent_but_a_plain_name_is_an_error():
    shell = Shell()
    assert shell.run("Get-Service nosuch*").text == ""
    res = shell.run("Get-Service nosuch")
    err, = res.errors
    assert err.message == "Cannot find any service with service name 'nosuch'."
    assert err.category == "ObjectNotFound"
    assert err.fully_qualified_error_id == "NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand"


def test_the_2013_replication_service_has_its_shorter_display_name():
    shell = Shell(lab="seed003")
    assert "Microsoft Exchange Replication Service" in shell.run("Get-Service MSExchangeRepl").text


def test_stop_service_whatif_names_display_name_and_service_and_changes_nothing():
    shell = Shell()
    res = shell.run("Get-Service -ComputerName MBX2 MSExchangeRepl | Stop-Service -WhatIf")
    assert res.text == ('What if: Performing operation "Stop-Service" on Target "Microsoft Exchange\n'
                        'Replication Service (MSExchangeRepl)".')
    assert shell.run("(Get-Service -ComputerName MBX2 MSExchangeRepl).Status").objects == ["Running"]


def test_stopping_the_replication_service_puts_the_servers_copies_in_service_down(dag_shell):
    """R-COPY-13 through the Windows cmdlet: the copy on MBX2 reports ServiceDown."""
    res = dag_shell.run("Get-Service -ComputerName MBX2 MSExchangeRepl | Stop-Service -PassThru")
    assert res.objects[0].get("Status") == "Stopped"
    status = dag_shell.run(r"(Get-MailboxDatabaseCopyStatus DB1\MBX2).Status").objects
    assert status == ["ServiceDown"]
    dag_shell.run("Get-Service -ComputerName MBX2 MSExchangeRepl | Start-Service")
    assert dag_shell.run("(Get-Service -ComputerName MBX2 MSExchangeRepl).Status").objects == ["Running"]


def test_stop_service_by_name_acts_on_the_session_machine():
    shell = Shell()
    shell.run("Stop-Service MSExchangeIS")
    assert shell.run("(Get-Service MSExchangeIS).Status").objects == ["Stopped"]
    assert shell.run("(Get-Service -ComputerName MBX2 MSExchangeIS).Status").objects == ["Running"]


def test_stop_computer_powers_the_machine_off_and_its_database_fails_over(dag_shell):
    res = dag_shell.run("Stop-Computer -ComputerName MBX1")
    assert res.ok and res.text == ""
    dag_shell.run("Start-Sleep 120")
    assert dag_shell.run("(Get-MailboxDatabase DB1 -Status).MountedOnServer").objects == ["MBX2.contoso.com"]
    res = dag_shell.run("Get-Service -ComputerName MBX1")
    err, = res.errors
    assert err.message == ("Cannot open Service Control Manager on computer 'MBX1'. This operation might "
                           "require other privileges.")
    assert err.fully_qualified_error_id == ("System.InvalidOperationException,"
                                            "Microsoft.PowerShell.Commands.GetServiceCommand")


def test_stop_computer_whatif_and_the_unreachable_machine_error():
    shell = Shell()
    res = shell.run("Stop-Computer MBX2 -WhatIf; Stop-Computer -CN localhost -WhatIf")
    assert res.text == ('What if: Performing operation "Stop-Computer" on Target "MBX2".\n'
                        'What if: Performing operation "Stop-Computer" on Target "localhost (MBX1)".')
    shell.run("Stop-Computer MBX2")
    err, = shell.run("Stop-Computer MBX2").errors
    assert err.message == ("Failed to stop the computer MBX2 with the following error message: The RPC server "
                           "is unavailable. (Exception from HRESULT: 0x800706BA).")
    assert err.category == "OperationStopped"
    assert err.fully_qualified_error_id == "StopComputerException,Microsoft.PowerShell.Commands.StopComputerCommand"


def test_restart_computer_wait_returns_when_services_are_back():
    shell = Shell()
    before = shell.run("Get-Date").objects[0]
    shell.run("Restart-Computer MBX3 -Wait -For PowerShell")
    after = shell.run("Get-Date").objects[0]
    assert (after - before).total_seconds() == 60
    assert shell.run("(Get-Service -ComputerName MBX3 MSExchangeRepl).Status").objects == ["Running"]


def test_restart_computer_timeout_without_wait_is_refused_before_anything_happens():
    shell = Shell()
    err, = shell.run("Restart-Computer MBX3 -Timeout 5").errors
    assert err.fully_qualified_error_id == ("RestartComputerInvalidParameter,"
                                            "Microsoft.PowerShell.Commands.RestartComputerCommand")
    assert shell.run("(Get-LabMachine MBX3).Power").objects == ["On"]


def test_a_machine_across_a_cut_site_link_cannot_be_reached():
    """Stop-Computer and Get-Service ask the same who-can-talk question as heartbeats (R-SITE-11)."""
    shell = Shell(lab="seed004")                      # console MBX2 in Portland
    assert shell.run("Set-LabSiteLink Redmond Portland -Connected $false").ok
    err, = shell.run("Stop-Computer MBX1").errors
    assert err.fully_qualified_error_id == "StopComputerException,Microsoft.PowerShell.Commands.StopComputerCommand"
    assert shell.run("Get-Service -ComputerName MBX1 ClusSvc").errors
    assert shell.run("(Get-Service ClusSvc).Status").objects == ["Running"]     # the local machine still answers
    assert shell.run("(Get-LabMachine MBX1).Power").objects == ["On"]
