"""The .NET surface scripts touch: statics, casts, string/collection/date members, regex, guid,
IP addresses, encodings; and what is refused (never a traceback)."""

from __future__ import annotations

import pytest

from exshell import Shell


@pytest.fixture(scope="module")
def sh() -> Shell:
    return Shell()


@pytest.mark.parametrize("source, text", [
    # [math]
    ("[math]::Round(2.5); [math]::Round(3.5); [math]::Round(2.5, 'AwayFromZero')", "2\n4\n3"),
    ("[math]::Round(1.23456, 3)", "1.235"),
    ("[math]::Max(3, 7); [math]::Min(3, 7); [math]::Abs(-4); [math]::Pow(2, 10); [math]::Sqrt(81)", "7\n3\n4\n1024\n9"),
    ("[math]::Floor(2.7); [math]::Ceiling(2.1); [math]::Floor(2.7).GetType().Name", "2\n3\nDouble"),
    ("[math]::PI; [math]::Truncate(-2.7)", "3.14159265358979\n-2"),
    # [string] statics
    ("[string]::IsNullOrEmpty(''); [string]::IsNullOrEmpty($null); [string]::IsNullOrEmpty(' ')", "True\nTrue\nFalse"),
    ("[string]::IsNullOrWhiteSpace(\"`t \")", "True"),
    ("[string]::Join(', ', @('DB1', 'DB2')); [string]::Join('-', 'a', 'b', 'c')", "DB1, DB2\na-b-c"),
    ("[string]::Format('{0} has {1:N0} items', 'DB1', 12345)", "DB1 has 12,345 items"),
    ("[string]::Empty.Length; [string]::new('=', 5); [string]::Concat('a', 1, $true)", "0\n=====\na1True"),
    # string methods
    ("'a,b,,c'.Split(',').Count; 'a b'.Split()[1]; 'a,b;c'.Split(',;')[2]; 'k=v=w'.Split('=', 2)[1]", "4\nb\nc\nv=w"),
    ("'a::b'.Split([string[]]'::', 'None') -join '|'; 'a,,b'.Split(',', 'RemoveEmptyEntries') -join '|'",
     "a|b\na|b"),
    ("'Mailbox'.Replace('box', 'BOX'); 'Mailbox'.Substring(4); 'Mailbox'.Substring(0, 4)", "MailBOX\nbox\nMail"),
    ("'DAG1.contoso.com'.IndexOf('.'); 'DAG1.contoso.com'.LastIndexOf('.'); 'abc'.IndexOf('z')", "4\n12\n-1"),
    ("'MiXed'.ToUpper(); 'MiXed'.ToLower(); '  x  '.Trim() + '|'; 'xxhixx'.Trim('x'); '00120'.TrimStart('0')",
     "MIXED\nmixed\nx|\nhi\n120"),
    ("'path\\'.TrimEnd('\\'); '--a--'.TrimEnd([char[]]'-')", "path\n--a"),
    ("'DAG1'.StartsWith('DAG'); 'DAG1'.StartsWith('dag'); 'DAG1'.StartsWith('dag', 'OrdinalIgnoreCase')",
     "True\nFalse\nTrue"),
    ("'file.log'.EndsWith('.LOG'); 'abc'.Contains('B'); 'abc'.Contains('b')", "False\nFalse\nTrue"),
    ("'7'.PadLeft(3, '0'); 'ab'.PadRight(4, '.') + '|'; 'ac'.Insert(1, 'b'); 'abcdef'.Remove(2, 2)",
     "007\nab..|\nabc\nabef"),
    ("'abc'.Equals('ABC'); 'abc'.Equals('ABC', 'OrdinalIgnoreCase'); 'a'.CompareTo('B'); 'b'.CompareTo('a')",
     "False\nTrue\n-1\n1"),
    ("'abc'.ToCharArray()[1].GetType().FullName; [int]'abc'[0]", "System.Char\n97"),
    # conversions
    ("[int]'0x1F'; [int]'42 '; [long]'3000000000'; [double]'1.5e3'", "31\n42\n3000000000\n1500"),
    ("[bool]'False'; [bool]''; [bool]0; [bool]@(); [bool]@(0); [bool]@(0, 0)", "True\nFalse\nFalse\nFalse\nFalse\nTrue"),
    ("[char]65; [int][char]'A'; [char]'a' + 1; [char]'x' -eq 'X'", "A\n65\n98\nTrue"),
    ("[int]2.5; [int]3.5; [int]'7' + '3'; '7' + 3", "2\n4\n10\n73"),
    ("[int]::Parse('12') * 2; [int]::MaxValue; [byte]::MaxValue", "24\n2147483647\n255"),
    # dates and timespans
    ("$d = [datetime]'2010-05-01 09:30:00'; $d.ToString('yyyy-MM-dd'); $d.ToString('o'); $d.ToString('s')",
     "2010-05-01\n2010-05-01T09:30:00.0000000\n2010-05-01T09:30:00"),
    ("$d = [datetime]'2010-05-01 09:30:00'; $d.AddDays(-1).Day; $d.AddMonths(1).Month; $d.DayOfWeek; $d.Hour",
     "30\n6\nSaturday\n9"),
    ("[datetime]::ParseExact('01/05/2010 14:05', 'dd/MM/yyyy HH:mm', $null).ToString('s')", "2010-05-01T14:05:00"),
    ("[datetime]::ParseExact('May 3 2010 2:05 PM', 'MMM d yyyy h:mm tt', $null).ToString('s')",
     "2010-05-03T14:05:00"),
    ("([datetime]'2010-05-02' - [datetime]'2010-05-01 12:00').TotalHours", "12"),
    ("([datetime]'2010-05-01' + [timespan]'01:30:00').ToString('HH:mm'); ([timespan]'1.02:03:04').TotalMinutes",
     "01:30\n1563.06666666667"),
    ("[timespan]::FromMinutes(90).ToString(); [timespan]::new(1, 2, 3).TotalSeconds", "01:30:00\n3723"),
    ("[datetime]::DaysInMonth(2012, 2); [datetime]::IsLeapYear(1900)", "29\nFalse"),
    ("$t = [timespan]'1.02:03:04.5'; $t.ToString('hh\\:mm\\:ss'); $t.ToString('c'); $t.ToString('g'); "
     "$t.ToString('d\\.hh\\:mm'); $t.ToString('%h'); ([timespan]'00:05:00').ToString(\"mm'm'\")",
     "02:03:04\n1.02:03:04.5000000\n1:2:03:04.5000000\n1.02:03\n2\n05m"),
    # IP addresses
    ("$ip = [System.Net.IPAddress]::Parse('10.0.1.11'); $ip.AddressFamily; $ip.ToString(); $ip.GetType().FullName",
     "InterNetwork\n10.0.1.11\nSystem.Net.IPAddress"),
    ("[ipaddress]::None.ToString(); [ipaddress]::Any.IPAddressToString; ([ipaddress]'fe80::1').AddressFamily",
     "255.255.255.255\n0.0.0.0\nInterNetworkV6"),
    ("[System.Net.IPAddress]::Parse('10.0.0.1').GetAddressBytes() -join '.'", "10.0.0.1"),
    # regex
    ("$m = [regex]::Match('MBX12-DB3', 'MBX(?<n>\\d+)-DB(\\d)'); $m.Success; $m.Value; $m.Groups['n'].Value; "
     "$m.Groups[2].Value; $m.Index", "True\nMBX12-DB3\n12\n3\n0"),
    ("([regex]::Matches('a1b22c333', '\\d+') | ForEach-Object { $_.Value }) -join ','", "1,22,333"),
    ("[regex]::Replace('a-b-c', '-', '+'); [regex]::Replace('DB1', '(\\w)(\\d)', '$2$1')", "a+b+c\nD1B"),
    ("[regex]::Split('a1b2c', '\\d') -join '|'; [regex]::Escape('C:\\x.y (1)')", "a|b|c\nC:\\\\x\\.y\\ \\(1\\)"),
    ("$r = [regex]::new('^db', 'IgnoreCase'); $r.IsMatch('DB1'); $r.Options; $r.Replace('DB1', 'X')",
     "True\nIgnoreCase\nX1"),
    ("$r = [regex]'b'; $r.IsMatch('ABC'); [regex]::IsMatch('ABC', 'b'); 'ABC' -match 'b'", "False\nFalse\nTrue"),
    ("[regex]::Match('x', 'y').Success; [regex]::Match('abab', 'b').NextMatch().Index", "False\n3"),
    # guid, encoding, environment
    ("[guid]::Empty; [guid]::Parse('{6F9619FF-8B86-D011-B42D-00C04FC964FF}').Guid",
     "00000000-0000-0000-0000-000000000000\n6f9619ff-8b86-d011-b42d-00c04fc964ff"),
    ("$g = [guid]::NewGuid(); $g.GetType().FullName; $g.ToString().Length; $g -match '^[0-9a-f-]{36}$'",
     "System.Guid\n36\nTrue"),
    ("[System.Text.Encoding]::UTF8.GetBytes('hé') -join ','; [System.Text.Encoding]::UTF8.WebName",
     "104,195,169\nutf-8"),
    ("[System.Text.Encoding]::ASCII.GetString([byte[]](104, 105)); [System.Text.Encoding]::Unicode.GetByteCount('ab')",
     "hi\n4"),
    ("[Environment]::NewLine.Length; [Environment]::MachineName; [Environment]::UserName", "2\nMBX1\nAdministrator"),
    # collections
    ("$a = [System.Collections.ArrayList]@(); $a.Add('x'); [void]$a.Add('y'); $a.Insert(0, 'w'); $a -join ','; "
     "$a.Remove('x'); $a.RemoveAt(0); $a -join ','; $a.Count; $a.GetType().FullName",
     "0\nw,x,y\ny\n1\nSystem.Collections.ArrayList"),
    ("$l = [System.Collections.Generic.List[int]]::new(); $l.Add('5'); $l.AddRange(@(7, 6)); $l[0].GetType().Name; "
     "$l.Count; $l.Contains(6); $l.IndexOf(7); $l.Sort(); $l -join ','; $l.ToArray().GetType().Name",
     "Int32\n3\nTrue\n1\n5,6,7\nObject[]"),
    ("$h = @{}; $h.Add('Name', 'DAG1'); $h.ContainsKey('NAME'); $h.Contains('x'); $h.Keys; $h.Values; "
     "$h.Remove('name'); $h.Count", "True\nFalse\nName\nDAG1\n0"),
    ("$d = [System.Collections.Generic.Dictionary[string,int]]::new(); $d['a'] = 1; $d.a + 1; $d.Count", "2\n1"),
    ("$x = @(3, 1, 2); $x.Count; $x.Length; $x.Contains(2); $x.IndexOf(2); @().Count", "3\n3\nTrue\n2\n0"),
    # types and ToString
    ("(1).GetType().FullName; 'x'.GetType().Name; @(1).GetType().Name; @{}.GetType().FullName; "
     "(1.5).GetType().Name; (2147483648).GetType().Name", "System.Int32\nString\nObject[]\n"
     "System.Collections.Hashtable\nDouble\nInt64"),
    ("(12.5).ToString('N2'); (255).ToString('X2'); (0.25).ToString('P0'); (7).ToString('000')",
     "12.50\nFF\n25 %\n007"),
    ("$o = [pscustomobject]@{Name='DAG1'; Count=2}; $o.Name; $o.GetType().FullName; $o.PSObject.Properties.Count",
     "DAG1\nSystem.Management.Automation.PSCustomObject\n2"),
    ("([pscustomobject]@{A=1}).ToString(); (1,2).ToString(); $true.ToString()", "@{A=1}\nSystem.Object[]\nTrue"),
])
def test_dotnet_surface(sh: Shell, source: str, text: str) -> None:
    res = sh.run(source)
    assert res.ok, res.text
    assert res.text == text


@pytest.mark.parametrize("source, error_id, message", [
    ("'abc'.Foo()", "MethodNotFound",
     "Method invocation failed because [System.String] does not contain a method named 'Foo'."),
    ("[math]::Nope(1)", "MethodNotFound",
     "Method invocation failed because [System.Math] does not contain a method named 'Nope'."),
    ("(Get-Date).Frob()", "MethodNotFound",
     "Method invocation failed because [System.DateTime] does not contain a method named 'Frob'."),
    ("$x = 1, 2; $x.Add(3)", "DotNetMethodException",          # PowerShell 2.0's id for any of them
     'Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."'),
    ("'abc'.Substring(5)", "DotNetMethodException",
     'Exception calling "Substring" with "1" argument(s): "startIndex cannot be larger than length of string.'
     '\r\nParameter name: startIndex"'),
    ("'abc'.Substring(1, 2, 3)", "MethodCountCouldNotFindBest",
     'Cannot find an overload for "Substring" and the argument count: "3".'),
    ("[Foo.Bar]::Baz()", "TypeNotFound", "Unable to find type [Foo.Bar]."),
    ("[System.IO.File]::ReadAllText('C:\\x')", "TypeNotAvailable",
     "The type 'System.IO.File' is not available in exshell: it would reach outside the emulated lab."),
    ("$n = $null; $n.Trim()", "InvokeMethodOnNull", "You cannot call a method on a null-valued expression."),
    ("[guid]::Parse('nope')", "InvalidCastParseTargetInvocation",
     'Cannot convert value "nope" to type "System.Guid". Error: "Guid should contain 32 digits with 4 dashes '
     '(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."'),
    ("[ipaddress]'10.0.0.300'", "InvalidCastParseTargetInvocation",
     'Cannot convert value "10.0.0.300" to type "System.Net.IPAddress". Error: "An invalid IP address was '
     'specified."'),
    ("[regex]::new('a', 'Sideways')", "InvalidCastParseTargetInvocation", None),
    ("[timespan]'01:00' * 2", "MethodNotFound",
     "Method invocation failed because [System.TimeSpan] does not contain a method named 'op_Multiply'."),
    ("[datetime]::ParseExact('2010', 'dd/MM', $null)", "DotNetMethodException",
     'Exception calling "ParseExact" with "3" argument(s): "String was not recognized as a valid DateTime."'),
])
def test_dotnet_errors_are_records(sh: Shell, source: str, error_id: str, message: str | None) -> None:
    res = sh.run(source)
    assert [e.error_id for e in res.errors] == [error_id]
    if message is not None:
        assert res.errors[0].message == message


@pytest.mark.parametrize("source", [
    "'x' * 1e9", "$a = 1..1e9", "[string]::new('x', 1e9)", "[int[]]::new(1e9)", "'x'.PadLeft(1e9)",
    "'x'.PadRight(2e7)",
    "@(1) * 1e9", "New-Object byte[] 1e9",
])
def test_huge_allocations_are_refused(sh: Shell, source: str) -> None:
    res = sh.run(source, timeout=10)
    assert [e.error_id for e in res.errors] == ["ScriptTooLarge"]
    assert res.errors[0].message == ("The operation would allocate more than 10,000,000 items; exshell refuses it "
                                     "to protect the session.")


def test_new_object_builds_the_same_values_as_new(sh: Shell) -> None:
    res = sh.run("(New-Object byte[] 3) -join ','; $l = New-Object System.Collections.Generic.List[string]; "
                 "$l.Add(5); $l[0].GetType().Name; $l.GetType().Name; (New-Object System.Collections.ArrayList)."
                 "GetType().Name")
    assert res.text == "0,0,0\nString\nList`1\nArrayList"


def test_guids_come_from_the_lab_generator() -> None:
    assert Shell().run("[guid]::NewGuid()").text == Shell().run("[guid]::NewGuid()").text


_AWKWARD = [
 "[regex]::Match()", "[regex]::new()", "'a'.Split(1,2,3,4)", "[datetime]::ParseExact('x')", "[guid]::NewGuid(1)",
 "$m = [regex]::Match('a','a'); $m.Groups[5]; $m.Groups['x']", "[ipaddress]::Parse()", "[System.Text.Encoding]::UTF8.GetBytes()",
 "[math]::Round('x')", "[math]::Round(1, 'nope')", "'x'.PadLeft(-1)", "[string]::new('x', -1)", "[int[]]::new(-1)",
 "1..3 | select -Index -1", "1..3 | select -First 1 -Index 1", "1..3 | select -ExpandProperty", "1..3 | select @{}",
 "1..3 | select @{n='a'}", "1..3 | select @{e={1}}", "1..3 | % -MemberName x", "1 | ? { throw 'x' }", "1 | % { break }",
 "1..3 | % { continue }", "1..3 | % { return }", "function f { 1..1e4 | select -first 1 }; f", "@(1) | select -Last 0",
 "$null | select x", "$null | % { $_ }", "[char]'ab'", "[char]-1", "[char]1e9", "[int][char]''", "[datetime]::new(2010,13,1)",
 "[timespan]::new(1)", "[timespan]::new(1,2)", "(Get-Date).ToString('%')", "(5).ToString('Q')", "[guid]''",
 "$l=[System.Collections.ArrayList]@(); $l.Insert(5,1)", "$l=[System.Collections.ArrayList]@(); $l.RemoveAt(0)",
 "@(3,1,'a').Sort()", "$a=@(3,1,'a'); [array]::Sort($a)", "'abc'.Substring('x')", "'abc'.IndexOf('b', 10)",
 "[regex]::Escape($null)", "[string]::Join($null, $null)", "[convert]::ToInt32('zz', 16)", "[convert]::ToString(5, 3)",
 "[System.Text.Encoding]::UTF8.GetString('abc')", "'x' -match '('", "[regex]'('", "'a' | % Substring 5",
 "function f { param([Parameter(Mandatory=$true)][int[]]$n) $n }; f", "function f([ValidateRange('a','b')]$x) {}; f 1",
 "function f { [CmdletBinding(PositionalBinding=$false)] param($a) $a }; f 1", "& { param($x) $x } -x",
 "$MyInvocation.MyCommand.Name", "$input", "1,2 | & { $input }", "[pscustomobject]@{a=1} | select -ExpandProperty a -Property b",
 "[math]::Sqrt(-1)", "[math]::Log(0)", "[math]::Pow(10, 400)", "[double]::Parse('x')", "[int]::Parse('9999999999')",
 "(Get-Date).AddDays(1e10)", "[datetime]::ParseExact('31/02/2010','dd/MM/yyyy',$null)", "[timespan]::FromDays(1e10)",
 "$x = 1; $x.PSObject.Properties", "$null.PSObject", "(1..3).PSObject.Properties | % { $_.Name }",
 "'abc'.CompareTo($null)", "'abc'.Equals($null)", "[string]::Compare('a', 'b', $true)", "[regex]::Replace('a', 'a', $null)",
 "[datetime]::ParseExact('2010-05-01', 'yyyy-MM-dd', $null, 'None')", "[regex]::Matches('aaa', '')",
 "$m = [regex]::Match('abc', '(?<x>b)'); $m.Groups.Count; $m | select Value, Index",
 "[regex]::new('a', 1)", "[guid]::Parse('6f9619ff8b86d011b42d00c04fc964ff')",
]


@pytest.mark.parametrize("source", _AWKWARD)
def test_awkward_calls_never_escape_as_python_errors(sh: Shell, source: str) -> None:
    res = sh.run(source, timeout=5)
    assert "InternalError" not in [e.error_id for e in res.errors], res.errors[0].message
    assert "Traceback" not in res.text


def test_method_exception_ps20_marks_the_method_name(sh: Shell) -> None:
    res = sh.run("$parts = 'a', 'b'\n$parts.Add('c')")
    assert res.text == (
        "Exception calling \"Add\" with \"1\" argument(s): \"Collection was of a fixed size.\"\n"
        "At line:2 char:11\n"
        "+ $parts.Add <<<< ('c')\n"
        "    + CategoryInfo          : NotSpecified: (:) [], MethodInvocationException\n"
        "    + FullyQualifiedErrorId : DotNetMethodException\n")


def test_method_exception_ps51_is_named_for_the_inner_exception() -> None:
    err = Shell("copies").run("'abc'.Substring(5)").errors[0]
    assert (err.error_id, err.exception_type) == (
        "ArgumentOutOfRangeException", "System.Management.Automation.MethodInvocationException")


def test_an_error_in_an_argument_keeps_its_own_place(sh: Shell) -> None:
    res = sh.run("'abc'.PadLeft('x'.Substring(4))")
    assert res.text.split("\n")[3:5] == ["At line:1 char:28", "+ 'abc'.PadLeft('x'.Substring <<<< (4))"]
