"""Evaluation through the public door: Shell().run(...), exact text."""

from __future__ import annotations

import pytest

from exshell import Shell


@pytest.fixture(scope="module")
def sh() -> Shell:
    return Shell()


@pytest.mark.parametrize("source, text", [
    ("1 + 2", "3"),
    ('"a" + 3', "a3"),
    ("3 + '4'", "7"),
    ("'4' + 3", "43"),
    ("$x = 5; $x * 2", "10"),
    ("$n = $null; $n -eq $null", "True"),
    ("1,2,3 -eq 2", "2"),
    ("'Abc' -eq 'aBC'", "True"),
    ("'Abc' -ceq 'aBC'", "False"),
    ("'DB1' -like 'db*'", "True"),
    ("'MBX2' -match 'mbx(\\d)'; $matches[1]", "True\n2"),
    ("'a-b-c' -split '-' -join '+'", "a+b+c"),
    ("'{0,-5}|{1:N2}' -f 'ab', 1234.5", "ab   |1,234.50"),
    ("$h = @{Name='DAG1'}; $h.name", "DAG1"),
    ("$s = 'DAG1'; \"name: $s\"", "name: DAG1"),
    ('"$(1 + 1) copies"', "2 copies"),
    ("if (0) { 'yes' } else { 'no' }", "no"),
    ("$t = 0; foreach ($i in 1..4) { $t += $i }; $t", "10"),
    ("function Add-Two($a) { $a + 2 }; Add-Two 40", "42"),
    ("1..3 | ForEach-Object { $_ * 2 }", "2\n4\n6"),
    ("1..6 | Where-Object { $_ % 2 -eq 0 }", "2\n4\n6"),
    ("try { throw 'boom' } catch { \"caught $_\" }", "caught boom"),
    ("[int]'42' + 1", "43"),
    ("[timespan]'00:10:00'", ""),
])
def test_expression_results(sh: Shell, source: str, text: str) -> None:
    res = sh.run(source)
    assert res.ok, res.text
    if text:
        assert res.text == text


def test_state_persists_between_runs() -> None:
    sh = Shell()
    sh.run("$dag = 'DAG1'")
    assert sh.run("$dag").text == "DAG1"


def test_divide_by_zero_is_a_record_and_the_script_goes_on() -> None:
    res = Shell().run('1/0; "after"')
    assert [e.fully_qualified_error_id for e in res.errors] == ["RuntimeException"]
    assert res.errors[0].message == "Attempted to divide by zero."
    assert res.text.endswith("after")


def test_throw_ends_the_script() -> None:
    res = Shell().run('throw "stop here"; "not reached"')
    assert res.errors[0].message == "stop here"
    assert res.objects == []


def test_unknown_command_error_block_ps2() -> None:
    res = Shell().run("Get-Foo")
    assert res.errors[0].category == "ObjectNotFound"
    assert res.errors[0].fully_qualified_error_id == "CommandNotFoundException"
    assert res.text.split("\n") == [
        "The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script",
        "file, or operable program. Check the spelling of the name, or if a path was inc",
        "luded, verify that the path is correct and try again.",
        "At line:1 char:8",
        "+ Get-Foo <<<<",
        "    + CategoryInfo          : ObjectNotFound: (Get-Foo:String) [], CommandNotF",
        "   oundException",
        "    + FullyQualifiedErrorId : CommandNotFoundException",
        "",
    ]


def test_parse_error_is_a_record() -> None:
    res = Shell().run("Get-DatabaseAvailabilityGroup | Where-Object {")
    assert res.errors[0].category == "ParserError"
    assert res.errors[0].fully_qualified_error_id == "MissingEndCurlyBrace"


def test_runaway_loop_stops_with_operation_stopped() -> None:
    res = Shell().run("while ($true) {}", timeout=1)
    assert res.errors[0].category == "OperationStopped"


def test_runaway_recursion_is_call_depth_overflow() -> None:
    res = Shell().run("function r { r }; r")
    assert res.errors[0].fully_qualified_error_id == "CallDepthOverflow"
    assert res.errors[0].message == "The script failed due to call depth overflow."


def test_huge_allocation_is_refused() -> None:
    res = Shell().run("$a = 'x' * 100000000")
    assert res.errors[0].fully_qualified_error_id == "ScriptTooLarge"


@pytest.mark.parametrize("source", [
    "Get-DatabaseAvailabilityGroup | Where-Object {", "Get-Nope -x", "@{", "'unterminated",
    "Set-DatabaseAvailabilityGroup -Identity", "$a.b.c.d()", "1/0", "[nosuchtype]::x", "function r { r }; r",
    "$null.Foo()", "[int]'abc'", "Start-Sleep -Seconds x", "Format-List -Nope",
])
def test_bad_input_never_escapes_as_python_exception(source: str) -> None:
    res = Shell().run(source)
    assert not res.ok
    assert "Traceback" not in res.text
    assert "InternalError" not in [e.error_id for e in res.errors]


def test_start_sleep_advances_virtual_time_only() -> None:
    sh = Shell()
    before = sh.world.now
    sh.run("Start-Sleep -Seconds 90")
    assert (sh.world.now - before).total_seconds() == 90


def test_same_lab_and_commands_give_the_same_bytes() -> None:
    script = "$g = [guid]::NewGuid(); Get-Date; $g"
    assert Shell().run(script).text == Shell().run(script).text


def test_error_inside_a_function_is_caught_by_the_callers_try() -> None:
    res = Shell().run("function f { 1/0; 'x' }; try { f } catch { 'caught' }")
    assert res.text == "caught"
    assert res.ok


def test_finally_runs_after_catch() -> None:
    assert Shell().run("try { throw 'a' } catch { 'c' } finally { 'f' }").text == "c\nf"


def test_out_string_renders_like_the_console() -> None:
    assert Shell().run("1,2 | Out-String").objects == ["1\r\n2\r\n"]


def test_out_null_discards() -> None:
    res = Shell().run("1,2 | Out-Null")
    assert res.objects == [] and res.text == ""
