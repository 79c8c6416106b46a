"""Log truncation (R-DB-15), seen as LowestLogPresent on the copies lab (Exchange 2016: DB1
active on MBX1 with copies on MBX2 and MBX3)."""

import datetime as dt

import pytest

from exshell import Shell
from state import truncation
from state.transitions import SetDatabase, SetDatabaseCopy, SuspendDatabaseCopy


@pytest.fixture
def lab():
    shell = Shell(lab="copies")
    shell.run("Start-Sleep 600")
    return shell.ctx.world


def lowest(world, server):
    return truncation.lowest_log_present(world, world.copy("DB1", server))


def backup_now(world):
    world.database("DB1").last_full_backup = world.now


def test_r_db_15_nothing_is_truncated_before_a_backup(lab):
    assert [lowest(lab, s) for s in ("MBX1", "MBX2", "MBX3")] == [1, 1, 1]


def test_r_db_15_a_full_backup_truncates_what_every_copy_has_replayed(lab):
    db = lab.database("DB1")
    backup_now(lab)
    backed = db.generated_at(lab.now)
    lab.advance(600)
    assert lowest(lab, "MBX1") == backed + 1            # logs up to the backup are gone on the active
    assert lowest(lab, "MBX2") == backed + 1            # ... and on the passive copies, which replayed them
    assert lowest(lab, "MBX3") == backed + 1


def test_r_db_15_circular_logging_truncates_to_the_checkpoint_without_a_backup(lab):
    lab.commit(SetDatabase.of("DB1", circular_logging_enabled=True))
    lab.advance(60)
    generated = lab.database("DB1").generated_at(lab.now)
    assert lowest(lab, "MBX1") == generated             # everything below the open log


def test_r_db_15_a_suspended_copy_stops_truncation_on_the_active(lab):
    lab.commit(SuspendDatabaseCopy("DB1", "MBX3"))
    held = lab.database("DB1").generated_at(lab.now)
    lab.advance(3600)
    backup_now(lab)
    assert lowest(lab, "MBX1") <= held + 1              # nothing past what the suspended copy replayed
    assert lowest(lab, "MBX2") <= held + 1


def test_r_db_15_a_lagged_copy_keeps_logs_younger_than_its_lag_times(lab):
    lab.commit(SetDatabaseCopy("DB1", "MBX3", replay_lag_time=dt.timedelta(hours=1),
                               truncation_lag_time=dt.timedelta(minutes=30)))
    lab.advance(3 * 3600)
    backup_now(lab)
    db = lab.database("DB1")
    keep_from = db.generated_at(lab.now - dt.timedelta(hours=1, minutes=30)) + 1
    assert lowest(lab, "MBX3") == keep_from
    assert lowest(lab, "MBX1") == keep_from             # the active waits for the lagged copy too


def test_r_db_15_lowest_log_present_in_copy_status():
    shell = Shell(lab="copies")
    shell.run("Start-Sleep 600")
    shell.ctx.world.database("DB1").last_full_backup = shell.ctx.world.now
    shell.run("Start-Sleep 60")
    values = shell.run(r"(Get-MailboxDatabaseCopyStatus DB1\MBX1).LowestLogPresent").objects
    assert values[0] > 1
