"""Debian's nginx with deploy/nginx.conf (scripts/nginx_site.py) serving the built site and proxying icp-doh, asked
over real HTTP: the types, the precompressed files sent as they are, caching, the security headers, the 404 pages,
/resolve and /dns-query through to a real icp-doh in front of a real DNS server (dnsmasq), and the client's address
as icp-doh sees it. The truth is nginx's own answer, the files on disk, the brotli and gzip libraries, dnspython.

The client speaks from 127.0.0.2 (any 127/8 address is the loopback's), so the address nginx forwards is told
apart from nginx's own (127.0.0.1) in icp-doh's access log.
"""

from __future__ import annotations

import gzip
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import dns.message
import dns.query
import dns.rcode
import httpx2
import pytest

import nginx_site
from doh_servers import HOST, HOST_V4, dnsmasq, free_port, icp_doh, resolver_arguments
from site_pages import ROOT, SITE

CLIENT = "127.0.0.2"
IMMUTABLE = "public, max-age=31536000, immutable"
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
}


@pytest.fixture(scope="module", autouse=True)
def site_is_built():
    if not (SITE / nginx_site.POLICY_FILE).is_file():
        pytest.fail(f"{SITE} is not built with its policy: run `make test`, which builds it first")


def free_tcp_port() -> int:
    return free_port(socket.SOCK_STREAM)


@dataclass(frozen=True)
class Served:
    url: str
    doh_log: Path
    error_log: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """nginx on the built site, with one icp-doh behind it asking dnsmasq (the DoH tests' fixture records)."""
    dns_port, doh_port, port = free_port(), free_tcp_port(), free_tcp_port()
    log = tmp_path_factory.mktemp("icp-doh") / "icp-doh.log"
    with (
        dnsmasq(resolver_arguments(dns_port), dns_port),
        icp_doh(["--upstream", f"127.0.0.1:{dns_port}"], doh_port, log),
        nginx_site.nginx(SITE, "127.0.0.1", port, doh=[f"127.0.0.1:{doh_port}"]) as site,
    ):
        yield Served(site.url, log, site.error_log)
        # Nothing nginx thought worth a warning while it served the tests (a bad header, an upstream refused ...).
        assert not re.search(r"\[(warn|error|crit|alert|emerg)\]", site.error_log.read_text()), (
            site.error_log.read_text()
        )


@pytest.fixture(scope="module")
def http() -> Iterator[httpx2.Client]:
    """A client speaking from CLIENT, following no redirect."""
    with httpx2.Client(transport=httpx2.HTTPTransport(local_address=CLIENT), timeout=10) as client:
        yield client


def fetch(http: httpx2.Client, url: str, accept_encoding: str | None = None) -> tuple[httpx2.Response, bytes]:
    """The response and its body as sent (never decoded); no Accept-Encoding at all when `accept_encoding` is None
    (the client's own default removed)."""
    request = http.build_request("GET", url)
    del request.headers["Accept-Encoding"]
    if accept_encoding is not None:
        request.headers["Accept-Encoding"] = accept_encoding
    response = http.send(request, stream=True)
    try:
        return response, b"".join(response.iter_raw())
    finally:
        response.close()


def one(pattern: str) -> str:
    """The one file of the built site matching the glob `pattern`, as a path from the site's root."""
    (found,) = SITE.glob(pattern)
    return found.relative_to(SITE).as_posix()


# --- types -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern, media_types",
    [
        ("assets/pyodide/*/pyodide.asm.wasm", {"application/wasm"}),  # WebAssembly's streaming compile needs it
        ("assets/javascripts/checker-worker.mjs", {"text/javascript"}),  # a module worker refuses any other
        ("assets/pyodide/*/pyodide.mjs", {"text/javascript"}),
        ("assets/javascripts/self-check.js", {"text/javascript", "application/javascript"}),
        ("assets/stylesheets/self-check.css", {"text/css"}),
        ("index.html", {"text/html"}),
        ("assets/pyodide/*/pyodide-lock.json", {"application/json"}),
    ],
)
def test_each_kind_of_file_has_its_type(served, http, pattern: str, media_types: set[str]):
    response, _ = fetch(http, served.url + one(pattern))
    assert response.status_code == 200
    media_type, _, parameters = response.headers["content-type"].partition(";")
    assert media_type in media_types
    if media_type.startswith("text/"):
        assert parameters.strip().lower() == "charset=utf-8"


# --- the precompressed files -------------------------------------------------------------------------------


def precompressed() -> list[str]:
    """Every file of the build with both variants beside it (hooks/precompress.py)."""
    return sorted(
        path.relative_to(SITE).as_posix()
        for path in SITE.rglob("*")
        if path.with_name(path.name + ".br").is_file() and path.with_name(path.name + ".gz").is_file()
    )


def test_the_build_has_precompressed_files():
    assert any(path.endswith(".wasm") for path in precompressed()), "no .wasm with its .br and .gz in the site"


@pytest.mark.parametrize("path", precompressed())
def test_the_precompressed_files_are_sent_as_they_are(served, http, path: str):
    original = (SITE / path).read_bytes()
    for accept, coding, suffix in [("br", "br", ".br"), ("gzip, br", "br", ".br"), ("gzip", "gzip", ".gz")]:
        response, body = fetch(http, served.url + path, accept)
        assert response.headers.get("content-encoding") == coding, f"Accept-Encoding: {accept}"
        assert body == (SITE / (path + suffix)).read_bytes(), f"Accept-Encoding: {accept}"
        assert {"br": brotli.decompress, "gzip": gzip.decompress}[coding](body) == original
        assert int(response.headers["content-length"]) == len(body)
        assert response.headers["vary"] == "Accept-Encoding"
    for accept in (None, "identity", "deflate", "br;q=0, gzip;q=0"):
        response, body = fetch(http, served.url + path, accept)
        assert "content-encoding" not in response.headers, f"Accept-Encoding: {accept}"
        assert body == original
        assert response.headers["vary"] == "Accept-Encoding"


def test_pages_without_variants_are_compressed_on_the_fly(served, http):
    response, body = fetch(http, served.url, "gzip")
    assert response.headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == (SITE / "index.html").read_bytes()
    assert response.headers["vary"] == "Accept-Encoding"


# --- caching -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern, cache_control",
    [
        # Named after their content or their version: kept a year, never asked again.
        ("assets/pyodide/*/pyodide.asm.wasm", IMMUTABLE),
        ("assets/pyodide/*/pyodide-lock.json", IMMUTABLE),
        ("assets/checker/checker-*.whl", IMMUTABLE),
        ("assets/checker/checker-*.snapshot", IMMUTABLE),
        ("assets/mermaid/*/mermaid.min.js", IMMUTABLE),
        ("assets/javascripts/bundle.*.min.js", IMMUTABLE),
        ("assets/javascripts/workers/search.*.min.js", IMMUTABLE),
        ("assets/stylesheets/main.*.min.css", IMMUTABLE),
        # Named the same in every build: asked again each time.
        ("index.html", "no-cache"),
        ("zh/self-check/index.html", "no-cache"),
        ("sitemap.xml", "no-cache"),
        ("sw.js", "no-cache"),
        ("assets/javascripts/checker-worker.mjs", "no-cache"),
        ("assets/javascripts/self-check.js", "no-cache"),
        ("assets/stylesheets/self-check.css", "no-cache"),
    ],
)
def test_hashed_files_are_kept_a_year_and_the_rest_asked_again(served, http, pattern: str, cache_control: str):
    path = one(pattern)
    response, _ = fetch(http, served.url + path)
    assert response.status_code == 200
    assert response.headers.get_list("cache-control") == [cache_control]


def test_a_page_is_served_at_its_folder_and_a_folder_without_slash_redirects_on_the_same_host(served, http):
    response, body = fetch(http, served.url + "zh/self-check/")
    assert body == (SITE / "zh/self-check/index.html").read_bytes()
    assert response.headers.get_list("cache-control") == ["no-cache"]
    redirect, _ = fetch(http, served.url + "zh/self-check")
    assert redirect.status_code == 301 and redirect.headers["location"] == "/zh/self-check/"


# --- security headers and the 404 pages --------------------------------------------------------------------


def assert_security_headers(response: httpx2.Response) -> None:
    policy = (SITE / nginx_site.POLICY_FILE).read_text(encoding="utf-8").strip()
    assert response.headers.get_list("content-security-policy") == [policy]
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get_list(name) == [value], name
    assert "strict-transport-security" not in response.headers  # HTTPS only: commented out in the template
    assert response.headers["server"] == "nginx"  # no version


@pytest.mark.parametrize(
    "path, status",
    [
        ("", 200),
        ("zh/remediation/", 200),
        ("assets/pyodide/*/pyodide.asm.wasm", 200),
        ("assets/javascripts/checker-worker.mjs", 200),
        ("no-such-page/", 404),
        ("assets/checker/no-such-file.whl", 404),
    ],
)
def test_every_answer_carries_the_security_headers(served, http, path: str, status: int):
    response, _ = fetch(http, served.url + (one(path) if "*" in path else path))
    assert response.status_code == status
    assert_security_headers(response)


@pytest.mark.parametrize(
    "path, page",
    [("no-such-page/", "404.html"), ("assets/gone.js", "404.html"), ("zh/no-such-page/", "zh/404.html")],
)
def test_a_missing_page_gets_the_404_page_of_its_language(served, http, path: str, page: str):
    response, body = fetch(http, served.url + path, "identity")
    assert response.status_code == 404
    assert body == (SITE / page).read_bytes()
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers.get_list("cache-control") == ["no-cache"]


# --- icp-doh behind nginx ----------------------------------------------------------------------------------


def doh_clients(served: Served) -> list[tuple[str, ...]]:
    """Client, method, path and status of each request in icp-doh's access log ("<client> <method> <path> <status>
    <time>", one line per request, written once the answer has gone: hence the waiting in `logged_since`)."""
    lines = [line for line in served.doh_log.read_text().splitlines() if " doh.access " in line]
    return [re.search(r" doh\.access (\S+) (GET|POST) (\S+) (\d+) ", line).groups() for line in lines]


def logged_since(served: Served, before: int, count: int = 1) -> list[tuple[str, ...]]:
    """The access log's lines after the first `before`, once there are `count` of them (or after 5 s)."""
    deadline = time.monotonic() + 5
    while len(doh_clients(served)) < before + count and time.monotonic() < deadline:
        time.sleep(0.02)
    return doh_clients(served)[before:]


def test_resolve_is_answered_by_icp_doh_with_the_clients_address(served, http):
    before = len(doh_clients(served))
    # Whatever a client says it forwards is not believed: nginx sets the header from the address it sees.
    response = http.get(
        served.url + "resolve", params={"name": HOST, "type": "A"}, headers={"X-Forwarded-For": "198.51.100.7"}
    )
    assert response.status_code == 200
    assert [answer["data"] for answer in response.json()["Answer"]] == [HOST_V4]
    assert response.headers["cache-control"].startswith("max-age=")  # icp-doh's own: the TTL
    assert response.headers.get_list("cache-control") == [response.headers["cache-control"]]
    assert_security_headers(response)
    assert logged_since(served, before) == [(CLIENT, "GET", "/resolve", "200")]


@pytest.mark.parametrize("post", [False, True])
def test_dns_query_is_answered_by_icp_doh_with_the_clients_address(served, http, post: bool):
    before = len(doh_clients(served))
    query = dns.message.make_query(HOST, "A")
    query.id = 0  # RFC 8484 §4.1
    answer = dns.query.https(query, served.url + "dns-query", post=post, timeout=10, session=http)
    assert answer.rcode() == dns.rcode.NOERROR
    assert [rdata.to_text() for rdata in answer.answer[0]] == [HOST_V4]
    assert logged_since(served, before) == [(CLIENT, "POST" if post else "GET", "/dns-query", "200")]


def test_icp_doh_errors_pass_through_as_they_are(served, http):
    response = http.get(served.url + "resolve", params={"name": "", "type": "A"})
    assert response.status_code == 400
    assert "error" in response.json()
    assert response.headers["cache-control"] == "no-store"


def test_icp_dohs_health_check_is_not_public(served, http):
    response, body = fetch(http, served.url + "healthz", "identity")
    assert response.status_code == 404
    assert body == (SITE / "404.html").read_bytes()


def test_without_icp_doh_its_paths_are_missing_pages(http):
    with nginx_site.nginx(SITE, "127.0.0.1", free_tcp_port()) as site:
        for path in ("resolve?name=example.test", "dns-query"):
            response, body = fetch(http, site.url + path, "identity")
            assert response.status_code == 404
            assert body == (SITE / "404.html").read_bytes()


# --- the config itself and the operator's command ---------------------------------------------------------


@pytest.mark.parametrize("doh", [[], ["127.0.0.1:8053"], ["127.0.0.1:8053", "10.0.0.2:8053"]])
@pytest.mark.parametrize("brotli_module", [nginx_site.BROTLI_MODULE, None])
def test_nginx_accepts_the_rendered_config(tmp_path: Path, doh: list[str], brotli_module: Path | None):
    conf = tmp_path / "nginx.conf"
    text = nginx_site.render(
        SITE, host="127.0.0.1", port=8080, doh=doh, runtime_dir=f"{tmp_path}/", brotli_module=brotli_module
    )
    conf.write_text(text)
    nginx_site.check(conf, tmp_path)  # nginx -t
    assert ("load_module" in text) == (brotli_module is not None)
    assert ("brotli_static on" in text) == (brotli_module is not None)
    assert text.count("proxy_pass http://icp_doh") == (1 if doh else 0)
    assert re.findall(r"^ *server (\S+) max_fails", text, re.MULTILINE) == doh


def test_nginx_check_reports_a_broken_config(tmp_path: Path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_site.render(SITE, host="127.0.0.1", port=8080, runtime_dir=f"{tmp_path}/") + "oops;\n")
    with pytest.raises(nginx_site.NginxError, match="oops"):
        nginx_site.check(conf, tmp_path)


def test_a_port_in_use_is_reported_with_nginxs_own_words():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with (
            pytest.raises(nginx_site.NginxError, match="Address already in use"),
            nginx_site.nginx(SITE, "127.0.0.1", taken.getsockname()[1]),
        ):
            pass


def test_a_site_built_without_its_policy_is_refused(tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html>")
    with pytest.raises(nginx_site.NginxError, match=re.escape(nginx_site.POLICY_FILE)):
        nginx_site.render(tmp_path, host="127.0.0.1", port=8080)


@pytest.mark.parametrize("policy", ['default-src "self"', "script-src $uri", "a;\nb"])
def test_a_policy_nginx_would_read_otherwise_is_refused(policy: str):
    with pytest.raises(nginx_site.NginxError):
        nginx_site.render(SITE, host="127.0.0.1", port=8080, csp=policy)


def render_command(*arguments: str) -> subprocess.CompletedProcess[str]:
    """`python scripts/nginx_site.py render ...`, as an operator runs it."""
    command = [sys.executable, str(ROOT / "scripts" / "nginx_site.py"), "render", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)


def test_the_operators_render_command_prints_a_config_nginx_accepts(tmp_path: Path):
    result = render_command(
        *("--site", str(SITE), "--host", "0.0.0.0", "--port", "8080"),
        *("--doh", "127.0.0.1:8053", "--doh", "127.0.0.1:8054"),
        *("--runtime-dir", str(tmp_path), "--user", "www-data"),
    )
    assert result.returncode == 0, result.stderr
    conf = tmp_path / "nginx.conf"
    conf.write_text(result.stdout)
    nginx_site.check(conf, tmp_path)
    assert "listen 0.0.0.0:8080;" in result.stdout
    assert f'root "{SITE.resolve()}";' in result.stdout
    assert "server 127.0.0.1:8053 " in result.stdout and "server 127.0.0.1:8054 " in result.stdout
    assert f"pid {tmp_path}/nginx.pid;" in result.stdout
    assert "user www-data;" in result.stdout
    policy = (SITE / nginx_site.POLICY_FILE).read_text(encoding="utf-8").strip()
    assert f'add_header Content-Security-Policy "{policy}" always;' in result.stdout


def test_the_render_command_says_when_the_site_is_not_built(tmp_path: Path):
    result = render_command("--site", str(tmp_path), "--host", "127.0.0.1", "--port", "8080")
    assert result.returncode == 2
    assert f"{tmp_path}/ is not a built site" in result.stderr
