"""Property: StartDagServerMaintenance.ps1 refused for any server name that is not a DAG member
leaves the world exactly as it was (R-AM-25), whatever switches come with it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from exshell import Shell

MEMBERS = {"mbx1", "mbx2", "mbx3"}
NAMES = st.one_of(st.sampled_from(["MBX9", "DC01", "FS01", "mbx4.contoso.com", "DAG1"]),
                  st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,14}", fullmatch=True))
SWITCHES = st.lists(st.sampled_from(["-overrideMinimumTwoCopies", "-pauseClusterNode", "-Force true",
                                     "-MoveComment Patch"]), max_size=3, unique=True)

_SHELL: list[Shell] = []


def shell() -> Shell:
    if not _SHELL:
        _SHELL.append(Shell(lab="copies"))
    return _SHELL[0]


@pytest.mark.rule("R-AM-25")
@settings(max_examples=30, deadline=None)
@given(name=NAMES, switches=SWITCHES)
def test_r_am_25_a_refused_start_changes_nothing(name: str, switches: list[str]) -> None:
    if name.split(".")[0].lower() in MEMBERS:
        return
    sh = shell()
    before = sh.world.snapshot()
    res = sh.run(f'& "$exscripts\\StartDagServerMaintenance.ps1" -serverName {name} {" ".join(switches)}')
    assert not res.ok
    assert sh.world.snapshot() == before
