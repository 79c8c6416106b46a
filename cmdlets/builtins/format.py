"""Format-List, Format-Table, Format-Wide: they collect their input and emit one FormatDirective
(data); exshell's formatter draws it."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.directives import FormatDirective, PropertySpec
from cmdlets.api.parameters import param


def property_specs(runtime: Any, values: list[Any] | None) -> tuple[PropertySpec, ...]:
    """-Property entries: names (wildcards allowed), script blocks, or @{Label=..; Expression=..} tables."""
    specs = []
    for v in values or []:
        if isinstance(v, dict):
            label = _entry(v, "label", "name")
            expr = _entry(v, "expression")
            width = _entry(v, "width")
            align = _entry(v, "alignment")
            fmt = _entry(v, "formatstring")
            if isinstance(expr, str):
                specs.append(PropertySpec(name=expr, label=label, width=width, alignment=align, format_string=fmt))
            else:
                specs.append(PropertySpec(name=str(label) if label is not None else str(expr), expression=expr,
                                          label=label, width=width, alignment=align, format_string=fmt))
        elif hasattr(v, "ast"):        # a script block
            specs.append(PropertySpec(name=str(v).strip(), expression=v))
        else:
            specs.append(PropertySpec(name=runtime.to_string(v)))
    return tuple(specs)


def _entry(table: dict, *names: str) -> Any:
    """A calculated property's entry: any leading part of a key name will do (`n`, `e`, `FormatS`)."""
    for key, value in table.items():
        text = str(key).lower()
        if text and any(name.startswith(text) for name in names):
            return value
    return None


class _FormatCmdlet(Cmdlet):
    shape = "list"
    property: list[Any] | None = param("Object[]", position=0)
    input_object: Any = param("Object", pipeline=True)
    group_by: Any = param("Object")
    view: str | None = param("String")
    force: bool = param("SwitchParameter")

    def begin_processing(self) -> None:
        self.items: list[Any] = []
        # read once, as the command begins, and only the global value (as PowerShell does)
        limit = self.runtime.get_variable("global:FormatEnumerationLimit")
        self.limit = limit if isinstance(limit, int) and not isinstance(limit, bool) else None

    def process_record(self) -> None:
        if self.is_bound("InputObject"):
            self.items.append(self.input_object)

    def directive_options(self) -> dict[str, Any]:
        return {}

    def end_processing(self) -> None:
        if not self.items:
            return
        group = property_specs(self.runtime, [self.group_by])[0] if self.group_by is not None else None
        self.write_object(FormatDirective(
            shape=self.shape, objects=tuple(self.items), properties=property_specs(self.runtime, self.property),
            group_by=group, view=self.view, enumeration_limit=self.limit, **self.directive_options()))


@cmdlet("Format-List", module="Microsoft.PowerShell.Utility")
class FormatListCommand(_FormatCmdlet):
    """Shows each object's properties, one per line."""
    examples = (
        ("Get-MailboxServer MBX1 | Format-List",
         "This example shows the Mailbox server settings of MBX1 as a list."),
        ("Get-DatabaseAvailabilityGroup DAG1 | Format-List Name,WitnessServer,WitnessDirectory",
         "This example shows three properties of DAG1, one per line."),
    )

    shape = "list"


@cmdlet("Format-Table", module="Microsoft.PowerShell.Utility")
class FormatTableCommand(_FormatCmdlet):
    """Shows objects as a table, one row per object."""
    examples = (
        ("Get-MailboxDatabase | Format-Table Name,Server,Recovery -AutoSize",
         "This example shows three properties of each database in columns sized to their content."),
    )

    shape = "table"
    auto_size: bool = param("SwitchParameter")
    wrap: bool = param("SwitchParameter")
    hide_table_headers: bool = param("SwitchParameter")

    def directive_options(self) -> dict[str, Any]:
        return {"auto_size": bool(self.auto_size), "wrap": bool(self.wrap),
                "hide_table_headers": bool(self.hide_table_headers)}


@cmdlet("Format-Wide", module="Microsoft.PowerShell.Utility")
class FormatWideCommand(_FormatCmdlet):
    """Shows one property of each object, in several columns."""
    examples = (
        ("Get-ExchangeServer | Format-Wide Name -Column 4",
         "This example shows the server names in four columns."),
    )

    shape = "wide"
    column: int | None = param("Int32")
    auto_size: bool = param("SwitchParameter")

    def directive_options(self) -> dict[str, Any]:
        return {"column": self.column, "auto_size": bool(self.auto_size)}
