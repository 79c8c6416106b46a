"""Objects -> format entries: Out-Default's shape decisions (view, table/list by property
count, out-of-band objects, scalars) and Format-List/-Table/-Wide directives, turned into
sequences of display strings that render.py lays out. Per output-format.md §2.6, §3, §4.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
from typing import Any

import attrs

from cmdlets.api.directives import FormatDirective, PropertySpec
from cmdlets.api.errors import ErrorRecord
from cmdlets.api.values import PSHashtable, PSObject

from . import HostLines
from .values import display_string, is_collection, is_right_aligned, is_scalar, to_string
from .views import TableView, find_display_set, find_view, prefers_list, view_covers

# remoting bookkeeping the default displays leave out
_REMOTING = frozenset({"pscomputername", "psshowcomputername", "pssourcejobinstanceid"})
TIMESPAN = "System.TimeSpan"
DICTIONARY_ENTRY = "System.Collections.DictionaryEntry"
MAX_DEFAULT_COLUMNS = 10


# Plain slotted classes rather than attrs ones: they are built on the one-shot path, where
# attrs' class generation would cost more than the rendering itself.
class Column:
    """One table column: label, how to get the value, requested width and alignment."""

    __slots__ = ("label", "prop", "expression", "format_string", "width", "align")

    def __init__(self, label: str, prop: str | None = None, expression: Any = None,
                 format_string: str | None = None, width: int | None = None, align: str = "left"):
        self.label, self.prop, self.expression = label, prop, expression
        self.format_string, self.width, self.align = format_string, width, align

    def aligned(self, align: str) -> "Column":
        return Column(self.label, self.prop, self.expression, self.format_string, self.width, align)


class Interlude:
    """Something written in the middle of a sequence: "text" lines, a "list" record, an "error"."""

    __slots__ = ("kind", "payload")

    def __init__(self, kind: str, payload: Any):
        self.kind, self.payload = kind, payload


class Group:
    """A run of rows (or list records) under one -GroupBy label (None: no label)."""

    __slots__ = ("label", "rows", "blank_after")

    def __init__(self, label: str | None, rows: list | None = None, blank_after: int = 1):
        self.label = label
        self.rows = [] if rows is None else rows
        self.blank_after = blank_after          # blank lines under the label (a view's header may want two)


class TableSeq:
    __slots__ = ("columns", "groups", "mode", "wrap", "hide_headers", "view")

    def __init__(self, columns: list[Column], groups: list[Group], mode: str, wrap: bool = False,
                 hide_headers: bool = False, view: TableView | None = None):
        self.columns, self.groups = columns, groups
        self.mode = mode                        # "fixed" | "data" | "auto"
        self.wrap, self.hide_headers, self.view = wrap, hide_headers, view


class ListSeq:
    __slots__ = ("groups",)

    def __init__(self, groups: list[Group]):
        self.groups = groups


class WideSeq:
    __slots__ = ("groups", "columns", "auto_size")

    def __init__(self, groups: list[Group], columns: int | None, auto_size: bool = False):
        self.groups, self.columns, self.auto_size = groups, columns, auto_size


Block = TableSeq | ListSeq | WideSeq | Interlude


# --------------------------------------------------------------------------- object expansion
def timespan_object(value: _dt.timedelta) -> PSObject:
    """A TimeSpan as the property bag Out-Default lists."""
    ticks = (value.days * 86400 + value.seconds) * 10_000_000 + value.microseconds * 10
    sign = -1 if ticks < 0 else 1
    t = abs(ticks)
    ms_total = t // 10_000
    props = [
        ("Days", sign * (t // 864_000_000_000)), ("Hours", sign * (t // 36_000_000_000 % 24)),
        ("Minutes", sign * (t // 600_000_000 % 60)), ("Seconds", sign * (t // 10_000_000 % 60)),
        ("Milliseconds", sign * (ms_total % 1000)), ("Ticks", ticks),
        ("TotalDays", ticks / 864_000_000_000), ("TotalHours", ticks / 36_000_000_000),
        ("TotalMinutes", ticks / 600_000_000), ("TotalSeconds", ticks / 10_000_000),
        ("TotalMilliseconds", ticks / 10_000),
    ]
    return PSObject((TIMESPAN, "System.ValueType", "System.Object"),
                    [(k, _integral(v)) for k, v in props], to_string=to_string(value))


def _integral(v: Any) -> Any:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def dictionary_entries(value: dict) -> list[PSObject]:
    return [PSObject((DICTIONARY_ENTRY, "System.ValueType", "System.Object"),
                     [("Name", k), ("Value", v)], to_string="System.Collections.DictionaryEntry")
            for k, v in value.items()]


def expand(items: Any) -> list:
    """Enumerate like the pipeline: lists flatten, hashtables become entries, TimeSpans bags."""
    out: list = []
    for item in items:
        if is_collection(item):
            out.extend(expand(item))
        elif isinstance(item, (PSHashtable, dict)):
            out.extend(dictionary_entries(item))
        elif isinstance(item, _dt.timedelta):
            out.append(timespan_object(item))
        elif item is not None:
            out.append(item)
    return out


# --------------------------------------------------------------------------- properties
def table_properties(obj: PSObject) -> list[tuple[str, Any]]:
    """What a viewless table shows: no hidden names, never RunspaceId (EMS rule)."""
    return [(k, v) for k, v in obj.ps_properties()
            if k.lower() not in obj.hidden and k.lower() not in _REMOTING and k.lower() != "runspaceid"]


def list_properties(obj: PSObject) -> list[tuple[str, Any]]:
    """What Format-List shows by default: every property in declaration order."""
    return [(k, v) for k, v in obj.ps_properties()
            if k.lower() not in _REMOTING and (k.lower() not in obj.hidden or k.lower() == "runspaceid")]


def default_properties(obj: PSObject, for_list: bool) -> list[tuple[str, Any]]:
    """What a default display shows: the type's default display property set if it has one."""
    names = find_display_set(obj.type_names)
    if names is None:
        return list_properties(obj) if for_list else table_properties(obj)
    return [(obj.real_name(n) or n, obj.get(n)) for n in names if obj.has(n)]


def _value(obj: Any, col: Column, ctx: Any) -> Any:
    if col.expression is not None:
        return ctx.evaluate(col.expression, obj) if ctx.evaluate is not None else None
    if callable(col.prop):
        return col.prop(obj) if isinstance(obj, PSObject) else None
    if isinstance(obj, PSObject):
        return obj.get(col.prop or "")
    if isinstance(obj, str) and (col.prop or "").lower() == "length":
        return len(obj)
    return None


def cell_text(obj: Any, col: Column, ctx: Any) -> str:
    value = _value(obj, col, ctx)
    if col.format_string and value is not None:
        from cmdlets.api.dotnet_format import composite_format

        culture = ctx.profile.culture
        return composite_format("{0:" + col.format_string + "}", [value], culture,
                                lambda v: to_string(v, culture))
    return display_string(value, ctx.profile.culture, ctx.enumeration_limit)


def _expand_specs(specs: tuple[PropertySpec, ...], obj: Any) -> list[Column]:
    """Property names (wildcards allowed) and calculated properties -> columns for this object."""
    names = [k for k, _ in obj.ps_properties()] if isinstance(obj, PSObject) else []
    cols: list[Column] = []
    for spec in specs:
        align = (spec.alignment or "").lower()      # "": decided by the first object's value
        if spec.expression is not None:
            cols.append(Column(spec.label or spec.name, None, spec.expression, spec.format_string,
                               spec.width, align))
        elif any(ch in spec.name for ch in "*?["):
            for name in names:
                if fnmatch.fnmatchcase(name.lower(), spec.name.lower()):
                    cols.append(Column(name, name, None, spec.format_string, spec.width, align))
        else:
            real = obj.real_name(spec.name) if isinstance(obj, PSObject) else None
            cols.append(Column(spec.label or real or spec.name, real or spec.name, None,
                               spec.format_string, spec.width, align))
    return cols


# --------------------------------------------------------------------------- list records
def list_record(obj: Any, specs: tuple[PropertySpec, ...], ctx: Any) -> Interlude:
    """One object as Format-List shows it: (label, value text) pairs."""
    if specs:
        cols = _expand_specs(specs, obj)
    else:
        cols = [Column(k, k) for k, _ in default_properties(obj, True)] if isinstance(obj, PSObject) else []
    return Interlude("list", tuple((c.label, cell_text(obj, c, ctx)) for c in cols))


def _scalar_lines(obj: Any, ctx: Any, standalone: bool) -> Interlude:
    if isinstance(obj, ErrorRecord):
        return Interlude("error", obj)
    if isinstance(obj, _dt.datetime):
        from cmdlets.api.dotnet_format import format_datetime

        # Get-Date -DisplayHint Date|Time shows only that half (PowerShell's DateTime view)
        pattern = {"Date": "D", "Time": "T"}.get(getattr(obj, "display_hint", ""), "F")
        text = format_datetime(obj, pattern, ctx.profile.culture)
        return Interlude("text", ["", text, "", ""] if standalone else [text])
    return Interlude("text", to_string(obj, ctx.profile.culture).split("\n"))


def is_out_of_band(obj: Any) -> bool:
    """Scalars, error records and bags with nothing to show are written on their own."""
    if isinstance(obj, (ErrorRecord, _dt.datetime)) or is_scalar(obj):
        return True
    if isinstance(obj, PSObject):
        return not table_properties(obj) and not list_properties(obj)
    return True


# --------------------------------------------------------------------------- tables
def _table_mode(cols: list[Column], ctx: Any, auto_size: bool) -> str:
    if auto_size:
        return "auto"
    if cols and cols[0].width is None and ctx.profile.ps_major >= 5:
        return "data"
    return "fixed"


def view_table(view: TableView, ctx: Any) -> TableSeq:
    widths = view.widths or (None,) * len(view.labels)
    aligns = view.aligns or ("left",) * len(view.labels)
    cols = [Column(label, prop, width=w, align=a)
            for label, prop, w, a in zip(view.labels, view.properties, widths, aligns)]
    return TableSeq(cols, [Group(None)], _table_mode(cols, ctx, view.auto_size), wrap=view.wrap, view=view)


def _aligned(cols: list[Column], obj: Any, ctx: Any, explicit: bool) -> list[Column]:
    out = []
    for col in cols:
        if explicit and col.align:
            out.append(col)
            continue
        right = is_right_aligned(_value(obj, col, ctx), ctx.profile.remote and _is_exchange(obj))
        out.append(col.aligned("right" if right else "left"))
    return out


def _is_exchange(obj: Any) -> bool:
    return isinstance(obj, PSObject) and any("exchange" in t.lower() for t in obj.type_names)


def property_table(obj: Any, specs: tuple[PropertySpec, ...], ctx: Any, auto_size: bool = False) -> TableSeq:
    """A table without a view: columns from the given properties or the first object's own."""
    if specs:
        cols = _aligned(_expand_specs(specs, obj), obj, ctx, True)
    else:
        props = default_properties(obj, False)[:MAX_DEFAULT_COLUMNS] if isinstance(obj, PSObject) else []
        cols = _aligned([Column(k, k) for k, _ in props], obj, ctx, False)
    return TableSeq(cols, [Group(None)], _table_mode(cols, ctx, auto_size))


def table_row(obj: Any, seq: TableSeq, ctx: Any) -> tuple[str, ...]:
    return tuple(cell_text(obj, c, ctx) for c in seq.columns)


# --------------------------------------------------------------------------- Out-Default
class _OutDefault:
    """The state machine of one Out-Default call: the first object decides the shape."""

    def __init__(self, ctx: Any):
        self.ctx = ctx
        self.blocks: list[Block] = []
        self.current: TableSeq | ListSeq | None = None

    def close(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current)
            self.current = None

    def interlude(self, item: Interlude) -> None:
        if self.current is None:
            self.blocks.append(item)
        else:
            self.current.groups[-1].rows.append(item)

    def add(self, obj: Any) -> None:
        if isinstance(obj, FormatDirective):
            self.close()
            self.blocks.extend(directive_blocks(obj, self.ctx))
        elif isinstance(obj, HostLines):
            self.interlude(Interlude("text", list(obj.lines)))
        elif is_out_of_band(obj):
            self.interlude(_scalar_lines(obj, self.ctx, self.current is None))
        elif self.current is None:
            self.start(obj)
        else:
            self.append(obj)

    def start(self, obj: Any) -> None:
        view = find_view(obj.type_names, self.ctx.profile.exchange_version) if isinstance(obj, PSObject) else None
        if view is not None:
            self.current = view_table(view, self.ctx)
        elif (isinstance(obj, PSObject) and 0 < len(default_properties(obj, False)) <= 4
              and not prefers_list(obj.type_names)):
            self.current = property_table(obj, (), self.ctx)
        else:
            self.current = ListSeq([Group(None)])
        self.append(obj)

    def append(self, obj: Any) -> None:
        seq = self.current
        if isinstance(seq, TableSeq) and seq.view is not None and seq.view.group_by \
                and view_covers(seq.view, getattr(obj, "type_names", ())):
            self.regroup(seq, obj)
        seq.groups[-1].rows.append(entry(seq, obj, (), self.ctx))

    def regroup(self, seq: TableSeq, obj: Any) -> None:
        """A view that groups (Get-Member's TypeName:, the FileSystem view's Directory:) starts a
        labelled group each time the grouping property's value changes."""
        view = seq.view
        if view.group_label:
            label, blank_after = view.group_label.format(obj.get(view.group_by, "")), 2
        else:
            label, blank_after = _group_label(PropertySpec(view.group_by), obj, self.ctx), 1
        if seq.groups[-1].label != label:
            if seq.groups[-1].label is None and not seq.groups[-1].rows:
                seq.groups.pop()
            seq.groups.append(Group(label, blank_after=blank_after))


def out_default_blocks(items: list, ctx: Any) -> list[Block]:
    machine = _OutDefault(ctx)
    for item in expand(items):
        machine.add(item)
    machine.close()
    return machine.blocks


# --------------------------------------------------------------------------- directives
def _group_label(spec: PropertySpec, obj: Any, ctx: Any) -> str:
    col = Column(spec.label or spec.name, spec.name if spec.expression is None else None, spec.expression)
    return f"   {col.label}: {cell_text(obj, col, ctx)}"


def _grouped(seq: TableSeq | ListSeq | WideSeq, obj: Any, directive: FormatDirective, ctx: Any) -> Group:
    if directive.group_by is None:
        return seq.groups[-1]
    label = _group_label(directive.group_by, obj, ctx)
    if seq.groups[-1].label != label:
        if seq.groups[-1].label is None and not seq.groups[-1].rows:
            seq.groups.pop()
        seq.groups.append(Group(label))
    return seq.groups[-1]


def directive_blocks(directive: FormatDirective, ctx: Any) -> list[Block]:
    """Format-List / -Table / -Wide: one sequence; scalars and error records are written out of band."""
    objects = expand(directive.objects)
    if directive.enumeration_limit is not None:
        ctx = attrs.evolve(ctx, enumeration_limit=directive.enumeration_limit)
    if directive.shape == "wide":
        return [_wide(directive, objects, ctx)]
    blocks: list[Block] = []
    seq: TableSeq | ListSeq | None = None
    for obj in objects:
        if is_out_of_band(obj):
            (seq.groups[-1].rows if seq is not None else blocks).append(_scalar_lines(obj, ctx, False))
            continue
        if seq is None:
            seq = ListSeq([Group(None)]) if directive.shape == "list" else _first_table(directive, obj, ctx)
            blocks.append(seq)
        _grouped(seq, obj, directive, ctx).rows.append(entry(seq, obj, directive.properties, ctx))
    return blocks


def entry(seq: TableSeq | ListSeq, obj: Any, specs: tuple[PropertySpec, ...], ctx: Any) -> Any:
    """One object inside a sequence: a list record, a table row, or, for an object the table's
    view does not cover, a list written out of band (§2.6)."""
    if isinstance(seq, ListSeq):
        return list_record(obj, specs, ctx)
    if seq.view is not None and not view_covers(seq.view, getattr(obj, "type_names", ())):
        return list_record(obj, (), ctx)
    return table_row(obj, seq, ctx)


def _first_table(directive: FormatDirective, obj: Any, ctx: Any) -> TableSeq:
    view = None
    if not directive.properties and isinstance(obj, PSObject):
        view = find_view(obj.type_names, ctx.profile.exchange_version)
    if view is not None:
        seq = view_table(view, ctx)
        if directive.auto_size:
            seq.mode = "auto"
    else:
        seq = property_table(obj, directive.properties, ctx, directive.auto_size)
    seq.wrap = seq.wrap or directive.wrap
    seq.hide_headers = directive.hide_table_headers
    return seq


# MshObjectUtil.GetDisplayNameExpression: the first property matching one of these, in order
_DISPLAY_NAME_PATTERNS = ("name", "id", "key", "*key", "*name", "*id")


def display_name_property(obj: Any) -> str | None:
    """The property Format-Wide shows when none is given (remoting bookkeeping never counts)."""
    if not isinstance(obj, PSObject):
        return None
    names = [k for k, _ in obj.ps_properties() if k.lower() not in _REMOTING and k.lower() != "runspaceid"]
    for pattern in _DISPLAY_NAME_PATTERNS:
        for name in names:
            if fnmatch.fnmatchcase(name.lower(), pattern):
                return name
    return None


def _wide_column(obj: Any, directive: FormatDirective) -> Column:
    if directive.properties:
        spec = directive.properties[0]
        return Column(spec.label or spec.name, spec.name if spec.expression is None else None, spec.expression)
    name = display_name_property(obj)
    return Column(name, name) if name is not None else Column("", None)


def _wide(directive: FormatDirective, objects: list, ctx: Any) -> WideSeq:
    seq = WideSeq([Group(None)], directive.column, directive.auto_size)
    col = _wide_column(objects[0], directive) if objects else Column("", None)
    for obj in objects:
        if col.prop is None and col.expression is None:
            value = to_string(obj, ctx.profile.culture)
        else:
            value = cell_text(obj, col, ctx)
        _grouped(seq, obj, directive, ctx).rows.append(value)
    return seq
