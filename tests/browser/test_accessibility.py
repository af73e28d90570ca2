"""Accessibility, judged by axe-core (npm's, node_modules/axe-core), not by us: every page of the built site in both
languages and both of Material's palettes has no violation axe calls serious or critical; so do the states that only
exist after interaction (the self-check's findings, the wizard's later questions and plan). And the self-check's
findings reach a screen reader once, when the typing stops, not once per keystroke.

The palette is chosen as a visitor chooses it: the light one is what a browser preferring light gets; the dark one
is a click on Material's toggle, which Material keeps for the visitor's next pages (its `__palette` in
localStorage), and each page is asserted to show it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as BrowserPage

from checker import catalogue, remediation
from site_pages import ROOT, Page, browser_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PALETTES = ["default", "slate"]  # Material's light and dark schemes, as mkdocs.yml names them
BLOCKING = ("serious", "critical")
READY = 60_000  # Pyodide's start on a busy 2-core machine
FINDING = 5_000
SETTLE = 1_000  # self-check.js's SETTLE_MS: how long the typing must pause before the summary is read out
# The 404 pages are not in docs/ (overrides/404.html): the build writes one per language.
NOT_FOUND = [Page("en", "404.html", "404.html"), Page("zh", "404.html", "zh/404.html")]
# A few answers into the wizard, and a whole walk to a plan (tests/browser/test_remediation_page.py's path).
WIZARD_ANSWERS = ("within", "yes", "contact", "yes")


def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` (package-lock.json pins axe-core)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: BrowserPage) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now.

    Its source is evaluated (DevTools' evaluation, which the page's Content-Security-Policy does not govern),
    not added as an inline <script>, which the strict policy nginx sends would refuse."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source())
    found = page.evaluate("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations")
    return [violation for violation in found if violation["impact"] in BLOCKING]


def described(where: str, violations: list[dict]) -> str:
    """Every violation's rule, impact, help and targets, one line per element: the assertion's message."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(json.dumps(part, ensure_ascii=False) for part in node["target"])
            lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']} — {target}")
    return "\n".join(lines)


def scheme_of(page: BrowserPage) -> str | None:
    return page.locator("body").get_attribute("data-md-color-scheme")


def choose_palette(page: BrowserPage, site_url: str, scheme: str) -> None:
    """Choose `scheme` on the home page as a visitor does: click Material's toggle until it shows."""
    page.goto(site_url, wait_until="load")
    for _ in PALETTES:
        if scheme_of(page) == scheme:
            return
        page.locator("form[data-md-component=palette] label:visible").click()
    assert scheme_of(page) == scheme, f"Material's toggle never showed the {scheme} palette"


@pytest.fixture(scope="module")
def palette_page(browser: Browser, browser_context_args: dict, site_url: str) -> Iterator[Callable[[str], BrowserPage]]:
    """One browser page per palette (a visitor's context: the choice is kept across pages), opened on first use;
    the suite's context settings (conftest.py: no service worker)."""
    opened: dict[str, BrowserPage] = {}

    def get(scheme: str) -> BrowserPage:
        if scheme not in opened:
            context = browser.new_context(
                **{**browser_context_args, "viewport": {"width": 1280, "height": 900}, "color_scheme": "light"}
            )
            page = context.new_page()
            page.set_default_timeout(10_000)
            choose_palette(page, site_url, scheme)
            opened[scheme] = page
        return opened[scheme]

    yield get
    for page in opened.values():
        page.context.close()


def settle(page: BrowserPage) -> None:
    """What the page draws after "load" that axe should see: the wizard's map once Mermaid has drawn it."""
    chart = page.locator(".wz-map")
    if chart.count():
        expect(chart).to_have_attribute("data-state", "drawn", timeout=30_000)


@pytest.mark.parametrize("scheme", PALETTES)
@pytest.mark.parametrize("site_page", [*browser_pages(), *NOT_FOUND], ids=str)
def test_no_serious_or_critical_violation_on_any_page(palette_page, site_url: str, scheme: str, site_page: Page):
    page = palette_page(scheme)
    page.goto(site_url + site_page.path, wait_until="load")
    assert scheme_of(page) == scheme, f"{site_page} did not keep the visitor's palette"
    assert page.locator("html").get_attribute("lang") == site_page.language
    settle(page)
    violations = axe_violations(page)
    assert violations == [], "\n" + described(f"{site_page} [{scheme}]", violations)


# --- states that exist only after interaction ----------------------------------------------------------------


def self_check_url(site_url: str, language: str) -> str:
    return site_url + catalogue.site_path("self-check", language)


def wizard_url(site_url: str, language: str) -> str:
    return site_url + catalogue.site_path("remediation", language)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("scheme", PALETTES)
def test_the_self_check_with_findings_shown_has_no_serious_violation(palette_page, site_url, scheme, language):
    page = palette_page(scheme)
    page.goto(self_check_url(site_url, language), wait_until="load")
    expect(page.locator("#icp-self-check")).to_have_attribute("data-state", "ready", timeout=READY)
    page.locator("#icp-entity-name").fill("Example")
    page.locator("#icp-entity-document-number").fill("91350100M000100Y4X")
    page.locator("#icp-entity-pic-mobile").fill("1380013800")
    page.locator("#icp-entity-pic-email").fill("someone@")
    page.locator("#icp-websites-0-domains").fill("bad_domain..cn")
    page.locator("[data-action=add-website]").click()
    # A report asked for shows every finding, the empty fields' too, beside its field and in the summary.
    with page.expect_download():
        page.locator("[data-action=download]").click()
    expect(page.locator(".icp-sc__form li.icp-sc__finding").first).to_be_visible(timeout=FINDING)
    expect(page.locator(".icp-sc__items .icp-sc__item")).not_to_have_count(0)
    violations = axe_violations(page)
    assert violations == [], "\n" + described(f"self-check with findings, {language} [{scheme}]", violations)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("scheme", PALETTES)
def test_the_wizard_after_answers_and_at_its_plan_has_no_serious_violation(palette_page, site_url, scheme, language):
    page = palette_page(scheme)
    page.goto(wizard_url(site_url, language), wait_until="load")
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    tree = remediation.default_tree()
    for count, answer in enumerate(WIZARD_ANSWERS, start=1):
        node = tree.walk(WIZARD_ANSWERS[: count - 1]).node
        page.locator(f"#wz-{node} .wz__option[data-option='{answer}']").click()
        expect(page.locator(f"#wz-{tree.walk(WIZARD_ANSWERS[:count]).node}")).to_be_visible()
        if count == 2:  # a question further in: the answers so far, the "Back" link
            violations = axe_violations(page)
            assert violations == [], "\n" + described(f"wizard after 2 answers, {language} [{scheme}]", violations)
    # The plan, with Python's tools (the Markdown download) once it has taken over.
    expect(page.locator("#icp-wizard[data-engine=python]")).to_have_count(1, timeout=READY)
    expect(page.locator(".wz__tools [data-action=download]")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], "\n" + described(f"wizard's plan, {language} [{scheme}]", violations)


# --- the findings, announced once --------------------------------------------------------------------------------

# Every change to the live region's and the visible counts' text, with when it happened (before the page's scripts).
RECORD_CHANGES = """(() => {
  window.__changes = []
  // When the last key was typed, by the page's clock: a time taken by the test after typing would come later by
  // a round trip to the browser (over 100 ms on a loaded machine), and the pause would look shorter than it was.
  document.addEventListener("input", () => { window.__lastInput = performance.now() }, true)
  new MutationObserver((records) => {
    for (const record of records) {
      const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement
      const region = node && node.closest(".icp-sc__announce, .icp-sc__counts")
      if (region) window.__changes.push({ region: region.className, text: region.textContent, at: performance.now() })
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
})()"""


def changes(page: BrowserPage, region: str) -> list[dict]:
    return [change for change in page.evaluate("window.__changes") if change["region"] == region]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_findings_summary_is_announced_once_when_the_typing_stops(
    browser: Browser, browser_context_args: dict, site_url: str, language: str
):
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 1280, "height": 900}})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.add_init_script(RECORD_CHANGES)
    announce = page.locator(".icp-sc__announce")
    try:
        page.goto(self_check_url(site_url, language), wait_until="load")
        expect(page.locator("#icp-self-check")).to_have_attribute("data-state", "ready", timeout=READY)
        expect(announce, "the summary of the empty form was never announced").not_to_have_text("", timeout=FINDING)
        expect(announce).to_have_attribute("role", "status")
        expect(announce).to_have_attribute("aria-live", "polite")
        first = announce.text_content()
        page.evaluate("window.__changes = []")
        field = page.locator("#icp-entity-pic-mobile")
        field.focus()
        field.press_sequentially("1380013800", delay=60)  # too short: a mobile number has 11 digits
        typed = page.evaluate("window.__lastInput")
        counts = page.locator(".icp-sc__counts")
        page.locator("#icp-entity-pic-mobile-findings [data-code=MOBILE_LENGTH]").wait_for(timeout=FINDING)
        expect(announce).not_to_have_text(first, timeout=FINDING)
        page.wait_for_timeout(SETTLE + 500)  # long enough for a second announcement, were there one
        said = changes(page, announce.evaluate("node => node.className"))
        drawn = changes(page, counts.evaluate("node => node.className"))
        assert len(drawn) > 1, f"the visible counts changed {len(drawn)} times while typing: the test proves nothing"
        assert len(said) == 1, f"the live region changed {len(said)} times for one pause in typing: {said}"
        # The page's timer starts after the last input event (the recorder listens before the page does).
        assert said[0]["at"] >= typed + SETTLE - 5, "announced before the typing had paused"
        assert said[0]["text"] == counts.text_content(), "the announcement is not the summary shown"
        assert said[0]["text"] != first
        # A digit typed and taken back before the typing pauses: the summary changes and comes back to what was
        # said, and nothing more is announced.
        field.press_sequentially("0", delay=60)
        page.locator("#icp-entity-pic-mobile-findings [data-code=MOBILE_LENGTH]").wait_for(state="detached")
        field.press("Backspace")
        page.locator("#icp-entity-pic-mobile-findings [data-code=MOBILE_LENGTH]").wait_for(timeout=FINDING)
        page.wait_for_timeout(SETTLE + 500)
        assert len(changes(page, said[0]["region"])) == 1, "the same summary was announced again"
    finally:
        context.close()
