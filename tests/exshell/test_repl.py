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


def test_progress_is_drawn_in_place_and_erased_before_the_output(capsys) -> None:
    shell = Shell()
    with create_pipe_input() as inp:
        inp.send_text("Write-Progress -Activity Seeding -Status DB1 -PercentComplete 50; 'done'\rexit\r")
        session = PromptSession(input=inp, output=DummyOutput())
        assert repl.run_repl(shell, session) == 0
    out = capsys.readouterr().out
    drawn = "\rSeeding: DB1 [oooooooooo          ] 50%".ljust(80)
    assert out == drawn + "\r" + " " * 79 + "\r" + "done\n"


def test_ctrl_c_stops_the_pipeline_with_an_operation_stopped_record() -> None:
    shell = Shell()

    def interrupt(*_args) -> None:
        raise KeyboardInterrupt

    shell.ctx.progress_handler = interrupt
    res = shell.run("1..3 | ForEach-Object { Write-Progress -Activity A -Status S; $_ }")
    err, = res.errors
    assert (err.category, err.message) == ("OperationStopped", "The pipeline has been stopped.")
    assert res.objects == []
    assert shell.run("'still here'").objects == ["still here"]
