"""Random cuts, restores and power failures over a two-site DAG (R-SITE-3, R-SITE-11, R-DAG-30):
quorum matches the votes on the cluster's side, at most one mounted copy per database on any
connected side, and a refused change leaves the world as it was."""

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from state import RuleViolation, partition, reconfigure
from state.transitions import (EvictClusterNode, MoveActiveDatabase, PowerOff, PowerOn, SetClusterNodeState,
                               SetServiceState)
from state.transitions.sitelinks import SetSiteLink
from tests.state.test_partition import three_sites

MACHINES = st.sampled_from(["MBX1", "MBX2", "MBX3", "MBX4", "CAS1", "CAS2"])
LINKS = st.sampled_from([("Redmond", "Dublin"), ("Redmond", "Chicago"), ("Dublin", "Chicago"),
                         ("Dublin", "Nowhere"), ("Chicago", "Chicago")])


class PartitionMachine(RuleBasedStateMachine):
    """R-SITE-11: seed002's two sites plus a third (Chicago) holding the witness CAS2."""

    def __init__(self):
        super().__init__()
        self.world = three_sites("Redmond", "Dublin")

    def _try(self, change):
        before = self.world.snapshot()
        try:
            self.world.commit(change)
        except RuleViolation:
            assert self.world.snapshot() == before

    @rule(link=LINKS, connected=st.booleans())
    def set_link(self, link, connected):
        self._try(SetSiteLink(*link, connected=connected))

    @rule(machine=MACHINES, on=st.booleans())
    def power(self, machine, on):
        self._try(PowerOn(machine) if on else PowerOff(machine))

    @rule(node=st.sampled_from(["MBX1", "MBX3"]))
    def force_quorum(self, node):
        """R-SITE-10's cluster tools: restart the Cluster service with forced quorum."""
        if self.world.server(node).service_running("ClusSvc"):
            self._try(SetServiceState(node, "ClusSvc", running=False))
            self._try(SetClusterNodeState("DAG1", node, running=True, force_quorum=True))

    @rule(node=st.sampled_from(["MBX1", "MBX2", "MBX3", "MBX4"]))
    def evict(self, node):
        if self.world.cluster_of("DAG1").node(node) is not None:
            self._try(EvictClusterNode("DAG1", node))

    @rule(db=st.sampled_from(["DB1", "DB2"]), server=st.sampled_from(["MBX1", "MBX3"]))
    def move(self, db, server):
        self._try(MoveActiveDatabase(db, server, skip_health_checks=True, skip_lag_checks=True,
                                     skip_client_experience_checks=True, skip_active_copy_checks=True))

    @rule(seconds=st.sampled_from([5, 30, 120, 900]))
    def wait(self, seconds):
        self.world.advance(seconds)

    @invariant()
    def quorum_on_the_clusters_side_matches_its_votes(self):
        dag = self.world.dag("DAG1")
        cluster = self.world.cluster_of(dag)
        up, total = reconfigure.votes(self.world, dag)
        assert cluster.has_quorum == (2 * up > total) or cluster.forced_quorum

    @invariant()
    def at_most_one_active_copy_per_database_per_connected_side(self):
        """Split brain is two sides each with its own mounted copy, never two on one side."""
        for db in self.world.databases.values():
            hosts = [self.world.server(c.server) for c in db.copies if c.status == "Mounted"]
            for side in partition.components(self.world, hosts):
                assert len(side) <= 1, (db.name, [s.name for s in side])
            assert len(hosts) <= 1 + (db.guid in self.world.partition.islands)

    @invariant()
    def a_mounted_database_is_on_a_running_server(self):
        for db in self.world.databases.values():
            if db.mounted:
                assert self.world.server(db.active_server).is_up


TestPartitionMachine = PartitionMachine.TestCase
TestPartitionMachine.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)
