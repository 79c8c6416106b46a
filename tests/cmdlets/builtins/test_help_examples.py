"""Get-Help's examples and synopses, for every command the built-in labs list.

Each example is run in every lab whose Get-Command lists its command, in a fresh shell shared only
with the other examples of that command, with -WhatIf appended when the command supports
ShouldProcess: it must parse, and bind in at least one of those labs. Elsewhere it may fail for
world reasons (no such object in that lab), or with NamedParameterNotFound where that lab's Exchange
or PowerShell version lacks a parameter, never otherwise.
"""

import re

import pytest

from cmdlets.api import registry
from cmdlets.builtins.help import examples
from cmdlets.cluster.base import module_available
from exshell import Shell

LABS = ("default", "seed002", "seed003", "seed004", "seed000", "copies")

BINDING_IDS = ("NamedParameterNotFound", "PositionalParameterNotFound", "MissingMandatoryParameter",
               "AmbiguousParameterSet", "ParameterArgumentValidationError", "ParameterArgumentTransformationError",
               "CannotConvertArgumentNoMessage", "ParameterBindingFailed", "CommandNotFoundException")


def listed_commands(lab: str) -> list[type]:
    """The cmdlets Get-Command lists in a lab. Native programs (ping, ipconfig, cluster.exe...) are
    applications in the real shell, which has no help page for them; the FailoverClusters cmdlets are
    left out where the console machine's Windows has no such module (Windows Server 2008)."""
    sh = Shell(lab=lab)
    (console,) = sh.run("$env:COMPUTERNAME").objects
    clusters = module_available(sh.world.server(console).os)
    out = []
    for command in sh.run("Get-Command -CommandType Cmdlet").objects:
        cls = registry.lookup(command.get("Name"), sh.profile)
        if cls is None or "-" not in cls.name or getattr(cls, "native_arguments", False):
            continue
        if cls.module == "FailoverClusters" and not clusters:
            continue
        out.append(cls)
    return out


@pytest.fixture(scope="module")
def commands() -> dict[str, list[type]]:
    return {lab: listed_commands(lab) for lab in LABS}


def with_what_if(code: str, name: str) -> str:
    """The example with -WhatIf on its command: before the pipe or semicolon that ends it."""
    start = code.lower().find(name.lower())
    depth, end = 0, len(code)
    for i in range(start, len(code)):
        depth += {"{": 1, "(": 1, "}": -1, ")": -1}.get(code[i], 0)
        if depth < 0 or (depth == 0 and code[i] in "|;"):
            end = i
            break
    return code[:end].rstrip() + " -WhatIf" + (" " + code[end:] if end < len(code) else "")


def binding_failures(sh: Shell, cls: type, code: str) -> list[str]:
    if cls.metadata(sh.profile).supports_should_process and "-WhatIf" not in code:
        code = with_what_if(code, cls.name)
    res = sh.run(code, timeout=10)
    return [e.fully_qualified_error_id.split(",")[0] for e in res.errors
            if e.category == "ParserError" or e.fully_qualified_error_id.split(",")[0] in BINDING_IDS]


@pytest.mark.parametrize("lab", LABS)
def test_every_listed_command_shows_examples(lab, commands):
    sh = Shell(lab=lab)
    missing = [cls.name for cls in commands[lab]
               if "-------------------------- EXAMPLE 1 --------------------------"
               not in sh.run(f"Get-Help {cls.name} -Examples").text]
    assert missing == []


def test_what_if_lands_on_the_command():
    assert with_what_if("Remove-Item C:\\Logs", "Remove-Item") == "Remove-Item C:\\Logs -WhatIf"
    assert with_what_if("Get-X | Set-Y -A {1 | 2} | Format-List", "Set-Y") == \
        "Get-X | Set-Y -A {1 | 2} -WhatIf | Format-List"
    assert with_what_if("$s = New-X; Remove-X $s", "Remove-X") == "$s = New-X; Remove-X $s -WhatIf"
    assert with_what_if("1..3 | % { Set-Y $_ }", "Set-Y") == "1..3 | % { Set-Y $_ -WhatIf }"


def test_every_example_parses_and_binds(commands):
    outcomes: dict[tuple[str, str], dict[str, list[str]]] = {}
    for lab in LABS:
        for cls in commands[lab]:
            sh = Shell(lab=lab)                 # one fresh session for the examples of one command
            for code, _ in examples(cls):
                outcomes.setdefault((cls.name, code), {})[lab] = binding_failures(sh, cls, code)
    never_binds = [key for key, by_lab in outcomes.items() if all(by_lab.values())]
    other_failures = {key: by_lab for key, by_lab in outcomes.items()
                      if any(set(ids) - {"NamedParameterNotFound"} for ids in by_lab.values())}
    assert never_binds == []
    assert other_failures == {}
    assert len(outcomes) > 200


def test_examples_are_remarked_in_one_style(commands):
    for cls in {c for lab in LABS for c in commands[lab]}:
        assert 1 <= len(examples(cls)) <= 3, cls.name
        for code, remark in examples(cls):
            assert code == code.strip() and "\n" not in code, (cls.name, code)
            assert remark.startswith("This example ") and remark.endswith("."), (cls.name, remark)


@pytest.mark.parametrize("lab", LABS)
def test_synopses_read_as_one_sentence_for_an_admin(lab, commands):
    """No rule ids, no notes on the emulator, no shorthand: one sentence that ends with a period."""
    sh = Shell(lab=lab)
    bad = {}
    for cls in commands[lab]:
        (text,) = sh.run(f"(Get-Help {cls.name}).Synopsis").objects
        if (not re.fullmatch(r"[A-Z][^.]*(\.[^ .][^.]*)*\.", text) or len(text) > 160
                or re.search(r"R-[A-Z]+-\d|uncertain|->|exshell|`", text)):
            bad[cls.name] = text
    assert bad == {}


def test_help_examples_page_for_an_exchange_cmdlet():
    text = Shell(lab="seed004").run("Get-Help Suspend-MailboxDatabaseCopy -Examples").text
    assert text.startswith(
        "\nNAME\n    Suspend-MailboxDatabaseCopy\n\nSYNOPSIS\n    Suspends replication and activation, or "
        "activation only, of a copy of a\n    mailbox database.\n\n\nEXAMPLES\n"
        "    -------------------------- EXAMPLE 1 --------------------------\n\n"
        "    PS C:\\>Suspend-MailboxDatabaseCopy -Identity DB1\\MBX2 -SuspendComment 'Disk\n    replacement'\n\n\n"
        "    This example stops replication to the copy of DB1 on MBX2 and records why.\n")


def test_get_help_keeps_its_examples_switch():
    """-Examples is Get-Help's own switch as well as the attribute holding its examples."""
    sh = Shell()
    text = sh.run("Get-Help Get-Help -Examples").text
    assert "PS C:\\>Get-Help Add-MailboxDatabaseCopy -Examples\n" in text
    assert "\nSYNTAX\n" not in text
