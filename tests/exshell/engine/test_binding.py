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


# -- the awkward cases ----------------------------------------------------------------------------

def test_ambiguous_prefix_lists_the_matches() -> None:
    err = run("1 | Format-Table -W").errors[0]
    assert err.fully_qualified_error_id == "AmbiguousParameter,Microsoft.PowerShell.Commands.FormatTableCommand"
    assert err.message.startswith("Parameter cannot be processed because the parameter name 'W' is ambiguous. "
                                  "Possible matches include: -")
    assert ", " not in err.message and err.message.endswith(".")


def test_switch_with_colon_value_vs_separate_value() -> None:
    sh = Shell()
    sh.run("function f { param([switch]$Confirm, $Name) \"$Confirm/$Name\" }")
    assert sh.run("f -Confirm:$false").text == "False/"
    assert sh.run("f -Confirm $false").text == "True/False"     # the switch takes no value: $false is positional
    res = sh.run("Write-Warning -Message x -Verbose $false")
    assert res.errors[0].error_id == "PositionalParameterNotFound"
    assert res.errors[0].message == "A positional parameter cannot be found that accepts argument 'False'."


def test_stray_argument_is_quoted_as_its_value() -> None:
    res = run("Start-Sleep 1 'two words'; Start-Sleep 1 (1, 2)")
    assert [e.message for e in res.errors] == [
        "A positional parameter cannot be found that accepts argument 'two words'.",
        "A positional parameter cannot be found that accepts argument 'System.Object[]'."]


def test_positional_after_named() -> None:
    assert run("function f($a, $b) { \"a=$a b=$b\" }; f -b 2 1").text == "a=1 b=2"


def test_comma_list_binds_as_an_array() -> None:
    res = run("function f([string[]]$Names, $Other) { $Names.Count; $Names[2]; $Other.GetType().Name }; "
              "f -Names a,b,c -Other 1,2")
    assert res.text == "3\nc\nObject[]"


def test_pipeline_by_property_name_through_an_alias() -> None:
    res = run("function f { param([Parameter(ValueFromPipelineByPropertyName=$true)][Alias('ServerName')]$Server)"
              " process { \"server=$Server\" } }; [pscustomobject]@{ServerName='MBX1'}, "
              "[pscustomobject]@{Server='MBX2'} | f")
    assert res.text == "server=MBX1\nserver=MBX2"


def test_by_value_before_by_property_name() -> None:
    script = ("function f { param([Parameter(ValueFromPipeline=$true)][int]$Id, "
              "[Parameter(ValueFromPipelineByPropertyName=$true)]$Length) process { \"id=$Id length=$Length\" } }; ")
    assert run(script + "7 | f").text == "id=7 length="
    assert run(script + "'abc' | f").text == "id=0 length=3"      # not an int: falls back to the property


def test_cmdlet_by_value() -> None:
    assert run("'one', 'two' | Write-Warning").warnings == ["one", "two"]


def test_validate_set_message() -> None:
    err = run("function f { param([ValidateSet('Red','Green')]$Color) $Color }; f Purple").errors[0]
    assert err.fully_qualified_error_id == "ParameterArgumentValidationError,f"
    assert err.message == (
        "Cannot validate argument on parameter 'Color'. The argument \"Purple\" does not belong to the set "
        "\"Red,Green\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try "
        "the command again.")
    assert err.category == "InvalidData"


def test_validate_set_accepts_any_case_and_gives_the_declared_spelling() -> None:
    assert run("function f { param([ValidateSet('Red','Green')]$Color) $Color }; f gREEN").text == "Green"


def test_validate_range_messages() -> None:
    err = run("Start-Sleep -Seconds -5").errors[0]
    assert err.fully_qualified_error_id == "ParameterArgumentValidationError,Microsoft.PowerShell.Commands." \
                                           "StartSleepCommand"
    assert err.message == ("Cannot validate argument on parameter 'Seconds'. The -5 argument is less than the "
                           "minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and "
                           "then try the command again.")
    err = run("function f { param([ValidateRange(1,5)][int]$n) $n }; f 9").errors[0]
    assert err.message == ("Cannot validate argument on parameter 'n'. The 9 argument is greater than the maximum "
                           "allowed range of 5. Supply an argument that is less than or equal to 5 and then try the "
                           "command again.")


def test_validate_pattern_and_not_null_or_empty() -> None:
    sh = Shell()
    sh.run("function f { param([ValidatePattern('^DB\\d$')]$Db, [ValidateNotNullOrEmpty()]$Name) 'ok' }")
    assert sh.run("f -Db DB1 -Name x").text == "ok"
    assert sh.run("f -Db X1").errors[0].message == (
        "Cannot validate argument on parameter 'Db'. The argument \"X1\" does not match the \"^DB\\d$\" pattern. "
        "Supply an argument that matches \"^DB\\d$\" and try the command again.")
    assert sh.run("f -Name ''").errors[0].message == (
        "Cannot validate argument on parameter 'Name'. The argument is null or empty. Provide an argument that is "
        "not null or empty, and then try the command again.")


def test_function_binding_errors_name_the_function() -> None:
    res = run("function Get-Thing($a) { $a }; Get-Thing -Nope 1")
    assert res.errors[0].fully_qualified_error_id == "NamedParameterNotFound,Get-Thing"
    assert res.text.split("\n")[:3] == [
        "Get-Thing : A parameter cannot be found that matches parameter name 'Nope'.",
        "At line:1 char:47",
        "+ function Get-Thing($a) { $a }; Get-Thing -Nope <<<<  1"]


def test_value_from_remaining_arguments() -> None:
    res = run("function f { param($First, [Parameter(ValueFromRemainingArguments=$true)]$Rest) "
              "\"$First|$($Rest -join ',')\" }; f a b c")
    assert res.text == "a|b,c"


def test_a_failed_binding_changes_nothing() -> None:
    sh = Shell()
    before = sh.world.now
    res = sh.run("Start-Sleep -Seconds 5 -Nope")
    assert not res.ok and sh.world.now == before


def test_script_parameter_sets_and_default_set() -> None:
    sh = Shell()
    sh.run("function f { [CmdletBinding(DefaultParameterSetName='ByName')] param("
           "[Parameter(ParameterSetName='ByName', Position=0)]$Name, "
           "[Parameter(ParameterSetName='ById', Mandatory=$true)][int]$Id, "
           "[Parameter(ParameterSetName='ByName')][Parameter(ParameterSetName='ById')][switch]$Force) "
           "$PSCmdlet.ParameterSetName }")
    assert sh.run("f x; f -Id 3 -Force; f -Force").text == "ByName\nById\nByName"
    err = sh.run("f -Name x -Id 3").errors[0]
    assert err.fully_qualified_error_id == "AmbiguousParameterSet,f"


def test_delay_bind_script_block_runs_per_input_object() -> None:
    assert run("'a', 'b' | Write-Warning -Message { \"low on $_\" }").warnings == ["low on a", "low on b"]


def test_delay_bind_without_input_is_an_error() -> None:
    err = run("Write-Warning -Message { 'x' }").errors[0]
    assert err.fully_qualified_error_id == "ScriptBlockArgumentNoInput,Microsoft.PowerShell.Commands." \
                                           "WriteWarningCommand"
    assert err.message == ("Cannot evaluate parameter 'Message' because its argument is specified as a script block "
                           "and there is no input. A script block cannot be evaluated without input.")


def test_char_parameters_convert_like_dotnet_and_refuse_the_rest():
    """A Char parameter (ConvertFrom-Csv -Delimiter) takes one character; a boolean or a
    hashtable is a binding error, never an internal one."""
    from exshell import Shell
    shell = Shell(lab="seed002")
    res = shell.run("'a;b','1;2' | ConvertFrom-Csv -Delimiter ';'")
    assert [(o.get("a"), o.get("b")) for o in res.objects] == [("1", "2")]
    for bad in ("$true", "@{a=1}", "'ab'"):
        err, = shell.run(f"'a,b' | ConvertFrom-Csv -Delimiter {bad}").errors
        assert err.fully_qualified_error_id.split(",")[0] in ("CannotConvertArgumentNoMessage",
                                                               "ParameterArgumentTransformationError"), err.message


def test_piped_exchange_objects_bind_to_the_identity_parameter_of_their_kind():
    """A piped database binds -Database (not a mailbox -Identity), a piped server -Server,
    a piped mailbox -Identity: the pipelines admins write every day."""
    from exshell import Shell
    shell = Shell(lab="seed004")
    shell.run("New-Mailbox Ann -UserPrincipalName ann@contoso.com -Password $null -Database DB1 | Out-Null")
    assert [o.get("DisplayName") for o in shell.run("Get-MailboxDatabase DB1 | Get-MailboxStatistics").objects] == ["Ann"]
    assert [o.get("DisplayName") for o in shell.run("Get-Mailbox Ann | Get-MailboxStatistics").objects] == ["Ann"]
    assert [o.get("Name") for o in shell.run("Get-MailboxServer MBX1 | Get-MailboxDatabaseCopyStatus").objects] == [
        "DB1\\MBX1", "DB2\\MBX1", "DB3\\MBX1"]
    assert [o.get("Name") for o in shell.run("Get-MailboxDatabase DB3 | Get-MailboxDatabaseCopyStatus").objects] == [
        "DB3\\MBX2", "DB3\\MBX1"]


def test_a_switch_of_a_simple_function_is_never_positional():
    from exshell import Shell
    res = Shell().run('function f($a,[switch]$s) { "a=$a s=$s args=$args" }; f -a 5 x; f 1 2')
    assert res.objects == ["a=5 s=False args=x", "a=1 s=False args=2"]


def test_a_default_set_that_no_parameter_names_is_chosen_when_nothing_else_decides():
    """RedistributeActiveDatabases.ps1's DefaultParameterSetName 'Common' holds only the parameters
    of every set; given just -DagName, binding picks it instead of failing as ambiguous."""
    from exshell import Shell
    res = Shell("copies").run("cd $exscripts; .\\RedistributeActiveDatabases.ps1 -DagName DAG1")
    assert res.errors == [] and len(res.warnings) == 1
