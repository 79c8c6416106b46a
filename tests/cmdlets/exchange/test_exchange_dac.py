"""Stop-, Restore-, Start-DatabaseAvailabilityGroup through the shell on the two-site seed002
lab: binding by parameter set, confirmation, the DAG's Stopped/StartedMailboxServers."""

from exshell import Shell


def _shell():
    shell = Shell(lab="seed002")
    assert shell.run("Set-DatabaseAvailabilityGroup DAG1 -DatacenterActivationMode DagOnly").ok
    return shell


def test_stop_needs_dac_mode_with_the_exchange_error():
    err, = Shell(lab="seed002").run("Stop-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Redmond "
                                    "-Confirm:$false").errors
    assert err.category == "InvalidOperation"
    assert err.message.startswith("Database availability group 'DAG1' isn't in datacenter activation mode.")


def test_site_and_server_together_is_an_ambiguous_parameter_set():
    err, = _shell().run("Stop-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Redmond -MailboxServer MBX1").errors
    assert err.fully_qualified_error_id.startswith("AmbiguousParameterSet,")


def test_unknown_site_is_not_found():
    err, = _shell().run("Stop-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Paris -Confirm:$false").errors
    assert err.category == "ObjectNotFound"


def test_stop_asks_first_and_whatif_changes_nothing():
    shell = _shell()
    res = shell.run("Stop-DatabaseAvailabilityGroup DAG1 -MailboxServer MBX1 -WhatIf")
    assert res.text == ('What if: Stopping Mailbox server(s) "MBX1" in database availability group\n"DAG1".')
    res = shell.run("Stop-DatabaseAvailabilityGroup DAG1 -MailboxServer MBX1", answers=["n"])
    assert shell.run("(Get-DatabaseAvailabilityGroup DAG1).StoppedMailboxServers.Count").objects == [0]


def test_datacenter_switchover_and_switchback():
    shell = _shell()
    for cmd in ("Stop-Computer MBX1,MBX2,CAS1,DC1", "Start-Sleep 120",
                "Stop-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Redmond -ConfigurationOnly -Confirm:$false",
                "Get-Service -ComputerName MBX3,MBX4 ClusSvc | Stop-Service",
                "Restore-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Dublin -Confirm:$false",
                "Start-Sleep 60"):
        assert shell.run(cmd).ok, cmd
    res = shell.run("Get-DatabaseAvailabilityGroup DAG1 -Status | Format-List StoppedMailboxServers,"
                    "OperationalServers,WitnessShareInUse")
    assert res.text == ("\n\nStoppedMailboxServers : {MBX2.contoso.com, MBX1.contoso.com}\n"
                        "OperationalServers    : {MBX4, MBX3}\n"
                        "WitnessShareInUse     : Alternate\n\n\n")
    assert shell.run("(Get-MailboxDatabase -Status | Where-Object { $_.Mounted }).Count").objects == [2]
    for cmd in ("Start-LabMachine MBX1,MBX2,CAS1,DC1", "Start-Sleep 120",
                "Start-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Redmond -Confirm:$false",
                "Set-DatabaseAvailabilityGroup DAG1", "Start-Sleep 600",
                "Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX1 -Confirm:$false"):
        assert shell.run(cmd).ok, cmd
    res = shell.run("Get-DatabaseAvailabilityGroup DAG1 -Status | Format-List StoppedMailboxServers,"
                    "StartedMailboxServers,WitnessShareInUse")
    assert res.text == ("\n\nStoppedMailboxServers : {}\n"
                        "StartedMailboxServers : {MBX2.contoso.com, MBX1.contoso.com}\n"
                        "WitnessShareInUse     : Primary\n\n\n")
    assert shell.run("(Get-MailboxDatabase DB1 -Status).MountedOnServer").objects == ["MBX1.contoso.com"]


def test_r_site_10_switchover_without_dac_uses_the_cluster_tools():
    """DAC off: force quorum in the standby site, evict the lost node, Node Majority for the odd
    survivor count, then move the lost server's databases with the checks skipped."""
    shell = Shell(lab="seed004")
    for cmd in ("Set-DatabaseAvailabilityGroup DAG1 -DatacenterActivationMode Off",
                "Stop-LabMachine MBX1,HUB1,DC1 -Confirm:$false", "Start-Sleep 120"):
        assert shell.run(cmd).ok, cmd
    assert shell.run("@(Get-MailboxDatabase -Status | Where-Object { $_.Mounted }).Count").objects == [0]
    for cmd in ("net stop clussvc", "net start clussvc /forcequorum",
                "Remove-ClusterNode -Cluster DAG1 MBX1 -Force", "cluster DAG1 /quorum /nodemajority"):
        assert shell.run(cmd).ok, cmd
    assert shell.run("(Get-ClusterQuorum -Cluster DAG1).QuorumType").objects == ["NodeMajority"]
    res = shell.run("Move-ActiveMailboxDatabase -Server MBX1 -ActivateOnServer MBX2 -SkipHealthChecks "
                    "-SkipClientExperienceChecks -SkipLagChecks -SkipActiveCopyChecks -Confirm:$false")
    assert [(o.get("Identity"), o.get("Status")) for o in res.objects] == [("DB1", "Succeeded"), ("DB2", "Succeeded")]
    res = shell.run("Get-MailboxDatabase -Status | Format-Table Name,Mounted,MountedOnServer -AutoSize")
    assert res.text == ("\nName Mounted MountedOnServer\n---- ------- ---------------\n"
                        "DB1     True MBX2.contoso.com\nDB2     True MBX2.contoso.com\nDB3     True MBX2.contoso.com\n\n")
