"""Format-List value continuation per PowerShell version, the table/list rule for viewless
objects, mixed object types, scalars, collections and the enumeration limit, TimeSpans, dates."""

from __future__ import annotations

import datetime as dt
import enum

from conftest import make_ctx

from cmdlets.api.directives import FormatDirective, PropertySpec
from cmdlets.api.values import PSHashtable, PSObject
from exshell.formatting import HostLines, render_output, to_display_string, to_string

DAG = "Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseAvailabilityGroup"
DN = ("CN=Default Global Address List,CN=All Global Address Lists,CN=Address Lists Container,"
      "CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com")


def _dn_list(version: str) -> list[str]:
    obj = PSObject(properties=[("Name", "Default Global Address List"), ("DistinguishedName", DN)])
    return render_output([FormatDirective("list", (obj,))], make_ctx(version, 80))


def test_ps2_list_value_is_split_by_cells():
    assert _dn_list("2010") == [
        "", "",
        "Name              : Default Global Address List",
        "DistinguishedName : CN=Default Global Address List,CN=All Global Address Lists,",
        "                    CN=Address Lists Container,CN=First Organization,CN=Microso",
        "                    ft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com",
        "", "", "",
    ]


def test_ps5_list_value_is_word_wrapped_in_en_us():
    assert _dn_list("2016") == [
        "", "",
        "Name              : Default Global Address List",
        "DistinguishedName : CN=Default Global Address List,CN=All Global Address",
        "                    Lists,CN=Address Lists Container,CN=First",
        "                    Organization,CN=Microsoft",
        "                    Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com",
        "", "", "",
    ]


def test_five_properties_without_a_view_make_a_list_four_make_a_table():
    five = PSObject(properties=[(k, 1) for k in "ABCDE"])
    four = PSObject(properties=[(k, 1) for k in "ABCD"])
    ctx = make_ctx("2016", 80)
    assert render_output([five], ctx) == ["", "", "A : 1", "B : 1", "C : 1", "D : 1", "E : 1", "", "", ""]
    assert render_output([four], ctx) == ["", "A B C D", "- - - -", "1 1 1 1", "", ""]


def test_object_outside_the_view_is_written_out_of_band_as_a_list():
    dag1 = PSObject([DAG], [("Name", "DAG1"), ("Servers", ["EX1", "EX2"]), ("OperationalServers", None)])
    dag2 = PSObject([DAG], [("Name", "DAG2"), ("Servers", []), ("OperationalServers", None)])
    other = PSObject(properties=[("Id", 7), ("Label", "stray")])
    assert render_output([dag1, other, "a note", dag2], make_ctx("2013", 80)) == [
        "",
        "Name             Member Servers                                      Operationa",
        "                                                                     l Servers",
        "----             --------------                                      ----------",
        "DAG1             {EX1, EX2}",
        "",
        "Id    : 7",
        "Label : stray",
        "",
        "a note",
        "DAG2             {}",
        "",
        "",
    ]


def test_viewless_table_accepts_later_objects_of_other_shapes():
    first = PSObject(properties=[("Name", "EX1"), ("Up", True)])
    second = PSObject(properties=[("Other", 3), ("Name", "EX2")])
    assert render_output([first, second], make_ctx("2016", 80)) == [
        "", "Name   Up", "----   --", "EX1  True", "EX2", "", "",
    ]


def test_scalars_are_written_one_per_line_and_lists_flatten():
    assert render_output(["one", [2, [3.5, True]], None], make_ctx("2016", 80)) == ["one", "2", "3.5", "True"]


def test_enumeration_limit_cuts_collections_with_dots():
    values = list(range(1, 21))
    assert to_display_string(values, make_ctx(limit=16)) == "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16...}"
    assert to_display_string(values, make_ctx(limit=4)) == "{1, 2, 3, 4...}"
    assert to_display_string(values[:5], make_ctx(limit=-1)) == "{1, 2, 3, 4, 5}"
    assert to_display_string(values[:5], make_ctx(limit=0)) == "{...}"
    assert to_display_string([], make_ctx()) == "{}"
    assert to_display_string(["a", None], make_ctx()) == "{a, $null}"
    # a hashtable value lists its keys; a hashtable inside a collection is its type name
    table = PSHashtable([("Server", "EX1"), ("Preference", 1)], ordered=True)
    assert to_display_string(table, make_ctx()) == "{Server, Preference}"
    assert to_display_string([table], make_ctx()) == "{System.Collections.Hashtable}"


class Quota:
    """A ByteQuantifiedSize-like value: its own ToString()."""

    def __str__(self) -> str:
        return "2 GB (2,147,483,648 bytes)"


class Role(enum.Flag):
    Mailbox = 2
    ClientAccess = 4
    HubTransport = 32


def test_value_classes_enums_and_timespans_render_as_exchange_shows_them():
    ctx = make_ctx()
    assert to_display_string(Quota(), ctx) == "2 GB (2,147,483,648 bytes)"
    assert to_display_string(Role.Mailbox | Role.ClientAccess | Role.HubTransport, ctx) == \
        "Mailbox, ClientAccess, HubTransport"
    assert to_display_string(dt.timedelta(days=14), ctx) == "14.00:00:00"
    assert to_display_string(dt.timedelta(minutes=10), ctx) == "00:10:00"
    assert to_display_string(dt.timedelta(seconds=-1.5), ctx) == "-00:00:01.5000000"


def test_dates_follow_the_culture():
    when = dt.datetime(2021, 3, 11, 2, 44, 46)
    assert to_string(when, make_ctx(culture="en-US").profile.culture) == "3/11/2021 2:44:46 AM"
    assert to_string(dt.datetime(2009, 4, 22, 15, 0, 30), make_ctx(culture="nl-BE").profile.culture) == \
        "22/04/2009 15:00:30"


def test_timespan_out_of_default_is_a_list_of_its_properties():
    assert render_output([dt.timedelta(minutes=10)], make_ctx("2016", 80)) == [
        "", "",
        "Days              : 0",
        "Hours             : 0",
        "Minutes           : 10",
        "Seconds           : 0",
        "Milliseconds      : 0",
        "Ticks             : 6000000000",
        "TotalDays         : 0.00694444444444444",
        "TotalHours        : 0.166666666666667",
        "TotalMinutes      : 10",
        "TotalSeconds      : 600",
        "TotalMilliseconds : 600000",
        "", "", "",
    ]


def test_format_list_with_named_properties_keeps_their_order():
    obj = PSObject([DAG], [("Name", "DB"), ("Servers", ["EXCH2010MB1", "EXCH2010MB2"]),
                           ("ReplicationType", "Remote")])
    directive = FormatDirective("list", (obj,), properties=(PropertySpec("servers"), PropertySpec("ReplicationType")))
    assert render_output([directive], make_ctx("2010-beta1", 80, "nl-BE")) == [
        "", "", "Servers         : {EXCH2010MB1, EXCH2010MB2}", "ReplicationType : Remote", "", "", "",
    ]


def test_format_list_hides_runspace_id_only_in_tables():
    obj = PSObject([DAG], [("RunspaceId", "61102664-677b-463e-88dc-0d41c8442f18"), ("Name", "DAG1"),
                           ("Servers", []), ("OperationalServers", None)], hidden=["RunspaceId"])
    ctx = make_ctx("2010", 80)
    assert render_output([obj], ctx)[1].startswith("Name ")
    assert render_output([FormatDirective("list", (obj,))], ctx)[2] == \
        "RunspaceId         : 61102664-677b-463e-88dc-0d41c8442f18"


WIN32_OS = "System.Management.ManagementObject#root\\cimv2\\Win32_OperatingSystem"
WIN32_SERVICE = "System.Management.ManagementObject#root\\cimv2\\Win32_Service"


def test_default_display_property_set_chooses_the_properties_and_by_their_count_a_list():
    os_ = PSObject([WIN32_OS, "System.Management.ManagementObject"], [
        ("BootDevice", "\\Device\\HarddiskVolume1"), ("BuildNumber", "7601"), ("Organization", "Contoso"),
        ("RegisteredUser", "Administrator"), ("SerialNumber", "00477-001-0000421-84319"),
        ("SystemDirectory", "C:\\Windows\\system32"), ("Version", "6.1.7601")])
    assert render_output([os_], make_ctx("2010", 80)) == [
        "", "",
        "SystemDirectory : C:\\Windows\\system32",
        "Organization    : Contoso",
        "BuildNumber     : 7601",
        "RegisteredUser  : Administrator",
        "SerialNumber    : 00477-001-0000421-84319",
        "Version         : 6.1.7601",
        "", "", "",
    ]
    # Format-List * still lists every property
    every = render_output([FormatDirective("list", (os_,), properties=(PropertySpec("*"),))], make_ctx("2010", 80))
    assert every[2] == "BootDevice      : \\Device\\HarddiskVolume1"


def test_display_set_members_the_object_lacks_are_left_out():
    svc = PSObject([WIN32_SERVICE], [("Name", "MSExchangeRepl"), ("State", "Running"), ("Status", "OK"),
                                     ("StartMode", "Auto"), ("Caption", "Microsoft Exchange Replication")])
    assert render_output([svc], make_ctx("2016", 80)) == [
        "", "Name           StartMode State   Status", "----           --------- -----   ------",
        "MSExchangeRepl Auto      Running OK", "", "",
    ]


def test_list_labels_are_clipped_when_the_screen_leaves_no_room_for_the_value():
    obj = PSObject(properties=[("DatabaseAvailabilityGroupIpv4Addresses", "192.168.1.50"), ("Name", "DAG1")])
    # 30-cell console: usable 29, labels may take 29 - 3 - 1 = 25 cells, values get one cell each line
    lines = render_output([FormatDirective("list", (obj,))], make_ctx("2016", 30))
    assert lines[2:6] == [
        "DatabaseAvailabilityGroup : 1", "                            9", "                            2",
        "                            .",
    ]
    assert "Name                      : D" in lines


def test_host_lines_appear_in_place_and_the_table_goes_on():
    dag1 = PSObject([DAG], [("Name", "DAG1"), ("Servers", ["EX1"]), ("OperationalServers", None)])
    dag2 = PSObject([DAG], [("Name", "DAG2"), ("Servers", []), ("OperationalServers", None)])
    db = PSObject(["Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase"],
                  [("Name", "DB1"), ("Server", "EX1"), ("Recovery", False), ("ReplicationType", "None")])
    warning = HostLines(("WARNING: The command completed successfully but no settings of 'DAG1' have been",
                         " modified."))
    # the database arrives after the DAG table started: the DAG view does not cover it, so it is
    # written as a list, not as a table of its own
    assert render_output([dag1, warning, dag2, db], make_ctx("2016", 100)) == [
        "",
        "Name             Member Servers                                      Operational Servers",
        "----             --------------                                      -------------------",
        "DAG1             {EX1}",
        "WARNING: The command completed successfully but no settings of 'DAG1' have been",
        " modified.",
        "DAG2             {}",
        "",
        "Name            : DB1",
        "Server          : EX1",
        "Recovery        : False",
        "ReplicationType : None",
        "",
        "",
        "",
    ]
    assert render_output([warning, dag1], make_ctx("2016", 100))[:3] == [
        "WARNING: The command completed successfully but no settings of 'DAG1' have been", " modified.", ""]
