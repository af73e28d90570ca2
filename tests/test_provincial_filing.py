"""A filing against its province's rules (checker.filing.provincial): filings from several provinces get their
province's findings, in both languages, worded "reported by <source>, <date>", never as errors; the national rule
on an ID's validity is an error. Each expectation names the provider's text it comes from
(../shared/reference/provincial-rules-sources.md, which quotes it), not the table's rows: a row lost from the table
fails here.
"""

from __future__ import annotations

import copy
import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from stdnum.cn import ric

from checker import filing
from checker.filing import rules

TODAY = datetime.date(2026, 12, 5)


def enterprise(province: str, **changes) -> dict:
    """The example enterprise filing moved to `province`, its USCC's region left as it is (a warning of its own
    that the tests below ignore)."""
    data = copy.deepcopy(filing.example())
    data["entity"]["province"] = province
    data["entity"]["icp_number"] = ""
    for site in data["websites"]:
        site["icp_number"] = ""
    for path, value in changes.items():
        target, *keys = data, *path.replace("[", ".").replace("]", "").split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        target[keys[-1]] = value
    return data


def individual(province: str, id_number: str) -> dict:
    person = {
        "name": "王五",
        "document": {"type": "resident-id", "number": id_number, "expires": "2040-01-01"},
        "mobile": "13800138000",
        "email": "wangwu@example.com",
    }
    return {
        "entity": {
            "type": "individual",
            "name": "王五",
            "province": province,
            "document": dict(person["document"]),
            "pic": person,
        },
        "websites": [{"name": "王五的个人博客", "domains": ["wangwu.cn"], "pic": person, "content": []}],
    }


def found(data: dict) -> list:
    read, _ = filing.read(data)
    return rules.check(read, today=TODAY)


def codes(data: dict) -> list[tuple[str, str]]:
    return [(located.field, located.finding.code) for located in found(data)]


def messages(data: dict, code: str, lang: str) -> list[str]:
    return [located.to_data(lang)["message"] for located in found(data) if located.finding.code == code]


def test_tianjin_wants_the_legal_representative_as_the_entitys_person_in_charge():
    """Tencent Cloud's FAQ (主体信息.md): 天津 among 主体负责人必须是法定代表人."""
    data = enterprise("天津市", **{"entity.pic.legal_representative": "no"})
    assert ("entity.pic.legal_representative", "PROVINCE_PIC_MUST_BE_LR") in codes(data)
    (zh,) = [m for m in messages(data, "PROVINCE_PIC_MUST_BE_LR", "zh") if "腾讯云" in m]
    (en,) = [m for m in messages(data, "PROVINCE_PIC_MUST_BE_LR", "en") if "Tencent" in m]
    assert zh.startswith("据腾讯云备案常见问题（") and "天津市" in zh and "法定代表人" in zh
    assert en.startswith("Reported by Tencent Cloud filing FAQ (") and "Tianjin" in en
    assert all(
        located.finding.severity != "error" for located in found(data) if located.finding.code.startswith("PROVINCE_")
    )


def test_unanswered_the_question_is_asked_and_answered_yes_nothing_is_said():
    asked = enterprise("天津市", **{"entity.pic.legal_representative": ""})
    assert ("entity.pic.legal_representative", "PROVINCE_PIC_LR_ASK") in codes(asked)
    answered = enterprise("天津市", **{"entity.pic.legal_representative": "是"})
    assert not [code for field, code in codes(answered) if field == "entity.pic.legal_representative"]


def test_sichuan_accepts_another_person_with_the_legal_representatives_letter():
    """Tencent Cloud's FAQ: 吉林、安徽、四川、甘肃 — 主体负责人不是法定代表人，需提供法定代表人授权书."""
    data = enterprise("四川省", **{"entity.pic.legal_representative": "no"})
    assert ("entity.pic.legal_representative", "PROVINCE_PIC_AUTHORISATION") in codes(data)
    assert ("entity.pic.legal_representative", "PROVINCE_PIC_MUST_BE_LR") not in codes(data)


def test_beijing_lets_someone_else_be_the_person_in_charge():
    """Tencent Cloud's FAQ: 北京 among 主体负责人可以不是法定代表人."""
    data = enterprise("北京市", **{"entity.pic.legal_representative": "no"})
    assert not [code for field, code in codes(data) if field == "entity.pic.legal_representative"]


def test_liaoning_sources_disagree_and_the_filer_is_told_so():
    """Tencent Cloud's FAQ says 辽宁 主体负责人可以不是法定代表人; UCloud's rules say it must be the legal
    representative (provincial-rules-sources.md §1.4): UCloud's rule is reported, and that Tencent says otherwise."""
    data = enterprise("辽宁省", **{"entity.pic.legal_representative": "no"})
    found_codes = codes(data)
    assert ("entity.pic.legal_representative", "PROVINCE_PIC_MUST_BE_LR") in found_codes
    assert ("entity.pic.legal_representative", "PROVINCE_SOURCES_DISAGREE") in found_codes
    said = messages(data, "PROVINCE_SOURCES_DISAGREE", "zh")
    assert any("腾讯云" in zh and "说法不一" in zh for zh in said), said


def test_hubei_wants_a_letter_for_a_website_pic_who_is_not_the_legal_representative():
    """Tencent Cloud's FAQ (网站负责人.md): 湖北、贵州、天津、湖南、上海 — 网站负责人不是法人，需要提供法人授权书."""
    data = enterprise("湖北省")
    assert ("websites[0].pic.legal_representative", "PROVINCE_WEBSITE_PIC_AUTHORISATION") in codes(data)
    assert "PROVINCE_WEBSITE_PIC_AUTHORISATION" not in {code for _, code in codes(enterprise("广东省"))}


def test_jiangsu_wants_a_landline_from_a_unit():
    """Tencent Cloud's FAQ (主体信息.md): 除江苏省必填座机号码外，其他省份办公电话可填手机号代替."""
    data = enterprise("江苏省")
    assert ("websites[0].pic.landline", "FILING_LANDLINE_REQUIRED") in codes(data)
    assert "FILING_LANDLINE_REQUIRED" not in {code for _, code in codes(enterprise("浙江省"))}
    mobile = enterprise("江苏省", **{"entity.pic.landline": "13900139000"})
    assert ("entity.pic.landline", "FILING_LANDLINE_IS_MOBILE") in codes(mobile)


def test_beijing_wants_the_office_phone_to_differ_from_the_mobile():
    """Tencent Cloud's FAQ: 北京 办公电话需与负责人手机号不同 — the same number warns, another mobile is the general
    note only."""
    same = enterprise("北京市", **{"entity.pic.landline": "138 0013 8000"})
    assert ("entity.pic.landline", "PROVINCE_LANDLINE_SAME_AS_MOBILE") in codes(same)
    other = enterprise("北京市", **{"entity.pic.landline": "13900139000"})
    landline = [code for field, code in codes(other) if field == "entity.pic.landline"]
    assert landline == ["FILING_LANDLINE_MOBILE"]


def test_gansu_wants_the_position_in_the_remarks_for_a_mobile_as_office_phone():
    """Tencent Cloud's FAQ: 甘肃 办公电话如填写手机号需备注企业职务."""
    data = enterprise("甘肃省", **{"entity.pic.landline": "13900139000"})
    assert ("entity.pic.landline", "PROVINCE_LANDLINE_REMARK") in codes(data)
    (zh,) = messages(data, "PROVINCE_LANDLINE_REMARK", "zh")
    assert "职务" in zh


def test_an_individual_with_another_provinces_id_in_shaanxi():
    """UCloud's rules: 陕西 个人 不接受外省证件备案 — a Guangdong ID (440305…) filing in Shaanxi."""
    data = individual("陕西省", "440305199001010018")
    assert ("entity.province", "PROVINCE_OUT_OF_PROVINCE_REFUSED") in codes(data)
    assert "FILING_RESIDENCE_PROOF" not in {code for _, code in codes(data)}
    (en,) = [m for m in messages(data, "PROVINCE_OUT_OF_PROVINCE_REFUSED", "en") if "UCloud" in m]
    assert "Shaanxi" in en and "Guangdong" in en


def test_an_individual_with_another_provinces_id_in_shanghai_needs_a_residence_permit():
    """JD Cloud's rules: 上海 个人 非上海本地身份证，需提供上海有效居住证."""
    data = individual("上海市", "440305199001010018")
    assert ("entity.province", "PROVINCE_RESIDENCE_PERMIT") in codes(data)


def test_a_minor_in_a_province_with_an_age_limit():
    """Huawei Cloud's guide: 黑龙江 负责人需年满18周岁 — a person born 2010-01-01 is 16 on 2026-12-05. The ID
    number's check character is python-stdnum's (stdnum.cn.ric.calc_check_digit reads the first 17 of 18), not the
    checker's."""
    body = "23010220100101001"
    number = body + ric.calc_check_digit(body + "0")
    assert ric.is_valid(number)
    data = individual("黑龙江省", number)
    assert ("entity.name", "PROVINCE_MINIMUM_AGE") in codes(data)
    (zh,) = [m for m in messages(data, "PROVINCE_MINIMUM_AGE", "zh") if "18" in m]
    assert "16" in zh


def test_xinjiang_asks_for_the_party_building_certificate_on_the_checklist():
    """Tencent Cloud's FAQ (省管局要求相关.md): 新疆 所有首次备案/新增网站备案必须先取得党建的证明."""
    data = enterprise("新疆维吾尔自治区")
    data["materials"] = []
    assert ("materials.party-building-proof", "PROVINCE_MATERIAL") in codes(data)
    data["materials"] = ["party-building-proof"]
    assert ("materials.party-building-proof", "PROVINCE_MATERIAL") not in codes(data)
    assert "PROVINCE_MATERIAL" not in {code for _, code in codes(enterprise("新疆维吾尔自治区"))}  # no checklist


def test_beijing_refuses_some_domain_suffixes():
    """Tencent Cloud's FAQ (省管局要求相关.md): 北京 不能备案的域名 .hk / .tw / .asia / .jp / .io / .me / .win /
    .org."""
    data = enterprise("北京市", **{"websites[0].domains": ["example.org"]})
    assert ("websites[0].domains[0]", "PROVINCE_DOMAIN_REFUSED") in codes(data)
    assert ("websites[1].domains[0]", "PROVINCE_DOMAIN_REFUSED") not in codes(data)  # example.cn


@pytest.mark.parametrize(
    ("expires", "code"),
    [
        ("2026-12-01", "FILING_ID_EXPIRED"),
        ("2027.03.04", "FILING_ID_EXPIRING"),  # 3 months after 2026-12-05 is 2027-03-05
        ("2027-03-05", None),
        ("2016.05.01-2036.05.01", None),
        ("长期", None),
        ("2027年1月1日", "FILING_ID_EXPIRING"),
        ("next year", "FILING_ID_EXPIRY_UNREADABLE"),
    ],
)
def test_an_id_valid_for_less_than_three_more_months_fails_nationally(expires, code):
    """UCloud, every province: 需提供有效期三个月以上的证件原件 — a national rule: an error, in any province."""
    data = enterprise("广东省", **{"entity.pic.document.expires": expires})
    got = [c for field, c in codes(data) if field == "entity.pic.document.expires"]
    assert got == ([code] if code else [])
    if code in ("FILING_ID_EXPIRED", "FILING_ID_EXPIRING"):
        assert {located.finding.severity for located in found(data) if located.finding.code == code} == {"error"}


@pytest.mark.parametrize("typed", [True, "yes", "Y", "是", "1"])
def test_a_yes_is_read_however_it_is_typed(typed):
    read, problems = filing.read(enterprise("天津市", **{"entity.pic.legal_representative": typed}))
    assert read.entity.pic.legal_representative == "yes" and problems == []


def test_a_yes_or_no_that_is_neither_is_reported_and_loses_nothing():
    read, problems = filing.read(enterprise("天津市", **{"entity.pic.legal_representative": "maybe"}))
    assert read.entity.pic.legal_representative == ""
    assert [(p.field, p.finding.code) for p in problems] == [
        ("entity.pic.legal_representative", "FILING_NOT_YES_OR_NO")
    ]
    assert read.entity.name == "深圳市示例科技有限公司"


@pytest.mark.parametrize(
    ("entity_number", "site_number", "expected"),
    [
        # Huawei Cloud's examples (provincial-rules-sources.md §4.1): 京ICP备04000001号-1 is a website's
        ("粤ICP备2024012345号", "粤ICP备2024012345号-1", []),
        ("粤ICP备2024012345号", "京ICP备04000001号-1", ["FILING_ICP_NUMBER_PROVINCE", "FILING_ICP_NUMBER_ENTITY"]),
        ("粤ICP备2024012345号", "粤ICP备2024012345号-2A", ["FILING_ICP_NUMBER_SERVICE", "FILING_ICP_NUMBER_PLACE"]),
        ("粤ICP备2024012345号", "粤ICP备2024012345号", ["FILING_ICP_NUMBER_NO_SITE"]),
        ("粤ICP备2024012345号", "粤ICP备2024012345号-3", ["FILING_ICP_NUMBER_PLACE"]),
    ],
)
def test_a_websites_filing_number_against_the_entitys_and_its_place(entity_number, site_number, expected):
    data = enterprise("广东省", **{"entity.icp_number": entity_number, "websites[0].icp_number": site_number})
    got = [code for field, code in codes(data) if field == "websites[0].icp_number" and code.startswith("FILING_")]
    assert got == expected


def test_the_entitys_number_from_another_province():
    data = enterprise("广东省", **{"entity.icp_number": "蜀ICP备19034464号"})  # a real Sichuan number (§4.1)
    assert ("entity.icp_number", "FILING_ICP_NUMBER_PROVINCE") in codes(data)
    (zh,) = messages(data, "FILING_ICP_NUMBER_PROVINCE", "zh")
    assert "四川省" in zh and "广东省" in zh


@pytest.mark.skipif(sys.platform == "emscripten", reason="runs the installed script in a subprocess")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_icp_check_validate_prints_the_provinces_findings(tmp_path, lang):
    """The CLI door: a Tianjin filing whose person in charge is not the legal representative."""
    path = tmp_path / "tianjin.json"
    path.write_text(
        json.dumps(enterprise("天津市", **{"entity.pic.legal_representative": "no"}), ensure_ascii=False), "utf-8"
    )
    script = Path(sys.executable).parent / "icp-check"  # [project.scripts], installed by `make test`
    result = subprocess.run(
        [str(script), "validate", str(path), "--lang", lang, "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    report = json.loads(result.stdout.splitlines()[0])  # a line per filing, then the summary
    shown = [f for f in report["findings"] if f["code"] == "PROVINCE_PIC_MUST_BE_LR"]
    assert shown, result.stdout[:2000]
    assert ("据腾讯云" if lang == "zh" else "Reported by Tencent Cloud") in shown[0]["message"]
