"""Item and location cmdlets on the emulated machines' drives: Test-Path, New-Item, Remove-Item,
Get-ChildItem (dir, ls, gci), Copy-Item, Move-Item, Set-Location (cd), Get-Location (pwd).

Registry paths (``HKLM:\\...``) are handed to cmdlets.windows.registry; everything else is the
FileSystem provider on the session's machine (UNC paths reach other machines' shares)."""

from __future__ import annotations

import fnmatch
from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject, as_list
from cmdlets.windows import paths, registry
from state.model import filesystem as fsm

PS3 = ("2013", "2016", "2019")



@cmdlet("Test-Path", module="Microsoft.PowerShell.Management", default_set="Path")
class TestPathCommand(paths.PipedPathCmdlet):
    """Whether a path exists (-PathType Leaf/Container narrows it)."""
    synopsis = "Determines whether a path exists."
    examples = (
        (r"Test-Path C:\DAG1",
         r"This example returns True when C:\DAG1 exists."),
        (r"Test-Path \\HUB01\C$\DAG1 -PathType Container",
         "This example checks that the witness directory exists on HUB01 as a directory."),
    )

    path_type: str = param("TestPathType", values=("Any", "Container", "Leaf"), aliases=("Type",), default="Any")
    is_valid: bool = param("SwitchParameter")

    def process_record(self) -> None:
        texts, literal = self.path_args()
        for text in texts:
            if self.is_valid:
                self.write_object(True)
                continue
            if registry.is_registry_path(text):
                self.write_object(registry.key_exists(self, text) and self.path_type != "Leaf")
                continue
            found = [f for f in [paths.locate(self, text, strict=False)] if f is not None and f.entry is not None] \
                if literal else paths.expand(self, text, strict=False)
            if self.path_type == "Container":
                found = [f for f in found if f.entry.is_dir]
            elif self.path_type == "Leaf":
                found = [f for f in found if not f.entry.is_dir]
            self.write_object(bool(found))


@cmdlet("New-Item", module="Microsoft.PowerShell.Management", default_set="pathSet")
class NewItemCommand(Cmdlet):
    """Creates a file or directory (or a registry key)."""
    examples = (
        (r"New-Item -Path C:\DAG1 -ItemType Directory",
         r"This example creates the directory C:\DAG1."),
        (r"New-Item C:\Logs\notes.txt -ItemType File -Value 'Switchover at 9:00'",
         "This example creates a file with one line of text."),
    )

    supports_should_process = True

    path: list[str] | None = param("String[]", position=0, pipeline_by_name=True, sets=("pathSet", "nameSet"))
    item_name: str | None = param("String", name="Name", mandatory=True, pipeline_by_name=True,
                                  sets=("nameSet",))
    item_type: str | None = param("String", pipeline_by_name=True, aliases=("Type",))
    value: Any = param("Object", pipeline=True, pipeline_by_name=True, aliases=("Target",))
    force: bool = param("SwitchParameter")

    def process_record(self) -> None:
        targets = [self.runtime.to_string(p) for p in as_list(self.path)] or [self.runtime.location]
        if self.item_name:
            targets = [t.rstrip("\\") + "\\" + self.item_name for t in targets]
        for text in targets:
            if registry.is_registry_path(text):
                registry.new_key(self, text, self.force)
                continue
            target = paths.locate(self, text)
            display = paths.full_path(self.runtime.location, text)
            kind = (self.item_type or "File").lower()
            if target is None:
                self.write_error(paths.part_not_found(self, display, "NewItemIOError", "WriteError"))
            elif kind in ("directory", "container"):
                self._directory(target)
            elif kind == "file":
                self._file(target)
            else:
                self.write_error(self.error(
                    "The type is not a known type for the file system. Only \"file\" and \"directory\" can be "
                    "created.", "InvalidArgument", "NewItemUnknownType", "System.IO.IOException",
                    target=display, target_type="String"))

    def _directory(self, target: paths.Located) -> None:
        entry = target.entry
        if entry is not None and not self.force:
            self.write_error(self.error(f"An item with the specified name {target.display} already exists.",
                                        "ResourceExists", "DirectoryExist", "System.IO.IOException",
                                        target=target.display, target_type="String"))
            return
        if entry is not None and not entry.is_dir:
            self.write_error(self.error(f"The file '{target.display}' already exists.", "WriteError",
                                        "NewItemIOError", "System.IO.IOException", target=target.display,
                                        target_type="String"))
            return
        if self.should_process(f"Destination: {target.display}", "Create Directory"):
            target.fs.mkdir(target.local, when=self.world.now)
            self.write_object(paths.item_object(self, target))

    def _file(self, target: paths.Located) -> None:
        entry = target.entry
        if entry is not None and (entry.is_dir or not self.force):
            message = (f"Access to the path '{target.display}' is denied." if entry.is_dir
                       else f"The file '{target.display}' already exists.")
            self.write_error(self.error(message, "WriteError", "NewItemIOError", "System.IO.IOException",
                                        target=target.display, target_type="String"))
            return
        if not paths.exists_parent(target) and not self.force:
            self.write_error(paths.part_not_found(self, target.display, "NewItemIOError", "WriteError"))
            return
        if self.should_process(f"Destination: {target.display}", "Create File"):
            text = "" if self.value is None else self.runtime.to_string(self.value)
            paths.write_text(self, target, text)
            self.write_object(paths.item_object(self, target))


@cmdlet("Remove-Item", module="Microsoft.PowerShell.Management", default_set="Path")
class RemoveItemCommand(paths.PathCmdlet):
    """Deletes files and directories (-Recurse for a directory with children)."""
    examples = (
        (r"Remove-Item C:\Logs\*.txt",
         r"This example deletes the text files of C:\Logs."),
        (r"Remove-Item C:\Archive -Recurse",
         r"This example deletes C:\Archive and everything in it."),
    )

    supports_should_process = True

    recurse: bool = param("SwitchParameter")
    force: bool = param("SwitchParameter")
    filter: str | None = param("String")
    include: list[str] | None = param("String[]")
    exclude: list[str] | None = param("String[]")

    def process_record(self) -> None:
        texts, literal = self.path_args()
        for text in texts:
            if registry.is_registry_path(text):
                registry.remove_key(self, text)
                continue
            found = paths.existing(self, text, literal)
            for item in found:
                self._remove(item)

    def _remove(self, item: paths.Located) -> None:
        if item.entry is None:
            return
        if len(item.local) <= 3:                       # a drive root is never removed
            self.write_error(paths.access_denied(self, item.display, "RemoveFileSystemItemUnAuthorizedAccess"))
            return
        action = "Remove Directory" if item.entry.is_dir else "Remove File"
        if not self.should_process(item.display, action):
            return
        if item.entry.is_dir and item.fs.children(item.local) and not self.recurse:
            query = (f"The item at {item.display} has children and the Recurse parameter was not specified. If "
                     "you continue, all children will be removed with the item. Are you sure you want to continue?")
            if not self.runtime.should_continue(query, "Confirm"):
                return
        item.fs.remove(item.local)


@cmdlet("Get-ChildItem", module="Microsoft.PowerShell.Management", default_set="Items")
class GetChildItemCommand(Cmdlet):
    """Lists a directory (the Directory: header, Mode, LastWriteTime, Length, Name)."""
    synopsis = "Gets the files and directories in a directory."
    examples = (
        (r"Get-ChildItem C:\Logs",
         r"This example lists the files and directories in C:\Logs."),
        (r"Get-ChildItem C:\ -Recurse -Filter *.log",
         "This example finds every .log file on drive C."),
    )

    path: list[str] | None = param("String[]", position=0, pipeline=True, pipeline_by_name=True, sets=("Items",))
    literal_path: list[str] | None = param("String[]", mandatory=True, pipeline_by_name=True,
                                           sets=("LiteralItems",), aliases=("PSPath",))
    filter: str | None = param("String", position=1)
    include: list[str] | None = param("String[]")
    exclude: list[str] | None = param("String[]")
    recurse: bool = param("SwitchParameter", aliases=("s",))
    force: bool = param("SwitchParameter")
    item_name: bool = param("SwitchParameter", name="Name")
    file: bool = param("SwitchParameter", versions=PS3)
    directory: bool = param("SwitchParameter", aliases=("ad", "d"), versions=PS3)

    def process_record(self) -> None:
        values = self.literal_path if self.parameter_set_name == "LiteralItems" else self.path
        texts = [self.runtime.to_string(v) for v in as_list(values)] or ["."]
        for text in texts:
            if registry.is_registry_path(text):
                for key in registry.subkeys(self, text):
                    self.write_object(key)
                continue
            found = paths.existing(self, text, self.parameter_set_name == "LiteralItems")
            for item in found:
                if item.entry.is_dir and not paths.has_wildcard(text):
                    self._list_folder(item)
                else:
                    self._emit(item)

    def _list_folder(self, folder: paths.Located) -> None:
        if folder.entry is None:            # removed further down the pipeline before its turn came
            self.write_error(self.error(f"Could not find a part of the path '{folder.display}'.", "ReadError",
                                        "DirIOError", "System.IO.DirectoryNotFoundException",
                                        target=folder.display, target_type="String"))
            return
        listed = folder.fs.children(folder.local)
        kids = [folder.child(fsm.leaf(e.path)) for e in listed]
        for kid in kids:
            self._emit(kid)
        if self.recurse:
            for kid, entry in zip(kids, listed):
                if entry.is_dir:
                    self._list_folder(kid)

    def _emit(self, item: paths.Located) -> None:
        entry = item.entry
        if entry is None:                   # already removed by a later command of the pipeline
            return
        name = fsm.leaf(item.local)
        if (self.file and entry.is_dir) or (self.directory and not entry.is_dir):
            return
        if self.filter and not fnmatch.fnmatchcase(name.lower(), self.filter.lower()):
            return
        if self.include and not any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in self.include):
            return
        if self.exclude and any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in self.exclude):
            return
        self.write_object(name if self.item_name else paths.item_object(self, item))


@cmdlet("Get-Item", module="Microsoft.PowerShell.Management", default_set="Path")
class GetItemCommand(paths.PipedPathCmdlet):
    """The file, directory or registry key a path names (not its children)."""
    synopsis = "Gets the item at a path: a file, a directory or a registry key."
    examples = (
        (r"Get-Item C:\Windows",
         r"This example gets the directory C:\Windows itself, not its children."),
    )

    force: bool = param("SwitchParameter")

    def process_record(self) -> None:
        texts, literal = self.path_args()
        for text in texts:
            if registry.is_registry_path(text):
                key = registry.find_key(self, text)
                if key is None:
                    self.write_error(paths.path_not_found(self, registry.normalize(text)))
                else:
                    self.write_object(registry.key_object(self, key))
                continue
            for item in paths.existing(self, text, literal):
                self.write_object(paths.item_object(self, item))


@cmdlet("Rename-Item", module="Microsoft.PowerShell.Management", default_set="ByPath")
class RenameItemCommand(Cmdlet):
    """Gives a file or directory a new name in the same directory."""
    examples = (
        (r"Rename-Item C:\Logs\copies.csv copies-old.csv",
         "This example renames a file in its directory."),
    )

    supports_should_process = True

    path: str | None = param("String", position=0, mandatory=True, pipeline_by_name=True, sets=("ByPath",))
    literal_path: str | None = param("String", mandatory=True, pipeline_by_name=True, sets=("ByLiteralPath",),
                                     aliases=("PSPath",))
    new_name: str | None = param("String", position=1, mandatory=True, pipeline_by_name=True)
    force: bool = param("SwitchParameter")
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        text = self.runtime.to_string(self.path if self.parameter_set_name == "ByPath" else self.literal_path)
        for item in paths.existing(self, text, self.parameter_set_name == "ByLiteralPath"):
            head = item.display.rsplit("\\", 1)[0]
            dest = paths.locate(self, (head + "\\" if len(head) == 2 else head + "\\") + self.new_name)
            if dest.entry is not None and dest.local.lower() != item.local.lower():
                self.write_error(self.error("Cannot create a file when that file already exists.", "WriteError",
                                            "RenameItemIOError", "System.IO.IOException", target=item.display,
                                            target_type="String"))
                continue
            action = "Rename Directory" if item.entry.is_dir else "Rename File"
            if not self.should_process(f"Item: {item.display} Destination: {dest.display}", action):
                continue
            _copy_tree(item, dest, self.world.now, True)
            if dest.local.lower() != item.local.lower():
                item.fs.remove(item.local)
            if self.pass_thru:
                self.write_object(paths.item_object(self, dest))


class _CopyOrMove(paths.PipedPathCmdlet):
    move = False
    supports_should_process = True

    destination: str | None = param("String", position=1, pipeline_by_name=True)
    force: bool = param("SwitchParameter")
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        texts, literal = self.path_args()
        dest_text = self.destination or self.runtime.location
        for text in texts:
            found = paths.existing(self, text, literal)
            for item in found:
                self._one(item, dest_text)

    def _one(self, item: paths.Located, dest_text: str) -> None:
        dest = paths.locate(self, dest_text)
        display = paths.full_path(self.runtime.location, dest_text)
        if dest is None or not paths.exists_parent(dest):
            self.write_error(paths.part_not_found(self, display, self._error_id()))
            return
        if dest.entry is not None and dest.entry.is_dir:
            dest = dest.child(fsm.leaf(item.local))
        if self.move and dest.entry is not None and not self.force:
            self.write_error(self.error("Cannot create a file when that file already exists.", "WriteError",
                                        "MoveFileInfoItemIOError", "System.IO.IOException", target=item.display,
                                        target_type="String"))
            return
        action = ("Move " if self.move else "Copy ") + ("Directory" if item.entry.is_dir else "File")
        if not self.should_process(f"Item: {item.display} Destination: {dest.display}", action):
            return
        _copy_tree(item, dest, self.world.now, self.move or bool(getattr(self, "recurse", False)))
        if self.move:
            item.fs.remove(item.local)
        if self.pass_thru:
            self.write_object(paths.item_object(self, dest))

    def _error_id(self) -> str:
        return "MoveFileInfoItemIOError" if self.move else "CopyDirectoryInfoItemIOError"


def _copy_tree(source: paths.Located, dest: paths.Located, when: Any, deep: bool) -> None:
    """Copy a file, or a directory (its contents too when ``deep``: -Recurse, or a move)."""
    entry = source.entry
    if not entry.is_dir:
        dest.fs.write(dest.local, entry.content, when=entry.written or when)
        return
    dest.fs.mkdir(dest.local, when=when)
    for sub in source.fs.descendants(source.local) if deep else []:
        rel = sub.path[len(fsm.normalize(source.local)):].lstrip("\\")
        target = fsm.normalize(dest.local + "\\" + rel)
        if sub.is_dir:
            dest.fs.mkdir(target, when=when)
        else:
            dest.fs.write(target, sub.content, when=sub.written or when)


@cmdlet("Copy-Item", module="Microsoft.PowerShell.Management", default_set="Path")
class CopyItemCommand(_CopyOrMove):
    """Copies files and directories (across machines through UNC paths)."""
    synopsis = "Copies files and directories."
    examples = (
        (r"Copy-Item C:\Scripts\Check.ps1 \\MBX2\C$\Scripts",
         "This example copies a script to MBX2 through its administrative share."),
    )

    recurse: bool = param("SwitchParameter")


@cmdlet("Move-Item", module="Microsoft.PowerShell.Management", default_set="Path")
class MoveItemCommand(_CopyOrMove):
    """Moves files and directories."""
    examples = (
        (r"Move-Item C:\Logs\copies.csv C:\Archive",
         r"This example moves a file into C:\Archive."),
    )

    move = True


@cmdlet("Set-Location", module="Microsoft.PowerShell.Management", default_set="Path")
class SetLocationCommand(Cmdlet):
    """Changes the session's current directory (the prompt follows)."""
    examples = (
        (r"Set-Location C:\Scripts",
         r"This example makes C:\Scripts the current directory; the prompt follows."),
    )

    path: str | None = param("String", position=0, pipeline=True, pipeline_by_name=True, sets=("Path",))
    literal_path: str | None = param("String", mandatory=True, pipeline_by_name=True, sets=("LiteralPath",),
                                     aliases=("PSPath",))
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        text = self.runtime.to_string(self.literal_path if self.parameter_set_name == "LiteralPath" else self.path)
        if not text:
            text = paths.HOME
        display = paths.full_path(self.runtime.location, text)
        target = paths.locate(self, text)
        if target is None or target.entry is None:
            self.write_error(paths.path_not_found(self, display))
            return
        if not target.entry.is_dir:
            self.write_error(self.error(f"Cannot set the location to item '{display}' because it is not a "
                                        "container.", "InvalidArgument", "SetLocationNotAContainer",
                                        "System.Management.Automation.PSArgumentException", target=display,
                                        target_type="String"))
            return
        self.runtime.location = _spelled(target)
        if self.pass_thru:
            self.write_object(path_info(self.runtime.location))


def _spelled(target: paths.Located) -> str:
    """The location as the prompt shows it: the stored names' spelling; a UNC location is
    provider-qualified, as PowerShell shows it."""
    if target.display.startswith("\\\\"):
        return paths.PROVIDER_PREFIX + target.display
    found = target.fs.entries.get(fsm.key(target.local))
    return found.path if found is not None else target.display


def path_info(location: str) -> PSObject:
    drive = location[0] if location[1:2] == ":" else ""
    provider_path = location[len(paths.PROVIDER_PREFIX):] if location.startswith(paths.PROVIDER_PREFIX) else location
    return PSObject(("System.Management.Automation.PathInfo", "System.Object"),
                    [("Drive", drive), ("Provider", "Microsoft.PowerShell.Core\\FileSystem"),
                     ("ProviderPath", provider_path), ("Path", location)], to_string=location)


@cmdlet("Get-Location", module="Microsoft.PowerShell.Management")
class GetLocationCommand(Cmdlet):
    """The session's current directory, as a PathInfo."""
    synopsis = "Gets the current location of the session."
    examples = (
        ("Get-Location",
         "This example shows the current directory of the session."),
    )

    stack: bool = param("SwitchParameter")

    def process_record(self) -> None:
        self.write_object(path_info(self.runtime.location))
