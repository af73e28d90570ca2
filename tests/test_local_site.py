"""scripts/local_site.py: the site's server sends a file's precompressed variant when the request accepts it, as
nginx's brotli_static and gzip_static do, and the file itself otherwise; checked over real HTTP, the bodies decoded
by the brotli and gzip libraries, not by our code."""

from __future__ import annotations

import email.utils
import gzip
import http.client
import os
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest

from local_site import SiteHandler, choose_encoding, serve

# Compressible, and different enough from line to line that a wrong decoding cannot come out equal.
ORIGINAL = b"".join(b"line %d of the runtime: %s\n" % (n, str(n * n).encode()) for n in range(3000))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A built site's shapes: a wasm with both variants, a script with only gzip, a page with none."""
    root = tmp_path_factory.mktemp("site")
    (root / "assets").mkdir()
    (root / "assets/runtime.wasm").write_bytes(ORIGINAL)
    (root / "assets/runtime.wasm.br").write_bytes(brotli.compress(ORIGINAL))
    (root / "assets/runtime.wasm.gz").write_bytes(gzip.compress(ORIGINAL))
    (root / "assets/loader.mjs").write_bytes(ORIGINAL)
    (root / "assets/loader.mjs.gz").write_bytes(gzip.compress(ORIGINAL))
    (root / "assets/lock.json").write_bytes(ORIGINAL)
    (root / "assets/lock.json.br").write_bytes(brotli.compress(ORIGINAL))
    (root / "index.html").write_bytes(b"<!doctype html><title>home</title>")
    return root


@pytest.fixture(scope="module")
def port(site) -> Iterator[int]:
    server = serve(site)
    yield server.server_port
    server.shutdown()
    server.server_close()


def fetch(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """The status, headers and raw body (never decoded) of one request."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def decoded(headers, body: bytes) -> bytes:
    coding = headers.get("Content-Encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding](body)


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("br", "br"),
        ("gzip", "gzip"),
        ("gzip, deflate, br, zstd", "br"),  # what Chromium sends: equal weights, the server prefers brotli
        ("gzip, deflate", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),  # the client's weights come first
        ("BR; Q=0.8, gzip;q=0.2", "br"),
        ("gzip;q=0, br;q=0", None),  # q=0 refuses
        ("br;q=0, *", "gzip"),  # `*` stands for every coding not named
        ("*", "br"),
        ("*;q=0", None),
        ("identity", None),
        ("deflate, zstd", None),
        ("br;q=oops, gzip", "gzip"),  # an unreadable weight: the item is ignored
        ("", None),
        (None, None),  # no Accept-Encoding: the file as it is
    ],
)
def test_the_variant_the_request_accepts_or_the_file(port, accept, coding):
    headers = {} if accept is None else {"Accept-Encoding": accept}
    status, sent, body = fetch(port, "/assets/runtime.wasm", headers)
    assert status == 200
    assert sent.get("Content-Encoding") == coding
    assert sent["Content-Type"] == "application/wasm"
    assert int(sent["Content-Length"]) == len(body)
    assert sent["Vary"] == "Accept-Encoding"
    assert decoded(sent, body) == ORIGINAL
    if coding:
        assert len(body) < len(ORIGINAL)


@pytest.mark.parametrize(
    ("path", "accept", "coding", "content_type"),
    [
        ("/assets/loader.mjs", "br, gzip", "gzip", "text/javascript"),  # only what exists
        ("/assets/loader.mjs", "br", None, "text/javascript"),
        ("/assets/lock.json", "gzip, br", "br", "application/json"),
        ("/assets/lock.json?v=1", "br", "br", "application/json"),  # a query names the same file
    ],
)
def test_only_an_existing_variant_is_sent_with_the_original_type(port, path, accept, coding, content_type):
    status, sent, body = fetch(port, path, {"Accept-Encoding": accept})
    assert (status, sent.get("Content-Encoding"), sent["Content-Type"]) == (200, coding, content_type)
    assert sent["Vary"] == "Accept-Encoding"
    assert decoded(sent, body) == ORIGINAL


def test_a_file_without_variants_is_sent_as_before_without_vary(port, site):
    status, sent, body = fetch(port, "/", {"Accept-Encoding": "gzip, br"})
    assert (status, body) == (200, (site / "index.html").read_bytes())
    assert "Content-Encoding" not in sent and "Vary" not in sent
    status, sent, _ = fetch(port, "/assets/missing.wasm", {"Accept-Encoding": "br"})
    assert status == 404 and "Content-Encoding" not in sent


def test_a_variant_is_never_sent_for_a_file_that_is_not_there(tmp_path):
    (tmp_path / "gone.js.br").write_bytes(brotli.compress(b"stale"))
    server = serve(tmp_path)
    try:
        status, sent, _ = fetch(server.server_port, "/gone.js", {"Accept-Encoding": "br"})
    finally:
        server.shutdown()
        server.server_close()
    assert status == 404 and "Content-Encoding" not in sent


@pytest.mark.parametrize(
    ("accept", "coding", "variant"), [("br", "br", ".br"), ("gzip", "gzip", ".gz"), ("", None, "")]
)
def test_head_sends_the_headers_a_get_would_and_no_body(port, site, accept, coding, variant):
    status, sent, body = fetch(port, "/assets/runtime.wasm", {"Accept-Encoding": accept}, method="HEAD")
    assert (status, body) == (200, b"")
    assert sent.get("Content-Encoding") == coding
    assert int(sent["Content-Length"]) == (site / f"assets/runtime.wasm{variant}").stat().st_size
    assert sent["Content-Type"] == "application/wasm" and sent["Vary"] == "Accept-Encoding"


@pytest.mark.parametrize("accept", ["br", "gzip", ""])
def test_a_copy_still_current_is_not_sent_again(port, site, accept):
    _, first, _ = fetch(port, "/assets/runtime.wasm", {"Accept-Encoding": accept})
    status, again, body = fetch(
        port, "/assets/runtime.wasm", {"Accept-Encoding": accept, "If-Modified-Since": first["Last-Modified"]}
    )
    assert (status, body) == (304, b"")
    assert again["Vary"] == "Accept-Encoding"
    earlier = email.utils.formatdate(os.stat(site / "assets/runtime.wasm").st_mtime - 3600, usegmt=True)
    status, sent, body = fetch(port, "/assets/runtime.wasm", {"Accept-Encoding": accept, "If-Modified-Since": earlier})
    assert status == 200 and decoded(sent, body) == ORIGINAL


def test_a_subclass_keeps_the_variants(site):
    seen = []

    class Counting(SiteHandler):
        def log_message(self, format: str, *args: object) -> None:
            seen.append(args)

    server = serve(site, handler=Counting)
    try:
        status, sent, body = fetch(server.server_port, "/assets/runtime.wasm", {"Accept-Encoding": "br"})
    finally:
        server.shutdown()
        server.server_close()
    assert (status, sent["Content-Encoding"], brotli.decompress(body)) == (200, "br", ORIGINAL)
    assert seen


def test_the_choice_follows_the_servers_order_among_equals():
    assert choose_encoding("gzip, br", ["br", "gzip"]) == "br"
    assert choose_encoding("gzip, br", ["gzip", "br"]) == "gzip"
    assert choose_encoding("br", []) is None
