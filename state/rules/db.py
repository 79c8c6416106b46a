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
