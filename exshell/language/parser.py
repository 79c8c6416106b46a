"""``parse(text) -> ScriptBlockAst`` and ``ParseError`` with PowerShell 5.1's ids and wording."""

from __future__ import annotations

import re
import sys

import pyparsing as pp

from . import ast as A
from .elements import SyntaxProblem, after_previous, at_end, line_col, token_start
from .tokens import DQUOTES, SQUOTES

MESSAGES = {
    "UnexpectedToken": "Unexpected token '{0}' in expression or statement.",
    "MissingEndCurlyBrace": "Missing closing '}}' in statement block or type definition.",
    "MissingEndParenthesisInExpression": "Missing closing ')' in expression.",
    "MissingEndParenthesisInSubexpression": "Missing closing ')' in subexpression.",
    "MissingEndParenthesisInMethodCall": "Missing ')' in method call.",
    "MissingEndSquareBracket": "Missing ']' after array index expression.",
    "MissingArrayIndexExpression": "Array index expression is missing or not valid.",
    "MissingPropertyName": "Missing property name after reference operator.",
    "ExpectedValueExpression": "You must provide a value expression following the '{0}' operator.",
    "MissingExpressionAfterOperator": "Missing expression after unary operator '{0}'.",
    "MissingExpressionAfterToken": "Missing expression after '{0}'.",
    "ExpectedExpression": "An expression was expected after '('.",
    "TerminatorExpectedAtEndOfString": "The string is missing the terminator: {0}.",
    "WhitespaceBeforeHereStringFooter": "White space is not allowed before the string terminator.",
    "UnexpectedCharactersAfterHereStringHeader":
        "No characters are allowed after a here-string header but before the end of the line.",
    "MissingTerminatorMultiLineComment": "The terminator '#>' is missing from the multiline comment.",
    "MissingArgument": "Missing argument in parameter list.",
    "ParameterRequiresArgument": "Parameter {0} requires an argument.",
    "MissingFileSpecification": "Missing file specification after redirection operator.",
    "RedirectionNotSupported": "The '{0}' operator is reserved for future use.",
    "EmptyPipeElement": "An empty pipe element is not allowed.",
    "ExpressionsMustBeFirstInPipeline": "Expressions are only allowed as the first element of a pipeline.",
    "MissingExpression": "Missing expression after '{0}' in pipeline element.",
    "MissingEqualsInHashLiteral": "Missing '=' operator after key in hash literal.",
    "MissingStatementInHashLiteral": "Missing statement after '=' in hash literal.",
    "MissingOpenParenthesisInIfStatement": "Missing '(' after '{0}' in if statement.",
    "IfStatementMissingCondition": "Missing condition in if statement after '{0} ('.",
    "MissingEndParenthesisAfterStatement": "Missing closing ')' after expression in '{0}' statement.",
    "MissingStatementBlock": "Missing statement block after {0} ( condition ).",
    "MissingStatementBlockAfterElse": "Missing statement block after 'else' keyword.",
    "MissingOpenParenthesisAfterKeyword": "Missing opening '(' after keyword '{0}'.",
    "MissingExpressionAfterKeyword": "Missing expression after '{0}' in loop.",
    "MissingLoopStatement": "Missing statement body in {0} loop.",
    "MissingWhileOrUntilInDoWhile": "Missing while or until keyword in do loop.",
    "MissingVariableNameAfterForeach":
        "Missing variable name after foreach.\nThe correct form is: foreach ($a in $b) {{...}}",
    "MissingInInForeach":
        "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {{...}}",
    "MissingForeachExpression":
        "Missing expression in foreach loop.\nThe correct form is: foreach ($a in $b) {{...}}",
    "MissingEndParenthesisAfterForeach":
        "Missing closing ')' after expression part of foreach loop.\n"
        "The correct form is: foreach ($a in $b) {{...}}",
    "MissingForeachStatement":
        "Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {{...}}",
    "MissingSwitchValueExpression": "Missing expression after '(' in switch statement.",
    "MissingEndParenthesisInSwitchStatement": "Missing ')' after expression in switch statement.",
    "MissingCurlyBraceInSwitchStatement": "Missing '{{' in switch statement.",
    "MissingSwitchStatementClause": "Missing statement block in switch statement clause.",
    "MissingFilenameOption":
        "Cannot process the 'switch' statement because of a missing file name argument to the -file option.",
    "MissingTryStatementBlock": "The Try statement is missing its statement block.",
    "MissingCatchOrFinally": "The Try statement is missing its Catch or Finally block.",
    "MissingCatchHandlerBlock": "The Catch block is missing its statement block.",
    "MissingFinallyStatementBlock": "The Finally block is missing its statement block.",
    "MissingStatementBlockForDataSection": "The Data section is missing its statement block.",
    "MissingTrapStatement": "The 'trap' statement was incomplete. A trap statement requires a body.",
    "MissingNameAfterKeyword": "Missing name after {0} keyword.",
    "MissingFunctionBody": "Missing function body in function declaration.",
    "MissingEndParenthesisInFunctionParameterList": "Missing ')' in function parameter list.",
    "EndSquareBracketExpectedAtEndOfAttribute": "Missing ] at end of attribute or type literal.",
    "MissingTypename": "Missing type name after '['.",
    "MissingExpressionInNamedArgument": "Missing statement after '=' in named argument.",
    "MissingLineContinuation": "Missing expression after '`'.",
    "IncompleteMemberDefinition": "Missing a property name or method definition.",
    "MissingTypeBody": "Missing '{0}' body in '{0}' declaration.",
    "MissingBaseCtorCall": "Missing 'base' after ':' in a base class constructor call.",
    "MissingUsingStatementDirective": "Missing using directive",
    "MissingUsingItemName": "Missing using name",
    "MissingNamedBlocks":
        "unexpected token '{0}', expected 'begin', 'process', 'end', or 'dynamicparam'.",
    "PipelineValueRequired":
        "A switch statement must have one of the following:  '-file file_name' or '( expression )'.",
    "UnrecognizedToken": "Unrecognized token in source text.",
    "InvalidVariableReferenceWithDrive":
        "Variable reference is not valid. ':' was not followed by a valid variable name "
        "character. Consider using ${{}} to delimit the name.",
    "SplattingNotPermitted":
        "The splatting operator '@' cannot be used to reference variables in an expression. "
        "'@{0}' can be used only as an argument to a command. To reference variables in an "
        "expression use '${0}'.",
    "ScriptTooComplicated": "Processing was stopped because the script is too complex.",
}


class ParseError(Exception):
    """A PowerShell parser error: ``error_id``, ``message``, 1-based ``line``/``column``,
    the source ``line_text``, and ``incomplete`` when more input would complete the script."""

    def __init__(self, error_id: str, message: str, line: int, column: int, line_text: str,
                 incomplete: bool = False, file: str = ""):
        super().__init__(message)
        self.error_id, self.message = error_id, message
        self.line, self.column, self.line_text = line, column, line_text
        self.incomplete, self.file = incomplete, file

    def __str__(self) -> str:
        return f"At {self.file or 'line'}:{self.line} char:{self.column}: {self.message}"


_TOKEN_RE = re.compile(r"""'(?:[^']|'')*'?|"(?:[^"`]|`.|"")*"?|\$\{[^}]*\}?|\$?[\w\-.:\\]+|\S""")


_SPLAT_RE = re.compile(r"@([\w?:]+)")
_CLOSED_STRING_RE = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"`]|`.|\"\")*\"", re.S)


def _token_text(s: str, pos: int) -> str:
    m = _TOKEN_RE.match(s, pos)
    return m.group() if m else ""


def _previous_token(s: str, pos: int) -> str:
    m = re.search(r"(\S+)\s*$", s[:after_previous(s, pos)])
    return m.group(1) if m else ""


def _error(s: str, file: str, error_id: str, args: tuple, pos: int, incomplete: bool) -> ParseError:
    pos = min(pos, len(s))
    line, col = line_col(s, pos)
    starts = s.rfind("\n", 0, pos) + 1
    end = s.find("\n", pos)
    line_text = s[starts:end if end >= 0 else len(s)].rstrip("\r")
    message = MESSAGES.get(error_id, error_id).format(*args)
    return ParseError(error_id, message, line, col, line_text, incomplete, file)


def _at_sign(s: str, pos: int) -> tuple[str, tuple] | None:
    """A '@' that starts no token: the tokenizer complains before the parser can."""
    if not s.startswith("@", pos):
        return None
    m = _SPLAT_RE.match(s, pos)
    if m is not None:
        return ("SplattingNotPermitted", (m.group(1),))
    following = s[pos + 1:pos + 2]
    if following and following in "{(" + DQUOTES + SQUOTES:
        return None
    return ("UnrecognizedToken", ())


def _from_problem(s: str, file: str, p: SyntaxProblem) -> ParseError:
    error_id, args, pos = p.error_id, p.args_, p.pos
    at = token_start(s, p.probe)
    lone = _at_sign(s, at)
    if lone is not None:
        return _error(s, file, lone[0], lone[1], at, False)
    incomplete = p.can_continue and at_end(s, p.probe)
    if error_id == "EmptyPipeElement":
        nxt = token_start(s, p.probe)
        if nxt < len(s) and s[nxt] in "$(@'\"[0123456789{":
            error_id, pos, incomplete = "ExpressionsMustBeFirstInPipeline", nxt, False
        elif nxt < len(s) and s[nxt] not in ";\r\n)}|":
            error_id, pos = "UnexpectedToken", nxt
    if error_id == "UnexpectedToken":
        nxt = token_start(s, pos)
        pos, args = nxt, (_token_text(s, nxt),)
        if s.startswith("<#", pos):
            return _error(s, file, "MissingTerminatorMultiLineComment", (), pos, True)
        if s[pos] == "`" and at_end(s, pos + 1):
            return _error(s, file, "MissingLineContinuation", (), pos, True)
        if args[0][:1] in "'\"" and not _CLOSED_STRING_RE.fullmatch(args[0]):
            # the tokenizer finds an unterminated string before the parser finds it unexpected
            return _error(s, file, "TerminatorExpectedAtEndOfString", (args[0][0],), pos, True)
    if error_id == "MissingNamedBlocks":
        pos = token_start(s, pos)
        args = (_token_text(s, pos),)
    if not args and "{0}" in MESSAGES.get(error_id, ""):
        args = (_previous_token(s, p.probe),)
    return _error(s, file, error_id, args, pos, incomplete)


# The grammar recurses once per nesting level (about 15 frames for a parenthesis, 10 for a
# block); this many frames lets scripts nest several hundred levels before the parser gives up
# with ScriptTooComplicated.  Python-to-Python calls do not grow the C stack.
_NESTING_FRAMES = 12000


def parse(text: str, file: str = "") -> A.ScriptBlockAst:
    """Parse a PowerShell script into a ScriptBlockAst; raise ParseError on bad input."""
    from .grammar import grammar

    g = grammar()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _NESTING_FRAMES))
    try:
        end, toks = g.script.parseImpl(text, 0, True)
        if token_start(text, end) < len(text):
            raise SyntaxProblem("UnexpectedToken", (), end, end)
        return toks[0]
    except SyntaxProblem as p:
        raise _from_problem(text, file, p) from None
    except pp.ParseBaseException as e:
        raise _error(text, file, "UnexpectedToken", (_token_text(text, e.loc),), e.loc,
                     False) from None
    except RecursionError:
        raise _error(text, file, "ScriptTooComplicated", (), 0, False) from None
    except Exception as bug:  # a grammar bug still surfaces as a parser error, never a traceback
        raise _error(text, file, "UnexpectedToken", (_token_text(text, 0),), 0, False) from bug
    finally:
        sys.setrecursionlimit(limit)
