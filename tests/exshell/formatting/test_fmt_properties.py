"""Properties of the layout that hold for any input: nothing is wider than the console, a
PowerShell 2.0 list value comes back whole from its continuation lines, a table row always has
the table's line count."""

from __future__ import annotations

from conftest import make_ctx
from hypothesis import given, settings
from hypothesis import strategies as st

from cmdlets.api.directives import FormatDirective
from cmdlets.api.values import PSObject
from exshell.formatting import render_output

NAMES = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij", min_size=1, max_size=24)
VALUES = st.one_of(st.text(alphabet="abcdefghij XYZ-\\.", max_size=120), st.integers(-10**12, 10**12),
                   st.booleans(), st.none(), st.lists(st.text(alphabet="abc", max_size=6), max_size=6))


@st.composite
def objects(draw):
    names = draw(st.lists(NAMES, min_size=1, max_size=8, unique_by=str.lower))
    return [PSObject(properties=[(n, draw(VALUES)) for n in names]) for _ in range(draw(st.integers(1, 4)))]


@settings(max_examples=40, deadline=None)
@given(objs=objects(), width=st.integers(20, 140), version=st.sampled_from(["2010", "2013", "2016"]),
       shape=st.sampled_from(["default", "table", "list", "wide"]))
def test_no_console_line_is_wider_than_the_usable_width(objs, width, version, shape):
    items = objs if shape == "default" else [FormatDirective(shape, tuple(objs))]
    ctx = make_ctx(version, width)
    lines = render_output(items, ctx)
    assert all(len(line) <= width - 1 for line in lines)
    assert render_output(items, ctx) == lines          # same input, same text


@settings(max_examples=40, deadline=None)
@given(value=st.text(alphabet="abcdefgh ", min_size=1, max_size=300), width=st.integers(30, 120))
def test_ps2_list_value_split_by_cells_joins_back(value, width):
    obj = PSObject(properties=[("Value", value), ("ReplicationType", "Remote")])
    lines = render_output([FormatDirective("list", (obj,))], make_ctx("2010", width, remote=False))
    start = lines.index(next(line for line in lines if line.startswith("Value")))
    end = lines.index(next(line for line in lines if line.startswith("ReplicationType")))
    field = width - 1 - len("ReplicationType : ")
    parts = [lines[start][len("ReplicationType : "):]] + [line[len("ReplicationType : "):] for line in lines[start + 1:end]]
    # trailing spaces are stripped from console lines: pad every full line back to the field width
    joined = "".join(p.ljust(field) for p in parts[:-1]) + parts[-1]
    assert joined == value.rstrip()
