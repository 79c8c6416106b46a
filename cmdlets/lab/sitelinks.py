"""Set-LabSiteLink and Get-LabSiteLink: the WAN links between the lab's AD sites.

A link has a round-trip latency and can be cut: no real cmdlet cuts a WAN. Cutting one splits
every DAG stretched over it into sides; the side with a majority of the votes keeps the cluster
and fails the other side's databases over (R-SITE-11); restoring it merges the sides."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.lab.base import LabCmdlet
from state.transitions.sitelinks import SetSiteLink, site_name

LINK_TYPE = "exshell.Lab.LabSiteLink"


def link_record(world, pair: frozenset) -> PSObject:
    names = sorted((site_name(world, s) or s for s in pair),
                   key=lambda n: [s.name.lower() for s in world.sites].index(n.lower()))
    state = "Cut" if pair in world.partition.cut else "Connected"
    return PSObject((LINK_TYPE,), (("Site1", names[0]), ("Site2", names[-1]), ("Latency", world.links[pair]),
                                   ("State", state)), to_string=f"{names[0]}-{names[-1]}")


class _SiteLinkCmdlet(LabCmdlet):
    def site_or_error(self, name: str) -> str:
        found = site_name(self.world, name)
        if found is None:
            self.throw_terminating_error(self.error(
                f"The lab has no site named '{name}'.", "ObjectNotFound", "LabSiteNotFound",
                "System.Management.Automation.ItemNotFoundException", target=name, target_type="String"))
        return found


@cmdlet("Set-LabSiteLink")
class SetLabSiteLink(_SiteLinkCmdlet):
    """Cuts, restores or re-times the WAN link between two sites of the lab."""
    examples = (("Set-LabSiteLink Redmond Portland -Connected $false", "This example cuts the WAN between the two "
                 "datacenters: the side of the DAG with a majority of the votes keeps running."),
                ("Set-LabSiteLink -Site1 Redmond -Site2 Portland -Latency 250 -Connected $true", "This example "
                 "restores the link with a round-trip time of 250 ms; the two sides of the DAG merge again."))

    supports_should_process = True
    site1: str = param("String", position=0, mandatory=True)
    site2: str = param("String", position=1, mandatory=True)
    latency: int | None = param("Int32")
    connected: bool | None = param("Boolean")
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        one, two = self.site_or_error(self.site1), self.site_or_error(self.site2)
        pair = frozenset((one.lower(), two.lower()))
        if pair not in self.world.links or one.lower() == two.lower():
            self.throw_terminating_error(self.error(
                f"The lab has no link between sites '{one}' and '{two}'.", "ObjectNotFound", "LabSiteLinkNotFound",
                "System.Management.Automation.ItemNotFoundException", target=f"{one}-{two}", target_type="String"))
        if self.latency is not None and self.latency < 0:
            self.throw_terminating_error(self.error(
                f"The latency must not be negative; {self.latency} was given.", "InvalidArgument",
                "LabSiteLinkLatency", "System.ArgumentOutOfRangeException", target=self.latency,
                target_type="Int32"))
        if self.should_process(f"{one}-{two}"):
            self.world.commit(SetSiteLink(one, two, self.latency, self.connected))
            if self.pass_thru:
                self.write_object(link_record(self.world, pair))


@cmdlet("Get-LabSiteLink")
class GetLabSiteLink(_SiteLinkCmdlet):
    """Lists the WAN links between the lab's sites with their latency and state."""
    examples = (("Get-LabSiteLink", "This example lists every link between two sites: its round-trip latency in "
                 "milliseconds and whether it is connected or cut."),)

    site: str | None = param("String", position=0)

    def process_record(self) -> None:
        wanted = self.site_or_error(self.site).lower() if self.site is not None else None
        for pair in self.world.links:
            if wanted is None or wanted in pair:
                self.write_object(link_record(self.world, pair))
