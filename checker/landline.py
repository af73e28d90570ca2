"""Mainland China landline numbers (固定电话), as contact numbers of a filing.

The trunk prefix ``0``, an area code (2 digits for Beijing ``10`` and ``20``–``29``, 3 digits elsewhere) and a
local number of 7 or 8 digits, as that area uses (Shenzhen ``0755`` has 8 digits, so ``0755-8888888`` is
wrong). People write it in many ways — ``0755-88888888``, ``(0755) 8888 8888``, ``+86 755 88888888`` —
sometimes with an extension (``-123``, ``转123``, ``ext 123``). The area codes and their local-number
lengths come from a table generated from phonenumbers' metadata; an area code that does not exist is an
error. A 400 or 800 number is a company's service line, not a person's number: a warning.

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
_COUNTRY_PREFIX = re.compile(r"^\s*(?:\+\s*86|0086)")
_SERVICE = re.compile(r"[48]00[0-9]{7}")


def _parts(number: str) -> tuple[str, str]:
    """(the number's digits with the trunk 0, the extension or "")."""
    text = unicodedata.normalize("NFKC", require_text(number))
    extension = ""
    marked = _EXTENSION.search(text)
    if marked:
        extension, text = marked[1], text[: marked.start()]
    text = _COUNTRY_PREFIX.sub("", text)
    if re.search(r"[^0-9()\s\-‐‑–—.]", text):
        raise InvalidFormat("LANDLINE_FORMAT")
    groups = re.findall(r"[0-9]+", text)
    digits = "".join(groups)
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
    """The digits of the number with its trunk 0 (``075588888888``), without the extension; a 400/800 number
    as its ten digits."""
    return _parts(number)[0]


def get_extension(number: str) -> str:
    """The extension written after the number, or ``""``."""
    return _parts(number)[1]


def get_area(number: str) -> _tables.AreaCode | None:
    """The area the number belongs to, or None for an area code that does not exist."""
    return _area_of(compact(number))


def validate(number: str) -> str:
    """The compact number, or a ValidationError."""
    digits = compact(number)
    if _SERVICE.fullmatch(digits):
        return digits  # a 400/800 service number: check() warns about it
    if len(digits) < 10 or len(digits) > 12:
        raise InvalidLength("LANDLINE_LENGTH")
    area = _area_of(digits)
    if area is None:
        raise InvalidComponent("LANDLINE_AREA", start=digits[:4])
    local = digits[1 + len(area.code):]
    if local[0] in "01":
        raise InvalidFormat("LANDLINE_LOCAL_FORMAT")
    if len(local) not in area.lengths:
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
