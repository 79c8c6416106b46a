"""Get-Credential, ConvertTo-SecureString, ConvertFrom-SecureString (Microsoft.PowerShell.Security):
what scripts use to hand a password to New-Mailbox or a remote command. Every lab account is
an administrator, so credentials are carried, never checked."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.builtins.host import NON_INTERACTIVE, SecureString

CREDENTIAL_TYPE = "System.Management.Automation.PSCredential"
SECURITY = "Microsoft.PowerShell.Security"


def credential(user: str, password: SecureString) -> PSObject:
    return PSObject((CREDENTIAL_TYPE, "System.Object"), (("UserName", user), ("Password", password)),
                    to_string=CREDENTIAL_TYPE)


@cmdlet("Get-Credential", module=SECURITY, default_set="CredentialSet")
class GetCredentialCommand(Cmdlet):
    """Asks for a user name and password and returns them as a credential object."""

    examples = (("$cred = Get-Credential CONTOSO\\Administrator",
                 "This example asks for the administrator's password and keeps the credential in $cred."),)

    user_name: str | None = param("String", position=0, sets=("CredentialSet",), name="Credential",
                                  aliases=("UserName",))
    message: str | None = param("String", sets=("MessageSet",))

    def process_record(self) -> None:
        rt = self.runtime
        try:
            user = self.user_name or rt.read_host("User")
            password = rt.read_host(f"Password for user {user}", secure=True)
        except Exception:  # noqa: BLE001 - the host cannot prompt: Windows PowerShell's own error
            self.throw_terminating_error(self.error(
                NON_INTERACTIVE, category="InvalidOperation", error_id="InvalidOperation",
                exception="System.Management.Automation.PSInvalidOperationException"))
            return
        self.write_object(credential(user, SecureString(password)))


@cmdlet("ConvertTo-SecureString", module=SECURITY, default_set="Secure")
class ConvertToSecureStringCommand(Cmdlet):
    """Converts plain text (with -AsPlainText -Force) into a secure string."""

    examples = (("$pw = ConvertTo-SecureString 'P@ssw0rd' -AsPlainText -Force",
                 "This example turns a password written in a script into a secure string for New-Mailbox."),)

    string: str = param("String", position=0, mandatory=True, pipeline=True)
    as_plain_text: bool = param("SwitchParameter", sets=("PlainText",), mandatory=True)
    force: bool = param("SwitchParameter", sets=("PlainText",))
    key: Any = param("Byte[]", sets=("Open",))

    def process_record(self) -> None:
        if self.as_plain_text and not self.force:
            self.throw_terminating_error(self.error(
                "The system cannot protect plain text input. To suppress this warning and convert the plain "
                "text to a SecureString, reissue the command specifying the Force parameter.",
                category="InvalidArgument", error_id="ImportSecureString_InvalidArgument",
                exception="System.ArgumentException"))
        self.write_object(SecureString(self.string))


@cmdlet("ConvertFrom-SecureString", module=SECURITY)
class ConvertFromSecureStringCommand(Cmdlet):
    """Turns a secure string into an encrypted standard string (here an opaque hex text)."""

    examples = (("$pw | ConvertFrom-SecureString", "This example shows the secure string in $pw as encrypted text."),)

    secure_string: Any = param("SecureString", position=0, mandatory=True, pipeline=True)

    def process_record(self) -> None:
        text = getattr(self.secure_string, "_text", str(self.secure_string))
        self.write_object("01000000d08c9ddf0115d1118c7a00c04fc297eb" + text.encode("utf-16-le").hex())
