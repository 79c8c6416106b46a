"""Replay lag manager benchmark (stdlib + project only; prints figures, asserts nothing).

The 16-member, 200-database DAG of bench/world.py as Exchange 2016, the third copy of every
database lagged one day: one virtual week of Start-Sleep with ReplayLagManagerEnabled off and
on (a pass a minute over 600 copies; every lagged copy plays down after 24 h, as each database
has only two healthy copies that aren't lagged), and the cost of one pass (R-DB-11).

Run: python3 -m bench.lag_manager
"""

from __future__ import annotations

import datetime as dt
import time

from state import lag_manager
from state.transitions import SetDag
from state.transitions.copies import SetDatabaseCopy

from bench.world import build

WEEK = 7 * 86400


def lagged_world(manager: bool):
    world = build("2016")
    for db in world.databases.values():
        world.commit(SetDatabaseCopy(db.name, db.copies[2].server, replay_lag_time=dt.timedelta(days=1)))
    if manager:
        world.commit(SetDag.of("DAG1", auto_dag_settings={"ReplayLagManagerEnabled": True}))
    return world


def week(manager: bool) -> tuple[float, int]:
    world = lagged_world(manager)
    t0 = time.perf_counter()
    world.advance(WEEK)
    seconds = time.perf_counter() - t0
    playing = sum(1 for c in world.all_copies() if c.play_down_reason != "None")
    return seconds, playing


def main() -> None:
    off, _ = week(manager=False)
    on, playing = week(manager=True)
    print(f"one virtual week, manager off: {off * 1000:8.1f} ms")
    print(f"one virtual week, manager on:  {on * 1000:8.1f} ms  ({on / off:.2f}x; {playing} copies played down)")
    world = lagged_world(manager=True)
    dag = world.dag("DAG1")
    n = 200
    t0 = time.perf_counter()
    for _ in range(n):
        lag_manager.poll(world, dag)
    per_pass = (time.perf_counter() - t0) / n
    copies = sum(1 for _ in world.all_copies())
    print(f"one pass over {copies} copies:  {per_pass * 1000:8.2f} ms "
          f"({per_pass * 1e6 / copies:.1f} us a copy; {WEEK // lag_manager.POLL_SECONDS} passes a week)")


if __name__ == "__main__":
    main()
