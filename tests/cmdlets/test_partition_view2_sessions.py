"""Remote sessions across a cut site link or a power-off (R-SITE-11): a PSSession whose machine
can't be reached any more breaks on the next command and stays Broken; an interactive session
drops the console back to its own machine; a one-off Invoke-Command gets the connect error.

The seed 004 lab: the console MBX2 in Portland, MBX1 in Redmond."""

from exshell import Shell

CUT = "Set-LabSiteLink Redmond Portland -Connected $false"
HEAL = "Set-LabSiteLink Redmond Portland -Connected $true"
TIMED_OUT = ("The WinRM client cannot complete the operation within the time specified. Check if the machine name "
             "is valid and is reachable over the network and firewall exception for Windows Remote Management "
             "service is enabled. For more information, see the about_Remote_Troubleshooting Help topic.")
SESSIONS = (" Id Name            ComputerName    State    ConfigurationName     Availability\n"
            " -- ----            ------------    -----    -----------------     ------------\n")


def opened(*commands):
    shell = Shell(lab="seed004")
    for command in ("$s = New-PSSession MBX1",) + commands:
        assert shell.run(command).ok, command
    return shell


def test_r_site_11_a_session_beyond_a_cut_link_breaks_on_its_next_command():
    shell = opened(CUT)
    res = shell.run("Invoke-Command -Session $s { $env:COMPUTERNAME }")
    assert res.text == (
        "[MBX1] Processing data from remote server MBX1 failed with the following error\n"
        "message: The WinRM client cannot complete the operation within the time specifi\n"
        "ed. Check if the machine name is valid and is reachable over the network and fi\n"
        "rewall exception for Windows Remote Management service is enabled. For more inf\n"
        "ormation, see the about_Remote_Troubleshooting Help topic.\n"
        "    + CategoryInfo          : OpenError: (MBX1:String) [], PSRemotingTransport\n"
        "   Exception\n"
        "    + FullyQualifiedErrorId : JobFailure,PSSessionStateBroken\n")
    err = res.errors[0]
    assert (err.message, err.category, err.exception_type) == (
        f"[MBX1] Processing data from remote server MBX1 failed with the following error message: {TIMED_OUT}",
        "OpenError", "System.Management.Automation.Remoting.PSRemotingTransportException")
    assert shell.run("$s.State").objects == ["Broken"]


def test_r_site_11_get_pssession_shows_the_broken_session_and_it_stays_broken_after_the_heal():
    shell = opened()
    assert shell.run("Get-PSSession").text == (
        "\n" + SESSIONS + "  1 Session1        MBX1            Opened   Microsoft.PowerShell     Available\n\n")
    broken = "\n" + SESSIONS + "  1 Session1        MBX1            Broken   Microsoft.PowerShell          None\n\n"
    shell.run(CUT)
    assert shell.run("Get-PSSession").text == broken          # the client's keep-alive notices
    shell.run(HEAL)
    assert shell.run("Get-PSSession").text == broken
    res = shell.run("Invoke-Command -Session $s { 1 }")
    err = res.errors[0]
    assert err.message == ("Because the session state for session Session1, "
                           f"{shell.run('$s.InstanceId').objects[0]}, MBX1 is not equal to Open, you cannot run a "
                           "command in the session.  The session state is Broken.")
    assert (err.category, err.fully_qualified_error_id) == (
        "InvalidOperation",
        "InvokeCommandCommandInvalidSessionState,Microsoft.PowerShell.Commands.InvokeCommandCommand")
    assert shell.run("(New-PSSession MBX1).State; Invoke-Command -ComputerName MBX1 { $env:COMPUTERNAME }").objects == [
        "Opened", "MBX1"]


def test_r_site_11_a_powered_off_machine_breaks_its_session_too():
    shell = opened("Stop-LabMachine MBX1 -Confirm:$false")
    assert not shell.run("Invoke-Command -Session $s { 1 }").ok
    assert shell.run("(Get-PSSession).State").objects == ["Broken"]


def test_r_site_11_a_removed_session_is_no_longer_listed_nor_usable():
    shell = opened("$t = New-PSSession MBX2", "Remove-PSSession $s")
    assert shell.run("(Get-PSSession).Name").objects == ["Session2"]
    assert shell.run("(Get-PSSession -ComputerName mbx2).Id").objects == [2]
    err = shell.run("Invoke-Command -Session $s { 1 }").errors[0]
    assert err.message.endswith("is not equal to Open, you cannot run a command in the session.  The session "
                                "state is Closed.")


def test_r_site_11_a_broken_session_can_t_be_entered():
    shell = opened(CUT)
    res = shell.run("Enter-PSSession -Session $s")
    instance = shell.run("$s.InstanceId").objects[0]
    assert res.errors[0].message == (
        "Cannot enter session Session1 because it is not in the disconnected state or is not available for "
        f"connection. Retrieve the remote session using Get-PSSession -ComputerName MBX1 -InstanceId {instance}.")
    assert res.errors[0].fully_qualified_error_id == (
        "PushedRunspaceMustBeOpen,Microsoft.PowerShell.Commands.EnterPSSessionCommand")
    assert shell.run("$env:COMPUTERNAME").objects == ["MBX2"]


def test_r_site_11_an_interactive_session_beyond_the_cut_fails_and_drops_back_home():
    shell = opened("Enter-PSSession -Session $s", CUT)
    res = shell.run("Get-Service ClusSvc")
    assert res.text == (
        "Processing data for a remote command failed with the following error message: T\n"
        "he WinRM client cannot complete the operation within the time specified. Check\n"
        "if the machine name is valid and is reachable over the network and firewall exc\n"
        "eption for Windows Remote Management service is enabled. For more information,\n"
        "see the about_Remote_Troubleshooting Help topic.\n"
        "    + CategoryInfo          : OperationStopped: (System.Manageme...pressionSyn\n"
        "   cJob:PSInvokeExpressionSyncJob) [], PSRemotingTransportException\n"
        "    + FullyQualifiedErrorId : JobFailure\n")
    assert shell.run("$env:COMPUTERNAME").objects == ["MBX2"]
    assert shell.run("$s.State").objects == ["Broken"]


def test_r_site_11_an_interactive_session_by_name_survives_while_its_machine_answers():
    shell = Shell(lab="seed004")
    for command in ("Enter-PSSession HUB2", CUT):
        assert shell.run(command).ok
    assert shell.run("$env:COMPUTERNAME").objects == ["HUB2"]       # same side of the cut


def test_r_site_11_a_one_off_invoke_command_across_the_cut_gets_the_connect_error():
    shell = Shell(lab="seed004")
    shell.run(CUT)
    err = shell.run("Invoke-Command -ComputerName MBX1 { 1 }").errors[0]
    assert err.message.startswith("[MBX1] Connecting to remote server MBX1 failed with the following error "
                                  "message : WinRM cannot complete the operation.")
    assert err.fully_qualified_error_id == "WinRMOperationTimeout,PSSessionStateBroken"


def test_gsn_is_get_pssession():
    shell = opened()
    assert shell.run("gsn").text == shell.run("Get-PSSession").text
    assert shell.run("(Get-Alias gsn).Definition").objects == ["Get-PSSession"]
