"""Small pyparsing elements the grammar is built from.

``Terminal`` is a regex token that builds one value from its match; ``Node`` wraps a piece
of grammar and builds one AST node (with its extent) from what it matched; ``Stop`` and
``Enclosed`` turn a failure into PowerShell's own syntax error, pointing where the real
parser points.  ``SyntaxProblem`` is the internal carrier; ``parser.py`` turns it into
``ParseError``.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Callable

import pyparsing as pp

from . import ast as A
from .tokens import NLS_RE, SEPS_RE, WS_RE


class SyntaxProblem(Exception):
    """A PowerShell parse error found at ``pos``; ``probe`` is where more input would help."""

    def __init__(self, error_id: str, args: tuple = (), pos: int = 0, probe: int | None = None,
                 can_continue: bool = False):
        super().__init__(error_id)
        self.error_id = error_id
        self.args_ = args
        self.pos = pos
        self.probe = pos if probe is None else probe
        self.can_continue = can_continue


# ----------------------------------------------------------------------------- positions

class _Lines:
    """Offset -> (line, column) for one source text; one entry is enough (one parse at a time)."""

    text: str | None = None
    starts: list[int] = []


_lines = _Lines()


def line_col(s: str, loc: int) -> tuple[int, int]:
    if _lines.text is not s:
        _lines.text = s
        _lines.starts = [0] + [m.end() for m in re.finditer(r"\n", s)]
    i = bisect.bisect_right(_lines.starts, loc) - 1
    return i + 1, loc - _lines.starts[i] + 1


def extent(s: str, start: int, end: int) -> A.Extent:
    l1, c1 = line_col(s, start)
    l2, c2 = line_col(s, end)
    return A.Extent(l1, c1, l2, c2, s[start:end])


def token_start(s: str, loc: int) -> int:
    """Where the next token starts (skip blanks, comments, newlines and ';')."""
    return SEPS_RE.match(s, loc).end()


def after_previous(s: str, loc: int) -> int:
    """Just after the previous token: back over white space from ``loc``."""
    while loc > 0 and s[loc - 1] in " \t\r\n\f\v":
        loc -= 1
    return loc


def at_end(s: str, loc: int) -> bool:
    return NLS_RE.match(s, loc).end() >= len(s)


# ----------------------------------------------------------------------------- elements

class Terminal(pp.Token):
    """A regex terminal (white space prefix included) that builds one value from its match."""

    def __init__(self, pattern: str, name: str, build: Callable[[str, re.Match], Any] | None = None,
                 flags: int = 0):
        super().__init__()
        self.re = re.compile(pattern, flags)
        self.re_match = self.re.match
        self.build = build
        self.mayReturnEmpty = False
        self.mayIndexError = False
        self.set_name(name)
        self.skipWhitespace = False

    def parseImpl(self, instring, loc, do_actions=True):
        m = self.re_match(instring, loc)
        if m is None:
            raise pp.ParseException(instring, loc, self.errmsg, self)
        if self.build is None:
            return m.end(), []
        if not do_actions:
            return m.end(), [None]
        return m.end(), [self.build(instring, m)]


class Node(pp.ParseElementEnhance):
    """Builds one AST node from the tokens ``expr`` matched: ``build(tokens, extent)``."""

    def __init__(self, expr: pp.ParserElement, name: str, build: Callable[..., Any]):
        super().__init__(expr)
        self.build = build
        self.set_name(name)
        self.skipWhitespace = False

    def parseImpl(self, instring, loc, do_actions=True):
        end, toks = self.expr._parse(instring, loc, do_actions, callPreParse=False)
        if not do_actions:
            return end, [None]
        start = token_start(instring, loc)
        return end, [self.build(list(toks), extent(instring, start, end))]


class Stop(pp.ParseElementEnhance):
    """``expr`` must match here, or PowerShell's ``error_id`` is raised.

    ``at`` is 'after' (just after the previous token, PowerShell's ``After(token)``) or 'here'
    (the next token).  ``incomplete`` marks errors that more input can fix (at end of input).
    """

    def __init__(self, expr: pp.ParserElement, error_id: str, args: tuple = (), at: str = "after",
                 incomplete: bool = True):
        super().__init__(expr)
        self.error_id, self.error_args, self.at, self.incomplete = error_id, args, at, incomplete
        self.set_name(f"{expr.name}!")
        self.skipWhitespace = False

    def parseImpl(self, instring, loc, do_actions=True):
        try:
            return self.expr._parse(instring, loc, do_actions, callPreParse=False)
        except pp.ParseBaseException:
            pos = after_previous(instring, loc) if self.at == "after" else token_start(instring, loc)
            raise SyntaxProblem(self.error_id, self.error_args, pos, loc, self.incomplete)


class Element(pp.ParserElement):
    """Base of the hand-written composite elements."""

    def _generateDefaultName(self) -> str:
        return type(self).__name__


class Enclosed(Element):
    """``open inner close``; a missing ``close`` raises ``error_id`` at the opener
    (``anchor='open'``, as for braces) or just after the last token (``anchor='after'``)."""

    def __init__(self, opener: pp.ParserElement, inner: pp.ParserElement, closer: pp.ParserElement,
                 name: str, error_id: str, anchor: str = "open"):
        super().__init__()
        self.opener, self.inner, self.closer = opener, inner, closer
        self.error_id, self.anchor = error_id, anchor
        self.set_name(name)
        self.skipWhitespace = False
        self.mayReturnEmpty = False

    def parseImpl(self, instring, loc, do_actions=True):
        after_open, _ = self.opener._parse(instring, loc, do_actions, callPreParse=False)
        end, toks = self.inner._parse(instring, after_open, do_actions, callPreParse=False)
        try:
            end, _ = self.closer._parse(instring, end, do_actions, callPreParse=False)
        except pp.ParseBaseException:
            raise self._problem(instring, loc, end) from None
        return end, toks

    def _problem(self, s: str, loc: int, end: int) -> SyntaxProblem:
        nxt = token_start(s, end)
        if nxt < len(s) and s[nxt] in ")]}":
            return SyntaxProblem("UnexpectedToken", (s[nxt],), nxt, nxt)
        pos = token_start(s, loc) if self.anchor == "open" else after_previous(s, end)
        if self.anchor == "open":
            pos = NLS_RE.match(s, loc).end()
        return SyntaxProblem(self.error_id, (), pos, end, True)


class Choice(Element):
    """MatchFirst that only tries the alternatives that can start with the next character.

    ``alternatives`` are ``(first_chars, element)``; ``first_chars=None`` means any character.
    End of input and statement terminators fail at once.  Measured: it cuts the failed attempts of ``MatchFirst`` by about half on admin scripts.
    """

    def __init__(self, alternatives: list, name: str):
        super().__init__()
        self.alternatives = alternatives
        chars = set().union(*(set(c) for c, _ in alternatives if c))
        self.any = [e for c, e in alternatives if c is None]
        self.table = {ch: [e for c, e in alternatives if c is None or ch in c] for ch in chars}
        for ch in ("", "\r", "\n", ";", "|", ")", "}"):  # nothing starts with these
            self.table.setdefault(ch, [])
        self.set_name(name)
        self.skipWhitespace = False
        self.mayReturnEmpty = False

    def parseImpl(self, instring, loc, do_actions=True):
        i = WS_RE.match(instring, loc).end()
        candidates = self.table.get(instring[i:i + 1], self.any)
        for e in candidates:
            try:
                return e._parse(instring, loc, do_actions, callPreParse=False)
            except pp.ParseException:
                pass
        raise pp.ParseException(instring, loc, self.errmsg, self)
