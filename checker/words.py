"""Every word a person reads, in each language the site has: one place, one format, one loader.

The words live in data files, never in code: the catalogue of findings (checker/data/findings.toml), the
wizard's tree (checker/data/remediation.toml), and the words of the interfaces, one file per domain
(checker/data/words/<domain>.toml: the report's headings, field names, character descriptions, the CLI, the
wizard; and ``site-*``, the site's own words, which the build hooks and templates read and the browser's wheel
leaves out). A word is a table with one text per language, ``{ en = "…", zh = "…" }``; a text may hold ``{name}``
placeholders (`str.format`). People edit the TOML; `scripts/update_catalogue.py` writes the JSON the checker
reads (a test keeps them equal, and fails on a word that lacks a language).

>>> text("report", "severities.warning")
{'en': 'warning', 'zh': '警告'}
>>> text("fields", "owners.website", n=2)["zh"]
'网站2'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from checker import _tables

LANGUAGES = ("en", "zh")


@functools.cache
def load(domain: str) -> dict[str, Any]:
    """A domain's words as nested tables (checker/data/words/<domain>.json), read on first use."""
    found: dict[str, Any] = _tables.read_json(f"words/{domain}.json")["words"]
    return found


def _word(domain: str, key: str) -> dict[str, str]:
    node: Any = load(domain)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"no word {key!r} in checker/data/words/{domain}.toml")
        node = node[part]
    if not (isinstance(node, dict) and set(node) == set(LANGUAGES)):
        raise KeyError(f"{key!r} in checker/data/words/{domain}.toml is a group, not a word")
    return node


def text(domain: str, key: str, **values: Any) -> dict[str, str]:
    """A word (``group.name``) in every language, its placeholders filled in with `values` (``{{`` and ``}}`` are
    braces); a value given per language (``{"en": …, "zh": …}``) gives each language its own."""
    word = _word(domain, key)
    return {
        lang: word[lang].format(
            **{name: value[lang] if isinstance(value, dict) else value for name, value in values.items()}
        )
        for lang in LANGUAGES
    }


def in_language(domain: str, key: str, lang: str, **values: Any) -> str:
    """One word in one language (`text`)."""
    return text(domain, key, **values)[lang]


def joined(items: Sequence[str | Mapping[str, str]], how: str = "series") -> dict[str, str]:
    """Items as one text per language, joined the way that language joins a list (`how`: ``series``,
    ``long_series``, ``alternatives`` or ``reports``, checker/data/words/lists.toml); an item is the same text in
    every language or one per language (``{"en": …, "zh": …}``).

    >>> joined(["8", "9"], "alternatives")
    {'en': '8 or 9', 'zh': '8或9'}
    """
    word = _word("lists", f"lists.{how}")
    return {
        lang: word[lang].join(item if isinstance(item, str) else item[lang] for item in items) for lang in LANGUAGES
    }


def by_language(record: Any, field: str, **instead: str) -> dict[str, str]:
    """Data, not words: a table row's columns ``<field>_en``, ``<field>_zh`` … as the per-language value a message
    takes (a province's ``name_en`` and ``name_zh``); `instead` gives a language another text (``en=key``: the
    key a filer types in English)."""
    return {lang: instead[lang] if lang in instead else getattr(record, f"{field}_{lang}") for lang in LANGUAGES}
