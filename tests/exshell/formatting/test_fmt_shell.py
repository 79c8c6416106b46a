"""The formatter through the shell: Format-* parameters as typed, Out-String, the computer name
on remote Exchange errors, default display property sets and Format-Wide."""

from __future__ import annotations

import pytest

from exshell import Shell

# PowerShell 5.1 (sizes viewless tables from the data); no built-in lab runs 2016
LAB_2016 = """name = "t2016"
exchange_version = "2016"
domain = "contoso.com"
console = "EX1"

[[servers]]
name = "EX1"
roles = ["Mailbox"]
os = "Windows Server 2012 R2 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.11/24" }]
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


def test_exchange_error_in_a_2013_session_names_the_server():
    res = Shell(lab="seed002", width=120).run("Get-MailboxDatabase NoSuch")
    assert res.errors[0].computer_name == "MBX1.contoso.com"
    assert res.text.split("\n")[-2:] == ["    + PSComputerName        : MBX1.contoso.com", ""]


def test_exchange_error_in_a_2010_session_keeps_the_powershell_2_layout(shell):
    res = shell.run("Get-MailboxDatabase NoSuch")
    assert res.errors[0].computer_name == "MBX1.contoso.com"
    assert "PSComputerName" not in res.text


SERVICES = ('$s = "alpha","beta","gamma","delta","epsilon","zeta","eta" | '
            '% { [pscustomobject]@{RunspaceId="x"; DisplayName="Svc $_"; ServiceKey=$_} }\n')


def test_format_wide_picks_the_display_name_property_and_two_columns(shell):
    # name, id, key, *key, *name, *id: RunspaceId never counts, ServiceKey comes before DisplayName
    assert shell.run(SERVICES + "$s | Format-Wide").text.split("\n") == [
        "",
        "alpha                                   beta",
        "gamma                                   delta",
        "epsilon                                 zeta",
        "eta",
        "", "",
    ]


def test_format_wide_autosize_fits_as_many_columns_as_the_longest_value_allows(shell):
    # "epsilon" is 7 cells: 79 // 8 = 9 columns of the 79 cells dealt out evenly
    assert shell.run(SERVICES + "$s | fw -AutoSize").text.split("\n") == [
        "", "alpha    beta     gamma    delta    epsilon  zeta     eta", "", "",
    ]


def test_format_wide_column_and_property(shell):
    assert shell.run(SERVICES + "$s | fw -Column 3 -Property DisplayName").text.split("\n") == [
        "",
        "Svc alpha                  Svc beta                   Svc gamma",
        "Svc delta                  Svc epsilon                Svc zeta",
        "Svc eta",
        "", "",
    ]


def test_calculated_column_with_width_alignment_and_format_string(shell):
    script = PEOPLE + ('$a | ft Name, @{n="Size (GB)";e={$_.Bytes/1GB};FormatString="N1";Width=12;'
                       'Alignment="Right"}')
    # PowerShell 2.0: Name has no width, so it takes what the 12-cell column leaves
    assert shell.run(script).text.split("\n") == [
        "",
        "Name".ljust(66) + "    Size (GB)",
        "----".ljust(66) + "    ---------",
        "DB1".ljust(66) + "          5.0",
        "DB2".ljust(66) + "          1.5",
        "", "",
    ]


def test_group_by_hide_headers_autosize_and_wrap_as_typed(shell_2016):
    # -AutoSize counts the hidden header: the Name column stays 4 cells wide
    script = PEOPLE + "$a | ft Name, Note -AutoSize -GroupBy Name -HideTableHeaders"
    assert shell_2016.run(script).text.split("\n") == [
        "", "", "   Name: DB1", "",
        "DB1  seeding from the passive copy on EX2",
        "", "", "   Name: DB2", "",
        "DB2  ok",
        "", "",
    ]
    # PowerShell 5.1: the first column has no width, so every column is sized from the data and
    # Note's Width=12 is ignored (PowerShell issue #14676): nothing needs wrapping
    ignored = PEOPLE + '$a | ft Name, @{n="Note";e={$_.Note};Width=12} -Wrap'
    assert shell_2016.run(ignored).text.split("\n")[3] == "DB1  seeding from the passive copy on EX2"
    wrapped = PEOPLE + '$a | ft @{e="Name";Width=4}, @{n="Note";e={$_.Note};Width=12} -Wrap'
    assert shell_2016.run(wrapped).text.split("\n") == [
        "", "Name Note", "---- ----",
        # a word keeps its trailing space: "seeding from " needs 13 cells
        "DB1  seeding", "     from the", "     passive", "     copy on EX2",
        "DB2  ok",
        "", "",
    ]


def test_out_string_uses_the_given_width_and_stream_gives_lines(shell):
    text = shell.run(PEOPLE + "$a | Out-String -Width 30").objects[0]
    assert text.split("\r\n") == [
        "",
        "Name           Bytes Note",
        "----           ----- ----",
        "DB1        ...709120 seedin...",
        "DB2        ...612736 ok",
        "", "", "",
    ]
    lines = shell.run(PEOPLE + "$a | Select-Object Name | Out-String -Stream").objects
    assert lines == ["", "Name", "----", "DB1", "DB2", "", ""]


def test_calculated_property_keys_may_be_shortened(shell_2016):
    script = ('[pscustomobject]@{A=1.5;B="x"} | '
              'ft @{N="Doubled";Ex={$_.A*2};FormatS="N2";W=10;Align="Left"}, @{La="Bee";E="B"}')
    assert shell_2016.run(script).text.split("\n") == [
        "", "Doubled    Bee", "-------    ---", "3.00       x", "", "",
    ]


def test_a_warning_between_objects_does_not_end_the_table(shell):
    script = ('[pscustomobject]@{Name="EX1"; Up=$true}; Write-Warning "EX2 is not responding";'
              ' [pscustomobject]@{Name="EX3"; Up=$false}; Write-Host "checked"; Get-MailboxDatabase NoSuch')
    assert shell.run(script).text.split("\n") == [
        "",
        "Name" + " " * 71 + "  Up",
        "----" + " " * 71 + "  --",
        "EX1" + " " * 72 + "True",
        "WARNING: EX2 is not responding",
        "EX3" + " " * 71 + "False",
        "checked",
        'Couldn\'t find database "NoSuch". Make sure you have typed it correctly.',
        "    + CategoryInfo          : ObjectNotFound: (NoSuch:String) [Get-MailboxData",
        "   base], ManagementObjectNotFoundException",
        "    + FullyQualifiedErrorId : E3DE7D95,Microsoft.Exchange.Management.SystemCon",
        "   figurationTasks.GetMailboxDatabase",
        "",
        "",
        "",
    ]


def test_out_string_keeps_a_line_wider_than_its_width(shell):
    # Out-String writes to a text writer, which never cuts lines; the console would
    script = ('[pscustomobject]@{Path="C:\\ExchangeVolumes\\Volume01\\Databases\\DB1\\Logs"; Name="DB1"} |'
              ' ft Name -GroupBy Path | Out-String -Width 30 -Stream')
    assert shell.run(script).objects[2] == "   Path: C:\\ExchangeVolumes\\Volume01\\Databases\\DB1\\Logs"


def test_format_enumeration_limit_is_read_when_the_formatter_starts():
    sh = Shell()
    sh.run("$o = [pscustomobject]@{A=1,2,3,4,5,6}")
    # Out-Default began before the assignment on the same line ran: the old value (16) applies
    assert sh.run("$FormatEnumerationLimit = 2; $o").text.split("\n")[3] == "{1, 2, 3, 4, 5, 6}"
    assert sh.run("$o").text.split("\n")[3] == "{1, 2...}"
    # Format-List begins after the assignment; only the global value counts
    assert sh.run("$FormatEnumerationLimit = -1; $o | fl").text.split("\n")[2] == "A : {1, 2, 3, 4, 5, 6}"
    assert sh.run("function f { $FormatEnumerationLimit = 1; $o | fl }; f").text.split("\n")[2] == \
        "A : {1, 2, 3, 4, 5, 6}"


def test_format_wide_group_by_starts_a_labelled_group_when_the_value_changes(shell):
    script = ('"alpha","gamma","beta","delta","epsilon" | % { [pscustomobject]@{Name=$_; Len=$_.Length} } |'
              ' fw -GroupBy Len -Column 3')
    assert shell.run(script).text.split("\n") == [
        "",
        "", "   Len: 5", "", "alpha                      gamma", "",
        "", "   Len: 4", "", "beta", "",
        "", "   Len: 5", "", "delta", "",
        "", "   Len: 7", "", "epsilon", "",
        "",
    ]


def test_format_list_property_wildcards_on_an_exchange_object(shell):
    assert shell.run("Get-MailboxDatabase DB1 | fl Name,*Lag*").text.split("\n") == [
        "", "",
        "Name               : DB1",
        "ReplayLagTimes     : {[MBX1, 00:00:00]}",
        "TruncationLagTimes : {[MBX1, 00:00:00]}",
        "", "", "",
    ]
    every = shell.run("Get-MailboxDatabase DB1 | fl *").text.split("\n")
    plain = shell.run("Get-MailboxDatabase DB1 | fl").text.split("\n")
    assert every == plain and every[2].startswith("RunspaceId ")
