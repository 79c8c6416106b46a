"""SetSiteLink: cut, restore or re-time the WAN link between two AD sites (lab control).

The cluster re-counts its sides at once (R-SITE-11): members that lost the majority side are
Down in its view and their databases fail over; log shipping across the cut stops and the
copies report Disconnected (R-COPY-11); a restored link merges the sides (R-SITE-3, R-COPY-6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import active_manager as am, events as ev, partition, replication as repl
from state.rules.base import Rule
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World

# Lab-control refusals: not Exchange behaviour, so not in the spec's registry.
UNKNOWN_SITE = Rule("LAB-SITE", "ObjectNotFound", "The lab has no site named '{site}'.")
NO_LINK = Rule("LAB-SITELINK", "ObjectNotFound", "The lab has no link between sites '{site1}' and '{site2}'.")
BAD_LATENCY = Rule("LAB-SITELINK", "InvalidArgument", "The latency must not be negative; {latency} was given.")


def site_name(world: "World", name: str) -> str | None:
    """The lab's spelling of a site name, or None."""
    return next((s.name for s in world.sites if s.name.lower() == name.lower()), None)


@attrs.frozen
class SetSiteLink(Transition):
    site1: str
    site2: str
    latency: int | None = None
    connected: bool | None = None

    @property
    def pair(self) -> frozenset:
        return frozenset((self.site1.lower(), self.site2.lower()))

    def check(self, world: "World") -> None:
        for site in (self.site1, self.site2):
            if site_name(world, site) is None:
                raise UNKNOWN_SITE.violation(target=site, site=site)
        if self.pair not in world.links:
            raise NO_LINK.violation(target=f"{self.site1}-{self.site2}", site1=self.site1, site2=self.site2)
        if self.latency is not None and self.latency < 0:
            raise BAD_LATENCY.violation(target=self.latency, latency=self.latency)

    def apply(self, world: "World") -> list[ev.Event]:
        out: list[ev.Event] = []
        if self.latency is not None:
            world.links[self.pair] = self.latency
        names = f"'{site_name(world, self.site1)}' and '{site_name(world, self.site2)}'"
        if self.connected is None or self.connected == (self.pair not in world.partition.cut):
            return out
        if self.connected:                # heartbeats answer at once: the sides merge now
            world.partition.cut.discard(self.pair)
            out.append(ev.info(f"The link between sites {names} is restored.", "R-SITE-11"))
            out += partition.reevaluate_all(world)
        else:                             # log shipping breaks now; the cluster notices after R-TIMING-5
            world.partition.cut.add(self.pair)
            out.append(ev.info(f"The link between sites {names} is cut.", "R-SITE-11"))
            world.clock.call_later(am.HEARTBEAT_DETECTION_SECONDS, SidesRecounted())
        return out + repl.networks_changed(world)


@attrs.frozen
class SidesRecounted:
    """Missed heartbeats across a cut link (R-TIMING-5): every DAG counts its sides again."""

    def __call__(self, world: "World") -> None:
        world.record(partition.reevaluate_all(world))
