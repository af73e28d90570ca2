"""Browser tests: the built site, served on 127.0.0.1, driven in Debian's Chromium by pytest-playwright."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Page as BrowserPage

from local_site import CHROMIUM, CHROMIUM_ARGS
from nginx_site import NginxError, nginx
from page_traffic import Traffic, recording
from site_pages import ROOT, SITE
from workers import ON_THE_DOH_PORT, one_at_a_time, one_for_all, shared_folder

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
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site, served on 127.0.0.1 at the port it was built for by Debian's nginx with the production
    config (deploy/nginx.conf: its headers, Content-Security-Policy and precompressed files); one nginx for all
    of xdist's workers (tests/workers.py)."""
    host, port = built_address()
    try:
        with one_for_all(shared_folder(tmp_path_factory, f"site-{port}"), lambda: nginx(SITE, host, port)):
            yield f"http://{host}:{port}/"
    except NginxError as error:
        pytest.fail(f"cannot serve the site with nginx on {host}:{port}; is another server using the port?\n{error}")


@pytest.fixture(scope="module", autouse=True)
def the_built_doh_port(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A module marked ON_THE_DOH_PORT has the port to itself, across xdist's workers (tests/workers.py); autouse,
    so it is taken before the module's own fixtures start an endpoint there and given back after they stop it."""
    if request.node.get_closest_marker(ON_THE_DOH_PORT.name) is None:
        yield
        return
    with one_at_a_time(shared_folder(tmp_path_factory, "the-built-doh-port")):
        yield


@pytest.fixture(autouse=True)
def short_timeouts(request: pytest.FixtureRequest) -> None:
    """A local static site answers in milliseconds: fail a stuck step in seconds, not Playwright's 30. Only for a
    test that uses pytest-playwright's `page`: asking for it here opened a browser context and page for every test,
    also for those that use a page kept for their module (a renderer started for nothing, most tests of a run)."""
    if "page" in request.fixturenames:
        request.getfixturevalue("page").set_default_timeout(10_000)


@pytest.fixture(scope="module")
def reader(browser: Browser, browser_context_args: dict) -> Iterator[BrowserPage]:
    """One browser page for a module whose tests each load a page and read it, as a visitor reads on: its renderer,
    and the cache of the site's styles and scripts, are kept from one test to the next. A fresh context for each
    page costs several times the CPU of the next page in a kept one, and the browser suite's CPU is what `make test`
    waits for. The suite's context settings (no service worker)."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def traffic(page: BrowserPage, site_url: str) -> Iterator[Traffic]:
    """Records every request and every console error or uncaught exception of `page`."""
    with recording(page, site_url) as seen:
        yield seen


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
