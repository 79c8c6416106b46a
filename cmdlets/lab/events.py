"""Get-LabEvent: what the simulation did and why — failovers, status changes, reconfiguration,
each with its virtual time and, where a behaviour rule decided it, the rule's id."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.lab.base import LabCmdlet

EVENT_TYPE = "exshell.Lab.LabEvent"


@cmdlet("Get-LabEvent")
class GetLabEvent(LabCmdlet):
    """Reads the simulation's event log, oldest first (-Newest: the last N)."""
    examples = (("Get-LabEvent -Newest 10", "This example shows the last ten things the simulation did."),
                ("Get-LabEvent -Rule R-AM-* | Format-Table Time,RuleId,Message -Wrap",
                 "This example shows what Active Manager decided, with the rule behind each decision."))

    newest: int | None = param("Int32", position=0, validate_range=(1, 2147483647))
    after: object | None = param("DateTime")
    rule_id: str | None = param("String", aliases=("Rule",))
    message: str | None = param("String")
    include_results: bool = param("SwitchParameter", ignored="results are never listed")

    def process_record(self) -> None:
        events = [e for e in self.world.journal if e.kind != "Result"]
        if self.after is not None:
            events = [e for e in events if e.time is not None and e.time > self.after]
        if self.rule_id:
            events = [e for e in events if self.runtime.like(e.rule_id, self.rule_id)]
        if self.message:
            events = [e for e in events if self.runtime.like(e.text, self.message)]
        if self.newest:
            events = events[-self.newest:]
        for e in events:
            self.write_object(PSObject((EVENT_TYPE,), (
                ("Time", e.time), ("Kind", e.kind), ("RuleId", e.rule_id), ("Message", e.text)), to_string=e.text))
