"""Stop-Computer and Restart-Computer (Microsoft.PowerShell.Management, 5.1): power a lab
machine off, or reboot it. Failover, quorum and the copies' states follow in virtual time."""

from __future__ import annotations

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.windows.machines import is_local, machine, reachable
from state.active_manager import BOOT_SECONDS
from state.transitions import Reboot, Shutdown

RPC_UNAVAILABLE = "The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)"
_AUTH = ("Default", "None", "Connect", "Call", "Packet", "PacketIntegrity", "PacketPrivacy", "Unchanged")
_IMPERSONATION = ("Default", "Anonymous", "Identify", "Impersonate", "Delegate")
_WSMAN_AUTH = ("Default", "Basic", "Negotiate", "CredSSP", "Digest", "Kerberos")
_NOT_MODELLED = "WMI/DCOM settings have no effect on lab machines"


class _ComputerCmdlet(Cmdlet):
    """What both cmdlets share: -ComputerName, the connection options, the target text."""

    module = "Microsoft.PowerShell.Management"
    namespace = "Microsoft.PowerShell.Commands"
    supports_should_process = True

    computer_name: list[str] | None = param("String[]", position=0, pipeline_by_name=True,
                                            aliases=("CN", "__SERVER", "Server", "IPAddress"))
    force: bool = param("SwitchParameter")
    as_job: bool = param("SwitchParameter", ignored="jobs are not modelled")
    dcom_authentication: str | None = param("AuthenticationLevel", aliases=("Authentication",), values=_AUTH,
                                            ignored=_NOT_MODELLED)
    wsman_authentication: str | None = param("String", values=_WSMAN_AUTH, ignored=_NOT_MODELLED)
    protocol: str | None = param("String", values=("DCOM", "WSMan"), ignored=_NOT_MODELLED)
    impersonation: str | None = param("ImpersonationLevel", values=_IMPERSONATION, ignored=_NOT_MODELLED)
    credential: object | None = param("PSCredential", ignored="every lab account is an administrator")
    throttle_limit: int | None = param("Int32", ignored="commands run one machine at a time")

    failure_id = ""
    failure_text = ""

    def process_record(self) -> None:
        for name in self.computer_name or ["localhost"]:
            self._one(name)

    def _one(self, name: str) -> None:
        local = self.runtime.computer_name
        server = machine(self.world, name, local)
        if not reachable(self.world, local, server):
            self.write_error(self.error(self.failure_text.format(name, RPC_UNAVAILABLE), "OperationStopped",
                                        self.failure_id, "System.InvalidOperationException", target=name,
                                        target_type="String"))
            return
        target = f"localhost ({server.name})" if is_local(name) else name
        if self.should_process(target):
            self.act(server)

    def act(self, server) -> None:
        raise NotImplementedError


@cmdlet("Stop-Computer", task_class="StopComputerCommand")
class StopComputerCommand(_ComputerCmdlet):
    """Shuts a lab machine down (it stays off until Start-LabMachine powers it on)."""
    synopsis = "Shuts down computers."
    examples = (
        ("Stop-Computer -ComputerName MBX3 -Force",
         "This example shuts MBX3 down; it stays off until it is powered on."),
    )

    failure_id = "StopComputerException"
    failure_text = "Failed to stop the computer {0} with the following error message: {1}."

    def act(self, server) -> None:
        self.world.commit(Shutdown(server.name))   # [2013+] moves its databases away first (R-AM-24)


@cmdlet("Restart-Computer", task_class="RestartComputerCommand")
class RestartComputerCommand(_ComputerCmdlet):
    """Reboots a lab machine; with -Wait, virtual time runs until its services are back."""
    synopsis = "Restarts computers."
    examples = (
        ("Restart-Computer -ComputerName MBX2 -Force",
         "This example restarts MBX2."),
        ("Restart-Computer MBX3 -Wait -For PowerShell",
         "This example restarts MBX3 and waits until it accepts remote commands again."),
    )

    wait: bool = param("SwitchParameter")
    for_: str | None = param("WaitForServiceTypes", name="For", values=("Wmi", "WinRM", "PowerShell"))
    timeout: int | None = param("Int32", aliases=("TimeoutSec",), validate_range=(-1, 2147483647))
    delay: int | None = param("Int16", validate_range=(1, 32767))

    failure_id = "RestartcomputerFailed"
    failure_text = "Failed to restart the computer {0} with the following error message: {1}."

    def begin_processing(self) -> None:
        if not self.wait and any(self.is_bound(p) for p in ("For", "Timeout", "Delay")):
            self.throw_terminating_error(self.error(
                "The parameters Timeout, For, and Delay are valid only when the parameter Wait is specified.",
                "InvalidArgument", "RestartComputerInvalidParameter", "System.ArgumentException"))

    def act(self, server) -> None:
        self.world.commit(Reboot(server.name))
        if self.wait:
            self.world.advance(BOOT_SECONDS)
