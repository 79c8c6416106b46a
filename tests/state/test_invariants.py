"""Hypothesis state machine over the world's invariants."""

import datetime as dt

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from exshell.labs import load_lab
from state import RuleViolation, reconfigure
from state.transitions import (AddDatabaseCopy, AddServerToDag, MoveActiveDatabase, NewDag, PowerOff, PowerOn,
                               RemoveServerFromDag, SetDag)

SERVERS = st.sampled_from(["MBX1", "MBX2", "MBX3", "HUB01"])
DBS = st.sampled_from(["DB1", "DB2", "DB3"])


class WorldMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.world = load_lab("default").world
        self.world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
        self.ops = []

    def _try(self, transition):
        before = self.world.snapshot()
        self.ops.append(transition)
        try:
            self.world.commit(transition)
        except RuleViolation:
            assert self.world.snapshot() == before      # a refused operation changes nothing

    @rule(server=SERVERS)
    def add(self, server):
        self._try(AddServerToDag("DAG1", server))

    @rule(server=SERVERS)
    def remove(self, server):
        if self.world.dag("DAG1").has_member(server):
            self._try(RemoveServerFromDag("DAG1", server))

    @rule(db=DBS, server=SERVERS)
    def copy(self, db, server):
        if self.world.server(server).is_mailbox_server:
            self._try(AddDatabaseCopy(db, server))

    @rule(db=DBS, server=st.one_of(st.none(), SERVERS))
    def move(self, db, server):
        try:
            self._try(MoveActiveDatabase(db, server))
        except (AttributeError, TypeError):
            pass

    @rule(server=SERVERS, on=st.booleans())
    def power(self, server, on):
        self._try(PowerOn(server) if on else PowerOff(server))

    @rule(seconds=st.integers(1, 600))
    def wait(self, seconds):
        self.world.advance(seconds)

    @rule()
    def set_dag(self):
        self._try(SetDag.of("DAG1"))

    @invariant()
    def one_active_copy_mounted_on_a_holder(self):
        for db in self.world.databases.values():
            assert db.active_copy is not None
            assert sum(1 for c in db.copies if c.status in ("Mounted", "Dismounted") and c is db.active_copy) <= 1

    @invariant()
    def quorum_matches_votes(self):
        dag = self.world.dag("DAG1")
        cluster = self.world.cluster_of(dag)
        if cluster is not None:
            up, total = reconfigure.votes(self.world, dag)
            assert cluster.has_quorum == (2 * up > total) or cluster.forced_quorum

    @invariant()
    def cluster_ips_equal_dag_addresses(self):
        cluster = self.world.cluster_of("DAG1")
        if cluster is not None:
            ips = {r.parameters["Address"] for r in cluster.resources_of_type("IP Address")}
            assert ips == {"192.168.1.50"}


TestWorldMachine = WorldMachine.TestCase
TestWorldMachine.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)


def test_same_seed_same_operations_same_world():
    def run():
        w = load_lab("default").world
        w.commit(NewDag("DAG1", witness_server="HUB01"))
        w.commit(AddServerToDag("DAG1", "MBX1"))
        w.commit(AddServerToDag("DAG1", "MBX2"))
        w.commit(AddDatabaseCopy("DB1", "MBX2", replay_lag_time=dt.timedelta(minutes=5)))
        w.commit(PowerOff("MBX1"))
        w.advance(3600)
        return w.snapshot()
    assert run() == run()


def test_checkpoint_restore():
    w = load_lab("default").world
    cp = w.checkpoint()
    before = w.snapshot()
    w.commit(NewDag("DAG1", witness_server="HUB01"))
    w.commit(AddServerToDag("DAG1", "MBX1"))
    w.advance(900)
    w.restore(cp)
    assert w.snapshot() == before
    w.commit(NewDag("DAG1", witness_server="HUB01"))
    w.commit(AddServerToDag("DAG1", "MBX1"))
    w.advance(900)                                  # timers run against the restored world
