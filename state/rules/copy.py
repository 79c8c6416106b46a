"""Database copy rules: suspend, resume, reseed, remove, settings (spec: COPY, R-DB-12)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from state.rules.base import rule

if TYPE_CHECKING:
    from state.model import DatabaseCopy, MailboxDatabase
    from state.world import World

MAX_SUSPEND_COMMENT = 512

R_COPY_14_SINGLE = rule("R-COPY-14", "InvalidOperation",
                        "Database '{db}' has only one copy. Suspend-MailboxDatabaseCopy can be used only on databases "
                        "with two or more copies.")
R_COPY_14_ACTIVE = rule("R-COPY-14", "InvalidOperation",
                        "The database copy '{copy}' is the active copy. Replication of the active copy can't be suspended.")
R_COPY_14_COMMENT = rule("R-COPY-14", "InvalidOperation",
                         "The suspend comment is {length} characters long. It can't be longer than 512 characters.")
R_COPY_18_NOT_SUSPENDED = rule("R-COPY-18", "InvalidOperation",
                               "The seeding operation can't be performed because database copy '{copy}' is in state "
                               "'{status}'. Suspend the copy with Suspend-MailboxDatabaseCopy before updating it.")
R_COPY_18_ACTIVE = rule("R-COPY-18", "InvalidOperation",
                        "The database copy '{copy}' is the active copy and can't be the target of a seeding operation.")
R_COPY_18_SOURCE = rule("R-COPY-18", "InvalidOperation",
                        "Server '{server}' can't be used as the seeding source for database '{db}': its copy is in "
                        "state '{status}' with a copy queue length of {cq}.")
R_COPY_18_NO_SOURCE_COPY = rule("R-COPY-18", "InvalidOperation",
                                "Server '{server}' doesn't host a copy of database '{db}' and can't be the seeding source.")
R_COPY_19_FILES = rule("R-COPY-19", "InvalidOperation",
                       "The seeding operation failed because files for database '{db}' already exist on server "
                       "'{server}'. Use -DeleteExistingFiles to delete them.")
R_COPY_19_NO_SEED = rule("R-COPY-19", "InvalidOperation",
                         "There is no seeding operation in progress for database copy '{copy}'.")
R_COPY_20 = rule("R-COPY-20", "InvalidOperation",
                 "A source-side operation failed. Error: An error occurred while performing the seed operation. "
                 "Error: Seeding can't be started for database copy '{copy}' because a seed of database '{db}' from "
                 "server '{source}' is already in progress.")
R_COPY_19_EXCLUSIVE = rule("R-COPY-19", "InvalidOperation",
                           "The CatalogOnly and DatabaseOnly parameters can't be used together.")
R_COPY_19_DELETE = rule("R-COPY-19", "InvalidArgument",
                        "The DeleteExistingFiles and SafeDeleteExistingFiles parameters can't be used together.")
R_COPY_18_NOT_REPLICATED = rule("R-COPY-18", "InvalidOperation",
                                "Database '{db}' isn't a replicated database; this operation is valid only for "
                                "databases with more than one copy.")
R_COPY_18_NOT_MAILBOX = rule("R-COPY-18", "InvalidOperation",
                             "Server '{server}' doesn't have the Mailbox server role installed.")
R_COPY_19_NOT_IN_DAG = rule("R-COPY-19", "InvalidOperation",
                            "Server '{server}' isn't a member of a database availability group.")
R_DB_12_ACTIVE = rule("R-DB-12", "InvalidOperation",
                      "The database copy '{copy}' is the active copy and can't be removed. Move the active copy with "
                      "Move-ActiveMailboxDatabase first.")


def is_active_copy(db: "MailboxDatabase", copy: "DatabaseCopy") -> bool:
    return copy.server.lower() == db.active_server.lower()


def can_suspend(db: "MailboxDatabase", copy: "DatabaseCopy", activation_only: bool, comment: str | None) -> None:
    """R-COPY-14: two or more copies; never the replication of the active copy; comment <= 512."""
    if len(db.copies) < 2:
        raise R_COPY_14_SINGLE.violation(target=copy.identity, db=db.name)
    if is_active_copy(db, copy) and not activation_only:
        raise R_COPY_14_ACTIVE.violation(target=copy.identity, copy=copy.identity)
    if comment is not None and len(comment) > MAX_SUSPEND_COMMENT:
        raise R_COPY_14_COMMENT.violation(target=comment, length=len(comment))


def not_the_active_copy(db: "MailboxDatabase", copy: "DatabaseCopy") -> None:
    """R-COPY-18: the active copy is never a seeding target."""
    if is_active_copy(db, copy):
        raise R_COPY_18_ACTIVE.violation(target=copy.identity, copy=copy.identity)


def can_reseed(db: "MailboxDatabase", copy: "DatabaseCopy") -> None:
    """R-COPY-18: the target is a passive copy, suspended first."""
    not_the_active_copy(db, copy)
    if copy.status not in ("Suspended", "FailedAndSuspended"):
        raise R_COPY_18_NOT_SUSPENDED.violation(target=copy.identity, copy=copy.identity, status=copy.status)


def source_is_current(world: "World", db: "MailboxDatabase", server: str) -> "DatabaseCopy":
    """R-COPY-18: a passive seeding source must be healthy and current (copy queue 0)."""
    from state import replication as repl

    source = db.copy_on(server)
    if source is None:
        raise R_COPY_18_NO_SOURCE_COPY.violation(target=server, server=server, db=db.name)
    if is_active_copy(db, source):
        return source
    cq = repl.copy_status(world, source).copy_queue_length
    if source.status != "Healthy" or cq > 0:
        raise R_COPY_18_SOURCE.violation(target=server, server=source.server, db=db.name, status=source.status, cq=cq)
    return source


def files_may_be_replaced(world: "World", db: "MailboxDatabase", copy: "DatabaseCopy", delete_existing: bool) -> None:
    """R-COPY-19: existing database files on the target make the seed fail without -DeleteExistingFiles."""
    server = world.server(copy.server)
    if not delete_existing and db.edb_file_path in server.files:
        raise R_COPY_19_FILES.violation(target=copy.identity, db=db.name, server=copy.server)


def no_other_seed_from(db: "MailboxDatabase", copy: "DatabaseCopy", source: str, database_only: bool) -> None:
    """R-COPY-20: one full seed (database + catalog) per source at a time (SeedInProgressException)."""
    if database_only:
        return
    for other in db.copies:
        if other is not copy and other.status == "Seeding" and (other.seeding_source or "").lower() == source.lower():
            raise R_COPY_20.violation(target=copy.identity, copy=copy.identity, db=db.name, source=source)


def seed_options_agree(catalog_only: bool, database_only: bool, delete: bool, safe_delete: bool) -> None:
    """R-COPY-19: -CatalogOnly excludes -DatabaseOnly; -DeleteExistingFiles excludes -SafeDeleteExistingFiles."""
    if catalog_only and database_only:
        raise R_COPY_19_EXCLUSIVE.violation()
    if delete and safe_delete:
        raise R_COPY_19_DELETE.violation()


def database_is_replicated(db: "MailboxDatabase") -> None:
    """R-COPY-18: reseeding is for databases with two or more copies."""
    if len(db.copies) < 2:
        raise R_COPY_18_NOT_REPLICATED.violation(target=db.name, db=db.name)


def source_is_mailbox_server(world: "World", name: str) -> None:
    server = world.server(name)
    if server is None or not server.is_mailbox_server:
        raise R_COPY_18_NOT_MAILBOX.violation(target=name, server=name)


def server_in_dag(world: "World", name: str) -> None:
    """R-COPY-19: Update-MailboxDatabaseCopy -Server needs a DAG member."""
    if world.dag_of(name) is None:
        raise R_COPY_19_NOT_IN_DAG.violation(target=name, server=name)


def seed_in_progress(copy: "DatabaseCopy") -> None:
    """R-COPY-19: -CancelSeed needs a running seed."""
    if copy.status != "Seeding":
        raise R_COPY_19_NO_SEED.violation(target=copy.identity, copy=copy.identity)


def passive_copy_only(db: "MailboxDatabase", copy: "DatabaseCopy") -> None:
    """R-DB-12: the active copy can't be removed."""
    if is_active_copy(db, copy):
        raise R_DB_12_ACTIVE.violation(target=copy.identity, copy=copy.identity)

R_COPY_22_BOTH = rule("R-COPY-22", "InvalidArgument",
                      "The Identity and DatabaseAvailabilityGroup parameters can't be used together.")
R_COPY_22_NOT_MEMBER = rule("R-COPY-22", "InvalidOperation",
                            "Server '{server}' isn't a member of a database availability group. Replication health "
                            "can be tested only on database availability group members.")
