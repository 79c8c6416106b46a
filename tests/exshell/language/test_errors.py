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
    ("[int", "EndSquareBracketExpectedAtEndOfAttribute", 1, 5, True),
    ("[", "MissingTypename", 1, 2, True),
    ('"$(1"', "TerminatorExpectedAtEndOfString", 1, 5, True),
    ('1 "abc', "TerminatorExpectedAtEndOfString", 1, 3, True),
    ('1 2 "abc', "UnexpectedToken", 1, 3, False),
    ('$x = @"\n  text\n  "@', "WhitespaceBeforeHereStringFooter", 3, 3, True),
    ("@'\ntext\n\t'@\n", "WhitespaceBeforeHereStringFooter", 3, 2, True),
    ('@"x\n"@', "UnexpectedCharactersAfterHereStringHeader", 1, 3, False),
    ("data", "MissingStatementBlockForDataSection", 1, 5, True),
    ("@", "UnrecognizedToken", 1, 1, False),
    ('"$server:$port"', "InvalidVariableReferenceWithDrive", 1, 2, False),
    ("Write-Host $server:$port", "InvalidVariableReferenceWithDrive", 1, 12, False),
    ('"done at $t: ok"', "InvalidVariableReferenceWithDrive", 1, 10, False),
    ("$x = @\u201c\n  a\n  \u201d@", "WhitespaceBeforeHereStringFooter", 3, 3, True),
    ("@\u2018\nabc", "TerminatorExpectedAtEndOfString", 1, 1, True),
    ("$x = @ 1", "UnrecognizedToken", 1, 6, False),
    ("$y = @x + 1", "SplattingNotPermitted", 1, 6, False),
    ("$a -is [System.String", "EndSquareBracketExpectedAtEndOfAttribute", 1, 22, True),
    ("@'\nabc", 'TerminatorExpectedAtEndOfString', 1, 1, True),
    ('| Get-Foo', 'UnexpectedToken', 1, 1, False),
    ('!', 'MissingExpressionAfterOperator', 1, 2, True),
    ('$a[1', 'MissingEndSquareBracket', 1, 5, True),
    ('$a[]', 'MissingArrayIndexExpression', 1, 4, False),
    ('$a.', 'MissingPropertyName', 1, 4, True),
    (')', 'UnexpectedToken', 1, 1, False),
    ('if ($x) { } else', 'MissingStatementBlockAfterElse', 1, 17, True),
    ('if ( ) { }', 'IfStatementMissingCondition', 1, 5, False),
    ('if ($x { }', 'MissingEndParenthesisAfterStatement', 1, 7, False),
    ('@{a}', 'MissingEqualsInHashLiteral', 1, 4, False),
    ('@{a=}', 'MissingStatementInHashLiteral', 1, 5, False),
    ('@(1', 'MissingEndParenthesisInSubexpression', 1, 4, True),
    ('foreach ($a in ) {}', 'MissingForeachExpression', 1, 15, False),
    ('foreach ($a in $b {}', 'MissingEndParenthesisAfterForeach', 1, 18, False),
    ('foreach ($a in $b)', 'MissingForeachStatement', 1, 19, True),
    ('foreach', 'MissingOpenParenthesisAfterKeyword', 1, 8, True),
    ('foreach (1 in $b) {}', 'MissingVariableNameAfterForeach', 1, 10, False),
    ('while', 'MissingOpenParenthesisAfterKeyword', 1, 6, True),
    ('while ($x)', 'MissingLoopStatement', 1, 11, True),
    ('while ($x', 'MissingEndParenthesisAfterStatement', 1, 10, True),
    ('do { }', 'MissingWhileOrUntilInDoWhile', 1, 7, True),
    ('do { } while', 'MissingOpenParenthesisAfterKeyword', 1, 13, True),
    ('for ($i = 0; $i -lt 1; $i++)', 'MissingLoopStatement', 1, 29, True),
    ('switch ($x)', 'MissingCurlyBraceInSwitchStatement', 1, 12, True),
    ('switch ($x) { 1 }', 'MissingSwitchStatementClause', 1, 16, False),
    ('switch', 'PipelineValueRequired', 1, 7, True),
    ('switch ($x) {', 'MissingEndCurlyBrace', 1, 13, True),
    ('try', 'MissingTryStatementBlock', 1, 4, True),
    ('try { }', 'MissingCatchOrFinally', 1, 8, True),
    ('try { } catch', 'MissingCatchHandlerBlock', 1, 14, True),
    ('try { } finally', 'MissingFinallyStatementBlock', 1, 16, True),
    ('trap', 'MissingTrapStatement', 1, 5, True),
    ('function', 'MissingNameAfterKeyword', 1, 9, True),
    ('function f', 'MissingFunctionBody', 1, 11, True),
    ('function f(', 'MissingEndParenthesisInFunctionParameterList', 1, 12, True),
    ('function f { param($a }', 'MissingEndParenthesisInFunctionParameterList', 1, 22, False),
    ('Get-Foo -Name:', 'ParameterRequiresArgument', 1, 15, False),
    ('Get-Foo a,', 'MissingArgument', 1, 11, True),
    ('$x = (1,', 'MissingExpressionAfterToken', 1, 9, True),
    ('1 -eq', 'ExpectedValueExpression', 1, 6, True),
    ('$a = "x\ny', 'TerminatorExpectedAtEndOfString', 1, 6, True),
    ('Get-Foo < in.txt', 'RedirectionNotSupported', 1, 9, False),
    ('& ', 'MissingExpression', 1, 2, True),
    ('.', 'MissingExpression', 1, 2, True),
    ('class X { [int] }', 'IncompleteMemberDefinition', 1, 16, False),
    ('Get-Foo -Name x }', 'UnexpectedToken', 1, 17, False),
    ('{ 1', 'MissingEndCurlyBrace', 1, 1, True),
    ('1..', 'ExpectedValueExpression', 1, 4, True),
    (',', 'MissingExpressionAfterOperator', 1, 2, True),
    ('$a,', 'MissingExpressionAfterToken', 1, 4, True),
    ('$a[0', 'MissingEndSquareBracket', 1, 5, True),
    ('$x = 1 +\n  ;', 'ExpectedValueExpression', 1, 9, False),
    ('"a" "b"', 'UnexpectedToken', 1, 5, False),
    ('$a $b', 'UnexpectedToken', 1, 4, False),
    ('function f { begin { } 1 }', 'MissingNamedBlocks', 1, 24, False),
    ('class', 'MissingNameAfterKeyword', 1, 6, True),
    ('class X', 'MissingTypeBody', 1, 8, True),
    ('class X {', 'MissingEndCurlyBrace', 1, 10, True),
    ('using', 'MissingUsingStatementDirective', 1, 6, True),
    ('using namespace', 'MissingUsingItemName', 1, 16, True),
    ('enum E { A = }', 'ExpectedValueExpression', 1, 13, False),
    ('Get-Foo\nGet-Bar |', 'EmptyPipeElement', 2, 10, True),
    ('function f {\n  param(\n    [string]$a', 'MissingEndParenthesisInFunctionParameterList', 3, 15, True),
    ('$x = @(\n  1\n  2', 'MissingEndParenthesisInSubexpression', 3, 4, True),
    ('if ($a) {\n  Get-Foo\n} else {\n  Get-Bar', 'MissingEndCurlyBrace', 3, 8, True),
    ('$h = @{\n  a = 1\n  b\n}', 'MissingEqualsInHashLiteral', 4, 1, False),
    ('Write-Host "line one', 'TerminatorExpectedAtEndOfString', 1, 12, True),
    ("Get-Foo -Name 'x' |\n  Where-Object {\n    $_.Name -eq\n  }", 'ExpectedValueExpression', 3, 16, False),
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
    ("try { }", "The Try statement is missing its Catch or Finally block."),
    ("function f { begin { } 1 }",
     "unexpected token '1', expected 'begin', 'process', 'end', or 'dynamicparam'."),
    ("class X { [int] }", "Missing a property name or method definition."),
    ("class X", "Missing 'class' body in 'class' declaration."),
    ("enum E", "Missing 'enum' body in 'enum' declaration."),
    ("switch { }",
     "A switch statement must have one of the following:  '-file file_name' or '( expression )'."),
    ("Get-Foo < in.txt", "The '<' operator is reserved for future use."),
    ("Get-Foo -Name:", "Parameter -Name: requires an argument."),
    ("foreach ($a $b) {}",
     "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}"),
    (".", "Missing expression after '.' in pipeline element."),
    ('"$a:"', "Variable reference is not valid. ':' was not followed by a valid variable name "
              "character. Consider using ${} to delimit the name."),
    ("$y = @x", "The splatting operator '@' cannot be used to reference variables in an "
                "expression. '@x' can be used only as an argument to a command. To reference "
                "variables in an expression use '$x'."),
])
def test_error_message_wording(text, message):
    with pytest.raises(ParseError) as info:
        parse(text)
    assert info.value.message == message


def test_line_text_is_the_source_line():
    with pytest.raises(ParseError) as info:
        parse("Get-Foo\n1 2\nBar")
    assert info.value.line_text == "1 2"
