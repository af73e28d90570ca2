"""Local HTTP servers for the tests (Python's http.server on a free port, in a thread): each started with a handler
class of its own, made from a base handler and the test's attributes (the routes or answers it serves), and with
its own list of the requests it saw, which the base handler appends to. Stopped when the test ends."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator
from typing import Any

Start = Callable[..., tuple[str, list[Any]]]


@contextlib.contextmanager
def http_servers() -> Iterator[Start]:
    """`start(handler, **attributes)` → the server's base URL (``http://127.0.0.1:PORT``) and its `seen` list."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(handler: type[http.server.BaseHTTPRequestHandler], **attributes: Any) -> tuple[str, list[Any]]:
        made = type(handler.__name__, (handler,), {**attributes, "seen": []})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), made)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", made.seen  # type: ignore[attr-defined]

    try:
        yield start
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
