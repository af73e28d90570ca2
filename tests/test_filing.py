import copy
import csv
import datetime
import io
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import _tables, catalogue, filing, filing_io, materials
from checker.exceptions import Finding
from checker.filing import page as form_page
from examples import EXAMPLES_SLOW, PYODIDE


def check_data(data, **kwargs):
    """Every finding of a filing given as plain data: what did not fit the shape first, as `report` orders them."""
    read, problems = filing.read(data)
    return problems + filing.check(read, **kwargs)


TODAY = datetime.date(2026, 12, 1)


# What a province asks every filing to act on (a remark, local numbers, its materials), tested in
# tests/test_provincial_filing.py: left out here, where each test is about one change.
ACT_ON = {"PROVINCE_REMARK", "PROVINCE_LOCAL_MOBILE", "PROVINCE_SAME_CITY", "PROVINCE_MATERIAL"}


def national(findings: list[dict]) -> list[dict]:
    """A report's findings less what its province asks every filing to act on (ACT_ON)."""
    return [finding for finding in findings if finding["code"] not in ACT_ON]


def codes(data, **kwargs):
    return [
        (located.field, located.finding.code)
        for located in check_data(data, today=TODAY, **kwargs)
        if located.finding.code not in ACT_ON
    ]


def changed(**paths):
    """The example filing with values replaced: changed(**{"entity.name": ""}) or websites[0].pic.mobile."""
    data = copy.deepcopy(filing.example())
    for path, value in paths.items():
        target, *keys = data, *path.replace("[", ".").replace("]", "").split(".")
        for key in keys[:-1]:
            target = target[int(key) if key.isdigit() else key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value
    return data


def test_the_example_is_a_clean_enterprise_filing():
    assert codes(filing.example()) == []
    result = filing.report(filing.example(), lang="zh", today=TODAY)
    assert result == {
        "ok": True,
        "counts": {"error": 0, "warning": 0, "info": 0},
        "items": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
        "findings": [],
    }


# One change to the clean example → exactly these findings (field, code).
@pytest.mark.parametrize(
    "change, expected",
    [
        # required fields: an error each, in the right item
        ({"entity.name": "  "}, [("entity.name", "FILING_ENTITY_MISSING")]),
        ({"entity.type": ""}, [("entity.type", "FILING_ENTITY_MISSING")]),
        ({"entity.province": ""}, [("entity.province", "FILING_ENTITY_MISSING")]),
        ({"entity.document.number": ""}, [("entity.document.number", "FILING_ENTITY_MISSING")]),
        ({"entity.pic.email": ""}, [("entity.pic.email", "FILING_CONTACT_MISSING")]),
        ({"websites[0].pic.mobile": ""}, [("websites[0].pic.mobile", "FILING_CONTACT_MISSING")]),
        ({"websites[1].name": ""}, [("websites[1].name", "FILING_WEBSITE_MISSING")]),
        ({"websites[1].domains": []}, [("websites[1].domains", "FILING_WEBSITE_MISSING")]),
        ({"websites": []}, [("websites", "FILING_NO_WEBSITE")]),
        # unknown choices
        ({"entity.type": "company"}, [("entity.type", "FILING_ENTITY_TYPE")]),
        ({"entity.province": "Atlantis"}, [("entity.province", "FILING_PROVINCE")]),
        (
            {"entity.province": "Hong Kong"},
            [("entity.province", "FILING_PROVINCE")],
        ),  # filings are made in the mainland
        ({"entity.type": " Enterprise ", "entity.document.type": "USCC"}, []),  # choices: case and spaces do not matter
        ({"entity.document.type": "licence"}, [("entity.document.type", "FILING_DOCUMENT_UNKNOWN")]),
        # field checks surface with their field path
        ({"entity.document.number": "91440300MA5DA1B21B"}, [("entity.document.number", "USCC_CHECKSUM")]),
        ({"websites[0].pic.mobile": "14012345678"}, [("websites[0].pic.mobile", "MOBILE_DATA_ONLY")]),
        (
            {"websites[1].domains": ["example.com", "www.example.net"]},
            [("websites[1].domains[0]", "FILING_DOMAIN_DUPLICATE"), ("websites[1].domains[1]", "DOMAIN_REDUCED")],
        ),
        # cross-field checks
        ({"entity.type": "public-institution"}, [("entity.document.number", "FILING_USCC_CATEGORY")]),
        (
            {"entity.province": "北京"},
            [("entity.province", "FILING_PROVINCE_MISMATCH"), ("entity.pic.landline", "FILING_LANDLINE_PROVINCE")],
        ),
        (
            {"entity.province": "江苏省", "entity.document.number": "91320000MA5DA1B21U"},
            [
                ("entity.pic.landline", "FILING_LANDLINE_PROVINCE"),
                ("websites[0].pic.landline", "FILING_LANDLINE_REQUIRED"),
                ("websites[1].pic.landline", "FILING_LANDLINE_REQUIRED"),
            ],
        ),
        (
            {"entity.document.type": "resident-id", "entity.document.number": "440305199001010018"},
            [("entity.document.type", "FILING_DOCUMENT_TYPE")],
        ),
        ({"entity.pic.landline": "13800138000"}, [("entity.pic.landline", "FILING_LANDLINE_MOBILE")]),
        ({"websites[0].pic.mobile": "13800138000"}, [("websites[0].pic.mobile", "FILING_PHONE_SHARED")]),
        ({"entity.emergency_contact": "13912345678"}, [("entity.emergency_contact", "FILING_EMERGENCY_SAME")]),
        # the emergency contact takes a mobile or a landline: an invalid one is judged by its first digit
        ({"entity.emergency_contact": "1370013700"}, [("entity.emergency_contact", "MOBILE_LENGTH")]),
        ({"entity.emergency_contact": "+86 137 0013 700"}, [("entity.emergency_contact", "MOBILE_LENGTH")]),
        ({"entity.emergency_contact": "010-6234567"}, [("entity.emergency_contact", "LANDLINE_LOCAL_LENGTH")]),
        ({"entity.emergency_contact": "010-62345678"}, []),
        ({"websites[0].name": "中国示例科技"}, [("websites[0].name", "NAME_RESERVED_PREFIX")]),
        (
            {"websites[0].content": ["news", "Games"]},
            [
                ("websites[0].content[0]", "FILING_APPROVAL_NEEDED"),
                ("websites[0].content[1]", "FILING_APPROVAL_NEEDED"),
            ],
        ),
        ({"websites[1].content": "finance"}, [("websites[1].content[0]", "FILING_APPROVAL_NEEDED")]),
        ({"websites[1].content": ["gossip"]}, [("websites[1].content[0]", "FILING_CONTENT_UNKNOWN")]),
        ({"websites[1].content": {"news": 1}}, [("websites[1].content", "FILING_NOT_A_LIST")]),
        # a whole document pasted into a list: read up to the limit, said once
        (
            {"websites[1].domains": ["example.cn"] + [f"x{i}.com" for i in range(filing.LIST_LIMIT)]},
            [("websites[1].domains", "FILING_LIST_TOO_LONG")],
        ),
        (
            {"websites[0].pic.document.number": "440305201002020023"},
            [
                (
                    "websites[0].pic.document.number",
                    "RIC_UNDER_18",
                ),  # and now two 李四 with different IDs share a mobile:
                ("websites[1].pic.mobile", "FILING_PHONE_SHARED"),
            ],
        ),
    ],
)
def test_one_change_gives_exactly_its_findings(change, expected):
    assert codes(changed(**change)) == expected


def test_the_same_person_may_be_the_pic_of_the_entity_and_of_every_website():
    pic = filing.example()["entity"]["pic"]
    data = changed(**{"websites[0].pic": dict(pic), "websites[1].pic": dict(pic)})
    assert codes(data) == []


def test_a_national_body_may_start_a_website_name_with_a_reserved_word():
    data = changed(
        **{
            "entity.type": "government",
            "entity.document.number": "11440300MA5DA1B21J",
            "websites[0].name": "中国示例网",
        }
    )
    assert [code for _, code in codes(data)] == []


def individual(**more):
    person = {
        "name": "李四",
        "document": {"type": "resident-id", "number": "440305199202020028"},
        "mobile": "13912345678",
        "landline": "",
        "email": "lisi@example.com",
    }
    data = {
        "entity": {
            "type": "individual",
            "name": "李四",
            "province": "44",
            "document": {"type": "resident-id", "number": "440305199202020028"},
            "pic": person,
            "emergency_contact": "13700137000",
        },
        "websites": [{"name": "李四的摄影作品", "domains": ["lisi.cn"], "pic": dict(person)}],
    }
    for path, value in more.items():
        section, key = path.split(".")
        data[section][key] = value
    return data


def test_an_individual_filing():
    assert codes(individual()) == []
    assert codes(individual(**{"entity.name": "王五"})) == [("entity.name", "FILING_INDIVIDUAL_NAME")]
    # UCloud's and JD Cloud's rules: 上海 accepts another province's ID with a Shanghai residence permit
    assert set(codes(individual(**{"entity.province": "上海"}))) == {("entity.province", "PROVINCE_RESIDENCE_PERMIT")}
    assert codes(individual(**{"entity.document": {"type": "uscc", "number": "91440300MA5DA1B21A"}})) == [
        ("entity.document.type", "FILING_DOCUMENT_TYPE"),
        ("entity.pic.document.number", "FILING_INDIVIDUAL_DOCUMENT"),
    ]


def test_a_personal_site_with_a_commercial_name_is_warned():
    data = individual()
    data["websites"][0]["name"] = "李四科技公司官网"
    assert ("websites[0].name", "NAME_PERSONAL_WORD") in codes(data)


@pytest.mark.parametrize("typed", ["13800138000", "138 0013 8000 转 8001", "+86 138-0013-8000 ext. 12"])
def test_beijing_wants_a_real_landline_different_from_the_mobile(typed):
    """The person's own mobile in the landline field, with or without an extension after it (which the mobile field
    itself refuses): in Beijing a warning (Tencent Cloud's FAQ: 北京 办公电话需与负责人手机号不同), not the
    information note other provinces get."""
    data = changed(
        **{"entity.province": "11", "entity.document.number": "91110000MA5DA1B21A", "entity.pic.landline": typed}
    )
    assert codes(data) == [("entity.pic.landline", "PROVINCE_LANDLINE_SAME_AS_MOBILE")]


@pytest.mark.parametrize(
    "given, code",
    [
        ("44", "44"),
        ("440000", "44"),
        ("广东省", "44"),
        ("广东", "44"),
        ("Guangdong", "44"),
        (" guangdong ", "44"),
        ("内蒙古", "15"),
        ("北京市", "11"),
        ("Hong Kong", "81"),
        ("4403", None),
        ("99", None),
        ("广", None),
        ("", None),
        ("Atlantis", None),
    ],
)
def test_province_code(given, code):
    assert filing.province_code(given) == code


@pytest.mark.parametrize(
    "data, expected",
    [
        ([], [("", "FILING_NOT_AN_OBJECT")]),
        ({"entity": "x"}, [("entity", "FILING_NOT_AN_OBJECT")]),
        ({"websites": {"name": "x"}}, [("websites", "FILING_NOT_A_LIST")]),
        ({"moblie": "1"}, [("moblie", "FILING_UNKNOWN_KEY")]),
        ({"entity": {"name": ["a"]}}, [("entity.name", "FILING_NOT_TEXT")]),
        ({"entity": {"pic": {"mobile": True}}}, [("entity.pic.mobile", "FILING_NOT_TEXT")]),
    ],
)
def test_data_of_the_wrong_shape_is_reported_and_the_rest_still_checked(data, expected):
    found = codes(data)
    assert found[: len(expected)] == expected
    assert ("entity.name", "FILING_ENTITY_MISSING") in found or ("entity.name", "FILING_NOT_TEXT") in found


def test_numbers_from_a_spreadsheet_are_read_as_their_digits():
    data = changed(**{"entity.pic.mobile": 13800138000})
    assert codes(data) == []


def test_domains_may_be_one_string():
    data = changed(**{"websites[1].domains": "example.cn, example.net"})
    assert codes(data) == []


def test_every_finding_has_an_item_a_fix_and_a_page_in_the_report():
    data = changed(**{"entity.name": "", "websites[0].pic.mobile": "123", "entity.province": "北京"})
    for lang in ("en", "zh"):
        result = filing.report(data, lang=lang, today=TODAY)
        assert not result["ok"] and result["counts"]["error"] == 2
        assert sum(result["items"].values()) == len(result["findings"])
        for finding in result["findings"]:
            assert finding["item"] in catalogue.ITEMS and finding["fix"] and finding["message"]
            assert finding["page"].startswith("zh/" if lang == "zh" else "inspected-items/")
    assert filing.report(data, lang="zh")["findings"][0]["message"] == "未填写：备案主体的名称。"


@pytest.mark.parametrize("extra", [1, 30_000])
def test_more_websites_than_the_limit_are_read_up_to_it_and_the_rest_named_by_count(extra):
    """A whole list of sites pasted into one filing: the first LIST_LIMIT are read and checked, the others are
    named by count in one warning (unchecked is not wrong: the filing stays ok), none dropped silently. Before,
    `websites` was read without bound, though LIST_LIMIT is documented as bounding the work."""
    site = filing.example()["websites"][0]
    count = filing.LIST_LIMIT + extra
    data = {**filing.example(), "websites": [dict(site, domains=[f"site{i}.cn"]) for i in range(count)]}
    result = filing.report(data, lang="en")
    assert [(f["field"], f["code"], f["severity"]) for f in result["findings"]] == [
        ("websites", "FILING_TOO_MANY_WEBSITES", "warning")
    ]
    assert result["findings"][0]["message"] == (
        f"The filing lists {count} websites. The self-check read the first 100; the other {extra} were not checked."
    )
    assert result["ok"] is True
    assert [site.domains for site in filing.read(data)[0].websites] == [(f"site{i}.cn",) for i in range(100)]
    zh = filing.report(data, lang="zh")["findings"][0]["message"]
    assert re.fullmatch(rf"\D*{count}\D+100\D+{extra}\D+", zh)  # the wording is the zh review's; the numbers ours


# --- several values in one field: one rule for the plain data, a CSV cell and the page ------------------------------

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_values_are_separated_by_any_whitespace_and_half_and_full_width_commas_and_semicolons():
    """The separators are what the docs promise: every character Python's str.isspace calls whitespace (the
    Unicode White_Space property, plus the ASCII information separators str.split also splits on) and
    , ; ， ； 、 — nothing else (a zero-width space or U+FEFF is not a separator: it is a hidden character)."""
    separators = set(re.findall(filing.SEPARATORS, EVERY_CHARACTER))
    assert separators == {char for char in EVERY_CHARACTER if char.isspace()} | set(",;，；、")
    assert "\u3000" in separators and "\u200b" not in separators and "\ufeff" not in separators


@pytest.mark.parametrize(
    "typed",
    [
        "a.cn,b.cn",
        "a.cn;b.cn",
        "a.cn，b.cn",
        "a.cn；b.cn",
        "a.cn、b.cn",
        "a.cn b.cn",
        " a.cn ,\u3000b.cn\n",
        "a.cn\tb.cn,",
    ],
)
def test_two_domains_in_one_field_are_two_domains_in_json_in_a_csv_cell_and_on_the_page(typed):
    """`a.cn,b.cn` is two domains wherever it is typed. Before, three rules: the CSV split on whitespace only
    (one invalid domain "a.cn,b.cn"), the reader also on , and ;, the page also on ， ； 、. The page now sends
    the box's raw text and Python splits it (checker.filing.page; tests/browser/test_self_check_page.py shows
    the raw text is what the page sends)."""
    from_json, problems = filing.read({"websites": [{"domains": typed}]})
    assert from_json.websites[0].domains == ("a.cn", "b.cn") and problems == []
    text = io.StringIO()
    csv.writer(text).writerows(
        [["entity_type", "website1_domains", "materials"], ["individual", typed, "personal-id，domain-certificate"]]
    )
    (record,) = filing_io.read_csv(io.StringIO(text.getvalue()))
    assert record.data["websites"][0]["domains"] == ["a.cn", "b.cn"]
    assert record.data["materials"] == ["personal-id", "domain-certificate"]
    assert form_page.filing({"websites[0].domains": typed})["websites"] == [{"domains": ["a.cn", "b.cn"]}]


def test_report_refuses_an_unknown_language():
    with pytest.raises(ValueError):
        filing.report({}, lang="fr")


def test_entity_types_follow_miit_codes():
    types = _tables.entity_types()
    assert types["enterprise"].miit_code == 4 and types["individual"].documents == "person"
    assert len(types) == 18 and {t.documents for t in types.values()} == {"unit", "person"}


# jsonschema is a test dependency (requirements.lock): imported for real under CPython, so a missing one fails
# there instead of skipping quietly; Pyodide has no wheel of its compiled rpds-py (requirements-pyodide.txt).
NO_JSONSCHEMA = pytest.mark.skipif(PYODIDE, reason="jsonschema needs rpds-py, which has no Pyodide wheel on PyPI")


@NO_JSONSCHEMA
def test_the_schema_accepts_the_example_and_names_every_entity_and_document_type():
    import jsonschema

    schema = json.loads((Path(filing.__file__).parent.parent / "data" / "filing.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(filing.example())
    validator.validate([filing.example(), individual()])
    validator.validate({**filing.example(), "materials": ["business-licence"]})
    validator.validate({**individual(), "materials": []})
    assert set(schema["$defs"]["entity"]["properties"]["type"]["enum"]) == set(_tables.entity_types())
    assert set(schema["$defs"]["document"]["properties"]["type"]["enum"]) == set(filing.DOCUMENTS)
    assert schema["$defs"]["filing"]["properties"]["materials"]["items"]["enum"] == list(materials.materials())
    assert schema["$defs"]["website"]["properties"]["content"]["items"]["enum"] == list(_tables.content_categories())


@pytest.mark.parametrize(
    "data",
    [
        {"moblie": "1"},
        {"entity": "x"},
        {"websites": {"name": "x"}},
        {"entity": {"name": ["a"]}},
        {"materials": {"business-licence": True}},
        {"materials": [["business-licence"]]},
    ],
)
@NO_JSONSCHEMA
def test_what_the_schema_refuses_the_reader_reports(data):
    import jsonschema

    schema = json.loads((Path(filing.__file__).parent.parent / "data" / "filing.schema.json").read_text("utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert filing.read(data)[1]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["entity", "websites", "pic", "name", "document", "type", "number", "domains", "mobile", "materials"]
            )
            | st.text(max_size=6),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
FIELDS = [
    "entity.type",
    "entity.name",
    "entity.province",
    "entity.document.type",
    "entity.document.number",
    "entity.pic.name",
    "entity.pic.mobile",
    "entity.pic.landline",
    "entity.pic.email",
    "entity.emergency_contact",
    "websites[0].name",
    "websites[0].domains",
    "websites[1].pic.document.number",
    "websites[1].pic.mobile",
    "materials",
]


@settings(max_examples=EXAMPLES_SLOW, deadline=None)
@given(JSON)
def test_any_json_is_reported_never_raised(data):
    result = filing.report(data, lang="zh", today=TODAY)
    json.dumps(result)
    assert all(f["message"] and f["fix"] for f in result["findings"])


@settings(max_examples=EXAMPLES_SLOW, deadline=None)
@given(st.sampled_from(FIELDS), st.text(max_size=30) | JSON)
def test_any_value_in_any_field_is_reported_never_raised(path, value):
    result = filing.report(changed(**{path: value}), today=TODAY)
    assert all(f["field"].startswith(("entity", "websites", "materials")) and f["message"] for f in result["findings"])
    if "materials" in result:
        assert 0 <= result["materials"]["ready"] <= result["materials"]["total"] == 7


def test_content_that_needs_approval_names_the_authority_and_document_in_both_languages():
    """Tencent Cloud's 前置审批相关.md: 药品和医疗器械类, 当地省、直辖市（食品）药品监督管理部门,
    《互联网药品信息服务资格证书》."""
    result = filing.report(changed(**{"websites[0].content": ["medicine"]}), lang="zh", today=TODAY)
    assert result["findings"][0]["message"] == (
        "涉及药品的内容须在备案前办理前置审批。审批部门：所在地省级（食品）药品监督管理部门；"
        "审批文件：《互联网药品信息服务资格证书》。"
    )
    english = filing.report(changed(**{"websites[0].content": ["medicine"]}), lang="en", today=TODAY)
    assert "(food and) drug administration" in english["findings"][0]["message"]
    assert "Internet Drug Information Service Qualification Certificate" in english["findings"][0]["message"]


def test_every_content_category_has_words_in_the_website_name_check():
    """Each category of content-categories.tsv, live or abolished, has its words in website-name-words.tsv (an
    abolished one's give nothing, tests/test_approvals.py), and every approval word names a category."""
    from checker import _tables

    named = {word.category for word in _tables.website_name_words() if word.rule == "approval"}
    assert named == set(_tables.content_categories())


# --- the verification-materials checklist (inspected item 3) -----------------------------------------------------

ENTERPRISE_MATERIALS = [material.key for material in materials.checklist("enterprise")]


def with_materials(data, ticked):
    return {**data, "materials": ticked}


def test_without_the_materials_key_nothing_is_said_about_materials():
    for data in (filing.example(), individual(), with_materials(filing.example(), None)):
        result = filing.report(data, today=TODAY)
        assert "materials" not in result and result["items"]["3"] == 0
        assert not any(f["code"].startswith("MATERIAL_") for f in result["findings"])


@pytest.mark.parametrize("data, total", [(filing.example(), 7), (individual(), 5)])
def test_every_material_ticked_gives_no_finding_and_all_ready(data, total):
    ticked = [material.key for material in materials.checklist(data["entity"]["type"])]
    result = filing.report(with_materials(data, ticked), today=TODAY)
    assert national(result["findings"]) == [] and result["materials"] == {"ready": total, "total": total}


def test_nothing_ticked_gives_one_finding_per_material():
    result = filing.report(with_materials(filing.example(), []), today=TODAY)
    assert [(f["field"], f["code"], f["severity"], f["item"]) for f in national(result["findings"])] == [
        *((f"materials.{key}", "MATERIAL_NOT_READY", "warning", 3) for key in ENTERPRISE_MATERIALS[:-1]),
        ("materials.authorisation-letter", "MATERIAL_IF_NEEDED", "info", 3),
    ]
    # Guangdong's own materials are notes besides (JD Cloud's rules: 广东省单位互联网信息服务备案承诺书 …)
    asked = sum(f["code"] == "PROVINCE_MATERIAL" for f in result["findings"])
    assert asked and result["ok"] and result["counts"] == {"error": 0, "warning": 6, "info": 1 + asked}
    assert result["items"]["3"] == 7 + asked and result["materials"] == {"ready": 0, "total": 7}
    assert {f["page"] for f in national(result["findings"])} == {"inspected-items/materials/"}


def test_an_individual_is_told_about_proof_of_residence_as_a_note():
    ticked = ["personal-id", "domain-certificate", "verification-form", "face-verification"]
    result = filing.report(with_materials(individual(), ticked), lang="zh", today=TODAY)
    (finding,) = national(result["findings"])
    assert (finding["code"], finding["severity"], finding["field"]) == (
        "MATERIAL_IF_NEEDED",
        "info",
        "materials.residence-proof",
    )
    assert finding["message"].startswith("居住证明（居住证等）：尚未勾选，在身份证签发地以外的省份备案时")
    assert result["materials"] == {"ready": 4, "total": 5}


def test_the_message_names_the_material_in_each_language():
    data = with_materials(filing.example(), [key for key in ENTERPRISE_MATERIALS if key != "verification-form"])
    english, chinese = (filing.report(data, lang=lang, today=TODAY)["findings"] for lang in ("en", "zh"))
    assert english[0]["message"].startswith("Verification form (核验单): not ready yet. Download it from")
    assert chinese[0]["message"].startswith("核验单（网站备案信息真实性核验单）：尚未备齐。从接入商处下载")
    assert "备案承诺书" in chinese[0]["message"] and "commitment letter" in english[0]["message"]
    letter = filing.report(with_materials(filing.example(), ENTERPRISE_MATERIALS[:-1]), today=TODAY)["findings"]
    assert letter[0]["message"].startswith(
        "Authorisation letter from the legal representative: not ticked as ready;"
        " it is needed when the entity's person in charge is not its legal"
    )


def test_keys_are_read_like_other_choices_and_may_be_one_string():
    ticked = " ".join(key.upper() for key in ENTERPRISE_MATERIALS) + ", business-licence"  # a repeat counts once
    result = filing.report(with_materials(filing.example(), ticked), today=TODAY)
    assert national(result["findings"]) == [] and result["materials"] == {"ready": 7, "total": 7}


def test_a_key_not_on_the_checklist_is_a_warning_and_not_counted():
    ticked = ["business-licence", "passport", "personal-id", 42]  # personal-id: an individual's, not an enterprise's
    found = codes(with_materials(filing.example(), ticked))
    assert found[:3] == [
        ("materials[1]", "MATERIAL_UNKNOWN"),
        ("materials[2]", "MATERIAL_UNKNOWN"),
        ("materials[3]", "MATERIAL_UNKNOWN"),
    ]
    assert len(found) == 3 + 6
    result = filing.report(with_materials(filing.example(), ticked), lang="zh", today=TODAY)
    assert result["materials"] == {"ready": 1, "total": 7}
    # in Chinese the checklist is named in Chinese, not by its keys (a material may be given by its name too)
    assert result["findings"][0]["message"].startswith(
        "“passport”不在主办单位性质为“企业”的材料清单中，未计入（清单：营业执照；"
    )


@pytest.mark.parametrize(
    "ticked, expected",
    [
        ({"business-licence": True}, [("materials", "FILING_NOT_A_LIST")]),
        (7, [("materials", "FILING_NOT_A_LIST")]),
        (True, [("materials", "FILING_NOT_A_LIST")]),
    ],
)
def test_materials_of_the_wrong_type_are_reported_and_ignored(ticked, expected):
    data = with_materials(filing.example(), ticked)
    assert codes(data) == expected
    assert "materials" not in filing.report(data, today=TODAY)


def test_an_item_of_the_wrong_type_is_reported_where_it_is():
    ticked = [*ENTERPRISE_MATERIALS[:3], None, {"key": 1}, *ENTERPRISE_MATERIALS[3:]]
    assert codes(with_materials(filing.example(), ticked)) == [("materials[4]", "FILING_NOT_TEXT")]
    assert filing.report(with_materials(filing.example(), ticked), today=TODAY)["materials"]["ready"] == 7


def test_an_unknown_entity_type_has_no_checklist():
    for entity_type in ("company", ""):
        data = with_materials(changed(**{"entity.type": entity_type}), ["business-licence"])
        result = filing.report(data, today=TODAY)
        assert not any(f["code"].startswith("MATERIAL_") for f in result["findings"])
        assert result["materials"] == {"ready": 0, "total": 0}


def test_other_unit_types_get_the_unit_checklist():
    data = changed(**{"entity.type": "government", "entity.document.number": "11440300MA5DA1B21J"})
    result = filing.report(with_materials(data, ["unit-certificate", "official-letter"]), today=TODAY)
    assert [f["field"] for f in national(result["findings"])] == [
        "materials.entity-pic-id",
        "materials.domain-certificate",
        "materials.verification-form",
    ]
    assert result["materials"] == {"ready": 2, "total": 5}


@pytest.mark.parametrize(
    "given",
    [
        " ".join(f"site{i}.cn" for i in range(50_000)),  # one string, as a CSV cell or the page gives it
        [f"site{i}.cn" for i in range(50_000)],
    ],
)
def test_a_huge_list_is_read_up_to_the_limit_and_reported_once(given):
    data = changed(**{"websites[1].domains": given})
    result = filing.report(data, lang="en")
    assert [(f["field"], f["code"]) for f in result["findings"]] == [("websites[1].domains", "FILING_LIST_TOO_LONG")]
    assert result["findings"][0]["message"] == (
        "Too many entries in the domain names of website 2: 50000. Only the first 100 were checked."
    )
    assert len(filing.read(data)[0].websites[1].domains) == filing.LIST_LIMIT


# --- hidden characters in values chosen from a list (review of issue 12, item 8) --------------------------------


@pytest.mark.parametrize(
    "path, typed, unknown",
    [
        ("entity.type", "enterprise\u200b", "FILING_ENTITY_TYPE"),
        ("entity.document.type", "uscc\u200b", "FILING_DOCUMENT_UNKNOWN"),
        ("entity.pic.document.type", "\u2060resident-id", "FILING_DOCUMENT_UNKNOWN"),
        ("entity.province", "广东省\u200b", "FILING_PROVINCE"),
        ("entity.province", "Guang\u00addong", "FILING_PROVINCE"),
    ],
)
def test_a_hidden_character_in_a_value_from_a_list_is_named_not_called_unknown(path, typed, unknown):
    """The characters are the Unicode Character Database's (UnicodeData.txt: U+200B ZERO WIDTH SPACE, U+2060
    WORD JOINER, U+00AD SOFT HYPHEN, general category Cf): an error that names the character, as in every other
    field; the value without it is then checked as usual (here: the example's own, so nothing else is found)."""
    found = filing.report(changed(**{path: typed}), today=TODAY)["findings"]
    assert [(f["field"], f["code"]) for f in found] == [(path, "INVALID_HIDDEN_CHARACTER")]
    hidden = next(char for char in typed if char in "\u200b\u2060\u00ad")
    assert f"U+{ord(hidden):04X}" in found[0]["message"]
    assert unknown not in {f["code"] for f in found}


def test_a_hidden_character_in_a_content_category_keeps_its_approval_warning():
    """ "news<U+200B>" (U+200B ZERO WIDTH SPACE, UnicodeData.txt) is named as a hidden character, and the news
    approval (content-categories.tsv) is still said: it was lost behind FILING_CONTENT_UNKNOWN."""
    found = codes(changed(**{"websites[0].content": ["news\u200b"]}))
    assert found == [
        ("websites[0].content[0]", "INVALID_HIDDEN_CHARACTER"),
        ("websites[0].content[0]", "FILING_APPROVAL_NEEDED"),
    ]


def test_a_hidden_character_in_a_material_is_named_and_the_material_counted():
    data = changed(materials=["business-licence\u200b"])
    found = codes(data)
    assert ("materials[0]", "INVALID_HIDDEN_CHARACTER") in found
    assert not any(code == "MATERIAL_UNKNOWN" or field == "materials.business-licence" for field, code in found)


def test_the_whole_filing_not_an_object_is_named_in_words():
    (first, *_) = filing.report([], lang="en")["findings"]
    assert first["message"].startswith("The filing should be a group of fields")
    assert filing.report(3, lang="zh")["findings"][0]["message"].startswith("备案数据应为一组字段")


def test_problems_found_outside_the_data_come_first_and_count():
    extra = filing.Located("column 22", Finding("FILING_CSV_EXTRA_CELL", column=22, value="x"))
    result = filing.report(filing.example(), problems=[extra])
    assert result["ok"] and result["counts"]["warning"] == 1
    assert result["findings"][0]["field"] == "column 22" and "Column 22" in result["findings"][0]["message"]


# --- Chinese as filers type it (review of issue 12: 廣東省, 企业, 身份证 were errors) ---------------------------------

# The 34 province-level divisions in traditional script. Source: each simplified name of GB/T 2260 written character
# by character with OpenCC's data/dictionary/STCharacters.txt (simplified → traditional, BYVoid/OpenCC: the other
# direction of the table the checker reads), its first form; 臺灣省 is Taiwan's own spelling of 台灣省.
TRADITIONAL_PROVINCES = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "內蒙古自治區",
    "21": "遼寧省",
    "22": "吉林省",
    "23": "黑龍江省",
    "31": "上海市",
    "32": "江蘇省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山東省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "廣東省",
    "45": "廣西壯族自治區",
    "46": "海南省",
    "50": "重慶市",
    "51": "四川省",
    "52": "貴州省",
    "53": "雲南省",
    "54": "西藏自治區",
    "61": "陝西省",
    "62": "甘肅省",
    "63": "青海省",
    "64": "寧夏回族自治區",
    "65": "新疆維吾爾自治區",
    "71": "台灣省",
    "81": "香港特別行政區",
    "82": "澳門特別行政區",
}


def test_the_traditional_names_of_hong_kong_and_macau_are_python_stdnums():
    """Source: python-stdnum 2.2's stdnum/cn/loc.dat writes 81 and 82 in traditional script: the test's table
    agrees with it there, and covers every province of the checker's table."""
    import importlib.resources

    loc = importlib.resources.files("stdnum.cn").joinpath("loc.dat").read_text(encoding="utf-8")
    names = dict(re.findall(r'^(\d\d) province="([^"]+)"', loc, re.MULTILINE))
    assert TRADITIONAL_PROVINCES["81"] == names["81"] and TRADITIONAL_PROVINCES["82"] == names["82"]
    from checker import _tables

    assert set(TRADITIONAL_PROVINCES) == set(_tables.provinces())


@pytest.mark.parametrize("code, name", sorted(TRADITIONAL_PROVINCES.items()))
def test_a_province_in_traditional_script_is_that_province(code, name):
    """Source: TRADITIONAL_PROVINCES (OpenCC's STCharacters.txt, python-stdnum's loc.dat). With or without
    省/市/自治區/特別行政區, as the simplified names are read; 臺 and 台 both."""
    short = re.sub("(省|市|自治區|特別行政區)$", "", name)
    for typed in {name, short, name.replace("台", "臺"), f" {short} "}:
        assert filing.province_code(typed) == code, typed


def test_a_filing_in_traditional_script_is_the_same_filing():
    assert codes(changed(**{"entity.province": "廣東省"})) == []
    assert codes(changed(**{"entity.province": "內蒙古"})) == codes(changed(**{"entity.province": "内蒙古"})) != []
    assert codes(changed(**{"entity.province": "香港"})) == [("entity.province", "FILING_PROVINCE")]  # as 香港 is


# MIIT's entity types (主办单位性质) as its system and the provider consoles name them. Source: the MIIT type list of
# ../shared/reference/icp-rules.md §2 (e.g. Alibaba Cloud's and Tencent Cloud's filing guides list 企业, 个人,
# 政府机关, 事业单位, 社会团体, 民办非企业单位, 基金会, 律师执业机构 …).
MIIT_ENTITY_TYPES = {
    "企业": "enterprise",
    "个人": "individual",
    "政府机关": "government",
    "事业单位": "public-institution",
    "社会团体": "social-organisation",
    "民办非企业单位": "private-non-enterprise",
    "基金会": "foundation",
    "律师执业机构": "law-firm",
    "国防机构": "national-defence",
    "境外机构": "overseas-institution",
    "医疗机构": "medical-institution",
    "企業": "enterprise",
    "個人": "individual",
    "事業單位": "public-institution",
}
# The documents as filers name them (证件类型): the page's names, MIIT's and the consoles' names, and the everyday
# short forms. Source: checker/data/document-types.tsv (the page's names) and ../shared/reference/icp-rules.md §2–§3.
CHINESE_DOCUMENTS = {
    "身份证": "resident-id",
    "居民身份证": "resident-id",
    "居民身份證": "resident-id",
    "营业执照": "uscc",
    "統一社會信用代碼證書": "uscc",
    "统一社会信用代码证书": "uscc",
    "组织机构代码证": "org-code",
    "护照": "foreign-passport",
    "中华人民共和国护照": "mainland-passport",
    "港澳居民来往内地通行证": "hk-macau-permit",
    "回乡证": "hk-macau-permit",
    "台湾居民来往大陆通行证": "taiwan-permit",
    "台胞证": "taiwan-permit",
    "外国人永久居留身份证": "foreign-prid",
    "港澳台居民居住证": "hmt-permit",
}


@pytest.mark.parametrize("typed, key", sorted(MIIT_ENTITY_TYPES.items()))
def test_an_entity_type_typed_in_chinese_is_read_as_its_key(typed, key):
    filing_, problems = filing.read(changed(**{"entity.type": f" {typed} "}))
    assert filing_.entity.type == key and problems == []


@pytest.mark.parametrize("typed, key", sorted(CHINESE_DOCUMENTS.items()))
def test_a_document_type_typed_in_chinese_is_read_as_its_key(typed, key):
    filing_, _ = filing.read(changed(**{"websites[0].pic.document.type": typed}))
    assert filing_.websites[0].pic.document.type == key


def test_a_filing_typed_in_chinese_is_as_clean_as_the_example():
    data = changed(
        **{
            "entity.type": "企业",
            "entity.document.type": "营业执照",
            "entity.province": "广东",
            "entity.pic.document.type": "身份证",
            "websites[0].pic.document.type": "居民身份证",
            "websites[1].pic.document.type": "身份證",
        }
    )
    assert codes(data) == []
    assert codes(changed(**{"websites[0].content": ["新闻"]})) == [("websites[0].content[0]", "FILING_APPROVAL_NEEDED")]
    assert filing.read(with_materials(filing.example(), ["营业执照", "核验单"]))[0].materials == (
        "business-licence",
        "verification-form",
    )


def test_every_document_a_filing_may_name_has_its_names():
    """The checker's document names (checker/data/document-types.tsv) are also the ones the self-check page
    shows: every document a filing may name has one in both languages."""
    assert set(_tables.document_types()) == set(filing.DOCUMENTS)
    assert all(d.name_en and d.name_zh for d in _tables.document_types().values())


@pytest.mark.parametrize(
    "change, code, named",
    [
        ({"entity.type": "公司"}, "FILING_ENTITY_TYPE", "企业、个人"),
        ({"entity.document.type": "执照"}, "FILING_DOCUMENT_UNKNOWN", "统一社会信用代码、组织机构代码（旧证）"),
        (
            {"entity.document.type": "resident-id", "entity.document.number": "440305199001010018"},
            "FILING_DOCUMENT_TYPE",
            ("统一社会信用代码、组织机构代码（旧证）、工商营业执照注册号（旧照）", "居民身份证"),
        ),
        ({"websites[0].content": ["直播"]}, "FILING_CONTENT_UNKNOWN", "新闻、出版"),
        ({"materials": ["passport"]}, "MATERIAL_UNKNOWN", "营业执照；"),
    ],
)
def test_an_unknown_value_lists_the_chinese_names_in_chinese_and_the_keys_in_english(change, code, named):
    zh = [f for f in filing.report(changed(**change), lang="zh", today=TODAY)["findings"] if f["code"] == code]
    en = [f for f in filing.report(changed(**change), lang="en", today=TODAY)["findings"] if f["code"] == code]
    assert all(part in zh[0]["message"] for part in ((named,) if isinstance(named, str) else named))
    assert not re.search(r"[a-z]{3,}-[a-z]", zh[0]["message"].replace("passport", ""))  # no key like resident-id
    assert re.search(r"\b(enterprise|uscc|news|business-licence)\b", en[0]["message"])


# --- line breaks and tabs inside a name (review of issue 12, item 9) -----------------------------------------------

# The White_Space characters of Unicode's PropList.txt that are not spaces (Zs).
LINE_BREAKS = ["\t", "\n", "\x0b", "\x0c", "\r", "\x85", "\u2028", "\u2029"]
NAME_FIELDS = {"entity.name": "深圳市示例{}科技有限公司", "entity.pic.name": "张{}三", "websites[1].pic.name": "李{}四"}


@pytest.mark.parametrize("path, template", sorted(NAME_FIELDS.items()))
@pytest.mark.parametrize("char", LINE_BREAKS)
def test_a_line_break_inside_a_name_is_an_error_naming_it_and_the_rest_is_still_checked(path, template, char):
    """Source: Unicode PropList.txt (White_Space). The name on a certificate or an ID is one line: with a break
    inside it the value cannot be the name filed. The other fields are checked as before."""
    data = changed(**{path: template.format(char), "entity.document.number": "91440300MA5DA1B21B"})
    expected = {(path, "FILING_NAME_LINE_BREAK"), ("entity.document.number", "USCC_CHECKSUM")}
    if path == "websites[1].pic.name":  # no longer the same person as website 1's 李四, with the same mobile
        expected.add(("websites[1].pic.mobile", "FILING_PHONE_SHARED"))
    assert sorted(codes(data)) == sorted(expected)
    message = next(
        f["message"]
        for f in filing.report(data, lang="en", today=TODAY)["findings"]
        if f["code"] == "FILING_NAME_LINE_BREAK"
    )
    assert f"(U+{ord(char):04X})" in message and "after '" in message


def test_a_line_break_inside_a_website_name_is_reported_not_made_a_space():
    data = changed(**{"websites[0].name": "示例\n科技官网"})
    assert codes(data) == [("websites[0].name", "NAME_LINE_BREAK")]
    result = filing.report(data, lang="zh", today=TODAY)
    assert not result["ok"] and "换行符（U+000A）" in result["findings"][0]["message"]


@pytest.mark.parametrize("path", ["entity.name", "entity.pic.name", "websites[0].name"])
def test_line_breaks_around_a_name_are_stripped(path):
    name = {"entity.name": "深圳市示例科技有限公司", "entity.pic.name": "张三", "websites[0].name": "示例科技官网"}[
        path
    ]
    assert codes(changed(**{path: f"\r\n\t{name}\u2028"})) == []


@pytest.mark.parametrize(
    "kind, table",
    [
        ("entity", lambda: [(t.key, t.name_zh, t.name_en) for t in _tables.entity_types().values()]),
        (
            "document",
            lambda: [(d.key, d.name_zh, d.name_en, *d.other_names) for d in _tables.document_types().values()],
        ),
        (
            "content",
            lambda: [(c.key, c.name_zh, c.name_en, *c.other_names) for c in _tables.content_categories().values()],
        ),
        ("materials", lambda: [(m.key, m.name_zh, m.name_en) for m in materials.materials().values()]),
    ],
)
def test_every_name_of_a_value_reads_as_that_value_and_no_name_is_two_values(kind, table):
    for key, *names in table():
        for name in (key, *names):
            assert filing.key_of(kind, name) == key, name


def test_a_business_licence_with_an_old_15_digit_number_is_read_as_that_number():
    """营业执照 is the USCC since the 2015 reform; an older licence carries a 15-digit registration number (GS 15-2006;
    the check digit from python-stdnum 2.2's ISO 7064 MOD 11,10), which is checked as one, not refused as a USCC."""
    from stdnum.iso7064 import mod_11_10

    number = "11010800000001" + mod_11_10.calc_check_digit("11010800000001")
    data = changed(**{"entity.document.type": "营业执照", "entity.document.number": number})
    assert filing.read(data)[0].entity.document.type == "business-reg-no"
    assert codes(data) == [("entity.document.number", "BRN_LEGACY")]
    assert filing.read(changed(**{"entity.document.type": "营业执照"}))[0].entity.document.type == "uscc"


@pytest.mark.parametrize(
    "change, code",
    [
        ({"entity.type": "公" * 1_000_000}, "FILING_ENTITY_TYPE"),
        ({"entity.province": "x" * 1_000_000}, "FILING_PROVINCE"),
        ({"entity.document.type": "y" * 1_000_000}, "FILING_DOCUMENT_UNKNOWN"),
        ({"websites[0].content": ["z" * 1_000_000]}, "FILING_CONTENT_UNKNOWN"),
    ],
)
def test_a_pasted_page_is_quoted_by_its_start_not_whole(change, code):
    """A megabyte pasted into a field of a fixed list is quoted by its first 40 characters and "…" in both
    languages (the self-check page once got a 24 MB answer back for 8 MB typed: each message quoted it whole)."""
    [finding] = [f for f in filing.report(changed(**change))["findings"] if f["code"] == code]
    for lang in ("en", "zh"):
        message = filing.report(changed(**change), lang=lang)["findings"]
        assert all(len(f["message"]) < 1_000 for f in message)
    assert "…" in finding["message"]
