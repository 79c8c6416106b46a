"""`data { }` sections: PowerShell 2.0's restricted language.

A data section may hold strings, numbers, arrays, hashtables, operators, `if`, the variables
$PSCulture, $PSUICulture, $true, $false and $null, and the commands ConvertFrom-StringData plus
those named with -SupportedCommand. Anything else is refused before the section runs, with the
parse error the real shell gives; what the section writes is its value (`data name { }` stores it).
"""

from __future__ import annotations

from typing import Any

from exshell.engine import conversion as conv
from exshell.engine.errors import PSRuntimeError
from exshell.language import ast as A

_VARIABLES = {"psculture", "psuiculture", "true", "false", "null"}
_FORBIDDEN = {
    "variable": ("VariableReferenceNotSupportedInDataSection",
                 "A variable that cannot be referenced in restricted language mode or a Data section is being "
                 "referenced. Variables that can be referenced include the following: $PSCulture, $PSUICulture, "
                 "$true, $false, and $null."),
    "method": ("MethodCallNotSupportedInDataSection",
               "Method calls are not allowed in restricted language mode or a Data section."),
    "script block": ("ScriptBlockNotSupportedInDataSection",
                     "Script blocks are not allowed in restricted language mode or a Data section."),
}


def run_data_section(ev: Any, node: A.DataStatementAst, emit: Any) -> None:
    allowed = {"convertfrom-stringdata"}
    for expr in node.command_allowed:
        value = ev.evaluate(expr)
        allowed.update(conv.to_string(v).lower() for v in conv.to_array(value))
    _check(node.body, allowed)
    out: list[Any] = []
    ev.run_statements(node.body.statements, out.append, node.body.traps)
    if node.variable is None:
        for item in out:
            emit(item)
        return
    ev.set_variable(node.variable, out[0] if len(out) == 1 else (out or None))


def _error(kind: str, node: Any, name: str = "") -> PSRuntimeError:
    if kind == "command":
        error_id = "CmdletNotInAllowedListForDataSection"
        message = f"The command '{name}' is not allowed in restricted language mode or a Data section."
    else:
        error_id, message = _FORBIDDEN[kind]
    err = PSRuntimeError(message, error_id=error_id, category="ParserError",
                         exception_type="System.Management.Automation.ParseException")
    err.node_extent = getattr(node, "extent", None)
    return err


def _check(node: Any, allowed: set[str]) -> None:
    if isinstance(node, tuple):
        for item in node:
            _check(item, allowed)
        return
    if isinstance(node, A.VariableExpressionAst):
        if node.variable_path.lower() not in _VARIABLES:
            raise _error("variable", node)
        return
    if isinstance(node, A.InvokeMemberExpressionAst):
        raise _error("method", node)
    if isinstance(node, A.ScriptBlockExpressionAst):
        raise _error("script block", node)
    if isinstance(node, A.CommandAst):
        first = node.command_elements[0]
        name = first.value if isinstance(first, A.StringConstantExpressionAst) else ""
        if name.lower() not in allowed:
            raise _error("command", first, name or conv.to_string(getattr(first, "extent", "")))
        _check(node.command_elements[1:], allowed)
        return
    if not isinstance(node, A.Ast):
        return
    for name in A.fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, (tuple, A.Ast)):
            _check(value, allowed)
