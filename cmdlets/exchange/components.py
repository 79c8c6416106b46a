"""Server component states (Exchange 2013+): Get-ServerComponentState, Set-ServerComponentState,
and Redirect-Message, the transport step of the documented maintenance procedure.

None of them is in the parameter catalog, so their parameters are declared here from the
reference pages (Identity at position 1, the rest named). A 2010 lab has neither: the shell
reports the name as not recognized, as for other version-gated commands."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import E2010_SNAPIN, SYSTEM_CONFIGURATION_TASKS, ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, SINCE_2013
from state.model import components as comp
from state.transitions.components import R_COMPONENT_NAME, SetServerComponentState as SetComponentState

PRESENTATION_TYPE = "Microsoft.Exchange.Data.Directory.Management.ServerComponentStatePresentationObject"
REQUESTER_DETAILS_TYPE = PRESENTATION_TYPE + "+RequesterDetails"
BASES = ("Microsoft.Exchange.Data.ConfigurableObject", "System.Object")
PROPERTIES = ("RunspaceId", "ServerFqdn", "Component", "State", "ServerWideOfflineIsOffline", "RemoteStates",
              "LocalStates", "Identity", "IsValid", "ObjectState")
REDIRECT = 'Redirecting the messages queued on server "{server}" to "{target}".'
CONFIRM = 'Setting the state of component "{component}" on server "{server}" to "{state}".'
COMPONENTS = {"from_catalog": False, "versions": SINCE_2013, "namespace": SYSTEM_CONFIGURATION_TASKS,
              "module": E2010_SNAPIN}


def _details(entries: list[comp.ComponentRequest] | None) -> list[PSObject] | None:
    if entries is None:
        return None
    return [PSObject((REQUESTER_DETAILS_TYPE, "System.Object"),
                     [("Requester", e.requester), ("State", e.state), ("Timestamp", e.timestamp),
                      ("Component", e.component)], to_string=REQUESTER_DETAILS_TYPE)
            for e in entries]


def component_state_record(server: Any, component: str, runspace_id: str) -> PSObject:
    """One component of one server, as Get-ServerComponentState writes it. LocalStates come from
    the server's registry: $null while the server is off."""
    local = comp.requests_for(server.local_component_states, component) if server.is_up else None
    remote = comp.requests_for(server.remote_component_states, component)
    local_all = server.local_component_states if server.is_up else []
    values = {
        "RunspaceId": runspace_id, "ServerFqdn": server.fqdn, "Component": component,
        "State": comp.effective_state(local_all, server.remote_component_states, component),
        "ServerWideOfflineIsOffline": component not in comp.NOT_SWITCHED_BY_SERVER_WIDE_OFFLINE
                                      and comp.server_wide_offline(local_all, server.remote_component_states),
        "RemoteStates": _details(remote), "LocalStates": _details(local),
        "Identity": server.name, "IsValid": True, "ObjectState": "New",
    }
    return PSObject((PRESENTATION_TYPE,) + BASES, [(n, values[n]) for n in PROPERTIES],
                    hidden=("RunspaceId",), to_string=server.name)


class ServerComponentTask(ExchangeCmdlet):
    """What both cmdlets share: the server, by name, FQDN or a piped server object."""

    identity: Identity = param("ServerIdParameter", position=0, mandatory=True, pipeline=True,
                               pipeline_by_name=True)


@cmdlet("Get-ServerComponentState", **COMPONENTS)
class GetServerComponentState(ServerComponentTask):
    """Lists the state of every component of an Exchange 2013+ server (or of one component)."""
    examples = (
        ("Get-ServerComponentState MBX1",
         "This example lists every component of MBX1 with its effective state."),
        ("Get-ServerComponentState MBX1 -Component HighAvailability | Format-List",
         "This example shows who set the HighAvailability component of MBX1, and when."),
    )

    component: str | None = param("String")
    domain_controller: str | None = param("Fqdn", ignored=DC_IGNORED)

    def process_record(self) -> None:
        server = self.resolve_one(ids.servers, self.identity)
        listed = comp.components_for(server.exchange_version)
        names = listed
        if self.component is not None:
            found = comp.canonical(listed, self.component)
            if found is None:
                self.refuse(R_COMPONENT_NAME.violation(target=self.component, component=self.component))
            names = (found,)
        for name in names:
            self.write_object(component_state_record(self.world.server(server.name), name, self.runspace_id()))


@cmdlet("Set-ServerComponentState", supports_should_process=True, **COMPONENTS)
class SetServerComponentState(ServerComponentTask):
    """Records a requester's state for one component of an Exchange 2013+ server, in Active
    Directory and in the server's registry. Any requester's Inactive wins; ServerWideOffline
    Inactive takes every component but Monitoring and RecoveryActionsEnabled offline, and a
    server whose HighAvailability component is Inactive gets no activations from Active Manager."""
    synopsis = "Sets the state of a server component for one requester."
    examples = (
        ("Set-ServerComponentState MBX1 -Component ServerWideOffline -State Inactive -Requester Maintenance",
         "This example puts MBX1 into maintenance mode."),
        ("Set-ServerComponentState MBX1 -Component HubTransport -State Draining -Requester Maintenance",
         "This example lets MBX1 finish the mail in its queues without accepting new mail."),
    )

    component: str = param("String", mandatory=True)
    requester: str = param("String", mandatory=True)
    state: str = param("ServiceState", mandatory=True, values=comp.STATES)
    local_only: bool = param("SwitchParameter", default=False)
    remote_only: bool = param("SwitchParameter", default=False)
    timeout_in_seconds: int = param("Int32", default=120, ignored="the registry write never times out here")
    domain_controller: str | None = param("Fqdn", ignored=DC_IGNORED)

    def process_record(self) -> None:
        server = self.resolve_single(ids.servers, self.identity)
        change = SetComponentState(server.name, self.component, self.requester, str(self.state),
                                   bool(self.local_only), bool(self.remote_only))
        self.check(change)
        request = change.request(self.world)
        text = CONFIRM.format(component=request.component, server=server.fqdn, state=request.state)
        if self.should_process(server.name, self.name, whatif_text=text, confirm_text=text):
            self.commit(change)


@cmdlet("Redirect-Message", supports_should_process=True, confirm_impact="High",
        **dict(COMPONENTS, namespace="Microsoft.Exchange.Management.QueueViewerTasks"))
class RedirectMessage(ExchangeCmdlet):
    """Hands the messages queued on a Mailbox server to other Mailbox servers, the step of the
    maintenance procedure after draining HubTransport. Mail transport is not emulated: the queues
    are empty, so the command confirms and does nothing else."""
    synopsis = "Drains the delivery queues of a Mailbox server to another Mailbox server."
    examples = (
        ("Redirect-Message -Server MBX1 -Target MBX2.contoso.com",
         "This example hands the messages queued on MBX1 to MBX2 before maintenance."),
    )

    server: Identity = param("ServerIdParameter", mandatory=True)
    target: list[str] = param("MultiValuedProperty", mandatory=True)

    def process_record(self) -> None:
        server = self.resolve_single(ids.mailbox_servers, self.server)
        targets = ", ".join(str(t) for t in (self.target if isinstance(self.target, list) else [self.target]))
        text = REDIRECT.format(server=server.fqdn, target=targets)
        self.should_process(server.name, self.name, whatif_text=text, confirm_text=text)
