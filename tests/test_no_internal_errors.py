"""Commands that once failed with an internal error now end with the record the real shell writes,
or with the right result, and host-side failures (a lab whose setup fails, a transcript that cannot
be read) end with their message instead of a traceback: one regression test per defect."""

import io
from pathlib import Path

import pytest

import exshell.labs
from exshell import Shell
from exshell.cli import main
from exshell.labs.loader import LabError


def ids(res) -> list[str]:
    return [e.fully_qualified_error_id for e in res.errors]


def test_nan_and_infinity_do_not_convert_to_an_integer():
    sh = Shell()
    res = sh.run("[int][double]::NaN")
    assert [e.message for e in res.errors] == [
        'Cannot convert value "NaN" of type "System.Double" to type "System.Int32".']
    assert ids(res) == ["InvalidCastIConvertible"]
    res = sh.run("[long][double]::NegativeInfinity")
    assert [e.message for e in res.errors] == [
        'Cannot convert value "-Infinity" of type "System.Double" to type "System.Int64".']
    res = sh.run("$x = [double]::PositiveInfinity -as [int]; $x -eq $null")
    assert res.ok and res.objects == [True]


def test_select_string_reports_a_pattern_that_does_not_parse():
    sh = Shell()
    res = sh.run("'a' | Select-String -Pattern '('; 'next'")
    assert [(e.message, e.category) for e in res.errors] == [
        ("The string ( is not a valid regular expression: parsing \"(\" - Not enough )'s.", "InvalidArgument")]
    assert ids(res) == ["InvalidRegex,Microsoft.PowerShell.Commands.SelectStringCommand"]
    assert res.objects == ["next"]
    assert [e.message for e in sh.run("'a' | Select-String '[a'").errors] == [
        'The string [a is not a valid regular expression: parsing "[a" - Unterminated [] set.']
    assert [e.message for e in sh.run("'a' | Select-String '*'").errors] == [
        'The string * is not a valid regular expression: parsing "*" - Quantifier {x,y} following nothing.']
    assert [e.message for e in sh.run("'a' | Select-String 'a**'").errors] == [
        'The string a** is not a valid regular expression: parsing "a**" - Nested quantifier *.']


def test_select_string_reads_dotnet_named_groups():
    res = Shell().run("'mbx1', 'mbx2' | Select-String '(?<n>2)' | ForEach-Object { $_.Line }")
    assert res.ok and res.objects == ["mbx2"]


def test_get_date_with_an_unknown_one_letter_format_ends_with_a_format_exception():
    res = Shell().run("Get-Date -Format x; 'next'")
    assert [(e.message, e.category, e.fully_qualified_error_id) for e in res.errors] == [
        ("Input string was not in a correct format.", "NotSpecified",
         "System.FormatException,Microsoft.PowerShell.Commands.GetDateCommand")]
    assert res.objects == ["next"]


def test_new_object_datetime_out_of_range_is_a_constructor_exception():
    sh = Shell()
    res = sh.run("New-Object DateTime 10000,1,1; New-Object DateTime 2010,1,1,24,0,0; 'next'")
    assert [(e.message, e.category) for e in res.errors] == [
        ('Exception calling ".ctor" with "3" argument(s): "Year, Month, and Day parameters describe an '
         'un-representable DateTime."', "InvalidOperation"),
        ('Exception calling ".ctor" with "6" argument(s): "Hour, Minute, and Second parameters describe an '
         'un-representable DateTime."', "InvalidOperation")]
    assert set(ids(res)) == {"ConstructorInvokedThrowException,Microsoft.PowerShell.Commands.NewObjectCommand"}
    assert res.objects == ["next"]
    res = sh.run("(New-Object DateTime 2010,2,3,4,5,6,7).ToString('yyyy-MM-dd HH:mm:ss.fff'); "
                 "(New-Object DateTime 633979008000000000).ToString('s')")
    assert res.ok and res.objects == ["2010-02-03 04:05:06.007", "2010-01-01T00:00:00"]


def test_network_parameter_of_a_resource_that_is_no_ip_address_is_stored_as_written():
    """R-CLUSTER-1: only an IP Address resource's Network must name a cluster network; another
    resource keeps what it was given, like any other private property it has no rule for."""
    sh = Shell(lab="copies")
    res = sh.run("Get-ClusterResource 'Cluster Name' | Set-ClusterParameter Network 'NoSuchNetwork'")
    assert res.errors == []
    res = sh.run("(Get-ClusterResource 'Cluster Name' | Get-ClusterParameter Network).Value")
    assert res.objects == ["NoSuchNetwork"]


def test_r_db_1_an_empty_database_name_is_refused():
    """R-DB-1: a database name has at least one character; Set-MailboxDatabase -Name '' used to rename
    DB1 to nothing, after which every copy-status query failed inside."""
    sh = Shell(lab="seed004")
    for code in ("Set-MailboxDatabase DB1 -Name ''", "Set-MailboxDatabase DB1 -Name $null",
                 "New-MailboxDatabase -Name '' -Server MBX1"):
        res = sh.run(code)
        assert [(e.message, e.category) for e in res.errors] == [
            ("The length of the property is too short. The minimum length is 1 and the length of the value "
             "provided is 0.", "InvalidArgument")], code
    assert sh.run("Get-MailboxDatabase | ForEach-Object { $_.Name }").objects == ["DB1", "DB2", "DB3"]
    assert sh.run("Get-MailboxDatabaseCopyStatus *").ok


def test_set_mailbox_database_name_does_not_rename_the_command():
    """The Name parameter used to overwrite the command's own name, so its errors named the new
    database name (or nothing) where the command belongs."""
    text = Shell(lab="seed004").run("Set-MailboxDatabase DB1 -Name DB2").text
    assert ("    + CategoryInfo          : InvalidArgument: (DB2:String) [Set-MailboxDataba\n"
            "   se], ArgumentException\n") in text
    res = Shell(lab="seed004").run("Set-MailboxDatabase DB1 -Name DBX; (Get-MailboxDatabase DBX).Name")
    assert res.ok and res.objects == ["DBX"]


def test_new_dag_with_a_null_name_is_checked_like_an_empty_one():
    res = Shell(lab="seed003").run("New-DatabaseAvailabilityGroup -Name $null")
    assert [e.message for e in res.errors] == [
        "The name '' contains characters that aren't valid. A database availability group name can contain "
        "only letters, digits and hyphens, and can't consist only of digits."]


NEW_MAILBOX = ("New-Mailbox -Name {0} -Database DB1 -UserPrincipalName {0}@contoso.com "
               "-Password (ConvertTo-SecureString 'P@ssw0rd' -AsPlainText -Force)")


def test_test_mapi_connectivity_with_a_wildcard_naming_no_mailbox_or_several():
    sh = Shell(lab="seed004")
    res = sh.run("Test-MAPIConnectivity -Identity 'nosuch*'")
    assert [(e.message, e.category) for e in res.errors] == [
        ("The operation couldn't be performed because object 'nosuch*' couldn't be found on "
         "'DC1.contoso.com'.", "ObjectNotFound")]
    sh.run(NEW_MAILBOX.format("user1"))
    sh.run(NEW_MAILBOX.format("user2"))
    res = sh.run("Test-MAPIConnectivity -Identity 'user*'")
    assert [(e.message, e.category) for e in res.errors] == [
        ("The operation couldn't be performed because 'user*' matches multiple entries.", "InvalidArgument")]
    res = sh.run("Test-MAPIConnectivity -Identity 'user1*' | ForEach-Object { $_.Result.ToString() }")
    assert res.ok and res.objects == ["Success"]


def test_a_database_quota_set_to_unlimited_prints_as_unlimited():
    """Rendering a database whose quota was set to Unlimited used to raise out of Shell.run."""
    sh = Shell(lab="seed004")
    assert sh.run("Set-MailboxDatabase DB1 -IssueWarningQuota unlimited").ok
    res = sh.run("Get-MailboxDatabase DB1 | Format-List IssueWarningQuota,ProhibitSendQuota")
    assert res.text == ("\n\nIssueWarningQuota : unlimited\nProhibitSendQuota : 2 GB (2,147,483,648 bytes)\n\n\n")
    sh = Shell(lab="copies")
    assert sh.run("Set-MailboxDatabase DB1 -ProhibitSendQuota Unlimited").ok
    assert sh.run("Get-MailboxDatabase DB1 | ForEach-Object { $_.ProhibitSendQuota.ToString() }").objects == [
        "Unlimited"]


def test_r_net_9_a_null_dag_network_name_is_an_empty_one():
    """R-NET-9: -Name $null used to create a network named None (and then fail inside) or fail
    inside Set-; both now refuse the empty name and change nothing."""
    sh = Shell(lab="seed004")
    assert sh.run("Set-DatabaseAvailabilityGroup DAG1 -ManualDagNetworkConfiguration $true").ok
    for code in ("New-DatabaseAvailabilityGroupNetwork -DatabaseAvailabilityGroup DAG1 -Subnets 10.0.1.0/24 "
                 "-Name $null", r"Set-DatabaseAvailabilityGroupNetwork DAG1\DAGNetwork01 -Name $null"):
        res = sh.run(code)
        assert [(e.message, e.category) for e in res.errors] == [
            ("A DAG network name can't be empty.", "InvalidArgument")], code
    res = sh.run("Get-DatabaseAvailabilityGroupNetwork | ForEach-Object { $_.Name }")
    assert res.objects == ["DAGNetwork01", "DAGNetwork02", "DAGNetwork03", "DAGNetwork04"]


def test_get_child_item_recurse_into_a_folder_removed_down_the_pipeline():
    """Remove-Item deletes each folder as Get-ChildItem -Recurse hands it on; the folder is gone
    when Get-ChildItem comes back to list it: a read error, and the rest goes on."""
    sh = Shell(lab="seed004")
    sh.run(r"New-Item C:\T\A\B -ItemType Directory; New-Item C:\T\A\B\f.txt -ItemType File; "
           r"New-Item C:\T\g.txt -ItemType File")
    res = sh.run(r"Get-ChildItem C:\T -Recurse | Remove-Item -Recurse -Force")
    assert [(e.message, e.category, e.fully_qualified_error_id) for e in res.errors] == [
        (r"Could not find a part of the path 'C:\T\A'.", "ReadError",
         "DirIOError,Microsoft.PowerShell.Commands.GetChildItemCommand")]
    assert sh.run(r"Get-ChildItem C:\T -Recurse").objects == []


def test_a_lab_whose_setup_fails_is_a_lab_error(tmp_path):
    """The setup failure used to build its LabError wrongly, so a TypeError left Shell()."""
    text = (Path(exshell.labs.__file__).parent / "seed003.toml").read_text(encoding="utf-8")
    lab = tmp_path / "broken.toml"
    lab.write_text(text.replace('console = "EXCH2010MB1"\n', 'console = "EXCH2010MB1"\nsetup = "Get-Foo"\n'),
                   encoding="utf-8")
    with pytest.raises(LabError) as info:
        Shell(lab=str(lab))
    assert str(info.value).startswith("seed003: setup: The term 'Get-Foo' is not recognized as the name of a cmdlet")


def test_replay_reports_a_transcript_it_cannot_read_or_whose_lab_does_not_exist(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "b.txt").write_text("# lab: nosuch\n[PS] C:\\>Get-Date\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["replay", str(tmp_path)], stdout=out) == 1
    assert out.getvalue().splitlines() == [
        f"ERROR {tmp_path / 'a.txt'}: not UTF-8 text",
        f"ERROR {tmp_path / 'b.txt'}: nosuch: no built-in lab with that name (built-in: copies, default, "
        "seed000, seed002, seed003, seed004)",
        "0 passed, 2 failed"]


def test_a_host_script_is_read_by_its_byte_order_mark_or_as_ansi(tmp_path):
    """Windows PowerShell saves scripts as UTF-16 LE with a BOM; a script without a BOM that is not
    UTF-8 is read in the ANSI code page. Either used to raise UnicodeDecodeError out of run_file."""
    utf16 = tmp_path / "u16.ps1"
    utf16.write_bytes(b"\xff\xfe" + "'caf\u00e9 16'".encode("utf-16-le"))
    ansi = tmp_path / "ansi.ps1"
    ansi.write_bytes("'caf\u00e9 ansi'".encode("cp1252"))
    sh = Shell()
    assert sh.run_file(str(utf16)).objects == ["caf\u00e9 16"]
    assert sh.run_file(str(ansi)).objects == ["caf\u00e9 ansi"]
    assert sh.run(r"Get-Content C:\Scripts\u16.ps1").objects == ["'caf\u00e9 16'"]


def test_new_object_of_an_unknown_type_is_new_objects_own_error():
    from exshell import Shell
    err = Shell("copies").run("New-Object System.Foo").errors[0]
    assert (err.message, err.category, err.fully_qualified_error_id) == (
        "Cannot find type [System.Foo]: verify that the assembly containing this type is loaded.", "InvalidType",
        "TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand")
    assert Shell().run("New-Object System.Foo").errors[0].message == \
        "Cannot find type [System.Foo]: make sure the assembly containing this type is loaded."


def test_a_constructor_called_through_new_reports_itself_as_ctor():
    from exshell import Shell
    err = Shell("copies").run("[datetime]::new(10000,1,1)").errors[0]
    assert err.message == ('Exception calling ".ctor" with "3" argument(s): "Year, Month, and Day parameters '
                           'describe an un-representable DateTime."')


def test_an_array_of_negative_size_overflows():
    from exshell import Shell
    res = Shell("copies").run('New-Object "int[]" -1; [int[]]::new(-2)')
    assert [e.message for e in res.errors] == [
        'Exception calling ".ctor" with "1" argument(s): "Arithmetic operation resulted in an overflow."'] * 2
    assert res.errors[1].fully_qualified_error_id == "OverflowException"
