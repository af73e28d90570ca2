"""Search finds the right page for a filer's words, in English and in Chinese (Material + jieba)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as BrowserPage

import glossary
from site_pages import url_path

# (query, the page it must find among the first results; or pages, any of which answers it: the wizard's plan for
# the SMS check answers "verification code" as the contact page does). Queries are what a worried filer types.
ENGLISH = [
    ("rectification", "rectification-period"),
    ("deregister", "deregister"),
    ("shell entity", "shell-entity"),
    ("access cancelled", "access-cancelled"),
    ("verification code", ("contact-self-check", "remediation")),
    ("Counterterrorism Law", "why-inspections"),
    ("backdrop photo", "inspected-items/materials"),
    ("resolved IP address", "inspected-items/access"),
    ("domain holder", "inspected-items/content-and-domain"),
    ("query MIIT entity name", "filing-gone"),
    ("Unified Social Credit Code", "inspected-items/entity"),
    ("extension", "rectification-period"),
    # A province by its name: its page, or the overview of every province (hooks/provinces.py, regions.tsv's name).
    ("Guangdong", ("provinces/guangdong", "provinces/index")),
]
CHINESE = [
    ("整改", "rectification-period"),
    ("取消接入", "access-cancelled"),
    ("空壳主体", "shell-entity"),
    ("统一社会信用代码", "inspected-items/entity"),
    ("核验单", "inspected-items/materials"),
    ("注销主体", "deregister"),
    ("验证码", "contact-self-check"),
    ("反恐怖主义法", "why-inspections"),
    ("幕布照", "inspected-items/materials"),
    ("解析", "inspected-items/access"),
    ("域名持有者", "inspected-items/content-and-domain"),
    ("主办单位名称", "filing-gone"),
    # A province by its name and by the short name its filing numbers begin with (province-abbreviations.tsv), and
    # a provincial rule by its name (checker/data/words/provinces.toml): its page or the overview.
    ("广东", ("provinces/guangdong", "provinces/index")),
    ("粤", ("provinces/guangdong", "provinces/index")),
    ("外省证件", "provinces/index"),
]
TOP = 3
# The words a notice or MIIT's form uses for a term (its synonyms in the terminology table,
# checker/data/words/site-glossary.toml): searching one of them finds the glossary, which shows the synonyms beside
# the term, or pages that use the word first (the glossary's search boost is 0.2). (query, the term in the table)
SYNONYMS = [("管局", "管局"), ("主办单位", "备案主体"), ("新增接入", "接入备案")]


@pytest.fixture(scope="module")
def home_pages(browser: Browser, site_url: str) -> Iterator[Callable[[str], BrowserPage]]:
    """One home page per language for all the queries: Material builds its search index in a worker on every page
    load (a second of CPU for the Chinese one), and the queries only read it."""
    opened: dict[str, BrowserPage] = {}

    def home(language: str) -> BrowserPage:
        if language not in opened:
            page = browser.new_context(service_workers="block").new_page()  # as conftest.py
            page.set_default_timeout(10_000)
            page.goto(site_url + ("" if language == "en" else f"{language}/"), wait_until="networkidle")
            opened[language] = page
        return opened[language]

    yield home
    for page in opened.values():
        page.context.close()


def search(page: BrowserPage, query: str) -> list[str]:
    """Type `query` into Material's search and return the URL paths of the result pages, best first."""
    box = page.locator("input.md-search__input")
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    box.click()
    box.fill("")  # the last query's results go first, so that the ones read below are this query's
    expect(links).to_have_count(0)
    box.fill(query)
    box.press("End")
    expect(links.first).to_be_visible()
    found: list[str] = []
    for href in links.evaluate_all("links => links.map(link => new URL(link.href).pathname)"):
        if href not in found:
            found.append(href)
    return found


@pytest.mark.parametrize(
    "language, query, expected",
    [("en", *row) for row in ENGLISH] + [("zh", *row) for row in CHINESE],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_search_finds_the_page(
    home_pages: Callable[[str], BrowserPage], language: str, query: str, expected: str | tuple[str, ...]
):
    found = search(home_pages(language), query)
    targets = ["/" + url_path(stem, language) for stem in ((expected,) if isinstance(expected, str) else expected)]
    assert set(targets) & set(found[:TOP]), (
        f"{query!r} should find {' or '.join(targets)} in the first {TOP}; found {found[:TOP]}"
    )


@pytest.mark.parametrize("query, term", SYNONYMS, ids=[query for query, _ in SYNONYMS])
def test_search_finds_a_term_by_its_synonym(home_pages: Callable[[str], BrowserPage], query: str, term: str):
    (defined,) = [entry for entry in glossary.load() if entry.names["zh"] == term]
    assert query == term or query in defined.synonyms["zh"], "the query is no synonym of the term in the table"
    page = home_pages("zh")
    found = search(page, query)
    base = page.url.removesuffix("zh/")
    has_it = [path for path in found[:TOP] if query in re.sub(r"<[^>]+>", "", page.request.get(base + path).text())]
    assert has_it, f"{query!r}: none of the first {TOP} results {found[:TOP]} has the word"
    glossary_page = "/" + url_path("glossary", "zh")
    if glossary_page not in found:  # the pages that use the word rank above the glossary (search boost 0.2)
        assert len(has_it) == TOP, f"{query!r} should find the glossary or {TOP} pages that use it; found {found}"
