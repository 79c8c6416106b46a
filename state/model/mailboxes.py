"""Mailboxes: just enough for databases to hold them — a mailbox lives in one database and is
served by whichever server holds that database's active copy."""

from __future__ import annotations

import datetime as dt

from attrs import define


@define(eq=False)
class Mailbox:
    name: str
    alias: str
    user_principal_name: str
    database: str                         # database GUID
    guid: str
    when_created: dt.datetime
    item_count: int = 0
    total_item_size: int = 0              # bytes
    last_logon_time: dt.datetime | None = None

    @property
    def identity(self) -> str:
        return self.name
