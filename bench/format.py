"""Formatter benchmark (stdlib + project only; prints figures, asserts nothing).

Renders 600 copy-status entries through the 2016 view at 120 columns, the same 600 as
Format-List, a viewless table sized from the data (PowerShell 5.1) and one with -Wrap, and
reports milliseconds and lines per second for each.

    python3 -m bench.format [repeats]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from cmdlets.api.directives import FormatDirective, PropertySpec
from cmdlets.api.profile import CULTURES, Profile
from cmdlets.api.values import PSObject
from exshell.formatting import FormatContext, render_output

COPY = "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseCopyStatusEntry"


def entries(count: int) -> list[PSObject]:
    start = dt.datetime(2016, 5, 1, 9, 0, 0)
    return [PSObject([f"Deserialized.{COPY}", COPY], [
        ("RunspaceId", "3f2a44d1-03c8-4c1c-9d6f-7b1f5d4c2e10"), ("Name", f"DB{i:03}\\MBX{i % 16:02}"),
        ("Status", "Healthy" if i % 3 else "Mounted"), ("CopyQueueLength", i % 7), ("ReplayQueueLength", i % 5),
        ("LastInspectedLogTime", start + dt.timedelta(seconds=i)), ("ContentIndexState", "Healthy"),
        ("ErrorMessage", "The Microsoft Exchange Replication service encountered a transient error " * (i % 3))],
        hidden=["RunspaceId"]) for i in range(count)]


def timed(items: list, ctx: FormatContext, repeats: int) -> tuple[float, int]:
    runs, lines = [], []
    for _ in range(repeats):
        begin = time.perf_counter()
        lines = render_output(items, ctx)
        runs.append(time.perf_counter() - begin)
    return statistics.median(runs), len(lines)


def main(repeats: int = 5) -> None:
    ctx = FormatContext(Profile(exchange_version="2016", width=120, culture=CULTURES["en-US"]))
    rows = entries(600)
    props = (PropertySpec("Name"), PropertySpec("Status"), PropertySpec("ErrorMessage"))
    cases = {
        "view table (Out-Default)": rows,
        "Format-List": [FormatDirective("list", tuple(rows))],
        "viewless table sized from data": [FormatDirective("table", tuple(rows), properties=props)],
        "table -Wrap": [FormatDirective("table", tuple(rows), properties=props, wrap=True)],
    }
    for name, items in cases.items():
        seconds, count = timed(items, ctx, repeats)
        print(f"{name:32} {seconds * 1000:7.1f} ms  {count:6} lines  {count / seconds:9.0f} lines/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
