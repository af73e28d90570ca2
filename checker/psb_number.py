"""Public-security filing numbers (公安备案号), as the public-security authority's filing platform
(beian.mps.gov.cn, formerly beian.gov.cn) gives them and a website shows at its foot.

Shown as ``<省简称>公网安备 <14 digits>号``: Tencent Cloud's own footer reads ``粤公网安备44030502008569号``, the
platform's example ``京公网安备 11010502000001号``; its query link takes the 14 digits alone. No published rule
defines the digits; every real one seen is a county's GB/T 2260 code, ``02`` and a 6-digit serial (440305 02
008569, 330106 02 009975), so 14 digits are required and the rest is only compared: digits whose first two are
no mainland province (a warning), a short name of another province than the digits' (a warning: such numbers are
on real websites, ``渝公网安备 33010002000078号``), digits 7–8 other than ``02`` (a note). Source:
../shared/reference/provincial-rules-sources.md §4.3.

Read leniently: full-width characters, with or without the space and the ``号``; the 14 digits alone too, with a
note that websites show the province's short name before them.

>>> validate('粤公网安备 44030502008569号')
'粤公网安备44030502008569号'
>>> format('京公网安备11010502000001')
'京公网安备 11010502000001号'
>>> [finding.code for finding in check('渝公网安备 33010002000078号')[1]]
['PSB_NUMBER_PROVINCE_MISMATCH']
>>> get_digits('粤公网安备 44030502008569号')
'44030502008569'
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker import _tables, words
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import typed_number
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength

DIGITS = 14
USUAL_MIDDLE = "02"  # digits 7–8 of every real number seen (the reference, §4.3: observed, not specified)
_LONGEST = 40  # characters, spaces left out: the display form has 21
# The display form on the text made ASCII where it can be (NFKC), without spaces: a short name (or anything, to
# be judged), 公网安备, the digits, 号; or the digits alone.
_DISPLAY = re.compile(r"(?P<abbr>.*?)公网安备(?P<digits>[0-9]*)号?")
_BARE = re.compile(r"[0-9]+")
_ICP = re.compile(r"ICP[备证]")  # an ICP filing or licence number typed in this field


class PsbNumber(NamedTuple):
    abbreviation: str  # the province's short name shown before it: "粤"; "" when only the digits were given
    province: str  # that short name's province (GB/T 2260, 2 digits): "44"; "" without one
    digits: str  # the 14 digits: "44030502008569"


def _text(number: str) -> str:
    """The typed value made comparable: NFKC (full-width forms become ASCII), no spaces."""
    return typed_number(
        number, _LONGEST, hidden="PSB_NUMBER_HIDDEN_CHARACTER", empty="PSB_NUMBER_EMPTY", too_long="PSB_NUMBER_FORMAT"
    )


def parse(number: str) -> PsbNumber:
    """The short name, its province and the 14 digits; a ValidationError when it cannot be such a number."""
    text = _text(number)
    parts = _DISPLAY.fullmatch(text)
    if parts is None and _BARE.fullmatch(text):
        abbreviation, digits = "", text
    elif parts is not None and parts["digits"]:
        abbreviation, digits = parts["abbr"], parts["digits"]
    elif _ICP.search(text.upper()):
        raise InvalidFormat("PSB_NUMBER_IS_ICP")
    else:
        raise InvalidFormat("PSB_NUMBER_FORMAT")
    if len(digits) != DIGITS:
        raise InvalidLength("PSB_NUMBER_LENGTH", length=len(digits))
    return PsbNumber(abbreviation, _province(abbreviation), digits)


def _province(abbreviation: str) -> str:
    """The province code of the short name; "" without one."""
    if not abbreviation:
        return ""
    known = _tables.province_abbreviations().get(abbreviation)
    if known is None:
        raise InvalidComponent("PSB_NUMBER_ABBREVIATION", abbreviation=abbreviation)
    if known.use == "not-mainland":
        region = _tables.provinces()[known.province]
        raise InvalidComponent(
            "PSB_NUMBER_NOT_MAINLAND", abbreviation=abbreviation, region=words.by_language(region, "name")
        )
    return known.province


def _mainland(code: str) -> _tables.Region | None:
    """The mainland province with this 2-digit code (Hong Kong's 81 is none: the platform files mainland sites)."""
    mainland = {row.province for row in _tables.province_abbreviations().values() if row.use != "not-mainland"}
    return _tables.provinces()[code] if code in mainland else None


def format_parts(number: PsbNumber) -> str:
    """``粤公网安备 44030502008569号``; the digits alone when no short name was given."""
    return f"{number.abbreviation}公网安备 {number.digits}号" if number.abbreviation else number.digits


def compact(number: str) -> str:
    """``粤公网安备44030502008569号`` (no space); the 14 digits when written without a short name."""
    return format_parts(parse(number)).replace(" ", "")


def validate(number: str) -> str:
    """The compact number, or a ValidationError."""
    return compact(number)


def get_digits(number: str) -> str:
    """The 14 digits: what the platform's query link takes (``…?code=44030502008569``)."""
    return parse(number).digits


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then compare the parts: the digits' province, the short name's, digits 7–8."""
    read = parse(number)
    findings = []
    region = _mainland(read.digits[:2])
    if region is None:
        findings.append(Finding("PSB_NUMBER_REGION_UNKNOWN", region=read.digits[:2]))
    elif read.province and read.province != region.code:
        findings.append(
            Finding(
                "PSB_NUMBER_PROVINCE_MISMATCH",
                abbreviation=read.abbreviation,
                province=words.by_language(_tables.provinces()[read.province], "name"),
                region=words.by_language(region, "name"),
                digits=read.digits[:2],
            )
        )
    if read.digits[6:8] != USUAL_MIDDLE:
        findings.append(Finding("PSB_NUMBER_MIDDLE_DIGITS", middle=read.digits[6:8]))
    if not read.abbreviation:
        findings.append(Finding("PSB_NUMBER_BARE", number=read.digits))
    return format_parts(read).replace(" ", ""), findings


is_valid = yes_or_no(validate)


def format(number: str) -> str:
    """As websites show it: ``粤公网安备 44030502008569号`` (the digits alone when no short name was given)."""
    return format_parts(parse(number))
