"""Mailbox database and copy-placement rules (spec: DB)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from state.rules.base import rule

if TYPE_CHECKING:
    from state.model import MailboxDatabase, Server
    from state.world import World

R_DB_6_MEMBER = rule("R-DB-6", "InvalidOperation",
                     "Server '{server}' isn't a member of database availability group '{dag}', which hosts database '{db}'.")
R_DB_6_NOT_IN_DAG = rule("R-DB-6", "InvalidOperation",
                         "Database '{db}' is hosted on server '{host}', which isn't a member of a database availability group. "
                         "Copies can be added only to databases in a database availability group.")
R_DB_6_DUPLICATE = rule("R-DB-6", "InvalidOperation",
                        "Server '{server}' already hosts a copy of database '{db}'.")
R_DB_6_PATH = rule("R-DB-6", "InvalidOperation",
                   "The path '{path}' on server '{server}' is already used by database '{other}'.")
R_DB_7_QUORUM = rule("R-DB-7", "InvalidOperation",
                     "The database availability group '{dag}' doesn't have quorum. Database copies can't be added until quorum is restored.")
R_DB_7_MOUNTED = rule("R-DB-7", "InvalidOperation",
                      "Database '{db}' isn't mounted. The active copy must be mounted to add a copy.")
R_DB_8 = rule("R-DB-8", "InvalidOperation",
              "Database '{db}' has circular logging enabled. Disable circular logging before adding the second copy.")
R_DB_9 = rule("R-DB-9", "InvalidArgument",
              "The activation preference {value} is out of range. It must be between 1 and {count}.")
R_DB_10 = rule("R-DB-10", "InvalidArgument",
               "The value '{value}' for {parameter} is out of range. It must be between 00:00:00 and 14.00:00:00.")

MAX_LAG = dt.timedelta(days=14)


def copy_target_is_dag_member(world: "World", db: "MailboxDatabase", server: "Server") -> None:
    """R-DB-6 (and R-DAG-6): the target is a member of the DAG hosting the database."""
    host = world.server(db.active_server)
    dag = world.dag_of(host) if host else None
    if dag is None:
        raise R_DB_6_NOT_IN_DAG.violation(target=db.name, db=db.name, host=db.active_server)
    if not dag.has_member(server.name):
        raise R_DB_6_MEMBER.violation(target=server.name, server=server.name, dag=dag.name, db=db.name)


def server_has_no_copy_yet(db: "MailboxDatabase", server: "Server") -> None:
    """R-DB-6: at most one copy of a database per server."""
    if db.copy_on(server.name) is not None:
        raise R_DB_6_DUPLICATE.violation(target=f"{db.name}\\{server.name}", server=server.name, db=db.name)


def copy_paths_are_free(world: "World", db: "MailboxDatabase", server: "Server") -> None:
    """R-DB-6: the database's EDB and log paths are not used by another database on the target."""
    for other in world.databases_on(server.name):
        if other is db:
            continue
        for path in (db.edb_file_path, db.log_folder_path):
            if path.lower() in (other.edb_file_path.lower(), other.log_folder_path.lower()):
                raise R_DB_6_PATH.violation(target=path, path=path, server=server.name, other=other.name)


def dag_has_quorum_for_copy(world: "World", db: "MailboxDatabase") -> None:
    """R-DB-7: the DAG has quorum and the active copy is mounted."""
    dag = world.dag_of(db.active_server)
    cluster = world.cluster_of(dag) if dag else None
    if cluster is not None and not cluster.has_quorum:
        raise R_DB_7_QUORUM.violation(target=db.name, dag=dag.name)
    if not db.mounted:
        raise R_DB_7_MOUNTED.violation(target=db.name, db=db.name)


def second_copy_needs_no_circular_logging(db: "MailboxDatabase") -> None:
    """R-DB-8: the second copy is refused while circular logging is on."""
    if len(db.copies) == 1 and db.circular_logging_enabled:
        raise R_DB_8.violation(target=db.name, db=db.name)


def activation_preference_in_range(value: int | None, count: int) -> None:
    """R-DB-9: 1 <= ActivationPreference <= number of copies (after the operation)."""
    if value is not None and not 1 <= value <= count:
        raise R_DB_9.violation(target=value, value=value, count=count)


def lag_time_in_range(value: dt.timedelta | None, parameter: str) -> None:
    """R-DB-10: ReplayLagTime/TruncationLagTime between 0 and 14 days."""
    if value is not None and not dt.timedelta(0) <= value <= MAX_LAG:
        raise R_DB_10.violation(target=value, value=_span(value), parameter=parameter)


def _span(value: dt.timedelta) -> str:
    total = int(value.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    days, rest = divmod(total, 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{days}.{h:02}:{m:02}:{s:02}" if days else f"{sign}{h:02}:{m:02}:{s:02}"


# --- database objects: New-/Set-/Remove-MailboxDatabase, Mount-/Dismount-Database ----------
MAX_DATABASE_NAME = 64
R_DB_1_LENGTH = rule("R-DB-1", "InvalidArgument",
                     "The length of the property is too long. The maximum length is 64 and the length of the value "
                     "provided is {length}.")
R_DB_1_EMPTY = rule("R-DB-1", "InvalidArgument",
                    "The length of the property is too short. The minimum length is 1 and the length of the value "
                    "provided is 0.")
R_DB_1_DUPLICATE = rule("R-DB-1", "InvalidArgument",
                        "A database with the name '{name}' already exists. Please specify a unique name.")
R_DB_1_MAILBOX_ROLE = rule("R-DB-1", "InvalidArgument",
                           "Server '{server}' doesn't have the Mailbox server role installed. A mailbox database "
                           "can be created only on a Mailbox server.")
R_DB_13_COPIES = rule("R-DB-13", "InvalidOperation",
                      "Database '{db}' has one or more database copies. Remove all the copies of the database "
                      "(Remove-MailboxDatabaseCopy) before you remove the database.")
R_DB_13_MAILBOXES = rule("R-DB-13", "InvalidOperation",
                         "This mailbox database contains one or more mailboxes. To get a list of all mailboxes in "
                         "this database, run the command Get-Mailbox -Database \"{db}\". Before you remove the "
                         "database, disable, remove, or move the mailboxes.")
R_DB_14_SERVICE = rule("R-DB-14", "InvalidOperation",
                       "Couldn't mount the database that you specified. Specified database: {db}; Error code: "
                       "An Active Manager operation failed. Error: The database action failed. The {service} service "
                       "on server {server} isn't running.")
R_DB_14_HOST_DOWN = rule("R-DB-14", "InvalidOperation",
                         "Couldn't mount the database that you specified. Specified database: {db}; Error code: "
                         "An Active Manager operation failed. Error: An error occurred while trying to access server "
                         "{server}: the server is unreachable.")
R_DB_14_MAXIMUM = rule("R-DB-14", "InvalidOperation",
                       "Couldn't mount the database that you specified. Specified database: {db}; Error code: "
                       "An Active Manager operation failed. Error: The database action failed. Error: Server {server} "
                       "already has the maximum number of active databases ({maximum}) mounted.")


def database_name_is_valid(world: "World", name: str, current: "MailboxDatabase | None" = None) -> None:
    """R-DB-1: unique in the organization, 1 to 64 characters."""
    if not name:
        raise R_DB_1_EMPTY.violation(target=name or "")
    if len(name) > MAX_DATABASE_NAME:
        raise R_DB_1_LENGTH.violation(target=name, length=len(name))
    other = world.database(name)
    if other is not None and other is not current:
        raise R_DB_1_DUPLICATE.violation(target=name, name=name)


def server_has_mailbox_role(server: "Server") -> None:
    if not server.is_mailbox_server:
        raise R_DB_1_MAILBOX_ROLE.violation(target=server.name, server=server.name)


def database_can_be_removed(world: "World", db: "MailboxDatabase", mailboxes: int) -> None:
    """R-DB-13: no passive copies and no mailboxes left."""
    if len(db.copies) > 1:
        raise R_DB_13_COPIES.violation(target=db.name, db=db.name)
    if mailboxes:
        raise R_DB_13_MAILBOXES.violation(target=db.name, db=db.name)


def database_can_mount(world: "World", db: "MailboxDatabase") -> None:
    """R-DB-14: the host is up, runs the Information Store and Replication services, and is
    below its MaximumActiveDatabases."""
    host = world.server(db.active_server)
    if host is None or not host.is_up:
        raise R_DB_14_HOST_DOWN.violation(target=db.name, db=db.name, server=db.active_server)
    for service in ("MSExchangeIS", "MSExchangeRepl"):
        if host.services.get(service, "Running") != "Running":
            raise R_DB_14_SERVICE.violation(target=db.name, db=db.name, service=service, server=host.name)
    limit = host.maximum_active_databases
    if limit is not None:
        mounted = sum(1 for d in world.databases.values()
                      if d.mounted and d.active_server.lower() == host.name.lower() and d is not db)
        if mounted >= limit:
            raise R_DB_14_MAXIMUM.violation(target=db.name, db=db.name, server=host.name, maximum=limit)
