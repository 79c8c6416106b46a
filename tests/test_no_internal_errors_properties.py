"""Random short command sequences on a lab with a DAG, faults included: no internal error record is
ever written and no exception escapes Shell.run."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exshell import Shell

VOCABULARY = (
    "Get-MailboxDatabaseCopyStatus *",
    "Get-MailboxDatabaseCopyStatus * | Format-List *",
    "Get-MailboxDatabase -Status | Format-List *",
    "Get-DatabaseAvailabilityGroup -Status | Format-List *",
    "Get-DatabaseAvailabilityGroupNetwork | Select-Object *",
    "Get-ClusterNode | Format-List *",
    "Get-ClusterGroup | Get-ClusterResource",
    "Get-ClusterNetwork | Format-Table *",
    "Get-Service | Format-Table",
    "Test-ReplicationHealth",
    "Get-ExchangeServer | Format-List *",
    "Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2 -Confirm:$false",
    "Move-ActiveMailboxDatabase DB2 -ActivateOnServer MBX1 -Confirm:$false",
    r"Suspend-MailboxDatabaseCopy DB1\MBX2 -Confirm:$false",
    r"Resume-MailboxDatabaseCopy DB1\MBX2",
    r"Update-MailboxDatabaseCopy DB3\MBX1 -DeleteExistingFiles -Confirm:$false",
    "Dismount-Database DB2 -Confirm:$false",
    "Mount-Database DB2",
    "Set-MailboxDatabase DB1 -IssueWarningQuota unlimited",
    "Set-MailboxDatabase DB1 -Name ''",
    "Set-DatabaseAvailabilityGroup DAG1 -ManualDagNetworkConfiguration $true",
    r"Set-DatabaseAvailabilityGroupNetwork DAG1\DAGNetwork02 -ReplicationEnabled:$false",
    "Stop-LabMachine MBX1 -Confirm:$false",
    "Start-LabMachine MBX1",
    "Stop-LabMachine MBX2 -Confirm:$false",
    "Start-LabMachine MBX2",
    "Stop-LabMachine DC1 -Confirm:$false",
    "Start-LabMachine DC1",
    "Set-LabSiteLink Redmond Portland -Connected $false -Confirm:$false",
    "Set-LabSiteLink Redmond Portland -Connected $true -Confirm:$false",
    "Stop-Service MSExchangeRepl -Force",
    "Start-Service MSExchangeRepl",
    "Stop-Service MSExchangeIS -Force",
    "Start-Service MSExchangeIS",
    "Stop-ClusterNode MBX2",
    "Start-ClusterNode MBX2",
    "Stop-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Redmond -ConfigurationOnly -Confirm:$false",
    "Restore-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Portland -Confirm:$false",
    "Start-DatabaseAvailabilityGroup DAG1 -ActiveDirectorySite Redmond",
    "Start-Sleep 60",
    "Start-Sleep 3600",
)


def test_the_faults_of_the_vocabulary_take_effect():
    """A fault that only asks for confirmation would leave the property test exploring nothing."""
    sh = Shell(lab="seed004")
    faults = [c for c in VOCABULARY if c.startswith("Stop-LabMachine") or "-Connected $false" in c]
    for code in faults:
        assert sh.run(code).ok, code
    res = sh.run("Get-LabMachine MBX1,MBX2,DC1 | ForEach-Object { $_.Power.ToString() }; "
                 "Get-LabSiteLink | ForEach-Object { $_.State.ToString() }")
    assert res.objects == ["Off", "Off", "Off", "Cut"]


@pytest.fixture(scope="module")
def shell() -> Shell:
    sh = Shell(lab="seed004")
    assert sh.run("Checkpoint-Lab start").ok
    return sh


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=6))
def test_random_sequences_never_end_in_an_internal_error(shell, commands):
    """Each sequence starts again from the lab as it was built."""
    assert shell.run("Restore-Lab start -Confirm:$false").ok
    for code in commands:
        res = shell.run(code, timeout=20)          # an exception escaping Shell.run fails the test here
        internal = [e.message for e in res.errors if e.fully_qualified_error_id.startswith("InternalError")]
        assert internal == [], (commands, code)
