"""Get-LabMachine, Start-LabMachine, Stop-LabMachine: the lab's machines and their power.

Start-LabMachine is the power button for a machine that Stop-Computer shut down (no real
cmdlet can reach a machine that is off); Stop-LabMachine pulls the plug without a shutdown,
as a power failure or a host crash would."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.lab.base import LabCmdlet
from state.transitions import PowerOff, PowerOn

MACHINE_TYPE = "exshell.Lab.LabMachine"


def machine_record(world, server) -> PSObject:
    addresses = [f"{nic.ip}/{nic.prefix}" + ("" if nic.up else " (down)") for nic in server.nics]
    return PSObject((MACHINE_TYPE,), (
        ("Name", server.name), ("Power", server.power), ("Roles", list(server.roles)),
        ("Site", server.site), ("OperatingSystem", server.os), ("ExchangeVersion", server.exchange_version),
        ("IPAddresses", addresses), ("DatabaseAvailabilityGroup", server.database_availability_group),
        ("Services", [f"{k}={v}" for k, v in server.services.items()]),
    ), to_string=server.name)


@cmdlet("Get-LabMachine", default_set="Name")
class GetLabMachine(LabCmdlet):
    """Lists the lab's machines with their power state, roles and addresses."""
    examples = (("Get-LabMachine", "This example lists every machine of the lab with its power state, site and addresses."),
                ("Get-LabMachine MBX* | Format-List Name,Power,Services",
                 "This example shows the Mailbox servers with the state of their modelled services."))

    machine_name: list[str] | None = param("String[]", name="Name", position=0, pipeline=True,
                                           pipeline_by_name=True, aliases=("ComputerName",))

    def process_record(self) -> None:
        servers = sorted(self.world.servers.values(), key=lambda s: s.name.lower())
        for pattern in self.machine_name or ["*"]:
            matched = [s for s in servers if self.runtime.like(s.name, pattern)]
            if not matched and not any(c in pattern for c in "*?["):
                self.machine_or_error(pattern)
            for server in matched:
                self.write_object(machine_record(self.world, server))


class _PowerCmdlet(LabCmdlet):
    supports_should_process = True

    machine_name: list[str] = param("String[]", name="Name", position=0, mandatory=True, pipeline=True,
                                    pipeline_by_name=True, aliases=("ComputerName",))
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        for name in self.machine_name:
            server = self.machine_or_error(name)
            if server is not None and self.should_process(server.name):
                self.world.commit(self.transition(server.name))
                if self.pass_thru:
                    self.write_object(machine_record(self.world, server))


@cmdlet("Start-LabMachine")
class StartLabMachine(_PowerCmdlet):
    """Powers a lab machine on; its services start after it boots (virtual time)."""
    examples = (("Start-LabMachine MBX1", "This example powers MBX1 on; a minute of virtual time later its services "
                 "run and it rejoins its DAG."),
                ("Start-LabMachine MBX1,HUB1,DC1", "This example brings a whole site back after a power failure."))

    transition = staticmethod(PowerOn)


@cmdlet("Stop-LabMachine", confirm_impact="High")
class StopLabMachine(_PowerCmdlet):
    """Cuts a lab machine's power at once, without a shutdown (a crash or power failure)."""
    examples = (("Stop-LabMachine MBX2 -Confirm:$false", "This example cuts MBX2's power, as a crash would: the "
                 "cluster notices within seconds and Active Manager fails its databases over."),)

    transition = staticmethod(PowerOff)
