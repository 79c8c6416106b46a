"""Parser errors: (input, error id, line, column, incomplete), as PowerShell tests its parser."""

import pytest

from exshell.language import ParseError, parse

CASES = [
    ("if ($a) {", "MissingEndCurlyBrace", 1, 9, True),
    ("(1 + 2", "MissingEndParenthesisInExpression", 1, 7, True),
    ("1 +", "ExpectedValueExpression", 1, 4, True),
    ('"abc', "TerminatorExpectedAtEndOfString", 1, 1, True),
    ("'abc", "TerminatorExpectedAtEndOfString", 1, 1, True),
    ('@"\nabc', "TerminatorExpectedAtEndOfString", 1, 1, True),
    ("Get-Foo |", "EmptyPipeElement", 1, 10, True),
    ("-not", "MissingExpressionAfterOperator", 1, 5, True),
    ("$a.b(1", "MissingEndParenthesisInMethodCall", 1, 7, True),
    ("Get-Foo `", "MissingLineContinuation", 1, 9, True),
    ("1 2", "UnexpectedToken", 1, 3, False),
    ("}", "UnexpectedToken", 1, 1, False),
    ("Get-Foo >", "MissingFileSpecification", 1, 10, False),
    ("if", "MissingOpenParenthesisInIfStatement", 1, 3, True),
    ("if ($x)", "MissingStatementBlock", 1, 8, True),
    ("Get-Foo | $x", "ExpressionsMustBeFirstInPipeline", 1, 11, False),
    ("$x =", "ExpectedValueExpression", 1, 5, True),
    ("@{a=1", "MissingEndCurlyBrace", 1, 1, True),
    ("$(1", "MissingEndParenthesisInSubexpression", 1, 4, True),
    ("<# x", "MissingTerminatorMultiLineComment", 1, 1, True),
    ("foreach ($a $b) {}", "MissingInInForeach", 1, 12, False),
    ("function f {\n  Get-Foo\n", "MissingEndCurlyBrace", 1, 12, True),
    ("Get-Foo\n$x = (1,\n", "MissingExpressionAfterToken", 2, 9, True),
]


@pytest.mark.parametrize("text,error_id,line,column,incomplete", CASES)
def test_parse_error(text, error_id, line, column, incomplete):
    with pytest.raises(ParseError) as info:
        parse(text)
    err = info.value
    assert (err.error_id, err.line, err.column, err.incomplete) == (
        error_id, line, column, incomplete)


@pytest.mark.parametrize("text,message", [
    ("if ($a) {", "Missing closing '}' in statement block or type definition."),
    ("1 2", "Unexpected token '2' in expression or statement."),
    ("1 -eq", "You must provide a value expression following the '-eq' operator."),
    ('"abc', 'The string is missing the terminator: ".'),
    ("Get-Foo |", "An empty pipe element is not allowed."),
    ("(1", "Missing closing ')' in expression."),
])
def test_error_message_wording(text, message):
    with pytest.raises(ParseError) as info:
        parse(text)
    assert info.value.message == message


def test_line_text_is_the_source_line():
    with pytest.raises(ParseError) as info:
        parse("Get-Foo\n1 2\nBar")
    assert info.value.line_text == "1 2"
