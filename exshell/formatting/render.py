"""Text layout: format entries -> console lines. Column widths (view widths with leftover
dealt left to right, PS 2-4 equal split, PS 5.1 sized from data, -AutoSize, trimming the
rightmost columns to fit), header wrapping, dash lines, alignment, truncation with `...`,
-Wrap, Format-List label padding and value continuation (cell split or word wrap), blank
lines around sequences (PS 2.0-5.1 counts). Per output-format.md §1-§4.

PowerShell's column algorithm is specific, so the layout is computed here directly rather than
with tabulate: exact text wins.
"""

from __future__ import annotations

from typing import Any

from .generate import Block, Group, Interlude, ListSeq, TableSeq, WideSeq

_WORD_WRAP_LANGUAGES = frozenset({"en", "fr", "de", "it", "pt", "es"})


def word_wraps(ctx: Any) -> bool:
    """PS 3+ word-wraps list values and -Wrap cells in these languages; else cells are split."""
    return ctx.profile.ps_major >= 3 and ctx.profile.culture.name.split("-")[0] in _WORD_WRAP_LANGUAGES


# --------------------------------------------------------------------------- splitting
def hard_split(line: str, width: int) -> list[str]:
    """A console line longer than the usable width continues on the next line, cut by cells."""
    if width <= 0 or len(line) <= width:
        return [line]
    return [line[i:i + width] for i in range(0, len(line), width)]


def _words(line: str) -> list[str]:
    """Words each carrying their trailing delimiter (space or tab)."""
    words, current = [], []
    for ch in line:
        current.append(ch)
        if ch in " \t":
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _word_wrap(line: str, width: int) -> list[str]:
    out: list[str] = []
    current, left = "", width
    for word in _words(line):
        if len(word) > width:
            for ch in word:
                if left < 1:
                    out.append(current)
                    current, left = "", width
                current += ch
                left -= 1
        elif len(word) > left:
            out.append(current)
            current, left = word, width - len(word)
        else:
            current += word
            left -= len(word)
    out.append(current)
    return out


def split_text(text: str, width: int, word_wrap: bool) -> list[str]:
    """A value cut into lines of at most `width` cells; embedded newlines start new lines."""
    width = max(width, 1)
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if len(line) <= width:
            out.append(line)
        elif word_wrap:
            out.extend(_word_wrap(line, width))
        else:
            out.extend(hard_split(line, width))
    return out


# --------------------------------------------------------------------------- column widths
def assign_widths(widths: list[int | None], total: int) -> list[int]:
    """ColumnWidthManager: unspecified columns start at 1, the leftover is dealt left to right."""
    fixed = [w is not None and w > 0 for w in widths]
    result = [w if f else 1 for w, f in zip(widths, fixed)]
    available = total - table_width(result)
    if available <= 0 or all(fixed):
        return result
    free = [k for k, f in enumerate(fixed) if not f]
    for i in range(available):
        result[free[i % len(free)]] += 1
    return result


def table_width(widths: list[int]) -> int:
    visible = [w for w in widths if w > 0]
    return sum(visible) + max(len(visible) - 1, 0)


def trim_to_fit(widths: list[int], total: int) -> list[int]:
    """Shrink the rightmost visible column by the excess; hide it (-1) if it would drop below 1."""
    widths = list(widths)
    while table_width(widths) > total:
        visible = [k for k, w in enumerate(widths) if w > 0]
        if not visible:
            break
        last = visible[-1]
        shrunk = widths[last] - (table_width(widths) - total)
        widths[last] = shrunk if shrunk >= 1 else -1
    return widths


def _cell_length(text: str, wrap: bool) -> int:
    """Width a value asks for: its longest line when wrapping, else its cut-at-newline form."""
    if wrap:
        return max(len(line) for line in text.split("\n"))
    return len(text.split("\n", 1)[0]) + (3 if "\n" in text else 0)


def _data_widths(seq: TableSeq) -> list[int]:
    """Each column as wide as its label or longest value. Requested widths do not count: PowerShell
    5.1 sizes from the data only when the first column has none, and then ignores the others'
    (PowerShell issue #14676); -AutoSize ignores them all."""
    rows = [r for g in seq.groups for r in g.rows if isinstance(r, tuple)]
    return [max(len(col.label), max((_cell_length(r[k], seq.wrap) for r in rows), default=0), 1)
            for k, col in enumerate(seq.columns)]


def column_widths(seq: TableSeq, total: int) -> list[int]:
    if seq.mode == "fixed":
        widths = assign_widths([c.width for c in seq.columns], total)
    else:
        widths = _data_widths(seq)
    return trim_to_fit(widths, total)


# --------------------------------------------------------------------------- table text
def _pad(text: str, width: int, align: str) -> str:
    if align == "right":
        return text.rjust(width)
    if align == "center":
        left = (width - len(text)) // 2
        return (" " * left + text).ljust(width)
    return text.ljust(width)


def truncate(text: str, width: int, align: str) -> str:
    """Non-wrap cell: cut at the first newline, then `...` when too long (right keeps the end)."""
    if "\n" in text:
        text = text.split("\n", 1)[0].rstrip("\r") + "..."
    if len(text) <= width:
        return text
    if width > 3:
        return "..." + text[-(width - 3):] if align == "right" else text[:width - 3] + "..."
    return text[-width:] if align == "right" else text[:width]


def _join(cells: list[list[str]], widths: list[int], aligns: list[str]) -> list[str]:
    height = max((len(c) for c in cells), default=1)
    lines = []
    for i in range(height):
        parts = [_pad(c[i] if i < len(c) else "", w, a) for c, w, a in zip(cells, widths, aligns)]
        lines.append(" ".join(parts).rstrip())
    return lines


def _visible(seq: TableSeq, widths: list[int]) -> list[int]:
    return [k for k, w in enumerate(widths) if w > 0]


def header_lines(seq: TableSeq, widths: list[int], word_wrap: bool) -> list[str]:
    ks = _visible(seq, widths)
    ws = [widths[k] for k in ks]
    aligns = [seq.columns[k].align for k in ks]
    labels = [split_text(seq.columns[k].label, widths[k], word_wrap) for k in ks]
    dashes = [["-" * min(len(seq.columns[k].label), widths[k])] for k in ks]
    return _join(labels, ws, aligns) + _join(dashes, ws, aligns)


def row_lines(seq: TableSeq, row: tuple[str, ...], widths: list[int], word_wrap: bool) -> list[str]:
    ks = _visible(seq, widths)
    ws = [widths[k] for k in ks]
    aligns = [seq.columns[k].align for k in ks]
    if seq.wrap:
        cells = [split_text(row[k], widths[k], word_wrap) for k in ks]
    else:
        cells = [[truncate(row[k], widths[k], seq.columns[k].align)] for k in ks]
    return _join(cells, ws, aligns)


def table_lines(seq: TableSeq, ctx: Any, interlude: Any) -> list[str]:
    total = ctx.profile.usable_width
    widths = column_widths(seq, total)
    wrap = word_wraps(ctx)
    lines = [""]
    for group in seq.groups:
        if group.label is not None:
            lines += ["", group.label] + [""] * group.blank_after
        if not seq.hide_headers:
            lines += header_lines(seq, widths, wrap)
        for row in group.rows:
            lines += interlude(row) if isinstance(row, Interlude) else row_lines(seq, row, widths, wrap)
        lines.append("")
    return lines + [""]


# --------------------------------------------------------------------------- lists
def record_lines(pairs: tuple[tuple[str, str], ...], ctx: Any) -> list[str]:
    """One Format-List object (ListWriter): labels padded to this object's longest, clipped when
    the screen leaves less than one cell for the value; values continued under the first."""
    width = ctx.profile.usable_width
    if not pairs or width - 3 - 1 - 1 < 0:
        return []
    label_width = min(max(len(label) for label, _ in pairs), width - 3 - 1)
    field = width - (label_width + 3)
    indent = " " * (label_width + 3)
    wrap = word_wraps(ctx)
    lines = []
    for label, value in pairs:
        parts = split_text(value, field, wrap)
        lines.append((label[:label_width].ljust(label_width) + " : " + parts[0]).rstrip())
        lines += [(indent + p).rstrip() for p in parts[1:]]
    return lines


def list_lines(seq: ListSeq, ctx: Any, interlude: Any) -> list[str]:
    lines = [""]
    for group in seq.groups:
        lines += ["", group.label, ""] if group.label is not None else [""]
        for item in group.rows:
            if item.kind == "list":
                lines += record_lines(item.payload, ctx) + [""]
            else:
                lines += interlude(item)
        lines.append("")
    return lines + [""]


def wide_lines(seq: WideSeq, ctx: Any) -> list[str]:
    """Format-Wide: values dealt into equal columns (-Column N, two by default, or as many as the
    longest value allows with -AutoSize), each group under its -GroupBy label."""
    total = ctx.profile.usable_width
    if seq.columns:
        n = seq.columns
    elif seq.auto_size:
        longest = max((len(v) for g in seq.groups for v in g.rows), default=1)
        n = max(total // (longest + 1), 1)
    else:
        n = 2
    widths = trim_to_fit(assign_widths([None] * n, total), total)
    shown = [w for w in widths if w > 0]
    lines = [""]
    for group in seq.groups:
        if group.label is not None:
            lines += ["", group.label, ""]
        for i in range(0, len(group.rows), n):
            cells = [[truncate(v, w, "left")] for v, w in zip(group.rows[i:i + n], widths) if w > 0]
            lines += _join(cells, shown, ["left"] * len(cells))
        lines.append("")
    return lines + [""]


# --------------------------------------------------------------------------- blocks
def block_lines(block: Block, ctx: Any, error_lines: Any) -> list[str]:
    """Lines of one generated block; `error_lines(record)` draws error records."""

    def interlude(item: Interlude) -> list[str]:
        if item.kind == "list":
            return [""] + record_lines(item.payload, ctx) + [""]
        if item.kind == "error":
            return error_lines(item.payload)
        return [line for text in item.payload for line in hard_split(text, ctx.profile.usable_width)]

    if isinstance(block, TableSeq):
        return table_lines(block, ctx, interlude)
    if isinstance(block, ListSeq):
        return list_lines(block, ctx, interlude)
    if isinstance(block, WideSeq):
        return wide_lines(block, ctx)
    return interlude(block)


__all__ = ["block_lines", "split_text", "hard_split", "word_wraps", "assign_widths", "trim_to_fit",
           "truncate", "record_lines", "Group"]
