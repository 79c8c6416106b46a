"""cluster.exe as a native command: argv parsing, text layout, exit codes, the seed 000 shortcut
typed the way admins typed it then (R-CLUSTER-7/8/10, R-BACKUP-7)."""

import pytest

from exshell import Shell


@pytest.fixture
def shell():
    return Shell(lab="seed000")


def out(res):
    assert res.ok, res.text
    return res.text.strip("\n").splitlines()


def test_node_status_layout(shell):
    assert out(shell.run("cluster node /status")) == [
        "Listing status for all available nodes:",
        "",
        "Node           Node ID Status",
        "-------------- ------- ---------------------",
        "nodea                1 Up",
        "nodeb                2 Up",
        "nodec                3 Up",
    ]


def test_cluster_name_forms_and_exe_suffix(shell):
    first = out(shell.run("cluster /cluster:DAG1 network"))
    assert first == out(shell.run("cluster.exe dag1 net")) == [
        "Listing status for all available networks:",
        "",
        "Network              Status",
        "-------------------- -----------",
        "Cluster Network 1    Up",
        "Cluster Network 2    Up",
    ]


@pytest.mark.rule("R-BACKUP-7")
@pytest.mark.rule("R-CLUSTER-10")
def test_r_backup_7_shortcut_with_cluster_exe(shell):
    for cmd in ('cluster network "Cluster Network 2" /prop Role=3',
                'cluster res "Backup IP" /create /group:"Cluster Group" /type:"IP Address"',
                'cluster res "Backup IP" /priv Address=10.0.2.50 SubnetMask=255.255.255.0 Network="Cluster Network 2"',
                'cluster res "Cluster Name" /adddep:"Backup IP"'):
        assert shell.run(cmd).ok, cmd
    assert out(shell.run('cluster res "Backup IP" /online')) == [
        "Bringing resource 'Backup IP' online...",
        "",
        "Resource             Group                Node            Status",
        "-------------------- -------------------- --------------- ------",
        "Backup IP            Cluster Group        nodea           Online",
    ]
    assert shell.world.cluster_of("DAG1").resource("Cluster Name").dependencies == [
        "IPv4 Address 192.168.1.50", "Backup IP"]
    shell.run("Start-Sleep 600")
    assert out(shell.run('cluster network "Cluster Network 2" /prop'))[6] == (
        "D  Cluster Network 2    Role                           1 (0x1)")
    assert out(shell.run('cluster res "Backup IP"'))[-1] == (
        "Backup IP            Cluster Group        nodea           Failed")


def test_private_properties_listing(shell):
    assert out(shell.run('cluster res "IPv4 Address 192.168.1.50" /priv'))[2:] == [
        "T  Resource             Name                           Value",
        "-- -------------------- ------------------------------ -----------------------",
        "S  IPv4 Address 192.168.1.50 Network                        Cluster Network 1",
        "S  IPv4 Address 192.168.1.50 Address                        192.168.1.50",
        "S  IPv4 Address 192.168.1.50 SubnetMask                     255.255.255.0",
        "D  IPv4 Address 192.168.1.50 EnableDhcp                     0 (0x0)",
    ]


@pytest.mark.rule("R-CLUSTER-7")
def test_r_cluster_7_role_2_is_system_error_87(shell):
    res = shell.run('cluster network "Cluster Network 2" /prop Role=2; $LASTEXITCODE')
    assert res.text.splitlines() == ["System error 87 has occurred (0x00000057).", "The parameter is incorrect.",
                                     "87"]
    assert res.objects == [87]                      # the error text is not pipeline output
    assert shell.world.cluster_of("DAG1").network("Cluster Network 2").role == 1


def test_unknown_resource_and_exit_code(shell):
    res = shell.run('cluster res "Nope" /online; $LASTEXITCODE')
    assert res.text.splitlines() == ["System error 5007 has occurred (0x0000138f).",
                                     "The cluster resource could not be found.", "5007"]
    assert shell.run("cluster node; $LASTEXITCODE").objects[-1] == 0


def test_quorum_and_groups(shell):
    assert out(shell.run("cluster /quorum"))[2].split() == ["Node", "Majority"]
    assert out(shell.run("cluster group"))[-1] == "Cluster Group        nodea           Online"


def test_cluster_exe_exists_on_windows_server_2008():
    """seed 003's members run Windows Server 2008: cluster.exe is there, the module isn't."""
    sh = Shell(lab="seed003")
    res = sh.run("cluster node; $LASTEXITCODE")
    assert res.objects == [1722]                    # no cluster yet: the RPC server is unavailable


@pytest.mark.rule("R-CLUSTER-14")
@pytest.mark.rule("R-CLUSTER-17")
def test_pause_moveto_and_node_majority(shell):
    assert out(shell.run("cluster node nodea /pause"))[-1] == "nodea                1 Paused"
    res = shell.run('cluster group "Cluster Group" /moveto:nodea; $LASTEXITCODE')
    assert res.objects == [5023]
    assert out(shell.run('cluster group "Cluster Group" /moveto:nodec'))[-1] == (
        "Cluster Group        nodec           Online")
    assert shell.run("cluster /quorum /nodemajority").ok
    assert shell.world.cluster_of("DAG1").quorum_type == "NodeMajority"


@pytest.mark.rule("R-CLUSTER-17")
def test_r_cluster_17_evict_with_cluster_exe_and_remove_cluster_node(shell):
    assert out(shell.run("cluster node nodec /evict")) == ["Evicting node 'nodec'..."]
    assert shell.run("Remove-ClusterNode nodeb -Force").ok
    assert [o.get("Name") for o in shell.run("Get-ClusterNode").objects] == ["nodea"]


@pytest.mark.rule("R-CLUSTER-17")
def test_r_cluster_17_net_stop_and_forcequorum_start(shell):
    for node in ("NODEB", "NODEC"):
        res = shell.run(f"Invoke-Command -ComputerName {node} {{ net stop clussvc }}")
        assert out(res) == ["The Cluster Service service is stopping.",
                            "The Cluster Service service was stopped successfully."]
    assert not shell.world.cluster_of("DAG1").has_quorum
    res = shell.run("net stop clussvc; net stop clussvc; $LASTEXITCODE")
    assert res.text.strip("\n").splitlines()[-5:] == [
        "The Cluster Service service is not started.", "", "More help is available by typing NET HELPMSG 3521.", "",
        "2"]
    assert shell.run("Invoke-Command -ComputerName NODEC { net start clussvc /forcequorum }").ok
    cluster = shell.world.cluster_of("DAG1")
    assert cluster.forced_quorum and cluster.has_quorum
    assert out(shell.run("net use x:"))[0] == "The syntax of this command is:"


@pytest.mark.rule("R-CLUSTER-17")
def test_r_cluster_17_forcecleanup_stops_the_node(shell):
    assert out(shell.run("cluster DAG1 node nodec /forcecleanup")) == [
        "Attempting to clean up node 'nodec' ...", "Clean up successfully completed."]
    assert not shell.world.server("NODEC").service_running("ClusSvc")
    assert shell.world.cluster_of("DAG1").node("nodec").state == "Down"


def test_list_and_resource_common_properties(shell):
    assert out(shell.run("cluster /list")) == ["Cluster Name", "---------------", "DAG1"]
    assert out(shell.run('cluster res "Cluster Name" /prop'))[4:6] == [
        "S  Cluster Name         Name                           Cluster Name",
        "S  Cluster Name         Type                           Network Name",
    ]
