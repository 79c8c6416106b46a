"""Path string cmdlets scripts lean on: Join-Path, Split-Path, Resolve-Path. Join-Path and
Split-Path work on the text (as the real ones do for paths that need not exist); Resolve-Path
asks the session machine's drives."""

from __future__ import annotations


from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import as_list
from cmdlets.builtins.items import path_info
from cmdlets.windows import paths



def join(parent: str, child: str) -> str:
    if not parent:
        return child
    return parent.rstrip("\\/") + "\\" + child.lstrip("\\/")


def split_parent(path: str) -> str:
    """Split-Path's default (-Parent): everything before the last separator; a root keeps its
    backslash, a root's parent is empty."""
    text = path.rstrip("\\") if len(path) > 3 else path
    if text.startswith("\\\\"):
        parts = text[2:].split("\\")
        return "\\\\" + "\\".join(parts[:-1]) if len(parts) > 2 else ""
    if len(text) <= 3 and text[1:2] == ":":
        return ""
    head, sep, _ = text.rpartition("\\")
    if not sep:
        return ""
    return head + "\\" if head.endswith(":") else head


@cmdlet("Join-Path", module="Microsoft.PowerShell.Management")
class JoinPathCommand(Cmdlet):
    """Joins a path and a child path with one backslash."""
    examples = (
        (r"Join-Path C:\DAG1 Witness",
         r"This example returns C:\DAG1\Witness."),
    )

    path: list[str] | None = param("String[]", position=0, mandatory=True, pipeline=True, pipeline_by_name=True,
                                   aliases=("PSPath",))
    child_path: str | None = param("String", position=1, mandatory=True, pipeline_by_name=True)
    resolve: bool = param("SwitchParameter")

    def process_record(self) -> None:
        for parent in as_list(self.path):
            joined = join(self.runtime.to_string(parent), self.child_path or "")
            if self.resolve:
                for item in paths.existing(self, joined):
                    self.write_object(item.display)
            else:
                self.write_object(joined)


@cmdlet("Split-Path", module="Microsoft.PowerShell.Management", default_set="ParentSet")
class SplitPathCommand(Cmdlet):
    """The parent (default), leaf, qualifier or the rest of a path."""
    synopsis = "Returns a part of a path, such as its parent directory or its leaf."
    examples = (
        (r"Split-Path C:\Logs\copies.csv -Leaf",
         "This example returns copies.csv."),
        (r"Split-Path C:\Logs\copies.csv",
         r"This example returns C:\Logs."),
    )

    path: list[str] | None = param("String[]", position=0, mandatory=True, pipeline=True, pipeline_by_name=True)
    parent: bool = param("SwitchParameter", sets=("ParentSet",))
    leaf: bool = param("SwitchParameter", mandatory=True, sets=("LeafSet",))
    qualifier: bool = param("SwitchParameter", mandatory=True, sets=("QualifierSet",))
    no_qualifier: bool = param("SwitchParameter", mandatory=True, sets=("NoQualifierSet",))
    is_absolute: bool = param("SwitchParameter", mandatory=True, sets=("IsAbsoluteSet",))

    def process_record(self) -> None:
        for raw in as_list(self.path):
            text = self.runtime.to_string(raw)
            drive = text[:2] if text[1:2] == ":" else ""
            if self.leaf:
                self.write_object(text.rstrip("\\").rsplit("\\", 1)[-1] if len(text) > 3 else "")
            elif self.qualifier:
                self.write_object(drive)
            elif self.no_qualifier:
                self.write_object(text[len(drive):])
            elif self.is_absolute:
                self.write_object(bool(drive and text[2:3] == "\\") or text.startswith("\\\\"))
            else:
                self.write_object(split_parent(text))


@cmdlet("Resolve-Path", module="Microsoft.PowerShell.Management")
class ResolvePathCommand(Cmdlet):
    """The full paths a (wildcard) path names, as PathInfo objects (-Relative: .\\ strings)."""
    synopsis = "Resolves wildcards in a path to the full paths they name."
    examples = (
        (r"Resolve-Path C:\Logs\*.csv",
         r"This example lists the full paths of the CSV files in C:\Logs."),
    )

    path: list[str] | None = param("String[]", position=0, mandatory=True, pipeline=True, pipeline_by_name=True)
    relative: bool = param("SwitchParameter")

    def process_record(self) -> None:
        for raw in as_list(self.path):
            for item in paths.existing(self, self.runtime.to_string(raw)):
                if self.relative:
                    self.write_object(self._relative(item.display))
                else:
                    self.write_object(path_info(item.display))

    def _relative(self, full: str) -> str:
        here = self.runtime.location.rstrip("\\")
        if full.lower().startswith(here.lower() + "\\"):
            return ".\\" + full[len(here) + 1:]
        return full
