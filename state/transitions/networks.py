"""DAG network writes: SetDagNetwork (R-NET-9..R-NET-11, R-NET-17, R-CLUSTER-10a)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import events as ev, reconfigure
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
        net = dag.network(self.network)
        rules.manual_network_configuration(world, dag)
        if self.name is not None:
            rules.network_name_is_free(dag, net, self.name)
        rules.description_fits(self.description)

    def _changes(self) -> dict:
        fields = ("name", "description", "replication_enabled", "ignore_network")
        return {f: getattr(self, f) for f in fields if getattr(self, f) is not None}

    def apply(self, world: "World") -> list[ev.Event]:
        dag = world.dag(self.dag)
        net = dag.network(self.network)
        changed = [k for k, v in self._changes().items() if getattr(net, k) != v]
        for key, value in self._changes().items():
            setattr(net, key, value)
        if self.subnets is not None:
            for other in dag.networks:           # R-NET-11: a subnet belongs to one network
                other.subnet_ids = [s for s in other.subnet_ids if s not in self.subnets]
            net.subnet_ids = list(self.subnets)
            changed.append("subnets")
        reconfigure.sync_cluster_networks(world, dag)
        if not changed:
            return [ev.warning(dag_rules.R_DAG_37.message(dag=net.identity), "R-DAG-37")]
        return [ev.info(f"DAG network '{net.identity}' changed.")]
