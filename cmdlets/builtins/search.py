"""Select-String over files on the session's machine or over piped text: MatchInfo objects that
print as `path:line:text` (the path relative to the location when it lies below it)."""

from __future__ import annotations

import re
from typing import Any

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject, as_list
from cmdlets.builtins.files import split_lines
from cmdlets.windows import paths

MATCH_INFO = "Microsoft.PowerShell.Commands.MatchInfo"
_NAMED_GROUP = re.compile(r"\(\?<([A-Za-z_][A-Za-z0-9_]*)>")
# Python's reason -> .NET's wording of the same parse failure
_REGEX_ERRORS = (("missing ), unterminated subpattern", "Not enough )'s"),
                 ("unbalanced parenthesis", "Too many )'s"),
                 ("unterminated character set", "Unterminated [] set"),
                 ("nothing to repeat", "Quantifier {x,y} following nothing"),
                 ("multiple repeat", "Nested quantifier {char}"),
                 ("bad escape (end of pattern)", "Illegal \\ at end of pattern"))
_PROPS = ("IgnoreCase", "LineNumber", "Line", "Filename", "Path", "Pattern", "Context", "Matches")


@cmdlet("Select-String", module="Microsoft.PowerShell.Utility", default_set="File")
class SelectStringCommand(paths.PathCmdlet):
    """Finds text in files or in piped strings (regular expressions unless -SimpleMatch)."""
    examples = (
        (r"Select-String -Pattern MBX2 -Path C:\Logs\*.txt",
         r"This example finds the lines that mention MBX2 in the text files of C:\Logs."),
        ("ipconfig /all | Select-String 'IPv4'",
         "This example keeps the lines of ipconfig's output that contain IPv4."),
    )

    path: list[str] | None = param("String[]", position=1, mandatory=True, pipeline_by_name=True, sets=("File",))
    literal_path: list[str] | None = param("String[]", mandatory=True, pipeline_by_name=True,
                                           sets=("LiteralFile",), aliases=("PSPath",))
    input_object: Any = param("PSObject", mandatory=True, pipeline=True, sets=("Object",), allow_null=True)
    pattern: list[str] | None = param("String[]", position=0, mandatory=True)
    simple_match: bool = param("SwitchParameter")
    case_sensitive: bool = param("SwitchParameter")
    not_match: bool = param("SwitchParameter")
    quiet: bool = param("SwitchParameter")
    list: bool = param("SwitchParameter")

    def begin_processing(self) -> None:
        flags = 0 if self.case_sensitive else re.IGNORECASE
        texts = [self.runtime.to_string(p) for p in as_list(self.pattern)]
        self.regexes = [re.compile(re.escape(t), flags) if self.simple_match else self._regex(t, flags) for t in texts]
        self.found = False

    def _regex(self, text: str, flags: int) -> re.Pattern[str]:
        """A pattern that does not parse ends the command, as .NET's Regex constructor reports it."""
        try:
            return re.compile(_NAMED_GROUP.sub(r"(?P<\1>", text), flags)
        except re.error as exc:
            reason = next((why for start, why in _REGEX_ERRORS if str(exc).startswith(start)), "Syntax error")
            reason = reason.replace("{char}", text[exc.pos] if exc.pos is not None and exc.pos < len(text) else "")
            self.throw_terminating_error(self.error(
                f'The string {text} is not a valid regular expression: parsing "{text}" - {reason}.',
                "InvalidArgument", "InvalidRegex", "System.ArgumentException"))
            raise

    def path_args(self) -> tuple[list[str], bool]:
        literal = self.parameter_set_name == "LiteralFile"
        return [self.runtime.to_string(v) for v in as_list(self.literal_path if literal else self.path)], literal

    def process_record(self) -> None:
        if self.parameter_set_name == "Object":
            if self.input_object is not None:
                self._search([self.runtime.to_string(self.input_object)], "InputStream", "InputStream")
            return
        for item in self.existing_items():
            if not item.entry.is_dir:
                self._search(split_lines(item.entry.content), item.display, self._shown(item.display))

    def end_processing(self) -> None:
        if self.quiet:
            self.write_object(self.found)

    def _shown(self, full: str) -> str:
        here = self.runtime.location.rstrip("\\")
        return full[len(here) + 1:] if full.lower().startswith(here.lower() + "\\") else full

    def _search(self, lines: list[str], path: str, shown: str) -> None:
        for number, line in enumerate(lines, start=1):
            hit = next((r for r in self.regexes if r.search(line)), None)
            if (hit is None) != bool(self.not_match):
                continue
            self.found = True
            if not self.quiet:
                self.write_object(self._match(line, number, path, shown, hit))
            if self.list or self.quiet:
                return

    def _match(self, line: str, number: int, path: str, shown: str, hit: Any) -> PSObject:
        text = line if path == "InputStream" else f"{shown}:{number}:{line}"
        values = (not self.case_sensitive, number, line, path.rsplit("\\", 1)[-1], path,
                  hit.pattern if hit is not None else self.runtime.to_string(as_list(self.pattern)[0]), None,
                  [m.group(0) for m in hit.finditer(line)][:1] if hit is not None else [])
        return PSObject((MATCH_INFO, "System.Object"), list(zip(_PROPS, values)), to_string=text, hidden=_PROPS)
