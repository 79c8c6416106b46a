"""Datacenter switchover in DAC mode (R-SITE-4..R-SITE-9): Stop- marks failed members stopped,
Restore- evicts them and shrinks quorum to the survivors (alternate witness when parity needs
one) so their copies activate, Start- brings the members back into the cluster."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import active_manager as am, events as ev, reconfigure, replication as repl
from state.model import ClusterNode
from state.rules import site as rules
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.model import DatabaseAvailabilityGroup
    from state.world import World


def _needs_witness(survivors: list[str]) -> bool:
    """R-SITE-7: an even number of survivors, or a single one, votes with a witness."""
    return len(survivors) % 2 == 0 or len(survivors) == 1


def _dag(world: "World", name: str) -> "DatabaseAvailabilityGroup":
    return world.dag(name)


@attrs.frozen
class _SiteSelection(Transition):
    """Stop- and Start-: DAC mode, and members named or chosen by AD site (R-SITE-4, R-SITE-5)."""

    dag: str
    servers: tuple[str, ...] = ()
    site: str | None = None
    configuration_only: bool = False
    cmdlet = ""

    def check(self, world: "World") -> None:
        dag = _dag(world, self.dag)
        rules.dac_mode_on(dag, self.cmdlet)
        rules.servers_selected(world, dag, self.servers, self.site)


@attrs.frozen
class StopDag(_SiteSelection):
    """Stop-DatabaseAvailabilityGroup: servers join StoppedMailboxServers; their Active Manager
    mounts nothing (R-SITE-5, R-AM-6). With ConfigurationOnly only the directory changes."""

    cmdlet = "Stop-DatabaseAvailabilityGroup"

    def apply(self, world: "World") -> list[ev.Event]:
        dag = _dag(world, self.dag)
        chosen = rules.servers_selected(world, dag, self.servers, self.site)
        out = []
        for name in chosen:
            if name.lower() not in {s.lower() for s in dag.stopped_mailbox_servers}:
                dag.stopped_mailbox_servers.append(name)
            dag.started_mailbox_servers = [s for s in dag.started_mailbox_servers if s.lower() != name.lower()]
            server = world.server(name)
            if not self.configuration_only and server.is_up:
                for db in world.databases.values():
                    if db.mounted and db.active_server.lower() == name.lower():
                        db.set_rate(world.now, 0)
                        db.mounted = False
                        db.active_copy.status = "Dismounted"
            out.append(ev.info(f"Mailbox server '{name}' stopped in database availability group '{dag.name}'.",
                               "R-SITE-5"))
        dag.when_changed = world.now
        return out


@attrs.frozen
class RestoreDag(Transition):
    """Restore-DatabaseAvailabilityGroup (R-SITE-7, R-SITE-8): evict the stopped servers, choose
    the quorum model for the survivors (the alternate witness for an even count or one server,
    unless UsePrimaryWitnessServer), then activate the databases whose active copy was lost."""

    dag: str
    site: str | None = None
    alternate_witness_server: str | None = None
    alternate_witness_directory: str | None = None
    use_primary_witness_server: bool = False

    def _survivors(self, world: "World", dag: "DatabaseAvailabilityGroup") -> list[str]:
        stopped = {s.lower() for s in dag.stopped_mailbox_servers}
        return [m for m in dag.servers if m.lower() not in stopped
                and (self.site is None or (world.server(m).site or "").lower() == self.site.lower())]

    def _witness(self, dag: "DatabaseAvailabilityGroup") -> str | None:
        if self.use_primary_witness_server:
            return dag.witness_server
        return self.alternate_witness_server or dag.alternate_witness_server

    def check(self, world: "World") -> None:
        dag = _dag(world, self.dag)
        rules.dac_mode_on(dag, "Restore-DatabaseAvailabilityGroup")
        survivors = self._survivors(world, dag)
        rules.restore_possible(world, dag, survivors, f"site '{self.site}'" if self.site else "the group",
                               _needs_witness(survivors), self._witness(dag))

    def apply(self, world: "World") -> list[ev.Event]:
        dag = _dag(world, self.dag)
        survivors = self._survivors(world, dag)
        if self.alternate_witness_server:
            dag.alternate_witness_server = self.alternate_witness_server
        if self.alternate_witness_directory:
            dag.alternate_witness_directory = self.alternate_witness_directory
        cluster = world.cluster_of(dag)
        keep = {s.lower() for s in survivors}
        evicted = [n.name for n in cluster.nodes if n.name not in keep]
        cluster.nodes = [n for n in cluster.nodes if n.name in keep]
        dag.evicted_servers = sorted(set(dag.evicted_servers) | set(evicted))
        for node in cluster.nodes:                   # the survivors' Cluster service starts again
            server = world.server(node.name)
            if server.is_up and server.services.get("ClusSvc") == "Stopped":
                server.services["ClusSvc"] = "Running"
            node.state = "Up" if server.is_up else "Down"
            server.dacp_bit, server.dacp_set_at = True, world.now   # R-SITE-2: Restore resets the DAC state
        out = [ev.info(f"Evicted '{n}' from the cluster of '{dag.name}'.", "R-SITE-7") for n in evicted]
        if _needs_witness(survivors):
            dag.witness_in_use = "Primary" if self.use_primary_witness_server else "Alternate"
            cluster.quorum_type = "NodeAndFileShareMajority"
            out += reconfigure.create_witness_share(world, dag)
        else:
            dag.witness_in_use = "None"
            cluster.quorum_type = "NodeMajority"
        reconfigure.recompute_quorum(world, dag)
        out += am.move_pam(world, dag)
        out += reconfigure.reconcile_integrated(world, dag)     # R-CLUSTER-10a/12
        for db in list(world.databases.values()):
            host = world.server(db.active_server)
            if world.dag_of(host) is not dag or db.mounted:
                continue
            if db.active_server.lower() in keep and host.is_up:
                db.mounted = True                    # the active copy survived: mount it where it is
                db.set_rate(world.now, db.log_rate)
                out.append(repl.set_status(world, db, db.active_copy, "Mounted"))
            else:
                world.clock.call_later(am.FAILOVER_SECONDS, am.Failover(db.guid, db.active_server))
        return out


@attrs.frozen
class StartDag(_SiteSelection):
    """Start-DatabaseAvailabilityGroup (R-SITE-9): servers leave StoppedMailboxServers, are listed
    in StartedMailboxServers and, unless ConfigurationOnly, rejoin the cluster. The quorum model
    and primary witness come back with Set-DatabaseAvailabilityGroup (R-DAG-38)."""

    cmdlet = "Start-DatabaseAvailabilityGroup"

    def apply(self, world: "World") -> list[ev.Event]:
        dag = _dag(world, self.dag)
        out = []
        for name in rules.servers_selected(world, dag, self.servers, self.site):
            dag.stopped_mailbox_servers = [s for s in dag.stopped_mailbox_servers if s.lower() != name.lower()]
            if name.lower() not in {s.lower() for s in dag.started_mailbox_servers}:
                dag.started_mailbox_servers.append(name)
            if self.configuration_only:
                continue
            dag.evicted_servers = [s for s in dag.evicted_servers if s != name.lower()]
            cluster = world.cluster_of(dag)
            if cluster is not None and cluster.node(name) is None:
                server = world.server(name)
                cluster.nodes.append(ClusterNode(name.lower(), "Up" if server.is_up else "Down"))
                server.dacp_bit = server.is_up
                out.append(ev.info(f"Cluster node '{name.lower()}' joined the cluster of '{dag.name}'.", "R-SITE-9"))
        if world.cluster_of(dag) is not None:
            reconfigure.recompute_quorum(world, dag)
            out += reconfigure.reconcile_integrated(world, dag)  # R-CLUSTER-10a/12
        dag.when_changed = world.now
        return out
