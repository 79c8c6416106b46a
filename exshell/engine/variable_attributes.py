"""Constrained variables: `[int]$n = 1`, `[ValidateRange(1,5)][int]$x = 3`.

A type constraint or validation attribute written on an assignment stays with the variable in
that scope: every later assignment there is converted and validated again, and a value the
attributes refuse is PowerShell's ValidationMetadataException (the variable keeps its old value).
"""

from __future__ import annotations

from typing import Any

import attrs

from exshell.engine import conversion as conv
from exshell.engine.errors import PSRuntimeError
from exshell.language import ast as A


@attrs.frozen
class Constraint:
    """What a variable was declared with."""

    type_name: str | None = None
    validators: tuple = ()            # (attribute name lower, evaluated arguments)


def declaration(left: Any) -> tuple[A.VariableExpressionAst, list[str], list[A.AttributeAst]] | None:
    """The variable, type names (outermost first) and attributes of an attributed assignment
    target, or None when the target is something else."""
    types: list[str] = []
    attributes: list[A.AttributeAst] = []
    node = left
    while True:
        if isinstance(node, A.AttributedExpressionAst):
            attributes.append(node.attribute)
            node = node.child
        elif isinstance(node, A.ConvertExpressionAst):
            types.append(node.type_name)
            node = node.child
        else:
            break
    if not isinstance(node, A.VariableExpressionAst):
        return None
    return node, types, attributes


def build(ev: Any, types: list[str], attributes: list[A.AttributeAst]) -> Constraint:
    validators = []
    for at in attributes:
        args = tuple(ev.evaluate(a) for a in at.positional_arguments)
        validators.append((at.type_name.lower().removesuffix("attribute"), args))
    return Constraint(types[-1] if types else None, tuple(validators))


def apply(ev: Any, name: str, constraint: Constraint, value: Any) -> Any:
    """The value converted to the variable's type and checked by its validation attributes."""
    if constraint.type_name is not None and (value is not None or _is_value_type(constraint.type_name)):
        try:
            value = ev.convert(value, constraint.type_name)
        except PSRuntimeError as err:        # the variable's type attribute did the converting
            raise PSRuntimeError(err.message, error_id="RuntimeException", category="MetadataError",
                                 exception_type="System.Management.Automation.ArgumentTransformationMetadataException"
                                 ) from None
    allow_null = any(v[0] == "allownull" for v in constraint.validators)
    for kind, args in constraint.validators:
        if not _valid(ev, kind, args, value, allow_null):
            shown = "$null" if value is None else conv.to_string(value)
            raise PSRuntimeError(
                f"The variable cannot be validated because the value {shown} is not a valid value for the "
                f"{name} variable.", error_id="ValidateSetFailure", category="MetadataError",
                exception_type="System.Management.Automation.ValidationMetadataException")
    return value


_VALUE_TYPES = {"int", "int32", "int64", "long", "int16", "short", "byte", "sbyte", "uint16", "uint32", "uint64",
                "double", "float", "single", "decimal", "bool", "boolean", "char", "datetime", "timespan", "guid",
                "string"}


def _is_value_type(type_name: str) -> bool:
    """A type $null cannot be: assigning $null converts (to 0, $false, '') or fails."""
    low = type_name.lower().removeprefix("system.")
    return low in _VALUE_TYPES


def _valid(ev: Any, kind: str, args: tuple, value: Any, allow_null: bool) -> bool:
    from exshell.engine.operators import compare, dotnet_regex
    values = value if isinstance(value, list) else [value]
    if kind == "validatenotnull":
        return value is not None
    if kind == "validatenotnullorempty":
        return value is not None and value != "" and value != []
    if value is None and kind != "validatescript":
        return allow_null or kind in ("validatecount",)
    try:
        if kind == "validaterange" and len(args) == 2:
            return all(compare(v, args[0]) >= 0 and compare(v, args[1]) <= 0 for v in values)
        if kind == "validateset":
            allowed = {conv.to_string(a).lower() for a in args}
            return all(conv.to_string(v).lower() in allowed for v in values)
        if kind == "validatepattern" and args:
            pattern = dotnet_regex(conv.to_string(args[0]))
            return all(pattern.search(conv.to_string(v)) for v in values)
        if kind == "validatelength" and len(args) == 2:
            return all(conv.to_int(args[0]) <= len(conv.to_string(v)) <= conv.to_int(args[1]) for v in values)
        if kind == "validatecount" and len(args) == 2:
            return conv.to_int(args[0]) <= len(conv.to_array(value)) <= conv.to_int(args[1])
        if kind == "validatescript" and args:
            return all(conv.to_bool(ev.invoke_scriptblock(args[0], dollar_under=v)) for v in values)
    except PSRuntimeError:
        return False
    return True
