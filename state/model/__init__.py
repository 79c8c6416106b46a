"""Entities of the world, by noun. Entities refer to each other by name (servers, DAGs) or
GUID (databases), never by Python reference, so a checkpoint is a plain deep copy and
``World.snapshot()`` a plain value."""

from state.model.cluster import Cluster, ClusterGroup, ClusterNetwork, ClusterNode, ClusterResource
from state.model.dag import DagNetwork, DagNetworkInterface, DagNetworkSubnet, DatabaseAvailabilityGroup
from state.model.databases import DatabaseCopy, LogSegment, MailboxDatabase
from state.model.directory import ComputerAccount, DnsRecord, Site
from state.model.network import Nic
from state.model.servers import Server

__all__ = [
    "Cluster", "ClusterGroup", "ClusterNetwork", "ClusterNode", "ClusterResource",
    "DagNetwork", "DagNetworkInterface", "DagNetworkSubnet", "DatabaseAvailabilityGroup",
    "DatabaseCopy", "LogSegment", "MailboxDatabase", "ComputerAccount", "DnsRecord", "Site",
    "Nic", "Server",
]
