"""ExchangeServer and MailboxServer records (Get-ExchangeServer, Get-MailboxServer).

No Format-List sample is known for these; the lists follow the 2010 class layout as
remembered (server members, then the directory tail) and are marked [L] in the report."""

from __future__ import annotations

from typing import Any

from cmdlets.api.values import PSObject
from cmdlets.exchange.records.values import ADObjectId
from cmdlets.exchange.records.common import TAILS, directory_values, profile_key, record
from state.model import components

EXCHANGE_SERVER_TYPE = "Microsoft.Exchange.Data.Directory.Management.ExchangeServer"
MAILBOX_SERVER_TYPE = "Microsoft.Exchange.Data.Directory.Management.MailboxServer"

EXCHANGE_SERVER = ("RunspaceId", "Name", "DataPath", "Domain", "Edition", "ExchangeLegacyDN", "Fqdn",
                   "IsHubTransportServer", "IsClientAccessServer", "IsEdgeServer", "IsMailboxServer",
                   "IsMemberOfCluster", "IsUnifiedMessagingServer", "NetworkAddress", "AdminDisplayVersion", "Site",
                   "ServerRole", "ErrorReportingEnabled", "ProductID", "IsExchangeTrialEdition")
MAILBOX_SERVER = ("RunspaceId", "Name", "DataPath", "AutoDatabaseMountDial", "DatabaseCopyAutoActivationPolicy",
                  "DatabaseAvailabilityGroup", "MaximumActiveDatabases", "Fqdn", "AdminDisplayVersion",
                  "ExchangeLegacyDN")


def _site(world: Any, server: Any) -> str:
    """The AD site as a canonical name: ``corelantest.local/Configuration/Sites/Default-First-Site-Name``."""
    return f"{world.domain}/Configuration/Sites/{server.site}"


def server_dn(world: Any, name: str) -> str:
    """An Exchange server's directory object in the configuration partition."""
    dn_dc = ",".join(f"DC={p}" for p in world.domain.split("."))
    return (f"CN={name},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),"
            f"CN=Administrative Groups,CN={world.organization},CN=Microsoft Exchange,CN=Services,"
            f"CN=Configuration,{dn_dc}")


def server_id(world: Any, name: str | None) -> ADObjectId | None:
    """A server as a directory reference (the value of a DAG's Servers, a database's Server)."""
    if not name:
        return None
    server = world.server(name)
    return ADObjectId(server.name if server else name, server_dn(world, server.name if server else name),
                      server.guid if server else None)


def _server_values(world: Any, server: Any, version: str, runspace_id: str) -> dict[str, Any]:
    dn = server_dn(world, server.name)
    dc = next((s.fqdn for s in world.servers.values() if s.is_domain_controller), None)
    values = directory_values(server, world, version, identity=server.name, category="ms-Exch-Exchange-Server",
                              object_class=["top", "server", "msExchExchangeServer"], dn=dn, originating=dc)
    values.update({
        "RunspaceId": runspace_id, "Name": server.name, "DataPath": _root(version), "Domain": world.domain,
        "Edition": "Standard" if server.edition == "Standard" else "Enterprise",
        "ExchangeLegacyDN": f"/o={world.organization}/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/"
                            f"cn=Configuration/{server.exchange_legacy_dn_part}",
        "Fqdn": server.fqdn, "IsHubTransportServer": "HubTransport" in server.roles,
        "IsClientAccessServer": "ClientAccess" in server.roles, "IsEdgeServer": "Edge" in server.roles,
        "IsMailboxServer": server.is_mailbox_server, "IsMemberOfCluster": "No",
        "IsUnifiedMessagingServer": "UnifiedMessaging" in server.roles,
        "NetworkAddress": [f"ncacn_ip_tcp:{server.fqdn}", f"ncalrpc:{server.name}"],
        "AdminDisplayVersion": server.admin_display_version, "Site": _site(world, server),
        "ServerRole": server.server_role, "ErrorReportingEnabled": False, "ProductID": None,
        "IsExchangeTrialEdition": False, "AutoDatabaseMountDial": server.auto_database_mount_dial,
        "DatabaseCopyAutoActivationPolicy": server.database_copy_auto_activation_policy,
        "DatabaseAvailabilityGroup": server.database_availability_group,
        "MaximumActiveDatabases": server.maximum_active_databases, "AdminDisplayName": None,
        "ExchangeVersion": "0.1 (8.0.535.0)",
    })
    return values


def _root(version: str) -> str:
    v = "V15" if profile_key(version) in ("2013", "2016") else "V14"
    return f"C:\\Program Files\\Microsoft\\Exchange Server\\{v}\\Mailbox"


def exchange_server_record(world: Any, server: Any, version: str, runspace_id: str) -> PSObject:
    values = _server_values(world, server, version, runspace_id)
    names = EXCHANGE_SERVER
    if version in ("2013", "2016", "2019"):          # the directory side of Set-ServerComponentState
        values["ComponentStates"] = [components.directory_value(r) for r in server.remote_component_states]
        names = names + ("ComponentStates",)
    return record(EXCHANGE_SERVER_TYPE, names + TAILS[profile_key(version)], values, server.name)


def mailbox_server_record(world: Any, server: Any, version: str, runspace_id: str) -> PSObject:
    values = _server_values(world, server, version, runspace_id)
    names = MAILBOX_SERVER
    if version in ("2013", "2016", "2019"):          # R-AM-15: the maintenance procedure checks it
        values["DatabaseCopyActivationDisabledAndMoveNow"] = server.database_copy_activation_disabled_and_move_now
        at = names.index("DatabaseCopyAutoActivationPolicy")
        names = names[:at] + ("DatabaseCopyActivationDisabledAndMoveNow",) + names[at:]
    return record(MAILBOX_SERVER_TYPE, names + TAILS[profile_key(version)], values, server.name)
