"""What `icp-check` prints: text safe for a terminal, JSON Lines, the findings' symbols; the help's language."""

from __future__ import annotations

import json
import os
import re
from typing import Any

from checker import _text

SYMBOLS = {"error": "✗", "warning": "!", "info": "i"}

# What a terminal must not receive raw from the input: control characters (C0, DEL, C1; line breaks too, a
# finding is one line), the line and paragraph separators, and the hidden characters of checker._text (format
# and bidirectional controls, surrogates …). JSON escapes C0 itself; the rest is escaped after it.
_UNSAFE_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|" + _text.HIDDEN.pattern)
_UNSAFE_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029]|" + _text.HIDDEN.pattern)
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def shown(text: str) -> str:
    """Text as printed on a terminal: control characters escaped, hidden ones named by code point.

    >>> shown("exa\\x1b[31mmple\\u202e.com\\n")
    'exa\\\\x1b[31mmple<U+202E>.com\\\\n'
    """

    def escape(match: re.Match[str]) -> str:
        point = ord(match[0])
        return _ESCAPES.get(match[0]) or (f"\\x{point:02x}" if point < 0xA0 else f"<U+{point:04X}>")

    return _UNSAFE_TEXT.sub(escape, text)


def json_line(data: object) -> str:
    """Data as one line of JSON, readable text (ensure_ascii=False) except what `shown` escapes, written as
    \\u escapes (a lone surrogate too, which could not be written out as UTF-8 at all)."""

    def escape(match: re.Match[str]) -> str:
        point = ord(match[0])
        if point > 0xFFFF:
            point -= 0x10000
            return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"
        return f"\\u{point:04x}"

    return _UNSAFE_JSON.sub(escape, json.dumps(data, ensure_ascii=False))


def help_language(environ: Any = None) -> str:
    """The language of the help: Chinese when the environment's locale is (LC_ALL, LC_MESSAGES, LANG, as gettext
    reads them), else English."""
    environ = os.environ if environ is None else environ
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    return "zh" if locale.lower().startswith("zh") else "en"
