"""Lab files (TOML) -> a built World plus what the shell runs and shows.

Format (DESIGN.md "Labs"); every key, with what it means:

Top level (before the first ``[[table]]``):
  name              str   lab name (default: the file name without .toml)
  description       str   one line for ``exshell labs`` (optional)
  exchange_version  str   2007 | 2010-beta1 | 2010 | 2013 | 2016 | 2019 (required)
  domain            str   AD domain, e.g. contoso.com (required)
  organization      str   Exchange organization name (default: the domain's first label,
                          capitalised: contoso.com -> "Contoso")
  culture           str   en-US (default), en-GB, nl-BE, de-DE: how dates and schedules print
  start_time        datetime  virtual clock start (default 2010-05-01T09:00:00)
  seed              int   random generator seed: GUIDs, replication jitter (default 1)
  console           str   the machine the shell runs on (default: the first Mailbox server)
  setup             str   cmdlets the shell runs when the lab loads (optional)
[[sites]]           name (str). Optional: one site "Default-First-Site-Name" when left out.
[[servers]]         name (str, required), roles (list of Mailbox, ClientAccess, HubTransport,
                    UnifiedMessaging, Edge, DomainController, GlobalCatalog), os (str, e.g.
                    "Windows Server 2008 R2 Enterprise"), site (str; may be left out with one
                    site), exchange_version (str, overrides the lab's for this server), nics (list),
                    trusted_subsystem_admin (bool, default true: Exchange Trusted Subsystem is in
                    the local Administrators group, which a non-Exchange witness needs, R-DAG-12),
                    hosts (list of hosts-file lines, "10.0.2.11 NODEA", added to the machine's
                    hosts file), drives (list of extra drive letters, e.g. ["D", "E"]), shares
                    (table share name -> local path, e.g. { Backup = "D:\\Backup" }).
  nics = [{...}]    name (str), ip ("a.b.c.d/prefix", required), gateway (str), dns (list of
                    str), register (bool: register in DNS; default true when gateway and dns are
                    given -- R-NET-4/D2 make such an adapter the MAPI one).
[[databases]]       name, server (required); size_gb (float, default 1; seeding takes
                    size / 20 MB/s), log_rate (logs per minute, default 1), when_created,
                    when_changed (datetimes, default start_time), legacy_dn_server (the server
                    named in ExchangeLegacyDN, default the database's server).
[[links]]           sites (two site names), rtt_ms (int): round-trip latency between sites.
[[computer_accounts]] name, enabled (bool, default true), full_control (list of names).
[[dns]]             name (str, a label of the domain's zone, e.g. "mail"), addresses (list of
                    IPv4 addresses, answered in turn), ttl (int seconds, default 300: the five
                    minutes recommended for Exchange client names, R-TIMING-15): records made by
                    hand, such as the client namespace a datacenter switchover repoints.
[[dhcp_scopes]]     subnet ("a.b.c.0/nn"), first, last (addresses): leases for DHCP DAG
                    addresses (R-CLUSTER-6).

Every problem raises LabError naming the file, the key path (``servers[2].nics[0].ip``) and
the problem."""

from __future__ import annotations

import datetime as dt
import ipaddress
import tomllib
from pathlib import Path
from typing import Any

import attrs

from state import World
from state.build import add_database, add_server, add_site
from state.dns import CLIENT_NAME_TTL, zone_label, zone_record
from state.model import ComputerAccount, DnsRecord, Nic
from state.model.filesystem import HOSTS_PATH
from state.model.servers import ALL_ROLES
from state.world import VERSIONS

CULTURES = ("en-US", "en-GB", "nl-BE", "de-DE")
TOP_KEYS = {"name", "description", "exchange_version", "domain", "organization", "culture", "start_time",
            "seed", "console", "setup", "sites", "servers", "databases", "links", "computer_accounts",
            "dhcp_scopes", "dns"}
SITE_KEYS = {"name"}
SERVER_KEYS = {"name", "roles", "os", "site", "nics", "exchange_version", "trusted_subsystem_admin", "hosts",
               "drives", "shares"}
NIC_KEYS = {"name", "ip", "gateway", "dns", "register"}
DB_KEYS = {"name", "server", "size_gb", "log_rate", "when_created", "when_changed", "legacy_dn_server"}
LINK_KEYS = {"sites", "rtt_ms"}
ACCOUNT_KEYS = {"name", "enabled", "full_control"}
DHCP_KEYS = {"subnet", "first", "last"}
DNS_KEYS = {"name", "addresses", "ttl"}


class LabError(Exception):
    """A lab file problem: ``file: key.path: problem``."""

    def __init__(self, file: str, path: str, problem: str):
        super().__init__(f"{file}: {path}: {problem}" if path else f"{file}: {problem}")
        self.file, self.path, self.problem = file, path, problem


@attrs.frozen
class Lab:
    name: str
    world: World
    setup: str
    console: str
    culture: str
    description: str = ""


class _Reader:
    """Typed access to the TOML document that reports the key path on every error."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, path: str, problem: str) -> LabError:
        return LabError(self.file, path, problem)

    def keys(self, table: Any, allowed: set[str], path: str) -> None:
        if not isinstance(table, dict):
            raise self.fail(path, "must be a table")
        for key in table:
            if key not in allowed:
                where = f"{path}.{key}" if path else key
                raise self.fail(where, f"unknown key (expected one of: {', '.join(sorted(allowed))})")

    def get(self, table: dict, key: str, kind: type | tuple, path: str, required: bool = False, default: Any = None) -> Any:
        where = f"{path}.{key}" if path else key
        if key not in table:
            if required:
                raise self.fail(where, "missing required key")
            return default
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(where, f"expected {names}, got {type(value).__name__}")
        return value

    def tables(self, doc: dict, key: str) -> list[dict]:
        value = doc.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, "must be an array of tables ([[" + key + "]])")
        return value

    def named(self, doc: dict, key: str, allowed: set[str], exists: Any, what: str):
        """Each table of ``[[key]]`` with its path and its (required, unique) name."""
        for i, entry in enumerate(self.tables(doc, key)):
            path = f"{key}[{i}]"
            self.keys(entry, allowed, path)
            name = self.get(entry, "name", str, path, required=True)
            if exists(name) is not None:
                raise self.fail(f"{path}.name", f"duplicate {what} '{name}'")
            yield path, entry, name


def load_lab_file(path: str | Path) -> Lab:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LabError(str(path), "", f"cannot read the file ({exc.strerror})") from None
    return load_lab_text(text, str(path), default_name=path.stem)


def load_lab_text(text: str, file: str = "<lab>", default_name: str = "lab") -> Lab:
    r = _Reader(file)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise r.fail("", f"not valid TOML ({exc})") from None
    r.keys(doc, TOP_KEYS, "")
    world = _world(r, doc)
    _sites(r, doc, world)
    _servers(r, doc, world)
    _databases(r, doc, world)
    _links(r, doc, world)
    _accounts(r, doc, world)
    _dhcp(r, doc, world)
    _dns(r, doc, world)
    console = _console(r, doc, world)
    return Lab(name=r.get(doc, "name", str, "", default=default_name), world=world,
               setup=r.get(doc, "setup", str, "", default=""), console=console,
               culture=_culture(r, doc), description=r.get(doc, "description", str, "", default=""))


def _world(r: _Reader, doc: dict) -> World:
    version = r.get(doc, "exchange_version", str, "", required=True)
    if version not in VERSIONS:
        raise r.fail("exchange_version", f"'{version}' is not one of {', '.join(VERSIONS)}")
    domain = r.get(doc, "domain", str, "", required=True)
    if not domain or "." not in domain or " " in domain:
        raise r.fail("domain", f"'{domain}' is not a DNS domain name")
    start = r.get(doc, "start_time", dt.datetime, "", default=dt.datetime(2010, 5, 1, 9, 0, 0))
    if start.tzinfo is not None:
        start = start.replace(tzinfo=None)
    return World(exchange_version=version, domain=domain,
                 organization=r.get(doc, "organization", str, "", default=None), start_time=start,
                 seed=r.get(doc, "seed", int, "", default=1))


def _culture(r: _Reader, doc: dict) -> str:
    culture = r.get(doc, "culture", str, "", default="en-US")
    if culture not in CULTURES:
        raise r.fail("culture", f"'{culture}' is not one of {', '.join(CULTURES)}")
    return culture


def _sites(r: _Reader, doc: dict, world: World) -> None:
    for i, site in enumerate(r.tables(doc, "sites")):
        path = f"sites[{i}]"
        r.keys(site, SITE_KEYS, path)
        name = r.get(site, "name", str, path, required=True)
        if any(s.name.lower() == name.lower() for s in world.sites):
            raise r.fail(f"{path}.name", f"duplicate site name '{name}'")
        add_site(world, name)
    if not world.sites:
        add_site(world, "Default-First-Site-Name")


def _servers(r: _Reader, doc: dict, world: World) -> None:
    for path, entry, name in r.named(doc, "servers", SERVER_KEYS, world.server, "server name"):
        roles = r.get(entry, "roles", list, path, default=[])
        for j, role in enumerate(roles):
            if role not in ALL_ROLES:
                raise r.fail(f"{path}.roles[{j}]", f"unknown role '{role}' (expected one of: {', '.join(ALL_ROLES)})")
        site = _server_site(r, entry, path, world)
        version = r.get(entry, "exchange_version", str, path, default=None)
        if version is not None and version not in VERSIONS:
            raise r.fail(f"{path}.exchange_version", f"'{version}' is not one of {', '.join(VERSIONS)}")
        nics = [_nic(r, n, f"{path}.nics[{j}]") for j, n in enumerate(r.get(entry, "nics", list, path, default=[]))]
        server = add_server(world, name, roles,
                            r.get(entry, "os", str, path, default="Windows Server 2008 R2 Enterprise"), site, nics, version)
        server.exchange_trusted_subsystem_is_admin = r.get(entry, "trusted_subsystem_admin", bool, path, default=True)
        _machine_files(r, entry, path, server)


def _machine_files(r: _Reader, entry: dict, path: str, server: Any) -> None:
    """hosts (lines appended to the hosts file), drives (letters), shares (name -> local path)."""
    lines = r.get(entry, "hosts", list, path, default=[])
    for j, line in enumerate(lines):
        parts = line.split() if isinstance(line, str) else []
        if len(parts) < 2 or not _is_ipv4(parts[0]):
            raise r.fail(f"{path}.hosts[{j}]", f"'{line}' is not a hosts line ('address name [name...]')")
    if lines:
        server.files.write(HOSTS_PATH, "".join(f"{line}\n" for line in lines), append=True)
    for j, letter in enumerate(r.get(entry, "drives", list, path, default=[])):
        if not (isinstance(letter, str) and len(letter) == 1 and letter.isalpha()):
            raise r.fail(f"{path}.drives[{j}]", f"'{letter}' is not a drive letter")
        server.files.mkdir(f"{letter.upper()}:\\")
    for share, local in r.get(entry, "shares", dict, path, default={}).items():
        if not (isinstance(local, str) and len(local) >= 3 and local[1:3] == ":\\"):
            raise r.fail(f"{path}.shares.{share}", f"'{local}' is not a local path (X:\\...)")
        server.files.mkdir(local)
        server.shares[share] = local


def _is_ipv4(text: str) -> bool:
    try:
        return ipaddress.ip_address(text).version == 4
    except ValueError:
        return False


def _server_site(r: _Reader, entry: dict, path: str, world: World) -> str:
    site = r.get(entry, "site", str, path, default=None)
    if site is None:
        if len(world.sites) > 1:
            raise r.fail(f"{path}.site", "missing: the lab has several sites")
        return world.sites[0].name
    match = next((s.name for s in world.sites if s.name.lower() == site.lower()), None)
    if match is None:
        raise r.fail(f"{path}.site", f"unknown site '{site}'")
    return match


def _nic(r: _Reader, entry: Any, path: str) -> Nic:
    r.keys(entry, NIC_KEYS, path)
    ip_text = r.get(entry, "ip", str, path, required=True)
    try:
        iface = ipaddress.ip_interface(ip_text if "/" in ip_text else ip_text + "/24")
    except ValueError:
        raise r.fail(f"{path}.ip", f"'{ip_text}' is not an IP address with a prefix (a.b.c.d/nn)") from None
    if iface.version != 4:
        raise r.fail(f"{path}.ip", "only IPv4 adapters are supported")
    gateway = r.get(entry, "gateway", str, path, default=None)
    if gateway is not None:
        _ip(r, gateway, f"{path}.gateway")
        if ipaddress.ip_address(gateway) not in iface.network:
            raise r.fail(f"{path}.gateway", f"'{gateway}' is not in subnet {iface.network}")
    dns = r.get(entry, "dns", list, path, default=[])
    for j, server in enumerate(dns):
        _ip(r, server, f"{path}.dns[{j}]")
    register = r.get(entry, "register", bool, path, default=bool(gateway and dns))
    return Nic(name=r.get(entry, "name", str, path, default=f"Local Area Connection"), ip=str(iface.ip),
               prefix=iface.network.prefixlen, gateway=gateway, dns_servers=list(dns), register_in_dns=register)


def _ip(r: _Reader, text: Any, path: str) -> None:
    try:
        ipaddress.IPv4Address(text)
    except (ValueError, TypeError):
        raise r.fail(path, f"'{text}' is not an IPv4 address") from None


def _databases(r: _Reader, doc: dict, world: World) -> None:
    for path, entry, name in r.named(doc, "databases", DB_KEYS, world.database, "database name"):
        if len(name) > 64:
            raise r.fail(f"{path}.name", "longer than 64 characters (R-DB-1)")
        server_name = r.get(entry, "server", str, path, required=True)
        server = world.server(server_name)
        if server is None:
            raise r.fail(f"{path}.server", f"unknown server '{server_name}'")
        if not server.is_mailbox_server:
            raise r.fail(f"{path}.server", f"server '{server.name}' does not have the Mailbox role")
        size = r.get(entry, "size_gb", (int, float), path, default=1.0)
        rate = r.get(entry, "log_rate", (int, float), path, default=1.0)
        if size <= 0 or rate < 0:
            raise r.fail(f"{path}.{'size_gb' if size <= 0 else 'log_rate'}", "must be positive")
        add_database(world, name, server.name, size_gb=size, log_rate=rate,
                     when_created=r.get(entry, "when_created", dt.datetime, path, default=None),
                     when_changed=r.get(entry, "when_changed", dt.datetime, path, default=None),
                     legacy_dn_server=r.get(entry, "legacy_dn_server", str, path, default=None))


def _links(r: _Reader, doc: dict, world: World) -> None:
    for i, entry in enumerate(r.tables(doc, "links")):
        path = f"links[{i}]"
        r.keys(entry, LINK_KEYS, path)
        sites = r.get(entry, "sites", list, path, required=True)
        if len(sites) != 2:
            raise r.fail(f"{path}.sites", "must name exactly two sites")
        for j, site in enumerate(sites):
            if not any(s.name.lower() == str(site).lower() for s in world.sites):
                raise r.fail(f"{path}.sites[{j}]", f"unknown site '{site}'")
        rtt = r.get(entry, "rtt_ms", int, path, required=True)
        if rtt < 0:
            raise r.fail(f"{path}.rtt_ms", "must not be negative")
        world.links[frozenset(s.lower() for s in sites)] = rtt


def _accounts(r: _Reader, doc: dict, world: World) -> None:
    for path, entry, name in r.named(doc, "computer_accounts", ACCOUNT_KEYS, world.computer_account,
                                     "computer account"):
        grants = r.get(entry, "full_control", list, path, default=[])
        world.computer_accounts[name.lower()] = ComputerAccount(
            name, enabled=r.get(entry, "enabled", bool, path, default=True), full_control=list(grants),
            prestaged=True)


def _dhcp(r: _Reader, doc: dict, world: World) -> None:
    for i, entry in enumerate(r.tables(doc, "dhcp_scopes")):
        path = f"dhcp_scopes[{i}]"
        r.keys(entry, DHCP_KEYS, path)
        try:
            net = ipaddress.IPv4Network(r.get(entry, "subnet", str, path, required=True))
        except ValueError:
            raise r.fail(f"{path}.subnet", "not a subnet (a.b.c.0/nn)") from None
        first, last = (r.get(entry, k, str, path, required=True) for k in ("first", "last"))
        for key, value in (("first", first), ("last", last)):
            _ip(r, value, f"{path}.{key}")
            if ipaddress.IPv4Address(value) not in net:
                raise r.fail(f"{path}.{key}", f"'{value}' is not in subnet {net}")
        lo, hi = int(ipaddress.IPv4Address(first)), int(ipaddress.IPv4Address(last))
        world.dhcp_scopes[str(net)] = [str(ipaddress.IPv4Address(a)) for a in range(lo, hi + 1)]


def _dns(r: _Reader, doc: dict, world: World) -> None:
    for path, entry, name in r.named(doc, "dns", DNS_KEYS, lambda n: zone_record(world, n), "DNS name"):
        if zone_label(world, name) is None:
            raise r.fail(f"{path}.name", f"'{name}' is not a name in zone {world.domain}")
        addresses = r.get(entry, "addresses", list, path, required=True)
        if not addresses:
            raise r.fail(f"{path}.addresses", "must list at least one address")
        for j, address in enumerate(addresses):
            _ip(r, address, f"{path}.addresses[{j}]")
        ttl = r.get(entry, "ttl", int, path, default=CLIENT_NAME_TTL)
        if ttl < 0:
            raise r.fail(f"{path}.ttl", "must not be negative")
        label = zone_label(world, name)
        world.dns[label] = DnsRecord(name.split(".")[0], list(addresses), dynamic=False, ttl=ttl)


def _console(r: _Reader, doc: dict, world: World) -> str:
    console = r.get(doc, "console", str, "", default=None)
    if console is None:
        first = next(iter(world.mailbox_servers()), None) or next(iter(world.servers.values()), None)
        if first is None:
            raise r.fail("servers", "the lab defines no servers")
        return first.name
    server = world.server(console)
    if server is None:
        raise r.fail("console", f"unknown server '{console}'")
    return server.name
