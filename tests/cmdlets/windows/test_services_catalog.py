"""The Windows services of a lab machine (roles, Exchange version, domain controller) and the
*-Service cmdlets over them: listing, dependencies, -Force, and the rule effects of the
services that stop with a dependency (R-AM-3, R-COPY-13)."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from exshell import Shell
from state.build import add_server
from state.model import service_catalog
from state.world import World

HEADER = ("\n"
          "Status   Name               DisplayName\n"
          "------   ----               -----------\n")

# the last services, the same on both Mailbox servers (2008 R2 and 2012)
WINDOWS_AND_BACKUP = (
    "Running  RemoteRegistry     Remote Registry\n"
    "Running  RpcSs              Remote Procedure Call (RPC)\n"
    "Running  W3SVC              World Wide Web Publishing Service\n"
    "Running  WAS                Windows Process Activation Service\n"
    "Running  Winmgmt            Windows Management Instrumentation\n"
    "Running  WinRM              Windows Remote Management (WS-Manag...\n"
    "Stopped  WSBExchange        Microsoft Exchange Server Extension...\n"
    "\n")

MAILBOX_2010 = HEADER + (
    "Running  EventLog           Windows Event Log\n"
    "Running  IISADMIN           IIS Admin Service\n"
    "Running  KeyIso             CNG Key Isolation\n"
    "Running  LanmanServer       Server\n"
    "Running  LanmanWorkstation  Workstation\n"
    "Running  MSExchangeADTop... Microsoft Exchange Active Directory...\n"
    "Running  MSExchangeIS       Microsoft Exchange Information Store\n"
    "Running  MSExchangeMailb... Microsoft Exchange Mailbox Assistants\n"
    "Running  MSExchangeMailS... Microsoft Exchange Mail Submission\n"
    "Stopped  MSExchangeMonit... Microsoft Exchange Monitoring\n"
    "Running  MSExchangeRepl     Microsoft Exchange Replication Service\n"
    "Running  MSExchangeRPC      Microsoft Exchange RPC Client Access\n"
    "Running  MSExchangeSA       Microsoft Exchange System Attendant\n"
    "Running  MSExchangeSearch   Microsoft Exchange Search Indexer\n"
    "Running  MSExchangeServi... Microsoft Exchange Service Host\n"
    "Running  MSExchangeThrot... Microsoft Exchange Throttling\n"
    "Running  MSExchangeTrans... Microsoft Exchange Transport Log Se...\n"
    "Running  Netlogon           Netlogon\n"
    "Stopped  NetTcpPortSharing  Net.Tcp Port Sharing Service\n"
    ) + WINDOWS_AND_BACKUP

MAILBOX_2013 = HEADER + (
    "Running  ClusSvc            Cluster Service\n"
    "Running  EventLog           Windows Event Log\n"
    "Running  FMS                Microsoft Filtering Management Service\n"
    "Running  HostControllerS... Microsoft Exchange Search Host Cont...\n"
    "Running  IISADMIN           IIS Admin Service\n"
    "Running  KeyIso             CNG Key Isolation\n"
    "Running  LanmanServer       Server\n"
    "Running  LanmanWorkstation  Workstation\n"
    "Running  MSExchangeADTop... Microsoft Exchange Active Directory...\n"
    "Running  MSExchangeAntis... Microsoft Exchange Anti-spam Update\n"
    "Running  MSExchangeDagMgmt  Microsoft Exchange DAG Management\n"
    "Running  MSExchangeDelivery Microsoft Exchange Mailbox Transpor...\n"
    "Running  MSExchangeDiagn... Microsoft Exchange Diagnostics\n"
    "Running  MSExchangeEdgeSync Microsoft Exchange EdgeSync\n"
    "Running  MSExchangeFastS... Microsoft Exchange Search\n"
    "Running  MSExchangeHM       Microsoft Exchange Health Manager\n"
    "Stopped  MSExchangeIMAP4BE  Microsoft Exchange IMAP4 Backend\n"
    "Running  MSExchangeIS       Microsoft Exchange Information Store\n"
    "Running  MSExchangeMailb... Microsoft Exchange Mailbox Assistants\n"
    "Running  MSExchangeMailb... Microsoft Exchange Mailbox Replication\n"
    "Stopped  MSExchangePOP3BE   Microsoft Exchange POP3 Backend\n"
    "Running  MSExchangeRepl     Microsoft Exchange Replication\n"
    "Running  MSExchangeRPC      Microsoft Exchange RPC Client Access\n"
    "Running  MSExchangeServi... Microsoft Exchange Service Host\n"
    "Running  MSExchangeSubmi... Microsoft Exchange Mailbox Transpor...\n"
    "Running  MSExchangeThrot... Microsoft Exchange Throttling\n"
    "Running  MSExchangeTrans... Microsoft Exchange Transport\n"
    "Running  MSExchangeTrans... Microsoft Exchange Transport Log Se...\n"
    "Running  MSExchangeUM       Microsoft Exchange Unified Messaging\n"
    "Running  Netlogon           Netlogon\n"
    "Running  NetTcpPortSharing  Net.Tcp Port Sharing Service\n"
    ) + WINDOWS_AND_BACKUP

DAG_2010 = (r"New-DatabaseAvailabilityGroup -Name DAG1 -WitnessServer HUB01 -WitnessDirectory C:\DAG1 "
            "-DatabaseAvailabilityGroupIpAddresses 192.168.1.50 | Out-Null",
            "Add-DatabaseAvailabilityGroupServer DAG1 MBX1", "Add-DatabaseAvailabilityGroupServer DAG1 MBX2",
            "Add-MailboxDatabaseCopy DB1 MBX2 | Out-Null")


@pytest.fixture(scope="module")
def seed002():
    return Shell(lab="seed002")


def test_get_service_on_a_2010_mailbox_server_lists_its_services_by_name():
    assert Shell().run("Get-Service").text == MAILBOX_2010


def test_get_service_on_a_2013_mailbox_server_lists_its_services_by_name(seed002):
    assert seed002.run("Get-Service -ComputerName MBX2").text == MAILBOX_2013


def test_a_domain_controller_runs_dns_and_directory_services_and_no_exchange_or_cluster_service():
    names = Shell().run("Get-Service -ComputerName DC01 | ForEach-Object { $_.Name }").objects
    assert names == ["DNS", "EventLog", "LanmanServer", "LanmanWorkstation", "Netlogon", "NTDS",
                     "RemoteRegistry", "RpcSs", "Winmgmt", "WinRM"]


def test_a_hub_and_client_access_server_has_the_2010_transport_and_client_access_services():
    names = Shell().run("Get-Service -ComputerName HUB01 MSExchange* | ForEach-Object { $_.Name }").objects
    assert names == ["MSExchangeAB", "MSExchangeADTopology", "MSExchangeAntispamUpdate", "MSExchangeEdgeSync",
                     "MSExchangeFBA", "MSExchangeFDS", "MSExchangeIMAP4", "MSExchangeMailboxReplication",
                     "MSExchangeMonitoring", "MSExchangePOP3", "MSExchangeProtectedServiceHost", "MSExchangeRPC",
                     "MSExchangeServiceHost", "MSExchangeTransport", "MSExchangeTransportLogSearch"]


def test_a_2013_client_access_server_has_the_front_end_services_only(seed002):
    names = seed002.run("(Get-Service -ComputerName CAS1 MSExchange*).Name").objects
    assert names == ["MSExchangeADTopology", "MSExchangeDiagnostics", "MSExchangeFrontEndTransport",
                     "MSExchangeHM", "MSExchangeIMAP4", "MSExchangePOP3", "MSExchangeServiceHost", "MSExchangeUMCR"]


def test_display_name_include_and_exclude_select_services():
    shell = Shell()
    assert shell.run("(Get-Service -DisplayName 'Microsoft Exchange Repl*').Name").objects == ["MSExchangeRepl"]
    names = shell.run("(Get-Service MSExchange* -Include *Mail* -Exclude *Assistants).Name").objects
    assert names == ["MSExchangeMailSubmission"]
    err, = shell.run("Get-Service -DisplayName 'No such service'").errors
    assert err.message == "Cannot find any service with display name 'No such service'."
    assert err.fully_qualified_error_id == ("NoServiceFoundForGivenDisplayName,"
                                            "Microsoft.PowerShell.Commands.GetServiceCommand")


def test_required_services_are_the_direct_ones_and_dependent_services_every_one():
    shell = Shell()
    assert shell.run("(Get-Service MSExchangeRepl -RequiredServices).Name").objects == ["MSExchangeADTopology"]
    dependents = shell.run("Get-Service MSExchangeADTopology -DependentServices | ForEach-Object { $_.Name }").objects
    assert dependents == ["MSExchangeMailboxAssistants", "MSExchangeMailSubmission", "MSExchangeRepl",
                          "MSExchangeRPC", "MSExchangeSA", "MSExchangeSearch", "MSExchangeServiceHost",
                          "MSExchangeThrottling", "MSExchangeTransportLogSearch"]
    # a dependent of a dependent counts too: W3SVC needs WAS, WAS needs RpcSs
    assert "W3SVC" in [s.get("Name") for s in shell.run("(Get-Service RpcSs).DependentServices").objects]


def test_the_2010_information_store_needs_only_windows_services_the_2013_one_the_topology_service(seed002):
    required = "(Get-Service MSExchangeIS).ServicesDependedOn | ForEach-Object { $_.Name }"
    assert Shell().run(required).objects == ["EventLog", "LanmanServer", "LanmanWorkstation", "RpcSs"]
    assert seed002.run(required).objects[0] == "MSExchangeADTopology"


def test_start_type_is_a_property_of_the_2013_shells_not_of_the_2010_one(seed002):
    assert seed002.run("(Get-Service MSExchangeIMAP4BE).StartType").objects == ["Manual"]
    assert Shell().run("(Get-Service MSExchangeRepl).StartType").objects == [None]


def test_a_kernel_driver_answers_to_its_name_but_is_not_listed():
    shell = Shell()
    assert shell.run("(Get-Service HTTP).ServiceType").objects == ["KernelDriver"]
    assert shell.run("Get-Service H*").text == ""


def test_stopping_a_service_with_running_dependents_needs_force_and_changes_nothing():
    shell = Shell()
    before = shell.world.snapshot()
    res = shell.run("Stop-Service MSExchangeADTopology")
    err, = res.errors
    assert err.message == ("Cannot stop service 'Microsoft Exchange Active Directory Topology "
                           "(MSExchangeADTopology)' because it has dependent services. It can only be stopped if "
                           "the Force flag is set.")
    assert err.category == "InvalidOperation"
    assert err.fully_qualified_error_id == "ServiceHasDependentServices,Microsoft.PowerShell.Commands.StopServiceCommand"
    assert shell.world.snapshot() == before


def test_restart_without_force_is_refused_the_same_way_and_changes_nothing():
    shell = Shell()
    before = shell.world.snapshot()
    err, = shell.run("Restart-Service MSExchangeADTopology").errors
    assert err.fully_qualified_error_id == ("ServiceHasDependentServices,"
                                            "Microsoft.PowerShell.Commands.RestartServiceCommand")
    assert shell.world.snapshot() == before


def test_a_service_windows_does_not_let_stop_is_refused_even_with_force():
    shell = Shell()
    before = shell.world.snapshot()
    err, = shell.run("Stop-Service RpcSs -Force").errors
    assert err.message == ("Service 'Remote Procedure Call (RPC) (RpcSs)' cannot be stopped due to the following "
                           "error: Cannot stop RpcSs service on computer '.'.")
    assert err.fully_qualified_error_id == "CouldNotStopService,Microsoft.PowerShell.Commands.StopServiceCommand"
    assert shell.world.snapshot() == before


def test_force_stops_the_dependents_first_and_passthru_lists_them_then_the_service():
    shell = Shell()
    res = shell.run("Stop-Service LanmanWorkstation -Force -PassThru")
    assert [(o.get("Name"), o.get("Status")) for o in res.objects] == [
        ("MSExchangeIS", "Stopped"), ("Netlogon", "Stopped"), ("LanmanWorkstation", "Stopped")]


def test_a_stopped_dependent_does_not_block_the_stop():
    shell = Shell()
    assert shell.run("Stop-Service Netlogon; Stop-Service MSExchangeIS").ok
    res = shell.run("Stop-Service LanmanWorkstation -PassThru")
    assert res.ok and [o.get("Name") for o in res.objects] == ["LanmanWorkstation"]


def test_start_service_starts_what_the_service_requires_first():
    shell = Shell()
    shell.run("Stop-Service MSExchangeADTopology -Force")
    assert shell.run("(Get-Service MSExchangeRepl).Status").objects == ["Stopped"]
    assert shell.run("Start-Service MSExchangeRepl").ok
    status = shell.run("Get-Service MSExchangeADTopology, MSExchangeRepl, MSExchangeSA | "
                       "ForEach-Object { $_.Name + '=' + $_.Status }").objects
    assert status == ["MSExchangeADTopology=Running", "MSExchangeRepl=Running", "MSExchangeSA=Stopped"]


def test_restart_service_msexchangetransport_of_the_maintenance_procedure_works(seed002):
    """Step of the 2013 maintenance procedure: the transport service restarts; no dependents."""
    res = seed002.run("Restart-Service MSExchangeTransport -PassThru")
    assert res.ok
    assert [(o.get("Name"), o.get("Status")) for o in res.objects] == [("MSExchangeTransport", "Running")]


def test_restart_with_force_starts_again_every_service_it_stopped():
    shell = Shell()
    res = shell.run("Restart-Service MSExchangeADTopology -Force -PassThru")
    assert res.ok
    assert {o.get("Name") for o in res.objects} == {
        "MSExchangeADTopology", "MSExchangeMailboxAssistants", "MSExchangeMailSubmission", "MSExchangeRepl",
        "MSExchangeRPC", "MSExchangeSA", "MSExchangeSearch", "MSExchangeServiceHost", "MSExchangeThrottling",
        "MSExchangeTransportLogSearch"}
    assert shell.run("Get-Service MSExchange* | Where-Object { $_.Status -eq 'Stopped' } | "
                     "ForEach-Object { $_.Name }").objects == ["MSExchangeMonitoring"]


def test_r_am_3_stopping_the_topology_service_with_force_fails_the_2013_databases_over():
    """R-AM-3: on 2013 the Information Store requires MSExchangeADTopology, so -Force stops the
    store with it and MBX1's active database fails over; its Replication service stopping
    puts MBX1's copy in ServiceDown (R-COPY-13)."""
    shell = Shell(lab="seed002")
    assert shell.run("(Get-MailboxDatabase DB1 -Status).MountedOnServer").objects == ["MBX1.contoso.com"]
    assert shell.run("Stop-Service MSExchangeADTopology -Force").ok
    shell.run("Start-Sleep 60")
    assert shell.run("(Get-MailboxDatabase DB1 -Status).MountedOnServer").objects != ["MBX1.contoso.com"]
    assert shell.run(r"(Get-MailboxDatabaseCopyStatus DB1\MBX1).Status").objects == ["ServiceDown"]


def test_r_copy_13_stopping_the_2010_topology_service_takes_replication_down_but_not_the_store():
    """R-COPY-13 on 2010: the Replication service depends on MSExchangeADTopology and stops with
    it; the 2010 Information Store does not, so the active database stays mounted."""
    shell = Shell()
    for cmd in DAG_2010:
        assert shell.run(cmd).ok
    assert shell.run("Get-Service -ComputerName MBX2 MSExchangeADTopology | Stop-Service -Force").ok
    assert shell.run(r"(Get-MailboxDatabaseCopyStatus DB1\MBX2).Status").objects == ["ServiceDown"]
    assert shell.run("(Get-Service -ComputerName MBX2 MSExchangeIS).Status").objects == ["Running"]
    assert shell.run("(Get-MailboxDatabase DB1 -Status).MountedOnServer").objects == ["MBX1.contoso.com"]


def test_a_rebooted_server_comes_back_with_its_automatic_services_running():
    shell = Shell()
    shell.run("Stop-Service MSExchangeADTopology -Force")
    shell.run("Restart-Computer MBX1 -Force -Wait -For PowerShell")
    stopped = shell.run("Get-Service | Where-Object { $_.Status -eq 'Stopped' } | ForEach-Object { $_.Name }").objects
    assert stopped == ["MSExchangeMonitoring", "NetTcpPortSharing", "WSBExchange"]


SERVICES_2013 = [s.name for s in service_catalog.catalog(Shell(lab="seed002").world.server("MBX1")).values()]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(SERVICES_2013), st.booleans()), min_size=1, max_size=4))
def test_no_running_service_ever_requires_a_stopped_one(seed002, steps):
    """Whatever is stopped (with -Force) or started, a running service's requirements run."""
    server = seed002.world.server("MBX1")
    start = seed002.world.checkpoint()
    try:
        for name, starting in steps:
            seed002.run(f"Start-Service {name}" if starting else f"Stop-Service {name} -Force")
        for name, status in server.services.items():
            if status == "Running":
                assert all(server.services[r] == "Running" for r in service_catalog.required(server, name)), name
    finally:
        seed002.world.restore(start)


def test_net_stop_of_a_service_with_dependents_asks_and_without_an_answer_changes_nothing():
    shell = Shell()
    assert shell.run("net stop MSExchangeSearch").objects == [
        "The Microsoft Exchange Search Indexer service is stopping.",
        "The Microsoft Exchange Search Indexer service was stopped successfully.", ""]
    before = shell.world.snapshot()
    res = shell.run("net stop LanmanWorkstation")
    assert res.objects == [
        "The following services are dependent on the Workstation service.",
        "Stopping the Workstation service will also stop these services.", "",
        "   Microsoft Exchange Information Store", "   Netlogon", "",
        "Do you want to continue this operation? (Y/N) [N]: "]
    assert shell.world.snapshot() == before
    assert shell.run("$LASTEXITCODE").objects == [2]


def test_net_stop_y_stops_the_dependents_first_by_display_name_too():
    shell = Shell()
    res = shell.run('net stop "Workstation" /y')
    assert res.objects[-6:] == [
        "The Netlogon service is stopping.", "The Netlogon service was stopped successfully.", "",
        "The Workstation service is stopping.", "The Workstation service was stopped successfully.", ""]
    assert shell.run("(Get-Service MSExchangeIS).Status").objects == ["Stopped"]


def test_net_names_an_unknown_service_and_a_service_that_cannot_stop():
    shell = Shell()
    assert shell.run("net stop NoSuchService").objects == [
        "The service name is invalid.", "", "More help is available by typing NET HELPMSG 2185.", ""]
    assert shell.run("net stop RpcSs; $LASTEXITCODE").objects == [
        "The requested pause, continue, or stop is not valid for this service.", "",
        "More help is available by typing NET HELPMSG 2191.", "", 2]


def test_restart_service_warns_every_two_seconds_while_the_service_starts():
    """The restart takes R-TIMING-11 (10 s): four 2-second waits pass before the service runs."""
    shell = Shell(lab="seed002")
    res = shell.run("Restart-Service MSExchangeTransport")
    assert res.warnings == ["Waiting for service 'Microsoft Exchange Transport (MSExchangeTransport)' to start..."] * 4
    assert shell.run("(Get-Date).ToString('HH:mm:ss')").objects == ["10:08:58"]


def test_a_2007_mailbox_server_has_no_service_exchange_2010_introduced():
    server = add_server(World("2007"), "MBX1", ["Mailbox"], "Windows Server 2008 Enterprise")
    assert "MSExchangeRepl" in server.services and "MSExchangeSA" in server.services
    assert not {"MSExchangeRPC", "MSExchangeThrottling"} & set(server.services)


def test_set_service_disabled_service_cannot_start_and_no_longer_counts_for_health():
    shell = Shell(lab="seed002")
    assert shell.run("Set-Service MSExchangeTransport -StartupType Disabled; Stop-Service MSExchangeTransport").ok
    assert shell.run("(Get-Service MSExchangeTransport).StartType").objects == ["Disabled"]
    before = shell.world.snapshot()
    err, = shell.run("Start-Service MSExchangeTransport").errors
    assert err.message == ("Service 'Microsoft Exchange Transport (MSExchangeTransport)' cannot be started due to "
                           "the following error: Cannot start service MSExchangeTransport on computer '.'.")
    assert err.fully_qualified_error_id == "CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand"
    assert shell.world.snapshot() == before
    hub = shell.run("Test-ServiceHealth").objects[2]
    assert (hub.get("RequiredServicesRunning"), hub.get("ServicesNotRunning")) == (True, [])


def test_set_service_automatic_and_running_starts_a_manual_service_and_it_runs_after_a_reboot():
    shell = Shell()
    res = shell.run("Set-Service MSExchangeIMAP4 -ComputerName HUB01 -StartupType Automatic -Status Running "
                    "-PassThru")
    assert [(o.get("Name"), o.get("Status")) for o in res.objects] == [("MSExchangeIMAP4", "Running")]
    shell.run("Restart-Computer HUB01 -Force -Wait -For PowerShell")
    assert shell.run("(Get-Service -ComputerName HUB01 MSExchangeIMAP4).Status").objects == ["Running"]
    assert shell.run("(Get-Service -ComputerName HUB01 MSExchangePOP3).Status").objects == ["Stopped"]


def test_set_service_status_stopped_refuses_a_service_with_dependents_or_requirements():
    """5.1's Set-Service has no -Force: it stops only a service that stands alone."""
    shell = Shell()
    before = shell.world.snapshot()
    errors = [shell.run(f"Set-Service {name} -Status Stopped").errors[0] for name in ("RpcSs", "MSExchangeRepl")]
    assert [e.message for e in errors] == [
        "Cannot stop service 'Remote Procedure Call (RPC) (RpcSs)' because it has dependent services.",
        "Cannot stop service 'Microsoft Exchange Replication Service (MSExchangeRepl)' because it is dependent on "
        "other services."]
    assert [e.fully_qualified_error_id.split(",")[0] for e in errors] == [
        "ServiceHasDependentServicesNoForce", "ServiceIsDependentOnNoForce"]
    assert shell.world.snapshot() == before
    assert shell.run("Set-Service KeyIso -Status Stopped; (Get-Service KeyIso).Status").objects == ["Stopped"]


def test_set_service_names_what_it_cannot_find_or_set():
    shell = Shell()
    err, = shell.run("Set-Service NoSuch -Status Running").errors
    assert err.message == "Service 'NoSuch' was not found on computer '.'."
    assert err.fully_qualified_error_id == "InvalidOperationException,Microsoft.PowerShell.Commands.SetServiceCommand"
    err, = shell.run("Set-Service MSExchangeRepl -StartupType Bogus").errors
    assert err.fully_qualified_error_id == ("CannotConvertArgumentNoMessage,"
                                            "Microsoft.PowerShell.Commands.SetServiceCommand")
    assert "Boot, System, Automatic, Manual, Disabled" in err.message
    err, = shell.run("Set-Service MSExchangeRepl -Status Paused").errors
    assert err.message == ("Service 'Microsoft Exchange Replication Service (MSExchangeRepl)' cannot be suspended "
                           "because the service does not support being suspended or resumed.")


def test_net_start_of_a_disabled_service_is_system_error_1058():
    shell = Shell()
    shell.run("Set-Service MSExchangeMonitoring -StartupType Disabled")
    assert shell.run("net start MSExchangeMonitoring; $LASTEXITCODE").objects == [
        "System error 1058 has occurred.", "",
        "The service cannot be started, either because it is disabled or because it has no enabled devices "
        "associated with it.", "", 2]


def test_net_tcp_port_sharing_runs_only_where_an_exchange_service_needs_it():
    shell = Shell()
    status = "Get-Service -ComputerName {} NetTcpPortSharing | ForEach-Object {{ [string]$_.Status }}"
    assert shell.run(status.format("MBX1")).objects == ["Stopped"]      # 2010 Mailbox: disabled as shipped
    assert shell.run(status.format("HUB01")).objects == ["Running"]     # 2010 Client Access: Mailbox Replication
    assert Shell(lab="seed002").run("(Get-Service NetTcpPortSharing).Status").objects == ["Running"]


def test_an_edge_server_runs_its_services_on_ad_lds_without_iis_or_netlogon():
    server = add_server(World("2013"), "EDGE1", ["Edge"], "Windows Server 2012 R2 Standard")
    assert service_catalog.required(server, "MSExchangeTransport") == ["ADAM_MSExchange"]
    assert server.services["ADAM_MSExchange"] == "Running" and server.services["Netlogon"] == "Stopped"
    assert not {"W3SVC", "IISADMIN", "MSExchangeADTopology", "ClusSvc"} & set(server.services)
