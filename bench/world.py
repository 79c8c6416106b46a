"""World benchmark (stdlib + project only; prints figures, asserts nothing).

A 16-member DAG with 200 databases and 600 copies: build time, reading every copy's status,
powering off a member and advancing 24 virtual hours."""

from __future__ import annotations

import time

from state import World
from state.build import add_database, add_server, add_site
from state.model import ComputerAccount, Nic
from state.transitions import AddDatabaseCopy, AddServerToDag, NewDag, PowerOff


def build(version: str = "2010") -> World:
    world = World(exchange_version=version, domain="contoso.com", seed=7)
    add_site(world, "Default-First-Site-Name")
    add_server(world, "HUB01", ["HubTransport", "ClientAccess"], "Windows Server 2008 R2 Standard",
               nics=[Nic("MAPI", "192.168.1.5", 24, "192.168.1.1", ["192.168.1.10"], True)])
    names = [f"MBX{i:02}" for i in range(1, 17)]
    system = "Windows Server 2008 R2 Enterprise" if version.startswith("2010") else "Windows Server 2012 R2 Standard"
    for i, name in enumerate(names, start=1):
        add_server(world, name, ["Mailbox"], system,
                   nics=[Nic("MAPI", f"192.168.1.{20 + i}", 24, "192.168.1.1", ["192.168.1.10"], True),
                         Nic("Replication", f"10.0.1.{20 + i}", 24)])
    if not version.startswith("2010"):         # Windows Server 2012 R2: a pre-staged CNO (R-CLUSTER-3)
        world.computer_accounts["dag1"] = ComputerAccount("DAG1", enabled=False, full_control=[names[0]],
                                                          prestaged=True)
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    for name in names:
        world.commit(AddServerToDag("DAG1", name))
    for d in range(200):
        home = names[d % 16]
        add_database(world, f"DB{d:03}", home)
        for k in (1, 2):
            world.commit(AddDatabaseCopy(f"DB{d:03}", names[(d + k) % 16]))
    world.advance(600)          # let seeding and initializing finish
    return world


def main() -> None:
    t0 = time.perf_counter()
    world = build()
    t1 = time.perf_counter()
    statuses = [world.copy_status(c) for c in world.all_copies()]
    t2 = time.perf_counter()
    world.commit(PowerOff("MBX01"))
    world.advance(24 * 3600)
    t3 = time.perf_counter()
    healthy = sum(1 for s in statuses if s.status in ("Healthy", "Mounted"))
    print(f"build 16 members / 200 databases / {len(statuses)} copies: {t1 - t0:.3f} s ({healthy} healthy or mounted)")
    print(f"read every copy status: {(t2 - t1) * 1000:.1f} ms")
    print(f"power off MBX01 + advance 24 h: {t3 - t2:.3f} s")
    moved = sum(1 for db in world.databases.values() if db.active_server != "MBX01" and db.server == "MBX01")
    print(f"databases failed over from MBX01: {moved}")


if __name__ == "__main__":
    main()
