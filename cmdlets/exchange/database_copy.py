"""Database copies: Add-, Set-, Remove-, Suspend-, Resume-, Update-MailboxDatabaseCopy.

Rules: R-DB-6..R-DB-12, R-COPY-3/4, R-COPY-14/15 (suspend, resume), R-COPY-18..R-COPY-20
(reseed). Exchange 2010's Add-MailboxDatabaseCopy and Update-MailboxDatabaseCopy seed before they
return; the emulator advances virtual time until the copy leaves Seeding/Initializing
(Update with -BeginSeed returns at once)."""

from __future__ import annotations

import datetime as dt
from typing import NoReturn

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.identity import Identity
from cmdlets.api.parameters import param
from cmdlets.exchange import identity as ids
from cmdlets.exchange.base import ExchangeCmdlet
from cmdlets.exchange.dag import DC_IGNORED, EXCHANGE
from state import RuleViolation, replication
from state.transitions import (AddDatabaseCopy, EnableReplayLag, RemoveDatabaseCopy, ResumeDatabaseCopy, SetDatabaseCopy,
                               SuspendDatabaseCopy, UpdateDatabaseCopy, UpdateServerCopies)

SEED_LIMIT_SECONDS = 7 * 86400
V2013 = ("2013", "2016", "2019")          # parameters the 2010 profile lacks (catalog)
V2016 = ("2016", "2019")
SEED_IN_PROGRESS_ID = "FE1C6491"            # R-COPY-20, as Exchange prints it
SEED_IN_PROGRESS = "Microsoft.Exchange.Cluster.Replay.SeedInProgressException"


class CopyCmdlet(ExchangeCmdlet):
    """Shared: resolve a DatabaseCopyIdParameter to the copies it names."""

    def copies(self, ident: Identity) -> list:
        """``DB\\Server`` (or a wildcard, or a piped copy); a database name alone is one copy only
        when the database has one copy, otherwise ambiguous."""
        if "\\" not in ident.text and ident.obj is None and not ident.has_wildcard:
            return [self.resolve_single(ids.copies, ident)]
        return self.resolve(ids.copies, ident)

    def settle(self, copy) -> None:
        self.world.advance_until(lambda w: not replication.is_settling(copy), SEED_LIMIT_SECONDS)


@cmdlet("Add-MailboxDatabaseCopy", supports_should_process=True, **EXCHANGE)
class AddMailboxDatabaseCopy(CopyCmdlet):
    """Adds a passive copy on another DAG member and seeds it."""
    examples = (
        ("Add-MailboxDatabaseCopy -Identity DB2 -MailboxServer MBX2 -ActivationPreference 3",
         "This example adds a passive copy of DB2 on MBX2, third in activation order."),
        ("Add-MailboxDatabaseCopy DB1 -MailboxServer MBX4 -ReplayLagTime 3.00:00:00 -SeedingPostponed",
         "This example adds a lagged copy of DB1 on MBX4 that replays logs three days late, to be seeded later."),
    )

    identity: Identity = param()
    mailbox_server: Identity = param()
    activation_preference: int | None = param()
    replay_lag_time: dt.timedelta | None = param()
    truncation_lag_time: dt.timedelta | None = param()
    replay_lag_max_delay: dt.timedelta | None = param(versions=V2016)
    seeding_postponed: bool = param(default=False)
    configuration_only: bool = param(default=False, versions=V2013)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        db = self.resolve_one(ids.databases, self.identity, database=True)
        server = self.resolve_one(ids.mailbox_servers, self.mailbox_server)
        add = AddDatabaseCopy(db.name, server.name, self.activation_preference, self.replay_lag_time,
                              self.truncation_lag_time, self.seeding_postponed, self.configuration_only,
                              self.replay_lag_max_delay)
        text = f'Adding mailbox database copy "{db.name}" on server "{server.name}".'
        if self.change(add, f"{db.name}\\{server.name}", text) is None:
            return
        if not (self.seeding_postponed or self.configuration_only):
            self.settle(self.world.copy(db.name, server.name))


@cmdlet("Set-MailboxDatabaseCopy", supports_should_process=True, **EXCHANGE)
class SetMailboxDatabaseCopy(CopyCmdlet):
    """Changes a copy's activation preference and lag times (R-DB-9, R-DB-10, R-DB-11)."""
    examples = (
        (r"Set-MailboxDatabaseCopy -Identity DB1\MBX2 -ActivationPreference 1",
         "This example makes the copy of DB1 on MBX2 the first choice for activation."),
        (r"Set-MailboxDatabaseCopy DB2\MBX4 -ReplayLagTime 1.00:00:00",
         "This example makes the copy of DB2 on MBX4 a lagged copy that replays logs a day late."),
    )

    identity: Identity = param()
    activation_preference: int | None = param()
    replay_lag_time: dt.timedelta | None = param()
    truncation_lag_time: dt.timedelta | None = param()
    replay_lag_max_delay: dt.timedelta | None = param(versions=V2016)
    database_copy_auto_activation_policy: str | None = param(ignored="the server's policy applies", versions=V2013)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        for copy in self.copies(self.identity):
            change = SetDatabaseCopy(copy.database, copy.server, self.activation_preference, self.replay_lag_time,
                                     self.truncation_lag_time, self.replay_lag_max_delay)
            self.change(change, copy.identity, f'Setting mailbox database copy "{copy.identity}".')


@cmdlet("Remove-MailboxDatabaseCopy", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class RemoveMailboxDatabaseCopy(CopyCmdlet):
    """Removes a passive copy; its files stay on the server (R-DB-12)."""
    synopsis = "Removes a passive copy of a mailbox database; its files stay on the server."
    examples = (
        (r"Remove-MailboxDatabaseCopy -Identity DB1\MBX2",
         "This example removes the passive copy of DB1 on MBX2; its files stay on the server."),
    )

    identity: Identity = param()
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        for copy in self.copies(self.identity):
            text = f'Removing mailbox database copy "{copy.identity}".'
            if self.change(RemoveDatabaseCopy(copy.database, copy.server), copy.identity, text) is not None:
                db = self.world.database(copy.database)
                self.write_warning(f'The database files for "{copy.identity}" weren\'t removed. Delete them '
                                   f'manually from "{db.log_folder_path}" on server "{copy.server}".')


@cmdlet("Suspend-MailboxDatabaseCopy", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class SuspendMailboxDatabaseCopy(CopyCmdlet):
    """Suspends replication and activation, or activation only (R-COPY-14)."""
    synopsis = "Suspends replication and activation, or activation only, of a copy of a mailbox database."
    examples = (
        (r"Suspend-MailboxDatabaseCopy -Identity DB1\MBX2 -SuspendComment 'Disk replacement'",
         "This example stops replication to the copy of DB1 on MBX2 and records why."),
        (r"Suspend-MailboxDatabaseCopy DB3\MBX1 -ActivationOnly",
         "This example keeps the copy of DB3 on MBX1 up to date but stops it from being activated."),
    )

    identity: Identity = param()
    activation_only: bool = param(default=False)
    suspend_comment: str | None = param()
    enable_replay_lag: bool = param(default=False, versions=V2013)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        for copy in self.copies(self.identity):
            if self.enable_replay_lag:
                text = f'Enabling replay lag for mailbox database copy "{copy.identity}".'
                self.change(EnableReplayLag(copy.database, copy.server), copy.identity, text)
                continue
            change = SuspendDatabaseCopy(copy.database, copy.server, self.activation_only, self.suspend_comment)
            what = "activation" if self.activation_only else "replication and activation"
            self.change(change, copy.identity, f'Suspending {what} for mailbox database copy "{copy.identity}".')


@cmdlet("Resume-MailboxDatabaseCopy", supports_should_process=True, **EXCHANGE)
class ResumeMailboxDatabaseCopy(CopyCmdlet):
    """Resumes replication and/or activation (R-COPY-15)."""
    synopsis = "Resumes replication and activation of a suspended copy of a mailbox database."
    examples = (
        (r"Resume-MailboxDatabaseCopy -Identity DB1\MBX2",
         "This example resumes replication and activation of the copy of DB1 on MBX2."),
        (r"Resume-MailboxDatabaseCopy DB3\MBX1 -ReplicationOnly",
         "This example resumes replication to the copy of DB3 on MBX1 and leaves it blocked for activation."),
    )

    identity: Identity = param()
    replication_only: bool = param(default=False)
    disable_replay_lag: bool = param(default=False, versions=V2013)
    disable_replay_lag_reason: str | None = param(ignored="the reason is not stored", versions=V2013)
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        for copy in self.copies(self.identity):
            change = ResumeDatabaseCopy(copy.database, copy.server, self.replication_only, self.disable_replay_lag)
            self.change(change, copy.identity, f'Resuming mailbox database copy "{copy.identity}".')


@cmdlet("Update-MailboxDatabaseCopy", supports_should_process=True, confirm_impact="High", **EXCHANGE)
class UpdateMailboxDatabaseCopy(CopyCmdlet):
    """Reseeds a suspended passive copy (R-COPY-18..R-COPY-20); -Server [2013+] queues a reseed of
    every suspended copy on a server, at most -MaximumSeedsInParallel at once, and returns."""
    synopsis = "Seeds or reseeds a passive copy of a mailbox database."
    examples = (
        (r"Update-MailboxDatabaseCopy -Identity DB1\MBX2 -DeleteExistingFiles",
         "This example reseeds the suspended copy of DB1 on MBX2 from the active copy, replacing its files."),
        (r"Update-MailboxDatabaseCopy DB2\MBX4 -SourceServer MBX3 -CatalogOnly",
         "This example reseeds only the content index of the copy of DB2 on MBX4, from MBX3."),
    )

    identity: Identity | None = param()
    server: Identity | None = param(versions=V2013)
    source_server: Identity | None = param()
    delete_existing_files: bool = param(default=False)
    safe_delete_existing_files: bool = param(default=False, versions=V2013)
    catalog_only: bool = param(default=False)
    database_only: bool = param(default=False)
    manual_resume: bool = param(default=False)
    begin_seed: bool = param(default=False, versions=V2013)
    cancel_seed: bool = param(default=False, versions=V2013)
    maximum_seeds_in_parallel: int | None = param(versions=V2013)
    force: bool = param(default=False, ignored="no prompts to suppress")
    network: Identity | None = param()
    network_compression_override: str | None = param(ignored="compression is not modelled")
    network_encryption_override: str | None = param(ignored="encryption is not modelled")
    no_throttle: bool = param(default=False, ignored="seeding is never throttled", versions=V2016)
    primary_database_partition_only: bool = param(default=False, ignored="databases have one partition",
                                                  versions=("2019",))
    secondary_database_partition_only: bool = param(default=False, ignored="databases have one partition",
                                                    versions=("2019",))
    domain_controller: str | None = param(ignored=DC_IGNORED)

    def process_record(self) -> None:
        if self.server is not None:
            server = self.resolve_one(ids.mailbox_servers, self.server)
            change = UpdateServerCopies(server.name, self.maximum_seeds_in_parallel or 10, self.delete_existing_files,
                                        self.safe_delete_existing_files, self.catalog_only, self.database_only,
                                        self.manual_resume)
            self.change(change, server.name, f'Seeding the database copies on server "{server.fqdn}".')
            return
        for copy in self.copies(self.identity):
            self._seed(copy, wait=not self.begin_seed)

    def _seed(self, copy, wait: bool) -> None:
        source = None
        if self.source_server is not None:
            source = self.resolve_one(ids.servers, self.source_server).name
        network = self.resolve_one(ids.networks, self.network).name if self.network is not None else None
        update = UpdateDatabaseCopy(copy.database, copy.server, source, self.delete_existing_files, self.catalog_only,
                                    self.database_only, self.manual_resume, self.cancel_seed,
                                    self.safe_delete_existing_files, network)
        verb = "Cancelling the seed of" if self.cancel_seed else "Seeding"
        text = f'{verb} database copy "{copy.identity}".'
        if self.change(update, copy.identity, text) is None or self.cancel_seed:
            return
        if wait and self.catalog_only:
            self.world.advance(replication.seed_seconds(self.world.database_of(copy), catalog=True, database=False))
        elif wait:
            self.settle(copy)

    def refuse(self, violation: RuleViolation) -> NoReturn:
        """R-COPY-20 is Exchange's SeedInProgressException with its own error id."""
        if violation.rule_id == "R-COPY-20":
            self.fail(self.exchange_error(violation.message, violation.category, SEED_IN_PROGRESS_ID,
                                          SEED_IN_PROGRESS, violation.target, violation.rule_id))
        super().refuse(violation)
