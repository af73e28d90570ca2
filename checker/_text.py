"""Turning the number a person typed into the characters a validator checks (numbers only: not for e-mail
addresses or domain names, whose dots matter)."""

from __future__ import annotations

import re
import unicodedata

from checker.exceptions import InvalidFormat

# Separators people type inside numbers: spaces (also ideographic), hyphens and dashes, dots, slashes.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―－.·/]+")


def require_text(value: object) -> str:
    """The value itself when it is a string; anything else is refused, the same clean way in every validator."""
    if not isinstance(value, str):
        raise InvalidFormat("INVALID_TYPE")
    return value


def clean(value: object) -> str:
    """NFKC-normalise (full-width ０-９ and Ａ-Ｚ become ASCII), drop separators, upper-case.

    """
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", require_text(value))).upper()
