"""Path resolution for the cmdlets that touch a machine's drives: relative paths against the
session's location, drive-relative paths, ``~``, provider-qualified paths, UNC paths to a
server's shares (``\\\\DC01\\FSW``, admin shares ``C$``), leaf wildcards; and the error records
the FileSystem provider writes (ItemNotFoundException and friends) in the real wording."""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from typing import Any, Iterator

import attrs

from cmdlets.api.cmdlet import Cmdlet
from cmdlets.api.errors import CmdletError, ErrorRecord
from cmdlets.api.parameters import param
from cmdlets.api.values import as_list
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
        found = self.fs.entries.get(self.local.lower())      # ``local`` is already normalized
        return found if found is not None else self.fs.entry(self.local)

    def child(self, name: str) -> "Located":
        sep = "" if self.display.endswith("\\") else "\\"
        return Located(self.server, fsm.normalize(self.local + "\\" + name), self.display + sep + name)


class PathCmdlet(Cmdlet):
    """-Path (wildcards allowed) or -LiteralPath (alias PSPath, what Get-ChildItem's output binds
    to), as the FileSystem provider's cmdlets declare them."""

    path: list[str] | None = param("String[]", position=0, mandatory=True, pipeline_by_name=True, sets=("Path",))
    literal_path: list[str] | None = param("String[]", mandatory=True, pipeline_by_name=True, sets=("LiteralPath",),
                                           aliases=("PSPath",))

    def path_args(self) -> tuple[list[str], bool]:
        """The path strings given, and whether they are literal."""
        literal = self.parameter_set_name == "LiteralPath"
        values = self.literal_path if literal else self.path
        return [self.runtime.to_string(v) for v in as_list(values)], literal

    def existing_items(self) -> Iterator["Located"]:
        """Every item the paths name; a path naming nothing is a PathNotFound error (see ``existing``)."""
        texts, literal = self.path_args()
        for text in texts:
            yield from existing(self, text, literal)


class PipedPathCmdlet(PathCmdlet):
    """The same, with -Path also taken from the pipeline by value (Test-Path, Get-Item, Copy-Item)."""

    path: list[str] | None = param("String[]", position=0, mandatory=True, pipeline=True, pipeline_by_name=True,
                                   sets=("Path",))


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


def locate(cmdlet: Any, path: str, machine: str | None = None, strict: bool = True) -> Located | None:
    """``path`` on the session's machine (or ``machine``), None when its server or share is unknown.
    A drive the machine lacks ends the record with DriveNotFound (``strict``) or gives None."""
    runtime = cmdlet.runtime
    display = full_path(runtime.location, path)
    here = machine or runtime.computer_name
    found = fsm.locate(runtime.world, here, display)
    if found is None or not _reaches(runtime.world, here, found[0]):
        return None
    if not found[0].files.has_drive(found[1][0]):
        if not strict:
            return None
        raise CmdletError(drive_not_found(cmdlet, found[1][0]), terminating=False)
    return Located(found[0], found[1], display)


def _reaches(world: Any, here: str, server: Any) -> bool:
    """A share on another machine answers only while that machine can be reached by its name."""
    from cmdlets.windows.network import reachable

    source = world.server(here)
    if server is source:
        return True
    address = world.resolve(here, server.name)
    return source is not None and address is not None and reachable(world, source, address)


def has_wildcard(path: str) -> bool:
    return bool(_WILD.search(path))


def expand(cmdlet: Any, path: str, strict: bool = True) -> list[Located]:
    """Every existing item ``path`` names: itself, or the matches of a wildcard leaf."""
    if not has_wildcard(path):
        found = locate(cmdlet, path, strict=strict)
        return [found] if found is not None and found.entry is not None else []
    display = full_path(cmdlet.runtime.location, path)
    head, _, pattern = display.rpartition("\\")
    folder = locate(cmdlet, head + "\\" if len(head) == 2 else head, strict=strict)
    if folder is None or not folder.fs.is_dir(folder.local):
        return []
    return [folder.child(fsm.leaf(e.path)) for e in folder.fs.children(folder.local)
            if fnmatch.fnmatchcase(fsm.leaf(e.path).lower(), pattern.lower())]


def existing(cmdlet: Any, path: str, literal: bool = False) -> list[Located]:
    """The items ``path`` names; a path that names nothing is a PathNotFound error, unless its
    leaf is a wildcard (which may match nothing, silently, as the provider does)."""
    if literal:
        found = locate(cmdlet, path)
        items = [found] if found is not None and found.entry is not None else []
    else:
        items = expand(cmdlet, path)
    if not items and (literal or not has_wildcard(path)):
        cmdlet.write_error(path_not_found(cmdlet, full_path(cmdlet.runtime.location, path)))
    return items


def exists_parent(target: Located) -> bool:
    up = fsm.parent(target.local)
    return not up or target.fs.is_dir(up)


# --- the FileSystem provider's error records --------------------------------------------------
def path_not_found(cmdlet: Any, path: str) -> ErrorRecord:
    return cmdlet.error(f"Cannot find path '{path}' because it does not exist.", "ObjectNotFound",
                        "PathNotFound", "System.Management.Automation.ItemNotFoundException",
                        target=path, target_type="String")


def drive_not_found(cmdlet: Any, letter: str) -> ErrorRecord:
    return cmdlet.error(f"Cannot find drive. A drive with the name '{letter}' does not exist.", "ObjectNotFound",
                        "DriveNotFound", "System.Management.Automation.DriveNotFoundException",
                        target=letter, target_type="String")


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


@lru_cache(maxsize=256)
def _time_column(when: Any, culture: Any) -> str:
    """The view's LastWriteTime cell: `{0,10}  {1,8}` of the short date and short time (a listing
    repeats few distinct times, hence the cache)."""
    from cmdlets.api.dotnet_format import format_datetime

    return f"{format_datetime(when, 'd', culture):>10}  {format_datetime(when, 't', culture):>8}"


def item_object(cmdlet: Any, item: Located) -> Any:
    """Get-ChildItem/New-Item output: a FileInfo or DirectoryInfo property bag. The properties the
    FileSystem list view shows come first; the rest (FullName, PSPath, ...) are there for scripts
    but left out of default displays."""
    from cmdlets.api.values import PSObject

    entry = item.entry
    ps5 = cmdlet.profile.ps_major >= 5
    when = entry.written or item.server.when_created or cmdlet.world.now
    name = fsm.leaf(item.display) if not item.display.startswith("\\\\") else item.display.rsplit("\\", 1)[-1]
    up = item.display.rsplit("\\", 1)[0] if "\\" in item.display.rstrip("\\") else ""
    if len(up) == 2:
        up += "\\"
    mode = mode_of(entry.is_dir, cmdlet.profile.ps_major)
    shown: list[tuple[str, Any]] = [("Name", name)]
    if not entry.is_dir:
        shown.append(("Length", len(entry.content.encode("utf-8"))))
    shown += [("CreationTime", when), ("LastWriteTime", when), ("LastAccessTime", when)]
    if ps5:
        shown += [("Mode", mode), ("LinkType", None), ("Target", [])]
    if not entry.is_dir:
        shown.append(("VersionInfo", _version_info(item.display)))
    extra: list[tuple[str, Any]] = [
        ("PSPath", PROVIDER_PREFIX + item.display), ("PSParentPath", PROVIDER_PREFIX + up),
        ("PSChildName", name), ("PSIsContainer", entry.is_dir), ("FullName", item.display), ("Exists", True),
        ("Attributes", "Directory" if entry.is_dir else "Archive"),
        ("LastWriteTimeText", _time_column(when, cmdlet.profile.culture)), ("DirectoryHeader", up)]
    if not ps5:
        extra.append(("Mode", mode))
    if entry.is_dir:
        extra += [("Parent", fsm.leaf(up) if up else None), ("Root", item.display[:3])]
    else:
        base, dot, ext = name.rpartition(".")
        extra += [("DirectoryName", up), ("IsReadOnly", False), ("Extension", dot + ext if dot else ""),
                  ("BaseName", base if dot else name)]
    return PSObject(DIR_TYPES if entry.is_dir else FILE_TYPES, shown + extra, to_string=name,
                    hidden=tuple(k for k, _ in extra))


def _version_info(path: str) -> str:
    """FileVersionInfo.ToString() of a file without version resources."""
    rows = [("File", path), ("InternalName", ""), ("OriginalFilename", ""), ("FileVersion", ""),
            ("FileDescription", ""), ("Product", ""), ("ProductVersion", ""), ("Debug", "False"),
            ("Patched", "False"), ("PreRelease", "False"), ("PrivateBuild", "False"), ("SpecialBuild", "False"),
            ("Language", "")]
    return "\n".join(f"{k + ':':<18}{v}".rstrip() for k, v in rows)
