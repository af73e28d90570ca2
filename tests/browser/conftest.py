"""Browser tests: the built site, served on 127.0.0.1, driven in Debian's Chromium by pytest-playwright."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page as BrowserPage

from local_site import CHROMIUM, CHROMIUM_ARGS
from nginx_site import NginxError, nginx
from site_pages import ROOT, SITE

ARTIFACTS = ROOT / "artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(item.path).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """No service worker (sw.js, hooks/service_worker.py) in the `context` and `page` fixtures: a request the worker
    answers never reaches Playwright's routing (`page.route`), which many tests use to break or hold a file, and a
    test should see the server's answer, not a copy kept by an earlier page of the context. A test of the worker
    allows it with pytest-playwright's own marker: `@pytest.mark.browser_context_args(service_workers="allow")`."""
    return {**browser_context_args, "service_workers": "block"}


def built_address() -> tuple[str, int]:
    """Host and port the site was built for (its site_url, as the sitemap records it).

    Material's instant navigation only takes over links whose address matches the sitemap's, port included,
    so the tests serve the site exactly there (`make test` builds for 127.0.0.1:8765).
    """
    sitemap = SITE / "sitemap.xml"
    if not sitemap.is_file():
        pytest.fail(f"{SITE} is not built: run `make test`, which builds it for the tests first")
    first = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
    address = urlsplit(first[1] if first else "")
    if address.hostname != "127.0.0.1" or not address.port:
        pytest.fail(f"{SITE} was built for {address.geturl()!r}; build it with SITE_URL=http://127.0.0.1:<port>/")
    return address.hostname, address.port


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """The built site, served on 127.0.0.1 at the port it was built for by Debian's nginx with the production
    config (deploy/nginx.conf: its headers, Content-Security-Policy and precompressed files)."""
    host, port = built_address()
    try:
        with nginx(SITE, host, port) as site:
            yield site.url
    except NginxError as error:
        pytest.fail(f"cannot serve the site with nginx on {host}:{port}; is another server using the port?\n{error}")


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


@pytest.fixture(autouse=True)
def short_timeouts(page: BrowserPage) -> None:
    # A local static site answers in milliseconds: fail a stuck step in seconds, not Playwright's 30.
    page.set_default_timeout(10_000)


@pytest.fixture
def traffic(page: BrowserPage, site_url: str) -> Traffic:
    """Records every request and every console error or uncaught exception of `page`."""
    seen = Traffic(origin=site_url)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and seen.errors.append(message.text))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on(
        "response",
        lambda response: response.status >= 400 and seen.errors.append(f"HTTP {response.status}: {response.url}"),
    )
    return seen


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
