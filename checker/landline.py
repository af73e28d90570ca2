"""Mainland China landline numbers (固定电话), as contact numbers of a filing.

The trunk prefix ``0``, an area code (2 digits for Beijing ``10`` and ``20``–``29``, 3 digits elsewhere) and a
local number of 7 or 8 digits, as that area uses (Shenzhen ``0755`` has 8 digits, so ``0755-8888888`` is
wrong). People write it in many ways — ``0755-88888888``, ``(0755) 8888 8888``, ``[010]12345678``,
``+86 755 88888888``, ``86-755-88888888`` as on business cards, with any dash, minus sign, dot, middle dot or
slash between the groups — sometimes with an extension (``-123``, ``转123``, ``（分机123）``, ``ext:123``,
``,123``). The area codes and their local-number lengths come from a table generated from phonenumbers'
metadata. A mobile number in the landline field is read as one, with a note (many provinces accept it, a few
do not), and a value longer than any way of writing a number (`LONGEST`) is refused before it is read.

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
>>> get_extension('0755−88888888（分机8001）')
'8001'
>>> check('138 0013 8000')[1][0].code
'LANDLINE_MOBILE'
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from checker import _tables, mobile, words
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import SEPARATORS, require_text
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

# The longest value read as a landline, in characters (surrounding spaces not counted): the longest way to write
# one, "+86 (0) 755 8888 8888 extension 12345678901234567890", has 51. Longer text is refused before it is read.
LONGEST = 64
# An extension after the number, as phonenumbers 9.0.43 reads one (_EXTN_PATTERNS_FOR_PARSING): a label "ext",
# "extn", "extension", "extensión", "xtn", "anexo", "доб", ";ext=" (then up to 20 digits), ",," or ";" (15),
# "x", "#", "~", "int" or "," (9), then the digits, a "#" after them allowed; and as it is written in Chinese,
# "转", "分机" or "分机号" (20); a ":" or "." after the label, all of it in brackets or not: "ext:8001", ",123",
# "（转8001）", "(分机8001)", "转8001#".
# Searched in the stripped text: the pattern starts with a label or a bracket, never with spaces, so each
# position is tried in constant time and the search is linear (a leading \s* made it quadratic on long runs of
# spaces: 100,000 took two minutes).
_EXTENSION = re.compile(
    r"(?:[(\[]\s*)?"
    r"(?:(?:转|分机号?|;ext=|ext(?:ensi[oó]n|n)?|xtn?|anexo|доб)[.:]?[\s\-]*(?P<long>[0-9]{1,20})"
    r"|(?:,,|;)[.:]?[\s\-]*(?P<dial>[0-9]{1,15})"
    r"|(?:[x#,~]|int)[.:]?[\s\-]*(?P<short>[0-9]{1,9}))"
    r"#?\s*[)\]]?$",
    re.IGNORECASE,
)
_COUNTRY_PREFIX = re.compile(r"\s*(?:[(\[]\s*(?:\+\s*86|0086)\s*[)\]]|\+\s*86|0086)")  # +86, 0086, (+86), [+86]
# Nationwide numbers that are no one's own line: 400 (shared cost), 800 (toll free), 950 (shared cost) service
# lines, and 160 / 168 paid information lines (premium rate), as phonenumbers 9.0.43 knows them.
_SERVICE = re.compile(r"[48]00[0-9]{7}|950[0-9]{7,8}|16[08][0-9]{5}")
# A short service number after an area code: phonenumbers 9.0.43 accepts as fixed lines 100xx and 100xxxx,
# 123x and 123xx, 95xxx to 95xxxxx (and 1010xxxx, 96xxx, 96xxxx as shared-cost numbers); a superset of them.
_SHORT = re.compile(r"1[0-9]{3,5}|9[56][0-9]{3,4}")
_BARE_COUNTRY_CODE = re.compile(r"\s*(?:[(\[]\s*86\s*[)\]]|86)(?=[\s(\[]*[0-9])")
# A mobile number, with the trunk 0 that _read puts before any number written without one.
_MOBILE = re.compile(r"01[3-9][0-9]{9}")


class _Reading(NamedTuple):
    digits: str  # with the trunk 0 (075588888888); a nationwide number or a mobile as its own digits
    extension: str  # or ""
    typed_zero: bool  # whether the trunk 0 was typed (or only added by the reading)
    is_mobile: bool


def _read(number: str) -> _Reading:
    """The number's digits, its extension, and what kind of number it is."""
    text = require_text(number, "LANDLINE_HIDDEN_CHARACTER").strip()
    if not text:
        raise InvalidFormat("LANDLINE_EMPTY")
    if len(text) > LONGEST:
        raise InvalidLength("LANDLINE_TOO_LONG", length=len(text), longest=LONGEST)
    text = unicodedata.normalize("NFKC", text).strip()
    extension, american = "", text.endswith("#")
    marked = _EXTENSION.search(text)
    if marked:
        extension, text = marked["long"] or marked["dial"] or marked["short"], text[: marked.start()]
    elif american:
        text = text[:-1]  # "0755-88888888-8001#": the # closes an extension (phonenumbers reads it so)
    # Hyphens, dashes, minus signs, dots, middle dots and slashes, as the other number fields read them.
    text = SEPARATORS.sub(" ", text)
    prefix = _COUNTRY_PREFIX.match(text)
    if prefix:
        text = text[prefix.end() :]
    else:
        # "86-755-88888888" (as on business cards): no area code starts with 86, so a bare 86 is the country code.
        bare = _BARE_COUNTRY_CODE.match(text)
        text = text[bare.end() :] if bare else text
    if re.search(r"[^0-9()\[\] ]", text):
        raise InvalidFormat("LANDLINE_FORMAT")
    groups = re.findall(r"[0-9]+", text)
    digits = "".join(groups)
    typed_zero = digits.startswith("0")
    if _SERVICE.fullmatch(digits[1:]) and typed_zero:
        digits = digits[1:]  # 0800-810-8888: a nationwide number written with a trunk 0
    if digits and not digits.startswith("0") and not _SERVICE.fullmatch(digits):
        digits = "0" + digits  # written without the trunk 0, as after +86
    mobile_number = _MOBILE.fullmatch(digits)
    # "0755-88888888-123": a last short group after a complete number is an extension ("0755 88888888 123#" too).
    if (
        not extension
        and not mobile_number
        and (len(groups) >= 3 or (american and len(groups) >= 2))
        and len(groups[-1]) <= 6
    ):
        head = digits[: len(digits) - len(groups[-1])]
        if _complete(head):
            extension, digits = groups[-1], head
    if american and not extension:
        raise InvalidFormat("LANDLINE_FORMAT")  # a # that closes no extension (phonenumbers reads no number)
    if mobile_number:
        return _Reading(digits[1:], extension, typed_zero, True)  # a mobile in the landline field
    return _Reading(digits, extension, typed_zero, False)


def _parts(number: str) -> tuple[str, str]:
    """(the number's digits with the trunk 0, the extension or "")."""
    reading = _read(number)
    return reading.digits, reading.extension


def _area_of(digits: str) -> _tables.AreaCode | None:
    if not digits.startswith("0"):
        return None  # a nationwide number or a mobile
    codes = _tables.area_codes()
    return codes.get(digits[1:3]) if digits[1:2] in "12" else codes.get(digits[1:4])


def _complete(digits: str) -> bool:
    area = _area_of(digits)
    return area is not None and len(digits) - 1 - len(area.code) in area.lengths


def compact(number: str) -> str:
    """The digits of the number with its trunk 0 (``075588888888``), without the extension; a nationwide
    400, 800, 950, 160 or 168 number, or a mobile number, as its own digits, without a 0."""
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
    return area, digits[1 + len(area.code) :] if area else ""


def validate(number: str) -> str:
    """The compact number, or a ValidationError (only where phonenumbers accepts no such number). A mobile
    number is valid here as it is in the mobile field (check() notes that it is one)."""
    reading = _read(number)
    digits = reading.digits
    if reading.is_mobile:
        return mobile.validate(digits)  # a data-only segment is an error here too (MOBILE_DATA_ONLY)
    if _SERVICE.fullmatch(digits):
        return digits  # a 400/800/950 service number or 160/168 paid line: check() warns about it
    area, local = _local(digits)
    short = area is not None and _SHORT.fullmatch(local)
    if len(digits) > 12 or (len(digits) < 10 and not short):
        raise InvalidLength("LANDLINE_LENGTH")
    if area is None:
        # The first digits as they were typed: the trunk 0 only when the filer wrote it.
        raise InvalidComponent("LANDLINE_AREA", start=digits[:4] if reading.typed_zero else digits[1:4])
    if len(local) not in area.lengths and not short:
        lengths = [str(length) for length in area.lengths]
        raise InvalidLength(
            "LANDLINE_LOCAL_LENGTH",
            place=words.by_language(area, "place"),
            area=f"0{area.code}",
            expected=words.joined(lengths, "alternatives"),
            given=len(local),
        )
    return digits


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then report what to double-check."""
    digits = validate(number)
    if _MOBILE.fullmatch("0" + digits):
        # As a filing reports it (FILING_LANDLINE_MOBILE, which checker.filing gives instead of this).
        return digits, [Finding("LANDLINE_MOBILE", number=mobile.format(digits)), *mobile.check(digits)[1]]
    if _SERVICE.fullmatch(digits):
        return digits, [Finding("LANDLINE_SERVICE_NUMBER")]
    area, local = _local(digits)
    assert area is not None  # validate() found the area code
    if len(local) not in area.lengths:
        return digits, [Finding("LANDLINE_SHORT_NUMBER", local=local, area=f"0{area.code}")]
    if local[0] in "01":
        return digits, [Finding("LANDLINE_LOCAL_START", digit=local[0], area=f"0{area.code}")]
    return digits, []


is_valid = yes_or_no(validate)


def is_mobile(number: str) -> bool:
    """Whether the value is a mobile number that the mobile field accepts, an extension written after it or not
    (``138 0013 8000 转 8001``): what check() notes as LANDLINE_MOBILE, and a filing as FILING_LANDLINE_MOBILE."""
    try:
        reading = _read(number)
    except ValidationError:
        return False
    return reading.is_mobile and mobile.is_valid(reading.digits)


def format(number: str) -> str:
    """``0755-88888888`` (with ``-123`` when the number has an extension); a mobile number as
    `checker.mobile.format` writes it."""
    digits, extension = _parts(number)
    if _MOBILE.fullmatch("0" + digits):
        return mobile.format(digits)
    area = _area_of(digits)
    if area is None:
        return digits
    formatted = f"0{area.code}-{digits[1 + len(area.code) :]}"
    return f"{formatted}-{extension}" if extension else formatted
