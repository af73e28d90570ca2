import phonenumbers
import pytest
from examples import EXAMPLES
from hypothesis import given, settings, strategies as st

from checker import _tables, landline
from checker.exceptions import InvalidComponent, InvalidFormat, InvalidLength


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


@pytest.mark.parametrize("number, error, code", [
    ("0755-8888888", InvalidLength, "LANDLINE_LOCAL_LENGTH"),      # Shenzhen has 8-digit local numbers
    ("0991-23456789", InvalidLength, "LANDLINE_LOCAL_LENGTH"),
    ("0123-4567890", InvalidComponent, "LANDLINE_AREA"),
    ("0755-08888888", InvalidFormat, "LANDLINE_LOCAL_FORMAT"),
    ("0755-8888abcd", InvalidFormat, "LANDLINE_FORMAT"),
    ("88888888", InvalidLength, "LANDLINE_LENGTH"),
])
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        landline.validate(number)
    assert raised.value.code == code
    assert raised.value.message["zh"]


def test_local_length_message_names_the_place():
    with pytest.raises(InvalidLength) as raised:
        landline.validate("0755-8888888")
    assert "Shenzhen" in raised.value.message["en"] and "深圳" in raised.value.message["zh"]
    assert raised.value.params["area"] == "0755" and raised.value.params["given"] == 7


def test_local_length_message_names_both_lengths_in_each_language():
    with pytest.raises(InvalidLength) as raised:
        landline.validate("0754-234567")  # Shantou uses 7- and 8-digit local numbers
    assert raised.value.message == {"en": "A local number in Shantou, Guangdong (0754) has 7 or 8 digits, not 6.",
                                    "zh": "广东省汕头市（0754）的本地号码为7或8位，不是6位。"}


@pytest.mark.parametrize("number", ["400-800-1234", "4008001234", "800 810 8888"])
def test_service_numbers_are_warnings(number):
    valid, findings = landline.check(number)
    assert [(f.code, f.severity) for f in findings] == [("LANDLINE_SERVICE_NUMBER", "warning")]


def test_area():
    assert landline.get_area("020-88881234").place_zh == "广东省广州市"


AREAS = sorted(_tables.area_codes().values())


@settings(max_examples=EXAMPLES, deadline=None)  # the first call loads phonenumbers' metadata
@given(st.sampled_from(AREAS), st.integers(2, 9), st.integers(0, 9_999_999))
def test_agrees_with_phonenumbers_on_area_and_length(area, first, rest):
    for length in (7, 8):
        local = f"{first}{rest:07d}"[:length]
        number = f"0{area.code}-{local}"
        ours = landline.is_valid(number)
        assert ours == (length in area.lengths)
        parsed = phonenumbers.parse(f"+86{area.code}{local}")
        if phonenumbers.is_valid_number(parsed):
            assert ours  # never reject what phonenumbers accepts
