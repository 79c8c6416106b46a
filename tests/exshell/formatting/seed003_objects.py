"""Objects as Exchange 2010 Beta1 returned them in seed 003 (nl-BE, 80 columns), with the text the
blog lost in publication restored (IP addresses, the ExchangeVersion build, dropped lines)."""

from __future__ import annotations

import datetime as dt
import enum

from cmdlets.api.values import PSObject

DAG_TYPE = "Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup"
NET_TYPE = "Microsoft.Exchange.Data.DatabaseAvailabilityGroupNetwork"
DB_TYPE = "Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase"
COPY_TYPE = "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseCopyStatusEntry"
ORG_DN = ("CN=Administrative Groups,CN=Corelantest Organization,CN=Microsoft Exchange,CN=Services,"
          "CN=Configuration,DC=corelantest,DC=local")
AG = "Exchange Administrative Group (FYDIBOHF23SPDLT)"


class CopyStatus(enum.Enum):
    Mounted = 1
    Healthy = 2


class ByteQuantified:
    """ByteQuantifiedSize's ToString(): 4 significant digits of the largest unit, then bytes."""

    def __init__(self, size: int):
        self.size = size

    def __str__(self) -> str:
        units = ["B", "KB", "MB", "GB", "TB"]
        k = 0
        while k + 1 < len(units) and self.size >= 1024 ** (k + 1):
            k += 1
        return f"{self.size / 1024 ** k:.4g} {units[k]} ({self.size:,} bytes)"


class Interval:
    """One schedule interval: Day.start-Day.end in the culture's short time."""

    def __init__(self, day: int, start: tuple[int, int], end: tuple[int, int]):
        self.day, self.start, self.end = day, start, end

    def ps_to_string(self, culture) -> str:
        def at(hm):
            return culture.format_datetime(dt.datetime(2009, 1, 4, *hm), culture.short_time)
        day = culture.day_abbrev[self.day]
        return f"{day}.{at(self.start)}-{day}.{at(self.end)}"


def dag_new() -> PSObject:
    return PSObject([DAG_TYPE], [("Name", "DAG1"), ("Servers", []), ("OperationalServers", None)])


def networks() -> list[PSObject]:
    out = []
    for name, subnet, ip, mapi in (("DAGNetwork01", "192.168.0.0/24", "192.168.0.11", True),
                                   ("DAGNetwork02", "10.10.10.0/24", "10.10.10.11", False)):
        out.append(PSObject([NET_TYPE], [
            ("RunspaceId", "61102664-677b-463e-88dc-0d41c8442f18"), ("Name", name), ("Description", None),
            ("Subnets", [f"{{{subnet},Up}}"]), ("Interfaces", [f"{{exch2010mb1,Up,{ip}}}"]),
            ("MapiAccessEnabled", mapi), ("ReplicationEnabled", True), ("IgnoreNetwork", False),
            ("Identity", f"DAG1\\{name}"), ("IsValid", True)], hidden=["RunspaceId"]))
    return out


def _schedule(end: tuple[int, int]) -> list[Interval]:
    return [Interval(d, (1, 0), end) for d in range(7)]


def mailbox_database() -> PSObject:
    db = "Mailbox Database 1790164108"
    folder = f"C:\\Program Files\\Microsoft\\Exchange Server\\V14\\Mailbox\\{db}"
    props = [
        ("RunspaceId", "7355ebc1-f541-40e1-9b66-ebe3a864dda2"), ("StandbyMachines", []),
        ("JournalRecipient", None), ("MailboxRetention", dt.timedelta(days=30)), ("OfflineAddressBook", None),
        ("OriginalDatabase", None), ("PublicFolderDatabase", None),
        ("ProhibitSendReceiveQuota", ByteQuantified(2355 * 1024 ** 2)), ("Recovery", False),
        ("ProhibitSendQuota", ByteQuantified(2 * 1024 ** 3)), ("IndexEnabled", True),
        ("IsExcludedFromProvisioning", False), ("IsSuspendedFromProvisioning", False),
        ("ReplicationType", "None"), ("AdministrativeGroup", AG), ("AllowFileRestore", False),
        ("BackgroundDatabaseMaintenance", True), ("BackupInProgress", None), ("CopyEdbFilePath", None),
        ("DatabaseCreated", True), ("Description", None), ("EdbFilePath", f"{folder}\\{db}.edb"),
        ("ExchangeLegacyDN", "/o=Corelantest Organization/ou=Exchange Administrative Group "
                             "(FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=DIONYSUS/cn=Microsoft Private MDB"),
        ("HasLocalCopy", False), ("DatabaseCopies", [db]), ("Servers", ["EXCH2010MB1"]),
        ("ReplayLagTimes", [dt.timedelta(0)]), ("TruncationLagTimes", [dt.timedelta(0)]),
        ("RpcClientAccessServer", None), ("MountedOnServer", None),
        ("DeletedItemRetention", dt.timedelta(days=14)),
    ]
    props += [(name, None) for name in (
        "SnapshotLastFullBackup", "SnapshotLastIncrementalBackup", "SnapshotLastDifferentialBackup",
        "SnapshotLastCopyBackup", "LastFullBackup", "LastIncrementalBackup", "LastDifferentialBackup",
        "LastCopyBackup", "DatabaseSize", "DatabaseAvailableSpace")]
    props += [
        ("MaintenanceSchedule", _schedule((5, 0))), ("MountAtStartup", True), ("Mounted", None),
        ("Organization", "Corelantest Organization"), ("QuotaNotificationSchedule", _schedule((1, 15))),
        ("RetainDeletedItemsUntilBackup", False), ("Server", "EXCH2010MB1"),
        ("MasterServerOrAvailabilityGroup", "DAG1"), ("MasterType", "DatabaseAvailabilityGroup"),
        ("ServerName", "EXCH2010MB1"), ("IssueWarningQuota", ByteQuantified(1945 * 1024 ** 2)),
        ("EventHistoryRetentionPeriod", dt.timedelta(days=7)), ("Name", db), ("LogFolderPath", folder),
        ("CircularLoggingEnabled", False), ("CopyLogFolderPath", None), ("LogFilePrefix", "E00"),
        ("LogFileSize", 1024), ("AdminDisplayName", db), ("ExchangeVersion", "0.10 (14.0.100.0)"),
        ("DistinguishedName", f"CN={db},CN=Databases,CN={AG},{ORG_DN}"), ("Identity", db),
        ("Guid", "8360edd9-4cec-49ab-9e14-04b1fcd3f8ac"), ("ObjectCategory", None),
        ("ObjectClass", ["top", "msExchMDB", "msExchPrivateMDB"]),
        ("WhenChanged", dt.datetime(2009, 4, 22, 15, 0, 30)), ("WhenCreated", dt.datetime(2009, 4, 22, 14, 17, 14)),
        ("OrganizationId", None), ("OriginatingServer", None), ("IsValid", True),
    ]
    return PSObject([DB_TYPE], props, hidden=["RunspaceId"])


def dag_full() -> PSObject:
    return PSObject([DAG_TYPE], [
        ("Name", "DAG1"), ("Servers", ["EXCH2010MB2", "EXCH2010MB1"]),
        ("FileShareWitnessShare", "\\\\dionysus\\FileShareWitness"), ("FileShareWitnessDirectory", "c:\\FileShareWitness"),
        ("AlternateFileShareWitnessShare", None), ("AlternateFileShareWitnessDirectory", None),
        ("NetworkCompression", "InterSubnetOnly"), ("NetworkEncryption", "InterSubnetOnly"),
        ("DatacenterActivationMode", "Off"), ("StoppedMailboxServers", []), ("StartedMailboxServers", []),
        ("OperationalServers", None), ("ControllingActiveManager", None), ("ReplicationPort", 0),
        ("NetworkNames", []), ("AdminDisplayName", None), ("ExchangeVersion", "0.10 (14.0.100.0)"),
        ("DistinguishedName", f"CN=DAG1,CN=Database Availability Groups,CN={AG},{ORG_DN}"),
        ("Identity", "DAG1"), ("Guid", "ffc0918d-b674-4bad-b44d-39059493b178"), ("ObjectCategory", None),
        ("ObjectClass", ["top", "msExchMDBAvailabilityGroup"]),
        ("WhenChanged", dt.datetime(2009, 4, 23, 22, 29, 23)), ("WhenCreated", dt.datetime(2009, 4, 23, 22, 29, 23)),
        ("OrganizationId", None), ("OriginatingServer", None), ("IsValid", True),
    ])


def copy_status() -> list[PSObject]:
    db = "Mailbox Database 1790164108"
    return [
        PSObject([COPY_TYPE], [("Name", f"{db}\\EXCH2010MB1"), ("CopyStatus", CopyStatus.Mounted),
                               ("CopyQueueLength", 0), ("ReplayQueueLength", 0), ("LastInspectedLogTime", None)]),
        PSObject([COPY_TYPE], [("Name", f"{db}\\EXCH2010MB2"), ("CopyStatus", CopyStatus.Healthy),
                               ("CopyQueueLength", 0), ("ReplayQueueLength", 1),
                               ("LastInspectedLogTime", dt.datetime(2009, 4, 23, 23, 22, 29))]),
    ]
