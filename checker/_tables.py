"""Reference tables in checker/data/, read on first use and kept (importlib.resources, so they load the same
from a wheel in Pyodide as from a checkout)."""

from __future__ import annotations

import functools
import importlib.resources
from typing import NamedTuple


class Region(NamedTuple):
    code: str
    name_zh: str
    name_en: str


def _rows(name: str) -> list[list[str]]:
    text = (importlib.resources.files("checker") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def regions() -> dict[str, Region]:
    """GB/T 2260 codes: 2-digit provinces and every 6-digit prefecture or county code ever in use."""
    return {code: Region(code, zh, en) for code, zh, en in _rows("regions.tsv")}


def province(code: str) -> Region | None:
    """The province of a 6-digit (or longer) code, by its first two digits."""
    return regions().get(code[:2])


def region(code: str) -> Region | None:
    """The prefecture or county with this 6-digit code, or None when the table does not know it."""
    return regions().get(code[:6])


class Category(NamedTuple):
    authority: str
    category: str  # "" for the registration authority itself
    name_zh: str
    name_en: str


@functools.cache
def uscc_categories() -> dict[tuple[str, str], Category]:
    """(authority, category) → its names, from GB 32100 Annex A; ("9", "") is the authority itself."""
    return {(a, c): Category(a, c, zh, en) for a, c, zh, en in _rows("uscc-categories.tsv")}


class Country(NamedTuple):
    alpha3: str
    numeric: str
    name_en: str
    name_zh: str


@functools.cache
def countries() -> dict[str, Country]:
    """ISO 3166-1 countries, by alpha-3 code and by numeric code."""
    table = {}
    for alpha3, numeric, en, zh in _rows("countries.tsv"):
        country = Country(alpha3, numeric, en, zh)
        table[alpha3] = table[numeric] = country
    return table


class AreaCode(NamedTuple):
    code: str                  # after the trunk 0: "10", "755"
    lengths: tuple[int, ...]   # local-number lengths in use there
    place_zh: str
    place_en: str


@functools.cache
def area_codes() -> dict[str, AreaCode]:
    """Mainland landline area codes (without the trunk 0), from phonenumbers' metadata."""
    return {code: AreaCode(code, tuple(int(n) for n in lengths.split(",")), zh, en)
            for code, lengths, zh, en in _rows("area-codes.tsv")}


class Segment(NamedTuple):
    segment: str    # the first three digits: "138"
    kind: str       # "voice", "data" (no calls or texts), "virtual" (virtual operator) or "unassigned"
    carrier_zh: str
    carrier_en: str


@functools.cache
def mobile_segments() -> dict[str, Segment]:
    """Mobile segments 130–199 with their kind and carrier, from phonenumbers and the filing rules."""
    return {segment: Segment(segment, kind, zh, en) for segment, kind, zh, en in _rows("mobile-segments.tsv")}


@functools.cache
def filing_suffixes() -> frozenset[str]:
    """Domain suffixes accepted for ICP filing (without the leading dot; Chinese ones in Unicode)."""
    return frozenset(row[0].lstrip(".").lower() for row in _rows("filing-suffixes.txt"))


class NameWord(NamedTuple):
    rule: str      # "reserved-prefix", "personal-avoid", "commercial" or "approval"
    word: str
    topic_en: str  # for "approval": the topic whose department must approve
    topic_zh: str


@functools.cache
def website_name_words() -> tuple[NameWord, ...]:
    """Words in website names that reviewers look at (icp-rules.md §6)."""
    return tuple(NameWord(*row) for row in _rows("website-name-words.tsv"))


class Explanation(NamedTuple):
    family: str    # the start of a finding's code: "RIC" for RIC_CHECKSUM
    page: str      # the knowledge-base page that explains it, under docs/ without ".md"
    meaning: dict[str, str]
    fix: dict[str, str]


@functools.cache
def explanations() -> dict[str, Explanation]:
    """What each family of findings is about and how to fix it, in English and Chinese."""
    return {family: Explanation(family, page, {"en": m_en, "zh": m_zh}, {"en": f_en, "zh": f_zh})
            for family, page, m_en, m_zh, f_en, f_zh in _rows("explanations.tsv")}
