"""Commands, parameters and bare-word arguments through parse()."""

from decimal import Decimal

import pytest

from exshell.language import parse
from exshell.language import ast as A


def first(text):
    return parse(text).end_block.statements[0]


def command(text):
    stmt = first(text)
    assert isinstance(stmt, A.PipelineAst)
    return stmt.pipeline_elements[0]


def bare(value):
    return A.StringConstantExpressionAst(value, "BareWord")


def test_command_name_is_a_bare_word():
    assert command("Get-Mailbox").command_elements == (bare("Get-Mailbox"),)


def test_named_parameter_then_argument():
    cmd = command("Get-Mailbox -Identity alice")
    assert cmd.command_elements[1:] == (A.CommandParameterAst("Identity", None), bare("alice"))


def test_colon_parameter_carries_argument():
    cmd = command("Set-Foo -Confirm:$false")
    assert cmd.command_elements[1] == A.CommandParameterAst(
        "Confirm", A.VariableExpressionAst("false"))


def test_unicode_dashes_and_quotes_from_a_transcript():
    cmd = command("move-activemailboxdatabase \u2013id \u201cMailbox Database 1790164108\u201d "
                  "\u2013ActivateOnServer EXCH2010MB1")
    assert cmd.command_elements == (
        bare("move-activemailboxdatabase"), A.CommandParameterAst("id", None),
        A.StringConstantExpressionAst("Mailbox Database 1790164108", "DoubleQuoted"),
        A.CommandParameterAst("ActivateOnServer", None), bare("EXCH2010MB1"))


@pytest.mark.parametrize("word", ["192.168.1.10", "00:10:00", "C:\\FSW", "\\\\srv\\share",
                                  "DB1\\MBX2", "*", "1..3", "a=b", "user@contoso.com"])
def test_bare_word_arguments_stay_strings(word):
    assert command(f"Foo {word}").command_elements[1] == bare(word)


@pytest.mark.parametrize("text,value", [("10GB", 10 * 1024 ** 3), ("-5", -5), ("1.5", 1.5),
                                        ("0x10", 16), ("2d", Decimal(2)), ("1kb", 1024)])
def test_numeric_arguments_are_constants(text, value):
    assert command(f"Foo {text}").command_elements[1] == A.ConstantExpressionAst(value)


def test_comma_list_is_one_array_argument():
    cmd = command("Foo a, b,c")
    assert cmd.command_elements[1] == A.ArrayLiteralAst((bare("a"), bare("b"), bare("c")))


def test_splatted_variable():
    assert command("Foo @params").command_elements[1] == A.VariableExpressionAst("params", True)


def test_member_access_argument():
    cmd = command("Foo $db.Name")
    assert cmd.command_elements[1] == A.MemberExpressionAst(
        A.VariableExpressionAst("db"), bare("Name"), False)


def test_bare_word_with_variable_expands():
    arg = command("Foo $dir\\file.txt").command_elements[1]
    assert isinstance(arg, A.ExpandableStringExpressionAst)
    assert arg.parts == (A.VariableExpressionAst("dir"), "\\file.txt")


def test_invocation_operator():
    cmd = command("& $sb 1")
    assert cmd.invocation_operator == "&"
    assert cmd.command_elements == (A.VariableExpressionAst("sb"), A.ConstantExpressionAst(1))


def test_dot_sourcing():
    cmd = command(". .\\setup.ps1")
    assert cmd.invocation_operator == "."
    assert cmd.command_elements == (bare(".\\setup.ps1"),)


def test_pipeline_continues_after_pipe_and_comment():
    stmt = first("Get-Foo | # the next stage\n  Select-Object Name")
    assert [e.command_elements[0].value for e in stmt.pipeline_elements] == [
        "Get-Foo", "Select-Object"]


def test_backtick_continuation():
    cmd = command("Get-Foo `\n  -Name x")
    assert cmd.command_elements[1:] == (A.CommandParameterAst("Name", None), bare("x"))


def test_merging_redirection():
    cmd = command("Foo 2>&1")
    assert cmd.redirections == (A.MergingRedirectionAst("Error", "Output"),)


@pytest.mark.parametrize("text,stream,append", [("Foo > out.txt", "Output", False),
                                                ("Foo >> out.txt", "Output", True),
                                                ("Foo *> out.txt", "All", False)])
def test_file_redirection(text, stream, append):
    redir = command(text).redirections[0]
    assert (redir.from_stream, redir.append, redir.location) == (stream, append, bare("out.txt"))


def test_redirect_error_to_null():
    redir = command("Foo 2>$null").redirections[0]
    assert redir == A.FileRedirectionAst("Error", A.VariableExpressionAst("null"), False)


def test_statements_split_on_semicolons_and_newlines():
    assert len(parse("a; b\nc").end_block.statements) == 3


def test_extent_of_command():
    cmd = command("  Get-Foo -X 1")
    assert (cmd.extent.start_line, cmd.extent.start_column, cmd.extent.text) == (
        1, 3, "Get-Foo -X 1")


def test_switch_file_name_stands_as_the_condition_pipeline():
    stmt = first("switch -File C:\\servers.txt { default { $_ } }")
    assert stmt.flags == frozenset({"file"})
    assert stmt.condition == A.PipelineAst((A.CommandExpressionAst(bare("C:\\servers.txt"), ()),))
