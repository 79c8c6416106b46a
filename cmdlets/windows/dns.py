"""DNS from the lab machines: the client side (Resolve-DnsName, Clear-DnsClientCache) and the
server side (the DnsServer module's A-record cmdlets, and ``dnscmd`` for Windows Server 2008
R2, which has no DnsServer module).

Answers follow state/dns.py: hosts file, the machine's cache, then the zone; a zone answer is
cached for its TTL on the virtual clock (R-TIMING-15), which is why a machine keeps reaching
the old datacenter for a while after a client name is pointed at the new one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cmdlets.api.cmdlet import Cmdlet, cmdlet
from cmdlets.api.errors import ErrorRecord
from cmdlets.api.parameters import param
from cmdlets.api.values import PSObject, ScriptMember
from cmdlets.windows.machines import machine, reachable as can_reach
from cmdlets.windows.native import Native
from cmdlets.windows.network import PS3, dns_reachable
from state import RuleViolation, dns
from state.model.directory import STATIC_TTL
from state.model.network import is_ip
from state.transitions.dns import AddDnsRecord, RemoveDnsRecord, SetDnsTtl

DNS_A = "Microsoft.DnsClient.Commands.DnsRecord_A"
HOSTS_TTL = 86400                  # what Resolve-DnsName shows for an answer from the hosts file
SERVER_RECORD = "Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DNS/DnsServerResourceRecord"
CIM = "Microsoft.Management.Infrastructure.CimException"
RR_TYPES = ("HInfo", "Afsdb", "Atma", "Isdn", "Key", "Mb", "Md", "Mf", "Mg", "MInfo", "Mr", "Mx", "NsNxt", "Rp",
            "Rt", "Wks", "X25", "A", "AAAA", "CName", "Ptr", "Srv", "Txt", "Wins", "WinsR", "Ns", "Soa", "NasP",
            "NasPtr", "DName", "Gpos", "Loc", "DhcId", "Naptr", "RRSig", "DnsKey", "DS", "NSec", "NSec3",
            "NSec3Param")


# --------------------------------------------------------------------------- client side
@cmdlet("Resolve-DnsName", module="DnsClient")
class ResolveDnsNameCommand(Cmdlet):
    """Resolves a name from the session's machine: hosts file, cache, then DNS (R-BACKUP-5, R-TIMING-15)."""
    synopsis = "Resolves a name to its addresses through the hosts file, the DNS cache and DNS."
    examples = (
        ("Resolve-DnsName MBX2",
         "This example resolves MBX2 from this machine, through its hosts file and then DNS."),
        ("Resolve-DnsName DAG1.contoso.com -DnsOnly",
         "This example asks DNS alone for the address records of the DAG's name."),
    )

    namespace = "Microsoft.DnsClient.Commands"
    task_class = "ResolveDnsName"
    versions = PS3

    query: str | None = param("String", name="Name", position=0, mandatory=True, pipeline=True,
                              pipeline_by_name=True)
    type: str = param("RecordType", position=1, default="A_AAAA",
                      values=("UNKNOWN", "A_AAAA", "A", "NS", "CNAME", "SOA", "PTR", "MX", "TXT", "AAAA", "SRV",
                              "ANY", "ALL"))
    server: list[str] | None = param("String[]")
    no_hosts_file: bool = param("SwitchParameter")
    dns_only: bool = param("SwitchParameter")
    cache_only: bool = param("SwitchParameter")

    def process_record(self) -> None:
        world = self.world
        source = world.server(self.runtime.computer_name)
        name = self.query
        answer = None
        if not self.server:                      # -Server asks that server, past hosts file and cache
            answer = dns.local_answer(world, source.name, name, hosts=not (self.no_hosts_file or self.dns_only))
        if answer is None and self.cache_only:
            self.write_error(self._error(f"{name} : DNS record does not exist", "ResourceUnavailable",
                                         "DNS_ERROR_RECORD_DOES_NOT_EXIST"))
            return
        if answer is None:
            server_ip = world.resolve(source.name, self.runtime.to_string(self.server[0])) if self.server else None
            if not dns_reachable(world, source, server_ip):
                self.write_error(self._error(f"{name} : This operation returned because the timeout period "
                                             "expired", "OperationTimeout", "ERROR_TIMEOUT"))
                return
            answer = dns.ask_zone(world, source.name, name, remember=not self.server)
        if answer is None or self.type not in ("A_AAAA", "A", "ANY", "ALL"):
            self.write_error(self._error(f"{name} : DNS name does not exist", "ResourceUnavailable",
                                         "DNS_ERROR_RCODE_NAME_ERROR"))
            return
        ttl = HOSTS_TTL if answer.source == "hosts" else answer.ttl
        for address in answer.addresses:
            self.write_object(_dns_record(answer.name, address, ttl))

    def _error(self, message: str, category: str, error_id: str) -> ErrorRecord:
        return self.error(message, category, error_id, "System.ComponentModel.Win32Exception",
                          target=self.query, target_type="String")


def _dns_record(name: str, address: str, ttl: int) -> PSObject:
    return PSObject((DNS_A, "Microsoft.DnsClient.Commands.DnsRecord", "System.Object"), [
        ("Name", name), ("Type", "A"), ("TTL", ttl), ("Section", "Answer"), ("IPAddress", address),
        ("DataLength", 4), ("CharacterSet", "Unicode")], to_string=name)


@cmdlet("Clear-DnsClientCache", module="DnsClient")
class ClearDnsClientCacheCommand(Cmdlet):
    """Empties the session machine's DNS client cache, as ``ipconfig /flushdns`` does."""
    synopsis = "Clears the contents of the DNS client cache."
    examples = (("Clear-DnsClientCache",
                 "This example empties this machine's DNS cache, so the next lookup asks DNS again."),)

    versions = PS3
    supports_should_process = True

    def process_record(self) -> None:
        server = self.world.server(self.runtime.computer_name)
        if self.should_process(server.name):
            dns.flush(server)


# --------------------------------------------------------------------------- server side
def _server_record(world: Any, host: str, rr_type: str, ttl: int, data: PSObject, stamp: dt.datetime | None,
                   server: Any) -> PSObject:
    dn = f"DC={host},DC={world.domain},cn=MicrosoftDNS,DC=DomainDnsZones," + \
         ",".join(f"DC={p}" for p in world.domain.split("."))
    record = PSObject((SERVER_RECORD, "Microsoft.Management.Infrastructure.CimInstance", "System.Object"), [
        ("DistinguishedName", dn), ("HostName", host), ("RecordClass", "IN"), ("RecordData", data),
        ("RecordType", rr_type), ("Timestamp", stamp), ("TimeToLive", dt.timedelta(seconds=ttl)),
        ("Type", {"A": 1, "NS": 2, "SOA": 6}[rr_type]), ("PSComputerName", server.name)],
        hidden=("PSComputerName",), to_string=host)
    return _cloneable(record)


def _cloneable(record: PSObject) -> PSObject:
    """Gives a record CimInstance.Clone(): a copy whose RecordData can change apart from it."""
    def copy(this: PSObject) -> PSObject:
        props = [(k, copy(v) if isinstance(v, PSObject) else v) for k, v in this.ps_properties()]
        return _cloneable(PSObject(this.type_names, props, hidden=this.hidden, to_string=this.to_string))

    record.set("Clone", ScriptMember("ScriptMethod", "CimInstance Clone();", call=lambda this, args: copy(this)))
    return record


def _a_data(address: str) -> PSObject:
    return _text_data("A", [("IPv4Address", address), ("PSComputerName", None)], address)


def _text_data(kind: str, props: list[tuple[str, Any]], text: str) -> PSObject:
    return PSObject((f"Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DNS/"
                     f"DnsServerResourceRecord{kind}", "Microsoft.Management.Infrastructure.CimInstance",
                     "System.Object"), props, to_string=text)


def _stamp(registered: dt.datetime | None, world: Any) -> dt.datetime:
    when = registered or world.now
    return when.replace(minute=0, second=0, microsecond=0)


def zone_records(world: Any, server: Any, label: str | None) -> list[PSObject]:
    """The zone's records as Get-DnsServerResourceRecord lists them: the root's, then by name."""
    out: list[PSObject] = []
    dcs = [s for s in world.servers.values() if s.is_domain_controller]
    if label in (None, "@"):
        for rec in filter(None, (world.dns.get(dc.name.lower()) for dc in dcs)):
            out += [_server_record(world, "@", "A", 600, _a_data(a), _stamp(rec.registered, world), server)
                    for a in rec.addresses]
        for dc in dcs:
            ns = f"{dc.fqdn.lower()}."
            out.append(_server_record(world, "@", "NS", STATIC_TTL, _text_data("NS", [("NameServer", ns)], ns),
                                      None, server))
        if dcs:
            soa = f"[1][{dcs[0].fqdn.lower()}.][hostmaster.{world.domain.lower()}.]"
            out.append(_server_record(world, "@", "SOA", STATIC_TTL, _text_data(
                "SOA", [("PrimaryServer", f"{dcs[0].fqdn.lower()}."),
                        ("ResponsiblePerson", f"hostmaster.{world.domain.lower()}.")], soa), None, server))
        if label == "@":
            return out
    for key in sorted(world.dns):
        if label is not None and key != label:
            continue
        record = world.dns[key]
        stamp = _stamp(record.registered, world) if record.dynamic else None
        host = record.name.lower() if record.dynamic else record.name
        out += [_server_record(world, host if label is None else label, "A", record.ttl, _a_data(a),
                               stamp, server) for a in record.addresses]
    return out


class DnsServerCmdlet(Cmdlet):
    """The DnsServer module: -ComputerName names the DNS server (default: this machine)."""

    versions = PS3
    namespace = "Microsoft.Management.Infrastructure"

    zone_name: str | None = param("String", position=0, mandatory=True, pipeline_by_name=True,
                                  aliases=("ForwardLookupZone",))
    computer_name: str | None = param("String", aliases=("Cn", "ForwardLookupPrimaryServer"))
    cim_session: list[str] | None = param("CimSession[]", aliases=("Session",))
    throttle_limit: int | None = param("Int32")
    as_job: bool = param("SwitchParameter", ignored="commands finish before the prompt returns")

    def dns_server(self) -> Any:
        """The DNS server asked, or None after an error naming why."""
        world = self.world
        name = self.computer_name or (self.runtime.to_string(self.cim_session[0]) if self.cim_session else None)
        server = machine(world, name, self.runtime.computer_name)
        shown = name or self.runtime.computer_name
        if server is None or not can_reach(world, self.runtime.computer_name, server):
            self.write_error(self._cim_error(f"Failed to get the zone information for {self.zone_name} on server "
                                             f"{shown}.", "ConnectionError", 1722, self.zone_name))
            return None
        if not server.is_domain_controller or self.zone_name.lower().rstrip(".") != world.domain.lower():
            self.write_error(self._cim_error(f"Failed to get the zone information for {self.zone_name} on server "
                                             f"{server.name}.", "ObjectNotFound", 9601, self.zone_name))
            return None
        return server

    def _cim_error(self, message: str, category: str, code: int, target: str) -> ErrorRecord:
        return ErrorRecord(message=message, category=category, error_id=f"WIN32 {code}",
                           exception_type=CIM, target=target, target_type=SERVER_RECORD.split("#", 1)[1],
                           activity=self.name, command_type=self.name, invocation=self.invocation)


@cmdlet("Get-DnsServerResourceRecord", module="DnsServer")
class GetDnsServerResourceRecordCommand(DnsServerCmdlet):
    """Lists a zone's resource records, or one name's."""
    synopsis = "Gets resource records from a specified DNS zone."
    examples = (("Get-DnsServerResourceRecord -ZoneName contoso.com -Name mail -ComputerName DC1",
                 "This example lists the address records of mail.contoso.com on DC1, with their TTLs."),)

    record_name: str | None = param("String", name="Name", position=1, pipeline_by_name=True)
    rr_type: str | None = param("String", name="RRType", position=2, pipeline_by_name=True, values=RR_TYPES)
    node: bool = param("SwitchParameter")

    def process_record(self) -> None:
        server = self.dns_server()
        if server is None:
            return
        label = None
        if self.record_name:
            label = dns.zone_label(self.world, self.record_name) if self.record_name != "@" else "@"
            if label is None or (label != "@" and label not in self.world.dns):
                self.write_error(self._cim_error(f"Failed to get {self.record_name} record in {self.zone_name} "
                                                 f"zone on {server.name} server.", "ObjectNotFound", 9714,
                                                 self.record_name))
                return
        for record in zone_records(self.world, server, label):
            if self.rr_type is None or record.get("RecordType").lower() == self.rr_type.lower():
                self.write_object(record)


@cmdlet("Add-DnsServerResourceRecordA", module="DnsServer")
class AddDnsServerResourceRecordACommand(DnsServerCmdlet):
    """Adds A records; a name with several addresses is answered with all of them (R-TIMING-15)."""
    synopsis = "Adds a type A resource record to a DNS zone."
    examples = (("Add-DnsServerResourceRecordA -ZoneName contoso.com -Name mail -IPv4Address 192.168.20.20 "
                 "-TimeToLive 00:05:00 -ComputerName DC2",
                 "This example points mail.contoso.com at 192.168.20.20 with the five-minute TTL recommended for "
                 "Exchange client names."),)

    supports_should_process = True
    record_name: str | None = param("String", name="Name", position=1, mandatory=True, pipeline_by_name=True)
    ipv4_address: list[str] | None = param("IPAddress[]", name="IPv4Address", position=2, mandatory=True,
                                           pipeline_by_name=True)
    time_to_live: dt.timedelta | None = param("TimeSpan", pipeline_by_name=True)
    allow_update_any: bool = param("SwitchParameter", pipeline_by_name=True)
    create_ptr: bool = param("SwitchParameter", pipeline_by_name=True, ignored="reverse zones are not modelled")
    age_record: bool = param("SwitchParameter", pipeline_by_name=True)
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        server = self.dns_server()
        if server is None:
            return
        addresses = tuple(self.runtime.to_string(a) for a in self.ipv4_address)
        ttl = int(self.time_to_live.total_seconds()) if self.time_to_live is not None else STATIC_TTL
        transition = AddDnsRecord(self.record_name, addresses, ttl)
        try:
            self.world.check(transition)
        except RuleViolation:
            self.write_error(self._cim_error(f"Failed to create resource record {self.record_name} in "
                                             f"{self.zone_name} zone on server {server.name}.", "ResourceExists",
                                             9711, self.record_name))
            return
        if not self.should_process(self.record_name):
            return
        self.world.commit(transition)
        if self.pass_thru:
            label = dns.zone_label(self.world, self.record_name)
            for record in zone_records(self.world, server, label):
                if record.get("RecordData").to_string in addresses:
                    self.write_object(record)


@cmdlet("Remove-DnsServerResourceRecord", module="DnsServer")
class RemoveDnsServerResourceRecordCommand(DnsServerCmdlet):
    """Removes a name's A records, or the one whose address -RecordData gives; asks first unless -Force."""
    synopsis = "Removes specified DNS server resource records from a zone."
    examples = (("Remove-DnsServerResourceRecord -ZoneName contoso.com -RRType A -Name mail "
                 "-RecordData 192.168.10.20 -ComputerName DC2 -Force",
                 "This example removes the primary datacenter's address from mail.contoso.com."),)

    supports_should_process = True
    confirm_impact = "High"
    record_name: str | None = param("String", name="Name", position=1, mandatory=True, pipeline_by_name=True,
                                    aliases=("RecordName",))
    rr_type: str | None = param("String", name="RRType", position=2, mandatory=True, pipeline_by_name=True,
                                values=RR_TYPES)
    record_data: list[str] | None = param("String[]")
    force: bool = param("SwitchParameter")
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        server = self.dns_server()
        if server is None:
            return
        data = [self.runtime.to_string(d) for d in self.record_data or []] or [None]
        transitions = [RemoveDnsRecord(self.record_name, d) for d in data]
        if self.rr_type.lower() != "a" or not all(_allowed(self.world, t) for t in transitions):
            self.write_error(self._cim_error(f"Failed to get {self.record_name} record in {self.zone_name} zone "
                                             f"on {server.name} server.", "ObjectNotFound", 9714, self.record_name))
            return
        query = (f"Removing DNS resource record {self.record_name} of type {self.rr_type} from zone "
                 f"{self.zone_name} on {server.name} server. Do you want to continue?")
        if not self.force and not self.should_process(self.record_name, confirm_text=query):
            return
        for t in transitions:
            self.world.commit(t)


@cmdlet("Set-DnsServerResourceRecord", module="DnsServer")
class SetDnsServerResourceRecordCommand(DnsServerCmdlet):
    """Changes an A record: the one -OldInputObject names gets -NewInputObject's address and TTL."""
    synopsis = "Changes a resource record in a DNS zone."
    examples = (("$old = Get-DnsServerResourceRecord contoso.com mail -ComputerName DC2; $new = $old.Clone(); "
                 "$new.TimeToLive = [timespan]'00:05:00'; "
                 "Set-DnsServerResourceRecord -OldInputObject $old -NewInputObject $new -ZoneName contoso.com "
                 "-ComputerName DC2",
                 "This example gives mail.contoso.com the five-minute TTL recommended for Exchange client names."),)

    supports_should_process = True
    new_input_object: Any = param("CimInstance", position=0, mandatory=True)
    old_input_object: Any = param("CimInstance", position=1, mandatory=True, pipeline=True)
    zone_name: str | None = param("String", position=2, mandatory=True, pipeline_by_name=True,
                                  aliases=("ForwardLookupZone",))
    pass_thru: bool = param("SwitchParameter")

    def process_record(self) -> None:
        server = self.dns_server()
        if server is None:
            return
        old, new = _record_fields(self, self.old_input_object), _record_fields(self, self.new_input_object)
        label = dns.zone_label(self.world, old[0]) if old else None
        record = self.world.dns.get(label) if label else None
        if old is None or new is None or record is None or old[1] not in record.addresses:
            self.write_error(self._cim_error(f"Resource record in OldInputObject not found in {self.zone_name} zone "
                                             f"on {server.name} server.", "ObjectNotFound", 9714,
                                             old[0] if old else ""))
            return
        if not self.should_process(old[0]):
            return
        if new[1] != old[1]:
            self.world.commit(RemoveDnsRecord(label, old[1]))
            self.world.commit(AddDnsRecord(label, (new[1],), new[2]))
        else:
            self.world.commit(SetDnsTtl(label, new[2]))
        if self.pass_thru:
            self.write_object(next(r for r in zone_records(self.world, server, label)
                                   if r.get("RecordData").to_string == new[1]))


def _record_fields(cmd: Cmdlet, obj: Any) -> tuple[str, str, int] | None:
    """(host name, address, TTL seconds) of a DnsServerResourceRecord A object, else None."""
    if not isinstance(obj, PSObject) or not obj.has("HostName") or str(obj.get("RecordType")) != "A":
        return None
    data, ttl = obj.get("RecordData"), obj.get("TimeToLive")
    address = cmd.runtime.to_string(data.get("IPv4Address")) if isinstance(data, PSObject) else None
    seconds = int(ttl.total_seconds()) if isinstance(ttl, dt.timedelta) else STATIC_TTL
    return (cmd.runtime.to_string(obj.get("HostName")), address, seconds) if address else None


def _allowed(world: Any, transition: Any) -> bool:
    try:
        world.check(transition)
    except RuleViolation:
        return False
    return True


# --------------------------------------------------------------------------- dnscmd
@cmdlet("dnscmd")
class Dnscmd(Native):
    """dnscmd [server] /recordadd zone node [ttl] A address | /recorddelete zone node A [address] [/f] |
    /enumrecords zone node | /clearcache"""

    def process_record(self) -> None:
        words = self.words()
        server_name = words.pop(0) if words and not words[0].startswith("/") else None
        if not words:
            self.lines(["", "Usage: DnsCmd <ServerName> <Command> [<Command Parameters>]", ""], 1)
            return
        world = self.world
        server = machine(world, None if server_name in (None, ".") else server_name, self.runtime.computer_name)
        shown = server_name or "."
        if server is None or not can_reach(world, self.runtime.computer_name, server) \
                or not server.is_domain_controller:
            self.lines([f"DNS Server {shown} failed to respond.", "Status = 1722 (0x000006ba)",
                        "Command failed:  RPC_S_SERVER_UNAVAILABLE     1722    0x6BA", ""], 1)
            return
        command, args = words[0].lower(), words[1:]
        handler = {"/recordadd": self._add, "/recorddelete": self._delete, "/enumrecords": self._enum}.get(command)
        if handler is None:
            self.lines([f"Unknown Command \"{words[0]}\" Specified -- type DnsCmd -?.", ""], 1)
            return
        if not args or args[0].lower().rstrip(".") != world.domain.lower():
            self.lines(["Command failed:  DNS_ERROR_ZONE_DOES_NOT_EXIST     9601    0x2581", ""], 1)
            return
        handler(server, args)

    def _add(self, server: Any, args: list[str]) -> None:
        rest = args[1:]
        ttl = STATIC_TTL
        if len(rest) >= 2 and rest[1].isdigit():
            ttl = int(rest.pop(1))
        if len(rest) != 3 or rest[1].upper() != "A" or not is_ip(rest[2]):
            self.lines(["Command failed:  ERROR_INVALID_PARAMETER     87    0x57", ""], 1)
            return
        node, address = rest[0], rest[2]
        try:
            self.world.commit(AddDnsRecord(node, (address,), ttl))
        except RuleViolation:
            self.lines(["Command failed:  DNS_ERROR_RECORD_ALREADY_EXISTS     9711    0x25EF", ""], 1)
            return
        self.lines([f"Add A Record for {node}.{args[0]} at {args[0]}", "Command completed successfully.", ""])

    def _delete(self, server: Any, args: list[str]) -> None:
        rest = [a for a in args[1:] if a.lower() != "/f"]
        if len(rest) < 2 or rest[1].upper() != "A":
            self.lines(["Command failed:  ERROR_INVALID_PARAMETER     87    0x57", ""], 1)
            return
        node, address = rest[0], (rest[2] if len(rest) > 2 else None)
        try:
            self.world.commit(RemoveDnsRecord(node, address))
        except RuleViolation:
            self.lines(["Command failed:  DNS_ERROR_NAME_DOES_NOT_EXIST     9714    0x25F2", ""], 1)
            return
        self.lines([f"Deleted A record(s) at {args[0]}", "Command completed successfully.", ""])

    def _enum(self, server: Any, args: list[str]) -> None:
        node = args[1] if len(args) > 1 else "@"
        label = "@" if node == "@" else dns.zone_label(self.world, node)
        if label is None or (label != "@" and label not in self.world.dns):
            self.lines(["Command failed:  DNS_ERROR_NAME_DOES_NOT_EXIST     9714    0x25F2", ""], 1)
            return
        lines = ["Returned records:"]
        for i, record in enumerate(zone_records(self.world, server, label)):
            host = record.get("HostName") if i == 0 else ""
            aging = f"[Aging:{_aging_hours(record.get('Timestamp'))}] " if record.get("Timestamp") else ""
            ttl = int(record.get("TimeToLive").total_seconds())
            lines.append(f"{host} {aging}{ttl} {record.get('RecordType')}\t{record.get('RecordData').to_string}")
        self.lines(lines + ["", "Command completed successfully.", ""])


def _aging_hours(stamp: dt.datetime) -> int:
    """DNS keeps a dynamic record's time stamp as hours since 1601-01-01."""
    return int((stamp - dt.datetime(1601, 1, 1)).total_seconds() // 3600)
