"""Residence permit for Hong Kong, Macau and Taiwan residents (港澳台居民居住证).

The same eighteen-character layout and MOD 11-2 check as the Resident Identity Card
(`checker.resident_id`), with the first six digits ``810000`` (Hong Kong), ``820000`` (Macau) or
``830000`` (Taiwan). python-stdnum 2.2 rejects many genuine permits because its place table lacks these
codes; here they are the whole point. The birth date is held to the ID card's bounds: a year before 1870 is an
error, a holder aged 110 or more a warning (`checker.resident_id.EARLIEST_BIRTH_YEAR`).

>>> validate('810000199408230021')
'810000199408230021'
>>> get_origin('830000199201300022').name_en
'Taiwan'
>>> validate('11010519491231002X')
Traceback (most recent call last):
    ...
checker.exceptions.InvalidComponent: A residence permit number starts with 810000, 820000 or 830000.
>>> validate('81000019940823002')
Traceback (most recent call last):
    ...
checker.exceptions.InvalidLength: A residence permit number has 18 characters.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from checker import resident_id, words
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker.exceptions import Finding, InvalidComponent


class Origin(NamedTuple):
    prefix: str
    name_zh: str
    name_en: str


# The first six digits of a permit for each place; its names in checker/data/words/documents.toml (``hmt_origins``).
ORIGINS = ("810000", "820000", "830000")

compact = resident_id.compact
calc_check_digit = resident_id.calc_check_digit
get_gender = resident_id.get_gender
format = resident_id.format


def get_birth_date(number: str) -> datetime.date:
    """The birth date in the number; InvalidComponent (``HMT_BIRTH_DATE``) when it is not a real date."""
    return resident_id.get_birth_date(number, family="HMT")


def get_origin(number: str) -> Origin | None:
    """Hong Kong, Macau or Taiwan, from the first six digits."""
    prefix = compact(number)[:6]
    if prefix not in ORIGINS:
        return None
    names = words.text("documents", f"hmt_origins.{prefix}")
    return Origin(prefix, name_zh=names["zh"], name_en=names["en"])


def validate(number: str, *, today: datetime.date | None = None) -> str:
    """The compact number, or a ValidationError."""
    number = resident_id.validate_layout(number, today=today, family="HMT")
    if number[:6] not in ORIGINS:
        raise InvalidComponent("HMT_PREFIX")
    return number


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then report what to double-check (a holder under 18)."""
    today = context.today
    number = validate(number, today=today)
    return number, resident_id.age_findings(number, today, family="HMT")


is_valid = yes_or_no(validate)
