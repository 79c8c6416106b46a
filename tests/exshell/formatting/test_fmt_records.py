"""Error blocks per PowerShell version, Exchange remote errors, WARNING / What if word wrap."""

from __future__ import annotations

from conftest import make_ctx

from cmdlets.api.errors import ErrorRecord, InvocationInfo
from exshell.formatting import render_error, render_output, render_verbose, render_warning, render_whatif

NOT_FOUND = ("The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable "
             "program. Check the spelling of the name, or if a path was included, verify that the path is "
             "correct and try again.")


def _not_found() -> ErrorRecord:
    return ErrorRecord(NOT_FOUND, category="ObjectNotFound", error_id="CommandNotFoundException",
                       exception_type="System.Management.Automation.CommandNotFoundException",
                       target="Get-Foo", target_type="String",
                       invocation=InvocationInfo(command_name="Get-Foo", line=1, column=1, line_text="Get-Foo",
                                                 length=7))


def _parse_error() -> ErrorRecord:
    return ErrorRecord("Missing closing '}' in statement block.", category="ParserError",
                       error_id="MissingEndCurlyBrace",
                       exception_type="System.Management.Automation.ParentContainsErrorRecordException",
                       invocation=InvocationInfo(line=1, column=11, line_text="function f{", length=1))


def test_command_not_found_ps2_has_no_prefix_and_a_marker():
    # ESP2011 (80 columns): message hard-split at 79, CategoryInfo continued with 3 spaces
    assert render_error(_not_found(), make_ctx("2010", 80)) == [
        "The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script",
        "file, or operable program. Check the spelling of the name, or if a path was inc",
        "luded, verify that the path is correct and try again.",
        "At line:1 char:8",
        "+ Get-Foo <<<<",
        "    + CategoryInfo          : ObjectNotFound: (Get-Foo:String) [], CommandNotF",
        "   oundException",
        "    + FullyQualifiedErrorId : CommandNotFoundException",
        "",
    ]


def test_command_not_found_ps5_has_prefix_and_tildes():
    assert render_error(_not_found(), make_ctx("2016", 120)) == [
        "Get-Foo : The term 'Get-Foo' is not recognized as the name of a cmdlet, function, script file, or operable program. Che",
        "ck the spelling of the name, or if a path was included, verify that the path is correct and try again.",
        "At line:1 char:1",
        "+ Get-Foo",
        "+ ~~~~~~~",
        "    + CategoryInfo          : ObjectNotFound: (Get-Foo:String) [], CommandNotFoundException",
        "    + FullyQualifiedErrorId : CommandNotFoundException",
        "",
    ]


def test_parse_error_ps5_puts_the_position_first():
    assert render_error(_parse_error(), make_ctx("2016", 120)) == [
        "At line:1 char:11",
        "+ function f{",
        "+           ~",
        "Missing closing '}' in statement block.",
        "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException",
        "    + FullyQualifiedErrorId : MissingEndCurlyBrace",
        "",
    ]


def test_parse_error_ps2_puts_the_message_first():
    assert render_error(_parse_error(), make_ctx("2010", 80)) == [
        "Missing closing '}' in statement block.",
        "At line:1 char:12",
        "+ function f{ <<<<",
        "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordEx",
        "   ception",
        "    + FullyQualifiedErrorId : MissingEndCurlyBrace",
        "",
    ]


def test_exchange_remote_error_has_no_prefix_and_wraps_plus_lines():
    # QA-SIVER, 120 columns: the FullyQualifiedErrorId continues with 3 then 2 spaces
    record = ErrorRecord(
        'Couldn\'t find database "0181915290". Make sure you have typed it correctly.',
        category="NotSpecified", activity="Get-Mailbox",
        error_id="[Server=SIVERMAIL,RequestId=d8e96c8b-bd5f-4522-88e3-b1c13c069c41,TimeStamp=9/9/2022 3:17:40 PM] "
                 "[FailureCategory=Cmdlet-ManagementObjectNotFoundException] E3DE7D95",
        exception_type="Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
        command_type="Microsoft.Exchange.Management.RecipientTasks.GetMailbox", remote=True,
        invocation=InvocationInfo(command_name="Get-Mailbox", line=1, column=1, line_text="Get-Mailbox", length=11))
    assert render_error(record, make_ctx("2013", 120)) == [
        'Couldn\'t find database "0181915290". Make sure you have typed it correctly.',
        "    + CategoryInfo          : NotSpecified: (:) [Get-Mailbox], ManagementObjectNotFoundException",
        "    + FullyQualifiedErrorId : [Server=SIVERMAIL,RequestId=d8e96c8b-bd5f-4522-88e3-b1c13c069c41,TimeStamp=9/9/2022 3:17",
        "   :40 PM] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] E3DE7D95,Microsoft.Exchange.Management.Recipien",
        "  tTasks.GetMailbox",
        "",
    ]


def test_exchange_2010_error_category_with_target():
    record = ErrorRecord("Couldn't find the database copy.", category="NotSpecified", target=0, target_type="Int32",
                         activity="New-MoveRequest", error_id="B959FFD3",
                         exception_type="Microsoft.Exchange.Data.Directory.ADOperationException",
                         command_type="Microsoft.Exchange.Management.RecipientTasks.NewMoveRequest", remote=True)
    assert render_error(record, make_ctx("2010", 120))[1:3] == [
        "    + CategoryInfo          : NotSpecified: (0:Int32) [New-MoveRequest], ADOperationException",
        "    + FullyQualifiedErrorId : B959FFD3,Microsoft.Exchange.Management.RecipientTasks.NewMoveRequest",
    ]


def test_error_record_in_the_output_stream_is_drawn_as_a_block():
    assert render_output(["before", _parse_error()], make_ctx("2016", 120))[:2] == ["before", "At line:1 char:11"]


def test_warning_wraps_words_with_the_leftover_space_on_the_next_line():
    # seed 003: the first line is exactly 79 cells, so the space starts the next line
    message = "The command completed successfully but no settings of 'DAG1' have been modified."
    assert render_warning(message, make_ctx("2010-beta1", 80, "nl-BE")) == [
        "WARNING: The command completed successfully but no settings of 'DAG1' have been",
        " modified.",
    ]


def test_warning_word_wrap_at_120_columns():
    message = ("Please restart the Microsoft Exchange Transport service on all Mailbox servers in this "
               "organization for the changes to take effect.")
    assert render_warning(message, make_ctx("2016", 120)) == [
        "WARNING: Please restart the Microsoft Exchange Transport service on all Mailbox servers in this organization for the",
        "changes to take effect.",
    ]


def test_verbose_and_whatif_prefixes():
    ctx = make_ctx("2016", 120)
    assert render_verbose("Removing copy.", ctx) == ["VERBOSE: Removing copy."]
    assert render_whatif('Creating Accepted Domain "Contoso Domain" with domain name "contoso.com".', ctx) == [
        'What if: Creating Accepted Domain "Contoso Domain" with domain name "contoso.com".']


def _remote_not_found(computer: str) -> ErrorRecord:
    return ErrorRecord('Couldn\'t find database "NoSuch". Make sure you have typed it correctly.',
                       category="ObjectNotFound", target="NoSuch", target_type="String",
                       activity="Get-MailboxDatabase", error_id="E3DE7D95",
                       exception_type="Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
                       command_type="Microsoft.Exchange.Management.SystemConfigurationTasks.GetMailboxDatabase",
                       remote=True, computer_name=computer)


def test_remote_error_on_ps3_and_later_ends_with_the_computer_name():
    assert render_error(_remote_not_found("EX1.contoso.com"), make_ctx("2016", 120)) == [
        'Couldn\'t find database "NoSuch". Make sure you have typed it correctly.',
        "    + CategoryInfo          : ObjectNotFound: (NoSuch:String) [Get-MailboxDatabase], ManagementObjectNotFoundException",
        "    + FullyQualifiedErrorId : E3DE7D95,Microsoft.Exchange.Management.SystemConfigurationTasks.GetMailboxDatabase",
        "    + PSComputerName        : EX1.contoso.com",
        "",
    ]


def test_powershell_2_error_view_has_no_computer_name_line():
    assert "PSComputerName" not in "\n".join(render_error(_remote_not_found("EX1.contoso.com"), make_ctx("2010", 120)))


def test_local_session_or_local_error_has_no_computer_name_line():
    record = _remote_not_found("EX1.contoso.com")
    assert render_error(record, make_ctx("2016", 120, remote=False))[-2].startswith("    + FullyQualifiedErrorId")
    local = ErrorRecord("boom", computer_name="EX1.contoso.com")
    assert render_error(local, make_ctx("2016", 120))[-2] == "    + FullyQualifiedErrorId : RuntimeException"


def test_long_computer_name_continues_like_the_other_plus_lines():
    name = "exchange-mailbox-server-in-the-secondary-datacenter.emea.corp.contoso.com"
    assert render_error(_remote_not_found(name), make_ctx("2013", 80))[-3:] == [
        "    + PSComputerName        : exchange-mailbox-server-in-the-secondary-datacen",
        "   ter.emea.corp.contoso.com",
        "",
    ]
