"""Engine follow-ups: values that must survive evaluation, mandatory parameters given $null."""

from __future__ import annotations

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


def test_viewless_table_in_the_older_layout_splits_the_line_evenly() -> None:
    """PowerShell 2.0-4.0 deal the whole console line out to columns without widths; a number
    is right-aligned in its column, a string left-aligned (output-format 2.2, 2.3)."""
    res = Shell().run("[pscustomobject]@{Name='DB1'; Copies=3}")
    assert res.text.split("\n") == ["", "Name".ljust(39) + " " + "Copies".rjust(39),
                                     "----".ljust(39) + " " + "------".rjust(39),
                                     "DB1".ljust(39) + " " + "3".rjust(39), "", ""]
