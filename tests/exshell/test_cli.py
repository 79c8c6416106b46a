"""The CLI through main(argv) with captured streams."""

from __future__ import annotations

import io

from exshell.cli import main


def run_cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    inp = io.StringIO(stdin)
    inp.isatty = lambda: False  # type: ignore[method-assign]
    code = main(list(argv), stdin=inp, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_command_prints_and_exits_zero() -> None:
    assert run_cli("-c", "1 + 1") == (0, "2\n", "")


def test_command_words_are_joined_like_pwsh() -> None:
    assert run_cli("-Command", "'a' +", "'b'")[:2] == (0, "ab\n")


def test_error_exits_one() -> None:
    code, out, _ = run_cli("-c", "Get-Foo")
    assert code == 1
    assert out.startswith("The term 'Get-Foo' is not recognized")


def test_commands_from_stdin() -> None:
    assert run_cli(stdin="$a = 3\n$a * 3\n")[:2] == (0, "9\n")


def test_labs_lists_built_in_labs() -> None:
    code, out, _ = run_cli("labs")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert "default" in names and "seed003" in names


def test_unknown_lab_is_a_clean_error() -> None:
    code, _, err = run_cli("--lab", "no-such-lab", "-c", "1")
    assert code == 2 and "no-such-lab" in err


def test_file_runs_a_script(tmp_path) -> None:
    script = tmp_path / "x.ps1"
    script.write_text("'from file'\nexit 3\n")
    code, out, _ = run_cli("-File", str(script))
    assert (code, out) == (3, "from file\n")


def test_bare_script_path(tmp_path) -> None:
    script = tmp_path / "y.ps1"
    script.write_text("'bare'\n")
    assert run_cli(str(script))[:2] == (0, "bare\n")


def test_timeout_stops_runaway(tmp_path) -> None:
    code, out, _ = run_cli("--timeout", "1", "-c", "while ($true) {}")
    assert code == 1 and "OperationStopped" in out


def test_bad_option() -> None:
    code, _, err = run_cli("--nope")
    assert code == 2 and "unknown option --nope" in err
