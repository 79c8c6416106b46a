"""The Windows services a lab machine has: static catalog data by role, Exchange version and
Windows role (domain controller), with real service names, display names, start types and the
services each one requires. A server's *state* stays ``Server.services`` (name -> Running or
Stopped); this module only says what exists and how the services depend on each other.

Exchange 2013/2016/2019 services and their dependencies follow "Overview of Exchange services on
Exchange servers" (Mailbox, Client Access [2013], Edge tables: Edge services require the AD LDS
instance ADAM_MSExchange and the machine is in a workgroup); Exchange 2010 follows the 2010
edition of that page (every Exchange service requires MSExchangeADTopology except the
Information Store, which requires only Windows services, and the File Distribution service,
which also requires Workstation). Windows services are limited to the ones these depend on and
the ones an HA lab touches (ClusSvc, WinRM, RemoteRegistry, Netlogon, DNS/NTDS on domain
controllers); their own dependencies on services not modelled here are left out. ClusSvc comes
with the Failover Clustering feature (``Server.failover_clustering_installed``, R-DAG-24), not
with a role: a Mailbox server that never joined a DAG has no Cluster service."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from attrs import frozen

if TYPE_CHECKING:
    from state.model.servers import Server

AUTOMATIC, MANUAL, DISABLED = "Automatic", "Manual", "Disabled"
TOPOLOGY = "MSExchangeADTopology"


@frozen
class ServiceSpec:
    """One service as the Service Control Manager knows it. ``driver`` services (HTTP) appear
    among RequiredServices but Get-Service does not list them."""

    name: str
    display_name: str
    start_type: str = AUTOMATIC
    requires: tuple[str, ...] = ()
    can_stop: bool = True
    service_type: str = "Win32OwnProcess"
    runs_at_boot: bool = True          # a Manual service another one starts, or not

    @property
    def driver(self) -> bool:
        return self.service_type == "KernelDriver"


def _s(name: str, display: str, *requires: str, start: str = AUTOMATIC, share: bool = False,
       running: bool | None = None, can_stop: bool = True, driver: bool = False) -> ServiceSpec:
    kind = "KernelDriver" if driver else ("Win32ShareProcess" if share else "Win32OwnProcess")
    runs = (start == AUTOMATIC) if running is None else running
    return ServiceSpec(name, display, start, tuple(requires), can_stop, kind, runs)


# --- Windows --------------------------------------------------------------------------------
WINDOWS_BASE = (
    _s("EventLog", "Windows Event Log", share=True),
    _s("LanmanServer", "Server", share=True),
    _s("LanmanWorkstation", "Workstation", share=True),
    _s("Netlogon", "Netlogon", "LanmanWorkstation", share=True),
    _s("RemoteRegistry", "Remote Registry", "RpcSs", share=True),
    _s("RpcSs", "Remote Procedure Call (RPC)", share=True, can_stop=False),
    _s("WinRM", "Windows Remote Management (WS-Management)", "RpcSs", "HTTP", share=True),
    _s("Winmgmt", "Windows Management Instrumentation", "RpcSs", share=True),
    _s("HTTP", "HTTP Service", start=MANUAL, running=True, driver=True),
)
NETLOGON_WORKGROUP = _s("Netlogon", "Netlogon", "LanmanWorkstation", start=MANUAL, share=True)
DOMAIN_CONTROLLER = (
    _s("DNS", "DNS Server", "RpcSs"),
    _s("NTDS", "Active Directory Domain Services", "RpcSs", share=True),
)
IIS = (
    _s("IISADMIN", "IIS Admin Service", "RpcSs", share=True),
    _s("W3SVC", "World Wide Web Publishing Service", "WAS", "HTTP", share=True),
    _s("WAS", "Windows Process Activation Service", "RpcSs", share=True),
)
EXCHANGE_WINDOWS = (_s("KeyIso", "CNG Key Isolation", start=MANUAL, running=True, share=True),)
# disabled as Windows ships it; Exchange setup makes it automatic where an Exchange service needs
# it (every 2013+ server, the 2010 Client Access role)
TCP_SHARING = _s("NetTcpPortSharing", "Net.Tcp Port Sharing Service", share=True)
TCP_SHARING_OFF = _s("NetTcpPortSharing", "Net.Tcp Port Sharing Service", start=DISABLED, share=True)
CLUSTER = (_s("ClusSvc", "Cluster Service", "RpcSs"),)

# --- Exchange 2010 --------------------------------------------------------------------------
T = TOPOLOGY
E2010 = {
    "ADTopology": _s(T, "Microsoft Exchange Active Directory Topology"),
    "AB": _s("MSExchangeAB", "Microsoft Exchange Address Book", T),
    "AntispamUpdate": _s("MSExchangeAntispamUpdate", "Microsoft Exchange Anti-spam Update", T),
    "EdgeSync": _s("MSExchangeEdgeSync", "Microsoft Exchange EdgeSync", T),
    "FBA": _s("MSExchangeFBA", "Microsoft Exchange Forms-Based Authentication service", T),
    "FDS": _s("MSExchangeFDS", "Microsoft Exchange File Distribution", T, "LanmanWorkstation"),
    "IMAP4": _s("MSExchangeIMAP4", "Microsoft Exchange IMAP4", T, start=MANUAL),
    "IS": _s("MSExchangeIS", "Microsoft Exchange Information Store", "EventLog", "LanmanServer", "LanmanWorkstation",
             "RpcSs"),
    "MailboxAssistants": _s("MSExchangeMailboxAssistants", "Microsoft Exchange Mailbox Assistants", T),
    "MailboxReplication": _s("MSExchangeMailboxReplication", "Microsoft Exchange Mailbox Replication", T,
                             "NetTcpPortSharing"),
    "MailSubmission": _s("MSExchangeMailSubmission", "Microsoft Exchange Mail Submission", T),
    "Monitoring": _s("MSExchangeMonitoring", "Microsoft Exchange Monitoring", "RpcSs", start=MANUAL),
    "POP3": _s("MSExchangePOP3", "Microsoft Exchange POP3", T, start=MANUAL),
    "ProtectedServiceHost": _s("MSExchangeProtectedServiceHost", "Microsoft Exchange Protected Service Host", T),
    "Repl": _s("MSExchangeRepl", "Microsoft Exchange Replication Service", T),
    "RPC": _s("MSExchangeRPC", "Microsoft Exchange RPC Client Access", T),
    "SA": _s("MSExchangeSA", "Microsoft Exchange System Attendant", T),
    "Search": _s("MSExchangeSearch", "Microsoft Exchange Search Indexer", T),
    "ServiceHost": _s("MSExchangeServiceHost", "Microsoft Exchange Service Host", T),
    "Throttling": _s("MSExchangeThrottling", "Microsoft Exchange Throttling", T),
    "Transport": _s("MSExchangeTransport", "Microsoft Exchange Transport", T),
    "TransportLogSearch": _s("MSExchangeTransportLogSearch", "Microsoft Exchange Transport Log Search", T),
    "UM": _s("MSExchangeUM", "Microsoft Exchange Unified Messaging", T, "KeyIso"),
    "WSB": _s("WSBExchange", "Microsoft Exchange Server Extension for Windows Server Backup", start=MANUAL),
}
E2010_ROLES = {
    "Mailbox": ("ADTopology", "IS", "MailboxAssistants", "MailSubmission", "Monitoring", "Repl", "RPC", "SA",
                "Search", "ServiceHost", "Throttling", "TransportLogSearch", "WSB"),
    "ClientAccess": ("ADTopology", "AB", "FBA", "FDS", "IMAP4", "MailboxReplication", "Monitoring", "POP3",
                     "ProtectedServiceHost", "RPC", "ServiceHost"),
    "HubTransport": ("ADTopology", "AntispamUpdate", "EdgeSync", "Monitoring", "ProtectedServiceHost",
                     "ServiceHost", "Transport", "TransportLogSearch"),
    "UnifiedMessaging": ("ADTopology", "FDS", "Monitoring", "ServiceHost", "UM"),
}

# --- Exchange 2013 and later ----------------------------------------------------------------
E2013 = {
    "ADTopology": _s(T, "Microsoft Exchange Active Directory Topology", "NetTcpPortSharing"),
    "AntispamUpdate": _s("MSExchangeAntispamUpdate", "Microsoft Exchange Anti-spam Update", T),
    "ComplianceAudit": _s("MSComplianceAudit", "Microsoft Exchange Compliance Audit", T),
    "Compliance": _s("MSExchangeCompliance", "Microsoft Exchange Compliance Service", T),
    "DagMgmt": _s("MSExchangeDagMgmt", "Microsoft Exchange DAG Management", T, "NetTcpPortSharing"),
    "Diagnostics": _s("MSExchangeDiagnostics", "Microsoft Exchange Diagnostics"),
    "EdgeSync": _s("MSExchangeEdgeSync", "Microsoft Exchange EdgeSync", T),
    "FrontEndTransport": _s("MSExchangeFrontEndTransport", "Microsoft Exchange Frontend Transport", T),
    "HM": _s("MSExchangeHM", "Microsoft Exchange Health Manager", "EventLog", "Winmgmt"),
    "HMRecovery": _s("MSExchangeHMRecovery", "Microsoft Exchange Health Manager Recovery", "EventLog", "Winmgmt"),
    "IMAP4": _s("MSExchangeIMAP4", "Microsoft Exchange IMAP4", T, start=MANUAL),
    "IMAP4BE": _s("MSExchangeIMAP4BE", "Microsoft Exchange IMAP4 Backend", T, start=MANUAL),
    "IS": _s("MSExchangeIS", "Microsoft Exchange Information Store", T, "RpcSs", "LanmanServer", "EventLog",
             "LanmanWorkstation"),
    "MailboxAssistants": _s("MSExchangeMailboxAssistants", "Microsoft Exchange Mailbox Assistants", T),
    "MailboxReplication": _s("MSExchangeMailboxReplication", "Microsoft Exchange Mailbox Replication", T,
                             "NetTcpPortSharing"),
    "Delivery": _s("MSExchangeDelivery", "Microsoft Exchange Mailbox Transport Delivery", T),
    "Submission": _s("MSExchangeSubmission", "Microsoft Exchange Mailbox Transport Submission", T),
    "NotificationsBroker": _s("MSExchangeNotificationsBroker", "Microsoft Exchange Notifications Broker", T,
                              "NetTcpPortSharing"),
    "POP3": _s("MSExchangePOP3", "Microsoft Exchange POP3", T, start=MANUAL),
    "POP3BE": _s("MSExchangePOP3BE", "Microsoft Exchange POP3 Backend", T, start=MANUAL),
    "Repl": _s("MSExchangeRepl", "Microsoft Exchange Replication", T),
    "RPC": _s("MSExchangeRPC", "Microsoft Exchange RPC Client Access", T),
    "FastSearch": _s("MSExchangeFastSearch", "Microsoft Exchange Search", T),
    "HostController": _s("HostControllerService", "Microsoft Exchange Search Host Controller", "HTTP"),
    "WSB": _s("WSBExchange", "Microsoft Exchange Server Extension for Windows Server Backup", start=MANUAL),
    "ServiceHost": _s("MSExchangeServiceHost", "Microsoft Exchange Service Host", T),
    "Throttling": _s("MSExchangeThrottling", "Microsoft Exchange Throttling", T),
    "Transport": _s("MSExchangeTransport", "Microsoft Exchange Transport", T, "FMS"),
    "TransportLogSearch": _s("MSExchangeTransportLogSearch", "Microsoft Exchange Transport Log Search", T),
    "UM": _s("MSExchangeUM", "Microsoft Exchange Unified Messaging", "KeyIso", T),
    "UMCR": _s("MSExchangeUMCR", "Microsoft Exchange Unified Messaging Call Router", "KeyIso", T),
    "FMS": _s("FMS", "Microsoft Filtering Management Service"),
}
# Edge Transport: the same services on every version, requiring the local AD LDS instance
ADAM = "ADAM_MSExchange"
EDGE = {
    "ADAM": _s(ADAM, "Microsoft Exchange ADAM"),
    "AntispamUpdate": _s("MSExchangeAntispamUpdate", "Microsoft Exchange Anti-spam Update", ADAM),
    "EdgeCredential": _s("MSExchangeEdgeCredential", "Microsoft Exchange Credential Service", ADAM),
    "ServiceHost": _s("MSExchangeServiceHost", "Microsoft Exchange Service Host", ADAM),
    "Transport": _s("MSExchangeTransport", "Microsoft Exchange Transport", ADAM),
    "TransportLogSearch": _s("MSExchangeTransportLogSearch", "Microsoft Exchange Transport Log Search", ADAM),
}
_MAILBOX_2013 = ("ADTopology", "AntispamUpdate", "DagMgmt", "Diagnostics", "EdgeSync", "HM", "IMAP4BE", "IS",
                 "MailboxAssistants", "MailboxReplication", "Delivery", "Submission", "POP3BE", "Repl", "RPC",
                 "FastSearch", "HostController", "WSB", "ServiceHost", "Throttling", "Transport",
                 "TransportLogSearch", "UM", "FMS")
_CAS_2013 = ("ADTopology", "Diagnostics", "FrontEndTransport", "HM", "IMAP4", "POP3", "HostController",
             "ServiceHost", "UMCR")
_MAILBOX_2016 = _MAILBOX_2013 + ("ComplianceAudit", "Compliance", "FrontEndTransport", "HMRecovery", "IMAP4",
                                 "POP3", "NotificationsBroker", "UMCR")
_MAILBOX_2019 = tuple(k for k in _MAILBOX_2016 if k not in ("NotificationsBroker", "UM", "UMCR"))
E2013_ROLES = {
    "2013": {"Mailbox": _MAILBOX_2013, "ClientAccess": _CAS_2013},
    "2016": {"Mailbox": _MAILBOX_2016, "ClientAccess": _MAILBOX_2016},
    "2019": {"Mailbox": _MAILBOX_2019, "ClientAccess": _MAILBOX_2019},
}


# services Exchange 2010 introduced: a 2007 server has the rest of the 2010 set (approximation)
NEW_IN_2010 = ("AB", "FBA", "MailboxReplication", "ProtectedServiceHost", "RPC", "Throttling")


def _exchange_specs(version: str, roles: Iterable[str]) -> list[ServiceSpec]:
    if version in ("2013", "2016", "2019"):
        table, by_role = E2013, E2013_ROLES[version]
    else:
        table, by_role = E2010, E2010_ROLES
    keys = [k for role in roles for k in by_role.get(role, ()) if version != "2007" or k not in NEW_IN_2010]
    edge = list(EDGE.values()) if "Edge" in roles else []
    if edge and version in ("2013", "2016", "2019"):
        edge += [E2013["Diagnostics"], E2013["HM"]]
    return edge + [table[k] for k in dict.fromkeys(keys)]


@lru_cache(maxsize=64)
def _catalog(version: str, roles: tuple[str, ...], domain_controller: bool,
             clustering: bool) -> dict[str, ServiceSpec]:
    specs: list[ServiceSpec] = list(WINDOWS_BASE)
    if domain_controller:
        specs += DOMAIN_CONTROLLER
    exchange = _exchange_specs(version, roles)
    if exchange:
        needs_sharing = any("NetTcpPortSharing" in e.requires for e in exchange)
        specs += EXCHANGE_WINDOWS + (TCP_SHARING if needs_sharing else TCP_SHARING_OFF,) + tuple(exchange)
    if set(roles) & {"Mailbox", "ClientAccess", "HubTransport", "UnifiedMessaging"}:
        specs += IIS
    if roles == ("Edge",):          # a workgroup machine: Netlogon does not run
        specs = [NETLOGON_WORKGROUP if s.name == "Netlogon" else s for s in specs]
    if clustering:
        specs += CLUSTER
    return {s.name.lower(): s for s in sorted(specs, key=lambda s: s.name.lower())}


def catalog(server: "Server") -> dict[str, ServiceSpec]:
    """lower name -> spec, for every service the machine has, in name order."""
    return _catalog(server.exchange_version, tuple(sorted(server.roles)), server.is_domain_controller,
                    server.failover_clustering_installed)


def spec(server: "Server", name: str) -> ServiceSpec:
    """The catalog entry of one of the server's services (a bare entry for one outside it), with
    the start type and display name Set-Service gave it on this server."""
    found = catalog(server).get(name.lower()) or ServiceSpec(name, name)
    changed = server.service_config.get(found.name)
    if changed is None:
        return found
    start_type, display = changed
    runs = found.runs_at_boot if start_type == found.start_type else start_type == AUTOMATIC
    return ServiceSpec(found.name, display, start_type, found.requires, found.can_stop, found.service_type, runs)


def boot_states(server: "Server") -> dict[str, str]:
    """name -> status right after the machine starts, as each service's start type (with
    Set-Service's changes) decides: an automatic service runs unless a service it requires
    cannot start (disabled, or needing a disabled one); Manual and Disabled ones stay stopped,
    save the Manual ones another service starts (``runs_at_boot``)."""
    runs: dict[str, bool] = {}

    def starts(name: str) -> bool:
        if name not in runs:
            runs[name] = False                  # a dependency cycle starts nothing
            runs[name] = spec(server, name).runs_at_boot and all(starts(r) for r in required(server, name))
        return runs[name]
    return {s.name: "Running" if starts(s.name) else "Stopped" for s in catalog(server).values()}


def cannot_start(server: "Server", name: str) -> bool:
    """Whether starting ``name`` fails: it, or a service it requires, is disabled and not running."""
    if spec(server, name).start_type == DISABLED and server.services.get(name) != "Running":
        return True
    return any(cannot_start(server, r) for r in required(server, name))


def required(server: "Server", name: str) -> list[str]:
    """The services ``name`` requires directly, as their catalog names."""
    table = catalog(server)
    return [table[r.lower()].name for r in spec(server, name).requires if r.lower() in table]


def dependents(server: "Server", name: str) -> list[str]:
    """Every service that requires ``name``, directly or not, each listed after the services
    that depend on it (the order they must stop in)."""
    table = catalog(server)
    direct: dict[str, list[str]] = {}
    for s in table.values():
        for r in s.requires:
            direct.setdefault(r.lower(), []).append(s.name)
    out: list[str] = []

    def visit(low: str) -> None:
        for dep in direct.get(low, ()):
            if dep not in out:
                visit(dep.lower())
                if dep not in out:
                    out.append(dep)
    visit(name.lower())
    return out


def direct_dependents(server: "Server", name: str) -> list[str]:
    """The services that require ``name`` directly, in name order."""
    return [s.name for s in catalog(server).values() if name.lower() in (r.lower() for r in s.requires)]
