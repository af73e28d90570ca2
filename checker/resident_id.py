"""Resident Identity Card number (居民身份证号码, GB 11643-1999).

Eighteen characters ``RRRRRRYYYYMMDDSSSC``: the administrative division code (GB/T 2260) of the place
where the card was first issued, the birth date, a sequence number (odd for men, even for women) and a check
character. Check (ISO 7064 MOD 11-2): weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 over the first
seventeen digits; check = ``10X98765432``[sum mod 11]. A lower-case ``x`` is the same as ``X``.

Errors: wrong length or characters, the check, an impossible or future birth date, a birth year before
1870 (`EARLIEST_BIRTH_YEAR`), an unknown province. Warnings only: a county code missing from the table (codes
change, and a card keeps the code of where it was issued for life — even a code created after its holder was
born, since people register where they live), a holder under 18, and a holder aged 110 or more. The old
15-digit card is retired: an error that says to use the 18-digit card.
The residence permits of Hong Kong, Macau and Taiwan residents share this layout: `checker.hmt_permit`.

>>> validate('11010519491231002x')
'11010519491231002X'
>>> get_birth_date('11010519491231002X')
datetime.date(1949, 12, 31)
>>> validate('110105194912310021')
Traceback (most recent call last):
    ...
checker.exceptions.InvalidChecksum: The check character does not match: a character is probably mistyped.
"""

from __future__ import annotations

import datetime
import re

from checker import _tables, words
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import character_params, clean
from checker.exceptions import Finding, InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_NUMBER = re.compile(r"[0-9]{17}[0-9X]")
ADULT_AGE = 18
# The 18-digit number exists since 1 October 1999 (State Council decision 国发〔1999〕15号), and only for people
# alive then. GB 11643-1999's own example 440524188001010014 was born on 1 January 1880, and the oldest birth date
# in China's official longevity list is 25 June 1886 (Alimihan Seyiti, list of the China Association of
# Gerontology, died 2021; China News Service, relayed at http://v7time.com/?id=906253). A holder born before 1870
# would have been 129 or older in 1999, seven years older than the oldest person ever verified (Jeanne Calment,
# 122): such a year cannot be on a genuine number. Later years are never an error; from VERY_OLD_AGE on they are
# a warning (the first digits of a year mistyped).
EARLIEST_BIRTH_YEAR = 1870
VERY_OLD_AGE = 110
# The permits of Hong Kong, Macau and Taiwan residents start 81, 82, 83: see checker.hmt_permit.
HMT_PREFIXES = ("81", "82", "83")


def compact(number: str) -> str:
    """The number without spaces, upper-case X (full-width digits made ASCII)."""
    return clean(number)


def calc_check_digit(body: str) -> str:
    """The check character for the first seventeen digits (ISO 7064 MOD 11-2)."""
    return "10X98765432"[sum(weight * int(digit) for weight, digit in zip(_WEIGHTS, body, strict=False)) % 11]


def get_birth_date(number: str, *, family: str = "RIC") -> datetime.date:
    """The birth date in the number; InvalidComponent (``{family}_BIRTH_DATE``) when it is not a real date."""
    number = compact(number)
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidComponent(f"{family}_BIRTH_DATE") from None


def get_gender(number: str) -> str:
    """``"male"`` or ``"female"``, from the parity of the 17th digit."""
    return "male" if int(compact(number)[16]) % 2 else "female"


def validate_layout(number: str, *, today: datetime.date | None = None, family: str = "RIC") -> str:
    """Length, characters, check character and birth date: what the ID card and the residence permits share.

    The errors' codes start with `family` (``RIC_LENGTH``, ``HMT_LENGTH`` …), so each document is named in
    its own words; only the ID card has a retired 15-digit predecessor (``RIC_OLD_15_DIGIT``).
    """
    number = compact(number)
    if family == "RIC" and len(number) == 15 and number.isdigit():
        raise InvalidLength("RIC_OLD_15_DIGIT")
    if len(number) != 18:
        raise InvalidLength(f"{family}_LENGTH")
    if not _NUMBER.fullmatch(number):
        allowed = re.compile("[0-9X]" if _NUMBER.fullmatch(number[:17] + "0") else "[0-9]")
        raise InvalidFormat(f"{family}_FORMAT", **character_params(number, allowed))
    if calc_check_digit(number[:17]) != number[17]:
        raise InvalidChecksum(f"{family}_CHECKSUM")
    born = get_birth_date(number, family=family)
    if born > (today or datetime.date.today()):
        raise InvalidComponent(f"{family}_BIRTH_IN_FUTURE")
    if born.year < EARLIEST_BIRTH_YEAR:
        raise InvalidComponent(f"{family}_BIRTH_TOO_EARLY", year=born.year)
    return number


def validate(number: str, *, today: datetime.date | None = None) -> str:
    """The compact number, or a ValidationError."""
    number = validate_layout(number, today=today)
    if number[:2] in HMT_PREFIXES:
        raise InvalidComponent("RIC_IS_HMT_PERMIT")
    if _tables.province(number) is None:
        raise InvalidComponent("RIC_PROVINCE", prefix=number[:2])
    return number


def age(born: datetime.date, today: datetime.date) -> int:
    """Age in whole years on `today`."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def age_findings(number: str, today: datetime.date | None = None, *, family: str = "RIC") -> list[Finding]:
    """A warning when the holder is under 18 (``{family}_UNDER_18``: providers expect an adult person in charge)
    or 110 or older (``{family}_VERY_OLD``: possible, but more often a mistyped year)."""
    years = age(get_birth_date(number, family=family), today or datetime.date.today())
    if years < ADULT_AGE:
        return [Finding(f"{family}_UNDER_18", age=years)]
    if years >= VERY_OLD_AGE:
        return [Finding(f"{family}_VERY_OLD", age=years)]
    return []


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then report what to double-check in a number that is valid."""
    today = context.today
    number = validate(number, today=today)
    findings = []
    if _tables.region(number) is None:
        province = _tables.province(number)
        assert province is not None  # validate() checked it
        findings.append(Finding("RIC_COUNTY_UNKNOWN", county=number[:6], province=words.by_language(province, "name")))
    return number, findings + age_findings(number, today)


is_valid = yes_or_no(validate)


format = compact  # printed as eighteen characters, without separators
