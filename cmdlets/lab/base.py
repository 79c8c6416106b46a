"""What the lab-control cmdlets share: they act on the simulation itself, so they belong to
no Windows or Exchange module; their errors name the lab object they could not find."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet

LAB_MODULE = "exshell.Lab"


class LabCmdlet(Cmdlet):
    """Base of the `*-Lab*` commands."""

    module = LAB_MODULE
    namespace = "exshell.Lab"

    def machine_or_error(self, name: str) -> Any:
        server = self.world.server(name)
        if server is None:
            self.write_error(self.error(f"The lab has no machine named '{name}'.", "ObjectNotFound",
                                        "LabMachineNotFound", "System.Management.Automation.ItemNotFoundException",
                                        target=name, target_type="String"))
        return server
