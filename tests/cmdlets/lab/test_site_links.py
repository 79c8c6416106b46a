"""Set-LabSiteLink and Get-LabSiteLink: cutting the WAN between two sites (R-SITE-11, R-COPY-11)."""

from exshell import Shell

TABLE = ("\n"
         "Site1               Site2                           Latency State\n"
         "-----               -----                           ------- -----\n"
         "Redmond             Portland                             {latency} {state}\n"
         "\n")


def test_get_lab_site_link_table():
    assert Shell(lab="seed004").run("Get-LabSiteLink").text == TABLE.format(latency=40, state="Connected")


def test_set_lab_site_link_by_position_cuts_and_restores():
    shell = Shell(lab="seed004")
    assert shell.run("Set-LabSiteLink Redmond Portland -Connected $false").ok
    assert shell.run("Get-LabSiteLink Portland").text == TABLE.format(latency=40, state="Cut")
    res = shell.run("Set-LabSiteLink -Site2 redmond -Site1 portland -Latency 250 -Connected $true -PassThru")
    assert [(o.get("Site1"), o.get("Site2"), o.get("Latency"), o.get("State")) for o in res.objects] == [
        ("Redmond", "Portland", 250, "Connected")]


def test_unknown_site_is_an_object_not_found_error_naming_it():
    res = Shell(lab="seed004").run("Set-LabSiteLink Redmond Chicago -Connected $false")
    err, = res.errors
    assert (err.message, err.category) == ("The lab has no site named 'Chicago'.", "ObjectNotFound")
    assert err.fully_qualified_error_id == "LabSiteNotFound,exshell.Lab.SetLabSiteLink"


def test_a_missing_link_is_an_error_naming_both_sites():
    res = Shell(lab="seed004").run("Set-LabSiteLink Portland Portland -Latency 5")
    err, = res.errors
    assert err.message == "The lab has no link between sites 'Portland' and 'Portland'."
    assert err.fully_qualified_error_id == "LabSiteLinkNotFound,exshell.Lab.SetLabSiteLink"


def test_negative_latency_is_refused_and_what_if_changes_nothing():
    shell = Shell(lab="seed004")
    err, = shell.run("Set-LabSiteLink Redmond Portland -Latency -1").errors
    assert err.category == "InvalidArgument"
    before = shell.world.snapshot()
    res = shell.run("Set-LabSiteLink Redmond Portland -Connected $false -WhatIf")
    assert res.text == 'What if: Performing operation "Set-LabSiteLink" on Target "Redmond-Portland".'
    assert shell.world.snapshot() == before


def test_r_site_11_ping_and_test_connection_do_not_cross_a_cut_link():
    shell = Shell(lab="seed004")                        # the console is MBX2, in Portland
    assert shell.run("Test-Connection MBX1 -Count 1 -Quiet").objects == [True]
    shell.run("Set-LabSiteLink Redmond Portland -Connected $false")
    assert shell.run("Test-Connection MBX1 -Count 1 -Quiet").objects == [False]
    assert shell.run("Test-Connection HUB2 -Count 1 -Quiet").objects == [True]


def test_r_copy_11_copy_status_across_a_cut_link():
    shell = Shell(lab="seed004")
    shell.run("Set-LabSiteLink Redmond Portland -Connected $false")
    res = shell.run("Get-MailboxDatabaseCopyStatus DB1\\MBX2 | Format-List Name,Status")
    assert res.text == "\n\nName   : DB1\\MBX2\nStatus : DisconnectedAndHealthy\n\n\n"
    shell.run("Set-LabSiteLink Redmond Portland -Connected $true")
    assert shell.run("(Get-MailboxDatabaseCopyStatus DB1\\MBX2).Status").objects == ["Healthy"]


def test_restore_lab_brings_back_the_links_as_they_were():
    shell = Shell(lab="seed004")
    shell.run("Checkpoint-Lab BeforeSplit")
    shell.run("Set-LabSiteLink Redmond Portland -Connected $false -Latency 90; Start-Sleep 60")
    assert shell.world.database("DB3").active_server == "MBX1"     # failed over beyond the cut
    shell.run("Restore-Lab BeforeSplit -Confirm:$false")
    assert shell.run("Get-LabSiteLink").text == TABLE.format(latency=40, state="Connected")
    assert shell.run("(Get-MailboxDatabase DB3 -Status).MountedOnServer").objects == ["MBX2.contoso.com"]
