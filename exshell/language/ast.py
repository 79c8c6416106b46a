"""PowerShell syntax tree nodes: frozen values named after System.Management.Automation.Language.

The parser builds these; the evaluator visits them (one ``visit_<NodeName>`` per class).
Sequences are tuples; every node carries an optional source ``extent`` (1-based).
"""

from __future__ import annotations

from typing import Any

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


class Ast:
    """Base of every node: a frozen value. Its fields are the annotated names of its class and
    bases, in order (``_fields``); ``extent`` is keyword-only and takes no part in equality.

    Plain classes rather than attrs: building ~60 node classes with attrs cost a one-shot
    command about 25 ms of import time."""

    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}

    def __init__(self, *args: Any, extent: Extent | None = None, **kwargs: Any):
        names = self._fields
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} fields, got {len(args)}")
        values = self.__dict__
        for name, value in zip(names, args):
            values[name] = value
        for name in names[len(args):]:
            if name in kwargs:
                values[name] = kwargs.pop(name)
            elif name in self._defaults:
                values[name] = self._defaults[name]
            else:
                raise TypeError(f"{type(self).__name__} missing field {name!r}")
        if kwargs:
            raise TypeError(f"{type(self).__name__} has no field {next(iter(kwargs))!r}")
        values["extent"] = extent

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: Any) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        mine, theirs = self.__dict__, other.__dict__
        return all(mine[n] == theirs[n] for n in self._fields)

    def __hash__(self) -> int:
        return hash((type(self), *(self.__dict__[n] for n in self._fields)))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={self.__dict__[n]!r}" for n in self._fields)
        return f"{type(self).__name__}({inner})"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = [n for n in cls.__dict__.get("__annotations__", {}) if not n.startswith("_")]
        cls._fields = cls._fields + tuple(n for n in own if n not in cls._fields)
        defaults = dict(cls._defaults)
        for name in own:
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
                delattr(cls, name)
        cls._defaults = defaults


def evolve(node: Ast, **changes: Any) -> Ast:
    """A copy of ``node`` with some fields (or its extent) changed."""
    extent = changes.pop("extent", node.extent)
    values = {n: node.__dict__[n] for n in node._fields}
    values.update(changes)
    return type(node)(**values, extent=extent)


def fields(cls: type[Ast]) -> tuple[str, ...]:
    """A node class's field names, in order (``extent`` not included)."""
    return cls._fields


# ----------------------------------------------------------------------------- script blocks

class ScriptBlockAst(Ast):
    param_block: ParamBlockAst | None
    begin_block: NamedBlockAst | None
    process_block: NamedBlockAst | None
    end_block: NamedBlockAst | None
    dynamicparam_block: NamedBlockAst | None = None


class NamedBlockAst(Ast):
    block_kind: str  # 'begin' | 'process' | 'end' | 'dynamicparam'
    statements: tuple
    traps: tuple
    unnamed: bool


class ParamBlockAst(Ast):
    attributes: tuple
    parameters: tuple


class ParameterAst(Ast):
    name: VariableExpressionAst
    attributes: tuple  # AttributeAst | TypeConstraintAst
    default_value: Any


class AttributeAst(Ast):
    type_name: str
    positional_arguments: tuple
    named_arguments: tuple


class NamedAttributeArgumentAst(Ast):
    argument_name: str
    argument: Any
    expression_omitted: bool


class TypeConstraintAst(Ast):
    type_name: str


class StatementBlockAst(Ast):
    statements: tuple
    traps: tuple = ()


# ----------------------------------------------------------------------------- pipelines

class PipelineAst(Ast):
    pipeline_elements: tuple


class CommandAst(Ast):
    command_elements: tuple
    invocation_operator: str | None
    redirections: tuple


class CommandParameterAst(Ast):
    parameter_name: str
    argument: Any


class CommandExpressionAst(Ast):
    expression: Any
    redirections: tuple


class FileRedirectionAst(Ast):
    from_stream: str
    location: Any
    append: bool


class MergingRedirectionAst(Ast):
    from_stream: str
    to_stream: str


class AssignmentStatementAst(Ast):
    left: Any
    operator: str
    right: Any


# ----------------------------------------------------------------------------- statements

class IfStatementAst(Ast):
    clauses: tuple  # ((pipeline, StatementBlockAst), ...)
    else_clause: StatementBlockAst | None


class WhileStatementAst(Ast):
    label: str | None
    condition: Any
    body: StatementBlockAst


class DoWhileStatementAst(Ast):
    label: str | None
    condition: Any
    body: StatementBlockAst


class DoUntilStatementAst(Ast):
    label: str | None
    condition: Any
    body: StatementBlockAst


class ForStatementAst(Ast):
    label: str | None
    initializer: Any
    condition: Any
    iterator: Any
    body: StatementBlockAst


class ForEachStatementAst(Ast):
    label: str | None
    variable: VariableExpressionAst
    condition: Any
    body: StatementBlockAst


class SwitchStatementAst(Ast):
    label: str | None
    condition: Any
    flags: frozenset
    clauses: tuple  # ((ExpressionAst, StatementBlockAst), ...)
    default: StatementBlockAst | None


class TryStatementAst(Ast):
    body: StatementBlockAst
    catch_clauses: tuple
    finally_block: StatementBlockAst | None


class CatchClauseAst(Ast):
    catch_types: tuple
    body: StatementBlockAst


class TrapStatementAst(Ast):
    trap_type: TypeConstraintAst | None
    body: StatementBlockAst


class BreakStatementAst(Ast):
    label: Any


class ContinueStatementAst(Ast):
    label: Any


class ReturnStatementAst(Ast):
    pipeline: Any


class ExitStatementAst(Ast):
    pipeline: Any


class ThrowStatementAst(Ast):
    pipeline: Any


class FunctionDefinitionAst(Ast):
    is_filter: bool
    name: str
    parameters: tuple
    body: ScriptBlockAst


# ----------------------------------------------------------------------------- expressions

class ConstantExpressionAst(Ast):
    value: Any


class StringConstantExpressionAst(Ast):
    value: str
    string_constant_type: str  # BareWord | SingleQuoted | DoubleQuoted | *HereString


class ExpandableStringExpressionAst(Ast):
    value: str
    string_constant_type: str
    parts: tuple  # str | ExpressionAst, in order


class VariableExpressionAst(Ast):
    variable_path: str
    splatted: bool = False


class TypeExpressionAst(Ast):
    type_name: str


class ConvertExpressionAst(Ast):
    type_name: str
    child: Any


class AttributedExpressionAst(Ast):
    """``[ValidateRange(1, 5)]$x``: an attribute applied to an expression (a variable to assign)."""

    attribute: AttributeAst
    child: Any


class MemberExpressionAst(Ast):
    expression: Any
    member: Any
    static: bool


class InvokeMemberExpressionAst(Ast):
    expression: Any
    member: Any
    arguments: tuple
    static: bool


class IndexExpressionAst(Ast):
    target: Any
    index: Any


class UnaryExpressionAst(Ast):
    operator: str
    child: Any


class BinaryExpressionAst(Ast):
    left: Any
    operator: str
    right: Any


class ArrayLiteralAst(Ast):
    elements: tuple


class ArrayExpressionAst(Ast):
    sub_expression: StatementBlockAst


class SubExpressionAst(Ast):
    sub_expression: StatementBlockAst


class ParenExpressionAst(Ast):
    pipeline: Any


class HashtableAst(Ast):
    key_value_pairs: tuple  # ((key ExpressionAst, value statement), ...)


class ScriptBlockExpressionAst(Ast):
    script_block: ScriptBlockAst


# ----------------------------------------------------------------------------- type definitions

class TypeDefinitionAst(Ast):
    """``class`` or ``enum`` (``type_attributes``: 'Class' | 'Enum'); members in source order."""

    name: str
    base_types: tuple  # TypeConstraintAst
    members: tuple  # PropertyMemberAst | FunctionMemberAst
    type_attributes: str
    attributes: tuple = ()  # AttributeAst written before the keyword


class PropertyMemberAst(Ast):
    """A class property or an enum member (``initial_value`` None when not given)."""

    name: str
    property_type: TypeConstraintAst | None
    attributes: tuple  # AttributeAst
    property_attributes: frozenset  # {'static', 'hidden'}
    initial_value: Any


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


class DataStatementAst(Ast):
    """``data [name] [-SupportedCommand cmd, ...] { ... }`` (a PowerShell 2.0 data section)."""

    variable: str | None
    command_allowed: tuple  # ExpressionAst
    body: StatementBlockAst


class UsingStatementAst(Ast):
    """``using namespace|module|assembly <name>``."""

    using_statement_kind: str  # 'Namespace' | 'Module' | 'Assembly'
    name: str
