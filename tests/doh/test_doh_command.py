"""The real `icp-doh` command (and `python -m doh`), configured by options and the environment, asked over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import dns.message
import dns.query
import dns.rcode
import pytest

from doh.settings import SettingsError, system_upstreams
from doh_servers import HOST, HOST_V4, free_port, icp_doh, icp_doh_command


def test_icp_doh_serves_both_apis(upstream, http, tmp_path):
    port = free_port(socket.SOCK_STREAM)
    env = {
        **os.environ,
        "ICP_DOH_UPSTREAMS": f"127.0.0.1:{upstream.port}",
        "ICP_DOH_RATE": "100",
        "ICP_DOH_BURST": "100",
        "ICP_DOH_ALLOW_ORIGINS": "https://icp-check.example.com",
    }
    log = tmp_path / "icp-doh.log"
    with icp_doh(["--cache-size", "100"], port, log, env):
        url = f"http://127.0.0.1:{port}"
        message = dns.message.make_query(HOST, "A")
        message.id = 0
        for post in (False, True):
            answer = dns.query.https(message, url + "/dns-query", post=post, timeout=10, session=http)
            assert answer.rcode() == dns.rcode.NOERROR and answer.answer[0][0].to_text() == HOST_V4
        response = http.get(
            url + "/resolve", params={"name": HOST}, headers={"Origin": "https://icp-check.example.com"}
        )
        assert response.json()["Answer"][0]["data"] == HOST_V4
        assert response.headers["access-control-allow-origin"] == "https://icp-check.example.com"
        assert "server" not in response.headers
    access = [line for line in log.read_text().splitlines() if " doh.access " in line]
    assert len(access) == 4  # the health check that waited for start-up, then three queries
    assert all(HOST not in line and "?" not in line for line in access)


def test_icp_doh_refuses_a_bad_value():
    result = subprocess.run(
        [icp_doh_command(), "--upstream", "resolver.example"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2
    assert result.stderr.startswith("icp-doh: --upstream: ")


def test_python_m_doh():
    result = subprocess.run(
        [sys.executable, "-m", "doh", "--help"], capture_output=True, text=True, timeout=30, cwd="/"
    )
    assert result.returncode == 0 and result.stdout.startswith("usage: icp-doh")


def test_icp_doh_on_a_reachable_address_wants_its_upstreams_named(tmp_path):
    """Started on an address reachable from elsewhere with the system's resolver: refused at once, before it
    listens, saying what to set (192.0.2.1 is on no interface here: were the check missing, uvicorn would fail to
    bind it, with another status, rather than listen on the network). On the loopback (where icp_doh starts it)
    the system's resolver is still the default."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ICP_DOH_")}
    port = free_port(socket.SOCK_STREAM)
    result = subprocess.run(
        [icp_doh_command(), "--host", "192.0.2.1", "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "icp-doh: --host 192.0.2.1 is reachable from other machines: name the upstream resolvers with --upstream or "
        "ICP_DOH_UPSTREAMS (the system's resolver, the default on a loopback address, may answer internal names)\n"
    )
    try:
        system_upstreams()
    except SettingsError:
        pytest.skip("this machine's /etc/resolv.conf names no nameserver")
    with icp_doh([], port, tmp_path / "icp-doh.log", env) as process:
        assert process.poll() is None
