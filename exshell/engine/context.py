"""The execution context of one console session: scopes, preferences, $Error, the host's event
list, the runaway guard, and the commands the session can see. One per Shell; never shared."""

from __future__ import annotations

import time
from typing import Any, Callable

import attrs

from cmdlets.api.errors import ErrorRecord
from cmdlets.api.profile import Profile
from exshell.engine import messages
from exshell.engine.errors import OperationStopped
from exshell.engine.scopes import Scope


@attrs.define
class HostEvent:
    """One thing the console shows, in the order it happened."""

    kind: str          # "object" | "warning" | "verbose" | "debug" | "error" | "host" | "whatif" | "text"
    value: Any
    newline: bool = True


class ScriptBlock:
    """A script block value: `{ ... }`."""

    ps_type_name = "System.Management.Automation.ScriptBlock"

    def __init__(self, ast: Any, text: str, origin: Any = None):
        self.ast = ast
        self.text = text
        self.origin = origin            # (script name, lines) of text of its own ([scriptblock]::Create)
        self.function: Any = None       # the FunctionInfo it runs as, made on first invocation

    def function_info(self) -> "FunctionInfo":
        """The FunctionInfo the block runs as (one per block: its parameters are read once)."""
        if self.function is None:
            self.function = FunctionInfo(name="", body=self.ast, text=self.text, origin=self.origin)
        return self.function

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"ScriptBlock({self.text!r})"


@attrs.define(eq=False)
class FunctionInfo:
    name: str
    body: Any                    # ScriptBlockAst
    is_filter: bool = False
    parameters: tuple = ()       # ParameterAst from `function f($a)`
    text: str = ""
    _metadata: Any = None        # the binder's view of the parameters, built on first call
    origin: Any = None           # (script path, source lines) of the script file that defined it


class ExecutionContext:
    """State shared by every evaluation in one session."""

    MAX_CALL_DEPTH = 100

    def __init__(self, world: Any, profile: Profile, interactive: bool = False):
        self.world = world
        self.profile = profile
        self.interactive = interactive
        self.global_scope = Scope(kind="global")
        self.events: list[HostEvent] = []
        self.call_depth = 0
        self.try_depth = 0                              # enclosing try blocks: errors go to their catch
        self.deadline: float | None = None
        self.timeout_seconds: float | None = None
        self.progress_handler: Any = None          # (activity, status, percent) -> None, set by the REPL
        self._ticks = 0
        self.prompt_answers: list[str] = []            # confirmations/Read-Host answers queued by the caller
        self.prompt_handler: Callable[[str], str | None] | None = None
        self.console_machine: str = ""
        self.location = "C:\\Windows\\system32"
        self.remote_machine: str | None = None          # Enter-PSSession target, shown in the prompt
        self.last_exit_code = 0
        self.script_types: dict[str, Any] = {}          # `class`/`enum` definitions, by lower name
        self.using_namespaces: list[str] = []           # `using namespace X`: prefixes tried for type names

    # -- host ------------------------------------------------------------------------------
    def emit(self, kind: str, value: Any, newline: bool = True) -> None:
        if kind in ("object", "rendered"):        # the console formats objects as they arrive
            from exshell.engine.members import snapshot
            value = snapshot(value) if kind == "object" else [snapshot(v) for v in value]
        self.events.append(HostEvent(kind, value, newline))
        if kind == "progress" and self.progress_handler is not None:
            self.progress_handler(*value)             # a live console draws it now

    def ask(self, prompt: str, mask: bool = False) -> str | None:
        """A line typed at a prompt; None when nobody can answer (non-interactive). A masked answer
        (Read-Host -AsSecureString) is echoed as asterisks."""
        if self.prompt_answers:
            answer = self.prompt_answers.pop(0)
            self.emit("text", prompt + ("*" * len(answer) if mask else answer))
            return answer
        if self.prompt_handler is not None:
            answer = self.prompt_handler(prompt)
            if answer is not None:
                return answer
        return None

    def switch_machine(self, machine: str, location: str) -> tuple[str, str]:
        """Make ``machine`` the one commands run on; returns the previous (machine, location)."""
        previous = (self.console_machine, self.location)
        self.console_machine, self.location = machine, location
        env = getattr(self, "environment", None)
        if env is not None:
            env["computername"] = machine
        return previous

    # -- $Error ----------------------------------------------------------------------------
    @property
    def error_list(self) -> list[Any]:
        errors = self.global_scope.get("Error")
        if not isinstance(errors, list):
            errors = []
            self.global_scope.set_local("Error", errors)
        return errors

    def record_error(self, record: ErrorRecord) -> None:
        errors = self.error_list
        errors.insert(0, record)
        del errors[256:]

    # -- runaway guard ---------------------------------------------------------------------
    def start_clock(self, timeout: float | None) -> None:
        self.timeout_seconds = timeout
        # monotonic time only bounds how long a run may take; it never reaches output or state
        self.deadline = None if timeout is None else time.monotonic() + timeout

    def tick(self) -> None:
        self._ticks += 1
        if self.deadline is not None and self._ticks % 256 == 0 and time.monotonic() > self.deadline:
            raise OperationStopped(messages.text("Timeout", seconds=_fmt_seconds(self.timeout_seconds)))


def _fmt_seconds(value: float | None) -> str:
    if value is None:
        return "0"
    return str(int(value)) if float(value).is_integer() else str(value)
