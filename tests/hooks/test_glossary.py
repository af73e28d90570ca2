from pathlib import Path

import pytest

import glossary
from checker import words
from glossary import GlossaryError, parse, tooltips
from languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent.parent
GOOD = {
    "term": {"en": "shell entity", "zh": "空壳主体"},
    "pinyin": "kōngké zhǔtǐ",
    "definition": {"en": "An entity with no website.", "zh": "名下无网站的主体。"},
}


def entry(**changes):
    return {**GOOD, **changes}


def test_parse_a_good_entry():
    (term,) = parse([GOOD])
    assert term.names == {"en": "shell entity", "zh": "空壳主体"}
    assert term.abbr == {"en": ("shell entity",), "zh": ("空壳主体",)}  # the term itself by default
    assert term.view("zh") == {
        "term": "空壳主体",
        "en": "shell entity",
        "zh": "空壳主体",
        "pinyin": "kōngké zhǔtǐ",
        "definition": "名下无网站的主体。",
    }


@pytest.mark.parametrize(
    "entries, message",
    [
        (None, "non-empty list"),
        ([], "non-empty list"),
        (["shell entity"], "mapping"),
        ([entry(term={"en": "shell entity", "zh": ""})], "term.zh"),
        ([entry(term={"zh": "空壳主体"})], "term.en"),
        ([entry(term="shell entity")], "term must have en and zh"),
        ([{"en": "shell entity", "zh": "空壳主体", "definition": GOOD["definition"]}], "unknown keys"),
        ([entry(definition="An entity.")], "definition"),
        ([entry(definition={"en": "An entity."})], "definition.zh"),
        ([entry(abbr=["shell"])], "abbr"),
        ([entry(abbr={"fr": ["x"]})], "abbr"),
        ([entry(abbr={"en": "shell"})], "abbr.en must be a list"),
        ([entry(colour="red")], "unknown keys"),
        ([GOOD, entry(term={"en": "empty entity", "zh": "空主体"}, abbr={"en": ["Shell Entity"]})], "belongs to both"),
    ],
)
def test_parse_rejects_malformed_entries(entries, message):
    with pytest.raises(GlossaryError, match=message):
        parse(entries)


def test_tooltip_words_per_language():
    terms = parse([entry(abbr={"en": ["shell entity", "shell entities"], "zh": []})])
    assert tooltips(terms, "en") == {
        "shell entity": ("shell entity", "An entity with no website."),
        "shell entities": ("shell entity", "An entity with no website."),
    }
    assert tooltips(terms, "zh") == {}


def test_the_project_glossary_loads_and_has_the_standard_terms():
    terms = glossary.load()
    chinese = {term.names["zh"] for term in terms}
    for standard in [
        "ICP备案",
        "备案主体",
        "主体负责人",
        "网站负责人",
        "接入商",
        "取消接入",
        "注销主体",
        "注销网站",
        "空壳主体",
        "核验单",
        "幕布照",
        "通信管理局",
        "工信部",
        "工信部备案管理系统",
    ]:
        assert standard in chinese
    for term in terms:
        assert all(term.definition[lang] for lang in LANGUAGES)


def test_a_glossary_that_is_not_an_array_of_terms_stops_the_build(monkeypatch):
    monkeypatch.setattr(words, "load", lambda domain: {"terms": [GOOD], "colour": {"en": "red", "zh": "红"}})
    with pytest.raises(GlossaryError, match=r"checker/data/words/site-test\.toml: expected only an array of"):
        glossary.load("site-test")
    monkeypatch.setattr(words, "load", lambda domain: {"terms": [entry(definition={"en": "An entity."})]})
    with pytest.raises(GlossaryError, match=r"site-test2\.toml: 'shell entity': definition\.zh"):
        glossary.load("site-test2")


def test_every_chinese_term_is_in_the_search_dictionary():
    # jieba must keep each term whole, or searching for it finds nothing.
    dictionary = (ROOT / "data" / "search-terms-zh.txt").read_text(encoding="utf-8")
    words = {line.split()[0] for line in dictionary.splitlines() if line.strip()}
    missing = [term.names["zh"] for term in glossary.load() if term.names["zh"] not in words]
    assert missing == []
