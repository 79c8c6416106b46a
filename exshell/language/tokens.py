"""Lexical facts of PowerShell 5.1 as regex sources, operator tables and literal conversion.

Every terminal of the grammar is a regex that first skips inline white space, line
continuations (backtick-newline) and comments; ``WS`` is that prefix, ``NLS`` also skips
newlines, ``SEPS`` also skips ``;``.  Dashes and quotes include the Unicode forms the real
tokenizer accepts (en/em/horizontal-bar dashes, curly quotes).
"""

from __future__ import annotations

import re
from decimal import Decimal

DASHES = "\\-\u2013\u2014\u2015"  # escaped for use inside a character class
DASH = f"[{DASHES}]"
DASH_CHARS = "-\u2013\u2014\u2015"
SQUOTES = "'\u2018\u2019\u201a\u201b"
DQUOTES = '"\u201c\u201d\u201e'
SQ = f"[{SQUOTES}]"
DQ = f"[{DQUOTES}]"

_COMMENT = r"<\#[\s\S]*?\#>|\#[^\r\n]*"
_INLINE = r"[ \t\f\v\u00a0\ufeff\u2028]|`\r?\n"
WS = rf"(?:{_INLINE}|{_COMMENT})*+"
NLS = rf"(?:\s|`\r?\n|{_COMMENT})*+"
SEPS = rf"(?:[\s;]|`\r?\n|{_COMMENT})*+"

WS_RE = re.compile(WS)
NLS_RE = re.compile(NLS)
SEPS_RE = re.compile(SEPS)

# Keywords are words at statement start followed by a delimiter.
KW_END = r"(?=[\s(){};|&#,]|$)"

# Variables: $name, $scope:name, ${any text}, and the specials $$ $? $^.
VAR_NAME = r"(?:[A-Za-z_][\w]*:(?=[\w?]))?[\w?]+|[$?^]"
VARIABLE = rf"(?P<var>\$(?:\{{(?P<braced>(?:[^}}`]|`.)*)\}}|(?P<name>{VAR_NAME})))"
SPLAT = r"@(?P<splat>[\w?:]+)"

# Numbers; ARG_END is what may follow a number in argument mode for it to stay a number.
_DEC = r"(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?"
NUMBER_BODY = rf"(?i:(?P<hex>0x[0-9a-f]+)|(?P<dec>{_DEC}))(?i:(?P<suffix>[dl])?(?P<mult>[kmgtp]b)?)"
NUMBER = rf"{NUMBER_BODY}(?![\w]|\.(?!\.))"
ARG_END = r"(?=[\s;)}|,&]|$|>)"
ARG_NUMBER = rf"(?P<neg>{DASH})?{NUMBER_BODY}{ARG_END}"

SINGLE_QUOTED = rf"{SQ}(?P<sq>(?:[^{SQUOTES}]|{SQ}{SQ})*){SQ}"

# A generic token (bare word) in argument mode; '$' segments expand.
_BW_START = rf"[^\s{{}}();,|&{SQUOTES}{DQUOTES}$@<>#`{DASHES}]|`[\s\S]|{DASH}(?![A-Za-z_?])"
BW_CONT = rf"[^\s{{}}();,|&{SQUOTES}{DQUOTES}<>`]|`[\s\S]"
# In argument mode a quoted part glued to a word belongs to it: foo"bar", a'b'c.
QUOTED_PART = (rf"{SQ}(?:[^{SQUOTES}]|{SQ}{SQ})*{SQ}"
               rf"|{DQ}(?:[^{DQUOTES}`]|`[\s\S]|{DQ}{DQ})*{DQ}")
ARG_CONT = rf"{BW_CONT}|{QUOTED_PART}"
BAREWORD = rf"(?:{_BW_START})(?:{ARG_CONT})*"
# A variable glued to more word characters is one expandable word: $a-$b, $dir\x, $a"b".
VAR_WORD = rf"\$[\w:]++(?![.\[])(?:{ARG_CONT})+"
COMMAND_NAME = rf"(?:[^\s{{}}();,|&{SQUOTES}{DQUOTES}$@<>#`{DASHES}0-9]|[0-9](?=[\w.-]*[A-Za-z_])|{DASH}{{1,2}}(?=[A-Za-z]))(?:{BW_CONT})*"
PARAMETER = rf"{DASH}(?P<pname>[A-Za-z_?][^\s{{}}();,|&.\[:{SQUOTES}{DQUOTES}]*)(?P<colon>:)?"

# Type names: System.Collections.Generic.Dictionary[string,int[]] and friends.
_TN0 = r"[A-Za-z_][\w.`+]*(?:\[\s*,*\s*\])*"
_TN1 = rf"[A-Za-z_][\w.`+]*(?:\[\s*{_TN0}(?:\s*,\s*{_TN0})*\s*\])?(?:\[\s*,*\s*\])*"
TYPE_NAME = rf"[A-Za-z_][\w.`+]*(?:\[\s*{_TN1}(?:\s*,\s*{_TN1})*\s*\])?(?:\[\s*,*\s*\])*"

MEMBER_NAME = r"[A-Za-z_][\w]*"

# Binary operators by precedence (PowerShell's TokenFlags.BinaryPrecedence*).
PREC_LOGICAL, PREC_BITWISE, PREC_COMPARISON, PREC_ADD, PREC_MULTIPLY, PREC_FORMAT, PREC_RANGE = (
    1, 2, 5, 6, 7, 8, 9)
_CASED = ("eq ne gt ge lt le like notlike match notmatch replace contains notcontains in notin "
          "split").split()
COMPARISON_OPS = frozenset(
    [f"-{p}{o}" for o in _CASED for p in ("", "c", "i")]
    + "-join -is -isnot -as -shl -shr".split())
PRECEDENCE: dict[str, int] = {op: PREC_COMPARISON for op in COMPARISON_OPS}
PRECEDENCE.update({"-and": PREC_LOGICAL, "-or": PREC_LOGICAL, "-xor": PREC_LOGICAL,
                   "-band": PREC_BITWISE, "-bor": PREC_BITWISE, "-bxor": PREC_BITWISE,
                   "+": PREC_ADD, "-": PREC_ADD, "*": PREC_MULTIPLY, "/": PREC_MULTIPLY,
                   "%": PREC_MULTIPLY, "-f": PREC_FORMAT, "..": PREC_RANGE})
_WORD_OPS = "|".join(sorted((o[1:] for o in PRECEDENCE if o[0] == "-" and len(o) > 1),
                            key=len, reverse=True))
BINARY_OP = rf"{DASH}(?i:{_WORD_OPS})(?![\w{DASHES}])|\.\.|[+*/%](?![=+])|{DASH}(?![A-Za-z_{DASHES}=])"
UNARY_WORD_OP = rf"{DASH}(?i:not|bnot|split|csplit|isplit|join)(?![\w{DASHES}])"
UNARY_SIGN_OP = rf"!|\+\+|{DASH}{DASH}|\+(?![+=])|{DASH}(?![A-Za-z{DASHES}=])"
ASSIGN_OP = rf"=|\+=|{DASH}=|\*=|/=|%="
REDIRECTION = r"(?P<stream>[*1-6])?(?P<op>>>|>)(?:&(?P<to>[1-6]))?|(?P<input><)"

STREAMS = {"1": "Output", "2": "Error", "3": "Warning", "4": "Verbose", "5": "Debug",
           "6": "Information", "*": "All", None: "Output"}

ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
           "v": "\v"}
_BACKTICK_RE = re.compile(r"`([\s\S])")
_MULTIPLIERS = {"kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3, "tb": 1024 ** 4, "pb": 1024 ** 5}
_DASH_TABLE = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2015": "-"})


def canonical_operator(text: str) -> str:
    """'-EQ' / '–eq' -> '-eq'."""
    return text.translate(_DASH_TABLE).lower()


def unescape(text: str) -> str:
    """Process backtick escapes (`n, `t, `0 ...; any other char stands for itself)."""
    if "`" not in text:
        return text
    return _BACKTICK_RE.sub(lambda m: ESCAPES.get(m.group(1), m.group(1)), text)


def single_quoted_value(body: str) -> str:
    """Collapse doubled quotes (any of the four single-quote characters)."""
    return re.sub(f"{SQ}{SQ}", lambda m: m.group(0)[0], body)


_INT64_MAX = 2 ** 63 - 1


def _hex_value(value: int, long: bool) -> int:
    """Hex literals are two's complement: 0xFFFFFFFF is -1 (an int), 0x1FFFFFFFF a long."""
    if not long and value < 2 ** 32:
        return value - 2 ** 32 if value >= 2 ** 31 else value
    if value < 2 ** 64:
        return value - 2 ** 64 if value >= 2 ** 63 else value
    return value


def number_value(m: re.Match) -> int | float | Decimal:
    """The value of a NUMBER match (hex, decimal, exponent, d/l suffix, kb..pb multiplier)."""
    suffix = (m.group("suffix") or "").lower()
    if m.group("hex"):
        value: int | float | Decimal = _hex_value(int(m.group("hex"), 16), suffix == "l")
    else:
        text = m.group("dec")
        if suffix == "d":
            value = Decimal(text)
        elif any(c in text for c in ".eE"):
            value = float(text)
            if suffix == "l" and value == int(value):
                value = int(value)
        else:
            value = int(text)
            if value > _INT64_MAX and suffix != "l":  # too big for a long: decimal, then double
                value = Decimal(text) if value < 10 ** 28 else float(text)
    mult = m.group("mult")
    if mult:
        value = value * _MULTIPLIERS[mult.lower()]
    return value


KEYWORDS = frozenset(
    "begin break catch class continue data define do dynamicparam else elseif end exit filter "
    "finally for foreach from function if in param process return switch throw trap try until "
    "using var while workflow".split())
