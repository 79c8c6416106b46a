"""New-Mailbox: a mailbox in a database (chosen by automatic distribution when none is named)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import events as ev
from state.model.mailboxes import Mailbox
from state.rules.base import rule
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World

# Validations the behaviour spec does not number carry an emulator id ("X-...").
R_MAILBOX_NAME = rule("X-MAILBOX-1", "InvalidOperation",
                      "The name \"{name}\" is already being used. Please try another name.")
R_MAILBOX_NO_DATABASE = rule("X-MAILBOX-2", "InvalidOperation",
                             "Database is mandatory on UserMailbox. No mounted mailbox database was found for "
                             "automatic mailbox distribution.")


@attrs.frozen
class NewMailbox(Transition):
    name: str
    alias: str | None = None
    user_principal_name: str | None = None
    database: str | None = None
    item_count: int = 0
    total_item_size: int = 0

    def check(self, world: "World") -> None:
        if self.name.lower() in world.mailboxes:
            raise R_MAILBOX_NAME.violation(target=self.name, name=self.name)
        if self.database is None and self._auto_database(world) is None:
            raise R_MAILBOX_NO_DATABASE.violation(target=self.name)

    def _auto_database(self, world: "World"):
        """Automatic mailbox distribution: the mounted database with the fewest mailboxes."""
        mounted = [d for d in world.databases.values() if d.mounted and not d.recovery]
        counts = {d.guid: 0 for d in mounted}
        for m in world.mailboxes.values():
            if m.database in counts:
                counts[m.database] += 1
        return min(mounted, key=lambda d: (counts[d.guid], d.name.lower()), default=None)

    def apply(self, world: "World") -> list[ev.Event]:
        db = world.database(self.database) if self.database else self._auto_database(world)
        alias = self.alias or "".join(c for c in self.name if c.isalnum() or c in "-_.")
        upn = self.user_principal_name or f"{alias}@{world.domain}"
        world.mailboxes[self.name.lower()] = Mailbox(
            self.name, alias, upn, db.guid, world.new_guid(), world.now, self.item_count, self.total_item_size)
        return [ev.info(f"Mailbox '{self.name}' created in database '{db.name}'.")]
