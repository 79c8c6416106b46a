"""The transcript format and replay: matching rules and a readable diff on failure."""

from __future__ import annotations

import io

from exshell.transcripts.format import parse_transcript
from exshell.transcripts.replay import block_matches, lines_match, replay, replay_paths

TEXT = """# lab: default
# width: 80
PS C:\\> $a = 2
PS C:\\> $a +
>> 3
5
PS C:\\> Write-Warning 'careful'
WARNING: careful
PS C:\\>
"""


def test_parse_headers_steps_and_continuations() -> None:
    t = parse_transcript(TEXT, "t.txt")
    assert t.lab == "default" and t.width == 80
    assert [s.command for s in t.steps] == ["$a = 2", "$a +\n3", "Write-Warning 'careful'"]
    assert t.steps[1].expected == ("5",)


def test_replay_passes() -> None:
    assert replay(parse_transcript(TEXT)) == []


def test_replay_fails_with_a_diff_when_a_line_is_edited() -> None:
    failures = replay(parse_transcript(TEXT.replace("\n5\n", "\n6\n")))
    assert len(failures) == 1
    assert "-6" in failures[0].diff and "+5" in failures[0].diff


def test_volatile_values_compare_by_shape() -> None:
    assert lines_match("Guid : 8360edd9-4cec-49ab-9e14-04b1fcd3f8ac", "Guid : 0123abcd-0000-4000-8000-00000000abcd")
    assert lines_match("WhenCreated : 22/04/2009 14:17:14", "WhenCreated : 23/04/2009 09:01:02")
    assert not lines_match("Name : DAG1", "Name : DAG2")


def test_ellipsis_matches_any_lines() -> None:
    assert block_matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert block_matches(["a", "...", "d"], ["a", "d"])
    assert not block_matches(["a", "...", "d"], ["a", "b"])


def test_replay_paths_reports_and_exits(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    bad = tmp_path / "bad.txt"
    bad.write_text(TEXT.replace("\n5\n", "\n6\n"))
    out = io.StringIO()
    assert replay_paths([str(tmp_path)], out) == 1
    report = out.getvalue()
    assert "FAIL" in report and "1 passed, 1 failed" in report
