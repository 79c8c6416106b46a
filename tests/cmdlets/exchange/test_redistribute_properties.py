"""Property: whatever copies the databases start on, RedistributeActiveDatabases.ps1 leaves each
database on its most preferred healthy copy (-BalanceDbsByActivationPreference) or the servers'
active counts less than 2 apart (-BalanceDbsIgnoringActivationPreference), and the
DatabaseMoveStatus objects and the summary agree with where the databases really are. Every move
is a switchover through R-AM-17's checks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from exshell import Shell

_SHELL: list = []


def shell() -> tuple[Shell, dict]:
    """One Exchange 2016 DAG (DB1: MBX1, MBX2, MBX3; DB2: MBX2, MBX3), restored before each example."""
    if not _SHELL:
        sh = Shell(lab="copies")
        _SHELL.append((sh, sh.world.checkpoint()))
    return _SHELL[0]


def place(sh: Shell, db: str, server: str) -> None:
    res = sh.run(f"if ((Get-MailboxDatabase {db} -Status).MountedOnServer -notlike '{server}.*') "
                 f"{{ Move-ActiveMailboxDatabase {db} -ActivateOnServer {server} -Confirm:$false | Out-Null }}")
    assert res.ok, res.text


@pytest.mark.rule("R-AM-17")
@settings(max_examples=15, deadline=None)
@given(db1=st.sampled_from(["MBX1", "MBX2", "MBX3"]), db2=st.sampled_from(["MBX2", "MBX3"]),
       ignoring=st.booleans())
def test_redistribute_ends_balanced_and_reports_where_the_databases_are(db1: str, db2: str, ignoring: bool) -> None:
    sh, start = shell()
    sh.world.restore(start)
    place(sh, "DB1", db1)
    place(sh, "DB2", db2)
    sh.run("Start-Sleep 120")
    mode = "-BalanceDbsIgnoringActivationPreference" if ignoring else "-BalanceDbsByActivationPreference"
    res = sh.run(f'$r = & "$exscripts\\RedistributeActiveDatabases.ps1" DAG1 {mode} -Confirm:$false\n'
                 '$r | % { "$($_.DbName) $($_.ActiveServerAtStart) $($_.ActiveServerAtEnd) $($_.MoveStatus)" }')
    assert res.ok, res.text
    where = {db.name: db.active_server for db in sh.world.databases.values() if db.name in ("DB1", "DB2")}
    rows = [line.split(" ") for line in res.text.split("\n") if line.startswith("DB")]
    assert {r[0]: r[2] for r in rows} == where
    assert {r[0]: r[1] for r in rows} == {"DB1": db1, "DB2": db2}
    assert all((r[3] == "MoveSucceeded") == (r[1] != r[2]) for r in rows)
    moved = sum(r[3] == "MoveSucceeded" for r in rows)
    assert f"Successfully moved      : {moved}" in res.text.split("\n")
    if ignoring:
        counts = [list(where.values()).count(s) for s in ("MBX1", "MBX2", "MBX3")]
        assert max(counts) - min(counts) < 2
    else:
        assert where == {"DB1": "MBX1", "DB2": "MBX2"}
