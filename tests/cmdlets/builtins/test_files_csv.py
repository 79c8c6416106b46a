"""CSV cmdlets: the text Windows PowerShell writes (#TYPE, quoting, $null), and reading it back."""

import pytest
from hypothesis import given, settings, strategies as st

from cmdlets.api.values import PSObject
from cmdlets.builtins.csv import CsvWriter, read_objects
from exshell import Shell


@pytest.fixture
def shell():
    return Shell()


def test_convertto_csv_type_line_and_quotes(shell):
    res = shell.run("Get-ExchangeServer MBX1 | Select-Object Name,Edition | ConvertTo-Csv")
    assert res.objects == ["#TYPE Selected.Microsoft.Exchange.Data.Directory.Management.ExchangeServer",
                           '"Name","Edition"', '"MBX1","Enterprise"']


def test_convertto_csv_no_type_information_delimiter_and_null(shell):
    res = shell.run('[pscustomobject]@{A=1; B=$null; C=\'say "hi"\'} | ConvertTo-Csv -NoTypeInformation -Delimiter ";"')
    assert res.objects == ['"A";"B";"C"', '"1";;"say ""hi"""']


def test_export_then_import_round_trip(shell):
    res = shell.run(r"Get-ExchangeServer | Select-Object Name,Edition | Export-Csv C:\s.csv -NoTypeInformation; "
                    r"Import-Csv C:\s.csv | Where-Object { $_.Edition -eq 'Enterprise' } | ForEach-Object { $_.Name }")
    assert res.objects == ["MBX1", "MBX2", "MBX3"]
    assert shell.world.server("MBX1").files[r"C:\s.csv"].startswith('"Name","Edition"\r\n"HUB01","Standard"\r\n')


def test_import_csv_missing_file(shell):
    res = shell.run(r"Import-Csv C:\nope.csv")
    err = res.errors[0]
    assert err.message == r"Could not find file 'C:\nope.csv'."
    assert err.fully_qualified_error_id == "FileOpenFailure,Microsoft.PowerShell.Commands.ImportCsvCommand"
    assert (err.category, err.exception_name) == ("OpenError", "FileNotFoundException")


def test_export_csv_append_needs_powershell_3(shell):
    assert shell.run(r"Get-Date | Export-Csv C:\d.csv -Append").errors[0].error_id == "NamedParameterNotFound"


def test_convertfrom_csv_header_and_type_line(shell):
    res = shell.run('"#TYPE X.Y", "1,2" | ConvertFrom-Csv -Header P,Q | ForEach-Object { $_.Q }')
    assert res.objects == ["2"]


class _Runtime:
    @staticmethod
    def to_string(value):
        return str(value)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                        max_size=8), min_size=1, max_size=4))
def test_writer_and_reader_agree(values):
    """Whatever the text (quotes, delimiters), a written row reads back to the same strings."""
    obj = PSObject(properties=[(f"P{i}", v) for i, v in enumerate(values)])
    lines = CsvWriter(_Runtime(), ",", False).lines(obj)      # no #TYPE line: no type lookup
    back = read_objects(lines, ",", None)[0]
    assert [back.get(f"P{i}") for i in range(len(values))] == values
