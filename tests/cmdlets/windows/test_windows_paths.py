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
