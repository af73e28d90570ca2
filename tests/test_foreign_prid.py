"""Foreigner's Permanent Residence ID card (checker.foreign_prid), held against sources that are not our code:

- the National Immigration Administration's rules for the 2023 card (新版外国人永久居留身份证机读信息规则, as
  republished at http://www.eastcoms.com/service/pro/840.html): 18 digits, the first one 9, the last a check
  character by ISO 7064 MOD 11-2 "与公民身份号码校验方式相同"; the older card 15 characters, 3 letters + 12 digits;
- python-stdnum 2.2 `stdnum.iso7064.mod_11_2` and id-validator 1.0.20's GB 11643 check character;
- another implementation's samples: howardli/CredentialKit, ForeignerPermanentResidenceIdNumberProcessorTest.java
  (911398199012310021, KAZ110090123105).

No source describes a check digit on the older card: its number is checked for its layout only.
"""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from id_validator import helper as id_validator_helper
from stdnum.iso7064 import mod_11_2

from checker import _tables, foreign_prid
from checker._face import Context
from checker.exceptions import Finding, InvalidChecksum, InvalidFormat, InvalidLength
from examples import EXAMPLES, EXAMPLES_SELF

TODAY = datetime.date(2026, 12, 1)


def new_card(province="11", nationality="840", born="19900101", sequence="20", sex="1") -> str:
    """A new card with python-stdnum's ISO 7064 MOD 11-2 check character (not ours)."""
    body = "9" + province + nationality + born + sequence + sex
    return body + mod_11_2.calc_check_digit(body)


@pytest.mark.parametrize("number", [new_card(), new_card("44", "276", "19751231"), "911398199012310021"])
def test_valid_new_cards_without_doubts(number):
    assert foreign_prid.check(number, context=Context(today=TODAY)) == (number, [])


@pytest.mark.parametrize("number", ["USA310085121301", "KAZ110090123105", "JPN000000000000"])
def test_an_old_card_is_checked_for_its_layout_only(number):
    """Review §2/§3: the old card's supposed ICAO 7-3-1 check digit had no source, and our own example
    (USA310085121301) failed it. Now every last digit is accepted, with an info finding that says the last digit
    could not be checked; never a warning or an error on an unsourced checksum."""
    for last in "0123456789":
        candidate = number[:14] + last
        assert foreign_prid.validate(candidate) == candidate
        _, findings = foreign_prid.check(candidate, context=Context(today=TODAY))
        assert [(f.code, f.severity) for f in findings] == [("PRID_OLD_UNCHECKED", "info")]
    assert "校验" in findings[0].message["zh"] and "check digit" in findings[0].message["en"]


@pytest.mark.parametrize(
    "number, error, code",
    [
        (new_card()[:17] + ("0" if new_card()[17] != "0" else "1"), InvalidChecksum, "PRID_CHECKSUM"),
        ("811840199001012013", InvalidFormat, "PRID_FORMAT"),  # a new card starts with 9
        ("US1310085121301", InvalidFormat, "PRID_OLD_FORMAT"),
        ("9118401990010120", InvalidLength, "PRID_LENGTH"),
    ],
)
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        foreign_prid.validate(number)
    assert raised.value.code == code


def test_each_generation_has_its_own_layout_message():
    with pytest.raises(InvalidFormat) as new:
        foreign_prid.validate("811840199001012013")
    with pytest.raises(InvalidFormat) as old:
        foreign_prid.validate("US1310085121301")
    assert new.value.message["zh"] == "新版永久居留身份证号码以9开头，为17位数字加1位数字或X。"
    assert old.value.message["en"] == "An older permanent residence ID number has 3 letters then 12 digits."


@pytest.mark.parametrize(
    "number, code",
    [
        (new_card(nationality="999"), "PRID_NATIONALITY_UNKNOWN"),
        (new_card(province="99"), "PRID_PROVINCE_UNKNOWN"),
        (new_card(born="19901341"), "PRID_BIRTH_DATE"),
        (new_card(born="20300101"), "PRID_BIRTH_DATE"),
        (new_card(born="18000101"), "PRID_BIRTH_DATE"),  # review §3: no lower bound on birth year
        (new_card(born="18691231"), "PRID_BIRTH_DATE"),
        (new_card(born="18700101"), "PRID_VERY_OLD"),
        (new_card(born="19161201"), "PRID_VERY_OLD"),
    ],
)
def test_doubtful_parts_are_warnings(number, code):
    """Only the check character of the new card is certain: a doubt about a part is a warning."""
    valid, findings = foreign_prid.check(number, context=Context(today=TODAY))
    assert valid == number
    assert [(f.code, f.severity) for f in findings] == [(code, "warning")]
    assert all(f.message["en"] and f.message["zh"] for f in findings)


def test_an_unknown_nationality_on_an_old_card_is_a_warning_beside_the_info():
    _, findings = foreign_prid.check("QQQ310085121301", context=Context(today=TODAY))
    assert [(f.code, f.severity) for f in findings] == [
        ("PRID_NATIONALITY_UNKNOWN", "warning"),
        ("PRID_OLD_UNCHECKED", "info"),
    ]


def test_109_is_no_warning():
    assert foreign_prid.check(new_card(born="19161202"), context=Context(today=TODAY))[1] == []


def test_doubtful_parts_are_named_in_the_message():
    _, findings = foreign_prid.check(new_card(nationality="999"), context=Context(today=TODAY))
    assert findings == [Finding("PRID_NATIONALITY_UNKNOWN", nationality="999")]
    assert findings[0].message["zh"] == "国籍代码 999 不是 ISO 3166-1 国家代码，请对照证件核对。"
    _, findings = foreign_prid.check(new_card(province="99"), context=Context(today=TODAY))
    assert findings[0].message["en"] == "Digits 2–3 (99) are not a province code: check them against the card."


_nationalities = st.sampled_from(sorted(c.numeric for c in set(_tables.countries().values())))


@settings(max_examples=EXAMPLES)
@given(st.text(alphabet="0123456789", min_size=16, max_size=16), st.integers(1, 10))
def test_new_card_check_character_agrees_with_iso_7064_mod_11_2(digits, offset):
    """Any 9 + 16 digits: the check character of python-stdnum's ISO 7064 MOD 11-2 (equal to id-validator's
    GB 11643 one) is accepted, any other one (one per example) refused (PRID_CHECKSUM), whatever the parts say."""
    body = "9" + digits
    check = mod_11_2.calc_check_digit(body)
    assert check == id_validator_helper.generator_check_bit(body)
    assert foreign_prid.validate(body + check) == body + check
    with pytest.raises(InvalidChecksum):
        foreign_prid.validate(body + "0123456789X"[("0123456789X".index(check) + offset) % 11])


def test_nine_prefixed_new_cards_are_refused_as_id_numbers_by_both_libraries():
    """Known disagreement: python-stdnum and id-validator read any 18-digit number as a resident ID, and there is
    no province 9x; the new card is not a resident ID, so neither applies to it."""
    from id_validator import validator as id_validator
    from stdnum.cn import ric as stdnum_ric

    number = new_card()
    assert foreign_prid.is_valid(number) and not id_validator.is_valid(number) and not stdnum_ric.is_valid(number)


@settings(max_examples=EXAMPLES_SELF)
@given(
    st.sampled_from(["11", "31", "44", "51"]),
    _nationalities,
    st.dates(datetime.date(1920, 1, 1), TODAY).map(lambda d: d.strftime("%Y%m%d")),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.sampled_from("0123456789"),
)
def test_every_new_card_built_by_the_layout_passes_without_doubts(province, nationality, born, sequence, sex):
    """The checker against its own tables (a few hundred examples)."""
    number = new_card(province, nationality, born, sequence, sex)
    assert foreign_prid.check(number, context=Context(today=TODAY)) == (number, [])
