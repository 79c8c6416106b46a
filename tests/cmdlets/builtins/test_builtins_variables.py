"""Get/New/Set/Remove/Clear-Variable through the shell."""

import pytest

from exshell import Shell

UTIL = "Microsoft.PowerShell.Commands"


@pytest.fixture
def sh():
    return Shell()


def test_get_variable_table_view(sh):
    res = sh.run("$abc = 5; Get-Variable abc")
    assert res.text == "\nName                           Value\n----                           -----\nabc" \
                       "                            5\n\n"
    (v,) = res.objects
    assert v.type_names[0] == "System.Management.Automation.PSVariable"
    assert (v.get("Name"), v.get("Value"), v.get("Options")) == ("abc", 5, "None")


def test_get_variable_value_only_and_wildcards(sh):
    res = sh.run("$dbA = 1; $dbB = 2; Get-Variable db* -ValueOnly; gv -Name db* -Exclude dbB | % { $_.Name }")
    assert res.objects == [1, 2, "dbA"]


def test_get_variable_not_found(sh):
    res = sh.run("Get-Variable nope; Get-Variable nope*")
    (err,) = res.errors
    assert err.message == "Cannot find a variable with the name 'nope'."
    assert err.category == "ObjectNotFound"
    assert err.fully_qualified_error_id == f"VariableNotFound,{UTIL}.GetVariableCommand"
    assert "    + CategoryInfo          : ObjectNotFound: (nope:String) [Get-Variable], It\n" in res.text


def test_new_variable_exists_unless_force(sh):
    res = sh.run("$a = 1; New-Variable a 2; $a")
    (err,) = res.errors
    assert err.message == "A variable with name 'a' already exists."
    assert err.fully_qualified_error_id == f"VariableAlreadyExists,{UTIL}.NewVariableCommand"
    assert res.objects == [1]
    assert sh.run("New-Variable a 3 -Force; $a").objects == [3]


def test_read_only_and_constant_options(sh):
    res = sh.run("New-Variable k 9 -Option ReadOnly; Set-Variable k 10; $k")
    (err,) = res.errors
    assert err.message == "Cannot overwrite variable k because it is read-only or constant."
    assert err.fully_qualified_error_id == f"VariableNotWritable,{UTIL}.SetVariableCommand"
    assert res.objects == [9]
    assert sh.run("Set-Variable k 11 -Force; $k").objects == [11]
    res = sh.run("New-Variable c 1 -Option Constant; Remove-Variable c -Force; $c")
    assert res.errors[0].message == ("Cannot remove variable c because it is constant or read-only. If the variable "
                                     "is read-only, try the operation again specifying the Force option.")
    assert res.objects == [1]


def test_set_variable_creates_and_pass_thru(sh):
    (v,) = sh.run("Set-Variable -Name n -Value 'x' -PassThru").objects
    assert v.get("Value") == "x"
    assert sh.run("$n").objects == ["x"]


def test_set_variable_scope_reaches_the_caller(sh):
    res = sh.run("$x = 0; function f { $x = 1; Set-Variable x 2 -Scope 1; Set-Variable y 3 -Scope Global; $x }; f; $x; $y")
    assert res.objects == [1, 2, 3]


def test_remove_and_clear_variable(sh):
    res = sh.run("$r = 1; $c = 2; Remove-Variable r; Clear-Variable c; $r -eq $null; $c -eq $null; "
                 "(Get-Variable c).Name; Get-Variable r -ErrorAction SilentlyContinue")
    assert res.objects == [True, True, "c"]
    (err,) = sh.run("Remove-Variable r").errors
    assert err.fully_qualified_error_id == f"VariableNotFound,{UTIL}.RemoveVariableCommand"


def test_scope_number_out_of_range(sh):
    (err,) = sh.run("Get-Variable -Scope 9 a").errors
    assert err.message == "The scope number '9' exceeds the number of active scopes."
    assert err.category == "InvalidArgument"


def test_new_variable_what_if_changes_nothing(sh):
    res = sh.run("New-Variable w 1 -WhatIf; Get-Variable w -ErrorAction SilentlyContinue")
    assert res.objects == []
    assert 'Performing operation "New variable" on Target "Name: w Value: 1".' in res.text


def test_get_variable_lists_sorted_and_hides_session_bookkeeping(sh):
    got = [v.get("Name") for v in sh.run("Get-Variable").objects]
    assert "ErrorActionPreference" in got and not any(n.startswith("__") for n in got)
    assert got == sorted(got, key=str.lower)
