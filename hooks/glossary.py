"""The glossary of filing terms (checker/data/words/site-glossary.toml): loading, checking and per-language views.

Shared by the build hooks (not itself a hook): `provider.py` hands the entries to page templates, which
render the glossary page, and `tooltips.py` turns the terms into <abbr> tooltips. A malformed entry stops the
build with a message naming it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from checker import words
from languages import LANGUAGES

# The glossary's words domain (checker.words: checker/data/words/site-glossary.toml, its terms an array of tables).
DOMAIN = "site-glossary"


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the entry and what is wrong."""


@dataclass(frozen=True)
class Term:
    names: dict[str, str]  # the term in each language
    definition: dict[str, str]  # one line in each language
    abbr: dict[str, tuple[str, ...]]  # words in page text that get the definition as a tooltip
    pinyin: str = ""

    def view(self, language: str) -> dict[str, str]:
        """The term as a page in `language` shows it: its name there, both names and the definition."""
        return {
            "term": self.names[language],
            "en": self.names["en"],
            "zh": self.names["zh"],
            "pinyin": self.pinyin,
            "definition": self.definition[language],
        }


def parse(entries: object, source: str = "glossary") -> tuple[Term, ...]:
    """Check the raw terms (each a table: `term` and `definition` a text per language, `pinyin`, `abbr`) and
    turn them into Terms."""
    if not isinstance(entries, list) or not entries:
        raise GlossaryError(f"{source}: expected a non-empty list of terms")
    terms = []
    for number, entry in enumerate(entries, 1):
        where = f"{source}: entry {number}"
        if not isinstance(entry, dict):
            raise GlossaryError(f"{where}: expected a mapping")
        unknown = set(entry) - {"term", "pinyin", "definition", "abbr"}
        if unknown:
            raise GlossaryError(f"{where}: unknown keys {sorted(unknown)}")
        term = entry.get("term")
        if not isinstance(term, dict):
            raise GlossaryError(f"{where}: term must have {' and '.join(LANGUAGES)}")
        names = {lang: _text(term.get(lang), f"{where}: term.{lang}") for lang in LANGUAGES}
        where = f"{source}: {names['en']!r}"
        definition = entry.get("definition")
        if not isinstance(definition, dict):
            raise GlossaryError(f"{where}: definition must have {' and '.join(LANGUAGES)}")
        definition = {lang: _text(definition.get(lang), f"{where}: definition.{lang}") for lang in LANGUAGES}
        abbr = entry.get("abbr") or {}
        if not isinstance(abbr, dict) or set(abbr) - set(LANGUAGES):
            raise GlossaryError(f"{where}: abbr must map {' / '.join(LANGUAGES)} to lists of words")
        words = {}
        for lang in LANGUAGES:
            listed = abbr.get(lang, [names[lang]])
            if not isinstance(listed, list):
                raise GlossaryError(f"{where}: abbr.{lang} must be a list")
            words[lang] = tuple(_text(word, f"{where}: abbr.{lang}") for word in listed)
        terms.append(Term(names, definition, words, str(entry.get("pinyin") or "")))
    _reject_duplicates(terms, source)
    return tuple(terms)


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GlossaryError(f"{where}: expected a non-empty string, got {value!r}")
    return value.strip()


def _reject_duplicates(terms: list[Term], source: str) -> None:
    for lang in LANGUAGES:
        seen: dict[str, str] = {}
        for term in terms:
            for word in (term.names[lang], *term.abbr[lang]):
                key = word.casefold()
                owner = seen.setdefault(key, term.names["en"])
                if owner != term.names["en"]:
                    raise GlossaryError(f"{source}: {word!r} belongs to both {owner!r} and {term.names['en']!r}")


@functools.cache
def load(domain: str = DOMAIN) -> tuple[Term, ...]:
    """The glossary's terms, read once per build."""
    source = f"checker/data/words/{domain}.toml"
    try:
        raw = words.load(domain)
    except OSError as error:
        raise GlossaryError(f"cannot read the glossary {source}: {error} (run scripts/update_catalogue.py)") from error
    if not isinstance(raw, dict) or set(raw) != {"terms"}:
        raise GlossaryError(f"{source}: expected only an array of [[terms]]")
    return parse(raw["terms"], source)


def tooltips(terms: tuple[Term, ...], language: str) -> dict[str, tuple[str, str]]:
    """Every tooltip word of a language → (the term it stands for, its definition)."""
    return {word: (term.names["en"], term.definition[language]) for term in terms for word in term.abbr[language]}
