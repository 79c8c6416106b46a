"""Get-Variable, New-Variable, Set-Variable, Remove-Variable and Clear-Variable: the session's
variables as PSVariable objects, with -Scope, -Option (ReadOnly, Constant) and the real errors."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param

PSVARIABLE = "System.Management.Automation.PSVariable"
_OPTIONS = ("None", "ReadOnly", "Constant", "Private", "AllScope", "Unspecified")
_PROTECTED = ("readonly", "constant")


def _has_wildcard(text: str) -> bool:
    return any(ch in text for ch in "*?[")


class _VariableCmdlet(Cmdlet):
    """Shared lookups: the scope, the names a pattern matches, the options a variable carries."""

    scope: str | None = param("String")

    def target_scope(self) -> Any:
        try:
            return self.runtime.variable_scope(self.scope)
        except LookupError:
            self.throw_terminating_error(self.error(
                f"The scope number '{self.scope}' exceeds the number of active scopes.", category="InvalidArgument",
                error_id="ArgumentOutOfRange", exception="System.Management.Automation.PSArgumentOutOfRangeException",
                target=self.scope))

    def visible(self) -> dict[str, tuple[str, Any]]:
        scope = self.target_scope()
        return scope.vars if self.scope else scope.all_variables()

    def options(self) -> dict[str, str]:
        """lower name -> option list: kept with the session, beside its global scope."""
        ctx = self.runtime.ctx
        table = getattr(ctx, "variable_options", None)
        if table is None:
            table = {}
            ctx.variable_options = table
        return table

    def assign(self, scope: Any, name: str, action: str) -> None:
        """New-/Set-Variable's change: -WhatIf/-Confirm, the value (the name keeps its first spelling),
        the options, -PassThru."""
        value = getattr(self, "value", None)
        if not self.should_process(f"Name: {name} Value: {self.runtime.to_string(value)}", action):
            return
        existing = scope.vars.get(name.lower())
        scope.set_local(existing[0] if existing else name, value)
        chosen = [o for o in getattr(self, "option", None) or [] if o.lower() != "none"]
        if chosen:
            self.options()[name.lower()] = ", ".join(chosen)
        if getattr(self, "pass_thru", False):
            self.write_object(self.record(name, value))

    def matches(self, pattern: str, include: list[str] | None, exclude: list[str] | None) -> list[tuple[str, Any]]:
        found = []
        for low, (name, value) in sorted(self.visible().items()):
            if low.startswith("__"):
                continue            # the session's own bookkeeping, not a PowerShell variable
            if not self.runtime.like(name, pattern):
                continue
            if include and not any(self.runtime.like(name, p) for p in include):
                continue
            if exclude and any(self.runtime.like(name, p) for p in exclude):
                continue
            found.append((name, value))
        return found

    def existing(self, pattern: str) -> list[tuple[str, Any]]:
        """The variables a -Name pattern matches; a plain name that matches none is an error."""
        found = self.matches(pattern, getattr(self, "include", None), getattr(self, "exclude", None))
        if not found and not _has_wildcard(pattern):
            self.not_found(pattern)
        return found

    def not_found(self, name: str) -> None:
        self.write_error(self.error(f"Cannot find a variable with the name '{name}'.", category="ObjectNotFound",
                                    error_id="VariableNotFound",
                                    exception="System.Management.Automation.ItemNotFoundException",
                                    target=name, target_type="String"))

    def protected(self, name: str, *, removing: bool = False) -> bool:
        """Whether ReadOnly/Constant stops the change (ReadOnly gives way to -Force)."""
        option = self.options().get(name.lower(), "None").lower()
        force = getattr(self, "force", False)
        if option == "constant" or (option == "readonly" and not force):
            message = (f"Cannot remove variable {name} because it is constant or read-only. If the variable is "
                       "read-only, try the operation again specifying the Force option." if removing else
                       f"Cannot overwrite variable {name} because it is read-only or constant.")
            self.write_error(self.error(
                message, category="WriteError", error_id="VariableNotRemovable" if removing else "VariableNotWritable",
                exception="System.Management.Automation.SessionStateUnauthorizedAccessException",
                target=name, target_type="String"))
            return True
        return False

    def record(self, name: str, value: Any) -> Any:
        from cmdlets.api.values import PSObject
        option = self.options().get(name.lower(), "None")
        return PSObject((PSVARIABLE, "System.Object"), [
            ("Name", name), ("Description", ""), ("Value", value), ("Visibility", "Public"), ("Module", None),
            ("ModuleName", ""), ("Options", option), ("Attributes", []),
        ], to_string=name)


class _NamedVariablesCmdlet(_VariableCmdlet):
    """Set-, Remove- and Clear-Variable: the variables named (wildcards allowed), -Include/-Exclude, -Force."""

    names: list[str] | None = param("String[]", position=0, mandatory=True, pipeline_by_name=True, name="Name")
    include: list[str] | None = param("String[]")
    exclude: list[str] | None = param("String[]")
    force: bool = param("SwitchParameter")


class _ValueCmdlet(_VariableCmdlet):
    """New- and Set-Variable: what the variable gets."""

    value: Any = param("Object", position=1, pipeline=True, pipeline_by_name=True, allow_null=True)
    description: str | None = param("String")
    option: list[str] | None = param("System.Management.Automation.ScopedItemOptions[]", values=_OPTIONS)
    visibility: str | None = param("System.Management.Automation.SessionStateEntryVisibility",
                                   values=("Public", "Private"))
    pass_thru: bool = param("SwitchParameter")


@cmdlet("Get-Variable", module="Microsoft.PowerShell.Utility")
class GetVariableCommand(_VariableCmdlet):
    """Gets the variables of the current session (or one scope)."""
    examples = (
        ("Get-Variable",
         "This example lists the variables of the session."),
        ("Get-Variable -Name Error -ValueOnly",
         "This example returns the value of $Error."),
    )

    names: list[str] | None = param("String[]", position=0, pipeline=True, pipeline_by_name=True, name="Name")
    value_only: bool = param("SwitchParameter")
    include: list[str] | None = param("String[]")
    exclude: list[str] | None = param("String[]")

    def process_record(self) -> None:
        for pattern in self.names or ["*"]:
            found = self.existing(pattern)
            for name, value in found:
                if self.value_only:
                    self.write_object(value)
                else:
                    self.write_object(self.record(name, value))


@cmdlet("New-Variable", module="Microsoft.PowerShell.Utility", supports_should_process=True,
        confirm_impact="Low")
class NewVariableCommand(_ValueCmdlet):
    """Creates a variable, refusing one that already exists unless -Force."""
    examples = (
        ("New-Variable -Name Dag -Value DAG1",
         "This example creates the variable $Dag."),
    )

    var_name: str | None = param("String", position=0, mandatory=True, pipeline_by_name=True, name="Name")
    force: bool = param("SwitchParameter")

    def process_record(self) -> None:
        name = self.var_name or ""
        scope = self.target_scope()
        if name.lower() in scope.vars:
            if not self.force:
                self.write_error(self.error(
                    f"A variable with name '{name}' already exists.", category="ResourceExists",
                    error_id="VariableAlreadyExists", exception="System.Management.Automation.SessionStateException",
                    target=name, target_type="String"))
                return
            if self.protected(name):
                return
        self.assign(scope, name, "New variable")


@cmdlet("Set-Variable", module="Microsoft.PowerShell.Utility", supports_should_process=True,
        confirm_impact="Low")
class SetVariableCommand(_NamedVariablesCmdlet, _ValueCmdlet):
    """Sets the value of a variable, creating it when it does not exist."""
    examples = (
        ("Set-Variable -Name Dag -Value DAG2",
         "This example sets $Dag, creating it when needed."),
    )

    def process_record(self) -> None:
        scope = self.target_scope()
        for pattern in self.names or []:
            targets = [n for n, _ in self.matches(pattern, self.include, self.exclude)] if _has_wildcard(pattern) \
                else [pattern]
            for name in targets:
                if self.protected(name):
                    continue
                self.assign(scope, name, "Set variable")


@cmdlet("Remove-Variable", module="Microsoft.PowerShell.Utility", supports_should_process=True,
        confirm_impact="Medium")
class RemoveVariableCommand(_NamedVariablesCmdlet):
    """Deletes variables."""
    examples = (
        ("Remove-Variable -Name Dag",
         "This example deletes the variable $Dag."),
    )

    def process_record(self) -> None:
        scope = self.target_scope()
        for pattern in self.names or []:
            found = self.existing(pattern)
            for name, _ in found:
                if self.protected(name, removing=True):
                    continue
                if self.should_process(f"Name: {name}", "Remove variable"):
                    scope.remove(name)
                    self.options().pop(name.lower(), None)


@cmdlet("Clear-Variable", module="Microsoft.PowerShell.Utility", supports_should_process=True,
        confirm_impact="Medium")
class ClearVariableCommand(_NamedVariablesCmdlet):
    """Sets variables to $null, keeping them."""
    synopsis = "Deletes the value of a variable."
    examples = (
        ("Clear-Variable -Name Dag",
         "This example sets $Dag to $null and keeps the variable."),
    )

    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        for pattern in self.names or []:
            found = self.existing(pattern)
            for name, _ in found:
                if self.protected(name):
                    continue
                if self.should_process(f"Name: {name}", "Clear variable"):
                    self._clear(name)
                    if self.pass_thru:
                        self.write_object(self.record(name, None))

    def _clear(self, name: str) -> None:
        scope = self.target_scope()
        holder = scope
        while holder is not None and name.lower() not in holder.vars:
            holder = holder.parent
        (holder or scope).set_local(name, None)
