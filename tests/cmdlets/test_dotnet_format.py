""".NET formatting: DateTime patterns, TimeSpan text, numeric formats, composite formatting."""

from __future__ import annotations

import datetime as dt

import pytest

from cmdlets.api.dotnet_format import (DotNetFormatError, composite_format, format_datetime, format_double,
                                       format_number, format_timespan)
from cmdlets.api.profile import CULTURES

EN, NL, DE = CULTURES["en-US"], CULTURES["nl-BE"], CULTURES["de-DE"]
WHEN = dt.datetime(2009, 4, 23, 22, 5, 9, 123456)


@pytest.mark.parametrize("pattern, expected", [
    ("M/d/yyyy h:mm:ss tt", "4/23/2009 10:05:09 PM"),
    ("dd/MM/yyyy", "23/04/2009"),
    ("HH:mm:ss", "22:05:09"),
    ("yyyy-MM-dd", "2009-04-23"),
    ("ddd", "Thu"),
    ("dddd", "Thursday"),
    ("MMM", "Apr"),
    ("MMMM", "April"),
    ("fff", "123"),
    ("'Day' d 'of' MMMM", "Day 23 of April"),
    ("d", "4/23/2009"),
    ("D", "Thursday, April 23, 2009"),
    ("t", "10:05 PM"),
    ("T", "10:05:09 PM"),
    ("f", "Thursday, April 23, 2009 10:05 PM"),
    ("F", "Thursday, April 23, 2009 10:05:09 PM"),
    ("g", "4/23/2009 10:05 PM"),
    ("G", "4/23/2009 10:05:09 PM"),
    ("s", "2009-04-23T22:05:09"),
    ("u", "2009-04-23 22:05:09Z"),
    ("o", "2009-04-23T22:05:09.1234560"),
    ("r", "Thu, 23 Apr 2009 22:05:09 GMT"),
    ("zzz", "+00:00"),
])
def test_en_us_date_patterns(pattern, expected):
    assert format_datetime(WHEN, pattern, EN) == expected


def test_nl_be_and_de_de_dates():
    assert format_datetime(WHEN, "G", NL) == "23/04/2009 22:05:09"
    assert format_datetime(WHEN, "dddd d MMMM", NL) == "donderdag 23 april"
    assert format_datetime(WHEN, "G", DE) == "23.04.2009 22:05:09"
    assert format_datetime(WHEN, "dd/MM/yyyy", DE) == "23.04.2009"


@pytest.mark.parametrize("value, expected", [
    (dt.timedelta(0), "00:00:00"),
    (dt.timedelta(minutes=10), "00:10:00"),
    (dt.timedelta(days=30), "30.00:00:00"),
    (dt.timedelta(days=1, hours=2, seconds=3, microseconds=500), "1.02:00:03.0005000"),
    (-dt.timedelta(hours=1), "-01:00:00"),
])
def test_timespan(value, expected):
    assert format_timespan(value) == expected


@pytest.mark.parametrize("value, fmt, expected", [
    (1234.5678, "N2", "1,234.57"),
    (1234.5678, "F1", "1234.6"),
    (0.1234, "P1", "12.3 %"),
    (42, "D5", "00042"),
    (255, "X", "FF"),
    (255, "x4", "00ff"),
    (1234.5, "C", "$1,234.50"),
    (-5, "C", "($5.00)"),
    (1234.5678, "G", "1234.5678"),
    (1234.5678, "E", "1.234568E+003"),
    (0.1, "R", "0.1"),
    (1234.5678, "0.00", "1234.57"),
    (1234567, "#,##0", "1,234,567"),
    (0.5, "0%", "50%"),
    (2.5, "0", "3"),
    (12.3, "000.0 'GB'", "012.3 GB"),
])
def test_numbers_en_us(value, fmt, expected):
    assert format_number(value, fmt, EN) == expected


def test_numbers_nl_be():
    assert format_number(1234.5678, "N2", NL) == "1.234,57"
    assert format_number(1234.5, "C", NL) == "€ 1.234,50"


def test_double_to_string_has_15_significant_digits():
    assert format_double(1 / 144) == "0.00694444444444444"
    assert format_double(0.1 + 0.2) == "0.3"
    assert format_double(1e16) == "1E+16"
    assert format_double(2.5, NL) == "2,5"


def test_composite_alignment_formats_and_escapes():
    text = composite_format("{0,-10}|{1,8:N2}|{{x}}|{2:yyyy}", ["ab", 1234.5, WHEN], EN, str)
    assert text == "ab        |1,234.50|{x}|2009"


def test_composite_uses_to_string_for_plain_items():
    assert composite_format("{0} and {0}", [None], EN, lambda v: "" if v is None else str(v)) == " and "


def test_composite_bad_index_message():
    with pytest.raises(DotNetFormatError) as info:
        composite_format("{1}", ["only"], EN, str)
    assert str(info.value) == ("Error formatting a string: Index (zero based) must be greater than or equal to "
                               "zero and less than the size of the argument list..")
