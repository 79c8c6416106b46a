"""Join-Path, Split-Path, Resolve-Path, Get-Item, Rename-Item, Clear-Content."""

import pytest

from exshell import Shell


@pytest.fixture
def shell():
    return Shell()


@pytest.mark.parametrize("command, expected", [
    (r"Join-Path C:\Scripts settings.txt", r"C:\Scripts\settings.txt"),
    (r"Join-Path C:\Scripts\ \x", r"C:\Scripts\x"),
    (r"Split-Path C:\a\b.txt", r"C:\a"),
    (r"Split-Path C:\a", "C:\\"),
    (r"Split-Path C:\a\b.txt -Leaf", "b.txt"),
    (r"Split-Path C:\a\b.txt -Qualifier", "C:"),
    (r"Split-Path C:\a\b.txt -NoQualifier", r"\a\b.txt"),
    (r"Split-Path \\DC01\FSW\x.txt", r"\\DC01\FSW"),
    (r"Split-Path a\b -IsAbsolute", False),
])
def test_path_strings(shell, command, expected):
    assert shell.run(command).objects == [expected]


def test_script_reads_a_file_beside_it(shell, tmp_path):
    script = tmp_path / "Report.ps1"
    # PowerShell 2.0 (the default lab) has no $PSScriptRoot in scripts: its idiom is the script's own path
    script.write_text('$here = Split-Path -Parent $MyInvocation.MyCommand.Path\n'
                      'Get-Content (Join-Path $here "settings.txt")\n', encoding="utf-8")
    settings = tmp_path / "settings.txt"
    settings.write_text("Threshold=5\n", encoding="utf-8")
    res = shell.run_file(str(script), files=[str(settings)])
    assert (res.objects, res.exit_code) == (["Threshold=5"], 0)


def test_resolve_path_wildcards_relative_and_missing(shell):
    shell.run(r"New-Item C:\R\a.txt -Force; New-Item C:\R\b.txt; cd C:\R")
    assert [p.get("Path") for p in shell.run(r"Resolve-Path C:\R\*.txt").objects] == [r"C:\R\a.txt", r"C:\R\b.txt"]
    assert shell.run("Resolve-Path b.txt -Relative").objects == [r".\b.txt"]
    err = shell.run("Resolve-Path nope").errors[0]
    assert err.fully_qualified_error_id == "PathNotFound,Microsoft.PowerShell.Commands.ResolvePathCommand"


def test_get_item_rename_and_clear(shell):
    shell.run(r"Set-Content C:\old.txt data")
    assert shell.run(r"Rename-Item C:\old.txt new.txt; Test-Path C:\old.txt; (Get-Item C:\new.txt).Name").objects == [
        False, "new.txt"]
    assert shell.run(r"Clear-Content C:\new.txt; (Get-Item C:\new.txt).Length").objects == [0]
    shell.run(r"Set-Content C:\other.txt x")
    err = shell.run(r"Rename-Item C:\other.txt new.txt").errors[0]
    assert err.message == "Cannot create a file when that file already exists."
    assert shell.run(r"Get-Content C:\other.txt").objects == ["x"]


def test_select_string_in_files_and_piped_text(shell):
    shell.run(r'Set-Content C:\log.txt "alpha","Beta error","gamma ERROR x"')
    assert shell.run(r"Select-String -Path C:\log.txt -Pattern error").text.splitlines() == [
        r"C:\log.txt:2:Beta error", r"C:\log.txt:3:gamma ERROR x"]
    assert shell.run(r"cd C:\; Select-String error log.txt -CaseSensitive").text == "log.txt:2:Beta error"
    assert shell.run(r"(Select-String error log.txt)[1].LineNumber").objects == [3]
    assert shell.run('"one","two","six" | Select-String o | ForEach-Object { $_.Line }').objects == ["one", "two"]
    assert shell.run("Select-String zzz log.txt -Quiet; Select-String beta log.txt -Quiet").objects == [False, True]
    assert shell.run("Select-String -Path nope.txt x").errors[0].error_id == "PathNotFound"
