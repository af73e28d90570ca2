"""Pages see the checker's catalogue of findings: `findings(family)` in the page's language (hooks/provider.py)."""

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import provider
from checker import catalogue
from example_site import EXTRA
from provider import finding_rows, findings, on_page_markdown

# The shape of the table the knowledge-base page builds: a macro over findings(), no table for no codes.
TABLE = """{% macro codes(family) -%}
{% set rows = findings(family) -%}
{% if rows %}
| Code | Severity | Message | Fix |
|---|---|---|---|
{% for row in rows -%}
| `{{ row.code }}` | {{ row.severity }} | {{ row.message }} | {{ row.fix }} |
{% endfor -%}
{% endif -%}
{% endmacro -%}
Before.

{{ codes("FAMILY") }}
After.
"""


def entry(code, severity="error", message=None, fix=None):
    return catalogue.Entry(
        code,
        severity,
        1,
        "inspected-items/entity",
        message or {"en": "The message.", "zh": "说明。"},
        fix or {"en": "The fix.", "zh": "修改方法。"},
    )


@pytest.fixture
def fake_catalogue(monkeypatch):
    """Replace the catalogue's entries for one test; returns the dict to fill."""
    entries = {}
    monkeypatch.setattr(catalogue, "entries", lambda: entries)
    return entries


def render_page(family, language):
    page = SimpleNamespace(file=SimpleNamespace(src_uri="how-the-check-decides.md", locale=language))
    config = SimpleNamespace(theme={"language": language}, extra=EXTRA)
    return on_page_markdown(TABLE.replace("FAMILY", family), page, config, None)


def test_the_real_catalogue_reaches_pages_in_both_languages():
    (en,) = [row for row in findings("RIC", "en") if row["code"] == "RIC_CHECKSUM"]
    (zh,) = [row for row in findings("RIC", "zh") if row["code"] == "RIC_CHECKSUM"]
    assert en["severity"] == "error" and zh["severity"] == "错误"
    assert en["message"] == catalogue.entry("RIC_CHECKSUM").message["en"]
    assert zh["fix"] == catalogue.entry("RIC_CHECKSUM").fix["zh"]
    assert all(row["code"].startswith("RIC_") for row in findings("RIC", "en"))


def test_a_family_is_the_start_of_the_code_before_the_first_underscore(fake_catalogue):
    fake_catalogue.update({code: entry(code) for code in ("RIC_CHECKSUM", "RICH_X", "HMT_PREFIX", "RIC_UNDER_18")})
    assert [row["code"] for row in findings("RIC", "en")] == ["RIC_CHECKSUM", "RIC_UNDER_18"]  # catalogue order


@pytest.mark.parametrize(
    "severity, en, zh", [("error", "error", "错误"), ("warning", "warning", "警告"), ("info", "info", "提示")]
)
def test_severities_are_named_in_the_page_language(fake_catalogue, severity, en, zh):
    fake_catalogue["NAME_X"] = entry("NAME_X", severity)
    assert findings("NAME", "en")[0]["severity"] == en
    assert findings("NAME", "zh")[0]["severity"] == zh


def test_placeholders_are_shown_as_an_ellipsis(fake_catalogue):
    fake_catalogue["RIC_PROVINCE"] = entry(
        "RIC_PROVINCE",
        message={
            "en": "The first two digits ({prefix}) are not a province code.",
            "zh": "前两位（{prefix}）不是省级行政区划代码。",
        },
    )
    assert findings("RIC", "en")[0]["message"] == "The first two digits (…) are not a province code."
    assert findings("RIC", "zh")[0]["message"] == "前两位（…）不是省级行政区划代码。"


def test_cells_cannot_break_the_table_or_add_markup(fake_catalogue):
    fake_catalogue["EMAIL_X"] = entry("EMAIL_X", message={"en": "a | b *c* _d_ [e] `f` <g>\n h", "zh": "甲"})
    assert findings("EMAIL", "en")[0]["message"] == r"a \| b \*c\* \_d\_ \[e\] \`f\` &lt;g&gt; h"


def test_a_family_without_codes_gives_no_rows_and_no_table(fake_catalogue):
    fake_catalogue["RIC_CHECKSUM"] = entry("RIC_CHECKSUM")
    assert findings("FILING", "en") == []
    assert render_page("FILING", "en") == "Before.\n\n\nAfter.\n"


@pytest.mark.parametrize("language, severity", [("en", "error"), ("zh", "错误")])
def test_a_page_renders_the_table_of_a_family(fake_catalogue, language, severity):
    fake_catalogue.update({"RIC_CHECKSUM": entry("RIC_CHECKSUM"), "RIC_UNDER_18": entry("RIC_UNDER_18", "warning")})
    lines = render_page("RIC", language).splitlines()
    table = lines[lines.index("Before.") + 3 : lines.index("After.") - 1]
    assert table[0] == "| Code | Severity | Message | Fix |" and table[1] == "|---|---|---|---|"
    checksum = fake_catalogue["RIC_CHECKSUM"]
    assert table[2] == f"| `RIC_CHECKSUM` | {severity} | {checksum.message[language]} | {checksum.fix[language]} |"
    assert table[3].startswith("| `RIC_UNDER_18` |") and len(table) == 4


def test_an_unknown_severity_stops_the_build_naming_the_code(fake_catalogue):
    fake_catalogue["RIC_X"] = entry("RIC_X", "fatal")
    with pytest.raises(PluginError, match=r"catalogue of findings .*: RIC_X: severity 'fatal' is not one of error"):
        finding_rows("en")


def test_an_unreadable_catalogue_stops_the_build_before_any_page(monkeypatch):
    def broken():
        raise ValueError("Expecting value: line 3 column 5 (char 40)")

    monkeypatch.setattr(catalogue, "entries", broken)
    config = SimpleNamespace(theme={"language": "en"}, extra=EXTRA)
    with pytest.raises(PluginError, match=r"checker/data/findings\.toml, read as findings\.json.*: Expecting value"):
        provider.on_config(config)
