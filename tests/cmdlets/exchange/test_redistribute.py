"""RedistributeActiveDatabases.ps1: the balancing modes (by activation preference, by site and
activation preference, ignoring preference), the report the script writes to the host, a
DatabaseMoveStatus per database, the switchover prompt per move, and moves that fail without
ending the run. Every move is a switchover, so R-AM-13 and R-AM-17 apply."""

from __future__ import annotations

import pytest

from exshell import Shell

REDISTRIBUTE = '& "$exscripts\\RedistributeActiveDatabases.ps1"'
STATUS_TABLE = "| ft DbName,ActiveServerAtStart,ActiveServerAtEnd,MoveStatus -auto"


@pytest.fixture
def copies() -> Shell:
    """Exchange 2016: DAG1 = MBX1..3; DB1 on MBX1 (copies MBX2, MBX3), DB2 on MBX2 (copy MBX3)."""
    return Shell(lab="copies")


@pytest.fixture
def seed002() -> Shell:
    """Exchange 2013, DAG1 over Redmond (MBX1, MBX2) and Dublin (MBX3, MBX4): DB1 on MBX1 (copies
    MBX2, MBX3), DB2 on MBX3 (copies MBX4, MBX1)."""
    return Shell(lab="seed002")


# Three more databases, all active in Redmond, and DB2 moved to its third copy in Redmond:
# Redmond has 5 active databases, Dublin none.
FIVE_DATABASES = "\n".join([
    'New-MailboxDatabase DB3 -Server MBX1 | Out-Null',
    'New-MailboxDatabase DB4 -Server MBX2 | Out-Null',
    'New-MailboxDatabase DB5 -Server MBX1 | Out-Null',
    'Mount-Database DB3; Mount-Database DB4; Mount-Database DB5',
    'Add-MailboxDatabaseCopy DB3 MBX3',
    'Add-MailboxDatabaseCopy DB4 MBX4',
    'Add-MailboxDatabaseCopy DB5 MBX4',
    'Start-Sleep 300',
    'Move-ActiveMailboxDatabase DB2 -ActivateOnServer MBX1 -Confirm:$false | Out-Null',
    'Start-Sleep 120',
])


def run_ok(sh: Shell, text: str) -> None:
    res = sh.run(text)
    assert res.ok, res.text


def mounted_on(sh: Shell, db: str) -> str:
    return sh.run(f"(Get-MailboxDatabase {db} -Status).MountedOnServer").text


# -- reports --------------------------------------------------------------------------------------

DISTRIBUTION = [
    "", "",
    "ServerName          : MBX1", "TotalDbs            : 1", "ActiveDbs           : 1", "PassiveDbs          : 0",
    "PreferenceCountList : {1, 0, 0}", "MountedDbs          : 1", "DismountedDbs       : 0",
    "DagName             : DAG1", "",
    "ServerName          : MBX2", "TotalDbs            : 2", "ActiveDbs           : 1", "PassiveDbs          : 1",
    "PreferenceCountList : {1, 1, 0}", "MountedDbs          : 1", "DismountedDbs       : 0",
    "DagName             : DAG1", "",
    "ServerName          : MBX3", "TotalDbs            : 2", "ActiveDbs           : 0", "PassiveDbs          : 2",
    "PreferenceCountList : {0, 1, 1}", "MountedDbs          : 0", "DismountedDbs       : 0",
    "DagName             : DAG1", "", "", ""]


def test_redistribute_shows_the_distribution_by_server(copies: Shell) -> None:
    assert copies.run(f"{REDISTRIBUTE} -DagName DAG1 -ShowDatabaseDistributionByServer").text.split("\n") \
        == DISTRIBUTION


def test_redistribute_shows_the_distribution_by_site(seed002: Shell) -> None:
    res = seed002.run(f"{REDISTRIBUTE} DAG1 -ShowDatabaseDistributionBySite | "
                      "ft SiteName,TotalDbs,ActiveDbs,PassiveDbs,PreferenceCountList,DagName -auto")
    assert res.text.split("\n") == [
        "",
        "SiteName TotalDbs ActiveDbs PassiveDbs PreferenceCountList DagName",
        "-------- -------- --------- ---------- ------------------- -------",
        "Redmond         3         1          2 {1, 1, 1}           DAG1",
        "Dublin          3         1          2 {1, 1, 1}           DAG1", "", ""]


def test_redistribute_shows_the_current_actives(seed002: Shell) -> None:
    res = seed002.run(f"{REDISTRIBUTE} DAG1 -ShowDatabaseCurrentActives | % {{ \"$($_.DbName) "
                      "$($_.ActiveServerAtStart) $($_.ActiveOnPreferenceAtStart) [$($_.ActiveServerAtEnd)] "
                      "$($_.IsOnMostPreferredCopy) $($_.MoveStatus)\" }")
    lines = res.text.split("\n")
    assert "Not moved               : 2" in lines
    assert lines[-2:] == ["DB1 MBX1 1 [] True NoMoveAttempted", "DB2 MBX3 1 [] True NoMoveAttempted"]


# -- balancing by activation preference --------------------------------------------------------------

def test_redistribute_moves_each_database_to_its_most_preferred_copy(copies: Shell) -> None:
    """The banner, the starting distribution, a line and a table per move, the final distribution,
    the summary, then a DatabaseMoveStatus per database."""
    copies.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX3 -Confirm:$false | Out-Null\n"
               "Move-ActiveMailboxDatabase DB2 -ActivateOnServer MBX3 -Confirm:$false | Out-Null\nStart-Sleep 120")
    res = copies.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsByActivationPreference -ShowFinalDatabaseDistribution "
                     "-Confirm:$false -Verbose")
    assert res.ok
    assert res.text.split("\n") == [
    '',
    '***************************************',
    'Balance DAG DBs',
    'Monday, March 6, 2017 8:09:36 AM',
    '***************************************',
    'Dag                                :   DAG1',
    'ServerCount                        :   3',
    'DatabaseCount                      :   2',
    'CopiesCount                        :   5',
    '',
    '----------------------------',
    'Starting Server Distribution',
    '----------------------------',
    '',
    'ServerName TotalDbs ActiveDbs PassiveDbs PreferenceCountList MountedDbs Dismoun',
    '                                                                         tedDbs',
    '---------- -------- --------- ---------- ------------------- ---------- -------',
    'MBX1              1         0          1 {1, 0, 0}                    0       0',
    'MBX2              2         0          2 {1, 1, 0}                    0       0',
    'MBX3              2         2          0 {0, 1, 1}                    2       0',
    '',
    '',
    '-----------------------',
    'Starting Database Moves',
    '-----------------------',
    '',
    "Trying to move database 'DB1' from 'MBX3' (preference 3) to 'MBX1' (preference",
    '1).',
    "VERBOSE: [08:10:06.000 UTC] Moved the active copy of database 'DB1' from 'MBX3'",
    " to 'MBX1'.",
    "Moved the active copy of database 'DB1' from 'MBX3' to 'MBX1'.",
    '',
    'ServerName ActiveDbs PassiveDbs',
    '---------- --------- ----------',
    'MBX1               1          0',
    'MBX2               0          2',
    'MBX3               1          1',
    "Trying to move database 'DB2' from 'MBX3' (preference 2) to 'MBX2' (preference",
    '1).',
    "VERBOSE: [08:10:36.000 UTC] Moved the active copy of database 'DB2' from 'MBX3'",
    " to 'MBX2'.",
    "Moved the active copy of database 'DB2' from 'MBX3' to 'MBX2'.",
    '',
    'ServerName ActiveDbs PassiveDbs',
    '---------- --------- ----------',
    'MBX1               1          0',
    'MBX2               1          1',
    'MBX3               0          2',
    '',
    '----------------------------',
    'Ending Server Distribution',
    '----------------------------',
    '',
    'ServerName TotalDbs ActiveDbs PassiveDbs PreferenceCountList MountedDbs Dismoun',
    '                                                                         tedDbs',
    '---------- -------- --------- ---------- ------------------- ---------- -------',
    'MBX1              1         1          0 {1, 0, 0}                    1       0',
    'MBX2              2         1          1 {1, 1, 0}                    1       0',
    'MBX3              2         0          2 {0, 1, 1}                    0       0',
    '',
    '',
    '----------------',
    'Summary of Moves',
    '----------------',
    'Successfully moved      : 2',
    'Moved to less preferred : 0',
    'Failed to move          : 0',
    'Not moved               : 0',
    '',
    'Start time              : Monday, March 6, 2017 8:09:36 AM',
    'End time                : Monday, March 6, 2017 8:10:36 AM',
    'Duration                : 00:01:00',
    '',
    '',
    '',
    'DbName                    : DB1',
    'ActiveOnPreferenceAtStart : 3',
    'ActiveServerAtStart       : MBX3',
    'ActiveOnPreferenceAtEnd   : 1',
    'ActiveServerAtEnd         : MBX1',
    'IsOnMostPreferredCopy     : True',
    'MoveStatus                : MoveSucceeded',
    '',
    'DbName                    : DB2',
    'ActiveOnPreferenceAtStart : 2',
    'ActiveServerAtStart       : MBX3',
    'ActiveOnPreferenceAtEnd   : 1',
    'ActiveServerAtEnd         : MBX2',
    'IsOnMostPreferredCopy     : True',
    'MoveStatus                : MoveSucceeded',
    '',
    '',
    '',
    ]
    assert (mounted_on(copies, "DB1"), mounted_on(copies, "DB2")) == ("MBX1.contoso.com", "MBX2.contoso.com")


def test_redistribute_asks_before_each_move(copies: Shell) -> None:
    """The prompt is Move-ActiveMailboxDatabase's; a move declined counts as a failed move."""
    copies.run("Move-ActiveMailboxDatabase DB2 -ActivateOnServer MBX3 -Confirm:$false | Out-Null; Start-Sleep 120")
    res = copies.run(f"{REDISTRIBUTE} -DagName DAG1 -BalanceDbsByActivationPreference {STATUS_TABLE}", answers=["N"])
    lines = res.text.split("\n")
    start = lines.index("Confirm")
    assert lines[start:start + 3] == [
        "Confirm", "Are you sure you want to perform this action?",
        'Moving mailbox database "DB2" from server "MBX3.contoso.com" to server "MBX2.contoso.com".']
    assert "Failed to move          : 1" in lines
    assert lines[-4:-2] == ["DB1    MBX1                MBX1              NoMoveAttempted",
                            "DB2    MBX3                MBX3              MoveFailed"]
    assert res.errors[0].message == "[08:09:06.000 UTC] Database 'DB2' couldn't be moved."
    assert res.errors[0].fully_qualified_error_id == \
        "Microsoft.PowerShell.Commands.WriteErrorException,RedistributeActiveDatabases.ps1"
    assert mounted_on(copies, "DB2") == "MBX3.contoso.com"
    assert copies.run(f"{REDISTRIBUTE} -DagName DAG1 -BalanceDbsByActivationPreference", answers=["Y"]).ok
    assert mounted_on(copies, "DB2") == "MBX2.contoso.com"


@pytest.mark.rule("R-AM-17")
def test_r_am_17_a_failed_switchover_is_reported_and_the_run_goes_on(copies: Shell) -> None:
    """The suspended preferred copy refuses the switchover (Move-ActiveMailboxDatabase's error and
    the script's own), then the next preferred copy takes the database."""
    copies.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX3 -Confirm:$false | Out-Null; Start-Sleep 120\n"
               "Suspend-MailboxDatabaseCopy DB1\\MBX1 -Confirm:$false")
    res = copies.run(f"{REDISTRIBUTE} -DagName DAG1 -BalanceDbsByActivationPreference -Confirm:$false {STATUS_TABLE}")
    move, script = res.errors
    assert (move.rule_id, move.activity, move.category) == ("R-AM-17", "Move-ActiveMailboxDatabase", "InvalidOperation")
    assert move.message == "An Active Manager operation failed. Error: The database copy 'DB1\\MBX1' is in state " \
                           "'Suspended' and can't be activated. Use -SkipHealthChecks to override this check."
    assert not move.terminating and not script.terminating
    assert script.message == "[08:09:06.000 UTC] Database 'DB1' couldn't be moved."
    lines = res.text.split("\n")
    assert "Trying to move database 'DB1' from 'MBX3' (preference 3) to 'MBX2' (preference" in lines
    assert lines[-4:-2] == ["DB1    MBX3                MBX2              MoveSucceeded",
                            "DB2    MBX2                MBX2              NoMoveAttempted"]
    assert mounted_on(copies, "DB1") == "MBX2.contoso.com"


@pytest.mark.rule("R-AM-25")
def test_redistribute_leaves_a_server_in_maintenance_alone(copies: Shell) -> None:
    """A Blocked server fails the script's own test of the target: no switchover is tried."""
    run_ok(copies, '& "$exscripts\\StartDagServerMaintenance.ps1" MBX1 | Out-Null')
    res = copies.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsByActivationPreference -Confirm:$false")
    lines = res.text.split("\n")
    start = lines.index("Starting Database Moves")
    assert lines[start + 3:start + 7] == [
        "Trying to move database 'DB1' from 'MBX2' (preference 2) to 'MBX1' (preference",
        "1).",
        "Server 'MBX1' can't take the database: its DatabaseCopyAutoActivationPolicy is",
        "Blocked."]
    assert [e.activity for e in res.errors] == ["Write-Error"]
    assert mounted_on(copies, "DB1") == "MBX2.contoso.com"


def test_redistribute_what_if_moves_nothing(copies: Shell) -> None:
    copies.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX3 -Confirm:$false | Out-Null; Start-Sleep 120")
    before = copies.world.snapshot()
    res = copies.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsByActivationPreference -WhatIf {STATUS_TABLE}")
    assert res.text.split("\n")[-4:-2] == ["DB1    MBX3                MBX1              MoveSucceeded",
                                           "DB2    MBX2                MBX2              NoMoveAttempted"]
    assert copies.world.snapshot() == before


def test_redistribute_unknown_dag_changes_nothing(copies: Shell) -> None:
    before = copies.world.snapshot()
    err = copies.run(f"{REDISTRIBUTE} -DagName NOPE -BalanceDbsByActivationPreference -Confirm:$false").errors[0]
    assert err.message == "The operation couldn't be performed because object 'NOPE' couldn't be found on " \
                          "'DC01.contoso.com'."
    assert err.activity == "Get-DatabaseAvailabilityGroup"
    assert copies.world.snapshot() == before


# -- ignoring activation preference ------------------------------------------------------------------

def test_redistribute_ignoring_preference_skips_a_blocked_server(copies: Shell) -> None:
    """Both databases on MBX3, MBX1 Blocked: one database goes to MBX2 and the counts differ by
    less than 2 over the servers left."""
    copies.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX3 -Confirm:$false | Out-Null\n"
               "Move-ActiveMailboxDatabase DB2 -ActivateOnServer MBX3 -Confirm:$false | Out-Null\nStart-Sleep 120\n"
               "Set-MailboxServer MBX1 -DatabaseCopyAutoActivationPolicy Blocked")
    res = copies.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsIgnoringActivationPreference -Confirm:$false {STATUS_TABLE}")
    assert res.warnings == [f"[{at} UTC] Server 'MBX1' is skipped: its DatabaseCopyAutoActivationPolicy is Blocked."
                            for at in ("08:09:36.000", "08:10:06.000")]
    lines = res.text.split("\n")
    assert "The active databases are balanced across the servers." in lines
    assert lines[-4:-2] == ["DB1    MBX3                MBX2              MoveSucceeded",
                            "DB2    MBX3                MBX3              NoMoveAttempted"]


def test_redistribute_ignoring_preference_is_2013_and_later() -> None:
    res = Shell(lab="seed000").run(f"{REDISTRIBUTE} DAG1 -BalanceDbsIgnoringActivationPreference")
    assert res.errors[0].fully_qualified_error_id == "NamedParameterNotFound,RedistributeActiveDatabases.ps1"


# -- balancing by site and activation preference -----------------------------------------------------

def test_redistribute_balances_the_sites_then_tries_less_preferred_copies(seed002: Shell) -> None:
    """Redmond 5, Dublin 0, AllowedMaxDelta 2: DB2 goes back to its preferred copy in Dublin (spread
    3), then a second pass moves DB5 to its second copy in Dublin (spread 1)."""
    run_ok(seed002, FIVE_DATABASES)
    res = seed002.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsBySiteAndActivationPreference -Confirm:$false {STATUS_TABLE}")
    assert res.text.split("\n") == [
    '',
    '***************************************',
    'Balance DAG DBs',
    'Monday, March 3, 2014 10:19:54 AM',
    '***************************************',
    'Dag                                :   DAG1',
    'ServerCount                        :   4',
    'DatabaseCount                      :   5',
    'CopiesCount                        :   12',
    'AllowedDeviationFromMeanPercentage :   20 %',
    'AllowedMaxDelta                    :   2',
    '',
    '',
    '--------------------------',
    'Starting Site Distribution',
    '--------------------------',
    '',
    'SiteName TotalDbs ActiveDbs PassiveDbs PreferenceCountList MountedDbs Dismounte',
    '                                                                           dDbs',
    '-------- -------- --------- ---------- ------------------- ---------- ---------',
    'Dublin          6         0          6 {1, 4, 1}                    0         0',
    'Redmond         6         5          1 {4, 1, 1}                    5         0',
    '',
    '',
    '----------------------------',
    'Starting Server Distribution',
    '----------------------------',
    '',
    'ServerName TotalDbs ActiveDbs PassiveDbs PreferenceCountList MountedDbs Dismoun',
    '                                                                         tedDbs',
    '---------- -------- --------- ---------- ------------------- ---------- -------',
    'MBX1              4         4          0 {3, 0, 1}                    4       0',
    'MBX2              2         1          1 {1, 1, 0}                    1       0',
    'MBX3              3         0          3 {1, 1, 1}                    0       0',
    'MBX4              3         0          3 {0, 3, 0}                    0       0',
    '',
    '',
    '-----------------------',
    'Starting Database Moves',
    '-----------------------',
    '',
    'The sites start outside the allowed spread of active databases (current spread:',
    ' 5).',
    "Trying to move database 'DB2' from 'MBX1' (preference 3) to 'MBX3' (preference",
    '1).',
    "Moved the active copy of database 'DB2' from 'MBX1' to 'MBX3'.",
    '',
    'ServerName ActiveDbs PassiveDbs',
    '---------- --------- ----------',
    'MBX1               3          1',
    'MBX2               1          1',
    'MBX3               1          2',
    'MBX4               0          3',
    '',
    'SiteName ActiveDbs PassiveDbs',
    '-------- --------- ----------',
    'Dublin           1          5',
    'Redmond          4          2',
    'WARNING: [10:20:24.000 UTC] The sites are still 3 active databases apart',
    '(allowed: 2); trying less preferred copies.',
    "Trying to move database 'DB5' from 'MBX1' (preference 1) to 'MBX4' (preference",
    '2).',
    "Moved the active copy of database 'DB5' from 'MBX1' to 'MBX4'.",
    '',
    'ServerName ActiveDbs PassiveDbs',
    '---------- --------- ----------',
    'MBX1               2          2',
    'MBX2               1          1',
    'MBX3               1          2',
    'MBX4               1          2',
    '',
    'SiteName ActiveDbs PassiveDbs',
    '-------- --------- ----------',
    'Dublin           2          4',
    'Redmond          3          3',
    'The sites are balanced: 1 active databases apart (allowed: 2).',
    '',
    '----------------',
    'Summary of Moves',
    '----------------',
    'Successfully moved      : 2',
    'Moved to less preferred : 1',
    'Failed to move          : 0',
    'Not moved               : 3',
    '',
    'Start time              : Monday, March 3, 2014 10:19:54 AM',
    'End time                : Monday, March 3, 2014 10:20:54 AM',
    'Duration                : 00:01:00',
    '',
    '',
    'DbName ActiveServerAtStart ActiveServerAtEnd MoveStatus',
    '------ ------------------- ----------------- ----------',
    'DB1    MBX1                MBX1              NoMoveAttempted',
    'DB2    MBX1                MBX3              MoveSucceeded',
    'DB3    MBX1                MBX1              NoMoveAttempted',
    'DB4    MBX2                MBX2              NoMoveAttempted',
    'DB5    MBX1                MBX4              MoveSucceeded',
    '',
    '',
    ]
    assert res.warnings == ["[10:20:24.000 UTC] The sites are still 3 active databases apart (allowed: 2); trying "
                            "less preferred copies."]


@pytest.mark.parametrize(("deviation", "allowed"), [("20", "2"), ("50", "3"), ("80", "4"), ("12.5", "2")])
def test_redistribute_allowed_max_delta_follows_the_deviation(seed002: Shell, deviation: str, allowed: str) -> None:
    """AllowedMaxDelta = ceiling(2 x mean per site (5 / 2) x deviation / 100), at least 2."""
    run_ok(seed002, FIVE_DATABASES)
    res = seed002.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsBySiteAndActivationPreference "
                      f"-AllowedDeviationFromMeanPercentage {deviation} -Confirm:$false -WhatIf | Out-Null")
    lines = res.text.split("\n")
    assert f"AllowedDeviationFromMeanPercentage :   {deviation} %" in lines
    assert f"AllowedMaxDelta                    :   {allowed}" in lines


def test_redistribute_refuses_a_move_that_spreads_the_sites(seed002: Shell) -> None:
    """Redmond 3, Dublin 2 (DB1 on its third copy, in Dublin): taking DB1 home to MBX1 would leave
    the sites 4 and 1, more than AllowedMaxDelta 2 apart, so it stays."""
    run_ok(seed002, FIVE_DATABASES.replace("DB2 -ActivateOnServer MBX1", "DB1 -ActivateOnServer MBX3"))
    res = seed002.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsBySiteAndActivationPreference -Confirm:$false {STATUS_TABLE}")
    lines = res.text.split("\n")
    start = lines.index("Trying to move database 'DB1' from 'MBX3' (preference 3) to 'MBX1' (preference")
    assert lines[start + 2:start + 4] == [
        "Database 'DB1' isn't moved to 'MBX1': the sites (3 and 2 active databases) woul",
        "d end up more than 2 apart."]
    assert "The sites are balanced: 1 active databases apart (allowed: 2)." in lines
    assert [e.message for e in res.errors] == ["[10:19:54.000 UTC] Database 'DB1' couldn't be moved."]
    assert mounted_on(seed002, "DB1") == "MBX3.contoso.com"


@pytest.mark.rule("R-AM-13")
def test_r_am_13_an_intrasite_only_server_takes_no_database_from_another_site(seed002: Shell) -> None:
    """MBX3 (Dublin) is IntrasiteOnly: DB2, active on MBX1 in Redmond, goes to its next copy, MBX4."""
    run_ok(seed002, "Set-MailboxServer MBX3 -DatabaseCopyAutoActivationPolicy IntrasiteOnly\n"
                    "Move-ActiveMailboxDatabase DB2 -ActivateOnServer MBX1 -Confirm:$false | Out-Null\nStart-Sleep 120")
    res = seed002.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsBySiteAndActivationPreference -Confirm:$false {STATUS_TABLE}")
    lines = res.text.split("\n")
    assert "Server 'MBX3' can't take the database: its DatabaseCopyAutoActivationPolicy is" in lines
    assert "IntrasiteOnly and 'MBX1' is in another site." in lines
    assert lines[-4:-2] == ["DB1    MBX1                MBX1              NoMoveAttempted",
                            "DB2    MBX1                MBX4              MoveSucceeded"]
    assert mounted_on(seed002, "DB2") == "MBX4.contoso.com"


def test_redistribute_by_site_in_one_site_balances_by_preference(copies: Shell) -> None:
    res = copies.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsBySiteAndActivationPreference -Confirm:$false")
    assert res.warnings == ["[08:06:36.000 UTC] Every member of DAG 'DAG1' is in site 'Default-First-Site-Name': "
                            "the databases are balanced by activation preference only."]
    assert "AllowedMaxDelta                    :   2" not in res.text.split("\n")
    assert "Not moved               : 2" in res.text.split("\n")


def test_redistribute_run_only_on_pam_elsewhere_does_nothing(copies: Shell) -> None:
    """-RunOnlyOnPAM on a member that isn't the primary active manager: a warning, no report, no move."""
    run_ok(copies, 'Move-ClusterGroup "Cluster Group" -Node MBX2 -Cluster DAG1 | Out-Null\n'
                   "Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX3 -Confirm:$false | Out-Null; Start-Sleep 120")
    before = copies.world.snapshot()
    res = copies.run(f"{REDISTRIBUTE} DAG1 -BalanceDbsByActivationPreference -Confirm:$false -RunOnlyOnPAM")
    assert res.text.split("\n") == ["WARNING: [08:09:06.000 UTC] MBX1 isn't the primary active manager; nothing was",
                                    "balanced."]
    assert copies.world.snapshot() == before
