"""Get-Command, Get-Alias and Get-Help through the shell."""

import pytest

from cmdlets.api.cmdlet import Cmdlet
from cmdlets.builtins.help import synopsis
from exshell import Shell


@pytest.fixture(scope="module")
def sh():
    return Shell()


def names(res):
    return [o.get("Name") for o in res.objects]


def test_get_command_by_name_and_wildcard_sorted_by_type_then_name(sh):
    res = sh.run("Get-Command Set-Variable, *-DatabaseAvailabilityGroupServer, gm, Add-Member")
    assert names(res) == ["gm", "Add-DatabaseAvailabilityGroupServer", "Add-Member",
                          "Remove-DatabaseAvailabilityGroupServer", "Set-Variable"]


def test_get_command_sources_and_versions(sh):
    (dag, var) = sh.run("Get-Command Get-DatabaseAvailabilityGroup, Get-Variable").objects
    assert (dag.get("CommandType"), dag.get("Source")) == ("Cmdlet", "Microsoft.Exchange.Management.PowerShell.E2010")
    assert (var.get("Source"), var.get("Version")) == ("Microsoft.PowerShell.Utility", "3.1.0.0")
    assert Shell(lab="seed003").run("(Get-Command Get-MailboxServer).Source").objects == [
        "Microsoft.Exchange.Management.PowerShell.E2010"]


def test_get_command_verb_noun_module_and_type(sh):
    assert names(sh.run("gcm -Verb Add -Noun *Member*")) == ["Add-Member"]
    assert names(sh.run("Get-Command -Noun Variable -Module Microsoft.PowerShell.Utility -TotalCount 2")) == [
        "Clear-Variable", "Get-Variable"]
    res = sh.run("Get-Command -Name g[mv] -CommandType Alias")
    assert names(res) == ["gm", "gv"]


def test_get_command_lists_functions(sh):
    res = sh.run("function Get-Thing { 1 }; Get-Command Get-Thing")
    (f,) = res.objects
    assert (f.get("CommandType"), f.get("Name")) == ("Function", "Get-Thing")


def test_get_command_not_found(sh):
    (err,) = sh.run("Get-Command Get-Nothing").errors
    assert err.message.startswith("The term 'Get-Nothing' is not recognized as the name of a cmdlet")
    assert err.fully_qualified_error_id == "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand"
    assert sh.run("Get-Command Get-Nothing*").objects == []


def test_get_command_syntax_line(sh):
    assert sh.run("Get-Command Get-Variable -Syntax").objects == [
        "Get-Variable [[-Name] <String[]>] [-Exclude <String[]>] [-Include <String[]>] [-Scope <String>] "
        "[-ValueOnly] [<CommonParameters>]\r\n"]


def test_get_alias_display_and_definition(sh):
    res = sh.run("Get-Alias ft, gm")
    assert [o.get("DisplayName") for o in res.objects] == ["ft -> Format-Table", "gm -> Get-Member"]
    assert res.text == ("\nCommandType     Name                                               Definition\n"
                        "-----------     ----                                               ----------\n"
                        "Alias           ft                                                 Format-Table\n"
                        "Alias           gm                                                 Get-Member\n\n")
    assert names(sh.run("Get-Alias -Definition Compare-Object")) == ["compare", "diff"]


LAB_2016 = """name = "lab2016"
exchange_version = "2016"
domain = "contoso.com"
start_time = 2016-05-01T09:00:00
seed = 1

[[servers]]
name = "MBX1"
roles = ["Mailbox"]
os = "Windows Server 2012 R2 Standard"
nics = [{ name = "MAPI", ip = "192.168.1.11/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]
"""


def test_command_views_follow_the_powershell_version(tmp_path):
    lab = tmp_path / "lab2016.toml"
    lab.write_text(LAB_2016, encoding="utf-8")
    text = Shell(lab=str(lab), width=120).run("Get-Alias ft; Get-Command Get-Variable").text
    assert text.splitlines()[1:5] == [
        "CommandType     Name                                               Version    Source",
        "-----------     ----                                               -------    ------",
        "Alias           ft -> Format-Table",
        "Cmdlet          Get-Variable                                       3.1.0.0    Microsoft.PowerShell.Utility"]
    text = Shell(lab="seed002").run("Get-Alias ft").text
    assert text.splitlines()[1:4] == [
        "CommandType     Name                                               ModuleName",
        "-----------     ----                                               ----------",
        "Alias           ft -> Format-Table"]


def test_get_alias_standard_set(sh):
    got = set(names(sh.run("Get-Alias")))
    assert {"?", "%", "ft", "fl", "fw", "select", "sort", "where", "foreach", "gm", "measure", "group",
            "echo", "gcm", "gal", "gv", "sv"} <= got


def test_get_alias_not_found(sh):
    (err,) = sh.run("Get-Alias nope").errors
    assert err.message == ("This command cannot find a matching alias because an alias with the name 'nope' "
                           "does not exist.")
    assert err.fully_qualified_error_id == "ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand"


def test_help_default_view(sh):
    assert sh.run("Get-Help Get-Variable").text == (
        "\nNAME\n    Get-Variable\n\nSYNOPSIS\n    Gets the variables of the current session (or one scope).\n\n\n"
        "SYNTAX\n    Get-Variable [[-Name] <String[]>] [-Exclude <String[]>] [-Include\n"
        "    <String[]>] [-Scope <String>] [-ValueOnly] [<CommonParameters>]\n\n\n"
        "REMARKS\n    To see the examples, type: \"get-help Get-Variable -examples\".\n"
        "    For more information, type: \"get-help Get-Variable -detailed\".\n"
        "    For technical information, type: \"get-help Get-Variable -full\".\n")


def test_help_exchange_syntax_per_parameter_set(sh):
    (page,) = sh.run("help Get-ExchangeServer").objects
    assert page.get("Syntax") == [
        "Get-ExchangeServer -Domain <Fqdn> [-DomainController <Fqdn>] [-Status] [<CommonParameters>]",
        "Get-ExchangeServer [[-Identity] <ServerIdParameter>] [-DomainController <Fqdn>] [-Status] "
        "[<CommonParameters>]"]


def test_help_syntax_what_if_confirm_placement(sh):
    (page,) = sh.run("Get-Help Remove-Variable").objects
    assert page.get("Syntax") == ["Remove-Variable [-Name] <String[]> [-Exclude <String[]>] [-Force] "
                                  "[-Include <String[]>] [-Scope <String>] [-WhatIf] [-Confirm] [<CommonParameters>]"]
    (page,) = sh.run("Get-Help Add-DatabaseAvailabilityGroupServer").objects
    assert page.get("Syntax")[0].endswith("[-Confirm] [-DomainController <Fqdn>] [-WhatIf] [<CommonParameters>]")


def test_help_enum_values_in_braces(sh):
    (page,) = sh.run("Get-Help New-Variable").objects
    assert "[-Option {None | ReadOnly | Constant | Private | AllScope | Unspecified}]" in page.get("Syntax")[0]


def test_help_full_parameter_block(sh):
    assert sh.run("Get-Help Set-Variable -Parameter Scope").text == (
        "\n    -Scope <String>\n\n        Required?                    false\n        Position?                    named\n"
        "        Default value\n        Accept pipeline input?       false\n"
        "        Accept wildcard characters?  false\n")
    text = sh.run("Get-Help Add-DatabaseAvailabilityGroupServer -Full").text
    assert "    -Identity <DatabaseAvailabilityGroupIdParameter>\n\n        Required?                    true\n" \
           "        Position?                    1\n" in text
    assert "    -WhatIf [<SwitchParameter>]\n" in text and "    <CommonParameters>\n" in text


def test_help_examples(sh):
    text = sh.run("Get-Help Sort-Object -Examples").text
    assert "EXAMPLES\n    -------------------------- EXAMPLE 1 --------------------------\n\n" \
           "    PS C:\\>Get-MailboxDatabase | Sort-Object Server, Name\n" in text


def test_help_wildcard_lists_topics(sh):
    res = sh.run("Get-Help *-Variable")
    assert names(res) == ["Clear-Variable", "Get-Variable", "New-Variable", "Remove-Variable", "Set-Variable"]
    assert res.objects[1].get("Synopsis") == "Gets the variables of the current session (or one scope)."


def test_help_not_found(sh):
    (err,) = sh.run("Get-Help nope").errors
    assert err.message.startswith("Get-Help could not find nope in a help file in this session.")
    assert err.fully_qualified_error_id == "HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"


def test_synopsis_prefers_class_attribute_then_table_then_docstring():
    class WithAttr(Cmdlet):
        """Docstring line."""
        synopsis = "Attribute line."
        name = "Do-Thing"

    class Plain(Cmdlet):
        """Does a thing (R-DAG-4)."""
        name = "Do-Other"

    assert synopsis(WithAttr) == "Attribute line."
    assert synopsis(Plain) == "Does a thing."


def test_native_command_is_an_application(sh):
    (app,) = sh.run("Get-Command cluster").objects
    assert (app.get("CommandType"), app.get("Name"), app.get("Source")) == (
        "Application", "cluster.exe", "C:\\Windows\\system32\\cluster.exe")
    assert names(sh.run("Get-Command -CommandType Application")) == [
        "cluster.exe", "dnscmd.exe", "ipconfig.exe", "net.exe", "nslookup.exe", "ping.exe"]


def test_help_exchange_syntax_keeps_the_documented_order(sh):
    (page,) = sh.run("Get-Help Get-MailboxDatabaseCopyStatus").objects
    assert page.get("Syntax") == [
        "Get-MailboxDatabaseCopyStatus -Server <MailboxServerIdParameter> [-Active] [-ConnectionStatus] "
        "[-DomainController <Fqdn>] [-ExtendedErrorInfo] [<CommonParameters>]",
        "Get-MailboxDatabaseCopyStatus [[-Identity] <DatabaseCopyIdParameter>] [-Local] [-Active] "
        "[-ConnectionStatus] [-DomainController <Fqdn>] [-ExtendedErrorInfo] [<CommonParameters>]"]


def test_help_exchange_parameters_section_order(sh):
    text = sh.run("Get-Help Get-MailboxDatabaseCopyStatus -Detailed").text
    heads = [line.split()[0] for line in text.splitlines() if line.startswith("    -") and line[5:6].isupper()]
    assert heads == ["-Identity", "-Server", "-Active", "-ConnectionStatus", "-DomainController",
                     "-ExtendedErrorInfo", "-Local"]


FUNCTIONS = r'''
function Get-Thing {
<#
.SYNOPSIS
    Gets a thing from a server.
.DESCRIPTION
    Longer words about the thing.
.EXAMPLE
    Get-Thing -Server MBX1
    Gets the thing of MBX1.
#>
    [CmdletBinding()]
    param([Parameter(Mandatory=$true)][string]$Server, [int]$Count = 1, [switch]$Force)
    "thing"
}
function plain($a, $b) { $a }
'''


def test_help_for_a_function_with_comment_based_help():
    sh = Shell()
    sh.run(FUNCTIONS)
    (page,) = sh.run("Get-Help Get-Thing").objects
    assert (page.get("Synopsis"), page.get("Category")) == ("Gets a thing from a server.", "Function")
    assert page.get("Syntax") == ["Get-Thing [-Server] <String> [[-Count] <Int32>] [-Force] [<CommonParameters>]"]
    assert "DESCRIPTION\n    Longer words about the thing.\n" in str(page)
    assert "    PS C:\\>Get-Thing -Server MBX1\n\n\n    Gets the thing of MBX1.\n" in \
        sh.run("Get-Help Get-Thing -Examples").text
    assert "    -Force [<SwitchParameter>]\n\n        Required?                    false\n" \
           "        Position?                    named\n" in sh.run("Get-Help Get-Thing -Full").text


def test_help_for_a_plain_function():
    sh = Shell()
    sh.run(FUNCTIONS)
    assert sh.run("Get-Help plain").text == (
        "\nNAME\n    plain\n\n\nSYNTAX\n    plain [[-a] <Object>] [[-b] <Object>]\n\n\n"
        "ALIASES\n    None\n\n\nREMARKS\n    None\n")
