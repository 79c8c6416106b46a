"""Expression evaluation: one ``eval_<Node>`` per expression node, plus variables and assignment."""

from __future__ import annotations

import decimal
from typing import Any

from cmdlets.api.values import PSHashtable, PSObject
from exshell.engine import conversion as conv
from exshell.engine import members, messages
from exshell.engine import operators as ops
from exshell.engine.dotnet_values import CharValue
from exshell.engine.errors import METHOD_INVOCATION, PSRuntimeError
from exshell.engine.scopes import CONSTANTS, MISSING, split_scope
from exshell.language import ast as A

_COMPARISONS = {"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
                "notcontains", "in", "notin", "replace", "split", "join", "is", "isnot", "as"}


class ExpressionEvaluator:
    """Mixin of the Evaluator: needs ``self.ctx`` and ``self.scope``."""

    def evaluate(self, node: Any) -> Any:
        method = getattr(self, "eval_" + type(node).__name__, None)
        if method is None:
            # statements used as expressions (e.g. a pipeline inside parentheses)
            return self.collect(node)
        try:
            return method(node)
        except PSRuntimeError as err:
            if getattr(err, "node_extent", None) is None:
                err.node_extent = getattr(node, "extent", None)
            raise

    # -- constants and strings ---------------------------------------------------------------
    def eval_ConstantExpressionAst(self, node: A.ConstantExpressionAst) -> Any:
        return node.value

    def eval_StringConstantExpressionAst(self, node: A.StringConstantExpressionAst) -> Any:
        return node.value

    def eval_ExpandableStringExpressionAst(self, node: A.ExpandableStringExpressionAst) -> str:
        out = []
        ofs = self.get_variable("OFS")
        sep = " " if ofs is None else conv.to_string(ofs)
        for part in node.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                out.append(conv.to_string(self.evaluate(part), sep))
        return "".join(out)

    # -- variables ------------------------------------------------------------------------------
    def eval_VariableExpressionAst(self, node: A.VariableExpressionAst) -> Any:
        if node.splatted:
            return self.get_variable(node.variable_path)
        return self.get_variable(node.variable_path)

    def get_variable(self, path: str) -> Any:
        scope_name, name = split_scope(path)
        low = name.lower()
        if scope_name is None and low in CONSTANTS:
            return CONSTANTS[low]
        if scope_name == "env":
            return self.environment().get(low)
        if scope_name == "using":          # `$using:x` in a remote script block: the caller's x
            caller = getattr(self.ctx, "using_scope", None)
            return caller.get(name) if caller is not None else None
        if scope_name == "global":
            return self.ctx.global_scope.get(name)
        if scope_name == "script":
            return self.scope.find_scope("script").get(name)
        if scope_name in (None, "local", "private", "variable"):
            value = self.scope.lookup(name)
            if value is MISSING:
                return self.automatic_variable(low)
            return value
        return None

    def automatic_variable(self, low: str) -> Any:
        if low == "psitem":
            return self.scope.get("_")
        if low == "?":
            return True
        if low == "executioncontext":
            from exshell.engine.intrinsics import EngineIntrinsics
            return EngineIntrinsics(self)
        if low == "pwd":                   # a PathInfo, as Get-Location returns
            from cmdlets.builtins.items import path_info
            return path_info(self.ctx.location)
        return None

    def environment(self) -> dict[str, str]:
        env = getattr(self.ctx, "environment", None)
        return env if env is not None else {}

    def set_variable(self, path: str, value: Any) -> None:
        scope_name, name = split_scope(path)
        low = name.lower()
        if low in ("true", "false", "null") and scope_name is None:
            if low == "null":
                return               # `$null = ...` discards the value
            raise PSRuntimeError(messages.text("VariableNotWritable", name=name), error_id="VariableNotWritable",
                                 category="WriteError", target=name)
        if scope_name == "env":
            env = self.environment()
            if value is None:
                env.pop(low, None)
            else:
                env[low] = conv.to_string(value)
            return
        target = self._target_scope(scope_name)
        if target.constraints and low in target.constraints:
            from exshell.engine.variable_attributes import apply
            value = apply(self, name, target.constraints[low], value)
        target.set_local(name, value)

    def _target_scope(self, scope_name: str | None) -> Any:
        if scope_name == "global":
            return self.ctx.global_scope
        if scope_name == "script":
            return self.scope.find_scope("script")
        return self.scope

    def declare_variable(self, left: Any, value: Any) -> bool:
        """`[type]$x = v` / `[ValidateX(...)][type]$x = v`: the variable keeps its constraints
        in the scope it is set in. False when ``left`` is not such a declaration."""
        from exshell.engine import variable_attributes as va
        found = va.declaration(left)
        if found is None:
            return False
        variable, types, attributes = found
        constraint = va.build(self, types, attributes)
        scope_name, name = split_scope(variable.variable_path)
        target = self._target_scope(scope_name)
        value = va.apply(self, name, constraint, value)
        target.set_local(name, value)
        if target.constraints is None:
            target.constraints = {}
        target.constraints[name.lower()] = constraint
        return True

    # -- assignment ---------------------------------------------------------------------------
    def assign(self, left: Any, operator: str, value: Any) -> None:
        if operator != "=":
            current = self.evaluate(left)
            value = self._compound(operator, current, value)
        if isinstance(left, A.VariableExpressionAst):
            self.set_variable(left.variable_path, value)
        elif isinstance(left, (A.ConvertExpressionAst, A.AttributedExpressionAst)) and self.declare_variable(
                left, value):
            return
        elif isinstance(left, A.ConvertExpressionAst):
            self.assign(left.child, "=", self.convert(value, left.type_name))
        elif isinstance(left, A.MemberExpressionAst):
            target = self.evaluate(left.expression)
            members.set_property(target, self.member_name(left.member), value)
        elif isinstance(left, A.IndexExpressionAst):
            self._assign_index(left, value)
        elif isinstance(left, (A.ArrayLiteralAst, A.ParenExpressionAst)) and isinstance(left, A.ArrayLiteralAst):
            values = conv.to_array(value)
            for i, target in enumerate(left.elements):
                if i == len(left.elements) - 1:
                    rest = values[i:]
                    self.assign(target, "=", rest[0] if len(rest) == 1 else (rest or None))
                else:
                    self.assign(target, "=", values[i] if i < len(values) else None)
        else:
            raise PSRuntimeError("The assignment expression is not valid. The input to an assignment operator "
                                 "must be an object that is able to accept assignments, such as a variable "
                                 "or a property.", error_id="InvalidLeftHandSide", category="ParserError")

    def _compound(self, operator: str, current: Any, value: Any) -> Any:
        fn = ops.BINARY_ARITH[operator[0]]
        return fn(current, value)

    def _assign_index(self, left: A.IndexExpressionAst, value: Any) -> None:
        target = self.evaluate(left.target)
        index = self.evaluate(left.index)
        if isinstance(target, dict):
            target[index] = value
        elif isinstance(target, list):
            i = conv.to_int(index)
            if not -len(target) <= i < len(target):
                raise PSRuntimeError(messages.text("IndexOutOfRange"), error_id="IndexOutOfRange",
                                     category="OperationStopped")
            target[i] = value
        elif isinstance(target, PSObject):
            members.set_property(target, conv.to_string(index), value)
        elif target is None:
            raise PSRuntimeError(messages.text("NullArray"), error_id="NullArray", category="InvalidOperation")
        else:
            raise PSRuntimeError(f"Unable to index into an object of type {conv.type_name_of(target)}.",
                                 error_id="CannotIndex", category="InvalidOperation")

    # -- compound values ------------------------------------------------------------------------
    def eval_ArrayLiteralAst(self, node: A.ArrayLiteralAst) -> list[Any]:
        return [self.evaluate(e) for e in node.elements]

    def eval_ArrayExpressionAst(self, node: A.ArrayExpressionAst) -> list[Any]:
        out: list[Any] = []
        self.run_statements(node.sub_expression.statements, out.append)
        return out

    def eval_SubExpressionAst(self, node: A.SubExpressionAst) -> Any:
        out: list[Any] = []
        self.run_statements_raising(node.sub_expression.statements, out.append)
        if not out:
            return None
        return out[0] if len(out) == 1 else out

    def run_statements_raising(self, statements: tuple, emit: Any) -> None:
        for stmt in statements:
            self.execute(stmt, emit)

    def eval_ParenExpressionAst(self, node: A.ParenExpressionAst) -> Any:
        inner = node.pipeline
        if isinstance(inner, A.AssignmentStatementAst):
            self.execute(inner, lambda v: None)
            return self.evaluate(inner.left)
        if isinstance(inner, A.PipelineAst) and len(inner.pipeline_elements) == 1 and isinstance(
                inner.pipeline_elements[0], A.CommandExpressionAst):
            return self.evaluate(inner.pipeline_elements[0].expression)
        return self.collect(inner)

    def eval_HashtableAst(self, node: A.HashtableAst) -> PSHashtable:
        table = PSHashtable()
        for key_node, value_node in node.key_value_pairs:
            key = self.evaluate(key_node)
            if key in table:
                raise PSRuntimeError(f"Duplicate keys '{conv.to_string(key)}' are not allowed in hash literals.",
                                     error_id="DuplicateKeyInHashLiteral", category="ParserError")
            table[key] = self.statement_value(value_node)
        return table

    def statement_value(self, node: Any) -> Any:
        """The value a statement gives on the right of `=` or in a hash literal: an expression
        keeps its own value (`@()` stays an empty array), a command's output is collected."""
        if isinstance(node, A.PipelineAst) and len(node.pipeline_elements) == 1 and isinstance(
                node.pipeline_elements[0], A.CommandExpressionAst):
            node = node.pipeline_elements[0].expression
        if hasattr(self, "eval_" + type(node).__name__):
            value = self.evaluate(node)
        else:
            value = self.collect(node)
        return list(value) if isinstance(value, tuple) else value

    def eval_ScriptBlockExpressionAst(self, node: A.ScriptBlockExpressionAst) -> Any:
        from exshell.engine.context import ScriptBlock
        text = node.extent.text if node.extent else ""
        if text.startswith("{") and text.endswith("}"):
            text = text[1:-1]
        return ScriptBlock(node.script_block, text)

    # -- types --------------------------------------------------------------------------------
    def eval_TypeExpressionAst(self, node: A.TypeExpressionAst) -> Any:
        from exshell.engine.dotnet import resolve_type
        script_type = self.script_type(node.type_name)
        if script_type is not None:
            return script_type
        return resolve_type(self.qualified_type_name(node.type_name))

    def script_type(self, type_name: str) -> Any:
        """The class or enum a script defined under this name, or None."""
        types = self.ctx.script_types
        return types.get(type_name.strip().lower()) if types else None

    def qualified_type_name(self, type_name: str) -> str:
        """A type name as written, or with the first `using namespace` prefix that makes it known."""
        if not self.ctx.using_namespaces:
            return type_name
        from exshell.engine.dotnet import resolve_type
        try:
            resolve_type(type_name)
            return type_name
        except PSRuntimeError:
            pass
        for namespace in self.ctx.using_namespaces:
            candidate = f"{namespace}.{type_name.strip()}"
            try:
                resolve_type(candidate)
                return candidate
            except PSRuntimeError:
                continue
        return type_name

    def eval_ConvertExpressionAst(self, node: A.ConvertExpressionAst) -> Any:
        if node.type_name.lower() == "ordered" and isinstance(node.child, A.HashtableAst):
            table = self.evaluate(node.child)
            table.ordered = True
            return table
        return self.convert(self.evaluate(node.child), node.type_name)

    def convert(self, value: Any, type_name: str) -> Any:
        from exshell.engine.dotnet import convert_to_type
        script_type = self.script_type(type_name[:-2] if type_name.endswith("[]") else type_name)
        if script_type is not None:
            from exshell.engine.classes import convert_to_script_type
            if type_name.endswith("[]"):
                return [convert_to_script_type(v, script_type) for v in conv.to_array(value)]
            return convert_to_script_type(value, script_type)
        return convert_to_type(value, self.qualified_type_name(type_name), self)

    # -- members ------------------------------------------------------------------------------
    def member_name(self, member: Any) -> str:
        if isinstance(member, A.StringConstantExpressionAst):
            return member.value
        return conv.to_string(self.evaluate(member))

    def eval_MemberExpressionAst(self, node: A.MemberExpressionAst) -> Any:
        name = self.member_name(node.member)
        if node.static:
            from exshell.engine.dotnet import static_property
            target = self.evaluate(node.expression)
            if hasattr(target, "get_static"):          # a script class or enum
                return target.get_static(name)
            return static_property(target, name, self)
        target = self.evaluate(node.expression)
        if self.ctx.profile.ps_major < 3 and isinstance(target, (list, tuple)) and not members.has_property(
                target, name):
            return None         # member enumeration (`$dbs.Name`) arrived with PowerShell 3.0
        value = members.get_property(target, name)
        if value is None and self.ctx.profile.ps_major >= 3:
            return members.intrinsic_count(target, name)
        return value

    def eval_InvokeMemberExpressionAst(self, node: A.InvokeMemberExpressionAst) -> Any:
        name = self.member_name(node.member)
        target = self.evaluate(node.expression)
        args = [self.evaluate(a) for a in node.arguments]
        try:
            return self._invoke_member(node, name, target, args)
        except PSRuntimeError as err:
            if err.exception_type == METHOD_INVOCATION and self.ctx.profile.ps_major < 3 and \
                    getattr(err, "node_extent", None) is None:
                # 2.0: DotNetMethodException, `<<<<` after the method's name (`$wc.DownloadFile <<<< ($url)`)
                err.error_id = "DotNetMethodException"
                err.node_extent = getattr(node.member, "extent", None)
            raise

    def _invoke_member(self, node: A.InvokeMemberExpressionAst, name: str, target: Any, args: list[Any]) -> Any:
        if node.static:
            from exshell.engine.dotnet import static_method
            if hasattr(target, "call_static"):         # a script class or enum
                return members.invoke_script_static(target, name, args)
            return static_method(target, name, args, self)
        from exshell.engine.context import ScriptBlock
        if isinstance(target, ScriptBlock) and name.lower() in ("invoke", "invokereturnasis"):
            out = self.invoke_scriptblock(target, args=args)
            return out[0] if len(out) == 1 else (out or None)
        return members.invoke_method(target, name, args, self)

    def dotnet_to_string(self, value: Any) -> str:
        from exshell.formatting import to_string
        return to_string(value, self.ctx.profile.culture)

    def eval_IndexExpressionAst(self, node: A.IndexExpressionAst) -> Any:
        target = self.evaluate(node.target)
        index = self.evaluate(node.index)
        return index_value(target, index)

    # -- operators ------------------------------------------------------------------------------
    def eval_UnaryExpressionAst(self, node: A.UnaryExpressionAst) -> Any:
        op = node.operator
        if op in ("++", "--", "post++", "post--"):
            current = self.evaluate(node.child)
            new = ops.add(current, 1) if "++" in op else ops.subtract(current, 1)
            self.assign(node.child, "=", new)
            return new if not op.startswith("post") else current
        value = self.evaluate(node.child)
        if op in ("-not", "!"):
            return not conv.to_bool(value)
        if op == "-":
            return ops.subtract(0, value) if not isinstance(value, str) else ops.subtract(0, conv.to_number(value))
        if op == "+":
            return conv.to_number(value)
        if op == ",":
            return [value]
        if op == "-bnot":
            return ~conv.to_int(value, "System.Int64")
        if op == "-split":
            return [p for v in conv.to_array(value) for p in ops.split(v)]
        if op == "-join":
            return ops.join(value, "")
        raise PSRuntimeError(f"Unknown operator '{op}'.", error_id="UnknownOperator", category="ParserError")

    def eval_BinaryExpressionAst(self, node: A.BinaryExpressionAst) -> Any:
        op = node.operator.lower()
        if op == "-and":
            return conv.to_bool(self.evaluate(node.left)) and conv.to_bool(self.evaluate(node.right))
        if op == "-or":
            return conv.to_bool(self.evaluate(node.left)) or conv.to_bool(self.evaluate(node.right))
        left = self.evaluate(node.left)
        right = self.evaluate(node.right)
        return self.binary(op, left, right)

    def binary(self, op: str, left: Any, right: Any) -> Any:
        if op in ops.BINARY_ARITH:
            try:
                return ops.BINARY_ARITH[op](left, right)
            except OverflowError:       # dates and spans beyond .NET's range
                raise PSRuntimeError("Arithmetic operation resulted in an overflow.", error_id="RuntimeException",
                                     exception_type="System.OverflowException") from None
        if op == "-xor":
            return conv.to_bool(left) != conv.to_bool(right)
        if op == "..":
            return _range(left, right)
        if op == "-f":
            return self.format_operator(left, right)
        if op in ("-band", "-bor", "-bxor", "-shl", "-shr"):
            a, b = conv.to_int(left, "System.Int64"), conv.to_int(right, "System.Int64")
            result = {"-band": a & b, "-bor": a | b, "-bxor": a ^ b, "-shl": a << b, "-shr": a >> b}[op]
            owner = getattr(left, "ps_enum", None)
            return owner.value(result) if owner is not None and op in ("-band", "-bor", "-bxor") else result
        from exshell.engine.comparison import comparison
        return comparison(self, op, left, right)

    def format_operator(self, fmt: Any, args: Any) -> str:
        from cmdlets.api.dotnet_format import composite_format
        values = args if isinstance(args, list) else [args]
        try:
            return composite_format(conv.to_string(fmt), values, self.ctx.profile.culture, self.dotnet_to_string)
        except (ValueError, IndexError) as exc:
            raise PSRuntimeError(str(exc), error_id="FormatError", category="InvalidOperation") from None


def _range(left: Any, right: Any) -> list[int]:
    a, b = conv.to_int(left), conv.to_int(right)
    ops._too_large(abs(b - a) + 1)
    step = 1 if b >= a else -1
    return list(range(a, b + step, step))


def index_value(target: Any, index: Any) -> Any:
    if target is None:
        raise PSRuntimeError(messages.text("NullArray"), error_id="NullArray", category="InvalidOperation")
    if isinstance(index, list) and not isinstance(target, dict):
        return [index_value(target, i) for i in index if _index_ok(target, i)]
    if isinstance(target, dict):
        if isinstance(index, list):
            return [target.get(k) for k in index]
        return target.get(index)
    custom = getattr(target, "ps_index", None)
    if custom is not None:
        return custom(index)
    if isinstance(target, (list, str)):
        try:
            i = conv.to_int(index)
        except PSRuntimeError:
            return None
        if -len(target) <= i < len(target):
            return target[i] if isinstance(target, list) else CharValue(target[i])
        return None
    if isinstance(target, PSObject):
        return target.get(conv.to_string(index))
    if isinstance(index, (int,)) and index in (0, -1):
        return target
    return None


def _index_ok(target: Any, i: Any) -> bool:
    try:
        n = conv.to_int(i)
    except PSRuntimeError:
        return False
    return -len(target) <= n < len(target) if hasattr(target, "__len__") else n in (0, -1)


__all__ = ["ExpressionEvaluator", "decimal", "_COMPARISONS"]
