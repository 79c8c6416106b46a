"""DAG membership: AddServerToDag, RemoveServerFromDag (R-DAG-21..33)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import active_manager, events as ev, reconfigure
from state.rules import cluster as cluster_rules
from state.rules import dag as rules
from state.rules import net as net_rules
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World

ADD_SERVER_SECONDS = 60     # R-TIMING-12: what the cmdlet may advance after each add
REMOVE_SERVER_SECONDS = 60  # the task waits a minute after evicting a node


@attrs.frozen
class AddServerToDag(Transition):
    """Add-DatabaseAvailabilityGroupServer. ``ip_addresses``: the Beta 1 first-member IP
    parameter (R-DAG-46); None leaves the DAG's addressing as configured."""

    dag: str
    server: str
    ip_addresses: tuple[str, ...] | None = None
    skip_dag_validation: bool = False     # R-DAG-28: no witness health warnings

    def check(self, world: "World") -> None:
        dag, server = world.dag(self.dag), world.server(self.server)
        # Close to the task's order: member count, prerequisites, version, the Replication
        # service, and last whether the server is the witness.
        rules.dag_has_room(dag)
        rules.server_can_join(world, dag, server)
        rules.members_share_major_version(world, dag, server)
        rules.os_supports_dag_membership(world, server)
        rules.os_supports_ip_less_dag(dag, server)
        cluster_rules.cno_can_be_made(world, dag, server)
        if self.ip_addresses is not None:
            rules.parse_ip_addresses(world, list(self.ip_addresses))
        rules.replication_service_is_running(server)
        rules.member_is_not_the_witness(dag, server)
        if len(dag.servers) % 2 == 1:           # the witness share is created now (R-DAG-11)
            rules.witness_share_can_be_created(world, dag, dag.witness_server, dag.witness_directory)

    def apply(self, world: "World") -> list[ev.Event]:
        dag, server = world.dag(self.dag), world.server(self.server)
        if self.ip_addresses is not None:
            dag.ip_mode, dag.ip_addresses = rules.parse_ip_addresses(world, list(self.ip_addresses))
        first = not dag.servers
        dag.servers.insert(0, server.name)          # newest first, as the back-link lists them
        server.database_availability_group = dag.name
        server.failover_clustering_installed = True  # R-DAG-24
        # joining the cluster makes the Cluster service automatic and starts it
        server.service_config.pop("ClusSvc", None)
        server.services["ClusSvc"] = "Running"
        out = [ev.info(f"Server '{server.name}' added to database availability group '{dag.name}'.")]
        out += net_rules.topology_warnings(world, dag, server)
        if first:
            out += reconfigure.form_cluster(world, dag, server)
        out += reconfigure.after_membership_change(world, dag)
        out += reconfigure.rehome_databases(world, server, dag)
        return reconfigure.without_witness_warnings(out) if self.skip_dag_validation else out


@attrs.frozen
class RemoveServerFromDag(Transition):
    """Remove-DatabaseAvailabilityGroupServer (R-DAG-31..33, D4)."""

    dag: str
    server: str
    configuration_only: bool = False
    skip_dag_validation: bool = False     # R-DAG-28

    def check(self, world: "World") -> None:
        dag, server = world.dag(self.dag), world.server(self.server)
        # The task's order: replicated databases first, then reachability, membership last.
        rules.server_hosts_no_replicated_copy(world, dag, server)
        rules.server_is_reachable_or_configuration_only(server, self.configuration_only)
        if not dag.has_member(server.name):
            raise rules.R_DAG_22_NOT_MEMBER.violation(target=server.name, server=server.name, dag=dag.name)

    def apply(self, world: "World") -> list[ev.Event]:
        dag, server = world.dag(self.dag), world.server(self.server)
        dag.servers = [s for s in dag.servers if s.lower() != server.name.lower()]
        dag.started_mailbox_servers = [s for s in dag.started_mailbox_servers if s.lower() != server.name.lower()]
        dag.stopped_mailbox_servers = [s for s in dag.stopped_mailbox_servers if s.lower() != server.name.lower()]
        server.database_availability_group = None
        if not self.configuration_only:     # the evicted node is cleaned up: its Cluster service disabled
            server.services["ClusSvc"] = "Stopped"
            server.service_config["ClusSvc"] = ("Disabled", "Cluster Service")
        out = [ev.info(f"Server '{server.name}' removed from database availability group '{dag.name}'.")]
        out += reconfigure.rehome_databases(world, server, None)
        if not dag.servers:                          # R-DAG-33 / D4
            world.clusters.pop(dag.name.lower(), None)
            account = world.computer_account(dag.name)
            if account is not None:
                account.enabled = False
            world.dns.pop(dag.name.lower(), None)
            return out + [ev.info(f"Failover cluster '{dag.name}' destroyed.", "R-DAG-33")]
        cluster = world.cluster_of(dag)
        if self.configuration_only and not cluster.has_quorum:     # R-DAG-32: no eviction without quorum
            return out + [ev.info(f"Node '{server.name}' stays in cluster '{dag.name}' until it can be evicted.",
                                  "R-DAG-32")]
        if cluster.core_group.owner_node == server.name.lower():
            active_manager.move_pam(world, dag)
        out += reconfigure.after_membership_change(world, dag)
        return reconfigure.without_witness_warnings(out) if self.skip_dag_validation else out
