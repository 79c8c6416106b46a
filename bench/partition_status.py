"""The status reads of a console on each side of a split (stdlib + project only; prints figures,
asserts nothing).

The split 8 + 8 world of bench/partition.py after the cut is noticed: Get-MailboxDatabase -Status
for the 200 databases as a member of each side gets it (database.store_status: the Active Manager
the side reaches, then the store it names) against the status the world keeps, and the cluster
Get-DatabaseAvailabilityGroup -Status opens from each side (dag.open_dag_cluster) per call."""

from __future__ import annotations

from cmdlets.exchange.dag import open_dag_cluster
from cmdlets.exchange.database import store_status
from cmdlets.exchange.records.database import database_record

from bench.partition import cut_world, timed

RUNSPACE = "00000000-0000-0000-0000-000000000000"


def main() -> None:
    world = cut_world()
    dbs = list(world.databases.values())
    plain = timed(lambda: [database_record(world, db, "2010", RUNSPACE, True) for db in dbs], 5)
    print(f"database records with the kept status, {len(dbs)} databases: {plain * 1000:.1f} ms")
    for caller in ("MBX01", "MBX16"):
        def seen():
            return [database_record(world, db, "2010", RUNSPACE, True, store_status(world, caller, db)) for db in dbs]
        cost = timed(seen, 5)
        blank = sum(1 for db in dbs if store_status(world, caller, db)[1] is None)
        print(f"as seen from {caller}: {cost * 1000:.1f} ms ({cost / plain:.2f}x kept), {blank} stores out of reach")
    dag = next(iter(world.dags.values()))
    for caller in ("MBX01", "MBX16"):
        per = timed(lambda: open_dag_cluster(world, caller, dag), 50)
        status, failures = open_dag_cluster(world, caller, dag)
        outcome = f"{len(failures)} members failed" if status is False else "opened"
        print(f"open_dag_cluster from {caller}: {per * 1e3:.2f} ms per call ({outcome})")


if __name__ == "__main__":
    main()
