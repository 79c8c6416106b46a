"""Path resolution for the cmdlets that touch a machine's drives: relative paths against the
session's location, drive-relative paths, ``~``, provider-qualified paths, UNC paths to a
server's shares (``\\\\DC01\\FSW``, admin shares ``C$``), leaf wildcards; and the error records
the FileSystem provider writes (ItemNotFoundException and friends) in the real wording."""

from __future__ import annotations

import fnmatch
import re
from typing import Any

import attrs

from cmdlets.api.errors import ErrorRecord
from state.model import filesystem as fsm

HOME = "C:\\Users\\Administrator"
_PROVIDER = re.compile(r"^(?:Microsoft\.PowerShell\.Core\\)?FileSystem::", re.IGNORECASE)
_WILD = re.compile(r"[*?\[]")


@attrs.frozen
class Located:
    """A path resolved to one machine: its server entity, the local path there, and the full
    path as PowerShell shows it back (UNC paths stay UNC)."""

    server: Any
    local: str
    display: str

    @property
    def fs(self) -> fsm.FileSystem:
        return self.server.files

    @property
    def entry(self) -> fsm.FileEntry | None:
        return self.fs.entry(self.local)

    def child(self, name: str) -> "Located":
        sep = "" if self.display.endswith("\\") else "\\"
        return Located(self.server, fsm.normalize(self.local + "\\" + name), self.display + sep + name)


def full_path(location: str, path: str) -> str:
    """The absolute path PowerShell would resolve ``path`` to from ``location``."""
    text = _PROVIDER.sub("", str(path)).replace("/", "\\")
    if text == "~" or text.startswith("~\\"):
        text = HOME + text[1:]
    if text.startswith("\\\\"):
        return _fold_unc(text)
    if re.match(r"^[A-Za-z]:", text):
        rest = text[2:]
        return fsm.normalize(text if rest.startswith("\\") or not rest else text[:2] + "\\" + rest)
    base = _PROVIDER.sub("", location)
    if text.startswith("\\"):
        if base.startswith("\\\\"):
            return _fold_unc("\\\\" + "\\".join(base[2:].split("\\")[:2]) + text)
        return fsm.normalize(base[:2] + text)
    if base.startswith("\\\\"):
        return _fold_unc(base.rstrip("\\") + "\\" + text)
    return fsm.normalize(base.rstrip("\\") + "\\" + text)


def _fold_unc(text: str) -> str:
    parts = [p for p in text[2:].split("\\") if p not in ("", ".")]
    out: list[str] = []
    for part in parts:
        if part == ".." and len(out) > 2:
            out.pop()
        elif part != "..":
            out.append(part)
    return "\\\\" + "\\".join(out)


def locate(runtime: Any, path: str, machine: str | None = None) -> Located | None:
    """``path`` on the session's machine (or ``machine``), None when its server or share is unknown."""
    display = full_path(runtime.location, path)
    found = fsm.locate(runtime.world, machine or runtime.computer_name, display)
    return Located(found[0], found[1], display) if found else None


def has_wildcard(path: str) -> bool:
    return bool(_WILD.search(path))


def expand(runtime: Any, path: str) -> list[Located]:
    """Every existing item ``path`` names: itself, or the matches of a wildcard leaf."""
    if not has_wildcard(path):
        found = locate(runtime, path)
        return [found] if found is not None and found.entry is not None else []
    display = full_path(runtime.location, path)
    head, _, pattern = display.rpartition("\\")
    folder = locate(runtime, head + "\\" if len(head) == 2 else head)
    if folder is None or not folder.fs.is_dir(folder.local):
        return []
    return [folder.child(fsm.leaf(e.path)) for e in folder.fs.children(folder.local)
            if fnmatch.fnmatchcase(fsm.leaf(e.path).lower(), pattern.lower())]


def exists_parent(target: Located) -> bool:
    up = fsm.parent(target.local)
    return not up or target.fs.is_dir(up)


# --- the FileSystem provider's error records --------------------------------------------------
def path_not_found(cmdlet: Any, path: str) -> ErrorRecord:
    return cmdlet.error(f"Cannot find path '{path}' because it does not exist.", "ObjectNotFound",
                        "PathNotFound", "System.Management.Automation.ItemNotFoundException",
                        target=path, target_type="String")


def part_not_found(cmdlet: Any, path: str, error_id: str, category: str = "ObjectNotFound") -> ErrorRecord:
    return cmdlet.error(f"Could not find a part of the path '{path}'.", category, error_id,
                        "System.IO.DirectoryNotFoundException", target=path, target_type="String")


def access_denied(cmdlet: Any, path: str, error_id: str) -> ErrorRecord:
    return cmdlet.error(f"Access to the path '{path}' is denied.", "PermissionDenied", error_id,
                        "System.UnauthorizedAccessException", target=path, target_type="String")


def write_text(cmdlet: Any, target: Located, text: str, append: bool = False) -> None:
    """Write a file on the virtual clock (the caller has checked the parent exists)."""
    target.fs.write(target.local, text, when=cmdlet.world.now, append=append)


# --- FileInfo / DirectoryInfo ------------------------------------------------------------------
FILE_TYPES = ("System.IO.FileInfo", "System.IO.FileSystemInfo", "System.MarshalByRefObject", "System.Object")
DIR_TYPES = ("System.IO.DirectoryInfo", "System.IO.FileSystemInfo", "System.MarshalByRefObject", "System.Object")
PROVIDER_PREFIX = "Microsoft.PowerShell.Core\\FileSystem::"


def mode_of(is_dir: bool, ps_major: int) -> str:
    """The Mode column: 'd----'/'-a---' (PowerShell 2-4), one more flag column from 5.0 on."""
    text = "d----" if is_dir else "-a---"
    return text + "-" if ps_major >= 5 else text


def item_object(cmdlet: Any, item: Located) -> Any:
    """Get-ChildItem/New-Item output: a FileInfo or DirectoryInfo property bag. ``LastWriteTimeText``
    is the table view's `{0,10}  {1,8}` short date and time (hidden from lists)."""
    from cmdlets.api.dotnet_format import format_datetime
    from cmdlets.api.values import PSObject

    entry = item.entry
    when = entry.written or item.server.when_created or cmdlet.world.now
    culture = cmdlet.profile.culture
    name = fsm.leaf(item.display) if not item.display.startswith("\\\\") else item.display.rsplit("\\", 1)[-1]
    up = item.display.rsplit("\\", 1)[0] if "\\" in item.display.rstrip("\\") else ""
    if len(up) == 2:
        up += "\\"
    text = f"{format_datetime(when, 'd', culture):>10}  {format_datetime(when, 't', culture):>8}"
    props: list[tuple[str, Any]] = [
        ("PSPath", PROVIDER_PREFIX + item.display), ("PSParentPath", PROVIDER_PREFIX + up),
        ("PSChildName", name), ("PSIsContainer", entry.is_dir), ("Mode", mode_of(entry.is_dir, cmdlet.profile.ps_major)),
        ("Name", name), ("FullName", item.display),
    ]
    if entry.is_dir:
        props += [("Parent", fsm.leaf(up) if up else None), ("Exists", True), ("Root", item.display[:3])]
    else:
        base, dot, ext = name.rpartition(".")
        props += [("Length", len(entry.content.encode("utf-8"))), ("DirectoryName", up), ("IsReadOnly", False),
                  ("Exists", True), ("Extension", dot + ext if dot else ""), ("BaseName", base if dot else name)]
    props += [("CreationTime", when), ("LastAccessTime", when), ("LastWriteTime", when),
              ("Attributes", "Directory" if entry.is_dir else "Archive"), ("LastWriteTimeText", text),
              ("DirectoryHeader", up)]
    return PSObject(DIR_TYPES if entry.is_dir else FILE_TYPES, props, to_string=name,
                    hidden=("PSPath", "PSParentPath", "PSChildName", "PSIsContainer", "LastWriteTimeText",
                            "DirectoryHeader"))
