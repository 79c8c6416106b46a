"""The transcript format: `#` header lines (`# lab:`, `# source:`, `# width:`), then console
prompts with their commands (`[PS] C:\\...>` or `PS C:\\...>`, continuation lines starting with
`>> `) and the output the console showed after each."""

from __future__ import annotations

import re

import attrs

# `[PS] C:\..>` (EMS), `PS C:\..>`, and `[MBX2]: PS C:\..>` inside Enter-PSSession
PROMPT = re.compile(r"^(?:\[PS\] |PS |\[[^\]\s]+\]: PS )[A-Za-z]:\\[^>]*>(?: ?)(.*)$")
CONTINUATION = ">> "


@attrs.frozen
class Step:
    command: str
    expected: tuple[str, ...]
    line: int                       # line number of the prompt in the file


@attrs.frozen
class Transcript:
    path: str
    headers: dict[str, str]
    steps: tuple[Step, ...]

    @property
    def lab(self) -> str:
        return self.headers.get("lab", "default")

    @property
    def width(self) -> int:
        try:
            return int(self.headers.get("width", "80"))
        except ValueError:
            return 80


def parse_transcript(text: str, path: str = "") -> Transcript:
    headers: dict[str, str] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines) and (lines[i].startswith("#") or not lines[i].strip()):
        line = lines[i]
        if line.startswith("#") and ":" in line:
            key, _, value = line[1:].partition(":")
            headers.setdefault(key.strip().lower(), value.strip())
        i += 1
    steps: list[Step] = []
    while i < len(lines):
        m = PROMPT.match(lines[i])
        if not m:
            i += 1
            continue
        start = i
        command = [m.group(1)]
        i += 1
        while i < len(lines) and lines[i].startswith(CONTINUATION):
            command.append(lines[i][len(CONTINUATION):])
            i += 1
        expected = []
        while i < len(lines) and not PROMPT.match(lines[i]):
            expected.append(lines[i])
            i += 1
        text_cmd = "\n".join(command)
        if text_cmd.strip():
            steps.append(Step(text_cmd, tuple(expected), start + 1))
    return Transcript(path, headers, tuple(steps))
