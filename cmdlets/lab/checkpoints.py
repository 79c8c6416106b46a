"""Checkpoint-Lab, Restore-Lab, Get-LabCheckpoint: save the whole world and go back to it —
the clock, every machine, DAG, cluster and copy, and the events not yet due."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.lab.base import LabCmdlet

CHECKPOINT_TYPE = "exshell.Lab.LabCheckpoint"


def _record(name: str, saved) -> PSObject:
    return PSObject((CHECKPOINT_TYPE,), (("Name", name), ("Time", saved["clock"].now)), to_string=name)


@cmdlet("Checkpoint-Lab")
class CheckpointLab(LabCmdlet):
    """Saves the world under a name (an existing checkpoint of that name is replaced)."""
    examples = (("Checkpoint-Lab BeforeFailover", "This example saves the whole world under the name BeforeFailover."),)

    checkpoint_name: str = param("String", name="Name", position=0, mandatory=True)
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        saved = self.world.checkpoint()
        self.world.lab_checkpoints[self.checkpoint_name.lower()] = (self.checkpoint_name, saved)
        if self.pass_thru:
            self.write_object(_record(self.checkpoint_name, saved))


@cmdlet("Restore-Lab", confirm_impact="High")
class RestoreLab(LabCmdlet):
    """Puts the world back as it was at a checkpoint (the checkpoint stays, to restore again)."""
    examples = (("Restore-Lab BeforeFailover -Confirm:$false", "This example returns the world, clock included, to the "
                 "checkpoint BeforeFailover."),)

    supports_should_process = True
    checkpoint_name: str = param("String", name="Name", position=0, mandatory=True)

    def process_record(self) -> None:
        entry = self.world.lab_checkpoints.get(self.checkpoint_name.lower())
        if entry is None:
            self.throw_terminating_error(self.error(
                f"The lab has no checkpoint named '{self.checkpoint_name}'.", "ObjectNotFound",
                "LabCheckpointNotFound", "System.Management.Automation.ItemNotFoundException",
                target=self.checkpoint_name, target_type="String"))
        name, saved = entry
        if self.should_process(name):
            self.world.restore(saved)


@cmdlet("Get-LabCheckpoint")
class GetLabCheckpoint(LabCmdlet):
    """Lists the saved checkpoints, oldest first."""
    examples = (
        ("Get-LabCheckpoint",
         "This example lists the saved checkpoints of the lab, oldest first."),
    )

    checkpoint_name: str | None = param("String", name="Name", position=0)

    def process_record(self) -> None:
        for name, saved in self.world.lab_checkpoints.values():
            if self.checkpoint_name is None or self.runtime.like(name, self.checkpoint_name):
                self.write_object(_record(name, saved))
