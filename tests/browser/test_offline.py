"""Offline revisits: the service worker (sw.js, hooks/service_worker.py) keeps the pages and, once a page has used
it, the checker's runtime; the second visit starts from the browser's copy, and with the network gone (Playwright's
offline mode, which the browser reports as navigator.onLine false) the self-check, the wizard and the guide pages
still work in both languages, and the access check says "could not be decided" and that the device is offline.

One browser context (service workers allowed, unlike every other test's: see conftest.py) visits the self-check
online first; the tests after it reuse that context, as a visitor's browser keeps its service worker between
visits. The deploy tests each serve their own copy of the site, changed the way a deploy changes it, and count
what the server is asked for: a returning visitor downloads what a deploy changed, never the whole precache again.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, ClassVar
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Request, expect
from playwright.sync_api import Page as BrowserPage

import service_worker
from checker import catalogue, remediation, words
from local_site import SiteHandler, serve
from site_pages import SITE

STRINGS = words.load("site-self-check")
OFFLINE = words.load("report")["lookup"]["offline"]  # why a lookup failed offline, in words (report.toml)
NETWORK = words.load("report")["lookup"]["network"]
READY = 60_000  # Pyodide's start on a busy 2-core machine
ROOT_SELECTOR = "#icp-self-check"
FALLBACK = "The checker's snapshot was not used"
RUNTIME_FOLDERS = ("/assets/pyodide/", "/assets/checker/", "/assets/mermaid/")
ALLOW = {"service_workers": "allow", "viewport": {"width": 1280, "height": 900}}


def language_root(site_url: str, language: str) -> str:
    return site_url + ("" if language == "en" else f"{language}/")


def cache_contents(page: BrowserPage) -> dict[str, list[str]]:
    """Every cache of the page's origin, read by the page itself: name → the URLs it holds."""
    return page.evaluate(
        """async () => {
            const out = {}
            for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map(r => r.url)
            return out
        }"""
    )


def wait_until(page: BrowserPage, function: str, timeout: float = 30.0) -> None:
    """Until `function` (JavaScript, may be async) returns true in the page; polled with page.evaluate, since
    Playwright's wait_for_function evaluates its text with eval, which the site's CSP forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(function):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s: {function}")
        page.wait_for_timeout(200)


def controlled(page: BrowserPage) -> None:
    wait_until(page, "() => navigator.serviceWorker.controller !== null")


def is_runtime(url: str) -> bool:
    return any(folder in url for folder in RUNTIME_FOLDERS)


@dataclass
class Seen:
    """What a context's pages (their workers too) and its service worker fetched, as Playwright reports it: per
    finished request, its URL, whether the service worker answered it (`from_service_worker`), and whether the
    service worker itself asked (a request that then reached the HTTP cache or the server)."""

    answered_by_worker: list[str] = field(default_factory=list)
    not_by_worker: list[str] = field(default_factory=list)
    worker_fetched: list[str] = field(default_factory=list)
    worker_asked: list[str] = field(default_factory=list)  # every request the service worker made, failed ones too
    console: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> Seen:
        context.on("requestfinished", self._finished)
        context.on("request", lambda request: request.service_worker and self.worker_asked.append(request.url))
        context.on("console", lambda message: self.console.append(message.text))
        return self

    def _finished(self, request: Request) -> None:
        url = request.url.split("?")[0]
        if request.service_worker is not None:
            self.worker_fetched.append(url)
            return
        response = request.response()
        if response is not None:
            (self.answered_by_worker if response.from_service_worker else self.not_by_worker).append(url)


@dataclass
class Visited:
    context: BrowserContext
    first_runtime: list[str]  # what the first visit fetched of the runtime


@pytest.fixture(scope="module")
def visited(browser: Browser, site_url: str) -> Iterator[Visited]:
    """A browser that visited the self-check online once: Python ready, the worker in control, and everything the
    visit fetched of the runtime kept in the worker's cache."""
    context = browser.new_context(**ALLOW)
    context.set_default_timeout(10_000)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: is_runtime(request.url) and fetched.append(request.url.split("?")[0]))
    page.goto(site_url + "self-check/", wait_until="domcontentloaded")
    expect(page.locator(ROOT_SELECTOR)).to_have_attribute("data-state", "ready", timeout=READY)
    controlled(page)
    kept = f"""async () => {{
        const held = (await (await caches.open("icp-runtime")).keys()).map(r => r.url)
        return {sorted(set(fetched))!r}.every(url => held.includes(url))
    }}"""
    wait_until(page, kept)
    page.close()
    yield Visited(context, sorted(set(fetched)))
    context.close()


def test_the_first_visit_keeps_every_page_and_what_it_used_of_the_runtime(visited: Visited, site_url: str):
    page = visited.context.new_page()
    page.goto(site_url + "glossary/")
    caches = cache_contents(page)
    pages = [name for name in caches if name.startswith("icp-pages-")]
    assert len(pages) == 1, caches
    # Every page of both languages, as the sitemaps list them (the site's own index of its pages), but the province
    # pages the worker leaves to the network (hooks/service_worker.py's NOT_PRECACHED; their overview is kept).
    for sitemap in (SITE / "sitemap.xml", SITE / "zh" / "sitemap.xml"):
        for loc in _locations(sitemap):
            kept = site_url + loc in caches[pages[0]]
            assert kept != bool(service_worker.NOT_PRECACHED.fullmatch(loc + "index.html")), loc
    # What the visit used of the runtime (Pyodide and the snapshot: not the wheel, not Mermaid), and nothing else.
    assert visited.first_runtime and any(url.endswith(".snapshot") for url in visited.first_runtime)
    assert sorted(caches["icp-runtime"]) == visited.first_runtime
    page.close()


def _locations(sitemap: Path) -> list[str]:
    """The sitemap's pages, as paths from the site's root (the site is built for another address than served)."""
    return [re.sub(r"^https?://[^/]+/", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text())]


def test_a_guide_page_alone_downloads_none_of_the_runtime(browser: Browser, site_url: str):
    """A visitor who reads one guide page gets the pages precached, never 30 MB of runtime: the worker does not
    even look for it (not in the HTTP cache either: a request that `only-if-cached` fails is still a request)."""
    context = browser.new_context(**ALLOW)
    seen = Seen().attach(context)
    page = context.new_page()
    page.goto(site_url + "zh/notices/")
    controlled(page)
    wait_until(page, "async () => (await caches.keys()).some(name => name.startsWith('icp-pages-'))")
    page.wait_for_timeout(1_000)  # the registration script's message after load
    assert [url for url in seen.worker_asked + seen.not_by_worker if is_runtime(url)] == []
    assert cache_contents(page).get("icp-runtime", []) == []
    context.close()


def test_a_second_visit_online_fetches_no_runtime_file(visited: Visited, site_url: str):
    seen = Seen().attach(visited.context)
    page = visited.context.new_page()
    page.goto(site_url + "zh/self-check/", wait_until="domcontentloaded")
    expect(page.locator(ROOT_SELECTOR)).to_have_attribute("data-state", "ready", timeout=READY)
    # Playwright reports a request's end after the fact, from the page's own worker too: a fresh make test once
    # asserted before the 9.6 MB wasm was reported. Wait until every runtime file is reported finished (how each
    # was answered is what the assertions below check).
    reported = time.monotonic() + 10
    while not set(visited.first_runtime) <= {*seen.answered_by_worker, *seen.not_by_worker}:
        assert time.monotonic() < reported, f"never reported finished: {visited.first_runtime}"
        page.wait_for_timeout(100)
    # Every runtime file the worker started from came from the service worker, which fetched none of them.
    assert sorted({url for url in seen.answered_by_worker if is_runtime(url)}) == visited.first_runtime
    assert [url for url in seen.not_by_worker + seen.worker_fetched if url in visited.first_runtime] == []
    # Pages are network first: the page itself came from the server (a deploy shows at once), through the worker.
    assert site_url + "zh/self-check/" in seen.worker_fetched
    page.close()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_offline_the_self_check_starts_from_the_snapshot_and_checks(visited: Visited, site_url: str, language: str):
    visited.context.set_offline(True)
    seen = Seen().attach(visited.context)
    try:
        page = visited.context.new_page()
        page.goto(language_root(site_url, language) + "self-check/", wait_until="domcontentloaded")
        assert page.evaluate("navigator.onLine") is False
        page.locator("#icp-entity-pic-mobile").fill("1380013800")
        expect(page.locator(ROOT_SELECTOR)).to_have_attribute("data-state", "ready", timeout=READY)
        expect(page.locator(".icp-sc__status[role=status]")).to_have_text(STRINGS["script"]["ready"][language])
        finding = page.locator('#icp-entity-pic-mobile-findings > li.icp-sc__finding[data-code="MOBILE_LENGTH"]')
        expect(finding).to_have_count(1, timeout=5_000)
        assert [line for line in seen.console if FALLBACK in line] == []
        assert seen.not_by_worker == []
        page.close()
    finally:
        visited.context.set_offline(False)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_offline_the_access_check_is_undecided_because_the_device_is_offline(
    visited: Visited, site_url: str, language: str
):
    visited.context.set_offline(True)
    try:
        page = visited.context.new_page()
        page.goto(language_root(site_url, language) + "self-check/", wait_until="domcontentloaded")
        expect(page.locator(ROOT_SELECTOR)).to_have_attribute("data-state", "ready", timeout=READY)
        page.locator("#icp-websites-0-domains").fill("example.com")
        page.locator("[data-action=check-access]").click()
        result = page.locator('.icp-sc__access-result[data-domain="example.com"]')
        expect(result).to_have_attribute("data-verdict", "unknown", timeout=30_000)
        expect(result.locator(".icp-sc__verdict")).to_have_text(STRINGS["script"]["verdict_unknown"][language])
        reason = STRINGS["script"]["lookup_unknown"][language].format(detail=OFFLINE[language])
        expect(result).to_contain_text(reason)
        expect(result).not_to_contain_text(NETWORK[language])
        shown = page.locator('#icp-websites-0-domains-findings li[data-code="ACCESS_LOOKUP_FAILED"]').first
        expect(shown).to_contain_text(OFFLINE[language])
        expect(page.locator('#icp-websites-0-domains-findings li[data-code^="ACCESS_"]')).not_to_have_count(0)
        page.close()
    finally:
        visited.context.set_offline(False)


def test_offline_the_wizard_answers_in_both_languages(visited: Visited, site_url: str):
    answers = remediation.decode("after.access-cancelled.yes.yes.allowed")
    visited.context.set_offline(True)
    try:
        for language in ("en", "zh"):
            page = visited.context.new_page()
            # With its answers in the address, as the self-check's links open it: the page is the cached one.
            page.goto(site_url + catalogue.site_path("remediation", language) + "?a=" + remediation.encode(answers))
            expect(page.locator("#icp-wizard[data-engine=python]")).to_have_count(1, timeout=READY)
            outcome = remediation.default_tree().walk(answers).node
            expect(page.locator(f"#wz-{outcome}")).to_be_visible()
            expect(page.locator(".wz__progress")).to_have_text(words.load("site-remediation")["plan"][language])
            page.close()
    finally:
        visited.context.set_offline(False)


@pytest.mark.parametrize("path", ["glossary/", "zh/glossary/", "zh/inspected-items/access/", "remediation-map/"])
def test_offline_guide_pages_show_in_both_languages(visited: Visited, site_url: str, path: str):
    """Pages never opened in this browser too: every page is kept when the worker installs."""
    visited.context.set_offline(True)
    try:
        page = visited.context.new_page()
        response = page.goto(site_url + path)
        assert response is not None and response.ok and response.from_service_worker
        expected = (SITE / path / "index.html").read_text(encoding="utf-8")
        title = expected.split("<title>", 1)[1].split("</title>", 1)[0]
        expect(page).to_have_title(title.replace("&amp;", "&"))
        # Styled by the cached stylesheet: Material's header is laid out, not a bare list.
        assert page.locator("header.md-header").evaluate("header => getComputedStyle(header).position") != "static"
        page.close()
    finally:
        visited.context.set_offline(False)


# --- A deploy: a changed page and the sw.js the build writes for it --------------------------------------------

LARGE = 1 << 20


def copy_of_site(target: Path) -> Path:
    """The built site in `target`: small files copied (a deploy changes them here), large ones hard-linked."""

    def link_or_copy(source: str, destination: str) -> None:
        if os.path.getsize(source) >= LARGE:
            os.link(source, destination)
        else:
            shutil.copy2(source, destination)

    shutil.copytree(SITE, target, copy_function=link_or_copy)
    return target


@dataclass(frozen=True)
class Served:
    """One GET the test server answered: its path, who asked (Sec-Fetch-Dest: "document" for a navigation,
    "serviceworker" for sw.js, "empty" for a script's fetch), its status and how many bytes of body it sent (shown
    when a test fails: what a visitor would have paid)."""

    path: str
    destination: str
    status: int
    body: int


class CountingHandler(SiteHandler):
    """The site as local_site serves it, every GET recorded in `served` (a list per server: see `deployed`)."""

    served: ClassVar[list[Served]]
    _status = 0
    _body = 0

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:
        data = source.read()
        outputfile.write(data)
        self._body += len(data)

    def do_GET(self) -> None:
        self._status, self._body = 0, 0
        super().do_GET()
        destination = self.headers.get("Sec-Fetch-Dest", "")
        self.served.append(Served(self.path.split("?")[0], destination, self._status, self._body))


@dataclass
class Deployment:
    site: Path
    url: str
    served: list[Served]  # every GET the server answered, in order


@pytest.fixture
def deployed(tmp_path: Path) -> Iterator[Deployment]:
    site = copy_of_site(tmp_path / "site")
    served: list[Served] = []
    handler = type("Counting", (CountingHandler,), {"served": served})
    server = serve(site, "127.0.0.1", 0, handler)
    yield Deployment(site, f"http://127.0.0.1:{server.server_address[1]}/", served)
    server.shutdown()
    server.server_close()


def visit_until_installed(deployment: Deployment, context: BrowserContext, path: str) -> BrowserPage:
    """A first visit: the worker in control, its version's pages cache the only one, the page's own requests done."""
    page = context.new_page()
    page.goto(deployment.url + path)
    controlled(page)
    page.wait_for_load_state("networkidle")
    version = service_worker.manifest(deployment.site)["version"]
    assert [name for name in cache_contents(page) if name.startswith("icp-pages-")] == [f"icp-pages-{version}"]
    return page


def update_to(page: BrowserPage, version: str, old: str) -> None:
    """As a visitor's browser does when it next checks sw.js (on a navigation, or at most a day later): fetch it,
    install the new version, which activates and drops the old one's cache. Asked of the registration, not by a
    navigation, so that the server sees only what the worker's update and install fetch."""
    page.evaluate("async () => { await (await navigator.serviceWorker.getRegistration()).update() }")
    wait_until(
        page,
        f"""async () => {{
            const names = await caches.keys(), registration = await navigator.serviceWorker.getRegistration()
            return names.includes("icp-pages-{version}") && !names.includes("icp-pages-{old}")
                && !registration.installing && !registration.waiting }}""",
    )


# A deploy that changes one file: a page (its heading), or a stylesheet every page loads (a comment at its end).
PAGE = "glossary/index.html"
STYLESHEET = "assets/stylesheets/accessibility.css"
MARK = {PAGE: " (deployed)", STYLESHEET: "/* deployed */"}


def change(site: Path, path: str) -> None:
    """The one change of a deploy: `path` rewritten (a copy: never the built site's own file)."""
    file = site / path
    assert file.stat().st_nlink == 1, path
    text = file.read_text(encoding="utf-8")
    changed = text.replace("</h1>", MARK[PAGE] + "</h1>", 1) if path == PAGE else text + MARK[STYLESHEET] + "\n"
    assert changed != text
    file.write_text(changed, encoding="utf-8")


def server_path(url: str, address: str) -> str:
    """The path a request for a precached address reaches the server with ("./" is the root)."""
    return urlsplit(urljoin(url, address)).path


def test_a_deploy_installs_the_new_version_and_removes_the_old_one(browser: Browser, deployed: Deployment):
    context = browser.new_context(**ALLOW)
    page = visit_until_installed(deployed, context, "glossary/")
    before = f"icp-pages-{service_worker.manifest(deployed.site)['version']}"

    # The deploy: a page changes, and the build's hook writes sw.js for the site as it now is.
    change(deployed.site, PAGE)
    new = service_worker.write(deployed.site)["version"]
    assert f"icp-pages-{new}" != before

    page.reload()  # a navigation makes the browser compare sw.js with its own; it differs: the new one installs
    wait_until(
        page,
        f"""async () => {{ const names = await caches.keys()
            return names.includes("icp-pages-{new}") && !names.includes("{before}") }}""",
    )
    expect(page.locator("h1")).to_contain_text(MARK[PAGE])
    context.set_offline(True)
    offline = context.new_page()
    offline.goto(deployed.url + "glossary/")
    expect(offline.locator("h1")).to_contain_text(MARK[PAGE])  # the new version's copy
    context.close()


@pytest.mark.parametrize("path", [PAGE, STYLESHEET])
def test_a_deploy_downloads_only_the_changed_file_and_sw_js(browser: Browser, deployed: Deployment, path: str):
    """A returning visitor pays for what a deploy changed, not for the whole precache again (about 4 MB): the new
    version copies every unchanged file from the old version's cache. The changed file is the new one offline
    (never the old copy), and an unchanged page still works offline, styled."""
    context = browser.new_context(**ALLOW)
    page = visit_until_installed(deployed, context, "zh/notices/")
    old = service_worker.manifest(deployed.site)["version"]

    change(deployed.site, path)
    new = service_worker.write(deployed.site)["version"]
    deployed.served.clear()
    update_to(page, new, old)

    asked = sorted((served.path, served.destination, served.status) for served in deployed.served)
    context.set_offline(True)
    try:
        offline = context.new_page()
        offline.goto(deployed.url + "glossary/")
        expect(offline.locator("h1")).to_be_visible()
        assert (MARK[PAGE] in offline.locator("h1").inner_text()) == (path == PAGE)
        stylesheet = offline.evaluate("async url => (await fetch(url)).text()", deployed.url + STYLESHEET)
        assert (MARK[STYLESHEET] in stylesheet) == (path == STYLESHEET)
        unchanged = context.new_page()
        response = unchanged.goto(deployed.url + "zh/glossary/")
        assert response is not None and response.ok and response.from_service_worker
        expected = (deployed.site / "zh/glossary/index.html").read_text(encoding="utf-8")
        expect(unchanged).to_have_title(expected.split("<title>", 1)[1].split("</title>", 1)[0].replace("&amp;", "&"))
        header = unchanged.locator("header.md-header")
        assert header.evaluate("header => getComputedStyle(header).position") != "static"
    finally:
        context.close()
    # What the update fetched, checked last: a worker that kept a stale copy fails above, on what it serves.
    changed = server_path(deployed.url, service_worker.address(path))
    assert asked == sorted([("/sw.js", "serviceworker", 200), (changed, "empty", 200)]), deployed.served


def test_a_browser_without_the_old_cache_downloads_everything(browser: Browser, deployed: Deployment):
    """Storage cleared (the pages cache gone, the worker still registered): nothing to copy from, so the new version
    downloads every file of its precache, and no file it keeps is missing."""
    context = browser.new_context(**ALLOW)
    page = visit_until_installed(deployed, context, "glossary/")
    old = service_worker.manifest(deployed.site)["version"]
    page.evaluate(f"async () => {{ await caches.delete('icp-pages-{old}') }}")

    change(deployed.site, "glossary/index.html")
    build = service_worker.write(deployed.site)
    deployed.served.clear()
    update_to(page, build["version"], old)

    fetched = sorted(served.path for served in deployed.served if served.destination == "empty")
    assert fetched == sorted(server_path(deployed.url, address) for address in build["precache"])
    kept = cache_contents(page)[f"icp-pages-{build['version']}"]
    assert {urljoin(deployed.url, address) for address in build["precache"]} <= set(kept)
    context.close()


def test_a_deploy_whose_file_fails_leaves_the_old_version_in_charge_then_installs(
    browser: Browser, deployed: Deployment
):
    """All or nothing, copies included: a file of the new version that cannot be fetched (a deploy still being
    copied) fails the install, the old version keeps serving its own copies, and the next check installs the new
    one, fetching only what changed."""
    context = browser.new_context(**ALLOW)
    page = visit_until_installed(deployed, context, "glossary/")
    old = service_worker.manifest(deployed.site)["version"]
    change(deployed.site, PAGE)
    change(deployed.site, STYLESHEET)
    new = service_worker.write(deployed.site)["version"]
    stylesheet = deployed.site / STYLESHEET
    held = stylesheet.rename(stylesheet.with_suffix(".held"))  # not there yet: the server answers 404

    page.evaluate("async () => { await (await navigator.serviceWorker.getRegistration()).update().catch(() => {}) }")
    wait_until(
        page,
        """async () => { const registration = await navigator.serviceWorker.getRegistration()
            return !registration.installing && !registration.waiting }""",
    )
    assert [name for name in cache_contents(page) if name.startswith("icp-pages-")] == [f"icp-pages-{old}"]
    context.set_offline(True)
    offline = context.new_page()
    offline.goto(deployed.url + "glossary/")
    expect(offline.locator("h1")).not_to_contain_text(MARK[PAGE])  # the old version's page, whole
    offline.close()
    context.set_offline(False)

    held.rename(stylesheet)
    deployed.served.clear()
    update_to(page, new, old)
    fetched = sorted(served.path for served in deployed.served)
    assert fetched == sorted(["/sw.js", server_path(deployed.url, "glossary/"), "/" + STYLESHEET])
    context.close()
