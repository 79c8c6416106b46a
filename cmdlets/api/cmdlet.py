"""The cmdlet base class, the @cmdlet decorator and the metadata the binder reads.

A cmdlet is one class named like Exchange's task class, with PowerShell's lifecycle
(``begin_processing``, ``process_record``, ``end_processing``). Bound parameters arrive as
attributes (snake_case of the real name); unbound ones hold their declared default.
"""

from __future__ import annotations

import re

from functools import lru_cache
from typing import Any, ClassVar

import attrs

from cmdlets.api import catalog
from cmdlets.api.errors import CmdletError, ErrorRecord, InvocationInfo
from cmdlets.api.parameters import (
    ALL_SETS, ParameterDecl, ParamSpec, SetMembership, common_parameters, pascal_case, snake_case,
)
from cmdlets.api.profile import CATALOG_VERSION, Profile
from cmdlets.api.runtime import Runtime

_CLASSES: dict[str, type["Cmdlet"]] = {}


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@attrs.frozen
class CommandMetadata:
    """Everything the binder needs to know about a command, for one PowerShell/Exchange version."""

    name: str
    parameters: tuple[ParameterDecl, ...]
    set_names: tuple[str, ...] = (ALL_SETS,)
    default_set: str | None = None
    supports_should_process: bool = False
    confirm_impact: str = "Medium"
    positional_binding: bool = True

    def find(self, name: str) -> ParameterDecl | None:
        low = name.lower()
        for p in self.parameters:
            if p.name.lower() == low:
                return p
        return None


class Cmdlet:
    """Base class of every command implemented in Python."""

    name: ClassVar[str] = ""
    namespace: ClassVar[str] = "Microsoft.PowerShell.Commands"   # for FullyQualifiedErrorId
    task_class: ClassVar[str] = ""                               # defaults to the class name
    supports_should_process: ClassVar[bool] = False
    confirm_impact: ClassVar[str] = "Medium"
    default_set: ClassVar[str | None] = None
    from_catalog: ClassVar[bool] = False
    versions: ClassVar[tuple[str, ...] | None] = None            # lab versions that have it (None: all)
    module: ClassVar[str] = "Microsoft.PowerShell.Utility"
    application: ClassVar[bool] = False          # a native program (ping, cluster.exe): Get-Command's Application
    _specs: ClassVar[dict[str, ParamSpec]] = {}

    def __init__(self, runtime: Runtime, invocation: InvocationInfo | None = None):
        self.runtime = runtime
        self.invocation = invocation or InvocationInfo(command_name=self.name)
        self.parameter_set_name: str = ALL_SETS
        self.bound: dict[str, Any] = {}            # real name -> value, as $PSBoundParameters
        for attr, spec in self._specs.items():
            setattr(self, attr, _copy_default(spec.default))

    # -- lifecycle --------------------------------------------------------------------
    def begin_processing(self) -> None:
        pass

    def process_record(self) -> None:
        pass

    def end_processing(self) -> None:
        pass

    # -- binding ----------------------------------------------------------------------
    def bind(self, decl: ParameterDecl, value: Any) -> None:
        self.bound[decl.name] = value
        if decl.attr:
            setattr(self, decl.attr, value)

    def is_bound(self, name: str) -> bool:
        low = name.lower()
        return any(k.lower() == low for k in self.bound)

    # -- streams ----------------------------------------------------------------------
    @property
    def world(self) -> Any:
        return self.runtime.world

    @property
    def profile(self) -> Profile:
        return self.runtime.profile

    def write_object(self, value: Any, enumerate_collection: bool = False) -> None:
        self.runtime.write_object(value, enumerate_collection)

    def write_warning(self, message: str) -> None:
        self.runtime.write_warning(message)

    def write_verbose(self, message: str) -> None:
        self.runtime.write_verbose(message)

    def write_debug(self, message: str) -> None:
        self.runtime.write_debug(message)

    def write_error(self, record: ErrorRecord) -> None:
        self.runtime.write_error(record)

    def throw_terminating_error(self, record: ErrorRecord) -> None:
        raise CmdletError(attrs.evolve(record, terminating=True), terminating=True)

    def should_process(self, target: str, action: str | None = None, **texts: str) -> bool:
        return self.runtime.should_process(target, action or self.name, **texts)

    def error(self, message: str, category: str = "NotSpecified", error_id: str | None = None,
              exception: str = "System.Management.Automation.RuntimeException", target: Any = None,
              target_type: str = "", rule_id: str = "") -> ErrorRecord:
        """An error record attributed to this cmdlet."""
        return ErrorRecord(
            message=message, category=category, error_id=error_id or exception.rsplit(".", 1)[-1],
            exception_type=exception, target=target, target_type=target_type, activity=self.name,
            command_type=self.full_type_name(), rule_id=rule_id, invocation=self.invocation,
        )

    @classmethod
    def full_type_name(cls) -> str:
        return f"{cls.namespace}.{cls.task_class or cls.__name__}"

    @classmethod
    def synopsis(cls) -> str:
        """The first sentence of the docstring's first paragraph, on one line."""
        paragraph = (cls.__doc__ or "").strip().split("\n\n", 1)[0]
        text = " ".join(line.strip() for line in paragraph.splitlines())
        return _SENTENCE_END.split(text, 1)[0]

    # -- metadata ---------------------------------------------------------------------
    @classmethod
    def exists_in(cls, profile: Profile) -> bool:
        if cls.versions is not None:
            return profile.exchange_version in cls.versions
        if cls.from_catalog:
            return catalog.has_cmdlet(cls.name, profile.catalog_version)
        return True

    @classmethod
    def available_on(cls, machine: Any) -> bool:
        """Whether the session's machine has this command (e.g. a module its Windows lacks)."""
        return True

    @classmethod
    def metadata(cls, profile: Profile) -> CommandMetadata:
        return _metadata(cls, profile.exchange_version, profile.ps_major)


def _copy_default(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


@lru_cache(maxsize=None)
def _metadata(cls: type[Cmdlet], exchange_version: str, ps_major: int) -> CommandMetadata:
    decls: list[ParameterDecl] = []
    set_names: list[str] = []
    if cls.from_catalog:
        cat_decls, set_names = catalog.parameters(cls.name, CATALOG_VERSION[exchange_version])
        specs_by_name = {(s.name or pascal_case(a)).lower(): (a, s) for a, s in cls._specs.items()}
        for d in cat_decls:
            attr, spec = specs_by_name.get(d.name.lower(), ("", None))
            if d.name.lower() in ("whatif", "confirm"):
                continue
            decls.append(_merge(d, attr or snake_case(d.name), spec))
        known = {d.name.lower() for d in decls} | {"whatif", "confirm"}
        for attr, spec in cls._specs.items():     # extras the catalog lacks (version-gated)
            real = spec.name or pascal_case(attr)
            if real.lower() not in known and (not spec.versions or exchange_version in spec.versions):
                decls.append(_from_spec(attr, spec))
    else:
        for attr, spec in cls._specs.items():
            if spec.versions and exchange_version not in spec.versions:
                continue
            decls.append(_from_spec(attr, spec))
            for s in spec.sets:
                if s not in set_names:
                    set_names.append(s)
    decls.extend(common_parameters(ps_major, cls.supports_should_process))
    default = cls.default_set
    if default is None and set_names:
        default = "Identity" if "Identity" in set_names else set_names[0]
    elif default is not None and set_names and default not in set_names:
        set_names.append(default)       # a default set no parameter names still exists (all-sets ones only)
    return CommandMetadata(cls.name, tuple(decls), tuple(set_names or [ALL_SETS]), default,
                           cls.supports_should_process, cls.confirm_impact)


def _merge(d: ParameterDecl, attr: str, spec: ParamSpec | None) -> ParameterDecl:
    if spec is None:
        return attrs.evolve(d, attr=attr)
    return attrs.evolve(
        d, attr=attr, default=spec.default, ignored=spec.ignored, help=spec.help,
        aliases=d.aliases + tuple(a for a in spec.aliases if a not in d.aliases),
        validate_range=spec.validate_range, type=spec.type or d.type,
        values=spec.values or d.values, allow_null=spec.allow_null,
    )


def _from_spec(attr: str, spec: ParamSpec) -> ParameterDecl:
    membership = SetMembership(
        mandatory=bool(spec.mandatory), position=spec.position,
        from_pipeline=bool(spec.pipeline), from_pipeline_by_name=bool(spec.pipeline_by_name),
        from_remaining=spec.remaining,
    )
    sets = {s: membership for s in spec.sets} if spec.sets else {ALL_SETS: membership}
    return ParameterDecl(
        name=spec.name or pascal_case(attr), type=spec.type or "Object", aliases=spec.aliases, sets=sets,
        values=spec.values, attr=attr, default=spec.default, ignored=spec.ignored, help=spec.help,
        validate_range=spec.validate_range, allow_null=spec.allow_null,
    )


def cmdlet(name: str, **options: Any):
    """Class decorator: registers a Cmdlet under its PowerShell name and collects its param() specs.

    Options set class attributes (``supports_should_process=True``, ``versions=(...)``,
    ``default_set="Identity"``...). Exchange cmdlets (``from_catalog=True``) take their parameters
    from the catalog.
    """

    def register(cls: type[Cmdlet]) -> type[Cmdlet]:
        cls.name = name
        for key, value in options.items():
            setattr(cls, key, value)
        specs: dict[str, ParamSpec] = {}
        for base in reversed(cls.__mro__):
            for attr, value in vars(base).items():
                if isinstance(value, ParamSpec):
                    specs[attr] = value
        cls._specs = specs
        for attr in specs:            # the class attribute must not shadow the instance value
            if attr in vars(cls):
                delattr(cls, attr)
        _CLASSES[name.lower()] = cls
        return cls

    return register


def registered(name: str) -> type[Cmdlet] | None:
    return _CLASSES.get(name.lower())
