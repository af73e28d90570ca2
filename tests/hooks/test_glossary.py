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
        "synonyms": [],
        "avoid": [],
    }


def test_parse_the_lists_of_a_row_and_a_usage_rule():
    row, rule = parse(
        [
            entry(
                synonyms={"zh": ["空主体"]},
                avoid={"en": ["empty entity"], "zh": ["空壳备案"]},
                why={"en": "The console's word.", "zh": "控制台用语。"},
            ),
            {
                "term": {"en": "Get verification code", "zh": "获取验证码"},
                "avoid": {"zh": ["发送验证码"]},
                "except": {"zh": ["发送验证码短信"]},
                "why": {"en": "The button.", "zh": "按钮名称。"},
            },
        ]
    )
    assert row.view("en")["avoid"] == ["empty entity"] and row.view("zh")["synonyms"] == ["空主体"]
    assert row.synonyms["en"] == () and row.why == {"en": "The console's word.", "zh": "控制台用语。"}
    assert rule.definition is None and rule.excepted == {"en": (), "zh": ("发送验证码短信",)}
    assert tooltips((row, rule), "zh") == {"空壳主体": ("shell entity", "名下无网站的主体。")}


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
        ([entry(avoid={"zh": ["空壳备案"]})], "avoid needs why"),
        ([entry(first_use={"zh": ["空壳主体（空壳）"]})], "first_use needs why"),
        ([entry(first_use={"zh": ["空壳"]}, why=GOOD["definition"])], "does not hold the term"),
        ([entry(synonyms={"zh": "空主体"})], "synonyms.zh must be a list"),
        ([entry(avoid={"fr": ["x"]}, why=GOOD["definition"])], "avoid must map"),
        ([entry(why={"en": "Why."})], "why.zh"),
        ([{"term": GOOD["term"], "why": GOOD["definition"]}], "must say what to avoid"),
        (
            [{"term": GOOD["term"], "avoid": {"zh": ["x"]}, "why": GOOD["definition"], "pinyin": "x"}],
            "need a definition",
        ),
        (
            [entry(avoid={"zh": ["空主体"]}, why=GOOD["definition"]), entry(term={"en": "e", "zh": "空主体"})],
            "is a word of 'e' and a variant",
        ),
        (
            [
                entry(avoid={"zh": ["空主体"]}, why=GOOD["definition"]),
                entry(term={"en": "e", "zh": "主体"}, avoid={"zh": ["空主体"]}, why=GOOD["definition"]),
            ],
            "avoided by both",
        ),
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
        "当面核验照",
        "管局",
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


def test_every_chinese_term_and_synonym_is_in_the_search_dictionary():
    # jieba must keep each term whole, or searching for it finds nothing; the glossary page shows the synonyms so
    # that searching for one finds the term.
    dictionary = (ROOT / "data" / "search-terms-zh.txt").read_text(encoding="utf-8")
    words = {line.split()[0] for line in dictionary.splitlines() if line.strip()}
    missing = [
        word for term in glossary.load() for word in (term.names["zh"], *term.synonyms["zh"]) if word not in words
    ]
    assert missing == []
