"""PowerShell 5 classes and enums, `using`, and what older shells say about them."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exshell import Shell

PERSON = """
class Person {
  [string]$Name = 'nobody'
  [int]$Age
  hidden [string]$Note = 'n'
  static [int]$Made = 0
  Person() { [Person]::Made++ }
  Person([string]$n) { $this.Name = $n; [Person]::Made++ }
  [int] Twice([int]$x) { 'not returned'; return $x * 2 }
  [string] ToString() { return 'Person:' + $this.Name }
  static [Person] Make([string]$n) { return [Person]::new($n) }
}
class Admin : Person {
  [string]$Role = 'ops'
  Admin([string]$n) : base($n) { $this.Role = 'dba' }
}
"""


@pytest.fixture(scope="module")
def ps5() -> Shell:
    sh = Shell(lab="copies")
    res = sh.run(PERSON)
    assert res.ok, res.text
    return sh


def test_constructors_methods_and_statics(ps5: Shell) -> None:
    res = ps5.run("$a = [Person]::new(); $b = New-Object Person; $c = [Person]::new('c'); "
                  "$a.Name; $c.Name; $a.Twice(21); [Person]::Made; [Person]::Make('m').Name; \"$c\"")
    assert res.text == "nobody\nc\n42\n3\nm\nPerson:c"


def test_typed_properties_convert_what_is_assigned(ps5: Shell) -> None:
    res = ps5.run("$p = [Person]::new(); $p.Age = '7'; $p.Age.GetType().FullName; $p.Age + 1")
    assert res.text == "System.Int32\n8"
    err = ps5.run("$p.Age = 'old'").errors[0]
    assert err.message.startswith('Cannot convert value "old" to type "System.Int32".')


def test_class_objects_format_as_objects_without_a_view(ps5: Shell) -> None:
    """Hidden properties stay out of the table; the derived class's own properties come first."""
    assert ps5.run("[Person]::new('ann')").text == "\nName Age\n---- ---\nann    0\n\n"
    assert ps5.run("[Admin]::new('bob')").text == "\nRole Name Age\n---- ---- ---\ndba  bob    0\n\n"


def test_inheritance_base_constructor_and_is(ps5: Shell) -> None:
    res = ps5.run("$x = [Admin]::new('q'); $x.Name; $x.Role; $x -is [Person]; $x.Twice(4); [Person]::Made -gt 0")
    assert res.text == "q\ndba\nTrue\n8\nTrue"


def test_cast_from_a_hashtable_and_hidden_members(ps5: Shell) -> None:
    res = ps5.run("$p = [Person]@{Name='d'; Age=3}; $p | Format-List; $p.Note")
    assert res.text == "\n\nName : d\nAge  : 3\n\n\n\nn"
    err = ps5.run("[Person]@{Nope=1}").errors[0]
    assert err.message == ('Cannot create object of type "Person". The Nope property was not found for the Person '
                           'object. The available property is: [Name <System.String>] [Age <System.Int32>]')


def test_get_member_lists_methods_and_properties(ps5: Shell) -> None:
    rows = [(o.get("Name"), o.get("MemberType"), o.get("Definition"))
            for o in ps5.run("[Person]::new() | Get-Member").objects]
    assert ("Twice", "Method", "int Twice(int x)") in rows
    assert ("Age", "Property", "int Age {get;set;}") in rows
    assert not any(r[0] == "Note" for r in rows)


def test_wrong_argument_count_and_unknown_method(ps5: Shell) -> None:
    assert ps5.run("[Person]::new(1, 2)").errors[0].message == (
        'Cannot find an overload for "new" and the argument count: "2".')
    assert ps5.run("[Person]::new().Nope()").errors[0].fully_qualified_error_id == "MethodNotFound"


def test_enums_values_casts_and_flags() -> None:
    sh = Shell(lab="copies")
    res = sh.run("enum Color { Red; Green = 5; Blue }\n[Color]::Green; [int][Color]::Blue; [Color]'blue'; "
                 "[Color]5; [Color]::Green -eq 'Green'; ([Color]::Red).GetType().Name\n"
                 "[Flags()] enum Perm { Read = 1; Write = 2; Exec = 4 }\n"
                 "$p = [Perm]'Read, Write'; $p; [int]$p; ($p -band [Perm]::Write); $p.HasFlag([Perm]::Exec); "
                 "[bool]($p -band [Perm]::Exec); \"$p\"")
    assert res.text == "Green\n6\nBlue\nGreen\nTrue\nColor\nRead, Write\n3\nWrite\nFalse\nFalse\nRead, Write"
    err = sh.run("[Color]'Purple'").errors[0]
    assert err.message == ('Cannot convert value "Purple" to type "Color". Error: "Unable to match the identifier '
                           'name Purple to a valid enumerator name. Specify one of the following enumerator names '
                           'and try again:\r\nRed, Green, Blue"')


def test_types_are_known_above_their_definition() -> None:
    res = Shell(lab="copies").run("[Child]::new().Name\nclass Child : Base { }\nclass Base { [string]$Name = 'b' }")
    assert res.text == "b"


def test_using_namespace_module_and_assembly() -> None:
    sh = Shell(lab="copies")
    res = sh.run("using namespace System.Collections.Generic\n$l = [List[string]]::new(); $l.Add('x'); $l.Count")
    assert res.text == "1"
    assert sh.run("using module FailoverClusters\n'loaded'").text == "loaded"
    res = sh.run("using module NoSuchModule\n'not run'")
    assert [e.fully_qualified_error_id for e in res.errors] == ["ModuleNotFoundDuringParse"]
    assert "not run" not in res.text
    assert res.errors[0].message == "Could not find the module 'NoSuchModule'."


@pytest.mark.parametrize("source, keyword", [("'first'\nclass P { [int]$x }", "class"),
                                             ("using namespace System.Text\n'first'", "using")])
def test_older_shells_reserve_class_and_using(source: str, keyword: str) -> None:
    res = Shell().run(source)
    assert res.objects == []                     # a parse error: nothing ran
    err = res.errors[0]
    assert err.message == f"The '{keyword}' keyword is not supported in this version of the language."
    assert err.fully_qualified_error_id == "ReservedKeywordNotAllowed"
    assert err.category == "ParserError"


def test_older_shells_take_enum_for_a_command(ps4: Shell) -> None:
    res = ps4.run("'first'; enum Color { Red }")
    assert res.objects == ["first"]
    assert res.errors[0].message.startswith("The term 'enum' is not recognized as the name of a cmdlet")


_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 -_", min_size=0, max_size=12)


@settings(max_examples=25, deadline=None)
@given(name=_NAMES, age=st.integers(min_value=-2**31, max_value=2**31 - 1))
def test_class_instances_round_trip_through_select_object_and_json(name: str, age: int) -> None:
    sh = _SHELL
    sh.run(f"$p = [Person]::new(); $p.Name = '{name}'; $p.Age = {age}")
    data = json.loads(sh.run("$p | Select-Object Name, Age | ConvertTo-Json -Compress").text)
    assert data == {"Name": name, "Age": age}
    assert json.loads(sh.run("$p | ConvertTo-Json -Compress").text) == {"Name": name, "Age": age}
    assert sh.run("($p | Select-Object Age).Age -eq $p.Age").text == "True"


_SHELL = Shell(lab="copies")
_SHELL.run(PERSON)


def test_enum_typed_property_and_an_error_inside_a_method() -> None:
    sh = Shell(lab="copies")
    res = sh.run("enum Color { Red; Blue }\nclass Pen { [Color]$C; [int] Div([int]$x) { $y = 10 / $x; return $y } }\n"
                 "$p = [Pen]::new(); $p.C; $p.Div(2); $p.Div(0); 'after'; $p.C = 'Blue'; "
                 "$p | ConvertTo-Json -Compress; $p")
    assert res.objects[:3] == [0, 5, "after"] and str(res.objects[0]) == "Red"
    assert [e.message for e in res.errors] == ["Attempted to divide by zero."]
    assert res.text.endswith('after\n{"C":1}\n\n   C\n   -\nBlue\n\n')


def test_statics_are_not_reset_when_the_definition_statement_runs() -> None:
    res = Shell(lab="copies").run("$a = [Tally]::new(); $b = [Tally]::new()\n"
                                  "class Tally { static [int]$Count = 0; Tally() { [Tally]::Count++ } }\n[Tally]::Count")
    assert res.text == "2"
