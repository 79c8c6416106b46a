"""Get-ClientAccessServer and Get-ClientAccessService: which servers each version lists, the
default table and list, the 2016+ deprecation warning, version gating and the not-found error."""

import pytest

from exshell import Shell
from tests.cmdlets.exchange.conftest import only_error

DEPRECATED = ("The Get-ClientAccessServer cmdlet will be removed in a future version of Exchange. Use the "
              "Get-ClientAccessService cmdlet instead. If you have any scripts that use the Get-ClientAccessServer "
              "cmdlet, update them to use the Get-ClientAccessService cmdlet. For more information, see "
              "http://go.microsoft.com/fwlink/p/?LinkId=254711.")
TABLE_2016 = (
    "\nName         Fqdn                 AutoDiscoverServiceInte AutoDiscoverSiteScope\n"
    "                                  rnalUri\n"
    "----         ----                 ----------------------- ---------------------\n"
    "MBX1         MBX1.contoso.com     https://MBX1.contoso... {Default-First-Sit...\n"
    "MBX2         MBX2.contoso.com     https://MBX2.contoso... {Default-First-Sit...\n\n")


@pytest.fixture(params=["2016", "2019"])
def multi_role(request, tmp_path):
    """MBX1 and MBX2 (Mailbox only), DC01, and BKP01 (no Exchange role)."""
    lab = tmp_path / f"lab{request.param}.toml"
    lab.write_text(LAB.replace("{version}", request.param), encoding="utf-8")
    return Shell(lab=str(lab))


def test_2010_lists_the_client_access_role(shell):
    res = shell.run("Get-ClientAccessServer")
    assert res.text == ("\nName                                    OutlookAnywhereEnabled\n"
                        "----                                    ----------------------\n"
                        "HUB01                                   False\n\n")
    assert res.warnings == []


def test_2010_format_list(shell):
    res = shell.run("Get-ClientAccessServer HUB01 | Format-List Name,Fqdn,OutlookAnywhereEnabled,AutoDiscover*")
    assert res.text.rstrip("\n") == (
        "\n\nName                           : HUB01\n"
        "Fqdn                           : HUB01.contoso.com\n"
        "OutlookAnywhereEnabled         : False\n"
        "AutoDiscoverServiceCN          : HUB01\n"
        "AutoDiscoverServiceClassName   : ms-Exchange-AutoDiscover-Service\n"
        "AutoDiscoverServiceInternalUri : https://HUB01.contoso.com/Autodiscover/Autodis\n"
        "                                 cover.xml\n"
        "AutoDiscoverServiceGuid        : 77378f46-2c66-4aa9-a6a6-3e7a48b19596\n"
        "AutoDiscoverSiteScope          : {Default-First-Site-Name}")
    names = shell.run("Get-ClientAccessServer").objects[0].property_names()
    assert names[:10] == ["RunspaceId", "Name", "Fqdn", "OutlookAnywhereEnabled", "AutoDiscoverServiceCN",
                          "AutoDiscoverServiceClassName", "AutoDiscoverServiceInternalUri", "AutoDiscoverServiceGuid",
                          "AutoDiscoverSiteScope", "AlternateServiceAccountConfiguration"]


def test_2013_lists_the_client_access_servers_with_outlook_anywhere_on():
    shell = Shell(lab="seed002")
    assert shell.run("Get-ClientAccessServer").text == (
        "\nName                                    OutlookAnywhereEnabled\n"
        "----                                    ----------------------\n"
        "CAS1                                    True\n"
        "CAS2                                    True\n\n")
    res = shell.run("Get-ClientAccessServer CAS2 | Format-List ClientAccessArray,AutoDiscoverSiteScope,IsOutOfService")
    assert res.text.rstrip("\n") == ("\n\nClientAccessArray     :\nAutoDiscoverSiteScope : {Dublin}\n"
                                     "IsOutOfService        : False")


def test_2016_every_mailbox_server_runs_client_access(multi_role):
    res = multi_role.run("Get-ClientAccessService")
    assert res.text == TABLE_2016 and res.warnings == []
    uri = multi_role.run("(Get-ClientAccessService MBX2).AutoDiscoverServiceInternalUri").objects
    assert uri == ["https://MBX2.contoso.com/Autodiscover/Autodiscover.xml"]


def test_get_client_access_server_still_answers_on_2016_but_warns(multi_role):
    res = multi_role.run("Get-ClientAccessServer")
    assert res.warnings == [DEPRECATED]
    assert res.text == "WARNING: " + (
        "The Get-ClientAccessServer cmdlet will be removed in a future version\nof Exchange. Use the "
        "Get-ClientAccessService cmdlet instead. If you have any\nscripts that use the Get-ClientAccessServer "
        "cmdlet, update them to use the\nGet-ClientAccessService cmdlet. For more information, see\n"
        "http://go.microsoft.com/fwlink/p/?LinkId=254711.\n") + TABLE_2016
    assert [o.get("Name") for o in res.objects] == ["MBX1", "MBX2"]


@pytest.mark.parametrize("lab", ["default", "seed002"])
def test_get_client_access_service_does_not_exist_before_2016(lab):
    shell = Shell() if lab == "default" else Shell(lab=lab)
    err = only_error(shell.run("Get-ClientAccessService"))
    assert err.fully_qualified_error_id == "CommandNotFoundException"


@pytest.mark.parametrize("name", ["DC01", "BKP01", "NOPE"])
def test_a_server_without_client_access_is_not_found(multi_role, name):
    before = multi_role.world.snapshot()
    err = only_error(multi_role.run(f"Get-ClientAccessService {name}"))
    assert (err.category, err.message) == (
        "ObjectNotFound", f"The operation couldn't be performed because object '{name}' couldn't be found on "
                          "'DC01.contoso.com'.")
    assert err.fully_qualified_error_id.endswith(
        " 40BD080E,Microsoft.Exchange.Management.SystemConfigurationTasks.GetClientAccessService")
    assert multi_role.world.snapshot() == before


def test_mailbox_only_server_is_not_a_client_access_server_in_2010(shell):
    assert shell.run("Get-ClientAccessServer MBX1").text == (
        "The operation couldn't be performed because object 'MBX1' couldn't be found on\n'DC01.contoso.com'.\n"
        "    + CategoryInfo          : ObjectNotFound: (MBX1:String) [Get-ClientAccessS\n"
        "   erver], ManagementObjectNotFoundException\n"
        "    + FullyQualifiedErrorId : 40BD080E,Microsoft.Exchange.Management.SystemCon\n"
        "   figurationTasks.GetClientAccessServer\n")
    assert shell.run("Get-ClientAccessServer H*").objects[0].get("Name") == "HUB01"


LAB = """
name = "multi-role"
exchange_version = "{version}"
domain = "contoso.com"
start_time = 2016-05-01T09:00:00
seed = 1
console = "MBX1"

[[servers]]
name = "DC01"
roles = ["DomainController", "GlobalCatalog"]
os = "Windows Server 2016 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.10/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]

[[servers]]
name = "MBX1"
roles = ["Mailbox"]
os = "Windows Server 2016 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.11/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]

[[servers]]
name = "MBX2"
roles = ["Mailbox"]
os = "Windows Server 2016 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.12/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]

[[servers]]
name = "BKP01"
roles = []
os = "Windows Server 2016 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.30/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]
"""
