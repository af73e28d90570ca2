"""The terminology table (checker/data/words/site-glossary.toml): loading, checking and per-language views.

One table of terms serves three uses. The rows with a definition are the glossary: `provider.py` hands them to
page templates, which render the glossary page, and `tooltips.py` turns them into <abbr> tooltips (`load`). Every
row, with a definition or not, is also a rule of the terms check (`table`, read by `terminology.py`): the variants
it says to avoid, the phrases that contain one and are fine, and why. Shared by the build hooks (not itself a
hook). A malformed row stops the build with a message naming it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from checker import words
from languages import LANGUAGES

# The glossary's words domain (checker.words: checker/data/words/site-glossary.toml, its terms an array of tables).
DOMAIN = "site-glossary"
# Per-language lists of words a row may have beside its tooltip words (`abbr`).
LISTS = ("synonyms", "avoid", "except", "first_use")
KEYS = {"term", "pinyin", "definition", "abbr", "why", *LISTS}


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the entry and what is wrong."""


def _none() -> dict[str, tuple[str, ...]]:
    return {lang: () for lang in LANGUAGES}


@dataclass(frozen=True)
class Term:
    names: dict[str, str]  # the preferred term in each language
    definition: dict[str, str] | None  # one line in each language; None for a usage rule only
    abbr: dict[str, tuple[str, ...]]  # words in page text that get the definition as a tooltip
    pinyin: str = ""
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=_none)  # other words search finds the term by
    avoid: dict[str, tuple[str, ...]] = field(default_factory=_none)  # variants no text may use
    excepted: dict[str, tuple[str, ...]] = field(default_factory=_none)  # phrases with a variant that are fine
    why: dict[str, str] | None = None  # why the term is preferred (required with `avoid` and `first_use`)
    first_use: dict[str, tuple[str, ...]] = field(default_factory=_none)  # how a page writes its first use

    def view(self, language: str) -> dict[str, object]:
        """The term as a page in `language` shows it: its name there, both names, the definition, the synonyms and
        the variants to avoid in that language."""
        return {
            "term": self.names[language],
            "en": self.names["en"],
            "zh": self.names["zh"],
            "pinyin": self.pinyin,
            "definition": self.definition[language] if self.definition else "",
            "synonyms": list(self.synonyms[language]),
            "avoid": list(self.avoid[language]),
        }


def parse(entries: object, source: str = "glossary") -> tuple[Term, ...]:
    """Check the raw rows (each a table: `term` a text per language; `definition` and `why` a text per language or
    none; `pinyin`; `abbr`, `synonyms`, `avoid` and `except` lists of words per language) and turn them into
    Terms."""
    if not isinstance(entries, list) or not entries:
        raise GlossaryError(f"{source}: expected a non-empty list of terms")
    terms = []
    for number, entry in enumerate(entries, 1):
        where = f"{source}: entry {number}"
        if not isinstance(entry, dict):
            raise GlossaryError(f"{where}: expected a mapping")
        unknown = set(entry) - KEYS
        if unknown:
            raise GlossaryError(f"{where}: unknown keys {sorted(unknown)}")
        term = entry.get("term")
        if not isinstance(term, dict):
            raise GlossaryError(f"{where}: term must have {' and '.join(LANGUAGES)}")
        names = {lang: _text(term.get(lang), f"{where}: term.{lang}") for lang in LANGUAGES}
        where = f"{source}: {names['en']!r}"
        definition = _texts(entry, "definition", where)
        why = _texts(entry, "why", where)
        lists = {key: _lists(entry, key, where) for key in LISTS}
        if definition is None:
            if "abbr" in entry or "pinyin" in entry:
                raise GlossaryError(f"{where}: abbr and pinyin need a definition (a row without one is a usage rule)")
            if not any(lists["avoid"].values()):
                raise GlossaryError(f"{where}: a row without a definition must say what to avoid")
        for key in ("avoid", "first_use"):
            if any(lists[key].values()) and why is None:
                raise GlossaryError(f"{where}: {key} needs why")
        for lang in LANGUAGES:
            for phrase in lists["first_use"][lang]:
                if names[lang] not in phrase:
                    raise GlossaryError(f"{where}: first_use.{lang} {phrase!r} does not hold the term {names[lang]!r}")
        listed = _lists(entry, "abbr", where, {lang: [names[lang]] for lang in LANGUAGES})
        terms.append(
            Term(
                names,
                definition,
                listed,
                str(entry.get("pinyin") or ""),
                lists["synonyms"],
                lists["avoid"],
                lists["except"],
                why,
                lists["first_use"],
            )
        )
    _reject_duplicates(terms, source)
    _reject_conflicting_variants(terms, source)
    return tuple(terms)


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GlossaryError(f"{where}: expected a non-empty string, got {value!r}")
    return value.strip()


def _texts(entry: dict[str, object], key: str, where: str) -> dict[str, str] | None:
    """A text per language (`definition`, `why`), or None when the row has none."""
    if key not in entry:
        return None
    value = entry[key]
    if not isinstance(value, dict):
        raise GlossaryError(f"{where}: {key} must have {' and '.join(LANGUAGES)}")
    return {lang: _text(value.get(lang), f"{where}: {key}.{lang}") for lang in LANGUAGES}


def _lists(
    entry: dict[str, object], key: str, where: str, default: dict[str, list[str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """Lists of words per language (`abbr`, `synonyms`, `avoid`, `except`); a language left out has `default`'s."""
    value = entry.get(key) or {}
    if not isinstance(value, dict) or set(value) - set(LANGUAGES):
        raise GlossaryError(f"{where}: {key} must map {' / '.join(LANGUAGES)} to lists of words")
    found = {}
    for lang in LANGUAGES:
        listed = value.get(lang, (default or {}).get(lang, []))
        if not isinstance(listed, list):
            raise GlossaryError(f"{where}: {key}.{lang} must be a list")
        found[lang] = tuple(_text(word, f"{where}: {key}.{lang}") for word in listed)
    return found


def _reject_duplicates(terms: list[Term], source: str) -> None:
    for lang in LANGUAGES:
        seen: dict[str, str] = {}
        for term in terms:
            for word in (term.names[lang], *term.abbr[lang]):
                key = word.casefold()
                owner = seen.setdefault(key, term.names["en"])
                if owner != term.names["en"]:
                    raise GlossaryError(f"{source}: {word!r} belongs to both {owner!r} and {term.names['en']!r}")


def _reject_conflicting_variants(terms: list[Term], source: str) -> None:
    """A variant is avoided by one row only, and is never a word another row prefers or searches by."""
    for lang in LANGUAGES:
        avoided: dict[str, str] = {}
        for term in terms:
            for word in term.avoid[lang]:
                owner = avoided.setdefault(word.casefold(), term.names["en"])
                if owner != term.names["en"]:
                    raise GlossaryError(f"{source}: {word!r} is avoided by both {owner!r} and {term.names['en']!r}")
        for term in terms:
            for word in (term.names[lang], *term.abbr[lang], *term.synonyms[lang]):
                if word.casefold() in avoided:
                    raise GlossaryError(
                        f"{source}: {word!r} is a word of {term.names['en']!r} and a variant "
                        f"{avoided[word.casefold()]!r} avoids"
                    )


@functools.cache
def table(domain: str = DOMAIN) -> tuple[Term, ...]:
    """Every row of the terminology table, the usage rules without a definition included; read once per build."""
    source = f"checker/data/words/{domain}.toml"
    try:
        raw = words.load(domain)
    except OSError as error:
        raise GlossaryError(f"cannot read the glossary {source}: {error} (run scripts/update_catalogue.py)") from error
    if not isinstance(raw, dict) or set(raw) != {"terms"}:
        raise GlossaryError(f"{source}: expected only an array of [[terms]]")
    return parse(raw["terms"], source)


def load(domain: str = DOMAIN) -> tuple[Term, ...]:
    """The glossary's terms: the rows with a definition, in the table's order."""
    return tuple(term for term in table(domain) if term.definition is not None)


def tooltips(terms: tuple[Term, ...], language: str) -> dict[str, tuple[str, str]]:
    """Every tooltip word of a language → (the term it stands for, its definition)."""
    return {
        word: (term.names["en"], term.definition[language])
        for term in terms
        if term.definition is not None
        for word in term.abbr[language]
    }
