"""Argument-mode grammar: commands, parameters, bare-word arguments, redirections, pipelines
and the assignment-or-pipeline statement."""

from __future__ import annotations

from . import ast as A
from . import builders as B
from .elements import Choice, First, Many, Node, Stop, Terminal, extent
from .expressions import lit
from .strings import expand_bareword
from .tokens import (ARG_CONT, ARG_NUMBER, ASSIGN_OP, BAREWORD, COMMAND_NAME, DASH, DASH_CHARS,
                     DQUOTES, NLS, PARAMETER, SQUOTES, STREAMS, VAR_WORD, WS, canonical_operator,
                     number_value, unescape)


def _arg_number(s, m):
    value = number_value(m)
    if m.group("neg"):
        value = -value
    start = m.start("neg") if m.group("neg") else m.start("w")
    return A.ConstantExpressionAst(value, extent=extent(s, start, m.end()))


def _splat(s, m):
    return A.VariableExpressionAst(m.group("splat"), True, extent=extent(s, m.start("w"), m.end()))


def _param(s, m):
    return A.CommandParameterAst(m.group("pname"), None, extent=extent(s, m.start("w"), m.end()))


def _merge(s, m):
    return A.MergingRedirectionAst(STREAMS[m.group("stream")], STREAMS[m.group("to")],
                                   extent=extent(s, m.start("w"), m.end()))


def _command(t, e):
    if isinstance(t[0], B.Op):
        return B.command(t[1:], e, str(t[0]))
    return B.command(t, e)


def _expression_statement(t, e):
    if len(t) >= 3 and isinstance(t[1], B.Op):
        return A.AssignmentStatementAst(t[0], str(t[1]), t[2], extent=e)
    redirs = tuple(x for x in t[1:] if isinstance(x, (A.FileRedirectionAst,
                                                      A.MergingRedirectionAst)))
    rest = [x for x in t[1:] if isinstance(x, A.CommandAst)]
    first = A.CommandExpressionAst(t[0], redirs, extent=t[0].extent)
    return B.pipeline_from(first, rest, e)


def build_commands(g) -> None:
    sub = g.sub_parse
    g.arg_number = Terminal(f"{WS}(?P<w>){ARG_NUMBER}", "number argument", _arg_number)
    g.splat = Terminal(f"{WS}(?P<w>)@(?P<splat>[\\w?:]+)(?![\\w.(\\[])", "splatted variable",
                       _splat)
    g.bareword = Terminal(f"{WS}(?P<w>{BAREWORD})", "bare word",
                          lambda s, m: expand_bareword(s, m.start("w"), m.end(), sub))
    g.var_word = Terminal(f"{WS}(?P<w>{VAR_WORD})", "expandable bare word",
                          lambda s, m: expand_bareword(s, m.start("w"), m.end(), sub))
    values = g.arg_postfix(Choice([("$", g.variable), ("$", g.sub_expr), ("@", g.array_expr),
                                   ("(", g.paren_expr)], "value"))
    g.arg_value = Choice([
        ("$", g.var_word), ("$@(", values), (SQUOTES + DQUOTES + "@", g.string),
        ("@", g.hashtable), ("{", g.script_block_expr), ("@", g.splat),
        (DASH_CHARS + "0123456789.", g.arg_number), (None, g.bareword)], "command argument")
    from .expressions import CommaList
    g.argument = CommaList(g.arg_value, lit(",", ",", True), "argument list", "MissingArgument")

    colon_param = Node(
        Terminal(f"{WS}(?P<w>){PARAMETER[:-len('(?P<colon>:)?')]}:", "parameter:",
                 lambda s, m: (m.group("pname"), m.start("w")))
        + Stop(g.argument, "ParameterRequiresArgument", args=None, incomplete=False),
        "parameter with argument",
        lambda t, e: A.CommandParameterAst(t[0][0], t[1], extent=e))
    plain_param = Terminal(f"{WS}(?P<w>){PARAMETER[:-len('(?P<colon>:)?')]}", "parameter",
                           _param)
    merge = Terminal(f"{WS}(?P<w>)(?P<stream>[*1-6])?>&(?P<to>[1-6])", "merging redirection",
                     _merge)
    file_op = Terminal(f"{WS}(?P<stream>[*1-6])?(?P<op>>>?)(?!&)", "redirection",
                       lambda s, m: (STREAMS[m.group("stream")], m.group("op") == ">>"))
    g.file_redirection = Node(
        file_op + Stop(g.arg_value, "MissingFileSpecification", incomplete=False),
        "file redirection", lambda t, e: A.FileRedirectionAst(t[0][0], t[1], t[0][1], extent=e))
    input_redir = Terminal(f"{WS}<", "input redirection", _input_redirection)
    g.redirection = First([merge, g.file_redirection, input_redir], "redirection")
    # --% passes the rest of the line (up to a pipe) as one verbatim argument; after --
    # every word is an argument, even one that looks like a parameter (-- itself is dropped).
    stop_parsing = Terminal(rf"{WS}--%[ \t]*(?P<v>[^\r\n|]*?)[ \t]*(?=[\r\n|]|$)", "--%",
                            lambda s, m: A.StringConstantExpressionAst(
                                m.group("v"), "BareWord",
                                extent=extent(s, m.start("v"), m.end("v"))))
    dash_word = Terminal(f"{WS}(?P<w>{DASH}(?:{ARG_CONT})+)", "word after --",
                         lambda s, m: expand_bareword(s, m.start("w"), m.end(), sub))
    argument_only = Choice([(DASH_CHARS, dash_word), ("*123456>", g.redirection),
                            (None, g.argument)], "argument after --")
    end_of_parameters = Terminal(rf"{WS}{DASH}{DASH}(?=[\s;|)}}]|$)", "--") + Many(argument_only)
    element = Choice([(DASH_CHARS, stop_parsing), (DASH_CHARS, end_of_parameters),
                      (DASH_CHARS, colon_param), (DASH_CHARS, plain_param),
                      ("*123456><", g.redirection), (None, g.argument)], "command element")

    name = Terminal(f"{WS}(?P<w>{COMMAND_NAME})", "command name",
                    lambda s, m: A.StringConstantExpressionAst(
                        unescape(m.group("w")), "BareWord", extent=extent(s, m.start("w"), m.end())))
    invoke = Terminal(f"{WS}(?P<op>&|\\.(?=[\\s{{$\"'(@\u201c\u201d\u2018\u2019]|$))", "& or .",
                      lambda s, m: B.Op(m.group("op")))
    head = (invoke + Stop(g.arg_value, "MissingExpression", args=None)) | name
    g.command = Node(head + Many(element), "command", _command)

    pipe = lit(r"\|(?!\|)", "|", trailing_newlines=True)
    pipe_element = Stop(g.command, "EmptyPipeElement")
    tail = Many(pipe + pipe_element)
    assign = Terminal(f"{WS}(?P<op>{ASSIGN_OP}){NLS}", "assignment operator",
                      lambda s, m: B.Op(canonical_operator(m.group("op"))))
    expr_statement = Node(
        g.expression + ((assign + Stop(g.statement, "ExpectedValueExpression", args=None))
                        | (Many(g.redirection) + tail)),
        "expression statement", _expression_statement)
    cmd_pipeline = Node(g.command + tail, "pipeline",
                        lambda t, e: B.pipeline_from(t[0], t[1:], e))
    end = Terminal(f"(?={WS}(?:[;\\r\\n)}}]|\\Z))", "end of statement")
    expr_start = "$@(0123456789[{!+,." + SQUOTES + DQUOTES + DASH_CHARS
    g.pipeline_statement <<= Choice([(expr_start, expr_statement), (None, cmd_pipeline)],
                                    "pipeline")
    # A pipeline statement ends at a newline, ';' or a closer; a block statement need not.
    g.statement_end = Stop(end, "UnexpectedToken", at="here", incomplete=False)


def _input_redirection(s, m):
    from .elements import SyntaxProblem, token_start
    pos = token_start(s, m.start())
    raise SyntaxProblem("RedirectionNotSupported", ("<",), pos, pos, False)
