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
        raise InvalidFormat("MOBILE_FORMAT", "A mobile number has digits only.", "手机号码只含数字。")
    if len(number) != 11:
        raise InvalidLength("MOBILE_LENGTH", "A mainland mobile number has 11 digits.", "内地手机号码应为11位。")
    if not re.fullmatch(r"1[3-9][0-9]{9}", number):
        raise InvalidFormat("MOBILE_PREFIX", "A mainland mobile number starts with 13 to 19.",
                            "内地手机号码以13至19开头。")
    segment = get_segment(number)
    if segment is not None and segment.kind == "data":
        raise InvalidComponent("MOBILE_DATA_ONLY", f"{number[:3]} is a data-only (IoT) segment: it cannot take calls"
                               " or texts, so it cannot be a contact number.",
                               f"{number[:3]}号段为上网卡、物联网卡号段，不能接打电话和收发短信，不能作为联系电话。")
    return number


def check(number: str) -> tuple[str, list[Finding]]:
    """Validate, then report what to double-check."""
    number = validate(number)
    segment = get_segment(number)
    if segment is None or segment.kind == "unassigned":
        return number, [Finding("MOBILE_SEGMENT_UNKNOWN", "warning", {
            "en": f"Segment {number[:3]} is not in our table of mobile segments: check the number.",
            "zh": f"{number[:3]}号段不在已知的手机号段中，请核对号码。"})]
    if segment.kind == "virtual":
        return number, [Finding("MOBILE_VIRTUAL", "warning", {
            "en": f"{number[:3]} is a virtual-operator segment, which some providers' filing systems refuse:"
                  " a number of China Mobile, China Unicom, China Telecom or China Broadnet is safer.",
            "zh": f"{number[:3]}为虚拟运营商号段，部分接入商的备案系统不接受，建议使用移动、联通、电信或广电的号码。"})]
    return number, []


is_valid = yes_or_no(validate)


def format(number: str) -> str:
    """Grouped as people read it: ``138 0013 8000``."""
    number = compact(number)
    return f"{number[:3]} {number[3:7]} {number[7:]}"
