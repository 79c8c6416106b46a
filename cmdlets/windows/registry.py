"""The Registry provider on the emulated machines (HKLM: only, the keys the seed procedures
touch): Get-ItemProperty, Set-ItemProperty, New-ItemProperty, Remove-ItemProperty, and the
registry side of Test-Path, New-Item, Remove-Item and Get-ChildItem."""

from __future__ import annotations

import re
from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from state.model.filesystem import RegistryKey

_ROOTS = re.compile(r"^(?:(?:Microsoft\.PowerShell\.Core\\)?Registry::)?(HKLM:|HKEY_LOCAL_MACHINE)(?=\\|$)",
                    re.IGNORECASE)
PROVIDER = "Microsoft.PowerShell.Core\\Registry"
KINDS = ("String", "ExpandString", "Binary", "DWord", "MultiString", "QWord", "Unknown")


def is_registry_path(path: str) -> bool:
    return bool(_ROOTS.match(str(path)))


def normalize(path: str) -> str:
    """'HKEY_LOCAL_MACHINE\\System\\x\\' -> 'HKLM:\\System\\x'."""
    rest = _ROOTS.sub("", str(path).replace("/", "\\"))
    parts = [p for p in rest.split("\\") if p]
    return "HKLM:" + "".join("\\" + p for p in parts)


def _server(cmd: Cmdlet) -> Any:
    return cmd.world.server(cmd.runtime.computer_name)


def find_key(cmd: Cmdlet, path: str) -> RegistryKey | None:
    norm = normalize(path)
    if norm == "HKLM:":
        return RegistryKey("HKLM:")
    return _server(cmd).registry.get(norm.lower())


def key_exists(cmd: Cmdlet, path: str) -> bool:
    return find_key(cmd, path) is not None


def _native(path: str) -> str:
    return "HKEY_LOCAL_MACHINE" + path[len("HKLM:"):]


def _not_found(cmd: Cmdlet, path: str) -> Any:
    return cmd.error(f"Cannot find path '{path}' because it does not exist.", "ObjectNotFound", "PathNotFound",
                     "System.Management.Automation.ItemNotFoundException", target=path, target_type="String")


def _bag(key: RegistryKey, names: list[str] | None) -> PSObject:
    """Get-ItemProperty's object: the values, then the provider's PS* properties."""
    values = [(n, v) for n, (v, _) in key.values.items()
              if names is None or any(n.lower() == m.lower() for m in names)]
    parent, _, child = key.path.rpartition("\\")
    props = values + [("PSPath", f"{PROVIDER}::{_native(key.path)}"),
                      ("PSParentPath", f"{PROVIDER}::{_native(parent)}"), ("PSChildName", child),
                      ("PSDrive", "HKLM"), ("PSProvider", PROVIDER)]
    return PSObject(("System.Management.Automation.PSCustomObject", "System.Object"), props)


def key_object(cmd: Cmdlet, key: RegistryKey) -> PSObject:
    """A RegistryKey as Get-Item/Get-ChildItem return it. ``PropertyText`` is the 3.0+ view's
    Property cell (`name : value` lines, names padded to the longest); ``HiveHeader`` groups."""
    name = _native(key.path)
    registry = _server(cmd).registry
    prefix = key.path.lower() + "\\"
    subkeys = sum(1 for p in registry if p.startswith(prefix) and "\\" not in p[len(prefix):])
    pad = max((len(n) for n in key.values), default=0)
    text = "\n".join(f"{n:<{pad}} : {_shown(v)}" for n, (v, _) in key.values.items())
    return PSObject(("Microsoft.Win32.RegistryKey", "System.MarshalByRefObject", "System.Object"), [
        ("Name", name), ("SubKeyCount", subkeys), ("ValueCount", len(key.values)), ("Property", list(key.values)),
        ("PSPath", f"{PROVIDER}::{name}"), ("PSChildName", key.path.rsplit("\\", 1)[-1]),
        ("PropertyText", text), ("HiveHeader", name.rsplit("\\", 1)[0])],
        hidden=("PSPath", "PSChildName", "PropertyText", "HiveHeader"), to_string=name)


def _shown(value: Any) -> str:
    return "{" + ", ".join(map(str, value)) + "}" if isinstance(value, list) else str(value)


def new_key(cmd: Cmdlet, path: str, force: bool) -> None:
    norm = normalize(path)
    registry = _server(cmd).registry
    if norm.lower() in registry and not force:
        cmd.write_error(cmd.error("A key at this path already exists.", "ResourceExists",
                                  "System.IO.IOException", "System.IO.IOException", target=norm,
                                  target_type="String"))
        return
    parent = norm.rsplit("\\", 1)[0]
    if parent != "HKLM:" and parent.lower() not in registry:
        cmd.write_error(_not_found(cmd, parent))
        return
    if cmd.should_process(f"Item: {_native(norm)}", "New Item"):
        key = registry.setdefault(norm.lower(), RegistryKey(norm))
        cmd.write_object(key_object(cmd, key))


def remove_key(cmd: Cmdlet, path: str) -> None:
    norm = normalize(path)
    registry = _server(cmd).registry
    if norm.lower() not in registry:
        cmd.write_error(_not_found(cmd, norm))
        return
    if cmd.should_process(_native(norm), "Remove Key"):
        for sub in [k for k in registry if k == norm.lower() or k.startswith(norm.lower() + "\\")]:
            del registry[sub]


def subkeys(cmd: Cmdlet, path: str) -> list[PSObject]:
    norm = normalize(path).lower()
    registry = _server(cmd).registry
    if norm != "hklm:" and norm not in registry:
        cmd.write_error(_not_found(cmd, normalize(path)))
        return []
    return [key_object(cmd, k) for p, k in sorted(registry.items())
            if p.startswith(norm + "\\") and "\\" not in p[len(norm) + 1:]]


class _KeyCmdlet(Cmdlet):
    path: list[str] | None = param("String[]", position=0, mandatory=True, pipeline_by_name=True)

    def keys(self) -> list[RegistryKey]:
        out = []
        for raw in self.path or []:
            text = self.runtime.to_string(raw)
            key = find_key(self, text) if is_registry_path(text) else None
            if key is None:
                self.write_error(_not_found(self, normalize(text) if is_registry_path(text) else text))
            else:
                out.append(key)
        return out

    def missing_value(self, key: RegistryKey, name: str) -> Any:
        return self.error(f"Property {name} does not exist at path {_native(key.path)}.", "InvalidArgument",
                          "System.Management.Automation.PSArgumentException",
                          "System.Management.Automation.PSArgumentException", target=name, target_type="String")


@cmdlet("Get-ItemProperty", module="Microsoft.PowerShell.Management")
class GetItemPropertyCommand(_KeyCmdlet):
    """A registry key's values (all, or -Name)."""
    synopsis = "Gets the values of a registry key."
    examples = (
        (r"Get-ItemProperty HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters",
         "This example lists the values of the TCP/IP parameters key."),
    )

    item_name: list[str] | None = param("String[]", name="Name", position=1)

    def process_record(self) -> None:
        names = [self.runtime.to_string(n) for n in self.item_name] if self.item_name else None
        for key in self.keys():
            missing = [n for n in names or [] if not any(n.lower() == v.lower() for v in key.values)]
            for n in missing:
                self.write_error(self.missing_value(key, n))
            if names is None or len(missing) < len(names):
                self.write_object(_bag(key, names))


def _kind_of(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        return "MultiString" if isinstance(value, list) else "String"
    return "DWord"


@cmdlet("Set-ItemProperty", module="Microsoft.PowerShell.Management")
class SetItemPropertyCommand(_KeyCmdlet):
    """Sets (or creates) a registry value."""
    synopsis = "Sets a value of a registry key."
    examples = (
        (r"Set-ItemProperty -Path HKLM:\SOFTWARE\Contoso -Name Retries -Value 5",
         r"This example sets the value Retries of the key HKLM:\SOFTWARE\Contoso, creating it when needed."),
    )

    supports_should_process = True
    item_name: str | None = param("String", name="Name", position=1, mandatory=True, pipeline_by_name=True)
    value: Any = param("Object", position=2, mandatory=True, pipeline_by_name=True, allow_null=True)
    type: str | None = param("RegistryValueKind", values=KINDS)
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        for key in self.keys():
            if not self.should_process(f"Item: {_native(key.path)} Property: {self.item_name}", "Set Property"):
                continue
            real = next((n for n in key.values if n.lower() == self.item_name.lower()), self.item_name)
            kind = self.type or (key.values[real][1] if real in key.values else _kind_of(self.value))
            key.values[real] = (_coerce(self.value, kind), kind)
            if self.pass_thru:
                self.write_object(_bag(key, [real]))


@cmdlet("New-ItemProperty", module="Microsoft.PowerShell.Management")
class NewItemPropertyCommand(_KeyCmdlet):
    """Creates a registry value (-PropertyType DWord, String, ...)."""
    synopsis = "Creates a value of a registry key."
    examples = (
        (r"New-ItemProperty -Path HKLM:\SOFTWARE\Contoso -Name Retries -PropertyType DWord -Value 3",
         r"This example creates the DWORD value Retries under the key HKLM:\SOFTWARE\Contoso."),
    )

    supports_should_process = True
    item_name: str | None = param("String", name="Name", mandatory=True, pipeline_by_name=True,
                                  aliases=("PSProperty",))
    property_type: str | None = param("String", values=KINDS, aliases=("Type",))
    value: Any = param("Object", pipeline_by_name=True, allow_null=True)
    force: bool = param("SwitchParameter")

    def process_record(self) -> None:
        for key in self.keys():
            if any(n.lower() == self.item_name.lower() for n in key.values) and not self.force:
                self.write_error(self.error("The property already exists.", "ResourceExists",
                                            "System.IO.IOException", "System.IO.IOException",
                                            target=_native(key.path), target_type="String"))
                continue
            if not self.should_process(f"Item: {_native(key.path)} Property: {self.item_name}", "New Property"):
                continue
            kind = self.property_type or "String"
            key.values[self.item_name] = (_coerce(self.value, kind), kind)
            self.write_object(_bag(key, [self.item_name]))


@cmdlet("Remove-ItemProperty", module="Microsoft.PowerShell.Management")
class RemoveItemPropertyCommand(_KeyCmdlet):
    """Deletes a registry value."""
    synopsis = "Deletes a value of a registry key."
    examples = (
        (r"Remove-ItemProperty -Path HKLM:\SOFTWARE\Contoso -Name Retries",
         r"This example deletes the value Retries of the key HKLM:\SOFTWARE\Contoso."),
    )

    supports_should_process = True
    item_name: list[str] | None = param("String[]", name="Name", position=1, mandatory=True,
                                        pipeline_by_name=True)

    def process_record(self) -> None:
        for key in self.keys():
            for name in [self.runtime.to_string(n) for n in self.item_name]:
                real = next((n for n in key.values if n.lower() == name.lower()), None)
                if real is None:
                    self.write_error(self.missing_value(key, name))
                elif self.should_process(f"Item: {_native(key.path)} Property: {real}", "Remove Property"):
                    del key.values[real]


def _coerce(value: Any, kind: str) -> Any:
    if kind in ("DWord", "QWord"):
        try:
            return int(str(value), 0) if isinstance(value, str) else int(value or 0)
        except ValueError:
            return 0
    if kind == "MultiString":
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return "" if value is None else str(value)
