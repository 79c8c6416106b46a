"""A backup application backing up a database copy over the network it resolves the member
to (R-BACKUP-4/5, R-BACKUP-8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from state import events as ev
from state.rules import backup as rules
from state.transitions.base import Transition

if TYPE_CHECKING:
    from state.world import World


@attrs.frozen
class BackupDatabaseCopy(Transition):
    """``backup_server`` backs up the copy of ``database`` on ``server`` (active or passive):
    topology discovery through the DAG name, then a session to the member by name. Success sets
    LastFullBackup / LastIncrementalBackup (R-BACKUP-8); the result event carries the route."""

    backup_server: str
    database: str
    server: str
    kind: str = "Full"                   # 'Full' | 'Incremental'

    def check(self, world: "World") -> None:
        dag = world.dag_of(self.server)
        if dag is not None:
            rules.discover_topology(world, self.backup_server, dag.name)
        rules.session_route(world, self.backup_server, self.server)
        rules.copy_can_be_backed_up(world, self.database, self.server)

    def apply(self, world: "World") -> list[ev.Event]:
        db = world.database(self.database)
        route = rules.session_route(world, self.backup_server, self.server)
        if self.kind == "Full":
            db.last_full_backup = world.now
        else:
            db.last_incremental_backup = world.now
        return [ev.info(f"{self.kind} backup of '{db.name}\\{self.server}' over adapter '{route.adapter}' "
                        f"({route.address}).", "R-BACKUP-8"), ev.result(route)]
