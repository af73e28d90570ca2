"""Pre-approval (前置审批), held to Tencent Cloud's Chinese page on it.

Source: tencentyun/qcloud-documents, product/域名与网站/网站备案/常见问题/前置审批相关.md (commit 3d84a94, read
2026-12-05), called "the page" below. Its table lists each category with its approving authority and document; it
marks three approvals as abolished: education ("目前全国已取消教育类前置审批"), healthcare ("目前全国已取消医疗保健类
前置审批", by the State Council's 2015 decision cancelling 62 approvals, item 8) and bulletin boards (the State
Council's fifth-batch decision, item 7), each "以备案所在地通信管理局审核要求为准". Its finance section lists the
keywords reviewers look for. The checker's tables are checker/data/content-categories.tsv and
website-name-words.tsv; the rules are in checker.website_name and checker.filing.
"""

from __future__ import annotations

import copy
import datetime
import re

import pytest

from checker import _tables, catalogue, filing, website_name
from checker._face import Context
from examples import PYODIDE

TENCENT = "tencentyun/qcloud-documents:product/域名与网站/网站备案/常见问题/前置审批相关.md"
# The page's abolished categories, and its finance keywords as it lists them (金融类).
ABOLISHED = {"education", "healthcare", "bulletin-boards"}
FINANCE_KEYWORDS = [
    *("交易所", "交易中心", "金融", "资产管理", "理财", "基金", "基金管理", "投资管理", "财富管理", "股权投资基金"),
    *("网贷", "网络借贷", "P2P", "股权众筹", "互联网保险", "支付"),
]
# The page's table: category → (words of its approving authority, its document), for the live ones.
TABLE = {
    "news": ("新闻办公室", "《互联网新闻信息服务许可证》"),
    "publishing": ("新闻出版行政部门", "《互联网出版许可证》"),
    "medicine": ("药品监督管理部门", "《互联网药品信息服务资格证书》"),
    "medical-devices": ("药品监督管理部门", "《互联网药品信息服务资格证书》"),
    "culture": ("文化行政部门", "《网络文化经营许可证》"),
    "radio-film-tv": ("广播电视行政部门", "《信息网络传播视听节目许可证》"),
    "ride-hailing": ("交通管理部门", "《网络预约出租汽车经营许可证》"),
    "finance": ("人民银行", ""),
    "games": ("中共中央宣传部出版局", ""),
}
TODAY = datetime.date(2026, 12, 1)


def name_codes(name: str, entity_type: str = "enterprise") -> list[str]:
    return [f.code for f in website_name.check(name, context=Context(entity_type=entity_type))[1]]


def content_findings(*keys: str) -> list[tuple[str, str, dict[str, str]]]:
    data = copy.deepcopy(filing.example())
    data["websites"][0]["content"] = list(keys)
    read, problems = filing.read(data)
    return [(f.field, f.finding.code, f.finding.message) for f in problems + filing.check(read, today=TODAY)]


# --- the table: every row with its status, source and date; the page's statuses, authorities and documents ------


def test_every_category_has_a_status_a_source_and_the_date_it_was_read():
    for category in _tables.content_categories().values():
        assert category.status in ("live", "abolished"), category.key
        assert category.source.startswith(TENCENT), category.key
        assert datetime.date.fromisoformat(category.source_date) == datetime.date(2026, 12, 5), category.key


def test_the_abolished_categories_are_the_pages():
    statuses = {key: category.status for key, category in _tables.content_categories().items()}
    assert {key for key, status in statuses.items() if status == "abolished"} == ABOLISHED
    assert {key for key, status in statuses.items() if status == "live"} == set(TABLE)


def test_each_abolished_category_says_since_when_and_by_what_as_far_as_the_page_does():
    """healthcare: 2015, item 8 of 国务院关于第一批取消62项中央指定地方实施行政审批事项的决定; bulletin boards: item 7
    (第七条) of 关于第五批取消和下放管理层级行政审批项目的决定; education: the page gives neither."""
    categories = _tables.content_categories()
    assert categories["healthcare"].since == "2015"
    assert "第一批取消62项中央指定地方实施行政审批事项" in categories["healthcare"].abolished_by_zh
    assert "国发〔2015〕57号" in categories["healthcare"].abolished_by_zh
    assert "第八项" in categories["healthcare"].abolished_by_zh
    assert "第五批取消和下放管理层级行政审批项目" in categories["bulletin-boards"].abolished_by_zh
    assert "国发" not in categories["bulletin-boards"].abolished_by_zh  # Tencent's page gives the title, not the number
    assert categories["bulletin-boards"].since == "2010" and "第七项" in categories["bulletin-boards"].abolished_by_zh
    assert (categories["education"].since, categories["education"].abolished_by_zh) == ("", "")


@pytest.mark.parametrize("key", sorted(TABLE))
def test_each_live_category_names_the_pages_authority_and_document(key):
    category = _tables.content_categories()[key]
    authority, document = TABLE[key]
    assert authority in category.authority_zh and category.authority_en
    assert document in category.licence_zh  # "" when the page names no document (a dash)
    assert bool(category.licence_zh) == bool(category.licence_en)


def test_publishing_names_todays_licence_and_the_one_the_page_names():
    """The page names 《互联网出版许可证》; today's rules name it 《网络出版服务许可证》, as the table did before it
    was held to the page: the filer reads both."""
    licence = _tables.content_categories()["publishing"].licence_zh
    assert "《网络出版服务许可证》" in licence and "《互联网出版许可证》" in licence


# --- the loader fails loudly ------------------------------------------------------------------------------


def _row(**changes: str) -> str:
    """A row of the table as text, with some columns changed."""
    news = _tables.content_categories()["news"]
    columns = news._replace(other_names="、".join(news.other_names), **changes)
    return "# a header line\n" + "\t".join(columns) + "\n"


@pytest.mark.parametrize(
    "changes, problem",
    [
        ({"source": ""}, "needs its source"),
        ({"source_date": ""}, "not an ISO date"),
        ({"source_date": "5 Dec 2026"}, "not an ISO date"),
        ({"status": "cancelled"}, "status 'cancelled'"),
        ({"since": "2015"}, "a live approval"),
        ({"authority_en": ""}, "one language only"),
        ({"licence_zh": ""}, "one language only"),
        ({"status": "abolished", "since": "2015年"}, "not a year"),
    ],
)
def test_a_malformed_row_stops_the_loader_naming_its_line(changes, problem):
    assert list(_tables.parse_content_categories(_row())) == ["news"]  # the row as shipped reads
    with pytest.raises(ValueError, match=problem) as raised:
        _tables.parse_content_categories(_row(**changes))
    assert "content-categories.tsv, line 2" in str(raised.value)


def test_a_row_with_a_column_missing_stops_the_loader():
    with pytest.raises(ValueError, match="line 2: 13 columns, not 14"):
        _tables.parse_content_categories(_row().rsplit("\t", 1)[0] + "\n")


@pytest.mark.parametrize(
    "row, problem",
    [
        ("approval\t理财\tfinance\t", "needs its word and its source"),
        ("approval\t理财\t\ttencent", "names a content category"),
        ("approval\t理财\tmoney\ttencent", "names a content category"),
        ("commercial\t公司\tfinance\ticp-rules", "names a content category"),
        ("banned\t公司\t\ticp-rules", "rule 'banned'"),
    ],
)
def test_a_malformed_name_word_stops_the_loader(row, problem):
    categories = _tables.content_categories()
    assert _tables.parse_website_name_words("approval\t理财\tfinance\ttencent\n", categories)[0].category == "finance"
    with pytest.raises(ValueError, match=problem):
        _tables.parse_website_name_words(row + "\n", categories)


def test_every_name_word_names_a_source_its_header_declares():
    text = _tables.read_text("website-name-words.tsv")
    declared = set(re.findall(r"^#   ([a-z-]+): ", text, re.MULTILINE))
    assert declared == {"icp-rules", "tencent"}
    assert {word.source for word in _tables.website_name_words()} == declared


# --- website names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["某某培训学校", "健康之家", "社区论坛", "示例医院官网", "示例诊所", "示例教育中心"])
def test_a_name_with_words_of_an_abolished_approval_gives_a_unit_nothing(name):
    """The page: education, healthcare and bulletin-board approvals are abolished; such words (培训, 学校, 健康,
    医院, 论坛, 社区) are no reason to warn."""
    assert name_codes(name) == []


def test_a_personal_site_still_avoids_forum_and_community():
    """论坛 and 社区 are also words a personal site should avoid (Huawei Cloud and QingCloud, icp-rules.md §6), a
    rule the page says nothing about: it stays."""
    assert name_codes("社区论坛", "individual") == ["NAME_PERSONAL_WORD"]


@pytest.mark.parametrize(
    "name, authority, document",
    [
        ("某某新闻网", "新闻办公室", "《互联网新闻信息服务许可证》"),
        ("某某理财", "人民银行", "金融管理部门的专项审批文件"),
        ("网络借贷之家", "人民银行", "金融管理部门的专项审批文件"),
        ("示例网约车", "交通管理部门", "《网络预约出租汽车经营许可证》"),
    ],
)
def test_a_name_with_words_of_a_live_approval_warns_naming_the_authority_and_document(name, authority, document):
    [finding] = website_name.check(name, context=Context(entity_type="enterprise"))[1]
    assert (finding.code, finding.severity) == ("NAME_NEEDS_APPROVAL", "warning")
    assert authority in finding.message["zh"] and document in finding.message["zh"]
    assert "Approving authority: " in finding.message["en"]


@pytest.mark.parametrize("keyword", FINANCE_KEYWORDS)
def test_each_of_the_pages_finance_keywords_warns_as_finance(keyword):
    """The page's 金融类 keywords, looked for in the website name (among the entity name, business scope and
    content): each warns, naming finance."""
    [finding] = website_name.check(f"示例{keyword}站", context=Context(entity_type="enterprise"))[1]
    assert finding.code == "NAME_NEEDS_APPROVAL" and "金融类内容" in finding.message["zh"]
    assert keyword in finding.message["zh"]


def test_letters_of_a_keyword_match_in_any_case_and_a_word_inside_a_longer_one_is_named_once():
    [finding] = website_name.check("示例p2p基金管理站")[1]
    assert "“基金管理、P2P”" in finding.message["zh"]  # in the table's order, 基金 left out


@pytest.mark.parametrize(
    "word", [w for w in _tables.website_name_words() if w.rule == "approval"], ids=lambda w: w.word
)
def test_every_approval_word_warns_exactly_when_its_category_is_live(word):
    category = _tables.content_categories()[word.category]
    found = website_name.check(f"示例{word.word}站", context=Context(entity_type="enterprise"))[1]
    topics = [f.message["en"] for f in found if f"content on {category.name_en}," in f.message["en"]]
    assert len(topics) == (1 if category.status == "live" else 0), word
    assert all(f.code == "NAME_NEEDS_APPROVAL" and f.severity == "warning" for f in found)


# --- a filing's content categories ------------------------------------------------------------------------------


def test_choosing_education_gives_the_info_only_and_says_the_page_gives_no_date():
    [(field, code, message)] = content_findings("education")
    assert (field, code) == ("websites[0].content[0]", "FILING_APPROVAL_ABOLISHED")
    assert message["zh"] == (
        "教育类前置审批已取消（全国范围；接入商的备案说明未写明取消时间和依据）。"
        "是否还需提交相关材料，以备案所在地省通信管理局（管局）的审核要求为准。"
    )
    assert "gives no date or decision" in message["en"] and "(管局)" in message["en"]


@pytest.mark.parametrize(
    "key, year, decision",
    [("healthcare", "2015", "国发〔2015〕57号"), ("bulletin-boards", "2010", "第五批取消和下放管理层级行政审批项目")],
)
def test_choosing_an_abolished_category_says_since_when_and_by_what(key, year, decision):
    [(_, code, message)] = content_findings(key)
    assert code == "FILING_APPROVAL_ABOLISHED" and catalogue.entry(code).severity == "info"
    assert f"{year}年，依据《国务院关于" in message["zh"] and decision in message["zh"]
    assert "管局" in message["zh"] and f"in {year}, by item" in message["en"] and decision in message["en"]


def test_choosing_a_live_category_warns_naming_the_authority_and_document():
    [(_, code, message)] = content_findings("news")
    assert code == "FILING_APPROVAL_NEEDED"
    assert "新闻办公室" in message["zh"] and "《互联网新闻信息服务许可证》" in message["zh"]


def test_a_category_without_a_named_document_says_the_authority_decides():
    """The page names no document for games (a dash): the message says the authority's requirement decides."""
    [(_, _, message)] = content_findings("games")
    assert "审批部门：中共中央宣传部出版局；审批文件：以审批部门要求为准。" in message["zh"]


@pytest.mark.parametrize(
    "since, decision, expected",
    [
        ("2015", "《某决定》", "2015年，依据《某决定》"),
        ("2015", "", "2015年；接入商的备案说明未写明依据"),
        ("", "《某决定》", "依据《某决定》；接入商的备案说明未写明取消时间"),
        ("", "", "全国范围；接入商的备案说明未写明取消时间和依据"),
    ],
)
def test_an_abolished_approval_says_as_much_as_its_source_does(since, decision, expected):
    category = _tables.content_categories()["education"]._replace(
        since=since, abolished_by_zh=decision, abolished_by_en=decision and "a decision"
    )
    assert website_name.abolished(category)["when"]["zh"] == expected


def test_the_consoles_short_names_read_as_their_category():
    """网约车 and 游戏 are the short names of 网络预约出租汽车 and 网络游戏; 电子公告 is the page's 电子公告服务."""
    assert filing.key_of("content", "网约车") == "ride-hailing"
    assert filing.key_of("content", "游戏") == "games"
    assert filing.key_of("content", "电子公告") == "bulletin-boards"
    assert filing.key_of("content", "广播电影电视") == "radio-film-tv"


# --- the self-check form ----------------------------------------------------------------------------------------


@pytest.mark.skipif(PYODIDE, reason="the build hooks are not in the wheel")
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_form_marks_the_abolished_categories_and_names_the_live_ones_authority(language):
    import self_check

    categories = _tables.content_categories()
    shown = {item["key"]: item for item in self_check.form(language)["content"]}
    assert list(shown) == list(categories)
    abolished_note = self_check.strings()["page"]["content_abolished"][language]
    for key, item in shown.items():
        category = categories[key]
        assert item["abolished"] == (category.status == "abolished")
        if category.status == "abolished":
            assert item["department"] == abolished_note
        else:
            assert getattr(category, f"authority_{language}") in item["department"]
            assert getattr(category, f"licence_{language}") in item["department"]
