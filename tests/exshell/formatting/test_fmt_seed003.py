"""Seed 003 (Exchange 2010 Beta1, PowerShell 2.0, 80 columns, nl-BE) reproduced byte for byte,
trailing spaces aside, with what the blog lost restored (IP addresses, the ExchangeVersion build,
lines after a cut). One deliberate difference: the blog shows `AdministrativeGroup : Exchange
Administrative Group (FYDIBOHF23SPDLT)` as one 81-cell line, which an 80-column console cannot
hold; the list writer splits it at 45 cells like every other value (`...SPDL` / `T)`).
"""

from __future__ import annotations

from cmdlets.api.directives import FormatDirective
from exshell.formatting import render_output
from seed003_objects import copy_status, dag_full, dag_new, mailbox_database, networks


def lines(text: str) -> list[str]:
    return text[1:-1].split("\n")



DAG_TABLE = r"""

Name             Member Servers                  Operational Servers
----             --------------                  -------------------
DAG1             {}


"""

NETWORK_LIST = r"""


RunspaceId         : 61102664-677b-463e-88dc-0d41c8442f18
Name               : DAGNetwork01
Description        :
Subnets            : {{192.168.0.0/24,Up}}
Interfaces         : {{exch2010mb1,Up,192.168.0.11}}
MapiAccessEnabled  : True
ReplicationEnabled : True
IgnoreNetwork      : False
Identity           : DAG1\DAGNetwork01
IsValid            : True

RunspaceId         : 61102664-677b-463e-88dc-0d41c8442f18
Name               : DAGNetwork02
Description        :
Subnets            : {{10.10.10.0/24,Up}}
Interfaces         : {{exch2010mb1,Up,10.10.10.11}}
MapiAccessEnabled  : False
ReplicationEnabled : True
IgnoreNetwork      : False
Identity           : DAG1\DAGNetwork02
IsValid            : True



"""

DATABASE_LIST = r"""


RunspaceId                      : 7355ebc1-f541-40e1-9b66-ebe3a864dda2
StandbyMachines                 : {}
JournalRecipient                :
MailboxRetention                : 30.00:00:00
OfflineAddressBook              :
OriginalDatabase                :
PublicFolderDatabase            :
ProhibitSendReceiveQuota        : 2.3 GB (2,469,396,480 bytes)
Recovery                        : False
ProhibitSendQuota               : 2 GB (2,147,483,648 bytes)
IndexEnabled                    : True
IsExcludedFromProvisioning      : False
IsSuspendedFromProvisioning     : False
ReplicationType                 : None
AdministrativeGroup             : Exchange Administrative Group (FYDIBOHF23SPDL
                                  T)
AllowFileRestore                : False
BackgroundDatabaseMaintenance   : True
BackupInProgress                :
CopyEdbFilePath                 :
DatabaseCreated                 : True
Description                     :
EdbFilePath                     : C:\Program Files\Microsoft\Exchange Server\V1
                                  4\Mailbox\Mailbox Database 1790164108\Mailbox
                                   Database 1790164108.edb
ExchangeLegacyDN                : /o=Corelantest Organization/ou=Exchange Admin
                                  istrative Group (FYDIBOHF23SPDLT)/cn=Configur
                                  ation/cn=Servers/cn=DIONYSUS/cn=Microsoft Pri
                                  vate MDB
HasLocalCopy                    : False
DatabaseCopies                  : {Mailbox Database 1790164108}
Servers                         : {EXCH2010MB1}
ReplayLagTimes                  : {00:00:00}
TruncationLagTimes              : {00:00:00}
RpcClientAccessServer           :
MountedOnServer                 :
DeletedItemRetention            : 14.00:00:00
SnapshotLastFullBackup          :
SnapshotLastIncrementalBackup   :
SnapshotLastDifferentialBackup  :
SnapshotLastCopyBackup          :
LastFullBackup                  :
LastIncrementalBackup           :
LastDifferentialBackup          :
LastCopyBackup                  :
DatabaseSize                    :
DatabaseAvailableSpace          :
MaintenanceSchedule             : {zo.1:00-zo.5:00, ma.1:00-ma.5:00, di.1:00-di
                                  .5:00, wo.1:00-wo.5:00, do.1:00-do.5:00, vr.1
                                  :00-vr.5:00, za.1:00-za.5:00}
MountAtStartup                  : True
Mounted                         :
Organization                    : Corelantest Organization
QuotaNotificationSchedule       : {zo.1:00-zo.1:15, ma.1:00-ma.1:15, di.1:00-di
                                  .1:15, wo.1:00-wo.1:15, do.1:00-do.1:15, vr.1
                                  :00-vr.1:15, za.1:00-za.1:15}
RetainDeletedItemsUntilBackup   : False
Server                          : EXCH2010MB1
MasterServerOrAvailabilityGroup : DAG1
MasterType                      : DatabaseAvailabilityGroup
ServerName                      : EXCH2010MB1
IssueWarningQuota               : 1.899 GB (2,039,480,320 bytes)
EventHistoryRetentionPeriod     : 7.00:00:00
Name                            : Mailbox Database 1790164108
LogFolderPath                   : C:\Program Files\Microsoft\Exchange Server\V1
                                  4\Mailbox\Mailbox Database 1790164108
CircularLoggingEnabled          : False
CopyLogFolderPath               :
LogFilePrefix                   : E00
LogFileSize                     : 1024
AdminDisplayName                : Mailbox Database 1790164108
ExchangeVersion                 : 0.10 (14.0.100.0)
DistinguishedName               : CN=Mailbox Database 1790164108,CN=Databases,C
                                  N=Exchange Administrative Group (FYDIBOHF23SP
                                  DLT),CN=Administrative Groups,CN=Corelantest
                                  Organization,CN=Microsoft Exchange,CN=Service
                                  s,CN=Configuration,DC=corelantest,DC=local
Identity                        : Mailbox Database 1790164108
Guid                            : 8360edd9-4cec-49ab-9e14-04b1fcd3f8ac
ObjectCategory                  :
ObjectClass                     : {top, msExchMDB, msExchPrivateMDB}
WhenChanged                     : 22/04/2009 15:00:30
WhenCreated                     : 22/04/2009 14:17:14
OrganizationId                  :
OriginatingServer               :
IsValid                         : True



"""

DAG_LIST = r"""


Name                               : DAG1
Servers                            : {EXCH2010MB2, EXCH2010MB1}
FileShareWitnessShare              : \\dionysus\FileShareWitness
FileShareWitnessDirectory          : c:\FileShareWitness
AlternateFileShareWitnessShare     :
AlternateFileShareWitnessDirectory :
NetworkCompression                 : InterSubnetOnly
NetworkEncryption                  : InterSubnetOnly
DatacenterActivationMode           : Off
StoppedMailboxServers              : {}
StartedMailboxServers              : {}
OperationalServers                 :
ControllingActiveManager           :
ReplicationPort                    : 0
NetworkNames                       : {}
AdminDisplayName                   :
ExchangeVersion                    : 0.10 (14.0.100.0)
DistinguishedName                  : CN=DAG1,CN=Database Availability Groups,CN
                                     =Exchange Administrative Group (FYDIBOHF23
                                     SPDLT),CN=Administrative Groups,CN=Corelan
                                     test Organization,CN=Microsoft Exchange,CN
                                     =Services,CN=Configuration,DC=corelantest,
                                     DC=local
Identity                           : DAG1
Guid                               : ffc0918d-b674-4bad-b44d-39059493b178
ObjectCategory                     :
ObjectClass                        : {top, msExchMDBAvailabilityGroup}
WhenChanged                        : 23/04/2009 22:29:23
WhenCreated                        : 23/04/2009 22:29:23
OrganizationId                     :
OriginatingServer                  :
IsValid                            : True



"""

COPY_STATUS_TABLE = r"""

Name                      CopyStatus      CopyQueueLen ReplayQueueL LastInspect
                                          gth          ength        edLogTime
----                      ----------      ------------ ------------ -----------
Mailbox Database 17901641 Mounted         0            0
08\EXCH2010MB1
Mailbox Database 17901641 Healthy         0            1            23/04/2009
08\EXCH2010MB2                                                      23:22:29


"""


def test_new_dag_shows_the_beta1_dag_view(seed_ctx):
    assert render_output([dag_new()], seed_ctx) == lines(DAG_TABLE)


def test_dag_networks_list_with_runspace_id(seed_ctx):
    assert render_output([FormatDirective("list", tuple(networks()))], seed_ctx) == lines(NETWORK_LIST)


def test_mailbox_database_list_splits_values_by_cells_at_79(seed_ctx):
    directive = FormatDirective("list", (mailbox_database(),))
    assert render_output([directive], seed_ctx) == lines(DATABASE_LIST)


def test_dag_list_label_width_34(seed_ctx):
    assert render_output([FormatDirective("list", (dag_full(),))], seed_ctx) == lines(DAG_LIST)


def test_beta1_copy_status_view_wraps_rows_and_headers(seed_ctx):
    assert render_output(copy_status(), seed_ctx) == lines(COPY_STATUS_TABLE)


def test_ps2_cell_split_leaves_a_space_at_the_start_of_the_next_line(seed_ctx):
    out = render_output([FormatDirective("list", (mailbox_database(),))], seed_ctx)
    assert "                                   Database 1790164108.edb" in out
