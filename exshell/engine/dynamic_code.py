"""Script made from strings while a script runs: Invoke-Expression, `[scriptblock]::Create($text)`,
`$ExecutionContext.InvokeCommand.NewScriptBlock($text)` and `.ExpandString($text)`.

`$ExecutionContext` itself lives in ``exshell.engine.intrinsics``.

The string goes through the language parser like any other input; the block it makes remembers
its own text, so an error inside points into the string (`At line:1 char:1` and the string's
line), as PowerShell shows errors of a script block that has no file. A parse error is reported
as the caller asked for it: the calling command's ParseException record (Invoke-Expression), or a
MethodInvocationException wrapping it (`Exception calling "Create" with "1" argument(s): ...`).
PowerShell 3.0 and later put the position inside the string in the parse exception's message;
2.0's message is the bare sentence.
"""

from __future__ import annotations

from typing import Any, Callable

from cmdlets.api.errors import ErrorRecord, InvocationInfo
from exshell.engine.context import ScriptBlock
from exshell.engine.errors import PSRuntimeError, method_invocation_error

PARSE_EXCEPTION = "System.Management.Automation.ParseException"


class TextParseFailure(Exception):
    """The string does not parse: PowerShell's error id, the sentence, and where in the string."""

    def __init__(self, error_id: str, sentence: str, line: int, column: int, line_text: str, length: int = 1):
        super().__init__(sentence)
        self.error_id, self.sentence = error_id, sentence
        self.line, self.column, self.line_text, self.length = line, column, line_text, length

    def message(self, ps_major: int) -> str:
        """The ParseException's message: 3.0+ leads with the position in the string."""
        if ps_major < 3:
            return self.sentence
        from exshell.formatting.records import position_lines
        where = InvocationInfo(line=self.line, column=self.column, line_text=self.line_text, length=self.length)
        return "\n".join([*position_lines(where, ps_major), self.sentence])


CACHE_LIMIT = 1024      # PowerShell keeps this many parsed strings, then starts afresh


def compile_text(ev: Any, text: str) -> ScriptBlock:
    """A script block of ``text``; TextParseFailure when it does not parse (in this lab's
    PowerShell version: `class` before 5.0, `-in` in 2.0). Parsed trees are kept per session and
    text, as PowerShell caches the script blocks it makes from strings (trees never change)."""
    from exshell.engine.language_version import check_script
    from exshell.language import ParseError, parse
    lines = text.splitlines() or [""]
    cache = ev.ctx.__dict__.setdefault("parsed_strings", {})
    if text in cache:
        return ScriptBlock(cache[text], text, origin=("", lines))
    try:
        tree = parse(text)
        check_script(ev, tree, lines)
    except ParseError as err:
        raise TextParseFailure(err.error_id, err.message, err.line, err.column, err.line_text) from None
    except PSRuntimeError as err:      # a construct this version's parser refuses
        ext = getattr(err, "node_extent", None)
        line, column = (ext.start_line, ext.start_column) if ext is not None else (1, 1)
        raise TextParseFailure(err.error_id, err.message, line, column, lines[line - 1] if line <= len(lines) else "",
                               max(1, len(ext.text)) if ext is not None else 1) from None
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[text] = tree
    return ScriptBlock(tree, text, origin=("", lines))


def invoke_expression(ev: Any, text: str, emit: Callable[[Any], None], invocation: InvocationInfo | None,
                      command: tuple[str, str]) -> None:
    """Invoke-Expression: run ``text`` in the caller's scope (what it sets stays), its output to
    ``emit``. A parse error is the calling command's terminating ParseException record
    (``command`` is its name and .NET type)."""
    try:
        block = compile_text(ev, text)
    except TextParseFailure as failure:
        record = ErrorRecord(
            message=failure.message(ev.ctx.profile.ps_major), category="ParserError", error_id=failure.error_id,
            exception_type=PARSE_EXCEPTION, activity=command[0], command_type=command[1], invocation=invocation,
            terminating=True)
        raise PSRuntimeError(record.message, record=record) from None
    ev.invoke_scriptblock(block, dot=True, emit=emit)


def method_parse_failure(failure: TextParseFailure, method: str, args: int, ps_major: int) -> PSRuntimeError:
    """A parse error thrown out of a .NET method: `Exception calling "Create" with "1" argument(s):
    "..."`, a MethodInvocationException."""
    return method_invocation_error(method, args, failure.message(ps_major), "ParseException")


def create_script_block(ev: Any, text: Any, method: str = "Create") -> ScriptBlock:
    """`[scriptblock]::Create($text)` and `$ExecutionContext.InvokeCommand.NewScriptBlock($text)`."""
    from exshell.engine import conversion as conv
    try:
        return compile_text(ev, "" if text is None else conv.to_string(text))
    except TextParseFailure as failure:
        raise method_parse_failure(failure, method, 1, ev.ctx.profile.ps_major) from None


def expand_string(ev: Any, text: Any) -> str:
    """`$ExecutionContext.InvokeCommand.ExpandString($text)`: ``text`` as the body of a
    double-quoted string ($variables, $(subexpressions) and backtick escapes), in the caller's
    scope; quotes in it stay as they are."""
    from exshell.engine import conversion as conv
    from exshell.language import ParseError, parse
    from exshell.language import ast as A
    body = "" if text is None else conv.to_string(text)
    here = '\n"@' not in "\n" + body
    source = '@"\n' + body + '\n"@' if here else '"' + body.replace('"', '""') + '"'
    try:
        tree = parse(source)
    except ParseError as err:
        lines = body.splitlines() or [""]
        line = min(max(err.line - 1, 1), len(lines)) if here else 1     # a line of the text, not of the quotes
        column = err.column if here and err.line - 1 == line else len(lines[line - 1]) + 1
        failure = TextParseFailure(err.error_id, err.message, line, column, lines[line - 1])
        raise method_parse_failure(failure, "ExpandString", 1, ev.ctx.profile.ps_major) from None
    statements = tree.end_block.statements if tree.end_block is not None else ()
    if not statements:
        return ""
    pipeline = statements[0]
    node = pipeline.pipeline_elements[0].expression if isinstance(pipeline, A.PipelineAst) else None
    if node is None:
        return body
    return conv.to_string(ev.evaluate(node))
