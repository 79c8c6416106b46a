"""exshell.language: the PowerShell parser (``parse``, ``ParseError``) and its syntax tree (``ast``).

Importing this package is cheap: the pyparsing grammar is built on the first ``parse`` call.
"""

from .parser import ParseError, parse

__all__ = ["parse", "ParseError"]
