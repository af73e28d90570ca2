"""The provincial rules table (checker/data/provincial-rules.tsv, read by checker.provincial), held against the
providers' texts as ../shared/reference/provincial-rules-sources.md §1 quotes them, and against UCloud's province
pages (UCloudDoc-Team/beian1 rule/rule1..7/*.md, the text the reference quotes, 2026-02-27).

Expected values here are typed from those quotes, never read back from the table through the module under test;
the planted rows are a real line of the table file with one cell changed, parsed as text.
"""

import datetime
import re

import pytest

from checker import _tables, provincial

# The 31 mainland codes (GB/T 2260), typed here rather than taken from the module.
MAINLAND = tuple(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65".split()  # noqa: SIM905
)
CORE = ("pic-legal-rep", "landline", "website-pic-legal-rep", "out-of-province-id")

# UCloud's province pages, 个人 tab, first line, as read at UCloudDoc-Team/beian1 commit e8d243d:
# "接受外省证件备案" / "接受外省证件备案，外省身份证备案需要提供暂住证或居住证" / "不接受外省证件备案"
# (Tibet: "暂不接受外省证件备案").
UCLOUD_OUT_OF_PROVINCE = {
    "accepted": "11 12 13 21 33 43 45 46 53",  # Beijing … Yunnan
    "residence-permit": "15 22 31 32 34 35 37 42 44 51 52",  # Inner Mongolia, Jilin, Shanghai, Jiangsu … Guizhou
    "refused": "14 23 36 41 50 54 61 62 63 64 65",  # Shanxi, Heilongjiang, Jiangxi, Henan … Xinjiang
}


def rows(province: str, rule: str, entity: str | None = None) -> list[provincial.ProvincialRule]:
    return [
        row
        for row in provincial.rules()
        if row.province == province and row.rule == rule and (entity is None or row.entity == entity)
    ]


def by_source(province: str, rule: str, entity: str | None = None) -> set[tuple[str, str]]:
    return {(row.source, row.value) for row in rows(province, rule, entity)}


# --- (1) the table loads, and every province has its core rules --------------------------------------------------


def test_table_loads_with_every_mainland_province():
    found = provincial.rules()
    assert {row.province for row in found} == set(MAINLAND) == set(provincial.mainland())


@pytest.mark.parametrize("province", MAINLAND)
def test_every_province_has_the_core_rules(province):
    present = {row.rule for row in provincial.rules() if row.province == province}
    assert set(CORE) <= present, f"{province} lacks {set(CORE) - present}"


@pytest.mark.parametrize("value,provinces", UCLOUD_OUT_OF_PROVINCE.items())
def test_ucloud_out_of_province_id_for_all_31(value, provinces):
    """UCloud's pages say, for individuals in every province, whether another province's ID card is accepted."""
    for province in provinces.split():
        assert ("ucloud", value) in by_source(province, "out-of-province-id", "individual"), province
    assert sum(len(codes.split()) for codes in UCLOUD_OUT_OF_PROVINCE.values()) == 31


# --- (2) an unsourced or malformed row stops the table ---------------------------------------------------------


def planted(change) -> tuple[str, int]:
    """The table's text with one real row (a row with notes) copied at the end, one cell changed."""
    text = _tables.read_text(provincial.RULES_FILE)  # the installed package's (the wheel's under Pyodide)
    real = next(line for line in text.splitlines() if line and not line.startswith("#") and line.split("\t")[8])
    cells = real.split("\t")
    change(cells)
    body = text.rstrip("\n") + "\n" + "\t".join(cells) + "\n"
    return body, len(body.splitlines())


def set_cell(index: int, value: str):
    def change(cells: list[str]) -> None:
        cells[index] = value

    return change


NEXT_YEAR = str(datetime.date.today().year + 1)


@pytest.mark.parametrize(
    "index,value,message",
    [
        (5, "", "no reference"),  # an empty reference
        (4, "a-forum-post", "source 'a-forum-post' is not in"),  # a source the sources table does not name
        (6, "", "every rule needs its source's date"),  # no date
        (6, f"{NEXT_YEAR}-01-01", "lies in the future"),  # a date to come
        (9, "", "a note in one language only"),  # note_zh without note_en
        (3, "sometimes", "value 'sometimes' is not one of"),  # a value the rule does not know
        (7, "certain", "confidence 'certain' is not one of"),
    ],
)
def test_a_planted_row_fails_naming_its_line(index, value, message):
    text, line = planted(set_cell(index, value))
    with pytest.raises(ValueError) as raised:
        provincial.parse(text)
    named = [problem for problem in str(raised.value).splitlines() if re.search(rf"\bline {line}: ", problem)]
    assert any(message in problem for problem in named), str(raised.value)


def test_the_table_as_it_is_parses_and_a_cleanly_copied_row_is_a_repeat():
    """The same text without a change parses; the copied row alone is reported, as a repeat."""
    text = _tables.read_text(provincial.RULES_FILE)  # the installed package's (the wheel's under Pyodide)
    assert len(provincial.parse(text)) == len(provincial.rules())
    copied, line = planted(lambda cells: None)
    with pytest.raises(ValueError, match=rf"line {line} repeats line \d+"):
        provincial.parse(copied)


# --- (3) spot checks against the reference's quotes --------------------------------------------------------------


def test_liaoning_pic_tencent_free_ucloud_required():
    """§1.3 Liaoning / §1.4: Tencent FAQ "主体负责人可以不是法定代表人" vs UCloud "主体负责人必须为法定代表人"."""
    assert {("tencent-faq", "free"), ("ucloud", "required")} <= by_source("21", "pic-legal-rep", "unit")
    disagree = provincial.disagreements(provincial.for_province("21", "unit"))
    assert {row.source for row in disagree[("unit", "pic-legal-rep")]} >= {"tencent-faq", "ucloud"}


def test_tianjin_website_pic_sources_disagree():
    """§1.4 Tianjin: JD "网站负责人必须不能为法人", Alibaba-EN "cannot be the same person" vs UCloud and Tencent FAQ
    (a non-LR website PIC needs 法人授权书)."""
    found = by_source("12", "website-pic-legal-rep", "unit")
    assert {
        ("jdcloud", "must-not"),
        ("alibaba", "must-not"),
        ("tencent-faq", "authorised"),
        ("ucloud", "authorised"),
    } <= found
    disagree = provincial.disagreements(provincial.for_province("12", "unit"))
    assert ("unit", "website-pic-legal-rep") in disagree


def test_jiangsu_landline_required_tencent_faq():
    """§1.2 Tencent FAQ 主体信息.md: "目前除江苏省必填座机号码外"."""
    assert ("tencent-faq", "required") in by_source("32", "landline", "unit")


def test_tianjin_individual_landline_required_tencent_2017():
    """§1.3 Tianjin [T17]: "personal: landline required" — beside Tencent FAQ's "个人备案…可以填写手机号代替"."""
    assert {("tencent-2017", "required"), ("tencent-faq", "mobile-allowed")} <= by_source(
        "12", "landline", "individual"
    )


def test_xinjiang_party_building_material():
    """§1.3 Xinjiang: Tencent FAQ "所有首次备案/新增网站备案必须先取得党建的证明"; JD 党建证明 for units and
    individuals."""
    assert {("tencent-faq", "party-building-proof"), ("jdcloud", "party-building-proof")} <= by_source("65", "material")


def test_beijing_refused_suffixes_include_org_and_hk():
    """§1.3 Beijing, Tencent FAQ 省管局要求相关.md: "不能备案的域名：.hk / .tw / .asia / .jp / .io / .me / .win /
    .org 等"."""
    (row,) = [row for row in rows("11", "domain-suffix") if row.source == "tencent-faq"]
    how, _, suffixes = row.value.partition(":")
    assert how == "refused"
    assert {".org", ".hk"} <= set(suffixes.split())


@pytest.mark.parametrize(
    "province,values",
    [
        ("15", {("ucloud", "residence-permit"), ("huawei", "refused")}),  # Inner Mongolia: UC yes+permit / HW no
        ("36", {("ucloud", "refused"), ("huawei", "residence-permit")}),  # Jiangxi: UC no / HW yes+permit
        ("45", {("ucloud", "accepted"), ("huawei", "refused")}),  # Guangxi: UC yes / HW no
        ("53", {("ucloud", "accepted"), ("tencent-2017", "refused")}),  # Yunnan: UC yes / T17 no
    ],
)
def test_out_of_province_conflicts_are_separate_rows(province, values):
    """§1.4 "Out-of-province individuals": each side its own row, and the pair reported as a disagreement."""
    assert values <= by_source(province, "out-of-province-id", "individual")
    disagree = provincial.disagreements(provincial.for_province(province, "individual"))
    assert ("individual", "out-of-province-id") in disagree


@pytest.mark.parametrize(
    "province,source,age",
    [
        ("13", "huawei", "18"),  # Hebei HW: "不满18周岁不能备案"
        ("37", "huawei", "17"),  # Shandong HW: "未满十七周岁不能备案"
        ("32", "tencent-2017", "16"),  # Jiangsu T17: <16 refused, 16–18 with proof
        ("12", "alibaba", "16"),  # Tianjin AL-EN: LR ≥16, 16–18 with proof
        ("63", "alibaba", "14"),  # Qinghai AL-EN
        ("52", "alibaba", "14"),  # Guizhou AL-EN
        ("35", "alibaba", "14"),  # Fujian AL-EN
    ],
)
def test_minimum_ages_by_source(province, source, age):
    """§1.4 "Minimum age": 18 (most), 17 Shandong (HW), 16 with proof (Jiangsu T17, Tianjin AL-EN), 14 (AL-EN)."""
    assert (source, age) in by_source(province, "minimum-age")


def test_minimum_age_with_proof_says_so():
    """§1.3 Jiangsu [T17]: "<16 refused, 16–18 needs employment/income proof" — the exception is in the note."""
    (row,) = [row for row in rows("32", "minimum-age") if row.source == "tencent-2017"]
    assert "16" in row.note_en and "18" in row.note_en and "proof" in row.note_en


@pytest.mark.parametrize(
    "province,word",
    [("23", "只能勾选"), ("50", "只能勾选"), ("61", "不能选择")],  # Heilongjiang, Chongqing: only; Shaanxi: never
)
def test_blog_content_type_notes(province, word):
    """§1.4 "博客/个人空间": required in Heilongjiang and Chongqing, forbidden in Shaanxi (all UCloud)."""
    assert any(
        row.source == "ucloud" and "博客/个人空间" in row.note_zh and word in row.note_zh
        for row in rows(province, "note")
    )


def test_shandong_domain_validity_45_days_alibaba():
    """§1.2 / §1.4 "Domain validity": Shandong on Alibaba-EN says more than 45 days."""
    assert any(row.source == "alibaba" and "45" in row.note_en for row in rows("37", "note"))


def test_shanghai_government_suffixes_huawei():
    """§1.3 Shanghai [HW]: 事业单位 .cn/.公益, 党政机关 .gov.cn/.政务."""
    assert ("huawei", "only:.cn .公益") in by_source("31", "domain-suffix", "public-institution")
    assert ("huawei", "only:.gov.cn .政务") in by_source("31", "domain-suffix", "government")


def test_establishment_approval_for_party_and_government_units():
    """§1.3 Inner Mongolia, Heilongjiang, Yunnan [UC]: 党政机关/事业单位 need the 编办 approval."""
    for province in ("15", "23", "53"):
        for kind in ("government", "public-institution"):
            assert ("ucloud", "establishment-approval") in by_source(province, "material", kind), (province, kind)


def test_every_row_names_a_known_source_with_its_reference():
    """Each source's rows point into the repository or site the sources table names for it."""
    where = {
        "tencent-faq": "tencentyun/qcloud-documents: ",
        "tencent-2017": "tencentyun/qcloud-documents: product/域名与网站/网站备案/0.弃用文档/",
        "ucloud": "UCloudDoc-Team/beian1: ",
        "jdcloud": "yicenzzn/cn: documentation/Domain-Name-&-License/ICP-License-Service/the-rules/",
        "huawei": ("huaweicloud/huaweicloud-skills: ", "support.huaweicloud.com "),
        "alibaba": "alibabacloud.com/help/en/icp-filing/",
    }
    for row in provincial.rules():
        assert row.reference.startswith(where[row.source]), (row.line, row.reference)
