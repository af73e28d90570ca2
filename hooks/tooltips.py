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
from html.parser import HTMLParser
from typing import Any

import glossary
from languages import page_language

GLOSSARY_PAGE = "glossary"
# Elements whose text must stay plain: a tooltip inside a link or a heading would steal its hover or its
# anchor text; code is literal.
SKIPPED = frozenset(
    {
        "a",
        "abbr",
        "code",
        "pre",
        "kbd",
        "script",
        "style",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "summary",
        "button",
        "label",
        "title",
        "svg",
    }
)


class _Tokens(HTMLParser):
    """A page's HTML cut into its tags and the text between them, each piece as written (so joining the pieces
    gives the page back): (kind, tag name, raw text), kind one of "start", "end", "text", "other" (a self-closing
    tag, a comment, a declaration)."""

    def __init__(self, page_html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._starts: list[tuple[int, str, str]] = []  # where each piece starts, its kind and tag name
        self._lines = [0] + [newline.end() for newline in re.finditer("\n", page_html)]
        self.feed(page_html)
        self.close()
        if self._starts and self._starts[0][0]:
            self._starts.insert(0, (0, "text", ""))
        ends = [start for start, _, _ in self._starts[1:]] + [len(page_html)]
        self.pieces: list[tuple[str, str, str]] = []
        for (start, kind, name), end in zip(self._starts, ends, strict=True):
            if kind == "text" and self.pieces and self.pieces[-1][0] == "text":  # one run of text, one piece
                self.pieces[-1] = ("text", "", self.pieces[-1][2] + page_html[start:end])
            else:
                self.pieces.append((kind, name, page_html[start:end]))
        if not self._starts:
            self.pieces.append(("text", "", page_html))

    def _piece(self, kind: str, name: str = "") -> None:
        line, column = self.getpos()  # where the piece being handled starts
        self._starts.append((self._lines[line - 1] + column, kind, name))

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._piece("start", tag)

    def handle_endtag(self, tag: str) -> None:
        self._piece("end", tag)

    def handle_data(self, data: str) -> None:
        self._piece("text")

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        self._piece("other", tag)

    def handle_comment(self, data: str) -> None:
        self._piece("other")

    def handle_decl(self, decl: str) -> None:
        self._piece("other")

    def handle_pi(self, data: str) -> None:
        self._piece("other")

    def unknown_decl(self, data: str) -> None:
        self._piece("other")


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
    pieces = _Tokens(page_html).pieces
    parts = [part for _, _, part in pieces]
    for index, (kind, name, part) in enumerate(pieces):
        if kind in ("start", "end"):
            if name in SKIPPED:
                depth += 1 if kind == "start" else -1
                depth = max(depth, 0)
            continue
        if kind == "other" or depth or not part.strip():
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
