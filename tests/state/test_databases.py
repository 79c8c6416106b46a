"""Database objects in the world: creation, settings, removal, mount state (R-DB-1, R-DB-2,
R-DB-13, R-DB-14, R-DB-16, R-DB-17) and the Mailbox server's activation settings."""

from state.transitions import (AddDatabaseCopy, DismountDatabase, MountDatabase, NewDatabase, PowerOff, PowerOn,
                               RemoveDatabase, SetDatabase, SetMailboxServer, SetServiceState)


def test_r_db_1_name_at_most_64_characters(world, refused):
    refused(world, NewDatabase("x" * 65, "MBX1"), "R-DB-1", "InvalidArgument",
            "The length of the property is too long. The maximum length is 64 and the length of the value "
            "provided is 65.")
    world.commit(NewDatabase("y" * 64, "MBX1"))
    assert world.database("y" * 64) is not None


def test_r_db_1_name_unique_in_the_organization_also_on_rename(world, refused):
    refused(world, NewDatabase("db1", "MBX3"), "R-DB-1", "InvalidArgument",
            "A database with the name 'db1' already exists. Please specify a unique name.")
    refused(world, SetDatabase.of("DB2", name="DB1"), "R-DB-1", "InvalidArgument",
            "A database with the name 'DB1' already exists. Please specify a unique name.")
    world.commit(SetDatabase.of("DB2", name="DB2-Sales"))
    assert world.database("DB2-Sales").name == "DB2-Sales" and world.database("DB2") is None


def test_r_db_1_only_on_a_mailbox_server(world, refused):
    refused(world, NewDatabase("DB9", "HUB01"), "R-DB-1", "InvalidArgument",
            "Server 'HUB01' doesn't have the Mailbox server role installed. A mailbox database can be created "
            "only on a Mailbox server.")


def test_r_db_2_new_database_has_one_copy_and_is_dismounted_until_mounted(world):
    world.commit(NewDatabase("DB9", "MBX3"))
    db = world.database("DB9")
    assert (db.servers, db.replication_type, db.master_type, db.master_server_or_availability_group) == \
        (["MBX3"], "None", "Server", "MBX3")
    assert db.mounted is False and world.copy_status(db.copies[0]).status == "Dismounted"
    world.commit(MountDatabase("DB9"))
    assert db.mounted is True and world.copy_status(db.copies[0]).status == "Mounted"


def test_r_db_2_database_created_on_a_member_belongs_to_the_dag(dag_world):
    dag_world.commit(NewDatabase("DB9", "MBX2"))
    db = dag_world.database("DB9")
    assert (db.master_type, db.master_server_or_availability_group) == ("DatabaseAvailabilityGroup", "DAG1")


def test_new_database_warns_about_the_store_restart_only_from_2013():
    from exshell.labs import load_lab
    w2010 = load_lab("default").world
    assert [e.kind for e in w2010.commit(NewDatabase("DB9", "MBX1"))] == ["Info"]


def test_r_db_13_remove_refused_while_passive_copies_exist_then_allowed(dag_world, refused):
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    refused(dag_world, RemoveDatabase("DB1"), "R-DB-13", "InvalidOperation",
            "Database 'DB1' has one or more database copies. Remove all the copies of the database "
            "(Remove-MailboxDatabaseCopy) before you remove the database.")
    events = dag_world.commit(RemoveDatabase("DB3"))
    assert dag_world.database("DB3") is None
    assert events[-1].kind == "Warning" and "DB3.edb from your computer manually" in events[-1].text


def test_r_db_13_remove_refused_while_mailboxes_remain(world, refused):
    refused(world, RemoveDatabase("DB1", mailboxes=2), "R-DB-13", "InvalidOperation",
            'This mailbox database contains one or more mailboxes. To get a list of all mailboxes in this '
            'database, run the command Get-Mailbox -Database "DB1". Before you remove the database, disable, '
            'remove, or move the mailboxes.')


def test_r_db_14_dismount_stays_on_the_same_server_without_failover(dag_world):
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    dag_world.advance(3600)
    dag_world.commit(DismountDatabase("DB1"))
    dag_world.advance(3600)
    db = dag_world.database("DB1")
    assert (db.active_server, db.mounted) == ("MBX1", False)
    assert dag_world.copy_status(db.copy_on("MBX1")).status == "Dismounted"


def test_r_db_14_mount_needs_the_store_and_replication_services(world, refused):
    world.commit(DismountDatabase("DB1"))
    world.commit(SetServiceState("MBX1", "MSExchangeRepl", running=False))
    refused(world, MountDatabase("DB1"), "R-DB-14", "InvalidOperation",
            "Couldn't mount the database that you specified. Specified database: DB1; Error code: An Active "
            "Manager operation failed. Error: The database action failed. The MSExchangeRepl service on server "
            "MBX1 isn't running.")


def test_r_db_14_mount_refused_at_maximum_active_databases(world, refused):
    world.commit(NewDatabase("DB9", "MBX1"))
    world.commit(SetMailboxServer.of("MBX1", maximum_active_databases=1))
    refused(world, MountDatabase("DB9"), "R-DB-14", "InvalidOperation",
            "Couldn't mount the database that you specified. Specified database: DB9; Error code: An Active "
            "Manager operation failed. Error: The database action failed. Error: Server MBX1 already has the "
            "maximum number of active databases (1) mounted.")


def test_r_db_14_mount_refused_when_the_host_is_off(world, refused):
    world.commit(PowerOff("MBX1"))
    refused(world, MountDatabase("DB1"), "R-DB-14", "InvalidOperation",
            "Couldn't mount the database that you specified. Specified database: DB1; Error code: An Active "
            "Manager operation failed. Error: An error occurred while trying to access server MBX1: the server "
            "is unreachable.")


def test_r_db_16_dismounted_database_generates_no_logs(world):
    db = world.database("DB1")
    start = db.generated_at(world.now)
    world.advance(600)
    before = db.generated_at(world.now)
    assert before == start + 10            # one 1 MB log a minute
    world.commit(DismountDatabase("DB1"))
    world.advance(600)
    assert db.generated_at(world.now) == before
    world.commit(MountDatabase("DB1"))
    world.advance(120)
    assert db.generated_at(world.now) == before + 2


def test_r_db_17_data_move_constraint_becomes_second_copy(dag_world):
    db = dag_world.database("DB1")
    assert db.data_move_replication_constraint == "None"
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    assert db.data_move_replication_constraint == "SecondCopy"


def test_r_am_6_blocked_server_is_no_failover_candidate(dag_world):
    """A copy on a server with DatabaseCopyAutoActivationPolicy Blocked is not activated by a failover."""
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    dag_world.advance(600)
    dag_world.commit(SetMailboxServer.of("MBX2", database_copy_auto_activation_policy="Blocked"))
    dag_world.commit(PowerOff("MBX1"))
    dag_world.advance(600)
    db = dag_world.database("DB1")
    assert (db.active_server, db.mounted) == ("MBX1", False)


def test_set_mailbox_server_keeps_only_what_the_world_models(world):
    t = SetMailboxServer.of("MBX2", auto_database_mount_dial="Lossless", calendar_repair_mode="ValidateOnly")
    assert t.changes == (("auto_database_mount_dial", "Lossless"),)
    world.commit(t)
    assert world.server("MBX2").auto_database_mount_dial == "Lossless"


def test_r_db_7_a_copy_needs_the_active_copy_mounted(dag_world, refused):
    dag_world.commit(DismountDatabase("DB1"))
    refused(dag_world, AddDatabaseCopy("DB1", "MBX2"), "R-DB-7", "InvalidOperation",
            "Database 'DB1' isn't mounted. The active copy must be mounted to add a copy.")


def test_r_db_7_a_copy_needs_quorum(dag_world, refused):
    dag_world.commit(PowerOff("HUB01"))          # the witness: MBX1 alone holds one vote of three
    dag_world.commit(PowerOff("MBX2"))
    dag_world.advance(60)
    assert dag_world.cluster_of("DAG1").has_quorum is False
    refused(dag_world, AddDatabaseCopy("DB1", "MBX2"), "R-DB-7", "InvalidOperation",
            "The database availability group 'DAG1' doesn't have quorum. Database copies can't be added until "
            "quorum is restored.")


def test_r_db_8_second_copy_refused_while_circular_logging_is_on(dag_world, refused):
    dag_world.commit(SetDatabase.of("DB1", circular_logging_enabled=True))
    refused(dag_world, AddDatabaseCopy("DB1", "MBX2"), "R-DB-8", "InvalidOperation",
            "Database 'DB1' has circular logging enabled. Disable circular logging before adding the second copy.")
    dag_world.commit(SetDatabase.of("DB1", circular_logging_enabled=False))
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    assert len(dag_world.database("DB1").copies) == 2


def test_r_db_5_exactly_one_active_copy_through_failover_and_return(dag_world):
    from state.transitions import MoveActiveDatabase
    dag_world.commit(AddDatabaseCopy("DB1", "MBX2"))
    dag_world.advance(600)

    def active_copies():
        db = dag_world.database("DB1")
        return [c.server for c in db.copies if dag_world.copy_status(c).status in ("Mounted", "Dismounted")]

    assert active_copies() == ["MBX1"]
    dag_world.commit(MoveActiveDatabase("DB1", "MBX2"))
    assert active_copies() == ["MBX2"]
    dag_world.commit(PowerOff("MBX2"))
    dag_world.advance(120)
    assert active_copies() == ["MBX1"]
    dag_world.commit(PowerOn("MBX2"))
    dag_world.advance(900)
    assert active_copies() == ["MBX1"]
