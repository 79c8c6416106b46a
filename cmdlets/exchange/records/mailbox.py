"""Mailbox and MailboxStatistics records. Mailbox shows a subset of the real object's ~150
properties (the ones HA work reads: where it lives and who serves it), in the real order."""

from __future__ import annotations

from typing import Any

from cmdlets.api.values import PSObject
from cmdlets.exchange.records.values import ByteQuantifiedSize, Unlimited

MAILBOX_TYPE = "Microsoft.Exchange.Data.Directory.Management.Mailbox"
STATISTICS_TYPE = "Microsoft.Exchange.Data.Mapi.MailboxStatistics"

MAILBOX = ("RunspaceId", "Database", "UseDatabaseRetentionDefaults", "RetainDeletedItemsUntilBackup",
           "IssueWarningQuota", "ProhibitSendQuota", "ProhibitSendReceiveQuota", "ServerLegacyDN", "ServerName",
           "UseDatabaseQuotaDefaults", "UserPrincipalName", "Alias", "DisplayName", "PrimarySmtpAddress",
           "RecipientType", "RecipientTypeDetails", "Identity", "IsValid", "Name", "DistinguishedName", "Guid",
           "OrganizationId", "WhenCreated")
STATISTICS = ("RunspaceId", "AssociatedItemCount", "DeletedItemCount", "DisconnectDate", "DisplayName",
              "ItemCount", "LastLoggedOnUserAccount", "LastLogoffTime", "LastLogonTime", "LegacyDN", "MailboxGuid",
              "ObjectClass", "StorageLimitStatus", "TotalDeletedItemSize", "TotalItemSize", "Database",
              "ServerName", "DatabaseName", "IsArchiveMailbox", "Identity", "MapiIdentity", "OriginatingServer",
              "IsValid")


def _dn(world: Any, mailbox: Any) -> str:
    parts = ",".join(f"DC={p}" for p in world.domain.split("."))
    return f"CN={mailbox.name},CN=Users,{parts}"


def mailbox_record(world: Any, mailbox: Any, runspace_id: str) -> PSObject:
    db = world.database(mailbox.database)
    active = world.server(db.active_server)
    unlimited = Unlimited(lower=not world.version_at_least("2013"))
    values = {
        "RunspaceId": runspace_id, "Database": db.name, "UseDatabaseRetentionDefaults": True,
        "RetainDeletedItemsUntilBackup": False, "IssueWarningQuota": unlimited, "ProhibitSendQuota": unlimited,
        "ProhibitSendReceiveQuota": unlimited,
        "ServerLegacyDN": (f"/o={world.organization}/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"
                           f"/cn=Configuration/cn=Servers/cn={active.name}"),
        "ServerName": active.name.lower(), "UseDatabaseQuotaDefaults": True,
        "UserPrincipalName": mailbox.user_principal_name, "Alias": mailbox.alias, "DisplayName": mailbox.name,
        "PrimarySmtpAddress": f"{mailbox.alias}@{world.domain}", "RecipientType": "UserMailbox",
        "RecipientTypeDetails": "UserMailbox", "Identity": f"{world.domain}/Users/{mailbox.name}", "IsValid": True,
        "Name": mailbox.name, "DistinguishedName": _dn(world, mailbox), "Guid": mailbox.guid,
        "OrganizationId": None, "WhenCreated": mailbox.when_created,
    }
    return PSObject((MAILBOX_TYPE,), [(n, values.get(n)) for n in MAILBOX], hidden=("RunspaceId",),
                    to_string=mailbox.name)


def statistics_record(world: Any, mailbox: Any, runspace_id: str) -> PSObject:
    db = world.database(mailbox.database)
    values = {
        "RunspaceId": runspace_id, "AssociatedItemCount": 0, "DeletedItemCount": 0, "DisplayName": mailbox.name,
        "ItemCount": mailbox.item_count, "LastLogonTime": mailbox.last_logon_time,
        "LegacyDN": f"/o={world.organization}/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients"
                    f"/cn={mailbox.alias}",
        "MailboxGuid": mailbox.guid, "ObjectClass": "Mailbox", "StorageLimitStatus": "BelowLimit",
        "TotalDeletedItemSize": ByteQuantifiedSize(0), "TotalItemSize": ByteQuantifiedSize(mailbox.total_item_size),
        "Database": db.name, "ServerName": db.active_server, "DatabaseName": db.name, "IsArchiveMailbox": False,
        "Identity": mailbox.guid, "MapiIdentity": mailbox.guid, "OriginatingServer": world.server(db.active_server).fqdn,
        "IsValid": True,
    }
    return PSObject((STATISTICS_TYPE,), [(n, values.get(n)) for n in STATISTICS], hidden=("RunspaceId",),
                    to_string=mailbox.name)
