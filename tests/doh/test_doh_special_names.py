"""Special-use and internal names are refused (400) before any upstream is asked, over the JSON API and over the
wire alike: single labels, localhost, invalid, .local, home.arpa, .internal, .onion, .alt and anything under arpa.
The upstream here is a dnsmasq that answers every one of them, as a cloud VM's or a cluster's resolver would: each
test first asks it directly, so that what a refusal keeps from the internet is shown to be there. test. and
example. names stay answered (RFC 6761 §6.2 and §6.5: see doh/constants.py).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import dns.message
import dns.query
import dns.rcode
import httpx2
import idna
import pytest

from doh.app import create_app
from doh.settings import Settings
from doh.upstream import Upstream
from doh_servers import HOST, HOST_V4, dnsmasq, free_port, resolver_arguments, serve_in_thread

INTERNAL = "192.0.2.66"  # what the upstream answers for the internal names
EXAMPLE, EXAMPLE_V4 = "site.example", "192.0.2.70"
LEAKY = [
    "--address=/localhost/invalid/local/internal/onion/alt/arpa/" + INTERNAL,
    *(f"--host-record={name},{INTERNAL}" for name in ("localhost", "kubernetes", "wpad")),
    "--local=/example/",
    f"--host-record={EXAMPLE},{EXAMPLE_V4}",
]

# (name as a client writes it, the rule its debug detail names)
REFUSED = {
    "localhost": "a single label",
    "LOCALHOST.": "a single label",
    "kubernetes": "a single label",
    "wpad": "a single label",
    "app.localhost": "RFC 6761 §6.3",
    "nothing.invalid": "RFC 6761 §6.4",
    "svc.cluster.local": "RFC 6762",
    "kubernetes.default.svc.cluster.local.": "RFC 6762",
    "printer.local": "RFC 6762",
    "router.home.arpa": "RFC 8375",
    "home.arpa": "RFC 8375",
    "metadata.google.internal": "ICANN's private-use",
    "Metadata.Google.Internal.": "ICANN's private-use",
    # Full-width, mapped as the checker maps it (UTS #46).
    "ｍｅｔａｄａｔａ．ｇｏｏｇｌｅ．ｉｎｔｅｒｎａｌ": "ICANN's private-use",
    "例子.local": "RFC 6762",  # xn--fsqu00a.local
    "xn--fsqu00a.local": "RFC 6762",
    "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion": "RFC 7686",
    "name.alt": "RFC 9476",
    "1.0.0.127.in-addr.arpa": "RFC 3172",
    "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa": "RFC 3172",
    "ipv4only.arpa": "RFC 3172",
}
ASCII_REFUSED = [name for name in REFUSED if name.isascii()]

# Names that only contain a special label, or end in test. or example.: the upstream's business.
KEPT = {
    HOST: HOST_V4,
    EXAMPLE: EXAMPLE_V4,
    "Site.Example.": EXAMPLE_V4,
}
KEPT_NXDOMAIN = ["nothere.example", "localhost.test", "internal.example.test", "local.test", "arpa.example"]


@pytest.fixture(scope="module")
def leaky() -> Iterator[Upstream]:
    port = free_port()
    with dnsmasq(resolver_arguments(port) + LEAKY, port):
        yield Upstream("127.0.0.1", port)


@pytest.fixture(scope="module")
def endpoints(leaky: Upstream) -> Iterator[tuple[str, str]]:
    """(an endpoint, one in debug mode), both forwarding to the leaky upstream."""
    settings = Settings(upstreams=(leaky,), rate=10_000.0, burst=10_000)
    with (
        serve_in_thread(create_app(settings)) as url,
        serve_in_thread(create_app(Settings(**{**vars(settings), "debug": True}))) as debug_url,
    ):
        yield url, debug_url


def upstream_answer(upstream: Upstream, name: str, rdtype: str = "A") -> dns.message.Message:
    return dns.query.udp(dns.message.make_query(name, rdtype), upstream.address, port=upstream.port, timeout=5)


def wire_get(url: str, http: httpx2.Client, name: str, rdtype: str = "A") -> httpx2.Response:
    wire = dns.message.make_query(name, rdtype).to_wire()
    return http.get(url + "/dns-query", params={"dns": base64.urlsafe_b64encode(wire).rstrip(b"=").decode()})


@pytest.mark.parametrize("name", list(REFUSED))
def test_the_json_api_refuses_a_special_use_name(endpoints, leaky, http, name):
    # The upstream asked as a DNS client would ask it (UTS #46 by the idna package: full-width letters and dots
    # mapped, Chinese in Punycode).
    client_form = idna.encode(name.rstrip("."), uts46=True).decode()
    assert upstream_answer(leaky, client_form).answer[0][0].to_text() == INTERNAL
    url, debug_url = endpoints
    for rdtype in ("A", "AAAA", "CNAME"):
        response = http.get(url + "/resolve", params={"name": name, "type": rdtype})
        assert response.status_code == 400 and response.json() == {"error": "not a public host name"}
        assert response.headers["cache-control"] == "no-store"
    detail = http.get(debug_url + "/resolve", params={"name": name}).json()["detail"]
    assert REFUSED[name] in detail


@pytest.mark.parametrize("name", ASCII_REFUSED)
@pytest.mark.parametrize("post", [False, True], ids=["GET", "POST"])
def test_over_the_wire_a_special_use_name_is_refused_too(endpoints, leaky, http, name, post):
    assert upstream_answer(leaky, name).answer[0][0].to_text() == INTERNAL
    url = endpoints[0]
    if post:
        response = http.post(
            url + "/dns-query",
            content=dns.message.make_query(name, "A").to_wire(),
            headers={"Content-Type": "application/dns-message"},
        )
    else:
        response = wire_get(url, http, name)
    assert response.status_code == 400 and response.json() == {"error": "not a public host name"}


def test_a_reverse_lookup_is_refused_as_the_unsupported_type_it_is(endpoints, http):
    """PTR is not answered for any name: over the wire a DNS answer, REFUSED, as for any other type."""
    response = wire_get(endpoints[0], http, "1.0.0.127.in-addr.arpa", "PTR")
    assert response.status_code == 200 and dns.message.from_wire(response.content).rcode() == dns.rcode.REFUSED


@pytest.mark.parametrize("name, address", list(KEPT.items()))
def test_test_and_example_names_are_answered(endpoints, http, name, address):
    url = endpoints[0]
    assert http.get(url + "/resolve", params={"name": name}).json()["Answer"][0]["data"] == address
    answer = dns.message.from_wire(wire_get(url, http, name).content)
    assert answer.answer[0][0].to_text() == address


@pytest.mark.parametrize("name", KEPT_NXDOMAIN)
def test_a_special_label_elsewhere_in_a_name_is_not_special(endpoints, leaky, http, name):
    assert upstream_answer(leaky, name).rcode() == dns.rcode.NXDOMAIN
    response = http.get(endpoints[0] + "/resolve", params={"name": name})
    assert response.status_code == 200 and response.json()["Status"] == dns.rcode.NXDOMAIN
