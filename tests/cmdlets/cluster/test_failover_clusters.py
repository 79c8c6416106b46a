"""FailoverClusters cmdlets on the seed 000 lab (Windows Server 2008 R2 nodes): default views,
-Cluster/-InputObject, hand edits and what Exchange does with them (R-CLUSTER-*, R-BACKUP-7)."""

import pytest

from exshell import Shell

NS = "Microsoft.FailoverClusters.PowerShell"


@pytest.fixture
def shell():
    """seed000: DAG1 = NODEA, NODEB, NODEC; console NODEA."""
    return Shell(lab="seed000")


def lines(res):
    assert res.ok, res.text
    return res.text.strip("\n").splitlines()


def only_error(res):
    assert len(res.errors) == 1, res.text
    return res.errors[0]


HAND_MADE = [
    '(Get-ClusterNetwork "Cluster Network 2").Role = 3',
    'Add-ClusterResource -Name "Backup IP" -ResourceType "IP Address" -Group "Cluster Group" | Out-Null',
    'Get-ClusterResource "Backup IP" | Set-ClusterParameter '
    '-Multiple @{Address="10.0.2.50";SubnetMask="255.255.255.0";EnableDhcp=0}',
    'Set-ClusterResourceDependency "Cluster Name" "[IPv4 Address 192.168.1.50] or [Backup IP]"',
    'Start-ClusterResource "Backup IP" | Out-Null',
]


def make_backup_ip(shell):
    for cmd in HAND_MADE:
        res = shell.run(cmd)
        assert res.ok, (cmd, res.text)


def test_get_cluster_resource_default_view(shell):
    assert lines(shell.run("Get-ClusterResource")) == [
        "Name                State               Group               ResourceType",
        "----                -----               -----               ------------",
        "Cluster Name        Online              Cluster Group       Network Name",
        "IPv4 Address 192... Online              Cluster Group       IP Address",
    ]


def test_get_cluster_node_and_network_views(shell):
    assert lines(shell.run("Get-ClusterNode")) == [
        "Name                                    State",
        "----                                    -----",
        "nodea                                   Up",
        "nodeb                                   Up",
        "nodec                                   Up",
    ]
    assert lines(shell.run("Get-ClusterNetwork | Format-Table Name, Role, Address -AutoSize")) == [
        "Name              Role Address",
        "----              ---- -------",
        "Cluster Network 1    3 192.168.1.0",
        "Cluster Network 2    1 10.0.2.0",
    ]


def test_get_cluster_parameter_view_through_the_pipeline(shell):
    assert lines(shell.run('Get-ClusterResource "IPv4 Address 192.168.1.50" | Get-ClusterParameter')) == [
        "Object              Name                Value               Type",
        "------              ----                -----               ----",
        "IPv4 Address 192... Network             Cluster Network 1   String",
        "IPv4 Address 192... Address             192.168.1.50        String",
        "IPv4 Address 192... SubnetMask          255.255.255.0       String",
        "IPv4 Address 192... EnableDhcp          0                   UInt32",
    ]


def test_interfaces_group_quorum_and_cluster(shell):
    assert lines(shell.run("Get-ClusterNetworkInterface -Node nodeb"))[2:] == [
        "nodeb - MAPI        nodeb               Cluster Network 1   Up",
        "nodeb - Backup      nodeb               Cluster Network 2   Up",
    ]
    assert lines(shell.run("Get-ClusterGroup"))[2:] == [
        "Cluster Group              nodea                      Online"]
    assert lines(shell.run("Get-ClusterQuorum"))[2:] == [
        "DAG1                                                  NodeMajority"]
    assert lines(shell.run("Get-Cluster -Name DAG1.contoso.com")) == ["Name", "----", "DAG1"]


def test_cluster_parameter_and_input_object(shell):
    res = shell.run('Get-ClusterNetwork -Cluster nodeb "cluster network 1" | Get-ClusterNetworkInterface')
    assert [o.get("Name") for o in res.objects] == ["nodea - MAPI", "nodeb - MAPI", "nodec - MAPI"]
    res = shell.run("Get-ClusterGroup 'Cluster Group' | Get-ClusterResource")
    assert [o.get("Name") for o in res.objects] == ["Cluster Name", "IPv4 Address 192.168.1.50"]
    assert [o.get("Name") for o in shell.run("Get-ClusterResource -Name *Address*").objects] == [
        "IPv4 Address 192.168.1.50"]


def test_not_found_and_no_cluster(shell):
    err = only_error(shell.run("Get-ClusterResource foo"))
    assert (err.message, err.category, err.fully_qualified_error_id) == (
        "An error occurred opening resource 'foo'.", "ObjectNotFound",
        f"ClusterObjectNotFound,{NS}.GetResourceCommand")
    err = only_error(Shell().run("Get-ClusterNode"))
    assert err.message.startswith("The cluster service is not running.")
    assert (err.category, err.fully_qualified_error_id) == (
        "ConnectionError", f"ClusterEndpointNotRegistered,{NS}.GetNodeCommand")


def test_module_missing_on_windows_server_2008(shell):
    """Windows Server 2008 (seed 003's members) has cluster.exe only."""
    err = only_error(Shell(lab="seed003").run("Get-ClusterResource"))
    assert (err.category, err.fully_qualified_error_id) == ("ObjectNotFound", "CommandNotFoundException")


@pytest.mark.rule("R-CLUSTER-7")
def test_r_cluster_7_role_assignment_writes_through_and_rejects_2(shell):
    assert shell.run('(Get-ClusterNetwork "Cluster Network 2").Role = 3').ok
    assert shell.world.cluster_of("DAG1").network("Cluster Network 2").role == 3
    res = shell.run('$n = Get-ClusterNetwork "Cluster Network 2"; $n.Role = 2; $n.Role')
    err = res.errors[0]
    assert (err.fully_qualified_error_id, err.rule_id) == ("ExceptionWhenSetting", "R-CLUSTER-7")
    assert err.message == ('Exception setting "Role": "The value \'2\' isn\'t a valid role for cluster network '
                           '\'Cluster Network 2\'. Valid values are 0 (None), 1 (Cluster) and 3 (ClusterAndClient)."')
    assert res.objects == [3]                     # the failed assignment left the object as it was
    err = only_error(shell.run('(Get-ClusterNetwork "Cluster Network 2").State = "Down"'))
    assert (err.message, err.fully_qualified_error_id) == ("'State' is a ReadOnly property.",
                                                           "PropertyAssignmentException")


@pytest.mark.rule("R-CLUSTER-8")
def test_r_cluster_8_start_ip_on_cluster_only_network_fails(shell):
    shell.run('Add-ClusterResource "Backup IP" "Cluster Group" "IP Address" | Out-Null')
    shell.run('Get-ClusterResource "Backup IP" | Set-ClusterParameter Address 10.0.2.50')
    err = only_error(shell.run('Start-ClusterResource "Backup IP"'))
    assert (err.rule_id, err.category) == ("R-CLUSTER-8", "InvalidOperation")
    assert err.message == ("IP address resource 'Backup IP' can't be brought online: cluster network "
                           "'Cluster Network 2' doesn't allow client connections (role 1).")


@pytest.mark.rule("R-CLUSTER-11")
@pytest.mark.rule("R-BACKUP-7")
def test_r_backup_7_hand_made_ip_survives_until_the_timer_then_the_dag_cmdlet(shell):
    make_backup_ip(shell)
    assert lines(shell.run("Get-ClusterResource"))[2:] == [
        "Cluster Name        Online              Cluster Group       Network Name",
        "IPv4 Address 192... Online              Cluster Group       IP Address",
        "Backup IP           Online              Cluster Group       IP Address",
    ]
    shell.run("Start-Sleep -Seconds 600")
    assert lines(shell.run("Get-ClusterResource 'Backup IP'"))[2:] == [
        "Backup IP           Failed              Cluster Group       IP Address"]
    assert [o.get("Role") for o in shell.run("Get-ClusterNetwork").objects] == [3, 1]
    assert shell.run("Set-DatabaseAvailabilityGroup DAG1").ok
    assert [o.get("Name") for o in shell.run("Get-ClusterResource").objects] == [
        "Cluster Name", "IPv4 Address 192.168.1.50"]


@pytest.mark.rule("R-CLUSTER-13")
def test_r_cluster_13_stop_and_start_node(shell):
    res = shell.run("Stop-ClusterNode nodec")
    assert [(o.get("Name"), o.get("State")) for o in res.objects] == [("nodec", "Down")]
    res = shell.run("Get-ClusterNode nodec | Start-ClusterNode")
    assert [(o.get("Name"), o.get("State")) for o in res.objects] == [("nodec", "Joining")]
    res = shell.run("Start-Sleep -Seconds 10; Get-ClusterNode nodec")
    assert [(o.get("Name"), o.get("State")) for o in res.objects] == [("nodec", "Up")]


@pytest.mark.rule("R-CLUSTER-16")
def test_r_cluster_16_cmdlets_fail_without_quorum(shell):
    shell.run("Stop-ClusterNode nodeb; Stop-ClusterNode nodec")
    err = only_error(shell.run("Get-ClusterNode"))          # the local Cluster service has stopped
    assert (err.rule_id, err.category, err.fully_qualified_error_id) == (
        "R-CLUSTER-16", "ConnectionError", f"ClusterEndpointNotRegistered,{NS}.GetNodeCommand")
    err = only_error(shell.run("Get-ClusterNode -Cluster DAG1"))   # nothing answers to the cluster's name
    assert (err.rule_id, err.fully_qualified_error_id) == ("R-CLUSTER-16", f"ClusterRpcConnection,{NS}.GetNodeCommand")
    assert shell.run("cluster node; $LASTEXITCODE").objects == [1753]
    assert shell.run("Start-ClusterNode nodeb").ok
    err = only_error(shell.run("Get-ClusterNode"))         # no quorum until nodeb has joined (R-CLUSTER-13)
    assert err.rule_id == "R-CLUSTER-16"
    assert shell.run("Start-Sleep -Seconds 10; Get-ClusterNode").ok


@pytest.mark.rule("R-CLUSTER-4")
def test_r_cluster_4_remove_core_name_refused_extra_resource_removed(shell):
    err = only_error(shell.run('Remove-ClusterResource "Cluster Name" -Force'))
    assert err.rule_id == "R-CLUSTER-4"
    shell.run('Add-ClusterResource -Name Extra -ResourceType "Generic Service" | Out-Null')
    assert shell.run("Remove-ClusterResource Extra -Force").ok
    assert shell.world.cluster_of("DAG1").resource("Extra") is None


def test_remove_cluster_resource_whatif_changes_nothing(shell):
    shell.run('Add-ClusterResource -Name Extra -ResourceType "Generic Service" | Out-Null')
    res = shell.run("Remove-ClusterResource Extra -WhatIf")
    assert res.text.strip().startswith('What if: Performing operation "Remove-ClusterResource" on Target "Extra"')
    assert shell.world.cluster_of("DAG1").resource("Extra") is not None


@pytest.mark.rule("R-CLUSTER-5")
@pytest.mark.rule("R-BACKUP-7")
def test_r_backup_7_backup_server_reaches_the_hand_made_ip_only_while_it_is_online(shell):
    ping = "Invoke-Command -ComputerName BACKUP01 { Test-Connection 10.0.2.50 -Count 1 -Quiet }"
    make_backup_ip(shell)
    assert shell.run(ping).objects == [True]
    shell.run("Start-Sleep -Seconds 600")
    assert shell.run(ping).objects == [False]
    res = shell.run("Invoke-Command -ComputerName BACKUP01 { Test-Connection DAG1 -Count 1 }")
    assert [o.get("IPV4Address") for o in res.objects] == ["192.168.1.50"]


@pytest.mark.rule("R-CLUSTER-14")
def test_r_cluster_14_suspend_node_and_move_cluster_group(shell):
    shell.run("Suspend-ClusterNode nodea")
    pam = "(Get-DatabaseAvailabilityGroup DAG1 -Status).PrimaryActiveManager"
    assert str(shell.run(pam).objects[0]) == "NODEB"
    err = only_error(shell.run('Move-ClusterGroup "Cluster Group" nodea'))
    assert (err.rule_id, err.fully_qualified_error_id) == ("R-CLUSTER-14", f"1539FE51,{NS}.MoveClusterGroupCommand")
    shell.run("Get-ClusterNode nodea | Resume-ClusterNode")
    res = shell.run('Get-ClusterGroup "Cluster Group" | Move-ClusterGroup -Node nodec')
    assert [(o.get("Name"), o.get("OwnerNode")) for o in res.objects] == [("Cluster Group", "nodec")]
    assert str(shell.run(pam).objects[0]) == "NODEC"


@pytest.mark.rule("R-CLUSTER-17")
def test_r_cluster_17_start_cluster_node_force_quorum(shell):
    shell.run("Stop-ClusterNode nodeb; Stop-ClusterNode nodec")
    res = shell.run("Start-ClusterNode nodeb -ForceQuorum")
    assert res.warnings == ["Cluster 'DAG1' was started with forced quorum."]
    assert shell.run("Get-ClusterNode").ok


# The reference pages' examples, rewritten for the lab's names: each must parse, bind and run.
EXAMPLES = [
    "Get-Cluster | Format-List -Property *",
    "Get-Cluster -Domain contoso.com",
    "Get-ClusterNode -Cluster DAG1",
    "Get-ClusterNode -Name nodeb | Get-ClusterGroup",
    "Get-ClusterNetwork -Name 'Cluster Network 1' | Format-List -Property *",
    "Get-ClusterNetwork | Format-Table Name, Role, Address, AddressMask",
    "Get-ClusterNetworkInterface -Node nodea",
    "Get-ClusterNetwork 'Cluster Network 2' | Get-ClusterNetworkInterface",
    "Get-ClusterGroup -Cluster DAG1 | Get-ClusterResource",
    "Get-ClusterResource -Name 'Cluster Name' | Get-ClusterParameter",
    "Get-ClusterResource 'IPv4 Address 192.168.1.50' | Get-ClusterParameter -Name Address, SubnetMask",
    "Get-ClusterQuorum -Cluster DAG1",
    "Add-ClusterResource -Name 'Extra IP' -ResourceType 'IP Address' -Group 'Cluster Group'",
    "Get-ClusterResource 'Extra IP' | Set-ClusterParameter -Multiple @{'Address'='192.168.1.60';"
    "'SubnetMask'='255.255.255.0';'Network'='Cluster Network 1';'EnableDhcp'=0}",
    "Set-ClusterResourceDependency -Resource 'Cluster Name' "
    "-Dependency '[IPv4 Address 192.168.1.50] or [Extra IP]'",
    "Start-ClusterResource -Name 'Extra IP'",
    "Stop-ClusterResource -Name 'Extra IP'",
    "Get-ClusterResource -Name 'Extra IP' | Remove-ClusterResource -Force",
    "Move-ClusterGroup -Name 'Cluster Group' -Node nodeb",
    "Suspend-ClusterNode -Name nodec",
    "Resume-ClusterNode -Name nodec",
    "Stop-ClusterNode -Name nodec -Cluster DAG1",
    "Start-ClusterNode -Name nodec",
]


def test_reference_examples_parse_bind_and_run(shell):
    for example in EXAMPLES:
        res = shell.run(example)
        assert res.ok, (example, res.text)


def test_windows_server_2012_views_on_a_2013_lab():
    """seed002's members run Windows Server 2012: OwnerGroup label, node ids, OS 6.2."""
    sh = Shell(lab="seed002")
    assert lines(sh.run("Get-ClusterResource"))[0].split() == ["Name", "State", "OwnerGroup", "ResourceType"]
    assert lines(sh.run("Get-ClusterNode"))[:3] == [
        "Name                       ID                         State",
        "----                       --                         -----",
        "mbx1                       1                          Up",
    ]
    (node,) = sh.run("Get-ClusterNode mbx1").objects
    assert (node.get("MajorVersion"), node.get("MinorVersion"), node.get("CSDVersion")) == (6, 2, "")


@pytest.mark.rule("R-CLUSTER-1")
def test_r_cluster_1_extra_resources_are_allowed_but_reported(shell):
    check = "(Test-ReplicationHealth NODEB | Where-Object { $_.Check -eq 'ClusterService' }).Result"
    assert [str(r) for r in shell.run(check).objects] == ["Passed"]
    shell.run('Add-ClusterResource -Name Extra -ResourceType "Generic Service" | Out-Null')
    res = shell.run("Test-ReplicationHealth NODEB | Where-Object { $_.Check -eq 'ClusterService' }")
    (outcome,) = res.objects
    assert (str(outcome.get("Result")), outcome.get("Error")) == (
        "Failed", "The cluster of database availability group 'DAG1' contains groups or resources that Exchange "
                  "didn't create: Extra.")


@pytest.mark.rule("R-CLUSTER-13")
def test_r_cluster_13_a_stopped_local_node_answers_only_through_the_cluster_name(shell):
    shell.run("Stop-ClusterNode nodea")
    assert only_error(shell.run("Get-ClusterNode")).message.startswith("The cluster service is not running.")
    assert [o.get("State") for o in shell.run("Get-ClusterNode -Cluster DAG1").objects] == ["Down", "Up", "Up"]
    assert shell.run("cluster node; $LASTEXITCODE").objects == [1753]    # no endpoint registered locally
    assert shell.run("Start-ClusterNode nodea").ok and shell.run("Get-ClusterNode").ok
