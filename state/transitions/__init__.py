"""Transitions: frozen records with a pure ``check(world)`` and a total ``apply(world)``."""

from state.transitions.base import Transition
from state.transitions.copies import AddDatabaseCopy
from state.transitions.dag import NewDag, RemoveDag, SetDag
from state.transitions.databases import (DismountDatabase, MountDatabase, NewDatabase, RemoveDatabase, SetDatabase,
                                         SetMailboxServer)
from state.transitions.mailboxes import NewMailbox
from state.transitions.faults import PowerOff, PowerOn, Reboot, SetNicState, SetServiceState
from state.transitions.membership import AddServerToDag, RemoveServerFromDag
from state.transitions.moves import DatabaseMoveResult, MoveActiveDatabase
from state.transitions.networks import NewDagNetwork, RemoveDagNetwork, SetDagNetwork

__all__ = ["Transition", "AddDatabaseCopy", "NewDag", "RemoveDag", "SetDag", "PowerOff", "PowerOn",
           "Reboot", "SetNicState", "SetServiceState", "AddServerToDag", "RemoveServerFromDag",
           "DatabaseMoveResult", "MoveActiveDatabase", "SetDagNetwork", "NewDatabase", "SetDatabase",
           "RemoveDatabase", "MountDatabase", "DismountDatabase", "SetMailboxServer", "NewMailbox",
           "NewDagNetwork", "RemoveDagNetwork"]
