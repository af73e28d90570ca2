"""What icp-doh sends upstream, byte for byte: a stub resolver (UDP and TCP on one port) records every query it
receives, and the test reads the EDNS options out of the raw bytes itself (RFC 1035 §4.1 for the message,
RFC 6891 §6.1 for the OPT record and its options) rather than through dnspython, which built the query.

The claim (README, "The access check and `icp-doh`"): no EDNS Client Subnet option (RFC 7871 §6, option code 8)
is ever sent upstream, even when the client's own query carries one, for A and AAAA, over UDP and over the TCP
retry that a truncated UDP answer brings.
"""

from __future__ import annotations

import base64
import ipaddress
import selectors
import socket
import struct
import threading
from collections.abc import Iterator

import dns.edns
import dns.flags
import dns.message
import dns.query
import dns.rdatatype
import dns.rrset
import pytest

from doh.app import create_app
from doh.settings import Settings
from doh.upstream import Upstream
from doh_servers import dns_sockets, serve_in_thread

ECS = 8  # RFC 7871 §6: OPTION-CODE 0x0008
OPT = 41  # RFC 6891 §6.1.1
NAME = "subnet.example.test"
ADDRESSES = {dns.rdatatype.A: "192.0.2.80", dns.rdatatype.AAAA: "2001:db8::80"}
# What a client might send: its own subnet, as browsers' and stub resolvers' ECS does.
CLIENT_SUBNETS = {dns.rdatatype.A: ("198.51.100.0", 24), dns.rdatatype.AAAA: ("2001:db8:1234::", 56)}


# --- reading the raw query ----------------------------------------------------------------------------------------


def _skip_name(wire: bytes, at: int) -> int:
    """The offset after the domain name at `at` (labels, ended by a zero byte or a compression pointer)."""
    while True:
        length = wire[at]
        if length == 0:
            return at + 1
        if length & 0xC0 == 0xC0:
            return at + 2
        at += 1 + length


def edns_options(wire: bytes) -> list[list[tuple[int, bytes]]]:
    """The options of each OPT record in the message's additional section, as (code, data), read from the bytes:
    header (12 bytes: ID, flags, QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT), questions, then resource records (name, TYPE,
    CLASS, TTL, RDLENGTH, RDATA); an OPT record's RDATA is a run of OPTION-CODE, OPTION-LENGTH, OPTION-DATA."""
    questions, answers, authorities, additionals = struct.unpack_from("!4H", wire, 4)
    at = 12
    for _ in range(questions):
        at = _skip_name(wire, at) + 4
    opts = []
    for index in range(answers + authorities + additionals):
        at = _skip_name(wire, at)
        rtype, _, _, rdlength = struct.unpack_from("!HHIH", wire, at)
        at += 10
        rdata, at = wire[at : at + rdlength], at + rdlength
        if rtype == OPT and index >= answers + authorities:
            options, offset = [], 0
            while offset < len(rdata):
                code, length = struct.unpack_from("!HH", rdata, offset)
                options.append((code, rdata[offset + 4 : offset + 4 + length]))
                offset += 4 + length
            assert offset == len(rdata), "an option runs past the OPT record"
            opts.append(options)
    assert at == len(wire), "bytes after the last record"
    return opts


# --- the stub upstream ------------------------------------------------------------------------------------------


class RecordingUpstream:
    """A resolver on 127.0.0.1 (UDP and TCP, one port) that answers A and AAAA for every name and keeps the raw
    bytes of every query it receives, with the transport. With `truncate`, every UDP answer has TC set and no
    records, so that a client that follows RFC 1035 §4.2.1 asks again over TCP."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, bytes]] = []
        self.truncate = False
        self._udp, self._tcp = dns_sockets()
        self.port = self._udp.getsockname()[1]
        self._tcp.listen()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _answer(self, wire: bytes, truncated: bool) -> bytes:
        query = dns.message.from_wire(wire)
        response = dns.message.make_response(query)
        if truncated:
            response.flags |= dns.flags.TC
        else:
            question = query.question[0]
            response.answer.append(
                dns.rrset.from_text(question.name, 60, "IN", question.rdtype, ADDRESSES[question.rdtype])
            )
        return response.to_wire()

    def _run(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._udp, selectors.EVENT_READ)
            selector.register(self._tcp, selectors.EVENT_READ)
            while not self._stop.is_set():
                for key, _ in selector.select(timeout=0.05):
                    if key.fileobj is self._udp:
                        wire, peer = self._udp.recvfrom(65535)
                        self.queries.append(("udp", wire))
                        self._udp.sendto(self._answer(wire, self.truncate), peer)
                    else:
                        connection, _ = self._tcp.accept()
                        with connection:
                            connection.settimeout(5)
                            wire = _receive(connection, struct.unpack("!H", _receive(connection, 2))[0])
                            self.queries.append(("tcp", wire))
                            answer = self._answer(wire, truncated=False)
                            connection.sendall(struct.pack("!H", len(answer)) + answer)

    def __enter__(self) -> RecordingUpstream:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._udp.close()
        self._tcp.close()


def _receive(connection: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            raise EOFError("the client closed the connection")
        data += chunk
    return data


@pytest.fixture(scope="module")
def stub() -> Iterator[RecordingUpstream]:
    with RecordingUpstream() as upstream:
        yield upstream


@pytest.fixture(scope="module")
def url(stub: RecordingUpstream) -> Iterator[str]:
    """icp-doh, served for real, asking only the stub; no cache, so every request goes upstream."""
    settings = Settings(upstreams=(Upstream("127.0.0.1", stub.port),), cache_size=0, rate=10_000.0, burst=10_000)
    with serve_in_thread(create_app(settings)) as base:
        yield base


@pytest.fixture
def recorded(stub: RecordingUpstream) -> Iterator[RecordingUpstream]:
    stub.queries.clear()
    yield stub
    stub.truncate = False


# --- the detector works --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tcp", [False, True], ids=["udp", "tcp"])
def test_the_stub_sees_a_client_subnet_when_one_is_sent(recorded, tcp):
    """A positive control, so that an empty result below means something: a query that does carry ECS
    (dnspython's ECSOption, sent straight to the stub) is recorded, and the reading above finds option 8 in it
    with RFC 7871's layout (FAMILY 1, SOURCE PREFIX-LENGTH 24, SCOPE 0, the address cut to 3 bytes)."""
    query = dns.message.make_query(NAME, "A", use_edns=0, options=[dns.edns.ECSOption("198.51.100.0", 24)])
    send = dns.query.tcp if tcp else dns.query.udp
    send(query, "127.0.0.1", port=recorded.port, timeout=5)
    [(transport, wire)] = recorded.queries
    assert transport == ("tcp" if tcp else "udp")
    assert edns_options(wire) == [[(ECS, bytes([0, 1, 24, 0, 198, 51, 100]))]]


# --- what icp-doh sends ---------------------------------------------------------------------------------------------


def _ask(http, url: str, api: str, rdtype: dns.rdatatype.RdataType) -> str:
    """Ask icp-doh for NAME with the client's subnet attached in the API's own way; the address it answers."""
    subnet, prefix = CLIENT_SUBNETS[rdtype]
    if api == "json":
        # Google's JSON API takes the client's subnet as a parameter; icp-doh's must not pass it on either.
        response = http.get(
            url + "/resolve",
            params={"name": NAME, "type": dns.rdatatype.to_text(rdtype), "edns_client_subnet": f"{subnet}/{prefix}"},
        )
        assert response.status_code == 200, response.text
        return response.json()["Answer"][0]["data"]
    query = dns.message.make_query(NAME, rdtype, use_edns=0, options=[dns.edns.ECSOption(subnet, prefix)])
    query.id = 0
    response = http.get(
        url + "/dns-query", params={"dns": base64.urlsafe_b64encode(query.to_wire()).rstrip(b"=").decode()}
    )
    assert response.status_code == 200
    reply = dns.message.from_wire(response.content)
    return reply.answer[0][0].to_text()


@pytest.mark.parametrize("api", ["wire", "json"])
@pytest.mark.parametrize("transport", ["udp", "tcp"])
@pytest.mark.parametrize("rdtype", [dns.rdatatype.A, dns.rdatatype.AAAA], ids=["A", "AAAA"])
def test_no_client_subnet_goes_upstream(recorded, url, http, rdtype, transport, api):
    """The client asks with its subnet attached (an ECS option in its RFC 8484 query, or Google's
    `edns_client_subnet` parameter); every query icp-doh sends upstream, over UDP and, when the UDP answer comes
    back truncated, again over TCP, carries the question asked, EDNS (the one OPT record, RFC 6891 §6.1.1) and no
    option at all: no Client Subnet (code 8), nor anything else of the client's."""
    recorded.truncate = transport == "tcp"
    assert ipaddress.ip_address(_ask(http, url, api, rdtype)) == ipaddress.ip_address(ADDRESSES[rdtype])
    sent = recorded.queries
    assert [kind for kind, _ in sent] == (["udp", "tcp"] if transport == "tcp" else ["udp"])
    for _, wire in sent:
        question = dns.message.from_wire(wire).question[0]
        assert (question.name.to_text(), question.rdtype) == (NAME + ".", rdtype)
        opts = edns_options(wire)
        assert len(opts) == 1, f"{len(opts)} OPT records in {wire.hex()}"
        assert ECS not in [code for code, _ in opts[0]], f"a client subnet went upstream: {wire.hex()}"
        assert opts[0] == [], f"EDNS options went upstream: {opts[0]}"
