"""Real servers for the DoH endpoint's tests and its benchmark (scripts/bench_doh.py): Debian's dnsmasq as the
upstream resolver (and a scripted one, for what dnsmasq will not do), and the endpoint itself in a thread (uvicorn)
or as the `icp-doh` command."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dns.exception
import dns.flags
import dns.message
import dns.query
import dns.rcode
import dns.rdatatype
import dns.rrset
import httpx2
import uvicorn
from starlette.types import ASGIApp

DNSMASQ_MISSING = "dnsmasq is not installed: `make test` installs it (Debian's dnsmasq-base)"

# The upstream's records. dnsmasq answers NXDOMAIN for any other name under test/ (without an SOA), and for every
# name under wild.test/ the address WILD_ADDRESS.
HOST, HOST_V4, HOST_V6 = "example.test", "192.0.2.10", "2001:db8::10"
ALIAS = "www.example.test"  # CNAME to HOST
SHORT, SHORT_V4, SHORT_TTL = "short.example.test", "192.0.2.20", 2
TO_SHORT = "to-short.example.test"  # CNAME to SHORT: TTLs LOCAL_TTL then SHORT_TTL
LOCAL_TTL = 300
WILD_ADDRESS = "192.0.2.99"
# A zone that an authoritative dnsmasq serves (zone.test), so that negative answers carry its SOA; its MINIMUM
# (and the SOA record's own TTL) is ZONE_TTL.
ZONE, ZONE_HOST, ZONE_V4, ZONE_TTL = "zone.test", "a.zone.test", "192.0.2.30", 7


def free_port(kind: int | None = None) -> int:
    """A port nothing uses now: for `kind` (socket.SOCK_STREAM or SOCK_DGRAM), or by default for both, as a DNS
    server takes one port for UDP and TCP (dnsmasq does)."""
    if kind is not None:
        with socket.socket(socket.AF_INET, kind) as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]
    udp, tcp = dns_sockets()
    with udp, tcp:
        return udp.getsockname()[1]


def dns_sockets(attempts: int = 50) -> tuple[socket.socket, socket.socket]:
    """A UDP and a TCP socket bound to one port on 127.0.0.1, as a DNS server listens. The system picks a free UDP
    port, which TCP may be using (a client's connection: the browser tests run beside these), so ports are tried
    until both bind; the sockets of a failed try are closed, never left to the garbage collector."""
    for _ in range(attempts):
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            udp.bind(("127.0.0.1", 0))
            tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            tcp.bind(("127.0.0.1", udp.getsockname()[1]))
        except OSError:
            udp.close()
            tcp.close()
            continue
        return udp, tcp
    raise OSError(f"no port on 127.0.0.1 free for both UDP and TCP in {attempts} tries")


def dnsmasq_command() -> str:
    command = shutil.which("dnsmasq") or next(
        (path for path in ("/usr/sbin/dnsmasq", "/sbin/dnsmasq") if os.access(path, os.X_OK)), None
    )
    if command is None:
        raise RuntimeError(DNSMASQ_MISSING)
    return command


def resolver_arguments(port: int, authority_port: int | None = None) -> list[str]:
    """A recursive dnsmasq with the fixture's records, and zone.test forwarded to the authoritative one if given.
    Its own cache is off so that what is cached is the endpoint's doing."""
    forward = [f"--server=/{ZONE}/127.0.0.1#{authority_port}"] if authority_port else []
    return [
        f"--port={port}",
        "--cache-size=0",
        "--local=/test/",
        f"--local-ttl={LOCAL_TTL}",
        f"--host-record={HOST},{HOST_V4},{HOST_V6}",
        f"--cname={ALIAS},{HOST}",
        f"--cname={TO_SHORT},{SHORT}",
        f"--host-record={SHORT},{SHORT_V4},{SHORT_TTL}",
        f"--address=/wild.test/{WILD_ADDRESS}",
        *forward,
    ]


def authority_arguments(port: int) -> list[str]:
    """An authoritative-only dnsmasq for zone.test: its negative answers carry the zone's SOA."""
    return [
        f"--port={port}",
        f"--auth-server=ns.{ZONE},127.0.0.1",
        f"--auth-zone={ZONE}",
        f"--auth-ttl={ZONE_TTL}",
        f"--host-record={ZONE_HOST},{ZONE_V4}",
    ]


@contextlib.contextmanager
def dnsmasq(arguments: list[str], port: int) -> Iterator[subprocess.Popen]:
    """dnsmasq in the foreground on 127.0.0.1:`port`, answering before this yields; stopped after."""
    command = [
        dnsmasq_command(),
        "--keep-in-foreground",
        "--conf-file=/dev/null",
        "--pid-file",
        "--listen-address=127.0.0.1",
        "--bind-interfaces",
        "--no-resolv",
        "--no-hosts",
        *arguments,
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_dns(process, port)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=5)
        process.stderr.close()


def _wait_for_dns(process: subprocess.Popen, port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dnsmasq stopped: {process.stderr.read().decode(errors='replace')}")
        try:
            dns.query.udp(dns.message.make_query("probe.test", "A"), "127.0.0.1", port=port, timeout=0.2)
            return
        except (dns.exception.Timeout, OSError):
            time.sleep(0.05)
    raise RuntimeError(f"dnsmasq did not answer on port {port} within {seconds} s")


@contextlib.contextmanager
def serve_in_thread(app: ASGIApp) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free port; yields its base URL."""
    # IPPROTO_TCP said outright: asyncio turns Nagle's algorithm off only on sockets that say so, and with it on
    # each keep-alive response waits for the client's delayed ACK (40 ms).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, access_log=False, log_config=None, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def icp_doh_command() -> str:
    """The installed `icp-doh` script beside this Python (pip install --no-deps -e ./doh puts it there)."""
    command = Path(sys.executable).with_name("icp-doh")
    if not command.exists():
        raise RuntimeError(f"{command} is missing: install the endpoint with `pip install --no-deps -e ./doh`")
    return str(command)


@contextlib.contextmanager
def icp_doh(
    arguments: list[str], port: int, log: Path, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    """The `icp-doh` command on 127.0.0.1:`port`, healthy before this yields; stopped after. Its log (stderr, one
    line per request) goes to the file `log`, never to a pipe that a long run would fill."""
    command = [icp_doh_command(), "--host", "127.0.0.1", "--port", str(port), *arguments]
    with log.open("wb") as log_file:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log_file, env=env)
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"icp-doh stopped: {log.read_text(errors='replace')}")
            try:
                if httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx2.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"icp-doh did not answer on port {port}") from None
                time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


class ScriptedResolver:
    """A tiny real DNS server over UDP on 127.0.0.1, in a thread, for what dnsmasq will not do: it answers every
    A question with one record (`address`), any other with none, and the AD bit set as a validating resolver
    would; each answer after `delay` seconds, or SERVFAIL while `failing`; it counts the queries it receives."""

    def __init__(self, address: str = "192.0.2.80", delay: float = 0.0) -> None:
        self.address = address
        self.delay = delay
        self.failing = False
        self.queries = 0
        self._lock = threading.Lock()
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def port(self) -> int:
        return self._socket.getsockname()[1]

    def __enter__(self) -> ScriptedResolver:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._socket.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                wire, peer = self._socket.recvfrom(65535)
            except TimeoutError:
                continue
            query = dns.message.from_wire(wire)
            with self._lock:
                self.queries += 1
            # Each answer waits on its own, so that queries that come meanwhile are counted as they come.
            threading.Timer(self.delay, self._answer, (query, peer, self.failing)).start()

    def _answer(self, query: dns.message.Message, peer: tuple[str, int], failing: bool) -> None:
        response = dns.message.make_response(query, recursion_available=True)
        if failing:
            response.set_rcode(dns.rcode.SERVFAIL)
        else:
            response.flags |= dns.flags.AD
            if query.question[0].rdtype == dns.rdatatype.A:
                response.answer.append(dns.rrset.from_text(query.question[0].name, 60, "IN", "A", self.address))
        with contextlib.suppress(OSError):  # stopped meanwhile
            self._socket.sendto(response.to_wire(), peer)
