"""Path resolution and the per-machine file system: properties that hold for any spelling."""

from hypothesis import given, settings, strategies as st

from cmdlets.windows.paths import full_path
from state.model.filesystem import FileSystem, normalize, parent, parse_hosts

SEGMENT = st.text(alphabet="abcXYZ019 _-", min_size=1, max_size=6).filter(lambda s: s.strip(". "))
PATHS = st.lists(SEGMENT, min_size=1, max_size=4).map(lambda parts: "C:\\" + "\\".join(parts))


@settings(max_examples=60, deadline=None)
@given(PATHS, st.sampled_from([str.upper, str.lower, lambda s: s.replace("\\", "/") + "\\"]))
def test_any_spelling_reaches_the_same_file(path, respell):
    fs = FileSystem()
    fs.write(path, "x")
    assert fs.is_file(respell(path))
    assert normalize(normalize(path)) == normalize(path)
    assert fs.is_dir(parent(path)) or len(parent(path)) <= 3


@settings(max_examples=60, deadline=None)
@given(PATHS, SEGMENT)
def test_relative_and_parent_segments_fold(location, leaf):
    assert full_path(location, leaf) == normalize(location + "\\" + leaf)
    assert full_path(location, "..\\" + leaf) == normalize(parent(normalize(location)) + "\\" + leaf)
    assert full_path(location, "\\" + leaf) == "C:\\" + leaf.rstrip(". ")


def test_unc_and_provider_paths():
    assert full_path(r"C:\Windows\system32", r"\\HUB01\FSW\.\a\..\b") == r"\\HUB01\FSW\b"
    assert full_path(r"C:\Windows", r"Microsoft.PowerShell.Core\FileSystem::C:\Temp") == r"C:\Temp"
    assert full_path(r"C:\Windows", "~\\Documents") == r"C:\Users\Administrator\Documents"
    assert full_path(r"C:\Windows", "c:") == "C:\\"


def test_hosts_parse_first_entry_wins_and_comments_skip():
    text = "# 1.1.1.1 gone\r\n10.0.0.1 a b # trailing\r\n10.0.0.2 A\r\n\r\n"
    assert dict(parse_hosts(text)) == {"a": "10.0.0.1", "b": "10.0.0.1"}


COMMANDS = st.sampled_from([
    "Get-Content {p}", "Set-Content {p} x", "Add-Content {p} y", "Remove-Item {p}", "Remove-Item {p} -Recurse",
    "New-Item {p}", "New-Item -ItemType Directory {p}", "Copy-Item {p} {q}", "Move-Item {p} {q}",
    "Rename-Item {p} renamed.txt", "Clear-Content {p}", "Get-ChildItem {p}", "Set-Location {p}", "'z' | Out-File {p}",
    "Export-Csv -InputObject 1 -Path {p}", "New-ItemProperty -Path HKLM:\\SOFTWARE\\{p2} -Name V -Value 1"])
TARGETS = st.sampled_from([r"C:\Data\a.txt", r"C:\Data", r"C:\Nope\b.txt", r"D:\x.txt", r"\\HUB01\C$\Data\a.txt",
                           r"\\HUB01\NoShare\a.txt", r"C:\Data\*.log", "rel.txt", r"C:\\"])


@settings(max_examples=40, deadline=None)
@given(COMMANDS, TARGETS, TARGETS)
def test_a_file_command_that_fails_changes_nothing(command, p, q):
    """Single-target file commands either succeed or leave the world (and the location) as they were."""
    from exshell import Shell

    shell = Shell()
    shell.run(r"New-Item C:\Data\a.txt -Force -Value data; New-Item C:\Data\b.log -Value log; "
              r"New-Item \\HUB01\C$\Data\a.txt -Force -Value remote")
    before, location = shell.world.snapshot(), shell.ctx.location
    res = shell.run(command.format(p=p, q=q, p2=p.replace(":", "")))
    if res.errors:
        assert shell.world.snapshot() == before, res.text
        assert shell.ctx.location == location


def test_file_system_dict_habits_the_model_uses():
    """The world's own bookkeeping treats a drive like a dict of path -> text (database files)."""
    fs = FileSystem()
    fs[r"C:\Program Files\Exchange\DB1.edb"] = ""
    fs[r"C:\DAG1" + "\\"] = ""
    assert fs.is_dir(r"c:\dag1") and fs.is_dir(r"C:\Program Files\Exchange")
    assert fs.get(r"c:\program files\exchange\db1.EDB") == "" and fs.get(r"C:\x", "none") == "none"
    assert fs.pop(r"C:\Program Files\Exchange\DB1.edb", None) == ""
    assert fs.pop(r"C:\Program Files\Exchange\DB1.edb", None) is None
    del fs[r"C:\DAG1"]
    assert r"C:\DAG1" not in fs
