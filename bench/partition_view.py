"""What a console on each side of a split costs (stdlib + project only; prints figures, asserts nothing).

The split 8 + 8 world of bench/partition.py after the cut is noticed: the status of all 600
copies as a member of each side gets them (copy_status.as_seen: reachability, the side's beliefs,
ServiceDown entries) against the plain status records, and the side query the cluster cmdlets ask
(state.partition.member_side) per call."""

from __future__ import annotations

from cmdlets.exchange.copy_status import as_seen
from cmdlets.exchange.records.status import copy_status_record
from state.partition import member_side

from bench.partition import cut_world, timed

RUNSPACE = "00000000-0000-0000-0000-000000000000"


def main() -> None:
    world = cut_world()
    copies = list(world.all_copies())
    plain = timed(lambda: [copy_status_record(world, c, "2010", RUNSPACE) for c in copies], 5)
    print(f"plain status records, {len(copies)} copies: {plain * 1000:.1f} ms")
    for caller in ("MBX01", "MBX16"):
        seen = timed(lambda: [as_seen(world, caller, c, "2010", RUNSPACE) for c in copies], 5)
        down = sum(1 for c in copies if as_seen(world, caller, c, "2010", RUNSPACE).get("Status") == "ServiceDown")
        print(f"as seen from {caller}: {seen * 1000:.1f} ms ({seen / plain:.2f}x plain), {down} ServiceDown")
    dag = next(iter(world.dags.values()))
    for name in ("MBX01", "MBX16"):
        server = world.server(name)
        per = timed(lambda: member_side(world, dag, server), 200)
        side = member_side(world, dag, server)
        state = "with the cluster" if side is None else f"counted out, quorum {side.quorum}"
        print(f"member_side({name}): {per * 1e6:.0f} us per call ({state})")


if __name__ == "__main__":
    main()
