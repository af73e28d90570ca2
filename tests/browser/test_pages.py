"""Every page, in both languages, loads cleanly and asks nothing of any host but the site itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page as BrowserPage, expect

from site_pages import PYTHON_PAGES, Page, pages


@pytest.mark.parametrize("site_page", pages(), ids=str)
def test_page_loads_without_errors_or_off_site_requests(page: BrowserPage, site_url: str, traffic, site_page: Page):
    response = page.goto(site_url + site_page.path, wait_until="load")
    assert response is not None and response.status == 200
    # On the pages that start Python the network goes idle only once it has loaded (13 MB, seconds of both cores
    # of a busy machine): their own tests follow every request and error of a whole start
    # (test_self_check_page.py, test_remediation_page.py); here they are checked as far as their "load".
    if site_page.stem not in PYTHON_PAGES:
        page.wait_for_load_state("networkidle")
    expect(page.locator("article h1").first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == site_page.language
    assert traffic.errors == [], f"console errors on {site_page}"
    assert traffic.off_site() == [], f"{site_page} requested something off {site_url}"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_home_page_screenshot(page: BrowserPage, site_url: str, traffic, artifacts, language: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + ("" if language == "en" else "zh/"), wait_until="networkidle")
    path = artifacts / "screenshots" / f"home-{language}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 10_000  # a rendered page, not a blank one
    assert traffic.off_site() == []


def test_a_missing_page_is_a_404(page: BrowserPage, site_url: str):
    missing = page.goto(site_url + "zh/no-such-page/", wait_until="load")
    assert missing is not None and missing.status == 404


@pytest.mark.parametrize("path, language", [("404.html", "en"), ("zh/404.html", "zh")])
def test_the_404_page_reads_in_both_languages_inside_its_own_language(page: BrowserPage, site_url: str, traffic,
                                                                     path: str, language: str):
    # http.server answers a missing page with its own 404; a deployment maps 404s to these pages.
    page.goto(site_url + path, wait_until="networkidle")
    expect(page.locator("article h1")).to_contain_text("页面不存在")
    expect(page.locator("article h1")).to_contain_text("Page not found")
    assert page.locator("html").get_attribute("lang") == language
    assert traffic.errors == [] and traffic.off_site() == []
