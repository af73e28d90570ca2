"""The Content-Security-Policy, as Chromium enforces it on the site nginx serves (deploy/nginx.conf, the policy
the build wrote: hooks/csp.py): no page in either language, and nothing the self-check, the access check, the
wizard and the wizard's map do, is refused anything.

The browser is the judge: every `securitypolicyviolation` event a page fires (recorded by a script added before
any of the page's own) and every message Chromium writes to the console about the policy, from the page or from
its Python worker (a dedicated worker is held to the policy of its own script's response, and its violations
reach the console only).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, expect
from playwright.sync_api import Page as BrowserPage

from checker import remediation
from doh_servers import dnsmasq, free_port, icp_doh
from site_pages import RECORD_VIOLATIONS, built_endpoint, built_policy
from workers import ON_THE_DOH_PORT

# Listens on the DoH port the built pages name: one such module at a time across xdist's workers (tests/workers.py).
pytestmark = ON_THE_DOH_PORT

READY = 60_000  # Pyodide's start on a busy 2-core machine
LOOKED_UP = 30_000
DRAWN = ".wz-map[data-state='drawn'] .wz-map__chart svg"
ON_PROVIDER = "1.12.0.10"  # on Tencent Cloud's ranges (tests/browser/test_access_check.py checks it)
# What Chromium writes to the console when the policy refuses something (a script, an eval, a connection ...).
REFUSED = re.compile(r"Content Security Policy|Refused to", re.IGNORECASE)


@dataclass
class Refusals:
    """What the policy refused in one browser context: the pages' events and the console's words."""

    context: BrowserContext
    console: list[str] = field(default_factory=list)

    def listen(self) -> None:
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.context.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if REFUSED.search(message.text):
            self.console.append(f"{message.type}: {message.text}")

    def of(self, page: BrowserPage) -> list[str]:
        """Everything refused so far: the page's recorded events, then the console's messages (workers too)."""
        return page.evaluate("window.__csp") + self.console


@pytest.fixture
def refusals(context: BrowserContext) -> Refusals:
    recorded = Refusals(context)
    recorded.listen()
    return recorded


@pytest.mark.parametrize("path", ["no-such-page/", "zh/no-such-page/"])
def test_the_404_pages_break_none_of_it(page: BrowserPage, site_url: str, refusals: Refusals, path: str):
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response.status == 404
    assert response.headers.get("content-security-policy") == built_policy()
    assert refusals.of(page) == []


def test_instant_navigation_to_the_map_draws_it_under_the_first_pages_policy(
    page: BrowserPage, site_url: str, refusals: Refusals
):
    """Material's instant navigation swaps a page's content into the first page loaded, which keeps its policy:
    the one policy must allow every page's needs (here Mermaid's), whatever page a reader lands on first."""
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.__first = true")  # gone after a full page load
    page.locator('a[href$="remediation-map/"]').first.dispatch_event("click")
    expect(page.locator(DRAWN)).to_have_count(1, timeout=30_000)
    assert page.evaluate("window.__first") is True, "the map was a full page load, not instant navigation"
    assert refusals.of(page) == []


# --- what the pages do --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def endpoint(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """icp-doh where the built self-check page looks for it (DOH_URL: another origin, in connect-src), in front
    of dnsmasq holding one domain on the provider's addresses."""
    _, port = built_endpoint()
    dns_port = free_port()
    records = ["--local=/test/", f"--host-record=pass.test,{ON_PROVIDER}", f"--host-record=www.pass.test,{ON_PROVIDER}"]
    log = tmp_path_factory.mktemp("icp-doh-csp") / "access.log"
    with (
        dnsmasq([f"--port={dns_port}", "--cache-size=0", *records], dns_port),
        icp_doh(["--upstream", f"127.0.0.1:{dns_port}", "--allow-origin", site_url.rstrip("/")], port, log),
    ):
        yield f"http://127.0.0.1:{port}/resolve"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_self_check_finds_checks_access_and_downloads_under_the_policy(
    page: BrowserPage, site_url: str, refusals: Refusals, endpoint: str, language: str
):
    page.goto(site_url + ("" if language == "en" else "zh/") + "self-check/")
    expect(page.locator("#icp-self-check")).to_have_attribute("data-state", "ready", timeout=READY)
    # A mobile number a digit short: a finding beside the field, from Python in the worker.
    page.locator("#icp-entity-pic-mobile").fill("1380013800")
    expect(page.locator("#icp-entity-pic-mobile-findings > li.icp-sc__finding").first).to_be_visible(timeout=5_000)
    # The access check: the worker asks icp-doh on its own origin (connect-src), dnsmasq answers.
    page.locator("#icp-websites-0-domains").fill("pass.test")
    page.locator("[data-action=check-access]").click()
    expect(page.locator(".icp-sc__access-result[data-verdict=pass]")).to_have_count(1, timeout=LOOKED_UP)
    with page.expect_download() as download:
        page.locator("[data-action=download]").click()
    assert Path(download.value.path()).stat().st_size > 0
    assert refusals.of(page) == []


def test_the_wizard_answers_under_the_policy(page: BrowserPage, site_url: str, refusals: Refusals):
    page.goto(site_url + "zh/remediation/")
    expect(page.locator("#icp-wizard[data-engine=python]")).to_have_count(1, timeout=READY)
    tree = remediation.default_tree()
    answers: tuple[str, ...] = ()
    for _ in range(3):
        position = tree.walk(answers)
        if position.node not in tree.questions:
            break
        option = page.locator(f"#wz-{position.node} .wz__option").first
        answers += (option.get_attribute("data-option"),)
        option.click()
        expect(page).to_have_url(re.compile(re.escape("?a=" + remediation.encode(answers)) + "$"))
    assert len(answers) >= 2
    assert refusals.of(page) == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_map_is_drawn_under_the_policy(page: BrowserPage, site_url: str, refusals: Refusals, language: str):
    page.goto(site_url + ("" if language == "en" else "zh/") + "remediation-map/")
    expect(page.locator(DRAWN)).to_have_count(1, timeout=30_000)
    assert refusals.of(page) == []
