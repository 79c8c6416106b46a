"""The formatter through the shell: Format-* parameters as typed, Out-String, the computer name
on remote Exchange errors, default display property sets and Format-Wide."""

from __future__ import annotations

import pytest

from exshell import Shell

LAB_2016 = """name = "t2016"
exchange_version = "2016"
domain = "contoso.com"
start_time = 2016-05-01T09:00:00
seed = 1
console = "EX1"

[[servers]]
name = "DC01"
roles = ["DomainController", "GlobalCatalog"]
os = "Windows Server 2012 R2 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.10/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]

[[servers]]
name = "EX1"
roles = ["Mailbox"]
os = "Windows Server 2012 R2 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.11/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]

[[databases]]
name = "DB1"
server = "EX1"
"""

PEOPLE = ('$a = [pscustomobject]@{Name="DB1"; Bytes=5368709120; Note="seeding from the passive copy on EX2"},'
          ' [pscustomobject]@{Name="DB2"; Bytes=1610612736; Note="ok"}\n')


@pytest.fixture(scope="module")
def shell() -> Shell:
    return Shell()


@pytest.fixture(scope="module")
def shell_2016(tmp_path_factory) -> Shell:
    lab = tmp_path_factory.mktemp("labs") / "t2016.toml"
    lab.write_text(LAB_2016, encoding="utf-8")
    return Shell(lab=str(lab), width=120)


def test_exchange_error_in_a_2016_session_names_the_server(shell_2016):
    res = shell_2016.run("Get-MailboxDatabase NoSuch")
    assert res.errors[0].computer_name == "EX1.contoso.com"
    assert res.text.split("\n")[-2:] == ["    + PSComputerName        : EX1.contoso.com", ""]


def test_exchange_error_in_a_2010_session_keeps_the_powershell_2_layout(shell):
    res = shell.run("Get-MailboxDatabase NoSuch")
    assert res.errors[0].computer_name == "MBX1.contoso.com"
    assert "PSComputerName" not in res.text
