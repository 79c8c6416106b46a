"""String terminals: double-quoted and here-strings (with expansion), and expansion of bare words.

A double-quoted string is scanned here, not by one regex, because ``$( ... )`` inside it is
parsed by the grammar itself (at the same offset of the same text), so strings inside
sub-expressions inside strings, and here-strings inside those, nest as in the real tokenizer.
"""

from __future__ import annotations

import re
from typing import Callable

import pyparsing as pp

from . import ast as A
from .elements import Combining, Miss, SyntaxProblem, extent
from .tokens import (DQUOTES, ESCAPES, SINGLE_QUOTED, SQUOTES, VARIABLE, WS_RE,
                     single_quoted_value)

_VAR_RE = re.compile(VARIABLE)
_AFTER_DRIVE = re.compile(r"[\w?:]")
_DQ_PLAIN = re.compile(f"[^{DQUOTES}`$]+")
_HERE_PLAIN = re.compile(r"[^`$\n]+")
_BARE_PLAIN = re.compile(f"[^`$${SQUOTES}{DQUOTES}]+")
_WORD_SPECIAL = re.compile(f"[`$${SQUOTES}{DQUOTES}]")
_SQ_RE = re.compile(SINGLE_QUOTED)
_SQ_FOOTER = re.compile(f"\r?\n[{SQUOTES}]@")
_FOOTER_AFTER_BLANKS = {q: re.compile(f"\n[ \t]+([{qs}]@)")
                        for qs in (SQUOTES, DQUOTES) for q in qs}

SubParser = Callable[[str, int, bool], tuple[int, object]]


def variable_node(s: str, m: re.Match) -> A.VariableExpressionAst:
    braced = m.group("braced")
    if braced is None and s[m.end():m.end() + 1] == ":" and not _AFTER_DRIVE.match(s, m.end() + 1):
        # "$server:$port": a drive-qualified name with no name after the ':'
        raise SyntaxProblem("InvalidVariableReferenceWithDrive", (), m.start("var"),
                            m.start("var"), False)
    path = re.sub(r"`(.)", r"\1", braced) if braced is not None else m.group("name")
    return A.VariableExpressionAst(path, False, extent=extent(s, m.start("var"), m.end()))


def _dollar(s: str, i: int, parts: list, buf: list, sub: SubParser, do_actions: bool) -> int:
    """Handle '$' at ``i`` inside an expandable text; returns the next index."""
    if i + 1 < len(s) and s[i + 1] == "(":
        end, node = sub(s, i, do_actions)
        _flush(parts, buf)
        parts.append(node)
        return end
    m = _VAR_RE.match(s, i)
    if m is None or (m.group("name") is not None and m.group("name")[-1:] == ":"):
        buf.append("$")
        return i + 1
    _flush(parts, buf)
    parts.append(variable_node(s, m))
    return m.end()


def _flush(parts: list, buf: list) -> None:
    if buf:
        parts.append("".join(buf))
        buf.clear()


def _result(s: str, start: int, end: int, raw: str, kind: str, parts: list):
    ext = extent(s, start, end)
    if all(isinstance(p, str) for p in parts):
        return A.StringConstantExpressionAst("".join(parts), kind, extent=ext)
    return A.ExpandableStringExpressionAst(raw, kind, tuple(parts), extent=ext)


def scan_double_quoted(s: str, start: int, sub: SubParser, do_actions: bool):
    """``s[start]`` is an opening double quote; returns (end, node)."""
    n, i = len(s), start + 1
    parts: list = []
    buf: list = []
    while True:
        if i >= n:
            raise SyntaxProblem("TerminatorExpectedAtEndOfString", ('"',), start, n, True)
        c = s[i]
        if c in DQUOTES:
            if i + 1 < n and s[i + 1] in DQUOTES:
                buf.append(c)
                i += 2
                continue
            break
        if c == "`":
            if i + 1 >= n:
                i += 1
                continue
            buf.append(ESCAPES.get(s[i + 1], s[i + 1]))
            i += 2
        elif c == "$":
            i = _dollar(s, i, parts, buf, sub, do_actions)
        else:
            m = _DQ_PLAIN.match(s, i)
            buf.append(m.group())
            i = m.end()
    _flush(parts, buf)
    return i + 1, _result(s, start, i + 1, s[start + 1:i], "DoubleQuoted", parts)


def _here_header(s: str, start: int) -> int:
    """Index just after the newline ending a here-string header at ``start``."""
    i = start + 2
    while i < len(s) and s[i] in " \t":
        i += 1
    if s.startswith("\r\n", i):
        return i + 2
    if s.startswith("\n", i):
        return i + 1
    raise SyntaxProblem("UnexpectedCharactersAfterHereStringHeader", (), i, i, False)


def _unterminated_here(s: str, start: int, body: int, quote: str) -> SyntaxProblem:
    """No footer: an indented one (white space before it) is named, else the missing one."""
    m = _FOOTER_AFTER_BLANKS[quote].search(s, body - 1)
    if m is not None:
        return SyntaxProblem("WhitespaceBeforeHereStringFooter", (), m.start(1), len(s), True)
    footer = "'@" if quote in SQUOTES else '"@'
    return SyntaxProblem("TerminatorExpectedAtEndOfString", (footer,), start, len(s), True)


def _footer(s: str, i: int, quotes: str) -> bool:
    """A here-string footer (a quote of the header's kind, then '@') starts at ``i``."""
    return s[i:i + 1] != "" and s[i] in quotes and s.startswith("@", i + 1)


def scan_here_string(s: str, start: int, sub: SubParser, do_actions: bool):
    """``s[start:start+2]`` is ``@"`` or ``@'`` (or a curly quote); returns (end, node)."""
    quote = s[start + 1]
    quotes = SQUOTES if quote in SQUOTES else DQUOTES
    body = _here_header(s, start)
    n = len(s)
    if _footer(s, body, quotes):
        # empty here-string: the header newline is also the footer's newline
        return body + 2, _here_result(s, start, body + 2, "", quote, [])
    if quotes == SQUOTES:
        m = _SQ_FOOTER.search(s, body - 1)
        if m is None:
            raise _unterminated_here(s, start, body, quote)
        return m.end(), _here_result(s, start, m.end(), s[body:m.start()], quote, [])
    i = body
    parts: list = []
    buf: list = []
    while True:
        if i >= n:
            raise _unterminated_here(s, start, body, quote)
        c = s[i]
        if c == "\n" or (c == "\r" and s.startswith("\r\n", i)):
            nl = i + 1 if c == "\n" else i + 2
            if _footer(s, nl, quotes):
                raw = s[body:i]
                _flush(parts, buf)
                return nl + 2, _here_result(s, start, nl + 2, raw, quote, parts)
            buf.append(s[i:nl])
            i = nl
        elif c == "`":
            if i + 1 < n and s[i + 1] not in "\r\n":
                buf.append(ESCAPES.get(s[i + 1], s[i + 1]))
                i += 2
            else:
                buf.append(c)
                i += 1
        elif c == "$":
            i = _dollar(s, i, parts, buf, sub, do_actions)
        else:
            m = _HERE_PLAIN.match(s, i)
            if m is None or not m.group():
                buf.append(c)
                i += 1
            else:
                text = m.group()
                cut = text.find("\r")
                if cut >= 0:
                    text = text[:cut] or "\r"
                buf.append(text)
                i += len(text)


def _here_result(s, start, end, raw, quote, parts):
    if quote in SQUOTES:
        return A.StringConstantExpressionAst(raw, "SingleQuotedHereString",
                                             extent=extent(s, start, end))
    return _result(s, start, end, raw, "DoubleQuotedHereString", parts)


def expand_bareword(s: str, start: int, end: int, sub: SubParser):
    """A bare word in argument mode: escapes processed, ``$var`` expanded, glued quoted parts
    taken as strings ('...' literally, "..." expanded)."""
    text = s[start:end]
    if not _WORD_SPECIAL.search(text):
        return A.StringConstantExpressionAst(text, "BareWord", extent=extent(s, start, end))
    parts: list = []
    buf: list = []
    i = start
    while i < end:
        c = s[i]
        if c == "`" and i + 1 < end:
            buf.append(ESCAPES.get(s[i + 1], s[i + 1]))
            i += 2
        elif c == "$":
            i = _dollar(s, i, parts, buf, sub, True)
        elif c in SQUOTES:
            m = _SQ_RE.match(s, i, end)
            buf.append(single_quoted_value(m.group("sq")))
            i = m.end()
        elif c in DQUOTES:
            i, node = scan_double_quoted(s, i, sub, True)
            if isinstance(node, A.ExpandableStringExpressionAst):
                for p in node.parts:
                    if isinstance(p, str):
                        buf.append(p)
                    else:
                        _flush(parts, buf)
                        parts.append(p)
            else:
                buf.append(node.value)
        else:
            m = _BARE_PLAIN.match(s, i, end)
            buf.append(m.group())
            i = m.end()
    _flush(parts, buf)
    return _result(s, start, end, text, "BareWord", parts)


class ExpandableString(Combining, pp.Token):
    """Terminal for ``"..."`` (``here=False``) or ``@"..."@`` / ``@'...'@`` (``here=True``)."""

    def __init__(self, here: bool, sub: SubParser, name: str):
        super().__init__()
        self.here, self.sub = here, sub
        self.set_name(name)
        self.skipWhitespace = False
        self.mayReturnEmpty = False
        self.mayIndexError = False

    def parseImpl(self, instring, loc, do_actions=True):
        i = WS_RE.match(instring, loc).end()
        if self.here:
            ok = instring.startswith("@", i) and instring[i + 1:i + 2] != "" and (
                instring[i + 1] in DQUOTES or instring[i + 1] in SQUOTES)
            scan = scan_here_string
        else:
            ok = i < len(instring) and instring[i] in DQUOTES
            scan = scan_double_quoted
        if not ok:
            raise Miss(instring, loc, "", self)
        end, node = scan(instring, i, self.sub, do_actions)
        return end, [node]
