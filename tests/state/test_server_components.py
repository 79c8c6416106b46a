"""Server component states (2013+): how requests combine into a state, Set-ServerComponentState's
checks (X-COMP-1..5), and what an Inactive HighAvailability component does to Active Manager:
no automatic activation there (R-AM-6, also failback R-AM-23), a switchover to it refused unless
-SkipHealthChecks (R-AM-17)."""

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from exshell import Shell
from state import RuleViolation
from state import active_manager as am
from state.model import components as comp
from state.model.components import ComponentRequest
from state.transitions import MoveActiveDatabase, PowerOff, SetMailboxServer
from state.transitions.components import SetServerComponentState

T0 = dt.datetime(2017, 3, 6, 8, 0, 0)


@pytest.fixture
def world():
    """Exchange 2016: DAG1 = MBX1..3; DB1 on MBX1 (copies MBX2, MBX3), DB2 on MBX2 (copy MBX3)."""
    return Shell(lab="copies").world


def req(component, requester, state, minutes=0):
    return ComponentRequest(component, requester, state, T0 + dt.timedelta(minutes=minutes))


# -- how requests combine ---------------------------------------------------------------------------

def test_no_request_means_the_default_state():
    assert [comp.effective_state([], [], c) for c in ("HubTransport", "ForwardSyncDaemon", "ProvisioningRps")] == [
        "Active", "Inactive", "Inactive"]


def test_any_inactive_request_wins_then_draining():
    local = [req("HubTransport", "Maintenance", "Draining"), req("HubTransport", "Functional", "Active")]
    assert comp.effective_state(local, [], "HubTransport") == "Draining"
    local.append(req("HubTransport", "HealthApi", "Inactive"))
    assert comp.effective_state(local, [], "HubTransport") == "Inactive"


def test_per_requester_the_newer_of_registry_and_directory_wins():
    local = [req("HubTransport", "Maintenance", "Inactive", minutes=1)]
    remote = [req("HubTransport", "Maintenance", "Active", minutes=2)]
    assert comp.effective_state(local, remote, "HubTransport") == "Active"
    assert comp.effective_state(local, [req("HubTransport", "Maintenance", "Active", minutes=0)],
                                "HubTransport") == "Inactive"


def test_server_wide_offline_takes_all_but_monitoring_and_recovery_actions_offline():
    remote = [req("ServerWideOffline", "Maintenance", "Inactive")]
    states = {c: comp.effective_state([], remote, c) for c in comp.COMPONENTS_2013}
    assert {c for c, s in states.items() if s == "Active"} == {"Monitoring", "RecoveryActionsEnabled"}
    draining = [req("ServerWideOffline", "Maintenance", "Draining")]
    assert comp.effective_state([], draining, "HighAvailability") == "Inactive"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(("HubTransport", "ServerWideOffline", "Monitoring")),
                          st.sampled_from(comp.REQUESTERS), st.sampled_from(comp.STATES),
                          st.integers(0, 5), st.booleans()), max_size=8))
def test_effective_state_matches_the_reading_rules(entries):
    """Property: the state read is Inactive iff some newest request (per requester) says Inactive,
    or ServerWideOffline is not Active (Monitoring exempt)."""
    local, remote = [], []
    for component, requester, state, minute, is_local in entries:
        target = local if is_local else remote
        target[:] = comp.with_request(target, req(component, requester, state, minute))
    for component in ("HubTransport", "Monitoring"):
        newest: dict[str, ComponentRequest] = {}
        for e in comp.requests_for(local, component) + comp.requests_for(remote, component):
            key = e.requester.lower()
            if key not in newest or (newest[key].timestamp < e.timestamp and e in remote):
                newest[key] = e
        own = {e.state for e in newest.values()}
        swo = comp.direct_state(local, remote, "ServerWideOffline") != "Active"
        expected = ("Inactive" if "Inactive" in own or (swo and component != "Monitoring")
                    else "Draining" if "Draining" in own else "Active")
        assert comp.effective_state(local, remote, component) == expected


# -- Set-ServerComponentState checks ---------------------------------------------------------------

def test_x_comp_1_unknown_component(world, refused):
    refused(world, SetServerComponentState("MBX1", "UnifiedMessaging", "Maintenance", "Inactive"),
            "X-COMP-1", "InvalidArgument",
            "The component name 'UnifiedMessaging' isn't valid. Run Get-ServerComponentState to see the components "
            "of the server.")


def test_x_comp_2_unknown_requester(world, refused):
    refused(world, SetServerComponentState("MBX1", "HubTransport", "Admin", "Inactive"), "X-COMP-2", "InvalidArgument",
            "The requester 'Admin' isn't valid. Valid requesters are: "
            "HealthApi,Maintenance,Sidelined,Functional,Deployment.")


def test_x_comp_3_and_4_local_only_limits(world, refused):
    refused(world, SetServerComponentState("MBX1", "monitoring", "Functional", "Active", local_only=True),
            "X-COMP-3", "InvalidArgument", "The state of component 'Monitoring' can't be set with -LocalOnly.")
    refused(world, SetServerComponentState("MBX1", "HubTransport", "Maintenance", "Active", True, True),
            "X-COMP-4", "InvalidArgument", "The LocalOnly and RemoteOnly switches can't be used together.")


def test_x_comp_5_local_only_needs_the_server(world, refused):
    world.commit(PowerOff("MBX3"))
    refused(world, SetServerComponentState("MBX3", "HubTransport", "Maintenance", "Draining", local_only=True),
            "X-COMP-5", "ResourceUnavailable",
            "The registry of server 'MBX3.contoso.com' couldn't be updated: the server isn't reachable.")
    world.commit(SetServerComponentState("MBX3", "HubTransport", "Maintenance", "Draining"))
    server = world.server("MBX3")
    assert (server.local_component_states, [r.state for r in server.remote_component_states]) == ([], ["Draining"])


def test_a_request_is_written_to_both_places_and_replaces_the_requesters_earlier_one(world):
    world.commit(SetServerComponentState("MBX1", "hubtransport", "maintenance", "draining"))
    world.advance(60)
    world.commit(SetServerComponentState("MBX1", "HubTransport", "Maintenance", "Active", remote_only=True))
    server = world.server("MBX1")
    assert [(r.component, r.requester, r.state) for r in server.local_component_states] == [
        ("HubTransport", "Maintenance", "Draining")]
    assert [(r.state, r.timestamp - server.local_component_states[0].timestamp)
            for r in server.remote_component_states] == [("Active", dt.timedelta(seconds=60))]
    assert server.component_state("HubTransport") == "Active"        # the newer (directory) request wins


# -- what it does to Active Manager ------------------------------------------------------------------

def test_r_am_6_high_availability_inactive_is_no_candidate(world):
    db = world.database("DB1")
    assert [c.server for c in am.candidates(world, db, automatic=True)] == ["MBX2", "MBX3"]
    world.commit(SetServerComponentState("MBX2", "HighAvailability", "Maintenance", "Inactive"))
    assert [c.server for c in am.candidates(world, db, automatic=True)] == ["MBX3"]
    assert [c.server for c in am.candidates(world, db, automatic=False)] == ["MBX2", "MBX3"]
    world.commit(SetServerComponentState("MBX2", "HighAvailability", "Maintenance", "Active"))
    world.commit(SetServerComponentState("MBX3", "ServerWideOffline", "Maintenance", "Inactive"))
    assert [c.server for c in am.candidates(world, db, automatic=True)] == ["MBX2"]


def test_r_am_6_failover_skips_a_server_in_maintenance(world):
    world.commit(SetServerComponentState("MBX2", "ServerWideOffline", "Maintenance", "Inactive"))
    world.commit(PowerOff("MBX1"))
    world.advance(120)
    assert world.database("DB1").active_server == "MBX3"


def test_r_am_6_failover_finds_nothing_when_every_copy_is_offline(world):
    for server in ("MBX2", "MBX3"):
        world.commit(SetServerComponentState(server, "HighAvailability", "HealthApi", "Inactive"))
    world.commit(PowerOff("MBX1"))
    world.advance(120)
    assert (world.database("DB1").active_server, world.database("DB1").mounted) == ("MBX1", False)


def test_r_am_15_move_now_avoids_a_server_in_maintenance(world):
    world.commit(SetServerComponentState("MBX2", "HighAvailability", "Maintenance", "Inactive"))
    world.commit(SetMailboxServer.of("MBX1", database_copy_activation_disabled_and_move_now=True))
    world.advance(60)
    assert world.database("DB1").active_server == "MBX3"


def test_r_am_17_switchover_to_a_server_in_maintenance_is_refused(world, refused):
    world.commit(SetServerComponentState("MBX2", "ServerWideOffline", "Maintenance", "Inactive"))
    refused(world, MoveActiveDatabase("DB1", "MBX2"), "R-AM-17", "InvalidOperation",
            "An Active Manager operation failed. Error: Database copy 'DB1' on server 'MBX2' can't be activated: "
            "the HighAvailability component of the server is Inactive. Use -SkipHealthChecks to override this check.")
    world.commit(MoveActiveDatabase("DB1", "MBX2", skip_health_checks=True))
    assert world.database("DB1").active_server == "MBX2"


def test_r_am_17_targetless_switchover_passes_over_the_server(world):
    world.commit(SetServerComponentState("MBX2", "HighAvailability", "Maintenance", "Inactive"))
    world.commit(MoveActiveDatabase("DB1"))
    assert world.database("DB1").active_server == "MBX3"


def test_r_am_23_no_failback_to_a_server_in_maintenance(world):
    world.commit(MoveActiveDatabase("DB1", "MBX2"))
    world.commit(SetServerComponentState("MBX1", "ServerWideOffline", "Maintenance", "Inactive"))
    world.advance(2 * am.REBALANCE_SECONDS)
    assert world.database("DB1").active_server == "MBX2"
    world.commit(SetServerComponentState("MBX1", "ServerWideOffline", "Maintenance", "Active"))
    world.advance(2 * am.REBALANCE_SECONDS)
    assert world.database("DB1").active_server == "MBX1"


def test_components_do_not_exist_before_2013():
    world = Shell().world
    assert (comp.components_for("2010"), world.server("MBX1").high_availability_offline) == ((), False)
    with pytest.raises(RuleViolation):
        world.check(SetServerComponentState("MBX1", "HighAvailability", "Maintenance", "Inactive"))


_SET = st.tuples(st.sampled_from(("MBX1", "MBX3")),
                 st.sampled_from(("HighAvailability", "serverwideoffline", "Monitoring", "UnifiedMessaging")),
                 st.sampled_from(("Maintenance", "HealthApi", "Admin")), st.sampled_from(comp.STATES),
                 st.booleans(), st.booleans())


@settings(max_examples=30, deadline=None)
@given(st.lists(_SET, min_size=1, max_size=6))
def test_x_comp_a_refused_request_changes_nothing_an_accepted_one_is_read_back(commands):
    """Property (X-COMP-1..4): a refused Set-ServerComponentState leaves world.snapshot() as it was;
    an accepted one is what the requester's entry now says, in the places it was written to."""
    world = Shell(lab="copies").world
    for server, component, requester, state, local_only, remote_only in commands:
        change = SetServerComponentState(server, component, requester, state, local_only, remote_only)
        before = world.snapshot()
        try:
            world.commit(change)
        except RuleViolation as refusal:
            assert refusal.rule_id in ("X-COMP-1", "X-COMP-2", "X-COMP-3", "X-COMP-4")
            assert world.snapshot() == before
            continue
        entity = world.server(server)
        name = comp.canonical(comp.COMPONENTS_2016, component)
        for where, written in ((entity.local_component_states, not remote_only),
                               (entity.remote_component_states, not local_only)):
            mine = [e.state for e in comp.requests_for(where, name) if e.requester == requester]
            assert mine == ([state] if written else mine)
        world.advance(1)


_SERVERS = st.sampled_from(("MBX1", "MBX2", "MBX3"))


@settings(max_examples=20, deadline=None)
@given(st.sets(_SERVERS, max_size=2), st.sampled_from(("HighAvailability", "ServerWideOffline")),
       st.lists(_SERVERS, min_size=1, max_size=2, unique=True))
def test_r_am_6_automatic_activation_never_lands_on_a_server_in_maintenance(offline, component, failing):
    """Property (R-AM-6, R-AM-23): whichever servers are switched offline and whichever fail and
    return, a database that Active Manager moves on its own (failover, failback) goes to a server
    whose HighAvailability component is not Inactive."""
    from state.transitions import PowerOn
    world = Shell(lab="copies").world
    for server in offline:
        world.commit(SetServerComponentState(server, component, "Maintenance", "Inactive"))
    steps = [PowerOff(s) for s in failing] + [PowerOn(s) for s in failing]
    for step in steps:
        before = {db.name: db.active_server for db in world.databases.values()}
        world.commit(step)
        world.advance(150 if isinstance(step, PowerOff) else 2 * am.REBALANCE_SECONDS)
        moved_to = {db.active_server for db in world.databases.values() if db.active_server != before[db.name]}
        assert not moved_to & offline
