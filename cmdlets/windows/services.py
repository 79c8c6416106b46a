"""Get-, Stop-, Start- and Restart-Service (Microsoft.PowerShell.Management, 5.1) for the
services the lab models on Exchange servers: ClusSvc, MSExchangeRepl and MSExchangeIS.
Stopping one has the effect the rules give it (R-COPY-13, R-AM-3, node down)."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.windows.machines import machine, reachable
from state.transitions import RestartService, SetServiceState

SERVICE_TYPE = "System.ServiceProcess.ServiceController"
DISPLAY_NAMES = {
    "clussvc": "Cluster Service",
    "msexchangerepl": "Microsoft Exchange Replication Service",
    "msexchangeis": "Microsoft Exchange Information Store",
}
DISPLAY_NAMES_2013 = {"msexchangerepl": "Microsoft Exchange Replication"}


def display_name(world: Any, service: str) -> str:
    low = service.lower()
    if world.version_at_least("2013") and low in DISPLAY_NAMES_2013:
        return DISPLAY_NAMES_2013[low]
    return DISPLAY_NAMES.get(low, service)


def service_record(world: Any, server: Any, name: str) -> PSObject:
    """A ServiceController as Get-Service returns it (properties in 5.1's order)."""
    status = server.services[name]
    display = display_name(world, name)
    return PSObject((SERVICE_TYPE, "System.ComponentModel.Component", "System.MarshalByRefObject", "System.Object"), (
        ("Name", name), ("RequiredServices", []), ("CanPauseAndContinue", False),
        ("CanShutdown", status == "Running"), ("CanStop", status == "Running"), ("DisplayName", display),
        ("DependentServices", []), ("MachineName", "." if server is None else server.name),
        ("ServiceName", name), ("ServicesDependedOn", []), ("ServiceHandle", None), ("Status", status),
        ("ServiceType", "Win32OwnProcess"), ("StartType", "Automatic"), ("Site", None), ("Container", None),
    ), to_string=SERVICE_TYPE)


class _ServiceCmdlet(Cmdlet):
    module = "Microsoft.PowerShell.Management"
    namespace = "Microsoft.PowerShell.Commands"

    def server_named(self, name: str | None) -> Any:
        return machine(self.world, name, self.runtime.computer_name)

    def services_on(self, server: Any, names: list[str] | None, display: list[str] | None,
                    include: list[str] | None, exclude: list[str] | None) -> list[PSObject]:
        """The server's services a selection names, in Get-Service's (alphabetical) order;
        a plain name that matches nothing is an error, a wildcard that matches nothing is not."""
        rt = self.runtime
        found = []
        for name in sorted(server.services, key=str.lower):
            if names is not None and not any(rt.like(name, n) for n in names):
                continue
            if display is not None and not any(rt.like(display_name(self.world, name), d) for d in display):
                continue
            if include and not any(rt.like(name, i) for i in include):
                continue
            if exclude and any(rt.like(name, x) for x in exclude):
                continue
            found.append(service_record(self.world, server, name))
        for wanted, by_display in [(n, False) for n in names or []] + [(d, True) for d in display or []]:
            if _has_wildcard(wanted):
                continue
            key = "DisplayName" if by_display else "Name"
            if not any(rt.like(s.get(key), wanted) for s in found):
                self.not_found(wanted, by_display)
        return found

    def not_found(self, name: str, by_display: bool = False) -> None:
        kind = "display name" if by_display else "service name"
        error_id = "NoServiceFoundForGivenDisplayName" if by_display else "NoServiceFoundForGivenName"
        self.write_error(self.error(f"Cannot find any service with {kind} '{name}'.", "ObjectNotFound", error_id,
                                    "Microsoft.PowerShell.Commands.ServiceCommandException", target=name,
                                    target_type="String"))


def _has_wildcard(text: str) -> bool:
    return any(c in text for c in "*?[")


@cmdlet("Get-Service", default_set="Default", task_class="GetServiceCommand")
class GetServiceCommand(_ServiceCmdlet):
    """Lists the modelled services of a lab machine and their status."""
    synopsis = "Gets the services on a computer."
    examples = (
        ("Get-Service MSExchange*",
         "This example lists the Exchange services of this machine and their status."),
        ("Get-Service -ComputerName MBX2 -Name ClusSvc",
         "This example shows the state of the Cluster service on MBX2."),
    )

    service_name: list[str] | None = param("String[]", name="Name", position=0, pipeline=True,
                                           pipeline_by_name=True, aliases=("ServiceName",), sets=("Default",))
    computer_name: list[str] | None = param("String[]", pipeline_by_name=True, aliases=("Cn",))
    display_name: list[str] | None = param("String[]", mandatory=True, sets=("DisplayName",))
    include: list[str] | None = param("String[]")
    exclude: list[str] | None = param("String[]")
    input_object: list[Any] | None = param("ServiceController[]", pipeline=True, sets=("InputObject",))
    dependent_services: bool = param("SwitchParameter", aliases=("DS",))
    required_services: bool = param("SwitchParameter", aliases=("SDO", "ServicesDependedOn"))

    def process_record(self) -> None:
        if self.input_object:
            for obj in self.input_object:
                self.write_object(obj)
            return
        for computer in self.computer_name or [None]:
            server = self.server_named(computer)
            if not reachable(self.world, self.runtime.computer_name, server):
                who = computer or self.runtime.computer_name
                self.write_error(self.error(
                    f"Cannot open Service Control Manager on computer '{who}'. This operation might require "
                    "other privileges.", "NotSpecified", "System.InvalidOperationException",
                    "System.InvalidOperationException"))
                continue
            if self.dependent_services or self.required_services:
                continue          # the modelled services declare no dependencies
            for record in self.services_on(server, self.service_name, self.display_name, self.include,
                                           self.exclude):
                self.write_object(record)


class _ChangeServiceCmdlet(_ServiceCmdlet):
    """Stop-, Start-, Restart-Service: by piped ServiceController or by name on this machine."""

    supports_should_process = True
    default_set = "InputObject"

    input_object: list[Any] | None = param("ServiceController[]", position=0, mandatory=True, pipeline=True,
                                           sets=("InputObject",))
    service_name: list[str] | None = param("String[]", name="Name", position=0, mandatory=True, pipeline=True,
                                           pipeline_by_name=True, aliases=("ServiceName",), sets=("Default",))
    display_name: list[str] | None = param("String[]", mandatory=True, sets=("DisplayName",))
    include: list[str] | None = param("String[]")
    exclude: list[str] | None = param("String[]")
    pass_thru: bool = param("SwitchParameter")
    force: bool = param("SwitchParameter")

    def process_record(self) -> None:
        for server, record in self._targets():
            name = record.get("Name")
            if self.should_process(f"{record.get('DisplayName')} ({name})"):
                self.change(server, name)
                if self.pass_thru:
                    self.write_object(service_record(self.world, server, name))

    def _targets(self) -> list[tuple[Any, PSObject]]:
        piped = [o for o in self.input_object or [] if isinstance(o, PSObject) and SERVICE_TYPE in o.type_names]
        # a piped ServiceController also reaches -Name as its text; it belongs to -InputObject only
        out, names = [], [] if piped else list(self.service_name or [])
        for obj in self.input_object or []:
            if isinstance(obj, PSObject) and SERVICE_TYPE in obj.type_names:
                server = self.server_named(obj.get("MachineName"))
                if server is not None and obj.get("Name") in server.services:
                    out.append((server, obj))
            else:
                names.append(self.runtime.to_string(obj))   # a name cannot be a ServiceController
        if names or self.display_name:
            server = self.server_named(None)
            out += [(server, r) for r in self.services_on(server, names or None, self.display_name,
                                                          self.include, self.exclude)]
        return out

    def change(self, server: Any, name: str) -> None:
        raise NotImplementedError


@cmdlet("Stop-Service", task_class="StopServiceCommand")
class StopServiceCommand(_ChangeServiceCmdlet):
    """Stops a modelled service; its effect on replication and failover follows."""
    synopsis = "Stops running services."
    examples = (
        ("Stop-Service MSExchangeRepl",
         "This example stops the Microsoft Exchange Replication service; replication to and from this server stops "
         "with it."),
    )

    no_wait: bool = param("SwitchParameter")

    def change(self, server: Any, name: str) -> None:
        if server.services[name] != "Stopped":
            self.world.commit(SetServiceState(server.name, name, running=False))


@cmdlet("Start-Service", task_class="StartServiceCommand")
class StartServiceCommand(_ChangeServiceCmdlet):
    """Starts a modelled service."""
    synopsis = "Starts stopped services."
    examples = (
        ("Start-Service MSExchangeRepl",
         "This example starts the Microsoft Exchange Replication service."),
    )

    def change(self, server: Any, name: str) -> None:
        if server.services[name] != "Running":
            self.world.commit(SetServiceState(server.name, name, running=True))


@cmdlet("Restart-Service", task_class="RestartServiceCommand")
class RestartServiceCommand(_ChangeServiceCmdlet):
    """Stops and starts a modelled service."""
    synopsis = "Stops and then starts services."
    examples = (
        ("Restart-Service MSExchangeRepl",
         "This example stops and starts the Microsoft Exchange Replication service."),
    )

    def change(self, server: Any, name: str) -> None:
        """Stopped now, running again after the restart time (R-TIMING-11): the cmdlet waits."""
        self.world.commit(RestartService(server.name, name))
        self.world.advance_until(lambda w: server.services[name] == "Running", 600)
