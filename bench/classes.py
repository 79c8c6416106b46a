"""Script classes and console snapshots.

1. Method calls: N calls of a class method against N calls of an equivalent function, in a
   PowerShell 5.1 lab; prints both times and the ratio (method / function).
2. Output snapshots: the console formats objects as they are written, so each object written at
   the prompt is copied once; prints the time to write and render N custom objects and the share
   of it spent copying.

Run: python3 -m bench.classes [--n N]
"""

from __future__ import annotations

import argparse
import time

from exshell import Shell
from exshell.engine.members import snapshot

SETUP = """
class Counter { [int]$Total = 0; [int] Add([int]$x) { $this.Total += $x; return $this.Total } }
function Add-Total([int]$x) { $script:total += $x; $script:total }
"""


def timed(sh: Shell, source: str) -> float:
    start = time.perf_counter()
    res = sh.run(source)
    elapsed = time.perf_counter() - start
    assert res.ok, res.text
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    n = parser.parse_args().n
    sh = Shell(lab="copies")
    sh.run(SETUP)
    method = timed(sh, f"$c = [Counter]::new(); foreach ($i in 1..{n}) {{ [void]$c.Add($i) }}")
    function = timed(sh, f"$total = 0; foreach ($i in 1..{n}) {{ [void](Add-Total $i) }}")
    print(f"{n} method calls: {method:.3f} s; {n} function calls: {function:.3f} s; "
          f"ratio method/function {method / function:.2f}")

    render = timed(sh, f"1..{n} | ForEach-Object {{ [pscustomobject]@{{ Id = $_; Name = \"DB$_\"; Up = $true }} }}")
    objects = sh.run(f"1..{n} | ForEach-Object {{ [pscustomobject]@{{ Id = $_; Name = \"DB$_\"; Up = $true }} }}"
                     ).objects
    start = time.perf_counter()
    for obj in objects:
        snapshot(obj)
    copying = time.perf_counter() - start
    print(f"{n} objects written and rendered: {render:.3f} s; snapshots {copying:.4f} s "
          f"({100 * copying / render:.1f}% of it)")


if __name__ == "__main__":
    main()
