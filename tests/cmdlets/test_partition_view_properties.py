"""Random cuts, restores, power failures and waits over seed 004, read from a console on each
side (R-SITE-11, R-COPY-10, R-CLUSTER-16): reading changes nothing, the ServiceDown entries are
exactly the copies whose host the console can't ask, and the cluster cmdlets either answer or
fail with a connection or quorum error."""

import pytest
from hypothesis import given, settings, strategies as st

from exshell import Shell
from state import partition

STEPS = st.lists(st.sampled_from([
    "Set-LabSiteLink Redmond Portland -Connected $false", "Set-LabSiteLink Redmond Portland -Connected $true",
    "Start-Sleep 60", "Stop-LabMachine MBX1 -Confirm:$false", "Start-LabMachine MBX1",
    "Stop-LabMachine HUB1 -Confirm:$false", "Start-LabMachine HUB1", "Stop-Service MSExchangeRepl",
    "Start-Service MSExchangeRepl",
]), min_size=1, max_size=6)
READS = ("Get-MailboxDatabaseCopyStatus *", "Get-ClusterNode", "Get-ClusterNode -Cluster DAG1",
         "Get-ClusterGroup", "Test-ReplicationHealth", "Get-DatabaseAvailabilityGroup")


@pytest.fixture(scope="module")
def portland():
    """seed004 with datacenter activation off, checkpointed; the console is MBX2, in Portland."""
    shell = Shell(lab="seed004")
    assert shell.run("Set-DatabaseAvailabilityGroup DAG1 -DatacenterActivationMode Off; Checkpoint-Lab Start").ok
    return shell


def can_ask(world, caller, host):
    return host.service_running("MSExchangeRepl") and partition.can_talk(world, world.server(caller), host)


@settings(max_examples=12, deadline=None)
@given(steps=STEPS)
def test_r_site_11_reads_from_the_cut_off_console_change_nothing_and_see_their_side(portland, steps):
    shell = portland
    assert shell.run("Restore-Lab Start -Confirm:$false").ok
    for step in steps:
        shell.run(step)
        world = shell.world
        before = world.snapshot()
        results = {read: shell.run(read) for read in READS}
        assert world.snapshot() == before
        for entry in results["Get-MailboxDatabaseCopyStatus *"].objects:
            host = world.server(entry.get("MailboxServer"))
            down = entry.get("Status") == "ServiceDown" and entry.get("ActiveDatabaseCopy") is None
            assert down == (not can_ask(world, "MBX2", host)), (steps, entry.get("Name"))
        for read in ("Get-ClusterNode", "Get-ClusterNode -Cluster DAG1", "Get-ClusterGroup"):
            for err in results[read].errors:
                assert err.category in ("ConnectionError", "InvalidOperation"), (steps, read, err.message)
