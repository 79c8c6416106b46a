"""Get-Date: parts, -Format and -UFormat on the lab's virtual clock (2010-05-01 09:00:00)."""

import datetime as dt

import pytest

from exshell import Shell


@pytest.fixture(scope="module")
def sh():
    return Shell()


def test_get_date_is_the_virtual_clock(sh):
    assert sh.run("Get-Date").objects == [dt.datetime(2010, 5, 1, 9, 0)]


def test_get_date_parts_replace_fields(sh):
    assert sh.run("Get-Date -Year 2011 -Month 2 -Day 3 -Hour 4 -Minute 5 -Second 6 -Millisecond 7").objects == [
        dt.datetime(2011, 2, 3, 4, 5, 6, 7000)]


def test_get_date_day_past_month_end_rolls_over(sh):
    assert sh.run("Get-Date -Month 2 -Day 30 -Format yyyy-MM-dd").objects == ["2010-03-02"]


def test_get_date_format_and_date_argument(sh):
    assert sh.run("Get-Date '05/01/2010 10:00:00' -Format 'dd/MM/yyyy HH:mm'").objects == ["01/05/2010 10:00"]


def test_get_date_uformat(sh):
    assert sh.run("Get-Date -UFormat '%Y-%m-%d %H:%M:%S %A %a %B %b %j %p %y %u %w'").objects == [
        "2010-05-01 09:00:00 Saturday Sat May May 121 AM 10 6 6"]
    assert sh.run("Get-Date -UFormat '%D %T %R %r %e|%s'").objects == [
        "05/01/10 09:00:00 09:00 09:00:00 AM  1|1272704400"]


def test_get_date_format_and_uformat_together_is_ambiguous(sh):
    (err,) = sh.run("Get-Date -Format yyyy -UFormat %Y").errors
    assert err.error_id == "AmbiguousParameterSet"


def test_get_date_validates_ranges(sh):
    (err,) = sh.run("Get-Date -Month 13").errors
    assert err.error_id == "ParameterArgumentValidationError"


def test_date_arithmetic(sh):
    assert sh.run("((Get-Date).AddDays(1) - (Get-Date)).TotalHours").objects == [24]


def test_get_date_display_hint(sh):
    assert sh.run("Get-Date -DisplayHint Date").text == "\nSaturday, May 1, 2010\n\n"
    assert sh.run("Get-Date -DisplayHint Time").text == "\n9:00:00 AM\n\n"
    assert sh.run("Get-Date").text == "\nSaturday, May 1, 2010 9:00:00 AM\n\n"


def test_get_date_to_json_carries_its_notes():
    res = Shell(lab="seed002").run("Get-Date -Year 2013 -Month 1 -Day 2 -Hour 3 -Minute 4 -Second 5 | ConvertTo-Json")
    assert res.objects == ['{\r\n    "value":  "\\/Date(1357095845000)\\/",\r\n    "DisplayHint":  2,\r\n'
                           '    "DateTime":  "Wednesday, January 2, 2013 3:04:05 AM"\r\n}']
