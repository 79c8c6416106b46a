"""The REPL, headless: prompt_toolkit pipe input and dummy output."""

from __future__ import annotations

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.shortcuts import PromptSession

from exshell import Shell
from exshell.host import repl


def test_repl_runs_commands_and_continues_incomplete_input(capsys) -> None:
    shell = Shell()
    with create_pipe_input() as inp:
        inp.send_text("$x = @(1,\r2)\r$x.Count\rexit\r")
        session = PromptSession(input=inp, output=DummyOutput())
        assert repl.run_repl(shell, session) == 0
    assert capsys.readouterr().out == "2\n"


def test_prompt_is_the_ems_prompt() -> None:
    assert repl.prompt_text(Shell()) == "[PS] C:\\Windows\\system32>"
