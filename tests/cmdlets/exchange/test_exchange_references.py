"""Directory references (ADObjectId): a DAG's Servers and a database's Server are objects with
.Name that still read, print and compare as the server's name."""

from exshell import Shell


def _dag_shell():
    shell = Shell()
    for cmd in (r"New-DatabaseAvailabilityGroup DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 | Out-Null",
                "Add-DatabaseAvailabilityGroupServer DAG1 MBX1", "Add-DatabaseAvailabilityGroupServer DAG1 MBX2"):
        assert shell.run(cmd).ok
    return shell


def test_dag_servers_have_a_name_and_a_distinguished_name():
    shell = _dag_shell()
    assert shell.run("(Get-DatabaseAvailabilityGroup DAG1).Servers | ForEach-Object { $_.Name }").objects == \
        ["MBX2", "MBX1"]
    dn, = shell.run("(Get-DatabaseAvailabilityGroup DAG1).Servers[0].DistinguishedName").objects
    assert dn.startswith("CN=MBX2,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),")


def test_references_compare_and_print_as_names():
    shell = _dag_shell()
    assert shell.run("(Get-MailboxDatabase DB1).Server -eq 'mbx1'").objects == [True]
    assert shell.run("(Get-DatabaseAvailabilityGroup DAG1).Servers -contains 'MBX2'").objects == [True]
    assert shell.run('"on $((Get-MailboxDatabase DB1).Server)"').objects == ["on MBX1"]
    assert shell.run("Get-MailboxDatabase DB1 | Format-List Server,Servers").text == (
        "\n\nServer  : MBX1\nServers : {MBX1}\n\n\n")


def test_2013_errors_carry_the_server_request_and_failure_category_before_the_id():
    shell = Shell(lab="seed002")
    first, = shell.run("Get-MailboxDatabase DB9").errors
    second, = shell.run("Get-MailboxDatabase DB9").errors
    fqid = first.fully_qualified_error_id
    assert fqid.startswith("[Server=MBX1,RequestId=")
    assert fqid.endswith(",TimeStamp=3/3/2014 10:08:48 AM] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] "
                         "E3DE7D95,Microsoft.Exchange.Management.SystemConfigurationTasks.GetMailboxDatabase")
    assert second.fully_qualified_error_id != fqid             # one request id per request
    assert Shell(lab="seed002").run("Get-MailboxDatabase DB9").errors[0].fully_qualified_error_id == fqid
    assert Shell().run("Get-MailboxDatabase DB9").errors[0].fully_qualified_error_id == (
        "E3DE7D95,Microsoft.Exchange.Management.SystemConfigurationTasks.GetMailboxDatabase")   # 2010: no prefix
