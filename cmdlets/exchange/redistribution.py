"""RedistributeActiveDatabases.ps1's balancing passes and the report it writes to the host.

The passes follow the published script (Exchange 2010 SP1 and later): servers with the most
active databases give first, to the servers with the fewest; a database only goes to its most
preferred copy not yet tried (-BalanceDbsByActivationPreference); with
-BalanceDbsBySiteAndActivationPreference the servers are ordered site by site and a move across
sites must keep the spread of active databases between sites within AllowedMaxDelta
(ceiling(2 x mean per site x AllowedDeviationFromMeanPercentage / 100), at least 2); when the
sites are still apart after that, a second pass may move databases to less preferred copies.
-BalanceDbsIgnoringActivationPreference evens out the active counts (max - min < 2) over the
servers that are neither Blocked nor down. Each move is an ordinary switchover
(MoveActiveDatabase: R-AM-17's checks); the script's own test of the target comes first
(Blocked, IntrasiteOnly across sites (R-AM-13), a node that is down, MaximumActiveDatabases).

The host text keeps the script's banner, distribution tables and "Summary of Moves" labels; the
lines the script takes from its localized string table are worded here in the emulator's own
words. The script shuffles the databases of a server before trying them; the emulator takes
them in name order so that a run is repeatable.
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from cmdlets.api.directives import FormatDirective, PropertySpec
from cmdlets.api.dotnet_format import format_datetime
from cmdlets.api.values import PSObject
from state import RuleViolation
from state.active_manager import SWITCHOVER_SECONDS

SERVER_TYPE = "HADatabaseLoadBalancing.ServerDbDistributionEntry"
SITE_TYPE = "HADatabaseLoadBalancing.SiteDbDistributionEntry"
MOVE_STATUS_TYPE = "HADatabaseLoadBalancing.DatabaseMoveStatus"
STARS = "*" * 39
MOVES_BANNER = "\n-----------------------\nStarting Database Moves\n-----------------------\n"


@attrs.define
class MoveStatus:
    """HADatabaseLoadBalancing.DatabaseMoveStatus: one per database of the run."""

    db: str
    start: str
    start_pref: int
    end: str | None = None
    end_pref: int | None = None
    status: str = "NoMoveAttempted"

    def record(self) -> PSObject:
        if self.end:
            most = self.end_pref == 1
        else:
            most = self.start_pref == 1
        return PSObject((MOVE_STATUS_TYPE, "System.Object"), [
            ("DbName", self.db), ("ActiveOnPreferenceAtStart", self.start_pref),
            ("ActiveServerAtStart", self.start), ("ActiveOnPreferenceAtEnd", self.end_pref),
            ("ActiveServerAtEnd", self.end), ("IsOnMostPreferredCopy", most), ("MoveStatus", self.status)],
            to_string=MOVE_STATUS_TYPE)


def pref(db: Any, server: str) -> int:
    copy = db.copy_on(server)
    return copy.activation_preference if copy is not None else 0


def entries(world: Any, dag: Any, dbs: list[Any], active: dict[str, str]) -> list[dict[str, Any]]:
    """Per member (in the DAG's order): the counts a ServerDbDistributionEntry holds."""
    most = max((len(db.copies) for db in dbs), default=0)
    out = []
    for name in reversed(dag.servers):                 # members in the order they joined
        here = [db for db in dbs if db.copy_on(name)]
        actives = [db for db in here if active[db.name].lower() == name.lower()]
        out.append({"ServerName": world.server(name).name, "Site": world.server(name).site,
                    "ActiveDbs": len(actives), "PassiveDbs": len(here) - len(actives),
                    "PreferenceCountList": [sum(1 for db in here if pref(db, name) == n) for n in range(1, most + 1)],
                    "MountedDbs": sum(1 for db in actives if db.mounted),
                    "DismountedDbs": sum(1 for db in actives if not db.mounted)})
    return out


def server_record(entry: dict[str, Any], dag: str) -> PSObject:
    return _distribution_record(SERVER_TYPE, "ServerName", entry, dag)


def site_record(entry: dict[str, Any], dag: str) -> PSObject:
    return _distribution_record(SITE_TYPE, "SiteName", entry, dag)


def _distribution_record(type_name: str, key: str, entry: dict[str, Any], dag: str) -> PSObject:
    """A Server- or SiteDbDistributionEntry: its name first, then the base class's counts."""
    return PSObject((type_name, "System.Object"), [
        (key, entry[key]), ("TotalDbs", entry["ActiveDbs"] + entry["PassiveDbs"]),
        ("ActiveDbs", entry["ActiveDbs"]), ("PassiveDbs", entry["PassiveDbs"]),
        ("PreferenceCountList", entry["PreferenceCountList"]), ("MountedDbs", entry["MountedDbs"]),
        ("DismountedDbs", entry["DismountedDbs"]), ("DagName", dag)], to_string=type_name)


def site_entries(servers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The servers' counts added up per AD site, sites in the order their first member comes."""
    sites: dict[str, dict[str, Any]] = {}
    for entry in servers:
        site = sites.setdefault(entry["Site"], {"SiteName": entry["Site"], "ActiveDbs": 0, "PassiveDbs": 0,
                                                "PreferenceCountList": [0] * len(entry["PreferenceCountList"]),
                                                "MountedDbs": 0, "DismountedDbs": 0})
        for key in ("ActiveDbs", "PassiveDbs", "MountedDbs", "DismountedDbs"):
            site[key] += entry[key]
        site["PreferenceCountList"] = [a + b for a, b in zip(site["PreferenceCountList"], entry["PreferenceCountList"])]
    return list(sites.values())


def allowed_max_delta(databases: int, sites: int, deviation: float) -> int:
    """How far apart the sites' active counts may be: twice the deviation from the mean, at least 2."""
    return max(math.ceil(2 * (databases / sites) * (deviation / 100)), 2)


class Balancer:
    """One run of the script over one DAG: the in-memory distribution it keeps while moving, the
    databases' move statuses, and the host report."""

    def __init__(self, script: Any, dag: Any, dbs: list[Any]) -> None:
        self.script = script
        self.world = script.world
        self.dag = dag
        self.dbs = dbs
        self.active = {db.name: self.world.server(db.active_server).name for db in dbs}
        self.site_of = {self.world.server(n).name: self.world.server(n).site for n in dag.servers}
        self.statuses: dict[str, MoveStatus] = {}
        self.tried: set[tuple[str, str]] = set()
        self.started = self.world.now
        self.print_sites = False
        self.allowed_delta = 10 ** 9

    # -- the distribution ----------------------------------------------------------------
    def servers(self) -> list[dict[str, Any]]:
        return entries(self.world, self.dag, self.dbs, self.active)

    def sites(self) -> list[dict[str, Any]]:
        return site_entries(self.servers())

    def site_spread(self) -> tuple[int, int]:
        counts = [s["ActiveDbs"] for s in self.sites()]
        return min(counts), max(counts)

    # -- host text -----------------------------------------------------------------------
    def host(self, text: str, color: str = "Gray") -> None:
        self.script.runtime.write_host(text, foreground=color)

    def stamp(self) -> str:
        return format_datetime(self.world.now, "[HH:mm:ss.fff UTC]")

    def verbose(self, text: str) -> None:
        self.script.write_verbose(f"{self.stamp()} {text}")

    def warning(self, text: str) -> None:
        self.script.write_warning(f"{self.stamp()} {text}")

    def error(self, text: str) -> None:
        record = self.script.script_error(f"{self.stamp()} {text}")
        self.script.write_error(attrs.evolve(record, terminating=False))

    def table(self, objects: list[PSObject], columns: tuple[str, ...] = ()) -> str:
        """`... | Format-Table -AutoSize -Wrap | Out-String`, trailing white space trimmed."""
        directive = FormatDirective("table", tuple(objects), tuple(PropertySpec(c) for c in columns),
                                    auto_size=True, wrap=True)
        return "\n".join(self.script.runtime.ctx.render_lines([directive])).rstrip()

    def long_date(self, when: Any) -> str:
        return format_datetime(when, "F", self.script.profile.culture)

    def header(self, site_mode: bool = False) -> None:
        servers = self.servers()
        copies = sum(s["ActiveDbs"] + s["PassiveDbs"] for s in servers)
        self.host(f"\n{STARS}\nBalance DAG DBs\n{self.long_date(self.world.now)}\n{STARS}\n"
                  f"Dag                                :   {self.dag.name}\n"
                  f"ServerCount                        :   {len(self.dag.servers)}\n"
                  f"DatabaseCount                      :   {len(self.dbs)}\n"
                  f"CopiesCount                        :   {copies}")
        if site_mode:
            deviation = self.script.runtime.to_string(self.script.allowed_deviation_from_mean_percentage)
            self.host(f"AllowedDeviationFromMeanPercentage :   {deviation} %\n"
                      f"AllowedMaxDelta                    :   {self.allowed_delta}\n")
        self.distribution("Starting")

    def distribution(self, which: str) -> None:
        servers = self.servers()
        sites = site_entries(servers)
        dag = self.dag.name
        if len(sites) > 1:
            text = self.table([site_record(s, dag) for s in sorted(sites, key=lambda s: s["ActiveDbs"])])
            self.host(f"\n--------------------------\n{which} Site Distribution\n--------------------------\n"
                      f"{text}\n")
        text = self.table([server_record(s, dag) for s in sorted(servers, key=lambda s: s["ServerName"].lower())])
        self.host(f"\n----------------------------\n{which} Server Distribution\n----------------------------\n"
                  f"{text}\n")

    def current(self) -> None:
        """After each move: the servers' (and, balancing by site, the sites') active and passive counts."""
        dag = self.dag.name
        servers = sorted(self.servers(), key=lambda s: s["ServerName"].lower())
        self.host(self.table([server_record(s, dag) for s in servers], ("ServerName", "ActiveDbs", "PassiveDbs")))
        if self.print_sites:
            sites = sorted(self.sites(), key=lambda s: s["SiteName"].lower())
            self.host(self.table([site_record(s, dag) for s in sites], ("SiteName", "ActiveDbs", "PassiveDbs")))

    def footer(self) -> None:
        counts = {k: sum(1 for s in self.statuses.values() if s.status == k)
                  for k in ("MoveSucceeded", "MoveFailed", "NoMoveAttempted")}
        less = sum(1 for s in self.statuses.values() if s.end_pref is not None and s.start_pref < s.end_pref) \
            if counts["MoveSucceeded"] else 0
        seconds = int((self.world.now - self.started).total_seconds())
        duration = f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
        self.host(f"\n----------------\nSummary of Moves\n----------------\n"
                  f"Successfully moved      : {counts['MoveSucceeded']}\n"
                  f"Moved to less preferred : {less}\n"
                  f"Failed to move          : {counts['MoveFailed']}\n"
                  f"Not moved               : {counts['NoMoveAttempted']}\n\n"
                  f"Start time              : {self.long_date(self.started)}\n"
                  f"End time                : {self.long_date(self.world.now)}\n"
                  f"Duration                : {duration}\n")

    def results(self) -> list[PSObject]:
        return [self.statuses[k].record() for k in sorted(self.statuses, key=str.lower)]

    # -- the modes -----------------------------------------------------------------------
    def by_preference(self) -> None:
        self.header()
        self.host(MOVES_BANNER)
        self.balance()
        self.finish()

    def current_actives(self) -> None:
        """-ShowDatabaseCurrentActives: the banner, a status per database with its start only, the summary."""
        self.header()
        for db in self.dbs:
            where = self.active[db.name]
            self.statuses[db.name] = MoveStatus(db.name, where, pref(db, where))
        self.footer()

    def ignoring_preference(self) -> None:
        self.header()
        self.host(MOVES_BANNER)
        self.balance(less_preferred=True, ignore_preference=True)
        self.finish()

    def by_site(self, deviation: float) -> None:
        sites = self.sites()
        if len(sites) < 2:
            self.warning(f"Every member of DAG '{self.dag.name}' is in site '{sites[0]['SiteName']}': the "
                         "databases are balanced by activation preference only.")
            self.by_preference()
            return
        self.print_sites = True
        self.allowed_delta = allowed_max_delta(len(self.dbs), len(sites), deviation)
        self.header(site_mode=True)
        self.host(MOVES_BANNER)
        low, high = self.site_spread()
        state = "within" if high - low <= self.allowed_delta else "outside"
        self.host(f"The sites start {state} the allowed spread of active databases (current spread: {high - low}).")
        self.balance(by_site=True)
        low, high = self.site_spread()
        if high - low > self.allowed_delta:
            self.warning(f"The sites are still {high - low} active databases apart (allowed: {self.allowed_delta}); "
                         "trying less preferred copies.")
            self.balance(by_site=True, less_preferred=True)
        low, high = self.site_spread()
        if high - low <= self.allowed_delta:
            self.success(f"The sites are balanced: {high - low} active databases apart (allowed: "
                         f"{self.allowed_delta}).")
        else:
            self.host(f"Sites are still unbalanced! CurrentMaxDelta={high - low}, "
                      f"AllowedMaxDelta={self.allowed_delta}", "Red")
        self.finish()

    def finish(self) -> None:
        if self.script.show_final_database_distribution:
            self.distribution("Ending")
        self.footer()

    def success(self, text: str) -> None:
        self.verbose(text)
        self.host(text, "Green")

    # -- the balancing loop --------------------------------------------------------------
    def ordered(self, by_site: bool) -> list[str]:
        """Servers, fewest active databases first (grouped by site, emptiest site first)."""
        servers = self.servers()
        if not by_site:
            return [s["ServerName"] for s in sorted(servers, key=lambda s: s["ActiveDbs"])]
        out = []
        for site in sorted(site_entries(servers), key=lambda s: s["ActiveDbs"]):
            members = [s for s in servers if s["Site"] == site["SiteName"]]
            out += [s["ServerName"] for s in sorted(members, key=lambda s: s["ActiveDbs"])]
        return out

    def descending(self, by_site: bool, ignore_preference: bool) -> list[str]:
        """Servers, most active databases first (grouped by site, fullest site first); ties in
        the DAG's order."""
        servers = self.servers()
        if ignore_preference:
            servers = [s for s in servers if self.eligible(s["ServerName"])]
        if not by_site:
            return [s["ServerName"] for s in sorted(servers, key=lambda s: -s["ActiveDbs"])]
        out = []
        for site in sorted(site_entries(servers), key=lambda s: -s["ActiveDbs"]):
            members = [s for s in servers if s["Site"] == site["SiteName"]]
            out += [s["ServerName"] for s in sorted(members, key=lambda s: -s["ActiveDbs"])]
        return out

    def eligible(self, server: str) -> bool:
        """-BalanceDbsIgnoringActivationPreference leaves out Blocked servers and servers that are down."""
        if self.world.server(server).database_copy_auto_activation_policy == "Blocked":
            self.warning(f"Server '{server}' is skipped: its DatabaseCopyAutoActivationPolicy is Blocked.")
            return False
        if not self.online(server):
            self.warning(f"Server '{server}' is skipped: it is down in the cluster.")
            return False
        return True

    def online(self, server: str) -> bool:
        from state.health import dag_status
        return server.lower() in {n.lower() for n in dag_status(self.world, self.dag).operational_servers}

    def balance(self, by_site: bool = False, less_preferred: bool = False, ignore_preference: bool = False) -> None:
        self.tried = set()
        while True:
            if ignore_preference:
                counts = {s["ServerName"]: s["ActiveDbs"] for s in self.servers()}
                sources = self.descending(False, True)
                if not sources or counts[sources[0]] - counts[sources[-1]] < 2:
                    self.success("The active databases are balanced across the servers.")
                    break
                targets = sorted(sources, key=lambda n: counts[n])
            else:
                if less_preferred and self.site_spread()[1] - self.site_spread()[0] <= self.allowed_delta:
                    break
                sources, targets = self.descending(by_site, False), self.ordered(by_site)
            if not self.move_one(sources, targets, by_site, less_preferred, ignore_preference):
                break
        self.settle(ignore_preference)

    def move_one(self, sources: list[str], targets: list[str], by_site: bool, less_preferred: bool,
                 ignore_preference: bool) -> bool:
        """Try one move off the busiest server that has a candidate; True when a database moved."""
        for source in sources:
            candidates = [db for db in self.dbs if self.active[db.name] == source
                          and self.movable(db, source, less_preferred)]
            for target in targets if candidates else ():
                for db in candidates:
                    if not self.worth_trying(db, source, target, less_preferred, ignore_preference):
                        continue
                    self.tried.add((db.name, target))
                    if self.move(db, target, by_site):
                        return True
        return False

    def movable(self, db: Any, source: str, less_preferred: bool) -> bool:
        status = self.statuses.get(db.name)
        if status is not None and status.status == "MoveSucceeded" or len(db.copies) < 2:
            return False
        here = pref(db, source)
        if not less_preferred and here == 1:
            return False
        targets = [c.server for c in db.copies if (c.activation_preference != here if less_preferred
                                                   else c.activation_preference < here)]
        return any((db.name, self.world.server(t).name) not in self.tried for t in targets)

    def worth_trying(self, db: Any, source: str, target: str, less_preferred: bool, ignore_preference: bool) -> bool:
        if db.copy_on(target) is None or (db.name, target) in self.tried:
            return False
        there, here = pref(db, target), pref(db, source)
        if (there == here) if less_preferred else (there >= here):
            return False
        if ignore_preference:
            return True
        # only the most preferred copy not tried yet (the active one aside)
        return not any(c.activation_preference < there and c.activation_preference != here
                       and (db.name, self.world.server(c.server).name) not in self.tried for c in db.copies)

    def settle(self, ignore_preference: bool) -> None:
        """A database the pass never tried to move gets a NoMoveAttempted status."""
        for db in self.dbs:
            if db.name in self.statuses:
                continue
            where = self.active[db.name]
            if pref(db, where) != 1 and not ignore_preference:
                self.warning(f"Database '{db.name}' isn't on its most preferred copy and couldn't be moved there.")
            self.statuses[db.name] = MoveStatus(db.name, where, pref(db, where), where, pref(db, where))

    # -- one move ------------------------------------------------------------------------
    def move(self, db: Any, target: str, by_site: bool) -> bool:
        source = self.active[db.name]
        status = self.statuses[db.name] = MoveStatus(db.name, source, pref(db, source))
        self.host(f"Trying to move database '{db.name}' from '{source}' (preference {pref(db, source)}) to "
                  f"'{target}' (preference {pref(db, target)}).")
        refusal = (self.site_refusal(db, source, target) if by_site else None) or self.target_refusal(source, target)
        moved = False
        if refusal:
            self.host(refusal, "Red")
        elif self.script.what_if:
            self.verbose(f"What if: database '{db.name}' would move to '{target}'.")
            status.status, moved = "MoveSucceeded", True
            status.end, status.end_pref = target, pref(db, target)
        else:
            moved = self.switchover(db, source, target, status)
        if not moved:
            self.error(f"Database '{db.name}' couldn't be moved.")
            status.end, status.end_pref = source, pref(db, source)
            return False
        self.active[db.name] = target
        self.success(f"Moved the active copy of database '{db.name}' from '{source}' to '{target}'.")
        if self.site_of[source] != self.site_of[target]:
            self.verbose(f"Database '{db.name}' moved from site '{self.site_of[source]}' to site "
                         f"'{self.site_of[target]}'.")
        self.current()
        return True

    def site_refusal(self, db: Any, source: str, target: str) -> str | None:
        """A move across sites may not widen the spread beyond AllowedMaxDelta (nor widen it further
        when the sites start out beyond it)."""
        if self.site_of[source] == self.site_of[target]:
            return None
        sites = sorted(self.sites(), key=lambda s: s["ActiveDbs"])
        low, high = sites[0], sites[-1]
        new_low, new_high = low["ActiveDbs"], high["ActiveDbs"]
        new_high -= self.site_of[source] == high["SiteName"]
        new_low -= self.site_of[source] != high["SiteName"] and self.site_of[source] == low["SiteName"]
        new_high += self.site_of[target] == high["SiteName"]
        new_low += self.site_of[target] != high["SiteName"] and self.site_of[target] == low["SiteName"]
        spread, after = high["ActiveDbs"] - low["ActiveDbs"], new_high - new_low
        if (after > spread) if spread > self.allowed_delta else (after > self.allowed_delta):
            return (f"Database '{db.name}' isn't moved to '{target}': the sites ({high['ActiveDbs']} and "
                    f"{low['ActiveDbs']} active databases) would end up more than {self.allowed_delta} apart.")
        return None

    def target_refusal(self, source: str, target: str) -> str | None:
        """The script's own test of a target before it asks for the switchover."""
        server = self.world.server(target)
        policy = server.database_copy_auto_activation_policy
        reason = None
        if policy == "Blocked":
            reason = "its DatabaseCopyAutoActivationPolicy is Blocked"
        elif policy == "IntrasiteOnly" and self.site_of[target] != self.site_of[source]:
            reason = f"its DatabaseCopyAutoActivationPolicy is IntrasiteOnly and '{source}' is in another site"
        elif not self.online(target):
            reason = "it is down in the cluster"
        elif server.maximum_active_databases is not None and \
                sum(1 for s in self.active.values() if s == target) >= server.maximum_active_databases:
            reason = f"it already has its MaximumActiveDatabases ({server.maximum_active_databases}) active"
        return f"Server '{target}' can't take the database: {reason}." if reason else None

    def switchover(self, db: Any, source: str, target: str, status: MoveStatus) -> bool:
        """Move-ActiveMailboxDatabase -ActivateOnServer target, its prompt and its error record."""
        from cmdlets.exchange.move import CONFIRM
        from state.transitions import MoveActiveDatabase
        status.status = "MoveFailed"
        move = MoveActiveDatabase(db.name, target, move_comment="RedistributeActiveDatabases.ps1")
        try:
            self.world.check(move)
        except RuleViolation as violation:
            self.script.move_error(violation)
            return False
        text = CONFIRM.format(db=db.name, source=self.world.server(source).fqdn, target=self.world.server(target).fqdn)
        if not self.script.should_process(db.name, "Move-ActiveMailboxDatabase", whatif_text=text, confirm_text=text):
            return False
        self.script.emit(self.script.commit_events(move))
        self.world.advance(SWITCHOVER_SECONDS)
        if self.world.database(db.name).active_server.lower() != target.lower():
            return False
        status.status, status.end, status.end_pref = "MoveSucceeded", target, pref(db, target)
        return True
