"""The console's "Suggestion [3,General]" lines come from its prompt loop, shown before the next
prompt: `exshell -c` (powershell.exe -Command) never reaches a prompt, so it prints none; the
REPL, transcripts and `Shell.run` (console sessions) keep them."""

from __future__ import annotations

import io

from exshell import Shell
from exshell.cli import main

SETUP = "cd C:\\Windows\\Temp; 'x' | Out-File t.ps1; t.ps1"


def _cli(*argv: str, stdin: str = "") -> tuple[int, str]:
    out, inp = io.StringIO(), io.StringIO(stdin)
    inp.isatty = lambda: False  # type: ignore[method-assign]
    code = main(list(argv), stdin=inp, stdout=out, stderr=io.StringIO())
    return code, out.getvalue()


def test_command_line_run_prints_no_suggestion() -> None:
    code, out = _cli("--lab", "copies", "-c", SETUP)
    assert code == 1
    assert out == (
        "t.ps1 : The term 't.ps1' is not recognized as the name of a cmdlet, function, s\n"
        "cript file, or operable program. Check the spelling of the name, or if a path w\n"
        "as included, verify that the path is correct and try again.\n"
        "At line:1 char:43\n"
        "+ cd C:\\Windows\\Temp; 'x' | Out-File t.ps1; t.ps1\n"
        "+                                           ~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (t.ps1:String) [], CommandNotFou\n"
        "   ndException\n"
        "    + FullyQualifiedErrorId : CommandNotFoundException\n"
        "\n")


def test_console_session_keeps_the_suggestion() -> None:
    lines = Shell("copies").run(SETUP).text.split("\n")
    assert lines[-5:] == [
        "",
        "Suggestion [3,General]: The command t.ps1 was not found, but does exist in the",
        "current location. Windows PowerShell does not load commands from the current lo",
        "cation by default. If you trust this command, instead type: \".\\t.ps1\". See \"get",
        "-help about_Command_Precedence\" for more details."]


def test_commands_piped_on_standard_input_keep_the_suggestion() -> None:
    assert "Suggestion [3,General]" in _cli("--lab", "copies", stdin=SETUP + "\n")[1]


def test_a_suggestion_withheld_from_one_run_does_not_reach_the_next() -> None:
    sh = Shell("copies")
    sh.prompts = False
    assert "Suggestion" not in sh.run(SETUP).text
    sh.prompts = True
    assert "Suggestion" not in sh.run("'next'").text
