"""MailboxDatabase records (output-format §7.3): Beta 1 verbatim from seed 003, 2013 from the
declaration order, 2010 SP3 the 2013 order without the 2013-only members."""

from __future__ import annotations

from typing import Any

from cmdlets.api.values import PSObject
from cmdlets.exchange.records.common import AD_BASES, TAILS, directory_values, profile_key, record
from cmdlets.exchange.records.server import server_id
from cmdlets.exchange.records.values import (MAINTENANCE_SCHEDULE, QUOTA_NOTIFICATION_SCHEDULE, ByteQuantifiedSize,
                                             KeyValuePair, Unlimited)

DATABASE_TYPE = "Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase"
DATABASE_BASES = ("Microsoft.Exchange.Data.Directory.SystemConfiguration.Database",)
GB = 1024 ** 3

DB_BETA = (
    "RunspaceId", "StandbyMachines", "JournalRecipient", "MailboxRetention", "OfflineAddressBook",
    "OriginalDatabase", "PublicFolderDatabase", "ProhibitSendReceiveQuota", "Recovery", "ProhibitSendQuota",
    "IndexEnabled", "IsExcludedFromProvisioning", "IsSuspendedFromProvisioning", "ReplicationType",
    "AdministrativeGroup", "AllowFileRestore", "BackgroundDatabaseMaintenance", "BackupInProgress",
    "CopyEdbFilePath", "DatabaseCreated", "Description", "EdbFilePath", "ExchangeLegacyDN", "HasLocalCopy",
    "DatabaseCopies", "Servers", "ReplayLagTimes", "TruncationLagTimes", "RpcClientAccessServer",
    "MountedOnServer", "DeletedItemRetention", "SnapshotLastFullBackup", "SnapshotLastIncrementalBackup",
    "SnapshotLastDifferentialBackup", "SnapshotLastCopyBackup", "LastFullBackup", "LastIncrementalBackup",
    "LastDifferentialBackup", "LastCopyBackup", "DatabaseSize", "DatabaseAvailableSpace", "MaintenanceSchedule",
    "MountAtStartup", "Mounted", "Organization", "QuotaNotificationSchedule", "RetainDeletedItemsUntilBackup",
    "Server", "MasterServerOrAvailabilityGroup", "MasterType", "ServerName", "IssueWarningQuota",
    "EventHistoryRetentionPeriod", "Name", "LogFolderPath", "CircularLoggingEnabled", "CopyLogFolderPath",
    "LogFilePrefix", "LogFileSize")

_MIDDLE = (  # from BackupInProgress to LastCopyBackup, shared by 2010 SP3 and 2013+
    "BackupInProgress", "DatabaseCreated", "Description", "EdbFilePath", "ExchangeLegacyDN", "DatabaseCopies",
    "InvalidDatabaseCopies", "AllDatabaseCopies", "Servers", "ActivationPreference", "ReplayLagTimes",
    "TruncationLagTimes", "RpcClientAccessServer", "MountedOnServer", "DeletedItemRetention",
    "SnapshotLastFullBackup", "SnapshotLastIncrementalBackup", "SnapshotLastDifferentialBackup",
    "SnapshotLastCopyBackup", "LastFullBackup", "LastIncrementalBackup", "LastDifferentialBackup",
    "LastCopyBackup", "DatabaseSize", "AvailableNewMailboxSpace", "MaintenanceSchedule", "MountAtStartup",
    "Mounted", "Organization", "QuotaNotificationSchedule", "Recovery", "RetainDeletedItemsUntilBackup", "Server",
    "MasterServerOrAvailabilityGroup")

DB_2010 = (
    ("RunspaceId", "JournalRecipient", "MailboxRetention", "OfflineAddressBook", "OriginalDatabase",
     "PublicFolderDatabase", "ProhibitSendReceiveQuota", "ProhibitSendQuota", "RecoverableItemsQuota",
     "RecoverableItemsWarningQuota", "IndexEnabled", "IsExcludedFromProvisioning", "IsSuspendedFromProvisioning",
     "DumpsterStatistics", "DumpsterServersNotAvailable", "ReplicationType", "AdminDisplayVersion",
     "AdministrativeGroup", "AllowFileRestore", "BackgroundDatabaseMaintenance")
    + _MIDDLE
    + ("MasterType", "ServerName", "IssueWarningQuota", "EventHistoryRetentionPeriod", "Name", "LogFolderPath",
       "CircularLoggingEnabled", "LogFilePrefix", "LogFileSize", "DataMoveReplicationConstraint",
       "IsMailboxDatabase", "IsPublicFolderDatabase"))


def _db_2013(space_monitoring_extra: tuple[str, ...]) -> tuple[str, ...]:
    return (
        ("RunspaceId", "JournalRecipient", "MailboxRetention", "OfflineAddressBook", "OriginalDatabase",
         "PublicFolderDatabase", "ProhibitSendReceiveQuota", "ProhibitSendQuota", "RecoverableItemsQuota",
         "RecoverableItemsWarningQuota", "CalendarLoggingQuota", "IndexEnabled", "IsExcludedFromProvisioning",
         "IsExcludedFromInitialProvisioning", "IsSuspendedFromProvisioning",
         "IsExcludedFromProvisioningBySpaceMonitoring") + space_monitoring_extra
        + ("DumpsterStatistics", "DumpsterServersNotAvailable", "ReplicationType", "AdminDisplayVersion",
           "AdministrativeGroup", "AllowFileRestore", "BackgroundDatabaseMaintenance",
           "ReplayBackgroundDatabaseMaintenance", "BackgroundDatabaseMaintenanceSerialization",
           "BackgroundDatabaseMaintenanceDelay", "ReplayBackgroundDatabaseMaintenanceDelay",
           "MimimumBackgroundDatabaseMaintenanceInterval", "MaximumBackgroundDatabaseMaintenanceInterval")
        + _MIDDLE
        + ("WorkerProcessId", "CurrentSchemaVersion", "RequestedSchemaVersion", "AutoDagExcludeFromMonitoring",
           "AutoDatabaseMountDial", "DatabaseGroup", "MasterType", "ServerName", "IssueWarningQuota",
           "EventHistoryRetentionPeriod", "Name", "LogFolderPath", "TemporaryDataFolderPath",
           "CircularLoggingEnabled", "LogFilePrefix", "LogFileSize", "LogBuffers", "MaximumOpenTables",
           "MaximumTemporaryTables", "MaximumCursors", "MaximumSessions", "MaximumVersionStorePages",
           "PreferredVersionStorePages", "DatabaseExtensionSize", "LogCheckpointDepth", "ReplayCheckpointDepth",
           "CachedClosedTables", "CachePriority", "ReplayCachePriority", "MaximumPreReadPages",
           "MaximumReplayPreReadPages", "DataMoveReplicationConstraint", "IsMailboxDatabase",
           "IsPublicFolderDatabase", "MailboxProvisioningAttributes"))


DB_LISTS = {"2010-beta1": DB_BETA, "2010": DB_2010, "2013": _db_2013(()),
            "2016": _db_2013(("IsExcludedFromProvisioningBySchemaVersionMonitoring",))}


def _copies_values(world: Any, db: Any, key: str) -> dict[str, Any]:
    """Beta 1 lists lag times bare and copies by database name (seed 003); released builds
    list ``DB\\Server`` copies and KeyValuePairs per server (output-format §5)."""
    if key == "2010-beta1":
        return {"DatabaseCopies": [db.name for _ in db.copies], "ReplayLagTimes": db.replay_lag_times,
                "TruncationLagTimes": db.truncation_lag_times}
    return {
        "DatabaseCopies": list(db.database_copies), "InvalidDatabaseCopies": [],
        "AllDatabaseCopies": list(db.database_copies),
        "ActivationPreference": [KeyValuePair(c.server, c.activation_preference) for c in db.copies],
        "ReplayLagTimes": [KeyValuePair(c.server, c.replay_lag_time) for c in db.copies],
        "TruncationLagTimes": [KeyValuePair(c.server, c.truncation_lag_time) for c in db.copies],
    }


def _status_values(world: Any, db: Any, status: bool, seen: tuple[str, bool | None] | None) -> dict[str, Any]:
    """-Status only: mount state, size, backup state (seed 003: blank without it). ``seen`` is
    the server the task asked and what its store answered (None: it couldn't be contacted, and
    the record keeps only MountedOnServer)."""
    if not status:
        return {}
    server, mounted = seen if seen is not None else (db.active_server, db.mounted)
    active = world.server(server)
    if mounted is None:
        return {"MountedOnServer": active.fqdn if active else server}
    free = ByteQuantifiedSize(db.size_bytes // 16)
    return {"Mounted": mounted, "MountedOnServer": active.fqdn if active and mounted else None,
            "BackupInProgress": False, "DatabaseSize": ByteQuantifiedSize(db.size_bytes),
            "DatabaseAvailableSpace": free, "AvailableNewMailboxSpace": free,
            "LastFullBackup": db.last_full_backup, "LastIncrementalBackup": db.last_incremental_backup,
            "WorkerProcessId": 4242 if mounted else None}


def _quota(world: Any, size: int | None) -> ByteQuantifiedSize | Unlimited:
    """A quota set to Unlimited (None) prints as the version's word for it."""
    if size is None:
        return Unlimited(lower=not world.version_at_least("2013"))
    return ByteQuantifiedSize(size)


def _configuration_values(world: Any, db: Any, key: str) -> dict[str, Any]:
    host = world.server(db.server)
    return {
        "StandbyMachines": [], "MailboxRetention": db.mailbox_retention,
        "ProhibitSendReceiveQuota": _quota(world, db.prohibit_send_receive_quota),
        "ProhibitSendQuota": _quota(world, db.prohibit_send_quota),
        "IssueWarningQuota": _quota(world, db.issue_warning_quota),
        "RecoverableItemsQuota": ByteQuantifiedSize(30 * GB), "RecoverableItemsWarningQuota": ByteQuantifiedSize(20 * GB),
        "CalendarLoggingQuota": ByteQuantifiedSize(6 * GB) if key != "2010" else Unlimited(lower=True),
        "Recovery": db.recovery, "IndexEnabled": db.index_enabled, "IsExcludedFromProvisioning": False,
        "IsExcludedFromInitialProvisioning": False, "IsSuspendedFromProvisioning": False,
        "IsExcludedFromProvisioningBySpaceMonitoring": False,
        "IsExcludedFromProvisioningBySchemaVersionMonitoring": False,
        "ReplicationType": db.replication_type, "AdminDisplayVersion": host.admin_display_version if host else None,
        "AdministrativeGroup": db.administrative_group, "AllowFileRestore": db.allow_file_restore,
        "BackgroundDatabaseMaintenance": db.background_database_maintenance, "DatabaseCreated": True,
        "Description": db.description or None, "EdbFilePath": db.edb_file_path,
        "ExchangeLegacyDN": db.exchange_legacy_dn, "HasLocalCopy": False,
        "Servers": [server_id(world, n) for n in db.servers],
        "DeletedItemRetention": db.deleted_item_retention, "MaintenanceSchedule": list(MAINTENANCE_SCHEDULE),
        "MountAtStartup": db.mount_at_startup, "Organization": db.organization,
        "QuotaNotificationSchedule": list(QUOTA_NOTIFICATION_SCHEDULE),
        "RetainDeletedItemsUntilBackup": db.retain_deleted_items_until_backup, "Server": server_id(world, db.server),
        "MasterServerOrAvailabilityGroup": db.master_server_or_availability_group, "MasterType": db.master_type,
        "ServerName": db.server, "EventHistoryRetentionPeriod": db.event_history_retention_period,
        "Name": db.name, "LogFolderPath": db.log_folder_path, "CircularLoggingEnabled": db.circular_logging_enabled,
        "LogFilePrefix": db.log_file_prefix, "LogFileSize": 1024,
        "DataMoveReplicationConstraint": db.data_move_replication_constraint,
        "IsMailboxDatabase": True, "IsPublicFolderDatabase": False,
        "AutoDagExcludeFromMonitoring": False, "AutoDatabaseMountDial": "GoodAvailability",
        "MaintenanceScheduleEnabled": True,
    }


def database_record(world: Any, db: Any, version: str, runspace_id: str, status: bool = False,
                    seen: tuple[str, bool | None] | None = None) -> PSObject:
    key = profile_key(version)
    dc = next((s.fqdn for s in world.servers.values() if s.is_domain_controller), None)
    values: dict[str, Any] = {
        "RunspaceId": runspace_id,
        **_configuration_values(world, db, key), **_copies_values(world, db, key),
        **_status_values(world, db, status, seen),
        **directory_values(db, world, version, identity=db.name, category="ms-Exch-Private-MDB",
                           object_class=db.object_class, dn=db.distinguished_name, originating=dc),
    }
    values["ExchangeVersion"] = db.exchange_version_text
    return record(DATABASE_TYPE, DB_LISTS[key] + TAILS[key], values, db.name,
                  bases=DATABASE_BASES + AD_BASES)
