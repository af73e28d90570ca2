"""hooks/provinces.py: a page per mainland province in each language, made from the provincial rules table; on a
small planted table: each row shown with its source, a disagreement shown as one, never merged; the overview's table
and figures. The titles are the ones the issue asks for ("广东省备案要求", "Guangdong: provincial filing rules"); the
short names are province-abbreviations.tsv's (粤; 川 and 蜀)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import provinces as hook
from checker import provincial
from example_site import EXTRA

SOURCES = {
    "alpha": provincial.Source("alpha", "甲云备案规则", "Alpha Cloud filing rules", "official", "alpha.example"),
    "beta": provincial.Source("beta", "乙云旧版要求", "Beta Cloud requirements (old)", "stale", "beta.example"),
}


def row(province: str, entity: str, rule: str, value: str, source: str, reference: str, **more: str):
    fields = {"date": "2024", "confidence": "high", "note_zh": "", "note_en": ""} | more
    return provincial.ProvincialRule(province, entity, rule, value, source, reference, line=0, **fields)


ROWS = (
    row("44", "unit", "pic-legal-rep", "required", "alpha", "alpha/gd.md", date="2026-02-27"),
    row("44", "unit", "pic-legal-rep", "free", "beta", "beta/2017.md", date="2017-06-05", confidence="low"),
    row("44", "individual", "out-of-province-id", "residence-permit", "alpha", "alpha/gd-person.md"),
    row("44", "*", "material", "commitment-letter", "alpha", "alpha/gd-materials.md"),
    row("44", "unit", "note", "note", "beta", "beta/note.md", note_zh="备注{{ x }}", note_en="a {{ x }} note"),
    row("51", "individual", "minimum-age", "16", "alpha", "alpha/sc.md"),
    row("51", "*", "domain-suffix", "refused:.hk .tw", "alpha", "alpha/sc-suffix.md"),
)


@pytest.fixture(autouse=True)
def planted(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(provincial, "rules", lambda: ROWS)
    monkeypatch.setattr(provincial, "sources", lambda: SOURCES)


def section(page: str, heading: str) -> str:
    """The text of one `## heading` section of a page's Markdown."""
    found = re.search(rf"\n## {re.escape(heading)}(?:{re.escape(hook.NOT_SEARCHED)})?\n", page)
    assert found, f"no section {heading!r}"
    start = found.start()
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else None]


def test_a_page_per_mainland_province_in_each_language():
    made = hook.page_sources()
    assert len(made) == 31 * 2
    assert made["provinces/guangdong.md"] == ("44", "en") and made["provinces/guangdong.zh.md"] == ("44", "zh")
    assert made["provinces/inner-mongolia.md"] == ("15", "en")
    assert {"provinces/shanxi.md", "provinces/shaanxi.md"} <= set(made)  # 山西 and 陕西: two pages
    assert not any(uri.startswith(("provinces/taiwan", "provinces/hong-kong", "provinces/macau")) for uri in made)


@pytest.mark.parametrize(
    "language, title, heading",
    [("en", "Guangdong: provincial filing rules", "Where sources disagree"), ("zh", "广东省备案要求", "来源说法不一")],
)
def test_a_disagreement_is_shown_as_one_with_each_sources_value(language, title, heading):
    page = hook.province_page("44", language, EXTRA)
    assert f'title: "{title}"' in page and f"\n# {title}\n" in page
    disagreement = section(page, heading)
    # Both values, each with its own source: never one merged value.
    required = hook.value_phrase(ROWS[0], language)
    free = hook.value_phrase(ROWS[1], language)
    assert required != free and required in disagreement and free in disagreement
    assert "alpha/gd.md" in disagreement and "beta/2017.md" in disagreement
    assert disagreement.count("\n    - ") == 2
    units = section(page, "For units" if language == "en" else "单位备案")
    assert units.count(hook.word(hook.PAGE_WORDS, "table.disputed", language, value="")) >= 2


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_row_of_the_province_is_shown_with_its_source(language):
    page = hook.province_page("44", language, EXTRA)
    for shown in (r for r in ROWS if r.province == "44"):
        name = SOURCES[shown.source].name_en if language == "en" else SOURCES[shown.source].name_zh
        line = next(text for text in page.splitlines() if shown.reference in text)
        assert name in line and shown.date in line, line
    assert "alpha/sc.md" not in page  # Sichuan's rows stay on Sichuan's page


def test_the_pages_words_the_values_and_the_short_names():
    guangdong = hook.province_page("44", "zh", EXTRA)
    assert "需本省居住证" in section(guangdong, "个人备案")
    assert "备案承诺书" in section(guangdong, "本省额外材料")
    assert "粤ICP备" in guangdong and "粤公网安备" in guangdong
    sichuan = hook.province_page("51", "zh", EXTRA)
    assert "川/蜀" in sichuan
    assert "年满16周岁" in sichuan and "不能备案：.hk .tw" in sichuan
    assert "at least 16 years old" in hook.province_page("51", "en", EXTRA)
    # No source disagrees in Sichuan; its units have no rule of their own but the domain suffixes for everyone.
    assert "来源说法一致" in section(sichuan, "来源说法不一")
    assert "我们收集的来源未提到四川省有此类规则" in section(sichuan, "本省额外材料")


def test_table_text_can_never_be_read_as_a_template_or_markup():
    page = hook.province_page("44", "en", EXTRA)
    assert "{{" not in page and "a &#123;&#123; x &#125;&#125; note" in page


@pytest.mark.parametrize("language, overview", [("en", "index.md"), ("zh", "index.md")])
def test_the_page_ends_with_the_last_word_the_self_check_and_the_overview(language, overview):
    page = hook.province_page("44", language, EXTRA)
    last = section(page, "What to do next" if language == "en" else "下一步")
    assert EXTRA["provider"]["provincial_rules_url"][language] in last
    assert "(../self-check.md)" in last and f"({overview})" in last
    assert ("bureau has the last word" if language == "en" else "以管局的要求为准") in last
    assert page.rstrip().endswith(last.rstrip())


def test_the_overview_has_a_row_per_province_linking_its_page_and_marks_a_disagreement():
    table = hook.overview_table("zh")
    lines = [line for line in table.splitlines() if line.startswith("| [")]
    assert len(lines) == 31
    (guangdong,) = [line for line in lines if "(guangdong.md)" in line]
    assert guangdong.startswith("| [广东省](guangdong.md)（粤）")
    assert "来源说法不一：" in guangdong and "需本省居住证" in guangdong and "备案承诺书" in guangdong
    (sichuan,) = [line for line in lines if "(sichuan.md)" in line]
    assert "川/蜀" in sichuan and "年满16周岁" in sichuan and "来源说法不一" not in sichuan
    assert "| [Guangdong](guangdong.md) (粤) |" in hook.overview_table("en")


def test_the_overview_shows_the_scripts_figures():
    figures = hook.coverage_figures("en")
    # Planted: 44 × pic-legal-rep, out-of-province-id, material; 51 × minimum-age, domain-suffix; of 31 × 8.
    assert "5 of 248" in figures and "(2.0%" in figures
    assert "Rules whose sources disagree: 1." in figures
    assert "Alpha Cloud filing rules 5" in figures and "Beta Cloud requirements (old) 2" in figures


def config(tmp_path: Path) -> dict[str, object]:
    return {"docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"), "use_directory_urls": True}


def test_the_pages_are_added_as_files_of_docs_and_read_from_the_table(tmp_path: Path):
    files = hook.on_files(Files([]), config(tmp_path))
    assert sorted(file.src_uri for file in files) == sorted(hook.page_sources())
    file = files.get_file_from_path("provinces/guangdong.zh.md")
    assert file.abs_src_path == str(tmp_path / "docs" / "provinces" / "guangdong.zh.md")
    page = SimpleNamespace(file=file)
    markdown = hook.on_page_read_source(page, SimpleNamespace(extra=EXTRA))
    assert markdown is not None and "# 广东省备案要求" in markdown
    assert file.abs_src_path == str(hook.TABLE)  # the page is dated by the table it is made from
    other = SimpleNamespace(file=SimpleNamespace(src_uri="glossary.md"))
    assert hook.on_page_read_source(other, SimpleNamespace(extra=EXTRA)) is None


def test_a_hand_written_page_in_the_way_stops_the_build(tmp_path: Path):
    files = Files([File("provinces/guangdong.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)])
    with pytest.raises(PluginError, match=r"provinces/guangdong\.md is written by hand"):
        hook.on_files(files, config(tmp_path))


def test_a_table_that_fails_validation_stops_the_build(monkeypatch: pytest.MonkeyPatch):
    def broken():
        raise ValueError("provincial-rules.tsv line 9: no reference")

    monkeypatch.setattr(provincial, "rules", broken)
    with pytest.raises(PluginError, match="line 9: no reference"):
        hook.province_page("44", "en", EXTRA)


def test_a_missing_word_stops_the_build(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(provincial.RULES, "landline", (*provincial.RULES["landline"], "fax-only"))
    assert hook.missing_words() == ["values.landline.fax-only"]
    with pytest.raises(PluginError, match=r"values\.landline\.fax-only"):
        hook.on_config(SimpleNamespace())
