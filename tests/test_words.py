"""Every word a person reads is in data, in every language of the site, and nowhere in code.

(a) Every word of the compiled JSON the checker reads (checker/data/words/*.json, findings.json's messages, fixes
and meanings, remediation.json's texts) has a non-blank text in each language of `checker.words.LANGUAGES`, and
nothing else where a word is expected. (b) Each words TOML people edit equals the JSON compiled from it. (c) The
Python code of checker/, hooks/ and doh/ holds no Chinese (a Han character, or a ``"zh"`` key or ``zh=`` value)
outside docstrings and comments, but for the exceptions of `ALLOWED`, each with its reason; (d) that scan and the
word check catch what they are meant to.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import checker
from checker.words import LANGUAGES
from examples import PYODIDE

CHECKER = Path(checker.__file__).parent
DATA = CHECKER / "data"
ROOT = CHECKER.parent
PACKAGES = ("checker", "hooks", "doh")

# Han characters: CJK Unified Ideographs Extension A and the main block (U+3400–U+9FFF), CJK Compatibility
# Ideographs (U+F900–U+FAFF).
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
# The languages other than English: a word in one of them in code is a word out of place (an English "en" key
# is also what data looks like, `checker.words.by_language`; the Chinese one is not needed in code).
OTHER_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != "en")
# Keys whose value is a word wherever they appear in findings.json and remediation.json.
WORD_KEYS = {"message", "fix", "meaning", "text", "help", "title", "summary"}
# Data beside the words of a words domain, not words, by (domain, key), with why; the walk passes them over.
NOT_WORDS = {
    ("site-glossary", "pinyin"): "a Chinese term's reading, one text whatever the page's language",
    ("site-glossary", "abbr"): "per language, a list of the words in page text that get a term's tooltip (none, or"
    " left out for the term itself); hooks/glossary.py checks them and stops the build",
    ("site-glossary", "synonyms"): "per language, a list of other words for a term (the glossary page shows them for"
    " search); hooks/glossary.py checks them",
    ("site-glossary", "avoid"): "per language, a list of variants no text may use (hooks/terminology.py); checked by"
    " hooks/glossary.py",
    ("site-glossary", "except"): "per language, a list of phrases that hold a variant and are fine; checked by"
    " hooks/glossary.py",
    ("site-glossary", "first_use"): "per language, a list of the ways a page may write a term where it first uses it;"
    " checked by hooks/glossary.py",
}

# Chinese in code that stays, by (file, the function or class it is in, with what is nested in it: "<module>" for
# the module's top level, "*" for the whole file), with why.
ALLOWED = {
    (
        "checker/filing/reader.py",
        "_Reader.document",
    ): "营业执照 is a matching value of a rule, compared with what the filer typed as a document type (with a 15-digit"
    " number it names an old licence's registration number, business-reg-no); it is input, not a word shown"
    " (document-types.tsv reads 营业执照 as uscc and documents the rule in its header)",
    (
        "checker/landline.py",
        "<module>",
    ): "转, 分机 and 分机号 are how an extension is written in Chinese: part of the pattern that reads a number as"
    " typed, not a word shown",
    (
        "checker/icp_number.py",
        "*",
    ): "备, 证 and 号 are how an ICP filing or licence number is written (粤ICP备12345678号-1, 京ICP证150476号), and"
    " 公网安备 how a public-security number typed in its field is told: part of the patterns that read a number as"
    " typed and of the number as MIIT writes it, not a word shown",
    (
        "checker/psb_number.py",
        "*",
    ): "公网安备 and 号 are how a public-security filing number is written (粤公网安备 44030502008569号), and ICP备 or"
    " ICP证 how an ICP number typed in its field is told: part of the patterns that read a number as typed and of"
    " the number as shown, not a word shown",
    (
        "checker/footer.py",
        "<module>",
    ): "备, 证, 号 and 公网安备 are how filing numbers are written (ICP备…号, ICP证…号, 公网安备…号): part of the"
    " patterns that find a number in a page's text, not a word shown",
    (
        "checker/filing/page.py",
        "example",
    ): "the page's example question: values a filer types (an entity name, a website name), not words",
    (
        "checker/filing/reporting.py",
        "example",
    ): "an example filing: values a filer types (names, a province as typed), not words",
    (
        "hooks/provider.py",
        "<module>",
    ): "the build's message to a maintainer about data/providers.yml shows an example value (腾讯云)",
    (
        "hooks/glossary.py",
        "Term.view",
    ): "a term's two names as the glossary template shows them side by side: both languages on every page",
    (
        "checker/_tables.py",
        "provider_names",
    ): "data, not words: providers.tsv's two name columns as a message value (words.by_language would fit)",
}


# (a) every word in every language ---------------------------------------------------------------------------


def word_problems(node: Any, where: str) -> Iterator[str]:
    """What is wrong with `node` as a word (a table with exactly one non-blank text per language)."""
    if not isinstance(node, dict):
        yield f"{where}: a word must be a table of languages, not {type(node).__name__}"
        return
    for lang in LANGUAGES:
        if lang not in node:
            yield f"{where}: no {lang!r} text"
        elif not isinstance(node[lang], str) or not node[lang].strip():
            yield f"{where}: the {lang!r} text is blank"
    for key in sorted(set(node) - set(LANGUAGES)):
        yield f"{where}: {key!r} is no language of the site {LANGUAGES}"


def domain_problems(node: Any, where: str, domain: str = "") -> Iterator[str]:
    """A words domain: groups (tables of tables, or arrays of tables) down to words (tables of texts); the keys
    NOT_WORDS names for the domain are passed over."""
    if isinstance(node, list) and node:
        for index, value in enumerate(node):
            yield from domain_problems(value, f"{where}[{index}]", domain)
    elif (
        isinstance(node, dict)
        and node
        and not set(node) & set(LANGUAGES)
        and all(isinstance(value, (dict, list)) or (domain, key) in NOT_WORDS for key, value in node.items())
    ):
        for key, value in node.items():
            if (domain, key) not in NOT_WORDS:
                yield from domain_problems(value, f"{where}.{key}" if where else key, domain)
    else:
        yield from word_problems(node, where)


def tree_problems(node: Any, where: str) -> Iterator[str]:
    """Findings and the wizard's tree: a table with a language key, or under a key in WORD_KEYS, is a word."""
    if isinstance(node, dict):
        for key, value in node.items():
            inner = f"{where}.{key}" if where else str(key)
            if key in WORD_KEYS or (isinstance(value, dict) and set(value) & set(LANGUAGES)):
                yield from word_problems(value, inner)
            else:
                yield from tree_problems(value, inner)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from tree_problems(value, f"{where}[{index}]")


def compiled() -> list[tuple[str, Iterator[str]]]:
    found = [
        (f"words/{path.name}", domain_problems(json.loads(path.read_text(encoding="utf-8"))["words"], "", path.stem))
        for path in sorted((DATA / "words").glob("*.json"))
    ]
    findings = json.loads((DATA / "findings.json").read_text(encoding="utf-8"))
    found.append(("findings.json", tree_problems({"families": findings["families"], "codes": findings["codes"]}, "")))
    tree = json.loads((DATA / "remediation.json").read_text(encoding="utf-8"))["tree"]
    found.append(("remediation.json", tree_problems(tree, "")))
    return found


def test_every_word_has_every_language():
    problems = [f"checker/data/{name}: {problem}" for name, found in compiled() for problem in found]
    assert problems == []
    assert {path.stem for path in (DATA / "words").glob("*.json")} >= {"characters", "documents", "idna", "lists"}


def test_the_hidden_characters_are_named_as_unicode_names_them():
    """characters.toml names the hidden characters by code point, the English name being Unicode's, which the
    English message shows as this Python's unicodedata has it: the two must agree."""
    import unicodedata

    from checker import _text, words

    names = words.load("characters")["hidden"]["names"]
    assert {point: unicodedata.name(chr(int(point, 16)), "") for point in names} == {
        point: word["en"] for point, word in names.items()
    }
    assert all(_text.HIDDEN.fullmatch(chr(int(point, 16))) for point in names), "a name for a character not hidden"


# (b) the TOML people edit is the JSON the checker reads ------------------------------------------------------


@pytest.mark.skipif(PYODIDE, reason="the TOML the words are compiled from is not in the wheel")
@pytest.mark.parametrize("source", sorted((DATA / "words").glob("*.toml")), ids=lambda path: path.name)
def test_the_json_is_the_toml(source: Path):
    import tomllib

    target = source.with_suffix(".json")
    assert target.exists(), f"no {target.name}: run scripts/update_catalogue.py"
    compiled = json.loads(target.read_text(encoding="utf-8"))["words"]
    assert compiled == tomllib.loads(source.read_text(encoding="utf-8")), (
        f"{target.name} differs from {source.name}: run scripts/update_catalogue.py"
    )


# (c) no Chinese in code -------------------------------------------------------------------------------------


def _scopes(tree: ast.Module) -> list[tuple[int, int, str]]:
    """(first line, last line, qualified name) of every function and class, outer ones first."""
    found = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                found.append((child.lineno, child.end_lineno or child.lineno, name))
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def chinese_in_code(source: str) -> list[tuple[str, int, str]]:
    """(scope, line, what) for each Han character outside docstrings and comments (read with `tokenize`, which
    also sees identifiers and f-strings) and each key or keyword argument naming a language other than English
    (read with `ast`)."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                docstrings.add((first.value.lineno, first.value.col_offset))
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT or (token.type == tokenize.STRING and token.start in docstrings):
            continue
        if HAN.search(token.string):
            found.append((token.start[0], f"Chinese {token.string.strip()[:40]!r}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            found += [
                (key.lineno, f"a {key.value!r} key")
                for key in node.keys
                if isinstance(key, ast.Constant) and key.value in OTHER_LANGUAGES
            ]
        elif isinstance(node, ast.keyword) and node.arg in OTHER_LANGUAGES:
            found.append((node.value.lineno, f"a {node.arg}= argument"))
    scopes = _scopes(tree)
    return sorted(
        {
            (next((name for first, last, name in reversed(scopes) if first <= line <= last), "<module>"), line, what)
            for line, what in found
        }
    )


def code_files() -> list[Path]:
    return [path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))]


@pytest.mark.skipif(PYODIDE, reason="reads hooks/ and doh/, which are not in the wheel")
def test_no_words_in_code():
    used = set()
    problems = []
    for path in code_files():
        name = path.relative_to(ROOT).as_posix()
        for scope, line, what in chinese_in_code(path.read_text(encoding="utf-8")):
            allowed = next(
                (
                    key
                    for key in ALLOWED
                    if key[0] == name and (key[1] in ("*", scope) or scope.startswith(key[1] + "."))
                ),
                None,
            )
            if allowed:
                used.add(allowed)
            else:
                problems.append(f"{name}:{line} ({scope}): {what}; a word belongs in checker/data/words/")
    assert problems == []
    assert set(ALLOWED) - used == set(), "exceptions no longer needed: remove them from ALLOWED"


# (d) the checks can fail ------------------------------------------------------------------------------------


def test_the_scan_finds_chinese_in_code_and_not_in_docstrings_or_comments():
    source = (
        '"""模块说明：文档字符串不算。"""\n'
        "def name(lang):\n"
        '    """Its name (名称)."""  # 注释也不算\n'
        '    return {"en": "name", "zh": "名称"}[lang]\n'
        "class Layout:\n"
        "    def text(self):\n"
        '        return dict(en="8 digits", zh="8位数字")\n'
        'MESSAGE = f"第{1}位"\n'
    )
    # An f-string is one token before Python 3.12 and several after: compare the kind of each finding only.
    assert {
        (scope, line, what.split(" ")[0] if what.startswith("Chinese") else what)
        for scope, line, what in chinese_in_code(source)
    } == {
        ("name", 4, "Chinese"),
        ("name", 4, "a 'zh' key"),
        ("Layout.text", 7, "Chinese"),
        ("Layout.text", 7, "a zh= argument"),
        ("<module>", 8, "Chinese"),
    }
    assert chinese_in_code('"""说明"""\nCODE = "INVALID_TYPE"  # 类型\n') == []


def test_the_word_check_names_the_file_and_the_key():
    words = {
        "units": {
            "mm": {"en": "millimetre", "zh": "毫米"},
            "cm": {"en": "centimetre"},
            "m": {"en": "metre", "zh": " ", "fr": "mètre"},
        }
    }
    assert list(domain_problems(words, "")) == [
        "units.cm: no 'zh' text",
        "units.m: the 'zh' text is blank",
        "units.m: 'fr' is no language of the site ('en', 'zh')",
    ]
    # An array of tables (the glossary's terms) is walked term by term; its data beside the words (NOT_WORDS) is
    # passed over in that domain only.
    terms = {
        "terms": [
            {
                "term": {"en": "shell entity", "zh": "空壳主体"},
                "pinyin": "kōngké zhǔtǐ",
                "abbr": {"en": ["shell entities"], "zh": []},
            },
            {"term": {"en": "access provider"}, "definition": {"en": "", "zh": "提供接入服务的企业。"}},
        ]
    }
    assert list(domain_problems(terms, "", "site-glossary")) == [
        "terms[1].term: no 'zh' text",
        "terms[1].definition: the 'en' text is blank",
    ]
    elsewhere = list(domain_problems(terms, "", "lists"))  # a table with a text that is no word is a broken word
    assert {
        "terms[0]: no 'en' text",
        "terms[0]: 'pinyin' is no language of the site ('en', 'zh')",
        "terms[1].term: no 'zh' text",
    } <= set(elsewhere)
    tree = {"questions": {"q": {"text": "Ready?", "options": [{"id": "yes", "text": {"en": "Yes"}}]}}}
    assert list(tree_problems(tree, "")) == [
        "questions.q.text: a word must be a table of languages, not str",
        "questions.q.options[0].text: no 'zh' text",
    ]


def test_an_ordinary_value_reads_no_character_words(monkeypatch: pytest.MonkeyPatch):
    """Words are read on first use, and only those a message needs: checking ASCII values reads no description of
    characters (in the browser every file read is paid for), a value with a hidden character does."""
    from checker import domain, email, landline, mobile, resident_id, words

    read = []
    load = words.load
    monkeypatch.setattr(words, "load", lambda name: read.append(name) or load(name))
    for module, value in [
        (mobile, "138 0013 8000"),
        (landline, "0755-86013388"),
        (domain, "www.example.com"),
        (email, "zhangsan@example.com"),
        (resident_id, "440305199001010018"),
    ]:
        module.check(value)
    assert "characters" not in read
    with pytest.raises(ValueError):
        mobile.check("1380013\u200b8000")
    assert "characters" in read
