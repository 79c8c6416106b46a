"""state: the simulated world. Plain Python + attrs; imports nothing from cmdlets/exshell.

API for the cmdlet authors
--------------------------
World (state.world.World), one per shell session:
  .exchange_version ('2007','2010-beta1','2010','2013','2016','2019'), .is_beta,
  .version_at_least(v), .organization, .domain, .sites, .now, .clock, .rng, .journal
  .servers (dict lower name -> Server), .server(name_or_fqdn) -> Server | None
  .dags, .dag(name), .dag_of(server), .members(dag), .cluster_of(dag) -> Cluster | None
  .databases (guid -> MailboxDatabase), .database(name_or_guid), .databases_on(server)
  .copy(db, server), .copy_by_identity('DB\\Server'), .all_copies(), .database_of(copy)
  .computer_accounts, .computer_account(name), .dns (lower label -> DnsRecord: addresses, ttl),
  .resolve(machine, name) (the machine's hosts file, its DNS cache, then the zone: R-BACKUP-5;
                      leaves the cache alone). state.dns: lookup/local_answer/ask_zone (a client's
                      resolution, cached per machine for the record's TTL, R-TIMING-15), flush,
                      CONNECT_RETRY_SECONDS; zone edits AddDnsRecord / RemoveDnsRecord (state.transitions.dns)
  .copy_status(copy) -> replication.CopyStatus (Get-MailboxDatabaseCopyStatus, at .now)
  .dag_status(dag) -> health.DagStatus (Get-DatabaseAvailabilityGroup -Status values)
  .dag_network_subnets(net, viewer=None) / .dag_network_interfaces(net, viewer=None) (live
      Subnets/Interfaces items; viewer = a member's point of view, -Server)
  .check(transition)  pure; raises RuleViolation
  .commit(transition) -> list[Event]  (check + apply + journal); Warning events = WARNING lines,
                      a Result event carries a value for the pipeline (e.g. DatabaseMoveResult)
  .advance(seconds)   Start-Sleep: runs due timers in (time, sequence) order
  .advance_until(predicate, max_seconds)  e.g. wait for seeding: state.build.settle(world, copy)
  .snapshot() comparable value; .checkpoint() / .restore(cp)
Server.files: FileSystem (state.model.filesystem) - .write(path, text, when, append), .mkdir, .entry,
  .children, .remove, .is_dir/.is_file, .hosts(); ``files[path] = text`` also works (a path ending
  in a backslash makes a directory). Server.hosts reads C:\\Windows\\System32\\drivers\\etc\\hosts;
  Server.shares (share -> local path; UNC paths: filesystem.locate(world, machine, path));
  Server.registry (lower 'hklm:\\...' path -> RegistryKey with .values name -> (value, kind)).

Transitions (state.transitions): NewDag, SetDag(.of(dag, **changes), .changed(world)), RemoveDag,
  AddServerToDag, RemoveServerFromDag, AddDatabaseCopy, MoveActiveDatabase (Result event with
  DatabaseMoveResult), SetDagNetwork, faults PowerOff, PowerOn, Reboot, SetNicState,
  SetServiceState. Entities refer to each other by name (servers, DAGs) or by GUID.
Copies (state.transitions.copies): SetDatabaseCopy, RemoveDatabaseCopy, SuspendDatabaseCopy
  (activation_only, suspend_comment), ResumeDatabaseCopy (replication_only, disable_replay_lag),
  UpdateDatabaseCopy (source_server, delete_existing_files, catalog_only, database_only,
  manual_resume, cancel_seed, safe_delete_existing_files, network; seeding runs in virtual time,
  settle with advance_until), UpdateServerCopies(server, maximum_in_parallel, ...) (queues the
  seeds of every suspended copy on a server), EnableReplayLag(db, server).
Moves: MoveActiveDatabase(database, activate_on_server, skip_* flags, mount_dial_override,
  move_comment); StartDagServerMaintenance(server, pause_node, suspend_copies, minimum_copies,
  rollback) / StopDagServerMaintenance(server) (R-AM-25; both refuse a server outside a DAG);
  MoveServerDatabases(server, activate_on_server, move_all_or_none, preferred, options) for
  -Server / -ActivatePreferredOnServer: one Result event (DatabaseMoveResult) per database.
Faults for lab control: FailDatabaseCopy(db, server, corrupt=False), SetDiskFull(server, full=True),
  RestartService(server, service) (back after R-TIMING-11), Shutdown(server) (Stop-Computer:
  2013+ moves databases first, R-AM-24); HangStorage(server) and SetReplicationServiceMemory(server,
  gigabytes) trigger 2013+ built-in recovery (R-TIMING-18); SetNicState re-routes log shipping (R-NET-15) and a
  MAPI adapter down fails the server's databases over (R-AM-5).
Databases and mailboxes: NewDatabase(name, server, edb, logs) (dismounted until mounted),
  SetDatabase.of(db, **settings), RemoveDatabase(db, mailboxes), MountDatabase, DismountDatabase,
  SetMailboxServer.of(server, **settings); NewMailbox(name, alias, upn, database) (world.mailboxes;
  automatic distribution when no database is named).
Datacenter switchover (state.transitions.site): StopDag(dag, servers | site, configuration_only),
  RestoreDag(dag, site, alternate witness, use_primary_witness_server), StartDag(...); the DACP
  bit (Server.dacp_bit, R-SITE-1/2) decides whether a booting member may mount.
Site links (state.partition, state.transitions.sitelinks): SetSiteLink(site1, site2, latency, connected)
  cuts/restores a WAN link (world.partition.cut); partition.can_talk(world, a, b) is the one
  reachability answer (power, adapters, routed networks, uncut links); partition.sites_connected,
  reference_side(world, dag) (the cluster's side), world.partition.islands (split-brain mounts, R-SITE-3).
  What a member's own side answers while the cluster has counted it out: partition.counted_out(world,
  dag, server), member_side(world, dag, server) -> SideView(view, side, quorum) | None, and
  believed_active(world, server, database guid) (its side's idea of where a database is active),
  active_server_seen(world, caller, db) (where the Active Manager a machine reaches says db is
  active). Members back in contact after a restored link are Joining first (R-CLUSTER-13).
Replication helpers (state.replication): copy_status, pick_network, is_settling,
  active_is_seeding_source, networks_changed(world) (call after anything that changes which DAG
  networks connect two members: copies re-route, R-NET-14..16, or go Disconnected, R-COPY-11);
  Active Manager (state.active_manager): pam, best_copy, candidates, fail_database(world, db)
  (a database failure: dismount + failover), lose_quorum / quorum_regained(world, dag),
  detection_seconds(world, server) (R-TIMING-5), begin_join(world, node) (a node whose Cluster
  service starts is Joining for JOIN_SECONDS, then Up: R-CLUSTER-13). Test-ReplicationHealth's checks:
  state.health_checks.run_checks(world, server, suppression_minutes).
  Replay lag manager (state.lag_manager, R-DB-11): lag_status(world, copy) -> LagStatus
  (ReplayLagStatus), after_set_dag(world, dag) (starts its one-minute poller), request_page_patch.
DAG and DAG networks: NewDag(..., third_party_replication), SetDag.of(dag, discover_networks=,
  skip_dag_validation=, **changes) (changes also: preference_move_frequency, auto_dag_settings
  {property name: value}), AddServerToDag(..., skip_dag_validation), RemoveServerFromDag(dag,
  server, configuration_only, skip_dag_validation), NewDagNetwork(dag, name, description,
  replication_enabled, ignore_network, subnets), RemoveDagNetwork(dag, network). Network views:
  reconfigure.mapi_subnets(world, dag), reconfigure.misconfigured_subnets(world, dag) (R-NET-5),
  rules.dag.high_latency_pairs(world, dag) (R-DAG-45, for Test-ReplicationHealth),
  rules.dag.continuous_replication_is_available(dag) (R-DAG-5, for seeding/update transitions).
  Server.exchange_trusted_subsystem_is_admin (R-DAG-12, default True).
Cluster hand edits (state.transitions.cluster; cluster = DAG name, objects by name; none runs
  Exchange's reconciliation): SetClusterNetworkRole, AddClusterResource, RemoveClusterResource,
  SetClusterParameters(resource, ((name, value), ...)), SetClusterResourceDependency(expression,
  add=False), SetClusterResourceState(online), SetClusterNodeState(running, force_quorum),
  SuspendClusterNode(paused), MoveClusterGroup(group, node|None), SetQuorumModel. Cluster model
  helpers: Cluster.resource(name), .network(name), .network_of(ip_resource), .dependents(name).
Reconciliation (state.reconfigure): reconcile_core_resources(world, dag, integrated), core_ip_resources,
  desired_role, sync_cluster_networks, RECONCILE_SECONDS, cno_eligible_for_garbage_collection.
Backup (state.rules.backup): discover_topology(world, backup_server, dag) / session_route(world,
  backup_server, member) -> Route(address, 'hosts'|'dns', adapter); BackupDatabaseCopy(backup_server,
  database, server, kind) sets LastFullBackup/LastIncrementalBackup (Result event: the Route).
Server component states [2013+] (state.model.components, state.transitions.components):
  SetServerComponentState(server, component, requester, state, local_only, remote_only);
  Server.component_state(name) (effective: any Inactive wins, ServerWideOffline rule),
  Server.high_availability_offline (Active Manager activates nothing there on its own, R-AM-6;
  switchovers to it need -SkipHealthChecks, R-AM-17).
Rules: state.rules.<area> constants R_<AREA>_<n>; RuleViolation has .rule_id, .category,
  .message, .target. Labs are built with state.build (add_site, add_server, add_database).
"""

from state.events import Event
from state.rules.base import Rule, RuleViolation
from state.world import World

__all__ = ["Event", "Rule", "RuleViolation", "World"]
