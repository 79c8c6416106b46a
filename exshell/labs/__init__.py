"""Built-in labs (package data ``*.toml``) and the lab loader.

``list_labs()`` -> [(name, description)]; ``load_lab(name_or_path)`` -> Lab (world, setup,
console, culture, name). A name is a built-in lab; anything ending in .toml or containing a
path separator is read from disk."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from exshell.labs.loader import Lab, LabError, load_lab_file, load_lab_text

__all__ = ["Lab", "LabError", "list_labs", "load_lab"]


def _builtin() -> dict[str, str]:
    files = resources.files(__package__)
    return {p.name[:-5]: p.read_text(encoding="utf-8") for p in files.iterdir() if p.name.endswith(".toml")}


def list_labs() -> list[tuple[str, str]]:
    out = []
    for stem, text in sorted(_builtin().items()):
        lab = load_lab_text(text, f"{stem}.toml", default_name=stem)
        out.append((lab.name, lab.description))
    return out


def load_lab(name_or_path: str = "default") -> Lab:
    builtin = _builtin()
    key = name_or_path.lower()
    for stem, text in builtin.items():
        if stem.lower() == key:
            return load_lab_text(text, f"{stem}.toml", default_name=stem)
    import tomllib
    for stem, text in builtin.items():
        if str(tomllib.loads(text).get("name", "")).lower() == key:
            return load_lab_text(text, f"{stem}.toml", default_name=stem)
    if name_or_path.endswith(".toml") or "/" in name_or_path or "\\" in name_or_path or Path(name_or_path).exists():
        return load_lab_file(name_or_path)
    raise LabError(name_or_path, "", f"no built-in lab with that name (built-in: {', '.join(sorted(builtin))})")
