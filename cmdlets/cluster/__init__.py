"""cmdlets/cluster: the FailoverClusters module (Windows Server 2008 R2), cluster.exe, and the
service verbs of net.exe that cluster recovery uses.

``COMMANDS`` maps each command name to the module that defines it."""

_COMMANDS = "cmdlets.cluster.commands"

COMMANDS = {
    "Get-Cluster": _COMMANDS,
    "Get-ClusterNode": _COMMANDS,
    "Get-ClusterNetwork": _COMMANDS,
    "Get-ClusterNetworkInterface": _COMMANDS,
    "Get-ClusterGroup": _COMMANDS,
    "Get-ClusterResource": _COMMANDS,
    "Add-ClusterResource": _COMMANDS,
    "Remove-ClusterResource": _COMMANDS,
    "Get-ClusterParameter": _COMMANDS,
    "Set-ClusterParameter": _COMMANDS,
    "Set-ClusterResourceDependency": _COMMANDS,
    "Start-ClusterResource": _COMMANDS,
    "Stop-ClusterResource": _COMMANDS,
    "Get-ClusterQuorum": _COMMANDS,
    "Start-ClusterNode": _COMMANDS,
    "Stop-ClusterNode": _COMMANDS,
    "Suspend-ClusterNode": _COMMANDS,
    "Resume-ClusterNode": _COMMANDS,
    "Move-ClusterGroup": _COMMANDS,
    "Remove-ClusterNode": _COMMANDS,
    "cluster.exe": "cmdlets.cluster.native",
    "cluster": "cmdlets.cluster.native",
    "net.exe": "cmdlets.cluster.net",
    "net": "cmdlets.cluster.net",
}
