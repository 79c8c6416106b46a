"""The Exchange scripts folder: $exscripts and friends, the placeholder files, and the scripts run
by path — StartDagServerMaintenance.ps1 / StopDagServerMaintenance.ps1 (R-AM-25); the other scripts
of the folder are listed, not run. RedistributeActiveDatabases.ps1 has test_redistribute*.py."""

from __future__ import annotations

import pytest

from exshell import Shell

START = '& "$exscripts\\StartDagServerMaintenance.ps1"'
STOP = '& "$exscripts\\StopDagServerMaintenance.ps1"'


@pytest.fixture
def copies() -> Shell:
    """Exchange 2016: DAG1 = MBX1..3; DB1 on MBX1 (copies MBX2, MBX3), DB2 on MBX2 (copy MBX3)."""
    return Shell(lab="copies")


def two_member_2010() -> Shell:
    sh = Shell()
    res = sh.run("New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\\DAG1 "
                 "-DatabaseAvailabilityGroupIpAddresses 192.168.1.50 | Out-Null\n"
                 "Add-DatabaseAvailabilityGroupServer DAG1 MBX1\nAdd-DatabaseAvailabilityGroupServer DAG1 MBX2\n"
                 "Add-MailboxDatabaseCopy DB1 MBX2")
    assert res.ok, res.text
    return sh


def state(sh: Shell) -> str:
    return sh.run("Get-MailboxServer | ft Name,DatabaseCopyAutoActivationPolicy -HideTableHeaders\n"
                  "Get-ClusterNode -Cluster DAG1 | ft Name,State -HideTableHeaders\n"
                  "Get-MailboxDatabaseCopyStatus * | ft Name,Status,ActivationSuspended -HideTableHeaders").text


# -- the folder ---------------------------------------------------------------------------------------

def test_exchange_path_variables_per_version(copies: Shell) -> None:
    assert Shell().run("$exscripts; $exbin; $exinstall; $env:ExchangeInstallPath").text.split("\n") == [
        "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\scripts\\",
        "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\bin\\",
        "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\",
        "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\"]
    assert copies.run("$exscripts; $exbin").text.split("\n") == [
        "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\scripts\\",
        "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\"]


def test_the_folder_lists_the_scripts_of_the_version(copies: Shell) -> None:
    assert copies.run("dir $exscripts | ForEach-Object { $_.Name }").text.split("\n") == [
        "CollectOverMetrics.ps1", "CollectReplicationMetrics.ps1", "DagCommonLibrary.ps1",
        "Install-AntispamAgents.ps1", "Move-TransportDatabase.ps1", "new-TestCasConnectivityUser.ps1",
        "RedistributeActiveDatabases.ps1", "StartDagServerMaintenance.ps1", "StopDagServerMaintenance.ps1",
        "Troubleshoot-DatabaseLatency.ps1", "Troubleshoot-DatabaseSpace.ps1", "Update-MalwareFilteringServer.ps1"]
    assert copies.run("Test-Path \\\\MBX2\\C$\\Program` Files\\Microsoft\\Exchange` Server\\V15\\Scripts\\"
                      "StartDagServerMaintenance.ps1; Test-Path \\\\DC01\\C$\\Program` Files\\Microsoft").text \
        == "True\nFalse"                                       # every Exchange server has it, the DC has none
    assert "CheckDatabaseRedundancy.ps1" in Shell().run("dir $exscripts | ForEach-Object { $_.Name }").text


def test_a_listed_script_is_not_run(copies: Shell) -> None:
    res = copies.run("cd $exscripts; .\\CollectOverMetrics.ps1 -DatabaseAvailabilityGroup DAG1")
    assert res.errors[0].fully_qualified_error_id == "ScriptNotModelled,CollectOverMetrics.ps1"
    assert res.errors[0].category == "NotImplemented"
    assert res.errors[0].message == (
        "The script 'CollectOverMetrics.ps1' is part of the Exchange scripts folder, but this emulator doesn't run "
        "it: only StartDagServerMaintenance.ps1, StopDagServerMaintenance.ps1 and RedistributeActiveDatabases.ps1 "
        "are modelled.")


def test_a_script_written_over_a_placeholder_runs_its_text(copies: Shell) -> None:
    copies.ctx.write_file("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Scripts\\"
                          "StartDagServerMaintenance.ps1", "param($serverName)\n'mine ' + $serverName\n", append=False)
    assert copies.run(f"{START} MBX1").text == "mine MBX1"
    assert copies.run("(Get-MailboxServer MBX1).DatabaseCopyAutoActivationPolicy").text == "Unrestricted"


# -- StartDagServerMaintenance.ps1 / StopDagServerMaintenance.ps1 --------------------------------------

@pytest.mark.rule("R-AM-25")
def test_r_am_25_start_moves_actives_blocks_activation_and_pauses_the_node(copies: Shell) -> None:
    res = copies.run(f"{START} -serverName MBX1 -pauseClusterNode -Verbose")
    assert res.text == "VERBOSE: Moved the active copy of database 'DB1' from 'MBX1' to 'MBX2'."
    assert state(copies).split("\n") == [
        "", "MBX1 Blocked", "MBX2 Unrestricted", "MBX3 Unrestricted", "", "", "",
        "mbx1 Paused", "mbx2 Up", "mbx3 Up", "", "", "",
        "DB1\\MBX1 Healthy               False", "DB1\\MBX2 Mounted               False",
        "DB2\\MBX2 Mounted               False", "DB1\\MBX3 Healthy               False",
        "DB2\\MBX3 Healthy               False", "", ""]
    assert copies.run("(Get-DatabaseAvailabilityGroup DAG1 -Status).PrimaryActiveManager.Name").text == "MBX2"


@pytest.mark.rule("R-AM-25")
def test_r_am_25_the_2016_script_pauses_the_node_only_when_asked(copies: Shell) -> None:
    assert copies.run(f"{START} MBX1").ok
    assert copies.run("(Get-ClusterNode -Cluster DAG1 MBX1).State; (Get-MailboxServer MBX1)."
                      "DatabaseCopyAutoActivationPolicy").text == "Up\nBlocked"


@pytest.mark.rule("R-AM-25")
def test_r_am_25_the_2010_script_suspends_activation_of_the_servers_copies() -> None:
    sh = two_member_2010()
    res = sh.run(f"{START} MBX1.contoso.com")          # an FQDN is cut to the short name
    assert res.ok and res.text == ""
    copy = "(Get-MailboxDatabaseCopyStatus DB1\\MBX1)"
    assert sh.run(f"{copy}.Status; {copy}.ActivationSuspended").text == "Healthy\nTrue"
    assert sh.run(f"{copy}.SuspendComment").objects == [
        "Suspended ActivationOnly by StartDagServerMaintenance.ps1 at 2010-05-01T09:03:12"]
    assert sh.run("(Get-ClusterNode -Cluster DAG1 MBX1).State; (Get-MailboxDatabase DB1 -Status).MountedOnServer"
                  ).text == "Paused\nMBX2.contoso.com"


@pytest.mark.rule("R-AM-25")
def test_r_am_25_stop_resumes_the_node_unblocks_and_resumes_the_copies() -> None:
    sh = two_member_2010()
    assert sh.run(f"{START} MBX1").ok
    res = sh.run(f"{STOP} -serverName MBX1")
    assert res.ok and res.text == ""
    assert sh.run("(Get-ClusterNode -Cluster DAG1 MBX1).State; (Get-MailboxServer MBX1)."
                  "DatabaseCopyAutoActivationPolicy; (Get-MailboxDatabaseCopyStatus DB1\\MBX1).ActivationSuspended"
                  ).text == "Up\nUnrestricted\nFalse"


@pytest.mark.rule("R-AM-25")
def test_r_am_25_a_database_left_with_one_healthy_copy_undoes_all_but_the_moves(copies: Shell) -> None:
    before = state(copies)
    res = copies.run(f"cd $exscripts; .\\StartDagServerMaintenance.ps1 -serverName MBX3")
    assert res.text.split("\n") == [
        "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Scripts\\StartDagServerMaintenanc",
        "e.ps1 : Server 'MBX3' couldn't be put into maintenance: DB2 would be left witho",
        "ut enough healthy copies. The completed database moves were kept.",
        "At line:1 char:16",
        "+ cd $exscripts; .\\StartDagServerMaintenance.ps1 -serverName MBX3",
        "+                ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
        "    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorExcep",
        "   tion",
        "    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorExceptio",
        "   n,StartDagServerMaintenance.ps1",
        ""]
    assert res.errors[0].rule_id == "R-AM-25"
    assert state(copies) == before
    assert copies.run(".\\StartDagServerMaintenance.ps1 -serverName MBX3 -overrideMinimumTwoCopies").ok
    assert copies.run("(Get-MailboxServer MBX3).DatabaseCopyAutoActivationPolicy").text == "Blocked"


@pytest.mark.rule("R-AM-25")
def test_r_am_25_unknown_server_is_refused_and_changes_nothing(copies: Shell) -> None:
    before = copies.world.snapshot()
    res = copies.run(f"{START} -serverName MBX9")
    assert copies.world.snapshot() == before
    err = res.errors[0]
    assert err.message == "The operation couldn't be performed because object 'MBX9' couldn't be found on " \
                          "'DC01.contoso.com'."
    assert err.fully_qualified_error_id.endswith(
        "40BD080E,Microsoft.Exchange.Management.SystemConfigurationTasks.SetMailboxServer")


@pytest.mark.rule("R-AM-25")
def test_r_am_25_server_outside_a_dag_is_refused_and_changes_nothing() -> None:
    sh = Shell()
    before = sh.world.snapshot()
    res = sh.run(f"{START} MBX3")
    assert sh.world.snapshot() == before
    assert res.errors[0].message == ("Server 'MBX3' isn't a member of a database availability group, so it can't "
                                     "be put into or taken out of DAG maintenance.")
    assert res.errors[0].fully_qualified_error_id == \
        "Microsoft.PowerShell.Commands.WriteErrorException,StartDagServerMaintenance.ps1"
    assert sh.run(f"{STOP} MBX3").errors[0].rule_id == "R-AM-25"
    assert sh.world.snapshot() == before


@pytest.mark.rule("R-AM-25")
def test_r_am_25_whatif_changes_nothing(copies: Shell) -> None:
    before = copies.world.snapshot()
    res = copies.run(f"{START} -serverName MBX1 -whatif")
    assert res.text == 'What if: Performing the operation "StartDagServerMaintenance.ps1" on target\n"MBX1".'
    assert copies.world.snapshot() == before


def test_script_parameters_follow_the_version(copies: Shell) -> None:
    res = Shell().run(f"{START} MBX1 -pauseClusterNode")
    assert res.errors[0].fully_qualified_error_id == "NamedParameterNotFound,StartDagServerMaintenance.ps1"
    assert res.text.split("\n")[:2] == [
        "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\scripts\\StartDagServerMaintenanc",
        "e.ps1 : A parameter cannot be found that matches parameter name 'pauseClusterNo"]
    assert Shell(lab="seed003").run("Test-Path \"$exscripts\\StartDagServerMaintenance.ps1\"").text == "False"
