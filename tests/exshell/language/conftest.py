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
    body = _seq(b.statements, "; ")
    if getattr(b, "traps", ()):
        body += " trap " + _seq(b.traps, "; ")
    return "{" + body + "}"


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


def shape(n) -> str:  # noqa: C901 - one branch per node type, on purpose
    """Short text of a node (or of a str / None / tuple found in node fields)."""
    if n is None:
        return "-"
    if isinstance(n, str):
        return repr(n)
    if isinstance(n, tuple):
        return "(" + _seq(n) + ")"
    t = type(n).__name__
    if isinstance(n, A.ScriptBlockAst):
        return _script(n)
    if isinstance(n, A.PipelineAst):
        if len(n.pipeline_elements) == 1:
            return shape(n.pipeline_elements[0])
        return "Pipe(" + _seq(n.pipeline_elements, " | ") + ")"
    if isinstance(n, A.CommandExpressionAst):
        return shape(n.expression) + _redirs(n.redirections)
    if isinstance(n, A.CommandAst):
        op = n.invocation_operator or ""
        return f"Cmd{op}(" + _seq(n.command_elements) + ")" + _redirs(n.redirections)
    if isinstance(n, A.CommandParameterAst):
        return f"-{n.parameter_name}" + ("" if n.argument is None else ":" + shape(n.argument))
    if isinstance(n, A.FileRedirectionAst):
        return f"{n.from_stream}{'>>' if n.append else '>'}{shape(n.location)}"
    if isinstance(n, A.MergingRedirectionAst):
        return f"{n.from_stream}>&{n.to_stream}"
    if isinstance(n, A.AssignmentStatementAst):
        return f"Assign({shape(n.left)} {n.operator} {shape(n.right)})"
    if isinstance(n, A.ConstantExpressionAst):
        return repr(n.value)
    if isinstance(n, A.StringConstantExpressionAst):
        return _KINDS[n.string_constant_type] + repr(n.value)
    if isinstance(n, A.ExpandableStringExpressionAst):
        return "x" + _KINDS[n.string_constant_type] + "(" + _seq(n.parts) + ")"
    if isinstance(n, A.VariableExpressionAst):
        return ("@" if n.splatted else "$") + n.variable_path
    if isinstance(n, A.TypeExpressionAst):
        return f"[{n.type_name}]"
    if isinstance(n, A.ConvertExpressionAst):
        return f"[{n.type_name}]({shape(n.child)})"
    if isinstance(n, A.MemberExpressionAst):
        return f"{shape(n.expression)}{'::' if n.static else '.'}{shape(n.member)}"
    if isinstance(n, A.InvokeMemberExpressionAst):
        return (f"{shape(n.expression)}{'::' if n.static else '.'}{shape(n.member)}"
                f"({_seq(n.arguments)})")
    if isinstance(n, A.IndexExpressionAst):
        return f"{shape(n.target)}[{shape(n.index)}]"
    if isinstance(n, A.UnaryExpressionAst):
        if n.operator.startswith("post"):
            return f"({shape(n.child)} {n.operator})"
        return f"({n.operator} {shape(n.child)})"
    if isinstance(n, A.BinaryExpressionAst):
        return f"({shape(n.left)} {n.operator} {shape(n.right)})"
    if isinstance(n, A.ArrayLiteralAst):
        return "Arr(" + _seq(n.elements) + ")"
    if isinstance(n, A.ArrayExpressionAst):
        return "@(" + _block(n.sub_expression)[1:-1] + ")"
    if isinstance(n, A.SubExpressionAst):
        return "$(" + _block(n.sub_expression)[1:-1] + ")"
    if isinstance(n, A.ParenExpressionAst):
        return "Paren(" + shape(n.pipeline) + ")"
    if isinstance(n, A.HashtableAst):
        return "@{" + "; ".join(f"{shape(k)}={shape(v)}" for k, v in n.key_value_pairs) + "}"
    if isinstance(n, A.ScriptBlockExpressionAst):
        return "{" + shape(n.script_block) + "}"
    if isinstance(n, A.StatementBlockAst):
        return _block(n)
    if isinstance(n, A.NamedBlockAst):
        return n.block_kind + _block(n)
    if isinstance(n, A.ParamBlockAst):
        return "Param(" + "".join(shape(a) + " " for a in n.attributes) + _seq(n.parameters) + ")"
    if isinstance(n, A.ParameterAst):
        attrs = "".join(shape(a) for a in n.attributes)
        default = "" if n.default_value is None else " = " + shape(n.default_value)
        return attrs + shape(n.name) + default
    if isinstance(n, A.AttributeAst):
        args = [shape(a) for a in n.positional_arguments] + [shape(a) for a in n.named_arguments]
        return f"[{n.type_name}({', '.join(args)})]"
    if isinstance(n, A.NamedAttributeArgumentAst):
        return n.argument_name if n.expression_omitted else f"{n.argument_name}={shape(n.argument)}"
    if isinstance(n, A.TypeConstraintAst):
        return f"[{n.type_name}]"
    if isinstance(n, A.IfStatementAst):
        clauses = "; ".join(f"{shape(c)} => {_block(b)}" for c, b in n.clauses)
        tail = "" if n.else_clause is None else f"; else => {_block(n.else_clause)}"
        return f"If({clauses}{tail})"
    label = f":{n.label} " if getattr(n, "label", None) and not isinstance(
        n, (A.BreakStatementAst, A.ContinueStatementAst)) else ""
    if isinstance(n, A.WhileStatementAst):
        return f"{label}While({shape(n.condition)}) {_block(n.body)}"
    if isinstance(n, (A.DoWhileStatementAst, A.DoUntilStatementAst)):
        word = "While" if isinstance(n, A.DoWhileStatementAst) else "Until"
        return f"{label}Do{_block(n.body)} {word}({shape(n.condition)})"
    if isinstance(n, A.ForStatementAst):
        return (f"{label}For({shape(n.initializer)}; {shape(n.condition)}; "
                f"{shape(n.iterator)}) {_block(n.body)}")
    if isinstance(n, A.ForEachStatementAst):
        return f"{label}Foreach({shape(n.variable)} in {shape(n.condition)}) {_block(n.body)}"
    if isinstance(n, A.SwitchStatementAst):
        flags = "".join(f" -{f}" for f in sorted(n.flags))
        clauses = "; ".join(f"{shape(c)} => {_block(b)}" for c, b in n.clauses)
        default = "" if n.default is None else f"; default => {_block(n.default)}"
        return f"{label}Switch{flags}({shape(n.condition)}) {{{clauses}{default}}}"
    if isinstance(n, A.TryStatementAst):
        catches = "".join(" " + shape(c) for c in n.catch_clauses)
        fin = "" if n.finally_block is None else " finally" + _block(n.finally_block)
        return f"Try{_block(n.body)}{catches}{fin}"
    if isinstance(n, A.CatchClauseAst):
        return "catch" + "".join(shape(c) for c in n.catch_types) + _block(n.body)
    if isinstance(n, A.TrapStatementAst):
        return "Trap" + shape(n.trap_type) + _block(n.body)
    if isinstance(n, (A.BreakStatementAst, A.ContinueStatementAst, A.ReturnStatementAst,
                      A.ExitStatementAst, A.ThrowStatementAst)):
        word = t[:-len("StatementAst")]
        value = n.label if isinstance(n, (A.BreakStatementAst, A.ContinueStatementAst)) \
            else n.pipeline
        return word if value is None else f"{word}({shape(value)})"
    if isinstance(n, A.FunctionDefinitionAst):
        kind = "Filter" if n.is_filter else "Function"
        params = f"({_seq(n.parameters)})" if n.parameters else ""
        return f"{kind} {n.name}{params} {{{shape(n.body)}}}"
    if isinstance(n, A.TypeDefinitionAst):
        head = "".join(shape(a) for a in n.attributes) + f"{n.type_attributes} {n.name}"
        bases = f" : {_seq(n.base_types)}" if n.base_types else ""
        return f"{head}{bases} {{{_seq(n.members, '; ')}}}"
    if isinstance(n, A.PropertyMemberAst):
        mods = "".join(f"{m} " for m in sorted(n.property_attributes))
        value = "" if n.initial_value is None else " = " + shape(n.initial_value)
        return f"{mods}{''.join(shape(a) for a in n.attributes)}{_opt(n.property_type)}${n.name}{value}"
    if isinstance(n, A.FunctionMemberAst):
        mods = "".join(f"{m} " for m in sorted(n.method_attributes))
        kind = "ctor " if n.is_constructor else ""
        base = f" : base({_seq(n.base_arguments)})" if n.base_arguments else ""
        return (f"{kind}{mods}{''.join(shape(a) for a in n.attributes)}{_opt(n.return_type)}"
                f"{n.name}({_seq(n.parameters)}){base} {{{shape(n.body)}}}")
    if isinstance(n, A.UsingStatementAst):
        return f"Using {n.using_statement_kind} {n.name}"
    fields = ", ".join(f"{f.name}={shape(getattr(n, f.name))}" for f in n.__attrs_attrs__
                       if f.name != "extent")
    return f"{t[:-3] if t.endswith('Ast') else t}({fields})"


@pytest.fixture(name="shape")
def shape_fixture():
    return shape
