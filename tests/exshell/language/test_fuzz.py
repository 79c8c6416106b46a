"""Random mutations of valid scripts never raise anything but ParseError."""

from hypothesis import given, settings
from hypothesis import strategies as st

from exshell.language import ParseError, parse

SEEDS = [
    'Get-Foo -Name "a $b" | Where-Object { $_.X -gt 1 } | Select-Object Name',
    'if ($a -eq 1) { "one" } elseif ($b) { 2 } else { @(1,2,3) }',
    'function f { param([Parameter(Mandatory)][string]$x = 5) process { $x } }',
    '$h = @{ a = 1; b = "x$(1 + 2)" }; foreach ($k in $h.Keys) { $h[$k] }',
    'switch -regex ($x) { "^a" { 1 } default { 2 } }\ntry { throw "x" } catch { $_ }',
    '@"\nhello $(Get-Date)\n"@ + \'x\'',
]


@settings(max_examples=300, deadline=1000)
@given(st.sampled_from(SEEDS), st.integers(0, 200), st.integers(0, 5),
       st.sampled_from(list("{}()[]\"'$@|`,;-=\n #<>&.:") + ["", "@'", "$(", "<#", "\"@"]))
def test_mutations_only_raise_parse_error(seed, pos, cut, insert):
    pos = pos % (len(seed) + 1)
    text = seed[:pos] + insert + seed[pos + cut:]
    try:
        parse(text)
    except ParseError as e:
        assert e.line >= 1 and e.column >= 1


def test_deep_nesting_is_a_parse_error_not_a_crash():
    try:
        parse("(" * 3000 + "1" + ")" * 3000)
    except ParseError as e:
        assert e.error_id
