"""New-Object, Add-Member and Get-Member through the shell."""

import pytest

from exshell import Shell


@pytest.fixture(scope="module")
def sh():
    """Exchange 2010: PowerShell 2.0."""
    return Shell()


@pytest.fixture(scope="module")
def sh3():
    """Exchange 2013: PowerShell 4.0, with Add-Member's note-property parameter sets."""
    return Shell(lab="seed002")


def test_new_object_psobject_with_properties(sh):
    (o,) = sh.run("New-Object PSObject -Property @{Name='DB1'}").objects
    assert o.get("Name") == "DB1"
    assert o.type_names[0] == "System.Management.Automation.PSCustomObject"


def test_new_object_collections(sh):
    assert sh.run("$l = New-Object System.Collections.ArrayList; $null = $l.Add('a'); $l.Add('b'); $l.Count"
                  ).objects == [1, 2]
    assert sh.run("$g = New-Object 'System.Collections.Generic.List[string]'; $g.Add('x'); $g[0]"
                  ).objects[-1] == "x"
    assert sh.run("$h = New-Object System.Collections.Hashtable; $h['k'] = 1; $h.k").objects == [1]


def test_new_object_datetime_from_arguments(sh):
    assert sh.run("(New-Object DateTime 2010,5,1).Year").objects == [2010]


def test_new_object_unknown_type(sh):
    (err,) = sh.run("New-Object Foo.Bar").errors
    assert err.error_id == "TypeNotFound"


def test_add_member_note_property_positional_and_named(sh3):
    res = sh3.run("$o = [pscustomobject]@{A=1}; $o | Add-Member B 2; "
                 "Add-Member -InputObject $o -NotePropertyName C -NotePropertyValue 3;"
                 "$o | Add-Member -MemberType NoteProperty -Name D -Value 4 -PassThru | Format-List")
    assert res.text == "\n\nA : 1\nB : 2\nC : 3\nD : 4\n\n\n"


def test_add_member_note_property_members(sh3):
    (o,) = sh3.run("[pscustomobject]@{A=1} | Add-Member -NotePropertyMembers @{B=2} -PassThru").objects
    assert o.property_names() == ["A", "B"]


def test_add_member_script_property_alias_and_method(sh):
    res = sh.run("$o = [pscustomobject]@{Size=2};"
                 "$o | Add-Member ScriptProperty Twice { $this.Size * 2 };"
                 "$o | Add-Member AliasProperty Length Size;"
                 "$o | Add-Member ScriptMethod Times { param($n) $this.Size * $n };"
                 "$o.Size = 5; $o.Twice; $o.Length; $o.Times(3)")
    assert res.objects == [10, 5, 15]


def test_add_member_existing_name_needs_force(sh3):
    res = sh3.run("$o = [pscustomobject]@{A=1}; $o | Add-Member A 2; $o.A")
    (err,) = res.errors
    assert err.message == ('Cannot add a member with the name "A" because a member with that name already exists. '
                           'To overwrite the member anyway, add the Force parameter to your command.')
    assert err.fully_qualified_error_id == "MemberAlreadyExists,Microsoft.PowerShell.Commands.AddMemberCommand"
    assert res.objects == [1]
    assert sh3.run("$o | Add-Member A 2 -Force; $o.A").objects == [2]


def test_add_member_type_name(sh3):
    (o,) = sh3.run("[pscustomobject]@{A=1} | Add-Member -TypeName My.Type -PassThru").objects
    assert o.type_names[0] == "My.Type"


def test_get_member_custom_object_view(sh3):
    res = sh3.run("[pscustomobject]@{A=1;B='x'} | Get-Member")
    assert res.text == (
        "\n\n   TypeName: System.Management.Automation.PSCustomObject\n\n"
        "Name        MemberType   Definition\n"
        "----        ----------   ----------\n"
        "Equals      Method       bool Equals(System.Object obj)\n"
        "GetHashCode Method       int GetHashCode()\n"
        "GetType     Method       type GetType()\n"
        "ToString    Method       string ToString()\n"
        "A           NoteProperty int A=1\n"
        "B           NoteProperty string B=x\n\n")


def test_get_member_note_property_types_in_powershell_2(sh):
    res = sh.run("New-Object PSObject -Property @{A=1} | Get-Member -MemberType NoteProperty")
    assert [m.get("Definition") for m in res.objects] == ["System.Int32 A=1"]


def test_get_member_filters_by_type_and_name(sh):
    res = sh.run("$o = [pscustomobject]@{Alpha=1;Beta=2}; $o | Add-Member ScriptMethod Go { 1 };"
                 "$o | gm -MemberType NoteProperty | ForEach-Object { $_.Name };"
                 "$o | gm -Name G* | ForEach-Object { $_.Name }")
    assert res.objects == ["Alpha", "Beta", "GetHashCode", "GetType", "Go"]


def test_get_member_one_block_per_type(sh):
    res = sh.run("'a', 'b', 1 | Get-Member -MemberType Property | ForEach-Object { $_.TypeName }")
    assert res.objects == ["System.String"]


def test_get_member_exchange_object_is_deserialized_over_remoting(sh):
    res = sh.run("Get-ExchangeServer | Get-Member -Name Name")
    (m,) = res.objects
    assert m.get("TypeName") == "Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer"
    assert (m.get("MemberType"), m.get("Definition")) == ("Property", "System.String Name {get;set;}")


def test_get_member_without_input(sh):
    (err,) = sh.run("Get-Member").errors
    assert err.message == "You must specify an object for the Get-Member cmdlet."
    assert err.fully_qualified_error_id == "NoObjectInGetMember,Microsoft.PowerShell.Commands.GetMemberCommand"


def test_new_object_collection_types_and_add_results(sh):
    res = sh.run("$g = New-Object 'System.Collections.Generic.List[string]'; $r = $g.Add('x'); $r -eq $null;"
                 "$g.GetType().Name;"
                 "$a = New-Object System.Collections.ArrayList; $a.Add('y'); $a.GetType().FullName")
    assert res.objects == [True, "List`1", 0, "System.Collections.ArrayList"]


def test_powershell_2_add_member_has_only_the_member_set(sh):
    (err,) = sh.run("[pscustomobject]@{A=1} | Add-Member -NotePropertyName B -NotePropertyValue 2").errors
    assert err.fully_qualified_error_id == "NamedParameterNotFound,Microsoft.PowerShell.Commands.AddMemberCommand"
    (err,) = sh.run("[pscustomobject]@{A=1} | Add-Member B 2").errors
    assert err.error_id == "CannotConvertArgumentNoMessage"


def test_get_member_of_a_string_lists_dotnet_members(sh):
    rows = [(m.get("Name"), m.get("MemberType")) for m in sh.run("'abc' | Get-Member").objects]
    assert rows[:3] == [("Clone", "Method"), ("CompareTo", "Method"), ("Contains", "Method")]
    assert rows[-2:] == [("Chars", "ParameterizedProperty"), ("Length", "Property")]
    assert ("ToUpperInvariant", "Method") in rows and ("ToInt32", "Method") in rows and len(rows) == 50
    (length,) = sh.run("'abc' | Get-Member -Name Length").objects
    assert length.get("Definition") == "int Length {get;}"
