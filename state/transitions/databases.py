"""Mailbox database objects and their mount state: New-/Set-/Remove-MailboxDatabase,
Mount-/Dismount-Database (R-DB-1, R-DB-2, R-DB-13, R-DB-14)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from state import build, events as ev, replication as repl
from state.rules import db as rules
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World

# Set-MailboxDatabase parameters the world keeps (attribute names of MailboxDatabase).
DATABASE_SETTINGS = (
    "name", "circular_logging_enabled", "mount_at_startup", "index_enabled", "issue_warning_quota",
    "prohibit_send_quota", "prohibit_send_receive_quota", "mailbox_retention", "deleted_item_retention",
    "event_history_retention_period", "retain_deleted_items_until_backup", "allow_file_restore",
    "background_database_maintenance", "data_move_replication_constraint",
)


@attrs.frozen
class NewDatabase(Transition):
    """A new database on a Mailbox server: one copy, dismounted until Mount-Database (R-DB-2)."""

    name: str
    server: str
    edb_file_path: str | None = None
    log_folder_path: str | None = None

    def check(self, world: "World") -> None:
        rules.database_name_is_valid(world, self.name)
        rules.server_has_mailbox_role(world.server(self.server))

    def apply(self, world: "World") -> list[ev.Event]:
        db = build.add_database(world, self.name, self.server)
        if self.edb_file_path:
            world.server(self.server).files.pop(db.edb_file_path, None)
            db.edb_file_path = self.edb_file_path
            world.server(self.server).files[db.edb_file_path] = ""
        if self.log_folder_path:
            db.log_folder_path = self.log_folder_path
        db.mounted = False
        db.set_rate(world.now, 0)
        db.copies[0].status = "Dismounted"
        out = [ev.info(f"Database '{db.name}' created on '{db.server}'.", "R-DB-2")]
        if world.version_at_least("2013"):
            out.append(ev.warning(f"Please restart the Microsoft Exchange Information Store service on server "
                                  f"{db.server} after adding new mailbox databases."))
        return out


@attrs.frozen
class SetDatabase(Transition):
    """Set-MailboxDatabase: the settings the world keeps; ``changes`` is a tuple of pairs."""

    database: str
    changes: tuple[tuple[str, Any], ...]

    @classmethod
    def of(cls, database: str, **changes: Any) -> "SetDatabase":
        return cls(database, tuple((k, v) for k, v in changes.items() if k in DATABASE_SETTINGS))

    def check(self, world: "World") -> None:
        db = world.database(self.database)
        for key, value in self.changes:
            if key == "name":
                rules.database_name_is_valid(world, value, db)

    def apply(self, world: "World") -> list[ev.Event]:
        db = world.database(self.database)
        for key, value in self.changes:
            setattr(db, key, value)
        if self.changes:
            db.when_changed = world.now
        return [ev.info(f"Database '{db.name}' changed: {', '.join(k for k, _ in self.changes)}.")] if self.changes else []


@attrs.frozen
class RemoveDatabase(Transition):
    """Remove-MailboxDatabase: refused with copies or mailboxes left; files stay (R-DB-13)."""

    database: str
    mailboxes: int = 0

    def check(self, world: "World") -> None:
        rules.database_can_be_removed(world, world.database(self.database), self.mailboxes)

    def apply(self, world: "World") -> list[ev.Event]:
        db = world.database(self.database)
        del world.databases[db.guid]
        return [ev.info(f"Database '{db.name}' removed.", "R-DB-13"),
                ev.warning(f"The specified database has been removed. You must remove the database file located "
                           f"in {db.edb_file_path} from your computer manually if you want to reuse that location.")]


@attrs.frozen
class MountDatabase(Transition):
    """Mount-Database: the active copy, wherever it is (R-DB-14)."""

    database: str

    def check(self, world: "World") -> None:
        db = world.database(self.database)
        if not db.mounted:
            rules.database_can_mount(world, db)

    def apply(self, world: "World") -> list[ev.Event]:
        db = world.database(self.database)
        if db.mounted:
            return []
        db.mounted = True
        db.set_rate(world.now, db.log_rate)
        return [repl.set_status(world, db, db.active_copy, "Mounted")]


@attrs.frozen
class DismountDatabase(Transition):
    """Dismount-Database: stays Dismounted on the same server, no failover (R-DB-14)."""

    database: str

    def check(self, world: "World") -> None:
        pass

    def apply(self, world: "World") -> list[ev.Event]:
        db = world.database(self.database)
        if not db.mounted:
            return []
        db.mounted = False
        db.set_rate(world.now, 0)
        return [repl.set_status(world, db, db.active_copy, "Dismounted")]
