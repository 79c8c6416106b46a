"""Default table views as data, transcribed from reference/default-views.json, keyed by type
name. An entry tagged with a version (`2010-beta1`) applies only to that Exchange version and
wins over the untagged entry of the same type. Also the default display property sets
(PSStandardMembers.DefaultDisplayPropertySet in PowerShell's types.ps1xml) of types without a
view: they choose the properties, and by their count the shape (output-format.md §4).
"""

from __future__ import annotations

from typing import Any, Callable

import attrs


@attrs.frozen
class TableView:
    """A registered table view: column labels, the property each shows, content widths."""

    name: str
    type_name: str
    labels: tuple[str, ...]
    properties: tuple[str | Callable[[Any], Any], ...]   # a property name, or a function of the object
    widths: tuple[int | None, ...] | None      # None: a view without widths
    wrap: bool = False
    version: str | None = None                 # only for this exchange_version
    aligns: tuple[str, ...] | None = None      # per column; None: left, numbers decide nothing
    group_by: str | None = None                # a property whose changes start a labelled group
    group_label: str = ""                      # the group header, {} = that property's value; "" = the
                                               # usual `   Name: value` line
    auto_size: bool = False


_DAG = "Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup"
_COPY = "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseCopyStatusEntry"

_DNS_RECORD = "Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DNS/DnsServerResourceRecord"


def _dns_timestamp(obj: Any) -> Any:
    """A static record's Timestamp column reads 0; a dynamic one's, the hour it registered."""
    stamp = obj.get("Timestamp")
    return "0" if stamp is None else stamp


def _dns_record_data(obj: Any) -> str:
    """The record's data as text: the address of an A record, the bracketed fields of an SOA."""
    data = obj.get("RecordData")
    return getattr(data, "to_string", None) or ""


_ENTRIES = (
    TableView("Get-DatabaseAvailabilityGroup", _DAG,
              ("Name", "Member Servers", "Operational Servers"), ("Name", "Servers", "OperationalServers"),
              (16, 51, None)),
    TableView("Get-DatabaseAvailabilityGroup", _DAG,
              ("Name", "Member Servers", "Operational Servers"), ("Name", "Servers", "OperationalServers"),
              (16, 31, None), version="2010-beta1"),
    TableView("Get-DatabaseAvailabilityGroupNetwork", "Microsoft.Exchange.Data.DatabaseAvailabilityGroupNetwork",
              ("Identity", "ReplicationEnabled", "Subnets"), ("Identity", "ReplicationEnabled", "Subnets"),
              None),
    TableView("Get-MailboxDatabase", "Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase",
              ("Name", "Server", "Recovery", "ReplicationType"), ("Name", "Server", "Recovery", "ReplicationType"),
              (30, 15, 15, None)),
    TableView("Get-MailboxDatabaseCopyStatus", _COPY,
              ("Name", "Status", "CopyQueueLength", "ReplayQueueLength", "LastInspectedLogTime",
               "ContentIndexState"),
              ("Name", "Status", "CopyQueueLength", "ReplayQueueLength", "LastInspectedLogTime",
               "ContentIndexState"),
              (45, 15, 9, 11, 22, 12)),
    TableView("Get-MailboxDatabaseCopyStatus", _COPY,
              ("Name", "CopyStatus", "CopyQueueLength", "ReplayQueueLength", "LastInspectedLogTime"),
              ("Name", "CopyStatus", "CopyQueueLength", "ReplayQueueLength", "LastInspectedLogTime"),
              (25, 15, 12, 12, None), wrap=True, version="2010-beta1"),
    TableView("Test-ReplicationHealth", "Microsoft.Exchange.Monitoring.ReplicationCheckOutputObject",
              ("Server", "Check", "Result", "Error"), ("Server", "Check", "Result", "Error"),
              (15, 26, 10, None)),
    # Test-MAPIConnectivity: the columns of the real table; widths as community transcripts show them
    TableView("Test-MAPIConnectivity", "Microsoft.Exchange.Monitoring.MapiTransactionOutcome",
              ("MailboxServer", "Database", "Result", "Error"), ("Server", "Database", "Result", "Error"),
              (18, 18, 9, None), wrap=True),
    # Get-ClientAccessServer/-Service: Name and Outlook Anywhere through 2013 (equal columns); the
    # 2016 view adds the Autodiscover columns (widths chosen so the site scope keeps its header)
    *(TableView(cmd, "Microsoft.Exchange.Data.Directory.Management." + noun, labels, labels, widths,
                version=version)
      for cmd, noun in (("Get-ClientAccessServer", "ClientAccessServer"),
                        ("Get-ClientAccessService", "ClientAccessService"))
      for version, labels, widths in (
          (None, ("Name", "OutlookAnywhereEnabled"), None),
          *((v, ("Name", "Fqdn", "AutoDiscoverServiceInternalUri", "AutoDiscoverSiteScope"), (12, 20, 23, None))
            for v in ("2016", "2019")))),
    TableView("Get-ExchangeServer", "Microsoft.Exchange.Data.Directory.Management.ExchangeServer",
              ("Name", "Site", "ServerRole", "Edition", "AdminDisplayVersion"),
              ("Name", "Site", "ServerRole", "Edition", "AdminDisplayVersion"),
              (19, 20, 11, 11, 19)),
    TableView("Get-MailboxServer", "Microsoft.Exchange.Data.Directory.Management.MailboxServer",
              ("Name", "DatabaseAvailabilityGroup"), ("Name", "DatabaseAvailabilityGroup"), None),
    TableView("Get-ServerComponentState",
              "Microsoft.Exchange.Data.Directory.Management.ServerComponentStatePresentationObject",
              ("Server", "Component", "State"), ("ServerFqdn", "Component", "State"), None),
    TableView("Get-Mailbox", "Microsoft.Exchange.Data.Directory.Management.Mailbox",
              ("Name", "Alias", "ServerName", "ProhibitSendQuota"),
              ("Name", "Alias", "ServerName", "ProhibitSendQuota"), (25, 20, 16, None)),
    TableView("Move-ActiveMailboxDatabase", "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseMoveResult",
              ("Identity", "ActiveServerAtStart", "ActiveServerAtEnd", "Status", "NumberOfLogsLost",
               "RecoveryPointObjective", "MountStatusAtMoveStart", "MountStatusAtMoveEnd"),
              ("Identity", "ActiveServerAtStart", "ActiveServerAtEnd", "Status", "NumberOfLogsLost",
               "RecoveryPointObjective", "MountStatusAtMoveStart", "MountStatusAtMoveEnd"),
              (15, 15, 15, 10, 18, 13, 11, 11)),
    TableView("Get-OfflineAddressBook", "Microsoft.Exchange.Data.Directory.SystemConfiguration.OfflineAddressBook",
              ("Name", "Versions", "AddressLists"), ("Name", "Versions", "AddressLists"), None),
    # MailboxStatistics: the columns of the real default table; widths chosen (not in the reference)
    TableView("Get-MailboxStatistics", "Microsoft.Exchange.Data.Mapi.MailboxStatistics",
              ("DisplayName", "ItemCount", "StorageLimitStatus", "LastLogonTime"),
              ("DisplayName", "ItemCount", "StorageLimitStatus", "LastLogonTime"), (20, 9, 18, None)),
    # PowerShell's own ServiceController view (DotNetTypes.format.ps1xml): Status 8, Name 18, DisplayName 38
    TableView("Get-Service", "System.ServiceProcess.ServiceController",
              ("Status", "Name", "DisplayName"), ("Status", "Name", "DisplayName"), (8, 18, 38)),
    # PowerShell 2.0's PSSession view (PowerShellCore.format.ps1xml); later versions added columns
    TableView("Get-PSSession", "System.Management.Automation.Runspaces.PSSession",
              ("Id", "Name", "ComputerName", "State", "ConfigurationName", "Availability"),
              ("Id", "Name", "ComputerName", "State", "ConfigurationName", "Availability"), (3, 15, 15, 8, 21, 12),
              aligns=("right", "left", "left", "left", "left", "right")),
    # exshell's lab-control objects (no real counterpart): views chosen for an 80-column console
    TableView("Get-LabMachine", "exshell.Lab.LabMachine", ("Name", "Power", "Site", "IPAddresses"),
              ("Name", "Power", "Site", "IPAddresses"), (12, 5, 24, None)),
    TableView("Get-LabEvent", "exshell.Lab.LabEvent", ("Time", "Kind", "RuleId", "Message"),
              ("Time", "Kind", "RuleId", "Message"), (21, 7, 12, None), wrap=True),
    TableView("Get-LabCheckpoint", "exshell.Lab.LabCheckpoint", ("Name", "Time"), ("Name", "Time"), (30, None)),
    # PowerShell's FileSystem view (FileSystem.format.ps1xml): one table per directory
    *(TableView("children", "System.IO.FileSystemInfo", ("Mode", "LastWriteTime", "Length", "Name"),
                ("Mode", "LastWriteTimeText", "Length", "Name"), widths, version=version,
                aligns=("left", "right", "right", "left"), group_by="DirectoryHeader",
                group_label="    Directory: {}")
      for version, widths in ((None, (7, 25, 10, None)), ("2016", (7, 25, 14, None)),
                              ("2019", (7, 25, 14, None)))),
    # the Registry view: PowerShell 2.0 counts subkeys and values, 3.0+ lists the values
    TableView("children", "Microsoft.Win32.RegistryKey", ("SKC", "VC", "Name", "Property"),
              ("SubKeyCount", "ValueCount", "PSChildName", "Property"), (3, 3, 30, None),
              aligns=("right", "right", "left", "left"), group_by="HiveHeader", group_label="    Hive: {}"),
    *(TableView("children", "Microsoft.Win32.RegistryKey", ("Name", "Property"), ("PSChildName", "PropertyText"),
                (30, None), wrap=True, version=version, group_by="HiveHeader", group_label="    Hive: {}")
      for version in ("2013", "2016", "2019")),
    TableView("Get-NetAdapter", "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetAdapter",
              ("Name", "InterfaceDescription", "ifIndex", "Status", "MacAddress", "LinkSpeed"),
              ("Name", "InterfaceDescription", "ifIndex", "Status", "MacAddress", "LinkSpeed"),
              (25, 39, 7, 12, 22, 12), aligns=("left", "left", "right", "left", "left", "right")),
    TableView("Resolve-DnsName", "Microsoft.DnsClient.Commands.DnsRecord_A",
              ("Name", "Type", "TTL", "Section", "IPAddress"), ("Name", "Type", "TTL", "Section", "IPAddress"),
              (46, 6, 5, 10, None), aligns=("left",) * 5),
    TableView("Get-DnsServerResourceRecord", _DNS_RECORD,
              ("HostName", "RecordType", "Type", "Timestamp", "TimeToLive", "RecordData"),
              ("HostName", "RecordType", "Type", _dns_timestamp, "TimeToLive", _dns_record_data),
              (25, 10, 10, 20, 15, None), aligns=("left",) * 6),
    TableView("Test-Connection", "System.Management.ManagementObject#root\\cimv2\\Win32_PingStatus",
              ("Source", "Destination", "IPV4Address", "IPV6Address", "Bytes", "Time(ms)"),
              ("__SERVER", "Address", "IPV4Address", "IPV6Address", "BufferSize", "ResponseTime"),
              (13, 15, 16, 40, 8, 9), aligns=("left",) * 6),
    TableView("PathInfo", "System.Management.Automation.PathInfo", ("Path",), ("Path",), (None,)),
    # PowerShell's own DictionaryEntry view (hashtables): Name 30, Value the rest (PS 2.0-5.1)
    TableView("DictionaryEntry", "System.Collections.DictionaryEntry",
              ("Name", "Value"), ("Name", "Value"), (30, None)),
    # PowerShell's own views (PowerShellCore.format.ps1xml, Windows PowerShell 5.1)
    TableView("GroupInfo", "Microsoft.PowerShell.Commands.GroupInfoNoElement",
              ("Count", "Name"), ("Count", "Name"), (5, 25), aligns=("right", "left")),
    TableView("GroupInfo", "Microsoft.PowerShell.Commands.GroupInfo",
              ("Count", "Name", "Group"), ("Count", "Name", "Group"), (5, 25, None),
              aligns=("right", "left", "left")),
    TableView("MemberDefinition", "Microsoft.PowerShell.Commands.MemberDefinition",
              ("Name", "MemberType", "Definition"), ("Name", "MemberType", "Definition"), None,
              group_by="TypeName", auto_size=True),
    TableView("Variable", "System.Management.Automation.PSVariable",
              ("Name", "Value"), ("Name", "Value"), (30, None)),
    TableView("CommandInfo", "System.Management.Automation.CommandInfo",
              ("CommandType", "Name", "Version", "Source"), ("CommandType", "DisplayName", "Version", "Source"),
              (15, 50, 10, None)),
) + tuple(  # PowerShell 1.0 and 2.0 (Exchange 2007 and 2010) show the definition instead
    TableView("CommandInfo", "System.Management.Automation.CommandInfo", ("CommandType", "Name", "Definition"),
              ("CommandType", "Name", "Definition"), (15, 50, None), version=v)
    for v in ("2007", "2010-beta1", "2010")) + (
    # PowerShell 3.0 and 4.0 (Exchange 2013): the module instead of version and source
    TableView("CommandInfo", "System.Management.Automation.CommandInfo", ("CommandType", "Name", "ModuleName"),
              ("CommandType", "DisplayName", "ModuleName"), (15, 50, None), version="2013"),)

# FailoverClusters (Windows Server 2008 R2 module): views without widths (equal columns).
_FC = "Microsoft.FailoverClusters.PowerShell."
_ENTRIES += tuple(
    TableView(cmd, _FC + type_name, labels, props, None)
    for cmd, type_name, labels, props in (
        ("Get-Cluster", "Cluster", ("Name",), ("Name",)),
        ("Get-ClusterNode", "ClusterNode", ("Name", "State"), ("Name", "State")),
        ("Get-ClusterNetwork", "ClusterNetwork", ("Name", "State"), ("Name", "State")),
        ("Get-ClusterNetworkInterface", "ClusterNetworkInterface", ("Name", "Node", "Network", "State"),
         ("Name", "Node", "Network", "State")),
        ("Get-ClusterGroup", "ClusterGroup", ("Name", "OwnerNode", "State"), ("Name", "OwnerNode", "State")),
        ("Get-ClusterResource", "ClusterResource", ("Name", "State", "Group", "ResourceType"),
         ("Name", "State", "OwnerGroup", "ResourceType")),
        ("Get-ClusterParameter", "ClusterParameter", ("Object", "Name", "Value", "Type"),
         ("ClusterObject", "Name", "Value", "ParameterType")),
        ("Get-ClusterQuorum", "ClusterQuorumSettings", ("Cluster", "QuorumResource", "QuorumType"),
         ("Cluster", "QuorumResource", "QuorumType")),
    ))
# Windows Server 2012 and later (the OS of 2013+ labs) label the resource's group OwnerGroup and
# show node ids (2012/2012 R2) or node types (2016+).
_ENTRIES += tuple(
    TableView(cmd, _FC + type_name, labels, labels, None, version=version)
    for version in ("2013", "2016", "2019")
    for cmd, type_name, labels in (
        ("Get-ClusterResource", "ClusterResource", ("Name", "State", "OwnerGroup", "ResourceType")),
        ("Get-ClusterNode", "ClusterNode", ("Name", "ID", "State") if version == "2013" else ("Name", "State", "Type")),
    ))

# types whose registered default view is a list even though they have few properties
LIST_VIEW_TYPES = frozenset({"system.management.automation.pssnapininfo",
                             "microsoft.exchange.monitoring.exchangeservicesstatus"})

VIEWS: dict[str, tuple[TableView, ...]] = {}
for _view in _ENTRIES:
    VIEWS[_view.type_name.lower()] = VIEWS.get(_view.type_name.lower(), ()) + (_view,)


def _strip(type_name: str) -> str:
    name = type_name.lower()
    return name[len("deserialized."):] if name.startswith("deserialized.") else name


def find_view(type_names: tuple[str, ...] | list[str], exchange_version: str) -> TableView | None:
    """The table view for the most specific type name that has one."""
    for type_name in type_names:
        candidates = VIEWS.get(_strip(type_name), ())
        tagged = [v for v in candidates if v.version == exchange_version]
        if tagged:
            return tagged[0]
        plain = [v for v in candidates if v.version is None]
        if plain:
            return plain[0]
    return None


def prefers_list(type_names: tuple[str, ...] | list[str]) -> bool:
    return any(_strip(t) in LIST_VIEW_TYPES for t in type_names)


def view_covers(view: TableView, type_names: tuple[str, ...] | list[str]) -> bool:
    """Whether an object of these type names belongs in a table drawn with this view."""
    return any(_strip(t) == view.type_name.lower() for t in type_names)


_WMI = "System.Management.ManagementObject#root\\cimv2\\"

# PowerShell's types.ps1xml: what Get-WmiObject objects show by default (no format view)
DISPLAY_SETS: dict[str, tuple[str, ...]] = {
    (_WMI + name).lower(): props for name, props in (
        ("Win32_OperatingSystem", ("SystemDirectory", "Organization", "BuildNumber", "RegisteredUser",
                                   "SerialNumber", "Version")),
        ("Win32_ComputerSystem", ("Domain", "Manufacturer", "Model", "Name", "PrimaryOwnerName",
                                  "TotalPhysicalMemory")),
        ("Win32_NetworkAdapterConfiguration", ("DHCPEnabled", "IPAddress", "DefaultIPGateway", "DNSDomain",
                                               "ServiceName", "Description", "Index")),
        ("Win32_Service", ("ExitCode", "Name", "ProcessId", "StartMode", "State", "Status")),
        ("Win32_LogicalDisk", ("DeviceID", "DriveType", "ProviderName", "FreeSpace", "Size", "VolumeName")),
    )
}
# Exchange's list view of Test-ServiceHealth's result (Exchange.format.ps1xml)
DISPLAY_SETS["microsoft.exchange.monitoring.exchangeservicesstatus"] = (
    "Role", "RequiredServicesRunning", "ServicesRunning", "ServicesNotRunning")


def find_display_set(type_names: tuple[str, ...] | list[str]) -> tuple[str, ...] | None:
    """The default display property set of the most specific type name that has one."""
    for type_name in type_names:
        found = DISPLAY_SETS.get(_strip(type_name))
        if found is not None:
            return found
    return None
