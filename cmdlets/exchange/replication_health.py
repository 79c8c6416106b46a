"""Test-ReplicationHealth: the replication and cluster checks of one server, or of every member
of a DAG (R-COPY-22). Each check is a ReplicationCheckOutputObject (Server, Check, Result,
Error in the default table)."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.common import record
from state.health_checks import run_checks
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
            for outcome in run_checks(self.world, server, self.transient_event_suppression_window or 0):
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
