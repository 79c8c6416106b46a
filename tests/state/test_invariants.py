"""Hypothesis state machine over the world's invariants."""

import datetime as dt

import pytest

from hypothesis import given, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from exshell.labs import load_lab
from state import RuleViolation, partition, reconfigure, replication as repl
from state.transitions import (AddDatabaseCopy, AddServerToDag, FailDatabaseCopy, MoveActiveDatabase,
                               MoveServerDatabases, NewDag, PowerOff, PowerOn, RemoveServerFromDag, ResumeDatabaseCopy,
                               RestartService, SetDag, SetDiskFull, SetNicState, Shutdown, SuspendDatabaseCopy,
                               UpdateDatabaseCopy)

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

    @rule(db=DBS, server=st.one_of(st.none(), SERVERS), skip=st.booleans())
    def move(self, db, server, skip):
        self._try(MoveActiveDatabase(db, server, skip_health_checks=skip, skip_lag_checks=skip,
                                     skip_client_experience_checks=skip))

    @rule(server=SERVERS)
    def move_server(self, server):
        if self.world.server(server).is_mailbox_server:
            self._try(MoveServerDatabases(server))

    @rule(db=DBS, server=SERVERS, activation_only=st.booleans())
    def suspend(self, db, server, activation_only):
        if self.world.copy(db, server) is not None:
            self._try(SuspendDatabaseCopy(db, server, activation_only))

    @rule(db=DBS, server=SERVERS, replication_only=st.booleans())
    def resume(self, db, server, replication_only):
        if self.world.copy(db, server) is not None:
            self._try(ResumeDatabaseCopy(db, server, replication_only))

    @rule(db=DBS, server=SERVERS, corrupt=st.booleans())
    def fail_copy(self, db, server, corrupt):
        if self.world.copy(db, server) is not None:
            self._try(FailDatabaseCopy(db, server, corrupt))

    @rule(db=DBS, server=SERVERS)
    def reseed(self, db, server):
        if self.world.copy(db, server) is not None:
            self._try(UpdateDatabaseCopy(db, server, delete_existing_files=True))

    @rule(server=SERVERS, on=st.booleans())
    def power(self, server, on):
        self._try(PowerOn(server) if on else PowerOff(server))

    @rule(server=SERVERS, full=st.booleans())
    def disk(self, server, full):
        self._try(SetDiskFull(server, full))

    @rule(server=SERVERS, nic=st.sampled_from(["MAPI", "Replication"]), up=st.booleans())
    def adapter(self, server, nic, up):
        if any(n.name == nic for n in self.world.server(server).nics):
            self._try(SetNicState(server, nic, up))

    @rule(server=SERVERS, service=st.sampled_from(["MSExchangeRepl", "MSExchangeIS", "ClusSvc"]))
    def restart(self, server, service):
        if self.world.server(server).is_mailbox_server and self.world.server(server).is_up:
            self._try(RestartService(server, service))

    @rule(server=SERVERS)
    def shutdown(self, server):
        self._try(Shutdown(server))

    @rule(seconds=st.integers(1, 600))
    def wait(self, seconds):
        self.world.advance(seconds)

    @rule()
    def set_dag(self):
        self._try(SetDag.of("DAG1"))

    @invariant()
    def one_active_copy_mounted_on_a_holder(self):
        for db in self.world.databases.values():
            assert db.active_copy is not None                     # the active server holds a copy
            # Split brain (R-SITE-3) is the one exception: one mounted copy per connected side.
            hosts = [self.world.server(c.server) for c in db.copies if c.status == "Mounted"]
            assert all(len(side) <= 1 for side in partition.components(self.world, hosts))
            assert sum(1 for c in db.copies if c.status == "Mounted") <= 1 + (db.guid in self.world.partition.islands)
            if db.mounted:
                assert db.active_copy.status == "Mounted"
                assert self.world.server(db.active_server).is_up

    @invariant()
    def passive_copies_report_passive_states(self):
        for db in self.world.databases.values():
            for copy in db.passive_copies:
                assert copy.status in repl.PASSIVE_STATES, (copy.identity, copy.status)

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


@pytest.mark.rule("R-TIMING-1")
@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["move", "suspend", "resume", "off", "on", "wait"]), SERVERS, DBS),
                max_size=12))
def test_same_seed_and_operations_give_the_same_world(ops):
    """R-TIMING-1: virtual time and the seeded generator only; the same run twice is the same world."""
    def run():
        w = load_lab("default").world
        w.commit(NewDag("DAG1", witness_server="HUB01"))
        for server in ("MBX1", "MBX2", "MBX3"):
            w.commit(AddServerToDag("DAG1", server))
        for db, server in (("DB1", "MBX2"), ("DB2", "MBX3"), ("DB3", "MBX1")):
            w.commit(AddDatabaseCopy(db, server))
        for op, server, db in ops:
            change = {"move": lambda: MoveActiveDatabase(db, server), "off": lambda: PowerOff(server),
                      "suspend": lambda: SuspendDatabaseCopy(db, server), "on": lambda: PowerOn(server),
                      "resume": lambda: ResumeDatabaseCopy(db, server)}.get(op)
            if op == "wait":
                w.advance(97)
            elif w.server(server).is_mailbox_server and (op in ("off", "on") or w.copy(db, server) is not None):
                try:
                    w.commit(change())
                except RuleViolation:
                    pass
        w.advance(3600)
        return w.snapshot()
    assert run() == run()


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
