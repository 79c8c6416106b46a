"""The interactive console: one prompt_toolkit PromptSession, the EMS prompt, `>> ` continuation
while the input is incomplete, history kept in memory. A thin client of ``Shell``."""

from __future__ import annotations

from typing import Any

from exshell.host import console


def prompt_text(shell: Any) -> str:
    remote = getattr(shell.ctx, "remote_machine", None)
    if remote:                                   # Enter-PSSession: the remote prompt
        return f"[{remote}]: PS {shell.ctx.location}>"
    return f"[PS] {shell.ctx.location}>"


def read_command(session: Any, shell: Any) -> str | None:
    """One command, possibly over several lines; None at end of input."""
    from exshell.language import ParseError, parse

    lines: list[str] = []
    while True:
        try:
            line = session.prompt(prompt_text(shell) + " " if not lines else ">> ")
        except KeyboardInterrupt:
            return ""
        except EOFError:
            return None
        lines.append(line)
        text = "\n".join(lines)
        if not text.strip():
            return ""
        try:
            parse(text)
        except ParseError as err:
            if err.incomplete and line.strip():
                continue
        return text


def run_repl(shell: Any, session: Any = None) -> int:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import InMemoryHistory

    session = session or PromptSession(history=InMemoryHistory())
    shell.ctx.interactive = True
    shell.ctx.prompt_handler = lambda prompt: _ask(session, prompt)
    progress = Progress(shell.profile.width)
    shell.ctx.progress_handler = progress.draw
    while True:
        text = read_command(session, shell)
        if text is None:
            return 0
        if not text.strip():
            continue
        if text.strip().lower() == "exit":
            if not getattr(shell.ctx, "remote_machine", None):
                return 0
            text = "Exit-PSSession"                  # `exit` in a remote session leaves the session
        try:
            result = shell.run(text)
        except KeyboardInterrupt:                    # pressed while the output was being drawn
            continue
        finally:
            progress.clear()
        if result.text:
            console.write_lines(result.text.split("\n"))


def _ask(session: Any, prompt: str) -> str | None:
    try:
        return session.prompt(prompt)
    except (EOFError, KeyboardInterrupt):
        return None


class Progress:
    """Write-Progress at a live console: one line redrawn in place while the command runs and
    erased when it ends, so it never mixes with the output (nor reaches a transcript)."""

    def __init__(self, width: int):
        self.width = width
        self.shown = False

    def draw(self, activity: str, status: str, percent: int) -> None:
        bar = ""
        if percent is not None and percent >= 0:
            filled = max(0, min(20, percent // 5))
            bar = f" [{'o' * filled}{' ' * (20 - filled)}] {percent}%"
        line = f"{activity}: {status}{bar}"[: self.width - 1]
        console.write("\r" + line.ljust(self.width - 1))
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            console.write("\r" + " " * (self.width - 1) + "\r")
            self.shown = False
