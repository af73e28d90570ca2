"""Passports and travel permits: mainland passports, home-return permits, Taiwan compatriot permits, foreign
passports. Format only: none of them has a public checksum, and the layouts below are not confirmed by an
official source (../shared/reference/icp-rules.md §3), so a number that does not fit its kind's layout — its
length included — is a warning, never an error. Only what cannot be a document number at all is an error: an
empty field, a character no document number has (a Chinese character, a letter of another alphabet, a sign
such as ``<`` or ``*``), or more than 44 letters and digits (`MAX_LENGTH`). Spaces, hyphens, dots, slashes
and brackets are dropped: the old printed Taiwan compatriot permit puts its issuing office's code in brackets,
``0561682001(D)`` — eight digits of the holder's lifelong number, two of the issue count, then "in brackets an
English letter or an Arabic digit, the code of the issuing office" (China News Service, 2008-09-12,
臺胞證9月25日起實行“一人一號、終身不變”).

====================  =====================================================================
kind                  usual layouts
====================  =====================================================================
mainland-passport     ``E`` + 8 digits, ``E`` + a letter + 7 digits; older ``G``, ``P``, ``S``,
                      ``D`` + 7 or 8 digits
hk-macau-permit       ``H`` (Hong Kong) or ``M`` (Macau) + 8 digits; older cards 10 digits
taiwan-permit         8 digits; older permits 10 digits, sometimes with an office code (a letter or
                      a digit, printed in brackets)
foreign-passport      5–20 letters and digits
====================  =====================================================================

>>> check('e12345678', context=Context('mainland-passport'))
('E12345678', [])
>>> check('12345678', context=Context('hk-macau-permit'))[1][0].code
'PASSPORT_LAYOUT'
>>> check('0561682001(D)', context=Context('taiwan-permit'))
('0561682001D', [])
"""

from __future__ import annotations

import re

from checker import words
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import character_params, clean
from checker.exceptions import Finding, InvalidFormat, InvalidLength

# The usual layout of each kind; in words in checker/data/words/documents.toml (``passport_layouts``).
LAYOUTS: dict[str, re.Pattern[str]] = {
    "mainland-passport": re.compile(r"E[0-9]{8}|E[A-Z][0-9]{7}|[GPSD][0-9]{7,8}"),
    "hk-macau-permit": re.compile(r"[HM][0-9]{8}|[HM][0-9]{10}"),
    "taiwan-permit": re.compile(r"[0-9]{8}|[0-9]{10}[0-9A-Z]?"),
    "foreign-passport": re.compile(r"[0-9A-Z]{5,20}"),
}
DOCUMENTS = tuple(LAYOUTS)
# The registry's options of this kind (checker.fields): which document a number is from, as `Context.document`.
OPTIONS = {"document": DOCUMENTS}
_ANY = re.compile(r"[0-9A-Z]+")
# Longer than a whole line of a passport's machine-readable zone (ICAO Doc 9303 Part 4: 44 characters, the
# longest line of any machine-readable travel document), which holds the number with the name and more:
# no document number is that long. Anything from 21 to 44 is unusual (a warning), not impossible.
MAX_LENGTH = 44
_BRACKETS = re.compile(r"[()\[\]【】〔〕]")


def compact(number: str) -> str:
    """The number without spaces, hyphens or brackets, upper-case (full-width characters made ASCII)."""
    return _BRACKETS.sub("", clean(number))


def validate(number: str) -> str:
    """The compact number, or a ValidationError when it cannot be a document number of any kind: empty, a
    character that no document number has (named in the error), or longer than `MAX_LENGTH`."""
    number = compact(number)
    if not number:
        raise InvalidFormat("PASSPORT_EMPTY")
    if len(number) > MAX_LENGTH:
        raise InvalidLength("PASSPORT_LENGTH", length=len(number))
    if not _ANY.fullmatch(number):
        raise InvalidFormat("PASSPORT_FORMAT", **character_params(number, re.compile("[0-9A-Z]")))
    return number


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then warn when the number does not fit the usual layout of its kind (``context.document``)."""
    kind = context.document
    if kind not in LAYOUTS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(DOCUMENTS)}")
    number = validate(number)
    if LAYOUTS[kind].fullmatch(number):
        return number, []
    return number, [Finding("PASSPORT_LAYOUT", layout=words.text("documents", f"passport_layouts.{kind}"))]


is_valid = yes_or_no(validate)
format = compact
