"""Write-Host, Write-Progress, Read-Host, Clear-Host and the snap-in cmdlets through the shell."""

import pytest

from exshell import Shell

E2010 = "Microsoft.Exchange.Management.PowerShell.E2010"


@pytest.fixture(scope="module")
def sh():
    return Shell()


def test_write_host_joins_objects_and_remaining_arguments(sh):
    assert sh.run("Write-Host a b 1,2").text == "a b 1 2"
    assert sh.run("Write-Host a b -Separator ', '").text == "a, b"
    assert sh.run("Write-Host -NoNewline x; Write-Host y").text == "xy"


def test_write_host_colours_are_accepted_but_not_in_text(sh):
    res = sh.run("Write-Host done -ForegroundColor Green -BackgroundColor Black")
    assert (res.text, res.objects, res.ok) == ("done", [], True)


def test_write_host_unknown_colour_is_a_binding_error(sh):
    (err,) = sh.run("Write-Host x -ForegroundColor Purple").errors
    assert err.fully_qualified_error_id == "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.WriteHostCommand"
    assert 'Cannot convert value "Purple" to type "System.ConsoleColor".' in err.message


def test_write_progress_is_silent(sh):
    res = sh.run("1..3 | ForEach-Object { Write-Progress -Activity Copy -Status \"$_ of 3\" -PercentComplete ($_ * 33) }"
                 "; Write-Progress -Activity Copy -Completed; 'done'")
    assert (res.text, res.ok) == ("done", True)


def test_write_progress_validates_percent(sh):
    (err,) = sh.run("Write-Progress -Activity A -PercentComplete 101").errors
    assert err.error_id == "ParameterArgumentValidationError"


def test_read_host_prompt_and_answer(sh):
    res = sh.run("$n = Read-Host 'Server name'; \"got $n\"", answers=["MBX1"])
    assert res.text == "Server name: MBX1\ngot MBX1"


def test_read_host_non_interactive(sh):
    res = sh.run("$n = Read-Host 'Server name'; 'next'")
    (err,) = res.errors
    assert err.message == ("Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is "
                           "not available.")
    assert err.fully_qualified_error_id == "InvalidOperation,Microsoft.PowerShell.Commands.ReadHostCommand"
    assert res.objects == ["next"]


def test_clear_host_and_aliases_write_nothing(sh):
    res = sh.run("cls; clear; Clear-Host")
    assert (res.text, res.ok) == ("", True)


def test_get_pssnapin_list_view_powershell_2(sh):
    assert sh.run("Get-PSSnapin Microsoft.PowerShell.Core").text == (
        "\n\nName        : Microsoft.PowerShell.Core\nPSVersion   : 2.0\n"
        "Description : This Windows PowerShell snap-in contains cmdlets used to manage c\n"
        "              omponents of Windows PowerShell.\n\n\n")
    assert len(sh.run("Get-PSSnapin").objects) == 7


def test_exchange_snapin_is_registered_not_loaded_from_2010():
    sh = Shell()
    assert [s.get("Name") for s in sh.run("Get-PSSnapin -Registered").objects] == [E2010]
    assert sh.run(f"Get-PSSnapin {E2010} -ErrorAction SilentlyContinue").objects == []
    res = sh.run(f"Add-PSSnapin {E2010}; Get-PSSnapin *Exchange* | ForEach-Object {{ $_.Name }}")
    assert (res.ok, res.objects) == (True, [E2010])


def test_adding_a_snapin_twice_is_the_real_error():
    sh = Shell()
    sh.run(f"Add-PSSnapin {E2010}")
    (err,) = sh.run(f"Add-PSSnapin {E2010}").errors
    assert err.message == (f"Cannot add Windows PowerShell snap-in {E2010} because it is already added. "
                           "Verify the name of the snap-in, and then try again.")
    assert err.fully_qualified_error_id == "AddPSSnapInRead,Microsoft.PowerShell.Commands.AddPSSnapinCommand"
    res = sh.run(f"Add-PSSnapin {E2010} -ErrorAction SilentlyContinue; $?")
    assert (res.text, res.objects) == ("False", [False])
    assert sh.run(f"Remove-PSSnapin {E2010}; Add-PSSnapin {E2010}").ok


def test_snapin_not_installed_and_not_found(sh):
    (err,) = sh.run("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn").errors
    assert err.message == ("The Windows PowerShell snap-in 'Microsoft.Exchange.Management.PowerShell.SnapIn' is not "
                           "installed on this computer.")
    (err,) = sh.run("Get-PSSnapin Foo").errors
    assert err.message == ("No Windows PowerShell snap-ins matching the pattern 'Foo' were found. Check the pattern "
                           "and then try the command again.")
    assert err.fully_qualified_error_id == "NoPSSnapInsFound,Microsoft.PowerShell.Commands.GetPSSnapinCommand"


def test_write_progress_between_objects_keeps_one_table(sh):
    res = sh.run("1..2 | ForEach-Object { Write-Progress -Activity A -Status B; [pscustomobject]@{N=$_} }")
    assert [line.strip() for line in res.text.splitlines() if line.strip()] == ["N", "-", "1", "2"]
    assert [e.value for e in sh.ctx.events if e.kind == "progress"] == [("A", "B", -1), ("A", "B", -1)]


def test_read_host_secure_string(sh):
    res = sh.run("$p = Read-Host 'Password' -AsSecureString; $p; $p.Length", answers=["secret"])
    assert res.text == "Password: ******\nSystem.Security.SecureString\n6"
    assert sh.run("$p.GetType().FullName").objects == ["System.Security.SecureString"]
