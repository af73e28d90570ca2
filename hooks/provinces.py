"""Build hook: a knowledge-base page per mainland province, in each language, from the provincial rules table
(`checker.provincial`: checker/data/provincial-rules.tsv and its sources), and the overview's table of every
province × rule with the table's coverage figures.

The province pages are no files in docs/: `on_files` adds `provinces/<slug>.md` and `provinces/<slug>.zh.md` (slug:
the province's English name in regions.tsv, lower case, hyphens: `inner-mongolia`) before the i18n plugin sorts the
files by language, and `on_page_read_source` gives each its Markdown. The page is dated by the table it is made
from: its "last update" is the table's last commit, not the day of the build. A page shows, for units and for
individuals, each row's rule and value in words (checker/data/words/provinces.toml), its note and its source (name,
authority, document, date, confidence); the rules whose sources disagree, each source's value listed, never merged;
the materials the province adds; that the bureau (管局) has the last word and rules change; links to the
self-check, the overview and the provider's list of provincial requirements.

The overview (docs/provinces/index.md and its twin, written by hand) has two markers: `TABLE_MARKER` becomes the
table, one row per province with its short names (province-abbreviations.tsv) and a link to its page, one column per
rule of `provincial_coverage.MAIN_RULES`; `COVERAGE_MARKER` the figures of scripts/provincial_coverage.py, the one
place they are computed. A table that fails `checker.provincial`'s validation stops the build with its message.
Text from the tables is escaped for Markdown and can never be read as a Jinja template (hooks/provider.py renders
every page as one).
"""

from __future__ import annotations

import functools
import html
import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from checker import _tables, materials, provincial, words
from languages import LANGUAGES, localize, page_language, read_words

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "provinces"
OVERVIEW = f"{FOLDER}/index"
TABLE_MARKER = "<!-- the provincial rules table -->"
COVERAGE_MARKER = "<!-- the provincial rules coverage -->"
RULE_WORDS, PAGE_WORDS = "provinces", "site-provinces"  # checker/data/words/<domain>.toml
# What a province page's "last update" is the date of: the table it is made from.
TABLE = ROOT / "checker" / "data" / provincial.RULES_FILE
# Material's search boost of a province page: 62 pages that all say 单位, 个人, 主体负责人 … would push the guides
# off the first results for those words; the overview (boost 1: at 2 it outranked the guides once the rules left
# the index) holds every province's name and short name.
SEARCH_BOOST = 0.5
# The sections the search index leaves out (Material's data-search-exclude on their headings): the rules, their
# disagreements and the materials, which the overview's table sums up. Indexed, they were nearly half of the
# search index, which every visitor's browser downloads and indexes on every page, also while the self-check starts
# Python (BENCHMARKS.md at 689cbf0); a search for a province still finds its page by its title and introduction.
NOT_SEARCHED = " { data-search-exclude }"
# The rules that add up rather than decide: listed, never in disagreement.
ADDED = ("material", "remark", "note")


def _coverage_module() -> ModuleType:
    """scripts/provincial_coverage.py, the one place the coverage figures are computed (a script, not a hook)."""
    path = ROOT / "scripts" / "provincial_coverage.py"
    spec = importlib.util.spec_from_file_location("provincial_coverage", path)
    if spec is None or spec.loader is None:
        raise PluginError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


coverage = _coverage_module()


def slug(name_en: str) -> str:
    """A province's English name as its page's folder: "Inner Mongolia" → "inner-mongolia"."""
    return re.sub(r"[^a-z0-9]+", "-", name_en.lower()).strip("-")


@functools.cache
def slugs() -> dict[str, str]:
    """Every mainland province's page folder by its 2-digit code."""
    found = {code: slug(_tables.provinces()[code].name_en) for code in provincial.mainland()}
    if len(set(found.values())) != len(found):
        raise PluginError(f"two provinces share a page address: {sorted(found.values())}")
    return found


def source_uri(code: str, language: str) -> str:
    """The (virtual) source of a province's page in a language: `provinces/guangdong.md`, `….zh.md`."""
    return f"{FOLDER}/{slugs()[code]}" + ("" if language == LANGUAGES[0] else f".{language}") + ".md"


def page_sources() -> dict[str, tuple[str, str]]:
    """Every page this hook makes: its source URI → (province code, language)."""
    return {source_uri(code, language): (code, language) for code in slugs() for language in LANGUAGES}


def check_table() -> tuple[provincial.ProvincialRule, ...]:
    """The table, validated by `checker.provincial`; its problems stop the build."""
    try:
        return provincial.rules()
    except ValueError as error:
        raise PluginError(f"checker/data/{provincial.RULES_FILE}: {error}") from error


def missing_words() -> list[str]:
    """The words a page may need and provinces.toml lacks: every rule's name and each of its values, each entity
    kind, confidence and authority, and the shapes of the values of their own."""
    keys = [f"rules.{rule}" for rule in provincial.RULES]
    keys += [f"values.{rule}.{value}" for rule, values in provincial.RULES.items() for value in values or ()]
    keys += [f"entities.{kind}" for kind in provincial.ENTITY_KINDS]
    keys += [f"confidences.{confidence}" for confidence in provincial.CONFIDENCES]
    keys += [f"authorities.{source.authority}" for source in provincial.sources().values()]
    keys += ["shapes.minimum-age", "shapes.refused-suffixes", "shapes.only-suffixes"]
    return [key for key in keys if not _is_word(words.load(RULE_WORDS), key.split("."))]


def _is_word(node: Any, path: list[str]) -> bool:
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return isinstance(node, dict) and all(isinstance(node.get(lang), str) and node[lang] for lang in LANGUAGES)


def on_config(config: Any) -> Any:
    missing = missing_words()
    if missing:
        raise PluginError(f"checker/data/words/{RULE_WORDS}.toml has no word for {', '.join(missing)}")
    read_words(PAGE_WORDS, ("page", "columns", "source", "table", "coverage"))
    check_table()
    return config


# After the other plugins have listed the files they date (git-revision-date-localized) and before the i18n plugin
# (-100) sorts them by language, as it sorts the pages written in docs/.
@event_priority(-50)
def on_files(files: Any, config: Any) -> Any:
    for uri in page_sources():
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"docs/{uri} is written by hand, and hooks/provinces.py makes that page: remove one")
        files.append(File(uri, config["docs_dir"], config["site_dir"], config["use_directory_urls"]))
    return files


def on_page_read_source(page: Any, config: Any) -> str | None:
    made = page_sources().get(page.file.src_uri)
    if made is None:
        return None
    code, language = made
    page.file.abs_src_path = str(TABLE)  # the page's date (git-revision-date-localized) is the table's
    return province_page(code, language, config.extra)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if TABLE_MARKER not in markdown and COVERAGE_MARKER not in markdown:
        return markdown
    language = page_language(page, config)
    markdown = markdown.replace(TABLE_MARKER, overview_table(language), 1)
    return markdown.replace(COVERAGE_MARKER, coverage_figures(language), 1)


# --- words -----------------------------------------------------------------------------------------------------------


def word(domain: str, key: str, language: str, **values: Any) -> str:
    return words.in_language(domain, key, language, **values)


def _text(text: str) -> str:
    """Table text as Markdown shows it as written, on one line: no markup, no pipe ending a cell, and no brace a
    page template (hooks/provider.py) would read."""
    text = html.escape(" ".join(text.split()), quote=False)
    text = re.sub(r"([\\`*_\[\]|])", r"\\\1", text)
    return text.replace("{", "&#123;").replace("}", "&#125;")


def province_name(code: str, language: str) -> str:
    return words.by_language(_tables.provinces()[code], "name")[language]


def abbreviations(code: str) -> list[str]:
    """The short names filing numbers of the province are seen with (province-abbreviations.tsv: 川 and 蜀)."""
    return [
        short.abbreviation
        for short in _tables.province_abbreviations().values()
        if short.province == code and short.use == "observed"
    ]


def entity_name(entity: str, language: str) -> str:
    """Whom a row applies to: units, individuals, all, or an entity type's name."""
    if entity in provincial.ENTITY_KINDS:
        return word(RULE_WORDS, f"entities.{entity}", language)
    return words.by_language(_tables.entity_types()[entity], "name")[language]


def applies_to(entity: str, kind: str) -> bool:
    """Whether a row for `entity` applies to an entity of `kind` ("unit" or "individual")."""
    if entity in ("*", kind):
        return True
    types = _tables.entity_types()
    return entity in types and types[entity].documents == ("unit" if kind == "unit" else "person")


def value_phrase(row: provincial.ProvincialRule, language: str) -> str:
    """A row's value in words: "主体负责人须为法定代表人", "年满18周岁", "不能备案：.hk .tw", a material's name."""
    if row.rule == "minimum-age":
        return word(RULE_WORDS, "shapes.minimum-age", language, age=row.value)
    if row.rule == "domain-suffix":
        how, _, suffixes = row.value.partition(":")
        return word(RULE_WORDS, f"shapes.{how}-suffixes", language, suffixes=suffixes)
    if row.rule == "material":
        return words.by_language(materials.materials()[row.value], "name")[language]
    return word(RULE_WORDS, f"values.{row.rule}.{row.value}", language)


def source_line(row: provincial.ProvincialRule, language: str) -> str:
    """Where a row comes from: the source's name and authority, the document, its date, the row's confidence."""
    source = provincial.sources()[row.source]
    return word(
        PAGE_WORDS,
        "source.line",
        language,
        name=words.by_language(source, "name")[language],
        authority=word(RULE_WORDS, f"authorities.{source.authority}", language),
        reference=row.reference,
        date=row.date,
        confidence=word(RULE_WORDS, f"confidences.{row.confidence}", language),
    )


# --- a province's page -----------------------------------------------------------------------------------------------


def province_page(code: str, language: str, extra: dict[str, Any]) -> str:
    """A province's page in one language, as Markdown with its front matter."""
    check_table()
    rows = [row for row in provincial.rules() if row.province == code]
    name = province_name(code, language)
    title = word(PAGE_WORDS, "page.title", language, province=name)
    description = word(PAGE_WORDS, "page.description", language, province=name)
    conflicts = provincial.disagreements(rows)
    disputed = {id(row) for group in conflicts.values() for row in group}
    lines = [
        "---",
        f"title: {_yaml(title)}",
        f"description: {_yaml(description)}",
        "search:",
        f"  boost: {SEARCH_BOOST}",
        "---",
        "",
        f"# {_text(title)}",
        "",
        _text(word(PAGE_WORDS, "page.intro", language, province=name)),
        "",
        *_abbreviation_lines(code, language),
    ]
    for kind, heading in (("unit", "page.units"), ("individual", "page.individuals")):
        kept = sorted(
            (row for row in rows if row.rule != "material" and applies_to(row.entity, kind)),
            key=lambda row: (list(provincial.RULES).index(row.rule), row.line),
        )
        lines += [
            "",
            f"## {word(PAGE_WORDS, heading, language)}{NOT_SEARCHED}",
            "",
            *_rule_table(kept, disputed, language, name),
        ]
    lines += ["", f"## {word(PAGE_WORDS, 'page.disagreements', language)}{NOT_SEARCHED}", ""]
    lines += _disagreement_lines(conflicts, language, name)
    lines += ["", f"## {word(PAGE_WORDS, 'page.materials', language)}{NOT_SEARCHED}", ""]
    lines += _rule_table([row for row in rows if row.rule == "material"], disputed, language, name)
    lines += ["", f"## {word(PAGE_WORDS, 'page.next', language)}", "", *_next_lines(language, extra)]
    return "\n".join(lines) + "\n"


def _yaml(text: str) -> str:
    """A one-line text as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _abbreviation_lines(code: str, language: str) -> list[str]:
    shorts = abbreviations(code)
    if not shorts:
        return []
    example = word(PAGE_WORDS, "page.example", language, abbreviation=shorts[0])
    listed = "/".join(shorts)
    return [_text(word(PAGE_WORDS, "page.abbreviations", language, abbreviations=listed, example=example)), ""]


def _rule_table(rows: list[provincial.ProvincialRule], disputed: set[int], language: str, province: str) -> list[str]:
    """Each row as a line of a table: rule (and whom it applies to, when narrower than the section), value, note,
    source; a value whose sources disagree says so."""
    if not rows:
        return [_text(word(PAGE_WORDS, "page.none", language, province=province))]
    heads = [word(PAGE_WORDS, f"columns.{key}", language) for key in ("rule", "value", "note", "source")]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for row in rows:
        rule = word(RULE_WORDS, f"rules.{row.rule}", language)
        if row.entity not in ("*", "unit", "individual"):
            rule = word(PAGE_WORDS, "page.disagreement", language, rule=rule, entity=entity_name(row.entity, language))
        value = value_phrase(row, language)
        if id(row) in disputed:
            value = word(PAGE_WORDS, "table.disputed", language, value=value)
        note = words.by_language(row, "note")[language]
        if row.rule == "material" and not note:
            note = words.by_language(materials.materials()[row.value], "note")[language]
        cells = [rule, value, note, source_line(row, language)]
        lines.append("| " + " | ".join(_text(cell) for cell in cells) + " |")
    return lines


def _disagreement_lines(
    conflicts: dict[tuple[str, str], list[provincial.ProvincialRule]], language: str, province: str
) -> list[str]:
    if not conflicts:
        return [_text(word(PAGE_WORDS, "page.agree", language, province=province))]
    lines = [_text(word(PAGE_WORDS, "page.disagree", language)), ""]
    for (entity, rule), group in conflicts.items():
        title = word(
            PAGE_WORDS,
            "page.disagreement",
            language,
            rule=word(RULE_WORDS, f"rules.{rule}", language),
            entity=entity_name(entity, language),
        )
        lines.append(f"- **{_text(title)}**")
        for row in group:
            said = markdown_word(
                PAGE_WORDS,
                "source.value",
                language,
                value=value_phrase(row, language),
                source=source_line(row, language),
            )
            lines.append(f"    - {said}")
    return lines


def _next_lines(language: str, extra: dict[str, Any]) -> list[str]:
    provider = localize(extra["provider"], language)
    return [
        markdown_word(
            PAGE_WORDS, "page.last-word", language, {"url": provider["provincial_rules_url"]}, provider=provider["name"]
        ),
        "",
        "- " + markdown_word(PAGE_WORDS, "page.self-check", language, {"url": "../self-check.md"}),
        "- " + markdown_word(PAGE_WORDS, "page.overview", language, {"url": "index.md"}),
    ]


def markdown_word(domain: str, key: str, language: str, urls: dict[str, str] | None = None, **values: Any) -> str:
    """A word holding Markdown of its own (a link ``[text]({url})``), its values escaped as text and `urls` as
    they are."""
    return word(domain, key, language, **{name: _text(str(value)) for name, value in values.items()}, **(urls or {}))


# --- the overview ----------------------------------------------------------------------------------------------------


def overview_table(language: str) -> str:
    """The overview's table: a row per province (its name linking to its page, its short names), a column per main
    rule; a cell lists the values reported, by entity kind when they differ, and marks a disagreement."""
    rows = check_table()
    heads = [word(PAGE_WORDS, "columns.province", language)]
    heads += [word(RULE_WORDS, f"rules.{rule}", language) for rule in coverage.MAIN_RULES]
    lines = [
        _text(word(PAGE_WORDS, "table.legend", language)),
        "",
        "| " + " | ".join(_text(head) for head in heads) + " |",
        "|" + "---|" * len(heads),
    ]
    for code in provincial.mainland():
        mine = [row for row in rows if row.province == code]
        link = markdown_word(
            PAGE_WORDS,
            "table.link",
            language,
            {"url": f"{slugs()[code]}.md"},
            province=province_name(code, language),
            abbreviations="/".join(abbreviations(code)) or word(PAGE_WORDS, "table.empty", language),
        )
        cells = [link]
        cells += [_overview_cell([row for row in mine if row.rule == rule], language) for rule in coverage.MAIN_RULES]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _overview_cell(rows: list[provincial.ProvincialRule], language: str) -> str:
    if not rows:
        return _text(word(PAGE_WORDS, "table.empty", language))
    by_entity: dict[str, list[str]] = {}
    for row in rows:
        phrases = by_entity.setdefault(row.entity, [])
        if value_phrase(row, language) not in phrases:
            phrases.append(value_phrase(row, language))
    parts = []
    for entity, phrases in by_entity.items():
        if len(phrases) == 1 or rows[0].rule in ADDED:
            said = words.joined(phrases, "series")[language]
        else:
            said = word(
                PAGE_WORDS, "table.disagreement", language, values=words.joined(phrases, "alternatives")[language]
            )
        if len(by_entity) > 1:
            said = word(PAGE_WORDS, "table.entity", language, entity=entity_name(entity, language), value=said)
        parts.append(said)
    return _text(word(PAGE_WORDS, "table.between", language).join(parts))


def coverage_figures(language: str) -> str:
    """The table's coverage (scripts/provincial_coverage.py) as the overview's list."""
    check_table()
    figures = coverage.table_coverage()
    names = {key: words.by_language(source, "name")[language] for key, source in provincial.sources().items()}
    per_source = words.joined(
        [
            word(PAGE_WORDS, "coverage.source-rows", language, source=names.get(key, key), count=count)
            for key, count in figures.rows_per_source.items()
        ],
        "long_series",
    )[language]
    lines = [
        word(
            PAGE_WORDS,
            "coverage.filled",
            language,
            filled=figures.filled,
            cells=figures.cells,
            percent=figures.percent,
            provinces=figures.provinces,
            rules=figures.rules,
        ),
        word(PAGE_WORDS, "coverage.sources", language, mean=figures.mean_sources, several=figures.several_sources),
        word(PAGE_WORDS, "coverage.conflicts", language, conflicts=figures.conflicts),
        word(PAGE_WORDS, "coverage.rows", language, rows=per_source),
        word(
            PAGE_WORDS,
            "coverage.dates",
            language,
            collected=figures.collected or "—",
            oldest=figures.oldest,
            newest=figures.newest,
        ),
    ]
    return "\n".join(f"- {_text(line)}" for line in lines) + "\n"
