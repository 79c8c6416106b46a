"""The command line, pwsh habits first:

    exshell                              REPL on the default lab
    exshell -Command "..." | -c "..."    run, print, exit 1 if any error was written
    exshell -File x.ps1 [args] | x.ps1   run a script (a dry run: nothing leaves the emulator)
    exshell --lab NAME|FILE ...          pick the lab
    exshell --width N ...                console width (default 80)
    exshell --timeout SECONDS ...        bound a non-interactive run
    exshell replay FILE|DIR ...          replay transcripts, diff on failure, exit 1 on failure
    exshell labs                         list built-in labs

Commands piped on standard input run as one script.
"""

from __future__ import annotations

import sys
from typing import TextIO

USAGE = __doc__.split("\n\n", 1)[1].rstrip() + "\n"


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        opts = _parse(argv)
    except ValueError as exc:
        stderr.write(f"exshell: {exc}\n{USAGE}")
        return 2
    if opts["help"]:
        stdout.write(USAGE)
        return 0
    if opts["verb"] == "labs":
        from exshell.labs import list_labs
        for name, description in list_labs():
            stdout.write(f"{name:<12} {description}\n")
        return 0
    if opts["verb"] == "replay":
        from exshell.transcripts.replay import replay_paths
        return replay_paths(opts["rest"], stdout)
    from exshell.labs.loader import LabError
    try:
        from exshell.shell import Shell
        shell = Shell(opts["lab"], width=opts["width"])
    except (LabError, OSError) as exc:
        stderr.write(f"exshell: {exc}\n")
        return 2
    if opts["command"] is not None or opts["file"] is not None:
        shell.prompts = False      # as powershell.exe -Command/-File: no prompt, so no suggestions before one
    if opts["command"] is not None:
        return _emit(shell.run(opts["command"], timeout=opts["timeout"]), stdout)
    if opts["file"] is not None:
        try:
            res = shell.run_file(opts["file"], args=opts["rest"], timeout=opts["timeout"])
        except OSError as exc:
            stderr.write(f"exshell: cannot read {opts['file']}: {exc.strerror}\n")
            return 2
        _emit(res, stdout)
        return res.exit_code
    if not stdin.isatty():
        return _emit(shell.run(stdin.read(), timeout=opts["timeout"]), stdout)
    from exshell.host.repl import run_repl
    return run_repl(shell)


def _emit(res: object, stdout: TextIO) -> int:
    text = getattr(res, "text")
    if text:
        stdout.write(text + "\n")
    code = getattr(res, "exit_code", 0)
    if code:
        return code
    return 0 if getattr(res, "ok") else 1


def _parse(argv: list[str]) -> dict:
    opts: dict = {"lab": "default", "width": 80, "timeout": None, "command": None, "file": None, "rest": [],
                  "verb": None, "help": False}
    i = 0
    while i < len(argv):
        arg = argv[i]
        low = arg.lower()
        if low in ("-h", "--help", "-help", "-?", "/?"):
            opts["help"] = True
        elif low in ("--lab", "-lab"):
            opts["lab"] = _value(argv, i)
            i += 1
        elif low in ("--width", "-width"):
            opts["width"] = _int(_value(argv, i), "--width")
            i += 1
        elif low in ("--timeout", "-timeout"):
            opts["timeout"] = float(_int(_value(argv, i), "--timeout"))
            i += 1
        elif low in ("-c", "-command", "--command"):
            opts["command"] = " ".join(argv[i + 1:]) if i + 1 < len(argv) else _value(argv, i)
            break
        elif low in ("-f", "-file", "--file"):
            opts["file"] = _value(argv, i)
            opts["rest"] = argv[i + 2:]
            break
        elif low in ("-noprofile", "-nologo", "-noninteractive"):
            pass
        elif opts["verb"] is None and low in ("replay", "labs") and opts["command"] is None:
            opts["verb"] = low
            opts["rest"] = argv[i + 1:]
            break
        elif not arg.startswith("-"):
            opts["file"] = arg
            opts["rest"] = argv[i + 1:]
            break
        else:
            raise ValueError(f"unknown option {arg}")
        i += 1
    return opts


def _value(argv: list[str], i: int) -> str:
    if i + 1 >= len(argv):
        raise ValueError(f"{argv[i]} needs a value")
    return argv[i + 1]


def _int(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{name} takes a whole number, not {text!r}") from None
