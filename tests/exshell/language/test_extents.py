"""Source extents: 1-based start/end line and column and the exact text of each node."""

from exshell.language import parse

SCRIPT = ('Get-Foo |\n'
          '  Select-Object Name\n'
          '$x = @"\n'
          'hi $y\n'
          '"@\n'
          'if ($a) {\n'
          '  "b"\n'
          '}')


def span(node):
    e = node.extent
    return (e.start_line, e.start_column, e.end_line, e.end_column, e.text)


def statements():
    return parse(SCRIPT).end_block.statements


def test_pipeline_over_two_lines():
    assert span(statements()[0]) == (1, 1, 2, 21, "Get-Foo |\n  Select-Object Name")


def test_second_pipeline_element_starts_after_the_indent():
    element = statements()[0].pipeline_elements[1]
    assert span(element) == (2, 3, 2, 21, "Select-Object Name")
    assert span(element.command_elements[1]) == (2, 17, 2, 21, "Name")


def test_assignment_of_a_here_string():
    assignment = statements()[1]
    assert span(assignment) == (3, 1, 5, 3, '$x = @"\nhi $y\n"@')
    here = assignment.right.pipeline_elements[0].expression
    assert span(here) == (3, 6, 5, 3, '@"\nhi $y\n"@')


def test_variable_inside_a_here_string():
    here = statements()[1].right.pipeline_elements[0].expression
    assert span(here.parts[1]) == (4, 4, 4, 6, "$y")


def test_if_statement_and_its_block():
    stmt = statements()[2]
    assert span(stmt) == (6, 1, 8, 2, 'if ($a) {\n  "b"\n}')
    assert span(stmt.clauses[0][1]) == (6, 9, 8, 2, '{\n  "b"\n}')


def test_script_extent_covers_everything():
    assert span(parse(SCRIPT)) == (1, 1, 8, 2, SCRIPT)


def test_parameter_with_colon_argument():
    param = parse("Set-Foo -Confirm:$false").end_block.statements[0] \
        .pipeline_elements[0].command_elements[1]
    assert span(param) == (1, 9, 1, 24, "-Confirm:$false")


def test_binary_expression_spans_its_operands():
    expr = parse("  1 + 2 * 3").end_block.statements[0].pipeline_elements[0].expression
    assert span(expr) == (1, 3, 1, 12, "1 + 2 * 3")
    assert span(expr.right) == (1, 7, 1, 12, "2 * 3")


def test_class_member_extent():
    member = parse("class C {\n  [int]$N = 1\n}").end_block.statements[0].members[0]
    assert span(member) == (2, 3, 2, 14, "[int]$N = 1")


def test_parsed_extent_equals_one_built_from_positions():
    from exshell.language import ast as A
    parsed = parse("x\n  Get-Foo -X 1").end_block.statements[1].extent
    assert parsed == A.Extent(2, 3, 2, 15, "Get-Foo -X 1")
    assert repr(parsed) == ("Extent(start_line=2, start_column=3, end_line=2, end_column=15, "
                            "text='Get-Foo -X 1')")


def test_variable_argument_starts_at_its_dollar_not_at_a_comment_before_it():
    arg = parse("Foo <# $c #>  $x").end_block.statements[0].pipeline_elements[0] \
        .command_elements[1]
    assert span(arg) == (1, 15, 1, 17, "$x")
