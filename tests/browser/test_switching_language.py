"""The language switcher keeps the reader on the same page, also after instant navigation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page as BrowserPage

from site_pages import pages, url_path

OTHER = {"en": "zh", "zh": "en"}


# The switcher's link points at the language's home in the HTML; language-switch.js points it at this page once
# the theme has started (hooks/language_switch.py, language-switch.js): a click before that goes home.
SWITCHER_SET_UP = """(to) => {
  const meta = document.head.querySelector(`meta[name="alternate-page"][data-lang="${to}"]`)
  const link = document.querySelector(`.md-select__link[hreflang="${to}"]`)
  return Boolean(meta && link && link.getAttribute("href") === meta.content)
}"""


def switch_language(page: BrowserPage, to: str) -> None:
    page.wait_for_function(SWITCHER_SET_UP, arg=to)
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(f".md-select__link[hreflang={to}]").click()


@pytest.mark.parametrize("site_page", pages(), ids=str)
def test_switch_keeps_the_page(page: BrowserPage, site_url: str, site_page):
    # Python is not what this test is about: on the pages that start it (13 MB, seconds of a busy machine's two
    # cores) it is kept from loading. switch_language waits for the switcher to be set up, not for the network.
    page.route(re.compile(r"/assets/pyodide/"), lambda route: route.abort())
    page.goto(site_url + site_page.path, wait_until="load")
    other = OTHER[site_page.language]
    switch_language(page, other)
    page.wait_for_load_state("load")
    assert page.url == site_url + url_path(site_page.stem, other)
    assert page.locator("html").get_attribute("lang") == other


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
    switch_language(page, OTHER[language])
    assert page.url == site_url + url_path("access-cancelled", OTHER[language])
    assert page.locator("html").get_attribute("lang") == OTHER[language]
