"""Where-Object, ForEach-Object and Select-Object: the pipeline's everyday tools."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSCUSTOMOBJECT, PSObject


def _truthy(runtime: Any, out: list[Any]) -> bool:
    value = out[0] if len(out) == 1 else out
    return runtime.convert(value, "bool") if value is not None else False


_OPS = ("EQ", "NE", "GT", "GE", "LT", "LE", "Like", "NotLike", "Match", "NotMatch", "Contains", "NotContains",
        "In", "NotIn", "CEQ", "CNE", "CLike", "CMatch")


@cmdlet("Where-Object", module="Microsoft.PowerShell.Core", default_set="EqualSet")
class WhereObjectCommand(Cmdlet):
    """Keeps the objects for which a condition is true."""

    input_object: Any = param("Object", pipeline=True, allow_null=True)
    filter_script: Any = param("ScriptBlock", position=0, mandatory=True, sets=("ScriptBlockSet",))
    property: str | None = param("String", position=0, mandatory=True, sets=tuple(f"{o}Set" for o in ("Equal",) + _OPS[1:]))
    value: Any = param("Object", position=1, sets=tuple(f"{o}Set" for o in ("Equal",) + _OPS[1:]))
    eq: bool = param("SwitchParameter", name="EQ", sets=("EqualSet",), aliases=("IEQ",))
    ne: bool = param("SwitchParameter", name="NE", mandatory=True, sets=("NESet",))
    gt: bool = param("SwitchParameter", name="GT", mandatory=True, sets=("GTSet",))
    ge: bool = param("SwitchParameter", name="GE", mandatory=True, sets=("GESet",))
    lt: bool = param("SwitchParameter", name="LT", mandatory=True, sets=("LTSet",))
    le: bool = param("SwitchParameter", name="LE", mandatory=True, sets=("LESet",))
    like: bool = param("SwitchParameter", name="Like", mandatory=True, sets=("LikeSet",))
    not_like: bool = param("SwitchParameter", name="NotLike", mandatory=True, sets=("NotLikeSet",))
    match: bool = param("SwitchParameter", name="Match", mandatory=True, sets=("MatchSet",))
    not_match: bool = param("SwitchParameter", name="NotMatch", mandatory=True, sets=("NotMatchSet",))
    contains: bool = param("SwitchParameter", name="Contains", mandatory=True, sets=("ContainsSet",))
    not_contains: bool = param("SwitchParameter", name="NotContains", mandatory=True, sets=("NotContainsSet",))
    in_: bool = param("SwitchParameter", name="In", mandatory=True, sets=("InSet",))
    not_in: bool = param("SwitchParameter", name="NotIn", mandatory=True, sets=("NotInSet",))

    def process_record(self) -> None:
        item = self.input_object
        if self.parameter_set_name == "ScriptBlockSet":
            keep = _truthy(self.runtime, self.runtime.invoke_script(self.filter_script, dollar_under=item))
        else:
            keep = self._simple(item)
        if keep:
            self.write_object(item)

    def _simple(self, item: Any) -> bool:
        left = self.runtime.get_property(item, self.property or "")
        op = self.parameter_set_name[:-3].lower()
        op = {"equal": "eq"}.get(op, op)
        if not self.is_bound("Value"):
            return left is not None and bool(left)
        return self.runtime.ev.binary("-" + op, left, self.value) is True or (
            isinstance(self.runtime.ev.binary("-" + op, left, self.value), list)
            and bool(self.runtime.ev.binary("-" + op, left, self.value)))


@cmdlet("ForEach-Object", module="Microsoft.PowerShell.Core", default_set="ScriptBlockSet")
class ForEachObjectCommand(Cmdlet):
    """Runs a script block (or reads a member) for each input object."""

    input_object: Any = param("Object", pipeline=True, allow_null=True)
    process: list[Any] | None = param("ScriptBlock[]", position=0, mandatory=True, sets=("ScriptBlockSet",))
    begin: Any = param("ScriptBlock", sets=("ScriptBlockSet",))
    end: Any = param("ScriptBlock", sets=("ScriptBlockSet",))
    member_name: str | None = param("String", position=0, mandatory=True, sets=("PropertyAndMethodSet",))

    def begin_processing(self) -> None:
        if self.begin is not None:
            for v in self.runtime.invoke_script(self.begin):
                self.write_object(v)

    def process_record(self) -> None:
        item = self.input_object
        if self.parameter_set_name == "PropertyAndMethodSet":
            self.write_object(self.runtime.get_property(item, self.member_name or ""), enumerate_collection=True)
            return
        for block in self.process or []:
            for v in self.runtime.invoke_script(block, dollar_under=item):
                self.write_object(v)

    def end_processing(self) -> None:
        if self.end is not None:
            for v in self.runtime.invoke_script(self.end):
                self.write_object(v)


@cmdlet("Select-Object", module="Microsoft.PowerShell.Utility")
class SelectObjectCommand(Cmdlet):
    """Picks properties of objects, or some of the objects."""

    input_object: Any = param("Object", pipeline=True, allow_null=True)
    property: list[Any] | None = param("Object[]", position=0)
    expand_property: str | None = param("String")
    first: int | None = param("Int32")
    last: int | None = param("Int32")
    skip: int | None = param("Int32")
    unique: bool = param("SwitchParameter")

    def begin_processing(self) -> None:
        self.seen = 0
        self.buffer: list[Any] = []

    def process_record(self) -> None:
        item = self.input_object
        self.seen += 1
        if self.skip and self.seen <= self.skip:
            return
        if self.last is not None:
            self.buffer.append(item)
            return
        if self.first is not None and self.seen - (self.skip or 0) > self.first:
            return
        self._emit(item)

    def end_processing(self) -> None:
        if self.last is not None:
            for item in self.buffer[-self.last:] if self.last else []:
                self._emit(item)

    def _emit(self, item: Any) -> None:
        if self.expand_property:
            self.write_object(self.runtime.get_property(item, self.expand_property), enumerate_collection=True)
            return
        if not self.property:
            self.write_object(item)
            return
        props = []
        for spec in self.property:
            if isinstance(spec, dict):
                get = {str(k).lower(): v for k, v in spec.items()}
                name = get.get("name", get.get("n", get.get("label", get.get("l"))))
                expr = get.get("expression", get.get("e"))
                value = (self.runtime.get_property(item, expr) if isinstance(expr, str)
                         else _first(self.runtime.invoke_script(expr, dollar_under=item)))
                props.append((self.runtime.to_string(name), value))
            else:
                name = self.runtime.to_string(spec)
                if any(ch in name for ch in "*?") and isinstance(item, PSObject):
                    for real, value in item.ps_properties():
                        if self.runtime.like(real, name):
                            props.append((real, value))
                else:
                    props.append((name, self.runtime.get_property(item, name)))
        type_name = "Selected." + (item.type_names[0] if isinstance(item, PSObject) else "System.Object")
        self.write_object(PSObject((type_name, PSCUSTOMOBJECT), props))


def _first(out: list[Any]) -> Any:
    if not out:
        return None
    return out[0] if len(out) == 1 else out
