"""The output formatting engine: what Out-Default, the error stream and the host's WARNING /
VERBOSE / DEBUG / What if lines look like in the Exchange Management Shell.

`render_output` takes one pipeline's output (objects and FormatDirectives, in order) and
returns console lines; the other functions draw one record each. The layout rules live in
generate.py (shapes), render.py (text), records.py (errors and host messages), values.py
(one value), views.py (data). Reference: shared reference/output-format.md.
"""

from __future__ import annotations

from typing import Any, Callable

import attrs

from cmdlets.api.profile import Profile

__all__ = [
    "FormatContext", "HostLines", "render_output", "render_error", "render_warning", "render_verbose",
    "render_debug", "render_whatif", "to_display_string", "to_string",
]


@attrs.frozen
class FormatContext:
    """What the formatter needs from the session."""

    profile: Profile                                   # version, width (buffer; usable = width-1), culture
    enumeration_limit: int = 16                        # $FormatEnumerationLimit (EMS 16, PowerShell 4)
    evaluate: Callable[[Any, Any], Any] | None = None  # evaluate(scriptblock, obj) for calculated properties


@attrs.frozen
class HostLines:
    """Lines the host wrote while Out-Default was drawing (WARNING, VERBOSE, DEBUG, What if, an
    error block, Write-Host): put in render_output's items, they appear where they came and do
    not end the table or list being drawn, as in the real console."""

    lines: tuple[str, ...]


def render_output(items: list, ctx: FormatContext, console: bool = True) -> list[str]:
    """Out-Default for one pipeline's output: console lines, no trailing spaces, no ANSI.

    The console cuts a line longer than the usable width into lines of that width (a long
    -GroupBy label, a list label wider than the screen); Out-String (``console=False``) keeps it.
    """
    from .generate import out_default_blocks
    from .records import error_lines
    from .render import block_lines, hard_split

    lines: list[str] = []
    for block in out_default_blocks(list(items), ctx):
        lines += block_lines(block, ctx, lambda record: error_lines(record, ctx))
    if console:
        lines = [part for line in lines for part in hard_split(line, ctx.profile.usable_width)]
    return [line.rstrip() for line in lines]


def render_error(record: Any, ctx: FormatContext) -> list[str]:
    """An error record's block as the console shows it (PS 2.0 or 3+ layout by profile)."""
    from .records import error_lines

    return error_lines(record, ctx)


def render_warning(message: str, ctx: FormatContext) -> list[str]:
    from .records import prefixed_lines

    return prefixed_lines("WARNING: ", message, ctx)


def render_verbose(message: str, ctx: FormatContext) -> list[str]:
    from .records import prefixed_lines

    return prefixed_lines("VERBOSE: ", message, ctx)


def render_debug(message: str, ctx: FormatContext) -> list[str]:
    from .records import prefixed_lines

    return prefixed_lines("DEBUG: ", message, ctx)


def render_whatif(action: str, ctx: FormatContext) -> list[str]:
    """`What if: <action>`, word-wrapped like a warning."""
    from .records import prefixed_lines

    return prefixed_lines("What if: ", action, ctx)


def to_display_string(value: Any, ctx: FormatContext) -> str:
    """One value as a table cell or list value shows it (collections in braces, limit applied)."""
    from .values import display_string

    return display_string(value, ctx.profile.culture, ctx.enumeration_limit)


def to_string(value: Any, culture: Any = None) -> str:
    """.NET ToString() of one value; the language uses it for string conversion."""
    from .values import to_string as _to_string

    return _to_string(value, culture)
