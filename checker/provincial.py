"""The provincial bureaus' (管局) own rules, as access providers report them: one row per province × entity kind ×
rule, each with its source, the source's date and a confidence (checker/data/provincial-rules.tsv).

Providers publish partial, dated lists that disagree; a disagreement is kept as two rows, never merged into one
value, and every rule the checker applies from here is worded "reported by <source>, <date>", never as law
(../shared/reference/provincial-rules-sources.md §1). The sources themselves are named once, in
checker/data/provincial-sources.tsv.

The table is validated as it is read: every mainland province present, every row's rule, entity kind and value
known, every row sourced (a source the sources table names and a reference: a document's path or URL), dated and
given a confidence. A table that fails stops with ValueError naming the line: a rule without a source must never
reach a filer.

>>> [(rule.source, rule.value) for rule in for_province("12", "unit") if rule.rule == "pic-legal-rep"]
[('tencent-faq', 'required'), ('ucloud', 'required')]
>>> sorted({rule.value for rule in for_province("21", "unit") if rule.rule == "pic-legal-rep"})
['free', 'required']
>>> mainland()[:3], len(mainland())
(['11', '12', '13'], 31)
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from checker import _tables, materials

RULES_FILE, SOURCES_FILE = "provincial-rules.tsv", "provincial-sources.tsv"
COLUMNS = ("province", "entity", "rule", "value", "source", "reference", "date", "confidence", "note_zh", "note_en")
ENTITY_KINDS = ("unit", "individual", "*")  # 单位, 个人, both; an entity-type key (entity-types.tsv) narrows a row
CONFIDENCES = ("high", "medium", "low")  # current official text; official but older or a digest; stale
OUTSIDE_MAINLAND = ("71", "81", "82", "83")  # Taiwan, Hong Kong, Macau: no ICP filing is made there
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # a year, a month or a day: as precisely as the source is dated
SUFFIXES = re.compile(r"^(refused|only):(\.\S+)( \.\S+)*$")  # "refused:.hk .tw", "only:.cn .公益"

# Each rule and the values a row may give it; None: a value of its own shape, checked by `_value_problem`.
RULES: dict[str, tuple[str, ...] | None] = {
    "pic-legal-rep": ("required", "authorised", "free"),  # the entity's person in charge (主体负责人) and the LR
    "website-pic-legal-rep": ("authorised", "free", "must-not"),  # the website's person in charge and the LR
    "website-pic-same-as-pic": ("required",),  # when the entity's PIC is not the LR, the website's PIC is them
    "out-of-province-id": ("accepted", "residence-permit", "refused"),  # an individual with another province's ID
    "local-mobile": ("required",),  # mobile numbers registered in the province
    "landline": (
        "required",
        "mobile-allowed",
        "mobile-with-name",
        "mobile-with-position",
        "mobile-with-name-position",
        "differs-from-mobile",
    ),
    "minimum-age": None,  # whole years, "14" … "18"
    "material": None,  # a material of materials.tsv the province adds (condition "province")
    "domain-suffix": None,  # "refused:.hk .org" or "only:.cn .公益"
    "remark": ("required",),  # something the filing's remarks (备注) must say; the note says what
    "same-city-address": ("required",),  # the mailing address in the same city as the document's
    "note": ("note",),  # a rule the checker cannot read from a filing; shown on the province's page
}


class Source(NamedTuple):
    key: str  # "ucloud"
    name_zh: str  # "UCloud 备案文档"
    name_en: str
    authority: str  # "official", "digest" (a secondary summary of official pages), "stale" (an old snapshot)
    where: str  # the repository or site the rows' references are in


class ProvincialRule(NamedTuple):
    province: str  # 2-digit code
    entity: str  # "unit", "individual", "*", or an entity-type key
    rule: str  # a key of RULES
    value: str
    source: str  # a key of the sources table
    reference: str  # the document: a repository path or a URL
    date: str  # the source's date: "2026-02-27", "2023", …
    confidence: str  # a key of CONFIDENCES
    note_zh: str  # the rule's detail in the province's own terms ("需备注姓名、企业职务"), or ""
    note_en: str
    line: int  # in the table, for a message that names it


def mainland() -> list[str]:
    """The codes of the 31 provinces, regions and municipalities of the mainland, where filings are made."""
    return sorted(code for code in _tables.provinces() if code not in OUTSIDE_MAINLAND)


@functools.cache
def sources() -> dict[str, Source]:
    """Every source by key."""
    return {cells[0]: Source(*cells) for cells in _tables.rows(SOURCES_FILE)}


@functools.cache
def rules() -> tuple[ProvincialRule, ...]:
    """Every row of the table, validated (ValueError naming the first bad line)."""
    return parse(_tables.read_text(RULES_FILE))


def parse(text: str) -> tuple[ProvincialRule, ...]:
    """The rows of a table's text, validated; ValueError lists every problem with its line."""
    found: list[ProvincialRule] = []
    problems: list[str] = []
    for line, row in enumerate(text.splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        cells = row.split("\t")
        if len(cells) != len(COLUMNS):
            problems.append(f"{RULES_FILE} line {line}: {len(cells)} columns, expected {len(COLUMNS)} {COLUMNS}")
            continue
        rule = ProvincialRule(**dict(zip(COLUMNS, (cell.strip() for cell in cells), strict=True)), line=line)
        problems.extend(f"{RULES_FILE} line {line}: {problem}" for problem in row_problems(rule))
        found.append(rule)
    problems.extend(f"{RULES_FILE}: {problem}" for problem in table_problems(found))
    if problems:
        raise ValueError("\n".join(problems))
    return tuple(found)


def row_problems(rule: ProvincialRule) -> list[str]:
    """What is wrong with one row: an unknown province, entity kind, rule, value, source or confidence; a missing
    reference, date or note; a date that is not a date or lies in the future."""
    problems = []
    if rule.province not in mainland():
        problems.append(f"province {rule.province!r} is not a mainland province's 2-digit code")
    if rule.entity not in ENTITY_KINDS and rule.entity not in _tables.entity_types():
        problems.append(f"entity {rule.entity!r} is neither {ENTITY_KINDS} nor an entity type's key")
    if rule.rule not in RULES:
        problems.append(f"rule {rule.rule!r} unknown (known: {', '.join(RULES)})")
    else:
        problem = _value_problem(rule.rule, rule.value)
        if problem:
            problems.append(problem)
    if rule.source not in sources():
        problems.append(f"source {rule.source!r} is not in {SOURCES_FILE} — every rule needs its source")
    if not rule.reference:
        problems.append("no reference: name the document (a repository path or a URL) the rule comes from")
    if not DATE.match(rule.date):
        problems.append(f"date {rule.date!r}: every rule needs its source's date (YYYY, YYYY-MM or YYYY-MM-DD)")
    elif rule.date[:4] > str(datetime.date.today().year):
        problems.append(f"date {rule.date!r} lies in the future")
    if rule.confidence not in CONFIDENCES:
        problems.append(f"confidence {rule.confidence!r} is not one of {CONFIDENCES}")
    if bool(rule.note_zh) != bool(rule.note_en):
        problems.append("a note in one language only: write it in both (note_zh, note_en)")
    if rule.rule in ("remark", "note", "material") and not rule.note_zh:
        problems.append(f"a {rule.rule!r} row says what it asks in its notes: they are empty")
    return problems


def _value_problem(rule: str, value: str) -> str | None:
    allowed = RULES[rule]
    if allowed is not None:
        return None if value in allowed else f"value {value!r} is not one of {allowed} for {rule!r}"
    if rule == "minimum-age":
        return None if value.isdigit() and 12 <= int(value) <= 20 else f"minimum-age {value!r} is not 12 … 20 years"
    if rule == "material":
        material = materials.materials().get(value)
        if material is None or material.condition != "province":
            return f"material {value!r} is not a material of materials.tsv asked for by provinces (condition province)"
        return None
    return None if SUFFIXES.match(value) else f"domain-suffix {value!r} is not 'refused:.a .b' or 'only:.a .b'"


def table_problems(found: Iterable[ProvincialRule]) -> list[str]:
    """What is wrong with the table as a whole: a mainland province without a row; the same row twice."""
    found = list(found)
    present = {rule.province for rule in found}
    problems = [f"province {code} has no row" for code in mainland() if code not in present]
    seen: dict[tuple[str, ...], int] = {}
    for rule in found:
        key = (rule.province, rule.entity, rule.rule, rule.value, rule.source, rule.note_en)
        if key in seen:
            problems.append(f"line {rule.line} repeats line {seen[key]}")
        seen.setdefault(key, rule.line)
    return problems


def for_province(province: str, entity_kind: str, entity_type: str = "") -> list[ProvincialRule]:
    """The rows that apply to an entity of this kind ("unit" or "individual") and type (an entity-type key, or "")
    in a province, in the table's order."""
    kinds = {"*", entity_kind, entity_type} - {""}
    return [rule for rule in rules() if rule.province == province and rule.entity in kinds]


def disagreements(rows: Iterable[ProvincialRule]) -> dict[tuple[str, str], list[ProvincialRule]]:
    """Rules whose sources give different values, by (entity kind, rule): the rows of each, in the table's order.
    Materials, remarks and notes add up rather than disagree; they are left out."""
    by_rule: dict[tuple[str, str], list[ProvincialRule]] = {}
    for rule in rows:
        if rule.rule not in ("material", "remark", "note"):
            by_rule.setdefault((rule.entity, rule.rule), []).append(rule)
    return {key: group for key, group in by_rule.items() if len({rule.value for rule in group}) > 1}
