"""Expressions, strings and statements through parse()."""

import pytest

from exshell.language import parse
from exshell.language import ast as A


def expr(text):
    return parse(text).end_block.statements[0].pipeline_elements[0].expression


def stmt(text):
    return parse(text).end_block.statements[0]


def C(v):
    return A.ConstantExpressionAst(v)


def V(name):
    return A.VariableExpressionAst(name)


def test_multiplication_binds_tighter_than_addition():
    assert expr("1 + 2 * 3") == A.BinaryExpressionAst(
        C(1), "+", A.BinaryExpressionAst(C(2), "*", C(3)))


def test_comma_binds_tighter_than_plus():
    assert expr("1,2 + 3") == A.BinaryExpressionAst(A.ArrayLiteralAst((C(1), C(2))), "+", C(3))


def test_not_applies_to_its_operand_only():
    assert expr("-not $a -eq $b") == A.BinaryExpressionAst(
        A.UnaryExpressionAst("-not", V("a")), "-eq", V("b"))


def test_logical_operators_bind_loosest():
    e = expr("$a -gt 1 -and $b -like 'x*'")
    assert e.operator == "-and" and e.left.operator == "-gt" and e.right.operator == "-like"


def test_operator_is_canonical_lowercase_ascii():
    assert expr("$a \u2013CEQ 1").operator == "-ceq"


def test_range():
    assert expr("1..10") == A.BinaryExpressionAst(C(1), "..", C(10))


def test_static_member_of_type():
    assert expr("[int]::MaxValue") == A.MemberExpressionAst(
        A.TypeExpressionAst("int"), A.StringConstantExpressionAst("MaxValue", "BareWord"), True)


def test_cast_binds_to_operand():
    assert expr("[int]$x + 1") == A.BinaryExpressionAst(
        A.ConvertExpressionAst("int", V("x")), "+", C(1))


def test_generic_type_name_kept_whole():
    e = expr("[System.Collections.Generic.List[string]]::new()")
    assert e.expression == A.TypeExpressionAst("System.Collections.Generic.List[string]")


def test_method_call_arguments():
    assert expr("$a.Split(',', 2)") == A.InvokeMemberExpressionAst(
        V("a"), A.StringConstantExpressionAst("Split", "BareWord"),
        (A.StringConstantExpressionAst(",", "SingleQuoted"), C(2)), False)


def test_index():
    assert expr("$a[0]") == A.IndexExpressionAst(V("a"), C(0))


def test_postfix_increment():
    assert expr("$i++") == A.UnaryExpressionAst("post++", V("i"))


def test_negative_number_is_a_constant():
    assert expr("-5") == C(-5)


def test_hashtable_keys_and_values():
    h = expr("@{ Name = 'x'; 'Size' = 5\n Other = $y }")
    keys = [k.value for k, _ in h.key_value_pairs]
    assert keys == ["Name", "Size", "Other"]
    assert isinstance(h.key_value_pairs[0][1], A.PipelineAst)


def test_ordered_hashtable_is_a_convert():
    assert isinstance(expr("[ordered]@{a=1}"), A.ConvertExpressionAst)


def test_single_quoted_doubling():
    assert expr("'it''s'") == A.StringConstantExpressionAst("it's", "SingleQuoted")


def test_double_quoted_without_variables_is_constant():
    assert expr('"a`tb"') == A.StringConstantExpressionAst("a\tb", "DoubleQuoted")


def test_expandable_string_parts():
    e = expr('"Server $name.Domain is $($x + 1)"')
    assert e.parts[0:3] == ("Server ", V("name"), ".Domain is ")
    assert isinstance(e.parts[3], A.SubExpressionAst)


def test_nested_strings_in_subexpressions():
    e = expr('"a $(Get-Foo "b $(1)") c"')
    inner = e.parts[1].sub_expression.statements[0].pipeline_elements[0].command_elements[1]
    assert isinstance(inner, A.ExpandableStringExpressionAst)


def test_here_string():
    assert expr("@'\nline $x\n'@") == A.StringConstantExpressionAst(
        "line $x", "SingleQuotedHereString")


def test_nested_here_string_inside_subexpression():
    e = expr('@"\nouter $(@"\ninner\n"@)\n"@')
    assert isinstance(e.parts[1], A.SubExpressionAst)


def test_assignment_operators():
    s = stmt("$x += 2")
    assert (s.left, s.operator) == (V("x"), "+=")


def test_if_elseif_else():
    s = stmt("if ($a) { 1 } elseif ($b) { 2 }\nelse { 3 }")
    assert len(s.clauses) == 2 and s.else_clause is not None


def test_foreach():
    s = stmt("foreach ($s in $servers) { $s }")
    assert s.variable == V("s")


def test_labelled_loop():
    assert stmt(":outer while ($true) { break outer }").label == "outer"


def test_switch_flags_and_default():
    s = stmt("switch -Regex -CaseSensitive ($x) { '^a' { 1 } {$_ -gt 1} { 2 } default { 3 } }")
    assert s.flags == frozenset({"regex", "casesensitive"})
    assert len(s.clauses) == 2 and s.default is not None


def test_try_catch_finally():
    s = stmt("try { 1 } catch [System.IO.IOException], [System.Exception] { 2 } finally { 3 }")
    assert [t.type_name for t in s.catch_clauses[0].catch_types] == [
        "System.IO.IOException", "System.Exception"]
    assert s.finally_block is not None


def test_function_with_param_block():
    f = stmt("function Get-X {\n [CmdletBinding()]\n param([Parameter(Mandatory)][string]$Name)\n"
             " process { $Name }\n}")
    assert f.name == "Get-X"
    p = f.body.param_block.parameters[0]
    attr = p.attributes[0]
    assert attr.named_arguments[0] == A.NamedAttributeArgumentAst("Mandatory", C(True), True)
    assert p.attributes[1] == A.TypeConstraintAst("string")
    assert f.body.process_block.statements


def test_function_parameters_in_parentheses():
    f = stmt("function f($a, $b = 2) { $a }")
    assert [p.name.variable_path for p in f.parameters] == ["a", "b"]


def test_traps_are_separated():
    block = parse("trap { continue }\nGet-Foo").end_block
    assert len(block.traps) == 1 and len(block.statements) == 1


@pytest.mark.parametrize("text,cls", [("return 1", A.ReturnStatementAst),
                                      ("exit", A.ExitStatementAst),
                                      ("throw 'x'", A.ThrowStatementAst),
                                      ("do { 1 } while ($x)", A.DoWhileStatementAst),
                                      ("for ($i = 0; $i -lt 3; $i++) { }", A.ForStatementAst)])
def test_statement_kinds(text, cls):
    assert isinstance(stmt(text), cls)


def test_script_param_block():
    sb = parse("param($Server = 'EX1')\nGet-Foo $Server")
    assert sb.param_block.parameters[0].default_value == A.StringConstantExpressionAst(
        "EX1", "SingleQuoted")


def test_empty_script_has_an_unnamed_end_block():
    sb = parse("")
    assert sb.end_block == A.NamedBlockAst("end", (), (), True)
