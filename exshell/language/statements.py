"""Statement grammar: statement lists and blocks, keyword statements (if, switch, loops, try,
trap, flow control, function/filter), param blocks and attributes, script block bodies."""

from __future__ import annotations

import re

import pyparsing as pp

from . import ast as A
from . import builders as B
from .classes import build_classes
from .elements import Element, Enclosed, First, Many, Node, Opt, Stop, Terminal, extent
from .expressions import closer, lit
from .tokens import DASH, KW_END, MEMBER_NAME, NLS, SEPS, TYPE_NAME, WS

_KEYWORD_RE = re.compile(
    f"{WS}(?i:(?P<kw>if|switch|foreach|for|while|do|function|filter|try|trap|break|continue|"
    f"return|exit|throw|class|enum|using|data)){KW_END}|{WS}(?P<label>:[A-Za-z_]\\w*)"
    # attributes before class/enum: [Flags()] enum E { ... }
    f"|(?P<attributed>{WS}(?:\\[[^\\[\\]]*(?:\\[[^\\[\\]]*\\][^\\[\\]]*)*\\]{NLS})+"
    f"(?i:class|enum){KW_END})")


class Dispatch(Element):
    """A statement: the keyword (or ``:label``) picks the piece; anything else is a pipeline."""

    def __init__(self, table: dict, labelled: pp.ParserElement, fallback: pp.ParserElement):
        super().__init__()
        self.table, self.labelled, self.fallback = table, labelled, fallback
        self.set_name("statement")
        self.skipWhitespace = False
        self.mayReturnEmpty = False

    def parseImpl(self, s, loc, do_actions=True):
        m = _KEYWORD_RE.match(s, loc)
        if m is None:
            return self.fallback.parseImpl(s, loc, do_actions)
        if m.group("label"):
            return self.labelled.parseImpl(s, loc, do_actions)
        if m.group("attributed"):
            return self.table["class"].parseImpl(s, loc, do_actions)
        return self.table[m.group("kw").lower()].parseImpl(s, loc, do_actions)


def kw(word: str) -> Terminal:
    return Terminal(f"{WS}(?i:{word}){KW_END}{NLS}", word,
                    lambda s, m, word=word: B.Marker(word))


def build_statements(g) -> None:
    seps = Terminal(SEPS, "separators")
    g.statement_list <<= seps + Many(g.statement + seps)
    lbrace, rbrace = lit(r"\{", "{"), closer(r"\}", "}")
    g.block = Node(Enclosed(lbrace, g.statement_list, rbrace, "statement block",
                            "MissingEndCurlyBrace"), "statement block", B.statement_block)
    lparen = lit(r"\(", "(", True)
    rparen = closer(r"\)", ")")
    nl_block = Terminal(NLS, "newlines") + g.block

    def condition(keyword: str, open_id: str, missing_id: str) -> pp.ParserElement:
        return (Stop(lparen, open_id, (keyword,))
                + Stop(g.pipeline_statement, missing_id, (keyword,))
                + Stop(rparen, "MissingEndParenthesisAfterStatement", (keyword,)))

    # if / elseif / else
    if_cond = condition("if", "MissingOpenParenthesisInIfStatement", "IfStatementMissingCondition")
    elseif = Terminal(f"{NLS}(?i:elseif){KW_END}", "elseif")
    else_ = Terminal(f"{NLS}(?i:else){KW_END}", "else", lambda s, m: B.Marker("else"))
    g.if_statement = Node(
        kw("if") + if_cond + Stop(nl_block, "MissingStatementBlock", ("if",))
        + Many(elseif + condition("elseif", "MissingOpenParenthesisInIfStatement",
                                  "IfStatementMissingCondition")
               + Stop(nl_block, "MissingStatementBlock", ("elseif",)))
        + Opt(else_ + Stop(nl_block, "MissingStatementBlockAfterElse")),
        "if statement", lambda t, e: B.if_statement(t[1:], e))

    # loops
    def loop_cond(keyword):
        return condition(keyword, "MissingOpenParenthesisAfterKeyword",
                         "MissingExpressionAfterKeyword")

    g.while_statement = Node(
        kw("while") + loop_cond("while") + Stop(nl_block, "MissingLoopStatement", ("while",)),
        "while statement", lambda t, e: A.WhileStatementAst(None, t[1], t[2], extent=e))
    do_tail = Stop(Terminal(f"{NLS}(?i:(?P<k>while|until)){KW_END}", "while/until",
                            lambda s, m: B.Marker(m.group("k").lower())),
                   "MissingWhileOrUntilInDoWhile")
    g.do_statement = Node(
        kw("do") + Stop(g.block, "MissingLoopStatement", ("do",)) + do_tail
        + condition("while", "MissingOpenParenthesisAfterKeyword", "MissingExpressionAfterKeyword"),
        "do statement", _do)
    semi = Terminal(f"{WS}[;\\r\\n]{NLS}", ";")
    opt_pipe = Opt(g.pipeline_statement, default=None)
    g.for_statement = Node(
        kw("for") + Stop(lparen, "MissingOpenParenthesisAfterKeyword", ("for",))
        + opt_pipe + Opt(semi) + opt_pipe + Opt(semi) + opt_pipe
        + Stop(rparen, "MissingEndParenthesisAfterStatement", ("for",))
        + Stop(nl_block, "MissingLoopStatement", ("for",)),
        "for statement", lambda t, e: A.ForStatementAst(None, t[1], t[2], t[3], t[4], extent=e))
    in_kw = Terminal(f"{NLS}(?i:in){KW_END}{NLS}", "in")
    g.foreach_statement = Node(
        kw("foreach") + Stop(lparen, "MissingOpenParenthesisAfterKeyword", ("foreach",))
        + Stop(g.variable, "MissingVariableNameAfterForeach") + Stop(in_kw, "MissingInInForeach")
        + Stop(g.pipeline_statement, "MissingForeachExpression")
        + Stop(rparen, "MissingEndParenthesisAfterForeach")
        + Stop(nl_block, "MissingForeachStatement"),
        "foreach statement", lambda t, e: A.ForEachStatementAst(None, t[1], t[2], t[3], extent=e))
    _switch(g, lparen, rparen, nl_block)
    loops = First([g.while_statement, g.do_statement, g.for_statement, g.foreach_statement,
                   g.switch_statement], "loop")
    label = Terminal(f"{WS}:(?P<l>[A-Za-z_]\\w*){NLS}", "label", lambda s, m: m.group("l"))
    labelled = Node(label + loops, "labelled statement",
                    lambda t, e: A.evolve(t[1], label=t[0], extent=e))

    # try / catch / finally, trap
    catch_type = Terminal(f"{WS}\\[\\s*(?P<t>{TYPE_NAME})\\s*\\]{NLS}", "exception type",
                          lambda s, m: A.TypeConstraintAst(m.group("t")))
    catch = Node(Terminal(f"{NLS}(?i:catch){KW_END}{NLS}", "catch")
                 + Opt(catch_type + Many(lit(",", ",", True) + catch_type))
                 + Stop(g.block, "MissingCatchHandlerBlock"), "catch clause", B.catch_clause)
    finally_ = Terminal(f"{NLS}(?i:finally){KW_END}{NLS}", "finally")
    finally_block = finally_ + Stop(g.block, "MissingFinallyStatementBlock")
    g.try_statement = Node(
        kw("try") + Stop(g.block, "MissingTryStatementBlock")
        + Stop((catch + Many(catch) + Opt(finally_block)) | finally_block,
               "MissingCatchOrFinally"),
        "try statement", _try)
    g.trap_statement = Node(
        kw("trap") + Opt(catch_type) + Stop(g.block, "MissingTrapStatement"),
        "trap statement", lambda t, e: A.TrapStatementAst(
            t[1] if len(t) == 3 else None, t[-1], extent=e))

    # flow control
    label_arg = First([
        Terminal(f"{WS}(?P<l>[A-Za-z_]\\w*)", "label name",
                 lambda s, m: A.StringConstantExpressionAst(
                     m.group("l"), "BareWord", extent=extent(s, m.start("l"), m.end()))),
        g.expression], "alternatives")
    flow_kw = lambda word: Terminal(f"{WS}(?i:{word}){KW_END}", word)  # noqa: E731
    g.break_statement = Node(flow_kw("break") + Opt(label_arg, default=None), "break",
                             lambda t, e: A.BreakStatementAst(t[0], extent=e))
    g.continue_statement = Node(flow_kw("continue") + Opt(label_arg, default=None), "continue",
                                lambda t, e: A.ContinueStatementAst(t[0], extent=e))
    flows = {}
    for word, cls in (("return", A.ReturnStatementAst), ("exit", A.ExitStatementAst),
                      ("throw", A.ThrowStatementAst)):
        flows[word] = Node(flow_kw(word) + Opt(g.pipeline_statement, default=None)
                           + g.statement_end, word,
                           lambda t, e, cls=cls: cls(t[0], extent=e))

    _param_block(g)
    _data(g)
    _functions(g, lparen, rparen)
    build_classes(g)
    g.statement <<= Dispatch({
        "if": g.if_statement, "switch": g.switch_statement, "foreach": g.foreach_statement,
        "for": g.for_statement, "while": g.while_statement, "do": g.do_statement,
        "function": g.function_statement, "filter": g.function_statement,
        "try": g.try_statement, "trap": g.trap_statement, "break": g.break_statement,
        "continue": g.continue_statement, "class": g.type_definition,
        "enum": g.type_definition, "using": g.using_statement, "data": g.data_statement,
        **flows}, labelled, g.pipeline_statement + g.statement_end)
    _script_block_body(g, seps)


def _do(t, e):
    cls = A.DoWhileStatementAst if t[2].kind == "while" else A.DoUntilStatementAst
    return cls(None, t[3], t[1], extent=e)


def _try(t, e):
    return B.try_statement(t[1:], e)


def _switch(g, lparen, rparen, nl_block) -> None:
    flag = Terminal(f"{WS}{DASH}(?i:(?P<f>regex|wildcard|exact|casesensitive|parallel))"
                    f"(?![\\w]){NLS}", "switch flag", lambda s, m: B.Marker(m.group("f").lower()))
    file_flag = Node(Terminal(f"{WS}{DASH}(?i:file)(?![\\w]){NLS}", "-file")
                     + Stop(g.arg_value, "MissingFilenameOption"), "-file",
                     lambda t, e: B.Marker("file", t[0]))
    clause_cond = First([
        Terminal(f"{NLS}(?i:default)(?=\\s*\\{{)", "default", lambda s, m: None),
        g.string, g.variable, g.number, g.script_block_expr, g.paren_expr, g.sub_expr,
        g.type_literal,
        Terminal(f"{WS}(?P<w>[^\\s{{}}();,|&'\"$@#`][^\\s{{}}();,|&]*)", "switch clause word",
                 lambda s, m: A.StringConstantExpressionAst(
                     m.group("w"), "BareWord", extent=extent(s, m.start("w"), m.end())))], "alternatives")
    clause = Node(clause_cond + Stop(nl_block, "MissingSwitchStatementClause"), "switch clause",
                  lambda t, e: (t[0], t[1]))
    seps = Terminal(SEPS, "separators")
    body = Enclosed(Terminal(f"{NLS}\\{{", "{"), seps + Many(clause + seps),
                    closer(r"\}", "}"), "switch body", "MissingEndCurlyBrace")
    value = (lparen + Stop(g.pipeline_statement, "MissingSwitchValueExpression")
             + Stop(rparen, "MissingEndParenthesisInSwitchStatement"))
    g.switch_statement = Node(
        kw("switch") + Many(flag)
        + ((file_flag + Many(file_flag | flag) + Opt(value))
           | Stop(value, "PipelineValueRequired"))
        + Stop(body, "MissingCurlyBraceInSwitchStatement"),
        "switch statement", lambda t, e: B.switch_statement(t[1:], e))


def _data(g) -> None:
    name = Terminal(f"{WS}(?P<n>[A-Za-z_]\\w*)", "data variable", lambda s, m: m.group("n"))
    flag = Terminal(f"{WS}{DASH}(?i:supportedcommand)(?![\\w]){NLS}", "-SupportedCommand")
    supported = Node(flag + g.argument, "supported commands",
                     lambda t, e: t[0].elements if isinstance(t[0], A.ArrayLiteralAst) else (t[0],))
    g.data_statement = Node(
        kw("data") + Opt(name, None) + Opt(supported, ())
        + Stop(Terminal(NLS, "newlines") + g.block, "MissingStatementBlockForDataSection"),
        "data statement", lambda t, e: A.DataStatementAst(t[1], t[2], t[3], extent=e))


def _param_block(g) -> None:
    named = Node(Terminal(f"{NLS}(?P<n>{MEMBER_NAME})(?={WS}=)", "argument name",
                          lambda s, m: m.group("n"))
                 + lit("=", "=", True) + Stop(g.expression_nc, "MissingExpressionInNamedArgument"),
                 "named argument",
                 lambda t, e: A.NamedAttributeArgumentAst(t[0], t[1], False, extent=e))
    omitted = Terminal(f"{NLS}(?P<n>{MEMBER_NAME})(?={NLS}[,)])", "named argument",
                       lambda s, m: A.NamedAttributeArgumentAst(
                           m.group("n"), A.ConstantExpressionAst(True), True,
                           extent=extent(s, m.start("n"), m.end())))
    attr_arg = named | omitted | g.expression_nc
    attr_args = Opt(attr_arg + Many(lit(",", ",", True) + attr_arg))
    attr_head = Terminal(f"{WS}\\[\\s*(?P<t>{TYPE_NAME})\\s*\\({NLS}", "attribute",
                         lambda s, m: m.group("t"))
    g.attribute <<= Node(attr_head + attr_args + closer(r"\)", ")") + Stop(
        Terminal(f"{WS}\\]", "]"), "EndSquareBracketExpectedAtEndOfAttribute"),
        "attribute", B.attribute)
    g.type_constraint = Terminal(f"{WS}(?P<b>\\[)\\s*(?P<t>{TYPE_NAME})\\s*\\]", "type constraint",
                                 lambda s, m: A.TypeConstraintAst(
                                     m.group("t"), extent=extent(s, m.start("b"), m.end())))
    attr_or_type = (g.attribute | g.type_constraint) + Terminal(NLS, "newlines")
    parameter = Node(Many(attr_or_type) + g.variable
                     + Opt(lit("=", "=", True) + g.expression_nc), "parameter", B.parameter)
    g.parameter_list = Opt(Terminal(NLS, "") + parameter
                              + Many(lit(",", ",", True) + parameter))
    g.param_block = Node(
        Many(attr_or_type) + Terminal(f"{WS}(?i:param){NLS}\\(", "param")
        + Terminal(NLS, "") + g.parameter_list + Stop(closer(r"\)", ")"),
                                                      "MissingEndParenthesisInFunctionParameterList"),
        "param block", lambda t, e: A.ParamBlockAst(
            tuple(x for x in t if isinstance(x, A.AttributeAst)),
            tuple(x for x in t if isinstance(x, A.ParameterAst)), extent=e))


def _functions(g, lparen, rparen) -> None:
    keyword = Terminal(f"{WS}(?i:(?P<k>function|filter)){KW_END}{NLS}", "function",
                       lambda s, m: B.Marker(m.group("k").lower()))
    name = Terminal(f"{WS}(?P<n>[^\\s(){{}};|&'\"$@,]+)", "function name",
                    lambda s, m: m.group("n"))
    params = lparen + g.parameter_list + Stop(rparen, "MissingEndParenthesisInFunctionParameterList")
    body = Node(Enclosed(Terminal(f"{NLS}\\{{", "{"), g.script_block_body, closer(r"\}", "}"),
                         "function body", "MissingEndCurlyBrace"),
                "function body", lambda t, e: A.evolve(t[0], extent=e))
    g.function_body = body
    g.function_statement = Node(
        keyword + Stop(name, "MissingNameAfterKeyword", ("function",)) + Opt(params)
        + Stop(body, "MissingFunctionBody"),
        "function definition", B.function_definition)


def _script_block_body(g, seps) -> None:
    named = Node(Terminal(f"{WS}(?i:(?P<k>begin|process|end|dynamicparam)){NLS}(?=\\{{)",
                          "named block", lambda s, m: m.group("k").lower())
                 + g.block, "named block",
                 lambda t, e: A.NamedBlockAst(t[0], t[1].statements, t[1].traps, False, extent=e))
    only_named = Stop(Terminal(f"(?={NLS}(?:[)}}]|\\Z))", "end of named blocks"),
                      "MissingNamedBlocks", at="here", incomplete=False)
    named_blocks = named + Many(seps + named) + seps + only_named
    g.script_block_body <<= Node(
        seps + Opt(g.param_block + seps) + (named_blocks | g.statement_list),
        "script block body", B.script_block)
