"""The remediation wizard's page (/remediation/): one question at a time with the answers in the address; walked
by the page itself until Python (checker.remediation in the tab's worker) takes over; and the whole tree as
static HTML that works with JavaScript off."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as BrowserPage

from checker import catalogue, remediation, words
from checker.words import LANGUAGES

TREE = remediation.default_tree()
WORDS = words.load("site-remediation")
SELF_CHECK_WORDS = words.load("site-self-check")
# One full path per language: a contact number that still works (the SMS steps), and, the longest walk, access
# cancelled with the filing still at MIIT in a province that allows access first and a change afterwards (Tencent's
# 备案专项核查类/超期未整改的相关问题.md: 接入备案, then 变更备案).
PATHS = {"en": ("within", "yes", "contact", "yes"), "zh": remediation.decode("after.access-cancelled.yes.yes.allowed")}
READY = 60_000  # Pyodide's start on a busy 2-core machine: 5–15 s, more with other pages loading


def url_of(site_url: str, language: str, query: str = "") -> str:
    return site_url + catalogue.site_path("remediation", language) + query


def shown(page: BrowserPage) -> list[str]:
    return page.locator(".wz__node:visible").evaluate_all("nodes => nodes.map(node => node.dataset.node)")


def python_has_taken_over(page: BrowserPage) -> None:
    expect(page.locator("#icp-wizard[data-engine=python]")).to_have_count(1, timeout=READY)


def without_python(page: BrowserPage) -> None:
    """The runtime cannot load: the page must walk the tree by itself."""
    page.route(re.compile(r"/assets/pyodide/"), lambda route: route.abort())


def progress_text(language: str, answers: tuple[str, ...]) -> str:
    """What Python's progress line says after `answers`."""
    position = TREE.walk(answers)
    if position.is_outcome:
        return WORDS["plan"][language]
    number = len(answers) + 1
    return WORDS["question_of"][language].format(number=number, most=len(answers) + TREE.questions_left(position.node))


def test_a_full_path_driven_by_python_ends_in_its_plan_and_its_markdown(page: BrowserPage, site_url: str, traffic):
    language = "en"
    page.goto(url_of(site_url, language))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    # The first question is answerable at once, before Python, which then takes over at the same place.
    assert shown(page) == [TREE.start]
    python_has_taken_over(page)
    progress = page.locator(".wz__progress")
    answers = PATHS[language]
    for number, answer in enumerate(answers, start=1):
        node = TREE.walk(answers[: number - 1]).node
        expect(progress).to_have_text(progress_text(language, answers[: number - 1]))
        assert shown(page) == [node], f"question {number}"
        page.locator(f"#wz-{node} .wz__option[data-option='{answer}']").click()
    outcome = TREE.walk(answers).node
    expect(progress).to_have_text(WORDS["plan"][language])
    assert outcome in TREE.outcomes and shown(page) == [outcome]
    assert page.url.endswith("?a=" + remediation.encode(answers))
    plan = page.locator(f"#wz-{outcome}")
    expect(plan.locator(".wz__steps > li")).to_have_count(len(TREE.outcomes[outcome].steps))
    expect(plan.locator("h2")).to_be_focused()
    # The answers given are listed with the plan, in the page's language.
    expect(plan.locator(".wz__answers li")).to_have_count(len(answers))
    # The plan downloads as the checker's Markdown checklist, its links absolute, ending with the way back.
    with page.expect_download() as download:
        plan.locator("[data-action=download]").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    settings = json.loads(page.locator("#icp-wizard").get_attribute("data-settings"))
    expected = remediation.plan_markdown(
        TREE.plan(answers, language, settings, lambda path, lang: site_url + catalogue.site_path(path, lang)),
        url_of(site_url, language, "?a=" + remediation.encode(answers)),
    )
    assert text == expected
    assert download.value.suggested_filename == f"icp-plan-{outcome}.md"
    assert traffic.errors == [] and traffic.off_site() == []


def test_python_takes_over_where_the_visitor_is_and_a_reload_resumes(page: BrowserPage, site_url: str, traffic):
    answers = ("within", "yes", "contact")
    address = url_of(site_url, "en", "?a=" + remediation.encode(answers))
    # Python is held back (its wasm request paused) until the page's own state is checked: restored from its
    # snapshot, it can be ready before the first assertion.
    held: list = []  # the paused requests; page.unroute() lets them go on
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(address)
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert page.locator("#icp-wizard").get_attribute("data-engine") is None, "Python was ready before the page"
    assert shown(page) == [TREE.walk(answers).node]
    expect(page.locator(".wz__progress")).to_have_text(f"{WORDS['question']['en']} 4")
    page.unroute("**/pyodide.asm.wasm")
    python_has_taken_over(page)
    expect(page.locator(".wz__progress")).to_have_text(progress_text("en", answers))
    assert shown(page) == [TREE.walk(answers).node] and page.url == address
    page.reload()
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == [TREE.walk(answers).node]
    assert traffic.errors == []


def test_back_goes_back_one_question_with_the_browser_and_with_the_link(page: BrowserPage, site_url: str):
    without_python(page)  # Back is the same link either way; Python's Back is walked in the tests above and below
    page.goto(url_of(site_url, "zh"))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    page.locator("#wz-notice .wz__option[data-option='within']").click()
    page.locator("#wz-keep .wz__option[data-option='yes']").click()
    expect(page.locator("#wz-failed-item")).to_be_visible()
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
    expect(page.locator("#wz-notice")).to_be_visible()
    assert shown(page) == [TREE.start]


def test_a_mangled_link_opens_as_far_as_its_answers_fit_and_python_says_why(page: BrowserPage, site_url: str, traffic):
    language = "zh"
    text = "within.yes.contact.maybe.<script>"
    page.goto(url_of(site_url, language, "?a=" + text))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == ["phone-owner"]
    python_has_taken_over(page)
    note = page.locator(".wz__note")
    expect(note).to_contain_text(remediation.state(TREE, text, language)["problem"]["message"])
    expect(note).to_have_attribute("role", "alert")
    assert shown(page) == ["phone-owner"]
    assert page.url == url_of(site_url, language, "?a=within.yes.contact")  # the address keeps what fitted
    # Back, with Python deciding: one question earlier, the note gone.
    page.locator("#wz-phone-owner .wz__back").click()
    expect(page.locator("#wz-failed-item")).to_be_visible()
    assert shown(page) == ["failed-item"] and page.url == url_of(site_url, language, "?a=within.yes")
    expect(note).to_be_hidden()
    expect(page.locator(".wz__progress")).to_have_text(progress_text(language, ("within", "yes")))
    assert traffic.errors == []


def test_without_python_a_full_path_ends_in_its_plan_and_a_mangled_link_stops_where_it_fits(
    page: BrowserPage, site_url: str
):
    """The runtime cannot load (blocked here): the page walks the tree by itself, in Chinese this time."""
    without_python(page)
    page.goto(url_of(site_url, "zh", "?a=within.nonsense"))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == ["keep"]
    expect(page.locator(".wz__note")).to_be_visible()  # it cannot say why, only that the link did not fit
    page.locator("[data-action=restart]:visible").click()
    progress = page.locator(".wz__progress")
    answers = PATHS["zh"]
    for number, answer in enumerate(answers, start=1):
        node = TREE.walk(answers[: number - 1]).node
        expect(progress).to_have_text(f"{WORDS['question']['zh']} {number}")
        assert shown(page) == [node], f"question {number}"
        page.locator(f"#wz-{node} .wz__option[data-option='{answer}']").click()
    outcome = TREE.walk(answers).node
    expect(progress).to_have_text(WORDS["plan"]["zh"])
    assert shown(page) == [outcome] and page.url.endswith("?a=" + remediation.encode(answers))
    plan = page.locator(f"#wz-{outcome}")
    expect(plan.locator("h2")).to_be_focused()
    expect(plan.locator(".wz__steps > li")).to_have_count(len(TREE.outcomes[outcome].steps))
    expect(plan.locator(".wz__answers li")).to_have_count(len(answers))
    expect(plan.locator("[data-action=print]")).to_be_visible()
    expect(plan.locator("[data-action=download]")).to_have_count(0)  # the Markdown is Python's
    assert page.locator("#icp-wizard").get_attribute("data-engine") is None


@pytest.mark.parametrize(
    "text",
    ["within..yes", "within.", ".within", ".".join(["within"] * 40)],
    ids=["empty-answer", "trailing-dot", "leading-dot", "too-many"],
)
def test_without_python_the_page_reads_a_mangled_link_exactly_as_python_does(
    page: BrowserPage, site_url: str, text: str
):
    """The page walks an answer string as checker.remediation.Tree.state does: an empty answer stops the walk
    (it fits no option), a string over Python's limits opens at the start. Before, the page dropped empty
    answers: for ?a=within..yes it walked two answers, then Python rewound to one and rewrote the address."""
    without_python(page)
    expected = remediation.state(TREE, text, "en")
    assert expected["problem"] is not None
    page.goto(url_of(site_url, "en", "?a=" + text))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == [expected["node"]]
    expect(page.locator(".wz__note")).to_be_visible()  # that the link did not fit; Python alone says why
    expect(page.locator(".wz__progress")).to_have_text(f"{WORDS['question']['en']} {expected['number']}")


def test_with_python_an_empty_answer_keeps_the_visitor_where_the_page_put_them(
    page: BrowserPage, site_url: str, traffic
):
    """?a=within..yes: the page stops at the empty answer, and Python, taking over, agrees (same question, the
    address keeps what fitted) and says why."""
    text, language = "within..yes", "zh"
    expected = remediation.state(TREE, text, language)
    assert (expected["node"], expected["answers"], expected["problem"]["code"]) == ("keep", "within", "format")
    page.goto(url_of(site_url, language, "?a=" + text))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == ["keep"]
    python_has_taken_over(page)
    expect(page.locator(".wz__note")).to_contain_text(expected["problem"]["message"])
    assert shown(page) == ["keep"] and page.url == url_of(site_url, language, "?a=within")
    expect(page.locator(".wz__progress")).to_have_text(progress_text(language, ("within",)))
    assert traffic.errors == []


def test_the_self_checks_finding_opens_the_wizard_at_its_item_with_the_known_answers(
    page: BrowserPage, site_url: str, traffic
):
    """A finding of item 2 (contact) links to the wizard's contact question, the first answers given; the one
    worker of the tab serves both pages."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "zh/self-check/")
    expect(page.locator("#icp-self-check")).to_have_attribute("data-state", "ready", timeout=READY)
    page.locator("#icp-entity-pic-mobile").fill("1380013800")
    # Item 2's link (item 3, materials, has its own: nothing is ticked yet).
    plan_link = page.locator(".icp-sc__plan a[href*='?a=within.yes.contact&']")
    expect(plan_link).to_have_text(SELF_CHECK_WORDS["script"]["plan_fix"]["zh"], timeout=5_000)
    plan_link.click()
    expect(page).to_have_url(url_of(site_url, "zh", "?a=within.yes.contact&from=self-check"))
    python_has_taken_over(page)
    assert shown(page) == [TREE.walk(TREE.entries["2"]).node]
    expect(page.locator(".wz__note")).to_have_text(WORDS["prefilled"]["zh"])
    expect(page.locator(".wz__answers:visible li")).to_have_count(3)
    runtime = [url for url in traffic.requests if url.endswith("pyodide.asm.wasm")]
    assert len(runtime) == 1, f"pyodide.asm.wasm requested {len(runtime)} times in one tab"
    # Starting again leaves the self-check's answers behind.
    page.locator("[data-action=restart]:visible").click()
    expect(page.locator(".wz__note")).to_be_hidden()
    assert "from=" not in page.url
    assert traffic.errors == [] and traffic.off_site() == []


def test_a_search_result_opens_its_node_with_the_answers_that_lead_there(page: BrowserPage, site_url: str):
    """Search links to a node's heading (#wz-<node>-title); the script finds the answers that lead to it."""
    page.goto(url_of(site_url, "en", "#wz-fix-contact-verify-title"))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == ["fix-contact-verify"]
    assert "?a=within.yes.contact.yes" in page.url


@pytest.mark.parametrize("language", LANGUAGES)
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


@pytest.mark.parametrize(
    "text",
    ["within.entity-gone.yes", ".".join(["within"] * 40), "after.unsure.no.x.<b>"],
    ids=["after-outcome", "too-many", "not-an-option"],
)
def test_the_hand_over_to_python_moves_nothing(page: BrowserPage, site_url: str, traffic, text: str):
    """Before Python the page follows only what the build rendered (data-walks); Python's Tree.state then decides,
    and for any string stands where the page stood: only the address drops what did not fit, and the note says
    why."""
    language = "en"
    expected = remediation.state(TREE, text, language)
    page.goto(url_of(site_url, language, "?a=" + text))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert page.locator("#icp-wizard").get_attribute("data-engine") is None, "Python was ready before the page"
    assert shown(page) == [expected["node"]]
    python_has_taken_over(page)
    expect(page.locator(".wz__note")).to_contain_text(expected["problem"]["message"])
    assert shown(page) == [expected["node"]]
    assert page.url == url_of(site_url, language, "?a=" + expected["answers"] if expected["answers"] else "")
    assert traffic.errors == []


def test_each_option_shown_links_to_its_next_answer_string(page: BrowserPage, site_url: str):
    """A question reached by several paths links each option to the answers of the path taken (a new tab opens
    at the same step)."""
    without_python(page)
    for text in ["after.access-cancelled.no", "after.deregistered"]:
        page.goto(url_of(site_url, "zh", "?a=" + text))
        expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
        assert shown(page) == ["miit-entity"]
        for option in TREE.questions["miit-entity"].options:
            link = page.locator(f"#wz-miit-entity .wz__option[data-option='{option.id}']")
            expect(link).to_have_attribute("href", url_of(site_url, "zh", f"?a={text}.{option.id}"))


@pytest.mark.parametrize(
    ("text", "outcome", "guides"),
    [
        # 超期未整改的相关问题.md: "如果该备案信息下无其他接入商，您需注销空壳主体，再提交首次备案申请。"
        ("after.access-cancelled.yes.no.no", "shell-then-first-filing", ["shell_entity_url", "first_filing_url"]),
        # 超期未整改的相关问题.md: "如果备案所在省份允许先接入后变更，通过腾讯云提交接入备案……再提交变更备案申请。"
        ("after.access-cancelled.yes.yes.allowed", "access-then-change", ["access_filing_url", "change_filing_url"]),
    ],
)
def test_a_plan_after_cancelled_access_links_the_providers_chinese_guides_in_order(
    page: BrowserPage, site_url: str, traffic, text: str, outcome: str, guides: list[str]
):
    """The Chinese plan links each of the provider's guides in the order of the original, at the configured
    address for Chinese readers, both before Python (the static tree) and once it has taken over."""
    language = "zh"
    page.goto(url_of(site_url, language, "?a=" + text))
    expect(page.locator("#icp-wizard[data-ready]")).to_have_count(1)
    assert shown(page) == [outcome]
    settings = json.loads(page.locator("#icp-wizard").get_attribute("data-settings"))
    plan = TREE.plan(remediation.decode(text), language, settings)
    for engine in ("page", "python"):
        if engine == "python":
            python_has_taken_over(page)
            assert shown(page) == [outcome]
        steps = page.locator(f"#wz-{outcome} .wz__steps > li")
        expect(steps).to_have_count(len(plan["steps"]))
        hrefs = steps.locator("a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
        configured = [settings["provider"][key] for key in guides]  # one URL, or {en: ..., zh: ...}
        wanted = [url[language] if isinstance(url, dict) else url for url in configured]
        assert all(url in hrefs for url in wanted), engine
        assert [hrefs.index(url) for url in wanted] == sorted(hrefs.index(url) for url in wanted), engine
        expect(page.locator(f"#wz-{outcome} h2")).to_have_text(plan["title"])
    assert traffic.errors == []
