"""Syntax trees as short text, so a table of snippets can pin whole trees node by node.

``shape(node)`` writes every node with its key fields: ``$x`` a variable, ``@x`` a splat,
``bw'x'`` / ``sq'x'`` / ``dq'x'`` / ``hsq'x'`` / ``hdq'x'`` string constants by kind,
``x<kind>(parts)`` expandable strings, ``(a op b)`` binary and ``(op a)`` unary operators,
``Cmd(...)`` commands, ``Pipe(a | b)`` pipelines of more than one element, and one named form
per statement.  A script of one unnamed block is its statements joined by ``; ``.
"""

from __future__ import annotations

import pytest

from exshell.language import ast as A

_KINDS = {"BareWord": "bw", "SingleQuoted": "sq", "DoubleQuoted": "dq",
          "SingleQuotedHereString": "hsq", "DoubleQuotedHereString": "hdq"}


def _seq(items, sep=", ") -> str:
    return sep.join(shape(x) for x in items)


def _opt(x) -> str:
    return "" if x is None else shape(x)


def _block(b) -> str:
    if b is None:
        return "-"
    return "{" + _seq(tuple(b.statements) + tuple(getattr(b, "traps", ())), "; ") + "}"


def _script(sb: A.ScriptBlockAst) -> str:
    end = sb.end_block
    if (sb.param_block is None and sb.begin_block is None and sb.process_block is None
            and sb.dynamicparam_block is None and (end is None or end.unnamed)):
        return _block(end)[1:-1] if end is not None else ""
    parts = []
    if sb.param_block is not None:
        parts.append(shape(sb.param_block))
    for kind in ("dynamicparam", "begin", "process", "end"):
        b = getattr(sb, f"{kind}_block")
        if b is not None:
            parts.append(f"{kind}{'~' if b.unnamed else ''}{_block(b)}")
    return " ".join(parts)


def _redirs(redirections) -> str:
    return "".join(" " + shape(r) for r in redirections)


def _label(n) -> str:
    return f":{n.label} " if n.label else ""


def _unary(n) -> str:
    if n.operator.startswith("post"):
        return f"({shape(n.child)} {n.operator})"
    return f"({n.operator} {shape(n.child)})"


def _member(n) -> str:
    return f"{shape(n.expression)}{'::' if n.static else '.'}{shape(n.member)}"


def _if(n) -> str:
    clauses = [f"{shape(c)} => {_block(b)}" for c, b in n.clauses]
    if n.else_clause is not None:
        clauses.append(f"else => {_block(n.else_clause)}")
    return f"If({'; '.join(clauses)})"


def _switch(n) -> str:
    flags = "".join(f" -{f}" for f in sorted(n.flags))
    clauses = [f"{shape(c)} => {_block(b)}" for c, b in n.clauses]
    if n.default is not None:
        clauses.append(f"default => {_block(n.default)}")
    return f"{_label(n)}Switch{flags}({shape(n.condition)}) {{{'; '.join(clauses)}}}"


def _flow(word: str, value) -> str:
    return word if value is None else f"{word}({shape(value)})"


def _modifiers(flags) -> str:
    return "".join(f"{m} " for m in sorted(flags))


def _attributes(attributes) -> str:
    return "".join(shape(a) for a in attributes)


def _function_member(n) -> str:
    kind = "ctor " if n.is_constructor else ""
    base = f" : base({_seq(n.base_arguments)})" if n.base_arguments else ""
    return (f"{kind}{_modifiers(n.method_attributes)}{_attributes(n.attributes)}"
            f"{_opt(n.return_type)}{n.name}({_seq(n.parameters)}){base} {{{shape(n.body)}}}")


_FORMS = {
    A.ScriptBlockAst: _script,
    A.PipelineAst: lambda n: (shape(n.pipeline_elements[0]) if len(n.pipeline_elements) == 1
                              else "Pipe(" + _seq(n.pipeline_elements, " | ") + ")"),
    A.CommandExpressionAst: lambda n: shape(n.expression) + _redirs(n.redirections),
    A.CommandAst: lambda n: (f"Cmd{n.invocation_operator or ''}(" + _seq(n.command_elements)
                             + ")" + _redirs(n.redirections)),
    A.CommandParameterAst: lambda n: f"-{n.parameter_name}" + (
        "" if n.argument is None else ":" + shape(n.argument)),
    A.FileRedirectionAst: lambda n: f"{n.from_stream}{'>>' if n.append else '>'}"
                                    f"{shape(n.location)}",
    A.MergingRedirectionAst: lambda n: f"{n.from_stream}>&{n.to_stream}",
    A.AssignmentStatementAst: lambda n: f"Assign({shape(n.left)} {n.operator} {shape(n.right)})",
    A.ConstantExpressionAst: lambda n: repr(n.value),
    A.StringConstantExpressionAst: lambda n: _KINDS[n.string_constant_type] + repr(n.value),
    A.ExpandableStringExpressionAst: lambda n: (
        "x" + _KINDS[n.string_constant_type] + "(" + _seq(n.parts) + ")"),
    A.VariableExpressionAst: lambda n: ("@" if n.splatted else "$") + n.variable_path,
    A.TypeExpressionAst: lambda n: f"[{n.type_name}]",
    A.ConvertExpressionAst: lambda n: f"[{n.type_name}]({shape(n.child)})",
    A.AttributedExpressionAst: lambda n: f"{shape(n.attribute)}({shape(n.child)})",
    A.MemberExpressionAst: _member,
    A.InvokeMemberExpressionAst: lambda n: f"{_member(n)}({_seq(n.arguments)})",
    A.IndexExpressionAst: lambda n: f"{shape(n.target)}[{shape(n.index)}]",
    A.UnaryExpressionAst: _unary,
    A.BinaryExpressionAst: lambda n: f"({shape(n.left)} {n.operator} {shape(n.right)})",
    A.ArrayLiteralAst: lambda n: "Arr(" + _seq(n.elements) + ")",
    A.ArrayExpressionAst: lambda n: "@(" + _block(n.sub_expression)[1:-1] + ")",
    A.SubExpressionAst: lambda n: "$(" + _block(n.sub_expression)[1:-1] + ")",
    A.ParenExpressionAst: lambda n: "Paren(" + shape(n.pipeline) + ")",
    A.HashtableAst: lambda n: "@{" + "; ".join(
        f"{shape(k)}={shape(v)}" for k, v in n.key_value_pairs) + "}",
    A.ScriptBlockExpressionAst: lambda n: "{" + shape(n.script_block) + "}",
    A.StatementBlockAst: _block,
    A.NamedBlockAst: lambda n: n.block_kind + _block(n),
    A.ParamBlockAst: lambda n: "Param(" + _seq(n.attributes + n.parameters) + ")",
    A.ParameterAst: lambda n: _attributes(n.attributes) + shape(n.name) + (
        "" if n.default_value is None else " = " + shape(n.default_value)),
    A.AttributeAst: lambda n: f"[{n.type_name}("
                              f"{_seq(n.positional_arguments + n.named_arguments)})]",
    A.NamedAttributeArgumentAst: lambda n: (
        n.argument_name if n.expression_omitted else f"{n.argument_name}={shape(n.argument)}"),
    A.TypeConstraintAst: lambda n: f"[{n.type_name}]",
    A.IfStatementAst: _if,
    A.WhileStatementAst: lambda n: f"{_label(n)}While({shape(n.condition)}) {_block(n.body)}",
    A.DoWhileStatementAst: lambda n: f"{_label(n)}Do{_block(n.body)} While({shape(n.condition)})",
    A.DoUntilStatementAst: lambda n: f"{_label(n)}Do{_block(n.body)} Until({shape(n.condition)})",
    A.ForStatementAst: lambda n: (f"{_label(n)}For({shape(n.initializer)}; {shape(n.condition)}; "
                                  f"{shape(n.iterator)}) {_block(n.body)}"),
    A.ForEachStatementAst: lambda n: (f"{_label(n)}Foreach({shape(n.variable)} in "
                                      f"{shape(n.condition)}) {_block(n.body)}"),
    A.SwitchStatementAst: _switch,
    A.TryStatementAst: lambda n: (
        f"Try{_block(n.body)}" + "".join(" " + shape(c) for c in n.catch_clauses)
        + ("" if n.finally_block is None else " finally" + _block(n.finally_block))),
    A.CatchClauseAst: lambda n: "catch" + _attributes(n.catch_types) + _block(n.body),
    A.TrapStatementAst: lambda n: "Trap" + _opt(n.trap_type) + _block(n.body),
    A.BreakStatementAst: lambda n: _flow("Break", n.label),
    A.ContinueStatementAst: lambda n: _flow("Continue", n.label),
    A.ReturnStatementAst: lambda n: _flow("Return", n.pipeline),
    A.ExitStatementAst: lambda n: _flow("Exit", n.pipeline),
    A.ThrowStatementAst: lambda n: _flow("Throw", n.pipeline),
    A.FunctionDefinitionAst: lambda n: (
        f"{'Filter' if n.is_filter else 'Function'} {n.name}"
        f"{f'({_seq(n.parameters)})' if n.parameters else ''} {{{shape(n.body)}}}"),
    A.TypeDefinitionAst: lambda n: (
        f"{_attributes(n.attributes)}{n.type_attributes} {n.name}"
        f"{f' : {_seq(n.base_types)}' if n.base_types else ''} {{{_seq(n.members, '; ')}}}"),
    A.PropertyMemberAst: lambda n: (
        f"{_modifiers(n.property_attributes)}{_attributes(n.attributes)}"
        f"{_opt(n.property_type)}${n.name}"
        f"{'' if n.initial_value is None else ' = ' + shape(n.initial_value)}"),
    A.FunctionMemberAst: _function_member,
    A.UsingStatementAst: lambda n: f"Using {n.using_statement_kind} {n.name}",
    A.DataStatementAst: lambda n: (
        f"Data {n.variable or '-'}"
        + (f" -SupportedCommand {_seq(n.command_allowed)}" if n.command_allowed else "")
        + f" {_block(n.body)}"),
}


def shape(n) -> str:
    """Short text of a node (or of a str / None / tuple found in node fields)."""
    if n is None:
        return "-"
    if isinstance(n, str):
        return repr(n)
    if isinstance(n, tuple):
        return "(" + _seq(n) + ")"
    return _FORMS[type(n)](n)


@pytest.fixture(name="shape")
def shape_fixture():
    return shape
