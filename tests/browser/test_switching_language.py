"""The language switcher keeps the reader on the same page, also after instant navigation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from site_pages import pages, url_path

OTHER = {"en": "zh", "zh": "en"}


# The switcher's link points at the language's home in the HTML; language-switch.js points it at this page once
# the theme has started (hooks/language_switch.py, language-switch.js): a click before that goes home.
SWITCHER_SET_UP = """(to) => {
  const meta = document.head.querySelector(`meta[name="alternate-page"][data-lang="${to}"]`)
  const link = document.querySelector(`.md-select__link[hreflang="${to}"]`)
  return Boolean(meta && link && link.getAttribute("href") === meta.content)
}"""


def switch_language(page: BrowserPage, to: str, target: str) -> None:
    """Switch to the language `to` and wait until the page at `target` is shown in it.

    Waits for the address and the language themselves, not for "a navigation": Material's navigation.tracking
    rewrites the address's fragment while the reader scrolls, and a test on a busy machine took that for the
    switch and read the old address.
    """
    page.wait_for_function(SWITCHER_SET_UP, arg=to)
    page.locator(".md-header .md-select").hover()
    page.locator(f".md-select__link[hreflang={to}]").click()
    page.wait_for_url(lambda url: url.split("#")[0] == target)
    expect(page.locator("html")).to_have_attribute("lang", to)


# A page of each kind: the home page, a guide two folders deep, the two pages that start Python, the map (Mermaid),
# the glossary (its tooltips), the provinces' overview and a province's page (made by a hook). Every page's
# switcher is read as built by tests/test_site_build.py; clicking it on all of them cost a minute and a half of the
# browser suite, whose time is make test's budget.
KINDS = (
    "index",
    "inspected-items/entity",
    "self-check",
    "remediation",
    "remediation-map",
    "glossary",
    "provinces/index",
    "provinces/liaoning",
)


@pytest.fixture(scope="module")
def python_less_reader(reader: BrowserPage) -> BrowserPage:
    """The module's one page (conftest's reader), kept from loading Python: it is not what these tests are about,
    and on the pages that start it, it costs 13 MB and seconds of a busy machine's two cores. switch_language waits
    for the switcher to be set up, not for the network."""
    reader.route(re.compile(r"/assets/pyodide/"), lambda route: route.abort())
    return reader


@pytest.mark.parametrize("site_page", [p for p in pages() if p.stem in KINDS], ids=str)
def test_switch_keeps_the_page(python_less_reader: BrowserPage, site_url: str, site_page):
    page = python_less_reader
    page.goto(site_url + site_page.path, wait_until="load")
    other = OTHER[site_page.language]
    switch_language(page, other, site_url + url_path(site_page.stem, other))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_switch_after_instant_navigation(page: BrowserPage, site_url: str, language: str):
    page.goto(site_url + url_path("index", language), wait_until="networkidle")
    # Follow an in-site link: Material's instant navigation swaps the content without loading a page, so a
    # mark left on `window` survives it (and proves the navigation was instant).
    page.evaluate("window.beforeInstantNavigation = true")
    page.locator('article a[href$="access-cancelled/"]').first.click()
    # (Ignore the fragment: Material's navigation.tracking may briefly put a section anchor in the address.)
    target = site_url + url_path("access-cancelled", language)
    page.wait_for_url(lambda url: url.split("#")[0] == target)
    page.wait_for_function("document.querySelector('article h1') !== null")
    assert page.evaluate("window.beforeInstantNavigation === true"), "the navigation was not instant"
    switch_language(page, OTHER[language], site_url + url_path("access-cancelled", OTHER[language]))
