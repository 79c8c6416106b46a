"""Engine follow-ups: values that must survive evaluation, mandatory parameters given $null."""

from __future__ import annotations

import pytest

from exshell import Shell


def test_empty_array_in_a_hash_literal_stays_an_empty_array(ps4: Shell) -> None:
    res = ps4.run("$h = @{a=@(); b=1,2; c='x'}; $h.a.GetType().FullName; $h.a.Count; $h.b.Count")
    assert res.text == "System.Object[]\n0\n2"


def test_mandatory_array_parameter_refuses_null(ps4: Shell) -> None:
    res = ps4.run("Compare-Object $null 1")
    err = res.errors[0]
    assert err.message == "Cannot bind argument to parameter 'ReferenceObject' because it is null."
    assert err.fully_qualified_error_id == (
        "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.CompareObjectCommand")
    assert err.category == "InvalidData"
    assert res.objects == []


def test_mandatory_array_parameter_takes_an_empty_array(ps4: Shell) -> None:
    assert ps4.run("Compare-Object @() 1 | ForEach-Object SideIndicator").text == "=>"


def test_mandatory_function_parameters_and_allow_null(ps4: Shell) -> None:
    ps4.run("function f { param([Parameter(Mandatory=$true)][string]$n) \"<$n>\" }; "
            "function g { param([Parameter(Mandatory=$true)][AllowNull()]$n) 'took null' }; "
            "function h { param([Parameter(Mandatory=$true)]$n) 'ran' }")
    assert ps4.run("f $null").errors[0].message == "Cannot bind argument to parameter 'n' because it is an empty string."
    assert ps4.run("f ''").errors[0].fully_qualified_error_id == "ParameterArgumentValidationErrorEmptyStringNotAllowed,f"
    assert ps4.run("h $null").errors[0].fully_qualified_error_id == "ParameterArgumentValidationErrorNullNotAllowed,h"
    assert ps4.run("g $null").text == "took null"


def test_objects_show_their_values_when_written_not_when_the_input_ends() -> None:
    ps5 = Shell(lab="copies")
    res = ps5.run("$o = [pscustomobject]@{A=1}; $o; $o.A = 2; $o | Format-Table; $o.A = 3")
    assert res.text == "\nA\n-\n1\n\n\n\nA\n-\n2\n\n"
    assert res.objects[0].get("A") == 3        # the objects themselves are the live ones
    res = ps5.run("$h = @{k=1}; $h; $h.k = 2")
    assert res.text.split("\n")[3] == "k                              1"
    res = ps5.run("$o = [pscustomobject]@{A=1}; $o | Out-Host; $o.A = 2; $o | Out-Default; $o.A = 3")
    assert res.text == "\nA\n-\n1\n\n\n\nA\n-\n2\n\n"


def test_viewless_table_in_the_older_layout_splits_the_line_evenly() -> None:
    """PowerShell 2.0-4.0 deal the whole console line out to columns without widths; a number
    is right-aligned in its column, a string left-aligned (output-format 2.2, 2.3)."""
    res = Shell().run("[pscustomobject]@{Name='DB1'; Copies=3}")
    assert res.text.split("\n") == ["", "Name".ljust(39) + " " + "Copies".rjust(39),
                                     "----".ljust(39) + " " + "------".rjust(39),
                                     "DB1".ljust(39) + " " + "3".rjust(39), "", ""]


@pytest.mark.parametrize("text, expected", [
    ("2010-05-01 09:00", "2010-05-01 09:00:00.000"),
    ("2010-05-01", "2010-05-01 00:00:00.000"),
    ("2010-05-01T09:00", "2010-05-01 09:00:00.000"),
    ("2010-05-01T09:00:00.25Z", "2010-05-01 09:00:00.250"),
    ("5/1/2010 9:00 PM", "2010-05-01 21:00:00.000"),
    ("5/1/2010 12:30 AM", "2010-05-01 00:30:00.000"),
    ("2010/05/01 09:00:30", "2010-05-01 09:00:30.000"),
    ("May 1, 2010", "2010-05-01 00:00:00.000"),
    ("1 May 2010 7:05", "2010-05-01 07:05:00.000"),
])
def test_datetime_cast_takes_the_invariant_culture_forms(ps4: Shell, text: str, expected: str) -> None:
    assert ps4.run(f"([datetime]'{text}').ToString('yyyy-MM-dd HH:mm:ss.fff')").text == expected


@pytest.mark.parametrize("text", ["13/1/2010", "2010-02-30", "5/1/2010 13:00 PM", "yesterday"])
def test_datetime_cast_refuses_what_the_invariant_culture_does_not_parse(ps4: Shell, text: str) -> None:
    err = ps4.run(f"[datetime]'{text}'").errors[0]
    assert err.message == (f'Cannot convert value "{text}" to type "System.DateTime". Error: "String was not '
                           'recognized as a valid DateTime."')


def test_void_methods_write_nothing(ps4: Shell) -> None:
    res = ps4.run("$l = New-Object System.Collections.Generic.List[string]; [void]$l.Add('a'); $l.Add('x'); "
                  "$r = $l.Add('y'); $null -eq $r; $l.Count")
    assert res.objects == [True, 3]


def test_add_days_past_year_9999_is_argument_out_of_range(ps4: Shell) -> None:
    err = ps4.run("(Get-Date).AddDays(4000000)").errors[0]
    assert err.fully_qualified_error_id == "ArgumentOutOfRangeException"
    assert err.message == ('Exception calling "AddDays" with "1" argument(s): "The added or subtracted value '
                           'results in an un-representable DateTime.\r\nParameter name: value"')


def test_foreach_object_member_name_form_in_powershell_3_and_later(ps4: Shell) -> None:
    assert ps4.run("'ab', 'cde' | % Length").text == "2\n3"
    err = Shell().run("'ab' | % Length").errors[0]          # PowerShell 2.0: -Process takes script blocks
    assert err.fully_qualified_error_id.startswith("CannotConvertArgumentNoMessage")


def test_data_section_holds_string_data_and_stores_its_value() -> None:
    sh = Shell()
    res = sh.run('data msgs { ConvertFrom-StringData @"\nGreeting = Hello\\tthere\n# a comment\nBye = Good bye\n"@ }\n'
                 '$msgs.Bye; $msgs.Greeting; $msgs.Count; data { "x"; 1 + 1 }; '
                 'data d2 { if ($PSCulture -eq "en-US") { "en" } else { "other" } }; $d2')
    assert res.text == "Good bye\nHello\tthere\n2\nx\n2\nen"


@pytest.mark.parametrize("body, error_id, message", [
    ("$env:TEMP", "VariableReferenceNotSupportedInDataSection",
     "A variable that cannot be referenced in restricted language mode or a Data section is being referenced. "
     "Variables that can be referenced include the following: $PSCulture, $PSUICulture, $true, $false, and $null."),
    ("'a'.ToUpper()", "MethodCallNotSupportedInDataSection",
     "Method calls are not allowed in restricted language mode or a Data section."),
    ("Get-Date", "CmdletNotInAllowedListForDataSection",
     "The command 'Get-Date' is not allowed in restricted language mode or a Data section."),
])
def test_data_section_refuses_what_the_restricted_language_does_not_have(body: str, error_id: str,
                                                                         message: str) -> None:
    res = Shell().run(f"data {{ {body} }}")
    assert res.objects == []
    assert (res.errors[0].fully_qualified_error_id, res.errors[0].message) == (error_id, message)
    assert res.errors[0].category == "ParserError"


def test_data_section_supported_command() -> None:
    assert Shell().run("data -SupportedCommand Get-Date { Get-Date -Format yyyy }").text == "2010"


def _validation_message(value: str, name: str) -> str:
    return f"The variable cannot be validated because the value {value} is not a valid value for the {name} variable."


@pytest.mark.parametrize("declare, bad, good, shown", [
    ("[ValidateRange(1,5)][int]$v = 3", "9", "'4'", "4"),
    ("[ValidateSet('a','b')][string]$v = 'a'", "'c'", "'B'", "B"),
    ("[ValidateNotNullOrEmpty()]$v = 'x'", "''", "'y'", "y"),
    ("[ValidatePattern('^DB\\d$')]$v = 'DB1'", "'X1'", "'DB2'", "DB2"),
    ("[ValidateLength(2,3)][string]$v = 'ab'", "'abcd'", "'abc'", "abc"),
])
def test_attributed_variables_validate_every_assignment(declare: str, bad: str, good: str, shown: str) -> None:
    sh = Shell()
    assert sh.run(declare).ok
    res = sh.run(f"$v = {bad}; $v = {good}; $v")
    err = res.errors[0]
    assert err.message == _validation_message(bad.strip("'"), "v")
    assert (err.fully_qualified_error_id, err.category, err.exception_type) == (
        "ValidateSetFailure", "MetadataError", "System.Management.Automation.ValidationMetadataException")
    assert res.text.endswith("\n" + shown)


def test_failed_declaration_creates_no_variable_and_types_stick() -> None:
    sh = Shell()
    res = sh.run("[ValidateRange(1,5)][int]$y = 9; $y -eq $null")
    assert res.errors[0].message == _validation_message("9", "y")
    assert res.objects == [True]
    res = sh.run("[int]$i = 1; $i = '12'; $i + 1; $i = 'abc'; $i")
    assert res.objects == [13, 12]
    assert res.errors[0].exception_type == "System.Management.Automation.ArgumentTransformationMetadataException"
    assert sh.run("function f { $i = 'text'; $i }; f").text == "text"   # a child scope's own $i is free


def test_switch_file_reads_the_session_machines_file_system() -> None:
    sh = Shell()
    assert sh.run('Set-Content C:\\Windows\\Temp\\servers.txt "MBX1`nDB2`nother"').ok
    res = sh.run('switch -Regex -File C:\\Windows\\Temp\\servers.txt { "^MBX" { "server $_" } '
                 '"^DB(\\d)" { "db $($matches[1])" } default { "?? $_" } }; '
                 'cd C:\\Windows\\Temp; switch -File servers.txt { "db2" { "found" } }')
    assert res.text == "server MBX1\ndb 2\n?? other\nfound"


def test_switch_file_that_is_not_there() -> None:
    res = Shell().run("switch -File nope.txt { default { $_ } }; 'after'")
    err = res.errors[0]
    assert err.message == ("The file 'nope.txt' cannot be read: Could not find file "
                           "'C:\\Windows\\system32\\nope.txt'.")
    assert (err.fully_qualified_error_id, err.category) == ("FileReadError", "ReadError")
    assert res.objects == ["after"]


def test_write_error_inside_a_function_names_the_function() -> None:
    """The record is the function's: `f : message`, the call's position, FQID ending in ",f"."""
    res = Shell().run("function f { Write-Error 'boom' }\nf")
    err = res.errors[0]
    assert err.fully_qualified_error_id == "Microsoft.PowerShell.Commands.WriteErrorException,f"
    assert res.text.split("\n")[:3] == ["f : boom", "At line:2 char:2", "+ f <<<<"]
    top = Shell().run("Write-Error 'top'").errors[0]
    assert top.fully_qualified_error_id == "Microsoft.PowerShell.Commands.WriteErrorException"


def test_select_object_on_a_hashtable_reads_properties_not_keys(ps4: Shell) -> None:
    res = ps4.run("@{Name='x'} | Select-Object Name, Count | Format-List")
    assert res.text == "\n\nName  :\nCount : 1\n\n\n"


@pytest.mark.parametrize("source, token, column", [
    ("'x'; 1 -in 1,2", "-in", 8), ("$a = 1\nif ($a -NotIn 2,3) { 'no' }", "-NotIn", 8), ("1 -shl 2", "-shl", 3)])
def test_powershell_3_operators_do_not_parse_in_2_0(source: str, token: str, column: int) -> None:
    res = Shell().run(source)
    assert res.objects == []
    err = res.errors[0]
    assert (err.message, err.fully_qualified_error_id, err.category) == (
        f"Unexpected token '{token}' in expression or statement.", "UnexpectedToken", "ParserError")
    assert err.invocation.column == column


def test_powershell_3_operators_work_from_3_0(ps4: Shell) -> None:
    assert ps4.run("1 -in 1,2; 1 -notin 1,2; 1 -shl 3").text == "True\nFalse\n8"
    assert Shell().run("'-in is text'").text == "-in is text"


def test_constrained_variables_and_null(ps4: Shell) -> None:
    res = ps4.run("[hashtable]$h = @{a=1}; $h = $null; $null -eq $h; [int]$i = 5; $i = $null; $i; "
                  "[string]$s = 'x'; $s = $null; $null -eq $s")
    assert res.objects == [True, 0, False]


def test_datetime_cast_of_a_time_alone_is_today_at_that_time(ps4: Shell) -> None:
    today = ps4.run("(Get-Date).ToString('yyyy-MM-dd')").text
    assert ps4.run("([datetime]'9:05 PM').ToString('yyyy-MM-dd HH:mm')").text == today + " 21:05"
    assert ps4.run("[datetime]'25:00'").errors[0].fully_qualified_error_id == "InvalidCastParseTargetInvocation"


def test_null_piped_to_a_mandatory_parameter_is_refused_by_name(ps4: Shell) -> None:
    res = ps4.run("$null | Compare-Object @(1) | ForEach-Object SideIndicator")
    assert [e.fully_qualified_error_id for e in res.errors] == [
        "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.CompareObjectCommand"]
    assert res.errors[0].message == "Cannot bind argument to parameter 'DifferenceObject' because it is null."
    assert res.objects == ["<="]               # the command still ends: the reference side is reported
