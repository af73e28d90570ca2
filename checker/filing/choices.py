"""Values of the fixed lists a filing names (entity type, document type, content category, material, province),
read the way filers type them: by key, or by a name in Chinese as the provider consoles name it, simplified or
traditional (企业, 廣東省, 身份证, 营业执照, 新闻, 核验单), or in English. And those lists in words for a message.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from checker import _tables, materials, words
from checker.filing.model import DOCUMENTS


@functools.cache
def _traditional() -> dict[int, str]:
    """Traditional character → its simplified form, for the names a filing is read with (the table's source:
    OpenCC's TSCharacters.txt)."""
    return {ord(traditional): simplified for traditional, simplified in _tables.rows("traditional-characters.tsv")}


def _folded(value: str) -> str:
    """A name as it is compared with the names of a list: simplified script, NFKC (full-width brackets and
    letters as ASCII), case-folded, inner runs of spaces made one."""
    return " ".join(unicodedata.normalize("NFKC", value.translate(_traditional())).casefold().split())


def _choices(kind: str) -> list[tuple[str, ...]]:
    """The values of a fixed list ("entity", "document", "content", "materials"), each as (key, Chinese name,
    the other names it may be typed as …)."""
    if kind == "entity":
        return [(t.key, t.name_zh, t.name_en) for t in _tables.entity_types().values()]
    if kind == "document":
        return [(d.key, d.name_zh, d.name_en, *d.other_names) for d in _tables.document_types().values()]
    if kind == "content":
        return [(c.key, c.name_zh, c.name_en, *c.other_names) for c in _tables.content_categories().values()]
    # materials: also the Chinese name without its explanation in brackets (核验单, 单位证件)
    return [(m.key, m.name_zh, m.name_zh.split("（")[0], m.name_en) for m in materials.materials().values()]


@functools.cache
def _names_to_keys(kind: str) -> dict[str, str]:
    """Every name a value of a fixed list may be typed as (its key and every name of `_choices`), folded, → its
    key."""
    found: dict[str, str] = {}
    for key, *names in _choices(kind):
        for name in (key, *names):
            found.setdefault(_folded(name), key)
    return found


@functools.lru_cache(maxsize=1024)  # bounded: a batch may hold any text here
def key_of(kind: str, value: str) -> str:
    """The key of a value of a fixed list ("entity", "document", "content", "materials") typed as its key or as
    one of its names, in either script: 企业 → enterprise, 身份证 and 居民身份證 → resident-id, 新闻 → news, 网约车 →
    ride-hailing, 核验单 → verification-form. A value that is none of them comes back stripped and lower-cased, to be
    reported.

    >>> key_of("entity", " 事業單位 "), key_of("document", "营业执照"), key_of("document", "Resident ID card")
    ('public-institution', 'uscc', 'resident-id')
    """
    key = value.strip().lower()
    if not key or key in _keys(kind):
        return key  # empty, or typed as its key as the page's lists send it: no table of names is read
    return _names_to_keys(kind).get(_folded(value), key)


def _keys(kind: str) -> Mapping[str, Any]:
    """The keys of a fixed list."""
    if kind == "entity":
        return _tables.entity_types()
    if kind == "document":
        return DOCUMENTS
    if kind == "content":
        return _tables.content_categories()
    return materials.materials()


@functools.cache  # fixed lists: the same words every time a message names them
def known_names(kind: str) -> dict[str, str]:
    """The values of a fixed list for a message: the keys in English, the Chinese names in Chinese (documents:
    those a filing may name)."""
    tables: dict[str, Callable[[], Mapping[str, Any]]] = {
        "entity": _tables.entity_types,
        "document": _tables.document_types,
        "content": _tables.content_categories,
    }
    records = tables.get(kind, materials.materials)().values()
    return words.joined(
        [
            words.by_language(record, "name", en=record.key)
            for record in records
            if kind != "document" or record.key in DOCUMENTS
        ]
    )


def _document_names(keys: Sequence[str]) -> dict[str, str]:
    """Document keys for a message: as keys in English, by their Chinese names in Chinese."""
    types = _tables.document_types()
    return words.joined([words.by_language(types[key], "name", en=key) if key in types else key for key in keys])


@functools.lru_cache(maxsize=256)  # bounded: a batch may hold any text here
def province_code(value: str) -> str | None:
    """The 2-digit code of a province given as its code, its Chinese name (with or without 省/市/自治区, in
    simplified or traditional script: 广东省, 廣東) or its English name; None when it is none of these."""
    value = value.strip()
    provinces = _tables.provinces()
    if value.isdigit() and (len(value) == 2 or (len(value) == 6 and value.endswith("0000"))):
        return value[:2] if value[:2] in provinces else None
    found = _province_named(value, provinces)
    if found is None and not value.isascii():  # the traditional script's table is read only when needed
        simplified = value.translate(_traditional())
        found = _province_named(simplified, provinces) if simplified != value else None
    return found


def _province_named(value: str, provinces: Mapping[str, Any]) -> str | None:
    folded = value.casefold()
    for code, region in provinces.items():
        if (
            folded == region.name_en.casefold()
            or value == region.name_zh
            or (len(value) >= 2 and region.name_zh.startswith(value))
        ):
            return code
    return None


@functools.cache
def _answer_words() -> dict[str, str]:
    return {word: answer for answer, spelled in _tables.rows("answers.tsv") for word in spelled.split()}


# A date as IDs print it and filers type it: 2031-05-01, 2031.05.01, 2031/5/1, 20310501, 2031年5月1日.
# (The characters 年, 月 and 日 written as escapes: the checker's Python holds no Chinese words, tests/test_words.py.)
_DATE = re.compile(r"(\d{4})\s*(?:[-./\u5e74]\s*(\d{1,2})\s*[-./\u6708]\s*(\d{1,2})\s*\u65e5?|(\d{2})(\d{2}))(?!\d)")


def yes_or_no(value: str) -> str | None:
    """ "yes" or "no" for a yes-or-no answer typed in any of the ways answers.tsv lists (Y, true, in Chinese too …),
    "" for no answer, None for text that is neither.

    >>> yes_or_no(" Yes "), yes_or_no("n"), yes_or_no(""), yes_or_no("maybe")
    ('yes', 'no', '', None)
    """
    folded = value.strip().casefold()
    answer = _answer_words().get(folded)
    return "" if not folded else answer if answer in ("yes", "no") else None


def expiry_date(value: str) -> datetime.date | Literal["long-term"] | None:
    """The last day an ID is valid, as typed: a date in any of the usual forms, the last one when the card's
    whole period is typed ("2021.05.01-2041.05.01"); "long-term" for the words answers.tsv lists; None when
    unreadable.

    >>> expiry_date("2021.05.01-2041.05.01"), expiry_date("long-term"), expiry_date("20310501"), expiry_date("soon")
    (datetime.date(2041, 5, 1), 'long-term', datetime.date(2031, 5, 1), None)
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if _answer_words().get(text.casefold()) == "long-term" or text.casefold().endswith(
        tuple(word for word, answer in _answer_words().items() if answer == "long-term")
    ):
        return "long-term"
    found = _DATE.findall(text)
    if not found:
        return None
    year, month, day, month_compact, day_compact = found[-1]
    try:
        return datetime.date(int(year), int(month or month_compact), int(day or day_compact))
    except ValueError:
        return None
