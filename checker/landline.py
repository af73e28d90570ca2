"""Mainland China landline numbers (固定电话), as contact numbers of a filing.

The trunk prefix ``0``, an area code (2 digits for Beijing ``10`` and ``20``–``29``, 3 digits elsewhere) and a
local number of 7 or 8 digits, as that area uses (Shenzhen ``0755`` has 8 digits, so ``0755-8888888`` is
wrong). People write it in many ways — ``0755-88888888``, ``(0755) 8888 8888``, ``+86 755 88888888``,
``86-755-88888888`` as on business cards — sometimes with an extension (``-123``, ``转123``, ``ext 123``). The
area codes and their local-number lengths come from a table generated from phonenumbers' metadata.

An error only where phonenumbers accepts no such number: an area code that does not exist, a length no
number has there. Where phonenumbers accepts what is unusual for a person's line, a warning: a local number
starting with 0 or 1 (phonenumbers accepts one in almost every area), a short service number after an area
code (``0755-95555``; phonenumbers accepts ``1xxx`` and ``1xxxx``, ``95xxx``, ``95xxxx``, and ``96xxx``,
``96xxxx`` as shared-cost numbers), and a nationwide 400, 800 or 950 number, a company's service line, or a
160 or 168 paid information line: not a person's number.

>>> validate('(0755) 8888-8888')
'075588888888'
>>> format('075588888888')
'0755-88888888'
>>> get_area('+86 10 6552 9988').place_en
'Beijing'
>>> get_extension('0755-88888888 转 123')
'123'
"""

from __future__ import annotations

import re
import unicodedata

from checker import _tables
from checker._face import yes_or_no
from checker._text import require_text
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength

_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x|#)\s*([0-9]{1,6})\s*$", re.IGNORECASE)
_COUNTRY_PREFIX = re.compile(r"^\s*(?:\(\s*(?:\+\s*86|0086)\s*\)|\+\s*86|0086)")  # +86, 0086, (+86)
# Nationwide numbers that are no one's own line: 400 (shared cost), 800 (toll free), 950 (shared cost) service
# lines, and 160 / 168 paid information lines (premium rate), as phonenumbers 9.0.43 knows them.
_SERVICE = re.compile(r"[48]00[0-9]{7}|950[0-9]{7,8}|16[08][0-9]{5}")
# A short service number after an area code: phonenumbers 9.0.43 accepts as fixed lines 100xx and 100xxxx,
# 123x and 123xx, 95xxx to 95xxxxx (and 1010xxxx, 96xxx, 96xxxx as shared-cost numbers); a superset of them.
_SHORT = re.compile(r"1[0-9]{3,5}|9[56][0-9]{3,4}")
_BARE_COUNTRY_CODE = re.compile(r"^\s*(?:\(\s*86\s*\)|86)(?=[\s\-‐‑–—.(]*[0-9])")


def _parts(number: str) -> tuple[str, str]:
    """(the number's digits with the trunk 0, the extension or "")."""
    text = unicodedata.normalize("NFKC", require_text(number, "LANDLINE_HIDDEN_CHARACTER"))
    extension = ""
    marked = _EXTENSION.search(text)
    if marked:
        extension, text = marked[1], text[: marked.start()]
    text = _COUNTRY_PREFIX.sub("", text)
    # "86-755-88888888" (as on business cards): no area code starts with 86, so a bare 86 is the country code.
    text = _BARE_COUNTRY_CODE.sub("", text)
    if re.search(r"[^0-9()\s\-‐‑–—.]", text):
        raise InvalidFormat("LANDLINE_FORMAT")
    groups = re.findall(r"[0-9]+", text)
    digits = "".join(groups)
    if _SERVICE.fullmatch(digits[1:]) and digits.startswith("0"):
        digits = digits[1:]  # 0800-810-8888: a nationwide number written with a trunk 0
    if digits and not digits.startswith("0") and not _SERVICE.fullmatch(digits):
        digits = "0" + digits  # written without the trunk 0, as after +86
    # "0755-88888888-123": a last short group after a complete number is an extension.
    if not extension and len(groups) >= 3 and len(groups[-1]) <= 6:
        head = digits[: len(digits) - len(groups[-1])]
        if _complete(head):
            extension, digits = groups[-1], head
    return digits, extension


def _area_of(digits: str) -> _tables.AreaCode | None:
    codes = _tables.area_codes()
    return codes.get(digits[1:3]) if digits[1:2] in "12" else codes.get(digits[1:4])


def _complete(digits: str) -> bool:
    area = _area_of(digits)
    return area is not None and len(digits) - 1 - len(area.code) in area.lengths


def compact(number: str) -> str:
    """The digits of the number with its trunk 0 (``075588888888``), without the extension; a nationwide
    400, 800, 950, 160 or 168 number as its own digits, without a 0."""
    return _parts(number)[0]


def get_extension(number: str) -> str:
    """The extension written after the number, or ``""``."""
    return _parts(number)[1]


def get_area(number: str) -> _tables.AreaCode | None:
    """The area the number belongs to, or None for an area code that does not exist."""
    return _area_of(compact(number))


def _local(digits: str) -> tuple[_tables.AreaCode | None, str]:
    """The area and the local number after it."""
    area = _area_of(digits)
    return area, digits[1 + len(area.code):] if area else ""


def validate(number: str) -> str:
    """The compact number, or a ValidationError (only where phonenumbers accepts no such number)."""
    digits = compact(number)
    if _SERVICE.fullmatch(digits):
        return digits  # a 400/800/950 service number or 160/168 paid line: check() warns about it
    area, local = _local(digits)
    short = area is not None and _SHORT.fullmatch(local)
    if len(digits) > 12 or (len(digits) < 10 and not short):
        raise InvalidLength("LANDLINE_LENGTH")
    if area is None:
        raise InvalidComponent("LANDLINE_AREA", start=digits[:4])
    if len(local) not in area.lengths and not short:
        lengths = [str(length) for length in area.lengths]
        raise InvalidLength("LANDLINE_LOCAL_LENGTH", place={"en": area.place_en, "zh": area.place_zh},
                            area=f"0{area.code}", expected={"en": " or ".join(lengths), "zh": "或".join(lengths)},
                            given=len(local))
    return digits


def check(number: str) -> tuple[str, list[Finding]]:
    """Validate, then report what to double-check."""
    digits = validate(number)
    if _SERVICE.fullmatch(digits):
        return digits, [Finding("LANDLINE_SERVICE_NUMBER")]
    area, local = _local(digits)
    if len(local) not in area.lengths:
        return digits, [Finding("LANDLINE_SHORT_NUMBER", local=local, area=f"0{area.code}")]
    if local[0] in "01":
        return digits, [Finding("LANDLINE_LOCAL_START", digit=local[0], area=f"0{area.code}")]
    return digits, []


is_valid = yes_or_no(validate)


def format(number: str) -> str:
    """``0755-88888888`` (with ``-123`` when the number has an extension)."""
    digits, extension = _parts(number)
    area = _area_of(digits)
    if area is None:
        return digits
    formatted = f"0{area.code}-{digits[1 + len(area.code):]}"
    return f"{formatted}-{extension}" if extension else formatted
