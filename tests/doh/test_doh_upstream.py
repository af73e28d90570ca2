"""Upstream failure: a resolver that never answers, a closed port, SERVFAIL; within the timeout, and the retry."""

from __future__ import annotations

import base64
import contextlib
import socket
import time
from collections.abc import Iterator

import dns.message
import dns.rcode
import pytest

from doh.constants import UPSTREAM_ATTEMPTS
from doh.upstream import Upstream
from doh_servers import HOST, HOST_V4, dnsmasq, free_port, resolver_arguments

TIMEOUT = 0.5
# A correctness bound, not a speed measure: every attempt's timeout, plus room for a loaded machine.
BOUND = TIMEOUT * UPSTREAM_ATTEMPTS + 2


@contextlib.contextmanager
def silent_upstream() -> Iterator[Upstream]:
    """A UDP port that receives queries and never answers them."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield Upstream("127.0.0.1", sock.getsockname()[1])


@pytest.fixture
def silent() -> Iterator[Upstream]:
    with silent_upstream() as upstream:
        yield upstream


@pytest.fixture
def closed() -> Upstream:
    return Upstream("127.0.0.1", free_port())  # nothing listens: the kernel answers "port unreachable"


def wire_query(name: str = HOST) -> str:
    message = dns.message.make_query(name, "A")
    message.id = 0
    return base64.urlsafe_b64encode(message.to_wire()).rstrip(b"=").decode()


@pytest.mark.parametrize("dead", ["silent", "closed"])
def test_no_upstream_answer_is_a_502_in_json(serve, http, dead, request):
    url = serve(upstreams=(request.getfixturevalue(dead),), timeout=TIMEOUT)
    started = time.monotonic()
    response = http.get(url + "/resolve", params={"name": HOST})
    assert time.monotonic() - started < BOUND
    assert response.status_code == 502
    assert response.json() == {"error": "no answer from the upstream resolvers"}
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("dead", ["silent", "closed"])
def test_no_upstream_answer_is_servfail_over_wire(serve, http, dead, request):
    url = serve(upstreams=(request.getfixturevalue(dead),), timeout=TIMEOUT)
    started = time.monotonic()
    response = http.get(url + "/dns-query", params={"dns": wire_query()})
    assert time.monotonic() - started < BOUND
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    assert dns.message.from_wire(response.content).rcode() == dns.rcode.SERVFAIL


def test_debug_mode_says_what_each_attempt_got(serve, http, closed):
    url = serve(upstreams=(closed,), timeout=TIMEOUT, debug=True)
    detail = http.get(url + "/resolve", params={"name": HOST}).json()["detail"]
    assert detail.count(str(closed)) == UPSTREAM_ATTEMPTS


def test_the_retry_goes_to_the_next_upstream(serve, http, silent, upstream):
    url = serve(upstreams=(silent, upstream), timeout=TIMEOUT)
    started = time.monotonic()
    response = http.get(url + "/resolve", params={"name": HOST})
    assert time.monotonic() - started < TIMEOUT + 2
    assert response.json()["Answer"][0]["data"] == HOST_V4


def test_an_upstream_error_code_is_a_failure(serve, http, authority):
    """The authoritative dnsmasq refuses names outside its zone: REFUSED, like SERVFAIL, is the upstream failing,
    not an answer to pass on."""
    url = serve(upstreams=(authority,), timeout=TIMEOUT, debug=True)
    response = http.get(url + "/resolve", params={"name": HOST})
    assert response.status_code == 502
    assert response.json()["detail"].count("REFUSED") == UPSTREAM_ATTEMPTS


def test_a_failure_is_not_cached(serve, http, authority):
    port = free_port()
    url = serve(upstreams=(Upstream("127.0.0.1", port),), timeout=TIMEOUT)
    assert http.get(url + "/resolve", params={"name": HOST}).status_code == 502  # nothing listens yet
    with dnsmasq(resolver_arguments(port, authority.port), port):
        assert http.get(url + "/resolve", params={"name": HOST}).json()["Answer"][0]["data"] == HOST_V4
