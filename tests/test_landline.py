"""Mainland landlines, held against phonenumbers 9.0.43 (libphonenumber metadata), a source that is not our code:
every area code it knows, local numbers of every plausible length and first digit, and the written forms it
parses. Our area table (checker/data/area-codes.tsv) is generated from it by scripts/update_phones.py; these tests
check the checker's decisions, not the table against itself."""

from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberType

from checker import _tables, filing, landline, mobile
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from checker.fields import check_field
from examples import EXAMPLES_SELF, PYODIDE


def check_data(data, **kwargs):
    """Every finding of a filing given as plain data: what did not fit the shape first, as `report` orders them."""
    read, problems = filing.read(data)
    return problems + filing.check(read, **kwargs)


DOCS = Path(__file__).parent.parent / "docs"
NOT_LANDLINE = {PhoneNumberType.MOBILE, PhoneNumberType.UNKNOWN}


def phonenumbers_valid(national: str) -> bool:
    """Whether phonenumbers 9.0.43 calls +86 <national> a valid number other than a mobile (a fixed line, or a
    shared-cost, toll-free or premium-rate number: a genuine number someone may write in the landline field)."""
    parsed = phonenumbers.parse("+86" + national)
    return phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) not in NOT_LANDLINE


def verdict(number: str) -> tuple[str, str]:
    """("error" | "warning" | "ok", the code or "")."""
    try:
        _, findings = landline.check(number)
    except ValidationError as error:
        return "error", error.code
    return ("warning", findings[0].code) if findings else ("ok", "")


@pytest.mark.parametrize(
    "number, expected, formatted",
    [
        ("0755-88888888", "075588888888", "0755-88888888"),
        ("(0755) 8888 8888", "075588888888", "0755-88888888"),
        ("+86 755 88888888", "075588888888", "0755-88888888"),
        ("755-88888888", "075588888888", "0755-88888888"),
        ("010-65529988", "01065529988", "010-65529988"),
        ("０２１－６８８８１２３４", "02168881234", "021-68881234"),
        ("0991-2345678", "09912345678", "0991-2345678"),
        ("0755-88888888-123", "075588888888", "0755-88888888-123"),
        ("0755-88888888 转 123", "075588888888", "0755-88888888-123"),
        ("010 6552 9988 ext. 42", "01065529988", "010-65529988-42"),
    ],
)
def test_valid(number, expected, formatted):
    assert landline.check(number) == (expected, [])
    assert landline.format(number) == formatted


# How people write a landline; the oracle of what the digits are is phonenumbers' own parse of the same text with
# region "CN" (phonenumbers.parse(text, "CN")), which reads every one of these forms.
WRITTEN_FORMS = [
    "0755-88888888",
    "0755 8888 8888",
    "(0755) 8888-8888",
    "（0755）88888888",
    "0755.8888.8888",
    "+86 755 8888 8888",
    "+86-755-88888888",
    "+86 (0) 755 8888 8888",
    "+86 0755 8888 8888",
    "0086 755 88888888",
    "(+86) 755 8888 8888",
    "（＋８６）７５５ ８８８８ ８８８８",
    "86-755-8888 8888",
    "86 10 6552 9988",
    "861065529988",
    "(86) 10 6552 9988",
    "10 6552 9988",
    "０２１－６８８８１２３４",
    "0755——88888888",  # the Chinese dash, two U+2014
    # Dashes and minus signs, slashes and square brackets, which phonenumbers reads as punctuation; each was
    # LANDLINE_FORMAT (an error) before (review 2026-12, item 1).
    "0755−88888888",  # U+2212 MINUS SIGN
    "0755‒8888‒8888",  # U+2012 FIGURE DASH
    "0755―88888888",  # U+2015 HORIZONTAL BAR
    "0755ー88888888",  # U+30FC, which phonenumbers counts among its dashes
    "0755/8888/8888",
    "010/65529988",
    "[010]65529988",
    "[0755] 8888 8888",
    "[+86] 755 88888888",
    "+86 [0755] 88888888",
]


@pytest.mark.parametrize("text", WRITTEN_FORMS)
def test_every_written_form_phonenumbers_reads_gives_its_digits(text):
    """Source: phonenumbers 9.0.43, phonenumbers.parse(text, "CN") — the same text, read by libphonenumber."""
    parsed = phonenumbers.parse(text, "CN")
    assert parsed.country_code == 86 and phonenumbers.is_valid_number(parsed)
    assert landline.check(text) == ("0" + str(parsed.national_number), [])


@pytest.mark.parametrize("text", ["010/12345678", "[010]12345678"])
def test_the_reviews_forms_with_a_local_number_starting_1_are_a_warning(text):
    """Source: phonenumbers 9.0.43, phonenumbers.parse(text, "CN"): a valid fixed line +86 10 1234 5678. Both were
    LANDLINE_FORMAT (an error) before; a local number starting 1 is only unusual (LANDLINE_LOCAL_START)."""
    parsed = phonenumbers.parse(text, "CN")
    assert phonenumbers.is_valid_number(parsed)
    assert landline.check(text) == (
        "0" + str(parsed.national_number),
        [Finding("LANDLINE_LOCAL_START", digit="1", area="010")],
    )


# A number with an extension, written as phonenumbers reads one: the same digits, the same extension. Each but
# the last five was LANDLINE_FORMAT (an error) before (review 2026-12, item 1).
WRITTEN_WITH_EXTENSION = [
    "0755-88888888,123",
    "0755-88888888 ext:8001",
    "0755 88888888 Ext: 8001",
    "0755-88888888 extension 8001",
    "0755-88888888 extn 8001",
    "0755 88888888;ext=8001",
    "0755-88888888,,8001",
    "0755-88888888;8001",
    "0755-88888888 ext 8001#",
    "0755-88888888-8001#",
    "075588888888-8001#",
    "0755-88888888 (ext 8001)",
    "0755−88888888 x 8001",
    "0755-88888888 ext 1234567",
    "0755-88888888 int 8001",  # phonenumbers' other labels (Spanish, Russian, ~)
    "0755-88888888 anexo 8001",
    "0755-88888888 extensión 8001",
    "0755-88888888 доб. 8001",
    "0755-88888888 ～8001",
    "0755 88888888 ＃8001",
    "010 6552 9988 ext. 42",
    "0755-88888888 x8001",
    "0755-88888888#8001",
    "0755-88888888 ext. 8001",
]


@pytest.mark.parametrize("text", WRITTEN_WITH_EXTENSION)
def test_an_extension_is_read_as_phonenumbers_reads_it(text):
    """Source: phonenumbers 9.0.43, phonenumbers.parse(text, "CN"): its number and its extension."""
    parsed = phonenumbers.parse(text, "CN")
    assert phonenumbers.is_valid_number(parsed) and parsed.extension
    assert landline.check(text) == ("0" + str(parsed.national_number), [])
    assert landline.get_extension(text) == parsed.extension
    assert landline.format(text) == landline.format("0" + str(parsed.national_number)) + "-" + parsed.extension


# Written forms phonenumbers 9.0.43 does not read at all (NumberParseException): it knows no Chinese extension
# label (its labels: ext, extn, extension, extensión, x, #, ~, int, anexo, доб) and no middle dot (not in its
# _VALID_PUNCTUATION). Chinese filers write them, and the mobile field already read 138·0013·8000, so we read
# them: the oracle is phonenumbers' reading of the same text with the label written "ext" and the dot as a space
# (the second column). Each was LANDLINE_FORMAT (an error) before, but for the last (read before as well).
CHINESE_FORMS = [
    ("0755-88888888（转8001）", "0755-88888888 (ext 8001)"),
    ("0755-88888888(分机8001)", "0755-88888888 (ext 8001)"),
    ("0755-88888888（分机：8001）", "0755-88888888 (ext: 8001)"),
    ("0755-88888888 分机号8001", "0755-88888888 ext 8001"),
    ("0755-88888888转8001#", "0755-88888888 ext 8001#"),
    ("0755·88888888", "0755 88888888"),
    ("0755・8888・8888 转8001", "0755 8888 8888 ext 8001"),
    ("+86·755·88888888", "+86 755 88888888"),
    ("0755-88888888 转 8001", "0755-88888888 ext 8001"),
]


@pytest.mark.parametrize("text, as_phonenumbers_writes_it", CHINESE_FORMS)
def test_chinese_extension_labels_and_middle_dots_are_read(text, as_phonenumbers_writes_it):
    """Source: phonenumbers 9.0.43: parse(text, "CN") refuses the text (the difference, listed in "How the
    self-check decides"); parse(as_phonenumbers_writes_it, "CN") gives the digits and extension we read."""
    with pytest.raises(phonenumbers.NumberParseException):
        phonenumbers.parse(text, "CN")
    parsed = phonenumbers.parse(as_phonenumbers_writes_it, "CN")
    assert phonenumbers.is_valid_number(parsed)
    assert landline.check(text) == ("0" + str(parsed.national_number), [])
    assert landline.get_extension(text) == (parsed.extension or "")


@pytest.mark.parametrize(
    "text", ["0755-88888888-123", "0755-88888888（8001）", "0755-88888888 (8001)", "0755-88888888/8001"]
)
def test_a_short_group_after_a_complete_number_is_an_extension(text):
    """Source: phonenumbers 9.0.43 reads these as one number of 14 or 15 digits, which it calls invalid; we read
    the last group as an extension (a difference, listed in "How the self-check decides"): the number before it
    is the one phonenumbers calls valid."""
    parsed = phonenumbers.parse(text, "CN")
    assert not phonenumbers.is_valid_number(parsed) and not parsed.extension
    assert phonenumbers.is_valid_number(phonenumbers.parse("0755-88888888", "CN"))
    assert landline.check(text) == ("075588888888", [])
    assert str(parsed.national_number) == "75588888888" + landline.get_extension(text)


# Every combination of a country prefix, an area code, a separator (the same one between every group), a grouping of
# the local number and an extension: 13,608 written forms of +86 755 8888 8888 (under Pyodide every seventh).
PREFIXES = ["", "+86 ", "0086-", "(+86) ", "[+86]", "86-", "+86 (0) "]
AREA_FORMS = ["0755", "(0755)", "[0755]", "755"]
SEPARATORS = [
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
    "\u00b7",
    "\u30fc",
    "\u2014\u2014",
    "",
]
LOCAL_FORMS = ["88888888", "8888{s}8888"]
EXTENSIONS = [
    "",
    ",123",
    " ext:8001",
    ";ext=8001",
    " x8001",
    "#8001",
    " 转8001",
    "（转8001）",
    "(分机8001)",
    "转8001#",
    "-8001#",
    ",,8001",
    ";8001",
    " extension 8001",
    " Ext. 8001",
    "-8001",
    " (8001)",
    "/8001",
]
COMBINATIONS = [
    prefix + area + separator + local.format(s=separator) + extension
    for prefix in PREFIXES
    for area in AREA_FORMS
    for separator in SEPARATORS
    for local in LOCAL_FORMS
    for extension in EXTENSIONS
    if prefix or area != "755"
][:: 7 if PYODIDE else 1]
# Where we read a number and phonenumbers reads none or an invalid one: a Chinese extension label, a middle dot,
# or a short last group after a complete number (the three tests above, and "How the self-check decides").
KNOWN_DIFFERENCES = ("转", "分机", "·", "-8001", " (8001)", "/8001")


def test_every_written_form_phonenumbers_reads_is_read_the_same():
    """Source: phonenumbers 9.0.43, phonenumbers.parse(text, "CN"), on 13,608 written forms of one number. Where it
    reads a valid number, we read the same digits and extension, never an error; where we read a number and it
    does not, the form is one of the known differences."""
    wrong, unexplained = [], []
    for text in COMBINATIONS:
        try:
            parsed = phonenumbers.parse(text, "CN")
            theirs = (
                ("0" + str(parsed.national_number), parsed.extension or "")
                if phonenumbers.is_valid_number(parsed)
                else None
            )
        except phonenumbers.NumberParseException:
            theirs = None
        try:
            landline.validate(text)
            ours = (landline.compact(text), landline.get_extension(text))
        except ValidationError as error:
            ours = error.code
        if theirs and ours != theirs:
            wrong.append(f"{text!r}: ours {ours}, phonenumbers {theirs}")
        if not theirs and isinstance(ours, tuple) and not any(mark in text for mark in KNOWN_DIFFERENCES):
            unexplained.append(f"{text!r}: ours {ours}, phonenumbers reads no valid number")
    assert not wrong, "\n".join(wrong[:30]) + f"\n({len(wrong)} in all)"
    assert not unexplained, "\n".join(unexplained[:30]) + f"\n({len(unexplained)} in all)"


# --- A mobile number in the landline field --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["13800138000", "+86 138 0013 8000", "138−0013−8000", "(+86)138-0013-8000", "86 138 0013 8000", "0138 0013 8000"],
)
def test_a_mobile_number_in_the_landline_field_is_a_note_as_in_a_filing(text):
    """Source: phonenumbers 9.0.43 calls each a valid mobile (number_type MOBILE). It was an error before
    (LANDLINE_AREA, "0138 does not start with a mainland area code"); now an info finding, as a filing reports
    the same value (FILING_LANDLINE_MOBILE, given by checker.filing instead, so a filing shows one finding)."""
    parsed = phonenumbers.parse(text, "CN")
    assert phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) == PhoneNumberType.MOBILE
    assert landline.check(text) == ("13800138000", [Finding("LANDLINE_MOBILE", number="138 0013 8000")])
    assert Finding("LANDLINE_MOBILE", number="138 0013 8000").severity == "info"
    assert landline.format(text) == "138 0013 8000" and landline.get_area(text) is None
    result = check_field("landline", text)
    assert result["ok"] and [f["code"] for f in result["findings"]] == ["LANDLINE_MOBILE"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("13800138000", True),
        ("+86 138 0013 8000", True),
        ("（+86）138·0013·8000", True),
        ("[138] 0013 8000", True),
        ("138 0013 8000 转 8001", True),
        ("13800138000 ext 8001", True),
        ("14012345678", False),
        ("1380013800", False),
        ("0755-88888888", False),
        ("", False),
        ("x" * 100, False),
    ],
)
def test_is_mobile_is_what_the_mobile_field_accepts(text, expected):
    """Source: phonenumbers 9.0.43 (parse(text, "CN"), is_valid_number, number_type MOBILE) for each value it
    reads; the mobile field agrees (mobile.is_valid) on each one without an extension, which it does not read."""
    try:
        parsed = phonenumbers.parse(text, "CN")
        theirs = phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) == PhoneNumberType.MOBILE
    except phonenumbers.NumberParseException:
        theirs = False
    assert landline.is_mobile(text) is expected
    assert theirs is expected or any(mark in text for mark in ("·", "转"))  # phonenumbers reads neither
    if not any(label in text for label in ("转", "ext")):
        assert mobile.is_valid(text) is expected


def test_a_mobile_in_the_landline_field_of_a_filing_is_reported_once():
    """The filing's own note (FILING_LANDLINE_MOBILE) and no second one from the landline check."""
    data = filing.example()
    data["entity"]["pic"]["landline"] = "138−0013−8000"
    found = [(item.field, item.finding.code) for item in check_data(data) if item.field == "entity.pic.landline"]
    assert found == [("entity.pic.landline", "FILING_LANDLINE_MOBILE")]


@pytest.mark.parametrize(
    "text, codes",
    [
        ("17012345678", ["LANDLINE_MOBILE", "MOBILE_VIRTUAL"]),
        ("14212345678", ["LANDLINE_MOBILE", "MOBILE_SEGMENT_UNKNOWN"]),
    ],
)
def test_a_mobile_in_the_landline_field_keeps_the_mobile_checks_warnings(text, codes):
    assert [finding.code for finding in landline.check(text)[1]] == codes


def test_a_data_only_number_in_the_landline_field_is_the_mobile_checks_error():
    """Source: phonenumbers 9.0.43 calls +86 140 1234 5678 invalid (140 is a data-only segment). The error says
    so, rather than that 0140 is no area code (LANDLINE_AREA, before)."""
    assert not phonenumbers.is_valid_number(phonenumbers.parse("14012345678", "CN"))
    with pytest.raises(InvalidComponent) as raised:
        landline.validate("14012345678")
    assert raised.value.code == "MOBILE_DATA_ONLY"


# --- What the messages quote, empty and overlong values -------------------------------------------------------


@pytest.mark.parametrize(
    "text, start",
    [("12345678901", "123"), ("+86 260 1234 5678", "260"), ("0260-12345678", "0260"), ("+86 0260 1234 5678", "0260")],
)
def test_an_unknown_area_code_is_quoted_as_typed(text, start):
    """Source: phonenumbers 9.0.43 calls each invalid. The message quoted a leading 0 the filer never typed
    ("0123 does not start with a mainland area code" for 12345678901) before."""
    assert not phonenumbers.is_valid_number(phonenumbers.parse(text, "CN"))
    with pytest.raises(InvalidComponent) as raised:
        landline.validate(text)
    assert raised.value.code == "LANDLINE_AREA" and raised.value.params["start"] == start
    assert raised.value.message["en"].startswith(f"{start} ") and raised.value.message["zh"].startswith(start)


@pytest.mark.parametrize("text", ["", " ", "\u3000", " \t\r\n"])
def test_an_empty_value_is_said_to_be_empty(text):
    """It was LANDLINE_LENGTH ("A landline number has an area code and a 7- or 8-digit local number") before."""
    with pytest.raises(InvalidFormat) as raised:
        landline.validate(text)
    assert raised.value.code == "LANDLINE_EMPTY"


def test_the_longest_written_form_is_read():
    text = "+86 (0) 755 8888 8888 extension 12345678901234567890"
    assert len(text) <= landline.LONGEST
    assert phonenumbers.parse(text, "CN").extension == "12345678901234567890"
    assert landline.check(text) == ("075588888888", []) and landline.get_extension(text) == "12345678901234567890"


@pytest.mark.parametrize(
    "text",
    ["0755-88888888" + " " * 100_000 + "x", "1" * 131_072, "0755 " + "-" * (landline.LONGEST - 12) + " 88888888"],
)
def test_a_value_longer_than_any_number_is_refused_before_it_is_read(text):
    """A long run of spaces took quadratic time before (review 2026-12, item 14: 100,000 spaces and an x took
    125 s and then gave LANDLINE_FORMAT); now the value is refused at once, with its length."""
    with pytest.raises(InvalidLength) as raised:
        landline.validate(text)
    assert raised.value.code == "LANDLINE_TOO_LONG" and raised.value.params["length"] == len(text.strip())
    assert str(len(text.strip())) in raised.value.message["zh"]


@pytest.mark.parametrize(
    "text",
    [
        "0755-88888888" + " " * 100_000 + "x",
        "0755" + "," * 100_000 + "x",
        "转 " * 50_000 + "x",
        "ext " * 25_000 + "1",
        "0755" + "-" * 100_000 + "8 x",
        "(86 " * 30_000 + "1",
        ";" * 100_000 + "1 x",
    ],
)
def test_reading_is_linear_even_without_the_length_limit(text, monkeypatch):
    """Without the limit, each of these is read in a few milliseconds (the old extension pattern, which began
    with \\s*, took 125 s on the first). Speed is not asserted: a regression shows as a slow test."""
    monkeypatch.setattr(landline, "LONGEST", 10**7)
    with pytest.raises(ValidationError):
        landline.validate(text)


def test_spaces_around_a_number_do_not_count():
    """A spreadsheet cell padded with spaces (a CSV cell may hold 131,072 characters)."""
    assert landline.check(" " * 60_000 + "0755-88888888" + " " * 60_000) == ("075588888888", [])


@pytest.mark.parametrize(
    "number, error, code",
    [
        ("0755-8888888", InvalidLength, "LANDLINE_LOCAL_LENGTH"),  # Shenzhen has 8-digit local numbers
        ("0991-23456789", InvalidLength, "LANDLINE_LOCAL_LENGTH"),
        ("0755-888888", InvalidLength, "LANDLINE_LOCAL_LENGTH"),
        ("0123-4567890", InvalidComponent, "LANDLINE_AREA"),
        ("0260-12345678", InvalidComponent, "LANDLINE_AREA"),
        ("0755-8888abcd", InvalidFormat, "LANDLINE_FORMAT"),
        ("0755-88888888#", InvalidFormat, "LANDLINE_FORMAT"),  # a # that closes no extension: phonenumbers reads none
        ("88888888", InvalidLength, "LANDLINE_LENGTH"),
        ("0755-8888", InvalidLength, "LANDLINE_LENGTH"),
    ],
)
def test_invalid(number, error, code):
    """Each number is invalid for phonenumbers 9.0.43 as well (parsed with region "CN")."""
    if code != "LANDLINE_FORMAT":
        assert not phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))
    with pytest.raises(error) as raised:
        landline.validate(number)
    assert raised.value.code == code
    assert raised.value.message["zh"]


def test_local_length_message_names_the_place():
    with pytest.raises(InvalidLength) as raised:
        landline.validate("0755-8888888")
    assert "Shenzhen" in raised.value.message["en"] and "深圳" in raised.value.message["zh"]
    assert raised.value.params["area"] == "0755" and raised.value.params["given"] == 7


def test_shenzhen_has_eight_digit_local_numbers():
    """The README's example (`icp-check field landline 0755-8888888 --lang zh  # exit 1`) rests on this.
    Source: phonenumbers 9.0.43 accepts +86 755 8888 8888 and refuses +86 755 888 8888."""
    assert phonenumbers.is_valid_number(phonenumbers.parse("+8675588888888"))
    assert not phonenumbers.is_valid_number(phonenumbers.parse("+867558888888"))
    assert _tables.area_codes()["755"].lengths == (8,)


def test_local_length_message_names_both_lengths_in_each_language():
    with pytest.raises(InvalidLength) as raised:
        landline.validate("0754-234567")  # Shantou uses 7- and 8-digit local numbers
    assert raised.value.message == {
        "en": "A local number in Shantou, Guangdong (0754) has 7 or 8 digits, not 6.",
        "zh": "广东省汕头市（0754）的本地号码为7或8位，不是6位。",
    }


@pytest.mark.parametrize(
    "number, finding",
    [
        # phonenumbers 9.0.43 calls each of these a valid fixed line; unusual for a person's line, so a warning.
        # 010-12345678 was an error (LANDLINE_LOCAL_FORMAT) before: the defect of issue 12.
        ("010-12345678", Finding("LANDLINE_LOCAL_START", digit="1", area="010")),
        ("0755-08888888", Finding("LANDLINE_LOCAL_START", digit="0", area="0755")),
        ("0755-18888888", Finding("LANDLINE_LOCAL_START", digit="1", area="0755")),
        ("0755-95555", Finding("LANDLINE_SHORT_NUMBER", local="95555", area="0755")),
        ("010-10086", Finding("LANDLINE_SHORT_NUMBER", local="10086", area="010")),
        ("010-12345", Finding("LANDLINE_SHORT_NUMBER", local="12345", area="010")),
        ("0991-951234", Finding("LANDLINE_SHORT_NUMBER", local="951234", area="0991")),
        ("021-96123", Finding("LANDLINE_SHORT_NUMBER", local="96123", area="021")),  # shared cost
    ],
)
def test_what_phonenumbers_accepts_but_is_unusual_is_a_warning(number, finding):
    """Source: phonenumbers 9.0.43 (parse with region "CN", is_valid_number)."""
    assert phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))
    assert landline.check(number)[1] == [finding]
    assert finding.severity == "warning"


@pytest.mark.parametrize(
    "number", ["400-800-1234", "4008001234", "800 810 8888", "0800-810-8888", "95013 123456", "9501312345"]
)
def test_service_numbers_are_warnings(number):
    """Source: phonenumbers 9.0.43 calls each a valid number (shared cost or toll free)."""
    assert phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))
    _, findings = landline.check(number)
    assert [(f.code, f.severity) for f in findings] == [("LANDLINE_SERVICE_NUMBER", "warning")]


def test_area():
    assert landline.get_area("020-88881234").place_zh == "广东省广州市"


# --- Every area code phonenumbers knows ----------------------------------------------------------------------

# Candidate area codes: every 2-digit code 10–29 and every 3-digit code 300–999 (phonenumbers 9.0.43 has no
# 4-digit area code: length_of_geographical_area_code is 2 or 3 for every fixed line; a 4-digit prefix is a 3-digit
# code and a local number's first digit, which the enumeration covers). Under Pyodide, every seventh code.
CANDIDATES = ([str(code) for code in range(10, 30)] + [str(code) for code in range(300, 1000)])[:: 7 if PYODIDE else 1]
# Local numbers: each length 4–9 and each first digit 0–9; the digits after the first are fixed tails chosen to
# reach every form phonenumbers' fixed-line pattern tells apart by its first digits (100…, 101…, 110…, 123…,
# 180…, 95…, 96…).
TAILS = {"1": ["00000000", "01234567", "10000000", "23456789", "80123456"], "9": ["54321098", "61234567", "0000000"]}
DEFAULT_TAILS = ["00000000", "54321098"]
LENGTHS = range(4, 10)


def known_to_phonenumbers(code: str) -> bool:
    """Whether phonenumbers 9.0.43 accepts a fixed line with this area code (a 7- or 8-digit local number)."""
    fixed = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
    return any(
        phonenumbers.number_type(phonenumbers.parse("+86" + code + local)) in fixed for local in ("2345678", "23456789")
    )


def difference_key(code: str, local: str, our_code: str) -> str:
    """The docs' name of a kind of difference: the local number's first digit (LANDLINE_LOCAL_START) or first two
    (LANDLINE_SHORT_NUMBER), the first three digits of the whole number (LANDLINE_SERVICE_NUMBER: 400, 160 …),
    or, where we say ok, the local number's first three."""
    if our_code == "LANDLINE_SERVICE_NUMBER":
        return (code + local)[:3]
    return {"LANDLINE_LOCAL_START": local[:1], "LANDLINE_SHORT_NUMBER": local[:2]}.get(our_code, local[:3])


def compare_areas() -> dict[tuple[str, str], dict]:
    errors, differences = [], {}
    for code in CANDIDATES:
        for length in LENGTHS:
            for first in "0123456789":
                for tail in TAILS.get(first, DEFAULT_TAILS):
                    local = (first + tail)[:length]
                    number = f"0{code}-{local}"
                    valid = phonenumbers_valid(code + local)
                    ours, our_code = verdict(number)
                    if ours == "error" and valid:
                        errors.append(f"{number}: {our_code}, but phonenumbers says valid")
                    if (ours == "warning" and valid) or (ours == "ok" and not valid):
                        key = (our_code or "ok", difference_key(code, local, our_code))
                        row = differences.setdefault(
                            key,
                            {
                                "ours": ours,
                                "theirs": "valid" if valid else "invalid",
                                "areas": set(),
                                "lengths": set(),
                                "example": number,
                            },
                        )
                        row["areas"].add(code)
                        row["lengths"].add(len(local))
    assert not errors, "\n".join(errors[:50]) + f"\n({len(errors)} in all)"
    return differences


def test_the_table_has_every_area_code_phonenumbers_knows():
    """Source: phonenumbers 9.0.43: the candidate codes (10–29, 300–999) with which it accepts a fixed line."""
    assert {code for code in CANDIDATES if known_to_phonenumbers(code)} == {
        code for code in _tables.area_codes() if code in CANDIDATES
    }


def test_never_an_error_where_phonenumbers_says_valid_and_every_difference_is_documented():
    """Source: phonenumbers 9.0.43 (libphonenumber metadata), is_valid_number and number_type for +86, every
    candidate area code (10–29, 300–999), local numbers of each length 4–9 and each first digit 0–9. We never
    give an error where it says a valid fixed line (or a valid shared-cost, toll-free or premium-rate number).
    Where we warn and it says valid, or we say ok and it says invalid, the difference is printed (pytest -s) and
    listed, with its reason, in docs/how-the-check-decides.md and .zh.md (a line naming the code and the first
    digits)."""
    differences = compare_areas()
    print("\nLandlines: where the checker and phonenumbers differ")
    print(f"{'code':<24} {'local':<6} {'ours':<8} {'pn 9.0.43':<10} {'areas':>5}  lengths  example")
    for (code, start), row in sorted(differences.items()):
        print(
            f"{code:<24} {start + '…':<6} {row['ours']:<8} {row['theirs']:<10} {len(row['areas']):>5}  "
            f"{','.join(map(str, sorted(row['lengths']))):<8} {row['example']}"
        )
    for page in ("how-the-check-decides.md", "how-the-check-decides.zh.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        start = text.index("<!-- phonenumbers-differences -->")
        lines = text[start : text.index("<!-- /phonenumbers-differences -->", start)].splitlines()
        for code, first in differences:
            assert any(f"`{code}`" in line and f"`{first}`" in line for line in lines), (
                f"{page} does not list {code} for numbers starting {first} among the differences with phonenumbers"
            )


# --- The checker against itself (a few hundred examples) ----------------------------------------------------

AREAS = sorted(_tables.area_codes().values())


@settings(max_examples=EXAMPLES_SELF, deadline=None)
@given(
    st.sampled_from(AREAS),
    st.integers(2, 9),
    st.integers(0, 9_999_999),
    st.sampled_from(["0{a}-{l}", "(0{a}) {l}", "+86 {a} {l}", "86-{a}-{l}", "0{a} {l} 转 12"]),
)
def test_a_local_number_of_the_areas_length_reads_the_same_however_written(area, first, rest, form):
    local = f"{first}{rest:07d}"[: area.lengths[-1]]
    number = form.format(a=area.code, l=local)
    assert landline.check(number) == (f"0{area.code}{local}", [])
    assert landline.format(number).startswith(f"0{area.code}-{local}")
