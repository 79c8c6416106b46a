"""Fixtures: shells on the built-in labs, through the public door."""

import pytest

from exshell import Shell

NEW_DAG1 = (r"New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 "
            "-DatabaseAvailabilityGroupIpAddresses 192.168.1.50")


@pytest.fixture
def shell():
    """The default lab: Exchange 2010 SP3, MBX1..3, HUB01, DC01, no DAG."""
    return Shell()


@pytest.fixture
def beta():
    """The seed 003 lab: Exchange 2010 Beta 1, nl-BE."""
    return Shell(lab="seed003")


@pytest.fixture
def dag_shell(shell):
    """DAG1 with MBX1 and MBX2; DB1 (active on MBX1) has a healthy copy on MBX2."""
    for cmd in (NEW_DAG1, "Add-DatabaseAvailabilityGroupServer DAG1 MBX1",
                "Add-DatabaseAvailabilityGroupServer DAG1 MBX2", "Add-MailboxDatabaseCopy DB1 MBX2"):
        res = shell.run(cmd)
        assert res.ok, res.text
    return shell


def only_error(res):
    assert len(res.errors) == 1, res.text
    return res.errors[0]
