"""Unified Social Credit Code (统一社会信用代码, GB 32100-2015).

Eighteen characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I, O, S, V, Z):

1. registration authority (``9`` market regulation, ``5`` civil affairs, ``1`` institutional staffing …,
   ``A``, ``N``, ``Y`` included);
2. entity category within that authority (``91`` enterprise, ``92`` individual business …);
3. characters 3–8: administrative division code (GB/T 2260) of the registering authority;
4. characters 9–17: the organisation's GB 11714 organization code;
5. character 18: check. Weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; a character's value is
   its place in the alphabet; check = alphabet[(31 − sum mod 31) mod 31].

The length, alphabet and check character decide validity. The parts are only reported as warnings when they
look unusual (an unknown category or region, an embedded organization code that fails its own check): the
tables behind them grow, and a genuine code must never be rejected.

>>> validate('91110000600037341L')
'91110000600037341L'
>>> get_category('92440300MA5F0K6Y87').name_en
'individual business'
>>> validate('91110000600037341M')
Traceback (most recent call last):
    ...
checker.exceptions.InvalidChecksum: The check character does not match: a character is probably mistyped.
"""

from __future__ import annotations

import re

from checker import _tables, org_code
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import character_params, clean
from checker.exceptions import Finding, InvalidChecksum, InvalidFormat, InvalidLength

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CODE = re.compile(rf"[{ALPHABET}]{{18}}")
NATIONAL_REGION = "100000"  # bodies registered at the national level


def compact(number: str) -> str:
    """The code without spaces or hyphens, upper-case (full-width characters made ASCII)."""
    return clean(number)


def calc_check_digit(body: str) -> str:
    """The check character for the first seventeen characters."""
    total = sum(
        weight * ALPHABET.index(char) for weight, char in zip(_WEIGHTS, body, strict=False)
    )  # the body may be the whole code
    return ALPHABET[(31 - total % 31) % 31]


def validate(number: str) -> str:
    """The compact code, or a ValidationError."""
    number = compact(number)
    if len(number) != 18:
        raise InvalidLength("USCC_LENGTH")
    if not _CODE.fullmatch(number):
        raise InvalidFormat("USCC_FORMAT", **character_params(number, re.compile(f"[{ALPHABET}]")))
    if calc_check_digit(number[:17]) != number[17]:
        raise InvalidChecksum("USCC_CHECKSUM")
    return number


def get_category(number: str) -> _tables.Category | None:
    """The entity category the first two characters stand for, or None when GB 32100 has no such pair."""
    number = compact(number)
    return _tables.uscc_categories().get((number[:1], number[1:2]))


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then report what looks unusual in a code that is valid."""
    number = validate(number)
    findings = []
    if get_category(number) is None:
        findings.append(Finding("USCC_CATEGORY_UNKNOWN", category=number[:2]))
    region = number[2:8]
    if not _known_region(region):
        findings.append(Finding("USCC_REGION_UNKNOWN", region=region))
    if not org_code.is_valid(number[8:17]):
        findings.append(Finding("USCC_ORG_CODE"))
    return number, findings


def _known_region(region: str) -> bool:
    """National level, a province (``440000``), or a prefecture or county code that has existed."""
    if region == NATIONAL_REGION:
        return True
    if region.endswith("0000"):
        return _tables.province(region) is not None
    return _tables.region(region) is not None


is_valid = yes_or_no(validate)


format = compact  # printed as eighteen characters, without separators
