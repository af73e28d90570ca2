"""`make serve` (scripts/serve.py): the site and icp-doh come up together, and stopping one stops both."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from doh_servers import free_port
from site_pages import ROOT


def answer(url: str, origin: str | None = None, seconds: float = 20) -> tuple[int, dict[str, str], bytes]:
    """The first answer from `url` within `seconds` (the servers are still starting): status, headers, body."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            request = urllib.request.Request(url, headers={"Origin": origin} if origin else {})
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.status, dict(response.headers), response.read()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_the_site_and_its_endpoint_run_and_stop_together(tmp_path: Path):
    (tmp_path / "index.html").write_text("<title>ICP</title>", encoding="utf-8")
    port, doh_port = free_port(), free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "serve.py"),
            "--site",
            str(tmp_path),
            "--port",
            str(port),
            "--doh-port",
            str(doh_port),
            "--upstream",
            "127.0.0.1:9",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert answer(f"http://127.0.0.1:{port}/")[2].startswith(b"<title>ICP")
        status, headers, _ = answer(f"http://127.0.0.1:{doh_port}/healthz", origin=f"http://127.0.0.1:{port}")
        assert status == 200
        assert {key.lower(): value for key, value in headers.items()}[
            "access-control-allow-origin"
        ] == f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=15)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{doh_port}/healthz", timeout=2)
    assert "Serving ICP Filing Self-Check" in output


def test_an_unbuilt_site_is_refused_saying_what_to_run(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), "--site", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "run `make build` first" in result.stderr
