"""DAG network writes: NewDagNetwork, SetDagNetwork, RemoveDagNetwork (R-NET-9..R-NET-12,
R-NET-17, R-CLUSTER-10a)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import events as ev, reconfigure, replication
from state.model import DagNetwork
from state.rules import dag as dag_rules
from state.rules import net as rules
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World


@attrs.frozen
class SetDagNetwork(Transition):
    """Set-DatabaseAvailabilityGroupNetwork; None = parameter not given."""

    dag: str
    network: str
    name: str | None = None
    description: str | None = None
    replication_enabled: bool | None = None
    ignore_network: bool | None = None
    subnets: tuple[str, ...] | None = None

    def check(self, world: "World") -> None:
        dag = world.dag(self.dag)
        rules.network_write_is_valid(world, dag, dag.network(self.network), self.name, self.description, self.subnets)
        rules.flags_are_consistent(self.replication_enabled, self.ignore_network)

    def _changes(self) -> dict:
        replication, ignore = rules.implied_flags(self.replication_enabled, self.ignore_network)
        values = {"name": self.name, "description": self.description, "replication_enabled": replication,
                  "ignore_network": ignore}
        return {k: v for k, v in values.items() if v is not None}

    def apply(self, world: "World") -> list[ev.Event]:
        dag = world.dag(self.dag)
        net = dag.network(self.network)
        changed = [k for k, v in self._changes().items() if getattr(net, k) != v]
        out: list[ev.Event] = []
        for key, value in self._changes().items():
            setattr(net, key, value)
        if self.subnets is not None:
            subnets = rules.subnets_are_valid(self.subnets)
            out += rules.subnet_events(dag, net.name, subnets)
            take_subnets(dag, net, subnets)
            changed.append("subnets")
        reconfigure.sync_cluster_networks(world, dag)
        out += rules.all_networks_disabled(dag)
        if not changed:
            return out + [ev.warning(dag_rules.R_DAG_37.message(dag=net.identity), "R-DAG-37")]
        # A copy whose network no longer carries replication picks another (R-NET-14).
        return out + [ev.info(f"DAG network '{net.identity}' changed.")] + replication.networks_changed(world)


def take_subnets(dag, net: DagNetwork, subnets: tuple[str, ...]) -> None:
    """R-NET-11: a subnet belongs to one network; naming it moves it here."""
    for other in dag.networks:
        other.subnet_ids = [s for s in other.subnet_ids if s not in subnets]
    net.subnet_ids = list(subnets)


@attrs.frozen
class NewDagNetwork(Transition):
    """New-DatabaseAvailabilityGroupNetwork (R-NET-9..R-NET-11): flags default as discovered
    networks do (R-NET-6)."""

    dag: str
    name: str
    description: str | None = None
    replication_enabled: bool | None = None
    ignore_network: bool | None = None
    subnets: tuple[str, ...] | None = None

    def check(self, world: "World") -> None:
        rules.dag_has_members_for_networks(world.dag(self.dag))       # checked first by the task
        rules.network_write_is_valid(world, world.dag(self.dag), None, self.name, self.description, self.subnets)
        rules.flags_are_consistent(self.replication_enabled, self.ignore_network)

    def apply(self, world: "World") -> list[ev.Event]:
        dag = world.dag(self.dag)
        replication, ignore = rules.implied_flags(self.replication_enabled, self.ignore_network)
        net = DagNetwork(self.name, dag.name, description=self.description or "",
                         replication_enabled=True if replication is None else replication,
                         ignore_network=bool(ignore))
        subnets = rules.subnets_are_valid(self.subnets) or ()
        out = rules.subnet_events(dag, net.name, subnets)
        dag.networks.append(net)
        take_subnets(dag, net, subnets)
        net.mapi_access_enabled = any(s in reconfigure.mapi_subnets(world, dag) for s in subnets)
        reconfigure.sync_cluster_networks(world, dag)
        return out + rules.all_networks_disabled(dag) + [ev.info(f"DAG network '{net.identity}' created.", "R-NET-11")]


@attrs.frozen
class RemoveDagNetwork(Transition):
    """Remove-DatabaseAvailabilityGroupNetwork: only a network without subnets (R-NET-12)."""

    dag: str
    network: str

    def check(self, world: "World") -> None:
        dag = world.dag(self.dag)
        rules.manual_network_configuration(world, dag)     # the task checks this too (R-NET-10)
        rules.network_has_no_subnets(world, dag.network(self.network))

    def apply(self, world: "World") -> list[ev.Event]:
        dag = world.dag(self.dag)
        net = dag.network(self.network)
        dag.networks.remove(net)
        reconfigure.sync_cluster_networks(world, dag)          # R-CLUSTER-10a
        return [ev.info(f"DAG network '{net.identity}' removed.", "R-NET-12")]
