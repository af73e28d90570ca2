"""Every page, in both languages, loads cleanly (no console error, nothing the Content-Security-Policy refuses) and
asks nothing of any host but the site itself."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from page_traffic import Traffic, recording
from site_pages import DOCS, PYTHON_PAGES, RECORD_VIOLATIONS, Page, browser_pages, built_policy


@pytest.fixture(scope="module")
def csp_reader(reader: BrowserPage) -> BrowserPage:
    """The module's one page (conftest's reader), recording what the Content-Security-Policy refuses on each page
    it loads. Each test still sees its own page's requests, errors and refusals: the page is loaded anew, and the
    records are the test's own."""
    reader.add_init_script(RECORD_VIOLATIONS)
    return reader


@pytest.mark.parametrize("site_page", browser_pages(), ids=str)
def test_page_loads_without_errors_or_off_site_requests(csp_reader: BrowserPage, site_url: str, site_page: Page):
    with recording(csp_reader, site_url) as traffic:
        check_page_loads(csp_reader, site_url, traffic, site_page)


def check_page_loads(page: BrowserPage, site_url: str, traffic: Traffic, site_page: Page) -> None:
    response = page.goto(site_url + site_page.path, wait_until="load")
    assert response is not None and response.status == 200
    assert response.headers.get("content-security-policy") == built_policy()
    # On the pages that start Python the network goes idle only once it has loaded (13 MB, seconds of both cores
    # of a busy machine): their own tests follow every request and error of a whole start
    # (test_self_check_page.py, test_remediation_page.py); here they are checked as far as their "load".
    if site_page.stem not in PYTHON_PAGES:
        page.wait_for_load_state("networkidle")
    expect(page.locator("article h1").first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == site_page.language
    assert page.evaluate("window.__csp") == [], f"{site_page}: the Content-Security-Policy refused something"
    assert traffic.errors == [], f"console errors on {site_page}"
    assert traffic.off_site() == [], f"{site_page} requested something off {site_url}"


# A screenshot (PNG) read back in the page's canvas: per region, the share of pixels that are not its most common
# colour (the background), and how many colours it has (text is anti-aliased: many shades).
INK = """async ({ png, regions }) => {
  const image = new Image()
  image.src = "data:image/png;base64," + png
  await image.decode()
  const canvas = document.createElement("canvas")
  canvas.width = image.width
  canvas.height = image.height
  const context = canvas.getContext("2d", { willReadFrequently: true })
  context.drawImage(image, 0, 0)
  return regions.map(({ x, y, width, height }) => {
    const { data } = context.getImageData(Math.floor(x), Math.floor(y), Math.ceil(width), Math.ceil(height))
    const counts = new Map()
    for (let i = 0; i < data.length; i += 4) {
      const colour = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
      counts.set(colour, (counts.get(colour) || 0) + 1)
    }
    let background = 0
    for (const count of counts.values()) background = Math.max(background, count)
    return { ink: 1 - background / (data.length / 4), colours: counts.size }
  })
}"""

# Each Han character of the heading drawn in the heading's own fonts, beside a character no font has (U+F0000,
# private use): a missing CJK font draws every Han character as that same empty box ("tofu").
GLYPHS = r"""(heading) => {
  const style = getComputedStyle(heading)
  const canvas = document.createElement("canvas")
  canvas.width = canvas.height = 64
  const context = canvas.getContext("2d", { willReadFrequently: true })
  const draw = (char) => {
    context.clearRect(0, 0, 64, 64)
    context.font = `${style.fontWeight} 40px ${style.fontFamily}`
    context.fillText(char, 4, 48)
    return Array.from(context.getImageData(0, 0, 64, 64).data).join(",")
  }
  const chars = [...new Set(heading.textContent.match(/[\u4e00-\u9fff]/g) || [])]
  const tofu = draw("\u{F0000}")
  const images = chars.map(draw)
  return { chars: chars.length, distinct: new Set(images).size, tofu: images.filter((image) => image === tofu).length }
}"""


def source_title(stem: str, language: str) -> str:
    """The page's title as its Markdown source gives it (the first "# " heading)."""
    source = DOCS / (f"{stem}.md" if language == "en" else f"{stem}.{language}.md")
    return next(line[2:].strip() for line in source.read_text(encoding="utf-8").splitlines() if line.startswith("# "))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_home_page_screenshot(page: BrowserPage, site_url: str, traffic, artifacts, language: str):
    """The README's screenshots: what they show is the page itself, rendered. Its heading (the source's title)
    is painted in the picture (text-coloured pixels where the heading is), the page is not blank, and in Chinese
    the characters are real glyphs, not the empty boxes of a missing CJK font. (Before: any PNG over 10 KB.)"""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + ("" if language == "en" else "zh/"), wait_until="networkidle")
    heading = page.locator("article h1").first
    expect(heading).to_contain_text(source_title("index", language))  # and its permalink, "¶"
    expect(heading).to_be_in_viewport()
    path = artifacts / "screenshots" / f"home-{language}.png"
    page.screenshot(path=path, full_page=True)
    box = heading.bounding_box()
    whole = {"x": 0, "y": 0, "width": 1280, "height": page.evaluate("document.documentElement.scrollHeight")}
    shot, title = page.evaluate(
        INK, {"png": base64.b64encode(path.read_bytes()).decode("ascii"), "regions": [whole, box]}
    )
    assert shot["ink"] > 0.05 and shot["colours"] > 50, f"the screenshot looks blank: {shot}"
    assert title["ink"] > 0.03 and title["colours"] > 10, f"the heading is not painted in the screenshot: {title}"
    if language == "zh":
        glyphs = heading.evaluate(GLYPHS)
        assert glyphs["chars"] >= 5 and glyphs["tofu"] == 0 and glyphs["distinct"] == glyphs["chars"], (
            f"Chinese characters drawn as boxes (no CJK font?): {glyphs}"
        )
    assert traffic.off_site() == []


def test_a_missing_page_is_a_404(page: BrowserPage, site_url: str):
    missing = page.goto(site_url + "zh/no-such-page/", wait_until="load")
    assert missing is not None and missing.status == 404


@pytest.mark.parametrize("path, language", [("404.html", "en"), ("zh/404.html", "zh")])
def test_the_404_page_reads_in_both_languages_inside_its_own_language(
    page: BrowserPage, site_url: str, traffic, path: str, language: str
):
    # http.server answers a missing page with its own 404; a deployment maps 404s to these pages.
    page.goto(site_url + path, wait_until="networkidle")
    expect(page.locator("article h1")).to_contain_text("页面不存在")
    expect(page.locator("article h1")).to_contain_text("Page not found")
    assert page.locator("html").get_attribute("lang") == language
    assert traffic.errors == [] and traffic.off_site() == []
