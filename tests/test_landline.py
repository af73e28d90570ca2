"""Mainland landlines, held against phonenumbers 9.0.43 (libphonenumber metadata), a source that is not our code:
every area code it knows, local numbers of every plausible length and first digit, and the written forms it
parses. Our area table (checker/data/area-codes.tsv) is generated from it by scripts/update_phones.py; these tests
check the checker's decisions, not the table against itself."""

from pathlib import Path

import phonenumbers
import pytest
from examples import EXAMPLES_SELF, PYODIDE
from hypothesis import given, settings, strategies as st
from phonenumbers import PhoneNumberType

from checker import _tables, landline
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

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


@pytest.mark.parametrize("number, expected, formatted", [
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
])
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
]


@pytest.mark.parametrize("text", WRITTEN_FORMS)
def test_every_written_form_phonenumbers_reads_gives_its_digits(text):
    """Source: phonenumbers 9.0.43, phonenumbers.parse(text, "CN") — the same text, read by libphonenumber."""
    parsed = phonenumbers.parse(text, "CN")
    assert parsed.country_code == 86 and phonenumbers.is_valid_number(parsed)
    assert landline.check(text) == ("0" + str(parsed.national_number), [])


@pytest.mark.parametrize("number, error, code", [
    ("0755-8888888", InvalidLength, "LANDLINE_LOCAL_LENGTH"),      # Shenzhen has 8-digit local numbers
    ("0991-23456789", InvalidLength, "LANDLINE_LOCAL_LENGTH"),
    ("0755-888888", InvalidLength, "LANDLINE_LOCAL_LENGTH"),
    ("0123-4567890", InvalidComponent, "LANDLINE_AREA"),
    ("0260-12345678", InvalidComponent, "LANDLINE_AREA"),
    ("0755-8888abcd", InvalidFormat, "LANDLINE_FORMAT"),
    ("88888888", InvalidLength, "LANDLINE_LENGTH"),
    ("0755-8888", InvalidLength, "LANDLINE_LENGTH"),
])
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
    assert raised.value.message == {"en": "A local number in Shantou, Guangdong (0754) has 7 or 8 digits, not 6.",
                                    "zh": "广东省汕头市（0754）的本地号码为7或8位，不是6位。"}


@pytest.mark.parametrize("number, finding", [
    # phonenumbers 9.0.43 calls each of these a valid fixed line; they are unusual for a person's line, so a warning.
    # 010-12345678 was an error (LANDLINE_LOCAL_FORMAT) before: the defect of issue 12.
    ("010-12345678", Finding("LANDLINE_LOCAL_START", digit="1", area="010")),
    ("0755-08888888", Finding("LANDLINE_LOCAL_START", digit="0", area="0755")),
    ("0755-18888888", Finding("LANDLINE_LOCAL_START", digit="1", area="0755")),
    ("0755-95555", Finding("LANDLINE_SHORT_NUMBER", local="95555", area="0755")),
    ("010-10086", Finding("LANDLINE_SHORT_NUMBER", local="10086", area="010")),
    ("010-12345", Finding("LANDLINE_SHORT_NUMBER", local="12345", area="010")),
    ("0991-951234", Finding("LANDLINE_SHORT_NUMBER", local="951234", area="0991")),
    ("021-96123", Finding("LANDLINE_SHORT_NUMBER", local="96123", area="021")),  # shared cost
])
def test_what_phonenumbers_accepts_but_is_unusual_is_a_warning(number, finding):
    """Source: phonenumbers 9.0.43 (parse with region "CN", is_valid_number)."""
    assert phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))
    assert landline.check(number)[1] == [finding]
    assert finding.severity == "warning"


@pytest.mark.parametrize("number", ["400-800-1234", "4008001234", "800 810 8888", "0800-810-8888",
                                    "95013 123456", "9501312345"])
def test_service_numbers_are_warnings(number):
    """Source: phonenumbers 9.0.43 calls each a valid number (shared cost or toll free)."""
    assert phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))
    valid, findings = landline.check(number)
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
    return any(phonenumbers.number_type(phonenumbers.parse("+86" + code + local)) in fixed
               for local in ("2345678", "23456789"))


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
                        row = differences.setdefault(key, {"ours": ours, "theirs": "valid" if valid else "invalid",
                                                           "areas": set(), "lengths": set(), "example": number})
                        row["areas"].add(code)
                        row["lengths"].add(len(local))
    assert not errors, "\n".join(errors[:50]) + f"\n({len(errors)} in all)"
    return differences


def test_the_table_has_every_area_code_phonenumbers_knows():
    """Source: phonenumbers 9.0.43: the candidate codes (10–29, 300–999) with which it accepts a fixed line."""
    assert {code for code in CANDIDATES if known_to_phonenumbers(code)} == \
        {code for code in _tables.area_codes() if code in CANDIDATES}


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
        print(f"{code:<24} {start + '…':<6} {row['ours']:<8} {row['theirs']:<10} {len(row['areas']):>5}  "
              f"{','.join(map(str, sorted(row['lengths']))):<8} {row['example']}")
    for page in ("how-the-check-decides.md", "how-the-check-decides.zh.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        start = text.index("<!-- phonenumbers-differences -->")
        lines = text[start: text.index("<!-- /phonenumbers-differences -->", start)].splitlines()
        for code, first in differences:
            assert any(f"`{code}`" in line and f"`{first}`" in line for line in lines), \
                f"{page} does not list {code} for numbers starting {first} among the differences with phonenumbers"


# --- The checker against itself (a few hundred examples) ----------------------------------------------------

AREAS = sorted(_tables.area_codes().values())


@settings(max_examples=EXAMPLES_SELF, deadline=None)
@given(st.sampled_from(AREAS), st.integers(2, 9), st.integers(0, 9_999_999),
       st.sampled_from(["0{a}-{l}", "(0{a}) {l}", "+86 {a} {l}", "86-{a}-{l}", "0{a} {l} 转 12"]))
def test_a_local_number_of_the_areas_length_reads_the_same_however_written(area, first, rest, form):
    local = f"{first}{rest:07d}"[: area.lengths[-1]]
    number = form.format(a=area.code, l=local)
    assert landline.check(number) == (f"0{area.code}{local}", [])
    assert landline.format(number).startswith(f"0{area.code}-{local}")
