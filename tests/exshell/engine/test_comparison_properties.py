"""Property-based tests of PowerShell's comparison and conversion rules: where -eq is symmetric
and where the left operand decides, collections on the left, $null, -like against a reference
wildcard matcher, numeric widening and round trips."""

from __future__ import annotations

import fnmatch
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from exshell import Shell
from exshell.engine import conversion as conv
from exshell.engine import operators as ops
from exshell.engine.comparison import comparison

INT32 = st.integers(min_value=-2**31, max_value=2**31 - 1)
INT64_ONLY = st.integers(min_value=2**31, max_value=2**62)
ASCII = st.text(alphabet="abcXYZ019 -", max_size=8)
SCALARS = st.one_of(INT32, ASCII, st.booleans())
FAST = settings(max_examples=60, deadline=None)


def cmp(op: str, left: object, right: object) -> object:
    return comparison(None, op, left, right)


@FAST
@given(INT32, INT32)
def test_eq_is_symmetric_for_integers(a: int, b: int) -> None:
    assert ops.equals(a, b) == ops.equals(b, a) == (a == b)


@FAST
@given(ASCII, ASCII)
def test_eq_is_symmetric_and_case_blind_for_strings(a: str, b: str) -> None:
    assert ops.equals(a, b) == ops.equals(b, a) == (a.lower() == b.lower())
    assert cmp("-ceq", a, b) == cmp("-ceq", b, a) == (a == b)


@FAST
@given(st.one_of(INT32.map(lambda n: (n, n + 1)), ASCII.map(lambda s: (s, s + "a"))))
def test_ordering_is_antisymmetric(pair: tuple) -> None:
    a, b = pair
    assert ops.compare(a, b) == -ops.compare(b, a)
    assert cmp("-lt", a, b) and cmp("-gt", b, a) and not cmp("-ge", a, b)


@FAST
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=3))
def test_left_operand_decides_the_conversion(n: int, zeros: int) -> None:
    """`1 -eq '01'` converts the string to a number; `'01' -eq 1` converts the number to a string."""
    padded = "0" * zeros + str(n)
    assert ops.equals(n, padded) is True
    assert ops.equals(padded, n) is False
    assert ops.equals(str(n), n) is True
    assert ops.equals(n, f"{n}.0") is True and ops.equals(f"{n}.0", n) is False


@FAST
@given(st.lists(st.one_of(INT32, st.none()), max_size=8), st.one_of(INT32, st.none()))
def test_collection_on_the_left_filters(items: list, x: object) -> None:
    kept = cmp("-eq", items, x)
    assert kept == [e for e in items if ops.equals(e, x)]
    assert cmp("-ne", items, x) == [e for e in items if not ops.equals(e, x)]
    assert len(kept) + len(cmp("-ne", items, x)) == len(items)
    assert cmp("-contains", items, x) == bool(kept)
    assert cmp("-in", x, items) == cmp("-contains", items, x)
    assert cmp("-notin", x, items) == (not cmp("-contains", items, x))


@FAST
@given(st.lists(st.one_of(INT32, st.none()), max_size=5))
def test_null_on_the_left_never_equals_a_collection(items: list) -> None:
    assert cmp("-eq", None, items) is False
    assert cmp("-ne", None, items) is True
    assert cmp("-eq", items, None) == [e for e in items if e is None]


@FAST
@given(st.text(alphabet="abAB", max_size=6), st.text(alphabet="ab*?", max_size=5))
def test_like_matches_a_reference_wildcard_matcher(value: str, pattern: str) -> None:
    expected = fnmatch.fnmatchcase(value.lower(), pattern.lower())
    assert ops.like(value, pattern) is expected
    assert cmp("-notlike", value, pattern) is (not expected)
    assert ops.like(value, pattern, case_sensitive=True) is fnmatch.fnmatchcase(value, pattern)


@FAST
@given(INT32, INT32)
def test_int32_arithmetic_widens_to_double_on_overflow(a: int, b: int) -> None:
    total = ops.add(a, b)
    assert total == a + b
    fits = -2**31 <= a + b <= 2**31 - 1
    assert conv.type_name_of(total) == ("System.Int32" if fits else "System.Double")


@FAST
@given(INT64_ONLY, INT32)
def test_int64_arithmetic_stays_int64(a: int, b: int) -> None:
    total = ops.add(a, b)
    assert total == a + b and isinstance(total, int)
    assert conv.type_name_of(total) == ("System.Int64" if total > 2**31 - 1 else "System.Int32")


@FAST
@given(INT32)
def test_string_round_trip_of_integers(n: int) -> None:
    assert conv.to_int(conv.to_string(n)) == n
    assert ops.equals(conv.to_string(n), n)


@FAST
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
def test_doubles_print_with_fifteen_digits(x: float) -> None:
    text = conv.format_double(x)
    assert math.isclose(float(text), x, rel_tol=1e-14, abs_tol=1e-300)
    assert "e" not in text          # .NET writes E+nn
    digits = text.split("E")[0].lstrip("-").replace(".", "").lstrip("0")
    assert len(digits) <= 15


def test_doubles_print_as_dotnet_framework() -> None:
    assert [conv.format_double(x) for x in (0.1 + 0.2, 1e15, 1e-5, 0.0001, 2.5, -0.0, 1 / 3, 123456789012345678.0)] \
        == ["0.3", "1E+15", "1E-05", "0.0001", "2.5", "0", "0.333333333333333", "1.23456789012346E+17"]


@FAST
@given(st.text(max_size=5))
def test_a_string_is_true_unless_empty(s: str) -> None:
    assert conv.to_bool(s) is (s != "")


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(min_value=-50, max_value=50), min_size=1, max_size=5), st.integers(-50, 50))
def test_the_shell_agrees_with_the_operators(items: list, x: int) -> None:
    sh = _SHELL
    source = f"(@({','.join(map(str, items))}) -ge {x}) -join ','; @({','.join(map(str, items))}) -contains {x}"
    kept = [str(e) for e in items if e >= x]
    assert sh.run(source).text == ",".join(kept) + "\n" + str(x in items)


def test_documented_null_and_string_cases() -> None:
    res = _SHELL.run("$null -eq @(); @() -eq $null; '1' -eq 1; 1 -eq '01'; '01' -eq 1; "
                     "$null -lt 0; 'abc' -lt 'ABD'; 'a' -ceq 'A'")
    assert res.text == "False\nTrue\nTrue\nFalse\nTrue\nTrue\nFalse"


_SHELL = Shell()


@FAST
@given(st.integers(min_value=-10**6, max_value=10**6))
def test_int_conversion_rounds_halves_to_even(n: int) -> None:
    half = conv.to_int(n + 0.5)
    assert half in (n, n + 1) and half % 2 == 0
    assert conv.to_int(repr(n + 0.5)) == half


@FAST
@given(st.text(alphabet="abc", max_size=5), st.text(alphabet="abc", min_size=1, max_size=3))
def test_like_with_a_character_class_matches_the_reference(value: str, chars: str) -> None:
    pattern = "*[" + chars + "]"
    assert ops.like(value, pattern) is fnmatch.fnmatchcase(value, pattern)
