"""net.exe, for the service verbs of a datacenter switchover (R-CLUSTER-17): ``net stop clussvc``,
``net start clussvc [/forcequorum]``, and the same for the Exchange services, on the machine the
command runs on. Text and exit codes as net.exe prints them; other verbs print its usage line."""

from __future__ import annotations

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from state.transitions import SetClusterNodeState, SetServiceState

# service key (lower) -> (service name in the lab, display name)
SERVICES = {
    "clussvc": ("ClusSvc", "Cluster Service"),
    "cluster service": ("ClusSvc", "Cluster Service"),
    "msexchangerepl": ("MSExchangeRepl", "Microsoft Exchange Replication"),
    "msexchangeis": ("MSExchangeIS", "Microsoft Exchange Information Store"),
}
USAGE = ["The syntax of this command is:", "", "NET", "    [ ACCOUNTS | COMPUTER | CONFIG | CONTINUE | FILE | GROUP | HELP |",
         "      HELPMSG | LOCALGROUP | PAUSE | SESSION | SHARE | START |", "      STATISTICS | STOP | TIME | USE | USER | VIEW ]", ""]


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
        switches = [a.lower() for a in args[1:] if a.startswith("/")]
        name = " ".join(a for a in args[1:] if not a.startswith("/")).strip('"').lower()
        if verb not in ("start", "stop") or name not in SERVICES or (switches and switches != ["/forcequorum"]):
            self.finish(USAGE, 1)
            return
        server = self.world.server(self.runtime.computer_name or "")
        service, display = SERVICES[name]
        running = server.service_running(service) if server is not None else False
        if verb == "start" and running:
            self.finish(["The requested service has already been started.", "",
                         "More help is available by typing NET HELPMSG 2182.", ""], 2)
            return
        if verb == "stop" and not running:
            self.finish([f"The {display} service is not started.", "",
                         "More help is available by typing NET HELPMSG 3521.", ""], 2)
            return
        dag = self.world.dag_of(server)
        if service == "ClusSvc" and verb == "start" and dag is not None and self.world.cluster_of(dag) is not None:
            self.world.commit(SetClusterNodeState(dag.name, server.name, True, "/forcequorum" in switches))
        else:
            self.world.commit(SetServiceState(server.name, service, verb == "start"))
        state = ("starting", "started") if verb == "start" else ("stopping", "stopped")
        self.finish([f"The {display} service is {state[0]}.", f"The {display} service was {state[1]} successfully.",
                     ""], 0)

    def finish(self, lines: list[str], code: int) -> None:
        for line in lines:
            self.write_object(line)
        self.runtime.set_variable("LASTEXITCODE", code)


@cmdlet("net")
class NetByName(NetExe):
    """net (net.exe found on the path)."""
