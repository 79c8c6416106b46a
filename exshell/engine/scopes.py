"""Session state: scopes of variables and functions (global, script, function, local),
resolved as PowerShell resolves them: read walks outwards, write goes to the current scope
unless a scope prefix (`global:`, `script:`, `local:`, `private:`) says otherwise."""

from __future__ import annotations

from typing import Any

_MISSING = object()
CONSTANTS = {"true": True, "false": False, "null": None}
READ_ONLY = frozenset({"true", "false", "null", "pshome", "host", "psversiontable", "shellid", "pid"})


class Scope:
    __slots__ = ("parent", "vars", "functions", "kind", "constraints")

    def __init__(self, parent: "Scope | None" = None, kind: str = "local"):
        self.parent = parent
        self.constraints: dict[str, Any] | None = None    # lowercased name -> type/validation constraint
        self.vars: dict[str, tuple[str, Any]] = {}        # lowercased name -> (name as written, value)
        self.functions: dict[str, Any] = {}               # lowercased name -> FunctionInfo
        self.kind = kind                                  # "global" | "script" | "function" | "local"

    # -- variables ------------------------------------------------------------------------
    def lookup(self, name: str) -> Any:
        low = name.lower()
        scope: Scope | None = self
        while scope is not None:
            hit = scope.vars.get(low)
            if hit is not None:
                return hit[1]
            scope = scope.parent
        return _MISSING

    def get(self, name: str, default: Any = None) -> Any:
        value = self.lookup(name)
        return default if value is _MISSING else value

    def has(self, name: str) -> bool:
        return self.lookup(name) is not _MISSING

    def set_local(self, name: str, value: Any) -> None:
        self.vars[name.lower()] = (name, value)

    def remove(self, name: str) -> bool:
        low = name.lower()
        scope: Scope | None = self
        while scope is not None:
            if low in scope.vars:
                del scope.vars[low]
                return True
            scope = scope.parent
        return False

    def find_scope(self, kind: str) -> "Scope":
        scope: Scope = self
        while scope.parent is not None and scope.kind != kind:
            if kind == "script" and scope.kind == "global":
                break
            scope = scope.parent
        return scope

    def all_variables(self) -> dict[str, tuple[str, Any]]:
        chain = []
        scope: Scope | None = self
        while scope is not None:
            chain.append(scope)
            scope = scope.parent
        merged: dict[str, tuple[str, Any]] = {}
        for s in reversed(chain):
            merged.update(s.vars)
        return merged

    # -- functions ------------------------------------------------------------------------
    def lookup_function(self, name: str) -> Any:
        low = name.lower()
        scope: Scope | None = self
        while scope is not None:
            fn = scope.functions.get(low)
            if fn is not None:
                return fn
            scope = scope.parent
        return None


def split_scope(path: str) -> tuple[str | None, str]:
    """`global:x` -> ("global", "x"); `env:PATH` -> ("env", "PATH"); `x` -> (None, "x")."""
    if ":" in path:
        prefix, _, rest = path.partition(":")
        low = prefix.lower()
        if low in ("global", "script", "local", "private", "env", "variable", "function", "using"):
            return low, rest
        return low, rest
    return None, path


MISSING = _MISSING
