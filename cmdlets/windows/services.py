"""Get-, Stop-, Start-, Restart- and Set-Service (Microsoft.PowerShell.Management, 5.1) on the
lab machines: every service the machine's roles and versions give it (state.model.service_catalog),
with start types and dependencies. Stopping a service with running dependents needs -Force and
stops them first; starting one starts what it requires first (a disabled one cannot start); each
service that changes has the effect the rules give it (R-COPY-13, R-AM-3, node down). Set-Service
follows 5.1, which has no -Force: -Status Stopped refuses a service that has dependents or
depends on others (uncertain for the 2.0 shell of Exchange 2010). ClusSvc exists only where the
Failover Clustering feature is (a DAG member, R-DAG-24) and shows Stopped on a node whose side
has no quorum (``status_shown``, R-CLUSTER-16)."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.windows.machines import machine, reachable
from state import partition
from state.model import service_catalog as catalog
from state.transitions import RestartService, SetServiceState
from state.transitions.faults import SetServiceConfig

SERVICE_TYPE = "System.ServiceProcess.ServiceController"
BASES = ("System.ComponentModel.Component", "System.MarshalByRefObject", "System.Object")
EXCEPTION = "Microsoft.PowerShell.Commands.ServiceCommandException"
HAS_DEPENDENTS = ("Cannot stop service '{service}' because it has dependent services. It can only be stopped if "
                  "the Force flag is set.")
CANNOT_START = "Service '{service}' cannot be started due to the following error: Cannot start service {name} on " \
               "computer '.'."
STARTING = "Waiting for service '{service}' to start..."
WAIT_STEP, WAIT_LIMIT = 2, 600            # seconds
CANNOT_STOP = "Service '{service}' cannot be stopped due to the following error: Cannot stop {name} service on " \
              "computer '.'."


def display_name(server: Any, service: str) -> str:
    return catalog.spec(server, service).display_name


def cluster_without_quorum(world: Any, server: Any) -> bool:
    """Whether ``server`` is a node whose side of its cluster has no quorum: a member the cluster
    counted out whose own side is a minority (state.partition.member_side), or a node of a
    cluster that has lost quorum (R-CLUSTER-16)."""
    dag = world.dag_of(server)
    cluster = world.cluster_of(dag) if dag is not None else None
    if cluster is None:
        return False
    side = partition.member_side(world, dag, server)
    if side is not None:
        return not side.quorum
    return cluster.node(server.name) is not None and not cluster.has_quorum


def status_shown(world: Any, server: Any, name: str) -> str:
    """A service's status as the Service Control Manager reports it. On a node without quorum
    the Cluster service stops, and the SCM's recovery restarts it to try to join again, which
    fails while quorum is missing: in the steady state it is not running (R-CLUSTER-16). It runs
    again once quorum is back or the node rejoins; the world keeps it 'Running' meanwhile, so
    that what quorum does next needs no event of its own (a view, uncertain: the seconds it
    spends starting between attempts are not shown)."""
    status = server.services.get(name, "Stopped")
    if name == "ClusSvc" and status == "Running" and cluster_without_quorum(world, server):
        return "Stopped"
    return status


def service_record(world: Any, server: Any, name: str, nested: bool = True) -> PSObject:
    """A ServiceController as Get-Service returns it (properties in 5.1's order). Its
    RequiredServices and DependentServices are controllers too, one level deep."""
    spec = catalog.spec(server, name)
    status = status_shown(world, server, name)
    required = [service_record(world, server, n, False) for n in catalog.required(server, name)] if nested else []
    dependents = [service_record(world, server, n, False) for n in catalog.dependents(server, name)
                  if n in server.services] if nested else []
    running = status == "Running"
    # StartType came with .NET 4.6.1: the CLR 2 shells of Exchange 2007/2010 do not have it
    start_type = (("StartType", spec.start_type),) if world.version_at_least("2013") else ()
    return PSObject((SERVICE_TYPE,) + BASES, (
        ("Name", spec.name), ("RequiredServices", required), ("CanPauseAndContinue", False),
        ("CanShutdown", running and not spec.driver), ("CanStop", running and spec.can_stop),
        ("DisplayName", spec.display_name), ("DependentServices", dependents), ("MachineName", server.name),
        ("ServiceName", spec.name), ("ServicesDependedOn", required), ("ServiceHandle", None), ("Status", status),
        ("ServiceType", spec.service_type), *start_type, ("Site", None), ("Container", None),
    ), to_string=SERVICE_TYPE)


def confirmation_name(server: Any, name: str) -> str:
    """'Display Name (Name)', as the service cmdlets name a service in prompts and errors."""
    return f"{display_name(server, name)} ({catalog.spec(server, name).name})"


class _ServiceCmdlet(Cmdlet):
    module = "Microsoft.PowerShell.Management"
    namespace = "Microsoft.PowerShell.Commands"

    def server_named(self, name: str | None) -> Any:
        return machine(self.world, name, self.runtime.computer_name)

    def services_on(self, server: Any, names: list[str] | None, display: list[str] | None,
                    include: list[str] | None, exclude: list[str] | None) -> list[PSObject]:
        """The server's services a selection names, in Get-Service's (alphabetical) order;
        a plain name that matches nothing is an error, a wildcard that matches nothing is not.
        Kernel drivers answer to their exact name only, as the enumeration skips them."""
        rt = self.runtime
        found = []
        for name in sorted(server.services, key=str.lower):
            spec = catalog.spec(server, name)
            if names is not None and not any(_matches(rt, name, n, spec.driver) for n in names):
                continue
            if display is not None and not any(_matches(rt, spec.display_name, d, spec.driver) for d in display):
                continue
            if names is None and display is None and spec.driver:
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
                                    EXCEPTION, target=name, target_type="String"))

    def service_error(self, server: Any, name: str, template: str, error_id: str, category: str) -> None:
        message = template.format(service=confirmation_name(server, name), name=catalog.spec(server, name).name)
        self.write_error(self.error(message, category, error_id, EXCEPTION,
                                    target=service_record(self.world, server, name, False),
                                    target_type="ServiceController"))


    def startable(self, server: Any, name: str) -> bool:
        """Whether ``name`` can start; if not (it or a service it needs is disabled), the error."""
        if not catalog.cannot_start(server, name):
            return True
        self.service_error(server, name, CANNOT_START, "CouldNotStartService", "OpenError")
        return False

    def stoppable(self, server: Any, name: str, force: bool) -> list[str] | None:
        """What stopping ``name`` stops (its running dependents, then itself), or None after
        writing the error that refuses it: dependents not all stopped without -Force, or a
        service Windows does not let stop."""
        dependents = [d for d in catalog.dependents(server, name) if d in server.services]
        if not force and any(server.services[d] != "Stopped" for d in dependents):
            self.service_error(server, name, HAS_DEPENDENTS, "ServiceHasDependentServices", "InvalidOperation")
            return None
        running = [d for d in dependents if server.services[d] == "Running"]
        stopping = running + ([name] if server.services[name] == "Running" else [])
        if any(not catalog.spec(server, n).can_stop for n in stopping):
            self.service_error(server, name, CANNOT_STOP, "CouldNotStopService", "CloseError")
            return None
        return running + [name]


def _has_wildcard(text: str) -> bool:
    return any(c in text for c in "*?[")


def _matches(rt: Any, value: str, pattern: str, driver: bool) -> bool:
    return (not driver or not _has_wildcard(pattern)) and rt.like(value, pattern)


@cmdlet("Get-Service", default_set="Default", task_class="GetServiceCommand")
class GetServiceCommand(_ServiceCmdlet):
    """Lists the services of a lab machine and their status."""
    synopsis = "Gets the services on a computer."
    examples = (
        ("Get-Service MSExchange*",
         "This example lists the Exchange services of this machine and their status."),
        ("Get-Service -ComputerName MBX2 -Name ClusSvc",
         "This example shows the state of the Cluster service on MBX2."),
        ("Get-Service MSExchangeADTopology -DependentServices",
         "This example lists the services that stop when the Active Directory Topology service stops."),
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
                self._write(obj)
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
            for record in self.services_on(server, self.service_name, self.display_name, self.include,
                                           self.exclude):
                self._write(record)

    def _write(self, record: Any) -> None:
        """The service itself, or with -DependentServices / -RequiredServices its relatives."""
        if not (self.dependent_services or self.required_services) or not isinstance(record, PSObject):
            self.write_object(record)
            return
        if self.dependent_services:
            for dep in record.get("DependentServices") or []:
                self.write_object(dep)
        if self.required_services:
            for req in record.get("RequiredServices") or []:
                self.write_object(req)


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

    def process_record(self) -> None:
        for server, record in self._targets():
            name = record.get("Name")
            if self.should_process(f"{record.get('DisplayName')} ({name})"):
                for changed in self.change(server, name):
                    if self.pass_thru:
                        self.write_object(service_record(self.world, server, changed))

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

    def change(self, server: Any, name: str) -> list[str]:
        """Act on one service; the services the action stopped or started, for -PassThru."""
        raise NotImplementedError


@cmdlet("Stop-Service", task_class="StopServiceCommand")
class StopServiceCommand(_ChangeServiceCmdlet):
    """Stops a service (and with -Force the services that depend on it); their effects on
    replication and failover follow."""
    synopsis = "Stops running services."
    examples = (
        ("Stop-Service MSExchangeRepl",
         "This example stops the Microsoft Exchange Replication service; replication to and from this server stops "
         "with it."),
        ("Stop-Service MSExchangeADTopology -Force",
         "This example stops the Active Directory Topology service and every Exchange service that depends on it."),
    )

    force: bool = param("SwitchParameter")
    no_wait: bool = param("SwitchParameter")

    def change(self, server: Any, name: str) -> list[str]:
        stopped = self.stoppable(server, name, self.force)
        if stopped is None:
            return []
        if server.services[name] != "Stopped" or len(stopped) > 1:
            self.world.commit(SetServiceState(server.name, name, running=False))
        return stopped


@cmdlet("Start-Service", task_class="StartServiceCommand")
class StartServiceCommand(_ChangeServiceCmdlet):
    """Starts a service, after the services it requires."""
    synopsis = "Starts stopped services."
    examples = (
        ("Start-Service MSExchangeRepl",
         "This example starts the Microsoft Exchange Replication service."),
    )

    def change(self, server: Any, name: str) -> list[str]:
        if server.services[name] != "Running":
            if not self.startable(server, name):
                return []
            self.world.commit(SetServiceState(server.name, name, running=True))
        return [name]


@cmdlet("Restart-Service", task_class="RestartServiceCommand")
class RestartServiceCommand(_ChangeServiceCmdlet):
    """Stops and starts a service (with -Force, its dependents too)."""
    synopsis = "Stops and then starts services."
    examples = (
        ("Restart-Service MSExchangeRepl",
         "This example stops and starts the Microsoft Exchange Replication service."),
        ("Restart-Service MSExchangeTransport",
         "This example restarts the Microsoft Exchange Transport service, a step of the maintenance procedure."),
    )

    force: bool = param("SwitchParameter")

    def change(self, server: Any, name: str) -> list[str]:
        """Stopped now, running again after the restart time (R-TIMING-11): the cmdlet waits,
        warning every 2 seconds that it still does, as ServiceController waits in 2-second steps.
        What -Force stopped with it starts again too, as 5.1 starts every service it stopped."""
        stopped = self.stoppable(server, name, self.force)
        if stopped is None:
            return []
        if any(catalog.cannot_start(server, n) for n in stopped):
            self.world.commit(SetServiceState(server.name, name, running=False))
            self.startable(server, name)
            return []
        self.world.commit(RestartService(server.name, name))
        for _ in range(WAIT_LIMIT // WAIT_STEP):
            waiting = next((n for n in stopped if server.services[n] != "Running"), None)
            if waiting is None or self.world.advance_until(lambda w: server.services[waiting] == "Running", WAIT_STEP):
                continue
            self.write_warning(STARTING.format(service=confirmation_name(server, waiting)))
        return stopped


START_MODES = ("Boot", "System", "Automatic", "Manual", "Disabled")
NOT_FOUND_ON = "Service '{name}' was not found on computer '{computer}'."
CANNOT_CONFIGURE = "Service '{service}' cannot be configured due to the following error: The parameter is incorrect"
DEPENDENTS_NO_FORCE = "Cannot stop service '{service}' because it has dependent services."
DEPENDS_ON_NO_FORCE = "Cannot stop service '{service}' because it is dependent on other services."
CANNOT_SUSPEND = ("Service '{service}' cannot be suspended because the service does not support being suspended or "
                  "resumed.")


@cmdlet("Set-Service", default_set="Name", task_class="SetServiceCommand")
class SetServiceCommand(_ServiceCmdlet):
    """Changes a service's start type or display name, or starts or stops it. Without -Force
    (5.1 has none) it stops only a service that neither has dependents nor depends on others."""
    synopsis = "Starts, stops, and suspends a service, and changes its properties."
    examples = (
        ("Set-Service MSExchangeIMAP4 -StartupType Automatic -Status Running",
         "This example makes the IMAP4 service start with the server and starts it now."),
    )
    supports_should_process = True

    service_name: str | None = param("String", name="Name", position=0, mandatory=True, pipeline=True,
                                     pipeline_by_name=True, aliases=("ServiceName", "SN"), sets=("Name",))
    computer_name: list[str] | None = param("String[]", pipeline_by_name=True, aliases=("cn",))
    display_name: str | None = param("String", aliases=("DN",))
    description: str | None = param("String")
    startup_type: str | None = param("System.ServiceProcess.ServiceStartMode", aliases=("StartMode", "SM", "ST"),
                                     values=START_MODES)
    status: str | None = param("String", values=("Running", "Stopped", "Paused"))
    input_object: Any = param("ServiceController", pipeline=True, sets=("InputObject",))
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        for server, name in self._targets():
            if not self.should_process(confirmation_name(server, name)):
                continue
            if self._configure(server, name) and self._set_status(server, name) and self.pass_thru:
                self.write_object(service_record(self.world, server, name))

    def _targets(self) -> list[tuple[Any, str]]:
        piped = self.input_object
        if isinstance(piped, PSObject) and SERVICE_TYPE in piped.type_names:
            server = self.server_named(piped.get("MachineName"))
            return [(server, piped.get("Name"))] if server is not None else []
        out = []
        for computer in self.computer_name or ["."]:
            server = self.server_named(computer)
            name = self.service_name or ""
            found = next((k for k in (server.services if server is not None else {}) if k.lower() == name.lower()),
                         None)
            if found is None or not reachable(self.world, self.runtime.computer_name, server):
                self.write_error(self.error(NOT_FOUND_ON.format(name=name, computer=computer), "ObjectNotFound",
                                            "InvalidOperationException", "System.InvalidOperationException",
                                            target=computer, target_type="String"))
                continue
            out.append((server, found))
        return out

    def _configure(self, server: Any, name: str) -> bool:
        spec = catalog.spec(server, name)
        start = self.startup_type or spec.start_type
        if start in ("Boot", "System"):
            self.service_error(server, name, CANNOT_CONFIGURE, "CouldNotSetService", "PermissionDenied")
            return False
        display = self.display_name or spec.display_name
        if (start, display) != (spec.start_type, spec.display_name):
            self.world.commit(SetServiceConfig(server.name, name, start, display))
        return True

    def _set_status(self, server: Any, name: str) -> bool:
        state = server.services[name]
        if self.status == "Running" and state != "Running":
            if catalog.cannot_start(server, name):
                self.service_error(server, name, CANNOT_START, "CouldNotStartService", "OpenError")
                return False
            self.world.commit(SetServiceState(server.name, name, running=True))
        elif self.status == "Stopped" and state != "Stopped":
            if any(d in server.services for d in catalog.dependents(server, name)):
                self.service_error(server, name, DEPENDENTS_NO_FORCE, "ServiceHasDependentServicesNoForce",
                                   "InvalidOperation")
                return False
            if catalog.required(server, name):
                self.service_error(server, name, DEPENDS_ON_NO_FORCE, "ServiceIsDependentOnNoForce",
                                   "InvalidOperation")
                return False
            if self.stoppable(server, name, True) is None:
                return False
            self.world.commit(SetServiceState(server.name, name, running=False))
        elif self.status == "Paused":
            self.service_error(server, name, CANNOT_SUSPEND, "CouldNotSuspendServiceNotSupported", "CloseError")
            return False
        return True
