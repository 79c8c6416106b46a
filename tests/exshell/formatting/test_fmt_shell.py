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
    wrapped = PEOPLE + '$a | ft Name, @{n="Note";e={$_.Note};Width=12} -Wrap'
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
