"""The built site on 127.0.0.1 and Debian's Chromium to look at it: shared by the browser tests, the benchmark and
`make serve`, so all see the same browser against the same server.

The server sends what production sends: a file's precompressed variant (`F.br`, `F.gz`, written by the build:
hooks/precompress.py) with its Content-Encoding when the request accepts it, as nginx's `brotli_static` and
`gzip_static` do, so the bytes measured on the wire are the bytes a visitor downloads.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import http.server
import os
import threading
from collections.abc import Iterable
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO, ClassVar

# Debian's Chromium, never a downloaded one (`playwright install` fetches browsers from a CDN).
CHROMIUM = "/usr/bin/chromium"
# No background calls to Google's services from a machine whose network is closed.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# The precompressed variants a built site may hold beside a file, in the order the server prefers them when the
# request accepts both equally: brotli's are the smaller.
VARIANTS = (("br", ".br"), ("gzip", ".gz"))


def accepted(accept_encoding: str | None) -> dict[str, float]:
    """The codings an Accept-Encoding header names, each with its weight (RFC 9110 §12.5.3: `q` defaults to 1,
    `q=0` refuses it; `*` stands for every coding not named). An item whose weight cannot be read is ignored."""
    weights: dict[str, float] = {}
    for item in (accept_encoding or "").split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = -1.0
        if coding and 0 <= weight <= 1:
            weights[coding.lower()] = weight
    return weights


def choose_encoding(accept_encoding: str | None, available: Iterable[str]) -> str | None:
    """Which of the `available` codings to send: the one the request weighs highest (the server's order among
    equals), None (the file as it is) when none is accepted or the request has no Accept-Encoding, as nginx does:
    a client that says nothing, such as curl without --compressed, gets the bytes as they are."""
    weights = accepted(accept_encoding)
    scored = [(weights.get(coding, weights.get("*", 0.0)), -rank, coding) for rank, coding in enumerate(available)]
    best = max(scored, default=None)
    return best[2] if best and best[0] > 0 else None


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The built site, quiet; for a file F with a precompressed `F.br` or `F.gz` beside it, the variant the request
    accepts (Content-Encoding, F's Content-Type, the variant's length and modification time) or F itself, and on
    every answer about such a file `Vary: Accept-Encoding`, so a cache keeps one copy per encoding."""

    # The types the runtime needs (a module worker refuses JavaScript under another type, and WebAssembly's
    # streaming compile wants application/wasm), whatever the machine's /etc/mime.types says.
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }
    _vary = False

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> BinaryIO | None:
        path = self.translate_path(self.path)
        variants = {coding: path + suffix for coding, suffix in VARIANTS if os.path.isfile(path + suffix)}
        self._vary = bool(variants) and os.path.isfile(path)
        coding = choose_encoding(self.headers.get("Accept-Encoding"), variants) if self._vary else None
        if coding is None:
            return super().send_head()
        return self._send_variant(path, variants[coding], coding)

    def end_headers(self) -> None:
        if self._vary:
            self.send_header("Vary", "Accept-Encoding")
            self._vary = False
        super().end_headers()

    def _send_variant(self, path: str, variant: str, coding: str) -> BinaryIO | None:
        """The headers for `variant` sent as `path` in `coding`; the open variant for do_GET to send (None after a
        304: the browser's copy is current, judged by the variant's own modification time)."""
        file = open(variant, "rb")  # noqa: SIM115 (left open for do_GET, which sends and closes it)
        try:
            stat = os.fstat(file.fileno())
            if self._not_modified_since(stat.st_mtime):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.end_headers()
                file.close()
                return None
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", coding)
            self.send_header("Content-Length", str(stat.st_size))
            self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
            self.end_headers()
            return file
        except BaseException:
            file.close()
            raise

    def _not_modified_since(self, mtime: float) -> bool:
        """Whether If-Modified-Since holds for a file modified at `mtime` (SimpleHTTPRequestHandler's own rule)."""
        since = self.headers.get("If-Modified-Since")
        if since is None or "If-None-Match" in self.headers:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, IndexError, OverflowError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        modified = datetime.datetime.fromtimestamp(mtime, datetime.UTC).replace(microsecond=0)
        return modified <= when


def serve(
    directory: Path, host: str = "127.0.0.1", port: int = 0, handler: type[SiteHandler] = SiteHandler
) -> http.server.ThreadingHTTPServer:
    """Serve `directory` with `handler` (a SiteHandler) in a background thread (port 0: any free port); stop it
    with `.shutdown()`."""
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
