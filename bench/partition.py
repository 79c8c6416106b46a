"""Partition benchmark (stdlib + project only; prints figures, asserts nothing).

The 16-member, 200-database DAG of bench/world.py, its members split 8 + 8 over two sites and
the witness in the first: the cost of one reachability question, of cutting the WAN (sides
re-counted, log shipping re-routed, failovers) and of restoring it (the sides merge)."""

from __future__ import annotations

import time

from state.build import add_site
from state.partition import can_talk
from state.transitions.sitelinks import SetSiteLink

from bench.world import build


def split_world():
    world = build()
    add_site(world, "Standby")
    world.links[frozenset({"default-first-site-name", "standby"})] = 40
    for i in range(9, 17):
        world.server(f"MBX{i:02}").site = "Standby"
    return world


def cut_world():
    """The split DAG with its WAN cut and the cut noticed (sides counted, failovers done)."""
    world = split_world()
    world.commit(SetSiteLink("Default-First-Site-Name", "Standby", connected=False))
    world.advance(120)
    return world


def timed(fn, repeat: int) -> float:
    """Seconds per call of ``fn``, over ``repeat`` calls."""
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - t0) / repeat


def main() -> None:
    world = split_world()
    a, b = world.server("MBX01"), world.server("MBX16")
    n = 20000
    t0 = time.perf_counter()
    for _ in range(n):
        can_talk(world, a, b)
    t1 = time.perf_counter()
    world.commit(SetSiteLink("Default-First-Site-Name", "Standby", connected=False))
    t2 = time.perf_counter()
    world.advance(3600)
    t3 = time.perf_counter()
    cut = sum(1 for c in world.all_copies() if c.status.startswith("Disconnected"))
    world.commit(SetSiteLink("Default-First-Site-Name", "Standby", connected=True))
    t4 = time.perf_counter()
    world.advance(3600)
    t5 = time.perf_counter()
    print(f"can_talk across sites: {(t1 - t0) / n * 1e6:.2f} us per call")
    print(f"cut the WAN (16 members, 600 copies): {(t2 - t1) * 1000:.1f} ms; advance 1 h: {(t3 - t2) * 1000:.1f} ms")
    print(f"restore the WAN: {(t4 - t3) * 1000:.1f} ms; advance 1 h: {(t5 - t4) * 1000:.1f} ms")
    print(f"copies disconnected during the cut: {cut}")


if __name__ == "__main__":
    main()
