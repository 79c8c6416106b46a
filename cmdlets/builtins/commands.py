"""Get-Command and Get-Alias: what the session can run, as CommandInfo objects shown with
PowerShell 5.1's CommandType/Name/Version/Source view.

Exchange cmdlets report the local EMS snap-in as their Source (what `Add-PSSnapin` loads on an
Exchange server: ...Admin for 2007, ...E2010 for 2010, ...SnapIn for 2013 and later); over real
remoting they would be functions of a temporary module (tmp_xxxxxxxx.xxx), a name that changes
every session and so is no use to a transcript.
"""

from __future__ import annotations

from typing import Any

from cmdlets.api import registry
from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject

COMMAND_INFO = "System.Management.Automation.CommandInfo"
COMMAND_TYPES = ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application", "Script", "Workflow",
                 "Configuration", "All")
_TYPE_ORDER = {"Alias": 1, "Function": 2, "Filter": 4, "Cmdlet": 8, "Application": 32}
_MODULE_VERSIONS = {"Microsoft.PowerShell.Utility": "3.1.0.0", "Microsoft.PowerShell.Management": "3.1.0.0",
                    "Microsoft.PowerShell.Core": "3.0.0.0", "FailoverClusters": "2.0.0.0"}


def exchange_snapin(exchange_version: str) -> str:
    """The EMS snap-in of a lab's Exchange version."""
    if exchange_version == "2007":
        return "Microsoft.Exchange.Management.PowerShell.Admin"
    if exchange_version.startswith("2010"):
        return "Microsoft.Exchange.Management.PowerShell.E2010"
    return "Microsoft.Exchange.Management.PowerShell.SnapIn"


def command_source(cls: type[Cmdlet], exchange_version: str) -> str:
    if cls.from_catalog or cls.__module__.startswith("cmdlets.exchange"):
        return exchange_snapin(exchange_version)
    return cls.module


def cmdlet_info(cls: type[Cmdlet], runtime: Any) -> PSObject:
    source = command_source(cls, runtime.profile.exchange_version)
    verb, _, noun = cls.name.partition("-")
    meta = cls.metadata(runtime.profile)
    from cmdlets.builtins.help import syntax_lines
    return PSObject(("System.Management.Automation.CmdletInfo", COMMAND_INFO, "System.Object"), [
        ("HelpUri", ""), ("DLL", ""), ("Verb", verb), ("Noun", noun), ("HelpFile", ""),
        ("PSSnapIn", source if "." in source and not source.startswith("Microsoft.PowerShell.U") else ""),
        ("ImplementingType", cls.full_type_name()),
        ("Definition", "\r\n".join(syntax_lines(cls, runtime.profile)) + "\r\n"),
        ("DefaultParameterSet", meta.default_set), ("OutputType", []), ("Options", "ReadOnly"),
        ("Name", cls.name), ("CommandType", "Cmdlet"), ("Source", source),
        ("Version", _MODULE_VERSIONS.get(source, "")), ("Visibility", "Public"), ("ModuleName", source),
        ("RemotingCapability", "PowerShell"), ("DisplayName", cls.name),
    ], hidden=("DisplayName",), to_string=cls.name)


def alias_info(name: str, target: str) -> PSObject:
    return PSObject(("System.Management.Automation.AliasInfo", COMMAND_INFO, "System.Object"), [
        ("HelpUri", ""), ("ResolvedCommandName", target), ("ReferencedCommand", target),
        ("ResolvedCommand", target), ("Definition", target), ("Options", "ReadOnly, AllScope"),
        ("Description", ""), ("OutputType", []), ("Name", name), ("CommandType", "Alias"), ("Source", ""),
        ("Version", ""), ("Visibility", "Public"), ("ModuleName", ""), ("RemotingCapability", "PowerShell"),
        ("DisplayName", f"{name} -> {target}"),
    ], hidden=("DisplayName",), to_string=name)


def application_info(cls: type[Cmdlet]) -> PSObject:
    """A native command (cluster.exe) as Get-Command shows an executable found on the path."""
    exe = cls.name if cls.name.lower().endswith(".exe") else cls.name + ".exe"
    path = "C:\\Windows\\system32\\" + exe
    return PSObject(("System.Management.Automation.ApplicationInfo", COMMAND_INFO, "System.Object"), [
        ("Path", path), ("Extension", ".exe"), ("Definition", path), ("Source", path), ("Version", ""),
        ("Visibility", "Public"), ("OutputType", []), ("Name", exe), ("CommandType", "Application"),
        ("ModuleName", ""), ("RemotingCapability", "PowerShell"), ("DisplayName", exe),
    ], hidden=("DisplayName",), to_string=exe)


def function_info(name: str, fn: Any) -> PSObject:
    kind = "Filter" if getattr(fn, "is_filter", False) else "Function"
    return PSObject((f"System.Management.Automation.{kind}Info", COMMAND_INFO, "System.Object"), [
        ("HelpUri", ""), ("ScriptBlock", getattr(fn, "text", "")), ("Verb", name.partition("-")[0] if "-" in name
                                                                   else ""),
        ("Noun", name.partition("-")[2]), ("Definition", getattr(fn, "text", "")), ("Options", "None"),
        ("Description", ""), ("Name", name), ("CommandType", kind), ("Source", ""), ("Version", ""),
        ("Visibility", "Public"), ("ModuleName", ""), ("DisplayName", name),
    ], hidden=("DisplayName",), to_string=name)


def session_functions(runtime: Any) -> dict[str, tuple[str, Any]]:
    """lower name -> (name, FunctionInfo) of the functions the caller can see."""
    found: dict[str, tuple[str, Any]] = {}
    scope = runtime.variable_scope()
    while scope is not None:
        for low, fn in scope.functions.items():
            found.setdefault(low, (getattr(fn, "name", low), fn))
        scope = scope.parent
    return found


def session_aliases(runtime: Any) -> dict[str, str]:
    """alias -> command name, for the aliases whose command this lab has."""
    out = {}
    for alias, target in registry.aliases().items():
        if registry.lookup(target, runtime.profile) is not None:
            out[alias] = target
    return out


def _not_recognized(cmd: Cmdlet, name: str) -> None:
    cmd.write_error(cmd.error(
        f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable program. "
        "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
        category="ObjectNotFound", error_id="CommandNotFoundException",
        exception="System.Management.Automation.CommandNotFoundException", target=name, target_type="String"))


@cmdlet("Get-Command", module="Microsoft.PowerShell.Core", default_set="CmdletSet")
class GetCommandCommand(Cmdlet):
    """Gets the cmdlets, functions and aliases the session can run."""
    examples = (
        ("Get-Command -Noun DatabaseAvailabilityGroup*",
         "This example lists the commands that manage DAGs and their members and networks."),
        ("Get-Command Move-ActiveMailboxDatabase -Syntax",
         "This example shows the syntax of Move-ActiveMailboxDatabase."),
    )

    names: list[str] | None = param("String[]", position=0, pipeline_by_name=True, sets=("AllCommandSet",),
                                    name="Name")
    verb: list[str] | None = param("String[]", pipeline_by_name=True, sets=("CmdletSet",))
    noun: list[str] | None = param("String[]", pipeline_by_name=True, sets=("CmdletSet",))
    modules: list[str] | None = param("String[]", pipeline_by_name=True, aliases=("PSSnapin",), name="Module")
    command_type: list[str] | None = param("System.Management.Automation.CommandTypes[]", pipeline_by_name=True, sets=("AllCommandSet",),
                                           aliases=("Type",), values=COMMAND_TYPES)
    total_count: int | None = param("Int32", pipeline_by_name=True)
    syntax: bool = param("SwitchParameter", pipeline_by_name=True)
    all: bool = param("SwitchParameter", pipeline_by_name=True)
    list_imported: bool = param("SwitchParameter", pipeline_by_name=True)

    def process_record(self) -> None:
        found = self._candidates()
        found.sort(key=lambda c: (_TYPE_ORDER.get(c.get("CommandType"), 16), c.get("Name").lower()))
        if self.total_count is not None and self.total_count >= 0:
            found = found[:self.total_count]
        for info in found:
            if self.syntax:
                self.write_object(self._syntax(info))
            else:
                self.write_object(info)

    def _syntax(self, info: PSObject) -> str:
        if info.get("CommandType") == "Alias":
            return info.get("Name")
        return str(info.get("Definition"))

    def _candidates(self) -> list[PSObject]:
        rt = self.runtime
        kinds = {k.lower() for k in (self.command_type or [])}
        if self.verb or self.noun:
            kinds = {"cmdlet", "function", "filter"}
        want = (lambda kind: not kinds or "all" in kinds or kind.lower() in kinds)
        out: list[PSObject] = []
        patterns = self.names or ["*"]
        seen: set[type[Cmdlet]] = set()
        for name in registry.command_names(self.profile):
            cls = registry.lookup(name, self.profile)
            if cls is None or cls in seen:
                continue
            seen.add(cls)
            if not cls.available_on(rt.world.server(rt.computer_name or "")):
                continue
            if cls.application:
                info = application_info(cls)
                if any(o.get("Name") == info.get("Name") for o in out):
                    continue
                if want("Application") and any(rt.like(info.get("Name"), p) or rt.like(cls.name, p)
                                               for p in patterns) and not (self.verb or self.noun):
                    out.append(info)
            elif want("Cmdlet") and self._wanted(cls.name, patterns):
                out.append(cmdlet_info(cls, rt))
        if want("Function") or want("Filter"):
            for name, fn in session_functions(rt).values():
                if self._wanted(name, patterns) and not self.modules:
                    out.append(function_info(name, fn))
        if want("Alias") and not (self.verb or self.noun) and not self.modules:
            for alias, target in session_aliases(rt).items():
                if any(rt.like(alias, p) for p in patterns):
                    out.append(alias_info(alias, target))
        if self.modules:
            out = [o for o in out if any(rt.like(o.get("Source"), m) for m in self.modules)]
        missing = [p for p in (self.names or []) if not any(ch in p for ch in "*?[")
                   and not any(o.get("Name").lower() in (p.lower(), p.lower() + ".exe") for o in out)]
        for name in missing:
            _not_recognized(self, name)
        return out

    def _wanted(self, name: str, patterns: list[str]) -> bool:
        rt = self.runtime
        if not any(rt.like(name, p) for p in patterns):
            return False
        verb, _, noun = name.partition("-")
        if self.verb and not any(rt.like(verb, v) for v in self.verb):
            return False
        return not (self.noun and not any(rt.like(noun, n) for n in self.noun))


@cmdlet("Get-Alias", module="Microsoft.PowerShell.Utility", default_set="Default")
class GetAliasCommand(Cmdlet):
    """Gets the aliases of the session."""
    examples = (
        ("Get-Alias",
         "This example lists the aliases of the session."),
        ("Get-Alias -Definition Get-ChildItem",
         "This example lists the aliases of Get-ChildItem."),
    )

    names: list[str] | None = param("String[]", position=0, pipeline=True, pipeline_by_name=True,
                                    sets=("Default",), name="Name")
    exclude: list[str] | None = param("String[]")
    scope: str | None = param("String")
    definition: list[str] | None = param("String[]", sets=("Definition",))

    def process_record(self) -> None:
        rt = self.runtime
        aliases = sorted(session_aliases(rt).items())
        if self.parameter_set_name == "Definition":
            for alias, target in aliases:
                if any(rt.like(target, d) for d in self.definition or []) and not self._excluded(alias):
                    self.write_object(alias_info(alias, target))
            return
        for pattern in self.names or ["*"]:
            hits = [(a, t) for a, t in aliases if rt.like(a, pattern) and not self._excluded(a)]
            if not hits and not any(ch in pattern for ch in "*?["):
                self.write_error(self.error(
                    f"This command cannot find a matching alias because an alias with the name '{pattern}' does "
                    "not exist.", category="ObjectNotFound", error_id="ItemNotFoundException",
                    exception="System.Management.Automation.ItemNotFoundException", target=pattern,
                    target_type="String"))
            for alias, target in hits:
                self.write_object(alias_info(alias, target))

    def _excluded(self, alias: str) -> bool:
        return any(self.runtime.like(alias, p) for p in self.exclude or [])
