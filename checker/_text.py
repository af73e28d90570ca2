"""Turning the number a person typed into the characters a validator checks (numbers only: not for e-mail
addresses or domain names, whose dots matter)."""

from __future__ import annotations

import re
import unicodedata

from checker.exceptions import InvalidFormat

# Separators people type inside numbers: spaces (also ideographic), hyphens and dashes, dots, slashes.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―－.·/]+")


def clean(value: object) -> str:
    """NFKC-normalise (full-width ０-９ and Ａ-Ｚ become ASCII), drop separators, upper-case.

    Anything that is not a string is refused here, so every validator fails the same clean way on junk.
    """
    if not isinstance(value, str):
        raise InvalidFormat("INVALID_TYPE", "Expected text.", "应为文本。")
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()
