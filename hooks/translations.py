"""Build hook: every page exists in every language, or the build stops.

Pages are written side by side as `page.md` (English) and `page.zh.md` (Chinese). The i18n plugin would
quietly leave a page out of one language; this hook names the missing file instead.

It also silences one warning of the i18n plugin, which `--strict` would turn into a failed build: that its
page-keeping language switcher does not survive Material's instant navigation. Material handles that case
itself: on a click on the switcher it maps the current page through each language's sitemap.xml (which the
i18n plugin writes with the alternates). The browser tests switch language after an instant navigation.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from languages import DEFAULT_LANGUAGE, LANGUAGES

INSTANT_NAVIGATION_WARNING = "language switcher contextual link is not compatible"


def _not_the_instant_navigation_warning(record: logging.LogRecord) -> bool:
    return INSTANT_NAVIGATION_WARNING not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_not_the_instant_navigation_warning)


def page_key(relative: str) -> tuple[str, str]:
    """`faq/a.zh.md` → (`faq/a`, `zh`); `faq/a.md` → (`faq/a`, `en`)."""
    stem = relative[: -len(".md")]
    head, dot, suffix = stem.rpartition(".")
    if dot and suffix in LANGUAGES:
        return head, suffix
    return stem, DEFAULT_LANGUAGE


def missing_translations(docs_dir: Path) -> list[str]:
    """The page files that should exist, because another language has that page, and do not."""
    pages: dict[str, set[str]] = {}
    for path in docs_dir.rglob("*.md"):
        stem, language = page_key(path.relative_to(docs_dir).as_posix())
        pages.setdefault(stem, set()).add(language)
    return sorted(
        stem + ("" if language == DEFAULT_LANGUAGE else f".{language}") + ".md"
        for stem, languages in pages.items()
        for language in set(LANGUAGES) - languages
    )


def on_config(config: Any) -> Any:
    missing = missing_translations(Path(config.docs_dir))
    if missing:
        raise PluginError(f"these translations are missing from {config.docs_dir}: {', '.join(missing)}")
    return config
