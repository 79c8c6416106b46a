"""File, item and location cmdlets on the session machine's drives: exact text and errors."""

import pytest

from exshell import Shell


@pytest.fixture
def shell():
    return Shell()


def only_error(res):
    assert len(res.errors) == 1, res.text
    return res.errors[0]


def test_set_then_get_content_lines_and_bytes(shell):
    assert shell.run(r'Set-Content C:\notes.txt "one","two"; Add-Content C:\notes.txt three').ok
    assert shell.world.server("MBX1").files[r"c:\NOTES.TXT"] == "one\r\ntwo\r\nthree\r\n"
    assert shell.run(r"Get-Content C:\notes.txt").objects == ["one", "two", "three"]
    assert shell.run(r"Get-Content C:\notes.txt -TotalCount 2").objects == ["one", "two"]
    assert shell.run(r"gc C:\notes.txt -First 1").objects == ["one"]


def test_relative_paths_resolve_against_the_location(shell):
    res = shell.run(r'cd C:\Users\Administrator; Set-Content a.txt x; Get-Content .\a.txt; (Get-Location).Path')
    assert res.objects == ["x", r"C:\Users\Administrator"]
    assert r"c:\users\administrator\a.txt" in shell.world.server("MBX1").files.entries


def test_get_content_missing_path_error():
    res = Shell().run(r"Get-Content C:\x")
    err = only_error(res)
    assert err.message == r"Cannot find path 'C:\x' because it does not exist."
    assert (err.category, err.exception_name) == ("ObjectNotFound", "ItemNotFoundException")
    assert err.fully_qualified_error_id == "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand"


def test_get_content_relative_missing_path_names_the_full_path(shell):
    err = only_error(shell.run("Get-Content nofile.txt"))
    assert err.message == r"Cannot find path 'C:\Windows\system32\nofile.txt' because it does not exist."


def test_set_content_into_missing_directory_changes_nothing(shell):
    before = shell.world.snapshot()
    err = only_error(shell.run(r"Set-Content C:\nope\a.txt x"))
    assert err.message == r"Could not find a part of the path 'C:\nope\a.txt'."
    assert err.fully_qualified_error_id == \
        "GetContentWriterDirectoryNotFoundError,Microsoft.PowerShell.Commands.SetContentCommand"
    assert shell.world.snapshot() == before


def test_get_content_tail_and_raw_exist_from_powershell_3():
    sh = Shell(lab="seed003")
    assert sh.run(r"Get-Content C:\Windows\System32\drivers\etc\hosts -Tail 1").errors[0].error_id == \
        "NamedParameterNotFound"
    ps5 = Shell(lab=_lab_2016())
    ps5.run(r'Set-Content C:\t.txt "a","b","c"')
    assert ps5.run(r"Get-Content C:\t.txt -Tail 2").objects == ["b", "c"]
    assert ps5.run(r"Get-Content C:\t.txt -Raw").objects == ["a\r\nb\r\nc\r\n"]


def test_out_file_writes_what_the_console_shows(shell):
    shell.run(r"Get-ExchangeServer MBX1 | Select-Object Name,Edition | Out-File C:\servers.txt")
    text = shell.world.server("MBX1").files[r"C:\servers.txt"]
    assert text == "\r\nName                                    Edition\r\n" \
                   "----                                    -------\r\n" \
                   "MBX1                                    Enterprise\r\n\r\n\r\n"


def test_redirection_writes_into_the_world(shell):
    shell.run(r'"a" > C:\r.txt; "b" >> C:\r.txt')
    assert shell.run(r"Get-Content C:\r.txt").objects == ["a", "b"]


def test_test_path_with_path_type(shell):
    res = shell.run(r"Test-Path C:\Windows; Test-Path C:\Windows -PathType Leaf; "
                    r"Test-Path C:\Windows\System32\drivers\etc\hosts -PathType Leaf; "
                    r"Test-Path D:\; Test-Path c:\WINDOWS")
    assert res.objects == [True, False, True, False, True]


def test_new_item_directory_and_file_listing(shell):
    res = shell.run(r"New-Item -ItemType Directory C:\Scripts; New-Item C:\Scripts\run.ps1 -Value 'Get-Date'")
    assert res.text == "\n".join([
        "", "", "    Directory: C:\\", "", "",
        "Mode                LastWriteTime     Length Name",
        "----                -------------     ------ ----",
        "d----          5/1/2010   9:00 AM            Scripts",
        "", "", "    Directory: C:\\Scripts", "", "",
        "Mode                LastWriteTime     Length Name",
        "----                -------------     ------ ----",
        "-a---          5/1/2010   9:00 AM          8 run.ps1", "", ""])


def test_get_child_item_table_on_powershell_5():
    sh = Shell(lab=_lab_2016())
    sh.run(r"New-Item -ItemType Directory C:\Logs; Set-Content C:\Logs\a.log hello")
    assert sh.run(r"dir C:\Logs").text == "\n".join([
        "", "", "    Directory: C:\\Logs", "", "",
        "Mode                LastWriteTime         Length Name",
        "----                -------------         ------ ----",
        "-a----         5/1/2016   9:00 AM              7 a.log", "", ""])


def test_new_item_errors(shell):
    shell.run(r"New-Item -ItemType Directory C:\D")
    err = only_error(shell.run(r"New-Item -ItemType Directory C:\D"))
    assert err.message == r"An item with the specified name C:\D already exists."
    assert err.fully_qualified_error_id == "DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand"
    shell.run(r"New-Item C:\D\f.txt")
    err = only_error(shell.run(r"New-Item C:\D\f.txt"))
    assert (err.message, err.category) == (r"The file 'C:\D\f.txt' already exists.", "WriteError")


def test_remove_item_recurse_and_missing(shell):
    shell.run(r"New-Item C:\T\a\b.txt -Force")
    assert shell.run(r"Remove-Item C:\T -Recurse").ok
    assert shell.run(r"Test-Path C:\T").objects == [False]
    err = only_error(shell.run(r"Remove-Item C:\T"))
    assert err.fully_qualified_error_id == "PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand"


def test_remove_item_whatif_keeps_the_file(shell):
    shell.run(r"Set-Content C:\keep.txt x")
    res = shell.run(r"Remove-Item C:\keep.txt -WhatIf")
    assert res.text == r'What if: Performing operation "Remove File" on Target "C:\keep.txt".'
    assert shell.run(r"Test-Path C:\keep.txt").objects == [True]


def test_wildcards_and_filters(shell):
    shell.run(r"New-Item -ItemType Directory C:\W; Set-Content C:\W\a.txt 1; Set-Content C:\W\b.log 2")
    assert shell.run(r"Get-ChildItem C:\W -Filter *.txt -Name").objects == ["a.txt"]
    assert shell.run(r"Get-ChildItem C:\W\*.log | ForEach-Object { $_.Name }").objects == ["b.log"]
    assert shell.run(r"Remove-Item C:\W\*.txt; Get-ChildItem C:\W -Name").objects == ["b.log"]


def test_copy_and_move_items(shell):
    shell.run(r"New-Item -ItemType Directory C:\A; Set-Content C:\A\f.txt data")
    assert shell.run(r"Copy-Item C:\A\f.txt C:\g.txt; Move-Item C:\g.txt C:\A\h.txt").ok
    assert shell.run(r"Get-ChildItem C:\A -Name").objects == ["f.txt", "h.txt"]
    assert shell.run(r"Get-Content C:\A\h.txt").objects == ["data"]


def test_set_location_errors_and_prompt_spelling(shell):
    err = only_error(shell.run(r"cd C:\nowhere"))
    assert err.fully_qualified_error_id == "PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand"
    shell.run(r"cd c:\users\ADMINISTRATOR")
    assert shell.ctx.location == r"C:\Users\Administrator"
    assert shell.run("pwd").text == "\n".join(["", "Path", "----", r"C:\Users\Administrator", "", ""])


def test_unc_paths_reach_the_witness_share(shell):
    """R-DAG-11: the witness directory is shared; the share maps UNC paths onto HUB01's drive."""
    for cmd in (r"New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 "
                "-DatabaseAvailabilityGroupIpAddresses 192.168.1.50",
                "Add-DatabaseAvailabilityGroupServer DAG1 MBX1", "Add-DatabaseAvailabilityGroupServer DAG1 MBX2"):
        assert shell.run(cmd).ok
    assert shell.run(r"Test-Path \\HUB01\DAG1.contoso.com").objects == [True]
    shell.run(r"Set-Content \\HUB01\DAG1.contoso.com\probe.txt ok")
    assert shell.world.server("HUB01").files[r"C:\DAG1\probe.txt"] == "ok\r\n"
    assert shell.run(r"Get-Content \\HUB01\C$\DAG1\probe.txt").objects == ["ok"]
    assert shell.run(r"Test-Path \\HUB01\nosuchshare").objects == [False]


def _lab_2016():
    import pathlib
    return str(pathlib.Path(__file__).parent.parent / "windows" / "lab2016.toml")


def test_wildcard_matching_nothing_is_silent_but_a_plain_path_is_not(shell):
    res = shell.run(r"Get-ChildItem C:\Windows\nothing*; Get-Content C:\x*.txt; Remove-Item C:\q*")
    assert res.ok and res.objects == []
    assert shell.run(r"Remove-Item C:\q").errors[0].error_id == "PathNotFound"


def test_pipeline_from_get_child_item_binds_by_pspath(shell):
    shell.run(r"New-Item C:\P\a.txt -Force -Value one; New-Item C:\P\b.txt -Value two")
    assert shell.run(r"dir C:\P | Get-Content").objects == ["one", "two"]
    assert shell.run(r"dir C:\P -Filter a* | Remove-Item; dir C:\P -Name").objects == ["b.txt"]


def test_out_file_into_missing_directory_is_terminating(shell):
    res = shell.run(r'"x" | Out-File C:\nope\f.txt; "after"')
    err = res.errors[0]
    assert (err.message, err.category, err.target) == (r"Could not find a part of the path 'C:\nope\f.txt'.",
                                                       "OpenError", None)
    assert err.fully_qualified_error_id == "FileOpenFailure,Microsoft.PowerShell.Commands.OutFileCommand"
    assert res.objects == ["after"]


def test_missing_drive(shell):
    res = shell.run(r"Get-ChildItem D:\; Test-Path D:\x; Set-Content D:\x.txt 1")
    assert res.objects == [False]
    assert [e.message for e in res.errors] == ["Cannot find drive. A drive with the name 'D' does not exist."] * 2
    assert res.errors[1].fully_qualified_error_id == "DriveNotFound,Microsoft.PowerShell.Commands.SetContentCommand"
    shell.world.server("MBX1").files.drives.append("D")
    assert shell.run(r"Set-Content D:\x.txt 1; Get-Content D:\x.txt").objects == ["1"]


def test_pwd_variable_is_a_path_info(shell):
    assert shell.run(r'cd C:\Users; $pwd.Path; "in $pwd"').objects == [r"C:\Users", r"in C:\Users"]


def test_file_list_view_properties(shell):
    shell.run(r"Set-Content C:\a.txt hi")
    obj = shell.run(r"Get-ChildItem C:\a.txt").objects[0]
    assert shell.run(r"Get-ChildItem C:\a.txt | Format-List").text.split("\n")[2:7] == [
        "Name           : a.txt", "Length         : 4", "CreationTime   : 5/1/2010 9:00:00 AM",
        "LastWriteTime  : 5/1/2010 9:00:00 AM", "LastAccessTime : 5/1/2010 9:00:00 AM"]
    assert (obj.get("FullName"), obj.get("Extension"), obj.get("BaseName")) == (r"C:\a.txt", ".txt", "a")


def test_a_share_on_a_machine_that_is_off_is_not_there(shell):
    shell.run(r"Set-Content \\HUB01\C$\probe.txt x")
    assert shell.run(r"Test-Path \\HUB01\C$\probe.txt").objects == [True]
    shell.run("Stop-Computer HUB01 -Force")
    assert shell.run(r"Test-Path \\HUB01\C$\probe.txt").objects == [False]
    err = shell.run(r"Get-Content \\HUB01\C$\probe.txt").errors[0]
    assert err.message == r"Cannot find path '\\HUB01\C$\probe.txt' because it does not exist."


def test_location_on_a_share_is_provider_qualified(shell):
    from exshell.host.repl import prompt_text
    shell.run(r"cd \\HUB01\C$\Windows")
    assert prompt_text(shell) == r"[PS] Microsoft.PowerShell.Core\FileSystem::\\HUB01\C$\Windows>"
    assert shell.run("dir -Name; (Get-Location).ProviderPath").objects == ["System32", "Temp", r"\\HUB01\C$\Windows"]
    shell.run("cd ..")
    assert shell.ctx.location == r"Microsoft.PowerShell.Core\FileSystem::\\HUB01\C$"


def test_a_drive_root_is_never_removed(shell):
    before = shell.world.snapshot()
    assert shell.run(r"Remove-Item C:\ -Recurse").errors[0].message == r"Access to the path 'C:\' is denied."
    assert shell.world.snapshot() == before
