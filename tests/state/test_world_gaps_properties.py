"""Properties of the node join (R-CLUSTER-13) and of the replay lag manager (R-DB-11) under
random sequences of faults, settings and sleeps on the copies lab (Exchange 2016)."""

import datetime as dt

from hypothesis import given, settings, strategies as st

from exshell import Shell
from state import reconfigure, replication as repl
from state.transitions import (DamagePage, PowerOff, PowerOn, ResumeDatabaseCopy, SetClusterNodeState, SetDag,
                               SetDatabaseCopy, SetDiskFull, SuspendDatabaseCopy)

MEMBERS = ("MBX1", "MBX2", "MBX3")
STEPS = st.one_of(
    st.tuples(st.just("sleep"), st.sampled_from((5, 60, 3600, 30000))),
    st.tuples(st.just("power"), st.sampled_from(MEMBERS), st.booleans()),
    st.tuples(st.just("node"), st.sampled_from(MEMBERS), st.booleans()),
    st.tuples(st.just("disk"), st.sampled_from(MEMBERS), st.booleans()),
    st.tuples(st.just("suspend"), st.sampled_from(MEMBERS), st.booleans()),
    st.tuples(st.just("manager"), st.booleans()),
    st.tuples(st.just("page"), st.sampled_from(MEMBERS)),
)


def lagged_world():
    world = Shell(lab="copies").world
    world.commit(SetDatabaseCopy("DB1", "MBX3", replay_lag_time=dt.timedelta(hours=6)))
    return world


def step(world, action):
    kind, *args = action
    if kind == "sleep":
        world.advance(args[0])
        return
    transition = {
        "power": lambda s, on: (PowerOn if on else PowerOff)(s),
        "node": lambda s, up: SetClusterNodeState("DAG1", s, up),
        "disk": lambda s, full: SetDiskFull(s, full=full),
        "suspend": lambda s, off: (SuspendDatabaseCopy if off else ResumeDatabaseCopy)("DB1", s),
        "manager": lambda on: SetDag.of("DAG1", auto_dag_settings={"ReplayLagManagerEnabled": on}),
        "page": lambda s: DamagePage("DB1", s),
    }[kind](*args)
    try:
        world.commit(transition)
    except Exception as exc:                                 # a refused step: a rule said no
        assert getattr(exc, "rule_id", None), exc


@settings(max_examples=25, deadline=None)
@given(st.lists(STEPS, max_size=10))
def test_r_cluster_13_r_db_11_invariants(actions):
    world = lagged_world()
    cluster = world.cluster_of("DAG1")
    for action in actions:
        step(world, action)
        up, total = reconfigure.votes(world, world.dag("DAG1"))
        joining = [n for n in cluster.nodes if n.state == "Joining"]
        assert up <= total - len(joining)                    # a joining node has no vote
        for node in joining:
            assert node.joining_until is not None and node.joining_until > world.now
        for db in world.databases.values():
            for copy in db.passive_copies:
                replayed, inspected = repl.replayed_gen(world, db, copy), repl.inspected_gen(world, db, copy)
                assert replayed <= inspected
                assert (copy.play_down_since is None) == (copy.play_down_reason == "None")
