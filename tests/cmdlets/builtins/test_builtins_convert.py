"""ConvertTo-Json, ConvertFrom-Json and ConvertTo-Html through the shell."""

import decimal
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exshell import Shell


@pytest.fixture(scope="module")
def sh():
    """Exchange 2013 (PowerShell 4.0): the JSON cmdlets came with PowerShell 3.0."""
    return Shell(lab="seed002")


_SHARED = Shell(lab="seed002")


def test_json_cmdlets_do_not_exist_in_powershell_2():
    (err,) = Shell().run("1 | ConvertTo-Json").errors
    assert err.error_id == "CommandNotFoundException"


def test_to_json_powershell_5_layout(sh):
    (text,) = sh.run("[ordered]@{a=1;b=@(1,2);c=@{x='<y>'}} | ConvertTo-Json").objects
    assert text == ('{\r\n    "a":  1,\r\n    "b":  [\r\n              1,\r\n              2\r\n          ],\r\n'
                    '    "c":  {\r\n              "x":  "\\u003cy\\u003e"\r\n          }\r\n}')


def test_to_json_compress_and_top_level_array(sh):
    assert sh.run("[ordered]@{a=1;b=@(1,2)} | ConvertTo-Json -Compress").objects == ['{"a":1,"b":[1,2]}']
    assert sh.run("1,2 | ConvertTo-Json").objects == ["[\r\n    1,\r\n    2\r\n]"]
    assert sh.run("ConvertTo-Json -InputObject @(1,'a',$true,$null) -Compress").objects == ['[1,"a",true,null]']


def test_to_json_depth_turns_deeper_objects_into_text(sh):
    assert sh.run("@{a=@{b=@{c=@{d=1}}}} | ConvertTo-Json -Compress").objects == [
        '{"a":{"b":{"c":"System.Collections.Hashtable"}}}']
    assert sh.run("@{a=@{b=@{c=1}}} | ConvertTo-Json -Depth 1 -Compress").objects == [
        '{"a":{"b":"System.Collections.Hashtable"}}']


def test_to_json_objects_and_dates(sh):
    assert sh.run("[pscustomobject]@{Name=\"O'Neil & co\";Up=$false} | ConvertTo-Json -Compress").objects == [
        '{"Name":"O\\u0027Neil \\u0026 co","Up":false}']
    assert sh.run("[datetime]'05/01/2010 09:00:00' | ConvertTo-Json").objects == ['"\\/Date(1272704400000)\\/"']


def test_to_json_exchange_record_properties(sh):
    (text,) = sh.run("Get-ExchangeServer | Select-Object -First 1 | ConvertTo-Json -Compress").objects
    data = json.loads(text)
    assert data["Name"] and "AdminDisplayVersion" in data


def test_from_json_objects_arrays_numbers(sh):
    res = sh.run("$o = '{\"a\":1,\"b\":[1,2],\"c\":{\"d\":\"x\"},\"e\":1.5}' | ConvertFrom-Json; "
                 "$o.a; $o.b.Count; $o.c.d; $o.e")
    assert res.objects == [1, 2, "x", decimal.Decimal("1.5")]
    (o,) = sh.run("'{\"b\":1,\"a\":2}' | ConvertFrom-Json").objects
    assert o.property_names() == ["b", "a"] and o.type_names[0] == "System.Management.Automation.PSCustomObject"


def test_from_json_array_is_one_object_in_5_1(sh):
    assert sh.run("('[1,2,3]' | ConvertFrom-Json | Measure-Object).Count").objects == [1]


def test_from_json_joins_lines_and_reads_dates(sh):
    res = sh.run("'{', '\"a\": \"\\/Date(1272704400000)\\/\"', '}' | ConvertFrom-Json | ForEach-Object { $_.a.Year }")
    assert res.objects == [2010]


def test_from_json_invalid(sh):
    (err,) = sh.run("'{bad' | ConvertFrom-Json").errors
    assert err.message == "Invalid JSON primitive: bad."
    assert err.fully_qualified_error_id == "System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand"


@settings(max_examples=20, deadline=None)
@given(st.dictionaries(st.text("abcxyz", min_size=1, max_size=4),
                       st.one_of(st.integers(-1000, 1000), st.text("ab<&'\" ", max_size=5), st.booleans()),
                       max_size=4))
def test_json_round_trip(data):
    items = ";".join(f"'{k}'={_ps(v)}" for k, v in data.items())
    res = _SHARED.run(f"[pscustomobject][ordered]@{{{items}}} | ConvertTo-Json -Compress")
    (text,) = res.objects
    assert json.loads(text) == data
    back = _SHARED.run(f"'{text.replace(chr(39), chr(39) * 2)}' | ConvertFrom-Json | ConvertTo-Json -Compress")
    assert back.objects == [text]


def _ps(value):
    if isinstance(value, bool):
        return "$true" if value else "$false"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


def test_to_html_page(sh):
    res = sh.run("[pscustomobject]@{Name='a&b';V=1} | ConvertTo-Html -Title Report")
    assert res.objects == [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml">', "<head>", "<title>Report</title>", "</head><body>", "<table>",
        "<colgroup><col/><col/></colgroup>", "<tr><th>Name</th><th>V</th></tr>",
        "<tr><td>a&amp;b</td><td>1</td></tr>", "</table>", "</body></html>"]


def test_to_html_default_title_head_body_pre_post(sh):
    res = sh.run("1 | ConvertTo-Html -Body '<h1>B</h1>' -PreContent '<p>pre</p>' -PostContent '<p>post</p>'")
    assert res.objects[3:] == ["<title>HTML TABLE</title>", "</head><body>", "<h1>B</h1>", "<p>pre</p>",
                               "<table>", "</table>", "<p>post</p>", "</body></html>"]
    res = sh.run("1 | ConvertTo-Html -Head '<style></style>'")
    assert res.objects[3] == "<style></style>"


def test_to_html_fragment_list_and_properties(sh):
    res = sh.run("[pscustomobject]@{Name='a';V=1},[pscustomobject]@{Name='b';V=2} | "
                 "ConvertTo-Html -Fragment -As List -Property Name")
    assert res.objects == ["<table>", "<tr><td>Name:</td><td>a</td></tr>", "<tr><td><hr></td></tr>",
                           "<tr><td>Name:</td><td>b</td></tr>", "</table>"]
    res = sh.run("'abc' | ConvertTo-Html -Fragment -Property @{l='Up';e={$_.ToUpper()}}, Length")
    assert res.objects[1:] == ["<colgroup><col/><col/></colgroup>", "<tr><th>Up</th><th>Length</th></tr>",
                               "<tr><td>ABC</td><td>3</td></tr>", "</table>"]
