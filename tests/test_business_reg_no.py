import pytest
from examples import EXAMPLES
from hypothesis import given, settings, strategies as st
from stdnum.iso7064 import mod_11_10

from checker import business_reg_no
from checker.exceptions import InvalidChecksum, InvalidFormat, InvalidLength


def test_a_valid_number_is_a_legacy_warning():
    number, findings = business_reg_no.check("110108 000000016")
    assert number == "110108000000016"
    assert [(f.code, f.severity) for f in findings] == [("BRN_LEGACY", "warning")]
    assert "统一社会信用代码" in findings[0].message["zh"]
    assert findings[0].message["zh"] == "这是旧的工商注册号。备案应填写现行营业执照上的18位统一社会信用代码。"


@pytest.mark.parametrize("number, error, code", [
    ("110108000000017", InvalidChecksum, "BRN_CHECKSUM"),
    ("11010800000001", InvalidLength, "BRN_LENGTH"),
    ("11010800000001A", InvalidFormat, "BRN_FORMAT"),
])
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        business_reg_no.validate(number)
    assert raised.value.code == code and raised.value.message["en"] and raised.value.message["zh"]


@settings(max_examples=EXAMPLES)
@given(st.text(alphabet="0123456789", min_size=14, max_size=14))
def test_check_digit_agrees_with_iso_7064_mod_11_10(body):
    number = body + business_reg_no.calc_check_digit(body)
    assert business_reg_no.is_valid(number)
    assert mod_11_10.is_valid(number)  # python-stdnum's implementation of the same standard
