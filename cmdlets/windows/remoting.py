"""Remoting between the lab machines: Invoke-Command, Enter-PSSession, Exit-PSSession,
New-PSSession, Remove-PSSession.

A remote command runs in the target machine's context (its drives, hosts file, registry and
$env:COMPUTERNAME; location C:\\Users\\Administrator\\Documents) and its objects come back
deserialized, carrying PSComputerName. A machine that is unknown, off, or unreachable from
the caller gives the WinRM connection error the real client prints.

A session does not survive losing its machine: once that can't be reached from the one that
opened it (powered off, a site link cut, R-SITE-11), the next command sent through it fails with
the WinRM client's time-out and the session is Broken for good (Get-PSSession shows it; a new
session is needed once the machine is back). An interactive session (Enter-PSSession) that
breaks drops the console back to its own machine (``session_lost``)."""

from __future__ import annotations

import hashlib
from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.errors import ErrorRecord
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject, as_list
from cmdlets.windows.machines import machine, reachable as machine_reachable
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

_TIMED_OUT = ("The WinRM client cannot complete the operation within the time specified. Check if the machine "
              "name is valid and is reachable over the network and firewall exception for Windows Remote "
              "Management service is enabled. For more information, see the about_Remote_Troubleshooting Help "
              "topic.")
_NOT_OPEN = ("Because the session state for session {name}, {id}, {computer} is not equal to Open, you cannot run "
             "a command in the session.  The session state is {state}.")
_CANNOT_ENTER = ("Cannot enter session {name} because it is not in the disconnected state or is not available for "
                 "connection. Retrieve the remote session using Get-PSSession -ComputerName {computer} -InstanceId "
                 "{id}.")
INVOKE_COMMAND = "Microsoft.PowerShell.Commands.InvokeCommandCommand"
ENTER_PSSESSION = "Microsoft.PowerShell.Commands.EnterPSSessionCommand"


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


def session_object(cmd: Cmdlet, computer: str, target: str) -> PSObject:
    """A PSSession opened from the session's machine to ``target`` (kept for Get-PSSession)."""
    ctx = cmd.runtime.ctx
    number = getattr(ctx, "session_count", 0) + 1
    ctx.session_count = number
    digest = hashlib.sha1(f"{cmd.runtime.computer_name}|{computer}|session|{number}".encode()).hexdigest()
    instance = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    session = PSObject((SESSION, "System.Object"), [
        ("Id", number), ("Name", f"Session{number}"), ("ComputerName", computer), ("State", "Opened"),
        ("ConfigurationName", "Microsoft.PowerShell"), ("Availability", "Available"), ("InstanceId", instance)],
        to_string=f"[PSSession]Session{number}")
    ctx.__dict__.setdefault("ps_sessions", []).append((session, cmd.runtime.computer_name, target))
    return session


def _opened(cmd: Cmdlet, session: Any) -> tuple[str, str] | None:
    """(origin, target machine) of a session this console opened, None for anything else."""
    for known, origin, target in getattr(cmd.runtime.ctx, "ps_sessions", []):
        if known is session:
            return origin, target
    return None


def _break(session: PSObject) -> None:
    session.set("State", "Broken")
    session.set("Availability", "None")


def check_sessions(cmd: Cmdlet) -> None:
    """An Opened session whose machine the opener can no longer reach is Broken (the client's
    keep-alive notices it)."""
    for session, origin, target in getattr(cmd.runtime.ctx, "ps_sessions", []):
        if session.get("State") == "Opened" and not machine_reachable(cmd.world, origin, cmd.world.server(target)):
            _break(session)


def session_lost(world: Any, origin: str, machine: str, session: Any = None) -> ErrorRecord | None:
    """The error an interactive session gives when its machine can no longer be reached from
    ``origin``; the host then leaves the session (PowerShell pops a broken pushed runspace) and a
    PSSession it was entered with is Broken."""
    if machine_reachable(world, origin, world.server(machine)):
        return None
    if isinstance(session, PSObject):
        _break(session)
    return ErrorRecord(
        message=f"Processing data for a remote command failed with the following error message: {_TIMED_OUT}",
        category="OperationStopped", error_id="JobFailure",
        target="System.Management.Automation.PSInvokeExpressionSyncJob", target_type="PSInvokeExpressionSyncJob",
        exception_type="System.Management.Automation.Remoting.PSRemotingTransportException")


def _session_computers(sessions: Any) -> list[str]:
    out = []
    for s in as_list(sessions):
        out.append(str(s.get("ComputerName")) if isinstance(s, PSObject) else str(s))
    return out


def _usable(cmd: Cmdlet, session: Any, entering: bool = False) -> bool:
    """Whether a command can go through ``session``; writes the error when it can't: a session
    not Opened is refused, one whose machine is out of reach breaks now (Enter-PSSession finds
    it Broken already: the client's keep-alive has noticed)."""
    if not isinstance(session, PSObject) or session.type_names[0] != SESSION:
        return True
    name = str(session.get("ComputerName"))
    if entering:
        check_sessions(cmd)
    if entering and session.get("State") != "Opened":
        cmd.write_error(ErrorRecord(
            message=_CANNOT_ENTER.format(name=session.get("Name"), computer=name, id=session.get("InstanceId")),
            category="InvalidArgument", error_id="PushedRunspaceMustBeOpen", command_type=ENTER_PSSESSION,
            exception_type="System.ArgumentException", activity=cmd.name))
        return False
    if session.get("State") != "Opened":
        cmd.write_error(ErrorRecord(
            message=_NOT_OPEN.format(name=session.get("Name"), id=session.get("InstanceId"), computer=name,
                                     state=session.get("State")),
            category="InvalidOperation", error_id="InvokeCommandCommandInvalidSessionState",
            command_type=INVOKE_COMMAND, exception_type="System.Management.Automation.Runspaces."
                                                        "InvalidRunspaceStateException",
            target=session, target_type="PSSession", activity=cmd.name))
        return False
    opened = _opened(cmd, session)
    if opened is None or machine_reachable(cmd.world, opened[0], cmd.world.server(opened[1])):
        return True
    _break(session)
    cmd.write_error(ErrorRecord(
        message=f"[{name}] Processing data from remote server {name} failed with the following error message: "
                f"{_TIMED_OUT}",
        category="OpenError", error_id="JobFailure", command_type="PSSessionStateBroken",
        exception_type="System.Management.Automation.Remoting.PSRemotingTransportException",
        target=name, target_type="String", remote=True))
    return False


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
        if self.parameter_set_name == "ComputerName":
            targets = [(self.runtime.to_string(n), None) for n in as_list(self.computer_name)]
        else:
            targets = list(zip(_session_computers(self.session), as_list(self.session)))
        for name, session in targets:
            if session is not None and not _usable(self, session):
                continue
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
        if self.parameter_set_name == "Session" and not _usable(self, as_list(self.session)[0], entering=True):
            return
        if self.runtime.session_machine:
            self.write_error(self.error("Cannot enter a new remote session while one is open: run Exit-PSSession "
                                        "first.", "InvalidOperation", "RemoteHostDoesNotSupportPushRunspace",
                                        "System.ArgumentException", target=name, target_type="String"))
            return
        target = connect(self, name)
        if target is not None:
            self.runtime.enter_session(target.name, REMOTE_HOME, label=name)
            self.runtime.ctx.entered_session = as_list(self.session)[0] if self.parameter_set_name == "Session" \
                else None


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
        self.runtime.ctx.entered_session = None


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
            target = connect(self, name)
            if target is not None:
                self.write_object(session_object(self, name, target.name))


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
                kept = getattr(self.runtime.ctx, "ps_sessions", [])
                kept[:] = [entry for entry in kept if entry[0] is not s]


@cmdlet("Get-PSSession", module="Microsoft.PowerShell.Core")
class GetPSSessionCommand(Cmdlet):
    """The sessions this console opened and has not removed, with their current state."""
    synopsis = "Gets the PowerShell sessions on local and remote computers."
    examples = (
        ("Get-PSSession",
         "This example lists the sessions opened with New-PSSession: a session whose computer can no longer "
         "be reached is Broken."),
    )

    computer_name: list[str] | None = param("String[]", position=0, aliases=("Cn",))
    session_name: list[str] | None = param("String[]", name="Name")

    def process_record(self) -> None:
        check_sessions(self)
        names = [self.runtime.to_string(n).lower() for n in as_list(self.computer_name)]
        wanted = [self.runtime.to_string(n) for n in as_list(self.session_name)]
        for session, _origin, _target in getattr(self.runtime.ctx, "ps_sessions", []):
            if names and str(session.get("ComputerName")).lower() not in names:
                continue
            if wanted and not any(self.runtime.like(str(session.get("Name")), w) for w in wanted):
                continue
            self.write_object(session)
