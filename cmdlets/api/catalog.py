"""The catalog of real Exchange cmdlets (exchange-cmdlets.json, package data).

It answers, for a cmdlet and a lab version: does the cmdlet exist, which parameters and sets does
it have, with which positions, aliases, mandatory flags, pipeline input and enum values. Loaded on
first use and kept (it is read-only data).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from cmdlets.api.parameters import ALL_SETS, ParameterDecl, SetMembership


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files("cmdlets.api").joinpath("exchange-cmdlets.json").read_text(encoding="utf-8")
    return json.loads(text)["cmdlets"]


def entry(name: str) -> dict[str, Any] | None:
    return _data().get(name)


def has_cmdlet(name: str, catalog_version: str) -> bool:
    e = entry(name)
    return bool(e) and catalog_version in e.get("applicable", ())


def _membership(pdata: dict[str, Any], set_name: str, set_entry: dict[str, Any]) -> SetMembership:
    pos = set_entry.get("positional", {}).get(pdata["_name"])
    pipe = (pdata.get("pipeline_input") or "False").lower()
    by_value = pipe == "true" or "byvalue" in pipe
    by_name = "bypropertyname" in pipe
    mandatory = bool(pdata.get("required_in_sets", {}).get(set_name, pdata["_name"] in set_entry.get("mandatory", ())))
    return SetMembership(mandatory=mandatory, position=pos, from_pipeline=by_value, from_pipeline_by_name=by_name)


def parameters(name: str, catalog_version: str) -> tuple[list[ParameterDecl], list[str]]:
    """The cmdlet's parameters and set names for one Exchange version, in syntax order.

    Common parameters are not included (the catalog lists WhatIf/Confirm where they exist).
    """
    e = entry(name)
    if e is None:
        return [], []
    sets = [s for s in e["parameter_sets"] if catalog_version in s.get("applicable", ())] or e["parameter_sets"][:1]
    set_names = [s["name"] for s in sets]
    decls: list[ParameterDecl] = []
    seen: set[str] = set()
    for s in sets:
        for pname in s["parameters"]:
            if pname in seen:
                continue
            pdata = e["parameters"].get(pname)
            if pdata is None or catalog_version not in (pdata.get("applicable") or [catalog_version]):
                continue
            seen.add(pname)
            pdata = dict(pdata, _name=pname)
            memberships = {
                t["name"]: _membership(pdata, t["name"], t) for t in sets if pname in t["parameters"]
            }
            if len(memberships) == len(sets) and len(sets) > 1 and len({m for m in memberships.values()}) == 1:
                memberships = {ALL_SETS: next(iter(memberships.values()))}
            decls.append(ParameterDecl(
                name=pname,
                type=pdata.get("type") or "Object",
                aliases=tuple(pdata.get("aliases") or ()),
                sets=memberships,
                values=tuple(pdata.get("values") or ()),
                wildcards=bool(pdata.get("wildcards")),
            ))
    return decls, set_names
