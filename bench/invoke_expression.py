"""Script-from-strings benchmark (stdlib + project only; prints figures, asserts nothing).

Through one Shell on the default lab: a loop running a small statement directly, the same
statement through Invoke-Expression (parsed from its string on every call), through a block
made once with [scriptblock]::Create and called N times, and through a block created on every
call. Each figure is the best of three runs, in milliseconds, with the cost per call and the
ratio to the direct statement: what a string costs over code the parser saw once.

Run: python3 -m bench.invoke_expression
"""

from __future__ import annotations

from bench.builtins import best
from exshell import Shell

N = 300
STATEMENT = "$n = $n + $i"


def main() -> None:
    sh = Shell()
    cases = (
        ("direct statement", f"$n = 0; foreach ($i in 1..{N}) {{ {STATEMENT} }}"),
        ("Invoke-Expression of the string", f"$n = 0; foreach ($i in 1..{N}) {{ iex '{STATEMENT}' }}"),
        ("[scriptblock]::Create once, . N times",
         f"$n = 0; $sb = [scriptblock]::Create('{STATEMENT}'); foreach ($i in 1..{N}) {{ . $sb }}"),
        ("[scriptblock]::Create on every call",
         f"$n = 0; foreach ($i in 1..{N}) {{ . ([scriptblock]::Create('{STATEMENT}')) }}"),
    )
    base = None
    print(f"{N} calls each (best of 3)")
    for label, script in cases:
        ms = best(sh, script)
        base = base or ms
        print(f"  {label:<42} {ms:8.1f} ms  {ms * 1000 / N:7.1f} us/call  x{ms / base:.2f}")


if __name__ == "__main__":
    main()
