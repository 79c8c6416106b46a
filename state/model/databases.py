"""Mailbox databases, their copies and the log stream in virtual time.

A database's transaction log stream is a list of ``LogSegment``s: from ``start`` the active
copy generates ``rate`` logs per minute starting after generation ``start_gen`` (rate 0 while
dismounted). Generations at any instant are computed, not ticked, so a virtual day costs
nothing (R-TIMING-8, R-DB-16)."""

from __future__ import annotations

import bisect
import datetime as dt
import math

from attrs import define, field, frozen

from state.model.dag import ADMIN_GROUP

MB = 1024 * 1024
EDB_ROOT = {
    "2010-beta1": r"C:\Program Files\Microsoft\Exchange Server\V14\Mailbox",
    "2010": r"C:\Program Files\Microsoft\Exchange Server\V14\Mailbox",
    "2013": r"C:\Program Files\Microsoft\Exchange Server\V15\Mailbox",
    "2016": r"C:\Program Files\Microsoft\Exchange Server\V15\Mailbox",
    "2019": r"C:\Program Files\Microsoft\Exchange Server\V15\Mailbox",
    "2007": r"C:\Program Files\Microsoft\Exchange Server\Mailbox",
}


@frozen
class LogSegment:
    start: dt.datetime
    start_gen: int
    rate: float            # logs per minute; 0 = not generating (dismounted)

    def generated_at(self, when: dt.datetime) -> int:
        if self.rate <= 0 or when <= self.start:
            return self.start_gen
        return self.start_gen + int(math.floor((when - self.start).total_seconds() * self.rate / 60 + 1e-9))

    def time_of(self, gen: int) -> dt.datetime:
        if self.rate <= 0 or gen <= self.start_gen:
            return self.start
        return self.start + dt.timedelta(seconds=(gen - self.start_gen) * 60 / self.rate)


@define(eq=False)
class DatabaseCopy:
    """One copy of a database on one server (identity ``DB\\Server``, R-COPY-1).

    Passive copies are ``live`` while they receive logs: then the last inspected generation
    follows the active stream; otherwise it is frozen at ``frozen_gen``. ``epoch`` changes on
    every status change so stale timers can tell they are stale."""

    database: str
    server: str
    activation_preference: int = 1
    replay_lag_time: dt.timedelta = dt.timedelta(0)
    truncation_lag_time: dt.timedelta = dt.timedelta(0)
    status: str = "Mounted"
    status_since: dt.datetime | None = None
    activation_suspended: bool = False
    suspend_comment: str | None = None
    error_message: str | None = None
    content_index_state: str = "Healthy"
    live: bool = False
    frozen_gen: int = 0
    replay_floor: int = 0
    epoch: int = 0
    instance_start: dt.datetime | None = None
    incoming_log_copying_network: str | None = None
    seeding_network: str | None = None
    replay_lag_max_delay: dt.timedelta = dt.timedelta(hours=24)    # R-DB-11 [2013+]
    fault: str | None = None          # None | 'failed' (re-fetchable) | 'corrupt' (needs a reseed), R-COPY-8/9
    seeding_source: str | None = None  # while Seeding: the server seeded from (R-COPY-19/20)
    lag_disabled: bool = False        # Resume -DisableReplayLag (R-COPY-15)
    divergent: bool = False           # must compare its logs with the active copy (R-COPY-6)
    disconnected: bool = False        # no network path to the active copy (R-COPY-11)
    crawl_pending: bool = False       # catalog not seeded: Crawling once Healthy (R-COPY-21)
    instance_start_gen: int = 0       # last log inspected when the replica instance started
    # The replay lag manager (R-DB-11): why a lagged copy plays its logs down ('None' | 'LagDisabled' |
    # 'NotEnoughFreeSpace' | 'LogsInRequiredRange'), since when it replays its queue, and since when
    # its cause has held (too few healthy copies) or has been gone (the lag comes back).
    play_down_reason: str = "None"
    play_down_since: dt.datetime | None = None
    lag_shortfall_since: dt.datetime | None = None
    lag_restore_since: dt.datetime | None = None
    page_patch_pending: bool = False  # a damaged page waits for the logs that rewrite it (R-DB-11)

    @property
    def identity(self) -> str:
        return f"{self.database}\\{self.server}"

    @property
    def name(self) -> str:
        return self.identity

    @property
    def is_lagged(self) -> bool:
        return self.replay_lag_time > dt.timedelta(0) and not self.lag_disabled


@define(eq=False)
class MailboxDatabase:
    """A mailbox database (Exchange 2010+: an organization-level object)."""

    name: str
    guid: str
    server: str                                   # the server it was created on
    organization: str
    domain: str
    exchange_version: str
    when_created: dt.datetime
    when_changed: dt.datetime
    log_file_prefix: str = "E00"
    edb_file_path: str = ""
    log_folder_path: str = ""
    master_server_or_availability_group: str = ""
    master_type: str = "Server"                    # R-DB-2
    copies: list[DatabaseCopy] = field(factory=list)
    active_server: str = ""
    mounted: bool = True
    segments: list[LogSegment] = field(factory=list)
    log_rate: float = 1.0                          # R-TIMING-8: 1 log/min
    size_bytes: int = 1024 * MB
    legacy_dn_server: str = ""
    circular_logging_enabled: bool = False
    mount_at_startup: bool = True
    index_enabled: bool = True
    recovery: bool = False
    prohibit_send_receive_quota: int = 2_469_396_480
    prohibit_send_quota: int = 2_147_483_648
    issue_warning_quota: int = 2_039_480_320
    mailbox_retention: dt.timedelta = dt.timedelta(days=30)
    deleted_item_retention: dt.timedelta = dt.timedelta(days=14)
    event_history_retention_period: dt.timedelta = dt.timedelta(days=7)
    retain_deleted_items_until_backup: bool = False
    allow_file_restore: bool = False
    background_database_maintenance: bool = True
    data_move_replication_constraint: str = "None"
    last_full_backup: dt.datetime | None = None
    last_incremental_backup: dt.datetime | None = None
    description: str = ""
    dismounted_by_quorum: bool = False             # R-CLUSTER-16: mounts again when quorum returns
    rebalance_pending: bool = False                # R-AM-23: a move back to preference 1 is queued

    @classmethod
    def paths_for(cls, name: str, version: str) -> tuple[str, str]:
        root = EDB_ROOT.get(version, EDB_ROOT["2010"])
        return f"{root}\\{name}\\{name}.edb", f"{root}\\{name}"

    # --- identity and directory ------------------------------------------------------
    @property
    def identity(self) -> str:
        return self.name

    @property
    def admin_display_name(self) -> str:
        return self.name

    @property
    def administrative_group(self) -> str:
        return ADMIN_GROUP

    @property
    def exchange_legacy_dn(self) -> str:
        return (f"/o={self.organization}/ou={ADMIN_GROUP}/cn=Configuration/cn=Servers/"
                f"cn={(self.legacy_dn_server or self.server).upper()}/cn=Microsoft Private MDB")

    @property
    def distinguished_name(self) -> str:
        dc = ",".join(f"DC={p}" for p in self.domain.split("."))
        return (f"CN={self.name},CN=Databases,CN={ADMIN_GROUP},CN=Administrative Groups,"
                f"CN={self.organization},CN=Microsoft Exchange,CN=Services,CN=Configuration,{dc}")

    @property
    def exchange_version_text(self) -> str:
        return "0.10 (14.0.100.0)"

    @property
    def object_class(self) -> list[str]:
        return ["top", "msExchMDB", "msExchPrivateMDB"]

    # --- copies --------------------------------------------------------------------
    @property
    def servers(self) -> list[str]:
        return [c.server for c in self.copies]

    @property
    def database_copies(self) -> list[str]:
        return [c.identity for c in self.copies]

    @property
    def replication_type(self) -> str:
        """R-DB-2/R-DB-4: 'None' with one copy, 'Remote' with two or more."""
        return "Remote" if len(self.copies) > 1 else "None"

    @property
    def replay_lag_times(self) -> list[dt.timedelta]:
        return [c.replay_lag_time for c in self.copies]

    @property
    def truncation_lag_times(self) -> list[dt.timedelta]:
        return [c.truncation_lag_time for c in self.copies]

    @property
    def activation_preference(self) -> list[tuple[str, int]]:
        return [(c.server, c.activation_preference) for c in self.copies]

    def copy_on(self, server: str) -> DatabaseCopy | None:
        return next((c for c in self.copies if c.server.lower() == server.lower()), None)

    @property
    def active_copy(self) -> DatabaseCopy | None:
        return self.copy_on(self.active_server)

    @property
    def passive_copies(self) -> list[DatabaseCopy]:
        return [c for c in self.copies if c.server.lower() != self.active_server.lower()]

    # --- log stream ------------------------------------------------------------------
    def _segment_at(self, when: dt.datetime) -> LogSegment:
        starts = [s.start for s in self.segments]
        i = bisect.bisect_right(starts, when) - 1
        return self.segments[max(i, 0)]

    def generated_at(self, when: dt.datetime) -> int:
        """LastLogGenerated at ``when`` (R-DB-16)."""
        return self._segment_at(when).generated_at(when)

    def time_of(self, gen: int) -> dt.datetime | None:
        """When generation ``gen`` was closed (None for generation 0)."""
        if gen <= 0:
            return None
        for seg in reversed(self.segments):
            if gen > seg.start_gen or seg is self.segments[0]:
                return seg.time_of(gen)
        return None

    def set_rate(self, when: dt.datetime, rate: float) -> None:
        """Start a new segment (mount, dismount, failover)."""
        gen = self.generated_at(when) if self.segments else 0
        self.segments = [s for s in self.segments if s.start < when]
        self.segments.append(LogSegment(when, gen, rate))
