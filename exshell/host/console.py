"""The only place that writes to the real terminal."""

from __future__ import annotations


def write_lines(lines: list[str]) -> None:
    for line in lines:
        print(line)


def write(text: str) -> None:
    print(text, end="", flush=True)
