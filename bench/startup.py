"""Startup cost: a one-shot command (`python -m exshell -c ...`) against a process that only
imports the four runtime dependencies, timed side by side. Prints the medians and their ratio.

Both run with bytecode caching allowed (PYTHONDONTWRITEBYTECODE removed), as an installed
package runs: the dependencies' modules are compiled at install time, ours on the warm-up run.
Without the cache every one-shot would recompile the project's sources and measure the compiler.

    python3 -m bench.startup [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

DEPS = "import prompt_toolkit, pyparsing, attrs, tabulate"
ONE_SHOT = [sys.executable, "-m", "exshell", "-c", "Get-DatabaseAvailabilityGroup | fl"]


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - start


def main(runs: int = 11) -> None:
    deps, shot = [], []
    timed([sys.executable, "-c", DEPS])
    timed(ONE_SHOT)
    for _ in range(runs):
        deps.append(timed([sys.executable, "-c", DEPS]))
        shot.append(timed(ONE_SHOT))
    d, s = statistics.median(deps), statistics.median(shot)
    print(f"import the four dependencies: {d * 1000:.0f} ms (median of {runs})")
    print(f"one-shot command:             {s * 1000:.0f} ms (median of {runs})")
    print(f"ratio one-shot / imports:     {s / d:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
