import datetime

import pytest
from examples import EXAMPLES
from hypothesis import given, settings, strategies as st
from stdnum.cn import ric as stdnum_ric

from checker import hmt_permit, resident_id
from checker.exceptions import Finding, InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

TODAY = datetime.date(2026, 12, 1)


def build(prefix: str, born: datetime.date, sequence: str = "002") -> str:
    body = prefix + born.strftime("%Y%m%d") + sequence
    return body + hmt_permit.calc_check_digit(body)


@pytest.mark.parametrize("prefix, origin", [("810000", "Hong Kong"), ("820000", "Macau"), ("830000", "Taiwan")])
def test_permits_of_each_origin_are_genuine_where_python_stdnum_rejects_or_crashes(prefix, origin):
    number = build(prefix, datetime.date(1990, 5, 17))
    assert hmt_permit.check(number, today=TODAY) == (number, [])
    assert hmt_permit.get_origin(number).name_en == origin
    try:
        assert not stdnum_ric.is_valid(number)
    except KeyError:
        pass  # python-stdnum 2.2 crashes on 83 (no such province in its table)


VALID = build("810000", datetime.date(1990, 5, 17))
MISTYPED = VALID[:17] + ("1" if VALID[17] == "0" else "0")


@pytest.mark.parametrize("number, error", [
    ("11010519491231002X", InvalidComponent),          # an ID card, not a permit
    (MISTYPED, InvalidChecksum),
    (build("810001", datetime.date(1990, 5, 17)), InvalidComponent),
])
def test_invalid(number, error):
    with pytest.raises(error):
        hmt_permit.validate(number, today=TODAY)


@pytest.mark.parametrize("number, error, code", [
    (VALID[:17], InvalidLength, "HMT_LENGTH"),
    (VALID + "1", InvalidLength, "HMT_LENGTH"),
    (VALID[:15], InvalidLength, "HMT_LENGTH"),          # 15 digits: no old 15-digit permit, unlike the ID card
    (VALID[:16] + "AX", InvalidFormat, "HMT_FORMAT"),
    (MISTYPED, InvalidChecksum, "HMT_CHECKSUM"),
])
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
    with pytest.raises(InvalidComponent) as raised:
        hmt_permit.validate(body + hmt_permit.calc_check_digit(body), today=TODAY)
    assert raised.value.code == "HMT_BIRTH_DATE" and "居住证号码" in raised.value.message["zh"]
    with pytest.raises(InvalidComponent) as raised:
        hmt_permit.get_birth_date(body + hmt_permit.calc_check_digit(body))
    assert raised.value.code == "HMT_BIRTH_DATE"


def test_birth_date_in_the_future():
    with pytest.raises(InvalidComponent) as raised:
        hmt_permit.validate(build("820000", datetime.date(2027, 1, 1)), today=TODAY)
    assert raised.value.code == "HMT_BIRTH_IN_FUTURE" and "居住证号码" in raised.value.message["zh"]


def test_under_18_is_a_warning_about_the_permit_holder():
    number = build("830000", datetime.date(2010, 6, 1))
    _, findings = hmt_permit.check(number, today=TODAY)
    assert findings == [Finding("HMT_UNDER_18", age=16)]
    assert findings[0].severity == "warning"
    assert findings[0].message["zh"] == "居住证持有人16岁，接入商一般要求负责人已成年。"


def test_an_id_card_keeps_its_own_wording():
    with pytest.raises(InvalidLength) as raised:
        resident_id.validate("1101051949123100", today=TODAY)
    assert raised.value.code == "RIC_LENGTH" and raised.value.message["zh"] == "身份证号码应为18位。"


@settings(max_examples=EXAMPLES)
@given(st.sampled_from(sorted(hmt_permit.ORIGINS)), st.dates(datetime.date(1900, 1, 1), TODAY),
       st.integers(0, 999))
def test_every_permit_built_by_the_algorithm_passes(prefix, born, sequence):
    number = build(prefix, born, f"{sequence:03d}")
    assert hmt_permit.validate(number, today=TODAY) == number
    assert not resident_id.is_valid(number)
