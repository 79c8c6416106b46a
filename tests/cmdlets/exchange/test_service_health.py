"""Test-ServiceHealth: one record per Exchange role of the server, with the services that role
requires split into running and not running, printed as a list."""

import pytest

from exshell import Shell

HEALTHY_2010 = (
    "\n\n"
    "Role                    : Mailbox Server Role\n"
    "RequiredServicesRunning : True\n"
    "ServicesRunning         : {IISAdmin, MSExchangeADTopology, MSExchangeIS, MSExch\n"
    "                          angeMailboxAssistants, MSExchangeMailSubmission, MSEx\n"
    "                          changeRepl, MSExchangeRPC, MSExchangeSA, MSExchangeSe\n"
    "                          arch, MSExchangeServiceHost, MSExchangeThrottling, MS\n"
    "                          ExchangeTransportLogSearch, W3Svc, WinRM}\n"
    "ServicesNotRunning      : {}\n"
    "\n\n")

UNHEALTHY_2010 = (
    "\n\n"
    "Role                    : Mailbox Server Role\n"
    "RequiredServicesRunning : False\n"
    "ServicesRunning         : {IISAdmin, MSExchangeADTopology, MSExchangeIS, MSExch\n"
    "                          angeMailboxAssistants, MSExchangeMailSubmission, MSEx\n"
    "                          changeRepl, MSExchangeRPC, MSExchangeSA, MSExchangeSe\n"
    "                          rviceHost, MSExchangeThrottling, MSExchangeTransportL\n"
    "                          ogSearch, W3Svc, WinRM}\n"
    "ServicesNotRunning      : {MSExchangeSearch}\n"
    "\n\n")

HEALTHY_2013 = (
    "\n\n"
    "Role                    : Mailbox Server Role\n"
    "RequiredServicesRunning : True\n"
    "ServicesRunning         : {IISAdmin, MSExchangeADTopology, MSExchangeDelivery,\n"
    "                          MSExchangeIS, MSExchangeMailboxAssistants,\n"
    "                          MSExchangeRepl, MSExchangeRPC,\n"
    "                          MSExchangeServiceHost, MSExchangeSubmission,\n"
    "                          MSExchangeThrottling, MSExchangeTransportLogSearch,\n"
    "                          W3Svc, WinRM}\n"
    "ServicesNotRunning      : {}\n"
    "\n"
    "Role                    : Unified Messaging Server Role\n"
    "RequiredServicesRunning : True\n"
    "ServicesRunning         : {IISAdmin, MSExchangeADTopology,\n"
    "                          MSExchangeServiceHost, MSExchangeUM, W3Svc, WinRM}\n"
    "ServicesNotRunning      : {}\n"
    "\n"
    "Role                    : Hub Transport Server Role\n"
    "RequiredServicesRunning : True\n"
    "ServicesRunning         : {IISAdmin, MSExchangeADTopology, MSExchangeEdgeSync,\n"
    "                          MSExchangeServiceHost, MSExchangeTransport,\n"
    "                          MSExchangeTransportLogSearch, W3Svc, WinRM}\n"
    "ServicesNotRunning      : {}\n"
    "\n\n")


def test_a_healthy_2010_mailbox_server_reports_its_role_as_a_list():
    assert Shell().run("Test-ServiceHealth").text == HEALTHY_2010


def test_a_stopped_required_service_is_reported_not_running():
    shell = Shell()
    assert shell.run("Stop-Service MSExchangeSearch").ok
    assert shell.run("Test-ServiceHealth").text == UNHEALTHY_2010


def test_a_manual_service_that_is_stopped_is_not_a_failure():
    """Only services set to start automatically count: MSExchangeMonitoring (Manual) is not required."""
    res = Shell().run("Test-ServiceHealth MBX2")
    assert res.objects[0].get("RequiredServicesRunning") is True
    assert "MSExchangeMonitoring" not in res.objects[0].get("ServicesRunning")


def test_a_2010_hub_and_client_access_server_reports_both_roles_client_access_first():
    res = Shell().run("Test-ServiceHealth -Server HUB01")
    assert [o.get("Role") for o in res.objects] == ["Client Access Server Role", "Hub Transport Server Role"]
    assert res.objects[0].get("ServicesRunning") == [
        "IISAdmin", "MSExchangeAB", "MSExchangeADTopology", "MSExchangeFBA", "MSExchangeFDS",
        "MSExchangeMailboxReplication", "MSExchangeProtectedServiceHost", "MSExchangeRPC", "MSExchangeServiceHost",
        "W3Svc", "WinRM"]


def test_a_2013_mailbox_server_reports_the_transport_and_um_roles_it_carries():
    assert Shell(lab="seed002").run("Test-ServiceHealth MBX2").text == HEALTHY_2013


def test_stopping_the_transport_service_fails_only_the_hub_transport_role():
    shell = Shell(lab="seed002")
    shell.run("Stop-Service MSExchangeTransport")
    res = shell.run("Test-ServiceHealth")
    assert [(o.get("Role"), o.get("RequiredServicesRunning"), o.get("ServicesNotRunning")) for o in res.objects] == [
        ("Mailbox Server Role", True, []), ("Unified Messaging Server Role", True, []),
        ("Hub Transport Server Role", False, ["MSExchangeTransport"])]


def test_the_topology_service_stopped_with_force_fails_every_role():
    shell = Shell(lab="seed002")
    shell.run("Stop-Service MSExchangeADTopology -Force")
    res = shell.run("Test-ServiceHealth")
    assert [o.get("RequiredServicesRunning") for o in res.objects] == [False, False, False]
    assert res.objects[2].get("ServicesNotRunning") == [
        "MSExchangeADTopology", "MSExchangeEdgeSync", "MSExchangeServiceHost", "MSExchangeTransport",
        "MSExchangeTransportLogSearch"]


def test_a_2013_client_access_server_reports_the_services_it_does_not_have_as_not_running():
    """The reference page: on a 2013 Client Access server the output is unexpected."""
    res = Shell(lab="seed002").run("Test-ServiceHealth CAS1")
    status, = res.objects
    assert status.get("Role") == "Client Access Server Role"
    assert status.get("ServicesNotRunning") == ["MSExchangeMailboxReplication", "MSExchangeRPC"]


def test_monitoring_context_adds_one_event_per_role():
    res = Shell().run("Test-ServiceHealth -MonitoringContext $true")
    assert len(res.objects) == 2
    event, = res.objects[1].get("Events")
    assert (event.get("EventSource"), event.get("EventIdentifier"), event.get("EventType")) == (
        "MSExchange Monitoring ServiceHealth", 1000, "Information")


def test_an_unknown_server_is_not_found_and_a_powered_off_one_cannot_be_reached():
    shell = Shell()
    err, = shell.run("Test-ServiceHealth NOPE").errors
    assert err.category == "ObjectNotFound"
    assert err.fully_qualified_error_id.endswith(",Microsoft.Exchange.Monitoring.TestServiceHealth")
    shell.run("Stop-Computer MBX3")
    err, = shell.run("Test-ServiceHealth MBX3").errors
    assert err.message == ("Cannot open Service Control Manager on computer 'MBX3.contoso.com'. This operation "
                           "might require other privileges.")
    assert err.category == "InvalidOperation"


def test_a_2016_mailbox_server_reports_client_access_and_the_roles_it_carries():
    res = Shell(lab="copies").run("Test-ServiceHealth")
    assert res.ok and [o.get("Role") for o in res.objects] == [
        "Mailbox Server Role", "Client Access Server Role", "Unified Messaging Server Role",
        "Hub Transport Server Role"]


@pytest.mark.rule("R-CLUSTER-16")
def test_r_cluster_16_replication_health_sees_the_cluster_service_stopped_without_quorum():
    """MBX2 alone has one vote of three: its Cluster service stops, and Test-ReplicationHealth's
    ClusterService check says so, as Get-Service does."""
    sh = Shell(lab="seed004")
    sh.run("Stop-LabMachine MBX1 -Confirm:$false; Stop-LabMachine HUB1 -Confirm:$false; Start-Sleep 60")
    check = next(o for o in sh.run("Test-ReplicationHealth").objects if o.get("Check") == "ClusterService")
    assert (str(check.get("Result")), check.get("Error")) == ("Failed", "The Cluster service on server 'MBX2' isn't running.")
    assert sh.run("(Get-Service ClusSvc).Status").text == "Stopped"
