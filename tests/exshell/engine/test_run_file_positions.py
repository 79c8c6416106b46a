"""Errors of a script run with `exshell -File x.ps1` point into the script by its full path
(`At C:\\Scripts\\x.ps1:3 char:4`), as PowerShell shows them for a script run by path; the same
script called by path inside the session shows the same text."""

from __future__ import annotations

from pathlib import Path

from exshell import Shell
from exshell.cli import main

SCRIPT = "param([int]$Count = 1)\n'start'\n1/0\nfunction f { throw 'in f' }\nf\n'not reached'\n"


def _script(tmp_path: Path, text: str = SCRIPT, name: str = "Check-Copies.ps1") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_run_file_errors_name_the_full_path_ps20(tmp_path: Path) -> None:
    res = Shell().run_file(_script(tmp_path))
    assert res.text == (
        "start\n"
        "Attempted to divide by zero.\n"
        "At C:\\Scripts\\Check-Copies.ps1:3 char:4\n"
        "+ 1/0 <<<<\n"
        "    + CategoryInfo          : NotSpecified: (:) [], RuntimeException\n"
        "    + FullyQualifiedErrorId : RuntimeException\n"
        "\n"
        "in f\n"
        "At C:\\Scripts\\Check-Copies.ps1:4 char:26\n"
        "+ function f { throw 'in f' <<<<  }\n"
        "    + CategoryInfo          : OperationStopped: (in f:) [], RuntimeException\n"
        "    + FullyQualifiedErrorId : in f\n")
    assert res.exit_code == 1


def test_run_file_errors_name_the_full_path_ps51(tmp_path: Path) -> None:
    res = Shell("copies").run_file(_script(tmp_path))
    assert res.text.split("\n")[1:5] == [
        "Attempted to divide by zero.", "At C:\\Scripts\\Check-Copies.ps1:3 char:1", "+ 1/0", "+ ~~~"]


def test_run_file_parse_error_names_the_full_path(tmp_path: Path) -> None:
    path = _script(tmp_path, "'a'\n$x = (1 +\n", "bad.ps1")
    assert Shell().run_file(path).text.split("\n")[:3] == [
        "You must provide a value expression following the '+' operator.",
        "At C:\\Scripts\\bad.ps1:2 char:11", "+ $x = (1 + <<<<"]
    assert Shell("copies").run_file(path).text.split("\n")[:4] == [
        "At C:\\Scripts\\bad.ps1:2 char:10", "+ $x = (1 +", "+          ~",
        "You must provide a value expression following the '+' operator."]


def test_run_file_and_a_call_by_path_show_the_same_errors(tmp_path: Path) -> None:
    from_file = Shell().run_file(_script(tmp_path)).text
    sh = Shell()
    sh.ctx.write_file("C:\\Scripts\\Check-Copies.ps1", SCRIPT, append=False)
    assert sh.run("C:\\Scripts\\Check-Copies.ps1").text == from_file


def test_run_file_knows_its_path(tmp_path: Path) -> None:
    text = "function g { $MyInvocation.ScriptName }\n$PSCommandPath\n$PSScriptRoot\ng\n"
    assert Shell("copies").run_file(_script(tmp_path, text, "where.ps1")).text == (
        "C:\\Scripts\\where.ps1\nC:\\Scripts\nC:\\Scripts\\where.ps1")


def test_cli_file_prints_the_full_path(tmp_path: Path, capsys) -> None:
    assert main(["-File", _script(tmp_path, "Get-Foo\n", "nf.ps1")]) == 1
    assert capsys.readouterr().out.split("\n")[3:5] == ["At C:\\Scripts\\nf.ps1:1 char:8", "+ Get-Foo <<<<"]


def test_run_file_and_a_call_by_path_agree_on_the_path_variables(tmp_path: Path) -> None:
    text = "\"[$PSScriptRoot] [$PSCommandPath] [$($MyInvocation.MyCommand.Path)]\"\n"
    for lab, expected in (("default", "[] [] [C:\\Scripts\\p.ps1]"),
                          ("copies", "[C:\\Scripts] [C:\\Scripts\\p.ps1] [C:\\Scripts\\p.ps1]")):
        sh = Shell(lab)
        assert sh.run_file(_script(tmp_path, text, "p.ps1")).text == expected
        assert sh.run("C:\\Scripts\\p.ps1").text == expected
