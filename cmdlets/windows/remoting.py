"""Remoting between the lab machines: Invoke-Command, Enter-PSSession, Exit-PSSession,
New-PSSession, Remove-PSSession.

A remote command runs in the target machine's context (its drives, hosts file, registry and
$env:COMPUTERNAME; location C:\\Users\\Administrator\\Documents) and its objects come back
deserialized, carrying PSComputerName. A machine that is unknown, off, or unreachable from
the caller gives the WinRM connection error the real client prints."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.errors import ErrorRecord
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject, as_list
from cmdlets.windows.machines import machine
from cmdlets.windows.network import address_owner, reachable
from state.model.network import is_ip

REMOTE_HOME = "C:\\Users\\Administrator\\Documents"
SESSION = "System.Management.Automation.Runspaces.PSSession"

_NOT_FOUND = ("WinRM cannot process the request. The following error occurred while using Kerberos "
              "authentication: Cannot find the computer {name}. Verify that the computer exists on the network "
              "and that the name provided is spelled correctly. For more information, see the "
              "about_Remote_Troubleshooting Help topic.")
_NO_ANSWER = ("WinRM cannot complete the operation. Verify that the specified computer name is valid, that the "
              "computer is accessible over the network, and that a firewall exception for the WinRM service is "
              "enabled and allows access from this computer. By default, the WinRM firewall exception for public "
              "profiles limits access to remote computers within the same local subnet. For more information, see "
              "the about_Remote_Troubleshooting Help topic.")



def connect(cmd: Cmdlet, name: str) -> Any:
    """The target server, or None after writing the connection error."""
    world = cmd.world
    source = world.server(cmd.runtime.computer_name)
    target = machine(world, name, source.name)
    if target is source:
        return target
    address = name if is_ip(name) else world.resolve(source.name, name)
    owner = address_owner(world, address) if address else None
    if owner is not None and reachable(world, source, address):
        return owner                      # the machine the name resolves to (hosts file first)
    detail = _NOT_FOUND.format(name=name) if address is None else _NO_ANSWER
    error_id = "NetworkPathNotFound" if address is None else "WinRMOperationTimeout"
    cmd.write_error(ErrorRecord(
        message=f"[{name}] Connecting to remote server {name} failed with the following error message : {detail}",
        category="OpenError", error_id=error_id, command_type="PSSessionStateBroken",
        exception_type="System.Management.Automation.Remoting.PSRemotingTransportException",
        target=name, target_type="String", remote=True))
    return None


def deserialized(value: Any, computer: str) -> Any:
    """An object as it comes back from a remote runspace: a Deserialized copy with PSComputerName."""
    if not isinstance(value, PSObject):
        return value
    names = tuple(t if t.startswith("Deserialized.") else "Deserialized." + t for t in value.type_names)
    props = [(k, v) for k, v in value.ps_properties() if k.lower() not in ("pscomputername", "psshowcomputername")]
    out = PSObject(names, props + [("PSComputerName", computer), ("PSShowComputerName", True)],
                   hidden=tuple(value.hidden) + ("PSShowComputerName",), to_string=value.to_string)
    return out


def session_object(cmd: Cmdlet, computer: str) -> PSObject:
    ctx = cmd.runtime.ctx
    number = getattr(ctx, "session_count", 0) + 1
    ctx.session_count = number
    return PSObject((SESSION, "System.Object"), [
        ("Id", number), ("Name", f"Session{number}"), ("ComputerName", computer), ("State", "Opened"),
        ("ConfigurationName", "Microsoft.PowerShell"), ("Availability", "Available")],
        to_string=f"[PSSession]Session{number}")


def _session_computers(sessions: Any) -> list[str]:
    out = []
    for s in as_list(sessions):
        out.append(str(s.get("ComputerName")) if isinstance(s, PSObject) else str(s))
    return out


@cmdlet("Invoke-Command", module="Microsoft.PowerShell.Core", default_set="InProcess")
class InvokeCommandCommand(Cmdlet):
    """Runs a script block here, or on other lab machines (-ComputerName, -Session)."""
    synopsis = "Runs commands on this computer or on remote computers."
    examples = (
        ("Invoke-Command -ComputerName MBX2 -ScriptBlock { Get-Service ClusSvc }",
         "This example reads the state of the Cluster service on MBX2."),
        ("Invoke-Command -ComputerName MBX1,MBX2 -ScriptBlock { ipconfig }",
         "This example runs ipconfig on MBX1 and on MBX2."),
    )

    computer_name: list[str] | None = param("String[]", position=0, mandatory=True, sets=("ComputerName",),
                                            aliases=("Cn",))
    session: Any = param("PSSession[]", position=0, mandatory=True, sets=("Session",))
    script_block: Any = param("ScriptBlock", mandatory=True, sets=("ComputerName", "Session", "InProcess"),
                              aliases=("Command",))
    argument_list: Any = param("Object[]", aliases=("Args",))
    input_object: Any = param("PSObject", pipeline=True)
    hide_computer_name: bool = param("SwitchParameter", aliases=("HCN",))
    credential: Any = param("PSCredential", ignored="every lab machine trusts the administrator")

    @classmethod
    def metadata(cls, profile: Any) -> Any:
        """-ScriptBlock is the first positional in-process, the second after -ComputerName/-Session."""
        import attrs
        from cmdlets.api.parameters import SetMembership

        meta = super().metadata(profile)
        decls = tuple(attrs.evolve(d, sets={s: SetMembership(mandatory=True, position=0 if s == "InProcess" else 1)
                                            for s in d.sets}) if d.name == "ScriptBlock" else d
                      for d in meta.parameters)
        return attrs.evolve(meta, parameters=decls)

    def begin_processing(self) -> None:
        self.inputs: list[Any] = []

    def process_record(self) -> None:
        if self.is_bound("InputObject"):
            self.inputs.append(self.input_object)

    def end_processing(self) -> None:
        args = as_list(self.argument_list)
        if self.parameter_set_name == "InProcess":
            for item in self.runtime.invoke_script(self.script_block, args=args, input=self.inputs or None):
                self.write_object(item)
            return
        names = ([self.runtime.to_string(n) for n in as_list(self.computer_name)]
                 if self.parameter_set_name == "ComputerName" else _session_computers(self.session))
        for name in names:
            target = connect(self, name)
            if target is None:
                continue
            previous = self.runtime.switch_machine(target.name, REMOTE_HOME)
            try:
                out = self.runtime.invoke_remote(self.script_block, args=args, input=self.inputs or None,
                                                 computer=name)
            finally:
                self.runtime.switch_machine(*previous)
            for item in out:
                self.write_object(deserialized(item, name))


@cmdlet("Enter-PSSession", module="Microsoft.PowerShell.Core", default_set="ComputerName")
class EnterPSSessionCommand(Cmdlet):
    """Makes the console a session on another machine: the prompt shows [MACHINE]: PS ..."""
    synopsis = "Starts an interactive session with a remote computer."
    examples = (
        ("Enter-PSSession MBX2",
         "This example makes the console run commands on MBX2 until Exit-PSSession."),
    )

    computer_name: str | None = param("String", position=0, mandatory=True, sets=("ComputerName",),
                                      aliases=("Cn",))
    session: Any = param("PSSession", position=0, mandatory=True, sets=("Session",))
    credential: Any = param("PSCredential", ignored="every lab machine trusts the administrator")

    def process_record(self) -> None:
        name = (self.runtime.to_string(self.computer_name) if self.parameter_set_name == "ComputerName"
                else _session_computers(self.session)[0])
        if self.runtime.session_machine:
            self.write_error(self.error("Cannot enter a new remote session while one is open: run Exit-PSSession "
                                        "first.", "InvalidOperation", "RemoteHostDoesNotSupportPushRunspace",
                                        "System.ArgumentException", target=name, target_type="String"))
            return
        target = connect(self, name)
        if target is not None:
            self.runtime.enter_session(target.name, REMOTE_HOME, label=name)


@cmdlet("Exit-PSSession", module="Microsoft.PowerShell.Core")
class ExitPSSessionCommand(Cmdlet):
    """Back to the local console."""
    synopsis = "Ends an interactive session with a remote computer."
    examples = (
        ("Exit-PSSession",
         "This example ends the interactive session and returns to the local computer."),
    )

    def process_record(self) -> None:
        self.runtime.exit_session()


@cmdlet("New-PSSession", module="Microsoft.PowerShell.Core")
class NewPSSessionCommand(Cmdlet):
    """Opens sessions to lab machines (for Invoke-Command -Session, Enter-PSSession -Session)."""
    synopsis = "Opens sessions to remote computers."
    examples = (
        ("$s = New-PSSession -ComputerName MBX2",
         "This example opens a session to MBX2 and keeps it in $s."),
    )

    computer_name: list[str] | None = param("String[]", position=0, aliases=("Cn",))
    credential: Any = param("PSCredential", ignored="every lab machine trusts the administrator")

    def process_record(self) -> None:
        for name in [self.runtime.to_string(n) for n in as_list(self.computer_name)] or [self.runtime.computer_name]:
            if connect(self, name) is not None:
                self.write_object(session_object(self, name))


@cmdlet("Remove-PSSession", module="Microsoft.PowerShell.Core")
class RemovePSSessionCommand(Cmdlet):
    """Closes sessions (nothing to free in the emulator)."""
    synopsis = "Closes sessions to remote computers."
    examples = (
        ("$s = New-PSSession MBX2; Remove-PSSession -Session $s",
         "This example opens a session to MBX2 and closes it."),
    )

    session: Any = param("PSSession[]", position=0, pipeline=True)

    def process_record(self) -> None:
        for s in as_list(self.session):
            if isinstance(s, PSObject):
                s.set("State", "Closed")
