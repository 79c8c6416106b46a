"""A machine's file system and registry: case-insensitive Windows paths, directories, drives,
file contents with their last write time, and the hosts file parse name resolution reads.

Paths are absolute local paths (``C:\\Scripts\\a.txt``); UNC paths and relative paths are
turned into (machine, local path) by ``locate`` and by the cmdlets' path helper. Keys are the
lower-cased normalized path; each entry keeps the spelling it was created with."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterator, Mapping

from attrs import define, field

if TYPE_CHECKING:
    from state.model.servers import Server
    from state.world import World

HOSTS_PATH = "C:\\Windows\\System32\\drivers\\etc\\hosts"

# What a fresh Windows Server install has (directories), before the lab adds anything.
SKELETON = (
    "C:\\Program Files", "C:\\Users\\Administrator\\Documents", "C:\\Users\\Administrator\\Desktop",
    "C:\\Windows\\System32\\drivers\\etc", "C:\\Windows\\Temp",
)

_HOSTS_HEAD = (
    "# Static host name to address mappings, one per line: address, then names.\r\n"
    "# Lines starting with '#' are comments.\r\n"
    "#\r\n"
)
# Windows Server 2008 R2 and later leave localhost to the DNS client (both lines commented out);
# 2008 maps it in the file, IPv6 included (seed 003 comments the ::1 line out); 2003 has IPv4 only.
DEFAULT_HOSTS = _HOSTS_HEAD + "#\t127.0.0.1       localhost\r\n#\t::1             localhost\r\n"
HOSTS_BY_OS = {
    "2003": _HOSTS_HEAD + "127.0.0.1       localhost\r\n",
    "2008": _HOSTS_HEAD + "127.0.0.1       localhost\r\n::1             localhost\r\n",
}

_DRIVE = re.compile(r"^[A-Za-z]:")


def normalize(path: str) -> str:
    """Canonical spelling: backslashes, no doubled or trailing separators, upper-case drive,
    ``.``/``..`` folded; ``C:`` and ``C:\\`` are the root ``C:\\``."""
    text = path.replace("/", "\\")
    if not _DRIVE.match(text):
        return text
    drive, rest = text[0].upper() + ":", text[2:]
    parts: list[str] = []
    for part in rest.split("\\"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part.rstrip(". ") or part)          # Windows drops trailing dots and spaces
    return drive + "\\" + "\\".join(parts)


def key(path: str) -> str:
    return normalize(path).lower()


def parent(path: str) -> str:
    """The containing directory of a normalized path ('' for a drive root)."""
    norm = normalize(path)
    if len(norm) <= 3:
        return ""
    head = norm.rsplit("\\", 1)[0]
    return head + "\\" if len(head) == 2 else head


def leaf(path: str) -> str:
    norm = normalize(path)
    return norm if len(norm) <= 3 else norm.rsplit("\\", 1)[1]


@define(eq=False)
class FileEntry:
    """One file or directory. ``written`` is the virtual time of the last write (None: before
    the lab started)."""

    path: str
    is_dir: bool = False
    content: str = ""
    written: dt.datetime | None = None


@define(eq=False)
class FileSystem:
    """One machine's drives. Dict-like for the model's own bookkeeping: ``fs[path] = text``
    writes a file (a path ending in ``\\`` makes a directory), parents are created as needed."""

    entries: dict[str, FileEntry] = field(factory=dict)
    drives: list[str] = field(factory=lambda: ["C"])       # drive letters, besides those holding entries

    @classmethod
    def standard(cls) -> "FileSystem":
        fs = cls()
        for directory in SKELETON:
            fs.mkdir(directory)
        fs.write(HOSTS_PATH, DEFAULT_HOSTS)
        return fs

    # --- dict-like -----------------------------------------------------------------------
    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and key(path) in self.entries

    def __getitem__(self, path: str) -> str:
        return self.entries[key(path)].content

    def __setitem__(self, path: str, content: str) -> None:
        if path.endswith("\\") or path.endswith("/"):
            self.mkdir(path)
        else:
            self.write(path, content)

    def setdefault(self, path: str, content: str = "") -> str:
        if path not in self:
            self[path] = content
        return self.entries[key(path)].content

    def pop(self, path: str, default: str | None = None) -> str | None:
        """Remove a file and return its content (``default`` when there is none)."""
        found = self.entries.get(key(path))
        if found is None:
            return default
        self.remove(path)
        return found.content

    def __delitem__(self, path: str) -> None:
        if path not in self:
            raise KeyError(path)
        self.remove(path)

    def get(self, path: str, default: str | None = None) -> str | None:
        found = self.entries.get(key(path))
        return found.content if found is not None else default

    def pop(self, path: str, *default: str | None) -> str | None:
        """Remove a file (or a directory with what it holds) and return its text."""
        found = self.entries.get(key(path))
        if found is None:
            if default:
                return default[0]
            raise KeyError(path)
        self.remove(path)
        return found.content

    def keys(self) -> list[str]:
        return [e.path for e in self.entries.values()]

    def __iter__(self) -> Iterator[str]:
        return (e.path for e in self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    # --- queries -------------------------------------------------------------------------
    def entry(self, path: str) -> FileEntry | None:
        norm = normalize(path)
        found = self.entries.get(norm.lower())
        if found is None and len(norm) == 3 and self.has_drive(norm[0]):
            return FileEntry(norm, is_dir=True)
        return found

    def has_drive(self, letter: str) -> bool:
        prefix = letter.lower() + ":\\"
        return letter.upper() in self.drives or any(k.startswith(prefix) for k in self.entries)

    def is_dir(self, path: str) -> bool:
        found = self.entry(path)
        return found is not None and found.is_dir

    def is_file(self, path: str) -> bool:
        found = self.entry(path)
        return found is not None and not found.is_dir

    def children(self, path: str) -> list[FileEntry]:
        """Entries directly inside a directory, directories first, each group by name."""
        base = key(path).rstrip("\\") + "\\"
        kids = [e for k, e in self.entries.items() if k.startswith(base) and "\\" not in k[len(base):]]
        return sorted(kids, key=lambda e: (not e.is_dir, leaf(e.path).lower()))

    def descendants(self, path: str) -> list[FileEntry]:
        base = key(path).rstrip("\\") + "\\"
        return [e for k, e in self.entries.items() if k.startswith(base)]

    # --- changes -------------------------------------------------------------------------
    def _entry_for(self, path: str, is_dir: bool, when: dt.datetime | None) -> FileEntry:
        """The entry at ``path``, made (with its missing parent directories) if absent."""
        norm = normalize(path)
        up = parent(norm)
        if up and len(up) > 3:
            self.mkdir(up, when)
        found = self.entries.get(norm.lower())
        if found is None:
            found = self.entries[norm.lower()] = FileEntry(norm, is_dir=is_dir, written=when)
        return found

    def mkdir(self, path: str, when: dt.datetime | None = None) -> FileEntry:
        return self._entry_for(path, True, when)

    def write(self, path: str, content: str, when: dt.datetime | None = None, append: bool = False) -> FileEntry:
        found = self._entry_for(path, False, when)
        found.content = (found.content if append else "") + content
        found.written = when
        return found

    def remove(self, path: str) -> None:
        """Remove an entry and everything under it."""
        k = key(path)
        for sub in [s for s in self.entries if s == k or s.startswith(k.rstrip("\\") + "\\")]:
            del self.entries[sub]

    # --- hosts file ----------------------------------------------------------------------
    def hosts(self) -> Mapping[str, str]:
        """lower host name -> address from the hosts file, first entry wins (as Windows reads it)."""
        found = self.entries.get(HOSTS_PATH.lower())
        return parse_hosts(found.content) if found is not None and not found.is_dir else _NO_HOSTS


@define(eq=False)
class RegistryKey:
    """One registry key: its path as created (``HKLM:\\SYSTEM\\...``) and its values
    (name -> (value, kind), kind as New-ItemProperty -PropertyType names it)."""

    path: str
    values: dict[str, tuple[object, str]] = field(factory=dict)


# Registry keys the seed procedures open, as a fresh Windows Server has them (R-CCR2007-7: the
# LanmanServer parameters key; seed 003: the Tcpip6 parameters key for DisabledComponents).
STANDARD_KEYS = (
    ("HKLM:\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters",
     (("EnableSecuritySignature", 0, "DWord"), ("RequireSecuritySignature", 0, "DWord"))),
    ("HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Tcpip6\\Parameters", ()),
    ("HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters", ()),
    ("HKLM:\\SOFTWARE\\Microsoft", ()),
)


def standard_registry() -> dict[str, RegistryKey]:
    """Every key of STANDARD_KEYS with its parents, keyed by lower-cased path."""
    out: dict[str, RegistryKey] = {}
    for path, values in STANDARD_KEYS:
        parts = path.split("\\")
        for n in range(2, len(parts) + 1):
            sub = "\\".join(parts[:n])
            out.setdefault(sub.lower(), RegistryKey(sub))
        out[path.lower()].values.update({name: (value, kind) for name, value, kind in values})
    return out


@lru_cache(maxsize=64)
def parse_hosts(text: str) -> Mapping[str, str]:
    """lower name -> address from a hosts file's text; comments and blank lines skipped. Read-only:
    the parse is shared by every machine whose file has this text."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        for name in words[1:]:
            out.setdefault(name.lower(), words[0])
    return MappingProxyType(out)


_NO_HOSTS: Mapping[str, str] = MappingProxyType({})


def locate(world: "World", machine: str, path: str) -> tuple["Server", str] | None:
    """(server, local path) for an absolute local path on ``machine`` or a UNC path
    ``\\\\SERVER\\share\\rest`` (a share the server publishes, or an admin share ``C$``).
    None when the server or the share does not exist."""
    text = path.replace("/", "\\")
    if text.startswith("\\\\"):
        parts = text[2:].split("\\", 2)
        server = world.server(parts[0])
        if server is None or len(parts) < 2 or not parts[1]:
            return None
        share = parts[1]
        rest = parts[2] if len(parts) > 2 else ""
        if re.fullmatch(r"[A-Za-z]\$", share):
            base = share[0].upper() + ":\\"
        else:
            base = next((p for s, p in server.shares.items() if s.lower() == share.lower()), None)
            if base is None:
                return None
        return server, normalize(base + "\\" + rest)
    server = world.server(machine)
    return (server, normalize(text)) if server is not None else None
