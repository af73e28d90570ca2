"""X-Forwarded-For and the rate limit, on the real `icp-doh` command (its own uvicorn, started through the CLI as a
deployment starts it): a request from a trusted proxy counts as the client the header names, from any other peer
the header is ignored. Two source addresses on the loopback play the proxy and a stranger (Linux answers all of
127.0.0.0/8 on `lo`); which of them is trusted is icp-doh's setting, `--forwarded-allow-ips`, never uvicorn's own
default or its FORWARDED_ALLOW_IPS variable.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest

from doh import cli
from doh.constants import DEFAULT_FORWARDED_ALLOW_IPS
from doh_servers import HOST, free_port, icp_doh

BURST = 3
# A token comes back every 1000 s: within a test, a bucket once empty stays empty.
LIMIT = ["--rate", "0.001", "--burst", str(BURST)]
LOOPBACK, OTHER_LOOPBACK = "127.0.0.1", "127.0.0.2"


@dataclass
class Proxied:
    url: str
    trusted: httpx2.Client  # connects from an address icp-doh trusts as a proxy
    untrusted: httpx2.Client  # connects from one it does not
    log: Path  # icp-doh's log, with the access log's lines


# (options, extra environment, trusted source, untrusted source)
SETUPS = {
    # The defaults. uvicorn's own variable, set to the other address, must change nothing: icp-doh says its own.
    "default": ([], {"FORWARDED_ALLOW_IPS": OTHER_LOOPBACK}, LOOPBACK, OTHER_LOOPBACK),
    # The option, repeated, with an address and a network; the loopback's usual address is then a stranger.
    "option": (
        ["--forwarded-allow-ips", "192.0.2.1", "--forwarded-allow-ips", "127.0.0.2/31"],
        {},
        OTHER_LOOPBACK,
        LOOPBACK,
    ),
    "variable": ([], {"ICP_DOH_FORWARDED_ALLOW_IPS": "192.0.2.1, 127.0.0.2"}, OTHER_LOOPBACK, LOOPBACK),
}


def client_from(source: str) -> httpx2.Client:
    return httpx2.Client(transport=httpx2.HTTPTransport(local_address=source), timeout=10)


@pytest.fixture(scope="module", params=list(SETUPS))
def proxied(request, upstream, tmp_path_factory) -> Iterator[Proxied]:
    options, extra, trusted, untrusted = SETUPS[request.param]
    env = {key: value for key, value in os.environ.items() if "FORWARDED_ALLOW_IPS" not in key}
    env.update({"ICP_DOH_UPSTREAMS": f"127.0.0.1:{upstream.port}", **extra})
    port = free_port(socket.SOCK_STREAM)
    log = tmp_path_factory.mktemp("forwarded") / "icp-doh.log"
    with icp_doh([*LIMIT, *options], port, log, env), client_from(trusted) as near, client_from(untrusted) as far:
        yield Proxied(f"http://127.0.0.1:{port}", near, far, log)


def status(client: httpx2.Client, url: str, forwarded_for: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    response = client.get(url + "/resolve", params={"name": HOST}, headers=headers)
    assert response.status_code in (200, 429), response.text
    return response.status_code


def access_log(log: Path, client: str, count: int) -> list[str]:
    """The access log's lines for clients whose address starts with `client`, without the duration; waiting a
    little for the last (the line is written once the response has gone)."""
    deadline = time.monotonic() + 5
    while True:
        lines = [
            line.split(" doh.access ")[1].rsplit(" ", 1)[0]
            for line in log.read_text().splitlines()
            if f" doh.access {client}" in line
        ]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(proxied):
    """Client A spends its burst and is refused; client B, through the same proxy, is still answered; so is the
    proxy itself (no header). With a header a proxy appends to (nginx's $proxy_add_x_forwarded_for), what the
    client wrote in front of its own address does not make it someone else: the last address the proxy did not
    add counts. The access log names the client, not the proxy."""
    url, proxy = proxied.url, proxied.trusted
    assert [status(proxy, url, "198.51.100.1") for _ in range(BURST)] == [200] * BURST
    assert status(proxy, url, "198.51.100.1") == 429
    assert status(proxy, url, "198.51.100.2") == 200
    assert status(proxy, url) == 200
    assert status(proxy, url, "203.0.113.77, 198.51.100.1") == 429
    assert access_log(proxied.log, "198.51.100.", BURST + 3) == ["198.51.100.1 GET /resolve 200"] * BURST + [
        "198.51.100.1 GET /resolve 429",
        "198.51.100.2 GET /resolve 200",
        "198.51.100.1 GET /resolve 429",
    ]


def test_from_an_untrusted_peer_the_header_is_ignored(proxied):
    """A stranger that names a new client in every request still spends its own bucket, and is refused once it is
    empty; a trusted proxy's clients are not affected by it. The access log names the stranger by its own address."""
    url, stranger = proxied.url, proxied.untrusted
    assert [status(stranger, url, f"203.0.113.{n}") for n in range(BURST)] == [200] * BURST
    assert status(stranger, url, "203.0.113.200") == 429
    assert status(stranger, url) == 429
    assert status(proxied.trusted, url, "203.0.113.200") == 200
    # Only the proxy's client is logged under the address in the header; the stranger's lines carry its own.
    assert access_log(proxied.log, "203.0.113.", 1) == ["203.0.113.200 GET /resolve 200"]


# --- the setting itself -----------------------------------------------------------------------------------------

UPSTREAM = ["--upstream", "127.0.0.1"]


def test_default_is_a_proxy_on_this_machine():
    assert cli.parse(UPSTREAM, {}).forwarded_allow_ips == DEFAULT_FORWARDED_ALLOW_IPS == ("127.0.0.1", "::1")


def test_addresses_and_networks_are_written_as_uvicorn_compares_them():
    settings = cli.parse(
        [
            *UPSTREAM,
            "--forwarded-allow-ips",
            "10.0.0.0/8",
            "--forwarded-allow-ips",
            "2001:DB8:0::1",
            "--forwarded-allow-ips",
            "fd00::/8",
        ],
        {},
    )
    assert settings.forwarded_allow_ips == ("10.0.0.0/8", "2001:db8::1", "fd00::/8")
    from_environment = cli.parse(UPSTREAM, {"ICP_DOH_FORWARDED_ALLOW_IPS": "10.0.0.0/8, 192.0.2.7"})
    assert from_environment.forwarded_allow_ips == ("10.0.0.0/8", "192.0.2.7")


@pytest.mark.parametrize(
    "argv, environ, named",
    [
        # uvicorn would take each of these as a literal name that no peer ever has, and so silently trust no one;
        # "*" would let every client choose its own bucket.
        (["--forwarded-allow-ips", "proxy.internal"], {}, "--forwarded-allow-ips"),
        (["--forwarded-allow-ips", "*"], {}, "--forwarded-allow-ips"),
        (["--forwarded-allow-ips", "10.0.0.1/8"], {}, "--forwarded-allow-ips"),  # host bits set: a typo for what?
        (["--forwarded-allow-ips", "10.0.0.0/33"], {}, "--forwarded-allow-ips"),
        (["--forwarded-allow-ips", "127.0.0.1,10.0.0.1"], {}, "--forwarded-allow-ips"),  # the option is repeated
        ([], {"ICP_DOH_FORWARDED_ALLOW_IPS": "127.0.0.1;10.0.0.1"}, "ICP_DOH_FORWARDED_ALLOW_IPS"),
        ([], {"ICP_DOH_FORWARDED_ALLOW_IPS": " , "}, "ICP_DOH_FORWARDED_ALLOW_IPS"),
    ],
)
def test_a_bad_proxy_exits_2_naming_the_setting(argv, environ, named, capsys):
    assert cli.main(argv, {"ICP_DOH_UPSTREAMS": "127.0.0.1", **environ}) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"icp-doh: {named}: ") and error.count("\n") == 1


def test_help_says_what_it_does_and_its_default(capsys):
    assert cli.main(["--help"], {}) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--forwarded-allow-ips IP|NETWORK" in text and "X-Forwarded-For" in text
    assert "(default: 127.0.0.1 and ::1" in text and "ICP_DOH_FORWARDED_ALLOW_IPS" in text


# --- a network of proxies ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def behind_a_network(upstream, tmp_path_factory) -> Iterator[Proxied]:
    """icp-doh trusting all of 127.0.0.0/8, asked from 127.0.0.5 (a proxy in that network, not 127.0.0.1)."""
    env = {key: value for key, value in os.environ.items() if "FORWARDED_ALLOW_IPS" not in key}
    env["ICP_DOH_UPSTREAMS"] = f"127.0.0.1:{upstream.port}"
    port = free_port(socket.SOCK_STREAM)
    log = tmp_path_factory.mktemp("network") / "icp-doh.log"
    options = [*LIMIT, "--forwarded-allow-ips", "127.0.0.0/8"]
    with icp_doh(options, port, log, env), client_from("127.0.0.5") as proxy:
        yield Proxied(f"http://127.0.0.1:{port}", proxy, proxy, log)


def test_through_a_chain_of_trusted_proxies_the_client_is_the_last_untrusted_address(behind_a_network):
    """Two proxies of the network each append the address they saw: the client is the right-most address that
    is not a trusted proxy, and what the client put in front of it changes nothing."""
    url, proxy = behind_a_network.url, behind_a_network.trusted
    assert [status(proxy, url, "198.51.100.60, 127.0.0.9") for _ in range(BURST)] == [200] * BURST
    assert status(proxy, url, "198.51.100.60") == 429
    assert status(proxy, url, "198.51.100.61, 198.51.100.60, 127.0.0.9") == 429  # spoofed in front
    assert status(proxy, url, "198.51.100.60, 198.51.100.61, 127.0.0.9") == 200  # 61 is the client here
    assert access_log(behind_a_network.log, "198.51.100.6", BURST + 3)[-3:] == [
        "198.51.100.60 GET /resolve 429",
        "198.51.100.60 GET /resolve 429",
        "198.51.100.61 GET /resolve 200",
    ]


def test_behind_a_proxy_an_ipv6_client_is_its_64(behind_a_network):
    """A client that takes a new address of its /64 for every request is still one client; its neighbour /64,
    another. An IPv4 client written as IPv4-mapped IPv6 is the IPv4 client."""
    url, proxy = behind_a_network.url, behind_a_network.trusted
    rotating = [status(proxy, url, f"2001:db8:7:8:{n:x}::{n * 13:x}") for n in range(1, BURST + 3)]
    assert rotating == [200] * BURST + [429, 429]
    assert status(proxy, url, "2001:db8:7:9::1") == 200
    assert [status(proxy, url, "198.51.100.70") for _ in range(BURST)] == [200] * BURST
    assert status(proxy, url, "::ffff:198.51.100.70") == 429
