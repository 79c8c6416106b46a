"""Properties of script made from strings: whatever the string, Invoke-Expression and
[scriptblock]::Create end in output or PowerShell error records, never an internal error; a
string that does not parse runs nothing, so the session's variables stay as they were."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exshell import Shell

PIECES = ["$a", "$b", "=", "+", "1", "2", "'x'", "(", ")", "{", "}", ";", "|", "Write-Output", "if", "-eq",
          "\n", " ", ",", "[int]", "$null", "@(", "\"$a\""]
TEXTS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join)
SHELL = Shell()


@settings(max_examples=40, deadline=None)
@given(TEXTS)
def test_iex_never_fails_inside_and_a_parse_error_changes_nothing(text: str) -> None:
    SHELL.run("$a = 5; $b = 7")
    quoted = text.replace("'", "''")
    res = SHELL.run(f"iex '$b = 99; {quoted}'")
    assert all(e.error_id != "InternalError" for e in res.errors)
    parse_failed = any(e.category == "ParserError" and e.command_type.endswith("InvokeExpressionCommand")
                       for e in res.errors)
    if parse_failed:
        assert SHELL.run("\"$a $b\"").text == "5 7"


@settings(max_examples=30, deadline=None)
@given(TEXTS)
def test_create_parses_or_throws_a_method_invocation_exception(text: str) -> None:
    quoted = text.replace("'", "''")
    res = SHELL.run(f"$sb = $null; $sb = [scriptblock]::Create('{quoted}'); $sb -is [scriptblock]")
    if res.errors:
        assert [e.exception_type for e in res.errors] == ["System.Management.Automation.MethodInvocationException"]
        assert res.text.endswith("False")
    else:
        assert res.text == "True"
