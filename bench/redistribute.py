"""RedistributeActiveDatabases.ps1 -BalanceDbsBySiteAndActivationPreference on the seed 002 DAG
grown to N databases, all active in Redmond with their second copy in Dublin (stdlib + project
only; prints figures, asserts nothing).

For each N: the moves the run makes and its wall time in total and per move. Each move recounts
the distribution over every database and server, so the cost per move grows with N."""

from __future__ import annotations

import time

from exshell import Shell

SCRIPT = '& "$exscripts\\RedistributeActiveDatabases.ps1"'


def grown(n: int) -> Shell:
    sh = Shell(lab="seed002")
    lines = []
    for i in range(3, n + 1):
        home, far = ("MBX1", "MBX3") if i % 2 else ("MBX2", "MBX4")
        lines += [f"New-MailboxDatabase DB{i} -Server {home} | Out-Null", f"Mount-Database DB{i}",
                  f"Add-MailboxDatabaseCopy DB{i} {far} 3>$null"]
    lines += ["Move-ActiveMailboxDatabase DB2 -ActivateOnServer MBX1 -Confirm:$false | Out-Null", "Start-Sleep 300"]
    res = sh.run("\n".join(lines))
    if not res.ok:
        raise SystemExit(res.text)
    return sh


def main() -> None:
    grown(4).run(f"{SCRIPT} DAG1 -BalanceDbsBySiteAndActivationPreference -Confirm:$false")   # warm-up: imports
    for n in (8, 16, 32, 64):
        sh = grown(n)
        t0 = time.perf_counter()
        res = sh.run(f"{SCRIPT} DAG1 -BalanceDbsBySiteAndActivationPreference -Confirm:$false | "
                     "? { $_.MoveStatus -eq 'MoveSucceeded' } | Measure-Object | % Count")
        took = time.perf_counter() - t0
        moves = int(res.text.strip().split("\n")[-1])
        print(f"{n:3d} databases: {moves:2d} moves in {took * 1000:7.1f} ms "
              f"({took * 1000 / max(moves, 1):6.1f} ms a move)")


if __name__ == "__main__":
    main()
