"""Servers: roles, OS, Exchange version, adapters, services, power, hosts file, file system."""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from attrs import define, field

from state.model import components
from state.model.directory import CachedName
from state.model.filesystem import HOSTS_BY_OS, HOSTS_PATH, FileSystem, RegistryKey, standard_registry
from state.model.network import Nic

EXCHANGE_ROLES = ("Mailbox", "ClientAccess", "HubTransport", "UnifiedMessaging", "Edge")
ALL_ROLES = EXCHANGE_ROLES + ("DomainController", "GlobalCatalog")
SERVICES = ("ClusSvc", "MSExchangeRepl", "MSExchangeIS")          # the services with rule effects

# AdminDisplayVersion per profile (build numbers illustrative; output-format §5).
ADMIN_DISPLAY_VERSION = {
    "2007": "Version 8.3 (Build 83.6)",
    "2010-beta1": "Version 14.0 (Build 639.21)",
    "2010": "Version 14.3 (Build 123.4)",
    "2013": "Version 15.0 (Build 1497.2)",
    "2016": "Version 15.1 (Build 2507.6)",
    "2019": "Version 15.2 (Build 1118.7)",
}
MAJOR = {"2007": 8, "2010-beta1": 14, "2010": 14, "2013": 15, "2016": 15.1, "2019": 15.2}


@define(eq=False)
class Server:
    """A machine of the lab. ``power`` is 'On' or 'Off'; ``services`` maps service name ->
    'Running' | 'Stopped' for every service the machine has (service_catalog says which, with
    their start types and dependencies); ClusSvc, MSExchangeRepl and MSExchangeIS (``SERVICES``)
    are the ones with rule effects."""

    name: str
    domain: str
    roles: list[str]
    os: str
    site: str
    exchange_version: str
    nics: list[Nic] = field(factory=list)
    guid: str = ""
    when_created: dt.datetime | None = None
    power: str = "On"
    services: dict[str, str] = field(factory=dict)
    service_config: dict[str, tuple[str, str]] = field(factory=dict)  # Set-Service: name -> (start type, display)
    files: FileSystem = field(factory=FileSystem.standard)   # drives; the hosts file lives here
    shares: dict[str, str] = field(factory=dict)        # share name -> local path
    registry: dict[str, RegistryKey] = field(factory=standard_registry)   # lower key path -> key
    database_availability_group: str | None = None     # DAG name
    failover_clustering_installed: bool = False
    auto_database_mount_dial: str = "BestAvailability"  # R-AM-12 [2010]
    database_copy_auto_activation_policy: str = "Unrestricted"
    maximum_active_databases: int | None = None
    dacp_bit: bool = True                               # R-SITE-1: DAC protocol bit of its Active Manager
    dacp_set_at: dt.datetime | None = None              # R-SITE-2: when the bit was last set (None: at start)
    last_boot: dt.datetime | None = None                # None: booted before the lab's start
    exchange_trusted_subsystem_is_admin: bool = True    # R-DAG-12: ETS in local Administrators
    maximum_preferred_active_databases: int | None = None         # R-AM-14 [2013+]
    database_copy_activation_disabled_and_move_now: bool = False  # R-AM-15 [2013+]
    log_volume_full: bool = False                                 # SetDiskFull (R-COPY-8)
    local_component_states: list[components.ComponentRequest] = field(factory=list)   # [2013+] registry
    remote_component_states: list[components.ComponentRequest] = field(factory=list)  # [2013+] directory
    component_health: dict[str, str] = field(factory=dict)        # R-AM-9: component -> 'Unhealthy'
    dns_cache: dict[str, CachedName] = field(factory=dict)      # lower name -> answer (R-TIMING-15)

    def __attrs_post_init__(self) -> None:
        """The hosts file as the server's Windows version ships it."""
        if self.os_version in HOSTS_BY_OS and self.files.entry(HOSTS_PATH) is not None:
            self.files.write(HOSTS_PATH, HOSTS_BY_OS[self.os_version])

    # --- identity -------------------------------------------------------------------
    @property
    def fqdn(self) -> str:
        return f"{self.name}.{self.domain}"

    @property
    def identity(self) -> str:
        return self.name

    def matches(self, text: str) -> bool:
        t = text.lower()
        return t == self.name.lower() or t == self.fqdn.lower()

    # --- roles and OS ---------------------------------------------------------------
    @property
    def is_exchange_server(self) -> bool:
        return any(r in EXCHANGE_ROLES for r in self.roles)

    @property
    def is_mailbox_server(self) -> bool:
        return "Mailbox" in self.roles

    @property
    def is_domain_controller(self) -> bool:
        return "DomainController" in self.roles or "GlobalCatalog" in self.roles

    @property
    def server_role(self) -> str:
        """ServerRole as Get-ExchangeServer shows it (flags enum order)."""
        order = ("Mailbox", "ClientAccess", "UnifiedMessaging", "HubTransport", "Edge")
        return ", ".join(r for r in order if r in self.roles) or "None"

    @property
    def edition(self) -> str:
        """Windows edition word from the OS string: 'Standard', 'Enterprise', 'Datacenter'."""
        for word in ("Datacenter", "Enterprise", "Standard"):
            if word in self.os:
                return word
        return "Standard"

    @property
    def os_version(self) -> str:
        """'2003', '2008', '2008 R2', '2012', '2012 R2', '2016', '2019', '2022'."""
        text = self.os.replace("Windows Server", "").strip()
        year = text.split()[0] if text else ""
        return f"{year} R2" if " R2" in text else year

    @property
    def admin_display_version(self) -> str:
        return ADMIN_DISPLAY_VERSION.get(self.exchange_version, "")

    @property
    def major_version(self) -> float:
        return MAJOR.get(self.exchange_version, 0)

    @property
    def hosts(self) -> "Mapping[str, str]":
        """lower name -> address, read from C:\\Windows\\System32\\drivers\\etc\\hosts (R-BACKUP-5)."""
        return self.files.hosts()

    # --- health ---------------------------------------------------------------------
    @property
    def is_up(self) -> bool:
        return self.power == "On"

    def service_running(self, name: str) -> bool:
        return self.is_up and self.services.get(name) == "Running"

    def component_state(self, component: str) -> str:
        """[2013+] A server component's effective state (Active, Inactive, Draining)."""
        return components.effective_state(self.local_component_states, self.remote_component_states, component)

    @property
    def high_availability_offline(self) -> bool:
        """[2013+] HighAvailability effectively Inactive (ServerWideOffline included): Active
        Manager activates nothing here on its own (R-AM-6)."""
        return self.exchange_version in ("2013", "2016", "2019") and \
            self.component_state(components.HIGH_AVAILABILITY) == "Inactive"

    @property
    def mapi_nics(self) -> list[Nic]:
        return [n for n in self.nics if n.is_mapi]

    def nic_on(self, subnet: str) -> Nic | None:
        return next((n for n in self.nics if n.subnet == subnet), None)

    @property
    def exchange_legacy_dn_part(self) -> str:
        return f"cn=Servers/cn={self.name.upper()}"
