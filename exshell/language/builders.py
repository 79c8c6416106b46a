"""Node builders: each takes the tokens one grammar piece matched (and its extent) and
returns one AST node.  Operator chains arrive flat and are folded by precedence here."""

from __future__ import annotations

from . import ast as A
from .elements import extent
from .tokens import PRECEDENCE


class Op(str):
    """An operator token (canonical text) among a piece's tokens."""


class Marker:
    """A keyword or flag token among a piece's tokens (``kind`` and optional ``value``)."""

    __slots__ = ("kind", "value")

    def __init__(self, kind: str, value=None):
        self.kind, self.value = kind, value


def fold(s: str, items: list, spans: list):
    """Fold ``[e0, op1, e1, ...]`` (left-associative) by PowerShell's binary precedences."""
    out: list = [(items[0], spans[0][0], spans[0][1])]
    ops: list = []

    def reduce() -> None:
        op = ops.pop()
        right, _, r_end = out.pop()
        left, l_start, _ = out.pop()
        node = A.BinaryExpressionAst(left, op, right, extent=extent(s, l_start, r_end))
        out.append((node, l_start, r_end))

    for k in range(1, len(items), 2):
        op = items[k]
        prec = PRECEDENCE[op]
        while ops and PRECEDENCE[ops[-1]] >= prec:
            reduce()
        ops.append(op)
        out.append((items[k + 1], spans[(k + 1) // 2][0], spans[(k + 1) // 2][1]))
    while ops:
        reduce()
    return out[0][0]


def statement_list(statements) -> tuple[tuple, tuple]:
    """Split trap statements out, as PowerShell does."""
    stmts = tuple(x for x in statements if not isinstance(x, A.TrapStatementAst))
    traps = tuple(x for x in statements if isinstance(x, A.TrapStatementAst))
    return stmts, traps


def statement_block(toks, ext):
    stmts, traps = statement_list(toks)
    return A.StatementBlockAst(stmts, traps, extent=ext)


def pipeline_from(first, rest, ext):
    """An expression or command first element, then the elements after each '|'."""
    return A.PipelineAst((first,) + tuple(rest), extent=ext)


def command(toks, ext, invocation=None):
    elements = tuple(t for t in toks if not isinstance(t, (A.FileRedirectionAst,
                                                            A.MergingRedirectionAst)))
    redirs = tuple(t for t in toks if isinstance(t, (A.FileRedirectionAst,
                                                     A.MergingRedirectionAst)))
    return A.CommandAst(elements, invocation, redirs, extent=ext)


def script_block(toks, ext):
    param = None
    if toks and isinstance(toks[0], A.ParamBlockAst):
        param, toks = toks[0], toks[1:]
    named = {t.block_kind: t for t in toks if isinstance(t, A.NamedBlockAst)}
    if named:
        return A.ScriptBlockAst(param, named.get("begin"), named.get("process"),
                                named.get("end"), named.get("dynamicparam"), extent=ext)
    stmts, traps = statement_list(toks)
    end = A.NamedBlockAst("end", stmts, traps, True, extent=ext)
    return A.ScriptBlockAst(param, None, None, end, extent=ext)


def attribute(toks, ext):
    name, args = toks[0], toks[1:]
    positional = tuple(a for a in args if not isinstance(a, A.NamedAttributeArgumentAst))
    named = tuple(a for a in args if isinstance(a, A.NamedAttributeArgumentAst))
    return A.AttributeAst(name, positional, named, extent=ext)


def parameter(toks, ext):
    attrs = tuple(t for t in toks if isinstance(t, (A.AttributeAst, A.TypeConstraintAst)))
    rest = [t for t in toks if not isinstance(t, (A.AttributeAst, A.TypeConstraintAst))]
    default = rest[1] if len(rest) > 1 else None
    return A.ParameterAst(rest[0], attrs, default, extent=ext)


def if_statement(toks, ext):
    clauses, else_clause = [], None
    i = 0
    while i < len(toks):
        if isinstance(toks[i], Marker):  # else
            else_clause = toks[i + 1]
            break
        clauses.append((toks[i], toks[i + 1]))
        i += 2
    return A.IfStatementAst(tuple(clauses), else_clause, extent=ext)


def switch_statement(toks, ext):
    flags, condition, clauses, default = set(), None, [], None
    i = 0
    while i < len(toks) and isinstance(toks[i], Marker):
        flags.add(toks[i].kind)
        if toks[i].kind == "file":  # the file name stands where a pipeline would
            name = toks[i].value
            condition = A.PipelineAst((A.CommandExpressionAst(name, (), extent=name.extent),),
                                      extent=name.extent)
        i += 1
    if i < len(toks) and isinstance(toks[i], A.PipelineAst | A.AssignmentStatementAst) or (
            i < len(toks) and not isinstance(toks[i], tuple)):
        condition = toks[i]
        i += 1
    for clause in toks[i:]:
        if clause[0] is None:
            default = clause[1]
        else:
            clauses.append(clause)
    return A.SwitchStatementAst(None, condition, frozenset(flags), tuple(clauses), default,
                                extent=ext)


def try_statement(toks, ext):
    body = toks[0]
    catches = tuple(t for t in toks[1:] if isinstance(t, A.CatchClauseAst))
    fin = toks[-1] if len(toks) > 1 and isinstance(toks[-1], A.StatementBlockAst) else None
    return A.TryStatementAst(body, catches, fin, extent=ext)


def catch_clause(toks, ext):
    return A.CatchClauseAst(tuple(toks[:-1]), toks[-1], extent=ext)


def function_definition(toks, ext):
    kw, name = toks[0], toks[1]
    params = tuple(t for t in toks[2:-1] if isinstance(t, A.ParameterAst))
    return A.FunctionDefinitionAst(kw.kind == "filter", name, params, toks[-1], extent=ext)
