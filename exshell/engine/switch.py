"""The switch statement: each input value is tested against every clause (exact, -wildcard,
-regex, script-block conditions), `default` when none matched; break/continue end it."""

from __future__ import annotations

from typing import Any

from exshell.engine import conversion as conv
from exshell.engine import operators as ops
from exshell.engine.errors import BreakException, ContinueException
from exshell.language import ast as A


def run_switch(ev: Any, node: A.SwitchStatementAst, emit: Any) -> None:
    values = ev.collect(node.condition) if node.condition is not None else None
    items = values if isinstance(values, list) else [values]
    cs = "casesensitive" in node.flags
    label = node.label
    try:
        for item in items:
            ev.ctx.tick()
            ev.scope.set_local("_", item)
            matched = False
            try:
                for cond, body in node.clauses:
                    if _matches(ev, node.flags, cs, cond, item):
                        matched = True
                        ev.run_block(body, emit)
                if not matched and node.default is not None:
                    ev.run_block(node.default, emit)
            except ContinueException as c:
                if c.label is None or (label and c.label.lower() == label.lower()):
                    continue
                raise
    except BreakException as b:
        if b.label is None or (label and b.label.lower() == label.lower()):
            return
        raise


def _matches(ev: Any, flags: frozenset, cs: bool, cond: Any, item: Any) -> bool:
    if isinstance(cond, A.ScriptBlockExpressionAst):
        block = ev.evaluate(cond)
        out = ev.invoke_scriptblock(block, dollar_under=item)
        return conv.to_bool(out[0] if len(out) == 1 else out)
    value = ev.evaluate(cond)
    if "regex" in flags:
        m = ops.dotnet_regex(conv.to_string(value), cs).search(conv.to_string(item))
        if m:
            ev.set_variable("matches", ops.match_dict(m))
        return bool(m)
    if "wildcard" in flags:
        return ops.like(item, value, cs)
    if isinstance(item, str) or isinstance(value, str):
        return ops.equals(conv.to_string(item), conv.to_string(value), cs)
    return ops.equals(item, value, cs)
