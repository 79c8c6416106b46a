"""The public API: ``Shell`` (one console session on a lab) and ``Result`` (what one run did)."""

from __future__ import annotations

import os
from typing import Any

import attrs

from cmdlets.api.errors import ErrorRecord, InvocationInfo
from cmdlets.api.profile import CULTURES, Profile
from exshell.engine.context import ExecutionContext
from exshell.engine.errors import ExitException, FlowControl, OperationStopped, PSRuntimeError
from exshell.engine import messages


@attrs.frozen
class Result:
    """What one ``Shell.run`` left behind."""

    text: str
    objects: list[Any]
    errors: list[ErrorRecord]
    warnings: list[str]
    exit_code: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def read_host_text(path: str) -> str:
    """A host file as Windows PowerShell reads a script: by its byte-order mark (UTF-8, UTF-16 LE
    or BE), else as UTF-8, else in the ANSI code page (Windows-1252)."""
    with open(path, "rb") as fh:
        data = fh.read()
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class Shell:
    """One console session: a lab's world, variables, functions, history of errors.

    ``Shell()`` opens the default lab; ``Shell(lab="seed003")`` a built-in one by name; a path
    opens a lab file. ``width`` is the console buffer width (output lines are at most width-1).
    """

    def __init__(self, lab: str = "default", *, width: int = 80, interactive: bool = False):
        from exshell.labs import load_lab

        self.lab = load_lab(lab)
        world = self.lab.world
        culture = CULTURES.get(self.lab.culture, CULTURES["en-US"])
        self.profile = Profile(exchange_version=world.exchange_version, width=width, culture=culture,
                               remote=world.exchange_version not in ("2007",))
        self.ctx = ExecutionContext(world, self.profile, interactive=interactive)
        # the console shows suggestions before its next prompt; `-Command` and `-File` runs never
        # reach one, so they show none (the CLI turns this off for them)
        self.prompts = True
        self.ctx.console_machine = self.lab.console
        _wire_context(self.ctx)
        _init_variables(self.ctx, self.lab)
        if self.lab.setup:
            res = self.run(self.lab.setup)
            if not res.ok:
                from exshell.labs.loader import LabError
                raise LabError(self.lab.name, "setup", res.errors[0].message)

    @property
    def world(self) -> Any:
        return self.ctx.world

    # -- running ----------------------------------------------------------------------------
    def run(self, text: str, timeout: float | None = None, answers: list[str] | None = None,
            script_name: str = "", script_args: list[str] | None = None) -> Result:
        """Run input as the console would (one Out-Default for the whole input)."""
        from exshell.engine.evaluator import Evaluator
        from exshell.language import ParseError, parse

        ctx = self.ctx
        ctx.events = []
        ctx.prompt_answers = list(answers or [])
        ctx.source_lines = text.splitlines() or [""]
        objects: list[Any] = []
        exit_code = 0

        def out(value: Any) -> None:
            objects.append(value)
            ctx.emit("object", value)

        limit = ctx.global_scope.get("FormatEnumerationLimit")   # Out-Default reads it as the line starts
        ctx.start_clock(timeout)
        try:
            script = parse(text, script_name)
        except ParseError as err:
            record = _parse_record(err)
            ctx.record_error(record)
            ctx.emit("error", record)
        else:
            ev = Evaluator(ctx, ctx.global_scope)
            ev.script_name = script_name
            ev.script_args = script_args
            if not self._session_lost(ev):
                exit_code = self._execute(ev, script, out)
        finally:
            ctx.start_clock(None)
        for text_line in ctx.__dict__.pop("suggestions", []):    # the host's suggestions follow the output
            if self.prompts:
                ctx.emit("host", "\n" + text_line)
        errors = [e.value for e in ctx.events if e.kind == "error"]
        warnings = [e.value for e in ctx.events if e.kind == "warning"]
        text_out = "\n".join(self.render_events(ctx.events, limit))
        ctx.global_scope.set_local("?", not errors)
        if errors and exit_code == 0 and script_name:
            exit_code = 1
        return Result(text=text_out, objects=objects, errors=errors, warnings=warnings, exit_code=exit_code)

    def _session_lost(self, ev: Any) -> bool:
        """An Enter-PSSession session whose machine can't be reached any more fails the command
        sent through it; the console is back on its own machine (remoting.session_lost)."""
        from cmdlets.windows.remoting import session_lost
        from exshell.engine.runtime import CmdletRuntime

        ctx = self.ctx
        if not ctx.remote_machine:
            return False
        record = session_lost(ctx.world, ctx.session_return[0][0], ctx.console_machine,
                              getattr(ctx, "entered_session", None))
        if record is None:
            return False
        CmdletRuntime(ev, None).exit_session()
        ctx.record_error(record)
        ctx.emit("error", record)
        return True

    def _execute(self, ev: Any, script: Any, out: Any) -> int:
        ctx = self.ctx
        try:
            ev.run_script(script, out)
        except ExitException as exc:
            ctx.last_exit_code = exc.code
            return exc.code
        except PSRuntimeError as err:
            record = err.to_record(ev.invocation_for(None, err))
            ctx.record_error(record)
            ctx.emit("error", record)
            return 1
        except OperationStopped as stop:
            record = ErrorRecord(message=stop.message, category="OperationStopped", error_id="OperationStopped",
                                 exception_type="System.Management.Automation.PipelineStoppedException")
            ctx.record_error(record)
            ctx.emit("error", record)
            return 1
        except KeyboardInterrupt:                     # Ctrl-C at the console stops the pipeline
            record = ErrorRecord(message=messages.text("PipelineStopped"), category="OperationStopped",
                                 error_id="PipelineStopped",
                                 exception_type="System.Management.Automation.PipelineStoppedException")
            ctx.record_error(record)
            ctx.emit("error", record)
            return 1
        except RecursionError:
            record = ErrorRecord(message=messages.text("CallDepthOverflow"), category="InvalidOperation",
                                 error_id="CallDepthOverflow",
                                 exception_type="System.Management.Automation.ScriptCallDepthException")
            ctx.call_depth = 0
            ctx.record_error(record)
            ctx.emit("error", record)
            return 1
        except FlowControl:
            return 0
        except Exception as exc:  # noqa: BLE001 - never a traceback: an internal bug becomes a record
            record = ErrorRecord(message=messages.text("InternalError", command="<script>",
                                                       detail=f"{type(exc).__name__}: {exc}"),
                                 category="NotSpecified", error_id="InternalError",
                                 exception_type="exshell.InternalError")
            ctx.record_error(record)
            ctx.emit("error", record)
            return 1
        return 0

    def run_file(self, path: str, args: list[str] | None = None, files: list[str] | None = None,
                 timeout: float | None = None) -> Result:
        """Run a host script as `exshell -File` does (a dry run inside the emulator)."""
        text = read_host_text(path)
        name = os.path.basename(path)
        scripts = f"C:\\Scripts\\{name}"
        for extra in files or []:
            self.ctx.write_file(f"C:\\Scripts\\{os.path.basename(extra)}", read_host_text(extra), append=False)
        self.ctx.write_file(scripts, text, append=False)
        # errors point into the script by its full path, as for a script called by path
        return self.run(text, timeout=timeout, script_name=scripts, script_args=list(args or []))

    # -- rendering --------------------------------------------------------------------------
    def render_events(self, events: list[Any], enumeration_limit: Any = None) -> list[str]:
        from exshell import formatting as fmt
        from exshell.engine.evaluator import Evaluator

        fctx = self.ctx.format_context(Evaluator(self.ctx, self.ctx.global_scope))
        if isinstance(enumeration_limit, int) and not isinstance(enumeration_limit, bool):
            fctx = attrs.evolve(fctx, enumeration_limit=enumeration_limit)
        lines: list[str] = []
        batch: list[Any] = []
        pending_host = ""

        def flush() -> None:
            if batch:
                lines.extend(fmt.render_output(list(batch), fctx))
                batch.clear()

        # drawn in place: the table or list being drawn goes on after them (output-format §2.6, §8)
        in_place = {"warning": fmt.render_warning, "verbose": fmt.render_verbose, "debug": fmt.render_debug,
                    "whatif": fmt.render_whatif, "error": fmt.render_error}
        for event in events:
            if event.kind == "object":
                batch.append(event.value)
                continue
            if event.kind == "progress":
                continue        # a console draws progress in place; it never reaches the text
            if event.kind in in_place and not pending_host:
                batch.append(fmt.HostLines(tuple(in_place[event.kind](event.value, fctx))))
                continue
            if event.kind == "host" and event.newline and not pending_host:
                batch.append(fmt.HostLines(tuple(_split_width(str(event.value), self.profile.usable_width))))
                continue
            flush()
            if event.kind == "host":
                pending_host += str(event.value)
                if event.newline:
                    lines.extend(_split_width(pending_host, self.profile.usable_width))
                    pending_host = ""
                continue
            if pending_host:
                lines.append(pending_host)
                pending_host = ""
            if event.kind == "rendered":
                lines.extend(fmt.render_output(list(event.value), fctx))
            elif event.kind == "warning":
                lines.extend(fmt.render_warning(event.value, fctx))
            elif event.kind == "verbose":
                lines.extend(fmt.render_verbose(event.value, fctx))
            elif event.kind == "debug":
                lines.extend(fmt.render_debug(event.value, fctx))
            elif event.kind == "whatif":
                lines.extend(fmt.render_whatif(event.value, fctx))
            elif event.kind == "error":
                lines.extend(fmt.render_error(event.value, fctx))
            else:
                lines.append(str(event.value))
        flush()
        if pending_host:
            lines.append(pending_host)
        return [line.rstrip() for line in lines]


def _split_width(text: str, width: int) -> list[str]:
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return out


def _parse_record(err: Any) -> ErrorRecord:
    return ErrorRecord(
        message=err.message, category="ParserError", error_id=err.error_id,
        exception_type="System.Management.Automation.ParseException", target=None,
        invocation=InvocationInfo(command_name="", script_name=err.file, line=err.line, column=err.column,
                                  line_text=err.line_text, length=1),
        terminating=True)


def _wire_context(ctx: ExecutionContext) -> None:
    """Give the context the services the engine asks of it (commands, rendering, files)."""
    from cmdlets.api import registry

    def resolve_command(name: str, scope: Any) -> Any:
        text = name
        if "\\" in text and not text.startswith("\\"):
            text = text.rsplit("\\", 1)[-1]          # module-qualified: Module\Verb-Noun
        fn = scope.lookup_function(text)
        if fn is not None:
            return fn
        target = registry.aliases().get(text.lower())
        if target is not None:
            text = target
            fn = scope.lookup_function(text)
            if fn is not None:
                return fn
        return registry.lookup(text, ctx.profile)

    def write_file(path: str, content: str, append: bool = True) -> None:
        """Redirection and run_file write into the session machine's file system."""
        from state.model.filesystem import locate
        from cmdlets.windows.paths import full_path

        found = locate(ctx.world, ctx.console_machine, full_path(ctx.location, path))
        if found is not None:
            found[0].files.write(found[1], content, when=ctx.world.now, append=append)

    def render_lines(items: list[Any], width: int | None = None) -> list[str]:
        from exshell import formatting as fmt
        from exshell.engine.evaluator import Evaluator
        fctx = ctx.format_context(Evaluator(ctx, ctx.global_scope))
        if width:
            fctx = attrs.evolve(fctx, profile=attrs.evolve(fctx.profile, width=width + 1))
        return fmt.render_output(items, fctx, console=False)   # Out-String, Out-File: no console wrap

    def format_context(ev: Any) -> Any:
        from exshell.formatting import FormatContext
        limit = ctx.global_scope.get("FormatEnumerationLimit")

        def evaluate(block: Any, obj: Any) -> Any:
            out = ev.invoke_scriptblock(block, dollar_under=obj)
            return out[0] if len(out) == 1 else (out or None)
        return FormatContext(profile=ctx.profile, enumeration_limit=int(limit) if isinstance(limit, int) else 16,
                             evaluate=evaluate)

    ctx.resolve_command = resolve_command
    ctx.write_file = write_file
    ctx.render_lines = render_lines
    ctx.render_for_file = render_lines
    ctx.format_context = format_context


def _init_variables(ctx: ExecutionContext, lab: Any) -> None:
    from cmdlets.exchange import scripts
    g = ctx.global_scope
    world = ctx.world
    scripts.install(world)
    rng_guid = "%032x" % world.rng.getrandbits(128)
    runspace = f"{rng_guid[:8]}-{rng_guid[8:12]}-4{rng_guid[13:16]}-a{rng_guid[17:20]}-{rng_guid[20:32]}"
    defaults = {
        "ErrorActionPreference": "Continue", "WarningPreference": "Continue", "VerbosePreference": "SilentlyContinue",
        "DebugPreference": "SilentlyContinue", "ConfirmPreference": "High", "WhatIfPreference": False,
        "FormatEnumerationLimit": 16, "OFS": " ", "Error": [], "?": True, "__RunspaceId": runspace,
        "PSVersionTable": _ps_version_table(ctx.profile), "Host": None, "PSCulture": lab.culture,
    }
    install = scripts.install_path(world.exchange_version)         # what the EMS profile defines
    defaults.update({"ExInstall": install, "ExBin": install + "bin\\", "ExScripts": scripts.scripts_folder(
        world.exchange_version)})
    for name, value in defaults.items():
        g.set_local(name, value)
    machine = lab.console
    ctx.environment = {"computername": machine, "username": "Administrator",
                       "userdomain": world.domain.split(".")[0].upper(), "systemdrive": "C:",
                       "systemroot": "C:\\Windows", "windir": "C:\\Windows", "temp": "C:\\Windows\\TEMP",
                       "userdnsdomain": world.domain.upper(), "os": "Windows_NT",
                       "exchangeinstallpath": install}


def _ps_version_table(profile: Profile) -> Any:
    from cmdlets.api.values import PSHashtable
    return PSHashtable([("PSVersion", profile.powershell), ("CLRVersion", "2.0.50727.5420"),
                        ("BuildVersion", "6.1.7601.17514"), ("PSRemotingProtocolVersion", "2.1")])
