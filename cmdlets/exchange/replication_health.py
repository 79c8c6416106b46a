"""Test-ReplicationHealth: the replication and cluster checks of one server, or of every member
of a DAG (R-COPY-22). Each check is a ReplicationCheckOutputObject (Server, Check, Result,
Error in the default table).

During a site-link split the checks see what the tested server's side sees (``side_outcomes``):
a member the cluster has counted out finds its Cluster service down without quorum on its side
(R-CLUSTER-16), the members beyond the cut unreachable and the witness only if its side reaches
it (R-SITE-11, R-DAG-30). A server beyond a cut site link from the session's machine fails
every check (uncertain: the real wording)."""

from __future__ import annotations

import attrs

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.common import record
from state import partition
from state.health_checks import CheckOutcome, run_checks
from state.rules.copy import R_COPY_22_BOTH, R_COPY_22_NOT_MEMBER

CHECK_TYPE = "Microsoft.Exchange.Monitoring.ReplicationCheckOutputObject"
CHECK_PROPERTIES = ("RunspaceId", "Server", "Check", "CheckDescription", "Result", "Error", "Identity", "IsValid",
                    "ObjectState")
AD_TIMEOUT_DEFAULT = 15             # R-TIMING-17: seconds


@cmdlet("Test-ReplicationHealth", supports_should_process=True, **EXCHANGE)
class TestReplicationHealth(ExchangeCmdlet):
    """Runs the replication health checks."""
    examples = (
        ("Test-ReplicationHealth",
         "This example runs the replication health checks on the local Mailbox server."),
        ("Test-ReplicationHealth -Identity MBX2 | Where-Object {$_.Result -ne 'Passed'}",
         "This example shows only the checks that do not pass on MBX2."),
    )

    identity: Identity | None = param()
    database_availability_group: Identity | None = param(versions=("2016", "2019"))
    transient_event_suppression_window: int | None = param()
    active_directory_timeout: int = param(default=AD_TIMEOUT_DEFAULT, ignored="the directory always answers")
    monitoring_context: bool | None = param(ignored="no monitoring events or counters are written")
    output_objects: bool = param(default=False, ignored="failures are always in the output objects")
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        if self.identity is not None and self.database_availability_group is not None:
            self.refuse(R_COPY_22_BOTH.violation(target=self.identity.text))
        for server in self._servers():
            if self.world.dag_of(server) is None or self.world.cluster_of(self.world.dag_of(server)) is None:
                self.refuse(R_COPY_22_NOT_MEMBER.violation(target=server.name, server=server.name))
            outcomes = run_checks(self.world, server, self.transient_event_suppression_window or 0)
            for outcome in side_outcomes(self.world, self.runtime.computer_name or "", server, outcomes):
                values = {"RunspaceId": self.runspace_id(), "Server": outcome.server, "Check": outcome.check,
                          "CheckDescription": outcome.description, "Result": outcome.result,
                          "Error": outcome.error, "Identity": None, "IsValid": True, "ObjectState": "New"}
                self.write_object(record(CHECK_TYPE, CHECK_PROPERTIES, values, outcome.check, bases=("System.Object",)))

    def _servers(self) -> list:
        if self.database_availability_group is not None:
            dag = self.resolve_one(ids.dags, self.database_availability_group)
            return self.world.members(dag)
        if self.identity is not None:
            return [self.resolve_one(ids.servers, self.identity)]
        return [self.resolve_one(ids.servers, Identity(self.runtime.computer_name or ""))]


UNREACHABLE = "Server '{server}' couldn't be contacted: the RPC server is unavailable."


def side_outcomes(world, caller: str, server, outcomes: list[CheckOutcome]) -> list[CheckOutcome]:
    """The checks as the tested server's side of a split answers them (see the module notes)."""
    here = world.server(caller)
    if here is not None and server.is_up and not partition.sites_connected(world, here, server):
        error = UNREACHABLE.format(server=server.name)
        return [attrs.evolve(o, result="Failed", error=error) for o in outcomes]
    dag = world.dag_of(server)
    side = partition.member_side(world, dag, server)
    if side is None:
        return outcomes
    away = [world.server(n).name if world.server(n) else n for n in side.view.nodes if n.lower() not in side.side]
    witness = world.server(side.view.witness or "")
    errors = {
        "ClusterService": None if side.quorum else f"The Cluster service on server '{server.name}' isn't running.",
        "QuorumGroup": None if side.quorum else
        f"The cluster of database availability group '{dag.name}' doesn't have quorum.",
        "DagMembersUp": f"The following servers are down or unreachable: {', '.join(away)}." if away else None,
        "FileShareQuorum": None if side.view.node_majority_only or (
            witness is not None and partition.can_talk(world, server, witness))
        else f"The file share witness on server '{side.view.witness}' can't be reached.",
    }
    return [attrs.evolve(o, result="Failed" if errors[o.check] else "Passed", error=errors[o.check])
            if o.check in errors else o for o in outcomes]
