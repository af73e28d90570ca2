"""Reference tables in checker/data/, read on first use and kept.

The files are read with plain `open()` beside this module: the package is always installed as files (a
checkout, a wheel unpacked into site-packages, Pyodide's file system), and importing `importlib.resources`
would cost the browser tens of milliseconds of start-up for nothing.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
from typing import TYPE_CHECKING, Any, NamedTuple

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

if TYPE_CHECKING:  # ipaddress costs tens of milliseconds to import under Pyodide: only the access check needs it
    import ipaddress

    IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class Region(NamedTuple):
    code: str
    name_zh: str
    name_en: str


# Every data file's text by its path under DATA ("provider-ranges/x.json"), once keep_in_memory() has read them.
_in_memory: dict[str, str] | None = None


def read_text(name: str) -> str:
    """A data file's text (from memory after keep_in_memory())."""
    if _in_memory is not None:
        try:
            return _in_memory[name.replace(os.sep, "/")]
        except KeyError:
            raise FileNotFoundError(f"no data file {name!r} in the checker's package") from None
    with open(os.path.join(DATA, name), encoding="utf-8") as file:
        return file.read()


def list_data(folder: str) -> list[str]:
    """The names of the data files in a folder under DATA (from memory after keep_in_memory())."""
    if _in_memory is None:
        return os.listdir(os.path.join(DATA, folder))
    prefix = folder.rstrip("/") + "/"
    return [name[len(prefix) :] for name in _in_memory if name.startswith(prefix) and "/" not in name[len(prefix) :]]


def keep_in_memory() -> int:
    """Read every data file into memory and read none from disk again; the number of characters kept.

    For the browser's memory snapshot (scripts/make_snapshot.mjs): a Pyodide restored from it has the checker's
    modules and tables in memory but not the files they came from, so any table not loaded yet must not need
    them."""
    global _in_memory
    files: dict[str, str] = {}
    for folder, _, names in os.walk(DATA):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as file:
                files[os.path.relpath(path, DATA).replace(os.sep, "/")] = file.read()
    _in_memory = files
    return sum(map(len, files.values()))


def read_json(name: str) -> Any:
    """A JSON data file (written from its TOML source by scripts/update_catalogue.py: the catalogue of findings,
    the wizard's tree, the words). Pyodide parses JSON in C in milliseconds; a TOML parser would cost hundreds."""
    return json.loads(read_text(name))


def rows(name: str) -> list[list[str]]:
    """A tab-separated data file's rows, without its comment lines (the header naming its source)."""
    return [cells for _, cells in _numbered_rows(read_text(name), name)]


def _numbered_rows(text: str, name: str, columns: int | None = None) -> list[tuple[int, list[str]]]:
    """A tab-separated table's rows with their line numbers, less its comment lines; with `columns`, a row of
    another width stops with ValueError naming its line."""
    found = []
    for line, row in enumerate(text.splitlines(), 1):
        if row and not row.startswith("#"):
            cells = row.split("\t")
            if columns is not None and len(cells) != columns:
                raise _bad_row(name, line, f"{len(cells)} columns, not {columns}")
            found.append((line, cells))
    return found


@functools.cache
def _region_names() -> dict[str, str]:
    """Code → "name_zh<TAB>name_en", every row of the table. Regions are made on lookup: building ~7,000 of them
    up front costs the browser tens of milliseconds at the first check."""
    return dict(row.split("\t", 1) for row in read_text("regions.tsv").splitlines() if row and row[0] != "#")


@functools.cache
def provinces() -> dict[str, Region]:
    """The 34 provinces, regions, municipalities and special administrative regions, by 2-digit code."""
    return {code: Region(code, *names.split("\t")) for code, names in _region_names().items() if len(code) == 2}


def province(code: str) -> Region | None:
    """The province of a 6-digit (or longer) code, by its first two digits."""
    return provinces().get(code[:2])


def region(code: str) -> Region | None:
    """The prefecture or county with this 6-digit code, or None when the table does not know it."""
    names = _region_names().get(code[:6]) if len(code) >= 6 else None
    return Region(code[:6], *names.split("\t")) if names else None


class Abbreviation(NamedTuple):
    abbreviation: str  # the province's short name a filing number starts with: "粤"
    province: str  # its GB/T 2260 code, 2 digits: "44"
    use: str  # "observed", "unobserved", "placeholder" or "not-mainland" (the file's header says what each means)


ABBREVIATION_USES = ("observed", "unobserved", "placeholder", "not-mainland")


@functools.cache
def province_abbreviations() -> dict[str, Abbreviation]:
    """The provinces' short names by which ICP and public-security filing numbers begin, each with its province's
    code and how filing numbers use it (checker/data/province-abbreviations.tsv)."""
    return {short: Abbreviation(short, code, use) for short, code, use in rows("province-abbreviations.tsv")}


class Category(NamedTuple):
    authority: str
    category: str  # "" for the registration authority itself
    name_zh: str
    name_en: str


@functools.cache
def uscc_categories() -> dict[tuple[str, str], Category]:
    """(authority, category) → its names, from GB 32100 Annex A; ("9", "") is the authority itself."""
    return {(a, c): Category(a, c, zh, en) for a, c, zh, en in rows("uscc-categories.tsv")}


class Country(NamedTuple):
    alpha3: str
    numeric: str
    name_en: str
    name_zh: str


@functools.cache
def countries() -> dict[str, Country]:
    """ISO 3166-1 countries, by alpha-3 code and by numeric code."""
    table = {}
    for alpha3, numeric, en, zh in rows("countries.tsv"):
        country = Country(alpha3, numeric, en, zh)
        table[alpha3] = table[numeric] = country
    return table


class AreaCode(NamedTuple):
    code: str  # after the trunk 0: "10", "755"
    lengths: tuple[int, ...]  # local-number lengths in use there
    place_zh: str
    place_en: str


@functools.cache
def area_codes() -> dict[str, AreaCode]:
    """Mainland landline area codes (without the trunk 0), from phonenumbers' metadata."""
    return {
        code: AreaCode(code, tuple(int(n) for n in lengths.split(",")), zh, en)
        for code, lengths, zh, en in rows("area-codes.tsv")
    }


class Segment(NamedTuple):
    segment: str  # the prefix: the 3-digit segment "138", or a longer one phonenumbers tells apart ("17400")
    kind: str  # "voice", "data" (no calls or texts), "virtual" (virtual operator) or "unassigned"
    carrier_zh: str
    carrier_en: str


@functools.cache
def mobile_segments() -> dict[str, Segment]:
    """Mobile prefixes with their kind and carrier, from phonenumbers and the filing rules: every segment
    130–199, and the longer prefixes (4 or 5 digits) where phonenumbers tells a segment's numbers apart."""
    return {segment: Segment(segment, kind, zh, en) for segment, kind, zh, en in rows("mobile-segments.tsv")}


@functools.cache
def _longest_mobile_prefix() -> int:
    return max(map(len, mobile_segments()))


def mobile_segment(number: str) -> Segment | None:
    """The row of the longest prefix of the number (its digits) in the mobile table, or None."""
    table = mobile_segments()
    for length in range(min(len(number), _longest_mobile_prefix()), 2, -1):
        segment = table.get(number[:length])
        if segment is not None:
            return segment
    return None


@functools.cache
def filing_suffixes() -> frozenset[str]:
    """Domain suffixes accepted for ICP filing (without the leading dot; Chinese ones in Unicode)."""
    return frozenset(row[0].lstrip(".").lower() for row in rows("filing-suffixes.txt"))


class NameWord(NamedTuple):
    rule: str  # "reserved-prefix", "personal-avoid", "commercial" or "approval"
    word: str
    category: str  # for "approval": the key of its content category (content_categories()); "" otherwise
    source: str  # the id of its source, declared in the file's header ("icp-rules", "tencent")


NAME_RULES = ("reserved-prefix", "personal-avoid", "commercial", "approval")


@functools.cache
def website_name_words() -> tuple[NameWord, ...]:
    """Words in website names that reviewers look at (checker/data/website-name-words.tsv), each with its source;
    an approval word names its content category. A malformed row stops with ValueError naming its line."""
    return parse_website_name_words(read_text("website-name-words.tsv"), content_categories())


def parse_website_name_words(text: str, categories: dict[str, ContentCategory]) -> tuple[NameWord, ...]:
    name = "website-name-words.tsv"
    found = []
    for line, row in _numbered_rows(text, name, len(NameWord._fields)):
        word = NameWord(*row)
        if word.rule not in NAME_RULES:
            raise _bad_row(name, line, f"rule {word.rule!r} is none of {', '.join(NAME_RULES)}")
        if not word.word or not word.source:
            raise _bad_row(name, line, "a row needs its word and its source")
        if (word.rule == "approval") != bool(word.category) or (word.category and word.category not in categories):
            raise _bad_row(name, line, f"category {word.category!r}: an approval word names a content category")
        found.append(word)
    return tuple(found)


class ProviderRanges(NamedTuple):
    key: str  # the file's name: "tencent-cloud"
    provider: str
    source: str  # where the list comes from, and its version (a date)
    date: str  # that version as an ISO date: "2026-10-05"
    derivation: str  # how the source made it (mainland and overseas regions are mixed)
    networks: tuple[IPNetwork, ...]  # in the file's order


@functools.cache
def provider_ranges(key: str) -> ProviderRanges:
    """An access provider's announced address ranges (checker/data/provider-ranges/KEY.json), for the access
    check (inspected item 4). FileNotFoundError names a provider without a file."""
    import ipaddress  # here, not at the top: only the access check needs it
    import json

    data = json.loads(read_text(os.path.join("provider-ranges", f"{key}.json")))
    networks = tuple(ipaddress.ip_network(cidr) for cidr in data["cidrs"])
    version = str(data["source_version"])
    return ProviderRanges(
        key,
        data["provider"],
        f"{data['source']}, version {version}",
        f"{version[:4]}-{version[4:6]}-{version[6:]}",
        data["derivation"],
        networks,
    )


@functools.cache
def provider_names() -> dict[str, dict[str, str]]:
    """Each access provider's names, ``{"en": "Tencent Cloud", "zh": "腾讯云"}``, by the key of its ranges file
    (checker/data/providers.tsv): the form in which a finding's message shows each language its own."""
    return {key: {"en": en, "zh": zh} for key, en, zh in rows("providers.tsv")}


def providers() -> list[str]:
    """The keys of the providers whose ranges are shipped."""
    return sorted(name[:-5] for name in list_data("provider-ranges") if name.endswith(".json"))


# --- the fixed lists of a filing (what the self-check's lists offer) ------------------------------------


class EntityType(NamedTuple):
    miit_code: int
    key: str
    name_zh: str
    name_en: str
    documents: str  # "unit" or "person"
    uscc_categories: tuple[str, ...]


@functools.cache
def entity_types() -> dict[str, EntityType]:
    """MIIT's entity types by key (checker/data/entity-types.tsv)."""
    return {
        key: EntityType(int(code), key, zh, en, documents, tuple(filter(None, categories.split(","))))
        for code, key, zh, en, documents, categories in rows("entity-types.tsv")
    }


class ContentCategory(NamedTuple):
    key: str
    name_zh: str
    name_en: str
    other_names: tuple[str, ...]  # the other Chinese names filers type for it (网约车, 游戏 …)
    status: str  # "live" (the approval is needed) or "abolished"
    since: str  # abolished: the year its source gives ("2015"); "" when the source gives none
    authority_zh: str  # who grants the approval (for an abolished one: who granted it)
    authority_en: str
    licence_zh: str  # the document granted; "" when the source names none
    licence_en: str
    abolished_by_zh: str  # abolished: the decision that abolished it, as the source names it; "" when it names none
    abolished_by_en: str
    source: str  # where the row comes from (a repository path at a commit)
    source_date: str  # ISO date of that source as read (the file's header says which date it is)


APPROVAL_STATUSES = ("live", "abolished")


@functools.cache
def content_categories() -> dict[str, ContentCategory]:
    """Content that needs (or, abolished, needed) a competent authority's approval before filing, 前置审批
    (checker/data/content-categories.tsv), by key. A malformed row stops with ValueError naming its line."""
    return parse_content_categories(read_text("content-categories.tsv"))


def parse_content_categories(text: str) -> dict[str, ContentCategory]:
    """The table's rows, each checked: a status of APPROVAL_STATUSES, a source and its ISO date; a live row names
    its authority and neither a year nor a decision; a year is 4 digits; both languages or neither."""
    name = "content-categories.tsv"
    found: dict[str, ContentCategory] = {}
    for line, row in _numbered_rows(text, name, len(ContentCategory._fields)):
        key, zh, en, others, *rest = row
        category = ContentCategory(key, zh, en, tuple(filter(None, others.split("、"))), *rest)
        if not (key and zh and en) or key in found:
            raise _bad_row(name, line, "a row needs a key of its own and its names")
        if category.status not in APPROVAL_STATUSES:
            raise _bad_row(name, line, f"status {category.status!r} is none of {', '.join(APPROVAL_STATUSES)}")
        if not category.source:
            raise _bad_row(name, line, "a row needs its source")
        try:
            datetime.date.fromisoformat(category.source_date)
        except ValueError:
            raise _bad_row(name, line, f"source_date {category.source_date!r} is not an ISO date") from None
        if category.since and not (len(category.since) == 4 and category.since.isdigit()):
            raise _bad_row(name, line, f"since {category.since!r} is not a year")
        for field in ("authority", "licence", "abolished_by"):
            if bool(getattr(category, f"{field}_zh")) != bool(getattr(category, f"{field}_en")):
                raise _bad_row(name, line, f"{field} in one language only")
        if category.status == "live" and (category.since or category.abolished_by_en or not category.authority_en):
            raise _bad_row(name, line, "a live approval names its authority, and no year or decision abolishing it")
        found[key] = category
    return found


def _bad_row(name: str, line: int, problem: str) -> ValueError:
    return ValueError(f"checker/data/{name}, line {line}: {problem}")


class DocumentType(NamedTuple):
    key: str
    name_zh: str
    name_en: str
    other_names: tuple[str, ...]  # the other Chinese names filers type for it (身份证, 营业执照, 台胞证 …)


@functools.cache
def document_types() -> dict[str, DocumentType]:
    """The documents a filing may name, by key, with their names (checker/data/document-types.tsv)."""
    return {
        key: DocumentType(key, zh, en, tuple(filter(None, others.split("、"))))
        for key, zh, en, others in rows("document-types.tsv")
    }
