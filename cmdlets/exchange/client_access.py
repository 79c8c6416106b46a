"""Get-ClientAccessServer (2010+) and Get-ClientAccessService (2016+): the servers that run
Client Access, with their Autodiscover service connection point.

Which servers: 2010 and 2013 list the servers with the Client Access role; from 2016 every
Mailbox server runs the Client Access services, so every Mailbox server is listed too. On 2016
and 2019 Get-ClientAccessServer still answers but warns that it is going away. Setup writes the
Autodiscover SCP with the server's FQDN (https://<fqdn>/Autodiscover/Autodiscover.xml) scoped to
the server's site; Outlook Anywhere is on by default from 2013."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from cmdlets.exchange.records.common import TAILS, profile_key, record
from cmdlets.exchange.records.server import _server_values

DIRECTORY_MANAGEMENT = "Microsoft.Exchange.Data.Directory.Management"
SERVER_TYPE = f"{DIRECTORY_MANAGEMENT}.ClientAccessServer"
SERVICE_TYPE = f"{DIRECTORY_MANAGEMENT}.ClientAccessService"
CAS_2010 = ("RunspaceId", "Name", "Fqdn", "OutlookAnywhereEnabled", "AutoDiscoverServiceCN",
            "AutoDiscoverServiceClassName", "AutoDiscoverServiceInternalUri", "AutoDiscoverServiceGuid",
            "AutoDiscoverSiteScope", "AlternateServiceAccountConfiguration")
CAS_2013 = CAS_2010[:3] + ("ClientAccessArray",) + CAS_2010[3:] + ("IsOutOfService",)
SCP_CLASS = "ms-Exchange-AutoDiscover-Service"
SCP_GUID = "77378f46-2c66-4aa9-a6a6-3e7a48b19596"      # the Autodiscover SCP keyword GUID
DEPRECATED = ("The Get-ClientAccessServer cmdlet will be removed in a future version of Exchange. Use the "
              "Get-ClientAccessService cmdlet instead. If you have any scripts that use the "
              "Get-ClientAccessServer cmdlet, update them to use the Get-ClientAccessService cmdlet. For more "
              "information, see http://go.microsoft.com/fwlink/p/?LinkId=254711.")
MULTI_ROLE = ("2016", "2019")


def runs_client_access(world: Any, server: Any) -> bool:
    """2016+: every Mailbox server has the Client Access services (no separate role)."""
    if "ClientAccess" in server.roles:
        return True
    return world.exchange_version in MULTI_ROLE and server.is_mailbox_server


def client_access_record(world: Any, server: Any, version: str, runspace_id: str, type_name: str) -> PSObject:
    values = _server_values(world, server, version, runspace_id)
    values.update({
        "OutlookAnywhereEnabled": world.version_at_least("2013"), "ClientAccessArray": None,
        "AutoDiscoverServiceCN": server.name, "AutoDiscoverServiceClassName": SCP_CLASS,
        "AutoDiscoverServiceInternalUri": f"https://{server.fqdn}/Autodiscover/Autodiscover.xml",
        "AutoDiscoverServiceGuid": SCP_GUID, "AutoDiscoverSiteScope": [server.site],
        "AlternateServiceAccountConfiguration": None, "IsOutOfService": False,
    })
    names = CAS_2013 if world.version_at_least("2013") else CAS_2010
    return record(type_name, names + TAILS[profile_key(version)], values, server.name)


class _ClientAccessCmdlet(ExchangeCmdlet):
    type_name = SERVER_TYPE

    identity: Identity | None = param()
    include_alternate_service_account_credential_status: bool = param(
        default=False, ignored="no alternate service account is configured")
    include_alternate_service_account_credential_password: bool = param(
        default=False, ignored="no alternate service account is configured")
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        found = [s for s in self.world.exchange_servers() if runs_client_access(self.world, s)]
        if self.identity is not None:
            named = {id(s) for s in ids.servers(self.world, self.identity)}
            found = [s for s in found if id(s) in named]
            if not found and not self.identity.has_wildcard:
                self.not_found(self.identity.text)
        for server in found:
            self.write_object(client_access_record(self.world, server, self.version, self.runspace_id(),
                                                   self.type_name))


@cmdlet("Get-ClientAccessServer", **EXCHANGE)
class GetClientAccessServer(_ClientAccessCmdlet):
    """Lists the Client Access servers with their Autodiscover settings."""
    examples = (
        ("Get-ClientAccessServer",
         "This example lists the Client Access servers of the organization."),
        ("Get-ClientAccessServer MBX1 | Format-List Name,AutoDiscoverServiceInternalUri,AutoDiscoverSiteScope",
         "This example shows where Outlook finds Autodiscover through MBX1."),
    )

    def begin_processing(self) -> None:
        if self.version in MULTI_ROLE:
            self.write_warning(DEPRECATED)


@cmdlet("Get-ClientAccessService", **EXCHANGE)
class GetClientAccessService(_ClientAccessCmdlet):
    """Lists the servers running the Client Access services with their Autodiscover settings."""
    type_name = SERVICE_TYPE
    examples = (
        ("Get-ClientAccessService",
         "This example lists the servers that run the Client Access services."),
        ("Get-ClientAccessService MBX1 | Format-List Name,Fqdn,AutoDiscoverServiceInternalUri",
         "This example shows the Autodiscover address MBX1 publishes."),
    )
