"""Foreigner's Permanent Residence ID card number (外国人永久居留身份证号码).

Two generations are in use:

- **Since December 2023**: 18 digits, ``9`` + the 2-digit province code of issue + the holder's nationality
  as a 3-digit ISO 3166-1 numeric code + birth date ``YYYYMMDD`` + a 2-digit sequence + a sex digit + a check
  character computed like the Resident Identity Card's (ISO 7064 MOD 11-2). Source: National Immigration
  Administration, 新版外国人永久居留身份证机读信息规则 (2023), as republished by a card-reader maker at
  http://www.eastcoms.com/service/pro/840.html ("由 15 位(3 位拉丁字母+12 位数字)调整为 18 位(17 位数字+1 位
  校验位)", "新版永居证号码首位设置为“9”", "新版永居证号码最后一位采用 MOD11-2 算法设置为校验码,与公民身份号码
  校验方式相同").
- **Before 2023**: 15 characters, the nationality as a 3-letter ISO code + 12 digits (same source). Still
  valid until the card expires. No official description of what the 12 digits mean, or of a check digit in
  them, is published: the format alone is checked, and a valid old card gets an info finding
  (``PRID_OLD_UNCHECKED``) saying its last digit could not be checked. (An earlier version assumed the ICAO
  9303 7-3-1 check digit, which its own example failed: there was no source for it.)

Only the checksum of the new card is certain, so a wrong check character is an error and every doubt about
the parts — province, nationality, birth date — is a warning.

>>> validate('911840199001012013')
'911840199001012013'
>>> get_nationality('911840199001012013').name_en
'United States'
>>> check('USA310085121301')[1][0].code
'PRID_OLD_UNCHECKED'
"""

from __future__ import annotations

import datetime
import re

from checker import _tables, resident_id
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import clean
from checker.exceptions import Finding, InvalidChecksum, InvalidFormat, InvalidLength

_NEW = re.compile(r"9[0-9]{16}[0-9X]")
_OLD = re.compile(r"[A-Z]{3}[0-9]{12}")

calc_check_digit = resident_id.calc_check_digit  # the new card's check: ISO 7064 MOD 11-2


def compact(number: str) -> str:
    """The number without spaces, upper-case (full-width characters made ASCII)."""
    return clean(number)


def validate(number: str) -> str:
    """The compact number, or a ValidationError (new card: layout and check; old card: layout)."""
    number = compact(number)
    if len(number) not in (15, 18):
        raise InvalidLength("PRID_LENGTH")
    if len(number) == 18:
        if not _NEW.fullmatch(number):
            raise InvalidFormat("PRID_FORMAT")
        if calc_check_digit(number[:17]) != number[17]:
            raise InvalidChecksum("PRID_CHECKSUM")
    elif not _OLD.fullmatch(number):
        raise InvalidFormat("PRID_OLD_FORMAT")
    return number


def get_nationality(number: str) -> _tables.Country | None:
    """The holder's nationality, or None when the code is not an ISO 3166-1 country."""
    number = compact(number)
    return _tables.countries().get(number[3:6] if len(number) == 18 else number[:3])


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then report the parts that look doubtful."""
    today = context.today
    number = validate(number)
    findings = []
    if get_nationality(number) is None:
        code = number[3:6] if len(number) == 18 else number[:3]
        findings.append(Finding("PRID_NATIONALITY_UNKNOWN", nationality=code))
    if len(number) == 18:
        if _tables.province(number[1:3]) is None:
            findings.append(Finding("PRID_PROVINCE_UNKNOWN", province=number[1:3]))
        today = today or datetime.date.today()
        born = _date(number[6:14])
        if born is None or born > today or born.year < resident_id.EARLIEST_BIRTH_YEAR:
            findings.append(Finding("PRID_BIRTH_DATE"))
        elif resident_id.age(born, today) >= resident_id.VERY_OLD_AGE:
            findings.append(Finding("PRID_VERY_OLD", age=resident_id.age(born, today)))
    else:
        findings.append(Finding("PRID_OLD_UNCHECKED"))
    return number, findings


def _date(digits: str) -> datetime.date | None:
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


is_valid = yes_or_no(validate)
format = compact  # printed without separators
