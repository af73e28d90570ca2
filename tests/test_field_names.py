"""checker.field_names: every field of a filing has words in both languages, and unknown paths stay paths."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import field_names, filing
from examples import EXAMPLES_SLOW


def check_data(data, **kwargs):
    """Every finding of a filing given as plain data: what did not fit the shape first, as `report` orders them."""
    read, problems = filing.read(data)
    return problems + filing.check(read, **kwargs)


@pytest.mark.parametrize(
    ("path", "en", "zh"),
    [
        ("entity", "the entity", "备案主体"),
        ("entity.type", "the entity type", "主办单位性质"),  # MIIT's field, named alone
        ("entity.name", "the name of the entity", "备案主体的名称"),
        ("entity.province", "the province of the entity", "备案主体的所在省份"),
        ("entity.document.number", "the document number of the entity", "备案主体的证件号码"),
        ("entity.emergency_contact", "the emergency contact number of the entity", "备案主体的应急联系电话"),
        ("entity.pic", "the entity's person in charge", "主体负责人"),
        ("entity.pic.name", "the name of the entity's person in charge", "主体负责人的姓名"),
        ("entity.pic.document.type", "the document type of the entity's person in charge", "主体负责人的证件类型"),
        ("entity.pic.email", "the email address of the entity's person in charge", "主体负责人的电子邮箱"),
        ("websites", "the websites", "网站"),
        ("websites[0]", "website 1", "网站1"),
        ("websites[11].name", "the name of website 12", "网站12的名称"),
        ("websites[1].domains", "the domain names of website 2", "网站2的域名"),
        ("websites[1].domains[2]", "domain 3 of website 2", "网站2的第3个域名"),
        ("websites[0].content[0]", "content category 1 of website 1", "网站1的第1项前置审批内容"),
        ("websites[0].pic", "the person in charge of website 1", "网站1负责人"),
        ("websites[0].pic.name", "the name of the person in charge of website 1", "网站1负责人的姓名"),
        ("websites[2].pic.mobile", "the mobile number of the person in charge of website 3", "网站3负责人的手机号码"),
        ("materials", "the materials checklist", "材料清单"),
    ],
)
def test_fields_are_named_in_both_languages(path: str, en: str, zh: str):
    assert field_names.name(path) == {"en": en, "zh": zh}


@pytest.mark.parametrize(
    "path",
    [
        "",
        "nonsense",
        "entity.colour",
        "websites[0].pic.shoe_size",
        "websites[x].name",
        "entity.pic.document.number.extra",
    ],
)
def test_what_is_not_a_field_stays_its_path(path: str):
    assert field_names.name(path) == {"en": path, "zh": path}


def test_every_field_the_filing_checks_has_a_name():
    data = filing.example()
    data["websites"][1] = {}
    data["entity"] = {"type": "enterprise"}
    for located in check_data(data):
        if located.field:
            named = field_names.name(located.field)
            assert named["en"] != located.field and re.search(r"[\u4e00-\u9fff]", named["zh"]), located.field


@settings(max_examples=EXAMPLES_SLOW)
@given(st.one_of(st.text(max_size=60), st.from_regex(r"(entity|websites\[\d{1,3}\])(\.[a-z_]{1,12}(\[\d\])?){0,3}")))
def test_any_text_gives_two_strings(path: str):
    named = field_names.name(path)
    assert set(named) == {"en", "zh"} and all(isinstance(value, str) for value in named.values())
