"""DAG network rules (spec: NET)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from state.rules.base import rule

if TYPE_CHECKING:
    from state.model import DatabaseAvailabilityGroup, DagNetwork
    from state.world import World

R_NET_9_NAME = rule("R-NET-9", "InvalidArgument",
                    "The DAG network name '{name}' is already used in database availability group '{dag}' or is longer than 128 characters.")
R_NET_9_DESCRIPTION = rule("R-NET-9", "InvalidArgument",
                           "The description is longer than 256 characters.")
R_NET_10 = rule("R-NET-10", "InvalidOperation",
                "Network configuration for database availability group '{dag}' is managed automatically. Set "
                "ManualDagNetworkConfiguration to $true before changing DAG networks.")
R_NET_12 = rule("R-NET-12", "InvalidOperation",
                "DAG network '{network}' can't be removed because it still has subnets.")


def network_name_is_free(dag: "DatabaseAvailabilityGroup", network: "DagNetwork | None", name: str) -> None:
    """R-NET-9: names are at most 128 characters and unique within the DAG."""
    other = dag.network(name)
    if len(name) > 128 or (other is not None and other is not network):
        raise R_NET_9_NAME.violation(target=name, name=name, dag=dag.name)


def description_fits(description: str | None) -> None:
    """R-NET-9: Description at most 256 characters."""
    if description is not None and len(description) > 256:
        raise R_NET_9_DESCRIPTION.violation(target=description)


def manual_network_configuration(world: "World", dag: "DatabaseAvailabilityGroup") -> None:
    """R-NET-10: [2013+] network writes need ManualDagNetworkConfiguration $true."""
    if world.version_at_least("2013") and not dag.manual_dag_network_configuration:
        raise R_NET_10.violation(target=dag.name, dag=dag.name)
