"""The site's languages (`checker.words.LANGUAGES`, the one list), and how a hook tells which one a page is in.

Shared by the build hooks (not itself a hook). A configurable value may be one string for every language
or a mapping with one entry per language; `localize` picks the page's one. A page's words are a domain of
`checker.words` (checker/data/words/site-*.toml, the site's own: not in the checker's wheel).
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from checker import words
from checker.words import LANGUAGES

DEFAULT_LANGUAGE = "en"


def page_language(page: Any, config: Any) -> str:
    """The language a page is built in: the i18n plugin's file locale, else the theme's language."""
    locale = getattr(page.file, "locale", None) or config.theme["language"] or DEFAULT_LANGUAGE
    language = str(locale).split("-")[0].split("_")[0]
    if language not in LANGUAGES:
        raise ValueError(f"page {page.file.src_uri} is in {locale!r}, not one of {', '.join(LANGUAGES)}")
    return language


def is_localized(value: Any) -> bool:
    """Whether a value is a per-language mapping such as {en: Tencent Cloud, zh: 腾讯云}."""
    return isinstance(value, dict) and set(value) == set(LANGUAGES)


def is_text_in_every_language(value: Any) -> bool:
    """Whether a value is a text, not blank, in each language: {en: "Back", zh: "上一步"}."""
    return isinstance(value, dict) and all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
    )


def read_words(domain: str, groups: tuple[str, ...] = ()) -> Any:
    """A page's words (`checker.words.load`: checker/data/words/<domain>.toml, key → {en = ..., zh = ...}, or in
    `groups` of such tables), checked by `check_words`, so the build stops naming the file and the key."""
    source = f"checker/data/words/{domain}.toml"
    try:
        data = words.load(domain)
    except OSError as error:
        raise PluginError(f"{source}: cannot read its words ({error}): run scripts/update_catalogue.py") from error
    return check_words(data, source, groups)


def check_words(data: Any, source: str, groups: tuple[str, ...] = ()) -> Any:
    """Words checked: every key a text in each language (in each of `groups`, when the words come in groups); a
    PluginError naming `source` and the key otherwise."""
    if groups:
        if not isinstance(data, dict) or any(not isinstance(data.get(group), dict) for group in groups):
            raise PluginError(f"{source}: needs the groups {', '.join(groups)}, each a table of words")
        tables = {f"{group}.": entries for group, entries in data.items()}
    else:
        if not isinstance(data, dict) or not data:
            raise PluginError(f"{source}: needs a table of keys to texts")
        tables = {"": data}
    for prefix, entries in tables.items():
        for key, value in entries.items():
            if not is_text_in_every_language(value):
                raise PluginError(f"{source}: {prefix}{key} needs a text in each of {', '.join(LANGUAGES)}")
    return data


def localize(value: Any, language: str) -> Any:
    """Resolve per-language mappings anywhere inside a value to the given language."""
    if is_localized(value):
        return value[language]
    if isinstance(value, dict):
        return {key: localize(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [localize(item, language) for item in value]
    return value
