"""PowerShell syntax tree nodes: frozen values named after System.Management.Automation.Language.

The parser builds these; the evaluator visits them (one ``visit_<NodeName>`` per class).
Sequences are tuples; every node carries an optional source ``extent`` (1-based).
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = [
    "Extent", "Ast",
    "ScriptBlockAst", "NamedBlockAst", "ParamBlockAst", "ParameterAst", "AttributeAst",
    "NamedAttributeArgumentAst", "TypeConstraintAst", "StatementBlockAst",
    "PipelineAst", "CommandAst", "CommandParameterAst", "CommandExpressionAst",
    "FileRedirectionAst", "MergingRedirectionAst", "AssignmentStatementAst",
    "IfStatementAst", "WhileStatementAst", "DoWhileStatementAst", "DoUntilStatementAst",
    "ForStatementAst", "ForEachStatementAst", "SwitchStatementAst", "TryStatementAst",
    "CatchClauseAst", "TrapStatementAst", "BreakStatementAst", "ContinueStatementAst",
    "ReturnStatementAst", "ExitStatementAst", "ThrowStatementAst", "FunctionDefinitionAst",
    "ConstantExpressionAst", "StringConstantExpressionAst", "ExpandableStringExpressionAst",
    "VariableExpressionAst", "TypeExpressionAst", "ConvertExpressionAst",
    "AttributedExpressionAst", "MemberExpressionAst",
    "InvokeMemberExpressionAst", "IndexExpressionAst", "UnaryExpressionAst",
    "BinaryExpressionAst", "ArrayLiteralAst", "ArrayExpressionAst", "SubExpressionAst",
    "ParenExpressionAst", "HashtableAst", "ScriptBlockExpressionAst",
    "TypeDefinitionAst", "PropertyMemberAst", "FunctionMemberAst", "UsingStatementAst",
    "DataStatementAst",
]


class Extent:
    """Where a node came from: 1-based start/end line and column, and the source text.

    The parser makes extents with ``Extent.of(source, start, end, lines)`` (offsets and the
    source's line index); lines, columns and text are worked out when first read, so a parse
    does not pay for positions nobody asks about.
    """

    __slots__ = ("_source", "_start", "_end", "_lines", "_position", "_skip")

    def __init__(self, start_line: int, start_column: int, end_line: int, end_column: int,
                 text: str):
        self._source, self._start, self._end, self._lines = text, 0, len(text), None
        self._position, self._skip = (start_line, start_column, end_line, end_column), None

    @classmethod
    def of(cls, source: str, start: int, end: int, lines, skip=None) -> "Extent":
        """From offsets into ``source``; ``lines.line_col(offset)`` gives 1-based positions;
        ``skip`` (a compiled pattern) is what to pass over from ``start`` to the first token."""
        e = cls.__new__(cls)
        e._source, e._start, e._end, e._lines, e._position = source, start, end, lines, None
        e._skip = skip
        return e

    def _begin(self) -> int:
        if self._skip is not None:
            self._start, self._skip = self._skip.match(self._source, self._start).end(), None
        return self._start

    def _positions(self) -> tuple[int, int, int, int]:
        if self._position is None:
            self._begin()
            self._position = self._lines.line_col(self._start) + self._lines.line_col(self._end)
        return self._position

    start_line = property(lambda self: self._positions()[0])
    start_column = property(lambda self: self._positions()[1])
    end_line = property(lambda self: self._positions()[2])
    end_column = property(lambda self: self._positions()[3])

    @property
    def text(self) -> str:
        return self._source[self._begin():self._end]

    def _key(self) -> tuple:
        return (*self._positions(), self.text)

    def __eq__(self, other) -> bool:
        return isinstance(other, Extent) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        l1, c1, l2, c2 = self._positions()
        return (f"Extent(start_line={l1}, start_column={c1}, end_line={l2}, end_column={c2}, "
                f"text={self.text!r})")


@attrs.frozen
class Ast:
    """Base of every node."""

    extent: Extent | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)


# ----------------------------------------------------------------------------- script blocks

@attrs.frozen
class ScriptBlockAst(Ast):
    param_block: ParamBlockAst | None
    begin_block: NamedBlockAst | None
    process_block: NamedBlockAst | None
    end_block: NamedBlockAst | None
    dynamicparam_block: NamedBlockAst | None = None


@attrs.frozen
class NamedBlockAst(Ast):
    block_kind: str  # 'begin' | 'process' | 'end' | 'dynamicparam'
    statements: tuple
    traps: tuple
    unnamed: bool


@attrs.frozen
class ParamBlockAst(Ast):
    attributes: tuple
    parameters: tuple


@attrs.frozen
class ParameterAst(Ast):
    name: VariableExpressionAst
    attributes: tuple  # AttributeAst | TypeConstraintAst
    default_value: Any


@attrs.frozen
class AttributeAst(Ast):
    type_name: str
    positional_arguments: tuple
    named_arguments: tuple


@attrs.frozen
class NamedAttributeArgumentAst(Ast):
    argument_name: str
    argument: Any
    expression_omitted: bool


@attrs.frozen
class TypeConstraintAst(Ast):
    type_name: str


@attrs.frozen
class StatementBlockAst(Ast):
    statements: tuple
    traps: tuple = ()


# ----------------------------------------------------------------------------- pipelines

@attrs.frozen
class PipelineAst(Ast):
    pipeline_elements: tuple


@attrs.frozen
class CommandAst(Ast):
    command_elements: tuple
    invocation_operator: str | None
    redirections: tuple


@attrs.frozen
class CommandParameterAst(Ast):
    parameter_name: str
    argument: Any


@attrs.frozen
class CommandExpressionAst(Ast):
    expression: Any
    redirections: tuple


@attrs.frozen
class FileRedirectionAst(Ast):
    from_stream: str
    location: Any
    append: bool


@attrs.frozen
class MergingRedirectionAst(Ast):
    from_stream: str
    to_stream: str


@attrs.frozen
class AssignmentStatementAst(Ast):
    left: Any
    operator: str
    right: Any


# ----------------------------------------------------------------------------- statements

@attrs.frozen
class IfStatementAst(Ast):
    clauses: tuple  # ((pipeline, StatementBlockAst), ...)
    else_clause: StatementBlockAst | None


@attrs.frozen
class WhileStatementAst(Ast):
    label: str | None
    condition: Any
    body: StatementBlockAst


@attrs.frozen
class DoWhileStatementAst(Ast):
    label: str | None
    condition: Any
    body: StatementBlockAst


@attrs.frozen
class DoUntilStatementAst(Ast):
    label: str | None
    condition: Any
    body: StatementBlockAst


@attrs.frozen
class ForStatementAst(Ast):
    label: str | None
    initializer: Any
    condition: Any
    iterator: Any
    body: StatementBlockAst


@attrs.frozen
class ForEachStatementAst(Ast):
    label: str | None
    variable: VariableExpressionAst
    condition: Any
    body: StatementBlockAst


@attrs.frozen
class SwitchStatementAst(Ast):
    label: str | None
    condition: Any
    flags: frozenset
    clauses: tuple  # ((ExpressionAst, StatementBlockAst), ...)
    default: StatementBlockAst | None


@attrs.frozen
class TryStatementAst(Ast):
    body: StatementBlockAst
    catch_clauses: tuple
    finally_block: StatementBlockAst | None


@attrs.frozen
class CatchClauseAst(Ast):
    catch_types: tuple
    body: StatementBlockAst


@attrs.frozen
class TrapStatementAst(Ast):
    trap_type: TypeConstraintAst | None
    body: StatementBlockAst


@attrs.frozen
class BreakStatementAst(Ast):
    label: Any


@attrs.frozen
class ContinueStatementAst(Ast):
    label: Any


@attrs.frozen
class ReturnStatementAst(Ast):
    pipeline: Any


@attrs.frozen
class ExitStatementAst(Ast):
    pipeline: Any


@attrs.frozen
class ThrowStatementAst(Ast):
    pipeline: Any


@attrs.frozen
class FunctionDefinitionAst(Ast):
    is_filter: bool
    name: str
    parameters: tuple
    body: ScriptBlockAst


# ----------------------------------------------------------------------------- expressions

@attrs.frozen
class ConstantExpressionAst(Ast):
    value: Any


@attrs.frozen
class StringConstantExpressionAst(Ast):
    value: str
    string_constant_type: str  # BareWord | SingleQuoted | DoubleQuoted | *HereString


@attrs.frozen
class ExpandableStringExpressionAst(Ast):
    value: str
    string_constant_type: str
    parts: tuple  # str | ExpressionAst, in order


@attrs.frozen
class VariableExpressionAst(Ast):
    variable_path: str
    splatted: bool = False


@attrs.frozen
class TypeExpressionAst(Ast):
    type_name: str


@attrs.frozen
class ConvertExpressionAst(Ast):
    type_name: str
    child: Any


@attrs.frozen
class AttributedExpressionAst(Ast):
    """``[ValidateRange(1, 5)]$x``: an attribute applied to an expression (a variable to assign)."""

    attribute: AttributeAst
    child: Any


@attrs.frozen
class MemberExpressionAst(Ast):
    expression: Any
    member: Any
    static: bool


@attrs.frozen
class InvokeMemberExpressionAst(Ast):
    expression: Any
    member: Any
    arguments: tuple
    static: bool


@attrs.frozen
class IndexExpressionAst(Ast):
    target: Any
    index: Any


@attrs.frozen
class UnaryExpressionAst(Ast):
    operator: str
    child: Any


@attrs.frozen
class BinaryExpressionAst(Ast):
    left: Any
    operator: str
    right: Any


@attrs.frozen
class ArrayLiteralAst(Ast):
    elements: tuple


@attrs.frozen
class ArrayExpressionAst(Ast):
    sub_expression: StatementBlockAst


@attrs.frozen
class SubExpressionAst(Ast):
    sub_expression: StatementBlockAst


@attrs.frozen
class ParenExpressionAst(Ast):
    pipeline: Any


@attrs.frozen
class HashtableAst(Ast):
    key_value_pairs: tuple  # ((key ExpressionAst, value statement), ...)


@attrs.frozen
class ScriptBlockExpressionAst(Ast):
    script_block: ScriptBlockAst


# ----------------------------------------------------------------------------- type definitions

@attrs.frozen
class TypeDefinitionAst(Ast):
    """``class`` or ``enum`` (``type_attributes``: 'Class' | 'Enum'); members in source order."""

    name: str
    base_types: tuple  # TypeConstraintAst
    members: tuple  # PropertyMemberAst | FunctionMemberAst
    type_attributes: str
    attributes: tuple = ()  # AttributeAst written before the keyword


@attrs.frozen
class PropertyMemberAst(Ast):
    """A class property or an enum member (``initial_value`` None when not given)."""

    name: str
    property_type: TypeConstraintAst | None
    attributes: tuple  # AttributeAst
    property_attributes: frozenset  # {'static', 'hidden'}
    initial_value: Any


@attrs.frozen
class FunctionMemberAst(Ast):
    """A method, or a constructor (``is_constructor``; ``base_arguments`` from ``: base(...)``)."""

    name: str
    parameters: tuple  # ParameterAst
    body: ScriptBlockAst
    return_type: TypeConstraintAst | None
    attributes: tuple  # AttributeAst
    method_attributes: frozenset  # {'static', 'hidden'}
    is_constructor: bool = False
    base_arguments: tuple = ()


@attrs.frozen
class DataStatementAst(Ast):
    """``data [name] [-SupportedCommand cmd, ...] { ... }`` (a PowerShell 2.0 data section)."""

    variable: str | None
    command_allowed: tuple  # ExpressionAst
    body: StatementBlockAst


@attrs.frozen
class UsingStatementAst(Ast):
    """``using namespace|module|assembly <name>``."""

    using_statement_kind: str  # 'Namespace' | 'Module' | 'Assembly'
    name: str
