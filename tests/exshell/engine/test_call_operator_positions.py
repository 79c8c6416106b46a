"""Where errors of commands called with `&` or `.` point: PowerShell 2.0 puts `<<<<` after the
operator (its token for the command), 3.0 and later underline the command element after it and,
when nothing was found, name the operator (`& : The term ...`)."""

from __future__ import annotations

from exshell import Shell


def test_call_operator_missing_script_ps20_marker_after_the_operator() -> None:
    res = Shell().run("& 'C:\\Scripts\\nosuch.ps1' -Name x")
    assert res.text == (
        "The term 'C:\\Scripts\\nosuch.ps1' is not recognized as the name of a cmdlet, fun\n"
        "ction, script file, or operable program. Check the spelling of the name, or if\n"
        "a path was included, verify that the path is correct and try again.\n"
        "At line:1 char:2\n"
        "+ & <<<<  'C:\\Scripts\\nosuch.ps1' -Name x\n"
        "    + CategoryInfo          : ObjectNotFound: (C:\\Scripts\\nosuch.ps1:String) [\n"
        "   ], CommandNotFoundException\n"
        "    + FullyQualifiedErrorId : CommandNotFoundException\n")


def test_dot_source_missing_script_ps20_marker_after_the_dot() -> None:
    res = Shell().run("'a'; . \"C:\\lib.ps1\"")
    assert res.text.split("\n")[4:6] == ["At line:1 char:7", "+ 'a'; . <<<<  \"C:\\lib.ps1\""]


def test_call_operator_cmdlet_error_ps20_marker_after_the_operator() -> None:
    res = Shell().run("& Get-Item C:\\nosuch")
    assert res.text.split("\n")[1:3] == ["At line:1 char:2", "+ & <<<<  Get-Item C:\\nosuch"]


def test_plain_command_ps20_marker_stays_after_the_name() -> None:
    res = Shell().run("Get-Item C:\\nosuch")
    assert res.text.split("\n")[1:3] == ["At line:1 char:9", "+ Get-Item <<<<  C:\\nosuch"]


def test_call_operator_missing_script_ps51_names_the_operator() -> None:
    res = Shell("copies").run("& 'C:\\Scripts\\nosuch.ps1'\n. C:\\lib.ps1")
    assert res.text == (
        "& : The term 'C:\\Scripts\\nosuch.ps1' is not recognized as the name of a cmdlet,\n"
        " function, script file, or operable program. Check the spelling of the name, or\n"
        " if a path was included, verify that the path is correct and try again.\n"
        "At line:1 char:3\n"
        "+ & 'C:\\Scripts\\nosuch.ps1'\n"
        "+   ~~~~~~~~~~~~~~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (C:\\Scripts\\nosuch.ps1:String) [\n"
        "   ], CommandNotFoundException\n"
        "    + FullyQualifiedErrorId : CommandNotFoundException\n"
        "\n"
        ". : The term 'C:\\lib.ps1' is not recognized as the name of a cmdlet, function,\n"
        "script file, or operable program. Check the spelling of the name, or if a path\n"
        "was included, verify that the path is correct and try again.\n"
        "At line:2 char:3\n"
        "+ . C:\\lib.ps1\n"
        "+   ~~~~~~~~~~\n"
        "    + CategoryInfo          : ObjectNotFound: (C:\\lib.ps1:String) [], CommandN\n"
        "   otFoundException\n"
        "    + FullyQualifiedErrorId : CommandNotFoundException\n")


def test_call_operator_found_command_ps51_keeps_the_commands_name() -> None:
    res = Shell("copies").run("& Get-Item C:\\nosuch")
    assert res.text.split("\n")[:4] == [
        "Get-Item : Cannot find path 'C:\\nosuch' because it does not exist.", "At line:1 char:3",
        "+ & Get-Item C:\\nosuch", "+   ~~~~~~~~~~~~~~~~~~"]


def test_a_cmdlet_error_underlines_the_whole_command_on_ps3_and_later() -> None:
    """5.1 marks the command from its name to its last argument; a command that is not found is
    marked at its name; 2.0 puts its marker after the name."""
    lines = Shell("copies").run("Get-Item C:\\nope -ErrorAction Continue | Out-Null").text.split("\n")
    assert lines[2:4] == ["+ Get-Item C:\\nope -ErrorAction Continue | Out-Null",
                          "+ " + "~" * len("Get-Item C:\\nope -ErrorAction Continue")]
    lines = Shell("copies").run("Get-Nothing -Name x").text.split("\n")
    assert lines[4:6] == ["+ Get-Nothing -Name x", "+ ~~~~~~~~~~~"]
    lines = Shell().run("Get-Item C:\\nope").text.split("\n")
    assert lines[1:3] == ["At line:1 char:9", "+ Get-Item <<<<  C:\\nope"]


def test_a_value_that_fails_conversion_or_validation_is_marked_on_ps3_and_later() -> None:
    lines = Shell("copies").run("Start-Sleep -Seconds abc").text.split("\n")
    assert lines[2:5] == ["At line:1 char:22", "+ Start-Sleep -Seconds abc", "+                      ~~~"]
    lines = Shell("copies").run("Test-Connection MBX1 -Count 0").text.split("\n")
    assert lines[3:6] == ["At line:1 char:29", "+ Test-Connection MBX1 -Count 0", "+ " + " " * 28 + "~"]
    lines = Shell().run("Start-Sleep -Seconds abc").text.split("\n")      # 2.0 keeps the command's place
    assert lines[2:4] == ["At line:1 char:12", "+ Start-Sleep <<<<  -Seconds abc"]
