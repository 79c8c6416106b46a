"""Where-Object, ForEach-Object and Select-Object through the shell, and the engine's early stop
of upstream commands (Select-Object -First)."""

from __future__ import annotations

import pytest

from exshell import Shell

ITEMS = ("$s = @([pscustomobject]@{Name='DB1';Status='Healthy';Queue=3;Tags=@('a','b')},"
         "[pscustomobject]@{Name='DB2';Status='Failed';Queue=12;Tags=@('c')},"
         "[pscustomobject]@{Name='db3';Status='';Queue=0;Tags=@()}); ")


@pytest.fixture(scope="module")
def sh() -> Shell:
    return Shell()


# -- Select-Object -First stops upstream -------------------------------------------------------

def test_first_stops_a_huge_range_at_once(ps4: Shell) -> None:
    res = ps4.run("1..1e9 | Select-Object -First 2", timeout=5)
    assert res.ok and res.text == "1\n2"


def test_first_stops_a_function_upstream_without_its_end_block(ps4: Shell) -> None:
    res = ps4.run("function gen { begin { 'b' } process { } end { foreach ($i in 1..1e9) { $i } ; 'end' } }; "
                 "gen | select -First 3; 'after'", timeout=5)
    assert res.text == "b\n1\n2\nafter"


def test_commands_after_select_still_end(ps4: Shell) -> None:
    res = ps4.run("1..1e9 | select -First 3 | ForEach-Object -Process { $_ * 10 } -End { 'done' }", timeout=5)
    assert res.text == "10\n20\n30\ndone"


def test_stop_inside_a_nested_pipeline_does_not_end_the_outer_one(ps4: Shell) -> None:
    res = ps4.run("foreach ($n in 1..2) { 1..1e9 | select -First 1 }; 'next'", timeout=5)
    assert res.text == "1\n1\nnext"


def test_a_stopped_function_gives_back_its_call_depth(ps4: Shell) -> None:
    ps4.run("function gen { 1..1e9 }; foreach ($n in 1..150) { gen | select -First 1 | Out-Null }", timeout=5)
    assert ps4.ctx.call_depth == 0


def test_powershell_2_0_has_no_early_stop_the_upstream_runs_to_completion(sh: Shell) -> None:
    res = sh.run("$n = 0; 1..10 | ForEach-Object { $n++; $_ } | Select-Object -First 2; \"ran $n\"")
    assert res.text == "1\n2\nran 10"


def test_last_flush_into_first_downstream(sh: Shell) -> None:
    assert sh.run("1..10 | select -Last 4 | select -First 2").text == "7\n8"


def test_materialising_a_huge_range_is_refused(sh: Shell) -> None:
    res = sh.run("$a = 1..1e9; 'went on'", timeout=5)
    assert res.errors[0].error_id == "ScriptTooLarge"
    assert res.text.endswith("went on")


# -- Select-Object ---------------------------------------------------------------------------------

@pytest.mark.parametrize("source, text", [
    ("1..10 | select -First 3", "1\n2\n3"),
    ("1..10 | select -Last 2", "9\n10"),
    ("1..10 | select -Skip 7", "8\n9\n10"),
    ("1..10 | select -Skip 2 -First 2", "3\n4"),
    ("1..10 | select -Last 3 -Skip 1", "7\n8\n9"),
    ("1..10 | select -First 1 -Last 1", "1\n10"),
    ("1..10 | select -Index 1,3,3", "2\n4"),
    ("'a','A','b','a' | select -Unique", "a\nA\nb"),
    ("1..5 | select -First 0", ""),
])
def test_select_which_objects(sh: Shell, source: str, text: str) -> None:
    res = sh.run(source)
    assert res.ok and res.text == text


def test_select_calculated_properties_every_spelling(sh: Shell) -> None:
    res = sh.run(ITEMS + "$s | select Name, @{n='Q2';e={$_.Queue * 2}}, @{Name='St';Expression='Status'}, "
                 "@{l='Len';e={$_.Name.Length}}, @{Label='L2';Expression={'x'}} | ForEach-Object { "
                 "'{0}|{1}|{2}|{3}|{4}' -f $_.Name, $_.Q2, $_.St, $_.Len, $_.L2 }")
    assert res.text == "DB1|6|Healthy|3|x\nDB2|24|Failed|3|x\ndb3|0||3|x"


def test_select_type_names(sh: Shell) -> None:
    res = sh.run(ITEMS + "($s[0] | select Name).pstypenames; (1 | select @{n='x';e={1}}).pstypenames[0]")
    assert res.text == ("Selected.System.Management.Automation.PSCustomObject\n"
                        "System.Management.Automation.PSCustomObject\nSystem.Object\nSelected.System.Int32")


def test_select_wildcards_and_exclude(sh: Shell) -> None:
    res = sh.run(ITEMS + "($s[0] | select *a* -ExcludeProperty Tags).PSObject.Properties | % { $_.Name }")
    assert res.text == "Name\nStatus"


def test_select_missing_property_is_null(sh: Shell) -> None:
    res = sh.run(ITEMS + "$x = $s[0] | select Name, Nope; $x.PSObject.Properties.Count; $null -eq $x.Nope")
    assert res.text == "2\nTrue"


def test_select_expand_property_enumerates(sh: Shell) -> None:
    assert sh.run(ITEMS + "$s | select -ExpandProperty Tags").text == "a\nb\nc"


def test_select_expand_missing_property_error(sh: Shell) -> None:
    res = sh.run(ITEMS + "$s[0] | select -ExpandProperty Nope")
    err = res.errors[0]
    assert err.message == 'Property "Nope" cannot be found.'
    assert err.fully_qualified_error_id == "ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand"
    assert err.category == "InvalidArgument"


def test_select_unique_on_projected_objects(sh: Shell) -> None:
    res = sh.run("'b','a','b' | ForEach-Object { [pscustomobject]@{V=$_} } | select V -Unique | % { $_.V }")
    assert res.text == "b\na"


def test_select_first_negative_is_a_validation_error(sh: Shell) -> None:
    res = sh.run("1 | select -First -1")
    assert res.errors[0].error_id == "ParameterArgumentValidationError"


# -- ForEach-Object ------------------------------------------------------------------------------

def test_foreach_begin_process_end(sh: Shell) -> None:
    assert sh.run("1..2 | % -Begin { 'b' } -Process { $_ } -End { 'e' }").text == "b\n1\n2\ne"


def test_foreach_several_positional_blocks(sh: Shell) -> None:
    assert sh.run("1..2 | % { 'b' } { \"p$_\" }").text == "b\np1\np2"
    assert sh.run("1..2 | % { 'b' } { \"p$_\" } { \"q$_\" } { 'e' }").text == "b\np1\nq1\np2\nq2\ne"


def test_foreach_member_name_needs_powershell_3(sh: Shell) -> None:
    res = sh.run("'a' | ForEach-Object ToUpper")
    assert res.errors[0].error_id == "CannotConvertArgumentNoMessage"


def test_foreach_member_name_property_and_method(ps4: Shell) -> None:
    res = ps4.run(ITEMS + "$s | % Name; 'a,b' | % Split ','; 'abc' | % Substring 1 1; 'x' | % -MemberName PadLeft "
                  "-ArgumentList 3, '*'")
    assert res.text == "DB1\nDB2\ndb3\na\nb\nb\n**x"


def test_foreach_member_name_unknown_method(ps4: Shell) -> None:
    res = ps4.run("'a' | % Frob 1")
    assert res.errors[0].message == "Method invocation failed because [System.String] does not contain a method " \
                                    "named 'Frob'."


# -- Where-Object ------------------------------------------------------------------------------------

def test_where_script_block(sh: Shell) -> None:
    assert sh.run(ITEMS + "$s | ? { $_.Queue -gt 2 } | % { $_.Name }").text == "DB1\nDB2"


def test_where_simplified_needs_powershell_3(sh: Shell) -> None:
    res = sh.run(ITEMS + "$s | Where Status -eq Healthy")
    assert res.errors[0].fully_qualified_error_id == \
        "NamedParameterNotFound,Microsoft.PowerShell.Commands.WhereObjectCommand"


@pytest.mark.parametrize("filter_, names", [
    ("Status -eq Healthy", "DB1"),
    ("Status -EQ healthy", "DB1"),
    ("Status -ceq healthy", ""),
    ("Status -ne Healthy", "DB2 db3"),
    ("Queue -gt 3", "DB2"),
    ("Queue -ge 3", "DB1 DB2"),
    ("Queue -lt 3", "db3"),
    ("Queue -le 3", "DB1 db3"),
    ("Name -like db*", "DB1 DB2 db3"),
    ("Name -clike db*", "db3"),
    ("Name -notlike *1", "DB2 db3"),
    ("Status -match '^(H|F)'", "DB1 DB2"),
    ("Status -notmatch 'ed$'", "DB1 db3"),
    ("Tags -contains 'c'", "DB2"),
    ("Tags -notcontains 'a'", "DB2 db3"),
    ("Name -in 'db1','x'", "DB1"),
    ("Name -cin 'db1','db3'", "db3"),
    ("Name -notin 'DB1','DB2'", "db3"),
    ("Queue -is int", "DB1 DB2 db3"),
    ("Name -isnot string", ""),
    ("Status", "DB1 DB2"),
    ("-not Status", "db3"),
    ("-Property Queue -Value 12 -EQ", "DB2"),
])
def test_where_simplified_operators(ps4: Shell, filter_: str, names: str) -> None:
    res = ps4.run(ITEMS + f"($s | Where-Object {filter_} | % {{ $_.Name }}) -join ' '")
    assert res.ok, res.text
    assert res.text == names


def test_a_cmdlet_upstream_stops_producing(ps4: Shell) -> None:
    res = ps4.run("$n = 0; 1..10 | ForEach-Object { $n++; $_ } | Select-Object -First 2; \"ran $n\"")
    assert res.text == "1\n2\nran 2"


def test_foreach_and_where_blocks_run_in_the_callers_scope(sh: Shell) -> None:
    res = sh.run("$n = 0; 1..5 | ForEach-Object { $n++ }; $m = 0; 1..3 | Where-Object { $m += 10; $true } | "
                 "Out-Null; \"$n $m\"; $k = 0; & { $k++ }; . { $k += 5 }; $k")
    assert res.text == "5 30\n5"


def test_foreach_leaves_the_callers_args_alone(sh: Shell) -> None:
    assert sh.run("function f { 1 | ForEach-Object { $_ }; $args -join ',' }; f a b").text == "1\na,b"


def test_increment_statements_write_nothing(sh: Shell) -> None:
    assert sh.run("$k = 0; $k++; ++$k; $k--; $k; ($k++); $x = $k++; $x, $k -join ','").text == "1\n1\n2,3"


def test_select_a_script_block_property_is_named_by_its_text(sh: Shell) -> None:
    res = sh.run("([pscustomobject]@{Name='a'} | select { $_.Name.ToUpper() }).PSObject.Properties | "
                 "ForEach-Object { '[' + $_.Name + ']=' + $_.Value }")
    assert res.text == "[ $_.Name.ToUpper() ]=A"


def test_where_eq_without_a_value_compares_with_null(ps4: Shell) -> None:
    res = ps4.run("$o = [pscustomobject]@{A=$null}, [pscustomobject]@{A=1}; @($o | ? A -EQ).Count; @($o | ? A).Count")
    assert res.text == "1\n1"


def test_a_pipeline_does_not_leave_dollar_underscore_behind(sh: Shell) -> None:
    assert sh.run("$_ = 'mine'; 1..2 | ForEach-Object { $_ } | Write-Output | Out-Null; $_").text == "mine"


def test_foreach_explicit_begin_and_extra_blocks_split_as_powershell(sh: Shell) -> None:
    res = sh.run("1..2 | % -Begin { 'b' } -Process { \"p$_\" } { \"q$_\" } { 'e' }")
    assert res.text == "b\np1\nq1\np2\nq2\ne"
    assert sh.run("1..2 | % -Process { \"p$_\" } -End { 'e' }").text == "p1\np2\ne"


def test_foreach_member_name_missing_property_gives_null(ps4: Shell) -> None:
    res = ps4.run("1, 2 | ForEach-Object Nope | ForEach-Object { \"[$_]\" }; 'a' | % Frob 1; 'next'")
    assert res.text.split("\n")[:2] == ["[]", "[]"]
    assert res.text.endswith("next")
    assert res.errors[0].fully_qualified_error_id == "MethodNotFound,Microsoft.PowerShell.Commands.ForEachObjectCommand"


def test_select_skips_null_input_and_stops_after_the_last_index(ps4: Shell) -> None:
    res = ps4.run("$null | select Name; 1, $null, 2 | select -First 2; $n = 0; "
                 "1..10 | ForEach-Object { $n++; $_ } | select -Index 1, 2; \"ran $n\"")
    assert res.text == "1\n2\n2\n3\nran 3"


def test_select_the_same_property_twice_is_an_error(sh: Shell) -> None:
    res = sh.run("([pscustomobject]@{Name='a'} | select Name, name).PSObject.Properties.Count")
    assert res.text.endswith("1")
    err = res.errors[0]
    assert err.message == 'The property cannot be processed because the property "name" already exists.'
    assert err.fully_qualified_error_id == ("AlreadyExistingUserSpecifiedPropertyNoExpand,"
                                            "Microsoft.PowerShell.Commands.SelectObjectCommand")


def test_select_expand_skips_null_elements(sh: Shell) -> None:
    assert sh.run("[pscustomobject]@{V=@(1, $null, 2)}, [pscustomobject]@{V=$null} | "
                  "select -ExpandProperty V").text == "1\n2"


def test_select_wait_lets_upstream_finish(ps4: Shell) -> None:
    assert ps4.run("$n = 0; 1..5 | % { $n++; $_ } | select -First 1 -Wait; \"ran $n\"").text == "1\nran 5"


def test_a_range_statement_in_a_function_streams_from_3_0(ps4: Shell) -> None:
    res = ps4.run("function g { 'first'; 1..1e9 }; g | Select-Object -First 3; function h { 3..1 }; "
                  "$x = h; $x -join ','", timeout=5)
    assert res.ok and res.text == "first\n1\n2\n3,2,1"


def test_a_range_statement_in_a_function_is_built_whole_in_2_0(sh: Shell) -> None:
    res = sh.run("function g { 1..1e9 }; g | Select-Object -First 3", timeout=5)
    assert [e.fully_qualified_error_id for e in res.errors] == ["ScriptTooLarge"]
