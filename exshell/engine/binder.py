"""ParameterBinder: PowerShell's binding order for one command invocation.

1. named arguments (exact name, alias, unique prefix; case-insensitive; `-Name:value`; switches),
2. positional arguments, by declared position within the candidate parameter sets,
3. per pipeline object: ByValue, then ByPropertyName,
4. the parameter set (the default set wins a tie), 5. mandatory parameters.
Each failure is a ParameterBindingException record with PowerShell's error id.
"""

from __future__ import annotations

from typing import Any

import attrs

from cmdlets.api.cmdlet import CommandMetadata
from cmdlets.api.parameters import ALL_SETS, ParameterDecl
from exshell.engine import messages
from exshell.engine.errors import PSRuntimeError

NO_VALUE = object()


@attrs.define
class Arg:
    """One command argument as written: a `-Name` token (maybe with a colon value) or a value."""

    name: str | None = None
    value: Any = NO_VALUE
    colon: bool = False
    text: str = ""
    extent: Any = None


class BindingError(PSRuntimeError):
    def __init__(self, error_id: str, message: str, category: str = "InvalidArgument",
                 exception: str = "System.Management.Automation.ParameterBindingException", target: Any = None,
                 extent: Any = None):
        super().__init__(message, error_id=error_id, category=category, exception_type=exception, target=target)
        self.node_extent = extent


@attrs.define
class Binding:
    values: dict[str, tuple[ParameterDecl, Any]] = attrs.field(factory=dict)   # lower name -> (decl, raw value)
    extents: dict[str, Any] = attrs.field(factory=dict)   # lower name -> where its argument was written
    candidate_sets: list[str] = attrs.field(factory=list)
    explicit: set[str] = attrs.field(factory=set)

    def names(self) -> set[str]:
        return set(self.values)


class ParameterBinder:
    def __init__(self, meta: CommandMetadata):
        self.meta = meta

    # -- 1. named ---------------------------------------------------------------------------
    def resolve_name(self, typed: str, extent: Any = None) -> ParameterDecl:
        low = typed.lower()
        params = self.meta.parameters
        for p in params:
            if p.name.lower() == low:
                return p
        for p in params:
            if any(a.lower() == low for a in p.aliases):
                return p
        matches = [p for p in params if p.name.lower().startswith(low)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = " ".join("-" + p.name for p in matches)
            raise BindingError("AmbiguousParameter", messages.text("AmbiguousParameter", name=typed, matches=names),
                               extent=extent)
        raise BindingError("NamedParameterNotFound", messages.text("NamedParameterNotFound", name=typed),
                           target=typed, extent=extent)

    def bind_arguments(self, args: list[Arg]) -> tuple[Binding, list[Arg]]:
        binding = Binding()
        positional: list[Arg] = []
        i = 0
        while i < len(args):
            arg = args[i]
            if arg.name is None:
                positional.append(arg)
                i += 1
                continue
            decl = self.resolve_name(arg.name, arg.extent)
            if decl.is_switch:
                value = True if not arg.colon else arg.value
            elif arg.colon:
                value = arg.value
            elif i + 1 < len(args) and args[i + 1].name is None:
                value = args[i + 1].value
                binding.extents[decl.name.lower()] = args[i + 1].extent
                i += 1
            else:
                raise BindingError("MissingArgument", messages.text("MissingArgument", name=decl.name,
                                                                     type=_type_display(decl.type)),
                                   target=decl.name, extent=arg.extent)
            self._put(binding, decl, value, arg.extent)
            i += 1
        binding.candidate_sets = self._candidate_sets(binding)
        leftovers = self._bind_positional(binding, positional)
        return binding, leftovers

    def _put(self, binding: Binding, decl: ParameterDecl, value: Any, extent: Any = None) -> None:
        key = decl.name.lower()
        if key in binding.values:
            raise BindingError("ParameterAlreadyBound", messages.text("ParameterAlreadyBound", name=decl.name),
                               extent=extent)
        binding.values[key] = (decl, value)
        binding.extents.setdefault(key, extent)
        binding.explicit.add(key)

    # -- sets -------------------------------------------------------------------------------
    def all_sets(self) -> list[str]:
        return [s for s in self.meta.set_names]

    def _candidate_sets(self, binding: Binding) -> list[str]:
        sets = self.all_sets()
        for decl, _ in binding.values.values():
            if ALL_SETS in decl.sets:
                continue
            sets = [s for s in sets if s in decl.sets]
        if not sets:
            raise BindingError("AmbiguousParameterSet", messages.text("AmbiguousParameterSet"))
        return sets

    # -- 2. positional ------------------------------------------------------------------------
    def _positional_order(self, sets: list[str]) -> list[list[ParameterDecl]]:
        """For each position index, the parameters (across candidate sets) that take it."""
        per_set: dict[str, list[tuple[int, ParameterDecl]]] = {}
        for s in sets:
            entries = []
            for p in self.meta.parameters:
                m = p.sets.get(s) or p.sets.get(ALL_SETS)
                if m is not None and m.position is not None:
                    entries.append((m.position, p))
            per_set[s] = sorted(entries, key=lambda e: e[0])
        return [[p for _, p in entries] for entries in per_set.values()]

    def _bind_positional(self, binding: Binding, positional: list[Arg]) -> list[Arg]:
        if not positional:
            return []
        sets = binding.candidate_sets
        default = self.meta.default_set
        ordered_sets = sorted(sets, key=lambda s: 0 if s == default else 1)
        leftovers: list[Arg] = []
        for arg in positional:
            decl = self._next_positional(binding, ordered_sets, arg.value)
            if decl is None:
                if not self._take_remaining(binding, arg):
                    leftovers.append(arg)
                continue
            binding.values[decl.name.lower()] = (decl, arg.value)
            binding.extents[decl.name.lower()] = arg.extent
            binding.explicit.add(decl.name.lower())
            narrowed = [s for s in binding.candidate_sets if s in decl.sets or ALL_SETS in decl.sets]
            binding.candidate_sets = narrowed or binding.candidate_sets
            ordered_sets = [s for s in ordered_sets if s in binding.candidate_sets]
        return self._bind_remaining(binding, leftovers)

    def _bind_remaining(self, binding: Binding, leftovers: list[Arg]) -> list[Arg]:
        """Arguments no position took go to a ValueFromRemainingArguments parameter, as a list."""
        if not leftovers:
            return leftovers
        for p in self.meta.parameters:
            if p.name.lower() in binding.values:
                continue
            sets = [s for s in binding.candidate_sets if (p.sets.get(s) or p.sets.get(ALL_SETS)) is not None
                    and (p.sets.get(s) or p.sets.get(ALL_SETS)).from_remaining]
            if sets:
                binding.values[p.name.lower()] = (p, [a.value for a in leftovers])
                binding.explicit.add(p.name.lower())
                binding.candidate_sets = sets
                return []
        return leftovers

    def _take_remaining(self, binding: Binding, arg: Arg) -> bool:
        """ValueFromRemainingArguments: an extra positional joins the parameter that collects them."""
        for decl, value in binding.values.values():
            if any(m is not None and m.from_remaining for m in map(decl.in_set, binding.candidate_sets)):
                binding.values[decl.name.lower()] = (decl, (value if isinstance(value, list) else [value])
                                                     + [arg.value])
                return True
        return False

    def _next_positional(self, binding: Binding, sets: list[str], value: Any = None) -> ParameterDecl | None:
        """The next free positional parameter; like PowerShell's first pass without type coercion,
        a parameter whose type takes the value as it is wins over one that would need converting."""
        candidates = []
        for ordered in self._positional_order(sets):
            free = next((p for p in ordered if p.name.lower() not in binding.values), None)
            if free is not None:
                candidates.append(free)
        for p in candidates:
            if _fits_without_coercion(p.type, value) and _fits_values(p, value):
                return p
        return candidates[0] if candidates else None

    # -- 4./5. set and mandatory ----------------------------------------------------------------
    def choose_set(self, binding: Binding) -> str:
        sets = binding.candidate_sets or self.all_sets()
        if len(sets) == 1:
            return sets[0]
        if self.meta.default_set in sets:
            return self.meta.default_set
        # a set whose mandatory parameters are all bound wins
        satisfied = [s for s in sets if not self.missing_mandatory(binding, s)]
        if len(satisfied) == 1:
            return satisfied[0]
        raise BindingError("AmbiguousParameterSet", messages.text("AmbiguousParameterSet"))

    def missing_mandatory(self, binding: Binding, set_name: str, skip_pipeline: bool = False) -> list[ParameterDecl]:
        missing = []
        for p in self.meta.parameters:
            m = p.sets.get(set_name) or p.sets.get(ALL_SETS)
            if m is None or not m.mandatory or p.name.lower() in binding.values:
                continue
            if skip_pipeline and (m.from_pipeline or m.from_pipeline_by_name):
                continue
            missing.append(p)
        return missing

    # -- 3. pipeline ---------------------------------------------------------------------------
    def pipeline_candidates(self, binding: Binding, by_name: bool) -> list[ParameterDecl]:
        out = []
        for p in self.meta.parameters:
            if p.name.lower() in binding.explicit:
                continue
            for s in binding.candidate_sets:
                m = p.sets.get(s) or p.sets.get(ALL_SETS)
                if m is not None and (m.from_pipeline_by_name if by_name else m.from_pipeline):
                    out.append(p)
                    break
        return out


def _fits_without_coercion(type_name: str, value: Any) -> bool:
    is_block = type(value).__name__ == "ScriptBlock"
    if type_name in ("ScriptBlock", "ScriptBlock[]"):
        return is_block
    if is_block:
        return type_name in ("Object", "Object[]")
    return True


def _fits_values(decl: ParameterDecl, value: Any) -> bool:
    """An enum parameter does not take a word outside its names, and a string or dictionary parameter
    does not take the other kind, when another set's parameter could (Add-Member's sets)."""
    if decl.values and isinstance(value, str):
        return value.lower() in (v.lower() for v in decl.values)
    if decl.type == "IDictionary":
        return isinstance(value, dict)
    if decl.type == "String":
        return not isinstance(value, dict)
    return True


def _type_display(type_name: str) -> str:
    simple = {"String": "System.String", "Int32": "System.Int32", "Boolean": "System.Boolean",
              "Object": "System.Object", "String[]": "System.String[]", "Object[]": "System.Object[]",
              "ScriptBlock": "System.Management.Automation.ScriptBlock", "Int64": "System.Int64",
              "Double": "System.Double", "TimeSpan": "System.TimeSpan", "DateTime": "System.DateTime",
              "UInt16": "System.UInt16", "UInt32": "System.UInt32"}
    if type_name in simple:
        return simple[type_name]
    if type_name.endswith("IdParameter"):
        ns = "Microsoft.Exchange.Configuration.Tasks."
        return ns + type_name
    return type_name
