"""Output records per version profile and the Exchange value types (output-format §5, §7)."""

import datetime as dt

import pytest

from cmdlets.api.profile import CULTURES
from cmdlets.exchange.records.dag import DAG_2013, DAG_2016, dag_record, network_record
from cmdlets.exchange.records.database import database_record
from cmdlets.exchange.records.status import STATUS_2010, STATUS_2013, copy_status_record
from cmdlets.exchange.records.values import (MAINTENANCE_SCHEDULE, ByteQuantifiedSize, KeyValuePair,
                                             ScheduleInterval, Unlimited)
from tests.cmdlets.exchange.conftest import NEW_DAG1

RS = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize("size, text", [
    (2_469_396_480, "2.3 GB (2,469,396,480 bytes)"), (2_147_483_648, "2 GB (2,147,483,648 bytes)"),
    (2_039_480_320, "1.899 GB (2,039,480,320 bytes)"), (0, "0 B (0 bytes)"), (1536, "1.5 KB (1,536 bytes)")])
def test_byte_quantified_size(size, text):
    assert str(ByteQuantifiedSize(size)) == text


def test_schedule_interval_per_culture():
    first = MAINTENANCE_SCHEDULE[0]
    assert first.ps_to_string(CULTURES["en-US"]) == "Sun.1:00 AM-Sun.5:00 AM"
    assert first.ps_to_string(CULTURES["nl-BE"]) == "zo.1:00-zo.5:00"
    assert str(ScheduleInterval(1, 60, 1, 75)) == "Mon.1:00 AM-Mon.1:15 AM"


def test_small_values():
    assert str(KeyValuePair("EX2", dt.timedelta(days=7))) == "[EX2, 7.00:00:00]"
    assert str(Unlimited()) == "Unlimited" and str(Unlimited(lower=True)) == "unlimited"


@pytest.mark.parametrize("version, names", [("2013", DAG_2013), ("2016", DAG_2016), ("2019", DAG_2016)])
def test_dag_lists_of_later_versions(shell, version, names):
    shell.run(NEW_DAG1)
    rec = dag_record(shell.world, shell.world.dag("DAG1"), version, RS)
    assert tuple(rec.property_names()[:len(names)]) == names
    assert rec.property_names()[-4:] == ["Id", "OriginatingServer", "IsValid", "ObjectState"]
    assert rec.get("AutoDagDatabasesRootFolderPath") == "C:\\ExchangeDatabases"


def test_2013_database_list_keeps_the_declaration_order(shell):
    rec = database_record(shell.world, shell.world.database("DB1"), "2013", RS)
    names = rec.property_names()
    assert names[:4] == ["RunspaceId", "JournalRecipient", "MailboxRetention", "OfflineAddressBook"]
    assert names.index("ReplicationType") < names.index("AdminDisplayVersion") < names.index("Servers")
    assert str(rec.get("CalendarLoggingQuota")) == "6 GB (6,442,450,944 bytes)"


def test_copy_status_lists(dag_shell):
    copy = dag_shell.world.copy("DB1", "MBX2")
    assert tuple(copy_status_record(dag_shell.world, copy, "2010", RS).property_names()) == STATUS_2010
    rec = copy_status_record(dag_shell.world, copy, "2016", RS)
    assert tuple(rec.property_names()) == STATUS_2013 and rec.get("Status") == "Healthy"


def test_network_list_of_released_builds_ends_with_object_state(dag_shell):
    net = dag_shell.world.dag("DAG1").networks[0]
    assert network_record(dag_shell.world, net, "2013", RS).property_names()[-1] == "ObjectState"


@pytest.mark.rule("R-NET-6")
def test_set_dag_network_replication_flag(dag_shell):
    assert dag_shell.run(r"Set-DatabaseAvailabilityGroupNetwork DAG1\DAGNetwork02 -ReplicationEnabled:$false").ok
    net = dag_shell.run("Get-DatabaseAvailabilityGroupNetwork DAGNetwork02").objects[0]
    assert (net.get("ReplicationEnabled"), net.get("IgnoreNetwork")) == (False, False)


@pytest.mark.rule("R-DAG-37")
def test_set_dag_network_without_change_warns(dag_shell):
    res = dag_shell.run(r"Set-DatabaseAvailabilityGroupNetwork DAG1\DAGNetwork01 -ReplicationEnabled:$true")
    assert res.warnings == ["The command completed successfully but no settings of 'DAG1\\DAGNetwork01' have "
                            "been modified."]
