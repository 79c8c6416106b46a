"""Get-Help, generated from each command's declared parameters: NAME, SYNOPSIS, SYNTAX (one line
per parameter set, in the order and notation of PowerShell's help), PARAMETERS with -Detailed and
-Full, EXAMPLES with -Examples.

A command's synopsis is its class attribute ``synopsis`` when it defines one as text, else the
entry of SYNOPSES below (commands of other packages, worded here so their modules stay as they
are), else the first line of its class docstring. Its examples are its class attribute ``examples``:
((code, remark), ...), written for the built-in labs' names.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import attrs

from cmdlets.api import registry
from cmdlets.api.cmdlet import Cmdlet, CommandMetadata, cmdlet
from cmdlets.api.parameters import COMMON_NAMES, ParameterDecl, SetMembership, param
from cmdlets.api.profile import Profile
from cmdlets.api.values import PSObject
from cmdlets.builtins.commands import session_functions

SYNOPSES: dict[str, str] = {
    "Where-Object": "Selects objects from a collection based on their property values.",
    "ForEach-Object": "Performs an operation against each item in a collection of input objects.",
    "Select-Object": "Selects objects or object properties.",
    "Format-Table": "Formats the output as a table.",
    "Format-List": "Formats the output as a list of properties in which each property appears on a new line.",
    "Format-Wide": "Formats objects as a wide table that displays only one property of each object.",
    "Out-Default": "Sends the output to the default formatter and to the default output cmdlet.",
    "Out-Host": "Sends output to the command line.",
    "Out-Null": "Deletes output instead of sending it down the pipeline.",
    "Out-String": "Sends objects to the host as a series of strings.",
    "Write-Output": "Sends the specified objects to the next command in the pipeline.",
    "Start-Sleep": "Suspends the activity in a script or session for the specified period of time.",
    "Get-Date": "Gets the current date and time.",
    "New-DatabaseAvailabilityGroup": "Creates an empty database availability group (DAG).",
    "Get-DatabaseAvailabilityGroup": "Views the configuration and, with -Status, the run-time state of DAGs.",
    "Set-DatabaseAvailabilityGroup": "Changes the properties of a DAG.",
    "Remove-DatabaseAvailabilityGroup": "Removes an empty DAG.",
    "Add-DatabaseAvailabilityGroupServer": "Adds a Mailbox server to a DAG.",
    "Remove-DatabaseAvailabilityGroupServer": "Removes a Mailbox server from a DAG.",
    "Get-DatabaseAvailabilityGroupNetwork": "Views the networks of a DAG.",
    "Set-DatabaseAvailabilityGroupNetwork": "Changes a DAG network: its subnets and whether it carries replication.",
    "Add-MailboxDatabaseCopy": "Adds a passive copy of a mailbox database on another member of its DAG.",
    "Get-MailboxDatabaseCopyStatus": "Views the health and replication state of mailbox database copies.",
    "Move-ActiveMailboxDatabase": "Activates another copy of a mailbox database (a switchover).",
    "Get-MailboxDatabase": "Views mailbox databases.",
    "Get-MailboxServer": "Views the Mailbox server settings of Exchange servers.",
    "Get-ExchangeServer": "Views the Exchange servers of the organization.",
    "Get-LabEvent": "Reads the simulation's event log, oldest first.",
    "Set-LabDatabaseCopy": "Injects a fault into a copy of a mailbox database: Failed, or Corrupt until it is "
                           "reseeded.",
}

_COMMON_TEXT = (
    "This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, ErrorVariable, WarningAction, "
    "WarningVariable, OutBuffer, PipelineVariable, and OutVariable. For more information, see "
    "about_CommonParameters (https:/go.microsoft.com/fwlink/?LinkID=113216)."
)
_COMMON_TEXT_V2 = (
    "This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, ErrorVariable, WarningAction, "
    "WarningVariable, OutBuffer and OutVariable. For more information, type, \"get-help about_commonparameters\"."
)


def synopsis(cls: type[Cmdlet]) -> str:
    own = cls.__dict__.get("synopsis")
    if isinstance(own, str):
        return own
    if cls.name in SYNOPSES:
        return SYNOPSES[cls.name]
    line = Cmdlet.synopsis.__func__(cls)   # type: ignore[attr-defined]
    return re.sub(r"\s*\(R-[A-Z]+-\d+[^)]*\)", "", line)   # rule ids are for the code, not the reader


def examples(cls: type[Cmdlet]) -> tuple[tuple[str, str], ...]:
    """The class's own ``examples``: (code, remark) pairs; a subclass does not inherit its base's."""
    own = cls.__dict__.get("examples", ())
    return own if isinstance(own, tuple) else ()


def _set_params(decls: tuple[ParameterDecl, ...], set_name: str) -> list[tuple[ParameterDecl, SetMembership]]:
    out = []
    for d in decls:
        m = d.in_set(set_name)
        if m is not None and d.name.lower() not in COMMON_NAMES:
            out.append((d, m))
    return out


def _type_text(d: ParameterDecl, catalog: bool) -> str:
    if d.values and not catalog:
        return "{" + " | ".join(d.values) + "}"
    return "<" + d.type + ">"


def _param_text(d: ParameterDecl, m: SetMembership, catalog: bool) -> str:
    if d.is_switch:
        return f"-{d.name}" if m.mandatory else f"[-{d.name}]"
    value = _type_text(d, catalog)
    if m.position is not None:
        return f"[-{d.name}] {value}" if m.mandatory else f"[[-{d.name}] {value}]"
    return f"-{d.name} {value}" if m.mandatory else f"[-{d.name} {value}]"


def _ordered(pairs: list[tuple[ParameterDecl, SetMembership]]):
    positional = sorted((p for p in pairs if p[1].position is not None), key=lambda p: p[1].position)
    named = [p for p in pairs if p[1].position is None]
    mandatory = sorted((p for p in named if p[1].mandatory), key=lambda p: p[0].name.lower())
    optional = sorted((p for p in named if not p[1].mandatory), key=lambda p: p[0].name.lower())
    return positional + mandatory + optional


@attrs.frozen
class Topic:
    """What a help page is drawn from: a cmdlet's declared parameters, or a script function's
    parameters and comment-based help."""

    name: str
    meta: CommandMetadata
    synopsis: str = ""
    description: str = ""
    examples: tuple[tuple[str, str], ...] = ()
    catalog: bool = False           # an Exchange cmdlet: its documentation's order and notation
    category: str = "Cmdlet"
    module: str = ""

    @classmethod
    def of_cmdlet(cls, command: type[Cmdlet], profile: Profile) -> "Topic":
        return cls(command.name, command.metadata(profile), synopsis(command), "", examples(command),
                   command.from_catalog, "Cmdlet", command.module)


def syntax_lines(command: type[Cmdlet], profile: Profile) -> list[str]:
    return topic_syntax(Topic.of_cmdlet(command, profile))


def topic_syntax(topic: Topic) -> list[str]:
    """One line per parameter set: `Name [-P] <T> [-Q <T>] [<CommonParameters>]`.

    Exchange cmdlets keep their documentation's order (the catalog's, with -Confirm and -WhatIf where
    the page puts them); PowerShell's own list positional, then mandatory, then optional parameters
    alphabetically, then [-WhatIf] [-Confirm]. A simple function has no common parameters."""
    meta = topic.meta
    common = any(d.name == "Verbose" for d in meta.parameters)
    lines = []
    for set_name in meta.set_names:
        pairs = _set_params(meta.parameters, set_name)
        risk = [(d, SetMembership()) for d in meta.parameters if d.name in ("WhatIf", "Confirm")]
        if topic.catalog:
            pairs = _documented_order(topic.name, set_name, pairs + risk)
        else:
            pairs = _ordered(pairs) + sorted(risk, key=lambda p: p[0].name != "WhatIf")
        parts = [topic.name] + [_param_text(d, m, topic.catalog) for d, m in pairs]
        lines.append(" ".join(parts + (["[<CommonParameters>]"] if common else [])))
    return lines


def _any_set(d: ParameterDecl) -> SetMembership:
    """A parameter's place over all its sets: positional or mandatory if it is so in any."""
    ms = list(d.sets.values())
    position = min((m.position for m in ms if m.position is not None), default=None)
    return SetMembership(mandatory=any(m.mandatory for m in ms), position=position)


def _documented_order(name: str, set_name: str, pairs: list[tuple[ParameterDecl, SetMembership]]):
    from cmdlets.api import catalog
    entry = catalog.entry(name) or {}
    order: list[str] = []
    for s in entry.get("parameter_sets", ()):
        if s["name"] == set_name or len(entry["parameter_sets"]) == 1:
            order = [n.lower() for n in s["parameters"]]
            break
    rank = {name: i for i, name in enumerate(order)}
    return sorted(pairs, key=lambda p: rank.get(p[0].name.lower(), len(rank)))


def _wrap(text: str, indent: int, width: int) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(text, width=max(width, indent + 10), initial_indent=pad, subsequent_indent=pad,
                         break_long_words=True, break_on_hyphens=False) or [""]


def _pipeline_text(m: SetMembership) -> str:
    if m.from_pipeline and m.from_pipeline_by_name:
        return "True (ByValue, ByPropertyName)"
    if m.from_pipeline:
        return "True (ByValue)"
    if m.from_pipeline_by_name:
        return "True (ByPropertyName)"
    return "false"


def _parameter_block(d: ParameterDecl, full: bool, width: int) -> list[str]:
    head = f"    -{d.name} " + ("[<SwitchParameter>]" if d.is_switch else f"<{d.type}>")
    lines = [head]
    if d.help:
        lines += _wrap(d.help, 8, width)
    if full:
        memberships = list(d.sets.values())
        m = memberships[0] if memberships else SetMembership()
        mandatory = any(x.mandatory for x in memberships)
        position = None if d.is_switch else next((x.position for x in memberships if x.position is not None), None)
        default = "" if d.default in (None, False, "", []) else str(d.default)
        lines += ["        ",
                  f"        Required?                    {'true' if mandatory else 'false'}",
                  f"        Position?                    {'named' if position is None else position}",
                  f"        Default value                {default}",
                  f"        Accept pipeline input?       {_pipeline_text(m)}",
                  f"        Accept wildcard characters?  {'true' if d.wildcards else 'false'}"]
    return lines + ["    "]


class HelpPage:
    """The text of one command's help, in the shape PowerShell's help views draw it."""

    def __init__(self, topic: Topic, profile: Profile):
        self.topic = topic
        self.profile = profile
        self.width = profile.usable_width

    def head(self) -> list[str]:
        lines = ["", "NAME", f"    {self.topic.name}", "    "]
        if self.topic.synopsis:
            lines += ["SYNOPSIS", *_wrap(self.topic.synopsis, 4, self.width), "    "]
        return lines

    def syntax(self) -> list[str]:
        lines = ["    ", "SYNTAX"]
        for line in topic_syntax(self.topic):
            lines += _wrap(line, 4, self.width) + ["    "]
        lines.append("    ")
        if self.topic.description:
            lines += ["DESCRIPTION", *_wrap(self.topic.description, 4, self.width), "    ", ""]
        return lines

    def parameters(self, full: bool, only: list[str] | None = None) -> list[str]:
        meta = self.topic.meta
        lines = ["PARAMETERS"] if not only else []
        decls = sorted((d for d in meta.parameters if d.name.lower() not in COMMON_NAMES
                        or d.name in ("WhatIf", "Confirm")), key=lambda d: d.name.lower())
        if self.topic.catalog:          # Exchange's pages: positional, then mandatory, then the rest by name
            decls = [d for d, _ in _ordered([(d, _any_set(d)) for d in decls])]
        for d in decls:
            if only and not any(_like(d.name, p) for p in only):
                continue
            lines += _parameter_block(d, full, self.width)
        if not only and any(d.name == "Verbose" for d in meta.parameters):
            text = _COMMON_TEXT if self.profile.ps_major >= 3 else _COMMON_TEXT_V2
            lines += ["    <CommonParameters>", *_wrap(text, 8, self.width), "    "]
        return lines

    def examples(self) -> list[str]:
        lines = []
        for i, (code, remark) in enumerate(self.topic.examples, 1):
            lines += [f"    {'-' * 26} EXAMPLE {i} {'-' * 26}", "    ", *_wrap("PS C:\\>" + code, 4, self.width),
                      "    ", "    ", *_wrap(remark, 4, self.width), "    ", "    "]
        return lines

    def remarks(self) -> list[str]:
        if not self.topic.synopsis:     # no help content at all: PowerShell's bare page
            return ["ALIASES", "    None", "    ", "", "REMARKS", "    None", ""]
        name = self.topic.name
        lines = ["REMARKS"]
        for text in (f'To see the examples, type: "get-help {name} -examples".',
                     f'For more information, type: "get-help {name} -detailed".',
                     f'For technical information, type: "get-help {name} -full".'):
            lines += _wrap(text, 4, self.width)
        return lines + [""]

    def text(self, view: str, only: list[str] | None = None) -> list[str]:
        if view == "parameter":
            return [""] + self.parameters(True, only)
        if view == "examples":
            return self.head() + ["    ", "EXAMPLES"] + self.examples() + self.remarks()
        lines = self.head() + self.syntax()
        if view in ("detailed", "full"):
            lines += self.parameters(view == "full")
            if self.topic.examples:
                lines += ["EXAMPLES"] + self.examples()
        return lines + self.remarks()


def _like(name: str, pattern: str) -> bool:
    import fnmatch
    return fnmatch.fnmatchcase(name.lower(), pattern.lower())


@cmdlet("Get-Help", module="Microsoft.PowerShell.Core", default_set="AllUsersView")
class GetHelpCommand(Cmdlet):
    """Displays information about commands."""
    examples = (
        ("Get-Help Add-MailboxDatabaseCopy -Examples",
         "This example shows the examples of Add-MailboxDatabaseCopy."),
        ("Get-Help Set-DatabaseAvailabilityGroup -Parameter DatacenterActivationMode",
         "This example describes one parameter of Set-DatabaseAvailabilityGroup."),
        ("Get-Help *-ClusterNode",
         "This example lists the commands whose names end in -ClusterNode."),
    )

    topic: str | None = param("String", position=0, pipeline_by_name=True, name="Name")
    path: str | None = param("String")
    category: list[str] | None = param("String[]")
    component: list[str] | None = param("String[]")
    functionality: list[str] | None = param("String[]")
    role: list[str] | None = param("String[]")
    detailed: bool = param("SwitchParameter", mandatory=True, sets=("DetailedView",))
    full: bool = param("SwitchParameter", sets=("AllUsersView",))
    show_examples: bool = param("SwitchParameter", name="Examples", mandatory=True, sets=("Examples",))
    parameter: list[str] | None = param("String[]", mandatory=True, sets=("Parameters",))
    online: bool = param("SwitchParameter", mandatory=True, sets=("Online",))
    show_window: bool = param("SwitchParameter", mandatory=True, sets=("ShowWindow",))

    def process_record(self) -> None:
        name = self.topic or "Get-Help"
        if self.online or self.show_window:
            self.throw_terminating_error(self.error(
                "exshell has no browser or help window; use Get-Help without -Online or -ShowWindow.",
                category="InvalidOperation", error_id="InvalidOperation",
                exception="System.InvalidOperationException"))
        topics = self._topics(name)
        if not topics:
            self.write_error(self.error(
                f'Get-Help could not find {name} in a help file in this session. To download updated help topics '
                'type: "Update-Help". To get help online, search for the help topic in the TechNet library at '
                'https:/go.microsoft.com/fwlink/?LinkID=107116.', category="ResourceUnavailable",
                error_id="HelpNotFound", exception="Microsoft.PowerShell.Commands.HelpNotFoundException",
                target=name, target_type="String"))
            return
        if len(topics) > 1:
            for topic in topics:
                self.write_object(PSObject(("HelpInfoShort", "System.Object"), [
                    ("Name", topic.name), ("Category", topic.category), ("Module", topic.module),
                    ("Synopsis", topic.synopsis)], to_string=topic.name))
            return
        self.write_object(self._page(topics[0]))

    def _topics(self, name: str) -> list[Topic]:
        target = registry.aliases().get(name.lower(), name)
        functions = session_functions(self.runtime)
        found: list[Topic] = []
        for low, (fn_name, fn) in sorted(functions.items()):
            if _like(fn_name, target):
                found.append(function_topic(fn_name, fn, self.runtime))
        if not any(ch in target for ch in "*?["):
            cls = registry.lookup(target, self.profile)
            if cls is not None and cls.application:
                cls = None                      # a native program has no help topic
            return found[:1] or ([Topic.of_cmdlet(cls, self.profile)] if cls is not None else [])
        for cmd in registry.command_names(self.profile):
            cls = registry.lookup(cmd, self.profile)
            if cls is not None and _like(cmd, target) and not cls.application:
                found.append(Topic.of_cmdlet(cls, self.profile))
        return found

    def _page(self, topic: Topic) -> PSObject:
        view = "default"
        if self.parameter_set_name == "DetailedView":
            view = "detailed"
        elif self.parameter_set_name == "Examples":
            view = "examples"
        elif self.parameter_set_name == "Parameters":
            view = "parameter"
        elif self.full:
            view = "full"
        text = "\n".join(HelpPage(topic, self.profile).text(view, self.parameter))
        return PSObject(("MamlCommandHelpInfo", "System.Object"), [
            ("Name", topic.name), ("Category", topic.category), ("Synopsis", topic.synopsis),
            ("Syntax", topic_syntax(topic)), ("ModuleName", topic.module)],
            hidden=("Name", "Category", "Synopsis", "Syntax", "ModuleName"), to_string=text)


_HELP_BLOCK = re.compile(r"<#(.*?)#>", re.S)
_KEYWORD = re.compile(r"^\s*\.([A-Za-z]+)[ \t]*(.*)$")


def comment_help(text: str) -> dict[str, list[str]]:
    """Comment-based help (`<# .SYNOPSIS ... #>`) in a function's text: keyword -> blocks of text."""
    found: dict[str, list[str]] = {}
    for block in _HELP_BLOCK.findall(text):
        key, lines = None, []
        for line in block.splitlines() + [".END"]:
            m = _KEYWORD.match(line)
            if m and m.group(1).upper() in ("SYNOPSIS", "DESCRIPTION", "EXAMPLE", "PARAMETER", "NOTES", "END",
                                             "LINK", "INPUTS", "OUTPUTS"):
                if key:
                    found.setdefault(key, []).append("\n".join(lines).strip())
                key, lines = m.group(1).upper(), []
                continue
            lines.append(line.strip())
        if found:
            break
    return found


def function_topic(name: str, fn: Any, runtime: Any) -> Topic:
    help_ = comment_help(getattr(fn, "text", "") or "")
    examples = []
    for block in help_.get("EXAMPLE", []):
        code, _, remark = block.partition("\n")
        examples.append((code.strip(), " ".join(remark.split())))
    return Topic(name, runtime.function_metadata(fn), " ".join(help_.get("SYNOPSIS", [""])[0].split()),
                 " ".join(help_.get("DESCRIPTION", [""])[0].split()), tuple(examples), False, "Function", "")
