"""Build hook: one set of terms, the terminology table's (checker/data/words/site-glossary.toml), in every text.

A row of the table may name variants to avoid in each language (`avoid`), with phrases that contain one and are
fine (`except`; the row's own term and tooltip words are always fine) and why. The build logs an error, which
fails a strict build, for each use of a variant, naming the place and the preferred term, in:
- each page of that language as rendered (after its Jinja template), its description and title; code, inline or
  fenced, is passed over, and on the glossary page so are the variants it names on purpose, struck through
  (``<s>…</s>``). A row may also say how a page writes its term where it first uses it (`first_use`: 管局 is
  first glossed as 省通信管理局（管局）), the glossary page excepted;
- the findings' messages and fixes (checker/data/findings.toml), the words (checker/data/words/*.toml: the
  glossary's own definitions and names, not its lists of variants) and the wizard (checker/data/remediation.toml),
  as compiled to JSON;
- the tables whose names and notes the pages and the checker show (materials, entity and document types, content
  categories, mobile segments, USCC categories): each row's ``*_zh`` and ``*_en`` columns;
- the navigation and the site's name, description and copyright of that language (mkdocs.yml).
Chinese matches anywhere (it has no spaces between words); English matches whole words, ignoring case and line
breaks. The tests call `check_markdown`, `check_data` and `check_texts` directly.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

import glossary
from checker import _tables, materials
from languages import LANGUAGES, page_language

log = logging.getLogger("mkdocs.hooks.terminology")

DATA = Path(_tables.__file__).parent / "data"
GLOSSARY_PAGE = "glossary"
# The glossary's keys that are no text a reader reads as written: its lists of words, and the reasons.
GLOSSARY_LISTS = frozenset({*glossary.LISTS, "abbr", "pinyin", "why"})
# Code is literal; the glossary page strikes through the variants it names.
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_STRUCK = re.compile(r"<s>.*?</s>", re.S)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)


@dataclass(frozen=True)
class Rule:
    language: str
    variant: str
    preferred: str
    why: str
    pattern: re.Pattern[str]
    excepted: tuple[re.Pattern[str], ...]  # phrases that hold the variant and are fine


@dataclass(frozen=True, order=True)
class Hit:
    place: str  # "docs/index.zh.md:12", "checker/data/findings.toml codes.X.message.zh"
    variant: str  # as the text writes it
    preferred: str
    why: str

    def __str__(self) -> str:
        return f'{self.place}: "{self.variant}" should be "{self.preferred}" ({self.why})'


def _pattern(word: str, language: str) -> re.Pattern[str]:
    """A word as written in texts of `language`: its spaces any run of white space (a line break in Markdown);
    English whole words ignoring case, Chinese anywhere."""
    body = r"\s+".join(re.escape(part) for part in word.split())
    if language == "en":
        return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)
    return re.compile(body)


@functools.cache
def rules(language: str) -> tuple[Rule, ...]:
    """Every variant to avoid in `language`, with its row's preferred term, exceptions and reason."""
    found = []
    for term in glossary.table():
        if not term.avoid[language]:
            continue
        fine = (term.names[language], *term.abbr[language], *term.excepted[language])
        excepted = tuple(_pattern(phrase, language) for phrase in fine)
        for variant in term.avoid[language]:
            why = term.why[language] if term.why else ""
            found.append(Rule(language, variant, term.names[language], why, _pattern(variant, language), excepted))
    return tuple(found)


def find(text: str, language: str) -> Iterator[tuple[int, str, Rule]]:
    """(offset, the variant as written, its rule) for each use of a variant in `text`, in order."""
    hits = []
    for rule in rules(language):
        fine = [(match.start(), match.end()) for pattern in rule.excepted for match in pattern.finditer(text)]
        for match in rule.pattern.finditer(text):
            if not any(start <= match.start() and match.end() <= end for start, end in fine):
                hits.append((match.start(), " ".join(match[0].split()), rule))
    yield from sorted(hits, key=lambda hit: (hit[0], hit[1]))


def check_texts(texts: dict[str, str], language: str) -> list[Hit]:
    """Texts by their place, each checked whole."""
    return [
        Hit(place, found, rule.preferred, rule.why)
        for place, text in texts.items()
        for _, found, rule in find(text, language)
    ]


def _blank(match: re.Match[str]) -> str:
    """A match replaced by spaces, its line breaks kept: offsets and line numbers stay."""
    return re.sub(r"[^\n]", " ", match[0])


def readable(markdown: str, glossary_page: bool = False) -> str:
    """A page's Markdown with what is not read as words blanked out (fenced and inline code, comments; on the
    glossary page, the variants it strikes through), every other character in its place."""
    lines = []
    fence = ""
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = ""
            lines.append(" " * len(line))
            continue
        if opening:
            fence = opening[1]
            lines.append(" " * len(line))
            continue
        lines.append(_INLINE_CODE.sub(_blank, line))
    text = _COMMENT.sub(_blank, "\n".join(lines))
    return _STRUCK.sub(_blank, text) if glossary_page else text


@functools.cache
def first_uses(language: str) -> tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...], str, str], ...]:
    """(the term, the ways its first use on a page may be written, the first of them, why) for each row that says
    how a page first uses its term."""
    return tuple(
        (
            _pattern(term.names[language], language),
            tuple(_pattern(phrase, language) for phrase in term.first_use[language]),
            term.first_use[language][0],
            term.why[language] if term.why else "",
        )
        for term in glossary.table()
        if term.first_use[language]
    )


def _first_use_hits(text: str, language: str) -> Iterator[tuple[int, str, str, str]]:
    """(offset, the term as written, how to write it, why) where a page first uses a term in another way than the
    table's."""
    for term, phrases, shown, why in first_uses(language):
        first = term.search(text)
        if first and not any(
            match.start() <= first.start() and first.end() <= match.end()
            for phrase in phrases
            for match in phrase.finditer(text)
        ):
            yield first.start(), first[0], shown, why


def check_markdown(markdown: str, language: str, source: str, first_line: int = 1) -> list[Hit]:
    """A page's Markdown as rendered (after Jinja), `source` its path for the places (line `first_line` being the
    first line of `markdown`): the variants it uses, and a term it first uses in another way than the table says
    (the glossary page excepted)."""
    glossary_page = Path(source).name.split(".")[0] == GLOSSARY_PAGE
    text = readable(markdown, glossary_page)
    found = [(offset, written, rule.preferred, rule.why) for offset, written, rule in find(text, language)]
    if not glossary_page:
        found += _first_use_hits(text, language)
    return [
        Hit(f"{source}:{first_line + text.count(chr(10), 0, offset)}", written, preferred, why)
        for offset, written, preferred, why in sorted(found)
    ]


def body_line(source_text: str) -> int:
    """The line of a page's source where MkDocs' Markdown starts, after the front matter."""
    matched = _FRONT_MATTER.match(source_text)
    if not matched:
        return 1
    rest = source_text[matched.end() :]
    return 1 + source_text.count("\n", 0, len(source_text) - len(rest.lstrip("\n")))


def words_of(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every word (a table with a text per language) in compiled data, with its path: "codes.X.fix"."""
    if isinstance(node, dict):
        if all(isinstance(node.get(lang), str) for lang in LANGUAGES):
            yield path, node
            return
        for key, value in node.items():
            yield from words_of(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from words_of(value, f"{path}[{index}]")


def _glossary_words(node: Any) -> Any:
    """The glossary's rows without their lists of variants, synonyms and reasons: its names and definitions."""
    return {"terms": [{key: value for key, value in row.items() if key not in GLOSSARY_LISTS} for row in node["terms"]]}


def data_texts(data: Path = DATA) -> dict[str, dict[str, str]]:
    """Every word of the compiled data by its place (named after the TOML people edit), per language."""
    sources: dict[str, Any] = {}
    findings = json.loads((data / "findings.json").read_text(encoding="utf-8"))
    sources["checker/data/findings.toml"] = {"families": findings["families"], "codes": findings["codes"]}
    sources["checker/data/remediation.toml"] = json.loads((data / "remediation.json").read_text(encoding="utf-8"))[
        "tree"
    ]
    for file in sorted((data / "words").glob("*.json")):
        found = json.loads(file.read_text(encoding="utf-8"))["words"]
        sources[f"checker/data/words/{file.stem}.toml"] = (
            _glossary_words(found) if file.stem == glossary.DOMAIN else found
        )
    texts: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for source, node in sources.items():
        for key, word in words_of(node):
            for lang in LANGUAGES:
                texts[lang][f"{source} {key}.{lang}"] = word[lang]
    return texts


def shown_tables() -> dict[str, dict[Any, Any]]:
    """The tables whose words a reader sees, by file: rows (named tuples) by key."""
    return {
        "materials.tsv": materials.materials(),
        "entity-types.tsv": _tables.entity_types(),
        "document-types.tsv": _tables.document_types(),
        "content-categories.tsv": _tables.content_categories(),
        "mobile-segments.tsv": _tables.mobile_segments(),
        "uscc-categories.tsv": _tables.uscc_categories(),
    }


def table_texts(tables: dict[str, dict[Any, Any]] | None = None) -> dict[str, dict[str, str]]:
    """Each row's columns in a language (``name_zh``, ``note_en`` …) by their place, per language. Other columns
    (a category's other names, which list what filers type, variants included) are data, not words."""
    texts: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for file, rows in (shown_tables() if tables is None else tables).items():
        for key, row in rows.items():
            for column, value in row._asdict().items():
                lang = column.rpartition("_")[2]
                if lang in texts and isinstance(value, str):
                    texts[lang][f"checker/data/{file} {key}.{column}"] = value
    return texts


def check_data(data: Path = DATA) -> list[Hit]:
    """The findings, the words and the wizard, in every language."""
    return [hit for lang, texts in data_texts(data).items() for hit in check_texts(texts, lang)]


def check_tables(tables: dict[str, dict[Any, Any]] | None = None) -> list[Hit]:
    """The shown tables' words, in every language."""
    return [hit for lang, texts in table_texts(tables).items() for hit in check_texts(texts, lang)]


def _nav_titles(nav: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(nav, dict):
        for title, value in nav.items():
            yield f"{path} {title}", str(title)
            yield from _nav_titles(value, path)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_titles(item, path)


def config_texts(top: Any, languages: Any) -> dict[str, dict[str, str]]:
    """The site's own texts of mkdocs.yml per language: the navigation's titles, and the site's name, description
    and copyright (`top`, the configuration: the default language's), and the other languages' (`languages`, the
    i18n plugin's: their navigation's translations, name, description and copyright)."""
    texts: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    english = texts["en"]
    english.update(_nav_titles(top.get("nav"), "mkdocs.yml: nav"))
    for key in ("site_name", "site_description", "copyright"):
        if top.get(key):
            english[f"mkdocs.yml: {key}"] = str(top[key])
    for language in languages or []:
        lang = str(language.get("locale") or "").split("-")[0]
        if lang not in texts or language.get("default"):
            continue
        where = f"mkdocs.yml: plugins.i18n.languages[{lang}]"
        for title, translated in (language.get("nav_translations") or {}).items():
            texts[lang][f"{where}.nav_translations.{title}"] = str(translated)
        for key in ("site_name", "site_description", "copyright"):
            if language.get(key):
                texts[lang][f"{where}.{key}"] = str(language[key])
    return texts


# --- the hook ---------------------------------------------------------------------------------------------------

# The i18n plugin builds each further language inside the first build, with the same config (and `mkdocs serve`
# loads a new one for each rebuild): a hit is reported once per config.
_reported: dict[str, Any] = {"config": None, "hits": set()}


def _report(hits: list[Hit], config: Any) -> None:
    if _reported["config"] is not config:
        _reported.update(config=config, hits=set())
    for hit in hits:
        if hit not in _reported["hits"]:
            _reported["hits"].add(hit)
            log.error(f"terminology: {hit}")


def on_config(config: Any) -> Any:
    try:
        glossary.table()
    except glossary.GlossaryError as error:
        raise PluginError(str(error)) from error
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n is not None else []
    hits = check_data() + check_tables()
    for lang, texts in config_texts(config, languages).items():
        hits += check_texts(texts, lang)
    _report(hits, config)
    return config


def on_page_content(page_html: str, page: Any, config: Any, files: Any) -> str:
    language = page_language(page, config)
    source = f"docs/{page.file.src_uri}"
    first = 1  # without a source to count the front matter's lines in, the lines are the Markdown's own
    with contextlib.suppress(AttributeError, OSError, ValueError):
        first = body_line(page.file.content_string)
    meta = {f"{source} {key}": str(page.meta[key]) for key in ("title", "description") if page.meta.get(key)}
    _report(check_texts(meta, language) + check_markdown(page.markdown or "", language, source, first), config)
    return page_html
