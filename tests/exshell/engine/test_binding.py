"""Parameter binding, as PowerShell binds: names, prefixes, aliases, positions, sets, mandatory."""

from __future__ import annotations

from exshell import Shell


def run(source: str):
    return Shell().run(source)


def test_unknown_parameter_is_named_parameter_not_found() -> None:
    res = run("Start-Sleep -Nope 3")
    err = res.errors[0]
    assert err.category == "InvalidArgument"
    assert err.fully_qualified_error_id == "NamedParameterNotFound,Microsoft.PowerShell.Commands.StartSleepCommand"
    assert err.message == "A parameter cannot be found that matches parameter name 'Nope'."


def test_unique_prefix_binds() -> None:
    sh = Shell()
    before = sh.world.now
    assert sh.run("Start-Sleep -Sec 2").ok
    assert (sh.world.now - before).total_seconds() == 2


def test_ambiguous_prefix() -> None:
    res = run("1 | Format-Table -W")
    assert res.errors[0].error_id == "AmbiguousParameter"


def test_missing_argument() -> None:
    res = run("Start-Sleep -Seconds")
    assert res.errors[0].error_id == "MissingArgument"
    assert res.errors[0].message == (
        "Missing an argument for parameter 'Seconds'. Specify a parameter of type 'System.Double' and try again.")


def test_positional_parameter_not_found() -> None:
    res = run("Start-Sleep 1 2")
    assert res.errors[0].error_id == "PositionalParameterNotFound"
    assert res.errors[0].message == "A positional parameter cannot be found that accepts argument '2'."


def test_parameter_bound_twice() -> None:
    res = run("Start-Sleep -Seconds 1 -Seconds 2")
    assert res.errors[0].error_id == "ParameterAlreadyBound"


def test_two_sets_named_is_ambiguous_parameter_set() -> None:
    res = run("Start-Sleep -Seconds 1 -Milliseconds 5")
    assert res.errors[0].error_id == "AmbiguousParameterSet"
    assert res.errors[0].message == "Parameter set cannot be resolved using the specified named parameters."


def test_missing_mandatory_non_interactive() -> None:
    res = run("Write-Warning")
    assert res.errors[0].error_id == "MissingMandatoryParameter"
    assert res.errors[0].message == (
        "Cannot process command because of one or more missing mandatory parameters: Message.")


def test_conversion_failure() -> None:
    res = run("Start-Sleep -Seconds abc")
    assert res.errors[0].error_id == "CannotConvertArgumentNoMessage"


def test_validate_range() -> None:
    res = run("Start-Sleep -Seconds -5")
    assert res.errors[0].error_id == "ParameterArgumentValidationError"


def test_colon_form_and_switch_false() -> None:
    res = run("1,2 | Format-Table -AutoSize:$false -HideTableHeaders:$true")
    assert res.ok


def test_alias_common_parameter_error_action() -> None:
    res = run("Write-Error 'x' -ea SilentlyContinue; 'next'")
    assert res.ok and res.text == "next"


def test_error_action_stop_is_catchable() -> None:
    res = run("try { Write-Error 'bad' -ErrorAction Stop } catch { 'caught' }")
    assert res.text == "caught"


def test_pipeline_by_value() -> None:
    res = run("'hello' | Write-Warning")
    assert res.warnings == ["hello"]


def test_splatting() -> None:
    res = run("$p = @{Message='splat'}; Write-Warning @p")
    assert res.warnings == ["splat"]


def test_function_parameters_bind_positionally_and_by_name() -> None:
    res = run("function f($a, $b) { \"$a-$b\" }; f 1 2; f -b 4 -a 3")
    assert res.text == "1-2\n3-4"
