"""Windows services benchmark (stdlib + project only; prints figures, asserts nothing).

Through one Shell per lab (the default 2010 lab and seed002, Exchange 2013): Get-Service on the
session's Mailbox server (every service, formatted, and the objects alone), one service by name,
-DependentServices of the topology service, Test-ServiceHealth, and a stop/start of the topology
service with every dependent (-Force, then Start-Service of each). Also the catalog lookups the
state layer repeats (catalog, dependents of the topology service). Each figure is the best of
three runs, in milliseconds (microseconds for the lookups).

Run: python3 -m bench.services
"""

from __future__ import annotations

import time

from bench.components import best, shell_case
from exshell import Shell
from state.model import service_catalog

CASES = (
    ("Get-Service (formatted)", "Get-Service | Out-String | Out-Null"),
    ("Get-Service (objects)", "Get-Service | Out-Null"),
    ("Get-Service MSExchangeRepl", "Get-Service MSExchangeRepl | Out-Null"),
    ("Get-Service topology -DependentServices", "Get-Service MSExchangeADTopology -DependentServices | Out-Null"),
    ("Test-ServiceHealth", "Test-ServiceHealth | Out-Null"),
    ("Stop -Force + Start topology and dependents",
     "$d = Get-Service MSExchangeADTopology -DependentServices | Where-Object { $_.Status -eq 'Running' }; "
     "Stop-Service MSExchangeADTopology -Force; $d | Start-Service"),
)


def main() -> None:
    for lab in ("default", "seed002"):
        sh = Shell() if lab == "default" else Shell(lab=lab)
        server = sh.world.server(sh.run("$env:COMPUTERNAME").objects[0])
        print(f"lab {lab} ({sh.world.exchange_version}), {len(server.services)} services on {server.name}")
        for label, script in CASES:
            print(f"  {label:<45} {shell_case(sh, script):8.2f} ms")
        print(f"  {'catalog(server) (cached)':<45} {best(lambda: service_catalog.catalog(server)) * 1000:8.2f} us")
        print(f"  {'dependents(server, topology)':<45} "
              f"{best(lambda: service_catalog.dependents(server, 'MSExchangeADTopology')) * 1000:8.2f} us")


if __name__ == "__main__":
    main()
