"""Format-Table layout: view widths and trimming, truncation, header wrap, viewless widths per
PowerShell version, -AutoSize, -GroupBy, -HideTableHeaders, calculated properties, alignment."""

from __future__ import annotations

import datetime as dt

from conftest import make_ctx

from cmdlets.api.directives import FormatDirective, PropertySpec
from cmdlets.api.values import PSHashtable, PSObject
from exshell.formatting import render_output

COPY = "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseCopyStatusEntry"
SERVER = "Microsoft.Exchange.Data.Directory.Management.ExchangeServer"
OAB = "Microsoft.Exchange.Data.Directory.SystemConfiguration.OfflineAddressBook"


def copy_entry(name: str, status: str, copy_q: int, replay_q: int, inspected, ci: str) -> PSObject:
    return PSObject([f"Deserialized.{COPY}", COPY], [
        ("RunspaceId", "3f2a44d1-03c8-4c1c-9d6f-7b1f5d4c2e10"), ("Name", name), ("Status", status),
        ("CopyQueueLength", copy_q), ("ReplayQueueLength", replay_q),
        ("LastInspectedLogTime", inspected), ("ContentIndexState", ci)], hidden=["RunspaceId"])


def test_copy_status_view_at_120_columns_wraps_headers_2016():
    # QA185443: the 2016 view is exactly 119 cells wide; long labels continue on a second line
    row = copy_entry("DB1\\D-EMAIL02", "Healthy", 0, 0, dt.datetime(2020, 12, 3, 12, 54, 51), "Healthy")
    assert render_output([row], make_ctx("2016", 120)) == [
        "",
        "Name                                          Status          CopyQueue ReplayQueue LastInspectedLogTime   ContentIndex",
        "                                                              Length    Length                             State",
        "----                                          ------          --------- ----------- --------------------   ------------",
        "DB1\\D-EMAIL02                                 Healthy         0         0           12/3/2020 12:54:51 PM  Healthy",
        "",
        "",
    ]


def test_wide_view_is_trimmed_to_80_columns_and_values_truncated():
    # 45/15/9/11/22/12 on 79 cells: the last two columns vanish, ReplayQueueLength shrinks to 7
    row = copy_entry("Mailbox Database Reserved For Archive Mailboxes\\EXMBX01", "Healthy", 12, 3456789,
                     dt.datetime(2012, 5, 1, 9, 30, 0), "Healthy")
    assert render_output([row], make_ctx("2010", 80)) == [
        "",
        "Name                                          Status          CopyQueue ReplayQ",
        "                                                              Length    ueueLen",
        "                                                                        gth",
        "----                                          ------          --------- -------",
        "Mailbox Database Reserved For Archive Mail... Healthy         12        3456789",
        "",
        "",
    ]


def test_exchange_server_view_at_80_columns_truncates_with_dots():
    # ESP2011: the last column gets what is left (14 cells), its label wraps
    server = PSObject([SERVER], [("Name", "HO-EX2010-EDGE"),
                                 ("Site", "exchangeserverpro.net/Configuration/Sites/HeadOffice"),
                                 ("ServerRole", "Edge"), ("Edition", "StandardEvaluation"),
                                 ("AdminDisplayVersion", "Version 14.1 (Build 218.15)")])
    assert render_output([server], make_ctx("2010", 80)) == [
        "",
        "Name                Site                 ServerRole  Edition     AdminDisplayVe",
        "                                                                 rsion",
        "----                ----                 ----------  -------     --------------",
        "HO-EX2010-EDGE      exchangeserverpro... Edge        Standard... Version 14....",
        "",
        "",
    ]


def test_view_without_widths_splits_equally_on_ps4():
    # QA308997 (Exchange 2013, PS 4, 120 columns): columns start at 0/40/80
    oab = PSObject([OAB], [("Name", "Default Offline Address Book"), ("Versions", ["Version4"]),
                           ("AddressLists", ["\\Default Global Address List"])])
    assert render_output([oab], make_ctx("2013", 120)) == [
        "",
        "Name                                    Versions                                AddressLists",
        "----                                    --------                                ------------",
        "Default Offline Address Book            {Version4}                              {\\Default Global Address List}",
        "",
        "",
    ]


def _people() -> list[PSObject]:
    return [PSObject(properties=[("Name", "alpha"), ("Count", 1)]),
            PSObject(properties=[("Name", "b"), ("Count", 10)])]


def test_viewless_table_is_sized_from_data_on_ps5_with_numbers_right_aligned():
    assert render_output(_people(), make_ctx("2016", 120)) == [
        "", "Name  Count", "----  -----", "alpha     1", "b        10", "", "",
    ]


def test_viewless_table_splits_equally_on_ps2():
    assert render_output(_people(), make_ctx("2010", 80)) == [
        "",
        "Name                                                                      Count",
        "----                                                                      -----",
        "alpha                                                                         1",
        "b                                                                            10",
        "",
        "",
    ]


def test_autosize_ignores_view_widths():
    rows = [copy_entry("DB1\\EX1", "Mounted", 0, 0, None, "Healthy"),
            copy_entry("DB1\\EX2", "Healthy", 0, 2, dt.datetime(2013, 2, 1, 8, 5, 0), "Crawling")]
    directive = FormatDirective("table", tuple(rows), auto_size=True)
    assert render_output([directive], make_ctx("2013", 120)) == [
        "",
        "Name    Status  CopyQueueLength ReplayQueueLength LastInspectedLogTime ContentIndexState",
        "----    ------  --------------- ----------------- -------------------- -----------------",
        "DB1\\EX1 Mounted 0               0                                      Healthy",
        "DB1\\EX2 Healthy 0               2                 2/1/2013 8:05:00 AM  Crawling",
        "",
        "",
    ]


def test_group_by_starts_each_group_with_a_label_and_a_header():
    rows = [PSObject(properties=[("Server", "EX1"), ("Check", "ClusterService"), ("Result", "Passed")]),
            PSObject(properties=[("Server", "EX1"), ("Check", "ReplayService"), ("Result", "Passed")]),
            PSObject(properties=[("Server", "EX2"), ("Check", "ClusterService"), ("Result", "Failed")])]
    directive = FormatDirective("table", tuple(rows), properties=(PropertySpec("Check"), PropertySpec("Result")),
                                auto_size=True, group_by=PropertySpec("Server"))
    assert render_output([directive], make_ctx("2016", 120)) == [
        "",
        "", "   Server: EX1", "",
        "Check          Result", "-----          ------", "ClusterService Passed", "ReplayService  Passed",
        "",
        "", "   Server: EX2", "",
        "Check          Result", "-----          ------", "ClusterService Failed",
        "",
        "",
    ]


def test_hide_table_headers():
    directive = FormatDirective("table", tuple(_people()), auto_size=True, hide_table_headers=True)
    assert render_output([directive], make_ctx("2016", 120)) == ["", "alpha     1", "b        10", "", ""]


def test_calculated_properties_are_evaluated_with_their_label():
    dbs = [PSObject(properties=[("Name", "DB1"), ("Bytes", 5_368_709_120)]),
           PSObject(properties=[("Name", "DB2"), ("Bytes", 1_610_612_736)])]
    ctx = make_ctx("2016", 120, evaluate=lambda block, obj: block(obj))
    size = PropertySpec("Size", expression=lambda o: o.get("Bytes") / 1024 ** 3, label="Size (GB)",
                        format_string="N1")
    directive = FormatDirective("table", tuple(dbs), properties=(PropertySpec("Name"), size), auto_size=True)
    assert render_output([directive], ctx) == [
        "", "Name Size (GB)", "---- ---------", "DB1        5.0", "DB2        1.5", "", "",
    ]


def test_wildcard_property_names_expand_in_declaration_order():
    obj = PSObject(properties=[("LastLogCopied", 7), ("Name", "DB1"), ("LastLogReplayed", 6)])
    directive = FormatDirective("table", (obj,), properties=(PropertySpec("Name"), PropertySpec("LastLog*")),
                                auto_size=True)
    assert render_output([directive], make_ctx("2016", 120)) == [
        "", "Name LastLogCopied LastLogReplayed", "---- ------------- ---------------",
        "DB1              7               6", "", "",
    ]


def test_hashtable_shows_name_value_table_with_30_wide_names():
    table = PSHashtable([("Server", "EX1"), ("Preference", 1)], ordered=True)
    assert render_output([table], make_ctx("2010", 80)) == [
        "",
        "Name                           Value",
        "----                           -----",
        "Server                         EX1",
        "Preference                     1",
        "",
        "",
    ]


def test_minus_wrap_stacks_cell_lines_ps5_word_wrap():
    obj = PSObject(properties=[("Name", "DB1"), ("Note", "seeding from the passive copy on EX2")])
    directive = FormatDirective("table", (obj,), properties=(PropertySpec("Name", width=5),
                                                            PropertySpec("Note", width=15)), wrap=True)
    assert render_output([directive], make_ctx("2016", 80)) == [
        "", "Name  Note", "----  ----",
        "DB1   seeding from", "      the passive", "      copy on EX2", "", "",
    ]


def test_value_with_newline_is_cut_with_dots_without_wrap():
    obj = PSObject(properties=[("Name", "DB1"), ("Error", "first line\nsecond line")])
    assert render_output([obj], make_ctx("2016", 80)) == [
        "", "Name Error", "---- -----", "DB1  first line...", "", "",
    ]


MOVE = "Microsoft.Exchange.Management.SystemConfigurationTasks.DatabaseMoveResult"


def _move_result() -> PSObject:
    return PSObject([f"Deserialized.{MOVE}", MOVE], [
        ("RunspaceId", "3f2a44d1-03c8-4c1c-9d6f-7b1f5d4c2e10"), ("Identity", "DB1"), ("ActiveServerAtStart", "EX1"),
        ("ActiveServerAtEnd", "EX2"), ("Status", "Succeeded"), ("ErrorMessage", None), ("Exception", None),
        ("MountStatusAtMoveStart", "Mounted"), ("MountStatusAtMoveEnd", "Mounted"), ("NumberOfLogsLost", 0),
        ("RecoveryPointObjective", dt.datetime(2013, 5, 17, 10, 2, 11))], hidden=["RunspaceId"])


def test_move_result_view_fits_the_120_column_ems_window():
    # the EMS console of 2010-2016 is 120 wide: 15/15/15/10/18/13/11/11 plus separators is 115 cells
    assert render_output([_move_result()], make_ctx("2010", 120)) == [
        "",
        "Identity        ActiveServerAtS ActiveServerAtE Status     NumberOfLogsLost   RecoveryPoint MountStatus MountStatus",
        "                tart            nd                                            Objective     AtMoveStart AtMoveEnd",
        "--------        --------------- --------------- ------     ----------------   ------------- ----------- -----------",
        "DB1             EX1             EX2             Succeeded  0                  5/17/2013 ... Mounted     Mounted",
        "",
        "",
    ]


def test_move_result_view_on_80_columns_keeps_the_columns_that_fit():
    # TrimToFit hides the two MountStatus columns; RecoveryPointObjective keeps the one cell left
    # (ColumnWidthManager's minimum is 1) and its label, split into one-cell header lines, runs down.
    lines = render_output([_move_result()], make_ctx("2010", 80))
    label = "RecoveryPointObjective"
    assert lines[1] == "Identity        ActiveServerAtS ActiveServerAtE Status     NumberOfLogsLost   R"
    assert lines[2] == "                tart            nd                                            e"
    assert [line[-1] for line in lines[1:1 + len(label)]] == list(label)
    assert lines[1 + len(label):] == [
        "--------        --------------- --------------- ------     ----------------   -",
        "DB1             EX1             EX2             Succeeded  0                  5",
        "",
        "",
    ]
    assert max(len(line) for line in lines) == 79


def test_explicit_left_alignment_wins_over_the_numeric_default():
    rows = (PSObject(properties=[("Name", "DB1"), ("Logs", 1200)]), PSObject(properties=[("Name", "DB2"), ("Logs", 7)]))
    directive = FormatDirective("table", rows, auto_size=True, properties=(
        PropertySpec("Name"), PropertySpec("Logs", expression=lambda o: o.get("Logs"), label="Logs", alignment="Left"),
        PropertySpec("Logs")))
    ctx = make_ctx("2016", 80, evaluate=lambda block, obj: block(obj))
    assert render_output([directive], ctx) == [
        "", "Name Logs Logs", "---- ---- ----", "DB1  1200 1200", "DB2  7       7", "", "",
    ]


def test_a_group_label_wider_than_the_console_continues_on_the_next_line():
    path = "C:\\ExchangeVolumes\\Volume01\\Databases\\Mailbox Database Reserved For Archives\\Logs"
    rows = (PSObject(properties=[("Path", path), ("Name", "DB1")]),)
    directive = FormatDirective("table", rows, properties=(PropertySpec("Name"),), group_by=PropertySpec("Path"))
    lines = render_output([directive], make_ctx("2016", 80))
    assert lines[:5] == [
        "", "",
        "   Path: C:\\ExchangeVolumes\\Volume01\\Databases\\Mailbox Database Reserved For Ar",
        "chives\\Logs",
        "",
    ]
    assert render_output([directive], make_ctx("2016", 80), console=False)[2] == "   Path: " + path
