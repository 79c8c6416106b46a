"""Parameter declarations: what a command accepts, in the binder's terms.

A cmdlet class lists what it reads with ``param()``; for Exchange cmdlets the catalog
(``catalog.py``) supplies names, sets, positions, aliases, mandatory flags, pipeline input and
enum values, and ``param()`` only adds what the catalog cannot know (a default, a note that the
parameter has no effect in an emulator). Script functions build the same declarations from their
``param()`` blocks, so one binder serves both.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

ALL_SETS = "__AllParameterSets"


@attrs.frozen
class SetMembership:
    """How a parameter takes part in one parameter set."""

    mandatory: bool = False
    position: int | None = None          # order among positionals; None = named only
    from_pipeline: bool = False          # ValueFromPipeline
    from_pipeline_by_name: bool = False  # ValueFromPipelineByPropertyName
    from_remaining: bool = False         # ValueFromRemainingArguments


@attrs.frozen
class ParameterDecl:
    """One parameter as the binder sees it."""

    name: str                                   # real name, e.g. "MailboxServer"
    type: str = "Object"                        # catalog/.NET type name: "String", "SwitchParameter", "ServerIdParameter"...
    aliases: tuple[str, ...] = ()
    sets: dict[str, SetMembership] = attrs.field(factory=lambda: {ALL_SETS: SetMembership()})
    values: tuple[str, ...] = ()                # ValidateSet / enum values
    attr: str = ""                              # Python attribute on the cmdlet
    default: Any = None
    ignored: str = ""                           # why it has no effect here ("" = it has one)
    validate_range: tuple[Any, Any] | None = None
    validate_not_null_or_empty: bool = False
    validate_pattern: str | None = None
    validate_count: tuple[int, int] | None = None
    validate_script: Any = None
    allow_null: bool = False
    allow_empty_string: bool = False
    wildcards: bool = False
    help: str = ""

    @property
    def is_switch(self) -> bool:
        return self.type == "SwitchParameter"

    def in_set(self, set_name: str) -> SetMembership | None:
        return self.sets.get(set_name) or self.sets.get(ALL_SETS)


@attrs.define
class ParamSpec:
    """What ``param()`` returns inside a class body; turned into a ParameterDecl by @cmdlet."""

    type: str | None = None
    position: int | None = None
    mandatory: bool | None = None
    pipeline: bool | None = None
    pipeline_by_name: bool | None = None
    aliases: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    default: Any = None
    ignored: str = ""
    name: str | None = None            # real name when snake_case -> PascalCase is not mechanical
    versions: tuple[str, ...] = ()     # lab versions that have it, when the catalog does not say
    help: str = ""
    validate_range: tuple[Any, Any] | None = None
    allow_null: bool = False
    remaining: bool = False            # ValueFromRemainingArguments


def param(
    type: str | None = None,
    *,
    position: int | None = None,
    mandatory: bool | None = None,
    pipeline: bool | None = None,
    pipeline_by_name: bool | None = None,
    aliases: tuple[str, ...] = (),
    sets: tuple[str, ...] = (),
    values: tuple[str, ...] = (),
    default: Any = None,
    ignored: str = "",
    name: str | None = None,
    versions: tuple[str, ...] = (),
    help: str = "",
    validate_range: tuple[Any, Any] | None = None,
    allow_null: bool = False,
    remaining: bool = False,
) -> Any:
    """Declare a parameter in a cmdlet class body (see module docstring)."""
    return ParamSpec(type, position, mandatory, pipeline, pipeline_by_name, tuple(aliases), tuple(sets),
                     tuple(values), default, ignored, name, tuple(versions), help, validate_range, allow_null,
                     remaining)


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake_case(name: str) -> str:
    """PascalCase catalog name -> attribute name: MailboxServer -> mailbox_server, IPv4Address -> ipv4_address."""
    return _CAMEL.sub("_", name).lower()


def pascal_case(attr: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in attr.split("_"))


# PowerShell's common parameters (about_CommonParameters) and the risk-mitigation pair.
COMMON_PARAMETERS: tuple[ParameterDecl, ...] = (
    ParameterDecl("Verbose", "SwitchParameter", ("vb",)),
    ParameterDecl("Debug", "SwitchParameter", ("db",)),
    ParameterDecl("ErrorAction", "ActionPreference", ("ea",),
                  values=("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend")),
    ParameterDecl("WarningAction", "ActionPreference", ("wa",),
                  values=("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend")),
    ParameterDecl("ErrorVariable", "String", ("ev",)),
    ParameterDecl("WarningVariable", "String", ("wv",)),
    ParameterDecl("OutVariable", "String", ("ov",)),
    ParameterDecl("OutBuffer", "Int32", ("ob",)),
)
PS3_COMMON_PARAMETERS: tuple[ParameterDecl, ...] = (
    ParameterDecl("PipelineVariable", "String", ("pv",)),
)
PS5_COMMON_PARAMETERS: tuple[ParameterDecl, ...] = (
    ParameterDecl("InformationAction", "ActionPreference", ("infa",),
                  values=("SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend")),
    ParameterDecl("InformationVariable", "String", ("iv",)),
)
SHOULD_PROCESS_PARAMETERS: tuple[ParameterDecl, ...] = (
    ParameterDecl("WhatIf", "SwitchParameter", ("wi",)),
    ParameterDecl("Confirm", "SwitchParameter", ("cf",)),
)
COMMON_NAMES = frozenset(p.name.lower() for p in COMMON_PARAMETERS + PS3_COMMON_PARAMETERS
                         + PS5_COMMON_PARAMETERS + SHOULD_PROCESS_PARAMETERS)


def common_parameters(ps_major: int, should_process: bool) -> tuple[ParameterDecl, ...]:
    """The common parameters a command has under PowerShell ``ps_major``."""
    decls = COMMON_PARAMETERS
    if ps_major >= 3:
        decls += PS3_COMMON_PARAMETERS
    if ps_major >= 5:
        decls += PS5_COMMON_PARAMETERS
    if should_process:
        decls += SHOULD_PROCESS_PARAMETERS
    return decls
