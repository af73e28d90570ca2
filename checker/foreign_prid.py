"""Foreigner's Permanent Residence ID card number (外国人永久居留身份证号码).

Two generations are in use:

- **Since December 2023**: 18 digits, ``9`` + the 2-digit province code of issue + the holder's nationality
  as a 3-digit ISO 3166-1 numeric code + birth date ``YYYYMMDD`` + a 2-digit sequence + a sex digit + a check
  character computed like the Resident Identity Card's (ISO 7064 MOD 11-2).
- **Before 2023**: 15 characters, the nationality as a 3-letter ISO code + 12 digits. Still valid until the
  card expires.

Only the checksum of the new card is certain (the layouts come from one open-source implementation), so a
wrong check character is an error and every doubt about the parts — province, nationality, birth date, the
old card's check digit — is a warning.

>>> validate('911840199001012013')
'911840199001012013'
>>> get_nationality('911840199001012013').name_en
'United States'
>>> check('USA310085121301')[1][0].code
'PRID_OLD_CHECK'
"""

from __future__ import annotations

import datetime
import re

from checker import _tables, resident_id
from checker._face import yes_or_no
from checker._text import clean
from checker.exceptions import Finding, InvalidChecksum, InvalidFormat, InvalidLength

_NEW = re.compile(r"9[0-9]{16}[0-9X]")
_OLD = re.compile(r"[A-Z]{3}[0-9]{12}")
_ICAO_WEIGHTS = (7, 3, 1)

calc_check_digit = resident_id.calc_check_digit  # the new card's check: ISO 7064 MOD 11-2


def compact(number: str) -> str:
    """The number without spaces, upper-case (full-width characters made ASCII)."""
    return clean(number)


def is_new_card(number: str) -> bool:
    return len(compact(number)) == 18


def calc_old_check_digit(body: str) -> str:
    """ICAO 9303 7-3-1 check digit over the first 14 characters of an old card (letters count A=10 … Z=35)."""
    return str(sum(_ICAO_WEIGHTS[i % 3] * int(char, 36) for i, char in enumerate(body)) % 10)


def validate(number: str) -> str:
    """The compact number, or a ValidationError (new card: layout and check; old card: layout)."""
    number = compact(number)
    if len(number) not in (15, 18):
        raise InvalidLength("PRID_LENGTH", "A permanent residence ID number has 18 digits (cards since 2023) or"
                            " 15 characters (older cards).", "永久居留身份证号码为18位（2023年起的新证）或15位（旧证）。")
    if len(number) == 18:
        if not _NEW.fullmatch(number):
            raise InvalidFormat("PRID_FORMAT", "A new permanent residence ID number starts with 9 and has 17 digits"
                                " then a digit or X.", "新版永久居留身份证号码以9开头，为17位数字加1位数字或X。")
        if calc_check_digit(number[:17]) != number[17]:
            raise InvalidChecksum("PRID_CHECKSUM")
    elif not _OLD.fullmatch(number):
        raise InvalidFormat("PRID_FORMAT", "An older permanent residence ID number has 3 letters then 12 digits.",
                            "旧版永久居留身份证号码为3个字母加12位数字。")
    return number


def get_nationality(number: str) -> _tables.Country | None:
    """The holder's nationality, or None when the code is not an ISO 3166-1 country."""
    number = compact(number)
    return _tables.countries().get(number[3:6] if len(number) == 18 else number[:3])


def check(number: str, *, today: datetime.date | None = None) -> tuple[str, list[Finding]]:
    """Validate, then report the parts that look doubtful."""
    number = validate(number)
    findings = []
    if get_nationality(number) is None:
        code = number[3:6] if len(number) == 18 else number[:3]
        findings.append(Finding("PRID_NATIONALITY_UNKNOWN", "warning", {
            "en": f"The nationality code {code} is not an ISO 3166-1 country: check it against the card.",
            "zh": f"国籍代码 {code} 不是 ISO 3166-1 国家代码，请对照证件核对。"}))
    if len(number) == 18:
        if _tables.province(number[1:3]) is None:
            findings.append(Finding("PRID_PROVINCE_UNKNOWN", "warning", {
                "en": f"Digits 2–3 ({number[1:3]}) are not a province code: check them against the card.",
                "zh": f"第2至3位（{number[1:3]}）不是省级行政区划代码，请对照证件核对。"}))
        born = _date(number[6:14])
        if born is None or born > (today or datetime.date.today()):
            findings.append(Finding("PRID_BIRTH_DATE", "warning", {
                "en": "Digits 7–14 should be the birth date, and are not a past date: check them against the card.",
                "zh": "第7至14位应为出生日期，但不是有效的过去日期，请对照证件核对。"}))
    elif calc_old_check_digit(number[:14]) != number[14]:
        findings.append(Finding("PRID_OLD_CHECK", "warning", {
            "en": "The last digit does not match the check digit older cards are believed to use: check the number"
                  " against the card.",
            "zh": "最后一位与旧版证件通常使用的校验位不符，请对照证件核对号码。"}))
    return number, findings


def _date(digits: str) -> datetime.date | None:
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


is_valid = yes_or_no(validate)
format = compact  # printed without separators
