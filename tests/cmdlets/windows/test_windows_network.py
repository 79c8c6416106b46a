"""Network cmdlets on the lab, name resolution through the hosts file (R-BACKUP-5), remoting,
and the registry keys the seed procedures touch."""

import pathlib

import pytest

from exshell import Shell

LAB = str(pathlib.Path(__file__).parent / "lab2016.toml")
HOSTS = r"C:\Windows\System32\drivers\etc\hosts"


@pytest.fixture
def shell():
    """Exchange 2016 on Windows Server 2012 R2: DC01, MBX1, MBX2, backup server BKP01; MBX1, MBX2
    and BKP01 have a Backup adapter on 10.0.2.0/24."""
    return Shell(lab=LAB, width=120)


def only_error(res):
    assert len(res.errors) == 1, res.text
    return res.errors[0]


@pytest.mark.rule("R-BACKUP-5")
def test_hosts_entry_on_backup_server_wins_over_dns(shell):
    world = shell.world
    assert world.resolve("BKP01", "MBX1") == "192.168.1.11"
    shell.run(rf'Invoke-Command BKP01 {{ Add-Content {HOSTS} "10.0.2.11    MBX1    # backup network" }}')
    assert world.resolve("BKP01", "MBX1") == "10.0.2.11"
    assert world.resolve("MBX2", "MBX1") == "192.168.1.11"          # other machines still ask DNS
    assert world.resolve("BKP01", "MBX1.contoso.com") == "192.168.1.11"   # the entry names the short name only


@pytest.mark.rule("R-BACKUP-5")
def test_set_content_replacing_hosts_file_changes_resolution_at_once(shell):
    shell.run(rf'Set-Content {HOSTS} "10.0.2.12 MBX2" ')
    assert shell.world.resolve("MBX1", "MBX2") == "10.0.2.12"
    shell.run(rf'Set-Content {HOSTS} "# 10.0.2.12 MBX2"')
    assert shell.world.resolve("MBX1", "MBX2") == "192.168.1.12"


@pytest.mark.rule("R-BACKUP-5")
def test_resolve_dns_name_reads_hosts_then_dns(shell):
    shell.run(rf'Enter-PSSession BKP01; Add-Content {HOSTS} "10.0.2.11  MBX1"')
    assert shell.run("Resolve-DnsName MBX1").text == "\n".join([
        "", "Name                                           Type   TTL   Section    IPAddress",
        "----                                           ----   ---   -------    ---------",
        "MBX1                                           A      86400 Answer     10.0.2.11", "", ""])
    assert shell.run("Resolve-DnsName MBX2").objects[0].get("IPAddress") == "192.168.1.12"
    assert shell.run("Resolve-DnsName MBX1 -Server DC01").objects[0].get("IPAddress") == "192.168.1.11"


def test_resolve_dns_name_not_found_and_dns_down(shell):
    err = only_error(shell.run("Resolve-DnsName MBX9"))
    assert err.message == "MBX9 : DNS name does not exist"
    assert err.fully_qualified_error_id == "DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName"
    shell.run("Disable-NetAdapter MAPI -CimSession DC01 -Confirm:$false")
    err = only_error(shell.run("Resolve-DnsName MBX2"))
    assert err.message == "MBX2 : This operation returned because the timeout period expired"


def test_get_net_adapter_table(shell):
    assert shell.run("Get-NetAdapter").text == "\n".join([
        "", "Name                      InterfaceDescription                    ifIndex Status       MacAddress"
            "             LinkSpeed",
        "----                      --------------------                    ------- ------       ----------"
            "             ---------",
        "MAPI                      Microsoft Hyper-V Network Adapter            12 Up           00-15-5D-18-01-04"
            "        10 Gbps",
        "Backup                    Microsoft Hyper-V Network Adapter #2         13 Up           00-15-5D-18-02-04"
            "        10 Gbps", "", ""])


@pytest.mark.rule("R-NET-20")
def test_disable_net_adapter_goes_through_the_nic_fault(shell):
    assert shell.run("Disable-NetAdapter -Name Backup -CimSession MBX2 -Confirm:$false").ok
    assert not shell.world.server("MBX2").nics[1].up
    assert shell.run("(Get-NetAdapter Backup -CimSession MBX2).Status").objects == ["Disabled"]
    assert shell.run("Enable-NetAdapter Backup -CimSession MBX2; (Get-NetAdapter Backup -CimSession MBX2).Status"
                     ).objects == ["Up"]


def test_get_net_adapter_unknown_name(shell):
    err = only_error(shell.run("Get-NetAdapter -Name Foo"))
    assert err.message == ("No MSFT_NetAdapter objects found with property 'Name' equal to 'Foo'.  Verify the value "
                           "of the property and retry.")
    assert err.fully_qualified_error_id == "CmdletizationQuery_NotFound_Name,Get-NetAdapter"


def test_get_net_ip_address_list(shell):
    res = shell.run("Get-NetIPAddress -InterfaceAlias Backup -AddressFamily IPv4 -CimSession MBX2")
    assert res.text.strip("\n") == "\n".join([
                   "IPAddress         : 10.0.2.12", "InterfaceIndex    : 13", "InterfaceAlias    : Backup",
                   "AddressFamily     : IPv4", "Type              : Unicast", "PrefixLength      : 24",
                   "PrefixOrigin      : Manual", "SuffixOrigin      : Manual", "AddressState      : Preferred",
                   "ValidLifetime     : Infinite ([TimeSpan]::MaxValue)",
                   "PreferredLifetime : Infinite ([TimeSpan]::MaxValue)", "SkipAsSource      : False",
                   "PolicyStore       : ActiveStore"])


def test_test_connection_table_quiet_and_failure(shell):
    assert shell.run("Test-Connection MBX2 -Count 2").text == "\n".join([
        "", "Source        Destination     IPV4Address      IPV6Address                              Bytes    Time(ms)",
        "------        -----------     -----------      -----------                              -----    --------",
        "MBX1          MBX2            192.168.1.12                                              32       0",
        "MBX1          MBX2            192.168.1.12                                              32       0", "", ""])
    assert shell.run("Test-Connection MBX2 -Quiet").objects == [True]
    shell.run("Disable-NetAdapter MAPI -CimSession MBX2 -Confirm:$false")
    assert shell.run("Test-Connection MBX2 -Quiet").objects == [False]
    err = only_error(shell.run("Test-Connection MBX2 -Count 1"))
    assert err.message == "Testing connection to computer 'MBX2' failed: Error due to lack of resources"
    assert err.fully_qualified_error_id == "TestConnectionException,Microsoft.PowerShell.Commands.TestConnectionCommand"


@pytest.mark.rule("R-BACKUP-5")
def test_ping_follows_the_hosts_file_onto_the_backup_network(shell):
    """With MBX2's MAPI adapter down, the backup server still reaches it by name once its hosts file
    maps the name to the backup address."""
    shell.run("Disable-NetAdapter MAPI -CimSession MBX2 -Confirm:$false")
    assert shell.run("Invoke-Command BKP01 { Test-Connection MBX2 -Quiet }").objects == [False]
    shell.run(rf'Invoke-Command BKP01 {{ Add-Content {HOSTS} "10.0.2.12 MBX2" }}')
    assert shell.run("Invoke-Command BKP01 { Test-Connection MBX2 -Quiet }").objects == [True]


def test_invoke_command_runs_on_the_target(shell):
    res = shell.run(r"Invoke-Command -ComputerName MBX2 -ScriptBlock { param($n) $env:COMPUTERNAME; "
                    r"Set-Content here.txt $n; Get-Location } -ArgumentList 7")
    assert res.objects[0] == "MBX2"
    assert res.objects[1].get("Path") == r"C:\Users\Administrator\Documents"
    assert res.objects[1].get("PSComputerName") == "MBX2"
    assert res.objects[1].type_names[0] == "Deserialized.System.Management.Automation.PathInfo"
    assert shell.world.server("MBX2").files[r"C:\Users\Administrator\Documents\here.txt"] == "7\r\n"
    assert shell.run("$env:COMPUTERNAME").objects == ["MBX1"]


def test_invoke_command_unknown_computer(shell):
    res = shell.run("Invoke-Command MBX9 { 1 }")
    err = only_error(res)
    assert err.fully_qualified_error_id == "NetworkPathNotFound,PSSessionStateBroken"
    assert err.message.startswith("[MBX9] Connecting to remote server MBX9 failed with the following error message"
                                  " : WinRM cannot process the request.")
    assert res.text.splitlines()[-2:] == [
        "    + CategoryInfo          : OpenError: (MBX9:String) [], PSRemotingTransportException",
        "    + FullyQualifiedErrorId : NetworkPathNotFound,PSSessionStateBroken"]


def test_enter_and_exit_pssession_prompt_and_variables(shell):
    from exshell.host.repl import prompt_text
    shell.run("$here = 1; Enter-PSSession mbx2")
    assert prompt_text(shell) == r"[mbx2]: PS C:\Users\Administrator\Documents>"
    assert shell.run("$env:COMPUTERNAME; $here; $there = 2").objects == ["MBX2", None]
    shell.run("Exit-PSSession")
    assert prompt_text(shell) == r"[PS] C:\Windows\system32>"
    assert shell.run("$here; $there").objects == [1, None]


def test_invoke_command_with_a_session(shell):
    res = shell.run("$s = New-PSSession MBX2; Invoke-Command -Session $s { $env:COMPUTERNAME }")
    assert res.objects == ["MBX2"]


@pytest.mark.rule("R-CCR2007-7")
def test_registry_value_for_strict_name_checking(shell):
    key = r"HKLM:\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters"
    res = shell.run(f"New-ItemProperty -Path {key} -Name DisableStrictNameChecking -PropertyType DWord -Value 1")
    assert res.ok
    assert shell.world.server("MBX1").registry[key.lower()].values["DisableStrictNameChecking"] == (1, "DWord")
    assert shell.run(f"(Get-ItemProperty {key} -Name DisableStrictNameChecking).DisableStrictNameChecking"
                     ).objects == [1]
    err = only_error(shell.run(f"New-ItemProperty -Path {key} -Name DisableStrictNameChecking -Value 1"))
    assert err.message == "The property already exists."
    assert shell.run(f"Set-ItemProperty {key} DisableStrictNameChecking 0; "
                     f"(Get-ItemProperty {key}).DisableStrictNameChecking").objects == [0]


def test_registry_missing_key_and_value(shell):
    err = only_error(shell.run(r"Get-ItemProperty HKLM:\SYSTEM\Nope"))
    assert err.message == r"Cannot find path 'HKLM:\SYSTEM\Nope' because it does not exist."
    err = only_error(shell.run(r"Get-ItemProperty HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip6\Parameters "
                               "-Name DisabledComponents"))
    assert err.message == ("Property DisabledComponents does not exist at path HKEY_LOCAL_MACHINE\\SYSTEM\\"
                           "CurrentControlSet\\Services\\Tcpip6\\Parameters.")
    assert shell.run(r"Test-Path HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip6\Parameters").objects == [True]


def test_network_cmdlets_do_not_exist_on_windows_2008_r2():
    res = Shell().run("Get-NetAdapter")
    assert res.errors[0].error_id == "CommandNotFoundException"


def test_remote_script_block_sees_only_using_variables(shell):
    res = shell.run('$x = 5; function f { 1 }; Invoke-Command MBX2 { "x=$x"; "u=$using:x" }; '
                    'Invoke-Command MBX2 { f }')
    assert res.objects == ["x=", "u=5"]
    assert res.errors[0].error_id == "CommandNotFoundException"


def test_transcripts_read_the_remote_prompt():
    from exshell.transcripts.format import parse_transcript
    text = "\n".join(["# lab: default", r"[PS] C:\Windows\system32>Enter-PSSession MBX2",
                      r"[MBX2]: PS C:\Users\Administrator\Documents> $env:COMPUTERNAME", "MBX2"])
    steps = parse_transcript(text).steps
    assert [(s.command, s.expected) for s in steps] == [("Enter-PSSession MBX2", ()), ("$env:COMPUTERNAME", ("MBX2",))]


def test_errors_inside_invoke_command_come_back_as_remote_errors(shell):
    res = shell.run("Invoke-Command MBX2 { Get-Content nope }")
    assert res.text.splitlines() == [
        r"Cannot find path 'C:\Users\Administrator\Documents\nope' because it does not exist.",
        r"    + CategoryInfo          : ObjectNotFound: (C:\Users\Administrator\Documents\nope:String) [Get-Content], "
        "ItemNotFou", "   ndException",
        "    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand",
        "    + PSComputerName        : MBX2"]
    assert shell.run("Get-Content nope").errors[0].computer_name == ""


def test_registry_keys_list_under_their_hive_header(shell):
    assert shell.run(r"Get-Item HKLM:\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters").text == "\n".join([
        "", "", r"    Hive: HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\LanmanServer", "", "",
        "Name                           Property", "----                           --------",
        "Parameters                     EnableSecuritySignature  : 0",
        "                               RequireSecuritySignature : 0", "", ""])


def test_registry_listing_on_powershell_2():
    res = Shell().run(r"Get-ChildItem HKLM:\SYSTEM\CurrentControlSet\Services\LanmanServer")
    assert res.text.splitlines()[5:8] == [
        "SKC  VC Name                           Property", "---  -- ----                           --------",
        "  0   2 Parameters                     {EnableSecuritySignature, RequireSecu..."]


def test_test_net_connection_ping_and_ports(shell):
    res = shell.run("Test-NetConnection MBX2 -Port 64327")
    assert res.text.strip("\n").splitlines() == [
        "ComputerName     : MBX2", "RemoteAddress    : 192.168.1.12", "RemotePort       : 64327",
        "InterfaceAlias   : MAPI", "SourceAddress    : 192.168.1.11", "TcpTestSucceeded : True"]
    assert shell.run("Invoke-Command MBX2 { Stop-Service MSExchangeRepl }").ok
    res = shell.run("Test-NetConnection MBX2 -Port 64327")
    assert res.warnings == ["TCP connect to MBX2:64327 failed"]
    assert (res.objects[0].get("PingSucceeded"), res.objects[0].get("TcpTestSucceeded")) == (True, False)


@pytest.mark.rule("R-BACKUP-5")
def test_test_net_connection_from_the_backup_server_follows_its_hosts_file(shell):
    shell.run(rf'Enter-PSSession BKP01; Add-Content {HOSTS} "10.0.2.11 MBX1"')
    res = shell.run("Test-NetConnection MBX1")
    assert [res.objects[0].get(k) for k in ("RemoteAddress", "InterfaceAlias", "SourceAddress")] == [
        "10.0.2.11", "Backup", "10.0.2.30"]


@pytest.mark.rule("R-DAG-11")
def test_smb_shares_publish_a_directory_for_unc_paths(shell):
    err = only_error(shell.run(r"New-SmbShare -Name FSW -Path C:\FSW -CimSession DC01"))
    assert (err.message, err.fully_qualified_error_id) == ("The system cannot find the file specified.",
                                                           "Windows System Error 2,New-SmbShare")
    shell.run(r"Invoke-Command DC01 { New-Item -ItemType Directory C:\FSW } | Out-Null")
    assert shell.run(r"New-SmbShare -Name FSW -Path C:\FSW -CimSession DC01").ok
    assert shell.run("Get-SmbShare -CimSession DC01").text.strip("\n").splitlines() == [
        "Name   ScopeName Path       Description", "----   --------- ----       -----------",
        "ADMIN$ *         C:\\Windows Remote Admin", "C$     *         C:\\        Default share",
        "IPC$   *                    Remote IPC", "FSW    *         C:\\FSW"]
    shell.run(r"Set-Content \\DC01\FSW\probe.txt hi")
    assert shell.world.server("DC01").files[r"C:\FSW\probe.txt"] == "hi\r\n"
    shell.run("Remove-SmbShare FSW -CimSession DC01")
    assert shell.run(r"Test-Path \\DC01\FSW\probe.txt").objects == [False]


def test_exit_in_a_remote_repl_session_leaves_the_session(capsys):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from prompt_toolkit.shortcuts import PromptSession

    from exshell.host import repl
    shell = Shell()
    with create_pipe_input() as inp:
        inp.send_text("Enter-PSSession MBX2\r$env:COMPUTERNAME\rexit\r$env:COMPUTERNAME\rexit\r")
        assert repl.run_repl(shell, PromptSession(input=inp, output=DummyOutput())) == 0
    assert capsys.readouterr().out == "MBX2\nMBX1\n"
