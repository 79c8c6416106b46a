"""What the lab's PowerShell version did not have yet, refused as that version's parser does:
`class` and `using` are reserved words before 5.0; -in, -notin, -shl and -shr are unknown
tokens in 2.0. A script holding them does not run at all."""

from __future__ import annotations

import re
from typing import Any

from exshell.engine.errors import PSRuntimeError
from exshell.language import ast as A

_PS3_OPERATORS = re.compile(r"-[ci]?(?:not)?in\b|-sh[lr]\b", re.IGNORECASE)
_PS5_KEYWORDS = re.compile(r"\b(?:class|using)\b", re.IGNORECASE)


def check_script(ev: Any, script: A.ScriptBlockAst, lines: list[str] | None = None) -> None:
    """Refuse what this version's parser refused; ``lines`` is the script's text (default: the
    session input's)."""
    major = ev.ctx.profile.ps_major
    if major >= 5:
        return
    text = "\n".join(lines if lines is not None else getattr(ev.ctx, "source_lines", None) or [])
    operators = major < 3 and _PS3_OPERATORS.search(text) is not None
    keywords = _PS5_KEYWORDS.search(text) is not None
    if not (operators or keywords):
        return
    for node in walk(script):
        if keywords and (isinstance(node, A.UsingStatementAst) or (
                isinstance(node, A.TypeDefinitionAst) and node.type_attributes == "Class")):
            raise reserved_keyword(node)
        if operators and isinstance(node, A.BinaryExpressionAst) and _PS3_OPERATORS.fullmatch(node.operator):
            raise _unexpected_operator(node)


def reserved_keyword(node: Any) -> PSRuntimeError:
    keyword = "using" if isinstance(node, A.UsingStatementAst) else "class"
    return parse_error(f"The '{keyword}' keyword is not supported in this version of the language.",
                       "ReservedKeywordNotAllowed", node.extent, keyword)


def _unexpected_operator(node: A.BinaryExpressionAst) -> PSRuntimeError:
    written = node.operator                     # the token as the script spells it
    ext, left = node.extent, getattr(node.left, "extent", None)
    if ext is not None:
        start = len(left.text) if left is not None and ext.text.startswith(left.text) else 0
        at = ext.text.lower().find(written.lower(), start)
        if at >= 0:
            written = ext.text[at:at + len(written)]
    return parse_error(f"Unexpected token '{written}' in expression or statement.", "UnexpectedToken",
                       ext, written, after=left)


def parse_error(message: str, error_id: str, ext: Any, token: str, after: Any = None) -> PSRuntimeError:
    """A parse error pointing at ``token``, the first one in ``ext`` (after ``after``'s text)."""
    err = PSRuntimeError(message, error_id=error_id, category="ParserError",
                         exception_type="System.Management.Automation.ParseException")
    if ext is not None:
        text = ext.text
        start = len(after.text) if after is not None and text.startswith(after.text) else 0
        offset = max(text.lower().find(token.lower(), start), 0)
        before = text[:offset]
        line = ext.start_line + before.count("\n")
        column = (ext.start_column if "\n" not in before else 1) + len(before.rsplit("\n", 1)[-1])
        err.node_extent = A.Extent(line, column, line, column + len(token), token)
    err.script_terminating = True
    return err


def walk(node: Any) -> Any:
    """Every syntax node under ``node``, itself first."""
    if isinstance(node, tuple):
        for item in node:
            yield from walk(item)
        return
    if not isinstance(node, A.Ast):
        return
    yield node
    for name in A.fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, (tuple, A.Ast)):
            yield from walk(value)
