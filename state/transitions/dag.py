"""DAG object transitions: NewDag, SetDag, RemoveDag (spec R-DAG-1..R-DAG-20, R-DAG-35..38)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from state import events as ev
from state import reconfigure
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

    def check(self, world: "World") -> None:
        rules.dag_name_is_netbios(self.name)
        rules.dag_name_is_unique(world, self.name)
        rules.parse_ip_addresses(world, list(self.ip_addresses) if self.ip_addresses is not None else None)
        self._witness(world)
        rules.witness_directory_is_unshared(world, self.name, self._witness(world), self.witness_directory)

    def _witness(self, world: "World") -> str:
        if self.witness_server:
            rules.witness_is_a_host_name(self.witness_server)
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
            ip_mode=mode, ip_addresses=addresses)
        world.dags[self.name.lower()] = dag
        return [ev.info(f"Database availability group '{self.name}' created.", "R-DAG-1")]


# Settable DAG attributes and their canonicalising checks (R-DAG-35/36).
SETTABLE = ("witness_server", "witness_directory", "alternate_witness_server", "alternate_witness_directory",
            "network_compression", "network_encryption", "datacenter_activation_mode", "replication_port",
            "manual_dag_network_configuration", "ip_addresses", "witness_share",
            "allow_cross_site_rpc_client_access")


@attrs.frozen
class SetDag(Transition):
    """Set-DatabaseAvailabilityGroup. ``changes`` maps attribute names of
    DatabaseAvailabilityGroup (see SETTABLE) to new values; ``ip_addresses`` takes the raw list.
    ``changed(world)`` says whether any stored value would change (R-DAG-37)."""

    dag: str
    changes: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, dag: str, **changes: Any) -> "SetDag":
        return cls(dag, tuple(changes.items()))

    def _normalised(self, world: "World") -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.changes:
            if key == "network_compression" or key == "network_encryption":
                param = "NetworkCompression" if key == "network_compression" else "NetworkEncryption"
                value = rules.compression_value_is_valid(value, param)
            elif key == "datacenter_activation_mode":
                value = rules.dac_mode_is_valid(value)
            elif key == "ip_addresses":
                mode, addrs = rules.parse_ip_addresses(world, list(value) if value is not None else [])
                out["ip_mode"] = mode
                value = addrs
            elif key in ("witness_server", "alternate_witness_server") and value:
                rules.witness_is_a_host_name(value)
            out[key] = value
        return out

    def check(self, world: "World") -> None:
        dag = world.dag(self.dag)
        values = self._normalised(world)
        rules.witness_is_not_a_member(dag, values.get("witness_server"))
        rules.witness_is_not_a_member(dag, values.get("alternate_witness_server"))
        if values.get("ip_mode") == "Static":
            rules.addresses_are_on_mapi_subnets(dag, values["ip_addresses"])
        rules.witness_directory_is_unshared(world, dag.name, values.get("witness_server", dag.witness_server),
                                            values.get("witness_directory", dag.witness_directory))

    def changed(self, world: "World") -> list[str]:
        dag = world.dag(self.dag)
        return [k for k, v in self._normalised(world).items() if getattr(dag, k) != v]

    def apply(self, world: "World") -> list[ev.Event]:
        dag = world.dag(self.dag)
        changed = self.changed(world)
        for key, value in self._normalised(world).items():
            setattr(dag, key, value)
        out = reconfigure.after_set_dag(world, dag)
        if not changed:
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
