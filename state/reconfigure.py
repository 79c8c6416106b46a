"""All of Exchange's automatic reconfiguration, in one place.

Runs inside DAG transitions (membership changes, Set-DatabaseAvailabilityGroup) and on the
Replication service's 5-minute timer (R-TIMING-9): DAG network discovery (R-NET-1..R-NET-6),
cluster creation (R-DAG-25, R-CLUSTER-2..5), cluster network roles (R-CLUSTER-9..12, D1),
core IP resources, quorum by parity and the witness share (R-DAG-11, R-DAG-29, R-DAG-30),
database re-homing (R-DB-3)."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

import attrs

from state import events as ev, partition
from state.model import (Cluster, ClusterGroup, ClusterNetwork, ClusterNode, ClusterResource,
                         ComputerAccount, DagNetwork, DnsRecord)
from state.model.cluster import CORE_GROUP
from state.model.network import in_subnet, is_ipv4

if TYPE_CHECKING:
    from state.model import DatabaseAvailabilityGroup, Server
    from state.world import World

RECONCILE_SECONDS = 300          # R-TIMING-9
FSW_RESOURCE = "File Share Witness"


# --- networks ----------------------------------------------------------------------------
def member_subnets(world: "World", dag: "DatabaseAvailabilityGroup") -> list[tuple[str, bool]]:
    """(subnet, is_mapi) in discovery order: oldest member first, adapter order (R-NET-1). A
    subnet the members disagree about (R-NET-5) does not count as MAPI."""
    seen: dict[str, bool] = {}
    for name in reversed(dag.servers):
        for nic in world.server(name).nics:
            seen[nic.subnet] = seen.get(nic.subnet, True) and nic.is_mapi
    return list(seen.items())


def mapi_subnets(world: "World", dag: "DatabaseAvailabilityGroup") -> set[str]:
    """R-NET-4: the member subnets some adapter reaches as MAPI."""
    return {subnet for subnet, mapi in member_subnets(world, dag) if mapi}


def discover_networks(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-NET-1..R-NET-6: derive DAG networks from the members' subnets. Existing networks are
    kept (never merged or deleted automatically, R-NET-2); new subnets get new networks."""
    out = []
    for subnet, mapi in member_subnets(world, dag):
        net = dag.network_for_subnet(subnet)
        if net is None:
            net = _network_for_new_subnet(world, dag, mapi)
            net.subnet_ids.append(subnet)
            out.append(ev.info(f"DAG network '{net.identity}' discovered subnet {subnet}.", "R-NET-1"))
        net.mapi_access_enabled = net.mapi_access_enabled or mapi
    sync_cluster_networks(world, dag)
    return out


def rediscover_networks(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-DAG-42: -DiscoverNetworks re-enumerates the members' subnets. Subnets no member has
    any more leave their networks; with automatic configuration ([2013+], R-NET-3) the networks
    are rebuilt from scratch, keeping the flags of networks whose name comes back."""
    present = {subnet for subnet, _ in member_subnets(world, dag)}
    if world.version_at_least("2013") and not dag.manual_dag_network_configuration:
        old = {n.name.lower(): n for n in dag.networks}
        dag.networks = []
        out = discover_networks(world, dag)
        for net in dag.networks:
            before = old.get(net.name.lower())
            if before is not None:
                net.description, net.replication_enabled = before.description, before.replication_enabled
                net.ignore_network = before.ignore_network
        _drop_stale_cluster_networks(world, dag, present)
        return out
    for net in dag.networks:
        net.subnet_ids = [s for s in net.subnet_ids if s in present]
    _drop_stale_cluster_networks(world, dag, present)
    return discover_networks(world, dag)


def _drop_stale_cluster_networks(world: "World", dag: "DatabaseAvailabilityGroup", present: set[str]) -> None:
    cluster = world.cluster_of(dag)
    if cluster is not None:
        cluster.networks = [c for c in cluster.networks if c.subnet in present]


def seeding_network(world: "World", dag: "DatabaseAvailabilityGroup | None", source: str, target: str) -> str | None:
    """R-NET-19: source and target with adapters up in one subnet of a usable replication
    network seed over it; otherwise (different subnets or datacenters) over the MAPI network,
    even when a replication network spans both."""
    if dag is None:
        return None
    a, b = world.server(source), world.server(target)
    for net in dag.networks:
        if not net.replication_enabled or net.ignore_network or net.mapi_access_enabled:
            continue
        for subnet in net.subnet_ids:
            nics = [s.nic_on(subnet) if s is not None else None for s in (a, b)]
            if all(n is not None and n.up for n in nics):
                return net.name
    mapi = next((n for n in dag.networks if n.mapi_access_enabled), None)
    return mapi.name if mapi else None


def misconfigured_subnets(world: "World", dag: "DatabaseAvailabilityGroup") -> set[str]:
    """R-NET-5: subnets on which the members disagree about the role (one member registers a
    replication adapter in DNS, say)."""
    roles: dict[str, set[bool]] = {}
    for name in dag.servers:
        for nic in world.server(name).nics:
            roles.setdefault(nic.subnet, set()).add(nic.is_mapi)
    return {subnet for subnet, seen in roles.items() if len(seen) > 1}


def _network_for_new_subnet(world: "World", dag: "DatabaseAvailabilityGroup", mapi: bool) -> DagNetwork:
    """R-NET-2 [2010]: one network per subnet, DAGNetwork01...; R-NET-3 [2013+]: MAPI subnets
    share MapiDagNetwork, replication subnets get ReplicationDagNetwork01..."""
    auto_collapse = world.version_at_least("2013") and not dag.manual_dag_network_configuration
    if auto_collapse and mapi:
        net = dag.network("MapiDagNetwork")
        if net is None:
            net = DagNetwork("MapiDagNetwork", dag.name, mapi_access_enabled=True)
            dag.networks.append(net)
        return net
    stem = "ReplicationDagNetwork" if auto_collapse else "DAGNetwork"
    n = 1
    while dag.network(f"{stem}{n:02}") is not None:
        n += 1
    net = DagNetwork(f"{stem}{n:02}", dag.name, mapi_access_enabled=mapi)
    dag.networks.append(net)
    return net


def desired_role(dag: "DatabaseAvailabilityGroup", subnet: str) -> int:
    """R-CLUSTER-9: MAPI -> 3, other DAG networks -> 1, IgnoreNetwork -> 0."""
    net = dag.network_for_subnet(subnet)
    if net is None:
        return 3
    if net.ignore_network:
        return 0
    return 3 if net.mapi_access_enabled else 1


def sync_cluster_networks(world: "World", dag: "DatabaseAvailabilityGroup") -> None:
    """R-NET-1: one cluster network per subnet with each node's adapter in it; roles per
    R-CLUSTER-9 (Exchange owns them, R-CLUSTER-10)."""
    cluster = world.cluster_of(dag)
    if cluster is None:
        return
    for name in reversed(dag.servers):
        for nic in world.server(name).nics:
            cnet = cluster.network_for_subnet(nic.subnet)
            if cnet is None:
                cnet = ClusterNetwork(f"Cluster Network {len(cluster.networks) + 1}", nic.subnet)
                cluster.networks.append(cnet)
            cnet.interfaces[name.lower()] = nic.ip
    members = {m.lower() for m in dag.servers}
    for cnet in cluster.networks:
        cnet.interfaces = {n: ip for n, ip in cnet.interfaces.items() if n in members}
        cnet.role = desired_role(dag, cnet.subnet)
    fail_unbindable_ips(cluster)


# --- cluster -------------------------------------------------------------------------------
def form_cluster(world: "World", dag: "DatabaseAvailabilityGroup", first: "Server") -> list[ev.Event]:
    """R-DAG-25 / R-CLUSTER-1..3: the first member creates the cluster named like the DAG,
    with its core group owned by that node and (with an access point) a CNO."""
    cluster = Cluster(dag.name)
    cluster.groups.append(ClusterGroup(CORE_GROUP, first.name.lower()))
    world.clusters[dag.name.lower()] = cluster
    out = [ev.info(f"Failover cluster '{dag.name}' created on {first.name}.", "R-DAG-25")]
    if dag.ip_mode != "None":
        cluster.resources.append(ClusterResource(f"Cluster Name", "Network Name",
                                                 parameters={"Name": dag.name, "DnsName": dag.name}))
        out += _enable_cno(world, dag)
    world.clock.call_later(RECONCILE_SECONDS, ReconcileTimer(dag.name))
    return out


def _enable_cno(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-CLUSTER-2/3: enable a pre-staged CNO or create one."""
    account = world.computer_account(dag.name)
    if account is None:
        world.computer_accounts[dag.name.lower()] = ComputerAccount(dag.name, enabled=True)
        return [ev.info(f"Computer account '{dag.name}' created.", "R-CLUSTER-2")]
    account.enabled = True
    return [ev.info(f"Pre-staged computer account '{dag.name}' enabled.", "R-CLUSTER-3")]


def node_is_up(world: "World", name: str) -> bool:
    server = world.server(name)
    return server is not None and server.service_running("ClusSvc")


def sync_nodes(world: "World", dag: "DatabaseAvailabilityGroup") -> None:
    cluster = world.cluster_of(dag)
    members = [m.lower() for m in reversed(dag.servers) if m.lower() not in dag.evicted_servers]
    cluster.nodes = [n for n in cluster.nodes if n.name in members]
    for m in members:
        if cluster.node(m) is None:
            node = ClusterNode(m, "Up" if node_is_up(world, m) else "Down")
            node.id = cluster.node_id(node)
            cluster.nodes.append(node)


def reconcile_core_resources(world: "World", dag: "DatabaseAvailabilityGroup", integrated: bool = True) -> list[ev.Event]:
    """R-CLUSTER-4/5/12, R-DAG-27: one IP resource per configured address on a MAPI subnet of
    some member. An integrated DAG cmdlet deletes every other IP resource of the core group
    (hand-added ones, R-CLUSTER-12) and rebuilds the name's OR dependency; the timer deletes
    nothing (R-CLUSTER-11). Only the IP in the owner node's subnet is online; DNS follows it."""
    cluster = world.cluster_of(dag)
    if cluster is None or dag.ip_mode == "None":
        return []
    out: list[ev.Event] = []
    wanted = _wanted_addresses(world, dag, cluster, out)
    mine: dict[str, ClusterResource] = {}
    for r in core_ip_resources(cluster):
        key = _address_key(cluster, r, dag)
        if key in wanted and key not in mine:
            mine[key] = r
        elif integrated:
            _delete_resource(cluster, r)
    for key, (subnet, address) in wanted.items():
        if key not in mine:
            mine[key] = _new_ip_resource(cluster, address, subnet, dag.ip_mode == "Dhcp")
        elif integrated:                          # private properties edited by hand are put back
            net = cluster.network_for_subnet(subnet)
            mine[key].parameters.update(Network=net.name if net else "", SubnetMask=_mask(subnet))
    _bring_owner_ip_online(world, dag, cluster, list(mine.values()), integrated)
    return out


def core_ip_resources(cluster: Cluster) -> list[ClusterResource]:
    return [r for r in cluster.resources if r.type == "IP Address" and r.group.lower() == CORE_GROUP.lower()]


def _address_key(cluster: Cluster, r: ClusterResource, dag: "DatabaseAvailabilityGroup") -> str:
    """Static mode: the address; DHCP mode: 'dhcp:<subnet>' for a DHCP-enabled resource."""
    if dag.ip_mode == "Dhcp" and str(r.parameters.get("EnableDhcp", "0")) == "1":
        net = cluster.network_of(r)
        return f"dhcp:{net.subnet}" if net else ""
    return r.parameters.get("Address") or ""


def _delete_resource(cluster: Cluster, r: ClusterResource) -> None:
    cluster.resources.remove(r)
    for other in cluster.resources:
        other.dependencies = [d for d in other.dependencies if d.lower() != r.name.lower()]


def _mask(subnet: str) -> str:
    return str(ipaddress.ip_network(subnet, strict=False).netmask)


def _new_ip_resource(cluster: Cluster, address: str, subnet: str, dhcp: bool) -> ClusterResource:
    net = cluster.network_for_subnet(subnet)
    base = f"IPv4 Address {address}" if address else f"IPv4 DHCP Address {subnet}"
    name, n = base, 1
    while cluster.resource(name) is not None:
        n += 1
        name = f"{base} ({n})"
    r = ClusterResource(name, "IP Address", state="Offline", parameters={
        "Network": net.name if net else "", "Address": address, "SubnetMask": _mask(subnet),
        "EnableDhcp": 1 if dhcp else 0})
    cluster.resources.append(r)
    return r


def _wanted_addresses(world: "World", dag: "DatabaseAvailabilityGroup", cluster: Cluster,
                      out: list) -> dict[str, tuple[str, str]]:
    """key -> (MAPI subnet, address): configured static addresses on a member's MAPI subnet,
    or one DHCP lease per MAPI subnet (R-CLUSTER-6; '' = no lease, the resource fails)."""
    mapi = [s for s, is_mapi in member_subnets(world, dag) if is_mapi]
    wanted: dict[str, tuple[str, str]] = {}
    if dag.ip_mode == "Static":
        for addr in dag.ip_addresses:
            subnet = next((s for s in mapi if is_ipv4(addr) and in_subnet(addr, s)), None)
            if subnet:
                wanted[addr] = (subnet, addr)
        return wanted
    for subnet in mapi:
        key = f"dhcp:{subnet}"
        leased = next((r for r in core_ip_resources(cluster) if _address_key(cluster, r, dag) == key), None)
        address = leased.parameters.get("Address", "") if leased is not None else ""
        scope = world.dhcp_scopes.get(subnet)
        if not address and scope:
            address = scope.pop(0)
            if leased is not None:
                leased.parameters["Address"] = address
        if not address:
            out.append(ev.warning(f"The cluster IP address resource on network '{subnet}' couldn't obtain an address "
                                  "from DHCP and is in a failed state.", "R-CLUSTER-6"))
        wanted[key] = (subnet, address)
    return wanted


def _bring_owner_ip_online(world: "World", dag: "DatabaseAvailabilityGroup", cluster: Cluster,
                           mine: list[ClusterResource], integrated: bool) -> None:
    """R-CLUSTER-5: of Exchange's IPs only the one in the owner node's subnet is online; the
    name follows it. Other IPs on a network without client access fail (D1, R-CLUSTER-11)."""
    owner = world.server(cluster.core_group.owner_node)
    owner_subnets = {n.subnet for n in owner.nics} if owner else set()
    online = None
    for r in mine:
        net = cluster.network_of(r)
        good = bool(r.parameters.get("Address")) and net is not None and net.subnet in owner_subnets and online is None
        r.state = "Online" if good else ("Failed" if not r.parameters.get("Address") else "Offline")
        if good:
            online = r
    fail_unbindable_ips(cluster)
    for name_res in cluster.resources_of_type("Network Name"):
        if name_res.group.lower() != CORE_GROUP.lower():
            continue
        names = [r.name for r in mine]
        if not integrated:
            names += [d for d in name_res.dependencies if d not in names and cluster.resource(d) is not None]
        name_res.dependencies = names
        name_res.dependency_and = False
        name_res.state = "Online" if any(cluster.resource(d).state == "Online" for d in names) else "Offline"
    if online is not None:
        world.dns[dag.name.lower()] = DnsRecord(dag.name, [online.parameters["Address"]], registered=world.now)


def fail_unbindable_ips(cluster: Cluster) -> None:
    """D1/R-CLUSTER-11: a virtual IP can't stay online on a network without client access."""
    for r in cluster.resources_of_type("IP Address"):
        net = cluster.network_of(r)
        if r.state == "Online" and (net is None or net.role != 3):
            r.state = "Failed"


# --- quorum and witness -----------------------------------------------------------------
def apply_quorum_model(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-DAG-29: odd member count -> Node Majority; even -> Node and File Share Majority with
    the witness share created on first need (R-DAG-11, R-DAG-26)."""
    cluster = world.cluster_of(dag)
    if cluster is None:
        return []
    out: list[ev.Event] = []
    dag.witness_in_use = None                     # R-SITE-9: Set-DatabaseAvailabilityGroup restores the primary
    even = len(dag.servers) % 2 == 0
    cluster.resources = [r for r in cluster.resources if r.type != FSW_RESOURCE]
    if even:
        cluster.quorum_type = "NodeAndFileShareMajority"
        path = witness_path(dag)
        cluster.witness_path = path
        cluster.resources.append(ClusterResource(f"File Share Witness ({path})", FSW_RESOURCE,
                                                 parameters={"SharePath": path}))
        out += create_witness_share(world, dag)
    else:
        cluster.quorum_type = "NodeMajority"
        cluster.witness_path = None
    recompute_quorum(world, dag)
    return out


def witness_in_use(dag: "DatabaseAvailabilityGroup") -> tuple[str | None, str | None]:
    """(server, directory) of the witness quorum uses: the alternate after a Restore- (R-SITE-7)."""
    if dag.witness_in_use == "Alternate":
        return dag.alternate_witness_server, dag.alternate_witness_directory
    return dag.witness_server, dag.witness_directory


def witness_path(dag: "DatabaseAvailabilityGroup") -> str:
    if dag.witness_in_use == "Alternate":
        return f"\\\\{dag.alternate_witness_server}\\{dag.fqdn}"
    return f"\\\\{dag.witness_server}\\{dag.witness_share or dag.fqdn}"


def create_witness_share(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-DAG-11: create the directory and share if missing; failure is only a warning."""
    name, directory = witness_in_use(dag)
    server = world.server(name or "")
    directory = directory or f"C:\\DAGFileShareWitnesses\\{dag.fqdn}"
    if server is None or not server.is_up:
        return [ev.warning(f"Failed to create file share witness directory '{directory}' on witness server "
                           f"'{name}'. The witness server couldn't be contacted.", "R-DAG-11")]
    share = dag.fqdn if dag.witness_in_use == "Alternate" else (dag.witness_share or dag.fqdn)
    if share not in server.shares:
        server.shares[share] = directory
        server.files.setdefault(directory + "\\", "")
    return [ev.info(f"File share witness {witness_path(dag)} ready.", "R-DAG-11")]


def votes(world: "World", dag: "DatabaseAvailabilityGroup") -> tuple[int, int]:
    """R-DAG-30: (votes up, total votes): members, plus the witness when the count is even."""
    cluster = world.cluster_of(dag)
    up = sum(1 for n in cluster.nodes if n.state in ("Up", "Paused"))
    total = len(cluster.nodes)
    if cluster.quorum_type == "NodeAndFileShareMajority":
        total += 1
        if up > 0 and partition.witness_votes_for(world, dag):    # R-SITE-11: not across a cut link
            up += 1
    return up, total


def recompute_quorum(world: "World", dag: "DatabaseAvailabilityGroup") -> bool:
    cluster = world.cluster_of(dag)
    if cluster is None:
        return False
    up, total = votes(world, dag)
    cluster.has_quorum = cluster.forced_quorum or 2 * up > total
    return cluster.has_quorum


def without_witness_warnings(events: list[ev.Event]) -> list[ev.Event]:
    """R-DAG-28: -SkipDagValidation skips the witness health check, so no witness warning."""
    return [e for e in events if not (e.kind == ev.WARNING and e.rule_id in ("R-DAG-10", "R-DAG-11"))]


# --- databases ------------------------------------------------------------------------------
def rehome_databases(world: "World", server: "Server", dag: "DatabaseAvailabilityGroup | None") -> list[ev.Event]:
    """R-DB-3: a joining server's databases move to the DAG; a leaving one's come back."""
    out = []
    for db in world.databases.values():
        if db.active_server.lower() != server.name.lower():
            continue
        db.master_server_or_availability_group = dag.name if dag else server.name
        db.master_type = "DatabaseAvailabilityGroup" if dag else "Server"
        out.append(ev.info(f"Database '{db.name}' now belongs to '{db.master_server_or_availability_group}'.", "R-DB-3"))
    return out


# --- entry points -------------------------------------------------------------------------
def after_membership_change(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-DAG-25..27, R-CLUSTER-10/12: what every Add-/Remove-DatabaseAvailabilityGroupServer runs."""
    if world.cluster_of(dag) is None:
        return []
    sync_nodes(world, dag)
    out = discover_networks(world, dag)
    out += reconcile_core_resources(world, dag, integrated=True)
    out += apply_quorum_model(world, dag)
    return out


def after_set_dag(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-DAG-38, R-CLUSTER-10a/12: Set-DatabaseAvailabilityGroup re-applies roles, core IPs,
    quorum model and the witness."""
    if world.cluster_of(dag) is None:
        return []
    sync_cluster_networks(world, dag)
    return reconcile_core_resources(world, dag, integrated=True) + apply_quorum_model(world, dag)


def reconcile_integrated(world: "World", dag: "DatabaseAvailabilityGroup") -> list[ev.Event]:
    """R-CLUSTER-10a/12: what an integrated DAG cmdlet does to the cluster it touches: roles
    back to R-CLUSTER-9, core IP resources back to the configured MAPI addresses."""
    if world.cluster_of(dag) is None:
        return []
    sync_cluster_networks(world, dag)
    return reconcile_core_resources(world, dag, integrated=True)


def periodic_reconcile(world: "World", dag: "DatabaseAvailabilityGroup") -> None:
    """R-CLUSTER-10c/11, D1: the timer puts roles back and fails hand-made IPs, deletes nothing."""
    sync_cluster_networks(world, dag)
    reconcile_core_resources(world, dag, integrated=False)
    _track_network_name(world, dag)


CNO_GC_DAYS = 30                 # R-CLUSTER-19 / R-TIMING-15


def _track_network_name(world: "World", dag: "DatabaseAvailabilityGroup") -> None:
    cluster = world.cluster_of(dag)
    name = next((r for r in cluster.resources_of_type("Network Name") if r.group == CORE_GROUP), None)
    if name is None or name.state == "Online":
        cluster.name_offline_since = None
    elif cluster.name_offline_since is None:
        cluster.name_offline_since = world.now


def cno_eligible_for_garbage_collection(world: "World", dag: "DatabaseAvailabilityGroup") -> bool:
    """R-CLUSTER-19: the network name offline for more than 30 days leaves the CNO unused in AD
    (Test-ReplicationHealth reports it)."""
    cluster = world.cluster_of(dag)
    since = cluster.name_offline_since if cluster is not None else None
    return since is not None and (world.now - since).total_seconds() > CNO_GC_DAYS * 86400


@attrs.frozen
class ReconcileTimer:
    """The Replication service's 5-minute network/role reconciliation (R-TIMING-9)."""

    dag: str

    def __call__(self, world: "World") -> None:
        dag = world.dag(self.dag)
        if dag is None or world.cluster_of(dag) is None:
            return
        periodic_reconcile(world, dag)
        world.clock.call_later(RECONCILE_SECONDS, self)
