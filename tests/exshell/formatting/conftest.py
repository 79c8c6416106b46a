"""Shared contexts for the formatter tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cmdlets.api.profile import CULTURES, Profile
from exshell.formatting import FormatContext

sys.path.insert(0, str(Path(__file__).parent))


def make_ctx(version: str = "2010", width: int = 80, culture: str = "en-US", remote: bool = True,
             limit: int = 16, evaluate=None) -> FormatContext:
    return FormatContext(Profile(exchange_version=version, width=width, culture=CULTURES[culture], remote=remote),
                         enumeration_limit=limit, evaluate=evaluate)


@pytest.fixture
def seed_ctx() -> FormatContext:
    """Seed 003: Exchange 2010 Beta1, PowerShell 2.0, 80 columns, nl-BE."""
    return make_ctx("2010-beta1", 80, "nl-BE")
