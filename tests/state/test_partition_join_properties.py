"""Random cuts and restores of the WAN with the witness in Redmond (R-CLUSTER-13, R-DAG-30,
R-SITE-11): Redmond's two members and the witness hold three votes of five, so the cluster never
loses quorum, Redmond's nodes stay Up, and a Dublin node is Joining only within JOIN_SECONDS of
the link coming back; once the link has been back that long (and not cut again), every node is
Up."""

import datetime as dt

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from state.active_manager import JOIN_SECONDS
from state.transitions.sitelinks import SetSiteLink
from tests.state.test_partition import two_sites


class JoinMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.world = two_sites(dac=False)
        self.restored_at = None         # the last restore of the link
        self.cut_since = False          # cut again after it (noticed only after R-TIMING-5)

    @rule(connected=st.booleans())
    def set_link(self, connected):
        was = not self.world.partition.cut
        self.world.commit(SetSiteLink("Redmond", "Dublin", connected=connected))
        if connected and not was:
            self.restored_at, self.cut_since = self.world.now, False
        elif not connected:
            self.cut_since = True

    @rule(seconds=st.sampled_from([1, 3, 5, 9, 10, 30]))
    def wait(self, seconds):
        self.world.advance(seconds)

    @invariant()
    def redmond_keeps_the_cluster(self):
        cluster = self.world.cluster_of("DAG1")
        states = {n.name: n.state for n in cluster.nodes}
        assert cluster.has_quorum and cluster.core_group.owner_node in ("mbx1", "mbx2")
        assert states["mbx1"] == states["mbx2"] == "Up"

    @invariant()
    def dublin_joins_only_just_after_a_restore(self):
        states = {n.name: n.state for n in self.world.cluster_of("DAG1").nodes}
        joining = [name for name in ("mbx3", "mbx4") if states[name] == "Joining"]
        if joining:
            assert self.restored_at is not None
            assert self.world.now - self.restored_at < dt.timedelta(seconds=JOIN_SECONDS)
        joined = self.restored_at is not None and not self.cut_since and \
            self.world.now - self.restored_at >= dt.timedelta(seconds=JOIN_SECONDS)
        if joined:
            assert states["mbx3"] == states["mbx4"] == "Up"


JoinMachine.TestCase.settings = settings(max_examples=15, stateful_step_count=12, deadline=None)
test_r_cluster_13_join_after_a_heal_never_costs_the_surviving_side_its_quorum = JoinMachine.TestCase
