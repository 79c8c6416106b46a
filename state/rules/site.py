"""Datacenter activation rules (spec: SITE): Stop-, Restore-, Start-DatabaseAvailabilityGroup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from state.rules.base import rule

if TYPE_CHECKING:
    from state.model import DatabaseAvailabilityGroup
    from state.world import World

R_SITE_4 = rule("R-SITE-4", "InvalidOperation",
                "Database availability group '{dag}' isn't in datacenter activation mode. Run "
                "Set-DatabaseAvailabilityGroup -DatacenterActivationMode DagOnly before you use {cmdlet}.")
R_SITE_5_NOT_MEMBER = rule("R-SITE-5", "InvalidOperation",
                           "Server '{server}' isn't a member of database availability group '{dag}'.")
R_SITE_5_NO_SERVERS = rule("R-SITE-5", "InvalidOperation",
                           "Active Directory site '{site}' has no members of database availability group '{dag}'.")
R_SITE_7_NOT_STOPPED = rule("R-SITE-7", "InvalidOperation",
                            "No servers of database availability group '{dag}' are stopped. Run "
                            "Stop-DatabaseAvailabilityGroup for the failed servers before you restore the group.")
R_SITE_7_NO_SURVIVORS = rule("R-SITE-7", "InvalidOperation",
                             "Database availability group '{dag}' can't be restored: no started member is left "
                             "in {where} to form the cluster.")
R_SITE_7_NO_WITNESS = rule("R-SITE-7", "InvalidOperation",
                           "Database availability group '{dag}' needs a witness for {count} surviving member(s), "
                           "but no alternate witness server is configured. Specify AlternateWitnessServer and "
                           "AlternateWitnessDirectory.")


def dac_mode_on(dag: "DatabaseAvailabilityGroup", cmdlet: str) -> None:
    """R-SITE-4: the datacenter switchover cmdlets need DatacenterActivationMode DagOnly."""
    if dag.datacenter_activation_mode != "DagOnly":
        raise R_SITE_4.violation(target=dag.name, dag=dag.name, cmdlet=cmdlet)


def servers_selected(world: "World", dag: "DatabaseAvailabilityGroup", servers: tuple[str, ...],
                     site: str | None) -> list[str]:
    """R-SITE-5: the members named, or every member in the AD site; at least one."""
    members = {m.lower(): m for m in dag.servers}
    if site is not None:
        chosen = [m for m in dag.servers if (world.server(m).site or "").lower() == site.lower()]
        if not chosen:
            raise R_SITE_5_NO_SERVERS.violation(target=site, site=site, dag=dag.name)
        return chosen
    out = []
    for name in servers:
        server = world.server(name)
        key = server.name.lower() if server else name.lower()
        if key not in members:
            raise R_SITE_5_NOT_MEMBER.violation(target=name, server=name, dag=dag.name)
        out.append(members[key])
    return out


def restore_possible(world: "World", dag: "DatabaseAvailabilityGroup", survivors: list[str], where: str,
                     needs_witness: bool, alternate: str | None) -> None:
    """R-SITE-7: something is stopped, someone survives, a witness exists when parity needs one."""
    if not dag.stopped_mailbox_servers:
        raise R_SITE_7_NOT_STOPPED.violation(target=dag.name, dag=dag.name)
    if not survivors:
        raise R_SITE_7_NO_SURVIVORS.violation(target=dag.name, dag=dag.name, where=where)
    if needs_witness and not alternate:
        raise R_SITE_7_NO_WITNESS.violation(target=dag.name, dag=dag.name, count=len(survivors))
