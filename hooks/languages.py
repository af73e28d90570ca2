"""The site's languages, and how a hook tells which one a page is in.

Shared by the build hooks (not itself a hook). A configurable value may be one string for every language
or a mapping with one entry per language; `localize` picks the page's one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

LANGUAGES = ("en", "zh")
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
    return isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip()
                                           for lang in LANGUAGES)


def read_words(path: Path) -> dict[str, dict[str, str]]:
    """A page's word list (data/*.yml: key → {en: ..., zh: ...}), checked: every key a text in each language;
    a PluginError naming the file and the key otherwise, so the build stops."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise PluginError(f"{path.name}: needs a mapping of keys to texts")
    for key, value in data.items():
        if not is_text_in_every_language(value):
            raise PluginError(f"{path.name}: {key} needs a text in each of {', '.join(LANGUAGES)}")
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
