"""checker.filing.page: the self-check page's form values → the filing, its report and what the page shows where.

Every decision the page's script used to make (docs/assets/javascripts/self-check.js at 85315f0) is tested here
on plain data: the form read into the filing (the domains box split, the websites in order, an individual's PIC),
where each finding is shown, what "still to fill in" holds, the summary's lines and counts, the items with
their plans, the access check's results joining the report while the domains are as looked up.
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import _tables, browser, catalogue, filing, materials
from checker.filing import page
from examples import EXAMPLES_SELF


def values_of(data: dict) -> dict:
    """A filing in plain data as the page's form has it: {field name: value}, a domains box as one line of text
    (joined with the enumeration comma, as a filer types it), the boxes ticked as lists. Written out here, not
    with the function under test."""
    values = {}

    def walk(node, path):
        for key, value in node.items():
            name = f"{path}.{key}" if path else key
            if isinstance(value, dict):
                walk(value, name)
            elif key == "domains":
                values[name] = "、".join(value)
            else:
                values[name] = value

    walk(data["entity"], "entity")
    for index, site in enumerate(data["websites"]):
        walk(site, f"websites[{index}]")
    values["materials"] = list(data.get("materials", []))
    return values


def findings(answer: dict) -> list[tuple[str, str]]:
    return [(finding["field"], finding["code"]) for finding in answer["report"]["findings"]]


# --- the form's values → the filing ----------------------------------------------------------------------------


def test_the_example_filing_comes_back_from_its_form_values():
    data = filing.example()
    read = page.filing(values_of(data))
    assert read == {**data, "materials": []}


@pytest.mark.parametrize(
    "typed, domains",
    [
        ("a.cn、b.cn；c.cn", ["a.cn", "b.cn", "c.cn"]),
        ("a.cn，b.cn\u3000c.cn\n", ["a.cn", "b.cn", "c.cn"]),
        (" a.cn ", ["a.cn"]),
        ("", []),
    ],
)
def test_a_domains_box_is_split_as_every_list_of_values_is(typed, domains):
    """The page sends the box's raw text; Python splits it (checker.filing.reader.split_values, the rule of a CSV
    cell and of JSON too): the JavaScript copy of the separators is gone."""
    assert page.filing({"websites[0].domains": typed})["websites"][0]["domains"] == domains
    assert page.filing({"websites[0].domains": typed})["websites"][0]["domains"] == filing.split_values(typed)


def test_websites_come_in_the_forms_order_without_holes():
    values = {"websites[3].name": "三", "websites[0].name": "零", "websites[10].name": "十"}
    assert [site["name"] for site in page.filing(values)["websites"]] == ["零", "三", "十"]


def test_the_pages_filing_always_uses_the_materials_checklist():
    """Without a ticked box the checklist is still in use: every material of the type is reported not ready."""
    assert page.filing({"entity.type": "enterprise"})["materials"] == []
    answer = page.answer({"values": {"entity.type": "enterprise"}}, "en")
    expected = {f"materials.{item.key}" for item in materials.checklist("enterprise")}
    assert {path for path, code in findings(answer) if code.startswith("MATERIAL_")} == expected
    assert answer["report"]["materials"] == {"ready": 0, "total": len(expected)}


@pytest.mark.parametrize("entity_type", sorted(_tables.entity_types()))
def test_an_individual_files_as_their_own_person_in_charge(entity_type):
    """For a type whose certificate is a person's (an individual), the entity's name and ID are the PIC's: what
    the hidden PIC fields hold is replaced; for any other type the PIC is as typed."""
    values = {
        "entity.type": entity_type,
        "entity.name": "张三",
        "entity.document.type": "resident-id",
        "entity.document.number": "440305199001010018",
        "entity.pic.name": "李四",
        "entity.pic.document.type": "passport",
        "entity.pic.document.number": "E12345678",
        "entity.pic.mobile": "13800138000",
    }
    pic = page.filing(values)["entity"]["pic"]
    if _tables.entity_types()[entity_type].documents == "person":
        assert pic == {
            "name": "张三",
            "document": {"type": "resident-id", "number": "440305199001010018"},
            "mobile": "13800138000",
        }
    else:
        assert pic == {"name": "李四", "document": {"type": "passport", "number": "E12345678"}, "mobile": "13800138000"}


def test_an_individual_typed_by_name_is_an_individual():
    """The type is read as the reader reads it (its Chinese name too), not only as the list's key."""
    pic = page.filing({"entity.type": "个人", "entity.name": "张三"})["entity"]["pic"]
    assert pic == {"name": "张三", "document": {}}


@pytest.mark.parametrize(
    "name",
    [
        "",
        ".",
        "entity",
        "entity.",
        "entity..name",
        "websites.name",
        "websites[x].name",
        "websites[0]",
        "websites[0]name",
        "[0].name",
        "entity[0].name",
        "other.field",
        "materials.extra",
        "x" * 300,
    ],
)
def test_a_name_that_is_no_field_of_the_form_is_left_out(name):
    assert page.filing({name: "x"}) == {"entity": {}, "websites": [], "materials": []}


def test_a_value_of_the_wrong_type_is_passed_on_for_the_reader_to_report():
    answer = page.answer({"values": {"entity.name": {"not": "text"}, "websites[0].domains": 5}}, "en")
    assert ("entity.name", "FILING_NOT_TEXT") in findings(answer)
    assert ("websites[0].domains", "FILING_NOT_A_LIST") in findings(answer)


# --- where a finding is shown ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, enterprise, individual",
    [
        ("entity.name", "entity.name", "entity.name"),
        ("entity.pic.mobile", "entity.pic.mobile", "entity.pic.mobile"),
        ("entity.pic.name", "entity.pic.name", "entity.pic"),
        ("entity.pic.document.number", "entity.pic.document.number", "entity.pic"),
        ("websites[2].pic.name", "websites[2].pic.name", "websites[2].pic.name"),
        ("websites[1].domains[3]", "websites[1].domains", "websites[1].domains"),
        ("websites[0].content[1]", "websites[0].content", "websites[0].content"),
        ("websites[4]", "websites[4]", "websites[4]"),
        ("websites", "websites", "websites"),
        ("materials.business-licence", "materials", "materials"),
        ("materials[2]", "materials", "materials"),
        ("entity.unknown", "entity", "entity"),
        ("", None, None),
        ("unknown", None, None),
        ("a-b", None, None),
    ],
)
def test_a_finding_is_shown_at_its_field_else_at_the_nearest_group_the_form_shows(path, enterprise, individual):
    assert page.place(path, entity_type="enterprise") == enterprise
    assert page.place(path, entity_type="individual") == individual


def test_every_place_is_a_field_or_a_group_and_an_individuals_own_pic_fields_are_fields():
    assert not set(page.FIELDS) & set(page.GROUPS)
    assert set(page.OWN_PIC) <= set(page.FIELDS)


# --- the view ---------------------------------------------------------------------------------------------------


def answer_for(data: dict, **question) -> dict:
    return page.answer({"values": values_of(data), **question}, "en")


def test_a_required_field_not_reached_yet_is_still_to_fill_in_not_an_error_beside_it():
    data = filing.example()
    data["entity"]["name"] = ""
    answer = answer_for(data)
    view = answer["view"]
    assert [(field["code"], field["at"], field["field"]) for field in view["empty"]["fields"]] == [
        ("FILING_ENTITY_MISSING", "entity.name", True)
    ]
    assert view["empty"]["heading"] == {"key": "empty_count", "params": {"n": 1}}
    assert view["beside"] == [] or all(f["code"] != "FILING_ENTITY_MISSING" for f in view["beside"])
    counted = answer["report"]["counts"]["error"]
    assert view["summary"][0] == {"key": "counts", "params": {**answer["report"]["counts"], "error": counted - 1}}
    assert view["summary"][1] == {"key": "empty_count", "params": {"n": 1}}
    # Once the filer has been there (or a report is asked for), it is an error beside its field.
    for shown in (
        answer_for(data, touched=["entity.name"])["view"],
        answer["full"],
        answer_for(data, everything=True)["view"],
    ):
        assert shown["empty"] is None
        (beside,) = [f for f in shown["beside"] if f["code"] == "FILING_ENTITY_MISSING"]
        assert (beside["at"], beside["field"], beside["invalid"]) == ("entity.name", True, True)
        assert shown["summary"][0]["params"]["error"] == counted


def test_a_field_under_one_reached_counts_as_reached():
    data = filing.example()
    data["entity"]["pic"]["document"]["number"] = ""
    assert answer_for(data)["view"]["empty"]["fields"][0]["at"] == "entity.pic.document.number"
    assert answer_for(data, touched=["entity.pic.document.number"])["view"]["empty"] is None
    assert answer_for(data, touched=["entity.pic"])["view"]["empty"]["fields"], "a group is no field reached"


def test_the_individuals_pic_findings_are_the_entitys_said_once():
    """One wrong ID number of an individual is one finding, beside the entity's ID number and counted once."""
    values = {
        "entity.type": "individual",
        "entity.name": "张三",
        "entity.document.type": "resident-id",
        "entity.document.number": "440305199001010017",
    }
    answer = page.answer({"values": values, "everything": True}, "en")
    in_report = [path for path, code in findings(answer) if code == "RIC_CHECKSUM"]
    assert in_report == ["entity.document.number", "entity.pic.document.number"]  # the copy is checked too
    view = answer["view"]
    assert [f["at"] for f in view["beside"] if f["code"] == "RIC_CHECKSUM"] == ["entity.document.number"]
    assert [f["at"] for item in view["items"] for f in item["findings"] if f["code"] == "RIC_CHECKSUM"] == [
        "entity.document.number"
    ]
    dropped = [
        f for f in answer["report"]["findings"] if f["field"].startswith(("entity.pic.name", "entity.pic.document"))
    ]
    assert dropped
    for severity in catalogue.SEVERITIES:
        assert view["summary"][0]["params"][severity] == answer["report"]["counts"][severity] - sum(
            f["severity"] == severity for f in dropped
        )
    # An enterprise's PIC is a person of its own: the same findings are shown there.
    enterprise = page.answer(
        {
            "values": {
                **values,
                "entity.type": "enterprise",
                "entity.pic.name": "李四",
                "entity.pic.document.type": "resident-id",
                "entity.pic.document.number": "440305199001010017",
            },
            "everything": True,
        },
        "en",
    )
    shown = [f["at"] for f in enterprise["view"]["beside"] if f["code"] == "RIC_CHECKSUM"]
    assert "entity.pic.document.number" in shown


def test_materials_not_ready_are_in_the_summary_not_beside_the_checklist():
    answer = answer_for(filing.example())
    codes = {f["code"] for f in answer["report"]["findings"]}
    assert "MATERIAL_NOT_READY" in codes
    assert not [f for f in answer["view"]["beside"] if f["code"] in page.CHECKLIST_CODES]
    (item_3,) = [item for item in answer["view"]["items"] if item["number"] == 3]
    assert {f["code"] for f in item_3["findings"]} >= {"MATERIAL_NOT_READY"}
    assert {f["at"] for f in item_3["findings"]} == {"materials"}
    assert answer["view"]["summary"][-1] == {"key": "materials_count", "params": answer["report"]["materials"]}


def every_material(entity_type: str, province: str) -> list[str]:
    """The type's checklist and what the province adds (page.province_materials): all of it ready."""
    added = page.province_materials().get(province, {"unit": [], "types": {}})
    return [item.key for item in materials.checklist(entity_type)] + added["unit"] + added["types"].get(entity_type, [])


def test_an_item_offers_the_plan_when_it_has_more_than_notes():
    data = filing.example()
    data["websites"][1]["domains"] = ["www.example.cn"]  # reduced to its registered domain: a note
    data["materials"] = every_material("enterprise", "44")
    view = answer_for(data)["view"]
    by_number = {item["number"]: item for item in view["items"]}
    assert [f["severity"] for f in by_number[5]["findings"]] == ["info"]
    assert by_number[5]["plan"] is False and by_number[5]["ok"] is False
    assert all(item["ok"] and not item["plan"] and not item["findings"] for n, item in by_number.items() if n != 5)
    data["websites"][0]["domains"] = ["example"]
    by_number = {item["number"]: item for item in answer_for(data)["view"]["items"]}
    assert by_number[5]["plan"] is True


def test_the_items_are_the_five_in_order_with_their_headings():
    view = answer_for(filing.example())["view"]
    assert [item["number"] for item in view["items"]] == list(catalogue.ITEMS)
    for item in view["items"]:
        count = len(item["findings"]) if item["findings"] else {"key": "item_ok"}
        assert item["heading"] == {
            "key": "item_heading",
            "params": {"n": item["number"], "name": {"key": f"items.{item['number']}"}, "count": count},
        }
        for finding in item["findings"]:
            assert finding["item"] == item["number"]
            assert finding["label"] == {
                "key": "severity_label",
                "params": {"severity": {"key": f"severities.{finding['severity']}"}},
            }


def test_a_filing_without_findings_says_so():
    data = filing.example()
    data["materials"] = every_material("enterprise", "44")
    view = answer_for(data)["view"]
    total = len(materials.checklist("enterprise"))
    assert view["summary"] == [
        {"key": "no_findings"},
        {"key": "materials_count", "params": {"ready": total, "total": total}},
    ]
    assert view["beside"] == [] and view["empty"] is None


def test_a_whole_filing_finding_goes_to_the_general_list():
    report = {
        "counts": {"error": 1, "warning": 0, "info": 0},
        "findings": [
            {
                "code": "FILING_NOT_AN_OBJECT",
                "severity": "error",
                "item": 1,
                "field": "",
                "message": "m",
                "fix": "",
                "page": "p",
            }
        ],
    }
    view = page.view({}, report)
    assert [(f["at"], f["field"], f["invalid"]) for f in view["beside"]] == [(None, False, False)]


# --- the access check ------------------------------------------------------------------------------------------


def access_report(domains: list[str], verdict: str = "fail") -> dict:
    """An access check's report as checker.access gives it, for `domains` of websites[0]: one address elsewhere
    for the domain, a CNAME and nothing for www., one lookup that could not be made."""
    entries = []
    for j, name in enumerate(domains):
        field = f"websites[0].domains[{j}]"
        entries.append(
            {
                "field": field,
                "domain": name,
                "unicode": name,
                "verdict": verdict,
                "names": [
                    {
                        "name": name,
                        "type": "A",
                        "chain": [],
                        "outcome": "addresses",
                        "addresses": [{"address": "93.184.215.14", "kind": "other"}],
                        "detail": "",
                    },
                    {
                        "name": name,
                        "type": "AAAA",
                        "chain": [],
                        "outcome": "unknown",
                        "addresses": [],
                        "detail": "timed out",
                    },
                    {
                        "name": "www." + name,
                        "type": "A",
                        "chain": [name],
                        "outcome": "none",
                        "addresses": [],
                        "detail": "",
                    },
                    {
                        "name": "www." + name,
                        "type": "AAAA",
                        "chain": [],
                        "outcome": "none",
                        "addresses": [],
                        "detail": "",
                    },
                ],
                "findings": [
                    {
                        "code": "ACCESS_OTHER_ADDRESS",
                        "severity": "error",
                        "item": 4,
                        "field": field,
                        "message": "elsewhere",
                        "fix": "",
                        "page": "inspected-items/access",
                    }
                ],
            }
        )
    return {
        "provider": {"key": "tencent-cloud", "name": "Tencent Cloud"},
        "counts": {"pass": 0, "fail": len(domains), "unknown": 0},
        "domains": entries,
    }


def test_the_access_check_joins_the_report_while_the_domains_are_as_looked_up():
    data = filing.example()
    values = values_of(data)
    access = {"report": access_report(["example.com"]), "values": copy.deepcopy(values), "time": "12:00:00"}
    without = page.answer({"values": values}, "en")
    answer = page.answer({"values": values, "access": access}, "en")
    assert answer["report"]["findings"] == [*without["report"]["findings"], *access["report"]["domains"][0]["findings"]]
    assert answer["report"]["counts"]["error"] == without["report"]["counts"]["error"] + 1
    (beside,) = [f for f in answer["view"]["beside"] if f["code"] == "ACCESS_OTHER_ADDRESS"]
    assert beside["at"] == "websites[0].domains"
    shown = answer["access"]
    assert shown["current"] is True
    assert shown["status"] == {"key": "access_done", "params": {"pass": 0, "fail": 1, "unknown": 0, "time": "12:00:00"}}
    (entry,) = shown["domains"]
    assert (entry["domain"], entry["verdict"], entry["label"]) == ("example.com", "fail", {"key": "verdict_fail"})
    assert entry["names"] == [
        {
            "path": ["example.com"],
            "shown": [
                {
                    "key": "address_shown",
                    "params": {
                        "address": "93.184.215.14",
                        "kind": {"key": "address_other", "params": {"provider": "Tencent Cloud"}},
                    },
                },
                {"key": "lookup_unknown", "params": {"detail": "timed out"}},
            ],
        },
        {"path": ["www.example.com", "example.com"], "shown": [{"key": "no_address"}]},
    ]
    # Another domain typed: the results are stale and leave the report.
    changed = {**values, "websites[0].domains": "example.org"}
    stale = page.answer({"values": changed, "access": access}, "en")
    assert stale["access"] == {"current": False, "status": {"key": "access_stale"}, "domains": []}
    assert "ACCESS_OTHER_ADDRESS" not in {code for _, code in findings(stale)}


def test_an_access_check_with_no_domain_says_what_to_do():
    values = {"websites[0].domains": "not a domain"}
    access = {"report": access_report([]), "values": values, "time": "12:00"}
    assert page.answer({"values": values, "access": access}, "en")["access"]["status"] == {"key": "access_no_domains"}


# --- the door, and malformed questions ---------------------------------------------------------------------------


def test_the_worker_door_answers_a_question_in_json():
    text = browser.form(json.dumps(page.example()), "zh")
    answer = json.loads(text)
    assert set(answer) == {"filing", "report", "view", "full", "access"}
    assert answer["filing"]["websites"][0]["domains"] == ["example.com", "example.cn"]
    assert (
        answer["report"]["findings"][0]["message"]
        == filing.report(answer["filing"], lang="zh")["findings"][0]["message"]
    )
    check = browser.access(json.dumps(page.example()["values"]), "tencent-cloud")
    assert {lookup["name"] for lookup in json.loads(check.pending_json())} == {
        "example.com",
        "www.example.com",
        "example.cn",
        "www.example.cn",
    }


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError):
        page.answer({}, "fr")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=20), inner, max_size=4),
    max_leaves=12,
)
NAMES = st.sampled_from(
    [
        "entity.type",
        "entity.name",
        "entity.pic.name",
        "entity.document",
        "entity.pic",
        "websites[0].domains",
        "websites[1].pic.document.number",
        "websites[0].content",
        "materials",
        "websites[0]",
        "entity.document.type",
    ]
) | st.text(max_size=30)


@settings(max_examples=EXAMPLES_SELF, deadline=None)
@given(
    question=st.fixed_dictionaries(
        {},
        optional={
            "values": st.dictionaries(NAMES, JSON | st.sampled_from(["individual", "个人", "enterprise"]), max_size=8)
            | JSON,
            "touched": st.lists(st.text(max_size=20) | JSON, max_size=4) | JSON,
            "everything": JSON,
            "access": st.fixed_dictionaries(
                {}, optional={"report": JSON | st.just(access_report(["a.cn"])), "values": JSON, "time": JSON}
            )
            | JSON,
        },
    )
    | JSON
)
def test_any_question_is_answered_never_raised(question):
    answer = page.answer(question, "en")
    assert set(answer) == {"filing", "report", "view", "full", "access"}
    json.dumps(answer)
    assert len(answer["view"]["items"]) == len(catalogue.ITEMS)
