"""The PowerShell grammar, assembled once on first use and cached.

Pieces live by mode: ``expressions.py`` (expression mode), ``commands.py`` (argument mode and
pipelines), ``statements.py`` (keyword statements and script block bodies), ``classes.py``
(class and enum definitions, using statements), ``strings.py`` (expandable strings).
``grammar().script`` is the element for a whole script.
"""

from __future__ import annotations

import functools
import types

from .elements import Fwd


def _namespace() -> types.SimpleNamespace:
    g = types.SimpleNamespace()
    for name in ("statement", "statement_list", "pipeline_statement", "script_block_body",
                 "expression", "expression_nc_fwd", "sub_expression", "attribute"):
        setattr(g, name, Fwd(name.replace("_", " ")))

    def sub_parse(s: str, i: int, do_actions: bool):
        end, toks = g.sub_expression.parseImpl(s, i, do_actions)
        return end, toks[0]

    g.sub_parse = sub_parse
    return g


@functools.lru_cache(maxsize=1)
def grammar() -> types.SimpleNamespace:
    """Build every piece (expression mode, argument mode, statements) into one namespace."""
    from .commands import build_commands
    from .expressions import build_expressions
    from .statements import build_statements

    g = _namespace()
    build_expressions(g)
    build_commands(g)
    build_statements(g)
    g.script = g.script_block_body
    return g
