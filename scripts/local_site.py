"""The built site on 127.0.0.1 and Debian's Chromium to look at it: shared by the browser tests and the
benchmark, so both measure the same browser against the same server.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path, host: str = "127.0.0.1", port: int = 0) -> http.server.ThreadingHTTPServer:
    """Serve `directory` in a background thread (port 0: any free port); stop it with `.shutdown()`.

    Python's http.server sends `.mjs` and `.wasm` with the right types, which the runtime pages will need.
    """
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
