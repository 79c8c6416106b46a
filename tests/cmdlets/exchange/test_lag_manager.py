"""The replay lag manager (R-DB-11): ReplayLagManagerEnabled on the DAG, ReplayLagMaxDelay per
copy, lagged copies playing their logs down, and ReplayLagStatus as Exchange 2013/2016 print it."""

import pytest

from exshell import Shell
from state import lag_manager
from tests.cmdlets.exchange.conftest import only_error

DAY = 86400
TASKS = "Microsoft.Exchange.Management.SystemConfigurationTasks"
ENABLE = "Set-DatabaseAvailabilityGroup DAG1 -ReplayLagManagerEnabled $true"


@pytest.fixture
def lab():
    """Exchange 2016: DB1 on MBX1 with copies on MBX2 and (lagged one day) MBX3."""
    sh = Shell(lab="copies")
    assert sh.run("Set-MailboxDatabaseCopy DB1\\MBX3 -ReplayLagTime 1.00:00:00").ok
    return sh


@pytest.fixture
def four():
    """Exchange 2013 (seed 002): DB1 on MBX1, copies on MBX2 and MBX3, and a copy lagged one day on
    MBX4: three healthy copies that aren't lagged."""
    sh = Shell(lab="seed002")
    assert sh.run("Add-MailboxDatabaseCopy DB1 MBX4 -ReplayLagTime 1.00:00:00").ok
    return sh


def row(sh, identity):
    return sh.run(f"Get-MailboxDatabaseCopyStatus {identity}").objects[0]


def lag(sh, identity="DB1\\MBX3"):
    return row(sh, identity).get("ReplayLagStatus")


def rdb11(sh):
    return [e.text for e in sh.world.journal if e.rule_id == "R-DB-11"]


@pytest.mark.rule("R-DB-11")
def test_r_db_11_the_manager_is_off_by_default(lab, shell):
    show = "Get-DatabaseAvailabilityGroup DAG1 | Format-List ReplayLagManagerEnabled"
    assert lab.run(show).text.strip() == "ReplayLagManagerEnabled : False"
    assert lab.run(ENABLE).ok
    assert lab.run(show).text.strip() == "ReplayLagManagerEnabled : True"
    err = only_error(shell.run(ENABLE))                      # no such parameter before Exchange 2013
    assert err.fully_qualified_error_id == f"NamedParameterNotFound,{TASKS}.SetDatabaseAvailabilityGroup"


@pytest.mark.rule("R-DB-11")
def test_r_db_11_replay_lag_status_2016_format(lab):
    res = lab.run("Start-Sleep -Seconds 7200; Get-MailboxDatabaseCopyStatus DB1\\MBX3 | "
                  "Format-List ReplayQueueLength, ReplayLagStatus")
    assert res.text.strip("\n").splitlines() == [
        "ReplayQueueLength : 120",
        "ReplayLagStatus   : Enabled:True; PlayDownReason:None;",
        "                    ReplaySuspendReason:None; Percentage:8;",
        "                    Configured:1.00:00:00; MaxDelay:1.00:00:00; Actual:02:00:36"]
    assert lag(lab, "DB1\\MBX2") == ("Enabled:False; PlayDownReason:None; ReplaySuspendReason:None; Percentage:0; "
                                     "Configured:00:00:00; MaxDelay:1.00:00:00; Actual:00:00:36")
    assert lag(lab, "DB1\\MBX1") == ("Enabled:False; PlayDownReason:None; ReplaySuspendReason:None; Percentage:0; "
                                     "Configured:00:00:00; MaxDelay:1.00:00:00; Actual:00:00:00")
    assert lab.run("Set-MailboxDatabaseCopy DB1\\MBX3 -ReplayLagMaxDelay 00:00:00").ok
    assert "; MaxDelay:00:00:00; " in lag(lab)


@pytest.mark.rule("R-DB-11")
def test_r_db_11_replay_lag_status_2013_format(four):
    four.run("Start-Sleep -Seconds 90000")
    assert lag(four, "DB1\\MBX4") == ("Enabled:True; PlayDownReason:None; Percentage:100; Configured:1.00:00:00; "
                                      "Actual:1.00:00:00")


@pytest.mark.rule("R-DB-11")
def test_r_db_11_without_the_manager_a_lagged_copy_keeps_its_lag(lab):
    lab.run(f"Start-Sleep -Seconds {2 * DAY}")
    assert row(lab, "DB1\\MBX3").get("ReplayQueueLength") == 1440
    assert lag(lab).startswith("Enabled:True; PlayDownReason:None;")
    assert rdb11(lab) == []


@pytest.mark.rule("R-DB-11")
def test_r_db_11_too_few_healthy_copies_for_24_hours_plays_down(lab):
    """MBX1 (active) and MBX2 are the only healthy copies that aren't lagged: two, fewer than three."""
    assert lab.run(ENABLE).ok
    lab.run(f"Start-Sleep -Seconds {DAY}")                  # counted from the manager's first pass
    assert lag(lab).startswith("Enabled:True; PlayDownReason:None;")
    lab.run(f"Start-Sleep -Seconds {lag_manager.POLL_SECONDS}")
    assert lag(lab).startswith("Enabled:False; PlayDownReason:LagDisabled; ReplaySuspendReason:None; Percentage:0;")
    assert rdb11(lab) == ["Lagged database copy 'DB1\\MBX3' is playing down its 1440 queued logs: fewer than 3 "
                          "healthy copies that aren't lagged have been available for 24 hours."]
    lab.run("Start-Sleep -Seconds 600")                      # two logs a second (R-TIMING-13)
    assert row(lab, "DB1\\MBX3").get("ReplayQueueLength") == 1440 - 1200 + 10
    lab.run("Start-Sleep -Seconds 200")
    assert row(lab, "DB1\\MBX3").get("ReplayQueueLength") == 0
    assert rdb11(lab)[-1] == "Lagged database copy 'DB1\\MBX3' has played down its logs; its replay queue is empty."


@pytest.mark.rule("R-DB-11")
def test_r_db_11_three_healthy_copies_keep_the_lag_until_one_is_out(four):
    """The documentation's example: three highly available copies and one lagged copy; a suspended
    copy makes the lagged one play down 24 hours later; back to three, the lag returns."""
    assert four.run(ENABLE).ok
    four.run(f"Start-Sleep -Seconds {2 * DAY}")
    assert lag(four, "DB1\\MBX4").startswith("Enabled:True;") and rdb11(four) == []
    assert four.run("Suspend-MailboxDatabaseCopy DB1\\MBX2 -Confirm:$false").ok
    four.run(f"Start-Sleep -Seconds {DAY}")
    assert lag(four, "DB1\\MBX4").startswith("Enabled:True;")
    four.run("Start-Sleep -Seconds 60")
    assert lag(four, "DB1\\MBX4").startswith("Enabled:False; PlayDownReason:LagDisabled;")
    four.run("Start-Sleep -Seconds 1000")
    assert four.run("Resume-MailboxDatabaseCopy DB1\\MBX2").ok
    four.run("Start-Sleep -Seconds 300")                     # Healthy after 15 s, then five minutes
    assert lag(four, "DB1\\MBX4").startswith("Enabled:False;")
    four.run("Start-Sleep -Seconds 60")
    assert lag(four, "DB1\\MBX4") == ("Enabled:True; PlayDownReason:None; Percentage:0; Configured:1.00:00:00; "
                                      "Actual:00:00:40")
    assert rdb11(four)[-1] == "Replay lag of lagged database copy 'DB1\\MBX4' is back in effect."


@pytest.mark.rule("R-DB-11")
def test_r_db_11_low_disk_space_plays_down_at_the_next_pass(lab):
    assert lab.run(f"{ENABLE}; Start-Sleep -Seconds 3600; Set-LabDisk MBX3 -LogVolumeFull $true").ok
    assert lag(lab).startswith("Enabled:True;")
    lab.run(f"Start-Sleep -Seconds {lag_manager.POLL_SECONDS}")
    assert lag(lab).startswith("Enabled:False; PlayDownReason:NotEnoughFreeSpace;")
    assert rdb11(lab) == ["Lagged database copy 'DB1\\MBX3' is playing down its 60 queued logs: its log volume is "
                          "low on free space."]
    lab.run("Start-Sleep -Seconds 30")
    assert row(lab, "DB1\\MBX3").get("ReplayQueueLength") == 0


@pytest.mark.rule("R-DB-11")
def test_r_db_11_turning_the_manager_off_brings_the_lag_back(lab):
    assert lab.run(f"{ENABLE}; Set-LabDisk MBX3 -LogVolumeFull $true; Start-Sleep -Seconds 120").ok
    assert "PlayDownReason:NotEnoughFreeSpace;" in lag(lab)
    assert lab.run("Set-DatabaseAvailabilityGroup DAG1 -ReplayLagManagerEnabled $false").ok
    assert lag(lab).startswith("Enabled:True; PlayDownReason:None;")


@pytest.mark.rule("R-DB-11")
def test_r_db_11_page_patching_plays_down(lab):
    """A damaged page on the lagged copy: its held-back logs are played down to patch it, then
    the lag comes back. A copy that isn't lagged patches the page at once."""
    assert lab.run(f"{ENABLE}; Start-Sleep -Seconds 3600").ok
    assert lab.run("Set-LabDatabaseCopy DB1\\MBX2 -Fault DamagedPage").ok
    assert lab.run("Set-LabDatabaseCopy DB1\\MBX3 -Fault DamagedPage; Start-Sleep -Seconds 60").ok
    assert lag(lab).startswith("Enabled:False; PlayDownReason:LogsInRequiredRange;")
    lab.run("Start-Sleep -Seconds 400")
    assert lag(lab).startswith("Enabled:True; PlayDownReason:None;")
    assert rdb11(lab) == [
        "Database copy 'DB1\\MBX3' has a damaged page that needs page patching.",
        "Lagged database copy 'DB1\\MBX3' is playing down its 61 queued logs: a damaged page needs the logs it "
        "holds for page patching.",
        "Lagged database copy 'DB1\\MBX3' has played down its logs; its replay queue is empty.",
        "Replay lag of lagged database copy 'DB1\\MBX3' is back in effect."]


@pytest.mark.rule("R-DB-11")
def test_r_db_11_without_the_manager_a_damaged_page_waits(lab):
    assert lab.run("Start-Sleep -Seconds 3600; Set-LabDatabaseCopy DB1\\MBX3 -Fault DamagedPage").ok
    lab.run("Start-Sleep -Seconds 3600")
    assert lag(lab).startswith("Enabled:True; PlayDownReason:None;")
    assert row(lab, "DB1\\MBX3").get("ReplayQueueLength") == 120
