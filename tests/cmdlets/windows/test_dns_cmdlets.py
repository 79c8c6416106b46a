"""DNS from the console: the DnsServer cmdlets and dnscmd edit the zone, Resolve-DnsName, ping and
ipconfig show the machine's cache running down on the virtual clock, clients try each address
(R-TIMING-15, R-BACKUP-5)."""

import pytest

from exshell import Shell

NOT_FOUND = """Get-DnsServerResourceRecord : Failed to get nothere record in contoso.com zone
on DC1 server.
At line:1 char:1
+ Get-DnsServerResourceRecord contoso.com nothere -ComputerName DC1
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : ObjectNotFound: (nothere:root/Microsoft/...rReso
   urceRecord) [Get-DnsServerResourceRecord], CimException
    + FullyQualifiedErrorId : WIN32 9714,Get-DnsServerResourceRecord
"""


@pytest.fixture
def seed002():
    return Shell(lab="seed002")


@pytest.fixture
def seed004():
    return Shell(lab="seed004")


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_client_name_records_on_the_dns_server(seed002):
    assert seed002.run("Get-DnsServerResourceRecord contoso.com mail -ComputerName DC1").text == (
        "\nHostName                  RecordType Type       Timestamp            TimeToLive\n"
        "--------                  ---------- ----       ---------            ----------\n"
        "mail                      A          1          0                    00:05:00\n"
        "mail                      A          1          0                    00:05:00\n\n")
    assert seed002.run("Get-DnsServerResourceRecord contoso.com mail -ComputerName DC1 | "
                       "ft HostName,TimeToLive,RecordData -AutoSize").text == (
        "\nHostName TimeToLive RecordData\n-------- ---------- ----------\n"
        "mail     00:05:00   172.19.18.20\nmail     00:05:00   172.19.19.20\n\n")


def test_dynamic_records_show_their_registration_hour(seed002):
    res = seed002.run("Get-DnsServerResourceRecord contoso.com MBX1 -ComputerName DC2 | "
                      "ft HostName,Timestamp,TimeToLive -AutoSize")
    assert res.text == ("\nHostName Timestamp            TimeToLive\n-------- ---------            ----------\n"
                        "mbx1     3/3/2014 10:00:00 AM 00:20:00\n\n")


def test_dns_server_errors(seed002):
    assert seed002.run("Get-DnsServerResourceRecord contoso.com nothere -ComputerName DC1").text == NOT_FOUND
    err = seed002.run("Get-DnsServerResourceRecord contoso.com mail").errors[0]          # MBX1 is no DNS server
    assert err.message == "Failed to get the zone information for contoso.com on server MBX1."
    assert err.fully_qualified_error_id == "WIN32 9601,Get-DnsServerResourceRecord"
    err = seed002.run("Add-DnsServerResourceRecordA contoso.com mail 172.19.18.20 -ComputerName DC1").errors[0]
    assert (err.message, err.category) == (
        "Failed to create resource record mail in contoso.com zone on server DC1.", "ResourceExists")


def test_removing_a_record_asks_unless_forced(seed002):
    res = seed002.run("Remove-DnsServerResourceRecord contoso.com mail A -RecordData 172.19.18.20 -ComputerName DC1")
    assert "Removing DNS resource record mail of type A from zone contoso.com on DC1 server. Do you want to " \
           "continue?" in res.text
    assert seed002.world.dns["mail"].addresses == ["172.19.18.20", "172.19.19.20"]
    seed002.run("Remove-DnsServerResourceRecord contoso.com mail A -RecordData 172.19.18.20 -ComputerName DC1 -Force")
    assert seed002.world.dns["mail"].addresses == ["172.19.19.20"]


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_resolve_dnsname_counts_the_cached_ttl_down(seed002):
    assert seed002.run("(Resolve-DnsName mail).IPAddress; Start-Sleep 60; "
                       "Resolve-DnsName mail | select Name,TTL,IPAddress").text == (
        "172.19.18.20\n172.19.19.20\n\nName                                              TTL IPAddress\n"
        "----                                              --- ---------\n"
        "mail.contoso.com                                  240 172.19.18.20\n"
        "mail.contoso.com                                  240 172.19.19.20\n\n")
    res = seed002.run("Remove-DnsServerResourceRecord contoso.com mail A -RecordData 172.19.18.20 -ComputerName DC1 "
                      "-Force; (Resolve-DnsName mail).IPAddress; Clear-DnsClientCache; (Resolve-DnsName mail).IPAddress")
    assert res.objects == ["172.19.18.20", "172.19.19.20", "172.19.19.20"]
    assert seed002.run("(Resolve-DnsName mail -CacheOnly).TTL").objects == [300]
    assert seed002.run("(Resolve-DnsName mail -Server DC1).TTL").objects == [300]


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_dnscmd_switchover_and_the_cache(seed004):
    """The 2010 datacenter switchover: point the client name at the standby datacenter with
    dnscmd; the console machine keeps the old answer until the five minutes are up."""
    assert seed004.run("dnscmd DC2 /enumrecords contoso.com mail").text == (
        "Returned records:\nmail 300 A\t192.168.10.20\n\nCommand completed successfully.\n")
    assert seed004.run("(ping -n 1 mail)[1]").objects == [
        "Pinging mail.contoso.com [192.168.10.20] with 32 bytes of data:"]
    assert seed004.run("dnscmd DC2 /recorddelete contoso.com mail A 192.168.10.20 /f; "
                       "dnscmd DC2 /recordadd contoso.com mail 300 A 192.168.20.20").text == (
        "Deleted A record(s) at contoso.com\nCommand completed successfully.\n\n"
        "Add A Record for mail.contoso.com at contoso.com\nCommand completed successfully.\n")
    assert seed004.run("Start-Sleep 120; ipconfig /displaydns").text == (
        "\nWindows IP Configuration\n\n    mail.contoso.com\n    ----------------------------------------\n"
        "    Record Name . . . . . : mail.contoso.com\n    Record Type . . . . . : 1\n"
        "    Time To Live  . . . . : 180\n    Data Length . . . . . : 4\n"
        "    Section . . . . . . . : Answer\n    A (Host) Record . . . : 192.168.10.20\n\n")
    assert seed004.run("nslookup mail").objects[3:5] == ["Name:    mail.contoso.com", "Address:  192.168.20.20"]
    assert seed004.run("(ping -n 1 mail)[1]").objects == [
        "Pinging mail.contoso.com [192.168.10.20] with 32 bytes of data:"]       # still cached
    assert seed004.run("Start-Sleep 180; (ping -n 1 mail)[1]").objects == [
        "Pinging mail.contoso.com [192.168.20.20] with 32 bytes of data:"]
    assert seed004.run("ipconfig /flushdns").text == (
        "\nWindows IP Configuration\n\nSuccessfully flushed the DNS Resolver Cache.")
    assert seed004.run("ipconfig /displaydns").objects == ["", "Windows IP Configuration", ""]


def test_dnscmd_errors(seed004):
    assert seed004.run("dnscmd DC2 /recordadd contoso.com mail 300 A 192.168.10.20; $LASTEXITCODE").objects == [
        "Command failed:  DNS_ERROR_RECORD_ALREADY_EXISTS     9711    0x25EF", "", 1]
    assert seed004.run("dnscmd DC2 /recorddelete contoso.com owa A /f").objects[0] == \
        "Command failed:  DNS_ERROR_NAME_DOES_NOT_EXIST     9714    0x25F2"
    assert seed004.run("dnscmd DC2 /recordadd fabrikam.com mail A 10.0.0.1").objects[0] == \
        "Command failed:  DNS_ERROR_ZONE_DOES_NOT_EXIST     9601    0x2581"
    assert seed004.run("dnscmd /enumrecords contoso.com mail").objects[0] == "DNS Server . failed to respond."
    assert seed004.world.dns["mail"].addresses == ["192.168.10.20"]


def test_nslookup_lists_every_address(seed002):
    assert seed002.run("nslookup mail").objects == [
        "Server:  dc1.contoso.com", "Address:  172.19.18.10", "", "Name:    mail.contoso.com",
        "Addresses:  172.19.18.20", "\t  172.19.19.20", ""]


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_test_netconnection_tries_the_next_address_after_20_s(seed002):
    seed002.world.server("MBX1").os = "Windows Server 2016 Datacenter"
    seed002.run("Stop-Computer CAS1 -Force")
    res = seed002.run("$t = Get-Date; Test-NetConnection mail -Port 443; ((Get-Date) - $t).TotalSeconds")
    assert res.text == (
        "WARNING: TCP connect to (172.19.18.20 : 443) failed\n\n\nComputerName     : mail\n"
        "RemoteAddress    : 172.19.19.20\nRemotePort       : 443\nInterfaceAlias   : MAPI\n"
        "SourceAddress    : 172.19.18.11\nTcpTestSucceeded : True\n\n20\n\n")


def test_older_test_netconnection_tries_the_first_address_only(seed002):
    seed002.run("Stop-Computer CAS1 -Force")          # MBX1 runs Windows Server 2012
    res = seed002.run("(Test-NetConnection mail -Port 443).TcpTestSucceeded")
    assert res.objects == [False]
    assert res.warnings == ["TCP connect to mail:443 failed",
                                                 "Ping to mail failed -- Status: TimedOut"]


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_lab_client_fails_over_to_the_other_datacenter(seed002):
    assert seed002.run("Test-LabClientConnection mail -From MBX3 | select RemoteAddress,Server,Seconds").text == (
        "\nRemoteAddress              Server                                       Seconds\n"
        "-------------              ------                                       -------\n"
        "172.19.19.20               CAS2                                               0\n\n")
    seed002.run("Test-LabClientConnection mail")                     # MBX1 caches both addresses
    seed002.run("Stop-Computer CAS1 -Force")
    assert seed002.run("Test-LabClientConnection mail").text == (
        "\n\nClient        : MBX1\nName          : mail\nPort          : 443\nResolvedFrom  : cache\n"
        "Connected     : True\nRemoteAddress : 172.19.19.20\nServer        : CAS2\n"
        "Attempts      : {172.19.18.20 NoAnswer, 172.19.19.20 Connected}\nSeconds       : 20\n"
        "Problem       :\n\n\n")
    res = seed002.run("Test-LabClientConnection nothere")
    assert (res.objects[0].get("Connected"), res.objects[0].get("Problem")) == (
        False, "The name nothere could not be resolved.")


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_set_record_ttl_and_address_through_clone(seed002):
    seed002.run("$old = Get-DnsServerResourceRecord contoso.com mbx1 -ComputerName DC2; $new = $old.Clone(); "
                "$new.TimeToLive = [timespan]'00:05:00'")
    assert seed002.run("Set-DnsServerResourceRecord -OldInputObject $old -NewInputObject $new -ZoneName contoso.com "
                       "-ComputerName DC2 -PassThru | ft HostName,TimeToLive,RecordData -AutoSize").text == (
        "\nHostName TimeToLive RecordData\n-------- ---------- ----------\nmbx1     00:05:00   172.19.18.11\n\n")
    assert seed002.world.dns["mbx1"].ttl == 300
    assert seed002.run("$old.RecordData.IPv4Address").objects == ["172.19.18.11"]        # Clone() copied it
    seed002.run("$new.RecordData.IPv4Address = [ipaddress]'172.19.18.99'; "
                "Set-DnsServerResourceRecord $new $old contoso.com -ComputerName DC2")
    assert seed002.world.dns["mbx1"].addresses == ["172.19.18.99"]
    err = seed002.run("Set-DnsServerResourceRecord $new $old contoso.com -ComputerName DC2").errors[0]
    assert err.message == "Resource record in OldInputObject not found in contoso.com zone on DC2 server."
    assert seed002.world.dns["mbx1"].addresses == ["172.19.18.99"]


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_a_refused_connection_costs_no_wait(seed002):
    """CAS1 is up but its web server is stopped: the connection is refused at once, not timed out."""
    seed002.run("Get-Service W3SVC -ComputerName CAS1 | Stop-Service -Force")
    res = seed002.run("Test-LabClientConnection mail -From MBX1")
    assert (res.objects[0].get("Attempts"), res.objects[0].get("Seconds")) == (
        ["172.19.18.20 Refused", "172.19.19.20 Connected"], 0)
