"""The seams of DESIGN.md, enforced: imports go exshell -> cmdlets -> state; no print outside the
console host; no wall clock, no global random, no uuid4, no eval/exec, no subprocess."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("exshell", "cmdlets", "state")
FORBIDDEN_IMPORTS = {
    "state": {"exshell", "cmdlets", "pyparsing", "prompt_toolkit", "tabulate"},
    "cmdlets": {"exshell", "pyparsing", "prompt_toolkit", "tabulate"},
    "exshell": set(),
}
FORBIDDEN_CALLS = {("datetime", "now"), ("time", "time"), ("uuid", "uuid4"), ("datetime", "utcnow")}


def modules() -> list[Path]:
    return [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]


def imported_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_respects_the_seams(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = path.relative_to(ROOT).parts[0]
    bad = imported_names(tree) & FORBIDDEN_IMPORTS[pkg]
    assert not bad, f"{path}: imports {bad}"
    rel = str(path.relative_to(ROOT))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name):
                assert fn.id not in ("eval", "exec"), f"{rel}: {fn.id}()"
                if fn.id == "print":
                    assert rel == "exshell/host/console.py", f"{rel}: print() outside the console host"
            if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name):
                assert (fn.value.id, fn.attr) not in FORBIDDEN_CALLS, f"{rel}: {fn.value.id}.{fn.attr}()"
                assert fn.value.id != "random" or fn.attr == "Random", f"{rel}: global random.{fn.attr}()"
    assert not {"subprocess", "socket", "urllib", "http"} & imported_names(tree), f"{rel}: reaches the host"


def test_module_docstrings() -> None:
    missing = [str(p.relative_to(ROOT)) for p in modules()
               if p.read_text(encoding="utf-8").strip() and ast.get_docstring(ast.parse(p.read_text())) is None]
    assert not missing, missing


def test_one_shot_does_not_import_the_repl() -> None:
    import subprocess  # noqa: S404 - the test launches the project itself, not the product
    import sys
    code = "import sys; from exshell.cli import main; main(['-c','1+1']); print('prompt_toolkit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["2", "False"]
