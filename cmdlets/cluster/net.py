"""net.exe, for the service verbs of a datacenter switchover (R-CLUSTER-17): ``net stop clussvc``,
``net start clussvc [/forcequorum]``, and the same for every other service of the machine the
command runs on (by service or display name, state.model.service_catalog). Text and exit codes
as net.exe prints them; other verbs print its usage line. Stopping a service with running
dependents lists them and asks; without ``/y`` the answer is the default No (uncertain: what
net.exe prints after the question when no answer is typed). On a node without quorum the Cluster
service is not running (R-CLUSTER-16, cmdlets.windows.services.status_shown): ``net start`` starts
it again, ``net stop`` ends the restarts."""

from __future__ import annotations

from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.windows.services import status_shown
from state.model import service_catalog as catalog
from state.transitions import SetClusterNodeState, SetServiceState

USAGE = ["The syntax of this command is:", "", "NET", "    [ ACCOUNTS | COMPUTER | CONFIG | CONTINUE | FILE | GROUP | HELP |",
         "      HELPMSG | LOCALGROUP | PAUSE | SESSION | SHARE | START |", "      STATISTICS | STOP | TIME | USE | USER | VIEW ]", ""]
SWITCHES = {"/forcequorum", "/y", "/yes"}


def _helpmsg(text: str, number: int) -> list[str]:
    return [text, "", f"More help is available by typing NET HELPMSG {number}.", ""]


def find_service(server: Any, text: str) -> str | None:
    """The machine's service a net argument names: its service name or its display name."""
    low = text.lower()
    for name in server.services:
        spec = catalog.spec(server, name)
        if low in (name.lower(), spec.display_name.lower()) and not spec.driver:
            return name
    return None


@cmdlet("net.exe")
class NetExe(Cmdlet):
    """net.exe: start and stop services on this machine."""

    native_arguments = True
    application = True
    module = ""
    arguments: list[str] = []

    def begin_processing(self) -> None:
        args = list(self.arguments)
        verb = args[0].lower() if args else ""
        switches = {a.lower() for a in args[1:] if a.startswith("/")}
        text = " ".join(a for a in args[1:] if not a.startswith("/")).strip('"')
        if verb not in ("start", "stop") or not text or not switches <= SWITCHES:
            self.finish(USAGE, 1)
            return
        server = self.world.server(self.runtime.computer_name or "")
        service = find_service(server, text) if server is not None else None
        if service is None:
            self.finish(_helpmsg("The service name is invalid.", 2185), 2)
            return
        if verb == "start":
            self.start(server, service, "/forcequorum" in switches)
        else:
            self.stop(server, service, bool(switches & {"/y", "/yes"}))

    def start(self, server: Any, service: str, force_quorum: bool) -> None:
        """A Cluster service that is not running for want of quorum (status_shown) starts like
        a stopped one: plainly it fails to join again and nothing changes; with /forcequorum it
        forms the cluster (R-CLUSTER-17)."""
        display = catalog.spec(server, service).display_name
        if status_shown(self.world, server, service) == "Running" and server.service_running(service):
            self.finish(_helpmsg("The requested service has already been started.", 2182), 2)
            return
        if catalog.cannot_start(server, service):
            self.finish(["System error 1058 has occurred.", "", "The service cannot be started, either because it is "
                         "disabled or because it has no enabled devices associated with it.", ""], 2)
            return
        dag = self.world.dag_of(server)
        if service == "ClusSvc" and dag is not None and self.world.cluster_of(dag) is not None:
            if force_quorum or not server.service_running(service):
                self.world.commit(SetClusterNodeState(dag.name, server.name, True, force_quorum))
        else:
            self.world.commit(SetServiceState(server.name, service, True))
        self.finish([f"The {display} service is starting.", f"The {display} service was started successfully.", ""],
                    0)

    def stop(self, server: Any, service: str, yes: bool) -> None:
        """Stopping a service others depend on lists them and asks first (the default answer is
        No); /y answers Yes and each dependent stops before it, with its own lines."""
        spec = catalog.spec(server, service)
        if not server.service_running(service):
            self.finish(_helpmsg(f"The {spec.display_name} service is not started.", 3521), 2)
            return
        running = [d for d in catalog.dependents(server, service) if server.service_running(d)]
        if not spec.can_stop or any(not catalog.spec(server, d).can_stop for d in running):
            self.finish(_helpmsg("The requested pause, continue, or stop is not valid for this service.", 2191), 2)
            return
        lines: list[str] = []
        if running:
            lines += [f"The following services are dependent on the {spec.display_name} service.",
                      f"Stopping the {spec.display_name} service will also stop these services.", ""]
            lines += [f"   {catalog.spec(server, d).display_name}" for d in running] + [""]
            if not yes:
                self.finish(lines + ["Do you want to continue this operation? (Y/N) [N]: "], 2)
                return
        self.world.commit(SetServiceState(server.name, service, False))
        for name in running + [service]:
            display = catalog.spec(server, name).display_name
            lines += [f"The {display} service is stopping.", f"The {display} service was stopped successfully.", ""]
        self.finish(lines, 0)

    def finish(self, lines: list[str], code: int) -> None:
        for line in lines:
            self.write_object(line)
        self.runtime.set_variable("LASTEXITCODE", code)


@cmdlet("net")
class NetByName(NetExe):
    """net (net.exe found on the path)."""
