"""The AD bit ("authentic data") is never passed on: nothing here validates DNSSEC, and the upstream is asked
over plain UDP. The upstream is a real DNS server that sets AD on every answer, as a validating resolver does
(dnsmasq sets it only when it validates, which needs signed zones and trust anchors)."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import dns.flags
import dns.message
import dns.query
import pytest

from doh.upstream import Upstream
from doh_servers import ScriptedResolver

NAME = "signed.example.test"


@pytest.fixture(scope="module")
def validating() -> Iterator[ScriptedResolver]:
    with ScriptedResolver() as resolver:
        yield resolver


def test_the_upstream_sets_ad(validating):
    answer = dns.query.udp(dns.message.make_query(NAME, "A"), "127.0.0.1", port=validating.port, timeout=5)
    assert answer.flags & dns.flags.AD and answer.answer[0][0].to_text() == validating.address


@pytest.mark.parametrize("client_ad", [False, True], ids=["plain query", "query with AD"])
def test_wire_answers_have_ad_clear(serve, http, validating, client_ad):
    url = serve(upstreams=(Upstream("127.0.0.1", validating.port),))
    query = dns.message.make_query(NAME, "A")
    query.id = 0
    if client_ad:
        query.flags |= dns.flags.AD
    for post in (False, True, False):  # fresh, then from the cache
        answer = dns.query.https(query, url + "/dns-query", post=post, timeout=10, session=http)
        assert answer.answer[0][0].to_text() == validating.address
        assert not answer.flags & dns.flags.AD
    dns_param = base64.urlsafe_b64encode(query.to_wire()).rstrip(b"=").decode()
    raw = http.get(url + "/dns-query", params={"dns": dns_param}).content
    assert not dns.message.from_wire(raw).flags & dns.flags.AD


def test_json_answers_say_ad_false(serve, http, validating):
    url = serve(upstreams=(Upstream("127.0.0.1", validating.port),))
    for _ in range(2):  # fresh, then from the cache
        body = http.get(url + "/resolve", params={"name": NAME}).json()
        assert body["AD"] is False and body["Answer"][0]["data"] == validating.address
