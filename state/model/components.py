"""Server component states (Exchange 2013+): which components a server has, who asked for which
state, and the state that follows from those requests.

A request (component, requester, state, time) is kept in two places, as Exchange keeps it: the
server's registry (its *local* states) and its Active Directory object (its *remote* states).
Reading a component reconciles the two (per requester the newer wins), then: any Inactive
request makes the component Inactive, else any Draining request makes it Draining, else it is
Active; with no request it has its default (Active; ForwardSyncDaemon and ProvisioningRps are
Inactive on premises). ServerWideOffline not Active makes every other component Inactive except
Monitoring and RecoveryActionsEnabled. (source: Exchange's ServerComponentStates reader; the
Set-ServerComponentState reference page)
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from attrs import frozen

SERVER_WIDE_OFFLINE = "ServerWideOffline"
HIGH_AVAILABILITY = "HighAvailability"

# Get-ServerComponentState lists components in this order (the product's component enumeration).
COMPONENTS_2013 = (
    "ServerWideOffline", "HubTransport", "FrontendTransport", "Monitoring", "RecoveryActionsEnabled",
    "AutoDiscoverProxy", "ActiveSyncProxy", "EcpProxy", "EwsProxy", "ImapProxy", "OabProxy", "OwaProxy",
    "PopProxy", "PushNotificationsProxy", "RpsProxy", "RwsProxy", "RpcProxy", "UMCallRouter", "XropProxy",
    "HttpProxyAvailabilityGroup", "ForwardSyncDaemon", "ProvisioningRps", "MapiProxy", "EdgeTransport",
    "HighAvailability", "SharedCache",
)
# Exchange 2016 and 2019 add these at the end (uncertain: the CU that added each is not modelled).
COMPONENTS_2016 = COMPONENTS_2013 + ("MailboxDeliveryProxy", "RoutingUpdates", "RestProxy", "DarRuntime")

REQUESTERS = ("HealthApi", "Maintenance", "Sidelined", "Functional", "Deployment")
STATES = ("Inactive", "Active", "Draining")          # ServiceState, in enumeration order
INACTIVE_BY_DEFAULT = frozenset({"ForwardSyncDaemon", "ProvisioningRps"})
NOT_SWITCHED_BY_SERVER_WIDE_OFFLINE = frozenset({"Monitoring", "RecoveryActionsEnabled"})


@frozen
class ComponentRequest:
    """One requester's wish for one component, with the time it was written."""

    component: str
    requester: str
    state: str
    timestamp: dt.datetime


def components_for(exchange_version: str) -> tuple[str, ...]:
    """The components a server of this Exchange version lists (none before 2013)."""
    if exchange_version == "2013":
        return COMPONENTS_2013
    if exchange_version in ("2016", "2019"):
        return COMPONENTS_2016
    return ()


def canonical(names: Iterable[str], text: str) -> str | None:
    """The component (or requester) name ``text`` spells, compared case-insensitively."""
    low = text.strip().lower()
    return next((n for n in names if n.lower() == low), None)


def default_state(component: str) -> str:
    return "Inactive" if component in INACTIVE_BY_DEFAULT else "Active"


def requests_for(entries: Iterable[ComponentRequest], component: str) -> list[ComponentRequest]:
    """Requests for one component; names are stored as canonical() spells them."""
    return [e for e in entries if e.component == component]


def reconcile(local: list[ComponentRequest], remote: list[ComponentRequest]) -> list[ComponentRequest]:
    """Local requests, each replaced by the same requester's remote request when that is newer;
    remote requests of requesters the registry lacks are added."""
    out = list(local)
    for far in remote:
        i = next((i for i, near in enumerate(out) if near.requester == far.requester), None)
        if i is None:
            out.append(far)
        elif out[i].timestamp < far.timestamp:
            out[i] = far
    return out


def combined_state(entries: list[ComponentRequest], default: str) -> str:
    if not entries:
        return default
    if any(e.state == "Inactive" for e in entries):
        return "Inactive"
    if any(e.state == "Draining" for e in entries):
        return "Draining"
    return "Active"


def direct_state(local: list[ComponentRequest], remote: list[ComponentRequest], component: str) -> str:
    """The component's own state, before the ServerWideOffline rule."""
    entries = reconcile(requests_for(local, component), requests_for(remote, component))
    return combined_state(entries, default_state(component))


def server_wide_offline(local: list[ComponentRequest], remote: list[ComponentRequest]) -> bool:
    return direct_state(local, remote, SERVER_WIDE_OFFLINE) != "Active"


def effective_state(local: list[ComponentRequest], remote: list[ComponentRequest], component: str) -> str:
    """The state Get-ServerComponentState shows and the product obeys."""
    if not local and not remote:
        return default_state(component)
    if component in NOT_SWITCHED_BY_SERVER_WIDE_OFFLINE or component == SERVER_WIDE_OFFLINE:
        return direct_state(local, remote, component)
    if server_wide_offline(local, remote):
        return "Inactive"
    return direct_state(local, remote, component)


def with_request(entries: list[ComponentRequest], request: ComponentRequest) -> list[ComponentRequest]:
    """The entries with this requester's earlier request for the component replaced."""
    keep = [e for e in entries if not (e.component == request.component and e.requester == request.requester)]
    return keep + [request]


_TICKS_EPOCH = dt.datetime(1, 1, 1)


def directory_value(request: ComponentRequest) -> str:
    """A request as the server's msExchComponentStates attribute stores it (Get-ExchangeServer's
    ComponentStates): ``1:component:requester:state number:.NET ticks of the time``."""
    delta = request.timestamp.replace(tzinfo=None) - _TICKS_EPOCH
    ticks = (delta.days * 86400 + delta.seconds) * 10**7 + delta.microseconds * 10
    return f"1:{request.component}:{request.requester}:{STATES.index(request.state)}:{ticks}"
