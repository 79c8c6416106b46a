"""ping, ipconfig and nslookup on the default lab: the text the Windows tools print."""

import pytest

from exshell import Shell

HOSTS = r"C:\Windows\System32\drivers\etc\hosts"


@pytest.fixture
def shell():
    return Shell()


def test_ping_by_dns_name(shell):
    res = shell.run("ping -n 2 MBX2")
    assert res.text == "\n".join([
        "", "Pinging MBX2.contoso.com [192.168.1.12] with 32 bytes of data:",
        "Reply from 192.168.1.12: bytes=32 time<1ms TTL=128", "Reply from 192.168.1.12: bytes=32 time<1ms TTL=128",
        "", "Ping statistics for 192.168.1.12:", "    Packets: Sent = 2, Received = 2, Lost = 0 (0% loss),",
        "Approximate round trip times in milli-seconds:", "    Minimum = 0ms, Maximum = 0ms, Average = 0ms"])
    assert shell.run("$LASTEXITCODE").objects == [0]


@pytest.mark.rule("R-BACKUP-5")
def test_ping_uses_the_hosts_file_and_nslookup_does_not(shell):
    shell.run(rf'Add-Content {HOSTS} "10.0.1.12    MBX2"')
    assert shell.run("ping -n 1 MBX2").objects[1] == "Pinging MBX2 [10.0.1.12] with 32 bytes of data:"
    assert shell.run("nslookup MBX2").objects == [
        "Server:  dc01.contoso.com", "Address:  192.168.1.10", "", "Name:    MBX2.contoso.com",
        "Address:  192.168.1.12", ""]


def test_ping_timeout_and_unknown_host(shell):
    shell.run("Stop-Computer MBX2 -Force")
    res = shell.run("ping -n 1 MBX2")
    assert res.objects[2:] == ["Request timed out.", "", "Ping statistics for 192.168.1.12:",
                               "    Packets: Sent = 1, Received = 0, Lost = 1 (100% loss),"]
    assert shell.run("ping MBX9; $LASTEXITCODE").objects == [
        "Ping request could not find host MBX9. Please check the name and try again.", 1]


def test_ipconfig_lists_enabled_adapters(shell):
    shell.world.server("MBX1").nics[1].up = False
    assert shell.run("ipconfig").objects == [
        "", "Windows IP Configuration", "", "", "Ethernet adapter MAPI:", "",
        "   Connection-specific DNS Suffix  . : ", "   IPv4 Address. . . . . . . . . . . : 192.168.1.11",
        "   Subnet Mask . . . . . . . . . . . : 255.255.255.0",
        "   Default Gateway . . . . . . . . . : 192.168.1.1"]


def test_nslookup_unknown_name(shell):
    assert shell.run("nslookup MBX9").objects[-1] == "*** dc01.contoso.com can't find MBX9: Non-existent domain"


def test_hosts_file_as_the_windows_version_ships_it():
    """Seed 003 (Windows Server 2008) has `::1 localhost` active; 2008 R2 leaves localhost to DNS."""
    hosts = r"C:\Windows\System32\drivers\etc\hosts"
    old = Shell(lab="seed003")
    assert old.run(f"Get-Content {hosts} | Select-Object -Last 1").objects == ["::1             localhost"]
    assert old.world.resolve("DIONYSUS", "localhost") == "127.0.0.1"
    new = Shell()
    assert new.run(f"Get-Content {hosts} | Select-Object -Last 1").objects == ["#\t::1             localhost"]
    assert new.world.resolve("MBX1", "localhost") == "127.0.0.1"
