"""ICP filing numbers (checker.icp_number), held against numbers and layouts from sources that are not our code:

- ../shared/reference/provincial-rules-sources.md §4.1 (ICP备案号): the layout ``<省简称>ICP备<主体号>号[-n]``, Huawei
  Cloud's service letters (its APP filing FAQ: "网站：京ICP备04000001号-1 APP：京ICP备04000001号-2A 小程序：
  京ICP备04000001号-3X 快应用：京ICP备04000001号-4K"), real numbers seen in public code (8 digits until 2019, 10
  from 2020), the short names seen (川 and 蜀, 甘 and 陇, 秦 only in placeholders), and a public data-model
  regex that gets them wrong;
- §4.2 (经营许可证): Tencent Cloud's footer (京ICP证150476号, 粤B2-20090059), a public site's footer
  (京B2-20212814), Alibaba Cloud's SMS API example (B2-20080101), and the licences Xphter/IcpNumber's tests accept
  (粤A2-20044005号, 辽B-2-4-20080039, 蒙B2-20090059号).

Numbers in the property tests are built from the layout as the reference states it and from the short names in
checker/data/province-abbreviations.tsv, never with the module's own format().
"""

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import _tables, icp_number
from checker._face import Context
from checker.exceptions import InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from checker.fields import check_field
from examples import EXAMPLES, EXAMPLES_SELF

TODAY = datetime.date(2026, 12, 1)
CONTEXT = Context(today=TODAY)


def codes(number: str, today: datetime.date = TODAY) -> tuple[str, list[str]]:
    normalized, findings = icp_number.check(number, context=Context(today=today))
    return normalized, [finding.code for finding in findings]


def error(number: str) -> str:
    with pytest.raises(ValidationError) as raised:
        icp_number.check(number, context=CONTEXT)
    return raised.value.code


# --- real numbers -----------------------------------------------------------------------------------------------

# (number, its parts: province code, digits, site, service), each as the reference quotes it.
REAL = [
    # §4.1, "Observed in public code": 2019 numbers have 8 digits, numbers from 2020 have 10.
    ("蜀ICP备19034464号", "51", "19034464", None, ""),
    ("京ICP备19032652号-3", "11", "19032652", 3, ""),
    ("豫ICP备2020028892号-1", "41", "2020028892", 1, ""),
    ("京ICP备2021033841号-2", "11", "2021033841", 2, ""),
    ("黔ICP备2026001006号", "52", "2026001006", None, ""),
    # §4.1, "real example" of an APP's number.
    ("桂ICP备2026011230号-2A", "45", "2026011230", 2, "A"),
    # §4.1, Huawei Cloud's APP filing FAQ: a website, an APP, a mini program, a quick app under one entity.
    ("京ICP备04000001号-1", "11", "04000001", 1, ""),
    ("京ICP备04000001号-2A", "11", "04000001", 2, "A"),
    ("京ICP备04000001号-3X", "11", "04000001", 3, "X"),
    ("京ICP备04000001号-4K", "11", "04000001", 4, "K"),
]


@pytest.mark.parametrize("number, province, serial, site, service", REAL)
def test_real_numbers_are_valid_without_doubts(number, province, serial, site, service):
    assert icp_number.check(number, context=CONTEXT) == (number, [])
    assert icp_number.parse(number) == icp_number.IcpNumber(number[0], province, serial, site, service, False)
    assert icp_number.format(number) == number and icp_number.is_valid(number)


def test_the_province_of_a_real_number_is_the_one_its_short_name_stands_for():
    """GB/T 2260's names (checker/data/regions.tsv) of the provinces the reference's numbers come from."""
    names = {number: _tables.provinces()[icp_number.parse(number).province].name_zh for number, *_ in REAL}
    assert names["蜀ICP备19034464号"] == "四川省"
    assert names["豫ICP备2020028892号-1"] == "河南省"
    assert names["黔ICP备2026001006号"] == "贵州省"
    assert names["桂ICP备2026011230号-2A"] == "广西壮族自治区"


def test_the_entity_number_is_the_number_without_its_website_part():
    """Huawei Cloud (§4.1): "主体备案号:*ICP备********号 网站备案号:*ICP备********号-n"."""
    assert {icp_number.entity_number(number) for number, *_ in REAL if number.startswith("京ICP备04000001")} == {
        "京ICP备04000001号"
    }
    assert icp_number.entity_number("桂ICP备2026011230号-2A") == "桂ICP备2026011230号"
    assert icp_number.entity_number("蜀ICP备19034464号") == "蜀ICP备19034464号"


# (number as written, as the checker writes it, the code of the note): §4.2's licences, genuine numbers of another
# kind: never an error.
LICENCES = [
    ("京ICP证150476号", "京ICP证150476号", "ICP_NUMBER_LICENCE"),  # Tencent Cloud Beijing, cloud.tencent.com's footer
    ("粤B2-20090059", "粤B2-20090059", "ICP_NUMBER_TELECOM_LICENCE"),  # Tencent's footer
    ("京B2-20212814", "京B2-20212814", "ICP_NUMBER_TELECOM_LICENCE"),  # a public site's footer
    ("B2-20080101", "B2-20080101", "ICP_NUMBER_TELECOM_LICENCE"),  # Alibaba Cloud's SMS API example (MIIT's own)
    ("粤A2-20044005号", "粤A2-20044005", "ICP_NUMBER_TELECOM_LICENCE"),  # Xphter/IcpNumber's tests
    ("辽B-2-4-20080039", "辽B-2-4-20080039", "ICP_NUMBER_TELECOM_LICENCE"),
    ("蒙B2-20090059号", "蒙B2-20090059", "ICP_NUMBER_TELECOM_LICENCE"),
]


@pytest.mark.parametrize("number, written, code", LICENCES)
def test_licence_numbers_are_recognised_and_explained_never_refused(number, written, code):
    assert codes(number) == (written, [code])
    assert icp_number.parse(number).licence is True
    result = check_field("icp-number", number, lang="zh")
    assert result["ok"] and result["findings"][0]["severity"] == "warning"
    assert "不是备案号" in result["findings"][0]["message"]


def test_a_licence_is_told_apart_from_a_filing_number():
    assert icp_number.parse("京ICP证150476号") == icp_number.IcpNumber("京", "11", "150476", None, "", True, "")
    assert icp_number.parse("粤B2-20090059") == icp_number.IcpNumber("粤", "44", "20090059", None, "", True, "B2")
    assert icp_number.parse("B2-20080101").province == ""  # issued by MIIT, for services in several provinces


# The regex of a public data-model file the reference quotes (§4.1): "icpregex = '^(皖|京|…|浙)ICP(备|证)
# [0-9]{8}号$'". Its middle is elided there; the reference says what it holds: no 蜀 or 陇, and 港, 澳, 台. Its
# alternation below is made from that statement (the ends as quoted), for the numbers it gets wrong.
DATA_MODEL_REGEX = re.compile(
    r"^(皖|京|津|冀|晋|蒙|辽|吉|黑|沪|苏|闽|赣|鲁|豫|鄂|湘|粤|桂|琼|渝|川|黔|滇|藏|陕|甘|青|宁|新|港|澳|台|浙)ICP(备|证)[0-9]{8}号$"
)


def test_the_public_data_model_regex_is_a_counter_example():
    """What it refuses is real (a 蜀 number, 10-digit numbers), and what it accepts is not (a 港 number)."""
    refused_but_real = ["蜀ICP备19034464号", "豫ICP备2020028892号", "京ICP备2021033841号", "黔ICP备2026001006号"]
    for number in refused_but_real:
        assert DATA_MODEL_REGEX.match(number) is None
        assert codes(number) == (number, [])
    assert DATA_MODEL_REGEX.match("陇ICP备12345678号") is None and codes("陇ICP备12345678号")[1] == []
    assert DATA_MODEL_REGEX.match("港ICP备12345678号") is not None
    assert error("港ICP备12345678号") == "ICP_NUMBER_NOT_MAINLAND"


# --- the short names --------------------------------------------------------------------------------------------

# §4.1: "Province abbreviations observed: 京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝藏陕青宁新, plus two forms for
# Sichuan (川 and 蜀), Gansu (甘 and 陇), Guizhou 黔, Yunnan 滇."
OBSERVED = set("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝藏陕青宁新") | set("川蜀甘陇黔滇")
# Each short name and the province it stands for, as the central government's list of divisions names them.
SHORT_NAMES = {
    **dict.fromkeys("京", "北京市"), **dict.fromkeys("津", "天津市"), **dict.fromkeys("冀", "河北省"),
    **dict.fromkeys("晋", "山西省"), **dict.fromkeys("蒙", "内蒙古自治区"), **dict.fromkeys("辽", "辽宁省"),
    **dict.fromkeys("吉", "吉林省"), **dict.fromkeys("黑", "黑龙江省"), **dict.fromkeys("沪", "上海市"),
    **dict.fromkeys("苏", "江苏省"), **dict.fromkeys("浙", "浙江省"), **dict.fromkeys("皖", "安徽省"),
    **dict.fromkeys("闽", "福建省"), **dict.fromkeys("赣", "江西省"), **dict.fromkeys("鲁", "山东省"),
    **dict.fromkeys("豫", "河南省"), **dict.fromkeys("鄂", "湖北省"), **dict.fromkeys("湘", "湖南省"),
    **dict.fromkeys("粤", "广东省"), **dict.fromkeys("桂", "广西壮族自治区"), **dict.fromkeys("琼", "海南省"),
    **dict.fromkeys("渝", "重庆市"), **dict.fromkeys("川蜀", "四川省"), **dict.fromkeys("黔贵", "贵州省"),
    **dict.fromkeys("滇云", "云南省"), **dict.fromkeys("藏", "西藏自治区"), **dict.fromkeys("陕秦", "陕西省"),
    **dict.fromkeys("甘陇", "甘肃省"), **dict.fromkeys("青", "青海省"), **dict.fromkeys("宁", "宁夏回族自治区"),
    **dict.fromkeys("新", "新疆维吾尔自治区"), **dict.fromkeys("台", "台湾省"), **dict.fromkeys("港", "香港特别行政区"),
    **dict.fromkeys("澳", "澳门特别行政区"),
}  # fmt: skip


def test_the_table_of_short_names_is_the_sources():
    table = _tables.province_abbreviations()
    assert {short: _tables.provinces()[row.province].name_zh for short, row in table.items()} == SHORT_NAMES
    assert {short for short, row in table.items() if row.use == "observed"} == OBSERVED
    assert {short for short, row in table.items() if row.use == "not-mainland"} == set("港澳台")
    assert table["秦"].use == "placeholder"  # §4.1: "秦ICP备 appears only in placeholders"
    assert {row.use for row in table.values()} <= set(_tables.ABBREVIATION_USES)
    assert "# Source:" in _tables.read_text("province-abbreviations.tsv")


@pytest.mark.parametrize("short, usual", [("秦", "陕"), ("云", "滇"), ("贵", "黔")])
def test_a_short_name_no_number_is_seen_with_is_a_warning_naming_the_usual_one(short, usual):
    number = f"{short}ICP备19034464号"
    normalized, findings = icp_number.check(number, context=CONTEXT)
    assert normalized == number and [finding.code for finding in findings] == ["ICP_NUMBER_ABBREVIATION_UNUSUAL"]
    assert findings[0].message["zh"].endswith(f"但所见该省的备案号均以{usual}开头，请核对第一个字。")


@pytest.mark.parametrize("short, place", [("港", "Hong Kong"), ("澳", "Macau"), ("台", "Taiwan")])
def test_hong_kong_macau_and_taiwan_have_no_filing_numbers(short, place):
    with pytest.raises(InvalidComponent) as raised:
        icp_number.validate(f"{short}ICP备12345678号")
    assert raised.value.code == "ICP_NUMBER_NOT_MAINLAND" and place in str(raised.value)


# --- typing ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, written, notes",
    [
        ("粤ＩＣＰ备１２３４５６７８号－１", "粤ICP备12345678号-1", []),  # full-width, as a Chinese IME types it
        (" 粤 ICP 备 12345678 号 - 1 ", "粤ICP备12345678号-1", []),
        ("粤icp备12345678号-1a", "粤ICP备12345678号-1A", []),
        ("粤ICP备12345678号—1", "粤ICP备12345678号-1", []),  # an em dash for the hyphen
        ("粤ICP备12345678", "粤ICP备12345678号", ["ICP_NUMBER_WRITTEN"]),  # no 号: read, with MIIT's way
        ("粤ICP备12345678-1", "粤ICP备12345678号-1", ["ICP_NUMBER_WRITTEN"]),
        ("粤ICP备12345678-1号", "粤ICP备12345678号-1", ["ICP_NUMBER_WRITTEN"]),  # 号 after the website's number
        ("粤ICP备12345678号-01", "粤ICP备12345678号-1", ["ICP_NUMBER_WRITTEN"]),
        ("\t京ICP备11041704\r\n", "京ICP备11041704号", ["ICP_NUMBER_WRITTEN"]),  # jd.com's (Xphter/IcpNumber)
    ],
)
def test_what_people_type_is_read(typed, written, notes):
    assert codes(typed) == (written, notes)
    if notes:
        (finding,) = icp_number.check(typed, context=CONTEXT)[1]
        assert finding.severity == "info" and finding.message["zh"] == f"工信部的写法为{written}。"


# --- digits and years -------------------------------------------------------------------------------------------


def test_six_digits_are_a_very_old_form_a_warning():
    """§4.1: "warn on 6-digit (very old) forms" (yingsoo: "6位或8位")."""
    assert codes("京ICP备050001号") == ("京ICP备050001号", ["ICP_NUMBER_SIX_DIGITS"])


@pytest.mark.parametrize("digits", ["1", "12345", "1234567", "123456789", "12345678901", "202012345678"])
def test_other_digit_counts_are_errors(digits):
    with pytest.raises(InvalidLength) as raised:
        icp_number.validate(f"粤ICP备{digits}号")
    assert raised.value.code == "ICP_NUMBER_LENGTH" and raised.value.params == {"length": len(digits)}


def test_ten_digits_start_with_the_year():
    assert error("粤ICP备1912345678号") == "ICP_NUMBER_YEAR"
    assert codes("粤ICP备2019123456号") == ("粤ICP备2019123456号", ["ICP_NUMBER_TEN_DIGIT_YEAR"])
    assert codes("粤ICP备2020123456号")[1] == []


def test_a_year_not_come_yet_is_a_warning_as_of_the_contexts_today():
    """黔ICP备2026001006号 is real (§4.1): before 2026 it could not have been given yet."""
    assert codes("黔ICP备2026001006号", today=datetime.date(2026, 1, 1))[1] == []
    assert codes("黔ICP备2026001006号", today=datetime.date(2025, 12, 31))[1] == ["ICP_NUMBER_FUTURE_YEAR"]


def test_eight_digits_from_a_year_of_ten_digit_numbers_are_a_warning():
    assert codes("粤ICP备19123456号")[1] == []
    assert codes("粤ICP备23123456号")[1] == ["ICP_NUMBER_EIGHT_DIGIT_YEAR"]


# --- errors ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, code",
    [
        ("", "ICP_NUMBER_EMPTY"),
        ("   ", "ICP_NUMBER_EMPTY"),
        ("12345678", "ICP_NUMBER_FORMAT"),
        ("粤ICP12345678号", "ICP_NUMBER_FORMAT"),  # Xphter/IcpNumber refuses "津ICP11041704" too
        ("粤ICP备号", "ICP_NUMBER_FORMAT"),
        ("粤ICP备12345678号-1 " + "x" * 40, "ICP_NUMBER_FORMAT"),
        ("ICP备12345678号", "ICP_NUMBER_NO_ABBREVIATION"),
        ("中ICP备12345678号", "ICP_NUMBER_ABBREVIATION"),
        ("广东ICP备12345678号", "ICP_NUMBER_ABBREVIATION"),
        ("粤ICP备12345678号-", "ICP_NUMBER_SUFFIX"),
        ("粤ICP备12345678号-A", "ICP_NUMBER_SUFFIX"),
        ("粤ICP备12345678号-1-2", "ICP_NUMBER_SUFFIX"),
        ("粤ICP备12345678号-1B", "ICP_NUMBER_SERVICE"),
        ("粤ICP备12345678号-0", "ICP_NUMBER_SITE_ZERO"),
        ("京ICP证15047号", "ICP_NUMBER_LICENCE_LENGTH"),
        ("粤公网安备44030502008569号", "ICP_NUMBER_IS_PUBLIC_SECURITY"),  # §4.3's number in the wrong field
        ("粤ICP\u200b备12345678号", "ICP_NUMBER_HIDDEN_CHARACTER"),
    ],
)
def test_errors(typed, code):
    assert error(typed) == code
    assert icp_number.is_valid(typed) is False


def test_an_error_names_the_wrong_part():
    with pytest.raises(InvalidComponent) as raised:
        icp_number.validate("粤ICP备12345678号-2B")
    assert raised.value.params == {"letter": "B"}
    with pytest.raises(InvalidFormat) as format_error:
        icp_number.validate("粤ＩＣＰ")
    assert format_error.value.code == "ICP_NUMBER_FORMAT"


# --- properties: numbers made from the layout and the table ------------------------------------------------------

MAINLAND = sorted(short for short, row in _tables.province_abbreviations().items() if row.use == "observed")


@st.composite
def filing_numbers(draw):
    """(short name, digits, "-n[letter]" or "") as §4.1 states the layout: 8 digits with a year until 2019, or 10
    with a year 2020..TODAY's; the letters A, X, K."""
    short = draw(st.sampled_from(MAINLAND))
    if draw(st.booleans()):
        digits = f"{draw(st.integers(0, 19)):02d}{draw(st.integers(0, 999_999)):06d}"
    else:
        digits = f"{draw(st.integers(2020, TODAY.year))}{draw(st.integers(0, 999_999)):06d}"
    site = draw(st.one_of(st.none(), st.integers(1, 999)))
    suffix = "" if site is None else f"-{site}{draw(st.sampled_from(['', 'A', 'X', 'K']))}"
    return short, digits, suffix


@settings(max_examples=EXAMPLES)
@given(filing_numbers())
def test_a_number_in_the_layout_is_valid_without_doubts(parts):
    short, digits, suffix = parts
    number = f"{short}ICP备{digits}号{suffix}"
    assert icp_number.check(number, context=CONTEXT) == (number, [])
    assert icp_number.entity_number(number) == f"{short}ICP备{digits}号"


def _full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


@settings(max_examples=EXAMPLES_SELF)
@given(filing_numbers(), st.booleans(), st.booleans(), st.lists(st.sampled_from([" ", "\u3000", "\t"]), max_size=3))
def test_full_width_lower_case_and_spaces_read_the_same(parts, wide, lower, spaces):
    short, digits, suffix = parts
    number = f"{short}ICP备{digits}号{suffix}"
    typed = f"{short}{'icp' if lower else 'ICP'}备{''.join(spaces)}{digits}号{suffix.lower() if lower else suffix}"
    typed = _full_width(typed) if wide else typed
    assert icp_number.check(typed, context=CONTEXT) == (number, [])
    assert icp_number.format(icp_number.format(typed)) == icp_number.format(typed) == number


@settings(max_examples=EXAMPLES_SELF)
@given(filing_numbers(), st.sampled_from([1, 2, 3, 4, 5, 7, 9, 11, 12]))
def test_a_digit_count_of_no_filing_number_is_an_error(parts, length):
    short, digits, suffix = parts
    number = f"{short}ICP备{(digits * 2)[:length]}号{suffix}"
    with pytest.raises(InvalidLength):
        icp_number.validate(number)


@settings(max_examples=EXAMPLES_SELF)
@given(filing_numbers(), st.sampled_from(sorted(set("BCDEFGHIJLMNOPQRSTUVWYZ"))))
def test_a_service_letter_other_than_a_x_k_is_an_error(parts, letter):
    short, digits, _ = parts
    assert error(f"{short}ICP备{digits}号-1{letter}") == "ICP_NUMBER_SERVICE"
