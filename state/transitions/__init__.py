"""Transitions: frozen records with a pure ``check(world)`` and a total ``apply(world)``."""

from state.transitions.backup import BackupDatabaseCopy
from state.transitions.base import Transition
from state.transitions.cluster import (AddClusterResource, EvictClusterNode, MoveClusterGroup, RemoveClusterResource,
                                       SetClusterNetworkRole, SetClusterNodeState, SetClusterParameters,
                                       SetClusterResourceDependency, SetClusterResourceState, SetQuorumModel,
                                       SuspendClusterNode)
from state.transitions.copies import (AddDatabaseCopy, EnableReplayLag, RemoveDatabaseCopy, ResumeDatabaseCopy,
                                      SetDatabaseCopy, SuspendDatabaseCopy, UpdateDatabaseCopy, UpdateServerCopies)
from state.transitions.dag import NewDag, RemoveDag, SetDag
from state.transitions.databases import DismountDatabase, MountDatabase, NewDatabase, RemoveDatabase, SetDatabase
from state.transitions.faults import (DamagePage, FailDatabaseCopy, HangStorage, PowerOff, PowerOn, Reboot, RestartService,
                                      SetDiskFull, SetNicState, SetReplicationServiceMemory, SetServiceState,
                                      Shutdown)
from state.transitions.mailboxes import NewMailbox
from state.transitions.membership import AddServerToDag, RemoveServerFromDag
from state.transitions.moves import (DatabaseMoveResult, MoveActiveDatabase, MoveServerDatabases, SetMailboxServer,
                                     StartDagServerMaintenance, StopDagServerMaintenance)
from state.transitions.networks import NewDagNetwork, RemoveDagNetwork, SetDagNetwork
from state.transitions.site import RestoreDag, StartDag, StopDag

__all__ = ["Transition", "AddDatabaseCopy", "NewDag", "RemoveDag", "SetDag", "PowerOff", "PowerOn",
           "Reboot", "SetNicState", "SetServiceState", "AddServerToDag", "RemoveServerFromDag",
           "DatabaseMoveResult", "MoveActiveDatabase", "SetDagNetwork", "RemoveDatabaseCopy", "ResumeDatabaseCopy",
           "SetDatabaseCopy", "SuspendDatabaseCopy", "UpdateDatabaseCopy", "FailDatabaseCopy", "RestartService",
           "SetDiskFull", "Shutdown", "MoveServerDatabases", "SetMailboxServer", "StartDagServerMaintenance",
           "StopDagServerMaintenance", "EnableReplayLag", "UpdateServerCopies", "HangStorage",
           "SetReplicationServiceMemory",
           "NewDatabase", "SetDatabase", "RemoveDatabase", "MountDatabase",
           "DismountDatabase", "NewMailbox", "NewDagNetwork", "RemoveDagNetwork",
           "AddClusterResource", "RemoveClusterResource", "SetClusterNetworkRole", "SetClusterNodeState",
           "SetClusterParameters", "SetClusterResourceDependency", "SetClusterResourceState",
           "StopDag", "RestoreDag", "StartDag", "MoveClusterGroup", "SetQuorumModel", "SuspendClusterNode",
           "BackupDatabaseCopy", "EvictClusterNode", "DamagePage"]
