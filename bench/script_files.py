"""Script files by path benchmark (stdlib + project only; prints figures, asserts nothing).

Through one Shell on the default lab: a loop that calls a small script file by path N times
(`C:\\Scripts\\add.ps1 -A $i -B 2`), the same loop calling an equal function, and a loop that
dot-sources a library file. A script's syntax tree is cached by path and text, so the per-call
cost should stay near a function's. Each figure is the best of three runs, in milliseconds, with
the cost per call and the ratio to the function.

Run: python3 -m bench.script_files
"""

from __future__ import annotations

from bench.builtins import best
from exshell import Shell

N = 500
BODY = "param([int]$A, [int]$B)\n$A + $B\n"


def main() -> None:
    sh = Shell()
    sh.ctx.write_file("C:\\Scripts\\add.ps1", BODY, append=False)
    sh.ctx.write_file("C:\\Scripts\\lib.ps1", "function Get-Sum([int]$A, [int]$B) { $A + $B }\n", append=False)
    sh.run("function Add-Two { " + BODY.replace("\n", "; ") + "}")
    cases = (
        ("function Add-Two -A $i -B 2", f"foreach ($i in 1..{N}) {{ $x = Add-Two -A $i -B 2 }}"),
        ("script C:\\Scripts\\add.ps1 -A $i -B 2", f"foreach ($i in 1..{N}) {{ $x = C:\\Scripts\\add.ps1 -A $i -B 2 }}"),
        ("dot-source . C:\\Scripts\\lib.ps1", f"foreach ($i in 1..{N}) {{ . C:\\Scripts\\lib.ps1 }}"),
    )
    base = None
    print(f"{N} calls each (best of 3)")
    for label, script in cases:
        ms = best(sh, script)
        base = base or ms
        print(f"  {label:<42} {ms:8.1f} ms  {ms * 1000 / N:7.1f} us/call  x{ms / base:.2f}")


if __name__ == "__main__":
    main()
