"""Comparison-family operators: -eq/-ne/-gt/..., -like/-match, -contains/-in, -replace, -split,
-join, -is/-isnot/-as. A collection on the left filters (returns the matching elements)."""

from __future__ import annotations

from typing import Any

from exshell.engine import conversion as conv
from exshell.engine import operators as ops
from exshell.engine.errors import PSRuntimeError


def _parse(op: str) -> tuple[str, bool]:
    """'-ceq' -> ('eq', True); '-ieq'/'-eq' -> ('eq', False)."""
    name = op.lstrip("-")
    if name[:1] in ("c", "i") and (name[1:] in _SCALAR or name[1:] in _OTHER):
        return name[1:], name[0] == "c"
    return name, False


def _scalar(name: str, left: Any, right: Any, cs: bool) -> bool:
    if name == "eq":
        return ops.equals(left, right, cs)
    if name == "ne":
        return not ops.equals(left, right, cs)
    if name in ("gt", "ge", "lt", "le"):
        c = ops.compare(left, right, cs)
        return {"gt": c > 0, "ge": c >= 0, "lt": c < 0, "le": c <= 0}[name]
    if name == "like":
        return ops.like(left, right, cs)
    if name == "notlike":
        return not ops.like(left, right, cs)
    raise AssertionError(name)


_SCALAR = {"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike"}
_OTHER = {"match", "notmatch", "contains", "notcontains", "in", "notin", "replace", "split", "join"}


def comparison(ev: Any, op: str, left: Any, right: Any) -> Any:
    name, cs = _parse(op)
    if name in _SCALAR:
        if isinstance(left, (list, tuple)):
            return [x for x in left if _scalar(name, x, right, cs)]
        return _scalar(name, left, right, cs)
    if name in ("match", "notmatch"):
        return _match(ev, name, left, right, cs)
    if name in ("contains", "notcontains"):
        found = any(ops.equals(x, right, cs) for x in conv.to_array(left)) if left is not None else False
        return found if name == "contains" else not found
    if name in ("in", "notin"):
        found = any(ops.equals(x, left, cs) for x in conv.to_array(right)) if right is not None else False
        return found if name == "in" else not found
    if name == "replace":
        args = right if isinstance(right, list) else [right]
        if len(args) > 2:
            raise PSRuntimeError("The -replace operator allows only two elements to follow it, not "
                                 f"{len(args)}.", error_id="BadReplaceArgument", category="InvalidOperation")
        pattern, repl = args[0], args[1] if len(args) > 1 else ""
        if isinstance(left, (list, tuple)):
            return [ops.replace(x, pattern, repl, cs) for x in left]
        return ops.replace(left, pattern, repl, cs)
    if name == "split":
        args = right if isinstance(right, list) else [right]
        sep, count = args[0], conv.to_int(args[1]) if len(args) > 1 else 0
        return [p for x in conv.to_array(left) for p in ops.split(x, sep, count, cs)]
    if name == "join":
        return ops.join(left, right)
    if name in ("is", "isnot"):
        from exshell.engine.dotnet import is_instance
        result = is_instance(left, right)
        return result if name == "is" else not result
    if name == "as":
        from exshell.engine.dotnet import type_name_from
        try:
            return ev.convert(left, type_name_from(right))
        except PSRuntimeError:
            return None
    raise PSRuntimeError(f"The operator '{op}' is not supported.", error_id="UnknownOperator",
                         category="ParserError")


def _match(ev: Any, name: str, left: Any, right: Any, cs: bool) -> Any:
    rx = ops.dotnet_regex(conv.to_string(right), cs)
    if isinstance(left, (list, tuple)):
        hits = [x for x in left if bool(rx.search(conv.to_string(x))) == (name == "match")]
        return hits
    m = rx.search(conv.to_string(left))
    if m and name == "match":
        ev.set_variable("matches", ops.match_dict(m))
    return bool(m) if name == "match" else not m
