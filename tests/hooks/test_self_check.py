"""hooks/self_check.py: the form's tables and words (the runtime's files: test_browser_runtime.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

import self_check
from checker import _tables, catalogue, filing, materials, remediation
from self_check import check_strings, form


def test_the_project_words_are_complete_and_every_document_has_its_name():
    check_strings(self_check.strings())
    for language in ("en", "zh"):
        named = {d["key"]: d["name"] for group in form(language)["documents"].values() for d in group}
        assert set(named) == set(filing.DOCUMENTS) and all(named.values())


@pytest.mark.parametrize(
    "data, message",
    [
        ({"page": {"a": {"en": "A"}}, "script": {}}, "page.a needs a text in each of en, zh"),
        ({"page": {"a": {"en": "A", "zh": "  "}}, "script": {}}, "page.a needs a text in each of en, zh"),
        ({"page": {}, "script": {"b": "plain"}}, "script.b needs a text"),
        ({"page": {}}, "needs the groups page, script"),
    ],
)
def test_incomplete_words_stop_the_build_naming_the_key(data, message):
    with pytest.raises(PluginError, match=message):
        check_strings(data)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_form_offers_exactly_the_checkers_choices(language):
    data = form(language)
    assert [kind["key"] for kind in data["entity_types"]] == list(_tables.entity_types())
    assert [d["key"] for d in data["documents"]["unit"]] == list(filing.UNIT_DOCUMENTS)
    assert [d["key"] for d in data["documents"]["person"]] == list(filing.PERSON_DOCUMENTS)
    provinces = {province["key"] for province in data["provinces"]}
    assert provinces == set(_tables.provinces()) - filing.OUTSIDE_MAINLAND and len(provinces) == 31
    assert [category["key"] for category in data["content"]] == list(_tables.content_categories())
    for kind in _tables.entity_types():
        shown = [item["key"] for item in data["materials"] if kind in item["types"]]
        assert shown == [item.key for item in materials.checklist(kind)], kind
    script = json.loads(data["script_strings"])
    assert set(script["items"]) == {"1", "2", "3", "4", "5"} and set(script["severities"]) == {
        "error",
        "warning",
        "info",
    }


def test_the_form_speaks_the_pages_language():
    english, chinese = vars(form("en")["t"]), vars(form("zh")["t"])
    assert english.keys() == chinese.keys()
    assert english["mobile"] == "Mobile number" and chinese["mobile"] == "手机号码"
    english, chinese = form("en"), form("zh")
    assert {kind["name"] for kind in chinese["entity_types"]} >= {"企业", "个人"}
    assert next(p["name"] for p in chinese["provinces"] if p["key"] == "44") == "广东省"


def test_every_word_the_template_names_is_a_string_of_the_page():
    """`t.clear` once rendered as "<built-in method clear of dict object>": each `t.<key>` must be a page string."""
    template = (Path(__file__).parents[2] / "overrides" / "self-check.html").read_text(encoding="utf-8")
    named = set(re.findall(r"\bt\.(\w+)", template))
    words = vars(form("en")["t"])
    assert named and named - words.keys() == set()
    assert all(isinstance(words[key], str) for key in named)


@pytest.mark.parametrize("ranges", _tables.providers())
def test_the_access_check_names_the_configured_ranges_with_their_date(ranges):
    """Rebranding picks the ranges in mkdocs.yml (extra.provider.ranges); the page names them, dated, in both
    languages, and hands the script the key and the endpoint."""
    extra = {
        "provider": {"name": {"en": "Example Cloud", "zh": "示例云"}, "ranges": ranges},
        "access": {"doh_url": "https://doh.example.com/resolve"},
    }
    date = _tables.provider_ranges(ranges).date
    english, chinese = self_check.access(extra, "en"), self_check.access(extra, "zh")
    assert english["title"] == "Access: do the domains resolve to Example Cloud?"
    assert "Example Cloud's address ranges as of " + date in english["ranges"]
    assert "示例云截至" + date in chinese["ranges"] and "https://doh.example.com/resolve" in chinese["hint"]
    assert english["provider"] == chinese["provider"] == ranges
    assert english["endpoint"] == "https://doh.example.com/resolve"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_inspection_item_links_to_the_wizard_with_what_the_self_check_knows(language):
    plans = self_check.plans(language)
    assert set(plans) == {str(item) for item in catalogue.ITEMS}
    page = "zh/remediation/" if language == "zh" else "remediation/"
    for item, url in plans.items():
        assert url == f"{page}?a={remediation.encode(remediation.default_tree().entries[item])}&from=self-check"
    assert json.loads(form(language)["script_strings"])["plans"] == plans
