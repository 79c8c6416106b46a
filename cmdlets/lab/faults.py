"""Set-LabDatabaseCopy and Set-LabDisk: faults no real cmdlet can cause — a database copy that
fails (or is corrupt), a log volume that fills up. Active Manager and replication react as the
rules say; Get-LabEvent tells what happened."""

from __future__ import annotations

from cmdlets.api.cmdlet import cmdlet
from cmdlets.api.parameters import param
from cmdlets.lab.base import LabCmdlet
from state.transitions import DamagePage, FailDatabaseCopy, SetDiskFull


@cmdlet("Set-LabDatabaseCopy")
class SetLabDatabaseCopy(LabCmdlet):
    """Fails a database copy (`DB\\Server`): -Fault Failed (the copier re-fetches and recovers),
    Corrupt (FailedAndSuspended until reseeded) or DamagedPage (one page to patch; a lagged copy
    waits for the replay lag manager, R-DB-11). Failing the active copy fails the database over."""
    examples = (("Set-LabDatabaseCopy DB1\\MBX2 -Fault Corrupt", "This example corrupts the copy of DB1 on MBX2: it "
                 "stays FailedAndSuspended until Update-MailboxDatabaseCopy reseeds it."),)

    supports_should_process = True
    identity: str = param("String", position=0, mandatory=True, pipeline_by_name=True)
    fault: str = param("String", mandatory=True, values=("Failed", "Corrupt", "DamagedPage"))

    def process_record(self) -> None:
        db_name, _, server = self.identity.rpartition("\\")
        db = self.world.database(db_name) if db_name else None
        copy = db.copy_on(server) if db else None
        if copy is None:
            self.throw_terminating_error(self.error(
                f"The lab has no database copy '{self.identity}'. Name it as Database\\Server.", "ObjectNotFound",
                "LabDatabaseCopyNotFound", "System.Management.Automation.ItemNotFoundException",
                target=self.identity, target_type="String"))
        if self.should_process(copy.identity, f"Set-LabDatabaseCopy -Fault {self.fault}"):
            if self.fault == "DamagedPage":
                self.world.commit(DamagePage(db.name, copy.server))
            else:
                self.world.commit(FailDatabaseCopy(db.name, copy.server, corrupt=self.fault == "Corrupt"))


@cmdlet("Set-LabDisk")
class SetLabDisk(LabCmdlet):
    """Fills a machine's log volume (-LogVolumeFull $true) or frees it again ($false)."""
    examples = (("Set-LabDisk MBX2 -LogVolumeFull $true", "This example fills MBX2's log volume: its passive copies fail "
                 "and its active databases fail over."),)

    supports_should_process = True
    computer_name: str = param("String", position=0, mandatory=True, aliases=("Name",))
    log_volume_full: bool = param("Boolean", mandatory=True)

    def process_record(self) -> None:
        server = self.machine_or_error(self.computer_name)
        if server is not None and self.should_process(server.name):
            self.world.commit(SetDiskFull(server.name, full=self.log_volume_full))
