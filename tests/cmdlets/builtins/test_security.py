"""Get-Credential, ConvertTo-SecureString, ConvertFrom-SecureString: how scripts hand passwords on."""

from exshell import Shell


def test_convert_to_secure_string_needs_force_with_plain_text():
    shell = Shell()
    res = shell.run("$pw = ConvertTo-SecureString 'P@ss' -AsPlainText -Force; $pw; $pw.Length")
    assert [str(o) for o in res.objects] == ["System.Security.SecureString", "4"]
    err, = shell.run("ConvertTo-SecureString 'P@ss' -AsPlainText").errors
    assert err.fully_qualified_error_id == ("ImportSecureString_InvalidArgument,"
                                            "Microsoft.PowerShell.Commands.ConvertToSecureStringCommand")


def test_a_secure_string_is_a_password_new_mailbox_accepts():
    shell = Shell()
    res = shell.run("$pw = ConvertTo-SecureString 'P@ss' -AsPlainText -Force; "
                    "New-Mailbox Bob -UserPrincipalName bob@contoso.com -Password $pw -Database DB2")
    assert res.ok and res.objects[-1].get("Database") == "DB2"


def test_get_credential_prompts_and_masks_the_password():
    shell = Shell(interactive=True)
    res = shell.run("$c = Get-Credential CONTOSO\\Administrator; $c.UserName; $c.Password.Length",
                    answers=["secret"])
    assert res.objects[-2:] == ["CONTOSO\\Administrator", 6]
    assert "Password for user CONTOSO\\Administrator: ******" in res.text


def test_get_credential_without_a_console_is_the_noninteractive_error():
    err, = Shell().run("Get-Credential admin").errors
    assert err.message == ("Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not "
                           "available.")
