"""Server component states benchmark (stdlib + project only; prints figures, asserts nothing).

On the copies lab (Exchange 2016): Get-ServerComponentState for a whole server, rendered and as
objects; Set-ServerComponentState; and Active Manager's candidate choice for DB1 with no
component requests against servers carrying every requester's request for every component
(the ratio says what the HighAvailability check adds to each failover). Best of three runs, in
milliseconds.

Run: python3 -m bench.components
"""

from __future__ import annotations

import time

from exshell import Shell
from state import active_manager as am
from state.model import components as comp
from state.transitions.components import SetServerComponentState

ROUNDS = 2000


def best(fn) -> float:
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


def shell_case(sh: Shell, script: str) -> float:
    def run() -> None:
        res = sh.run(script)
        if not res.ok:
            raise SystemExit(res.text)
    return best(run)


def candidates_ms(world) -> float:
    db = world.database("DB1")
    return best(lambda: [am.candidates(world, db, automatic=True) for _ in range(ROUNDS)])


def main() -> None:
    sh = Shell(lab="copies")
    print(f"Get-ServerComponentState MBX1 (table)       {shell_case(sh, 'Get-ServerComponentState MBX1'):8.2f} ms")
    print(f"Get-ServerComponentState MBX1 | Out-Null    "
          f"{shell_case(sh, 'Get-ServerComponentState MBX1 | Out-Null'):8.2f} ms")
    one = "Set-ServerComponentState MBX2 -Component HubTransport -State Active -Requester Functional"
    print(f"Set-ServerComponentState (one request)      {shell_case(sh, one):8.2f} ms")
    world = Shell(lab="copies").world
    plain = candidates_ms(world)
    for server in ("MBX2", "MBX3"):                     # a maintenance round trip leaves three
        for component in ("HubTransport", "ServerWideOffline", "UMCallRouter"):
            world.commit(SetServerComponentState(server, component, "Maintenance", "Active"))
    usual = candidates_ms(world)
    for server in ("MBX2", "MBX3"):
        for component in comp.COMPONENTS_2016:
            for requester in comp.REQUESTERS:
                world.commit(SetServerComponentState(server, component, requester, "Active"))
    loaded = candidates_ms(world)
    print(f"candidates(DB1) x{ROUNDS}, no requests          {plain:8.2f} ms")
    print(f"candidates(DB1) x{ROUNDS}, 3 requests/server    {usual:8.2f} ms  (x{usual / plain:.2f})")
    print(f"candidates(DB1) x{ROUNDS}, {len(comp.COMPONENTS_2016) * len(comp.REQUESTERS)} requests/server  "
          f"{loaded:8.2f} ms  (x{loaded / plain:.2f})")


if __name__ == "__main__":
    main()
