"""Log-copy connections in Get-MailboxDatabaseCopyStatus (R-NET-18): OutgoingConnections on an
active copy with more than one copy and on a seeding source, IncomingLogCopyingNetwork on
passive copies, each connection written ``{partner,network}`` as the Replication service does."""

import pytest

from exshell import Shell

FIELDS = "Name, Status, OutgoingConnections, IncomingLogCopyingNetwork"


@pytest.fixture
def lab():
    """Exchange 2016: DB1 on MBX1 with copies on MBX2 and MBX3; DB2 on MBX2 with a copy on MBX3."""
    return Shell(lab="copies")


def fl(shell, identity):
    res = shell.run(f"Get-MailboxDatabaseCopyStatus {identity} | Format-List {FIELDS}")
    assert res.ok, res.text
    return res.text.strip("\n")


@pytest.mark.rule("R-NET-18")
def test_r_net_18_active_copy_lists_one_connection_per_passive_copy(lab):
    assert fl(lab, "DB1\\MBX1") == "\n".join([
        "Name                      : DB1\\MBX1",
        "Status                    : Mounted",
        "OutgoingConnections       : {{MBX2,ReplicationDagNetwork01},",
        "                            {MBX3,ReplicationDagNetwork01}}",
        "IncomingLogCopyingNetwork :"])


@pytest.mark.rule("R-NET-18")
def test_r_net_18_passive_copy_names_its_source_and_network(lab):
    assert fl(lab, "DB2\\MBX3") == "\n".join([
        "Name                      : DB2\\MBX3",
        "Status                    : Healthy",
        "OutgoingConnections       :",
        "IncomingLogCopyingNetwork : {MBX2,ReplicationDagNetwork01}"])


@pytest.mark.rule("R-NET-18")
def test_r_net_18_a_suspended_copy_has_no_connection(lab):
    assert lab.run("Suspend-MailboxDatabaseCopy DB2\\MBX3 -Confirm:$false").ok
    assert fl(lab, "DB2\\MBX2") == "\n".join([
        "Name                      : DB2\\MBX2",
        "Status                    : Mounted",
        "OutgoingConnections       : {}",
        "IncomingLogCopyingNetwork :"])


@pytest.mark.rule("R-NET-18")
def test_r_net_18_a_database_with_one_copy_reports_no_connections(shell):
    assert fl(shell, "DB1\\MBX1") == "\n".join([
        "Name                      : DB1\\MBX1",
        "Status                    : Mounted",
        "OutgoingConnections       :",
        "IncomingLogCopyingNetwork :"])


@pytest.mark.rule("R-NET-18")
def test_r_net_18_a_passive_seeding_source_reports_its_connections(lab):
    assert lab.run("Suspend-MailboxDatabaseCopy DB1\\MBX3 -Confirm:$false").ok
    res = lab.run("Update-MailboxDatabaseCopy DB1\\MBX3 -SourceServer MBX2 -DeleteExistingFiles -BeginSeed "
                  "-Confirm:$false")
    assert res.ok, res.text
    assert fl(lab, "DB1\\MBX2") == "\n".join([
        "Name                      : DB1\\MBX2",
        "Status                    : SeedingSource",
        "OutgoingConnections       : {}",
        "IncomingLogCopyingNetwork : {MBX1,ReplicationDagNetwork01}"])
    assert fl(lab, "DB1\\MBX1").splitlines()[2] == "OutgoingConnections       : {{MBX2,ReplicationDagNetwork01}}"
