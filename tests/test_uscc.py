from pathlib import Path

import pytest
from examples import EXAMPLES, EXAMPLES_SLOW
from hypothesis import given, settings, strategies as st
from stdnum.cn import uscc as stdnum_uscc

from checker import org_code, uscc
from checker.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

FOUND_ONLINE = [line for line in (Path(__file__).parent / "data" / "uscc-found-online.txt")
                .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def with_check(body: str) -> str:
    return body + uscc.calc_check_digit(body)


@pytest.mark.parametrize("number", FOUND_ONLINE)
def test_real_codes_are_valid_without_doubts(number):
    assert uscc.check(number) == (number, [])


def test_there_are_200_real_codes():
    assert len(FOUND_ONLINE) == 200


@pytest.mark.parametrize("number, expected", [
    ("91110000600037341L", "91110000600037341L"),
    ("9111 0000 6000 3734 1l", "91110000600037341L"),
    ("９１１１００００６０００３７３４１Ｌ", "91110000600037341L"),
])
def test_compact_forms_people_type(number, expected):
    assert uscc.validate(number) == expected


@pytest.mark.parametrize("number, error, code", [
    ("91110000600037341M", InvalidChecksum, "USCC_CHECKSUM"),
    ("91110000600037341", InvalidLength, "USCC_LENGTH"),
    ("91110000600037341LL", InvalidLength, "USCC_LENGTH"),
    ("9111000060003734IL", InvalidFormat, "USCC_FORMAT"),   # I is not in the alphabet
    ("9111000060003734OL", InvalidFormat, "USCC_FORMAT"),
])
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        uscc.validate(number)
    assert raised.value.code == code and raised.value.message["en"] and raised.value.message["zh"]


@pytest.mark.parametrize("body", [
    "N2" + "440300" + "MA5F0K6Y" + "0",   # agriculture: collective economic organisations
    "Y1" + "110000" + "MA01ABCD" + "0",   # other authorities
    "A1" + "100000" + "MA01ABCD" + "0",   # military, national level
])
def test_letter_authorities_are_genuine(body):
    body = body[:16] + org_code.calc_check_digit(body[8:16])
    number = with_check(body)
    assert uscc.check(number) == (number, [])
    assert not stdnum_uscc.is_valid(number)  # python-stdnum 2.2 rejects these genuine codes


@pytest.mark.parametrize("body, code", [
    ("9F" + "110000" + "600037341", "USCC_CATEGORY_UNKNOWN"),
    ("91" + "990000" + "600037341", "USCC_REGION_UNKNOWN"),
    ("91" + "11AB00" + "600037341", "USCC_REGION_UNKNOWN"),
    ("91" + "449999" + "600037341", "USCC_REGION_UNKNOWN"),
    ("91" + "110000" + "600037342", "USCC_ORG_CODE"),
])
def test_unusual_parts_are_warnings_not_errors(body, code):
    number, findings = uscc.check(with_check(body))
    assert [f.code for f in findings] == [code]
    assert all(f.severity == "warning" and f.message["en"] and f.message["zh"] for f in findings)


def test_unusual_parts_are_named_in_the_message():
    _, findings = uscc.check(with_check("9F" + "110000" + "600037341"))
    assert findings[0].message["en"].startswith("Registration authority and category “9F” are not in GB 32100's")
    _, findings = uscc.check(with_check("91" + "990000" + "600037341"))
    assert findings[0].message["zh"] == "第3至8位（990000）不是已知的行政区划代码，请对照证照核对。"


def test_category():
    assert uscc.get_category("92440300MA5F0K6Y87").name_zh == "个体工商户"
    assert uscc.get_category("9F440300MA5F0K6Y87") is None


_authority_pairs = st.sampled_from(["11", "12", "13", "19", "21", "31", "51", "52", "53", "91", "92", "93",
                                    "A1", "N1", "N2", "N3", "Y1"])
_regions = st.sampled_from(["110000", "110105", "440305", "310115", "100000", "650100"])
_org_bodies = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8)


@settings(max_examples=EXAMPLES)
@given(_authority_pairs, _regions, _org_bodies)
def test_every_code_built_by_the_algorithm_passes_without_doubts(pair, region, org_body):
    body = pair + region + org_body + org_code.calc_check_digit(org_body)
    number = with_check(body)
    assert uscc.check(number) == (number, [])


@settings(max_examples=EXAMPLES_SLOW)  # a comparison beside the 10,000 built codes above
@given(st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17))
def test_agrees_with_python_stdnum_where_it_has_no_known_gap(body):
    number = with_check(body)
    ours = uscc.is_valid(number)
    assert ours
    if body[:8].isdigit():  # python-stdnum requires digits in 1-8 (its known gap: N, Y, A codes)
        assert stdnum_uscc.is_valid(number) == ours
    tampered = body + uscc.ALPHABET[(uscc.ALPHABET.index(number[17]) + 1) % 31]
    assert not uscc.is_valid(tampered)
