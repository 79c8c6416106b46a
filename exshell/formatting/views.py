"""Default table views as data, transcribed from reference/default-views.json, keyed by type
name. An entry tagged with a version (`2010-beta1`) applies only to that Exchange version and
wins over the untagged entry of the same type.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class TableView:
    """A registered table view: column labels, the property each shows, content widths."""

    name: str
    type_name: str
    labels: tuple[str, ...]
    properties: tuple[str, ...]
    widths: tuple[int | None, ...] | None      # None: a view without widths
    wrap: bool = False
    version: str | None = None                 # only for this exchange_version
    aligns: tuple[str, ...] | None = None      # per column; None: left, numbers decide nothing
    group_by: str | None = None                # a property whose changes start a labelled group
    auto_size: bool = False


_DAG = "Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup"
_COPY = "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseCopyStatusEntry"

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
    TableView("Get-ExchangeServer", "Microsoft.Exchange.Data.Directory.Management.ExchangeServer",
              ("Name", "Site", "ServerRole", "Edition", "AdminDisplayVersion"),
              ("Name", "Site", "ServerRole", "Edition", "AdminDisplayVersion"),
              (19, 20, 11, 11, 19)),
    TableView("Get-MailboxServer", "Microsoft.Exchange.Data.Directory.Management.MailboxServer",
              ("Name", "DatabaseAvailabilityGroup"), ("Name", "DatabaseAvailabilityGroup"), None),
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
)

# types whose registered default view is a list even though they have few properties
LIST_VIEW_TYPES = frozenset({"system.management.automation.pssnapininfo"})

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
