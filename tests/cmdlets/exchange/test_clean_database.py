"""Clean-MailboxDatabase (Exchange 2010 only): it validates the database, finds nothing to do in
the lab, honours -WhatIf, and does not exist on later versions."""

from exshell import Shell
from tests.cmdlets.exchange.conftest import only_error


def test_clean_finds_nothing_and_changes_nothing(shell):
    before = shell.world.snapshot()
    res = shell.run("Clean-MailboxDatabase DB1")
    assert res.ok and res.objects == [] and res.text == ""
    assert shell.run("Get-MailboxDatabase | Clean-MailboxDatabase").ok
    assert shell.world.snapshot() == before


def test_whatif(shell):
    res = shell.run("Clean-MailboxDatabase -Identity DB2 -WhatIf")
    assert res.text == 'What if: Cleaning Mailbox Database "DB2".'


def test_unknown_database_is_refused_with_the_exchange_error(shell):
    before = shell.world.snapshot()
    err = only_error(shell.run("Clean-MailboxDatabase DB9"))
    assert (err.category, err.message) == ("ObjectNotFound",
                                           'Couldn\'t find database "DB9". Make sure you have typed it correctly.')
    assert err.fully_qualified_error_id == "E3DE7D95,Microsoft.Exchange.Management.MapiTasks.CleanMailboxDatabase"
    assert shell.world.snapshot() == before


def test_identity_is_mandatory(shell):
    err = only_error(shell.run("Clean-MailboxDatabase"))
    assert err.fully_qualified_error_id.startswith("MissingMandatoryParameter,")


def test_refused_on_2013_like_any_version_gated_cmdlet():
    err = only_error(Shell(lab="seed002").run("Clean-MailboxDatabase DB1 -WhatIf"))
    assert err.fully_qualified_error_id == "CommandNotFoundException"


def test_the_2010_beta_1_lab_has_it():
    shell = Shell(lab="seed003")
    name = shell.run("(Get-MailboxDatabase | Select-Object -First 1).Name").objects[0]
    res = shell.run("Get-MailboxDatabase | Select-Object -First 1 | Clean-MailboxDatabase -WhatIf")
    assert res.text == f'What if: Cleaning Mailbox Database "{name}".'
