"""Replaying transcripts: run each command in one Shell and compare with what the console
showed. Trailing spaces and blank lines at the edges are ignored; values that change on every
run (GUIDs, dates and times, as in RunspaceId, Guid, WhenCreated) compare by shape; a line `...`
matches any number of lines. Confirmation prompts are answered with what the transcript typed."""

from __future__ import annotations

import difflib
import os
import re
from typing import TextIO

import attrs

from exshell.labs.loader import LabError
from exshell.transcripts.format import Step, Transcript, parse_transcript

_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}:\d{2}(?: [AP]M)?\b")
_ANSWER = re.compile(r'\(default is "[A-Z]"\):\s?(.*)$')


@attrs.frozen
class StepFailure:
    step: Step
    diff: str


def _volatile(line: str) -> bool:
    return bool(_GUID.search(line) or _DATE.search(line) or _TIME.search(line))


def _shape(line: str) -> str:
    line = _GUID.sub("<guid>", line)
    return re.sub(r"\d", "9", line)


def lines_match(expected: str, actual: str) -> bool:
    if expected == actual:
        return True
    return _volatile(expected) and _shape(expected) == _shape(actual)


def _trim(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def block_matches(expected: list[str], actual: list[str]) -> bool:
    """`...` in expected matches any run of actual lines (including none)."""
    memo: dict[tuple[int, int], bool] = {}

    def go(i: int, j: int) -> bool:
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(expected):
            result = j == len(actual)
        elif expected[i].strip() == "...":
            result = go(i + 1, j) or (j < len(actual) and go(i, j + 1))
        else:
            result = j < len(actual) and lines_match(expected[i], actual[j]) and go(i + 1, j + 1)
        memo[key] = result
        return result

    return go(0, 0)


def answers_in(expected: list[str]) -> list[str]:
    return [m.group(1) for line in expected for m in [_ANSWER.search(line)] if m]


def replay(transcript: Transcript) -> list[StepFailure]:
    from exshell.shell import Shell

    shell = Shell(transcript.lab, width=transcript.width)
    failures = []
    for step in transcript.steps:
        expected = _trim(list(step.expected))
        result = shell.run(step.command, answers=answers_in(expected))
        actual = _trim(result.text.split("\n")) if result.text else []
        if not block_matches(expected, actual):
            diff = "\n".join(difflib.unified_diff(expected, actual, "expected", "actual", lineterm=""))
            failures.append(StepFailure(step, diff))
    return failures


def transcript_files(paths: list[str]) -> list[str]:
    out = []
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith(".txt"):
                    out.append(os.path.join(path, name))
        else:
            out.append(path)
    return out


def replay_paths(paths: list[str], out: TextIO) -> int:
    files = transcript_files(paths or ["transcripts"])
    failed = 0
    for path in files:
        try:
            with open(path, encoding="utf-8") as fh:
                transcript = parse_transcript(fh.read(), path)
            failures = replay(transcript)
        except (OSError, UnicodeDecodeError, LabError) as exc:
            problem = exc.strerror if isinstance(exc, OSError) else (
                "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc))
            out.write(f"ERROR {path}: {problem}\n")
            failed += 1
            continue
        if failures:
            failed += 1
            out.write(f"FAIL {path}\n")
            for f in failures:
                out.write(f"  line {f.step.line}: {f.step.command.splitlines()[0]}\n")
                out.write("".join("    " + line + "\n" for line in f.diff.splitlines()))
        else:
            out.write(f"ok   {path} ({len(transcript.steps)} commands)\n")
    passed = len(files) - failed
    out.write(f"{passed} passed, {failed} failed\n")
    return 1 if failed else 0
