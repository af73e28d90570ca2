"""Business registration number (工商注册号), the 15-digit number of licences issued before the USCC.

Six digits of the registering authority's area, eight of sequence, and a check digit by ISO 7064
MOD 11,10. A valid one is still a warning: the inspection compares the filing with the *current* licence,
which carries the 18-character Unified Social Credit Code (`checker.uscc`) since the 2015 reform.

>>> validate('110108000000016')
'110108000000016'
>>> check('110108000000016')[1][0].code
'BRN_LEGACY'
"""

from __future__ import annotations

import re

from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import clean
from checker.exceptions import Finding, InvalidChecksum, InvalidFormat, InvalidLength


def compact(number: str) -> str:
    """The number without spaces (full-width digits made ASCII)."""
    return clean(number)


def calc_check_digit(body: str) -> str:
    """The check digit for the first fourteen digits (ISO 7064 MOD 11,10)."""
    product = 10
    for digit in body:
        product = (((product + int(digit)) % 10 or 10) * 2) % 11
    return str((11 - product) % 10)


def validate(number: str) -> str:
    """The compact number, or a ValidationError."""
    number = compact(number)
    if len(number) != 15:
        raise InvalidLength("BRN_LENGTH")
    if not re.fullmatch(r"[0-9]{15}", number):
        raise InvalidFormat("BRN_FORMAT")
    if calc_check_digit(number[:14]) != number[14]:
        raise InvalidChecksum("BRN_CHECKSUM")
    return number


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate; a valid number is still a legacy one."""
    number = validate(number)
    return number, [Finding("BRN_LEGACY")]


is_valid = yes_or_no(validate)


format = compact  # printed as fifteen digits, without separators
