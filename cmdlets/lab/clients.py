"""Test-LabClientConnection: what an Outlook or browser client on a lab machine goes through to
reach an Exchange client name (R-TIMING-15).

The client resolves the name as every Windows program does (hosts file, DNS cache, DNS: a
cached answer outlives a DNS change until its TTL runs out), then tries the addresses in the
order DNS gave them. An address that does not answer costs about 20 seconds before the next
one is tried; the virtual clock moves by that much. No real cmdlet does this: the lab offers
it so a datacenter switchover can be timed from the users' side."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.lab.base import LabCmdlet
from cmdlets.windows.netconnection import CONNECTED, connect
from cmdlets.windows.network import address_owner, client_lookup
from state.model.network import is_ip

RESULT = "exshell.Lab.LabClientConnection"


@cmdlet("Test-LabClientConnection")
class TestLabClientConnection(LabCmdlet):
    """Connects a client on a lab machine to a name and port, trying each address it resolves to."""
    synopsis = "Connects a client on a lab machine to a name, as Outlook or a browser would, and times it."
    examples = (
        ("Test-LabClientConnection mail.contoso.com",
         "This example connects a client on this machine to mail.contoso.com on port 443 and reports which "
         "address answered and how long it took."),
        ("Test-LabClientConnection mail.contoso.com -ComputerName CAS2 -Port 25",
         "This example connects from CAS2 to the SMTP port."),
    )

    target: str | None = param("String", name="Name", position=0, mandatory=True, pipeline=True)
    port: int = param("Int32", position=1, default=443, validate_range=(1, 65535))
    computer_name: str | None = param("String", aliases=("From",))

    def process_record(self) -> None:
        world = self.world
        source = self.machine_or_error(self.computer_name or self.runtime.computer_name)
        if source is None:
            return
        name = self.target
        answer = None if is_ip(name) else client_lookup(world, source, name)
        if answer is None and not is_ip(name):
            self.write_object(self._result(source, None, [], 0, f"The name {name} could not be resolved."))
            return
        started = world.now
        tries = connect(world, source, answer.addresses if answer else (name,), self.port)
        seconds = int((world.now - started).total_seconds())
        self.write_object(self._result(source, answer.source if answer else None, tries, seconds, None))

    def _result(self, source, resolved_by, tries, seconds, problem) -> PSObject:
        last, outcome = tries[-1] if tries else (None, None)
        ok = outcome == CONNECTED
        owner = address_owner(self.world, last) if ok else None
        attempts = [f"{address} {outcome}" for address, outcome in tries]
        return PSObject((RESULT,), [
            ("Client", source.name), ("Name", self.target), ("Port", self.port), ("ResolvedFrom", resolved_by),
            ("Connected", ok), ("RemoteAddress", last if ok else None), ("Server", owner.name if owner else None),
            ("Attempts", attempts), ("Seconds", seconds), ("Problem", problem)], to_string=self.target)
