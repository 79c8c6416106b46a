"""Script files run by path from the session machine's file system: full, relative and quoted
paths, dot-sourcing, parameters, $MyInvocation and $PSScriptRoot, `exit` and `return`, the
current-location rule with its suggestion, and error positions inside the file."""

from __future__ import annotations

from exshell import Shell


def _write(sh: Shell, path: str, text: str) -> None:
    sh.ctx.write_file(path, text, append=False)


ARGS = "param($Name, [int]$Count = 1)\n\"Name=$Name Count=$($Count + 1) args=$($args -join ',')\"\n"


def test_full_path_binds_named_and_positional_arguments_and_args() -> None:
    sh = Shell()
    _write(sh, "C:\\Scripts\\t.ps1", ARGS)
    assert sh.run("C:\\Scripts\\t.ps1 -Count 4 DAG1 x y").text == "Name=DAG1 Count=5 args=x,y"
    assert sh.run("C:/Scripts/t.ps1 DAG2").text == "Name=DAG2 Count=2 args="


def test_relative_path_resolves_against_the_current_location() -> None:
    sh = Shell()
    _write(sh, "C:\\Scripts\\t.ps1", ARGS)
    assert sh.run("cd C:\\Scripts; .\\t.ps1 -Name a").text == "Name=a Count=2 args="
    assert sh.run("cd C:\\; Scripts\\t -Name b").text == "Name=b Count=2 args="     # .ps1 may be left out


def test_call_operator_with_a_quoted_path_runs_in_its_own_scope() -> None:
    sh = Shell()
    _write(sh, "C:\\My Scripts\\run me.ps1", "param($Name)\n$inner = 'set'\n\"hello $Name\"\n")
    res = sh.run("& 'C:\\My Scripts\\run me.ps1' -Name x; \"[$inner]\"")
    assert res.text == "hello x\n[]"


def test_dot_sourcing_defines_functions_and_variables_in_the_caller_scope() -> None:
    sh = Shell()
    _write(sh, "C:\\Scripts\\lib.ps1", "$libvar = 'set'\nfunction Get-Twice($x) { $x * 2 }\n")
    assert sh.run("C:\\Scripts\\lib.ps1; \"[$libvar]\"; Get-Command Get-Twice -ErrorAction SilentlyContinue").text \
        == "[]"
    assert sh.run(". C:\\Scripts\\lib.ps1; $libvar; Get-Twice 21").text == "set\n42"


def test_pipeline_input_binds_to_an_advanced_script() -> None:
    sh = Shell()
    _write(sh, "C:\\Scripts\\p.ps1",
           "[CmdletBinding()]\nparam([Parameter(ValueFromPipeline=$true)][int]$N)\nprocess { $N * 10 }\n")
    assert sh.run("1, 2 | C:\\Scripts\\p.ps1").text == "10\n20"


def test_my_invocation_and_script_root_on_powershell_4(ps4: Shell) -> None:
    _write(ps4, "C:\\Tools\\who.ps1", "$MyInvocation.MyCommand.Path\n$MyInvocation.MyCommand.Definition\n"
                                      "$MyInvocation.MyCommand.Name\n$MyInvocation.InvocationName\n$PSScriptRoot\n"
                                      "$PSCommandPath\n")
    assert ps4.run("cd C:\\Tools; .\\who.ps1").text.split("\n") == [
        "C:\\Tools\\who.ps1", "C:\\Tools\\who.ps1", "who.ps1", ".\\who.ps1", "C:\\Tools", "C:\\Tools\\who.ps1"]


def test_script_root_is_empty_on_powershell_2() -> None:
    sh = Shell()
    _write(sh, "C:\\Tools\\who.ps1", "\"[$PSScriptRoot]\"\n$MyInvocation.MyCommand.Path\n")
    assert sh.run("C:\\Tools\\who.ps1").text == "[]\nC:\\Tools\\who.ps1"


def test_exit_ends_the_script_and_sets_lastexitcode() -> None:
    sh = Shell()
    _write(sh, "C:\\Scripts\\x.ps1", "'one'\nfunction Stop-Here { exit 3 }\nStop-Here\n'never'\n")
    res = sh.run("C:\\Scripts\\x.ps1; \"code=$LASTEXITCODE ok=$?\"; 'session goes on'")
    assert res.text == "one\ncode=3 ok=False\nsession goes on"


def test_return_ends_the_script() -> None:
    sh = Shell()
    _write(sh, "C:\\Scripts\\r.ps1", "'before'\nreturn\n'after'\n")
    assert sh.run("C:\\Scripts\\r.ps1; 'next'").text == "before\nnext"


def test_bare_name_in_the_current_location_is_not_run_and_is_suggested(ps4: Shell) -> None:
    _write(ps4, "C:\\Scripts\\t.ps1", "'ran'\n")
    res = ps4.run("cd C:\\Scripts; t.ps1")
    assert res.errors[0].fully_qualified_error_id == "CommandNotFoundException"
    assert res.text.split("\n") == [
        "t.ps1 : The term 't.ps1' is not recognized as the name of a cmdlet, function, s",
        "cript file, or operable program. Check the spelling of the name, or if a path w",
        "as included, verify that the path is correct and try again.",
        "At line:1 char:16",
        "+ cd C:\\Scripts; t.ps1",
        "+                ~~~~~",
        "    + CategoryInfo          : ObjectNotFound: (t.ps1:String) [], CommandNotFou",
        "   ndException",
        "    + FullyQualifiedErrorId : CommandNotFoundException",
        "",
        "",
        "Suggestion [3,General]: The command t.ps1 was not found, but does exist in the",
        "current location. Windows PowerShell does not load commands from the current lo",
        "cation by default. If you trust this command, instead type: \".\\t.ps1\". See \"get",
        "-help about_Command_Precedence\" for more details."]


def test_no_suggestion_on_powershell_2_or_for_a_name_that_is_not_there() -> None:
    sh = Shell()
    _write(sh, "C:\\Scripts\\t.ps1", "'ran'\n")
    assert "Suggestion" not in sh.run("cd C:\\Scripts; t.ps1").text
    assert "Suggestion" not in Shell().run("nothere.ps1").text


def test_missing_script_path_is_command_not_found() -> None:
    res = Shell().run(".\\missing.ps1")
    assert res.errors[0].message.startswith("The term '.\\missing.ps1' is not recognized")
    assert res.errors[0].target == ".\\missing.ps1"


def test_error_inside_a_script_points_into_the_file(ps4: Shell) -> None:
    _write(ps4, "C:\\e.ps1", "'one'\n  Get-Foo -x\n'two'\n")
    assert ps4.run("C:\\e.ps1").text.split("\n") == [
        "one",
        "Get-Foo : The term 'Get-Foo' is not recognized as the name of a cmdlet, functio",
        "n, script file, or operable program. Check the spelling of the name, or if a pa",
        "th was included, verify that the path is correct and try again.",
        "At C:\\e.ps1:2 char:3",
        "+ Get-Foo -x",
        "+ ~~~~~~~",
        "    + CategoryInfo          : ObjectNotFound: (Get-Foo:String) [], CommandNotF",
        "   oundException",
        "    + FullyQualifiedErrorId : CommandNotFoundException",
        "",
        "two"]


def test_function_from_a_dot_sourced_file_reports_errors_in_that_file() -> None:
    sh = Shell()
    _write(sh, "C:\\Scripts\\lib.ps1", "\nfunction Fail-Here { Get-Nothing }\n")
    res = sh.run(". C:\\Scripts\\lib.ps1\nFail-Here")
    assert res.text.split("\n")[3:5] == ["At C:\\Scripts\\lib.ps1:2 char:33",
                                         "+ function Fail-Here { Get-Nothing <<<<  }"]


def test_parse_error_in_a_called_script_names_the_file() -> None:
    sh = Shell()
    _write(sh, "C:\\p.ps1", "'one'\nif (1 {\n'two'\n")
    res = sh.run("C:\\p.ps1; 'next'")
    assert res.errors[0].fully_qualified_error_id == "MissingEndParenthesisAfterStatement"
    assert res.text.split("\n") == [
        "Missing closing ')' after expression in 'if' statement.",
        "At C:\\p.ps1:2 char:7",
        "+ if (1  <<<< {",
        "    + CategoryInfo          : ParserError: (:) [], ParseException",
        "    + FullyQualifiedErrorId : MissingEndParenthesisAfterStatement",
        "",
        "next"]


def test_binding_error_names_the_script_by_its_path() -> None:
    sh = Shell()
    _write(sh, "C:\\Scripts\\b.ps1", "param([int]$Count)\n$Count\n")
    res = sh.run("cd C:\\Scripts; .\\b.ps1 -Nope 1")
    assert res.errors[0].fully_qualified_error_id == "NamedParameterNotFound,b.ps1"
    assert res.text.split("\n")[:2] == [
        "C:\\Scripts\\b.ps1 : A parameter cannot be found that matches parameter name 'Nop", "e'."]


def test_module_qualified_names_still_resolve_to_commands() -> None:
    assert Shell().run("Microsoft.PowerShell.Utility\\Write-Output ok").text == "ok"


def test_a_function_in_a_script_file_knows_its_script() -> None:
    sh = Shell()
    _write(sh, "C:\\Tools\\lib.ps1", "function Get-Where { $MyInvocation.ScriptName; $MyInvocation.PSScriptRoot }\n"
                                     "Get-Where\n")
    assert sh.run("C:\\Tools\\lib.ps1").text == "C:\\Tools\\lib.ps1\nC:\\Tools"


def test_a_terminating_error_leaving_a_script_keeps_its_place_in_the_file(ps4: Shell) -> None:
    _write(ps4, "C:\\q.ps1", "'one'\n  Get-Item C:\\nope -ErrorAction Stop\n'two'\n")
    res = ps4.run("C:\\q.ps1; 'after'")
    assert res.text.split("\n")[:5] == [
        "one",
        "Get-Item : Cannot find path 'C:\\nope' because it does not exist.",
        "At C:\\q.ps1:2 char:3",
        "+ Get-Item C:\\nope -ErrorAction Stop",
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"]
    assert "after" not in res.text.split("\n")        # the error ends the whole command line


def test_a_name_without_its_extension_is_suggested_too(ps4: Shell) -> None:
    _write(ps4, "C:\\Scripts\\Get-Report.ps1", "'ran'\n")
    assert ps4.run("cd C:\\Scripts; Get-Report").text.split("\n")[-4:] == [
        "Suggestion [3,General]: The command Get-Report was not found, but does exist in",
        " the current location. Windows PowerShell does not load commands from the curre",
        "nt location by default. If you trust this command, instead type: \".\\Get-Report\"",
        ". See \"get-help about_Command_Precedence\" for more details."]
