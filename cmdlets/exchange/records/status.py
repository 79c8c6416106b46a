"""DatabaseCopyStatusEntry records (output-format §7.4) and DatabaseMoveResult (§7.6)."""

from __future__ import annotations

from typing import Any

from cmdlets.api.values import PSObject
from cmdlets.api.dotnet_format import format_timespan
from state.lag_manager import lag_status
from state.replication import connection_text
from state.truncation import lowest_log_present
from cmdlets.exchange.records.common import profile_key, record

COPY_STATUS_TYPE = "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseCopyStatusEntry"
MOVE_RESULT_TYPE = "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseMoveResult"
PLAIN = ("System.Object",)

_LOGS = ("LatestAvailableLogTime", "LastCopyNotificationedLogTime", "LastCopiedLogTime", "LastInspectedLogTime",
         "LastReplayedLogTime", "LastLogGenerated", "LastLogCopyNotified", "LastLogCopied", "LastLogInspected",
         "LastLogReplayed")
_BACKUPS = ("LogsReplayedSinceInstanceStart", "LogsCopiedSinceInstanceStart", "LatestFullBackupTime",
            "LatestIncrementalBackupTime", "LatestDifferentialBackupTime", "LatestCopyBackupTime", "SnapshotBackup",
            "SnapshotLatestFullBackup", "SnapshotLatestIncrementalBackup", "SnapshotLatestDifferentialBackup",
            "SnapshotLatestCopyBackup", "LogReplayQueueIncreasing", "LogCopyQueueIncreasing")
STATUS_2010 = (("RunspaceId", "Identity", "Name", "DatabaseName", "Status", "MailboxServer", "ActiveDatabaseCopy",
                "ActivationSuspended", "ActionInitiator", "ErrorMessage", "ErrorEventId", "ExtendedErrorInfo",
                "SuspendComment", "SinglePageRestore", "ContentIndexState", "ContentIndexErrorMessage",
                "CopyQueueLength", "ReplayQueueLength") + _LOGS + _BACKUPS
               + ("OutstandingDumpsterRequests", "OutgoingConnections", "IncomingLogCopyingNetwork",
                  "SeedingNetwork", "ActiveCopy"))
# Beta 1 called the status column CopyStatus (seed 003, R-DAG-46).
STATUS_BETA = tuple("CopyStatus" if n == "Status" else n for n in STATUS_2010)
STATUS_2013 = (
    ("RunspaceId", "Identity", "Id", "Name", "DatabaseName", "Status", "InstanceStartTime",
     "LastStatusTransitionTime", "MailboxServer", "ActiveDatabaseCopy", "ActiveCopy", "ActivationPreference",
     "StatusRetrievedTime", "WorkerProcessId", "IsLastCopyAvailabilityChecksPassed",
     "LastCopyAvailabilityChecksPassedTime", "IsLastCopyRedundancyChecksPassed",
     "LastCopyRedundancyChecksPassedTime", "ActivationSuspended", "ActionInitiator", "ErrorMessage", "ErrorEventId",
     "ExtendedErrorInfo", "SuspendComment", "RequiredLogsPresent", "SinglePageRestore", "ContentIndexState",
     "ContentIndexErrorMessage", "ContentIndexErrorCode", "ContentIndexVersion", "ContentIndexBacklog",
     "ContentIndexRetryQueueSize", "ContentIndexMailboxesToCrawl", "ContentIndexSeedingPercent",
     "ContentIndexSeedingSource", "ContentIndexServerSource", "CopyQueueLength", "ReplayQueueLength",
     "ReplaySuspended", "ResumeBlocked", "ReseedBlocked", "MinimumSupportedDatabaseSchemaVersion",
     "MaximumSupportedDatabaseSchemaVersion", "RequestedDatabaseSchemaVersion") + _LOGS
    + ("LowestLogPresent", "LastLogInfoIsStale", "LastLogInfoFromCopierTime", "LastLogInfoFromClusterTime",
       "LastLogInfoFromClusterGen", "ReplicationIsInBlockMode", "ActivationDisabledAndMoveNow",
       "AutoActivationPolicy") + _BACKUPS
    + ("ReplayLagStatus", "DatabaseSeedStatus", "OutstandingDumpsterRequests", "OutgoingConnections",
       "IncomingLogCopyingNetwork", "SeedingNetwork", "DiskFreeSpacePercent", "DiskFreeSpace", "DiskTotalSpace",
       "ExchangeVolumeMountPoint", "DatabaseVolumeMountPoint", "DatabaseVolumeName",
       "DatabasePathIsOnMountedFolder", "LogVolumeMountPoint", "LogVolumeName", "LogPathIsOnMountedFolder",
       "LastDatabaseVolumeName", "LastDatabaseVolumeNameTransitionTime", "VolumeInfoError", "MaxLogToReplay"))
STATUS_LISTS = {"2010-beta1": STATUS_BETA, "2010": STATUS_2010, "2013": STATUS_2013, "2016": STATUS_2013}

MOVE_RESULT = ("RunspaceId", "Identity", "ActiveServerAtStart", "ActiveServerAtEnd", "Status", "ErrorMessage",
               "Exception", "MountStatusAtMoveStart", "MountStatusAtMoveEnd", "NumberOfLogsLost",
               "RecoveryPointObjective")


def copy_status_record(world: Any, copy: Any, version: str, runspace_id: str) -> PSObject:
    """IncomingLogCopyingNetwork and OutgoingConnections name partner and DAG network (R-NET-18);
    ExtendedErrorInfo carries the error."""
    s = world.copy_status(copy)
    server = world.server(copy.server)
    values: dict[str, Any] = {
        "RunspaceId": runspace_id, "Identity": s.identity, "Id": s.identity, "Name": s.name,
        "DatabaseName": s.database_name, "Status": s.status, "CopyStatus": s.copy_status,
        "InstanceStartTime": copy.instance_start, "LastStatusTransitionTime": s.last_status_transition_time,
        "StatusRetrievedTime": world.now, "MailboxServer": s.mailbox_server,
        "ActiveDatabaseCopy": s.active_database_copy, "ActiveCopy": s.active_copy,
        "ActivationPreference": s.activation_preference, "ActivationSuspended": s.activation_suspended,
        "ActionInitiator": "Unknown", "ErrorMessage": s.error_message, "SuspendComment": s.suspend_comment,
        "SinglePageRestore": 0, "ContentIndexState": s.content_index_state,
        "CopyQueueLength": s.copy_queue_length, "ReplayQueueLength": s.replay_queue_length,
        "LatestAvailableLogTime": s.latest_available_log_time,
        "LastCopyNotificationedLogTime": s.last_copy_notified_log_time, "LastCopiedLogTime": s.last_copied_log_time,
        "LastInspectedLogTime": s.last_inspected_log_time, "LastReplayedLogTime": s.last_replayed_log_time,
        "LastLogGenerated": s.last_log_generated, "LastLogCopyNotified": s.last_log_copy_notified,
        "LastLogCopied": s.last_log_copied, "LastLogInspected": s.last_log_inspected,
        "LastLogReplayed": s.last_log_replayed,
        "LogsReplayedSinceInstanceStart": s.logs_replayed_since_instance_start,
        "LogsCopiedSinceInstanceStart": s.logs_copied_since_instance_start,
        "LogReplayQueueIncreasing": False, "LogCopyQueueIncreasing": False, "OutstandingDumpsterRequests": [],
        "OutgoingConnections": None if s.outgoing_connections is None else list(s.outgoing_connections),
        "IncomingLogCopyingNetwork": incoming_connection(world, s),
        "ExtendedErrorInfo": s.error_message,
        "SeedingNetwork": s.seeding_network, "ReplaySuspended": False, "ResumeBlocked": False,
        "ReseedBlocked": False,
        "AutoActivationPolicy": server.database_copy_auto_activation_policy if server else "Unrestricted",
        "ActivationDisabledAndMoveNow": bool(server and server.database_copy_activation_disabled_and_move_now),
        "ReplicationIsInBlockMode": False, "LastLogInfoIsStale": False, "RequiredLogsPresent": True,
        "LowestLogPresent": lowest_log_present(world, copy),
        "ReplayLagStatus": replay_lag_status(world, copy, version),
    }
    return record(COPY_STATUS_TYPE, STATUS_LISTS[profile_key(version)], values, s.identity, bases=PLAIN)


def replay_lag_status(world: Any, copy: Any, version: str) -> str:
    """ReplayLagStatus as its ToString() prints it (R-DB-11); 2016 added the suspend reason and
    the longest deferral (MaxDelay)."""
    s = lag_status(world, copy)
    head = f"Enabled:{s.enabled}; PlayDownReason:{s.play_down_reason}; "
    configured, actual = format_timespan(s.configured), format_timespan(s.actual)
    if profile_key(version) == "2013":
        return head + f"Percentage:{s.percentage}; Configured:{configured}; Actual:{actual}"
    return (head + f"ReplaySuspendReason:None; Percentage:{s.percentage}; Configured:{configured}; "
            f"MaxDelay:{format_timespan(s.max_delay)}; Actual:{actual}")


def incoming_connection(world: Any, s: Any) -> str | None:
    """R-NET-18: a passive copy's log copier names its source server and the DAG network it uses."""
    if s.active_copy or s.incoming_log_copying_network is None:
        return None
    source = world.server(s.active_database_copy)
    return connection_text(source.name if source else s.active_database_copy, s.incoming_log_copying_network)


def move_result_record(result: Any, runspace_id: str) -> PSObject:
    """DatabaseMoveResult: short server names (output-format §7.6)."""
    values = {"RunspaceId": runspace_id, "Identity": result.identity,
              "ActiveServerAtStart": result.active_server_at_start, "ActiveServerAtEnd": result.active_server_at_end,
              "Status": result.status, "ErrorMessage": result.error_message, "Exception": None,
              "MountStatusAtMoveStart": result.mount_status_at_move_start,
              "MountStatusAtMoveEnd": result.mount_status_at_move_end,
              "NumberOfLogsLost": result.number_of_logs_lost, "RecoveryPointObjective": result.recovery_point_objective}
    return record(MOVE_RESULT_TYPE, MOVE_RESULT, values, result.identity, bases=PLAIN)
