"""Cluster reconciliation benchmark (stdlib + project only; prints figures, asserts nothing).

On the 16-member DAG of bench/world.py (two networks, 32 cluster interfaces): the cost of one
integrated reconciliation (what every Set-DatabaseAvailabilityGroup does to the cluster), of
the Replication service's timer over 30 virtual days (8640 runs, R-TIMING-9), and of one
hand edit through the cluster API, each with a hand-made backup-network IP in the core group."""

from __future__ import annotations

import time

from bench.world import build
from state.reconfigure import periodic_reconcile, reconcile_integrated
from state.transitions import AddClusterResource, SetClusterNetworkRole, SetClusterParameters


def hand_edit(world) -> None:
    world.commit(SetClusterNetworkRole("DAG1", "Cluster Network 2", 3))
    world.commit(AddClusterResource("DAG1", "Backup IP", "Cluster Group", "IP Address"))
    world.commit(SetClusterParameters("DAG1", "Backup IP", (("Address", "10.0.1.99"),)))


def main() -> None:
    world = build()
    dag = world.dag("DAG1")
    hand_edit(world)
    runs = 200
    t0 = time.perf_counter()
    for _ in range(runs):
        reconcile_integrated(world, dag)
    t1 = time.perf_counter()
    for _ in range(runs):
        periodic_reconcile(world, dag)
    t2 = time.perf_counter()
    for i in range(runs):
        world.commit(SetClusterNetworkRole("DAG1", "Cluster Network 2", 3 if i % 2 == 0 else 1))
    t3 = time.perf_counter()
    print(f"integrated reconciliation, 16 members: {(t1 - t0) / runs * 1000:.3f} ms per run")
    print(f"timer reconciliation, 16 members: {(t2 - t1) / runs * 1000:.3f} ms per run "
          f"(30 virtual days = 8640 runs = {(t2 - t1) / runs * 8640:.2f} s)")
    print(f"one hand edit through the cluster API (role change, checked): {(t3 - t2) / runs * 1000:.3f} ms")


if __name__ == "__main__":
    main()
