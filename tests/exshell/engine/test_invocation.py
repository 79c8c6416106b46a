"""Automatic variables of an invocation ($MyInvocation, $input, $PSBoundParameters, $args), the
session's $env: and $FormatEnumerationLimit, script files with parameters, and mandatory
parameters asked for at the console."""

from __future__ import annotations

from pathlib import Path

from exshell import Shell
from exshell.cli import main


def test_my_invocation_in_a_function() -> None:
    res = Shell().run("function Get-Me { $MyInvocation.MyCommand.Name; $MyInvocation.InvocationName; "
                      "$MyInvocation.MyCommand.CommandType; $MyInvocation.ScriptLineNumber }\n\n  Get-Me")
    assert res.text == "Get-Me\nGet-Me\nFunction\n3"


def test_my_invocation_line_is_the_calling_line() -> None:
    res = Shell().run("function f { $MyInvocation.Line }\n$x = f")
    assert Shell().run("function f { $MyInvocation.Line }\nf  # here").text == "f  # here"
    assert res.ok


def test_input_in_end_and_process_blocks() -> None:
    sh = Shell()
    assert sh.run("function f { $input | ForEach-Object { $_ * 2 } }; 1, 2, 3 | f").text == "2\n4\n6"
    assert sh.run("function g { process { \"[$input]\" } }; 'a', 'b' | g").text == "[a]\n[b]"
    assert sh.run("function h { @($input).Count }; h").text == "0"


def test_ps_bound_parameters_and_args() -> None:
    res = Shell().run("function f($a, [switch]$b) { $PSBoundParameters.Keys -join ','; "
                      "$PSBoundParameters['a']; $args -join '|' }; f -b 1 x y")
    assert res.text == "b,a\n1\nx|y"     # named arguments bind first


def test_env_comes_from_the_lab() -> None:
    res = Shell().run("$env:COMPUTERNAME; $env:USERDNSDOMAIN; $env:USERDOMAIN; $env:computername")
    assert res.text == "MBX1\nCONTOSO.COM\nCONTOSO\nMBX1"


def test_env_can_be_set_and_removed() -> None:
    sh = Shell()
    assert sh.run("$env:Stage = 'dry'; $env:STAGE").text == "dry"
    assert sh.run("$env:Stage = $null; $null -eq $env:Stage").text == "True"


def test_format_enumeration_limit() -> None:
    sh = Shell()
    obj = "[pscustomobject]@{Name='DAG1'; Servers=@('MBX1','MBX2','MBX3','MBX4')}"
    assert "{MBX1, MBX2, MBX3, MBX4}" in sh.run(obj + " | Format-List").text
    sh.run("$FormatEnumerationLimit = 2")
    assert "{MBX1, MBX2...}" in sh.run(obj + " | Format-List").text


# -- script files ---------------------------------------------------------------------------------

SCRIPT = """param([string]$Name = 'none', [int]$Count = 1, [switch]$Force, $Rest)
"Name=$Name Count=$($Count + 1) Force=$Force Rest=$Rest args=$($args -join ',')"
$MyInvocation.MyCommand.Name
$MyInvocation.MyCommand.Path
$PSScriptRoot
$PSBoundParameters.Keys -join ','
"""


def _script(tmp_path: Path) -> str:
    path = tmp_path / "Set-Things.ps1"
    path.write_text(SCRIPT, encoding="utf-8")
    return str(path)


def test_run_file_binds_named_positional_and_switch(tmp_path: Path) -> None:
    res = Shell().run_file(_script(tmp_path), args=["-Name", "DAG1", "-Count", "41", "-Force", "a", "b", "c"])
    assert res.text.split("\n") == [           # 2.0: no $PSScriptRoot outside modules, so no line for it
        "Name=DAG1 Count=42 Force=True Rest=a args=b,c", "Set-Things.ps1", "C:\\Scripts\\Set-Things.ps1",
        "Name,Count,Force,Rest"]
    assert res.exit_code == 0


def test_run_file_positional_first_and_switch_false(tmp_path: Path) -> None:
    res = Shell().run_file(_script(tmp_path), args=["DAG2", "-Force:$false"])
    assert res.text.split("\n")[0] == "Name=DAG2 Count=2 Force=False Rest= args="


def test_run_file_defaults_without_arguments(tmp_path: Path) -> None:
    assert Shell().run_file(_script(tmp_path)).text.split("\n")[0] == "Name=none Count=2 Force=False Rest= args="


def test_run_file_unknown_parameter_stops_the_script(tmp_path: Path) -> None:
    res = Shell().run_file(_script(tmp_path), args=["-Nope", "1"])
    assert res.exit_code == 1
    assert [e.fully_qualified_error_id for e in res.errors] == ["NamedParameterNotFound,Set-Things.ps1"]
    assert res.objects == []
    assert res.text.split("\n")[:2] == [       # named by its path, as a script called by path is
        "C:\\Scripts\\Set-Things.ps1 : A parameter cannot be found that matches parameter",
        "name 'Nope'."]


def test_run_file_bad_value_is_a_transformation_error(tmp_path: Path) -> None:
    res = Shell().run_file(_script(tmp_path), args=["-Count", "many"])
    err = res.errors[0]
    assert err.fully_qualified_error_id == "ParameterArgumentTransformationError,Set-Things.ps1"
    assert err.message == ("Cannot process argument transformation on parameter 'Count'. Cannot convert value "
                           "\"many\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"")
    assert err.category == "InvalidData"


def test_cli_file_passes_arguments(tmp_path: Path, capsys) -> None:
    code = main(["-File", _script(tmp_path), "-Name", "x", "-Count", "2"])
    assert code == 0
    assert capsys.readouterr().out.split("\n")[0] == "Name=x Count=3 Force=False Rest= args="


def test_script_mandatory_parameter_non_interactive(tmp_path: Path) -> None:
    path = tmp_path / "m.ps1"
    path.write_text("param([Parameter(Mandatory=$true)]$Server)\n\"on $Server\"\n", encoding="utf-8")
    res = Shell().run_file(str(path))
    assert res.errors[0].fully_qualified_error_id == "MissingMandatoryParameter,m.ps1"
    assert res.exit_code == 1


# -- mandatory parameters at the console ------------------------------------------------------------

def test_mandatory_prompt_through_the_prompt_handler() -> None:
    sh = Shell(interactive=True)
    asked: list[str] = []

    def handler(prompt: str) -> str:
        asked.append(prompt)
        return "disk almost full"

    sh.ctx.prompt_handler = handler
    res = sh.run("Write-Warning")
    assert asked == ["cmdlet Write-Warning at command pipeline position 1\n"
                     "Supply values for the following parameters:\nMessage: "]
    assert res.text == "WARNING: disk almost full"


def test_mandatory_prompt_position_and_array_values() -> None:
    sh = Shell(interactive=True)
    res = sh.run("function Join-Names { param([Parameter(Mandatory=$true)][string[]]$Names, "
                 "[Parameter(Mandatory=$true)]$Sep) $Names -join $Sep }; 1 | % { $_ } | Join-Names",
                 answers=["a", "b", "", "+"])
    assert res.text.split("\n") == [
        "cmdlet Join-Names at command pipeline position 3", "Supply values for the following parameters:",
        "Names[0]: a", "Names[1]: b", "Names[2]:", "Sep: +", "a+b"]


def test_mandatory_prompt_empty_string_is_refused() -> None:
    sh = Shell(interactive=True)
    res = sh.run("Write-Warning", answers=[""])
    assert res.errors[0].error_id == "ParameterArgumentValidationErrorEmptyStringNotAllowed"
    assert res.errors[0].message == "Cannot bind argument to parameter 'Message' because it is an empty string."


def test_mandatory_without_a_console_is_an_error() -> None:
    res = Shell().run("function f { param([Parameter(Mandatory=$true)]$Name) $Name }; f")
    err = res.errors[0]
    assert err.fully_qualified_error_id == "MissingMandatoryParameter,f"
    assert err.message == "Cannot process command because of one or more missing mandatory parameters: Name."
    assert res.text.split("\n")[:2] == [
        "f : Cannot process command because of one or more missing mandatory parameters:", " Name."]


def test_confirmation_caption_goes_out_with_the_question() -> None:
    sh = Shell(interactive=True)
    asked: list[str] = []
    sh.ctx.prompt_handler = lambda prompt: asked.append(prompt) or "n"
    res = sh.run("New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\\DAG1 | "
                 "Out-Null; Remove-DatabaseAvailabilityGroup DAG1")
    assert asked == ['\nConfirm\nAre you sure you want to perform this action?\nRemoving database availability '
                     'group "DAG1".\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help (default is "Y"): ']
    assert res.text == "" and sh.run("@(Get-DatabaseAvailabilityGroup).Count").text == "1"


# -- advanced functions ---------------------------------------------------------------------------

ADVANCED = ("function Set-Thing { [CmdletBinding(SupportsShouldProcess=$true, ConfirmImpact='High')] "
            "param([Parameter(Position=0)]$Name) Write-Verbose \"checking $Name\"; "
            "if ($PSCmdlet.ShouldProcess($Name, 'Set')) { \"set $Name\" } }; ")


def test_advanced_function_common_parameters_set_preferences() -> None:
    res = Shell().run(ADVANCED + "Set-Thing DB1 -Verbose -Confirm:$false; $VerbosePreference")
    assert res.text == "VERBOSE: checking DB1\nset DB1\nSilentlyContinue"


def test_advanced_function_whatif() -> None:
    res = Shell().run(ADVANCED + "Set-Thing DB1 -WhatIf")
    assert res.text == 'What if: Performing operation "Set" on Target "DB1".'


def test_advanced_function_confirm_impact_high_asks() -> None:
    sh = Shell(interactive=True)
    res = sh.run(ADVANCED + "Set-Thing DB2", answers=["n"])
    assert res.text.split("\n") == [
        "", "Confirm", "Are you sure you want to perform this action?",
        'Performing operation "Set" on Target "DB2".',
        '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help (default is "Y"): n']


def test_advanced_function_error_action_and_pscmdlet_members() -> None:
    res = Shell().run("function f { [CmdletBinding()] param() Write-Error 'bad'; 'after'; "
                      "$PSCmdlet.ParameterSetName; $PSCmdlet.WriteVerbose('quiet') }; f -ErrorAction SilentlyContinue; "
                      "$Error[0].Exception.Message")
    assert res.ok
    assert res.text == "after\n__AllParameterSets\nbad"


def test_throw_terminating_error_from_pscmdlet() -> None:
    res = Shell().run("function f { [CmdletBinding()] param() $PSCmdlet.ThrowTerminatingError("
                      "(New-Object System.Management.Automation.ErrorRecord)); 'not here' }; "
                      "try { f } catch { 'caught' }")
    assert "not here" not in res.text


def test_error_record_members_in_catch() -> None:
    res = Shell().run("try { throw 'boom' } catch { $_.Exception.Message; $_.FullyQualifiedErrorId; "
                      "$_.CategoryInfo.Category; $_.Exception.GetType().FullName; $_.InvocationInfo.ScriptLineNumber }"
                      "; try { 1/0 } catch { $_.Exception.Message }")
    assert res.text == ("boom\nboom\nOperationStopped\nSystem.Management.Automation.RuntimeException\n1\n"
                        "Attempted to divide by zero.")


def test_error_variable_records_expose_their_exception() -> None:
    res = Shell().run("Write-Error 'disk full' -ErrorAction SilentlyContinue; $Error[0].Exception.Message; "
                      "$Error[0].CategoryInfo.Category")
    assert res.text == "disk full\nNotSpecified"


def test_count_of_null_and_scalars_depends_on_the_powershell_version(lab2013: str) -> None:
    script = "$x = $null; \"[$($x.Count)][$((5).Count)][$('abc'.Count)][$((1, 2).Count)]\""
    assert Shell().run(script).text == "[][][][2]"              # PowerShell 2.0
    assert Shell(lab=lab2013).run(script).text == "[0][1][1][2]"  # 3.0 and later


def test_repl_asks_for_a_mandatory_parameter(capsys) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from prompt_toolkit.shortcuts import PromptSession

    from exshell.host import repl

    shell = Shell()
    with create_pipe_input() as inp:
        inp.send_text("Write-Warning\rdisk full\rexit\r")
        session = PromptSession(input=inp, output=DummyOutput())
        assert repl.run_repl(shell, session) == 0
    assert capsys.readouterr().out == "WARNING: disk full\n"
    assert shell.ctx.interactive


def test_member_enumeration_arrived_with_powershell_3(lab2013: str) -> None:
    script = "$o = [pscustomobject]@{N='a'}, [pscustomobject]@{N='b'}; \"[$($o.N -join ',')][$($o.Count)]\""
    assert Shell().run(script).text == "[][2]"
    assert Shell(lab=lab2013).run(script).text == "[a,b][2]"


def test_advanced_script_file_common_parameters_and_pscmdlet(tmp_path: Path) -> None:
    path = tmp_path / "Check-Dag.ps1"
    path.write_text("[CmdletBinding(SupportsShouldProcess=$true)]\nparam([string]$Dag = 'DAG1')\n"
                    "Write-Verbose \"working on $Dag\"\n"
                    "if ($PSCmdlet.ShouldProcess($Dag, 'Check')) { \"checked $Dag\" }\n", encoding="utf-8")
    assert Shell().run_file(str(path), args=["-Verbose"]).text == "VERBOSE: working on DAG1\nchecked DAG1"
    res = Shell().run_file(str(path), args=["-Dag", "DAG2", "-WhatIf"])
    assert res.text == 'What if: Performing operation "Check" on Target "DAG2".' and res.exit_code == 0
