"""Built-in cmdlets benchmark (stdlib + project only; prints figures, asserts nothing).

Through one Shell: 2,000 custom objects made once, then sorted on two keys, grouped, measured,
compared with a shifted copy, turned into JSON and back, and into HTML; and Get-Help pages for
every command of the seed002 lab (Exchange 2013, PowerShell 4.0). Each figure is the best of three runs, in milliseconds, with
the cost per object where that means something.

Run: python3 -m bench.builtins
"""

from __future__ import annotations

import time

from exshell import Shell

N = 2000

CASES = (
    ("Sort-Object N, V -Descending", "$o | Sort-Object N, @{e={$_.V};Descending=$true} | Out-Null"),
    ("Group-Object N", "$o | Group-Object N | Out-Null"),
    ("Measure-Object V -Sum -Average -Max -Min", "$o | Measure-Object V -Sum -Average -Maximum -Minimum | Out-Null"),
    ("Compare-Object -Property V", "Compare-Object $o $p -Property V | Out-Null"),
    ("ConvertTo-Json -Compress", "$j = $o | ConvertTo-Json -Compress"),
    ("ConvertFrom-Json", "$j | ConvertFrom-Json | Out-Null"),
    ("ConvertTo-Html", "$o | ConvertTo-Html | Out-Null"),
)


def best(sh: Shell, script: str) -> float:
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        res = sh.run(script)
        times.append(time.perf_counter() - t0)
        if not res.ok:
            raise SystemExit(res.text)
    return min(times) * 1000


def main() -> None:
    sh = Shell(lab="seed002")      # Exchange 2013: PowerShell 4.0 has the JSON cmdlets
    setup = (f"$o = 1..{N} | ForEach-Object {{ [pscustomobject]@{{N=\"n$($_ % 50)\"; V=$_}} }};"
             f"$p = 1..{N} | ForEach-Object {{ [pscustomobject]@{{V=$_ + 10}} }}")
    print(f"setup ({N} objects twice): {best(sh, setup):8.1f} ms")
    for label, script in CASES:
        ms = best(sh, script)
        print(f"{label:42} {ms:8.1f} ms  {ms * 1000 / N:7.1f} us/object")
    names = [o.get("Name") for o in sh.run("Get-Command -CommandType Cmdlet").objects]
    script = ";".join(f"Get-Help {n} -Full | Out-Null" for n in names)
    ms = best(sh, script)
    print(f"Get-Help -Full for {len(names)} commands          {ms:8.1f} ms  {ms / len(names):7.2f} ms/page")


if __name__ == "__main__":
    main()
