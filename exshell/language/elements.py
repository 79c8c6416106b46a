"""Small pyparsing elements the grammar is built from.

``Terminal`` is a regex token that builds one value from its match; ``Node`` wraps a piece
of grammar and builds one AST node (with its extent) from what it matched; ``Stop`` and
``Enclosed`` turn a failure into PowerShell's own syntax error, pointing where the real
parser points.  ``Seq``, ``Many``, ``Opt``, ``First``, ``Choice`` and ``Fwd`` combine them
(``a + b`` and ``a | b`` build ``Seq`` and ``First``).  ``SyntaxProblem`` is the internal
carrier; ``parser.py`` turns it into ``ParseError``.
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

class LineIndex:
    """Offset -> 1-based (line, column) for one source text; the index is built on first use."""

    __slots__ = ("text", "_starts")

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None

    def line_col(self, loc: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        i = bisect.bisect_right(self._starts, loc) - 1
        return i + 1, loc - self._starts[i] + 1


class _Current:
    """The index of the text being parsed (one parse at a time; extents keep their own)."""

    index = LineIndex("")


def _index(s: str) -> LineIndex:
    if _Current.index.text is not s:
        _Current.index = LineIndex(s)
    return _Current.index


def line_col(s: str, loc: int) -> tuple[int, int]:
    return _index(s).line_col(loc)


def extent(s: str, start: int, end: int) -> A.Extent:
    return A.Extent.of(s, start, end, _index(s))


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
#
# Every element below is a pyparsing ParserElement, but composite elements call their children's
# ``parseImpl`` directly and pass plain lists of tokens: no ParseResults per match, no pre-parse
# whitespace skipping (every terminal skips its own white space), no parse actions.  That keeps
# pyparsing's per-match bookkeeping out of the inner loop; ``parse`` enters at the top once.


class Miss(pp.ParseException):
    """A failed match at ``loc`` (cheap: failures are frequent and mostly caught at once)."""

    def __init__(self, s: str, loc: int, msg: str = "", elem=None):  # noqa: D107
        self.loc, self.msg, self.pstr, self.parser_element = loc, msg, s, elem
        self.args = (s, loc, msg)


class Combining:
    """``a + b`` builds a Seq and ``a | b`` a First of our own elements."""

    def __add__(self, other):
        return Seq([self, other])

    def __or__(self, other):
        return First([self, other], "alternatives")


def _own(e):
    if not isinstance(e, Combining):
        raise TypeError(f"grammar element {e!r} is not one of ours")
    return e


class Terminal(Combining, pp.Token):
    """A regex terminal (white space prefix included) that builds one value from its match.

    The regex is compiled on first use: compiling all of them is most of the grammar's build
    time, and a one-shot command meets only a few.
    """

    def __init__(self, pattern: str, name: str, build: Callable[[str, re.Match], Any] | None = None,
                 flags: int = 0):
        super().__init__()
        self.pattern, self.flags = pattern, flags
        self.re_match = self._compile_and_match
        self.build = build
        self.mayReturnEmpty = False
        self.mayIndexError = False
        self.set_name(name)
        self.skipWhitespace = False

    def _compile_and_match(self, s: str, pos: int = 0):
        self.re_match = re.compile(self.pattern, self.flags).match
        return self.re_match(s, pos)

    def parseImpl(self, instring, loc, do_actions=True):
        m = self.re_match(instring, loc)
        if m is None:
            raise Miss(instring, loc, "", self)
        if self.build is None:
            return m.end(), []
        if not do_actions:
            return m.end(), [None]
        return m.end(), [self.build(instring, m)]


class Element(Combining, pp.ParserElement):
    """Base of the hand-written composite elements."""

    def __init__(self, name: str = ""):
        super().__init__()
        self.skipWhitespace = False
        self.mayReturnEmpty = False
        self.mayIndexError = False
        if name:
            self.set_name(name)

    def _generateDefaultName(self) -> str:
        return type(self).__name__


class Seq(Element):
    """Each piece in turn; the tokens of all of them."""

    def __init__(self, items: list):
        super().__init__("sequence")
        flat: list = []
        for e in items:
            flat.extend(e.items if type(e) is Seq else [_own(e)])
        self.items = tuple(flat)

    def __add__(self, other):
        return Seq([*self.items, other])

    def parseImpl(self, instring, loc, do_actions=True):
        toks: list = []
        for e in self.items:
            loc, t = e.parseImpl(instring, loc, do_actions)
            if t:
                toks += t
        return loc, toks


class Many(Element):
    """``expr`` zero or more times."""

    def __init__(self, expr):
        super().__init__("repetition")
        self.expr = _own(expr)

    def parseImpl(self, instring, loc, do_actions=True):
        toks: list = []
        parse = self.expr.parseImpl
        while True:
            try:
                end, t = parse(instring, loc, do_actions)
            except pp.ParseException:
                return loc, toks
            if end == loc:
                return loc, toks
            loc = end
            if t:
                toks += t


_ABSENT = object()


class Opt(Element):
    """``expr`` or nothing (then ``default`` as the one token, when given)."""

    def __init__(self, expr, default=_ABSENT):
        super().__init__("optional")
        self.expr = _own(expr)
        self.default = [] if default is _ABSENT else [default]

    def parseImpl(self, instring, loc, do_actions=True):
        try:
            return self.expr.parseImpl(instring, loc, do_actions)
        except pp.ParseException:
            return loc, list(self.default)


class First(Element):
    """The first alternative that matches."""

    def __init__(self, alternatives: list, name: str):
        super().__init__(name)
        flat: list = []
        for e in alternatives:
            flat.extend(e.alternatives if type(e) is First else [_own(e)])
        self.alternatives = tuple(flat)

    def __or__(self, other):
        return First([*self.alternatives, other], self.name)

    def parseImpl(self, instring, loc, do_actions=True):
        for e in self.alternatives:
            try:
                return e.parseImpl(instring, loc, do_actions)
            except pp.ParseException:
                pass
        raise Miss(instring, loc, "", self)


class Fwd(Element):
    """A piece defined later (``fwd <<= expr``)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.expr = None

    def __ilshift__(self, expr):
        self.expr = _own(expr)
        return self

    def parseImpl(self, instring, loc, do_actions=True):
        return self.expr.parseImpl(instring, loc, do_actions)


class Node(Element):
    """Builds one AST node from the tokens ``expr`` matched: ``build(tokens, extent)``."""

    def __init__(self, expr, name: str, build: Callable[..., Any]):
        super().__init__(name)
        self.expr = _own(expr)
        self.build = build

    def parseImpl(self, instring, loc, do_actions=True):
        end, toks = self.expr.parseImpl(instring, loc, do_actions)
        if not do_actions:
            return end, [None]
        # the node starts at its first token: white space and separators are skipped when
        # the extent is first read
        ext = A.Extent.of(instring, loc, end, _index(instring), SEPS_RE)
        return end, [self.build(toks, ext)]


class Stop(Element):
    """``expr`` must match here, or PowerShell's ``error_id`` is raised.

    ``at`` is 'after' (just after the previous token, PowerShell's ``After(token)``) or 'here'
    (the next token).  ``incomplete`` marks errors that more input can fix (at end of input).
    """

    def __init__(self, expr, error_id: str, args: tuple = (), at: str = "after",
                 incomplete: bool = True):
        super().__init__(f"{expr.name}!")
        self.expr = _own(expr)
        self.error_id, self.error_args, self.at, self.incomplete = error_id, args, at, incomplete

    def parseImpl(self, instring, loc, do_actions=True):
        try:
            return self.expr.parseImpl(instring, loc, do_actions)
        except pp.ParseException:
            at = after_previous if self.at == "after" else token_start
            pos = at(instring, loc)
            raise SyntaxProblem(self.error_id, self.error_args, pos, loc, self.incomplete) from None


class Enclosed(Element):
    """``open inner close``; a missing ``close`` raises ``error_id`` at the opener
    (``anchor='open'``, as for braces) or just after the last token (``anchor='after'``)."""

    def __init__(self, opener, inner, closer, name: str, error_id: str, anchor: str = "open"):
        super().__init__(name)
        self.opener, self.inner, self.closer = _own(opener), _own(inner), _own(closer)
        self.error_id, self.anchor = error_id, anchor

    def parseImpl(self, instring, loc, do_actions=True):
        after_open, _ = self.opener.parseImpl(instring, loc, do_actions)
        end, toks = self.inner.parseImpl(instring, after_open, do_actions)
        try:
            end, _ = self.closer.parseImpl(instring, end, do_actions)
        except pp.ParseException:
            raise self._problem(instring, loc, end) from None
        return end, toks

    def _problem(self, s: str, loc: int, end: int) -> SyntaxProblem:
        nxt = token_start(s, end)
        if nxt < len(s) and s[nxt] in ")]}":
            return SyntaxProblem("UnexpectedToken", (s[nxt],), nxt, nxt)
        if self.anchor == "open":
            pos = NLS_RE.match(s, loc).end()
        else:
            pos = after_previous(s, end)
        return SyntaxProblem(self.error_id, (), pos, end, True)


class Choice(Element):
    """First-match alternatives, trying only those that can start with the next character.

    ``alternatives`` are ``(first_chars, element)``; ``first_chars=None`` means any character.
    End of input and statement terminators fail at once.  Measured: it cuts the failed attempts
    of a plain first-match by about half on admin scripts.
    """

    def __init__(self, alternatives: list, name: str):
        super().__init__(name)
        self.alternatives = [(c, _own(e)) for c, e in alternatives]
        chars = set().union(*(set(c) for c, _ in alternatives if c))
        self.any = [e for c, e in alternatives if c is None]
        self.table = {ch: [e for c, e in alternatives if c is None or ch in c] for ch in chars}
        for ch in ("", "\r", "\n", ";", "|", ")", "}"):  # nothing starts with these
            self.table.setdefault(ch, [])

    def parseImpl(self, instring, loc, do_actions=True):
        i = WS_RE.match(instring, loc).end()
        for e in self.table.get(instring[i:i + 1], self.any):
            try:
                return e.parseImpl(instring, loc, do_actions)
            except pp.ParseException:
                pass
        raise Miss(instring, loc, "", self)
