"""The remediation wizard's page (/remediation/): one question at a time with the answers in the address, and the
whole tree as static HTML that works with JavaScript off."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import Browser, Page as BrowserPage, expect

from checker import remediation
from site_pages import ROOT

TREE = remediation.default_tree()
WORDS = yaml.safe_load((ROOT / "data" / "remediation.yml").read_text(encoding="utf-8"))
# One full path per language: a contact number that still works (the SMS steps), and the filing gone from MIIT
# with nothing left of the entity (a first-time application).
PATHS = {"en": ("within", "yes", "contact", "yes"), "zh": remediation.decode("after.deregistered.nothing")}


def url_of(site_url: str, language: str, query: str = "") -> str:
    return site_url + ("" if language == "en" else f"{language}/") + "remediation/" + query


def shown(page: BrowserPage) -> list[str]:
    return page.locator(".wz__node:visible").evaluate_all("nodes => nodes.map(node => node.dataset.node)")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_full_path_one_question_at_a_time_ends_in_its_plan(page: BrowserPage, site_url: str, traffic, language):
    page.goto(url_of(site_url, language))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    progress = page.locator(".wz__progress")
    answers = PATHS[language]
    for number, answer in enumerate(answers, start=1):
        node = TREE.walk(answers[:number - 1]).node
        assert shown(page) == [node], f"question {number}"
        expect(progress).to_have_text(f"{WORDS['question'][language]} {number}")
        page.locator(f"#wz-{node} .wz__option[data-option='{answer}']").click()
    outcome = TREE.walk(answers).node
    assert outcome in TREE.outcomes and shown(page) == [outcome]
    expect(progress).to_have_text(WORDS["plan"][language])
    assert page.url.endswith("?a=" + remediation.encode(answers)) or f"?a={remediation.encode(answers)}#" in page.url
    plan = page.locator(f"#wz-{outcome}")
    expect(plan.locator(".wz__steps > li")).to_have_count(len(TREE.outcomes[outcome].steps))
    expect(plan.locator("h2")).to_be_focused()
    # The answers given are listed with the plan, in the page's language.
    expect(plan.locator(".wz__answers li")).to_have_count(len(answers))
    assert traffic.errors == [] and traffic.off_site() == []


def test_a_shared_link_opens_at_the_same_step_and_a_reload_resumes(page: BrowserPage, site_url: str):
    answers = ("within", "yes", "contact")
    page.goto(url_of(site_url, "en", "?a=" + remediation.encode(answers)))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == [TREE.walk(answers).node]
    page.reload()
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == [TREE.walk(answers).node]


def test_back_goes_back_one_question_with_the_browser_and_with_the_link(page: BrowserPage, site_url: str):
    page.goto(url_of(site_url, "zh"))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    page.locator("#wz-notice .wz__option[data-option='within']").click()
    page.locator("#wz-keep .wz__option[data-option='yes']").click()
    assert shown(page) == ["failed-item"]
    page.go_back()
    expect(page.locator("#wz-keep")).to_be_visible()
    assert shown(page) == ["keep"]
    page.locator("#wz-keep .wz__back").click()
    expect(page.locator("#wz-notice")).to_be_visible()
    assert "?a=" not in page.url
    # Back and forth again: one "Back" where there is somewhere to go back to, and no separators left behind.
    page.locator("#wz-notice .wz__option[data-option='within']").click()
    page.locator("#wz-keep .wz__back").click()
    page.locator("#wz-notice .wz__option[data-option='within']").click()
    expect(page.locator("#wz-keep .wz__restart")).to_have_text(f"{WORDS['back']['zh']} · {WORDS['start_again']['zh']}")
    page.locator("#wz-keep .wz__back").click()
    expect(page.locator("#wz-notice .wz__restart")).to_have_text(WORDS["start_again"]["zh"])
    page.locator("#wz-notice .wz__option[data-option='after']").click()
    page.locator("[data-action=restart]:visible").click()
    assert shown(page) == [TREE.start]


def test_a_mangled_link_opens_as_far_as_its_answers_fit(page: BrowserPage, site_url: str, traffic):
    page.goto(url_of(site_url, "en", "?a=within.nonsense.<script>"))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == ["keep"]
    assert traffic.errors == []


def test_a_search_result_opens_its_node_with_the_answers_that_lead_there(page: BrowserPage, site_url: str):
    """Search links to a node's heading (#wz-<node>-title); the script finds the answers that lead to it."""
    page.goto(url_of(site_url, "en", "#wz-fix-contact-verify-title"))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == ["fix-contact-verify"]
    assert "?a=within.yes.contact.yes" in page.url


@pytest.mark.parametrize("language", ["en", "zh"])
def test_without_javascript_the_static_tree_works_with_links(browser: Browser, site_url: str, language: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url_of(site_url, language))
        assert shown(page) == [TREE.start]
        for answer in PATHS[language]:
            (node,) = shown(page)
            page.locator(f"#wz-{node} .wz__option[data-option='{answer}']").click()
        assert shown(page) == [TREE.walk(PATHS[language]).node]
        # Every node is in the page and reachable by its anchor.
        for node in [*TREE.questions, *TREE.outcomes]:
            page.goto(url_of(site_url, language, f"#wz-{node}"))
            assert shown(page) == [node], node
    finally:
        context.close()
