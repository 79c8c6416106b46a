"""Test-ServiceHealth: for each Exchange role the server holds, whether the Windows services the
role requires are running. One ExchangeServicesStatus per role (Role, RequiredServicesRunning,
ServicesRunning, ServicesNotRunning), shown as a list.

The cmdlet is not in the parameter catalog; its parameters are declared from the reference page
(Server at position 1, the rest named; every version from 2010 on). The role names and the
required-service lists per role and version are the ones real servers print. A required service
counts when it is set to start automatically: running, it is listed as running; stopped (or not
installed), as not running. 2013 servers report the transport and UM roles their Mailbox role
carries; a 2013 Client Access server is asked for services it does not have, so its report lists
them as not running, which is why the reference page calls its output unexpected there. The Edge
Transport list is the community one (uncertain)."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.errors import rule_error_id
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import E2010_SNAPIN, ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED
from cmdlets.exchange.records.common import record
from cmdlets.windows.machines import reachable
from state.model import service_catalog as catalog

MONITORING = "Microsoft.Exchange.Monitoring"
STATUS_TYPE = f"{MONITORING}.ExchangeServicesStatus"
PROPERTIES = ("RunspaceId", "Role", "RequiredServicesRunning", "ServicesRunning", "ServicesNotRunning", "Identity",
              "IsValid", "ObjectState")
VERSIONS = ("2010-beta1", "2010", "2013", "2016", "2019")
EVENT_SOURCE = "MSExchange Monitoring ServiceHealth"
UNREACHABLE = ("Cannot open Service Control Manager on computer '{server}'. This operation might require other "
               "privileges.")

ROLE_NAMES = {
    "Mailbox": "Mailbox Server Role",
    "ClientAccess": "Client Access Server Role",
    "UnifiedMessaging": "Unified Messaging Server Role",
    "HubTransport": "Hub Transport Server Role",
    "Edge": "Edge Transport Role",
}
_IIS = ("IISAdmin", "W3Svc", "WinRM")
_HUB = ("MSExchangeADTopology", "MSExchangeEdgeSync", "MSExchangeServiceHost", "MSExchangeTransport",
        "MSExchangeTransportLogSearch") + _IIS
_EDGE = ("ADAM_MSExchange", "MSExchangeEdgeCredential", "MSExchangeServiceHost", "MSExchangeTransport")
REQUIRED_2010 = {
    "Mailbox": ("MSExchangeADTopology", "MSExchangeIS", "MSExchangeMailboxAssistants", "MSExchangeMailSubmission",
                "MSExchangeRepl", "MSExchangeRPC", "MSExchangeSA", "MSExchangeSearch", "MSExchangeServiceHost",
                "MSExchangeThrottling", "MSExchangeTransportLogSearch") + _IIS,
    "ClientAccess": ("MSExchangeAB", "MSExchangeADTopology", "MSExchangeFBA", "MSExchangeFDS",
                     "MSExchangeMailboxReplication", "MSExchangeProtectedServiceHost", "MSExchangeRPC",
                     "MSExchangeServiceHost") + _IIS,
    "UnifiedMessaging": ("MSExchangeADTopology", "MSExchangeFDS", "MSExchangeServiceHost", "MSExchangeUM") + _IIS,
    "HubTransport": _HUB,
    "Edge": _EDGE,
}
REQUIRED_2013 = {
    "Mailbox": ("MSExchangeADTopology", "MSExchangeDelivery", "MSExchangeIS", "MSExchangeMailboxAssistants",
                "MSExchangeRepl", "MSExchangeRPC", "MSExchangeServiceHost", "MSExchangeSubmission",
                "MSExchangeThrottling", "MSExchangeTransportLogSearch") + _IIS,
    "ClientAccess": ("MSExchangeADTopology", "MSExchangeMailboxReplication", "MSExchangeRPC",
                     "MSExchangeServiceHost") + _IIS,
    "UnifiedMessaging": ("MSExchangeADTopology", "MSExchangeServiceHost", "MSExchangeUM") + _IIS,
    "HubTransport": _HUB,
    "Edge": _EDGE,
}
ROLE_ORDER = ("Mailbox", "ClientAccess", "UnifiedMessaging", "HubTransport", "Edge")
# the roles a 2013+ installation carries beyond the ones Get-ExchangeServer names
CARRIED = {
    "2013": {"Mailbox": ("Mailbox", "UnifiedMessaging", "HubTransport"), "ClientAccess": ("ClientAccess",)},
    "2016": {r: ("Mailbox", "ClientAccess", "UnifiedMessaging", "HubTransport") for r in ("Mailbox", "ClientAccess")},
    "2019": {r: ("Mailbox", "ClientAccess", "HubTransport") for r in ("Mailbox", "ClientAccess")},
}


def tested_roles(server: Any) -> list[str]:
    """The roles Test-ServiceHealth reports on for ``server``, in its order."""
    carried = CARRIED.get(server.exchange_version, {})
    held = {c for r in server.roles for c in carried.get(r, (r,))}
    return [r for r in ROLE_ORDER if r in held]


def required_services(server: Any, role: str) -> tuple[str, ...]:
    table = REQUIRED_2013 if server.exchange_version in CARRIED else REQUIRED_2010
    return table.get(role, ())


def role_status(server: Any, role: str) -> tuple[list[str], list[str]]:
    """(running, not running) among the role's required services that start automatically."""
    running, stopped = [], []
    table = catalog.catalog(server)
    for name in sorted(required_services(server, role), key=str.lower):
        installed = name.lower() in table
        state = next((v for k, v in server.services.items() if k.lower() == name.lower()), None)
        if state == "Running":
            running.append(name)
        elif not installed or catalog.spec(server, name).start_type == catalog.AUTOMATIC:
            stopped.append(name)
    return running, stopped


@cmdlet("Test-ServiceHealth", supports_should_process=True, from_catalog=False, versions=VERSIONS,
        namespace=MONITORING, module=E2010_SNAPIN)
class TestServiceHealth(ExchangeCmdlet):
    """Tests whether the services each Exchange role of a server requires are running."""
    synopsis = "Tests whether all the Windows services that Exchange requires on a server have started."
    examples = (
        ("Test-ServiceHealth",
         "This example tests the services on the local server."),
        ("Test-ServiceHealth MBX2 | Where-Object {-not $_.RequiredServicesRunning}",
         "This example shows only the roles of MBX2 with a required service that is not running."),
    )

    server: Identity | None = param("ServerIdParameter", position=0, pipeline=True)
    active_directory_timeout: int | None = param("Int32", ignored="the directory always answers")
    monitoring_context: bool = param("Boolean", default=False)
    domain_controller: str | None = param("Fqdn", ignored=DC_IGNORED)

    def process_record(self) -> None:
        server = self.resolve_one(ids.servers, self.server or Identity(self.runtime.computer_name or ""))
        if not reachable(self.world, self.runtime.computer_name or "", server):
            self.fail(self.exchange_error(UNREACHABLE.format(server=server.fqdn), "InvalidOperation",
                                          rule_error_id("ServiceHealth-Unreachable"),
                                          "System.InvalidOperationException", server.name))
        results = []
        for role in tested_roles(server):
            running, stopped = role_status(server, role)
            results.append((role, stopped))
            values = {"RunspaceId": self.runspace_id(), "Role": ROLE_NAMES[role],
                      "RequiredServicesRunning": not stopped, "ServicesRunning": running,
                      "ServicesNotRunning": stopped, "Identity": None, "IsValid": True, "ObjectState": "New"}
            self.write_object(record(STATUS_TYPE, PROPERTIES, values, STATUS_TYPE,
                                     bases=("Microsoft.Exchange.Data.ConfigurableObject", "System.Object")))
        if self.monitoring_context:
            self.write_object(monitoring_data(server, results))


def monitoring_data(server: Any, results: list[tuple[str, list[str]]]) -> PSObject:
    """-MonitoringContext $true: an event per role, Information when its services run, Error
    naming the ones that don't (event ids and wording are the emulator's: uncertain)."""
    events = []
    for role, stopped in results:
        if stopped:
            event_id, kind = 1001, "Error"
            message = (f"One or more required services for the {ROLE_NAMES[role]} on {server.name} are not "
                       f"running: {', '.join(stopped)}.")
        else:
            event_id, kind = 1000, "Information"
            message = f"All required services for the {ROLE_NAMES[role]} on {server.name} are running."
        events.append(PSObject((f"{MONITORING}.MonitoringEvent", "System.Object"), [
            ("EventSource", EVENT_SOURCE), ("EventIdentifier", event_id), ("EventType", kind),
            ("EventMessage", message), ("EventInstanceName", None)],
            to_string=f"Source: {EVENT_SOURCE}\nId: {event_id}\nType: {kind}\nMessage: {message}"))
    return PSObject((f"{MONITORING}.MonitoringData", "System.Object"),
                    [("Events", events), ("PerformanceCounters", [])])
