"""Expression-mode grammar: primaries, member access, indexing, casts, unary and binary
operators (parsed flat, folded by precedence), arrays, hashtables, script blocks, strings."""

from __future__ import annotations

import pyparsing as pp

from . import ast as A
from . import builders as B
from .elements import (after_previous, Choice, Element, Enclosed, extent, First, Fwd, Many, Node,
                       Opt, Stop, SyntaxProblem, Terminal, token_start)
from .strings import ExpandableString, variable_node
from .tokens import (BINARY_OP, DASH, DASH_CHARS, DASHES, DQUOTES, MEMBER_NAME, NLS, NUMBER, SEPS,
                     SINGLE_QUOTED, SQ, SQUOTES, TYPE_NAME, UNARY_SIGN_OP, UNARY_WORD_OP, VARIABLE,
                     WS, WS_RE, canonical_operator, number_value, single_quoted_value)


def lit(pattern: str, name: str, trailing_newlines: bool = False) -> Terminal:
    """A suppressed punctuation/keyword terminal; openers may be followed by newlines."""
    return Terminal(f"{WS}(?:{pattern}){NLS if trailing_newlines else ''}", name)


def closer(pattern: str, name: str) -> Terminal:
    return Terminal(f"{NLS}(?:{pattern})", name)


def _op(s, m):
    return B.Op(canonical_operator(m.group("op")))


def _number(s, m):
    return A.ConstantExpressionAst(number_value(m), extent=extent(s, m.start("n"), m.end()))


def _sq(s, m):
    return A.StringConstantExpressionAst(single_quoted_value(m.group("sq")), "SingleQuoted",
                                         extent=extent(s, m.start("q"), m.end()))


def _unterminated(quote):
    def build(s, m):
        raise SyntaxProblem("TerminatorExpectedAtEndOfString", (quote,), m.start("q"), len(s),
                            True)
    return build


_OP_FIRST = frozenset(DASH_CHARS + "+*/%.")
_POST_FIRST = frozenset(DASH_CHARS + "+")


class Chain(Element):
    """``item (separator item)*`` read in one loop; a subclass joins the items and names the
    error for a separator with nothing after it."""

    def __init__(self, item, separator: Terminal, first: frozenset, name: str):
        super().__init__(name)
        self.item, self.separator, self.first = item, separator, first

    def parseImpl(self, s, loc, do_actions=True):
        start = loc
        loc, toks = self.item.parseImpl(s, loc, do_actions)
        items, spans = [toks[0]], [(token_start(s, start), loc)]
        while True:
            i = WS_RE.match(s, loc).end()
            if s[i:i + 1] not in self.first:
                break
            try:
                sep_end, sep = self.separator.parseImpl(s, loc, do_actions)
            except pp.ParseBaseException:
                break
            try:
                end, more = self.item.parseImpl(s, sep_end, do_actions)
            except pp.ParseBaseException:
                raise self.missing(s, loc, sep_end) from None
            items += sep + more[:1]
            spans.append((token_start(s, sep_end), end))
            loc = end
        if len(spans) == 1 or not do_actions:
            return loc, [items[0]]
        return loc, [self.join(s, items, spans)]


class OperatorChain(Chain):
    """``operand (operator operand)*`` parsed flat and folded by precedence."""

    def __init__(self, operand, operator: Terminal, name: str):
        super().__init__(operand, operator, _OP_FIRST, name)

    def missing(self, s, loc, op_end) -> SyntaxProblem:
        text = self.separator.re_match(s, loc).group("op")
        return SyntaxProblem("ExpectedValueExpression", (text,), after_previous(s, op_end),
                             op_end, True)

    def join(self, s, items, spans):
        return B.fold(s, items, spans)


class CommaList(Chain):
    """``item (',' item)*``: one item, or an ArrayLiteralAst of them."""

    def __init__(self, item, comma: Terminal, name: str, error_id: str):
        super().__init__(item, comma, frozenset(","), name)
        self.error_id = error_id

    def missing(self, s, loc, c_end) -> SyntaxProblem:
        args = (",",) if self.error_id == "MissingExpressionAfterToken" else ()
        return SyntaxProblem(self.error_id, args, after_previous(s, c_end), c_end, True)

    def join(self, s, items, spans):
        return A.ArrayLiteralAst(tuple(items), extent=extent(s, spans[0][0], spans[-1][1]))


class Postfix(Element):
    """``primary`` followed by ``.member``, ``::member``, ``(args)``, ``[index]``, ``++``/``--``."""

    def __init__(self, primary, member_op, member, call_args, index, post_op, name):
        super().__init__()
        self.primary, self.member_op, self.member = primary, member_op, member
        self.call_args, self.index, self.post_op = call_args, index, post_op
        self.set_name(name)
        self.skipWhitespace = False
        self.mayReturnEmpty = False

    def parseImpl(self, s, loc, do_actions=True):
        start = token_start(s, loc)
        loc, toks = self.primary.parseImpl(s, loc, do_actions)
        node = toks[0]
        n = len(s)
        while loc < n:
            c = s[loc]
            if c == "." or c == ":":
                try:
                    loc, node = self._member(s, loc, node, start, do_actions)
                except pp.ParseBaseException:
                    break
            elif c == "[" and not isinstance(node, A.TypeExpressionAst):
                loc, toks = self.index.parseImpl(s, loc, do_actions)
                if do_actions:
                    node = A.IndexExpressionAst(node, toks[0], extent=extent(s, start, loc))
            else:
                break
        i = WS_RE.match(s, loc).end()
        if self.post_op is not None and s[i:i + 1] in _POST_FIRST:
            try:
                end, toks = self.post_op.parseImpl(s, loc, do_actions)
                if do_actions:
                    node = A.UnaryExpressionAst("post" + toks[0], node, extent=extent(s, start, end))
                loc = end
            except pp.ParseBaseException:
                pass
        return loc, [node]

    def _member(self, s, loc, node, start, do_actions):
        op_end, op = self.member_op.parseImpl(s, loc, do_actions)
        try:
            loc, toks = self.member.parseImpl(s, op_end, do_actions)
        except pp.ParseBaseException:
            raise SyntaxProblem("MissingPropertyName", (), op_end, op_end, True) from None
        static = s[op_end - 1] == ":"
        member = toks[0]
        if loc < len(s) and s[loc] == "(":
            loc, args = self.call_args.parseImpl(s, loc, do_actions)
            if do_actions:
                node = A.InvokeMemberExpressionAst(node, member, tuple(args), static,
                                                   extent=extent(s, start, loc))
        elif do_actions:
            node = A.MemberExpressionAst(node, member, static, extent=extent(s, start, loc))
        return loc, node


def build_expressions(g) -> None:
    """Fill namespace ``g`` with expression-mode pieces (uses g.statement_list, g.pipeline_statement,
    g.script_block_body, g.sub_expression Forwards)."""
    g.variable = Terminal(f"{WS}{VARIABLE}", "variable", lambda s, m: variable_node(s, m))
    g.number = Terminal(f"{WS}(?P<n>{NUMBER})", "number", _number)
    g.sq_string = Terminal(f"{WS}(?P<q>{SINGLE_QUOTED})",
                           "single-quoted string", _sq)
    g.sq_unterminated = Terminal(f"{WS}(?P<q>{SQ})", "unterminated string", _unterminated("'"))
    sub = g.sub_parse
    g.dq_string = ExpandableString(False, sub, "double-quoted string")
    g.here_string = ExpandableString(True, sub, "here-string")
    g.string = Choice([(SQUOTES, g.sq_string), (DQUOTES, g.dq_string), ("@", g.here_string),
                       (SQUOTES, g.sq_unterminated)], "string")

    g.type_literal = Terminal(f"{WS}(?P<b>\\[)\\s*(?P<t>{TYPE_NAME})\\s*\\]", "type literal",
                              lambda s, m: A.TypeExpressionAst(
                                  m.group("t"), extent=extent(s, m.start("b"), m.end())))
    g.cast_type = Terminal(f"{WS}\\[\\s*(?P<t>{TYPE_NAME})\\s*\\](?!::|\\.[A-Za-z_])", "cast",
                           lambda s, m: m.group("t"))

    lparen = lit(r"\(", "(", True)
    rparen = closer(r"\)", ")")
    g.paren_expr = Node(Enclosed(lparen, Stop(g.pipeline_statement, "ExpectedExpression", at="after"),
                                 rparen, "parenthesized expression",
                                 "MissingEndParenthesisInExpression", anchor="after"),
                        "paren expression", lambda t, e: A.ParenExpressionAst(t[0], extent=e))
    g.sub_expr = Node(Enclosed(lit(r"\$\(", "$(", True), g.statement_list, rparen, "$( )",
                               "MissingEndParenthesisInSubexpression", anchor="after"),
                      "sub-expression", lambda t, e: A.SubExpressionAst(
                          B.statement_block(t, e), extent=e))
    g.sub_expression <<= g.sub_expr
    g.array_expr = Node(Enclosed(lit(r"@\(", "@(", True), g.statement_list, rparen, "@( )",
                                 "MissingEndParenthesisInSubexpression", anchor="after"),
                        "array expression", lambda t, e: A.ArrayExpressionAst(
                            B.statement_block(t, e), extent=e))
    g.script_block_expr = Node(
        Enclosed(lit(r"\{", "{"), g.script_block_body, closer(r"\}", "}"), "{ }",
                 "MissingEndCurlyBrace"),
        "script block", lambda t, e: A.ScriptBlockExpressionAst(t[0], extent=e))
    _hashtable(g)

    g.primary = Choice([
        ("$", g.variable), ("0123456789.", g.number), (SQUOTES + DQUOTES + "@", g.string),
        ("$", g.sub_expr), ("@", g.array_expr), ("@", g.hashtable), ("(", g.paren_expr),
        ("{", g.script_block_expr), ("[", g.type_literal)], "value")
    _postfix(g)

    prefix = Terminal(f"{WS}(?P<op>{UNARY_WORD_OP}|{UNARY_SIGN_OP}|,){NLS}", "unary operator", _op)
    g.unary = Fwd("unary expression")
    g.unary <<= Choice([
        (DASH_CHARS + "!+,", Node(prefix + Stop(g.unary, "MissingExpressionAfterOperator"),
                                   "unary", _unary)),
        ("[", Node(g.cast_type + g.unary, "cast",
                   lambda t, e: A.ConvertExpressionAst(t[0], t[1], extent=e))),
        ("[", Node(g.attribute + g.unary, "attributed expression",
                   lambda t, e: A.AttributedExpressionAst(t[0], t[1], extent=e))),
        (None, g.postfix_expr),
        ("[", Terminal(f"{WS}\\[\\s*(?P<t>{TYPE_NAME})?", "unfinished type", _unfinished_type))],
        "unary expression")
    comma = lit(",", ",", True)
    g.array_literal = CommaList(g.unary, comma, "array literal", "MissingExpressionAfterToken")
    binop = Terminal(f"{WS}(?P<op>{BINARY_OP}){NLS}", "binary operator", _op)
    g.binop = binop
    g.expression <<= OperatorChain(g.array_literal, binop, "expression")
    g.expression_nc = OperatorChain(g.unary, binop, "argument expression")
    g.expression_nc_fwd <<= g.expression_nc


def _unfinished_type(s, m):
    """A '[' that no type literal, cast or attribute could finish."""
    if m.group("t") is None:
        raise SyntaxProblem("MissingTypename", (), m.end(), m.end(), True)
    raise SyntaxProblem("EndSquareBracketExpectedAtEndOfAttribute", (), m.end(), m.end(), True)


def _unary(t, e):
    op, child = t
    if op == "-" and isinstance(child, A.ConstantExpressionAst) and not isinstance(child.value, str):
        return A.ConstantExpressionAst(-child.value, extent=e)
    return A.UnaryExpressionAst(op, child, extent=e)


def _hashtable(g) -> None:
    key = First([
        Terminal(f"{WS}(?P<k>[A-Za-z_][{DASHES}\\w.]*)", "key",
                 lambda s, m: A.StringConstantExpressionAst(
                     m.group("k"), "BareWord", extent=extent(s, m.start("k"), m.end()))),
        g.string, g.number, g.variable, g.sub_expression, g.paren_expr], "hash key")
    equals = lit("=(?!=)", "=", True)
    pair = Node(key + Stop(equals, "MissingEqualsInHashLiteral", at="here")
                + Stop(g.statement, "MissingStatementInHashLiteral"),
                "hash pair", lambda t, e: (t[0], t[1]))
    seps = Terminal(SEPS, "separators")
    body = seps + Many(pair + seps)
    g.hashtable = Node(Enclosed(lit(r"@\{", "@{"), body, closer(r"\}", "}"), "@{ }",
                                "MissingEndCurlyBrace"),
                       "hashtable", lambda t, e: A.HashtableAst(tuple(t), extent=e))


def _postfix(g) -> None:
    member_op = Terminal(r"(?:\.(?![.\d])|::)", ". or ::")
    member_name = First([
        Terminal(f"(?P<m>{MEMBER_NAME})", "member name",
                 lambda s, m: A.StringConstantExpressionAst(
                     m.group("m"), "BareWord", extent=extent(s, m.start(), m.end()))),
        g.string, g.variable, g.paren_expr, g.sub_expr], "member name")
    lparen = Terminal(rf"\({NLS}", "(")
    arg = Stop(g.expression_nc_fwd, "MissingArgument")
    args = Opt(g.expression_nc_fwd + Many(lit(",", ",", True) + arg))
    call_args = Enclosed(lparen, args, closer(r"\)", ")"), "method arguments",
                         "MissingEndParenthesisInMethodCall", anchor="after")
    index = Enclosed(Terminal(rf"\[{NLS}", "["), Stop(g.expression, "MissingArrayIndexExpression",
                                                     at="here"),
                     closer(r"\]", "]"), "index", "MissingEndSquareBracket", anchor="after")
    post_op = Terminal(rf"{WS}(?P<op>\+\+|{DASH}{DASH})(?![\w$])", "++/--",
                       lambda s, m: canonical_operator(m.group("op")))
    g.postfix_expr = Postfix(g.primary, member_op, member_name, call_args, index, post_op,
                             "postfix expression")
    g.arg_postfix = lambda primary: Postfix(primary, member_op, member_name, call_args, index,
                                            None, "argument value")
