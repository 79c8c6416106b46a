"""The switch statement: each input value is tested against every clause (exact, -wildcard,
-regex, script-block conditions), `default` when none matched; break/continue end it."""

from __future__ import annotations

from typing import Any

from exshell.engine import conversion as conv
from exshell.engine import operators as ops
from exshell.engine.errors import BreakException, ContinueException, PSRuntimeError
from exshell.language import ast as A


def run_switch(ev: Any, node: A.SwitchStatementAst, emit: Any) -> None:
    values = ev.collect(node.condition) if node.condition is not None else None
    if "file" in node.flags:
        items = file_lines(ev, values, node)
    else:
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


def file_lines(ev: Any, value: Any, node: A.SwitchStatementAst) -> list[str]:
    """`switch -File path`: the lines of a file on the session's machine, read before the
    clauses run; a file that is not there is PowerShell's FileReadError."""
    from cmdlets.builtins.files import split_lines
    from cmdlets.windows.paths import full_path
    from state.model import filesystem as fsm

    path = conv.to_string(value[0] if isinstance(value, list) and len(value) == 1 else value)
    display = full_path(ev.ctx.location, path)
    world = ev.ctx.world
    found = fsm.locate(world, ev.ctx.console_machine, display) if world is not None else None
    entry = found[0].files.entry(found[1]) if found is not None else None
    if entry is None or entry.is_dir:
        reason = (f"Could not find file '{display}'." if entry is None
                  else f"Access to the path '{display}' is denied.")
        err = PSRuntimeError(f"The file '{path}' cannot be read: {reason}", error_id="FileReadError",
                             category="ReadError", target=path)
        err.node_extent = getattr(node.condition, "extent", None) or node.extent
        raise err
    return split_lines(entry.content or "")
