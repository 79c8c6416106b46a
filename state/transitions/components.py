"""Set-ServerComponentState (Exchange 2013+): SetServerComponentState and its checks, and the
switchover check that keeps active databases off a server whose HighAvailability component is
Inactive.

The checks are those Exchange's task makes before writing (component name, requester name, the
LocalOnly/RemoteOnly switches); it has no rule in the behaviour spec, hence the X- ids. Draining
is accepted for any component, as the task accepts it (only transport components act on it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state.model import components as comp
from state.rules.base import rule
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.events import Event
    from state.model import DatabaseCopy, Server
    from state.world import World

R_COMPONENT_NAME = rule("X-COMP-1", "InvalidArgument",
                        "The component name '{component}' isn't valid. Run Get-ServerComponentState to see the "
                        "components of the server.")
R_REQUESTER = rule("X-COMP-2", "InvalidArgument",
                   "The requester '{requester}' isn't valid. Valid requesters are: {valid}.")
R_LOCAL_ONLY_COMPONENT = rule("X-COMP-3", "InvalidArgument",
                              "The state of component '{component}' can't be set with -LocalOnly.")
R_LOCAL_AND_REMOTE = rule("X-COMP-4", "InvalidArgument",
                          "The LocalOnly and RemoteOnly switches can't be used together.")
R_UNREACHABLE = rule("X-COMP-5", "ResourceUnavailable",
                     "The registry of server '{server}' couldn't be updated: the server isn't reachable.")
R_AM_17_OFFLINE = rule("R-AM-17", "InvalidOperation",
                       "An Active Manager operation failed. Error: Database copy '{db}' on server '{server}' can't "
                       "be activated: the HighAvailability component of the server is Inactive. Use "
                       "-SkipHealthChecks to override this check.")


def switchover_target_online(world: "World", copy: "DatabaseCopy", skip_health_checks: bool) -> None:
    """R-AM-17 [2013+]: an admin switchover to a server whose HighAvailability component is
    Inactive (or ServerWideOffline Inactive) is refused unless -SkipHealthChecks (or
    -SkipAllChecks) is given: best copy selection counts the copy as not healthy, the first
    thing its health check looks at. Automatic selection never picks that server (R-AM-6)."""
    server = world.server(copy.server)
    if server is not None and server.high_availability_offline and not skip_health_checks:
        raise R_AM_17_OFFLINE.violation(target=copy.identity, db=world.database_of(copy).name, server=server.name)


def listed_components(server: "Server") -> tuple[str, ...]:
    return comp.components_for(server.exchange_version)


@attrs.frozen
class SetServerComponentState(Transition):
    """Set-ServerComponentState -Identity s -Component c -State st -Requester r [-LocalOnly]
    [-RemoteOnly]: writes the request to the directory (unless -LocalOnly) and to the server's
    registry (unless -RemoteOnly; skipped while the server is off, an error with -LocalOnly)."""

    server: str
    component: str
    requester: str
    state: str
    local_only: bool = False
    remote_only: bool = False

    def check(self, world: "World") -> None:
        server = world.server(self.server)
        component = comp.canonical(listed_components(server), self.component)
        if component is None:
            raise R_COMPONENT_NAME.violation(target=self.component, component=self.component)
        if self.local_only and component in comp.NOT_SWITCHED_BY_SERVER_WIDE_OFFLINE:
            raise R_LOCAL_ONLY_COMPONENT.violation(target=component, component=component)
        if comp.canonical(comp.REQUESTERS, self.requester) is None:
            raise R_REQUESTER.violation(target=self.requester, requester=self.requester,
                                        valid=",".join(comp.REQUESTERS))
        if self.local_only and self.remote_only:
            raise R_LOCAL_AND_REMOTE.violation(target=server.name)
        if self.local_only and not server.is_up:
            raise R_UNREACHABLE.violation(target=server.name, server=server.fqdn)

    def request(self, world: "World") -> comp.ComponentRequest:
        server = world.server(self.server)
        component = comp.canonical(listed_components(server), self.component)
        requester = comp.canonical(comp.REQUESTERS, self.requester)
        state = comp.canonical(comp.STATES, self.state)
        return comp.ComponentRequest(component, requester, state, world.now)

    def apply(self, world: "World") -> list["Event"]:
        server = world.server(self.server)
        request = self.request(world)
        if not self.local_only:
            server.remote_component_states = comp.with_request(server.remote_component_states, request)
        if not self.remote_only and server.is_up:
            server.local_component_states = comp.with_request(server.local_component_states, request)
        return []
