"""Organization code (组织机构代码, GB 11714-1997).

Nine characters: eight of ``0-9A-Z`` identifying the organisation, then a check character. Usually written
``XXXXXXXX-X``. Check: weights 3 7 9 10 5 8 4 2 over the first eight (a letter counts 10 + its place in the
alphabet, A=10 … Z=35); check = 11 − sum mod 11, written ``X`` for 10 and ``0`` for 11. Since 2015 the code
lives on as characters 9–17 of the Unified Social Credit Code.

>>> validate('D2143569-X')
'D2143569X'
>>> format('d2143569x')
'D2143569-X'
>>> validate('D21435690')
Traceback (most recent call last):
    ...
checker.exceptions.InvalidChecksum: The check character does not match: a character is probably mistyped.
"""

from __future__ import annotations

import re

from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import clean
from checker.exceptions import Finding, InvalidChecksum, InvalidFormat, InvalidLength

_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_BODY = re.compile(r"[0-9A-Z]{8}")


def compact(number: str) -> str:
    """The code without spaces or hyphens, upper-case."""
    return clean(number)


def calc_check_digit(body: str) -> str:
    """The check character for the first eight characters."""
    total = sum(
        weight * int(char, 36) for weight, char in zip(_WEIGHTS, body, strict=False)
    )  # the body may be the whole code
    return "0123456789X0"[11 - total % 11]


def validate(number: str) -> str:
    """The compact code, or a ValidationError."""
    number = compact(number)
    if len(number) != 9:
        raise InvalidLength("ORG_LENGTH")
    if not _BODY.fullmatch(number[:8]) or not re.fullmatch(r"[0-9X]", number[8]):
        raise InvalidFormat("ORG_FORMAT")
    if calc_check_digit(number[:8]) != number[8]:
        raise InvalidChecksum("ORG_CHECKSUM")
    return number


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then warn that the code is legacy: filings use the Unified Social Credit Code."""
    return validate(number), [Finding("ORG_LEGACY")]


is_valid = yes_or_no(validate)


def format(number: str) -> str:
    """The usual written form, ``XXXXXXXX-X``."""
    number = compact(number)
    return f"{number[:8]}-{number[8:]}"
