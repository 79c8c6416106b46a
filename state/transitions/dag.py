"""DAG object transitions: NewDag, SetDag, RemoveDag (spec R-DAG-1..R-DAG-20, R-DAG-35..38)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from state import events as ev
from state import lag_manager, reconfigure
from state.model import DatabaseAvailabilityGroup
from state.rules import dag as rules
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World


@attrs.frozen
class NewDag(Transition):
    """New-DatabaseAvailabilityGroup: the directory object only (R-DAG-1).

    ``ip_addresses`` None = omitted (R-DAG-14 default); ``witness_share`` is the Beta 1 share
    name (``-FileShareWitnessShare \\\\srv\\share`` -> witness_server 'srv', share 'share')."""

    name: str
    witness_server: str | None = None
    witness_directory: str | None = None
    ip_addresses: tuple[str, ...] | None = None
    witness_share: str | None = None
    site: str | None = None           # the console's site, for the automatic witness (R-DAG-9)
    third_party_replication: str = "Disabled"     # R-DAG-5: only New- can enable it

    def check(self, world: "World") -> None:
        rules.dag_name_is_unique(world, self.name)             # the task's order: DAG, form, account
        rules.dag_name_is_netbios(self.name)
        rules.dag_name_is_free_for_a_computer(world, self.name)
        rules.parse_ip_addresses(world, list(self.ip_addresses) if self.ip_addresses is not None else None)
        witness = self._witness(world)
        rules.witness_directory_is_unshared(world, self.name, witness, self.witness_directory)
        rules.witness_reachable_or_directory_given(world, witness, self.witness_directory)

    def _witness(self, world: "World") -> str:
        if self.witness_server:
            rules.witness_is_a_host_name(self.witness_server)
            rules.witness_is_in_the_forest(world, self.witness_server)
            return self.witness_server
        site = self.site or (world.sites[0].name if world.sites else "Default-First-Site-Name")
        return rules.default_witness_server(world, site).name

    def apply(self, world: "World") -> list[ev.Event]:
        mode, addresses = rules.parse_ip_addresses(
            world, list(self.ip_addresses) if self.ip_addresses is not None else None)
        dag = DatabaseAvailabilityGroup(
            name=self.name, guid=world.new_guid(), organization=world.organization, domain=world.domain,
            when_created=world.now, when_changed=world.now, witness_server=self._witness(world),
            witness_directory=self.witness_directory, witness_share=self.witness_share,
            ip_mode=mode, ip_addresses=addresses, third_party_replication=self.third_party_replication)
        world.dags[self.name.lower()] = dag
        out = [ev.info(f"Database availability group '{self.name}' created.", "R-DAG-1")]
        if dag.third_party_replication == "Enabled":
            out.append(ev.warning(rules.R_DAG_5_WARNING.message(dag=dag.name), "R-DAG-5"))
        if not rules.witness_is_reachable(world, dag.witness_server):
            out.append(ev.warning(rules.R_DAG_10_WARNING.message(server=dag.witness_server), "R-DAG-10"))
        return out


# Settable DAG attributes and their canonicalising checks (R-DAG-35/36).
SETTABLE = ("witness_server", "witness_directory", "alternate_witness_server", "alternate_witness_directory",
            "network_compression", "network_encryption", "datacenter_activation_mode", "replication_port",
            "manual_dag_network_configuration", "ip_addresses", "witness_share",
            "allow_cross_site_rpc_client_access", "preference_move_frequency", "auto_dag_settings")


@attrs.frozen
class SetDag(Transition):
    """Set-DatabaseAvailabilityGroup. ``changes`` maps attribute names of
    DatabaseAvailabilityGroup (see SETTABLE) to new values; ``ip_addresses`` takes the raw list.
    ``changed(world)`` says whether any stored value would change (R-DAG-37)."""

    dag: str
    changes: tuple[tuple[str, Any], ...] = ()
    discover_networks: bool = False       # R-DAG-42
    skip_dag_validation: bool = False     # R-DAG-28

    @classmethod
    def of(cls, dag: str, discover_networks: bool = False, skip_dag_validation: bool = False,
           **changes: Any) -> "SetDag":
        return cls(dag, tuple(changes.items()), discover_networks, skip_dag_validation)

    def _normalised(self, world: "World") -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.changes:
            if key == "network_compression" or key == "network_encryption":
                param = "NetworkCompression" if key == "network_compression" else "NetworkEncryption"
                value = rules.compression_value_is_valid(value, param)
            elif key == "datacenter_activation_mode":
                value = rules.dac_mode_is_valid(value)
            elif key == "ip_addresses":
                # $null or an empty list means DHCP, as the task stores IPAddress.Any (R-DAG-14).
                mode, addrs = rules.parse_ip_addresses(world, list(value) if value else ["0.0.0.0"])
                out["ip_mode"] = mode
                value = addrs
            elif key == "witness_server" or (key == "alternate_witness_server" and value):
                rules.witness_is_a_host_name(value or "")     # the witness can't be cleared (R-DAG-7)
                rules.witness_is_in_the_forest(world, value)
            elif key == "preference_move_frequency":
                rules.preference_move_frequency_is_valid(value)
            elif key == "auto_dag_settings":            # a partial update by property name
                value = {**world.dag(self.dag).auto_dag_settings, **dict(value)}
            out[key] = value
        return out

    def check(self, world: "World") -> None:
        dag = world.dag(self.dag)
        values = self._normalised(world)
        rules.witness_is_not_a_member(dag, values.get("witness_server"))
        rules.witness_is_not_a_member(dag, values.get("alternate_witness_server"))     # R-DAG-13
        if "ip_mode" in values:
            rules.access_point_mode_is_kept(world, dag, values["ip_mode"])
        if values.get("ip_mode") == "Static":
            rules.addresses_are_on_mapi_subnets(dag, values["ip_addresses"])
        witness = values.get("witness_server", dag.witness_server)
        rules.witness_directory_is_unshared(world, dag.name, witness,
                                            values.get("witness_directory", dag.witness_directory))
        alternate = values.get("alternate_witness_server", dag.alternate_witness_server)
        alternate_directory = values.get("alternate_witness_directory", dag.alternate_witness_directory)
        rules.witness_directory_is_unshared(world, dag.name, alternate, alternate_directory)
        rules.alternate_on_the_witness_uses_its_directory(witness, values.get("witness_directory", dag.witness_directory),
                                                          alternate, alternate_directory)
        for key in self.changed(world):
            if key in rules.CLUSTER_DATABASE_SETTINGS:
                rules.cluster_database_is_writable(world, dag, rules.CLUSTER_DATABASE_SETTINGS[key])
        if self.discover_networks:
            rules.cluster_database_is_writable(world, dag, "DiscoverNetworks")
        if world.cluster_of(dag) is not None and len(dag.servers) % 2 == 0:
            rules.witness_share_can_be_created(world, dag, witness,
                                               values.get("witness_directory", dag.witness_directory))

    def _rewrites(self, world: "World", dag: DatabaseAvailabilityGroup) -> bool:
        """R-DAG-37/R-DAG-38: the task counts the witness settings, and (on a DAG with members) the
        settings it sends to the cluster, as written even when the values are the same; from
        Exchange 2013 on it writes the witness on every run, so it never reports "no settings"."""
        if world.version_at_least("2013"):
            return True
        given = {key for key, _ in self.changes}
        cluster_side = given & set(rules.CLUSTER_DATABASE_SETTINGS) | {"manual_dag_network_configuration"} & given
        witness = given & {"witness_server", "witness_directory", "alternate_witness_server",
                           "alternate_witness_directory"}
        return bool(witness) or (bool(dag.servers) and (bool(cluster_side) or self.discover_networks))

    def changed(self, world: "World") -> list[str]:
        dag = world.dag(self.dag)
        return [k for k, v in self._normalised(world).items() if getattr(dag, k) != v]

    def apply(self, world: "World") -> list[ev.Event]:
        dag = world.dag(self.dag)
        changed = self.changed(world)
        for key, value in self._normalised(world).items():
            setattr(dag, key, value)
        # R-DAG-41: back to automatic configuration rebuilds the networks, as -DiscoverNetworks does.
        back_to_automatic = "manual_dag_network_configuration" in changed and not dag.manual_dag_network_configuration
        rebuild = (self.discover_networks or back_to_automatic) and world.cluster_of(dag) is not None
        out = reconfigure.rediscover_networks(world, dag) if rebuild else []
        out += reconfigure.after_set_dag(world, dag)
        out += lag_manager.after_set_dag(world, dag)              # R-DB-11
        sharing = world.cluster_of(dag) is not None and len(dag.servers) % 2 == 0    # R-DAG-11 warns then
        if "witness_server" in changed and not sharing and not rules.witness_is_reachable(world, dag.witness_server):
            out.append(ev.warning(rules.R_DAG_10_WARNING.message(server=dag.witness_server), "R-DAG-10"))
        if "datacenter_activation_mode" in changed and dag.datacenter_activation_mode == "Off":
            dag.started_mailbox_servers, dag.stopped_mailbox_servers = [], []     # as the task clears them
        if self.skip_dag_validation:
            out = reconfigure.without_witness_warnings(out)
        if not changed and not self._rewrites(world, dag):
            return out + [ev.warning(rules.R_DAG_37.message(dag=dag.name), "R-DAG-37")]
        dag.when_changed = world.now
        return out + [ev.info(f"Database availability group '{dag.name}' changed: {', '.join(changed)}.")]


@attrs.frozen
class RemoveDag(Transition):
    """Remove-DatabaseAvailabilityGroup (R-DAG-4): only an empty DAG; its networks go with it."""

    dag: str

    def check(self, world: "World") -> None:
        rules.dag_has_no_members(world.dag(self.dag))

    def apply(self, world: "World") -> list[ev.Event]:
        dag = world.dags.pop(self.dag.lower())
        world.clusters.pop(dag.name.lower(), None)
        return [ev.info(f"Database availability group '{dag.name}' removed.", "R-DAG-4")]
