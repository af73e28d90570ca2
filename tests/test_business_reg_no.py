"""The legacy business registration number (checker.business_reg_no), held against sources that are not our code:
its check digit is ISO 7064 MOD 11,10 (GB/T 17710) by GS 15-2006, 工商行政管理市场主体注册号编制规则, Annex A
(draft text at https://haowendang.cn/c0zuwn06ql33blzb1bszg_1.html), and python-stdnum 2.2's
`stdnum.iso7064.mod_11_10` implements that standard. Numbers are completed with python-stdnum's check digit.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.iso7064 import mod_11_10

from checker import business_reg_no
from checker.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from examples import EXAMPLES


def test_a_valid_number_is_a_legacy_warning():
    number, findings = business_reg_no.check("110108 000000016")
    assert number == "110108000000016"
    assert [(f.code, f.severity) for f in findings] == [("BRN_LEGACY", "warning")]
    assert "统一社会信用代码" in findings[0].message["zh"]
    assert findings[0].message["zh"] == "这是旧的工商注册号。备案应填写现行营业执照上的18位统一社会信用代码。"


@pytest.mark.parametrize(
    "number, error, code",
    [
        ("110108000000017", InvalidChecksum, "BRN_CHECKSUM"),
        ("11010800000001", InvalidLength, "BRN_LENGTH"),
        ("11010800000001A", InvalidFormat, "BRN_FORMAT"),
    ],
)
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        business_reg_no.validate(number)
    assert raised.value.code == code and raised.value.message["en"] and raised.value.message["zh"]


@settings(max_examples=EXAMPLES)
@given(st.text(alphabet="0123456789", min_size=14, max_size=14), st.integers(1, 9))
def test_check_digit_agrees_with_iso_7064_mod_11_10(body, offset):
    """Any 14 digits: python-stdnum's check digit is accepted, any of the 9 others (one per example) refused by us
    and by python-stdnum."""
    check = mod_11_10.calc_check_digit(body)
    assert business_reg_no.validate(body + check) == body + check
    wrong = str((int(check) + offset) % 10)
    with pytest.raises(InvalidChecksum):
        business_reg_no.validate(body + wrong)
    assert not mod_11_10.is_valid(body + wrong)
