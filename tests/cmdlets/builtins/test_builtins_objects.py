"""Sort-Object, Group-Object, Measure-Object, Compare-Object, Tee-Object through the shell."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exshell import Shell


@pytest.fixture(scope="module")
def sh():
    return Shell()



# -- Sort-Object ----------------------------------------------------------------------------
def test_sort_numbers_and_alias(sh):
    assert sh.run("3,1,2 | sort").objects == [1, 2, 3]


def test_sort_descending_unique(sh):
    assert sh.run("3,1,2,1,3 | Sort-Object -Descending -Unique").objects == [3, 2, 1]


def test_sort_strings_ignore_case_unless_case_sensitive(sh):
    assert sh.run("'b','A','a','B' | Sort-Object -Unique").objects == ["A", "b"]
    assert sh.run("'b','A','a','B' | Sort-Object -Unique -CaseSensitive").objects == ["a", "A", "b", "B"]


def test_sort_several_keys_with_calculated_descending(sh):
    res = sh.run("$o = @([pscustomobject]@{N='x';V=1}, [pscustomobject]@{N='y';V=2}, [pscustomobject]@{N='x';V=3});"
                 "$o | Sort-Object N, @{e={$_.V};Descending=$true} | ForEach-Object { \"$($_.N)$($_.V)\" }")
    assert res.objects == ["x3", "x1", "y2"]


def test_sort_by_script_block_and_property_name(sh):
    assert sh.run("'ccc','a','bb' | Sort-Object { $_.Length }").objects == ["a", "bb", "ccc"]
    assert sh.run("'ccc','a','bb' | Sort-Object Length -Descending").objects == ["ccc", "bb", "a"]


def test_sort_keeps_input_order_for_equal_keys(sh):
    res = sh.run("'b1','a1','b2','a2' | Sort-Object { $_[0] }")
    assert res.objects == ["a1", "a2", "b1", "b2"]


def test_sort_exchange_servers_by_name_descending(sh):
    res = sh.run("Get-ExchangeServer | Sort-Object Name -Descending | ForEach-Object { $_.Name }")
    assert res.objects == sorted(res.objects, reverse=True) and len(res.objects) >= 3


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-50, 50), max_size=8))
def test_sort_object_orders_like_sorted(xs):
    sh = _SHARED
    text = ",".join(str(x) for x in xs) if xs else "@()"
    assert sh.run(f"@({text}) | Sort-Object").objects == sorted(xs)
    assert sh.run(f"@({text}) | Sort-Object -Unique -Descending").objects == sorted(set(xs), reverse=True)


_SHARED = Shell()


# -- Group-Object ---------------------------------------------------------------------------
def test_group_default_view(sh):
    res = sh.run("'b','a','B','c' | Group-Object")
    assert res.text == ("\nCount Name                      Group\n----- ----                      -----\n"
                        "    2 b                         {b, B}\n    1 a                         {a}\n"
                        "    1 c                         {c}\n\n")


def test_group_no_element_view(sh):
    res = sh.run("'b','a','B' | Group-Object -NoElement")
    assert res.text == "\nCount Name\n----- ----\n    2 b\n    1 a\n\n"
    assert res.objects[0].type_names[0] == "Microsoft.PowerShell.Commands.GroupInfoNoElement"


def test_group_info_properties(sh):
    (g,) = sh.run("'aa','bb' | Group-Object Length").objects
    assert (g.get("Count"), g.get("Name"), g.get("Group"), g.get("Values")) == (2, "2", ["aa", "bb"], [2])


def test_group_several_properties_join_names(sh):
    res = sh.run("[pscustomobject]@{A=1;B='x'}, [pscustomobject]@{A=1;B='x'} | Group-Object A, B")
    assert [g.get("Name") for g in res.objects] == ["1, x"]


def test_group_as_hash_table_keys_by_value_or_string(sh):
    assert sh.run("$h = 'aa','bbb','cc' | Group-Object Length -AsHashTable; $h[2].Count").objects == [2]
    assert sh.run("$h = 'aa','bbb','cc' | group Length -AsHashTable -AsString; $h['3']").objects == ["bbb"]


# -- Measure-Object -------------------------------------------------------------------------
def test_measure_count_list_view(sh):
    res = sh.run("1..4 | Measure-Object")
    assert res.text == ("\n\nCount    : 4\nAverage  :\nSum      :\nMaximum  :\nMinimum  :\nProperty :\n\n\n")


def test_measure_all_statistics(sh):
    (m,) = sh.run("1..4 | measure -Sum -Average -Maximum -Minimum").objects
    assert [m.get(k) for k in ("Count", "Average", "Sum", "Maximum", "Minimum")] == [4, 2.5, 10, 4, 1]
    assert m.type_names[0] == "Microsoft.PowerShell.Commands.GenericMeasureInfo"


def test_measure_property_of_objects(sh):
    (m,) = sh.run("'aa','bbbb' | Measure-Object -Property Length -Sum").objects
    assert (m.get("Count"), m.get("Sum"), m.get("Property")) == (2, 6, "Length")


def test_measure_missing_property_is_an_error(sh):
    res = sh.run("[pscustomobject]@{A=1} | Measure-Object -Property Z")
    (err,) = res.errors
    assert err.message == 'The property "Z" cannot be found in the input for any objects.'
    assert err.fully_qualified_error_id == \
        "GenericMeasurePropertyNotFound,Microsoft.PowerShell.Commands.MeasureObjectCommand"
    assert err.category == "InvalidArgument"


def test_measure_non_numeric_input(sh):
    res = sh.run("'x' | Measure-Object -Sum")
    assert res.errors[0].message == 'Input object "x" is not numeric.'
    assert res.errors[0].error_id == "NonNumericInputObject"


def test_measure_text(sh):
    (m,) = sh.run("'aa bb','c' | Measure-Object -Line -Word -Character").objects
    assert [m.get(k) for k in ("Lines", "Words", "Characters")] == [2, 3, 6]


# -- Compare-Object -------------------------------------------------------------------------
def _sides(res):
    return [(o.get("InputObject"), o.get("SideIndicator")) for o in res.objects]


def test_compare_reports_differences_in_powershell_order(sh):
    assert _sides(sh.run("Compare-Object 1,2,3 2,3,4")) == [(4, "=>"), (1, "<=")]


def test_compare_include_equal_and_exclude_different(sh):
    assert _sides(sh.run("Compare-Object 1,2,3 2,3,4 -IncludeEqual")) == [
        (2, "=="), (3, "=="), (4, "=>"), (1, "<=")]
    assert _sides(sh.run("diff 1,2,3 2,3,4 -IncludeEqual -ExcludeDifferent")) == [(2, "=="), (3, "==")]


def test_compare_by_property_and_pass_thru(sh):
    res = sh.run("$a = [pscustomobject]@{N='x';V=1}; $b = [pscustomobject]@{N='y';V=1};"
                 "Compare-Object $a $b -Property N")
    assert [(o.get("N"), o.get("SideIndicator")) for o in res.objects] == [("y", "=>"), ("x", "<=")]
    res = sh.run("Compare-Object $a $b -Property N -PassThru | ForEach-Object { $_.V }")
    assert res.objects == [1, 1]


def test_compare_difference_from_pipeline_ignores_case(sh):
    assert sh.run("'A','b' | Compare-Object 'a','B'").objects == []


# -- Tee-Object -----------------------------------------------------------------------------
def test_tee_object_variable_keeps_passing(sh):
    res = sh.run("1,2 | Tee-Object -Variable t | ForEach-Object { $_ * 10 }; $t.Count")
    assert res.objects == [10, 20, 2]


def test_tee_object_file_path_and_append(sh):
    assert sh.run(r"1 | Tee-Object C:\t.txt -Append").errors[0].error_id == "NamedParameterNotFound"   # PS 2.0
    sh = Shell(lab="seed002")
    res = sh.run(r"1,2 | Tee-Object -FilePath C:\tee.txt | Out-Null; 3 | Tee-Object C:\tee.txt -Append | Out-Null;"
                 r"Get-Content C:\tee.txt")
    assert res.objects == ["1", "2", "3"]


def test_compare_sync_window_default_follows_powershell_version(sh):
    assert sh.run("(Compare-Object (1..20) (20..1) | Measure-Object).Count").objects == [20]   # 2.0: window 5
    assert Shell(lab="seed002").run("(Compare-Object (1..20) (20..1) | Measure-Object).Count").objects == [0]
    assert sh.run("(Compare-Object (1..20) (20..1) -SyncWindow 100 | Measure-Object).Count").objects == [0]
