"""The cmdlets' Runtime: streams with their preference variables, ShouldProcess, and the language
services a cmdlet may ask for (run a script block, convert, compare)."""

from __future__ import annotations

from typing import Any

import attrs

from cmdlets.api.errors import ErrorRecord
from cmdlets.api.profile import Profile
from exshell.engine import conversion as conv
from exshell.engine import messages
from exshell.engine import operators as ops
from exshell.engine.errors import PSRuntimeError, StopPipeline

_IMPACT = {"None": 0, "Low": 1, "Medium": 2, "High": 3}
# what a fresh remote runspace starts with
_REMOTE_DEFAULTS = ("ErrorActionPreference", "WarningPreference", "VerbosePreference", "DebugPreference",
                    "ConfirmPreference", "WhatIfPreference", "FormatEnumerationLimit", "OFS", "PSVersionTable")


def _fresh_runspace(ctx: Any) -> Any:
    """The global scope a new remote runspace starts with: default preferences, nothing else."""
    from exshell.engine.scopes import Scope

    remote = Scope(kind="global")
    for name in _REMOTE_DEFAULTS:
        remote.set_local(name, ctx.global_scope.get(name))
    return remote


class CmdletRuntime:
    def __init__(self, ev: Any, stage: Any):
        self.ev = ev
        self.stage = stage
        self.error_action: str | None = None
        self.warning_action: str | None = None
        self.verbose: bool | None = None
        self.debug: bool | None = None
        self.whatif: bool | None = None
        self.confirm: bool | None = None
        self.error_variable: str | None = None
        self.warning_variable: str | None = None
        self.out_variable: str | None = None
        self._out: list[Any] = []
        self._yes_to_all = False
        self._no_to_all = False

    @property
    def world(self) -> Any:
        return self.ev.ctx.world

    @property
    def profile(self) -> Profile:
        return self.ev.ctx.profile

    @property
    def computer_name(self) -> str:
        return self.ev.ctx.console_machine

    @property
    def location(self) -> str:
        return self.ev.ctx.location

    @location.setter
    def location(self, value: str) -> None:
        self.ev.ctx.location = value

    def switch_machine(self, machine: str, location: str) -> tuple[str, str]:
        """Run what follows on another machine (Invoke-Command, Enter-PSSession): its files,
        hosts file and $env:COMPUTERNAME. Returns the previous (machine, location)."""
        return self.ev.ctx.switch_machine(machine, location)

    def apply_common(self, name: str, value: Any) -> None:
        low = name.lower()
        if low == "erroraction":
            self.error_action = value
        elif low == "warningaction":
            self.warning_action = value
        elif low == "verbose":
            self.verbose = bool(value)
        elif low == "debug":
            self.debug = bool(value)
        elif low == "whatif":
            self.whatif = bool(value)
        elif low == "confirm":
            self.confirm = bool(value)
        elif low == "errorvariable":
            self.error_variable = conv.to_string(value)
            self._reset_var(self.error_variable)
        elif low == "warningvariable":
            self.warning_variable = conv.to_string(value)
            self._reset_var(self.warning_variable)
        elif low == "outvariable":
            self.out_variable = conv.to_string(value)
            self._reset_var(self.out_variable)

    def _reset_var(self, name: str) -> None:
        if not name.startswith("+"):
            self.ev.set_variable(name, [])

    def _append_var(self, name: str | None, value: Any) -> None:
        if not name:
            return
        key = name.lstrip("+")
        current = self.ev.get_variable(key)
        if not isinstance(current, list):
            current = [] if current is None else [current]
        current.append(value)
        self.ev.set_variable(key, current)

    def _pref(self, explicit: str | None, variable: str, default: str) -> str:
        if explicit is not None:
            return explicit
        value = self.ev.get_variable(variable)
        return conv.to_string(value) if value is not None else default

    # -- streams ---------------------------------------------------------------------------
    def write_object(self, value: Any, enumerate_collection: bool = False) -> None:
        self.ev.ctx.tick()
        if self.out_variable:
            self._append_var(self.out_variable, value)
        if enumerate_collection and isinstance(value, (list, tuple)):
            for item in value:
                self.stage.downstream(item)
        else:
            self.stage.downstream(value)

    def stop_upstream(self) -> None:
        """End the commands before this one in the pipeline (they produce nothing more); this
        command and the ones after it still get their end processing. PowerShell 2.0 had no
        way to do this: there the commands before run to completion."""
        if self.ev.ctx.profile.ps_major < 3:
            return
        raise StopPipeline(self.stage)

    def write_error(self, record: ErrorRecord) -> None:
        action = self._pref(self.error_action, "ErrorActionPreference", "Continue")
        if record.invocation is None:
            record = attrs.evolve(record, invocation=self.stage.invocation)
        caller = getattr(self.ev, "function_invocation", None)
        if caller is not None and getattr(self.stage, "cls", None) is not None and self.stage.cls.name == "Write-Error":
            name, invocation = caller    # the function that called Write-Error is where the error happened
            record = attrs.evolve(record, invocation=invocation, command_type=name)
        origin = getattr(self.ev.ctx, "remote_origin", None)
        if origin and not record.remote:        # raised inside Invoke-Command: it comes back over remoting
            record = attrs.evolve(record, remote=True, computer_name=origin)
        if action.lower() != "ignore":
            self.ev.ctx.record_error(record)
            self._append_var(self.error_variable, record)
        self.ev.scope.set_local("?", False)
        self.ev.ctx.last_success = False
        low = action.lower()
        if low == "stop":
            err = PSRuntimeError(record.message, record=attrs.evolve(record, terminating=True))
            err.script_terminating = True
            err.silent_stop = True
            raise err
        if low in ("silentlycontinue", "ignore"):
            return
        if getattr(self.stage, "merge_errors", False):
            self.stage.downstream(record)
        elif "Error" not in getattr(self.stage, "drop_streams", set()):
            self.ev.ctx.emit("error", record)

    def write_warning(self, message: str) -> None:
        action = self._pref(self.warning_action, "WarningPreference", "Continue").lower()
        self._append_var(self.warning_variable, message)
        if action in ("silentlycontinue", "ignore") or "Warning" in getattr(self.stage, "drop_streams", set()):
            return
        self.ev.ctx.emit("warning", message)
        if action == "stop":
            raise PSRuntimeError(
                "The running command stopped because the preference variable \"WarningPreference\" or common "
                "parameter is set to Stop: " + message, error_id="ActionPreferenceStop",
                category="OperationStopped",
                exception_type="System.Management.Automation.ActionPreferenceStopException")

    def write_verbose(self, message: str) -> None:
        on = self.verbose if self.verbose is not None else (
            conv.to_string(self.ev.get_variable("VerbosePreference")).lower() == "continue")
        if on:
            self.ev.ctx.emit("verbose", message)

    def write_debug(self, message: str) -> None:
        on = self.debug if self.debug is not None else (
            conv.to_string(self.ev.get_variable("DebugPreference")).lower() == "continue")
        if on:
            self.ev.ctx.emit("debug", message)

    def write_host(self, text: str, newline: bool = True, foreground: str | None = None) -> None:
        self.ev.ctx.emit("host", text, newline)

    def write_progress(self, activity: str, status: str, percent: int) -> None:
        # a host event for a terminal to draw; progress is never part of Result.text or a transcript
        self.ev.ctx.emit("progress", (activity, status, percent))

    # -- ShouldProcess ------------------------------------------------------------------------
    def should_process(self, target: str, action: str | None = None, *, whatif_text: str | None = None,
                       confirm_text: str | None = None) -> bool:
        whatif = self.whatif if self.whatif is not None else conv.to_bool(self.ev.get_variable("WhatIfPreference"))
        text = whatif_text or self._generic_text(target, action)
        if whatif:
            self.ev.ctx.emit("whatif", text)
            return False
        if self._no_to_all:
            return False
        if self._yes_to_all or not self._needs_confirm():
            return True
        return self._confirm(confirm_text or text)

    def _generic_text(self, target: str, action: str | None) -> str:
        op = action or self.stage.cls.name
        if self.profile.ps_major >= 5:
            return f'Performing the operation "{op}" on target "{target}".'
        return f'Performing operation "{op}" on Target "{target}".'

    def _needs_confirm(self) -> bool:
        if self.confirm is not None:
            return self.confirm
        pref = conv.to_string(self.ev.get_variable("ConfirmPreference") or "High")
        impact = getattr(self.stage.cls, "confirm_impact", "Medium")
        if pref.lower() == "none":
            return False
        return _IMPACT.get(impact, 2) >= _IMPACT.get(pref.capitalize(), 3)

    def _confirm(self, text: str) -> bool:
        ctx = self.ev.ctx
        # the caption goes out with the question, so a live console shows it before asking
        caption = f"\nConfirm\nAre you sure you want to perform this action?\n{text}\n"
        choices = '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help (default is "Y"): '
        if self.profile.ps_major >= 3 and not self.profile.remote:
            choices = '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): '
        answer = ctx.ask(caption + choices)
        if answer is None:
            for line in caption.rstrip("\n").split("\n"):
                ctx.emit("text", line)
            raise PSRuntimeError(messages.text("NonInteractive"), error_id="HostFunctionNotImplemented",
                                 category="NotImplemented",
                                 exception_type="System.Management.Automation.Host.HostException")
        a = answer.strip().lower() or "y"
        if a == "a":
            self._yes_to_all = True
        if a == "l":
            self._no_to_all = True
        return a in ("y", "a")

    def should_continue(self, query: str, caption: str) -> bool:
        return self._confirm(query)

    # -- language services ----------------------------------------------------------------------
    def invoke_script(self, block: Any, *, input: list[Any] | None = None, args: list[Any] | None = None,
                      dollar_under: Any = ..., variables: dict[str, Any] | None = None,
                      dot: bool = False) -> list[Any]:
        return self.ev.invoke_scriptblock(block, args=args or [], dollar_under=dollar_under, input=input,
                                          variables=variables, dot=dot)

    def invoke_expression(self, text: str) -> None:
        """Invoke-Expression: run ``text`` in the caller's scope, its output down the pipeline; a
        parse error is this command's terminating ParseException record."""
        from exshell.engine.dynamic_code import invoke_expression
        cls = self.stage.cls
        invoke_expression(self.ev, text, self.write_object, self.stage.invocation, (cls.name, cls.full_type_name()))

    def invoke_remote(self, block: Any, *, input: list[Any] | None = None,
                      args: list[Any] | None = None, computer: str = "") -> list[Any]:
        """Run a script block as a new runspace on ``computer`` would (Invoke-Command -ComputerName):
        the caller's variables and functions are not visible, only `$using:` reaches them; errors
        come back as remote errors carrying PSComputerName."""
        from exshell.engine.evaluator import Evaluator

        ctx = self.ev.ctx
        previous = (getattr(ctx, "using_scope", None), getattr(ctx, "remote_origin", None))
        ctx.using_scope, ctx.remote_origin = self.ev.scope, computer or None
        try:
            return Evaluator(ctx, _fresh_runspace(ctx)).invoke_scriptblock(block, args=args or [], input=input)
        finally:
            ctx.using_scope, ctx.remote_origin = previous

    def enter_session(self, machine: str, location: str, label: str | None = None) -> None:
        """Enter-PSSession: later commands run on ``machine`` in a fresh runspace; the prompt shows
        ``label`` (the name as the user typed it)."""
        ctx = self.ev.ctx
        ctx.session_return = (self.switch_machine(machine, location), ctx.global_scope)
        ctx.global_scope = _fresh_runspace(ctx)
        ctx.remote_machine = label or machine

    def exit_session(self) -> None:
        """Exit-PSSession: back to the console's machine, location and variables."""
        ctx = self.ev.ctx
        if ctx.remote_machine:
            (machine, location), scope = ctx.session_return
            self.switch_machine(machine, location)
            ctx.global_scope = scope
            ctx.remote_machine = None

    @property
    def session_machine(self) -> str | None:
        """The machine of the open Enter-PSSession session, if any."""
        return self.ev.ctx.remote_machine

    def convert(self, value: Any, type_name: str) -> Any:
        return self.ev.convert(value, type_name)

    def to_string(self, value: Any) -> str:
        return conv.to_string(value)

    def compare(self, left: Any, right: Any, case_sensitive: bool = False) -> int:
        return ops.compare(left, right, case_sensitive)

    def equals(self, left: Any, right: Any, case_sensitive: bool = False) -> bool:
        return ops.equals(left, right, case_sensitive)

    def like(self, value: Any, pattern: str, case_sensitive: bool = False) -> bool:
        return ops.like(value, pattern, case_sensitive)

    def get_property(self, obj: Any, name: str) -> Any:
        from exshell.engine.members import get_property
        return get_property(obj, name)

    def binary(self, operator: str, left: Any, right: Any) -> Any:
        return self.ev.binary(operator.lower(), left, right)

    def has_property(self, obj: Any, name: str) -> bool:
        from exshell.engine.members import has_property
        return has_property(obj, name)

    def invoke_method(self, obj: Any, name: str, args: list[Any]) -> Any:
        from exshell.engine.members import invoke_method
        return invoke_method(obj, name, list(args), self.ev)

    def function_metadata(self, fn: Any) -> Any:
        from exshell.engine.functions import function_metadata
        return function_metadata(fn, self.ev)[0]

    def type_name(self, value: Any) -> str:
        return conv.type_name_of(value)

    def new_object(self, type_name: str, args: list[Any]) -> Any:
        """New-Object: an instance of a type the engine knows (errors are PowerShell's)."""
        from exshell.engine import dotnet
        script_type = self.ev.script_type(type_name)
        if script_type is not None and hasattr(script_type, "instantiate"):
            return script_type.instantiate(list(args))
        try:
            full = dotnet.resolve_type(self.ev.qualified_type_name(type_name)).full_name
        except PSRuntimeError as err:
            if err.error_id == "TypeNotFound":
                raise LookupError(type_name) from None       # New-Object words this itself
            raise
        low = full.lower()
        if low in ("system.collections.hashtable", "system.collections.specialized.ordereddictionary"):
            from cmdlets.api.values import PSHashtable
            return PSHashtable(ordered=low.endswith("ordereddictionary"))
        if low in ("system.management.automation.psobject", "system.object"):
            from cmdlets.api.values import PSObject
            return PSObject(("System.Management.Automation.PSCustomObject", "System.Object"))
        ctor = dotnet.constructor(full, self.ev)
        if ctor is not None and (args or not low.endswith("[]")) and low not in ("system.string", "system.guid"):
            try:
                return ctor(*args)
            except TypeError:
                raise PSRuntimeError(messages.text("MethodCountCouldNotFindBest", name="new", count=len(args)),
                                     error_id="MethodCountCouldNotFindBest", category="NotSpecified") from None
        if low == "system.collections.arraylist" or low.startswith("system.collections.generic."):
            seed = args[0] if args and isinstance(args[0], list) else []
            value = dotnet.convert_to_type(seed, "System.Collections.ArrayList", self.ev)
            if not low.endswith("arraylist"):
                value.ps_type_name = full
            return value
        if not args:
            return dotnet.convert_to_type("" if low == "system.string" else 0, full, self.ev)
        return dotnet.convert_to_type(args[0] if len(args) == 1 else args, full, self.ev)

    def get_variable(self, name: str, default: Any = None) -> Any:
        value = self.ev.get_variable(name)
        return default if value is None else value

    def set_variable(self, name: str, value: Any) -> None:
        self.ev.set_variable(name, value)

    def variable_scope(self, scope: str | None = None) -> Any:
        """The session-state scope a *-Variable cmdlet's -Scope names (None: the caller's)."""
        from exshell.engine.scopes import Scope
        current: Scope = self.ev.scope
        low = (scope or "local").lower()
        if low in ("local", "private"):
            return current
        if low == "global":
            return self.ev.ctx.global_scope
        if low == "script":
            return current.find_scope("script")
        if low.isdigit():
            for _ in range(int(low)):
                if current.parent is None:
                    raise LookupError(scope)
                current = current.parent
            return current
        raise LookupError(scope)

    def read_host(self, prompt: str, secure: bool = False) -> str:
        answer = self.ev.ctx.ask(prompt + ": " if prompt else "", mask=secure)
        if answer is None:
            raise PSRuntimeError(messages.text("NonInteractive"), error_id="HostFunctionNotImplemented",
                                 category="NotImplemented",
                                 exception_type="System.Management.Automation.Host.HostException")
        return answer

    # extras for built-ins
    @property
    def ctx(self) -> Any:
        return self.ev.ctx

    def format_context(self) -> Any:
        return self.ev.ctx.format_context(self.ev)
