"""`$ExecutionContext` (EngineIntrinsics): the members admin scripts reach for. InvokeCommand
makes script blocks from strings and expands strings (``exshell.engine.dynamic_code``);
SessionState.Path resolves paths against the current location
(`$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath('.\\out.csv')`, the
usual way to hand a .NET method a full path). Anything else is MethodNotFound or $null."""

from __future__ import annotations

from typing import Any

from cmdlets.api.values import NoSuchMember
from exshell.engine.dotnet_values import MISSING
from exshell.engine.dynamic_code import create_script_block, expand_string


class _Intrinsics:
    """A .NET object of the engine: a type name, a few members."""

    ps_type_name = "System.Object"

    def __init__(self, ev: Any):
        self._ev = ev

    def ps_get(self, name: str) -> Any:
        return MISSING

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        raise NoSuchMember(name)

    def __str__(self) -> str:
        return self.ps_type_name


class CommandInvocationIntrinsics(_Intrinsics):
    """`$ExecutionContext.InvokeCommand`: script blocks from strings, string expansion."""

    ps_type_name = "System.Management.Automation.CommandInvocationIntrinsics"

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        low = name.lower()
        if low == "newscriptblock" and len(args) == 1:
            return create_script_block(self._ev, args[0], "NewScriptBlock")
        if low == "expandstring" and len(args) == 1:
            return expand_string(self._ev, args[0])
        raise NoSuchMember(name)


class PathIntrinsics(_Intrinsics):
    """`$ExecutionContext.SessionState.Path`: the current location and paths resolved from it."""

    ps_type_name = "System.Management.Automation.PathIntrinsics"

    def ps_get(self, name: str) -> Any:
        if name.lower() == "currentlocation":
            from cmdlets.builtins.items import path_info
            return path_info(self._ev.ctx.location)
        return MISSING

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        if name.lower() == "getunresolvedproviderpathfrompspath" and len(args) == 1:
            from cmdlets.windows.paths import full_path
            from exshell.engine import conversion as conv
            return full_path(self._ev.ctx.location, conv.to_string(args[0]))
        raise NoSuchMember(name)


class SessionStateIntrinsics(_Intrinsics):
    """`$ExecutionContext.SessionState`: its Path."""

    ps_type_name = "System.Management.Automation.SessionState"

    def ps_get(self, name: str) -> Any:
        return PathIntrinsics(self._ev) if name.lower() == "path" else MISSING


class EngineIntrinsics(_Intrinsics):
    """`$ExecutionContext`."""

    ps_type_name = "System.Management.Automation.EngineIntrinsics"

    def ps_get(self, name: str) -> Any:
        low = name.lower()
        if low == "invokecommand":
            return CommandInvocationIntrinsics(self._ev)
        if low == "sessionstate":
            return SessionStateIntrinsics(self._ev)
        return MISSING
