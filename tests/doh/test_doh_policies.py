"""CORS, the rate limit and the access log, on the endpoint served for real."""

from __future__ import annotations

import base64
import logging
import time

import dns.message
import httpx2
import pytest

from doh_servers import HOST

SITE, OTHER = "https://icp-check.example.com", "https://elsewhere.example.com"


# --- CORS -------------------------------------------------------------------------------------------------------


def test_an_allowed_origin_may_read_answers(serve, http):
    url = serve(allow_origins=(SITE,))
    response = http.get(url + "/resolve", params={"name": HOST}, headers={"Origin": SITE})
    assert response.headers["access-control-allow-origin"] == SITE
    assert "Origin" in response.headers["vary"]


def test_another_origin_may_not(serve, http):
    url = serve(allow_origins=(SITE,))
    response = http.get(url + "/resolve", params={"name": HOST}, headers={"Origin": OTHER})
    assert response.status_code == 200  # the browser, not the server, keeps the page from reading it
    assert "access-control-allow-origin" not in response.headers
    assert "Origin" in response.headers["vary"]


def test_preflight(serve, http):
    url = serve(allow_origins=(SITE,))
    response = http.options(
        url + "/dns-query",
        headers={
            "Origin": SITE,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == SITE
    methods = {method.strip() for method in response.headers["access-control-allow-methods"].split(",")}
    assert methods == {"GET", "POST", "OPTIONS"}
    headers = {header.strip().lower() for header in response.headers["access-control-allow-headers"].split(",")}
    assert {"content-type", "accept"} <= headers
    assert "Origin" in response.headers["vary"]


def test_preflight_from_another_origin_is_refused(serve, http):
    url = serve(allow_origins=(SITE,))
    response = http.options(url + "/dns-query", headers={"Origin": OTHER, "Access-Control-Request-Method": "GET"})
    assert response.status_code == 400 and "access-control-allow-origin" not in response.headers


def test_any_origin_when_asked(serve, http):
    url = serve(allow_origins=("*",))
    response = http.get(url + "/resolve", params={"name": HOST}, headers={"Origin": OTHER})
    assert response.headers["access-control-allow-origin"] == "*"


def test_no_cors_by_default(endpoint, http):
    response = http.get(endpoint + "/resolve", params={"name": HOST}, headers={"Origin": SITE})
    assert "access-control-allow-origin" not in response.headers


# --- The rate limit ---------------------------------------------------------------------------------------------


def test_a_client_over_its_burst_is_told_to_wait(serve, http):
    url = serve(rate=0.1, burst=3, allow_origins=(SITE,))
    statuses = [http.get(url + "/resolve", params={"name": HOST}).status_code for _ in range(3)]
    refused = http.get(url + "/resolve", params={"name": HOST}, headers={"Origin": SITE})
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 10  # one token every ten seconds
    assert refused.json() == {"error": "too many requests"}
    assert refused.headers["access-control-allow-origin"] == SITE  # the page can read why
    # The wire form shares the bucket; health checks never count.
    assert (
        http.post(url + "/dns-query", content=b"", headers={"content-type": "application/dns-message"}).status_code
        == 429
    )
    assert http.get(url + "/healthz").status_code == 200


def test_other_clients_are_not_affected(serve, http):
    url = serve(rate=0.1, burst=2)
    for _ in range(3):
        http.get(url + "/resolve", params={"name": HOST})
    assert http.get(url + "/resolve", params={"name": HOST}).status_code == 429
    # Another address on the loopback network is another client.
    with httpx2.Client(transport=httpx2.HTTPTransport(local_address="127.0.0.2"), timeout=10) as other:
        assert other.get(url + "/resolve", params={"name": HOST}).status_code == 200


def test_a_client_that_waits_as_told_is_served(serve, http):
    url = serve(rate=1, burst=1)
    assert http.get(url + "/resolve", params={"name": HOST}).status_code == 200
    refused = http.get(url + "/resolve", params={"name": HOST})
    assert refused.status_code == 429
    time.sleep(int(refused.headers["retry-after"]))
    assert http.get(url + "/resolve", params={"name": HOST}).status_code == 200


# --- The access log ---------------------------------------------------------------------------------------------


def logged(caplog: pytest.LogCaptureFixture, count: int) -> list[str]:
    """The access log's lines, once there are `count` (the server writes each after its response is sent)."""
    deadline = time.monotonic() + 5
    while True:
        lines = [record.getMessage() for record in caplog.records if record.name == "doh.access"]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.01)


def test_the_access_log_has_no_names_by_default(serve, http, caplog):
    url = serve()
    caplog.set_level(logging.INFO, logger="doh.access")
    http.get(url + "/resolve", params={"name": "secret-json.example.test", "type": "AAAA"})
    wire = dns.message.make_query("secret-wire.example.test", "A").to_wire()
    http.get(url + "/dns-query", params={"dns": base64.urlsafe_b64encode(wire).rstrip(b"=").decode()})
    http.get(url + "/resolve", params={"name": "bad_secret"})
    lines = logged(caplog, 3)
    assert len(lines) == 3
    client, method, path, status, duration = lines[0].split()
    assert (client, method, path, status) == ("127.0.0.1", "GET", "/resolve", "200")
    assert duration.endswith("ms") and float(duration[:-2]) >= 0
    assert lines[1].split()[1:4] == ["GET", "/dns-query", "200"]
    assert lines[2].split()[1:4] == ["GET", "/resolve", "400"]
    assert not any("secret" in line or "?" in line or "=" in line for line in lines)


def test_the_access_log_has_names_when_asked(serve, http, caplog):
    url = serve(log_names=True)
    caplog.set_level(logging.INFO, logger="doh.access")
    http.get(url + "/resolve", params={"name": "Named.example.test", "type": "AAAA"})
    (line,) = logged(caplog, 1)
    assert line.split()[2:4] == ["/resolve", "200"]
    assert line.endswith(" named.example.test AAAA")
