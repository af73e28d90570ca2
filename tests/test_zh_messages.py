"""No Chinese text the checker shows holds an ASCII field path or an English error (issue 14; the review
../shared/reference/zh-review.md, "Links, English leftovers, inconsistencies": "example.com 已在
websites[0].domains[0] 填写过…", "与另一位负责人（entity.pic.mobile）的相同", the access check's "HTTP 502…").

Every code of the catalogue is rendered in Chinese, message and fix, with the values a real run gives it: broken
filings and values checked field by field, and the access check with a lookup failed in each way; a code no run
reaches is rendered with values made from its placeholders, each field path a real one (`FieldPath`). What a
Chinese text may hold in ASCII is said in tests/chinese_text.py. The English message gets the English name.
"""

from __future__ import annotations

import copy
import datetime
import json

import pytest

from checker import access, catalogue, filing, footer, remediation
from checker.access import AccessCheck, LookupFailed
from checker.exceptions import Finding
from checker.field_names import FieldPath
from checker.fields import check_value
from chinese_text import english_runs, field_paths, problems
from example_site import MIIT, PROVIDER

TODAY = datetime.date(2026, 12, 1)
TENCENT_V4 = "1.12.0.1"


def changed(data, **paths):
    """`data` with values replaced by path (``websites[0].pic.mobile``)."""
    data = copy.deepcopy(data)
    for path, value in paths.items():
        target, *keys = data, *path.replace("[", ".").replace("]", "").split(".")
        for key in keys[:-1]:
            target = target[int(key) if key.isdigit() else key]
        target[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = value
    return data


EXAMPLE = filing.example()
PIC = EXAMPLE["entity"]["pic"]
INDIVIDUAL = changed(
    EXAMPLE,
    **{
        "entity.type": "individual",
        "entity.name": "王五",
        "entity.document": {"type": "resident-id", "number": "11010519491231002x"},
        "entity.province": "广东省",
    },
)
# Filings that go wrong in every way the rules across fields and the reader know.
FILINGS = [
    EXAMPLE,
    changed(EXAMPLE, **{"websites[1].domains": ["example.com"]}),  # FILING_DOMAIN_DUPLICATE
    changed(EXAMPLE, **{"websites[1].pic": {**EXAMPLE["websites"][1]["pic"], "mobile": PIC["mobile"]}}),
    changed(EXAMPLE, **{"websites[0].pic": {**EXAMPLE["websites"][0]["pic"], "name": "王六"}}),  # one mobile, two
    changed(EXAMPLE, **{"entity.emergency_contact": PIC["mobile"]}),  # FILING_EMERGENCY_SAME
    changed(EXAMPLE, **{"entity.name": "", "entity.type": "", "entity.province": "", "websites[0].domains": []}),
    changed(EXAMPLE, **{"entity.type": "company", "entity.province": "Atlantis"}),
    changed(EXAMPLE, **{"entity.province": "北京市", "entity.pic.landline": "13800138000"}),
    changed(EXAMPLE, **{"entity.province": "江苏省", "entity.pic.landline": ""}),
    changed(EXAMPLE, **{"entity.pic.landline": "010-88888888"}),
    changed(EXAMPLE, **{"entity.document.number": "91110000MA5DA1B21X", "entity.type": "government"}),
    changed(EXAMPLE, **{"entity.document": {"type": "passport-x", "number": "1"}}),
    changed(EXAMPLE, **{"entity.document": {"type": "resident-id", "number": "11010519491231002x"}}),
    changed(EXAMPLE, **{"entity.name": "深圳市示例\n科技有限公司", "websites[0].content": ["news", "nonsense"]}),
    changed(EXAMPLE, **{"websites": []}),
    changed(INDIVIDUAL, **{"entity.pic.name": "赵七"}),
    changed(INDIVIDUAL, **{"entity.pic.document": {"type": "resident-id", "number": "440305199001010018"}}),
    {**EXAMPLE, "materials": ["passport", "domain-certificate"]},
    {**EXAMPLE, "colour": "red", "entity": {**EXAMPLE["entity"], "pic": "张三"}},
    changed(EXAMPLE, **{"websites[0].domains": "example.com", "websites[1].pic.document": ["x"]}),
    changed(EXAMPLE, **{"websites[0].domains": {"a": 1}, "websites[0].name": 5.5, "entity.name": ["a"]}),
    changed(EXAMPLE, **{"websites[0].domains": [f"d{i}.com" for i in range(150)], "materials": [1, "x"]}),
    {**EXAMPLE, "websites": [EXAMPLE["websites"][0]] * 120},
    {**EXAMPLE, "websites": "example.com"},
    ["not", "a", "filing"],
]
# Values checked one by one, wrong or doubtful in the ways each kind knows.
VALUES = {
    "resident-id": [
        "11010519491231002",
        "1101051949123100XX",
        "110105194912310021",
        "11010519491331002x",
        "99010519491231002x",
        "110105203012310028",
        "810000199001010011",
        "110105185001010017",
        "440305201201010012",
        "11010519491231\u200b002x",
        "110105491231002",
        "110199194912310022",
        "11010519491231002Y",
    ],
    "hmt-permit": ["810000199001010012", "810000199001010013", "8100001990010100", "830000201501010010", "abc"],
    "foreign-prid": ["L12345678", "USA310010170101019", "911231880101001", "156110199001010010", "ZZZ"],
    "passport": ["E12345678", "123", "EA1234567", "G1234567x", "x" * 40, "", "E1234567!"],
    "uscc": ["91440300MA5DA1B21B", "9144030OMA5DA1B21A", "Z1440300MA5DA1B21A", "91999900MA5DA1B21A", "914403"],
    "org-code": ["MA5DA1B2-1", "12345678-9", "1234", "MA5DA1B2-X"],
    "business-reg-no": ["110108000000016", "110108000000017", "12", "11010800000001X"],
    "mobile": [
        "",
        "1380013800",
        "23800138000",
        "14012345678",
        "17012345678",
        "14212345678",
        "1380013800a",
        "+86 138 0013 8000\u200b",
    ],
    "landline": [
        "",
        "0755-8888888",
        "0123-1234567",
        "0755-95555",
        "400-800-8888",
        "13800138000",
        "0755-08888888",
        "020-1234567890123456789",
        "abc",
        "0755-1888888\u200b",
        "0755-88888888-12345678901234567890123456789012345678901234567890",
        "1234567",
    ],
    "email": [
        "a" * 300 + "@example.com",
        "a@192.168.1.1",
        "a@gmial.com",
        "张三@example.com",
        "a@",
        "a@b",
        "a@-x.com",
        "a..b@example.com",
        "a@example.com\u200b",
    ],
    "domain": [
        "bad_domain.com",
        "www.example.com",
        "example.invalid-suffix",
        "xn--abc.com",
        "-a.com",
        "ab--cd.com",
        "a" * 64 + ".com",
        "例子.中国",
        "example",
        "http://example.com/x",
        "ex ample.com",
        "ｅｘａｍｐｌｅ.com",
        "",
        "192.168.1.1",
        "a" * 250 + ".com",
        "xn--zz.com",
        "a\u0301b.com",
    ],
    "website-name": [
        "12345",
        "example.com",
        "",
        "示例\n网",
        "中国示例网",
        "张三的个人博客",
        "新闻资讯网",
        "abc",
        "x" * 100,
        "示例\u200b网",
        "网上医院",
    ],
}

# Filing numbers, checked one by one: kinds the page's form has no field for yet (tests/test_snapshot.py places
# each kind of VALUES in the form), wrong or doubtful in the ways each knows.
FILING_NUMBERS = {
    "icp-number": [
        "",
        "粤ICP备12345678号\u200b",
        "12345678",
        "粤公网安备44030502008569号",
        "ICP备12345678号",
        "中ICP备12345678号",
        "港ICP备12345678号",
        "秦ICP备12345678号",
        "粤ICP备1234567号",
        "粤ICP备1912345678号",
        "粤ICP备123456号",
        "粤ICP备23123456号",
        "粤ICP备2019123456号",
        "粤ICP备2099123456号",
        "粤ICP备12345678号-",
        "粤ICP备12345678号-1B",
        "粤ICP备12345678号-0",
        "粤ICP备12345678-1",
        "京ICP证150476号",
        "京ICP证15047号",
        "粤B2-20090059",
    ],
    "psb-number": [
        "",
        "粤公网安备4403\u200b0502008569号",
        "粤公网安备号",
        "京ICP备04000001号-1",
        "粤公网安备4403050200856号",
        "中公网安备44030502008569号",
        "港公网安备81030502008569号",
        "粤公网安备99030502008569号",
        "渝公网安备 33010002000078号",
        "粤公网安备44030512008569号",
        "44030502008569",
    ],
}


def _lookups_failed(failure: LookupFailed | None, answer: dict | None = None, text: str | None = None):
    """An access check of example.com whose first lookup fails with `failure` (or gets `answer` / `text`)."""
    check = AccessCheck([("websites[0].domains[0]", "example.com")])
    first = check.pending()[0]
    if failure is not None:
        check.answer(first, None, failure)
    elif text is not None:
        check.answer_json(first.name, first.type, text)
    else:
        check.answer(first, answer)
    while not check.done:
        for lookup in check.pending():
            check.answer(lookup, {"Status": 0, "Answer": [{"name": lookup.name, "type": 1, "data": TENCENT_V4}]})
    return check


def _record(data: str, kind: int = 1) -> dict:
    return {"Status": 0, "Answer": [{"name": "example.com.", "type": kind, "data": data}]}


# Every way a lookup can fail or leave a name undecided, as the page's worker and `icp-check access` say it.
FAILURES = {
    "http": LookupFailed("http", status=502),
    "timeout": LookupFailed("timeout", seconds=8),
    "network": LookupFailed("network"),
    "offline": LookupFailed("offline"),
    "bad_response": LookupFailed("bad_response"),
    "other": LookupFailed.from_json("TypeError: Failed to fetch"),
}
UNDECIDED = {
    **{f"failed-{kind}": {"failure": failure} for kind, failure in FAILURES.items()},
    "not json": {"failure": None, "text": "<html>502 Bad Gateway</html>"},
    "no text": {"failure": None, "text": None, "answer": None},
    "not doh": {"failure": None, "answer": {"status": "ok"}},
    "bad record": {"failure": None, "answer": _record("not an address")},
    "too large": {"failure": None, "text": "[" * 2000},
    "servfail": {"failure": None, "answer": {"Status": 2}},
    "cname loop": {"failure": None, "answer": _record("example.com.", 5)},
    "cname chain": {
        "failure": None,
        "answer": {
            "Status": 0,
            "Answer": [
                {
                    "name": "example.com." if i == 0 else f"c{i}.example.net.",
                    "type": 5,
                    "data": f"c{i + 1}.example.net.",
                }
                for i in range(12)
            ],
        },
    },
}


def _access_checks() -> dict[str, AccessCheck]:
    checks = {}
    for name, way in UNDECIDED.items():
        if "text" in way and way.get("answer", 0) is None:
            check = AccessCheck(["example.com"])
            first = check.pending()[0]
            check.answer_json(first.name, first.type, None)
            while not check.done:
                for lookup in check.pending():
                    check.answer(lookup, {"Status": 3})
            checks[name] = check
        else:
            checks[name] = _lookups_failed(way["failure"], way.get("answer"), way.get("text"))
    for name, addresses in {
        "pass": {"example.com": TENCENT_V4},
        "only www": {"www.example.com": TENCENT_V4},
        "no address": {},
    }.items():
        check = checks[name] = AccessCheck(["example.com"])
        while not check.done:
            for lookup in check.pending():
                found = addresses.get(lookup.name) if lookup.type == "A" else None
                check.answer(
                    lookup,
                    {"Status": 0, "Answer": [{"name": lookup.name, "type": 1, "data": found}]}
                    if found
                    else {"Status": 3},
                )
    checks["verdicts"] = AccessCheck(["example.com"])
    while not checks["verdicts"].done:
        for lookup in checks["verdicts"].pending():
            data = {"A": "8.8.8.8", "AAAA": "fd00::1"}[lookup.type]
            checks["verdicts"].answer(
                lookup,
                {"Status": 0, "Answer": [{"name": lookup.name, "type": 1 if lookup.type == "A" else 28, "data": data}]},
            )
    return checks


# Homepages whose footers go right and wrong in the ways the footer check knows (tests/test_site_check.py has
# each one's source), with the filing's numbers and entity name where the check compares them.
_BEIAN = "https://beian.miit.gov.cn/"
FOOTERS = [
    (
        f"<footer>示例科技有限公司 <a href='{_BEIAN}'>京ICP备2021033841号-2</a> 京ICP证150476号"
        " <a href='https://beian.mps.gov.cn/#/query/webSearch?code=44030502008569'>粤公网安备44030502008569号</a>"
        "</footer>",
        {"expected": ["京ICP备2021033841号-2"], "entity": "示例科技有限公司"},
    ),
    (f"<a href='{_BEIAN}'>京ICP备2021033841号</a>", {"expected": ["京ICP备2021033841号-1"], "entity": "另一家公司"}),
    ("<p>京ICP备19032652号-3</p>", {"expected": ["京ICP备2021033841号-1"]}),
    ("<a href='http://www.miitbeian.gov.cn/'>京ICP备19032652号-3</a>", {}),
    (
        "<a href='http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=37010402000117'>"
        "京公网安备 11010502000001号</a>",
        {},
    ),
    (f"<a href='{_BEIAN}'>工信部备案管理系统</a>", {}),
    ("<!-- 京ICP备19032652号-3 -->", {}),
    ("<p>ICP备案/许可证号:粤B2-20090059</p>", {}),
    ("<p>©</p>", {}),
    ("<p>京公网安备 11010502000001号</p>", {}),
    ("<p>©</p>", {"complete": False}),
]


def real_findings() -> dict[str, Finding]:
    """One finding per code that a real run reaches, with the values it gave."""
    found: dict[str, Finding] = {}
    for data in FILINGS:
        read, problems_ = filing.read(data)
        for located in [*problems_, *filing.check(read, today=TODAY)]:
            found.setdefault(located.finding.code, located.finding)
    for kind, values in [*VALUES.items(), *FILING_NUMBERS.items()]:
        for value in values:
            for finding in check_value(kind, value)[1]:
                found.setdefault(finding.code, finding)
    for html, options in FOOTERS:
        for finding in footer.check_homepage(html, **options):
            found.setdefault(finding.code, finding)
    for check in _access_checks().values():
        for result in check.results():
            for finding in result.findings:
                found.setdefault(finding.code, finding)
    return found


REAL = real_findings()
# A value per placeholder for a code no run reaches: a path where the message names a field, else plain values
# such as a filer would see (digits, a Chinese word).
PATH_PLACEHOLDERS = {"field", "first"}


def made_up(code: str) -> Finding:
    entry = catalogue.entry(code)
    names = catalogue.placeholders(entry.message["en"]) | catalogue.placeholders(entry.message["zh"])
    return Finding(
        code, **{name: FieldPath("websites[0].pic.mobile") if name in PATH_PLACEHOLDERS else "7" for name in names}
    )


def rendered(code: str) -> dict[str, dict]:
    finding = REAL.get(code) or made_up(code)
    return {lang: finding.to_data(lang, "websites[0].pic.mobile") for lang in catalogue.LANGUAGES}


def test_real_runs_reach_most_codes():
    """The corpus above is what the other tests stand on: most codes must come from a real run."""
    assert len(REAL) >= 0.6 * len(catalogue.entries()), sorted(set(catalogue.entries()) - set(REAL))


@pytest.mark.parametrize("code", sorted(catalogue.entries()))
def test_every_chinese_message_and_fix_is_chinese(code: str):
    shown = rendered(code)
    assert problems(shown["zh"]["message"]) == [], shown["zh"]["message"]
    assert problems(shown["zh"]["fix"]) == [], shown["zh"]["fix"]
    assert field_paths(shown["en"]["message"]) == [], shown["en"]["message"]  # English names the field in English


@pytest.mark.parametrize(
    "code",
    sorted(
        code
        for code, entry in catalogue.entries().items()
        if {"first", "field"} & catalogue.placeholders(entry.message["en"])
    ),
)
def test_a_field_named_in_a_message_is_named_in_its_language(code: str):
    finding = Finding(
        code,
        **{
            name: FieldPath("entity.pic.mobile") for name in catalogue.placeholders(catalogue.entry(code).message["en"])
        },
    )
    assert "主体负责人的手机号码" in finding.message["zh"]
    assert "the mobile number of the entity's person in charge" in finding.message["en"]


def test_the_check_fails_on_a_planted_path_and_english():
    planted = Finding("FILING_DOMAIN_DUPLICATE", domain="example.com", first="websites[0].domains[0]")
    assert field_paths(planted.message["zh"]) == ["websites[0].domains[0]"]
    assert english_runs("无法查询 example.com 的A记录：no answer within 8 s。") == ["no answer within"]
    assert english_runs("查询未能完成（HTTP 502 Bad Gateway）") == ["Bad Gateway"]
    assert field_paths("应急联系电话与负责人的手机号码（entity.pic.mobile）相同。") == ["entity.pic.mobile"]
    # what stays allowed: terms, domain names, addresses, what the filer typed
    assert problems("DNS服务器查询 www.例子.中国 的AAAA记录时返回 SERVFAIL (2)：“Zqxjk Widgets Ltd”，1.12.0.1") == []


def test_the_reviews_three_messages_now_name_the_field():
    """zh-review.md quotes these three, reproduced with checker.filing.check: each now names the field in words."""
    assert (
        REAL["FILING_DOMAIN_DUPLICATE"].message["zh"]
        == "example.com 已作为网站1的第1个域名填写过，同一域名只能备案一次。"
    )
    assert REAL["FILING_PHONE_SHARED"].message["zh"] == "该手机号码与主体负责人的手机号码相同，但两者是不同的负责人。"
    assert REAL["FILING_EMERGENCY_SAME"].message["zh"] == "应急联系电话与主体负责人的手机号码相同。"
    assert REAL["FILING_EMERGENCY_SAME"].message["en"] == (
        "The emergency contact number is the same as the mobile number of the entity's person in charge."
    )
    assert REAL["FILING_DOMAIN_DUPLICATE"].params["first"] == "websites[0].domains[0]"  # the path stays data


@pytest.mark.parametrize("way", sorted(UNDECIDED))
def test_the_access_report_in_chinese_says_why_in_chinese(way: str):
    checks = _access_checks()
    report = checks[way].report("zh")
    (domain,) = report["domains"]
    assert domain["verdict"] == "unknown"
    texts = [finding["message"] for finding in domain["findings"]] + [finding["fix"] for finding in domain["findings"]]
    texts += [name["detail"] for name in domain["names"]]
    assert any(name["detail"] for name in domain["names"])
    for text in texts:
        assert problems(text) == [], text
    english = checks[way].report("en")["domains"][0]
    assert any(name["detail"] for name in english["names"])


def test_each_kind_of_failure_has_its_words():
    """A failure's values are numbers in words; a kind the doors do not send, or a value that does not fit, is read
    as "other", never shown raw."""
    assert FAILURES["http"].words() == {
        "en": "the lookup service answered with HTTP status 502",
        "zh": "查询服务返回了HTTP状态码502",
    }
    assert FAILURES["timeout"].words()["zh"] == "8秒内没有收到应答"
    assert LookupFailed("timeout", seconds=0.5).words()["en"] == "no answer within 0.5 seconds"
    for odd in (
        '{"kind": "http", "status": "502 Bad Gateway"}',
        '{"kind": "http"}',
        '{"kind": "boom"}',
        "[]",
        "x" * 5000,
    ):
        assert LookupFailed.from_json(odd).kind == "other", odd
    assert set(access.FAILURES) == {"http", "timeout", "network", "offline", "bad_response", "other"}
    assert (
        json.loads(_lookups_failed(FAILURES["network"]).report_json("zh"))["domains"][0]["names"][0]["detail"]
        == "无法连接到查询服务"
    )


# --- the wizard: every node and every plan, in Chinese --------------------------------------------------------


def _wizard_texts(view: dict) -> list[str]:
    """Every text a node's view shows: its words, its options, its links' labels, its steps and warnings."""
    texts = [view.get(key) or "" for key in ("text", "help", "title", "summary")]
    texts += [option["text"] for option in view.get("options", [])]
    texts += [link["label"] for link in view.get("links", [])]
    for step in view.get("steps", []):
        texts += [step["text"], *(link["label"] for link in step["links"])]
    return texts + list(view.get("warnings", []))


@pytest.mark.parametrize("config", [None, {"provider": PROVIDER, "miit": MIIT}], ids=["no-config", "site-config"])
def test_every_wizard_node_and_plan_in_chinese_is_chinese(config):
    """zh-review.md: no ASCII path and no English inside a Chinese text, over every node of the tree (with and
    without the site's provider block: without it, texts say "your access provider" in words) and every plan as
    a filer gets it (its answers' texts too)."""
    tree = remediation.default_tree()
    found = {}
    for node in tree.nodes():
        view = (
            tree.question_view(node, "zh", config) if node in tree.questions else tree.outcome_view(node, "zh", config)
        )
        found |= {f"{node}: {text}": problems(text) for text in _wizard_texts(view)}
    for answers, node in tree.walks():
        if node in tree.outcomes:
            plan = tree.plan(remediation.decode(answers), "zh", config)
            texts = [answer[key] for answer in plan["answers"] for key in ("question_text", "option_text")]
            found |= {f"{answers}: {text}": problems(text) for text in texts}
    assert {place: bad for place, bad in found.items() if bad} == {}
    # The same walk over the English texts finds English: the check sees what it is meant to see.
    start = tree.question_view(tree.start, "en", config)
    assert any(problems(text) for text in _wizard_texts(start))
