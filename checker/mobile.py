"""Mainland China mobile numbers (手机号码), as contact numbers of a filing.

Eleven digits starting ``1[3-9]``, however they are written: with a ``+86``, ``0086``, ``(+86)`` or bare ``86``
in front (a bare 86 only before a complete eleven-digit number), with spaces, hyphens, dashes, minus signs,
dots, middle dots, slashes or brackets (the separators of `checker._text`), in full-width characters
(``＋８６``), even with the trunk ``0`` that some write after ``+86``. The number's first digits are looked up
in a table generated from phonenumbers' metadata: the 3-digit segment (号段), or a longer prefix where
phonenumbers tells the numbers of a segment apart (the longest matching prefix wins, e.g. 17400–17405 are
satellite voice numbers inside 174):

- a data-only (IoT) segment (140, 141, 144, 146, 148, 154, 194), where phonenumbers
  accepts no mobile number, cannot take calls or texts, so it cannot be a contact number: an error;
- the data-card segment 149 (上网卡): its numbers receive texts and may take calls, as the operator decides, so
  it is a warning, never an error (a genuine number is never rejected);
- a virtual-operator segment (162, 165, 167, 170, 171) is refused by some providers' filing systems: a
  warning;
- a prefix where phonenumbers accepts no number is a warning (new segments are opened from time to time).

The checker can only check the form: whether the number is yours and reachable is what the provider's SMS
check proves (see the site's page on checking your contact number).

>>> validate('+86 138-0013-8000')
'13800138000'
>>> validate('(+86)13800138000')
'13800138000'
>>> validate('86 138 0013 8000')
'13800138000'
>>> format('13800138000')
'138 0013 8000'
>>> check('17012345678')[1][0].code
'MOBILE_VIRTUAL'
>>> check('17400123456')
('17400123456', [])
"""

from __future__ import annotations

import re

from checker import _tables
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import clean
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength

_COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086)")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_BRACKETS = str.maketrans("", "", "()[]")  # (+86), [+86], (138) 0013 8000, after NFKC made （）［］ ASCII


def compact(number: str) -> str:
    """The eleven digits, without the country code (+86, 0086, (+86), or 86 before eleven digits), spaces,
    hyphens, dashes, minus signs, dots, middle dots or brackets (full-width characters made ASCII)."""
    cleaned = clean(number, "MOBILE_HIDDEN_CHARACTER")  # text without hidden characters, or an error
    if not number.strip():
        raise InvalidFormat("MOBILE_EMPTY")
    digits = _COUNTRY_PREFIX.sub("", cleaned.translate(_BRACKETS))
    if len(digits) == 13 and digits.startswith("86") and _MOBILE.fullmatch(digits[2:]):
        digits = digits[2:]  # 86 138 0013 8000: the country code without + or 00
    if len(digits) == 12 and digits.startswith("0") and _MOBILE.fullmatch(digits[1:]):
        digits = digits[1:]  # +86 (0) 138 0013 8000: the trunk 0, which no landline is followed by 1[3-9]
    return digits


def get_segment(number: str) -> _tables.Segment | None:
    """The table's row for the number: its longest matching prefix (3 to 5 digits), or None."""
    return _tables.mobile_segment(compact(number))


def validate(number: str) -> str:
    """The eleven digits, or a ValidationError."""
    number = compact(number)
    if not re.fullmatch(r"[0-9]+", number):
        raise InvalidFormat("MOBILE_FORMAT")
    if len(number) != 11:
        raise InvalidLength("MOBILE_LENGTH")
    if not _MOBILE.fullmatch(number):
        raise InvalidFormat("MOBILE_PREFIX")
    segment = _tables.mobile_segment(number)
    if segment is not None and segment.kind == "data":
        raise InvalidComponent("MOBILE_DATA_ONLY", segment=segment.segment)
    return number


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then report what to double-check."""
    number = validate(number)
    segment = _tables.mobile_segment(number)
    if segment is None or segment.kind == "unassigned":
        return number, [Finding("MOBILE_SEGMENT_UNKNOWN", segment=segment.segment if segment else number[:3])]
    if segment.kind == "virtual":
        return number, [Finding("MOBILE_VIRTUAL", segment=number[:3])]
    if segment.kind == "data-card":
        return number, [Finding("MOBILE_DATA_CARD", segment=segment.segment)]
    return number, []


is_valid = yes_or_no(validate)


def format(number: str) -> str:
    """Grouped as people read it: ``138 0013 8000``."""
    number = compact(number)
    return f"{number[:3]} {number[3:7]} {number[7:]}"
