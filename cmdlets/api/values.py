"""The values that flow through pipelines and into the formatter.

Python types stand for PowerShell's where they behave the same: ``str``, ``int``,
``float``, ``bool``, ``None`` ($null), ``list`` (object[]), ``datetime.datetime``
([datetime], naive, virtual time) and ``datetime.timedelta`` ([timespan]).
This module adds the few PowerShell types Python lacks: the property bag
``PSObject`` (cmdlet output records and [pscustomobject] alike) and the
case-insensitive ``PSHashtable``. Value classes of our own render themselves:
``str(value)`` is .NET's ``ToString()``; a value whose text depends on the
culture (dates, schedules) also offers ``ps_to_string(culture)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

PSCUSTOMOBJECT = "System.Management.Automation.PSCustomObject"


class PSHashtable(dict):
    """@{} : keys compare case-insensitively when they are strings; insertion order is kept
    (PowerShell's Hashtable is unordered, but [ordered] is common and admins read output in the
    order they typed, so one ordered type serves both)."""

    __slots__ = ("_keys", "ordered")

    def __init__(self, items: Iterable[tuple[Any, Any]] | Mapping | None = None, ordered: bool = False):
        super().__init__()
        self._keys: dict[Any, Any] = {}
        self.ordered = ordered
        if items is not None:
            pairs = items.items() if isinstance(items, Mapping) else items
            for k, v in pairs:
                self[k] = v

    @staticmethod
    def _fold(key: Any) -> Any:
        return key.lower() if isinstance(key, str) else key

    def __setitem__(self, key: Any, value: Any) -> None:
        folded = self._fold(key)
        original = self._keys.get(folded, key)
        self._keys[folded] = original
        super().__setitem__(original, value)

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self._keys[self._fold(key)])

    def __delitem__(self, key: Any) -> None:
        original = self._keys.pop(self._fold(key))
        super().__delitem__(original)

    def __contains__(self, key: object) -> bool:
        try:
            return self._fold(key) in self._keys
        except TypeError:
            return False

    def get(self, key: Any, default: Any = None) -> Any:
        try:
            return self[key]
        except (KeyError, TypeError):
            return default

    def pop(self, key: Any, *default: Any) -> Any:
        try:
            value = self[key]
        except KeyError:
            if default:
                return default[0]
            raise
        del self[key]
        return value

    def copy(self) -> "PSHashtable":
        return PSHashtable(self.items(), ordered=self.ordered)

    def clear(self) -> None:
        super().clear()
        self._keys.clear()

    def update(self, other: Any = (), **kw: Any) -> None:  # type: ignore[override]
        pairs = other.items() if isinstance(other, Mapping) else other
        for k, v in pairs:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def __repr__(self) -> str:
        return f"PSHashtable({list(self.items())!r})"


class NoSuchMember(LookupError):
    """A value's ``ps_invoke`` has no method of that name (the caller reports MethodNotFound)."""


class ScriptMember:
    """A member added by Add-Member whose value is computed: a ScriptProperty or AliasProperty
    (``read(obj)``) or a ScriptMethod (``call(obj, args)``). ``definition`` is Get-Member's text."""

    __slots__ = ("kind", "definition", "read", "call")

    def __init__(self, kind: str, definition: str, read: Any = None, call: Any = None):
        self.kind = kind
        self.definition = definition
        self.read = read
        self.call = call

    @property
    def is_method(self) -> bool:
        return self.kind == "ScriptMethod"

    def __str__(self) -> str:
        return self.definition


class PSObject:
    """A property bag with PowerShell type names.

    ``type_names`` lists the most specific type first, as PowerShell's
    ``PSObject.TypeNames`` does; the formatter picks a view by them. Properties keep their
    declaration order (Format-List order) and are looked up case-insensitively.
    Cmdlet outputs are built once and not changed; scripts may add members to
    [pscustomobject]s (Add-Member, assignment), which is why the bag itself is mutable.
    """

    __slots__ = ("type_names", "_props", "_names", "hidden", "to_string")

    def __init__(
        self,
        type_names: Iterable[str] = (PSCUSTOMOBJECT,),
        properties: Iterable[tuple[str, Any]] | Mapping[str, Any] = (),
        *,
        hidden: Iterable[str] = (),
        to_string: str | None = None,
    ):
        self.type_names: tuple[str, ...] = tuple(type_names)
        self._props: dict[str, Any] = {}
        self._names: dict[str, str] = {}
        pairs = properties.items() if isinstance(properties, Mapping) else properties
        for name, value in pairs:
            self.set(name, value)
        # properties a default display leaves out (RunspaceId in tables, PSComputerName)
        self.hidden = frozenset(h.lower() for h in hidden)
        # what ToString() returns, e.g. an Exchange object's Identity; None -> the type name
        self.to_string = to_string

    # -- property protocol -------------------------------------------------------------
    def property_names(self) -> list[str]:
        return [k for k, v in self._props.items() if not (isinstance(v, ScriptMember) and v.is_method)]

    def ps_properties(self) -> list[tuple[str, Any]]:
        """(name, value) in declaration order: what Format-List shows."""
        return [(k, self._value(v)) for k, v in self._props.items()
                if not (isinstance(v, ScriptMember) and v.is_method)]

    def members(self) -> list[tuple[str, Any]]:
        """(name, stored value) of every member, computed ones unevaluated (Get-Member reads these)."""
        return list(self._props.items())

    def _value(self, stored: Any) -> Any:
        if isinstance(stored, ScriptMember) and not stored.is_method:
            return stored.read(self)
        return stored

    def ps_invoke(self, name: str, args: list[Any]) -> Any:
        """A ScriptMethod added by Add-Member; AttributeError-free refusal is the caller's job."""
        member = self._props.get(self._names.get(name.lower(), ""))
        if not (isinstance(member, ScriptMember) and member.is_method):
            raise NoSuchMember(name)
        return member.call(self, args)

    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def get(self, name: str, default: Any = None) -> Any:
        real = self._names.get(name.lower())
        return default if real is None else self._value(self._props[real])

    def set(self, name: str, value: Any) -> None:
        real = self._names.setdefault(name.lower(), name)
        self._props[real] = value

    def remove(self, name: str) -> None:
        real = self._names.pop(name.lower(), None)
        if real is not None:
            del self._props[real]

    def real_name(self, name: str) -> str | None:
        return self._names.get(name.lower())

    def __iter__(self) -> Iterator[str]:  # pragma: no cover - guard against accidental iteration
        raise TypeError("PSObject is not a collection")

    def __str__(self) -> str:
        if self.to_string is not None:
            return self.to_string
        if self.type_names and self.type_names[0] == PSCUSTOMOBJECT:
            inner = "; ".join(f"{k}={_plain(v)}" for k, v in self.ps_properties())
            return "@{" + inner + "}"
        return self.type_names[0] if self.type_names else "System.Object"

    def __repr__(self) -> str:
        return f"PSObject({self.type_names[0] if self.type_names else '?'}, {self._props!r})"


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, list):
        return " ".join(_plain(v) for v in value)
    return str(value)


def as_list(value: Any) -> list[Any]:
    """A parameter value as a list: $null -> [], one value -> [value], arrays as they are."""
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
