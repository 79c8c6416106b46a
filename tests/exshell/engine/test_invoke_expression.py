"""Script made from strings: Invoke-Expression (iex), [scriptblock]::Create and
$ExecutionContext.InvokeCommand, with the errors PowerShell 2.0 (Exchange 2010) and 5.1
(Exchange 2016) show for them."""

from __future__ import annotations

import pytest

from exshell import Shell


@pytest.fixture(scope="module")
def ps5_lab() -> str:
    return "copies"        # Exchange 2016: PowerShell 5.1


# -- Invoke-Expression ----------------------------------------------------------------------------

def test_iex_runs_in_the_callers_scope() -> None:
    sh = Shell()
    res = sh.run("iex '$n = 20; function Get-Half($x) { $x / 2 }'; Invoke-Expression '$n + 1'; Get-Half 8")
    assert res.text == "21\n4"
    assert sh.run("$n").text == "20"          # still set after the command that set it


def test_iex_inside_a_function_sets_the_functions_variable_not_the_globals() -> None:
    res = Shell().run("$v = 'global'; function f { iex '$v = \"local\"'; $v }; f; $v")
    assert res.text == "local\nglobal"


def test_iex_takes_strings_from_the_pipeline_and_its_output_flows_on() -> None:
    res = Shell().run("'$k = 3', '1..$k' | Invoke-Expression | Measure-Object | ForEach-Object { $_.Count }")
    assert res.text == "3"
    assert Shell().run("iex -Command '\"a\",\"b\"' | ForEach-Object { $_.ToUpper() }").text == "A\nB"


def test_iex_output_and_errors_keep_their_order() -> None:
    res = Shell().run("iex \"'first'; Get-Foo; 'last'\"")
    lines = res.text.split("\n")
    assert lines[0] == "first" and lines[-1] == "last"
    assert lines[1].startswith("The term 'Get-Foo' is not recognized")


def test_iex_parse_error_ps51(ps5_lab: str) -> None:
    res = Shell(ps5_lab).run("$a = 1; iex '$a = 2; 1 +'; \"a=$a\"")
    assert res.text == (
        "iex : At line:1 char:12\n"
        "+ $a = 2; 1 +\n"
        "+            ~\n"
        "You must provide a value expression following the '+' operator.\n"
        "At line:1 char:9\n"
        "+ $a = 1; iex '$a = 2; 1 +'; \"a=$a\"\n"
        "+         ~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ParserError: (:) [Invoke-Expression], ParseExcep\n"
        "   tion\n"
        "    + FullyQualifiedErrorId : ExpectedValueExpression,Microsoft.PowerShell.Com\n"
        "   mands.InvokeExpressionCommand\n"
        "\n"
        "a=1")                               # nothing of the string ran
    err = res.errors[0]
    assert (err.category, err.exception_type) == ("ParserError", "System.Management.Automation.ParseException")
    assert err.fully_qualified_error_id == "ExpectedValueExpression,Microsoft.PowerShell.Commands.InvokeExpressionCommand"


def test_iex_parse_error_ps20() -> None:
    res = Shell().run("Invoke-Expression 'Get-Date -Format {'")
    assert res.text == (
        "Invoke-Expression : Missing closing '}' in statement block or type definition.\n"
        "At line:1 char:18\n"
        "+ Invoke-Expression <<<<  'Get-Date -Format {'\n"
        "    + CategoryInfo          : ParserError: (:) [Invoke-Expression], ParseExcep\n"
        "   tion\n"
        "    + FullyQualifiedErrorId : MissingEndCurlyBrace,Microsoft.PowerShell.Comman\n"
        "   ds.InvokeExpressionCommand\n")


def test_iex_refuses_what_the_labs_parser_refused() -> None:
    res = Shell().run("iex '1 -in 1,2'")           # -in arrived with PowerShell 3.0
    assert res.errors[0].fully_qualified_error_id == "UnexpectedToken,Microsoft.PowerShell.Commands.InvokeExpressionCommand"
    assert res.errors[0].message == "Unexpected token '-in' in expression or statement."


def test_iex_runtime_errors_point_into_the_string_ps51(ps5_lab: str) -> None:
    res = Shell(ps5_lab).run("$x = 'ok'\niex \"'one'\n1/0\"")
    assert res.text == (
        "one\n"
        "Attempted to divide by zero.\n"
        "At line:2 char:1\n"
        "+ 1/0\n"
        "+ ~~~\n"
        "    + CategoryInfo          : NotSpecified: (:) [], RuntimeException\n"
        "    + FullyQualifiedErrorId : RuntimeException\n")


def test_iex_runtime_errors_point_into_the_string_ps20() -> None:
    res = Shell().run("iex 'Get-Item C:\\nosuch'")
    assert res.text == (
        "Get-Item : Cannot find path 'C:\\nosuch' because it does not exist.\n"
        "At line:1 char:9\n"
        "+ Get-Item <<<<  C:\\nosuch\n"
        "    + CategoryInfo          : ObjectNotFound: (C:\\nosuch:String) [Get-Item], I\n"
        "   temNotFoundException\n"
        "    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetIt\n"
        "   emCommand\n")


def test_iex_throw_keeps_its_place_in_the_string_and_ends_the_script(ps5_lab: str) -> None:
    res = Shell(ps5_lab).run("'before'; iex 'throw \"boom\"'; 'not reached'")
    assert res.text == (
        "before\n"
        "boom\n"
        "At line:1 char:1\n"
        "+ throw \"boom\"\n"
        "+ ~~~~~~~~~~~~\n"
        "    + CategoryInfo          : OperationStopped: (boom:) [], RuntimeException\n"
        "    + FullyQualifiedErrorId : boom\n")


def test_iex_in_a_script_file_errors_still_point_into_the_string() -> None:
    sh = Shell()
    sh.ctx.write_file("C:\\Scripts\\t.ps1", "'start'\niex '1/0'\n", append=False)
    assert sh.run("C:\\Scripts\\t.ps1").text.split("\n")[1:4] == [
        "Attempted to divide by zero.", "At line:1 char:4", "+ 1/0 <<<<"]


def test_iex_of_an_empty_string_is_a_binding_error() -> None:
    err = Shell().run("iex ''").errors[0]
    assert err.fully_qualified_error_id == (
        "ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.InvokeExpressionCommand")


# -- [scriptblock]::Create and $ExecutionContext.InvokeCommand --------------------------------------

def test_created_block_runs_with_call_dot_foreach_and_invoke_command() -> None:
    sh = Shell()
    res = sh.run("$sb = [scriptblock]::Create('param($n) $n * 2'); & $sb 21; $sb.GetType().FullName\n"
                 "1..3 | ForEach-Object ([scriptblock]::Create('$_ + 10'))\n"
                 "$v = 1; . ([scriptblock]::Create('$v = 7')); $v; & ([scriptblock]::Create('$v = 9')); $v\n"
                 "Invoke-Command -ScriptBlock ([scriptblock]::Create('\"ic \" + $args[0]')) -ArgumentList x")
    assert res.text == "42\nSystem.Management.Automation.ScriptBlock\n11\n12\n13\n7\n7\nic x"


def test_created_block_text_is_its_string() -> None:
    assert Shell().run("[scriptblock]::Create('Get-Date').ToString()").text == "Get-Date"


def test_create_parse_error_ps51(ps5_lab: str) -> None:
    res = Shell(ps5_lab).run("$b = [scriptblock]::Create('1 +')\n\"b=[$b]\"")
    assert res.text == (
        "Exception calling \"Create\" with \"1\" argument(s): \"At line:1 char:4\n"
        "+ 1 +\n"
        "+    ~\n"
        "You must provide a value expression following the '+' operator.\"\n"
        "At line:1 char:6\n"
        "+ $b = [scriptblock]::Create('1 +')\n"
        "+      ~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : NotSpecified: (:) [], MethodInvocationException\n"
        "    + FullyQualifiedErrorId : ParseException\n"
        "\n"
        "b=[]")


def test_create_parse_error_ps20() -> None:
    res = Shell().run("[scriptblock]::Create('if (')")
    assert res.text == (
        "Exception calling \"Create\" with \"1\" argument(s): \"Missing condition in if state\n"
        "ment after 'if ('.\"\n"
        "At line:1 char:22\n"
        "+ [scriptblock]::Create <<<< ('if (')\n"
        "    + CategoryInfo          : NotSpecified: (:) [], MethodInvocationException\n"
        "    + FullyQualifiedErrorId : DotNetMethodException\n")


def test_create_parse_error_can_be_caught_as_a_method_invocation_exception() -> None:
    res = Shell().run("try { [scriptblock]::Create('{') } catch [System.Management.Automation.MethodInvocationException] "
                      "{ 'caught: ' + $_.FullyQualifiedErrorId }")
    assert res.text == "caught: DotNetMethodException"


def test_created_block_errors_point_into_its_text(ps5_lab: str) -> None:
    res = Shell(ps5_lab).run("& ([scriptblock]::Create(\"'one'`n[int]'x'\"))")
    assert res.text.split("\n")[:6] == [
        "one", "Cannot convert value \"x\" to type \"System.Int32\". Error: \"Input string was not i",
        "n a correct format.\"", "At line:2 char:1", "+ [int]'x'", "+ ~~~~~~~~"]


def test_new_script_block_and_its_parse_error(ps5_lab: str) -> None:
    sh = Shell(ps5_lab)
    assert sh.run("& ($ExecutionContext.InvokeCommand.NewScriptBlock('\"nsb \" + 1'))").text == "nsb 1"
    err = sh.run("$ExecutionContext.InvokeCommand.NewScriptBlock('(')").errors[0]
    assert err.message.startswith('Exception calling "NewScriptBlock" with "1" argument(s): "At line:1 char:2')
    assert err.fully_qualified_error_id == "ParseException"


def test_expand_string_expands_variables_subexpressions_and_escapes() -> None:
    res = Shell().run("$v = 7; $ExecutionContext.InvokeCommand.ExpandString('v is $v, \"q\" $(1+1)`tend')")
    assert res.text == 'v is 7, "q" 2\tend'
    assert Shell().run("function f { $w = 'in f'; $ExecutionContext.InvokeCommand.ExpandString('[$w]') }; f").text \
        == "[in f]"


def test_execution_context_has_no_other_members_than_it_shows() -> None:
    res = Shell().run("$ExecutionContext.InvokeCommand.Nope('x')")
    assert res.errors[0].fully_qualified_error_id == "MethodNotFound"
    assert res.errors[0].message == ("Method invocation failed because [System.Management.Automation."
                                     "CommandInvocationIntrinsics] does not contain a method named 'Nope'.")


def test_the_same_string_run_again_sees_the_values_of_its_time() -> None:
    res = Shell().run("1..3 | ForEach-Object { iex '$_ * 2' }; $t = 'a'; iex '$t'; $t = 'b'; iex '$t'")
    assert res.text == "2\n4\n6\na\nb"


def test_iex_of_nothing_ps20_is_null_and_names_the_cmdlet() -> None:
    res = Shell().run("IEX ([void]1)")             # a void method's result, as `IEX (...).DownloadFile(...)`
    assert res.text == (
        "Invoke-Expression : Cannot bind argument to parameter 'Command' because it is n\n"
        "ull.\n"
        "At line:1 char:4\n"
        "+ IEX <<<<  ([void]1)\n"
        "    + CategoryInfo          : InvalidData: (:) [Invoke-Expression], ParameterB\n"
        "   indingValidationException\n"
        "    + FullyQualifiedErrorId : ParameterArgumentValidationErrorNullNotAllowed,M\n"
        "   icrosoft.PowerShell.Commands.InvokeExpressionCommand\n")


def test_iex_of_nothing_ps51_is_an_empty_string(ps5_lab: str) -> None:
    err = Shell(ps5_lab).run("iex $null").errors[0]
    assert err.message == "Cannot bind argument to parameter 'Command' because it is an empty string."
    assert err.invocation is not None and err.invocation.command_name == "Invoke-Expression"


def test_a_binding_error_names_the_cmdlet_not_its_alias() -> None:
    assert Shell().run("gi -Nope").text.split("\n")[0] == (
        "Get-Item : A parameter cannot be found that matches parameter name 'Nope'.")


def test_session_state_path_resolves_against_the_current_location() -> None:
    res = Shell().run("cd C:\\Windows; $p = $ExecutionContext.SessionState.Path\n"
                      "$p.GetUnresolvedProviderPathFromPSPath('.\\out.csv'); $p.CurrentLocation.Path")
    assert res.text == "C:\\Windows\\out.csv\nC:\\Windows"


def test_expand_string_parse_error_points_into_the_text(ps5_lab: str) -> None:
    err = Shell(ps5_lab).run("$ExecutionContext.InvokeCommand.ExpandString('ab $(')").errors[0]
    assert err.message == ('Exception calling "ExpandString" with "1" argument(s): "At line:1 char:6\n+ ab $(\n'
                           '+      ~\nThe string is missing the terminator: "."')
    assert err.fully_qualified_error_id == "ParseException"
