"""Mainland China mobile numbers (手机号码), as contact numbers of a filing.

Eleven digits starting ``1[3-9]``; an optional ``+86`` / ``0086`` prefix is dropped. The first three digits
are the segment (号段), looked up in a table generated from phonenumbers' metadata:

- a data-only (IoT) segment (140, 141, 144, 146, 148, 149, 154, 174, 194) cannot take calls or texts, so
  it cannot be a contact number: an error;
- a virtual-operator segment (162, 165, 167, 170, 171) is refused by some providers' filing systems: a
  warning;
- a segment the table does not know yet is a warning (new segments are opened from time to time).

The checker can only check the form: whether the number is yours and reachable is what the provider's SMS
check proves (see the site's page on checking your contact number).

>>> validate('+86 138-0013-8000')
'13800138000'
>>> format('13800138000')
'138 0013 8000'
>>> check('17012345678')[1][0].code
'MOBILE_VIRTUAL'
"""

from __future__ import annotations

import re

from checker import _tables
from checker._face import yes_or_no
from checker._text import clean
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength

_COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086)")


def compact(number: str) -> str:
    """The eleven digits, without +86, spaces or hyphens (full-width digits made ASCII)."""
    return _COUNTRY_PREFIX.sub("", clean(number))


def get_segment(number: str) -> _tables.Segment | None:
    return _tables.mobile_segments().get(compact(number)[:3])


def validate(number: str) -> str:
    """The eleven digits, or a ValidationError."""
    number = compact(number)
    if not re.fullmatch(r"[0-9]+", number):
        raise InvalidFormat("MOBILE_FORMAT")
    if len(number) != 11:
        raise InvalidLength("MOBILE_LENGTH")
    if not re.fullmatch(r"1[3-9][0-9]{9}", number):
        raise InvalidFormat("MOBILE_PREFIX")
    segment = get_segment(number)
    if segment is not None and segment.kind == "data":
        raise InvalidComponent("MOBILE_DATA_ONLY", segment=number[:3])
    return number


def check(number: str) -> tuple[str, list[Finding]]:
    """Validate, then report what to double-check."""
    number = validate(number)
    segment = get_segment(number)
    if segment is None or segment.kind == "unassigned":
        return number, [Finding("MOBILE_SEGMENT_UNKNOWN", segment=number[:3])]
    if segment.kind == "virtual":
        return number, [Finding("MOBILE_VIRTUAL", segment=number[:3])]
    return number, []


is_valid = yes_or_no(validate)


def format(number: str) -> str:
    """Grouped as people read it: ``138 0013 8000``."""
    number = compact(number)
    return f"{number[:3]} {number[3:7]} {number[7:]}"
