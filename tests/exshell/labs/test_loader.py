"""Lab loader: built-in labs and every error kind (file, key path, problem)."""

import pytest

from exshell.labs import LabError, list_labs, load_lab
from exshell.labs.loader import load_lab_text

BASE = '''exchange_version = "2010"
domain = "contoso.com"
[[servers]]
name = "MBX1"
roles = ["Mailbox"]
nics = [{ name = "MAPI", ip = "192.168.1.11/24", gateway = "192.168.1.1", dns = ["192.168.1.10"] }]
'''


def test_builtin_labs_listed():
    names = [n for n, _ in list_labs()]
    assert names == sorted(names) and {"copies", "default", "seed000", "seed002", "seed003"} <= set(names)


def test_default_lab():
    lab = load_lab("default")
    w = lab.world
    assert (lab.console, lab.culture, w.exchange_version, w.organization) == ("MBX1", "en-US", "2010", "Contoso")
    assert sorted(s.name for s in w.servers.values()) == ["DC01", "HUB01", "MBX1", "MBX2", "MBX3"]
    assert [d.name for d in w.databases.values()] == ["DB1", "DB2", "DB3"]
    assert w.server("mbx1.contoso.com").nics[0].is_mapi and not w.server("MBX1").nics[1].is_mapi


def test_seed003_lab():
    lab = load_lab("seed003")
    db = lab.world.database("Mailbox Database 1790164108")
    assert (lab.culture, lab.console, lab.setup) == ("nl-BE", "EXCH2010MB1", "")
    assert db.edb_file_path == ("C:\\Program Files\\Microsoft\\Exchange Server\\V14\\Mailbox\\"
                                "Mailbox Database 1790164108\\Mailbox Database 1790164108.edb")
    assert db.exchange_legacy_dn == ("/o=Corelantest Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"
                                     "/cn=Configuration/cn=Servers/cn=DIONYSUS/cn=Microsoft Private MDB")
    assert db.log_file_prefix == "E00" and db.master_type == "Server"


def test_same_seed_same_guids():
    assert load_lab("default").world.snapshot() == load_lab("default").world.snapshot()


@pytest.mark.parametrize("text,path,problem", [
    (BASE + 'colour = "red"\n', "servers[0].colour", "unknown key"),
    (BASE.replace("192.168.1.11/24", "192.168.1.300/24"), "servers[0].nics[0].ip", "is not an IP address"),
    (BASE.replace('"192.168.1.1"', '"10.0.0.1"'), "servers[0].nics[0].gateway", "is not in subnet"),
    (BASE.replace('"2010"', '"2012"'), "exchange_version", "is not one of"),
    (BASE + '[[databases]]\nname = "DB1"\nserver = "MBX9"\n', "databases[0].server", "unknown server 'MBX9'"),
    (BASE + '[[servers]]\nname = "mbx1"\n', "servers[1].name", "duplicate server name"),
    (BASE.replace('roles = ["Mailbox"]', 'roles = ["Mailbox"]\nsite = "Nowhere"'), "servers[0].site", "unknown site"),
    (BASE.replace('["Mailbox"]', '["Mailbox", "Gateway"]'), "servers[0].roles[1]", "unknown role"),
    (BASE.replace('exchange_version = "2010"\n', ''), "exchange_version", "missing required key"),
    ('console = "X"\n' + BASE, "console", "unknown server 'X'"),
])
def test_errors_name_file_path_problem(text, path, problem):
    with pytest.raises(LabError) as info:
        load_lab_text(text, "lab.toml")
    assert info.value.file == "lab.toml" and info.value.path == path and problem in info.value.problem
    assert str(info.value).startswith(f"lab.toml: {path}: ")


def test_unknown_builtin():
    with pytest.raises(LabError, match="no built-in lab"):
        load_lab("nope")


def test_lab_from_file(tmp_path):
    p = tmp_path / "mine.toml"
    p.write_text(BASE)
    lab = load_lab(str(p))
    assert lab.name == "mine" and lab.console == "MBX1"


LAB_WITH_FILES = '''
exchange_version = "2010"
domain = "contoso.com"
[[servers]]
name = "BACKUP01"
roles = []
nics = [{ name = "LAN", ip = "192.168.1.30/24" }]
hosts = ["10.0.2.11 NODEA", "10.0.2.12 NODEB nodeb.contoso.com"]
drives = ["D"]
shares = { Backup = "D:\\\\Backup" }
'''


def test_lab_hosts_drives_and_shares_reach_the_machine():
    from exshell.labs.loader import load_lab_text
    world = load_lab_text(LAB_WITH_FILES, "files.toml").world
    assert world.resolve("BACKUP01", "NODEA") == "10.0.2.11"
    assert world.resolve("BACKUP01", "nodeb.contoso.com") == "10.0.2.12"
    server = world.server("BACKUP01")
    assert server.files.is_dir("D:\\Backup") and server.shares == {"Backup": "D:\\Backup"}


def test_lab_bad_hosts_line_names_the_key():
    from exshell.labs.loader import LabError, load_lab_text
    bad = LAB_WITH_FILES.replace('"10.0.2.11 NODEA"', '"NODEA"')
    try:
        load_lab_text(bad, "files.toml")
    except LabError as err:
        assert "servers[0].hosts[0]" in str(err) and "is not a hosts line" in str(err)
    else:
        raise AssertionError("a bad hosts line must be refused")
