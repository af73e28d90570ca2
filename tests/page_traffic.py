"""What a browser page asked for and complained about, recorded for a test (the browser tests' `traffic` fixture,
and the tests that keep one page for several tests)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from playwright.sync_api import Page as BrowserPage


@dataclass
class Traffic:
    """What a browser page asked for and complained about."""

    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def off_site(self) -> list[str]:
        return [
            url for url in self.requests if not url.startswith(self.origin) and not url.startswith(("data:", "blob:"))
        ]


@contextlib.contextmanager
def recording(page: BrowserPage, origin: str) -> Iterator[Traffic]:
    """Records every request and every console error or uncaught exception of `page` while in this: a page kept
    for several tests gives each its own record."""
    seen = Traffic(origin=origin)
    handlers = {
        "request": lambda request: seen.requests.append(request.url),
        "console": lambda message: message.type == "error" and seen.errors.append(message.text),
        "pageerror": lambda error: seen.errors.append(str(error)),
        "response": lambda response: (
            response.status >= 400 and seen.errors.append(f"HTTP {response.status}: {response.url}")
        ),
    }
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        yield seen
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
