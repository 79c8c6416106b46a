"""Fixtures: worlds built from the built-in labs."""

import pytest

from exshell.labs import load_lab
from state.transitions import AddServerToDag, NewDag


@pytest.fixture
def world():
    return load_lab("default").world


@pytest.fixture
def beta():
    return load_lab("seed003").world


@pytest.fixture
def dag_world(world):
    world.commit(NewDag("DAG1", witness_server="HUB01", ip_addresses=("192.168.1.50",)))
    world.commit(AddServerToDag("DAG1", "MBX1"))
    world.commit(AddServerToDag("DAG1", "MBX2"))
    return world


@pytest.fixture(name="refused")
def refused_fixture():
    return refused


def refused(world, transition, rule_id, category, message):
    """Assert a refusal exactly, and that nothing changed."""
    from state import RuleViolation
    before = world.snapshot()
    with pytest.raises(RuleViolation) as info:
        world.commit(transition)
    assert (info.value.rule_id, info.value.category, info.value.message) == (rule_id, category, message)
    assert world.snapshot() == before
