"""pytest plugin: every transcripts/*.txt file is a test that replays it."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_collect_file(parent: pytest.Collector, file_path: Path):  # noqa: ANN201
    if file_path.suffix == ".txt" and file_path.parent.name == "transcripts":
        return TranscriptFile.from_parent(parent, path=file_path)
    return None


class TranscriptFile(pytest.File):
    def collect(self):  # noqa: ANN201
        yield TranscriptItem.from_parent(self, name=self.path.stem)


class TranscriptItem(pytest.Item):
    def runtest(self) -> None:
        from exshell.transcripts.format import parse_transcript
        from exshell.transcripts.replay import replay

        transcript = parse_transcript(self.path.read_text(encoding="utf-8"), str(self.path))
        failures = replay(transcript)
        if failures:
            raise TranscriptMismatch(failures)

    def repr_failure(self, excinfo):  # noqa: ANN001, ANN201
        if isinstance(excinfo.value, TranscriptMismatch):
            parts = []
            for f in excinfo.value.failures:
                parts.append(f"line {f.step.line}: {f.step.command}\n{f.diff}")
            return "\n\n".join(parts)
        return super().repr_failure(excinfo)

    def reportinfo(self):  # noqa: ANN201
        return self.path, 0, f"transcript {self.name}"


class TranscriptMismatch(Exception):
    def __init__(self, failures: list) -> None:
        super().__init__(f"{len(failures)} command(s) differ")
        self.failures = failures
