"""Keyboard-only paths, driven with `page.keyboard` alone (Tab, Shift+Tab, Enter, Space, arrows and typing; never a
click or a fill): through the self-check from the top of the page to a filing's findings, the access check and the
downloaded report; through the wizard from its first question to a plan. At every step that moves the focus, the
focused element is on screen, not under Material's sticky header, and looks focused: its outline, shadow,
background or border differ from how it looked a moment before, unfocused (both looks read by the browser's own
computed style). Both of Material's palettes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as BrowserPage

from checker import catalogue, remediation, words
from doh_servers import dnsmasq, free_port, icp_doh
from site_pages import built_endpoint
from workers import ON_THE_DOH_PORT

# Listens on the DoH port the built pages name: one such module at a time across xdist's workers (tests/workers.py).
pytestmark = ON_THE_DOH_PORT

READY = 60_000  # Pyodide's start on a busy 2-core machine
FINDING = 5_000
LOOKED_UP = 30_000
PALETTES = ["default", "slate"]
WIZARD = words.load("site-remediation")
# A domain the fixture's DNS server places on the provider's ranges (Tencent Cloud's 1.12.0.0/14): its verdict is
# "pass". Not under a special-use suffix (.test, .example), which the endpoint may refuse.
DOMAIN, ON_PROVIDER = "keyboard-path.cn", "1.12.0.10"
# The wizard's walk: a contact number that still works (tests/browser/test_remediation_page.py's English path).
ANSWERS = ("within", "yes", "contact", "yes")

# Installed before the page's own scripts. On each key that may move the focus (not a character typed), every
# element that can take the focus has its look taken while still unfocused; afterwards `__focusReport()` compares
# the focused element's look with it. An input Material hides (its palette's radio buttons) shows its focus on the
# label beside it: that label is what is looked at.
FOCUS_WATCH = """(() => {
  const PROPERTIES = ["outlineStyle", "outlineWidth", "outlineColor", "boxShadow", "backgroundColor", "borderTopColor"]
  const FOCUSABLE = "a[href], button, input, select, textarea, summary, label, [tabindex], h2"
  const look = (node) => {
    const style = getComputedStyle(node)
    return Object.fromEntries(PROPERTIES.map((name) => [name, style[name]]))
  }
  const looks = new WeakMap()
  addEventListener("keydown", (event) => {
    if (event.key.length === 1 && event.key !== " ") return
    for (const node of document.querySelectorAll(FOCUSABLE)) {
      if (node !== document.activeElement) looks.set(node, look(node))
    }
  }, true)
  const rendered = (node) => {
    const box = node.getBoundingClientRect()
    return node.checkVisibility({ opacityProperty: true }) && box.width > 1 && box.height > 1
  }
  const shownBy = (node) => {
    if (rendered(node)) return node
    const beside = node.nextElementSibling
    return [...(beside && beside.tagName === "LABEL" ? [beside] : []), ...(node.labels || [])].find(rendered) || node
  }
  // Material eases its focus styles and menus in (transitions of a quarter second), and the page may still be
  // scrolling the focused element into view (smoothly): judged once both have ended.
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
  const stillScrolling = async () => {
    for (let frames = 0; frames < 120; frames++) {
      const at = scrollY
      await frame()
      await frame()
      if (scrollY === at) return
    }
  }
  const settled = () => Promise.race([
    Promise.all([stillScrolling(), ...document.getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
      .map((animation) => animation.finished.catch(() => null))]),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ])
  window.__focusReport = async () => {
    await settled()
    const node = document.activeElement
    if (!node || node === document.body) return { what: "nothing", problems: ["nothing has the focus"] }
    const shown = shownBy(node)
    // On screen and not hidden behind something else (WCAG 2.4.11: not entirely): some point across its first line
    // (a link may wrap) finds the element itself, or its label.
    const box = shown.getClientRects()[0] || shown.getBoundingClientRect()
    const y = box.top + Math.min(box.height / 2, 10)
    const inView = rendered(shown) && y >= 0 && y < innerHeight && box.right > 0 && box.left < innerWidth
    const hits = inView ? [0.1, 0.5, 0.9].map((part) => document.elementFromPoint(box.left + box.width * part, y)) : []
    const seen = (hit) => Boolean(hit && (shown.contains(hit) || (hit.tagName === "LABEL" && hit.control === node)))
    const uncovered = hits.some(seen)
    const hit = hits.find((found) => !seen(found))
    const now = look(shown), before = looks.get(shown)
    const changed = before ? PROPERTIES.filter((name) => now[name] !== before[name]) : PROPERTIES
    const outline = now.outlineStyle !== "none" && parseFloat(now.outlineWidth) > 0
    const indicated = (outline && changed.some((name) => name.startsWith("outline")))
      || (changed.includes("boxShadow") && now.boxShadow !== "none")
      || changed.includes("backgroundColor") || changed.includes("borderTopColor")
    const problems = []
    if (!inView) problems.push("not on screen")
    else if (!uncovered) problems.push(`covered by ${hit ? hit.outerHTML.slice(0, 80) : "nothing"}`)
    const compared = `before ${JSON.stringify(before)}, now ${JSON.stringify(now)}`
    if (!indicated) problems.push(`no visible focus indicator (${compared})`)
    const name = (node.getAttribute("aria-label") || node.textContent || node.name || "").trim().slice(0, 40)
    const by = shown === node ? "" : " (shown by its label)"
    const what = `${node.outerHTML.slice(0, 80)}… ${JSON.stringify(name)}${by}`
    return { what, problems }
  }
})()"""


# The browser scrolls a newly focused element into view, smoothly where the theme asks for it: the report is read
# again until the focus shows or this long has passed (a scroll that never brings it into view still fails).
SCROLL_SETTLES_MS = 2_000


def settled_focus_report(page: BrowserPage) -> dict:
    deadline = time.monotonic() + SCROLL_SETTLES_MS / 1000
    while True:
        report = page.evaluate("window.__focusReport()")
        if report["problems"] == [] or time.monotonic() > deadline:
            return report
        page.wait_for_timeout(50)


class Keyboard:
    """The keyboard alone, checking where the focus lands after each key that moves it."""

    def __init__(self, page: BrowserPage) -> None:
        self.page = page
        self.steps = 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.steps += 1
        report = settled_focus_report(self.page)
        assert report["problems"] == [], (
            f"after {key} (step {self.steps}), focus on {report['what']}: {report['problems']}"
        )

    def focused(self, selector: str) -> bool:
        return self.page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)

    def tab_to(self, selector: str, limit: int = 80, key: str = "Tab") -> int:
        """Press Tab (or Shift+Tab) until `selector` has the focus; how many presses it took."""
        for presses in range(1, limit + 1):
            self.press(key)
            if self.focused(selector):
                return presses
        focused = self.page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 120)")
        raise AssertionError(f"{selector} not reached with {limit} × {key}; focus is on {focused}")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text, delay=20)


@pytest.fixture(scope="module")
def endpoint(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A DNS server (Debian's dnsmasq) holding DOMAIN, and icp-doh in front of it where the built page asks."""
    (_, port), dns_port = built_endpoint(), free_port()
    records = [
        f"--local=/{DOMAIN}/",
        f"--host-record={DOMAIN},{ON_PROVIDER}",
        f"--host-record=www.{DOMAIN},{ON_PROVIDER}",
    ]
    log = tmp_path_factory.mktemp("icp-doh") / "access.log"
    with (
        dnsmasq([f"--port={dns_port}", "--cache-size=0", *records], dns_port),
        icp_doh(
            ["--upstream", f"127.0.0.1:{dns_port}", "--allow-origin", site_url.rstrip("/"), "--timeout", "1"], port, log
        ),
    ):
        yield f"http://127.0.0.1:{port}/resolve"


def open_page(browser: Browser, context_args: dict, scheme: str) -> BrowserPage:
    """A page watched for focus, in the palette a visitor's browser asks for (Material follows it), with the
    suite's context settings (conftest.py: no service worker)."""
    preference = "dark" if scheme == "slate" else "light"
    context = browser.new_context(
        **{**context_args, "viewport": {"width": 1280, "height": 900}, "color_scheme": preference}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.add_init_script(FOCUS_WATCH)
    return page


@pytest.mark.parametrize("scheme", PALETTES)
def test_the_self_check_from_the_top_to_the_downloaded_report(
    browser: Browser, browser_context_args: dict, site_url: str, endpoint: str, scheme: str
):
    page = open_page(browser, browser_context_args, scheme)
    keys = Keyboard(page)
    try:
        page.goto(site_url + catalogue.site_path("self-check", "en"), wait_until="load")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        expect(page.locator("#icp-self-check")).to_have_attribute("data-state", "ready", timeout=READY)
        # From the top of the page, through Material's header and navigation, into the form.
        keys.tab_to("#icp-entity-type")
        keys.tab_to("#icp-entity-name", limit=3)
        keys.type("Keyboard Path Technology Co., Ltd.")
        keys.tab_to("#icp-entity-province", limit=3)
        keys.press("ArrowDown")
        expect(page.locator("#icp-entity-province"), "ArrowDown chose no province").not_to_have_value("")
        keys.tab_to("#icp-entity-document-number", limit=5)
        keys.type("91350100M000100Y4X")
        keys.tab_to("#icp-entity-pic-mobile", limit=10)
        keys.type("1380013800")  # one digit short
        expect(page.locator("#icp-entity-pic-mobile-findings [data-code=MOBILE_LENGTH]")).to_have_count(
            1, timeout=FINDING
        )
        # Shift+Tab goes back a field, Tab forward again.
        keys.press("Shift+Tab")
        keys.tab_to("#icp-entity-pic-mobile", limit=2)
        keys.tab_to("#icp-websites-0-domains", limit=10)
        keys.type(DOMAIN)
        # The access check, with Enter on its button.
        keys.tab_to("[data-action=check-access]", limit=40)
        keys.press("Enter")
        result = page.locator(f'.icp-sc__access-result[data-domain="{DOMAIN}"]')
        expect(result).to_have_attribute("data-verdict", "pass", timeout=LOOKED_UP)
        # The report, with Space on its button: the findings and the access check inside.
        keys.tab_to("[data-action=download]", limit=40)
        with page.expect_download() as download:
            keys.press("Space")
        report = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        codes = {finding["code"] for finding in report["report"]["findings"]}
        assert "MOBILE_LENGTH" in codes, f"the downloaded report misses the finding shown: {sorted(codes)}"
        assert report["access"]["domains"][0]["domain"] == DOMAIN, "the downloaded report misses the access check"
        # What a screen reader was told of the findings: the summary shown.
        expect(page.locator(".icp-sc__announce")).to_have_text(
            page.locator(".icp-sc__counts").inner_text(), timeout=FINDING
        )
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", PALETTES)
def test_the_wizard_from_its_first_question_to_a_plan(
    browser: Browser, browser_context_args: dict, site_url: str, scheme: str
):
    page = open_page(browser, browser_context_args, scheme)
    keys = Keyboard(page)
    tree = remediation.default_tree()
    try:
        page.goto(site_url + catalogue.site_path("remediation", "en"), wait_until="load")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
        for count, answer in enumerate(ANSWERS, start=1):
            node = tree.walk(ANSWERS[: count - 1]).node
            keys.tab_to(f"#wz-{node} .wz__option[data-option='{answer}']")
            keys.press("Enter")
            following = tree.walk(ANSWERS[:count]).node
            # The next question (or the plan) takes the focus at its heading: a screen reader reads it out.
            expect(page.locator(f"#wz-{following}-title")).to_be_focused()
            report = settled_focus_report(page)
            assert report["problems"] == [], (
                f"after answering {answer!r}, focus on {report['what']}: {report['problems']}"
            )
        outcome = tree.walk(ANSWERS).node
        assert outcome in tree.outcomes
        expect(page.locator(".wz__progress")).to_have_text(WIZARD["plan"]["en"])
        # The plan's first step, ticked with Space.
        first_step = page.locator(f"#wz-{outcome} .wz__done").first
        keys.tab_to(f"#wz-{outcome} .wz__done", limit=20)
        keys.press("Space")
        expect(first_step).to_be_checked()
    finally:
        page.context.close()
