"""Shared fixtures of the engine tests: a session on a PowerShell 4.0 lab (Exchange 2013)."""

from __future__ import annotations

import pytest

from exshell import Shell

LAB_2013 = """\
name = "ps4"
exchange_version = "2013"
domain = "contoso.com"
start_time = 2014-05-01T09:00:00
seed = 1
console = "MBX1"

[[servers]]
name = "MBX1"
roles = ["Mailbox"]
os = "Windows Server 2012 R2 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.11/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]
"""


@pytest.fixture(scope="session")
def lab2013(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("labs") / "ps4.toml"
    path.write_text(LAB_2013, encoding="utf-8")
    return str(path)


@pytest.fixture()
def ps4(lab2013: str) -> Shell:
    return Shell(lab=lab2013)
