"""The remediation tree (checker/data/remediation.toml, compiled to remediation.json) and its engine
(checker.remediation).

Every path is walked and its plan made in both languages; every seed situation ends in the plan it should; every
link points to a page or a configured URL that exists; each validation error has a broken fixture tree
(tests/data/remediation/) that triggers exactly that error. Wording is checked to render, not word for word.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import catalogue, remediation
from checker.remediation import AnswerError, TreeError
from checker.words import LANGUAGES
from example_site import MIIT, PROVIDER
from examples import EXAMPLES, EXAMPLES_SLOW, PYODIDE

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIXTURES = Path(__file__).parent / "data" / "remediation"
TREE = remediation.default_tree()
CONFIG = {"provider": PROVIDER, "miit": MIIT}
CJK = re.compile(r"[\u4e00-\u9fff]")


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.toml").read_text(encoding="utf-8")


def paths(tree: remediation.Tree) -> list[tuple[str, ...]]:
    """Every path from the start to an outcome, as option ids, in the tree's order (followed here, by the
    questions' options, not by the engine)."""

    def follow(node: str, answers: tuple[str, ...]) -> list[tuple[str, ...]]:
        if node in tree.outcomes:
            return [answers]
        return [path for option in tree.questions[node].options for path in follow(option.next, (*answers, option.id))]

    return follow(tree.start, ())


PATHS = paths(TREE)


# --- The packaged tree -------------------------------------------------------------------------------------------


def test_the_tree_has_the_size_the_issue_asks_for():
    assert 10 <= len(TREE.questions) <= 16 and 12 <= len(TREE.outcomes) <= 20


@pytest.mark.skipif(PYODIDE, reason="the TOML the tree is compiled from is not in the wheel")
def test_the_tree_names_its_source():
    header = (ROOT / "checker" / "data" / "remediation.toml").read_text(encoding="utf-8").split("\nstart")[0]
    assert "icp-inspection-faq" in header and "icp-rules.md §9" in header and "2026-12-01" in header


@pytest.mark.skipif(PYODIDE, reason="the TOML the tree is compiled from is not in the wheel")
def test_the_compiled_json_is_the_toml_the_people_edit():
    """checker/data/remediation.json is what the checker reads: run scripts/update_catalogue.py after editing the
    TOML (this fails while the two differ)."""
    import tomllib

    data = ROOT / "checker" / "data"
    compiled = json.loads((data / "remediation.json").read_text(encoding="utf-8"))
    assert compiled["tree"] == tomllib.loads((data / "remediation.toml").read_text(encoding="utf-8"))
    assert "remediation.toml" in compiled["source"] and "update_catalogue.py" in compiled["source"]
    assert remediation.from_data(compiled["tree"]) == TREE


@pytest.mark.skipif(PYODIDE, reason="runs CPython in a subprocess")
def test_the_packaged_tree_loads_without_a_toml_parser():
    program = (
        "import sys, checker.remediation as r; r.default_tree(); "
        "print(sorted(name for name in sys.modules if name.startswith('tomllib')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("answers", PATHS, ids=remediation.encode)
def test_every_path_ends_in_a_plan_with_the_same_structure_in_both_languages(answers):
    position = TREE.walk(answers)
    assert position.is_outcome and position.answers == answers
    plans = {lang: TREE.plan(answers, lang, CONFIG) for lang in LANGUAGES}
    shape = [
        [(step["links"] and [link["target"] for link in step["links"]]) for step in plans[lang]["steps"]]
        for lang in LANGUAGES
    ]
    assert shape[0] == shape[1] and len(plans["en"]["warnings"]) == len(plans["zh"]["warnings"])
    for plan in plans.values():
        assert [answer["option"] for answer in plan["answers"]] == list(answers)
    for lang, plan in plans.items():
        texts = [
            plan["title"],
            *(step["text"] for step in plan["steps"]),
            *plan["warnings"],
            *(link["label"] for step in plan["steps"] for link in step["links"]),
            *(a["question_text"] + a["option_text"] for a in plan["answers"]),
            *([plan["summary"]] if plan["summary"] else []),
        ]
        assert all(text.strip() and "{" not in text and "}" not in text for text in texts), lang
        assert all(bool(CJK.search(text)) == (lang == "zh") for text in texts if not text.startswith("the ")), lang
        assert all(link["url"] for step in plan["steps"] for link in step["links"])  # everything configured
        assert json.loads(json.dumps(plan, ensure_ascii=False)) == plan  # plain data


def test_every_outcome_and_every_question_is_on_some_path():
    assert {TREE.walk(answers).node for answers in PATHS} == set(TREE.outcomes)
    asked = {question for answers in PATHS for question, _ in TREE.walk(answers).answered}
    assert asked == set(TREE.questions)
    assert len(set(PATHS)) == len(PATHS)


def test_every_option_leads_to_a_node_of_the_tree_and_node_ids_are_url_safe():
    for question in TREE.questions.values():
        assert question.options
        for option in question.options:
            assert option.next in TREE.questions or option.next in TREE.outcomes
            assert re.fullmatch(r"[a-z0-9-]+", option.id)
    assert all(re.fullmatch(r"[a-z0-9-]+", node) for node in TREE.nodes())


PAGE_LINKS = sorted(target.split(":", 1)[1] for target in TREE.labels if target.startswith("page:"))


@pytest.mark.parametrize("page", PAGE_LINKS)
def test_every_page_link_points_to_a_page_in_both_languages(page):
    assert (DOCS / f"{page}.md").is_file() and (DOCS / f"{page}.zh.md").is_file()


@pytest.mark.skipif(PYODIDE, reason="PyYAML is a test dependency under CPython only (not in Pyodide)")
def test_every_provider_and_miit_link_is_a_key_of_mkdocs_yml():
    import yaml  # under CPython a test dependency (requirements.lock): missing, this fails rather than skips

    class Loader(yaml.SafeLoader):  # as tests/hooks/test_provider.py: tolerate MkDocs' own tags
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    extra = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra"]
    targets = [target.split(":", 1) for target in TREE.labels if not target.startswith("page:")]
    assert targets and all(key in extra[kind] for kind, key in targets)
    for lang in LANGUAGES:  # the real configuration resolves every link of every plan
        for answers in PATHS:
            plan = TREE.plan(answers, lang, extra)
            assert all(link["url"] for step in plan["steps"] for link in step["links"])


def test_the_link_labels_cover_exactly_the_links_used():
    used = {target for outcome in TREE.outcomes.values() for step in outcome.steps for target in step.links}
    used |= {target for question in TREE.questions.values() for target in question.links}
    assert used == set(TREE.labels)


# Each situation of the seed FAQ (and icp-rules.md §9) → the plan it ends in.
SEED_SITUATIONS = [
    # within the rectification period: a fix per failed inspection item, with re-check and extension
    ("within.yes.entity", "fix-entity"),
    ("within.yes.contact.yes", "fix-contact-verify"),  # the SMS self-inspection
    ("within.yes.contact.changed", "fix-contact-change"),
    ("within.yes.materials", "fix-materials"),
    ("within.yes.access.here", "fix-access-dns"),  # point the domain at the provider's server
    ("within.yes.access.elsewhere", "cancel-access"),
    ("within.yes.content.content", "fix-content"),
    ("within.yes.content.owner", "fix-domain-owner"),
    ("within.yes.unsure", "find-failed-item"),
    ("unsure", "check-status"),
    # no longer using the filing → deregister (entity vs website vs cancel access)
    ("within.entity-gone", "deregister-entity"),
    ("within.site-abandoned.yes", "deregister-website"),
    ("within.site-abandoned.no", "deregister-entity"),
    ("within.moved", "cancel-access"),
    ("within.yes.access.nowhere.yes", "deregister-website"),
    # after the period: access cancelled, the filing still at MIIT (Tencent's 备案专项核查类/超期未整改的相关问题.md,
    # "超期未整改，备案已经被取消接入（工信部仍有该网站的备案信息）怎么办？"; the seed shortens it)
    ("after.access-cancelled.yes.yes.allowed", "access-then-change"),  # 允许先接入后变更: 接入备案, then 变更备案
    ("after.access-cancelled.yes.yes.not-allowed", "shell-then-first-filing"),  # 不允许: 注销空壳主体 + 首次备案
    ("after.access-cancelled.yes.yes.unsure", "ask-provider"),
    ("after.access-cancelled.yes.no.yes", "change-at-other-provider"),  # 在其他接入商进行变更备案
    ("after.access-cancelled.yes.no.no", "shell-then-first-filing"),  # 无其他接入商: 注销空壳主体 + 首次备案
    ("after.access-cancelled.yes.no.unsure", "ask-provider"),
    ("after.unsure.yes.yes.allowed", "access-then-change"),
    # after the period: the filing gone from MIIT (access cancelled long ago, or deregistered by the bureau); the
    # same page, "备案被取消接入后长期未操作，工信部无备案信息怎么办？": query by 主办单位名称, three cases
    ("after.access-cancelled.no.shell", "shell-entity"),  # 存在无网站信息的主体信息
    ("after.access-cancelled.no.nothing", "first-filing"),  # 查询无备案信息
    ("after.access-cancelled.no.other-sites", "new-website"),  # 存在备案主体信息，且有其他网站备案信息
    ("after.deregistered.shell", "shell-entity"),
    ("after.deregistered.nothing", "first-filing"),
    ("after.deregistered.other-sites", "new-website"),
]


@pytest.mark.parametrize(("answers", "outcome"), SEED_SITUATIONS)
def test_every_seed_situation_ends_in_its_plan(answers, outcome):
    assert TREE.plan(remediation.decode(answers), "en")["outcome"] == outcome


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        # 备案信息专项核查类.md, "如何完成备案联系方式自助核验？": the console page 负责人联系方式核验, the buttons
        # 【验证】 and 【获取验证码】, and "若有多个网站负责人，则需要一并进行核验"
        (
            "within.yes.contact.yes",
            {
                "en": ["Person in charge contact verification", "Verify", "Get verification code", "several websites"],
                "zh": ["负责人联系方式核验", "「验证」", "「获取验证码」", "一并核验"],
            },
        ),
        # icp-rules.md §9 (the console, not the FAQ): a re-check, and an extension hedged (zh-review.md: "stated as
        # fact" is what to avoid)
        (
            "within.yes.entity",
            {
                "en": ["re-check", "not guaranteed", "one extension of at most 7 working days"],
                "zh": ["重新核查", "并非一定", "一般只能申请一次，最长7个工作日"],
            },
        ),
        ("within.entity-gone", {"en": ["cannot be filed again", "mainland China"], "zh": ["无法再次备案", "中国内地"]}),
        ("within.moved", {"en": ["MIIT filing number stays"], "zh": ["备案号仍然保留"]}),
        ("after.access-cancelled.no.nothing", {"en": ["reached again"], "zh": ["恢复正常访问"]}),
        ("after.access-cancelled.no.shell", {"en": ["shell entity", "first-time"], "zh": ["空壳主体", "首次备案"]}),
        ("after.access-cancelled.no.other-sites", {"en": ["new website"], "zh": ["新增网站"]}),
    ],
)
def test_the_plans_carry_the_seed_facts(answers, words):
    for lang, expected in words.items():
        text = json.dumps(TREE.plan(remediation.decode(answers), lang, CONFIG), ensure_ascii=False)
        assert all(word in text for word in expected), (lang, expected)


def test_the_questions_about_the_period_explain_what_each_outcome_means():
    view = TREE.question_view("after-what", "zh", CONFIG)
    assert "取消接入" in view["help"] and "注销" in view["help"] and "示例云" in view["help"]


def step_targets(plan: dict) -> list[list[str]]:
    return [[link["target"] for link in step["links"]] for step in plan["steps"]]


def every_target(plan: dict) -> set[str]:
    return {target for targets in step_targets(plan) for target in targets}


def step_with(plan: dict, target: str) -> int:
    """The index of the first step that links `target` (a ValueError, failing the test, when none does)."""
    return next(index for index, targets in enumerate(step_targets(plan)) if target in targets)


# The branches of Tencent's Chinese original after the period, walked from the answers to the plan's key facts. Each
# names the page (product/域名与网站/网站备案/常见问题/ in tencentyun/qcloud-documents) and the sentence it answers to.
CANCELLED = "备案专项核查类/超期未整改的相关问题.md"


def test_access_cancelled_province_allows_access_first_then_the_change():
    """超期未整改的相关问题.md: "如果备案所在省份允许先接入后变更，通过腾讯云提交接入备案，管局审核通过后，
    网站即可恢复访问。在完成接入备案之后，再提交变更备案申请。" The province's rule is looked up in 管局要求
    (provincial_rules_url)."""
    question = TREE.question_view("access-first", "zh", CONFIG)
    assert [link["target"] for link in question["links"]] == ["provider:provincial_rules_url"]
    assert "先接入后变更" in question["text"]
    answers = remediation.decode("after.access-cancelled.yes.yes.allowed")
    assert [question for question, _ in TREE.walk(answers).answered][-2:] == ["phone-reachable", "access-first"]
    for lang in LANGUAGES:
        plan = TREE.plan(answers, lang, CONFIG)
        assert plan["outcome"] == "access-then-change"
        # the access filing first, the site reachable once approved, the change filing after it
        access, change = step_with(plan, "provider:access_filing_url"), step_with(plan, "provider:change_filing_url")
        again = "恢复访问" if lang == "zh" else "reached again"
        reachable = next(index for index, step in enumerate(plan["steps"]) if again in step["text"])
        assert access < reachable < change
    zh = TREE.plan(answers, "zh", CONFIG)
    assert "接入备案" in zh["steps"][0]["text"] and "变更备案" in zh["steps"][-1]["text"]
    assert "接入备案完成后" in zh["steps"][-1]["text"]


@pytest.mark.parametrize(
    ("answers", "why"),
    [
        # "如果网站负责人手机号码已更换或无法正常使用……如果该备案信息下无其他接入商，您需注销空壳主体，
        # 再提交首次备案申请。"
        ("after.access-cancelled.yes.no.no", "no other provider"),
        # "如果备案所在省份不允许先接入后变更，您需注销空壳主体，再提交首次备案申请。"
        ("after.access-cancelled.yes.yes.not-allowed", "province does not allow access first"),
    ],
)
def test_access_cancelled_without_a_way_to_change_deregisters_the_shell_entity_then_files_anew(answers, why):
    """超期未整改的相关问题.md, both cases: 注销空壳主体 (provider.shell_entity_url), then 首次备案
    (provider.first_filing_url); never "申请接入或新的备案" (a first-time filing cannot pass while the entity is on
    record). 注销备案.md: a shell entity cannot be deregistered through the provider
    ("空壳主体在腾讯云已无相关接入信息，因此无法通过腾讯云提交注销主体申请")."""
    for lang in LANGUAGES:
        plan = TREE.plan(remediation.decode(answers), lang, CONFIG)
        assert plan["outcome"] == "shell-then-first-filing", why
        assert step_with(plan, "provider:shell_entity_url") < step_with(plan, "provider:first_filing_url")
        assert "provider:access_filing_url" not in every_target(plan)
    zh = json.dumps(TREE.plan(remediation.decode(answers), "zh", CONFIG), ensure_ascii=False)
    assert all(word in zh for word in ("注销空壳主体", "首次备案", "无法代为提交", "可备案的域名后缀"))
    assert "新的备案" not in zh


def test_access_cancelled_phone_gone_another_provider_changes_the_filing_there():
    """超期未整改的相关问题.md: "如果网站负责人手机号码已更换或无法正常使用，但该备案信息在其他接入商处也有备案，
    可在其他接入商进行变更备案，修改您的手机号。" Then 接入备案 with this provider (取消接入.md: "提交备案接入申请")."""
    answers = remediation.decode("after.access-cancelled.yes.no.yes")
    for lang in LANGUAGES:
        plan = TREE.plan(answers, lang, CONFIG)
        assert plan["outcome"] == "change-at-other-provider"
        assert step_with(plan, "page:access-cancelled") < step_with(plan, "provider:access_filing_url")
    zh = TREE.plan(answers, "zh", CONFIG)
    assert "另一家接入商处提交变更备案" in zh["steps"][0]["text"] and "本人" in zh["steps"][0]["text"]
    # zh-review.md: a person in charge who changed is changed whole, not just the number
    assert "须变更负责人信息（姓名、证件、联系方式），而不只是修改号码" in zh["steps"][1]["text"]


@pytest.mark.parametrize(
    ("answers", "outcome", "target"),
    [
        # 超期未整改的相关问题.md, "工信部无备案信息": query MIIT by 主办单位名称
        ("after.access-cancelled.no.shell", "shell-entity", "provider:shell_entity_url"),  # 存在无网站信息的主体信息
        ("after.access-cancelled.no.nothing", "first-filing", "provider:first_filing_url"),  # 查询无备案信息
        # 存在备案主体信息，且有其他网站备案信息: 新增网站（原备案不在腾讯云）
        ("after.access-cancelled.no.other-sites", "new-website", "provider:new_website_url"),
    ],
)
def test_the_filing_gone_from_miit_has_the_three_cases_of_the_original(answers, outcome, target):
    question = TREE.question_view("miit-entity", "zh", CONFIG)
    assert "主办单位名称" in question["text"]
    plan = TREE.plan(remediation.decode(answers), "zh", CONFIG)
    assert plan["outcome"] == outcome and target in every_target(plan)
    if outcome == "shell-entity":  # 注销空壳主体, then 首次备案
        assert step_with(plan, "provider:shell_entity_url") < step_with(plan, "provider:first_filing_url")
    if outcome == "new-website":
        assert "新增网站（原备案不在示例云）" in json.dumps(plan, ensure_ascii=False)
    if outcome == "first-filing":  # "备案审核通过后，网站即可恢复访问"
        assert "恢复" in plan["summary"]


def test_each_unsure_answer_after_cancelled_access_asks_the_provider_both_questions():
    """Neither "no other provider" nor "the province does not allow it" is assumed: either leads to deregistering."""
    for text in ("after.access-cancelled.yes.no.unsure", "after.access-cancelled.yes.yes.unsure"):
        plan = TREE.plan(remediation.decode(text), "zh", CONFIG)
        assert plan["outcome"] == "ask-provider"
        assert "其他接入商" in plan["steps"][0]["text"] and "先接入后变更" in plan["steps"][0]["text"]


@pytest.mark.parametrize("node", sorted(TREE.questions))
def test_every_question_reads_in_both_languages(node):
    for lang in LANGUAGES:
        view = TREE.question_view(node, lang, CONFIG)
        texts = [view["text"], *([view["help"]] if view["help"] else []), *(o["text"] for o in view["options"])]
        texts += [link["label"] for link in view["links"]]
        assert all(text.strip() and "{" not in text for text in texts), (node, lang)
        assert all(bool(CJK.search(text)) == (lang == "zh") for text in texts if not text.startswith("the ")), lang
        assert all(link["url"] for link in view["links"])


def texts_of_the_tree(lang: str) -> list[str]:
    texts = []
    for node in TREE.questions:
        view = TREE.question_view(node, lang, CONFIG)
        texts += [view["text"], view["help"] or "", *(option["text"] for option in view["options"])]
    for node in TREE.outcomes:
        plan = TREE.outcome_view(node, lang, CONFIG)
        texts += [plan["title"], plan["summary"] or "", *plan["warnings"]]
        texts += [step["text"] for step in plan["steps"]]
        texts += [link["label"] for step in plan["steps"] for link in step["links"]]
    return texts


# The terminology the site holds to (zh-review.md, "Terminology: used → standard"; the console's own words in
# 备案信息专项核查类.md): what a Chinese text of the tree must not say.
AVOIDED_ZH = [
    "域名所有者",  # 域名持有者
    "联系电话核查",  # the console page is 负责人联系方式核验
    "发送验证码",  # the button is 获取验证码
    "修改备案",  # 提交变更备案: a change goes through the provider's first review, then the bureau
    "其他单位证书",  # 其他单位证件（事业单位法人证书、社会团体法人登记证书等）
    "社会团体登记证书",
    "主体性质",  # 主办单位性质
    "主体类型",
    "备案信息自查",  # 备案自查
    "彩色原件",  # 原件的彩色扫描件或照片
    "网站已不再使用",  # 网站已不再运营
    "备案号码",  # reads as the filing number
    "网约车",  # 网络预约出租汽车
    "ICP 备案",
]


def test_the_chinese_texts_use_the_sites_terms():
    texts = texts_of_the_tree("zh")
    for word in AVOIDED_ZH:
        assert not [text for text in texts if word in text], word
    # 注销, never 删除, for filings, entities and websites (删除 a DNS record is fine)
    assert all("删除" not in text or "解析记录" in text for text in texts)
    joined = "\n".join(texts)
    assert "请备好各位负责人在备案中登记的手机" in joined and "网站已不再运营" in joined


def test_the_pre_approval_step_lists_the_live_approvals_and_the_abolished_ones():
    """前置审批相关.md: news, publishing, drugs and medical devices, culture, radio/film/TV, online ride-hailing
    (网络预约车), finance and games need pre-approval; education ("目前全国已取消教育类前置审批") and healthcare are
    abolished, and the bulletin-board approval cancelled, "以备案所在地通信管理局审核要求为准"."""
    plan = TREE.plan(remediation.decode("within.yes.content.content"), "zh", CONFIG)
    (step,) = [step["text"] for step in plan["steps"] if "前置审批" in step["text"]]
    live, abolished = step.split("。")[0], step.split("。")[1]
    for topic in ("新闻", "出版", "药品和医疗器械", "文化", "广播电影电视节目", "网络预约出租汽车", "金融", "网络游戏"):
        assert topic in live, topic
    for topic in ("教育", "医疗保健", "电子公告"):
        assert topic not in live and topic in abolished, topic
    assert "取消" in abolished and "以管局要求为准" in abolished
    en = TREE.plan(remediation.decode("within.yes.content.content"), "en", CONFIG)
    (step,) = [step["text"] for step in en["steps"] if "pre-approval" in step["text"]]
    assert all(word in step for word in ("ride-hailing", "online games", "abolished", "bulletin-board"))


# --- Validation: each error has a broken tree ----------------------------------------------------------------------

BROKEN = [  # fixture → the one problem it has, and where
    ("next", "next", "questions.second.options[2]"),
    ("unreachable", "unreachable", "outcomes.other"),
    ("cycle", "cycle", "questions.first"),
    ("no-options", "no-options", "questions.second"),
    ("no-steps", "no-steps", "outcomes.done"),
    ("duplicate-option", "duplicate-option", "questions.second.options[1]"),
    ("option-id", "option-id", "questions.second.options[1]"),
    ("language", "language", "questions.second.options[1].text"),
    ("link-kind", "link-kind", "outcomes.other.steps[0].links"),
    ("link-label", "link-label", "outcomes.other.steps[0].links"),
    ("unused-label", "unused-label", "links.'page:shell-entity'"),
    ("start", "start", "start"),
    ("placeholder", "placeholder", "outcomes.other.warnings[0].text.en"),
    ("braces", "placeholder", "outcomes.other.warnings[0].text.en"),
    ("toml", "toml", "toml.toml"),
    ("unknown-key", "unknown-key", "outcomes.other"),
    ("missing-key", "missing-key", "questions.first.options[1]"),
    ("type", "type", "questions.second.text"),
    ("duplicate-id", "duplicate-id", "outcomes.second"),
    ("id", "id", "outcomes.Other_One"),
    ("shared", "shared", "outcomes.other.steps[0]"),
    ("warning-links", "warning-links", "outcomes.other.warnings[0]"),
    ("entry", "entry", "entries.2"),
]


def test_the_base_fixture_is_valid():
    tree = remediation.load(fixture("valid"))
    assert paths(tree) == [("yes", "a"), ("yes", "b"), ("no",)]
    assert tree.walks() == [("", "first"), ("yes", "second"), ("no", "done"), ("yes.a", "done"), ("yes.b", "other")]


@pytest.mark.parametrize(("name", "kind", "where"), BROKEN, ids=[name for name, _, _ in BROKEN])
def test_each_broken_tree_fails_to_load_with_exactly_its_problem(name, kind, where):
    with pytest.raises(TreeError) as caught:
        remediation.load(fixture(name), source=f"{name}.toml")
    assert caught.value.kinds == [kind]
    assert caught.value.problems[0].where == where
    assert str(caught.value).startswith(f"{name}.toml: 1 problem(s)") and where in str(caught.value)


def test_every_fixture_is_in_the_table():
    assert {path.stem for path in FIXTURES.glob("*.toml")} == {name for name, _, _ in BROKEN} | {"valid"}


def test_a_cycle_is_named_node_by_node():
    with pytest.raises(TreeError, match="first → second → first"):
        remediation.load(fixture("cycle"))


def test_every_problem_is_reported_at_once():
    broken = fixture("valid").replace('next = "other"', 'next = "nowhere"').replace('text.zh = "乙"\n', "")
    with pytest.raises(TreeError) as caught:
        remediation.load(broken)
    assert sorted(caught.value.kinds) == ["language", "next", "unreachable"]


def test_a_tree_is_immutable():
    with pytest.raises(TypeError):
        TREE.questions["new"] = TREE.questions["notice"]
    with pytest.raises(AttributeError):
        TREE.start = "keep"
    assert remediation.default_tree() is TREE


# --- Walking, going back, plans --------------------------------------------------------------------------------


def test_walk_and_back():
    assert TREE.walk([]) == remediation.Position("notice", (), False)
    position = TREE.walk(["after", "deregistered"])
    assert position.node == "miit-entity"
    assert position.answered == (("notice", "after"), ("after-what", "deregistered"))
    assert remediation.state(TREE, "after.deregistered", "en")["back"] == "after"
    assert remediation.state(TREE, "", "en")["back"] is None
    assert TREE.walk(["after", "deregistered", "shell"]).is_outcome


@pytest.mark.parametrize(
    ("answers", "code", "node"),
    [
        (["within", "perhaps"], "not-an-option", "keep"),
        (["within", "entity-gone", "yes"], "after-outcome", "deregister-entity"),
        (["within", 3], "not-an-option", "keep"),
        ([None], "not-an-option", "notice"),
        (["within", ["yes"]], "not-an-option", "keep"),
    ],
)
def test_an_answer_that_does_not_fit_is_an_answer_error_at_the_last_good_position(answers, code, node):
    with pytest.raises(AnswerError) as caught:
        TREE.walk(answers)
    assert caught.value.code == code and caught.value.position.node == node
    assert CJK.search(caught.value.message["zh"]) and not CJK.search(caught.value.message["en"])
    assert isinstance(caught.value, ValueError)


def test_a_plan_needs_answers_that_reach_an_outcome():
    with pytest.raises(AnswerError) as caught:
        TREE.plan(["within"], "en")
    assert caught.value.code == "incomplete" and caught.value.position.node == "keep"
    with pytest.raises(ValueError, match="unknown language"):
        TREE.plan(["unsure"], "fr")


def test_without_configuration_the_provider_is_named_generically_and_its_links_stay_named():
    plan = TREE.plan(remediation.decode("within.yes.entity"), "en")
    assert plan["steps"][1]["text"].startswith("In your access provider's ICP filing console")
    console = plan["steps"][1]["links"][0]
    assert console == {
        "target": "provider:console_url",
        "label": "your access provider's ICP filing console",
        "url": None,
    }
    assert "at most a few working days" in plan["steps"][-1]["text"]
    assert plan["steps"][0]["links"][0]["url"] == "inspected-items/entity/"
    zh = TREE.plan(remediation.decode("within.entity-gone"), "zh")
    assert zh["steps"][-1]["links"][0]["url"] == remediation.DEFAULT_MIIT["query_url"]
    assert "接入商" in zh["steps"][2]["text"]


def test_configuration_and_page_urls_fill_the_plan():
    plan = TREE.plan(
        remediation.decode("after.access-cancelled.yes.no.unsure"),
        "zh",
        CONFIG,
        page_url=lambda path, lang: f"https://kb.example/{lang}/{path}.html",
    )
    links = {link["target"]: link["url"] for step in plan["steps"] for link in step["links"]}
    assert links["provider:provincial_rules_url"] == "https://example.com/zh/rules"  # the language's own URL
    assert links["page:access-cancelled"] == "https://kb.example/zh/access-cancelled.html"
    assert plan["title"] == "先向示例云确认适用哪种处理方式"
    assert plan["answer_string"] == "after.access-cancelled.yes.no.unsure"


def test_question_views_fill_placeholders_and_links():
    view = TREE.question_view("miit-entity", "en", CONFIG)
    assert view["links"] == [
        {"target": "miit:query_url", "label": "MIIT's filing query site", "url": "https://beian.miit.example/"}
    ]
    assert [option["id"] for option in view["options"]] == ["shell", "nothing", "other-sites"]
    assert "Example Cloud" in TREE.question_view("site-host", "en", CONFIG)["options"][0]["text"]


def test_plan_markdown_is_a_checklist():
    plan = TREE.plan(remediation.decode("within.entity-gone"), "en", CONFIG)
    text = remediation.plan_markdown(plan)
    lines = text.splitlines()
    assert lines[0] == "# Deregister the entity"
    assert sum(line.startswith("- [ ] ") for line in lines) == len(plan["steps"])
    assert sum(line.startswith("> **Warning**: ") for line in lines) == len(plan["warnings"])
    assert "[Example Cloud's ICP filing console](https://console.example.com/icp)" in text
    assert text.rstrip().endswith("`within.entity-gone`")
    unconfigured = remediation.plan_markdown(TREE.plan(["within", "entity-gone"], "zh"))
    assert "接入商ICP备案控制台 (console_url)" in unconfigured and "> **注意**：" in unconfigured


def test_plan_markdown_links_back_to_the_page_when_given_its_address():
    plan = TREE.plan(remediation.decode("within.entity-gone"), "zh", CONFIG)
    text = remediation.plan_markdown(plan, "https://kb.example/zh/remediation/?a=within.entity-gone")
    assert text.rstrip().endswith("再次打开本方案：<https://kb.example/zh/remediation/?a=within.entity-gone>")


# --- Where a page stands, and where the self-check enters --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "node", "answers", "back", "number", "problem"),
    [
        ("", "notice", "", None, 1, None),
        ("within", "keep", "within", "", 2, None),
        ("within.yes.contact", "phone-owner", "within.yes.contact", "within.yes", 4, None),
        ("within.yes.contact.maybe.yes", "phone-owner", "within.yes.contact", "within.yes", 4, "not-an-option"),
        ("within.entity-gone.yes", "deregister-entity", "within.entity-gone", "within", 3, "after-outcome"),
        ("within..yes", "keep", "within", "", 2, "format"),
        ("within.yes.contact.maybe.<script>", "phone-owner", "within.yes.contact", "within.yes", 4, "not-an-option"),
        ("within.yes.<script>.maybe", "failed-item", "within.yes", "within", 3, "format"),
        ("WITHIN", "notice", "", None, 1, "format"),
        (".".join(["within"] * 40), "notice", "", None, 1, "length"),
        ("<script>", "notice", "", None, 1, "format"),
    ],
)
def test_the_state_of_a_page_keeps_the_visitor_as_far_as_the_answers_fit(text, node, answers, back, number, problem):
    for lang in LANGUAGES:
        state = remediation.state(TREE, text, lang, CONFIG)
        assert (state["node"], state["answers"], state["back"], state["number"]) == (node, answers, back, number)
        assert (state["problem"] or {}).get("code") == problem
        if problem:
            assert bool(CJK.search(state["problem"]["message"])) == (lang == "zh")
        assert len(state["answered"]) == number - 1
        json.dumps(state)  # what the page gets: plain data


WIZARD_JS = DOCS / "assets" / "javascripts" / "remediation.js"
MANGLED = [
    "",
    "within",
    "within.yes.contact",
    "within..yes",
    "within.",
    ".within",
    ".",
    "..",
    "WITHIN",
    "a" * 33,
    ".".join(["within"] * 32),
    ".".join(["within"] * 33),
    ".".join(["within"] * 40),
    "x" * 2000,
    "within." + "张" * 1049,
    "within." + "张" * 1050,
    "within." + "\U0001f600" * 600,
    "within. yes",
]


def page_reading(texts: list[str]) -> list[str]:
    """Where the wizard's page stands with answer strings before Python has loaded: remediation.js's own
    fittedStart, run by Node on what the build renders into the page (hooks/remediation.py: Tree.walks and the
    limits)."""
    script = WIZARD_JS.read_text(encoding="utf-8")
    (function,) = re.findall(
        r"^  function fittedStart\(text, walks, limits\) \{\n.*?^  \}$", script, re.MULTILINE | re.DOTALL
    )
    limits = {
        "separator": remediation.SEPARATOR,
        "answers": remediation.MAX_ANSWERS,
        "characters": remediation.MAX_STRING,
    }
    program = f"""{function}
const input = JSON.parse(require("fs").readFileSync(0, "utf8"))
const walks = new Map(input.walks)
console.log(JSON.stringify(input.texts.map((text) => fittedStart(text, walks, input.limits))))"""
    result = subprocess.run(
        [shutil.which("node") or "node", "-e", program],
        input=json.dumps({"texts": texts, "walks": TREE.walks(), "limits": limits}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_the_walks_are_every_answer_string_that_fits_and_where_it_leads():
    starts = {path[:cut] for path in PATHS for cut in range(len(path) + 1)}
    walks = TREE.walks()
    assert sorted(answers for answers, _ in walks) == sorted(remediation.encode(start) for start in starts)
    assert all(TREE.walk(remediation.decode(answers)).node == node for answers, node in walks)
    lengths = [len(remediation.decode(answers)) for answers, _ in walks]
    assert lengths == sorted(lengths)  # shortest first: the first string to a node is a shortest way there


@pytest.mark.skipif(PYODIDE, reason="runs Node in a subprocess")
def test_the_page_stands_where_python_does_for_any_answer_string():
    """Before Python has loaded, the page follows only what the build rendered; Python then takes over where the
    visitor is: for every string, however mangled, the page must stand where Tree.state does, or Python moves the
    visitor and rewrites the address. Before, the page walked the tree itself (and once dropped empty answers:
    `?a=within..yes` walked two answers, Python one)."""
    assert shutil.which("node"), "no node on PATH: make test needs it (for Pyodide's tests); never skipped"
    texts = [
        *MANGLED,
        *(answers for answers, _ in TREE.walks()),
        "within.yes.contact.maybe.<script>",
        "within.yes.<script>.maybe",
        "within.entity-gone.yes",
        "within.yes.contact.yes.yes",
        "unsure.",
        "after.unsure.no.shell.x",
    ]
    assert page_reading(texts) == [remediation.state(TREE, text, "en")["answers"] for text in texts]


def test_the_state_at_an_outcome_carries_the_plan_and_its_markdown():
    state = remediation.state(TREE, "after.deregistered.shell", "en", CONFIG, address="https://kb.example/remediation/")
    assert state["is_outcome"] and state["node"] == "shell-entity" and state["most"] == 3
    assert state["plan"] == TREE.plan(["after", "deregistered", "shell"], "en", CONFIG)
    assert state["markdown"] == remediation.plan_markdown(
        state["plan"], "https://kb.example/remediation/?a=after.deregistered.shell"
    )
    assert [item["option"] for item in state["answered"]] == ["after", "deregistered", "shell"]
    assert remediation.state(TREE, "after", "en")["markdown"] is None
    with pytest.raises(ValueError, match="unknown language"):
        remediation.state(TREE, "", "fr")


def test_questions_left_is_the_longest_walk_to_a_plan():
    for node in TREE.outcomes:
        assert TREE.questions_left(node) == 0
    longest = max(len(path) for path in PATHS)
    assert TREE.questions_left(TREE.start) == longest
    for path in PATHS:  # along any path, the count never promises fewer questions than remain
        for cut in range(len(path)):
            assert TREE.questions_left(TREE.walk(path[:cut]).node) >= len(path) - cut


def test_every_inspection_item_enters_the_wizard_at_its_own_question_or_plan():
    items = {entry.item for entry in catalogue.entries().values()}
    assert set(TREE.entries) == {str(item) for item in items}
    failed_item = TREE.questions["failed-item"]
    for answers in TREE.entries.values():
        position = TREE.walk(answers)
        assert position.answered[-1][0] == "failed-item"  # the entry answers which item failed, and no more
        assert failed_item.option(answers[-1]).next == position.node


# --- Answer strings --------------------------------------------------------------------------------------------


@given(st.sampled_from(PATHS), st.integers(min_value=0, max_value=8))
@settings(max_examples=min(EXAMPLES, 2000))
def test_encode_and_decode_round_trip_over_real_paths(path, cut):
    answers = list(path[:cut]) if cut < len(path) else list(path)
    text = remediation.encode(answers)
    assert remediation.decode(text) == answers
    assert re.fullmatch(r"[a-z0-9.-]*", text) and len(text) < 120
    assert TREE.walk(remediation.decode(text)).answers == tuple(answers)


@given(
    st.one_of(
        st.text(max_size=300),
        st.text(alphabet="abcz09-.", max_size=60),
        st.lists(st.sampled_from(["within", "after", "yes", "no", "entity", "x"]), max_size=8).map(".".join),
    )
)
@settings(max_examples=EXAMPLES_SLOW)  # arbitrary strings: one rule set, rejected early
def test_any_string_decodes_or_raises_only_an_answer_error(text):
    try:
        answers = remediation.decode(text)
    except AnswerError as error:
        assert error.code in ("format", "length") and error.message["en"] and CJK.search(error.message["zh"])
        return
    try:
        TREE.walk(answers)
    except AnswerError as error:
        assert error.code in ("not-an-option", "after-outcome") and error.position is not None


@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(st.sampled_from(["within", "after", "yes", "no", "contact", "X", ""]), max_size=8).map(".".join),
    )
)
@settings(max_examples=EXAMPLES_SLOW)
def test_any_string_gives_a_page_state_whose_answers_are_the_start_of_the_string_and_walk(text):
    state = remediation.state(TREE, text, "zh")
    assert text.startswith(state["answers"])
    assert TREE.walk(remediation.decode(state["answers"])).node == state["node"]
    assert (state["problem"] is None) == (state["answers"] == text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("within..yes", "format"),
        (".within", "format"),
        ("within.", "format"),
        ("within.Yes", "format"),
        ("within yes", "format"),
        ("within.yes\n", "format"),
        ("-within", "format"),
        ("within.ye_s", "format"),
        ("a" * 33, "format"),
        (".".join(["yes"] * 33), "length"),
        ("x" * 2000, "length"),
        (None, "format"),
        (b"within", "format"),
        ("within.\u0662", "format"),
    ],
)
def test_malformed_answer_strings(text, code):
    with pytest.raises(AnswerError) as caught:
        remediation.decode(text)
    assert caught.value.code == code and caught.value.position is None
    assert len(str(caught.value)) < 200


def test_encode_refuses_what_decode_would():
    with pytest.raises(AnswerError):
        remediation.encode(["within", "a.b"])
    with pytest.raises(AnswerError):
        remediation.encode(["yes"] * 33)


# --- The flowchart ---------------------------------------------------------------------------------------------

MERMAID_NODE = re.compile(r'    (n_[a-z0-9_]+)(\{"[^"\n]*"\}|\["[^"\n]*"\])')
MERMAID_EDGE = re.compile(r'    (n_[a-z0-9_]+) -->\|"[^"|\n]*"\| (n_[a-z0-9_]+)')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_mermaid_flowchart_has_every_node_once_and_every_option_as_an_edge(lang):
    lines = remediation.mermaid(TREE, lang).splitlines()
    assert lines[0] == "flowchart TD"
    nodes = [MERMAID_NODE.fullmatch(line)[1] for line in lines[1:] if MERMAID_NODE.fullmatch(line)]
    edges = [MERMAID_EDGE.fullmatch(line).groups() for line in lines[1:] if MERMAID_EDGE.fullmatch(line)]
    assert len(nodes) + len(edges) == len(lines) - 1  # every line has one of the two shapes
    assert sorted(nodes) == sorted("n_" + node.replace("-", "_") for node in TREE.nodes())
    assert len(nodes) == len(set(nodes)) == len(TREE.questions) + len(TREE.outcomes)
    assert len(edges) == sum(len(question.options) for question in TREE.questions.values())
    assert {target for _, target in edges} | {nodes[0]} == set(nodes)


def test_mermaid_labels_are_escaped():
    chart = remediation.mermaid(remediation.load(fixture("valid")), "en", CONFIG)
    assert 'n_first{"Is it #quot;quoted#quot; #lt;b#gt; #124; #35;1 for Example Cloud?"}' in chart
