"""Script files run by path: `C:\\x.ps1 -a 5`, `.\\x.ps1`, `& 'C:\\My Scripts\\x.ps1'`, and
dot-sourced `. .\\lib.ps1`, read from the session machine's file system.

A command name that contains a path separator is looked up as a file relative to the current
location (a missing `.ps1` is tried too); a bare `x.ps1` is never taken from the current
location, as PowerShell's command precedence says, and the console then suggests `.\\x.ps1`
(3.0+). The script runs in a new script scope (dot-sourced: the caller's), binds its param()
block like a function, and knows its path ($MyInvocation.MyCommand.Path, $PSCommandPath,
$PSScriptRoot on 3.0+); `exit N` ends it and sets $LASTEXITCODE. Errors inside point into the
file (`At C:\\x.ps1:3 char:5`). Scripts of the Exchange scripts folder that have a Python
implementation run as that command instead of being parsed."""

from __future__ import annotations

from typing import Any

import attrs

from cmdlets.api.errors import ErrorRecord, InvocationInfo
from cmdlets.api.values import PSHashtable, PSObject
from exshell.engine.context import FunctionInfo
from exshell.engine.errors import ExitException, PSRuntimeError
from exshell.engine.functions import FunctionStage

SUGGESTION = ("Suggestion [3,General]: The command {name} was not found, but does exist in the current location. "
              "Windows PowerShell does not load commands from the current location by default. If you trust this "
              "command, instead type: \"{local}\". See \"get-help about_Command_Precedence\" for more details.")


@attrs.frozen
class ScriptFile:
    """A script found on the session machine: its full path and text, and the command that
    stands in for it when the emulator implements it (None: the text is run)."""

    path: str
    text: str
    implementation: Any = None

    @property
    def name(self) -> str:
        return self.path.rsplit("\\", 1)[-1]

    @property
    def folder(self) -> str:
        head = self.path.rsplit("\\", 1)[0]
        return head + "\\" if len(head) == 2 else head


def has_separator(name: str) -> bool:
    return "\\" in name or "/" in name


def find(ctx: Any, name: str) -> ScriptFile | None:
    """The .ps1 file a command name with a path separator names, or None."""
    if not has_separator(name):
        return None
    from cmdlets.windows.paths import full_path
    from state.model.filesystem import locate
    try:
        full = full_path(ctx.location, name)
    except (ValueError, IndexError):
        return None
    candidates = [full] if full.lower().endswith(".ps1") else [full + ".ps1"]
    for path in candidates:
        found = locate(ctx.world, ctx.console_machine, path)
        if found is None:
            continue
        server, local = found
        if server.files.is_file(local):
            from cmdlets.exchange.scripts import implementation
            impl = implementation(server, local, ctx.profile)
            return ScriptFile(path, server.files[local], impl)
    return None


def in_current_location(ctx: Any, name: str) -> bool:
    """A bare command name that names a file in the current location (PowerShell runs it only as
    `.\\name`)."""
    if has_separator(name) or ctx.profile.ps_major < 3:
        return False
    from cmdlets.windows.paths import full_path
    from state.model.filesystem import locate
    for candidate in (name, name + ".ps1"):            # `t` finds t.ps1 as `.\t` would
        found = locate(ctx.world, ctx.console_machine, full_path(ctx.location, candidate))
        if found is not None and found[0].files.is_file(found[1]):
            return True
    return False


def suggestion(name: str) -> str:
    return SUGGESTION.format(name=name, local=".\\" + name)


def external_script_info(path: str, invocation_name: str, line: str, bound: Any = None, unbound: Any = None,
                         command_origin: str = "Runspace") -> PSObject:
    """$MyInvocation inside a script file: an ExternalScriptInfo command with its path."""
    name = path.rsplit("\\", 1)[-1]
    command = PSObject(("System.Management.Automation.ExternalScriptInfo", "System.Management.Automation.CommandInfo",
                        "System.Object"), [("Name", name), ("CommandType", "ExternalScript"), ("Path", path),
                                           ("Definition", path), ("Source", path)], to_string=name)
    return PSObject(("System.Management.Automation.InvocationInfo", "System.Object"), [
        ("MyCommand", command), ("BoundParameters", bound if bound is not None else PSHashtable()),
        ("UnboundArguments", unbound if unbound is not None else []),
        ("ScriptLineNumber", 0), ("OffsetInLine", 0), ("HistoryId", 1), ("ScriptName", ""),
        ("Line", line), ("PositionMessage", ""), ("PSScriptRoot", ""), ("PSCommandPath", ""),
        ("InvocationName", invocation_name), ("PipelineLength", 2), ("PipelinePosition", 1),
        ("ExpectingInput", False), ("CommandOrigin", command_origin)])


def script_function(ctx: Any, script: ScriptFile) -> FunctionInfo:
    """The script as a command (cached by path and text, so its parameters are read once); a
    parse error is reported at its place in the file, as PowerShell reports it when the script
    is called."""
    from exshell.language import ParseError, parse
    cache = ctx.__dict__.setdefault("script_files", {})
    key = (script.path.lower(), script.text)
    if key in cache:
        return cache[key]
    try:
        tree = parse(script.text, script.path)
    except ParseError as err:
        record = ErrorRecord(
            message=err.message, category="ParserError", error_id=err.error_id,
            exception_type="System.Management.Automation.ParseException",
            invocation=InvocationInfo(script_name=script.path, line=err.line, column=err.column,
                                      line_text=err.line_text, length=1), terminating=True)
        failure = PSRuntimeError(err.message, record=record)
        raise failure from None
    lines = script.text.splitlines() or [""]
    cache[key] = FunctionInfo(name=script.name, body=tree, text=script.path, origin=(script.path, lines))
    return cache[key]


class ScriptFileStage(FunctionStage):
    """A script file invoked as a command (or dot-sourced)."""

    scope_kind = "script"

    def __init__(self, ev: Any, script: ScriptFile, node: Any, invocation: InvocationInfo, first: bool,
                 dot: bool = False, position: int = 1):
        fn = script_function(ev.ctx, script)
        super().__init__(ev, fn, node, attrs.evolve(invocation, command_name=script.path), first, dot=dot,
                         position=position)
        self.script = script
        self.exited = False

    def begin(self) -> None:
        from exshell.engine.classes import prepare_script
        ctx = self.ev.ctx
        saved = getattr(ctx, "source_lines", None)
        ctx.source_lines = self.fn.origin[1]          # classes and `using` are read from the file
        try:
            super().begin()
            prepare_script(self.child, self.fn.body)
        finally:
            ctx.source_lines = saved

    def automatic_variables(self) -> None:
        path = self.script.path
        typed = self.node.command_elements[0].extent.text if self.node is not None and \
            self.node.command_elements[0].extent is not None else path
        assert self.params is not None
        self.child.function_invocation = (path, self.invocation)
        self.scope.set_local("MyInvocation", external_script_info(
            path, typed, self.invocation.line_text, self.params.bound, self.scope.get("args")))
        if self.ev.ctx.profile.ps_major >= 3:
            self.scope.set_local("PSScriptRoot", self.script.folder)
            self.scope.set_local("PSCommandPath", path)

    def _run_block(self, block: Any, item: Any, has_item: bool = False) -> None:
        if self.exited:
            return
        try:
            super()._run_block(block, item, has_item)
        except ExitException as exc:       # `exit N` ends the script, not the session
            self.exited = True
            self.ev.ctx.last_exit_code = exc.code
            self.ev.ctx.global_scope.set_local("LASTEXITCODE", exc.code)
            if exc.code:
                self.ev.scope.set_local("?", False)
