"""Mainland mobile numbers, held against phonenumbers 9.0.43 (libphonenumber metadata), a source that is not our
code: every block it knows, every written form it parses. Our table (checker/data/mobile-segments.tsv) is
generated from it by scripts/update_phones.py; these tests check the checker's decisions, not the table against
itself."""

import re
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberType

from checker import _tables, mobile
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from examples import EXAMPLES_SELF, PYODIDE

DOCS = Path(__file__).parent.parent / "docs"
MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def phonenumbers_mobile(digits: str) -> bool:
    """Whether phonenumbers 9.0.43 calls +86 <digits> a valid mobile number."""
    parsed = phonenumbers.parse("+86" + digits)
    return phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in MOBILE_TYPES


def verdict(number: str) -> tuple[str, str]:
    """("error" | "warning" | "ok", the code or "")."""
    try:
        _, findings = mobile.check(number)
    except ValidationError as error:
        return "error", error.code
    return ("warning", findings[0].code) if findings else ("ok", "")


# How people write a mainland mobile number. The oracle of what the digits are is phonenumbers' own parse of the
# same text with region "CN" (phonenumbers.parse(text, "CN")), which reads every one of these forms.
WRITTEN_FORMS = [
    "13800138000",
    "+86 138 0013 8000",
    "+8613800138000",
    "+86-138-0013-8000",
    "+ 86 138 0013 8000",
    "0086-138-0013-8000",
    "0086 13800138000",
    "008613800138000",
    "86 138 0013 8000",
    "86-13800138000",
    "8613800138000",
    "(+86)13800138000",
    "(+86) 138 0013 8000",
    "(86)13800138000",
    "（+86）13800138000",
    "＋８６ １３８ ００１３ ８０００",
    "１３８００１３８０００",
    "+86.138.0013.8000",
    "138.0013.8000",
    "138-0013-8000",
    "(138) 0013 8000",
    "+86 (138) 0013-8000",
    "0086(138)00138000",
    "+86 (0) 138 0013 8000",
    "+86 0138 0013 8000",
    "013800138000",
    "199 1234 5678",
    "+86 174 0012 3456",
    "138‒0013‒8000",
    "138―0013―8000",
    "138——0013——8000",
    # Characters phonenumbers reads as punctuation: U+2212 MINUS SIGN (review 2026-12, item 1), U+30FC and square
    # brackets; each was MOBILE_FORMAT (an error) before.
    "138−0013−8000",
    "+86 138−0013−8000",
    "138ー0013ー8000",
    "[+86] 138 0013 8000",
    "[138] 0013 8000",
]


@pytest.mark.parametrize("text", WRITTEN_FORMS)
def test_every_written_form_phonenumbers_reads_gives_its_digits(text):
    """Source: phonenumbers 9.0.43, phonenumbers.parse(text, "CN") — the same text, read by libphonenumber."""
    parsed = phonenumbers.parse(text, "CN")
    assert parsed.country_code == 86 and phonenumbers.is_valid_number(parsed)
    assert mobile.validate(text) == str(parsed.national_number)
    assert mobile.format(text) == mobile.format(str(parsed.national_number))


@pytest.mark.parametrize(
    "text, as_phonenumbers_writes_it",
    [
        ("138·0013·8000", "138 0013 8000"),
        ("+86·138·0013·8000", "+86 138 0013 8000"),
        ("138・0013・8000", "138 0013 8000"),
        ("138‧0013‧8000", "138 0013 8000"),
    ],
)
def test_middle_dots_are_read(text, as_phonenumbers_writes_it):
    """Source: phonenumbers 9.0.43: parse(text, "CN") refuses a middle dot (not in its _VALID_PUNCTUATION: the
    difference, listed in "How the self-check decides"); parse(as_phonenumbers_writes_it, "CN") gives our digits.
    The landline field reads them the same way."""
    with pytest.raises(phonenumbers.NumberParseException):
        phonenumbers.parse(text, "CN")
    assert mobile.validate(text) == str(phonenumbers.parse(as_phonenumbers_writes_it, "CN").national_number)


# Every combination of a country prefix, a separator (the same one between every group) and a grouping: 270
# written forms of +86 138 0013 8000.
PREFIXES = ["", "+86", "+86 ", "0086-", "(+86)", "[+86] ", "86 ", "（＋８６）", "+86 (0) "]
SEPARATORS = [
    "",
    " ",
    "-",
    "\u2212",
    "\u2012",
    "\u2013",
    "\u2014",
    "\u2015",
    "\uff0d",
    ".",
    "/",
    "\u30fc",
    "\u2014\u2014",
    "\u3000",
    "\u00a0",
]
GROUPINGS = ["138{s}0013{s}8000", "(138){s}0013{s}8000"]


def test_every_written_form_phonenumbers_reads_is_read_the_same():
    """Source: phonenumbers 9.0.43, phonenumbers.parse(text, "CN"), on 270 written forms of one number: where it
    reads a valid number, we read the same digits, never an error."""
    wrong = []
    for text in [
        prefix + grouping.format(s=separator)
        for prefix in PREFIXES
        for separator in SEPARATORS
        for grouping in GROUPINGS
    ]:
        parsed = phonenumbers.parse(text, "CN")
        assert phonenumbers.is_valid_number(parsed), text
        try:
            ours = mobile.validate(text)
        except ValidationError as error:
            ours = error.code
        if ours != str(parsed.national_number):
            wrong.append(f"{text!r}: ours {ours}, phonenumbers {parsed.national_number}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("text", ["", " ", "\u3000", "\t\r\n"])
def test_an_empty_value_is_said_to_be_empty(text):
    """It was MOBILE_FORMAT ("A mobile number has digits only.") before (review 2026-12, "Smaller")."""
    with pytest.raises(InvalidFormat) as raised:
        mobile.validate(text)
    assert raised.value.code == "MOBILE_EMPTY"
    assert raised.value.message == {"en": "The mobile number is empty.", "zh": "未填写手机号码。"}


@pytest.mark.parametrize("text", ["86 1380013800", "86138001380000", "8612800138000", "+86 1380013800"])
def test_a_bare_86_only_before_a_complete_mobile(text):
    """86 is taken for the country code only before eleven digits starting 1[3-9] (13 digits in all); source of
    the expectation: phonenumbers 9.0.43 calls none of these a valid number."""
    assert not phonenumbers.is_valid_number(phonenumbers.parse(text, "CN"))
    assert not mobile.is_valid(text)


@pytest.mark.parametrize("number", ["17400123456", "17405123456", "17401999999", "16101234567"])
def test_voice_blocks_inside_other_segments_are_accepted(number):
    """1740[0-5] (satellite voice inside 174) and 1610 (inside the unassigned 161) are valid
    mobiles in phonenumbers 9.0.43 (its mobile pattern: 1(?:610\\d|740[0-5])\\d{6}): no finding.
    This failed before the table held prefixes longer than three digits (17400123456 was MOBILE_DATA_ONLY)."""
    assert phonenumbers_mobile(number)
    assert mobile.check(number) == (number, [])


@pytest.mark.parametrize(
    "number, error, code",
    [
        ("1380013800", InvalidLength, "MOBILE_LENGTH"),
        ("138001380001", InvalidLength, "MOBILE_LENGTH"),
        ("12800138000", InvalidFormat, "MOBILE_PREFIX"),
        ("1380013800a", InvalidFormat, "MOBILE_FORMAT"),
        ("14012345678", InvalidComponent, "MOBILE_DATA_ONLY"),
        ("19412345678", InvalidComponent, "MOBILE_DATA_ONLY"),
    ],
)
def test_invalid(number, error, code):
    """Each is an invalid number for phonenumbers 9.0.43 as well."""
    assert not phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))
    with pytest.raises(error) as raised:
        mobile.validate(number)
    assert raised.value.code == code


def test_data_only_message_names_the_segment():
    with pytest.raises(InvalidComponent) as raised:
        mobile.validate("14012345678")
    assert raised.value.message["zh"] == "140号段是物联网等纯数据号段，不能接听电话，不能作为联系电话。"
    assert raised.value.message["en"].startswith("140 is a data-only segment, used for IoT devices")


@pytest.mark.parametrize(
    "number, code, segment",
    [
        ("17012345678", "MOBILE_VIRTUAL", "170"),
        ("17031234567", "MOBILE_VIRTUAL", "170"),
        # 149 is China Telecom's data-card (上网卡) segment: 11-digit numbers that receive texts and, as MIIT allows
        # and the operator decides, take calls (VincentSit/ChinaMobilePhoneNumberRegex README-CN.md, "上网卡"; a
        # callable one in google/libphonenumber issue #1976). phonenumbers 9.0.43 knows none: a doubt, never an error.
        ("14912345678", "MOBILE_DATA_CARD", "149"),
        ("16212345678", "MOBILE_VIRTUAL", "162"),
        ("14212345678", "MOBILE_SEGMENT_UNKNOWN", "142"),
        ("17406123456", "MOBILE_SEGMENT_UNKNOWN", "17406"),  # 1740x outside the voice block: not data-only either
        # 174 beyond 1740[0-5]: phonenumbers 9.0.43 knows no number there, but the segment is reported to hold other
        # satellite and emergency blocks (1749 among them): a phone there may take calls, so a doubt, not an error.
        ("17412345678", "MOBILE_SEGMENT_UNKNOWN", "174"),
        ("17491234567", "MOBILE_SEGMENT_UNKNOWN", "174"),
    ],
)
def test_doubts_are_warnings(number, code, segment):
    assert mobile.check(number)[1] == [Finding(code, segment=segment)]
    assert mobile.check(number)[1][0].severity == "warning"


def test_format():
    assert mobile.format("+8613800138000") == "138 0013 8000"


def test_every_segment_from_13_to_19_is_in_the_table():
    assert {segment[:3] for segment in _tables.mobile_segments()} == {str(n) for n in range(130, 200)}
    assert all(str(n) in _tables.mobile_segments() for n in range(130, 200))


# --- Every block phonenumbers knows -------------------------------------------------------------------------

# Every 4-digit block 1300–1999, ten numbers each (the fifth digit 0–9, so 5-digit blocks such as 17400–17405
# are told apart too; fixed tails, so the run is the same every time). Under Pyodide, every seventh block.
BLOCKS = [str(block) for block in range(1300, 2000)][:: 7 if PYODIDE else 1]
TAILS = [f"{fifth}{(fifth * 370_421 + 123_457) % 1_000_000:06d}" for fifth in range(10)]


def compare_blocks() -> dict[str, tuple[str, str, str]]:
    """Block → (our verdict, our code, phonenumbers' word) where the two differ in kind (we warn and it says valid,
    or we say ok and it says invalid), merged into the 3-digit segment when all its blocks agree. An error where
    phonenumbers says valid fails at once."""
    errors, differences = [], {}
    for block in BLOCKS:
        seen = set()
        for tail in TAILS:
            number = block + tail
            valid = phonenumbers_mobile(number)
            ours, code = verdict(number)
            if ours == "error" and valid:
                errors.append(f"{number}: {code}, but phonenumbers says a valid mobile")
            if (ours == "warning" and valid) or (ours == "ok" and not valid):
                seen.add((ours, code, "valid" if valid else "invalid"))
            else:
                seen.add(None)
        assert not errors, "\n".join(errors)
        if seen != {None}:
            assert len(seen) == 1, f"{block}: the numbers of this block differ in different ways: {seen}"
            differences[block] = seen.pop()
    merged = {}
    for block, difference in differences.items():
        segment_blocks = [b for b in BLOCKS if b[:3] == block[:3]]
        whole = all(differences.get(b) == difference for b in segment_blocks)
        merged[block[:3] if whole else block] = difference
    return merged


def print_table(title: str, differences: dict) -> None:
    print(f"\n{title}\n{'prefix':<8} {'ours':<8} {'code':<26} phonenumbers 9.0.43")
    for prefix, (ours, code, theirs) in sorted(differences.items()):
        print(f"{prefix:<8} {ours:<8} {code:<26} {theirs}")


def differences_section(page: str) -> str:
    """The part of "How the self-check decides" that lists where the checker and phonenumbers differ."""
    text = (DOCS / page).read_text(encoding="utf-8")
    start = text.index("<!-- phonenumbers-differences -->")
    return text[start : text.index("<!-- /phonenumbers-differences -->", start)]


def test_never_an_error_where_phonenumbers_says_a_valid_mobile_and_every_difference_is_documented():
    """Source: phonenumbers 9.0.43 (libphonenumber metadata), is_valid_number and number_type for +86 and every
    4-digit block 1300–1999 (ten numbers each). We never give an error where it says a valid mobile; where we warn
    and it says valid, or we say ok and it says invalid, the difference is printed (pytest -s) and listed, with
    its reason, in docs/how-the-check-decides.md and .zh.md (a line naming the code and the prefix)."""
    differences = compare_blocks()
    print_table("Mobile numbers: where the checker and phonenumbers differ", differences)
    for page in ("how-the-check-decides.md", "how-the-check-decides.zh.md"):
        lines = differences_section(page).splitlines()
        for prefix, (_, code, _) in differences.items():
            assert any(f"`{prefix}`" in line and f"`{code}`" in line for line in lines), (
                f"{page} does not list {prefix} ({code}) among the differences with phonenumbers"
            )


# --- The checker against itself (a few hundred examples) ----------------------------------------------------

VALID = sorted(p for p, row in _tables.mobile_segments().items() if row.kind in ("voice", "virtual"))


@settings(max_examples=EXAMPLES_SELF, deadline=None)
@given(st.sampled_from(VALID), st.integers(0, 99_999_999), st.sampled_from(["", "+86 ", "0086-", "86 ", "(+86)"]))
def test_a_number_written_with_its_country_code_and_grouped_reads_the_same(prefix, tail, country):
    number = (prefix + f"{tail:08d}")[:11]
    assert mobile.validate(country + mobile.format(number)) == mobile.validate(number) == number
    assert re.fullmatch(r"1[3-9]\d \d{4} \d{4}", mobile.format(number))
