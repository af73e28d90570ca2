"""Build hook: the first use of each glossary term on a page becomes an <abbr> tooltip.

Markdown's `abbr` extension cannot do this for Chinese: it matches whole words only, and Chinese text has
no spaces between words. So this hook works on the page's HTML, for both languages alike: it walks the text
between tags, skips places where a tooltip would be wrong (headings, links, code, existing abbr), and wraps
the first occurrence of each term, longest term first. English matches whole words, ignoring case; Chinese
matches anywhere. The glossary page itself gets none: it is where the terms are defined.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

import glossary
from languages import page_language

GLOSSARY_PAGE = "glossary"
# Elements whose text must stay plain: a tooltip inside a link or a heading would steal its hover or its
# anchor text; code is literal.
SKIPPED = frozenset({"a", "abbr", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
                     "summary", "button", "label", "title", "svg"})
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")


@functools.cache
def _matcher(language: str) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    words = glossary.tooltips(glossary.load(), language)
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    if language == "en":
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        words = {word.casefold(): meaning for word, meaning in words.items()}
    else:
        pattern = re.compile(alternatives)
    return pattern, words


def add_tooltips(page_html: str, language: str) -> str:
    """Wrap the first occurrence of every glossary term of `language` in an <abbr title=definition>."""
    pattern, words = _matcher(language)
    fold = str.casefold if language == "en" else str
    used: set[str] = set()
    depth = 0  # how many skipped elements we are inside
    parts = _TAG.split(page_html)
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            match = _TAG_NAME.match(part)
            if match and match[2].lower() in SKIPPED and not part.endswith("/>"):
                depth += -1 if match[1] else 1
                depth = max(depth, 0)
            continue
        if depth or not part.strip():
            continue

        def wrap(found: re.Match[str]) -> str:
            term, definition = words[fold(found[0])]
            if term in used:
                return found[0]
            used.add(term)
            return f'<abbr title="{html.escape(definition)}">{found[0]}</abbr>'

        parts[index] = pattern.sub(wrap, part)
    return "".join(parts)


def on_page_content(page_html: str, page: Any, config: Any, files: Any) -> str:
    stem = page.file.src_uri.split(".")[0]
    if stem == GLOSSARY_PAGE:
        return page_html
    return add_tooltips(page_html, page_language(page, config))
