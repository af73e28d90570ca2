"""The wizard as a map (/remediation-map/): the whole tree drawn by the site's own Mermaid, in both languages, also
after Material's instant navigation; its text without JavaScript; and no other page loads Mermaid."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as BrowserPage

from checker import catalogue, remediation
from checker.words import LANGUAGES
from site_pages import ROOT

TREE = remediation.default_tree()
MERMAID_VERSION = json.loads((ROOT / "node_modules" / "mermaid" / "package.json").read_text(encoding="utf-8"))[
    "version"
]
DRAWN = ".wz-map[data-state='drawn'] .wz-map__chart svg"
# Mermaid is 3.5 MB: drawing the chart takes a few seconds on a busy machine.
DRAWING_TIMEOUT = 30_000
# Going back fetches the wizard's page again and swaps it in (Material's instant navigation); on a fresh clone the
# browser tests share two cores with the unit tests, and once (CI, 2026-12-05) that took longer than 5 s.
SWAP_TIMEOUT = 20_000


def url_of(site_url: str, language: str, page: str = "remediation-map") -> str:
    return site_url + catalogue.site_path(page, language)


def pieces(text: str) -> list[str]:
    """A node's text as the chart shows it, less any {placeholder} the site's configuration fills in."""
    return [" ".join(piece.split()) for piece in re.split(r"\{[^}]*\}", text) if piece.strip()]


def expect_the_whole_tree(page: BrowserPage, language: str) -> None:
    chart = page.locator(DRAWN)
    expect(chart).to_have_count(1, timeout=DRAWING_TIMEOUT)
    expect(chart.locator("g.node")).to_have_count(len(TREE.questions) + len(TREE.outcomes))
    shown = " ".join(chart.evaluate("svg => svg.textContent").split())
    for node, texts in [
        *((node, question.text) for node, question in TREE.questions.items()),
        *((node, outcome.title) for node, outcome in TREE.outcomes.items()),
    ]:
        for piece in pieces(texts[language]):
            assert piece in shown, f"{node}: {piece!r} is not in the chart"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_draws_every_question_and_plan_with_the_sites_own_mermaid(
    page: BrowserPage, site_url: str, traffic, language: str
):
    page.goto(url_of(site_url, language))
    expect_the_whole_tree(page, language)
    expect(page.locator(".wz-map__source")).to_be_hidden()
    expect(page.locator(".wz-map__status")).to_be_hidden()
    assert [url for url in traffic.requests if "mermaid" in url] == [
        f"{site_url}assets/mermaid/{MERMAID_VERSION}/mermaid.min.js"
    ]
    assert traffic.errors == [] and traffic.off_site() == []


def test_instant_navigation_to_the_map_draws_it_and_back_and_forth_loads_mermaid_once(
    page: BrowserPage, site_url: str, traffic
):
    page.goto(url_of(site_url, "zh", "remediation"))
    page.evaluate("window.stillTheSameDocument = true")
    page.locator(".md-nav__link[href$='remediation-map/']").first.click()
    expect_the_whole_tree(page, "zh")
    page.go_back()
    expect(page).to_have_url(url_of(site_url, "zh", "remediation"), timeout=SWAP_TIMEOUT)
    expect(page.locator("#icp-wizard")).to_have_count(1, timeout=SWAP_TIMEOUT)
    page.locator(".md-nav__link[href$='remediation-map/']").first.click()
    expect_the_whole_tree(page, "zh")
    assert page.evaluate("window.stillTheSameDocument") is True, "the page reloaded: no instant navigation"
    assert len([url for url in traffic.requests if "mermaid.min.js" in url]) == 1
    assert traffic.errors == [] and traffic.off_site() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_charts_text_is_shown(browser: Browser, site_url: str, language: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url_of(site_url, language))
        source = page.locator(".wz-map__source")
        expect(source).to_be_visible()
        expect(source).to_contain_text("flowchart")
        expect(source).to_contain_text(pieces(TREE.questions[TREE.start].text[language])[0])
    finally:
        context.close()


def test_when_mermaid_cannot_load_the_text_is_shown_with_a_word_why(page: BrowserPage, site_url: str):
    page.route("**/mermaid.min.js", lambda route: route.abort())
    page.goto(url_of(site_url, "en"))
    expect(page.locator(".wz-map[data-state='failed']")).to_have_count(1)
    expect(page.locator(".wz-map__source")).to_be_visible()
    expect(page.locator(".wz-map__status")).to_contain_text("could not be drawn")


@pytest.mark.parametrize("path", ["", "zh/", "rectification-period/", "zh/glossary/"])
def test_other_pages_never_load_mermaid(page: BrowserPage, site_url: str, traffic, path: str):
    page.goto(site_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert [url for url in traffic.requests if "mermaid" in url] == []
    assert page.evaluate("typeof window.mermaid") == "undefined"
