"""Passports and travel permits: mainland passports, home-return permits, Taiwan compatriot permits, foreign
passports. Format only: none of them has a public checksum, and the layouts below are not confirmed by an
official source, so a number that does not fit its kind's layout is a warning, never an error. Only what
cannot be a document number at all (fewer than 5 or more than 20 letters and digits) is an error.

====================  =====================================================================
kind                  usual layouts
====================  =====================================================================
mainland-passport     ``E`` + 8 digits, ``E`` + a letter + 7 digits; older ``G``, ``P``, ``S``,
                      ``D`` + 7 or 8 digits
hk-macau-permit       ``H`` (Hong Kong) or ``M`` (Macau) + 8 digits; older cards 10 digits
taiwan-permit         8 digits; older permits 10 digits, sometimes with a letter
foreign-passport      5–20 letters and digits
====================  =====================================================================

>>> check('e12345678', 'mainland-passport')
('E12345678', [])
>>> check('12345678', 'hk-macau-permit')[1][0].code
'PASSPORT_LAYOUT'
"""

from __future__ import annotations

import re

from checker._face import yes_or_no
from checker._text import clean
from checker.exceptions import Finding, InvalidFormat

LAYOUTS: dict[str, tuple[re.Pattern[str], str, str]] = {
    "mainland-passport": (re.compile(r"E[0-9]{8}|E[A-Z][0-9]{7}|[GPSD][0-9]{7,8}"),
                          "E + 8 digits or E + a letter + 7 digits", "E加8位数字，或E加1个字母和7位数字"),
    "hk-macau-permit": (re.compile(r"[HM][0-9]{8}|[HM][0-9]{10}"),
                        "H or M + 8 digits", "H或M加8位数字"),
    "taiwan-permit": (re.compile(r"[0-9]{8}|[0-9]{10}[A-Z]?"), "8 digits", "8位数字"),
    "foreign-passport": (re.compile(r"[0-9A-Z]{5,20}"), "5 to 20 letters and digits", "5至20位字母和数字"),
}
KINDS = tuple(LAYOUTS)
_ANY = re.compile(r"[0-9A-Z]{5,20}")


def compact(number: str) -> str:
    """The number without spaces, upper-case (full-width characters made ASCII)."""
    return clean(number)


def validate(number: str) -> str:
    """The compact number, or an InvalidFormat when it cannot be a document number of any kind."""
    number = compact(number)
    if not _ANY.fullmatch(number):
        raise InvalidFormat("PASSPORT_FORMAT")
    return number


def check(number: str, kind: str) -> tuple[str, list[Finding]]:
    """Validate, then warn when the number does not fit the usual layout of its kind."""
    if kind not in LAYOUTS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    number = validate(number)
    layout, en, zh = LAYOUTS[kind]
    if layout.fullmatch(number):
        return number, []
    return number, [Finding("PASSPORT_LAYOUT", layout={"en": en, "zh": zh})]


is_valid = yes_or_no(validate)
format = compact
