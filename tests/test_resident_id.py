import datetime

import pytest
from examples import EXAMPLES, EXAMPLES_SLOW
from hypothesis import given, settings, strategies as st
from stdnum.cn import ric as stdnum_ric

from checker import resident_id
from checker.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

TODAY = datetime.date(2026, 12, 1)


def build(region: str, born: datetime.date, sequence: str = "002") -> str:
    body = region + born.strftime("%Y%m%d") + sequence
    return body + resident_id.calc_check_digit(body)


@pytest.mark.parametrize("number, expected", [
    ("11010519491231002X", "11010519491231002X"),
    ("11010519491231002x", "11010519491231002X"),
    ("110105 19491231 002X", "11010519491231002X"),
    ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
])
def test_valid(number, expected):
    assert resident_id.validate(number, today=TODAY) == expected


@pytest.mark.parametrize("number, error, code", [
    ("110105194912310021", InvalidChecksum, "RIC_CHECKSUM"),
    ("110105491231002", InvalidLength, "RIC_OLD_15_DIGIT"),
    ("1101051949123100", InvalidLength, "RIC_LENGTH"),
    ("11010519491231002Y", InvalidFormat, "RIC_FORMAT"),
    (build("110105", datetime.date(1949, 12, 31))[:10] + "1332" + "0021", InvalidChecksum, "RIC_CHECKSUM"),
])
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        resident_id.validate(number, today=TODAY)
    assert raised.value.code == code
    assert raised.value.message["en"] and raised.value.message["zh"]


def test_impossible_birth_date():
    body = "110105" + "19490231" + "002"
    with pytest.raises(InvalidComponent) as raised:
        resident_id.validate(body + resident_id.calc_check_digit(body), today=TODAY)
    assert raised.value.code == "RIC_BIRTH_DATE"


def test_birth_date_in_the_future_is_an_error_python_stdnum_misses():
    number = build("110105", datetime.date(2027, 1, 1))
    with pytest.raises(InvalidComponent) as raised:
        resident_id.validate(number, today=TODAY)
    assert raised.value.code == "RIC_BIRTH_IN_FUTURE"


@pytest.mark.parametrize("region", ["000000", "990101", "100000"])
def test_unknown_province_is_an_error(region):
    with pytest.raises(InvalidComponent) as raised:
        resident_id.validate(build(region, datetime.date(1980, 1, 1)), today=TODAY)
    assert raised.value.code == "RIC_PROVINCE"


@pytest.mark.parametrize("prefix", ["810000", "820000", "830000"])
def test_residence_permits_are_not_id_cards_and_the_message_says_which_they_are(prefix):
    with pytest.raises(InvalidComponent) as raised:
        resident_id.validate(build(prefix, datetime.date(1980, 1, 1)), today=TODAY)
    assert raised.value.code == "RIC_IS_HMT_PERMIT" and "居住证" in raised.value.message["zh"]


def test_unknown_county_in_a_known_province_is_a_warning_where_python_stdnum_crashes():
    number = build("449999", datetime.date(1980, 1, 1))
    assert resident_id.validate(number, today=TODAY) == number
    _, findings = resident_id.check(number, today=TODAY)
    assert [f.code for f in findings] == ["RIC_COUNTY_UNKNOWN"]
    assert "Guangdong" in findings[0].message["en"] and "广东省" in findings[0].message["zh"]
    with pytest.raises(KeyError):
        stdnum_ric.validate(number)


def test_county_created_after_birth_is_genuine():
    # Shenzhen Nanshan (440305) dates from 1990; a person born in 1955 can still have a card issued there.
    number = build("440305", datetime.date(1955, 6, 1))
    assert resident_id.check(number, today=TODAY) == (number, [])
    assert not stdnum_ric.is_valid(number)  # python-stdnum 2.2 rejects it


def test_under_18_is_a_warning():
    number = build("440305", datetime.date(2010, 6, 1))
    _, findings = resident_id.check(number, today=TODAY)
    assert [f.code for f in findings] == ["RIC_UNDER_18"]
    assert "16" in findings[0].message["en"]


def test_helpers():
    assert resident_id.get_birth_date("11010519491231002X") == datetime.date(1949, 12, 31)
    assert resident_id.get_gender("11010519491231002X") == "female"
    assert resident_id.get_gender(build("110105", datetime.date(1980, 1, 1), "001")) == "male"


_counties = st.sampled_from(["110105", "310115", "440305", "440106", "510104", "650102", "540102", "710000"])
_dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY)
_sequences = st.integers(0, 999).map(lambda n: f"{n:03d}")


@settings(max_examples=EXAMPLES)
@given(_counties, _dates, _sequences)
def test_every_number_built_by_the_algorithm_passes(region, born, sequence):
    number = build(region, born, sequence)
    assert resident_id.validate(number, today=TODAY) == number


@settings(max_examples=EXAMPLES_SLOW)  # a comparison beside the 10,000 built numbers above
@given(_counties, _dates, _sequences)
def test_agrees_with_python_stdnum_on_codes_that_existed_at_birth(region, born, sequence):
    number = build(region, born, sequence)
    tampered = number[:17] + ("0" if number[17] != "0" else "1")
    assert not resident_id.is_valid(tampered) and not stdnum_ric.is_valid(tampered)
    if stdnum_ric.is_valid(number):  # stdnum's own gaps (codes newer than the birth year) are tested above
        assert resident_id.is_valid(number)
