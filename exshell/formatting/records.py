"""Error, warning, verbose, debug and WhatIf text, per output-format.md §8: the ErrorRecord view
of PowerShell 2.0 (`<<<<` marker) and 3.0-5.1 (`~~~` line, parse errors position-first),
Exchange remote errors (no prefix, no position, `+ PSComputerName` on 3.0+), the `+` line
chunk-and-split wrapping, and the console host's word wrap for WARNING/VERBOSE/DEBUG/What if lines.
"""

from __future__ import annotations

from typing import Any

from cmdlets.api.errors import ErrorRecord, InvocationInfo

from .render import hard_split
from .values import to_string


# --------------------------------------------------------------------------- host word wrap
def _units(text: str) -> list[str]:
    """Words and runs of spaces, in order."""
    units: list[str] = []
    for ch in text:
        if units and (ch == " ") == (units[-1][0] == " "):
            units[-1] += ch
        else:
            units.append(ch)
    return units


def host_wrap(text: str, width: int) -> list[str]:
    """ConsoleHostUserInterface.WrapText: a word that does not fit starts a new line; a run of
    spaces that does not fit fills the line exactly and the rest begins the next one."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        current = ""
        for unit in _units(raw):
            room = width - len(current)
            if len(unit) <= room:
                current += unit
            elif unit[0] == " ":
                lines.append(current + unit[:room])
                current = unit[room:]
            elif current:
                lines.append(current)
                current = unit
            else:
                current = unit
            while len(current) > width:
                lines.append(current[:width])
                current = current[width:]
        lines.append(current)
    return [line.rstrip() for line in lines]


def prefixed_lines(prefix: str, message: str, ctx: Any) -> list[str]:
    return host_wrap(prefix + message, ctx.profile.width - 1)


# --------------------------------------------------------------------------- error records
def _ellipsize(text: str) -> str:
    """ErrorCategoryInfo shortens any part longer than 40 characters to first...last 15."""
    text = text or ""
    return text if len(text) <= 40 else f"{text[:15]}...{text[-15:]}"


def category_info(record: ErrorRecord, culture: Any) -> str:
    target = _ellipsize(to_string(record.target, culture) if record.target is not None else "")
    return (f"{record.category}: ({target}:{_ellipsize(record.target_type)}) "
            f"[{_ellipsize(record.activity)}], {_ellipsize(record.exception_name)}")


def plus_lines(name: str, value: str, ctx: Any) -> list[str]:
    """`    + Name : value`: chunks of (width - 6) each prefixed by 4 spaces, then hard split."""
    text = f"+ {name.ljust(21)} : {value}"
    size = max(ctx.profile.width - 6, 1)
    logical = "".join("    " + text[i:i + size] for i in range(0, len(text), size))
    return [line.rstrip() for line in hard_split(logical, ctx.profile.usable_width)]


def _location(inv: InvocationInfo, char: int) -> str:
    where = f"{inv.script_name}:{inv.line}" if inv.script_name else f"line:{inv.line}"
    return f"At {where} char:{char}"


def position_lines(inv: InvocationInfo, ps_major: int) -> list[str]:
    """`At line:L char:C` and the marked source line (PS 2.0 `<<<<`, PS 3+ `~~~`)."""
    text = inv.line_text.rstrip("\r\n")
    length = max(inv.length, 1)
    if ps_major < 3:
        end = min(inv.column - 1 + length, len(text))
        return [_location(inv, inv.column + length), f"+ {text[:end]} <<<< {text[end:]}"]
    indent = len(text) - len(text.lstrip())
    body = text[indent:]
    start = max(inv.column - 1 - indent, 0)
    return [_location(inv, inv.column), f"+ {body}", "+ " + " " * start + "~" * length]


def _has_position(record: ErrorRecord) -> bool:
    inv = record.invocation
    return not record.remote and inv is not None and inv.line > 0


def _prefix(record: ErrorRecord, ps_major: int) -> str:
    inv = record.invocation
    if record.remote or inv is None or not inv.command_name:
        return ""
    if ps_major < 3 and record.exception_name == "CommandNotFoundException":
        return ""   # PS 2.0 only names commands that were found
    return f"{inv.command_name} : "


def message_part(record: ErrorRecord, ctx: Any) -> list[str]:
    ps_major = ctx.profile.ps_major
    text = _prefix(record, ps_major) + record.message
    lines = text.replace("\r\n", "\n").split("\n")
    if not _has_position(record):
        return lines
    position = position_lines(record.invocation, ps_major)
    if record.category == "ParserError" and ps_major >= 3 and not record.invocation.command_name:
        return position + lines      # a command's parse error (Invoke-Expression) keeps message first
    return lines + position


def error_lines(record: ErrorRecord, ctx: Any) -> list[str]:
    """The whole error block, ending with the line that holds a single space (empty here)."""
    width = ctx.profile.usable_width
    lines = [part.rstrip() for line in message_part(record, ctx) for part in hard_split(line, width)]
    lines += plus_lines("CategoryInfo", category_info(record, ctx.profile.culture), ctx)
    lines += plus_lines("FullyQualifiedErrorId", record.fully_qualified_error_id, ctx)
    if shows_computer_name(record, ctx):
        lines += plus_lines("PSComputerName", record.computer_name, ctx)
    return lines + [""]


def shows_computer_name(record: ErrorRecord, ctx: Any) -> bool:
    """PowerShell 3.0+ adds `+ PSComputerName` to errors that came back over remoting (EMS is a
    remote session to an Exchange server); PowerShell 2.0's error view has no such line."""
    return bool(record.computer_name) and record.remote and ctx.profile.remote and ctx.profile.ps_major >= 3
