"""The self-check's access check (inspected item 4), end to end with real parts: the page's worker asks the
project's DoH endpoint (`icp-doh`, started here on the port the site was built for) and the endpoint asks a real
DNS server (Debian's dnsmasq) that holds the fixture domains. The provider is the site's own (Tencent Cloud's
ranges); the fixture addresses are chosen on them, off them and private.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, Request, expect
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page as BrowserPage

import chinese_text
from checker import _tables, words
from doh_servers import dnsmasq, free_port, icp_doh
from site_pages import built_endpoint
from workers import ON_THE_DOH_PORT

# Listens on the DoH port the built pages name: one such module at a time across xdist's workers (tests/workers.py).
pytestmark = ON_THE_DOH_PORT

STRINGS = words.load("site-self-check")  # the page's words (checker/data/words/site-self-check.toml)
LOOKUP = words.load("report")["lookup"]  # why a lookup failed, in words (checker/data/words/report.toml)
READY = 60_000  # Pyodide's start on a busy 2-core machine
LOOKED_UP = 30_000  # every lookup answered (the broken one after the endpoint's timeout × 2 attempts)
ROOT_SELECTOR = "#icp-self-check"

# The fixture zone: one domain per verdict, and what each should be called.
ON_PROVIDER, OFF_PROVIDER, PRIVATE = "1.12.0.10", "93.184.215.14", "10.0.0.5"
DOMAINS = {
    "pass.test": "pass",  # on the provider, www. a CNAME to it
    "other.test": "fail",  # the domain is elsewhere, its www. on the provider: one address off is enough
    "private.test": "fail",  # a private address
    "none.test": "fail",  # NXDOMAIN for both names
    "broken.test": "unknown",  # its resolver does not answer: never "fail"
}
CODES = {
    "pass.test": "ACCESS_PASS",
    "other.test": "ACCESS_OTHER_ADDRESS",
    "private.test": "ACCESS_PRIVATE_ADDRESS",
    "none.test": "ACCESS_NO_ADDRESS",
    "broken.test": "ACCESS_LOOKUP_FAILED",
}


def test_the_fixture_addresses_are_where_the_tests_say():
    networks = _tables.provider_ranges("tencent-cloud").networks
    assert any(ipaddress.ip_address(ON_PROVIDER) in network for network in networks)
    assert not any(ipaddress.ip_address(OFF_PROVIDER) in network for network in networks)


@pytest.fixture(scope="module")
def endpoint(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """dnsmasq with the fixture zone, and icp-doh in front of it where the built page looks for it."""
    _, port = built_endpoint()
    dns_port, dead_port = free_port(), free_port()
    records = [
        "--local=/test/",
        f"--host-record=pass.test,{ON_PROVIDER}",
        "--cname=www.pass.test,pass.test",
        f"--host-record=other.test,{OFF_PROVIDER}",
        f"--host-record=www.other.test,{ON_PROVIDER}",
        f"--host-record=private.test,{PRIVATE}",
        f"--host-record=www.private.test,{PRIVATE}",
        f"--server=/broken.test/127.0.0.1#{dead_port}",
    ]
    origin = site_url.rstrip("/")
    log = tmp_path_factory.mktemp("icp-doh") / "access.log"
    with (
        dnsmasq([f"--port={dns_port}", "--cache-size=0", *records], dns_port),
        icp_doh(["--upstream", f"127.0.0.1:{dns_port}", "--allow-origin", origin, "--timeout", "1"], port, log),
    ):
        yield f"http://127.0.0.1:{port}/resolve"


@dataclass
class Sent:
    """Every request a page made, with what it carried."""

    requests: list[Request] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page: BrowserPage) -> None:
        page.on("request", lambda request: self.requests.append(request))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))


@pytest.fixture(scope="module")
def pages(browser: Browser, site_url: str, endpoint: str) -> Iterator[dict[str, tuple[BrowserPage, Sent]]]:
    """One self-check page per language, both starting Python at once; cleared by each test that uses one."""
    opened = {}
    for language in ("en", "zh"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")  # conftest
        page = context.new_page()
        page.set_default_timeout(10_000)
        sent = Sent()
        sent.attach(page)
        page.goto(site_url + ("" if language == "en" else "zh/") + "self-check/", wait_until="domcontentloaded")
        opened[language] = (page, sent)
    for page, _ in opened.values():
        expect(page.locator(ROOT_SELECTOR)).to_have_attribute("data-state", "ready", timeout=READY)
    yield opened
    for page, _ in opened.values():
        page.context.close()


def ready_page(pages, language: str) -> tuple[BrowserPage, Sent]:
    page, sent = pages[language]
    page.locator("[data-action=clear]").click()
    expect(page.locator(".icp-sc__access-result")).to_have_count(0)
    sent.requests.clear()
    sent.errors.clear()
    return page, sent


def check_access(page: BrowserPage, domains: list[str]) -> None:
    page.locator("#icp-websites-0-domains").fill("\n".join(domains))
    page.locator("[data-action=check-access]").click()
    expect(page.locator(".icp-sc__access-result")).to_have_count(len(domains), timeout=LOOKED_UP)


def verdicts(page: BrowserPage) -> dict[str, str]:
    return dict(
        page.locator(".icp-sc__access-result").evaluate_all(
            "items => items.map(item => [item.dataset.domain, item.dataset.verdict])"
        )
    )


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_domain_gets_its_verdict_beside_the_field_and_under_item_4(pages, language: str):
    page, sent = ready_page(pages, language)
    check_access(page, list(DOMAINS))
    assert verdicts(page) == DOMAINS
    for domain, verdict in DOMAINS.items():
        result = page.locator(f'.icp-sc__access-result[data-domain="{domain}"]')
        expect(result.locator(".icp-sc__verdict")).to_have_text(STRINGS["script"][f"verdict_{verdict}"][language])
    provider = {"en": "Tencent Cloud", "zh": "腾讯云"}[language]
    other = page.locator('.icp-sc__access-result[data-domain="other.test"]')
    expect(other).to_contain_text(OFF_PROVIDER)
    expect(other).to_contain_text(STRINGS["script"]["address_other"][language].format(provider=provider))
    expect(page.locator('.icp-sc__access-result[data-domain="pass.test"]')).to_contain_text("www.pass.test → pass.test")
    # The findings join the summary's item 4 and the domains field, in the page's language.
    item_4 = page.locator(".icp-sc__item", has_text={"en": "4. Access information", "zh": "4. 接入信息"}[language])
    for code in CODES.values():
        expect(item_4.locator(f'li[data-code="{code}"]').first).to_be_visible()
        expect(page.locator(f'#icp-websites-0-domains-findings li[data-code="{code}"]').first).to_be_visible()
    status = page.locator(".icp-sc__access-status")
    expect(status).to_contain_text(
        {"en": "1 passed, 3 failed, 1 could not be decided", "zh": "1个通过，3个不通过，1个无法确定"}[language]
    )
    expect(page.locator("[data-action=check-access]")).to_have_text(STRINGS["script"]["check_again"][language])
    assert sent.errors == [] or all("502" in error for error in sent.errors), sent.errors


def test_only_the_domain_names_leave_the_page(pages, endpoint: str):
    """The access check's requests carry the domain (and its www.) and the record type, nothing else typed."""
    page, sent = ready_page(pages, "en")
    personal = {
        "#icp-entity-name": "Zqxjk Widgets Ltd",
        "#icp-entity-pic-name": "Qwzvx Person",
        "#icp-entity-pic-mobile": "13912345678",
        "#icp-entity-pic-email": "qwzvx@pass.test",
        "#icp-websites-0-name": "Zqxjk Shop",
    }
    for selector, value in personal.items():
        page.locator(selector).fill(value)
    check_access(page, ["pass.test", "other.test"])
    asked = set()
    for request in sent.requests:
        carried = " ".join([request.url, json.dumps(request.headers), request.post_data or ""])
        for value in personal.values():
            assert value not in carried, f"{value!r} left the page in {request.method} {request.url}"
        if request.url.startswith(endpoint):
            assert request.method == "GET" and request.post_data is None
            query = dict(parse_qsl(urlsplit(request.url).query))
            assert set(query) == {"name", "type"} and query["type"] in {"A", "AAAA"}, request.url
            asked.add(query["name"])
    assert asked == {"pass.test", "www.pass.test", "other.test", "www.other.test"}


def test_changed_domains_make_the_results_stale_until_checked_again(pages):
    page, _ = ready_page(pages, "en")
    check_access(page, ["other.test"])
    findings = page.locator('#icp-websites-0-domains-findings li[data-code="ACCESS_OTHER_ADDRESS"]')
    expect(findings).to_have_count(1)
    page.locator("#icp-websites-0-domains").fill("pass.test")
    expect(page.locator(".icp-sc__access-status")).to_have_text(STRINGS["script"]["access_stale"]["en"])
    expect(findings, "a result for domains no longer typed is still shown as a finding").to_have_count(0)
    page.locator("[data-action=check-access]").click()
    expect(page.locator('.icp-sc__access-result[data-domain="pass.test"]')).to_have_attribute("data-verdict", "pass")
    expect(page.locator(".icp-sc__access-result")).to_have_count(1)


def test_the_downloaded_report_holds_the_access_check(pages):
    page, _ = ready_page(pages, "en")
    check_access(page, ["pass.test", "other.test"])
    with page.expect_download() as event:
        page.locator("[data-action=download]").click()
    report = json.loads(Path(event.value.path()).read_text(encoding="utf-8"))
    assert [entry["verdict"] for entry in report["access"]["domains"]] == ["pass", "fail"]
    assert report["access"]["provider"]["key"] == "tencent-cloud"
    assert "ACCESS_OTHER_ADDRESS" in {finding["code"] for finding in report["report"]["findings"]}


def test_an_unreachable_endpoint_decides_nothing(pages, endpoint: str):
    """The endpoint refused (blocked here): every domain "could not be decided", none fails, the form keeps working."""
    page, _ = ready_page(pages, "zh")
    page.route(f"{endpoint}**", lambda route: route.abort())
    try:
        check_access(page, ["pass.test", "other.test"])
    finally:
        page.unroute(f"{endpoint}**")
    assert set(verdicts(page).values()) == {"unknown"}
    expect(page.locator('#icp-websites-0-domains-findings li[data-code="ACCESS_OTHER_ADDRESS"]')).to_have_count(0)
    page.locator("#icp-entity-pic-mobile").fill("1380013800")
    expect(page.locator('#icp-entity-pic-mobile-findings li[data-code="MOBILE_LENGTH"]')).to_have_count(1)


def test_with_no_valid_domain_it_says_what_to_do(pages):
    page, sent = ready_page(pages, "en")
    page.locator("#icp-websites-0-domains").fill("not a domain")
    page.locator("[data-action=check-access]").click()
    expect(page.locator(".icp-sc__access-status")).to_have_text(STRINGS["script"]["access_no_domains"]["en"])
    assert not [request for request in sent.requests if "/resolve" in request.url]


# Each way a lookup fails, as the page's worker meets it: how the test makes it happen, and the reason in the
# checker's words (checker.access.LookupFailed). The worker passes the kind and its values; Python words them.
FAILED_LOOKUPS = {
    "http": ("broken.test", None, LOOKUP["http"]["zh"].format(status=502)),  # the endpoint's upstream is dead: 502
    "network": ("pass.test", "abort", LOOKUP["network"]["zh"]),
    "bad answer": ("pass.test", "not json", LOOKUP["not_json"]["zh"]),
    "timeout": ("pass.test", "hang", LOOKUP["timeout"]["zh"].format(seconds=8)),  # the worker's LOOKUP_MS
}


@pytest.mark.parametrize("way", list(FAILED_LOOKUPS))
def test_a_failed_lookup_on_the_chinese_page_says_why_in_chinese(pages, endpoint: str, way: str):
    """zh-review.md: ACCESS_LOOKUP_FAILED and the page inserted the worker's English ("HTTP 502…", "no answer
    within … s"). On the Chinese page the finding and the line beside the name say why in Chinese only."""
    domain, how, reason = FAILED_LOOKUPS[way]
    page, _ = ready_page(pages, "zh")
    held = []

    def handle(route):
        if how == "abort":
            route.abort()
        elif how == "not json":
            route.fulfill(status=200, content_type="application/dns-json", body="<html>Bad Gateway</html>")
        else:
            held.append(route)  # never answered: the worker gives up after its timeout

    if how:
        page.route(f"{endpoint}**", handle)
    try:
        check_access(page, [domain])
    finally:
        if how:
            page.unroute(f"{endpoint}**")
        for route in held:  # the worker has given up on it by now, which usually ends it already
            with contextlib.suppress(PlaywrightError):
                route.abort()
    assert verdicts(page) == {domain: "unknown"}
    result = page.locator(f'.icp-sc__access-result[data-domain="{domain}"]')
    expect(result).to_contain_text(STRINGS["script"]["lookup_unknown"]["zh"].format(detail=reason))
    finding = "ACCESS_BAD_ANSWER" if how == "not json" else "ACCESS_LOOKUP_FAILED"
    shown = page.locator(f'#icp-websites-0-domains-findings li[data-code="{finding}"]').first
    expect(shown).to_be_visible()
    if finding == "ACCESS_LOOKUP_FAILED":
        expect(shown).to_contain_text(reason)
    texts = [result.inner_text(), *page.locator("#icp-websites-0-domains-findings li").all_inner_texts()]
    texts.append(page.locator(".icp-sc__access-status").inner_text())
    for text in texts:
        assert chinese_text.problems(text) == [], text
