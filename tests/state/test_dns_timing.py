"""Name resolution with time in it (R-TIMING-15, R-BACKUP-5): TTLs, per-machine caches, netmask
order, zone edits that are refused without changing anything."""

import datetime as dt

import pytest

from exshell.labs import load_lab
from state import RuleViolation, dns
from state.transitions import PowerOff
from state.transitions.dns import AddDnsRecord, RemoveDnsRecord


@pytest.fixture
def seed004():
    return load_lab("seed004").world


@pytest.fixture
def seed002():
    return load_lab("seed002").world


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_client_name_ttl_is_five_minutes_in_the_labs(seed004, seed002):
    assert dns.CLIENT_NAME_TTL == 300
    assert seed004.dns["mail"].ttl == 300 and seed002.dns["mail"].ttl == 300
    assert seed004.dns["mbx1"].ttl == 1200           # what machines register themselves with


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_a_cached_answer_outlives_the_dns_change_until_its_ttl(seed004):
    w = seed004
    assert dns.lookup(w, "MBX2", "mail").addresses == ("192.168.10.20",)
    w.commit(RemoveDnsRecord("mail"))
    w.commit(AddDnsRecord("mail", ("192.168.20.20",), 300))
    w.advance(299)
    answer = dns.lookup(w, "MBX2", "mail.contoso.com")
    assert (answer.source, answer.addresses, answer.ttl) == ("cache", ("192.168.10.20",), 1)
    assert dns.lookup(w, "MBX1", "mail").addresses == ("192.168.20.20",)    # asked for the first time
    w.advance(1)
    answer = dns.lookup(w, "MBX2", "mail")
    assert (answer.source, answer.addresses, answer.ttl) == ("dns", ("192.168.20.20",), 300)


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_flush_and_restart_empty_the_cache(seed004):
    w = seed004
    dns.lookup(w, "MBX2", "mail")
    w.commit(RemoveDnsRecord("mail", "192.168.10.20"))
    assert w.resolve("MBX2", "mail") == "192.168.10.20"
    dns.flush(w.server("MBX2"))
    assert w.resolve("MBX2", "mail") is None
    dns.lookup(w, "MBX1", "MBX2")
    w.commit(PowerOff("MBX1"))
    assert w.server("MBX1").dns_cache == {}


@pytest.mark.rule("R-BACKUP-5")
def test_the_worlds_own_resolution_leaves_caches_alone(seed004):
    """World.resolve (rule checks) reads hosts, cache and zone but fills nothing, so a refused
    operation that resolved a name changes nothing."""
    before = seed004.snapshot()
    assert seed004.resolve("MBX2", "mail") == "192.168.10.20"
    assert seed004.snapshot() == before
    dns.lookup(seed004, "MBX2", "mail")
    assert seed004.snapshot() != before


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_several_addresses_answer_local_subnet_first(seed002):
    w = seed002
    assert w.dns["mail"].addresses == ["172.19.18.20", "172.19.19.20"]
    assert dns.lookup(w, "MBX1", "mail").addresses == ("172.19.18.20", "172.19.19.20")   # Redmond
    assert dns.lookup(w, "MBX3", "mail").addresses == ("172.19.19.20", "172.19.18.20")   # Dublin


def test_zone_edits_refused_change_nothing(seed004):
    w = seed004
    before = w.snapshot()
    for refused in (AddDnsRecord("mail", ("192.168.10.20",)), RemoveDnsRecord("nothere"),
                    RemoveDnsRecord("mail", "10.9.9.9"), AddDnsRecord("mail.fabrikam.com", ("10.0.0.1",))):
        with pytest.raises(RuleViolation):
            w.commit(refused)
        assert w.snapshot() == before


def test_zone_edits_join_and_leave_a_name(seed004):
    w = seed004
    events = w.commit(AddDnsRecord("mail", ("192.168.20.20",), 300))
    assert w.dns["mail"].addresses == ["192.168.10.20", "192.168.20.20"]
    assert events[0].rule_id == "R-TIMING-15"
    w.commit(RemoveDnsRecord("mail", "192.168.10.20"))
    assert w.dns["mail"].addresses == ["192.168.20.20"]
    w.commit(RemoveDnsRecord("mail"))
    assert "mail" not in w.dns
    w.commit(AddDnsRecord("owa", ("192.168.20.20",)))
    assert (w.dns["owa"].ttl, w.dns["owa"].dynamic) == (3600, False)     # the zone's default TTL


@pytest.mark.rule("R-TIMING-15")
def test_r_timing_15_cno_garbage_collection_after_30_days_offline():
    """The third value of the rule: a DAG's network name offline for more than 30 days leaves
    the CNO eligible for AD garbage collection (modelled under R-CLUSTER-19)."""
    from state.reconfigure import RECONCILE_SECONDS, cno_eligible_for_garbage_collection
    from state.transitions import AddServerToDag, NewDag

    w = load_lab("default").world
    w.dhcp_scopes.clear()                                  # no lease: the name cannot come online
    w.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("0.0.0.0",)))
    w.commit(AddServerToDag("DAG1", "MBX1"))
    w.advance(RECONCILE_SECONDS)
    since = w.cluster_of("DAG1").name_offline_since
    assert since is not None
    w.advance((since + dt.timedelta(days=30) - w.now).total_seconds())
    assert not cno_eligible_for_garbage_collection(w, w.dag("DAG1"))
    w.advance(1)
    assert cno_eligible_for_garbage_collection(w, w.dag("DAG1"))
