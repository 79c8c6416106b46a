"""Property-based tests of the parser.

- Random mutations of valid scripts (cuts, insertions of awkward tokens, duplicated or swapped
  spans, truncation) raise nothing but ParseError, each within a second (hypothesis deadline).
- Every node of a parsed script carries an extent whose text is the source between its start
  and end positions.
- White space, inline comments and line continuations between the tokens of a command do not
  change its tree.
- Arithmetic chains fold with the precedence and associativity of Python's own parser, which
  agree with PowerShell's for + - * / %.
"""

import ast as pyast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exshell.language import ParseError, parse
from exshell.language import ast as A

SEEDS = [
    'Get-Foo -Name "a $b" | Where-Object { $_.X -gt 1 } | Select-Object Name',
    'if ($a -eq 1) { "one" } elseif ($b) { 2 } else { @(1,2,3) }',
    'function f { param([Parameter(Mandatory)][string]$x = 5) process { $x } }',
    '$h = @{ a = 1; b = "x$(1 + 2)" }; foreach ($k in $h.Keys) { $h[$k] }',
    'switch -regex ($x) { "^a" { 1 } default { 2 } }\ntry { throw "x" } catch { $_ }',
    '@"\nhello $(Get-Date)\n"@ + \'x\'',
    "Set-DatabaseAvailabilityGroup -Identity DAG1 -WitnessDirectory C:\\FSW `\n  -Confirm:$false",
    "$copies = @(Get-MailboxDatabaseCopyStatus * | ? { $_.Status -ne 'Healthy' })\n"
    "\"{0} copies\" -f $copies.Count 2>&1 > C:\\log.txt",
    "class Copy : Base {\n  [string]$Db = 'x'\n  Copy() : base(1) { }\n  [int] Q() { return 1 }\n}",
    "enum S { A = 1; B }\nusing namespace System.Text\n:outer for ($i = 0; $i -lt 3; $i++) "
    "{ do { break outer } until ($true) }",
    "trap [Exception] { continue }\n$x = [System.Collections.Generic.List[string]]::new()\n"
    "$x.Add(\"$($env:COMPUTERNAME)\\$a\"); cmd /c echo --% %PATH%",
    "<# help #>\n[CmdletBinding()]\nparam([ValidateSet('a','b')]$m)\n"
    "begin { $n = 0 } process { $n++ } end { $n }",
]

JOINABLE = SEEDS[:-1]  # the last one starts with param() and named blocks: it stands alone

AWKWARD = (list("{}()[]\"'$@|`,;-=\n #<>&.:%!+*/") + [
    "", "@'", "@\"", "$(", "<#", "#>", "\"@", "'@", "${", "@{", "@(", "::", "..", "--%", "-- ",
    "`\n", "\u2013", "\u201c", "\u2018", "-eq ", "[int]", "function ", "class ", "param(",
    "if (", "} else {", "2>&1", " | ", "\"$(\"", "\r\n", "\t", "0x", "1e", "5GB"])


def _parse_or_error(text: str) -> None:
    try:
        parse(text)
    except ParseError as e:
        assert e.line >= 1 and e.column >= 1 and e.error_id and e.message
        assert e.__cause__ is None, f"internal failure behind the parse error: {e.__cause__!r}"


@settings(max_examples=250, deadline=1000)
@given(st.sampled_from(SEEDS), st.integers(0, 400), st.integers(0, 8), st.sampled_from(AWKWARD))
def test_mutations_only_raise_parse_error(seed, pos, cut, insert):
    pos = pos % (len(seed) + 1)
    _parse_or_error(seed[:pos] + insert + seed[pos + cut:])


@settings(max_examples=120, deadline=1000)
@given(st.sampled_from(SEEDS), st.integers(0, 400), st.integers(0, 400), st.integers(1, 40))
def test_duplicated_and_swapped_spans_only_raise_parse_error(seed, a, b, size):
    a, b = sorted((a % (len(seed) + 1), b % (len(seed) + 1)))
    span = seed[a:a + size]
    _parse_or_error(seed[:b] + span + seed[b:])
    _parse_or_error(seed[:a] + seed[b:b + size] + seed[a + size:b] + span + seed[b + size:])


@settings(max_examples=80, deadline=1000)
@given(st.lists(st.sampled_from(SEEDS), min_size=1, max_size=4), st.integers(0, 2000))
def test_truncated_scripts_only_raise_parse_error(seeds, cut):
    text = "\n".join(seeds)
    _parse_or_error(text[:cut % (len(text) + 1)])


@pytest.mark.parametrize("opener,closer", [("(", ")"), ("if (1) {", "}"), ("& {", "}"),
                                           ("@{a=", "}"), ('"$(', ')"'), ("@(", ")")])
def test_a_hundred_nesting_levels_parse(opener, closer):
    tree = parse(opener * 100 + "1" + closer * 100)
    assert len(tree.end_block.statements) == 1


def test_deep_nesting_is_a_parse_error_not_a_crash():
    try:
        parse("(" * 3000 + "1" + ")" * 3000)
    except ParseError as e:
        assert e.error_id == "ScriptTooComplicated"


# ----------------------------------------------------------------------------- extents

def _nodes(node):
    yield node
    for name in A.fields(type(node)):
        yield from _children(getattr(node, name))


def _children(value):
    if isinstance(value, A.Ast):
        yield from _nodes(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _children(item)


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(x) + 1 for x in lines[:line - 1]) + column - 1


@settings(max_examples=60, deadline=1000)
@given(st.lists(st.sampled_from(JOINABLE), min_size=1, max_size=3))
def test_every_extent_is_the_source_between_its_positions(seeds):
    text = "\n".join(seeds)
    lines = text.split("\n")
    checked = 0
    for node in _nodes(parse(text)):
        e = node.extent
        if e is None:
            continue
        start, end = _offset(lines, e.start_line, e.start_column), _offset(
            lines, e.end_line, e.end_column)
        assert text[start:end] == e.text
        checked += 1
    assert checked > 10


# ----------------------------------------------------------------------------- separators

COMMAND_TOKENS = ["Get-MailboxDatabaseCopyStatus", "-Identity", "'DB1\\EXCH1'", "-Server",
                  "EXCH1", "-Status:$true", "|", "Where-Object", "{ $_.CopyQueueLength -gt 5 }",
                  "|", "Select-Object", "Name,", "Status"]
SEPARATORS = [" ", "  ", "\t", " <# note #> ", " `\n  ", " `\r\n\t"]


@settings(max_examples=100, deadline=1000)
@given(st.lists(st.sampled_from(SEPARATORS), min_size=len(COMMAND_TOKENS) - 1,
                max_size=len(COMMAND_TOKENS) - 1))
def test_blanks_comments_and_continuations_between_tokens_do_not_change_the_tree(seps):
    text = COMMAND_TOKENS[0] + "".join(s + t for s, t in zip(seps, COMMAND_TOKENS[1:]))
    plain = parse(" ".join(COMMAND_TOKENS))
    assert parse(text).end_block.statements == plain.end_block.statements


# ----------------------------------------------------------------------------- precedence

_PY_OPS = {pyast.Add: "+", pyast.Sub: "-", pyast.Mult: "*", pyast.Div: "/", pyast.Mod: "%"}


def _py_tree(node):
    if isinstance(node, pyast.BinOp):
        return (_py_tree(node.left), _PY_OPS[type(node.op)], _py_tree(node.right))
    return node.value


def _ps_tree(node):
    if isinstance(node, A.BinaryExpressionAst):
        return (_ps_tree(node.left), node.operator, _ps_tree(node.right))
    return node.value


@settings(max_examples=150, deadline=1000)
@given(st.lists(st.integers(1, 99), min_size=1, max_size=8),
       st.lists(st.sampled_from(["+", "-", "*", "/", "%"]), min_size=7, max_size=7))
def test_arithmetic_folds_like_pythons_parser(numbers, ops):
    text = str(numbers[0]) + "".join(f" {op} {n}" for op, n in zip(ops, numbers[1:]))
    expr = parse(text).end_block.statements[0].pipeline_elements[0].expression
    assert _ps_tree(expr) == _py_tree(pyast.parse(text, mode="eval").body)
