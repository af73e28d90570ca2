"""ICP filing numbers (ICP备案号), as MIIT gives them to an approved filing and a website shows at its foot.

``<省简称>ICP备<digits>号`` is the entity's number (主体备案号); ``…号-<n>`` the n-th website, APP, mini program or
quick app under it, a letter after n telling the last three apart (A an APP, X a mini program, K a quick app):
Huawei Cloud's examples ``京ICP备04000001号-1`` (a website), ``-2A``, ``-3X``, ``-4K``. The digits start with the
year of the entity's first filing: 8 digits (two for the year, ``蜀ICP备19034464号``) in numbers first filed
until 2019, 10 digits (the whole year, ``豫ICP备2020028892号-1``) from 2020, as observed in public code; MIIT has
published neither rule. Very old numbers with 6 digits are a warning, never an error. The province's short name
comes first: checker/data/province-abbreviations.tsv says which short names filing numbers are seen with (both 川
and 蜀 for Sichuan, both 甘 and 陇 for Gansu); Hong Kong, Macau and Taiwan have none. Source for all of it:
../shared/reference/provincial-rules-sources.md §4.1–§4.2.

Read leniently, as people type it: full-width characters, spaces, a lower-case ``icp``, no ``号`` or a ``号``
after the website's number (a note gives the number as MIIT writes it). Two numbers of another kind are
recognised and explained, never refused: the ICP licence of a commercial service (``京ICP证150476号``,
经营许可证) and a value-added telecom licence (``粤B2-20090059``): genuine numbers, but not the filing number,
which the website has besides them.

>>> validate('粤icp备 12345678-1')
'粤ICP备12345678号-1'
>>> parse('桂ICP备2026011230号-2A')
IcpNumber(abbreviation='桂', province='45', serial='2026011230', site=2, service='A', licence=False, category='')
>>> entity_number('京ICP备04000001号-3X')
'京ICP备04000001号'
>>> check('京ICP证150476号')[1][0].code
'ICP_NUMBER_LICENCE'
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from checker import _tables, words
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import typed_number
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength

SERVICES = ("A", "X", "K")  # an APP, a mini program, a quick app (Huawei Cloud's APP filing FAQ); "" a website
FIRST_LONG_YEAR = 2020  # the first year seen in 10-digit numbers (the reference, §4.1: observed, not published)
_LONGEST = 40  # characters, spaces left out: the longest way to write one ("粤ICP备2020028892号-12A") has 20
_DASHES = re.compile(r"[‐‑‒–—―−⸺⸻ー]")  # hyphens, dashes and minus signs typed for "-"
# The layouts, on the text made ASCII where it can be (NFKC), without spaces, upper-case. Each part is read
# loosely here and judged by _filing and _licence, so that an error can say which part is wrong.
_FILING = re.compile(r"(?P<abbr>.*?)ICP备(?P<serial>[0-9]*)(?P<hao>号?)(?P<suffix>-[0-9A-Z-]*)?(?P<tail>号?)")
_ICP_LICENCE = re.compile(r"(?P<abbr>.*?)ICP证(?P<serial>[0-9]*)号?(?P<suffix>-[0-9A-Z-]*)?号?")
# A value-added telecom licence (增值电信业务经营许可证): its classes (B2; B1.B2 for a licence of two; the older
# B-2-4), 8 digits (the year and a serial), a province's short name first unless MIIT issued it (B2-20080101).
_TELECOM = re.compile(
    r"(?P<abbr>.?)(?P<category>[AB][12](?:[.、][AB][12])*|[AB]-[0-9]-[0-9])-(?P<serial>[0-9]{8})号?(?P<suffix>-[0-9A-Z-]*)?"
)
_SUFFIX = re.compile(r"-(?P<site>[0-9]+)(?P<service>[A-Z]?)")
_PUBLIC_SECURITY = "公网安备"


class IcpNumber(NamedTuple):
    abbreviation: str  # the province's short name it starts with: "粤" ("" for a telecom licence MIIT issued)
    province: str  # that province's GB/T 2260 code: "44"
    serial: str  # the digits: "12345678", "2020028892"
    site: int | None  # n of "-n": the website or service under the entity; None for the entity's own number
    service: str  # "" a website, "A" an APP, "X" a mini program, "K" a quick app
    licence: bool  # an ICP licence (ICP证) or a value-added telecom licence (B2-…), not a filing number
    category: str = ""  # a telecom licence's classes as written ("B2", "B1.B2"); "" otherwise


def _text(number: str) -> str:
    """The typed value made comparable: NFKC (full-width forms become ASCII), no spaces, dashes as "-",
    upper-case."""
    return _DASHES.sub(
        "-",
        typed_number(
            number,
            _LONGEST,
            hidden="ICP_NUMBER_HIDDEN_CHARACTER",
            empty="ICP_NUMBER_EMPTY",
            too_long="ICP_NUMBER_FORMAT",
        ),
    ).upper()


def _province(abbreviation: str, *, optional: bool = False) -> tuple[str, list[Finding]]:
    """The province code of the short name the number starts with, and a warning if numbers are not seen with it."""
    if not abbreviation and optional:
        return "", []
    if not abbreviation:
        raise InvalidFormat("ICP_NUMBER_NO_ABBREVIATION")
    known = _tables.province_abbreviations().get(abbreviation)
    if known is None:
        raise InvalidComponent("ICP_NUMBER_ABBREVIATION", abbreviation=abbreviation)
    region = _tables.provinces()[known.province]
    if known.use == "not-mainland":
        raise InvalidComponent(
            "ICP_NUMBER_NOT_MAINLAND", abbreviation=abbreviation, region=words.by_language(region, "name")
        )
    if known.use == "observed":
        return known.province, []
    usual = [
        short
        for short, row in _tables.province_abbreviations().items()
        if row.province == known.province and row.use == "observed"
    ]
    return known.province, [
        Finding(
            "ICP_NUMBER_ABBREVIATION_UNUSUAL",
            abbreviation=abbreviation,
            province=words.by_language(region, "name"),
            usual=words.joined(usual, "alternatives"),
        )
    ]


def _suffix(suffix: str | None) -> tuple[int | None, str, bool]:
    """(n, the service letter, whether n was written with a leading zero) of "-n[A|X|K]"."""
    if suffix is None:
        return None, "", False
    parts = _SUFFIX.fullmatch(suffix)
    if parts is None:
        raise InvalidFormat("ICP_NUMBER_SUFFIX")
    if parts["service"] and parts["service"] not in SERVICES:
        raise InvalidComponent("ICP_NUMBER_SERVICE", letter=parts["service"])
    site = int(parts["site"])
    if site == 0:
        raise InvalidComponent("ICP_NUMBER_SITE_ZERO")
    return site, parts["service"], parts["site"].startswith("0")


def _serial(serial: str, today: datetime.date) -> list[Finding]:
    """The digits of a filing number: 8 (YY + 6) or 10 (20YY + 6); 6 in very old numbers (a warning)."""
    if len(serial) == 6:
        return [Finding("ICP_NUMBER_SIX_DIGITS")]
    if len(serial) == 8:
        return [Finding("ICP_NUMBER_EIGHT_DIGIT_YEAR", digits=serial[:2])] if serial[:2] >= "20" else []
    if len(serial) != 10:
        raise InvalidLength("ICP_NUMBER_LENGTH", length=len(serial))
    if not serial.startswith("20"):
        raise InvalidComponent("ICP_NUMBER_YEAR", digits=serial[:4])
    year = int(serial[:4])
    if year > today.year:
        return [Finding("ICP_NUMBER_FUTURE_YEAR", year=year)]
    return [Finding("ICP_NUMBER_TEN_DIGIT_YEAR", year=year)] if year < FIRST_LONG_YEAR else []


def _read(number: str, today: datetime.date | None = None) -> tuple[IcpNumber, list[Finding]]:
    """The number's parts and what to report about it; a ValidationError when it cannot be one."""
    text = _text(number)
    if _PUBLIC_SECURITY in text:
        raise InvalidFormat("ICP_NUMBER_IS_PUBLIC_SECURITY")
    filing = _FILING.fullmatch(text)
    if filing is not None:
        return _filing(filing, today or datetime.date.today())
    licence = _ICP_LICENCE.fullmatch(text) or _TELECOM.fullmatch(text)
    if licence is not None:
        return _licence(licence)
    raise InvalidFormat("ICP_NUMBER_FORMAT")


def _filing(parts: re.Match[str], today: datetime.date) -> tuple[IcpNumber, list[Finding]]:
    province, findings = _province(parts["abbr"])
    if not parts["serial"]:
        raise InvalidFormat("ICP_NUMBER_FORMAT")
    findings += _serial(parts["serial"], today)
    site, service, leading_zero = _suffix(parts["suffix"])
    read = IcpNumber(parts["abbr"], province, parts["serial"], site, service, False)
    if not parts["hao"] or parts["tail"] or leading_zero:
        findings.append(Finding("ICP_NUMBER_WRITTEN", number=format_parts(read)))
    return read, findings


def _licence(parts: re.Match[str]) -> tuple[IcpNumber, list[Finding]]:
    category = parts.groupdict().get("category") or ""
    province, findings = _province(parts["abbr"], optional=bool(category))
    if not category and len(parts["serial"]) != 6:
        raise InvalidLength("ICP_NUMBER_LICENCE_LENGTH", length=len(parts["serial"]))
    site, service, _ = _suffix(parts["suffix"])
    read = IcpNumber(parts["abbr"], province, parts["serial"], site, service, True, category)
    code = "ICP_NUMBER_TELECOM_LICENCE" if category else "ICP_NUMBER_LICENCE"
    return read, [*findings, Finding(code, number=format_parts(read))]


def format_parts(number: IcpNumber) -> str:
    """The number as MIIT writes it: ``粤ICP备12345678号-1``, ``京ICP证150476号``, ``粤B2-20090059``."""
    if number.category:
        written = f"{number.abbreviation}{number.category}-{number.serial}"
    else:
        written = f"{number.abbreviation}ICP{'证' if number.licence else '备'}{number.serial}号"
    return written if number.site is None else f"{written}-{number.site}{number.service}"


def parse(number: str) -> IcpNumber:
    """The number's parts (its province, digits, website number and service letter, whether it is a licence);
    a ValidationError when it cannot be a filing number or a licence number."""
    return _read(number)[0]


def compact(number: str) -> str:
    """The number as MIIT writes it (one way only, so the compact form is the canonical one)."""
    return format_parts(parse(number))


def validate(number: str) -> str:
    """The number as MIIT writes it, or a ValidationError."""
    return compact(number)


def entity_number(number: str) -> str:
    """The entity's number (主体备案号): the number without its ``-n`` (a licence number as it is written)."""
    return format_parts(parse(number)._replace(site=None, service=""))


def check(number: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then report what to double-check (context.today: the year a number cannot be from yet)."""
    read, findings = _read(number, context.today)
    return format_parts(read), findings


is_valid = yes_or_no(validate)


format = compact
