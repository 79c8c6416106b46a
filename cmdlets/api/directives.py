"""Format directives: what Format-* cmdlets emit. Data, not text; exshell renders them."""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class PropertySpec:
    """One column/entry: a property name (wildcards allowed) or a calculated property.

    ``expression`` is a script block (opaque here: exshell evaluates it) or None when ``name``
    names the property. ``label`` overrides the header; ``width``/``alignment`` come from
    @{Width=..; Alignment=..} on Format-Table; ``format_string`` from FormatString.
    """

    name: str
    expression: Any = None
    label: str | None = None
    width: int | None = None
    alignment: str | None = None      # "Left" | "Right" | "Center"
    format_string: str | None = None


@attrs.frozen
class FormatDirective:
    """The collected input of one Format-List/-Table/-Wide call, to be drawn as a whole."""

    shape: str                                  # "list" | "table" | "wide"
    objects: tuple[Any, ...]
    properties: tuple[PropertySpec, ...] = ()   # empty: the view's / default properties
    auto_size: bool = False
    wrap: bool = False
    hide_table_headers: bool = False
    group_by: PropertySpec | None = None
    column: int | None = None                   # Format-Wide -Column
    view: str | None = None                     # -View name
    enumeration_limit: int | None = None        # $global:FormatEnumerationLimit when the command began
