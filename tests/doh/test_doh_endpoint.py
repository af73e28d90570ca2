"""The endpoint served by uvicorn, asked by real clients (dnspython's DoH client, httpx2), answered by dnsmasq."""

from __future__ import annotations

import base64
import time

import dns.flags
import dns.message
import dns.query
import dns.rcode
import dns.rdatatype
import httpx2
import pytest

from doh.constants import MAX_DNS_PARAM_LENGTH, MAX_MESSAGE_SIZE
from doh_servers import (
    ALIAS,
    HOST,
    HOST_V4,
    HOST_V6,
    LOCAL_TTL,
    SHORT,
    SHORT_TTL,
    SHORT_V4,
    TO_SHORT,
    ZONE,
    ZONE_HOST,
    ZONE_TTL,
    ZONE_V4,
)

DNS_MESSAGE = "application/dns-message"


def query(name: str = HOST, rdtype: str = "A", query_id: int = 0) -> dns.message.Message:
    message = dns.message.make_query(name, rdtype)
    message.id = query_id  # RFC 8484: clients should use ID 0, so that answers cache well
    return message


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def doh(url: str, message: dns.message.Message, post: bool, session: httpx2.Client) -> dns.message.Message:
    return dns.query.https(message, url + "/dns-query", post=post, timeout=10, session=session)


def records(answer: dns.message.Message) -> dict[tuple[str, str], list[str]]:
    return {
        (rrset.name.to_text(), dns.rdatatype.to_text(rrset.rdtype)): sorted(rdata.to_text() for rdata in rrset)
        for rrset in answer.answer
    }


# --- RFC 8484 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("post", [False, True], ids=["GET", "POST"])
def test_wire_answers(endpoint, http, post):
    answer = doh(endpoint, query(ALIAS, "AAAA"), post, http)
    assert answer.rcode() == dns.rcode.NOERROR and answer.id == 0
    assert answer.flags & dns.flags.RA
    assert records(answer) == {(ALIAS + ".", "CNAME"): [HOST + "."], (HOST + ".", "AAAA"): [HOST_V6]}


@pytest.mark.parametrize("post", [False, True], ids=["GET", "POST"])
def test_wire_keeps_the_clients_id(endpoint, http, post):
    answer = doh(endpoint, query(query_id=4321), post, http)
    assert answer.id == 4321 and records(answer) == {(HOST + ".", "A"): [HOST_V4]}


@pytest.mark.parametrize("post", [False, True], ids=["GET", "POST"])
def test_wire_nxdomain_is_a_dns_answer(endpoint, http, post):
    answer = doh(endpoint, query("nowhere.example.test"), post, http)
    assert answer.rcode() == dns.rcode.NXDOMAIN


@pytest.mark.parametrize("rdtype", ["MX", "TXT", "ANY", "NS"])
def test_wire_refuses_other_types_in_dns(endpoint, http, rdtype):
    answer = doh(endpoint, query(rdtype=rdtype), post=False, session=http)
    assert answer.rcode() == dns.rcode.REFUSED and not answer.answer


def test_wire_headers(endpoint, http):
    response = http.get(endpoint + "/dns-query", params={"dns": b64(query().to_wire())})
    assert response.status_code == 200
    assert response.headers["content-type"] == DNS_MESSAGE
    assert response.headers["cache-control"] == f"max-age={LOCAL_TTL}"


def test_wire_refusal_is_not_stored(endpoint, http):
    response = http.get(endpoint + "/dns-query", params={"dns": b64(query(rdtype="MX").to_wire())})
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"


# --- The JSON API ---------------------------------------------------------------------------------------------


def test_json_answer(endpoint, http):
    response = http.get(endpoint + "/resolve", params={"name": ALIAS, "type": "A"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/dns-json"
    assert response.json() == {
        "Status": 0,
        "TC": False,
        "RD": True,
        "RA": True,
        "AD": False,
        "CD": False,
        "Question": [{"name": ALIAS + ".", "type": 1}],
        "Answer": [
            {"name": ALIAS + ".", "type": 5, "TTL": LOCAL_TTL, "data": HOST + "."},
            {"name": HOST + ".", "type": 1, "TTL": LOCAL_TTL, "data": HOST_V4},
        ],
    }


@pytest.mark.parametrize("rdtype", [None, "A", "a", "1", "AAAA", "28", "CNAME", "5"])
def test_json_type_as_number_or_mnemonic(endpoint, http, rdtype):
    params = {"name": HOST} if rdtype is None else {"name": HOST, "type": rdtype}
    body = http.get(endpoint + "/resolve", params=params).json()
    expected = {None: 1, "A": 1, "a": 1, "1": 1, "AAAA": 28, "28": 28, "CNAME": 5, "5": 5}[rdtype]
    assert body["Question"] == [{"name": HOST + ".", "type": expected}]


def test_json_negative_answer_with_its_soa(serve, authority, http):
    url = serve(upstreams=(authority,))
    response = http.get(url + "/resolve", params={"name": "nowhere." + ZONE})
    body = response.json()
    assert response.status_code == 200 and body["Status"] == 3 and "Answer" not in body
    (soa,) = body["Authority"]
    assert soa["name"] == ZONE + "." and soa["type"] == 6 and soa["data"].endswith(f" {ZONE_TTL}")
    assert response.headers["cache-control"] == f"max-age={ZONE_TTL}"


def test_json_no_data(endpoint, http):
    body = http.get(endpoint + "/resolve", params={"name": SHORT, "type": "AAAA"}).json()
    assert body["Status"] == 0 and "Answer" not in body


def test_json_names_like_the_checker(endpoint, http):
    body = http.get(endpoint + "/resolve", params={"name": "WWW.Example.TEST."}).json()
    assert body["Question"] == [{"name": ALIAS + ".", "type": 1}]
    assert body["Answer"][-1]["data"] == HOST_V4


def test_health(endpoint, http):
    response = http.get(endpoint + "/healthz")
    assert (response.status_code, response.text) == (200, "ok")


# --- Malformed requests ---------------------------------------------------------------------------------------


def two_questions() -> bytes:
    message = query()
    message.question.append(query(rdtype="AAAA").question[0])
    return message.to_wire()


def dribble(data: bytes):
    """A body without Content-Length (chunked), so that only reading it shows its size."""
    for start in range(0, len(data), 100):
        yield data[start : start + 100]


GOOD = query().to_wire()
BINARY = {"content-type": DNS_MESSAGE}

MALFORMED = [
    pytest.param("GET", "/dns-query", {"dns": "not base64!"}, None, {}, 400, id="bad base64"),
    pytest.param("GET", "/dns-query", {"dns": "AAE+AAE/"}, None, {}, 400, id="standard base64 alphabet"),
    pytest.param("GET", "/dns-query", {}, None, {}, 400, id="missing dns parameter"),
    pytest.param("GET", "/dns-query", {"dns": ""}, None, {}, 400, id="empty dns parameter"),
    pytest.param("GET", "/dns-query", {"dns": b64(b"\xff" * 40)}, None, {}, 400, id="unparsable message"),
    pytest.param("GET", "/dns-query", {"dns": b64(GOOD[:-3])}, None, {}, 400, id="truncated message"),
    pytest.param("GET", "/dns-query", {"dns": b64(GOOD[:5])}, None, {}, 400, id="truncated header"),
    pytest.param("GET", "/dns-query", {"dns": b64(bytes(12))}, None, {}, 400, id="zero questions"),
    pytest.param("GET", "/dns-query", {"dns": b64(two_questions())}, None, {}, 400, id="two questions"),
    pytest.param(
        "GET", "/dns-query", {"dns": b64(query("bad_name.test").to_wire())}, None, {}, 400, id="bad name over wire"
    ),
    pytest.param(
        "GET", "/dns-query", {"dns": "A" * (MAX_DNS_PARAM_LENGTH + 1)}, None, {}, 414, id="dns parameter too long"
    ),
    pytest.param("POST", "/dns-query", {}, GOOD, {"content-type": "application/json"}, 415, id="wrong content type"),
    pytest.param("POST", "/dns-query", {}, GOOD, {}, 415, id="no content type"),
    pytest.param("POST", "/dns-query", {}, bytes(MAX_MESSAGE_SIZE + 1), BINARY, 413, id="oversized body"),
    pytest.param("POST", "/dns-query", {}, dribble(bytes(100_000)), BINARY, 413, id="oversized body, chunked"),
    pytest.param("POST", "/dns-query", {}, b"", BINARY, 400, id="empty body"),
    pytest.param("POST", "/dns-query", {}, b"\xff" * 40, BINARY, 400, id="unparsable body"),
    pytest.param("POST", "/dns-query", {}, GOOD[:-3], BINARY, 400, id="truncated body"),
    pytest.param("PUT", "/dns-query", {}, GOOD, BINARY, 405, id="PUT"),
    pytest.param("DELETE", "/dns-query", {}, None, {}, 405, id="DELETE"),
    pytest.param("PATCH", "/dns-query", {}, GOOD, BINARY, 405, id="PATCH"),
    pytest.param("OPTIONS", "/dns-query", {}, None, {}, 405, id="OPTIONS, not a CORS preflight"),
    pytest.param("POST", "/resolve", {"name": HOST}, None, {}, 405, id="POST to the JSON API"),
    pytest.param("DELETE", "/resolve", {"name": HOST}, None, {}, 405, id="DELETE to the JSON API"),
    pytest.param("GET", "/resolve", {}, None, {}, 400, id="missing name"),
    pytest.param("GET", "/resolve", {"name": HOST, "type": "MX"}, None, {}, 400, id="unsupported type"),
    pytest.param("GET", "/resolve", {"name": HOST, "type": "15"}, None, {}, 400, id="unsupported type number"),
    pytest.param("GET", "/resolve", {"name": HOST, "type": "BOGUS"}, None, {}, 400, id="unknown type"),
    pytest.param("GET", "/resolve", {"name": "a" * 250 + ".test"}, None, {}, 400, id="name too long"),
    pytest.param("GET", "/resolve", {"name": "a" * 64 + ".test"}, None, {}, 400, id="label too long"),
    pytest.param("GET", "/resolve", {"name": "a..test"}, None, {}, 400, id="empty label"),
    pytest.param("GET", "/resolve", {"name": "bad_name.test"}, None, {}, 400, id="bad characters"),
    pytest.param("GET", "/resolve", {"name": "https://example.test/path"}, None, {}, 400, id="a URL with a path"),
    pytest.param("GET", "/resolve", {"name": "example.test:443"}, None, {}, 400, id="a port"),
    pytest.param("GET", "/nowhere", {}, None, {}, 404, id="unknown path"),
]


@pytest.mark.parametrize("method, path, params, content, headers, status", MALFORMED)
def test_malformed_requests(endpoint, http, method, path, params, content, headers, status):
    response = http.request(method, endpoint + path, params=params, content=content, headers=headers)
    assert response.status_code == status
    if status == 405:
        allowed = {method.strip() for method in response.headers["allow"].split(",")}
        assert method not in allowed and "GET" in allowed
    elif status != 404:
        assert response.headers["content-type"] == "application/json"
        assert response.headers["cache-control"] == "no-store"
        assert set(response.json()) == {"error"}  # short: no detail outside debug mode
    # And the endpoint still answers.
    assert http.get(endpoint + "/resolve", params={"name": HOST}).json()["Answer"][0]["data"] == HOST_V4
    assert doh(endpoint, query(), post=True, session=http).answer


def test_debug_mode_gives_the_detail(serve, http):
    url = serve(debug=True)
    body = http.get(url + "/resolve", params={"name": "bad_name.test"}).json()
    assert body["error"] == "not a valid host name" and "bad_name" in body["detail"]


# --- The cache ------------------------------------------------------------------------------------------------


def ttls(body: dict) -> list[int]:
    return [record["TTL"] for record in body.get("Answer", []) + body.get("Authority", [])]


def test_max_age_is_the_smallest_ttl(serve, http):
    response = http.get(serve() + "/resolve", params={"name": TO_SHORT})
    assert ttls(response.json()) == [LOCAL_TTL, SHORT_TTL]  # the alias, then the address
    assert response.headers["cache-control"] == f"max-age={SHORT_TTL}"


def aged(ttl: int, full: int) -> bool:
    """A TTL lowered by time spent in the cache (dnsmasq always answers the full TTL). How much lower depends on how
    busy the machine is, so the tests only ask that it is lower."""
    return 0 <= ttl < full


def test_answers_from_the_cache_are_aged_then_expire(serve, http):
    url = serve()

    def ask(name: str) -> tuple[int, str]:
        response = http.get(url + "/resolve", params={"name": name})
        (ttl,) = ttls(response.json())
        assert response.headers["cache-control"] == f"max-age={ttl}"
        return ttl

    assert (ask(SHORT), ask(HOST)) == (SHORT_TTL, LOCAL_TTL)
    answered = time.monotonic()  # both answers were stored before this
    time.sleep(1.05)
    assert aged(ask(HOST), LOCAL_TTL)
    time.sleep(max(0.0, answered + SHORT_TTL + 0.05 - time.monotonic()))
    assert ask(SHORT) == SHORT_TTL  # expired, so asked again: cached, it would be 0
    assert aged(ask(HOST), LOCAL_TTL)  # still cached


def test_wire_answers_from_the_cache_are_aged(serve, http):
    url = serve()
    first = doh(url, query(ALIAS), post=False, session=http)
    time.sleep(1.05)
    again = doh(url, query(ALIAS, query_id=99), post=True, session=http)
    assert [rrset.ttl for rrset in first.answer] == [LOCAL_TTL, LOCAL_TTL]
    (ttl,) = {rrset.ttl for rrset in again.answer}
    assert aged(ttl, LOCAL_TTL) and again.id == 99


def test_negative_answers_are_cached(serve, authority, http):
    with_soa, without_soa = serve(upstreams=(authority,)), serve()
    asked = [(with_soa, "nowhere." + ZONE, ZONE_TTL), (without_soa, "nowhere.example.test", 30)]
    for url, name, ttl in asked:
        assert http.get(url + "/resolve", params={"name": name}).headers["cache-control"] == f"max-age={ttl}"
    time.sleep(1.05)
    for url, name, ttl in asked:
        response = http.get(url + "/resolve", params={"name": name})
        assert response.json()["Status"] == 3
        max_age = int(response.headers["cache-control"].removeprefix("max-age="))
        assert aged(max_age, ttl)
        assert ttls(response.json()) == ([max_age] if url == with_soa else [])  # the SOA, aged alike


def test_the_cache_is_bounded(serve, http):
    one, two = serve(cache_size=1), serve(cache_size=2)
    for url in (one, two):
        for name in (HOST, ALIAS):
            http.get(url + "/resolve", params={"name": name})
    time.sleep(1.05)
    # With room for one answer, the first was dropped for the second and comes fresh from the upstream.
    assert ttls(http.get(one + "/resolve", params={"name": HOST}).json()) == [LOCAL_TTL]
    (ttl,) = ttls(http.get(two + "/resolve", params={"name": HOST}).json())
    assert aged(ttl, LOCAL_TTL)


def test_no_cache(serve, http):
    url = serve(cache_size=0)
    http.get(url + "/resolve", params={"name": HOST})
    time.sleep(1.05)
    assert ttls(http.get(url + "/resolve", params={"name": HOST}).json()) == [LOCAL_TTL]


def test_the_zone_answers(serve, authority, http):
    body = http.get(serve(upstreams=(authority,)) + "/resolve", params={"name": ZONE_HOST}).json()
    assert body["Answer"] == [{"name": ZONE_HOST + ".", "type": 1, "TTL": ZONE_TTL, "data": ZONE_V4}]


def test_records_of_the_fixture(endpoint, http):
    assert records(doh(endpoint, query(SHORT), post=False, session=http)) == {(SHORT + ".", "A"): [SHORT_V4]}
