"""Get-ServerComponentState / Set-ServerComponentState through the shell: the default table and
list, the checks (X-COMP-1..4), 2013+ only, and the documented maintenance procedure on a 2016
DAG member (R-AM-6, R-AM-15, R-AM-17); the 2013 walk is transcripts/002-maintenance-mode.txt."""

from __future__ import annotations

import pytest

from exshell import Shell


@pytest.fixture
def e2013() -> Shell:
    """Exchange 2013 (seed 002): DAG1 across two datacenters, DB1 active on MBX1."""
    return Shell(lab="seed002")


@pytest.fixture
def copies() -> Shell:
    """Exchange 2016: DAG1 = MBX1..3; DB1 on MBX1 (copies MBX2, MBX3), DB2 on MBX2 (copy MBX3)."""
    return Shell(lab="copies")


def only_error(res):
    assert len(res.errors) == 1, res.text
    return res.errors[0]


GET_2013 = """
Server                     Component                  State
------                     ---------                  -----
MBX1.contoso.com           ServerWideOffline          Active
MBX1.contoso.com           HubTransport               Active
MBX1.contoso.com           FrontendTransport          Active
MBX1.contoso.com           Monitoring                 Active
MBX1.contoso.com           RecoveryActionsEnabled     Active
MBX1.contoso.com           AutoDiscoverProxy          Active
MBX1.contoso.com           ActiveSyncProxy            Active
MBX1.contoso.com           EcpProxy                   Active
MBX1.contoso.com           EwsProxy                   Active
MBX1.contoso.com           ImapProxy                  Active
MBX1.contoso.com           OabProxy                   Active
MBX1.contoso.com           OwaProxy                   Active
MBX1.contoso.com           PopProxy                   Active
MBX1.contoso.com           PushNotificationsProxy     Active
MBX1.contoso.com           RpsProxy                   Active
MBX1.contoso.com           RwsProxy                   Active
MBX1.contoso.com           RpcProxy                   Active
MBX1.contoso.com           UMCallRouter               Active
MBX1.contoso.com           XropProxy                  Active
MBX1.contoso.com           HttpProxyAvailabilityGroup Active
MBX1.contoso.com           ForwardSyncDaemon          Inactive
MBX1.contoso.com           ProvisioningRps            Inactive
MBX1.contoso.com           MapiProxy                  Active
MBX1.contoso.com           EdgeTransport              Active
MBX1.contoso.com           HighAvailability           Active
MBX1.contoso.com           SharedCache                Active

"""


def test_default_table_lists_every_2013_component_in_product_order(e2013):
    assert e2013.run("Get-ServerComponentState MBX1").text == GET_2013


def test_2016_adds_components_at_the_end(copies):
    assert copies.run("Get-ServerComponentState MBX1 | Select-Object -Last 5").text == """
Server           Component            State
------           ---------            -----
MBX1.contoso.com SharedCache          Active
MBX1.contoso.com MailboxDeliveryProxy Active
MBX1.contoso.com RoutingUpdates       Active
MBX1.contoso.com RestProxy            Active
MBX1.contoso.com DarRuntime           Active

"""


def test_one_component_by_name_any_case_from_a_piped_server(e2013):
    assert e2013.run("Get-ExchangeServer MBX2 | Get-ServerComponentState -Component highavailability").text == """
Server                     Component                  State
------                     ---------                  -----
MBX2.contoso.com           HighAvailability           Active

"""


def test_list_shows_who_asked_for_the_state(copies):
    assert copies.run("Set-ServerComponentState MBX1 -Component HubTransport -State Draining -Requester Maintenance"
                      ).text == ""
    assert copies.run("Get-ServerComponentState MBX1 -Component HubTransport | Format-List").text == """

RunspaceId                 : a170b338-3926-4059-a28c-105d1fb17c23
ServerFqdn                 : MBX1.contoso.com
Component                  : HubTransport
State                      : Draining
ServerWideOfflineIsOffline : False
RemoteStates               : {Microsoft.Exchange.Data.Directory.Management.Serv
                             erComponentStatePresentationObject+RequesterDetail
                             s}
LocalStates                : {Microsoft.Exchange.Data.Directory.Management.Serv
                             erComponentStatePresentationObject+RequesterDetail
                             s}
Identity                   : MBX1
IsValid                    : True
ObjectState                : New


"""
    assert copies.run("(Get-ServerComponentState MBX1 -Component HubTransport).LocalStates | Format-List").text == """

Requester : Maintenance
State     : Draining
Timestamp : 3/6/2017 8:06:36 AM
Component : HubTransport


"""


def test_x_comp_1_unknown_component_is_refused_and_changes_nothing(e2013):
    before = e2013.world.snapshot()
    error = only_error(e2013.run("Set-ServerComponentState MBX1 -Component UnifiedMessaging -State Inactive "
                                 "-Requester Maintenance"))
    assert (error.category, error.rule_id, error.exception_type) == ("InvalidArgument", "X-COMP-1",
                                                                      "System.ArgumentException")
    assert error.message == ("The component name 'UnifiedMessaging' isn't valid. Run Get-ServerComponentState to "
                             "see the components of the server.")
    assert e2013.world.snapshot() == before
    assert only_error(e2013.run("Get-ServerComponentState MBX1 -Component Foo")).rule_id == "X-COMP-1"


def test_x_comp_2_requester_and_x_comp_4_switches(e2013):
    before = e2013.world.snapshot()
    error = only_error(e2013.run("Set-ServerComponentState MBX1 -Component HubTransport -State Inactive "
                                 "-Requester Admin"))
    assert (error.category, error.message) == (
        "InvalidArgument", "The requester 'Admin' isn't valid. Valid requesters are: "
                           "HealthApi,Maintenance,Sidelined,Functional,Deployment.")
    error = only_error(e2013.run("Set-ServerComponentState MBX1 -Component HubTransport -State Inactive "
                                 "-Requester Maintenance -LocalOnly -RemoteOnly"))
    assert (error.rule_id, error.message) == ("X-COMP-4",
                                              "The LocalOnly and RemoteOnly switches can't be used together.")
    assert e2013.world.snapshot() == before


def test_x_comp_3_monitoring_cannot_be_set_locally_only(e2013):
    error = only_error(e2013.run("Set-ServerComponentState MBX1 -Component RecoveryActionsEnabled -State Inactive "
                                 "-Requester Functional -LocalOnly"))
    assert (error.rule_id, error.message) == (
        "X-COMP-3", "The state of component 'RecoveryActionsEnabled' can't be set with -LocalOnly.")


def test_state_is_a_service_state_enum(e2013):
    error = only_error(e2013.run("Set-ServerComponentState MBX1 -Component HubTransport -State Off "
                                 "-Requester Maintenance"))
    assert error.fully_qualified_error_id.startswith("CannotConvertArgumentNoMessage,")
    assert "Specify one of the following enumerator names and try again:\r\nInactive, Active, Draining" in error.message


def test_whatif_tells_and_changes_nothing(e2013):
    before = e2013.world.snapshot()
    assert e2013.run("Set-ServerComponentState MBX1 -Component ServerWideOffline -State Inactive "
                     "-Requester Maintenance -WhatIf").text == (
        'What if: Setting the state of component "ServerWideOffline" on server\n"MBX1.contoso.com" to "Inactive".')
    assert e2013.world.snapshot() == before


def test_redirect_message_asks_first_and_has_nothing_to_move(e2013):
    assert e2013.run("Redirect-Message -Server MBX1 -Target MBX2.contoso.com -WhatIf").text == (
        'What if: Redirecting the messages queued on server "MBX1.contoso.com" to\n"MBX2.contoso.com".')
    error = only_error(e2013.run("Redirect-Message -Server MBX1 -Target MBX2.contoso.com"))
    assert error.fully_qualified_error_id == "HostFunctionNotImplemented"      # ConfirmImpact High: it asks
    error = only_error(e2013.run("Redirect-Message -Server CAS1 -Target MBX2.contoso.com -Confirm:$false"))
    assert (error.category, error.target) == ("ObjectNotFound", "CAS1")         # a Mailbox server only


def test_exchange_2010_has_none_of_the_cmdlets():
    sh = Shell()
    for name in ("Get-ServerComponentState", "Set-ServerComponentState", "Redirect-Message"):
        error = only_error(sh.run(f"{name} MBX1"))
        assert error.fully_qualified_error_id == "CommandNotFoundException"


MAINTENANCE = [
    ("Set-ServerComponentState MBX1 -Component HubTransport -State Draining -Requester Maintenance", ""),
    ("Redirect-Message -Server MBX1 -Target MBX2.contoso.com -Confirm:$false", ""),
    ("Suspend-ClusterNode MBX1 -Cluster DAG1", "\nName State  Type\n---- -----  ----\nmbx1 Paused Node\n\n"),
    ("Set-MailboxServer MBX1 -DatabaseCopyActivationDisabledAndMoveNow $true", ""),
    ("Set-MailboxServer MBX1 -DatabaseCopyAutoActivationPolicy Blocked", ""),
    ("Set-ServerComponentState MBX1 -Component ServerWideOffline -State Inactive -Requester Maintenance", ""),
    ("Get-ServerComponentState MBX1 | Where-Object {$_.State -eq 'Active'} | Format-Table Component,State -AutoSize",
     "\nComponent              State\n---------              -----\nMonitoring             Active\n"
     "RecoveryActionsEnabled Active\n\n"),
    ("Get-MailboxServer MBX1 | Format-Table DatabaseCopy* -AutoSize",
     "\nDatabaseCopyActivationDisabledAndMoveNow DatabaseCopyAutoActivationPolicy\n"
     "---------------------------------------- --------------------------------\n"
     "                                    True Blocked\n\n"),
    ("Start-Sleep 60; Get-MailboxDatabaseCopyStatus -Server MBX1 | "
     "Format-Table Name,Status,ActiveDatabaseCopy -AutoSize",
     "\nName     Status  ActiveDatabaseCopy\n----     ------  ------------------\nDB1\\MBX1 Healthy mbx2\n\n"),
    ("Stop-LabMachine MBX2 -Confirm:$false; Start-Sleep 120; "
     "Get-MailboxDatabaseCopyStatus DB1 | Format-Table Name,Status -AutoSize",
     "\nName     Status\n----     ------\nDB1\\MBX1 Healthy\nDB1\\MBX2 ServiceDown\nDB1\\MBX3 Mounted\n\n"),
    ("Set-ServerComponentState MBX1 -Component ServerWideOffline -State Active -Requester Maintenance", ""),
    ("Resume-ClusterNode MBX1 -Cluster DAG1", "\nName State Type\n---- ----- ----\nmbx1 Up    Node\n\n"),
    ("Set-MailboxServer MBX1 -DatabaseCopyActivationDisabledAndMoveNow $false", ""),
    ("Set-MailboxServer MBX1 -DatabaseCopyAutoActivationPolicy Unrestricted", ""),
    ("Set-ServerComponentState MBX1 -Component HubTransport -State Active -Requester Maintenance", ""),
    ("Get-ServerComponentState MBX1 | Where-Object {$_.State -ne 'Active'} | Format-Table -AutoSize",
     "\nServer           Component         State\n------           ---------         -----\n"
     "MBX1.contoso.com ForwardSyncDaemon Inactive\nMBX1.contoso.com ProvisioningRps   Inactive\n\n"),
    ("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX1 -Confirm:$false | "
     "Format-Table Identity,ActiveServerAt*,Status -AutoSize",
     "\nIdentity ActiveServerAtStart ActiveServerAtEnd Status\n-------- ------------------- ----------------- ------\n"
     "DB1      MBX3                MBX1              Succeeded\n\n"),
]


def test_r_am_6_r_am_15_the_documented_maintenance_procedure_on_2016(copies):
    """The manage-dags procedure: drain, pause, move now, block, ServerWideOffline; while MBX1 is in
    maintenance the failure of MBX2 activates MBX3, never MBX1 (R-AM-6: Blocked, HighAvailability
    Inactive); undone, MBX1 takes DB1 back."""
    for command, expected in MAINTENANCE:
        assert (command, copies.run(command).text) == (command, expected)


def test_r_am_17_switchover_into_maintenance_is_refused_unless_skipped(copies):
    copies.run("Set-ServerComponentState MBX2 -Component ServerWideOffline -State Inactive -Requester Maintenance")
    before = copies.world.snapshot()
    error = only_error(copies.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2 -Confirm:$false"))
    assert (error.category, error.rule_id, error.exception_type) == (
        "InvalidOperation", "R-AM-17", "Microsoft.Exchange.Cluster.Replay.AmDbActionException")
    assert error.message == ("An Active Manager operation failed. Error: Database copy 'DB1' on server 'MBX2' can't be "
                             "activated: the HighAvailability component of the server is Inactive. Use "
                             "-SkipHealthChecks to override this check.")
    assert copies.world.snapshot() == before
    res = copies.run("Move-ActiveMailboxDatabase DB1 -ActivateOnServer MBX2 -SkipAllChecks -Confirm:$false | "
                     "ForEach-Object { $_.ActiveServerAtEnd }")
    assert (res.ok, res.text) == (True, "MBX2")


def test_the_directory_keeps_requests_in_the_servers_component_states(e2013):
    """Get-ExchangeServer's ComponentStates: what Set-ServerComponentState wrote to the directory
    (1:component:requester:state number:ticks); -LocalOnly writes only the registry."""
    e2013.run("Set-ServerComponentState MBX1 -Component ServerWideOffline -State Inactive -Requester Maintenance\n"
              "Start-Sleep 1\n"
              "Set-ServerComponentState MBX1 -Component HubTransport -State Draining -Requester Functional\n"
              "Set-ServerComponentState MBX1 -Component EcpProxy -State Inactive -Requester HealthApi -LocalOnly")
    assert e2013.run("(Get-ExchangeServer MBX1).ComponentStates").text == (
        "1:ServerWideOffline:Maintenance:0:635294381280000000\n1:HubTransport:Functional:2:635294381290000000")
    assert e2013.run("(Get-ServerComponentState MBX1 -Component EcpProxy).RemoteStates.Count; "
                     "(Get-ServerComponentState MBX1 -Component EcpProxy).LocalStates.Count").text == "0\n1"
    assert Shell().run("(Get-ExchangeServer MBX1).PSObject.Properties['ComponentStates'] -eq $null").text == "True"
