"""Sort-Object, Group-Object, Measure-Object, Compare-Object and Tee-Object: whole-input tools
of Microsoft.PowerShell.Utility with Windows PowerShell 5.1's parameters and output types."""

from __future__ import annotations

import functools
from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSCUSTOMOBJECT, PSHashtable, PSObject
from cmdlets.builtins.output import CollectingCmdlet

GROUP_INFO = "Microsoft.PowerShell.Commands.GroupInfo"
GROUP_INFO_NO_ELEMENT = "Microsoft.PowerShell.Commands.GroupInfoNoElement"
MEASURE_INFO = "Microsoft.PowerShell.Commands.GenericMeasureInfo"
TEXT_MEASURE_INFO = "Microsoft.PowerShell.Commands.TextMeasureInfo"
_MEASURE_BASE = "Microsoft.PowerShell.Commands.MeasureInfo"


def is_script_block(value: Any) -> bool:
    return getattr(value, "ps_type_name", "") == "System.Management.Automation.ScriptBlock"


class _Key:
    """One sort/group key: a property name, a script block, or a calculated-property hashtable."""

    def __init__(self, spec: Any, runtime: Any):
        self.descending: bool | None = None
        self.expression: Any = spec
        if isinstance(spec, dict):
            table = {str(k).lower(): v for k, v in spec.items()}
            self.expression = table.get("expression", table.get("e"))
            if "descending" in table:
                self.descending = runtime.convert(table["descending"], "bool")
            elif "ascending" in table:
                self.descending = not runtime.convert(table["ascending"], "bool")
        self.runtime = runtime

    def value(self, item: Any) -> Any:
        expr = self.expression
        if expr is None:
            return item
        if not is_script_block(expr):
            return self.runtime.get_property(item, self.runtime.to_string(expr))
        out = self.runtime.invoke_script(expr, dollar_under=item)
        if not out:
            return None
        return out[0] if len(out) == 1 else out


def _keys(specs: list[Any] | None, runtime: Any) -> list[_Key]:
    return [_Key(s, runtime) for s in specs or []]


def _safe_compare(runtime: Any, a: Any, b: Any, case_sensitive: bool) -> int:
    """PowerShell's ordering; values that cannot be compared fall back to their text."""
    if case_sensitive and isinstance(a, str) and isinstance(b, str):
        x, y = (a.lower(), a.swapcase()), (b.lower(), b.swapcase())   # culture order: a < A < b < B
        return (x > y) - (x < y)
    try:
        return runtime.compare(a, b, case_sensitive)
    except Exception:   # noqa: BLE001 - an incomparable pair orders as text, as OrderByProperty does
        return runtime.compare(runtime.to_string(a), runtime.to_string(b), case_sensitive)


class _CollectingCmdlet(CollectingCmdlet):
    input_object: Any = param("PSObject", pipeline=True, allow_null=True)


@cmdlet("Sort-Object", module="Microsoft.PowerShell.Utility")
class SortObjectCommand(_CollectingCmdlet):
    """Sorts objects by property values."""
    examples = (
        ("Get-MailboxDatabase | Sort-Object Server, Name",
         "This example sorts databases by server, then name."),
        ("1, 3, 2, 3 | Sort-Object -Descending -Unique",
         "This example returns 3, 2 and 1."),
    )

    property: list[Any] | None = param("Object[]", position=0)
    descending: bool = param("SwitchParameter")
    unique: bool = param("SwitchParameter")
    culture: str | None = param("String")
    case_sensitive: bool = param("SwitchParameter")

    def end_processing(self) -> None:
        keys = _keys(self.property, self.runtime) or [_Key(None, self.runtime)]
        rows = [([k.value(item) for k in keys], item) for item in self.items]

        def order(a: tuple[list[Any], Any], b: tuple[list[Any], Any]) -> int:
            for key, x, y in zip(keys, a[0], b[0]):
                c = _safe_compare(self.runtime, x, y, self.case_sensitive)
                if c:
                    descending = key.descending if key.descending is not None else self.descending
                    return -c if descending else c
            return 0

        rows.sort(key=functools.cmp_to_key(order))
        if self.unique:
            kept: list[tuple[list[Any], Any]] = []
            for row in rows:
                if not kept or order(kept[-1], row) != 0:
                    kept.append(row)
            rows = kept
        for _, item in rows:
            self.write_object(item)


def _group_name(runtime: Any, values: list[Any]) -> str:
    return ", ".join(runtime.to_string(v) for v in values)


@cmdlet("Group-Object", module="Microsoft.PowerShell.Utility", default_set="HashTable")
class GroupObjectCommand(_CollectingCmdlet):
    """Groups objects that have the same value for the given properties."""
    examples = (
        ("Get-MailboxDatabaseCopyStatus -Server MBX2 | Group-Object Status",
         "This example counts the copies on MBX2 by their status."),
    )

    property: list[Any] | None = param("Object[]", position=0)
    no_element: bool = param("SwitchParameter")
    as_hash_table: bool = param("SwitchParameter", name="AsHashTable", aliases=("AHT",))
    as_string: bool = param("SwitchParameter")
    culture: str | None = param("String")
    case_sensitive: bool = param("SwitchParameter")

    def end_processing(self) -> None:
        keys = _keys(self.property, self.runtime) or [_Key(None, self.runtime)]
        groups: list[tuple[list[Any], list[Any]]] = []
        for item in self.items:
            values = [k.value(item) for k in keys]
            for existing, members in groups:
                if all(self._same(a, b) for a, b in zip(existing, values)):
                    members.append(item)
                    break
            else:
                groups.append((values, [item]))
        if self.as_hash_table:
            self._hashtable(groups)
            return
        for values, members in groups:
            self.write_object(self._info(values, members))

    def _same(self, a: Any, b: Any) -> bool:
        if self.case_sensitive:
            return self.runtime.to_string(a) == self.runtime.to_string(b)
        return self.runtime.to_string(a).lower() == self.runtime.to_string(b).lower()

    def _info(self, values: list[Any], members: list[Any]) -> PSObject:
        name = _group_name(self.runtime, values)
        if self.no_element:
            return PSObject((GROUP_INFO_NO_ELEMENT, GROUP_INFO, "System.Object"),
                            [("Values", values), ("Count", len(members)), ("Group", []), ("Name", name)],
                            hidden=("Values",), to_string=GROUP_INFO_NO_ELEMENT)
        return PSObject((GROUP_INFO, "System.Object"),
                        [("Values", values), ("Count", len(members)), ("Group", members), ("Name", name)],
                        hidden=("Values",), to_string=GROUP_INFO)

    def _hashtable(self, groups: list[tuple[list[Any], list[Any]]]) -> None:
        if self.property and len(self.property) > 1 and not self.as_string:
            self.throw_terminating_error(self.error(
                "The objects grouped by this property cannot be expanded because there is a key duplication. "
                "Provide a valid value for the property, and then try again.",
                category="InvalidArgument", error_id="GroupObjectWithHashTable",
                exception="System.ArgumentException"))
        table = PSHashtable()
        for values, members in groups:
            key = _group_name(self.runtime, values) if self.as_string or len(values) != 1 else values[0]
            table[key] = members
        self.write_object(table)


@cmdlet("Measure-Object", module="Microsoft.PowerShell.Utility", default_set="GenericMeasure")
class MeasureObjectCommand(_CollectingCmdlet):
    """Counts objects and sums, averages and finds the extremes of numeric properties, or counts
    the lines, words and characters of text."""
    synopsis = "Counts objects and calculates the sum, average, minimum and maximum of their numeric properties."
    examples = (
        ("Get-MailboxDatabaseCopyStatus * | Measure-Object -Property CopyQueueLength -Sum -Maximum",
         "This example totals the copy queues of every copy and finds the longest."),
    )

    property: list[str] | None = param("String[]", position=0)
    sum: bool = param("SwitchParameter", sets=("GenericMeasure",))
    average: bool = param("SwitchParameter", sets=("GenericMeasure",))
    maximum: bool = param("SwitchParameter", sets=("GenericMeasure",))
    minimum: bool = param("SwitchParameter", sets=("GenericMeasure",))
    line: bool = param("SwitchParameter", sets=("TextMeasure",))
    word: bool = param("SwitchParameter", sets=("TextMeasure",))
    character: bool = param("SwitchParameter", sets=("TextMeasure",))
    ignore_white_space: bool = param("SwitchParameter", sets=("TextMeasure",))

    def end_processing(self) -> None:
        items = [i for i in self.items if i is not None]
        if self.parameter_set_name == "TextMeasure":
            self._text(items)
        elif not self.property:
            self.write_object(self._generic(items, ""))
        else:
            for name in self.property:
                real = self._real_name(items, name)
                if real is None:
                    self.write_error(self.error(
                        f'The property "{name}" cannot be found in the input for any objects.',
                        category="InvalidArgument", error_id="GenericMeasurePropertyNotFound",
                        exception="System.ArgumentException", target=name))
                    continue
                values = [self.runtime.get_property(i, real) for i in items if self._has(i, real)]
                self.write_object(self._generic(values, real))

    def _has(self, item: Any, name: str) -> bool:
        if isinstance(item, PSObject):
            return item.has(name)
        if isinstance(item, dict):
            return name in item
        return self.runtime.get_property(item, name) is not None

    def _real_name(self, items: list[Any], name: str) -> str | None:
        for item in items:
            if isinstance(item, PSObject) and item.has(name):
                return item.real_name(name)
            if not isinstance(item, PSObject) and self._has(item, name):
                return name
        return None

    def _generic(self, values: list[Any], prop: str) -> PSObject:
        numbers: list[float] = []
        wanted = self.sum or self.average or self.maximum or self.minimum
        if wanted:
            for v in values:
                try:
                    numbers.append(self.runtime.convert(v, "double"))
                except Exception:  # noqa: BLE001 - reported as PowerShell does, then skipped
                    self.write_error(self.error(f'Input object "{self.runtime.to_string(v)}" is not numeric.',
                                                category="InvalidType", error_id="NonNumericInputObject",
                                                exception="System.Management.Automation.PSInvalidOperationException",
                                                target=v))
        total = (sum(numbers)) if numbers else 0
        props = [
            ("Count", len(values)),
            ("Average", (sum(numbers) / len(numbers)) if self.average and numbers else None),
            ("Sum", total if self.sum else None),
            ("Maximum", (max(numbers)) if self.maximum and numbers else None),
            ("Minimum", (min(numbers)) if self.minimum and numbers else None),
            ("Property", prop or None),
        ]
        return PSObject((MEASURE_INFO, _MEASURE_BASE, "System.Object"), props, to_string=MEASURE_INFO)

    def _text(self, items: list[Any]) -> None:
        names = self.property or [None]
        for name in names:
            texts = [self.runtime.to_string(i if name is None else self.runtime.get_property(i, name))
                     for i in items]
            lines = sum(len([ln for ln in t.splitlines() if ln.strip()]) for t in texts)
            words = sum(len(t.split()) for t in texts)
            chars = sum(len("".join(t.split())) if self.ignore_white_space else len(t) for t in texts)
            props = [("Lines", lines if self.line else None), ("Words", words if self.word else None),
                     ("Characters", chars if self.character else None), ("Property", name)]
            self.write_object(PSObject((TEXT_MEASURE_INFO, _MEASURE_BASE, "System.Object"), props,
                                       to_string=TEXT_MEASURE_INFO))


@cmdlet("Compare-Object", module="Microsoft.PowerShell.Utility")
class CompareObjectCommand(Cmdlet):
    """Compares two sets of objects and reports which side each difference is on."""
    examples = (
        ("Compare-Object (Get-MailboxDatabase -Server MBX1) (Get-MailboxDatabase -Server MBX2) -Property Name",
         "This example shows which database names exist on only one of MBX1 and MBX2."),
    )

    reference_object: list[Any] | None = param("PSObject[]", position=0, mandatory=True)
    difference_object: list[Any] | None = param("PSObject[]", position=1, mandatory=True, pipeline=True)
    sync_window: int = param("Int32", default=2147483647)
    property: list[Any] | None = param("Object[]")
    exclude_different: bool = param("SwitchParameter")
    include_equal: bool = param("SwitchParameter")
    pass_thru: bool = param("SwitchParameter")
    culture: str | None = param("String")
    case_sensitive: bool = param("SwitchParameter")

    def begin_processing(self) -> None:
        if not self.is_bound("SyncWindow") and self.profile.ps_major < 3:
            self.sync_window = 5            # PowerShell 1.0/2.0's default; 3.0 made it [int]::MaxValue
        self.keys = _keys(self.property, self.runtime)
        self.reference: list[Any] | None = None
        self.index = 0
        self.ref_backlog: list[Any] = []
        self.diff_backlog: list[Any] = []

    def process_record(self) -> None:
        if self.reference is None:
            self.reference = [self._entry(o) for o in _as_list(self.reference_object)]
        for item in _as_list(self.difference_object):
            self._step(self._entry(item))

    def end_processing(self) -> None:
        if self.reference is None:
            self.reference = [self._entry(o) for o in _as_list(self.reference_object)]
        while self.index < len(self.reference):
            self._step(None)
        for entry in self.diff_backlog:
            self._emit(entry, "=>")
        for entry in self.ref_backlog:
            self._emit(entry, "<=")

    def _entry(self, item: Any) -> tuple[list[Any], Any]:
        keys = self.keys or [_Key(None, self.runtime)]
        return [k.value(item) for k in keys], item

    def _same(self, a: tuple[list[Any], Any], b: tuple[list[Any], Any]) -> bool:
        return all(_safe_compare(self.runtime, x, y, self.case_sensitive) == 0 for x, y in zip(a[0], b[0]))

    def _take(self, entry: Any, backlog: list[Any]) -> Any:
        if entry is None:
            return None
        for i, candidate in enumerate(backlog):
            if self._same(entry, candidate):
                return backlog.pop(i)
        return None

    def _step(self, diff: Any) -> None:
        """One step of PowerShell's windowed match (CompareObjectCommand.Process)."""
        ref = None
        if self.reference is not None and self.index < len(self.reference):
            ref = self.reference[self.index]
            self.index += 1
        if ref is not None and diff is not None and self._same(ref, diff):
            self._emit(ref, "==")
            return
        match = self._take(diff, self.ref_backlog)
        if match is not None:
            self._emit(match, "==")
            diff = None
        if self._take(ref, self.diff_backlog) is not None:
            self._emit(ref, "==")
            ref = None
        for entry, backlog, side in ((diff, self.diff_backlog, "=>"), (ref, self.ref_backlog, "<=")):
            if entry is None:
                continue
            if self.sync_window <= 0:
                self._emit(entry, side)
                continue
            while len(backlog) >= self.sync_window:
                self._emit(backlog.pop(0), side)
            backlog.append(entry)

    def _emit(self, entry: tuple[list[Any], Any], side: str) -> None:
        if side == "==" and not self.include_equal:
            return
        if side != "==" and self.exclude_different:
            return
        values, item = entry
        if self.pass_thru:
            if isinstance(item, PSObject):
                item.set("SideIndicator", side)
            self.write_object(item)
            return
        if self.keys:
            props = [(self._label(k), v) for k, v in zip(self.keys, values)]
        else:
            props = [("InputObject", item)]
        self.write_object(PSObject((PSCUSTOMOBJECT, "System.Object"), props + [("SideIndicator", side)]))

    def _label(self, key: _Key) -> str:
        return self.runtime.to_string(key.expression)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


@cmdlet("Tee-Object", module="Microsoft.PowerShell.Utility", default_set="File")
class TeeObjectCommand(Cmdlet):
    """Passes objects on and also saves them in a variable or a file."""
    examples = (
        ("Get-MailboxDatabaseCopyStatus * | Tee-Object -Variable copies | Format-Table Name,Status",
         "This example shows the copies as a table and also keeps them in $copies."),
    )

    input_object: Any = param("PSObject", pipeline=True, allow_null=True)
    file_path: str | None = param("String", position=0, mandatory=True, sets=("File",), aliases=("Path",))
    literal_path: str | None = param("String", mandatory=True, sets=("LiteralFile",), aliases=("PSPath",))
    append: bool = param("SwitchParameter", sets=("File",), versions=("2013", "2016", "2019"))   # PowerShell 3.0
    variable: str | None = param("String", mandatory=True, sets=("Variable",))

    def begin_processing(self) -> None:
        self.items: list[Any] = []

    def process_record(self) -> None:
        if self.is_bound("InputObject"):
            self.items.append(self.input_object)
            self.write_object(self.input_object)

    def end_processing(self) -> None:
        if self.parameter_set_name == "Variable":
            value = self.items[0] if len(self.items) == 1 else list(self.items)
            self.runtime.set_variable(self.variable or "", value)
            return
        ctx = self.runtime.ctx
        lines = ctx.render_lines(self.items)
        text = "".join(line + "\r\n" for line in lines)
        ctx.write_file(self.file_path or self.literal_path or "", text, append=self.append)
