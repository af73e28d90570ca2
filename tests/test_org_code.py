import pytest
from examples import EXAMPLES
from hypothesis import given, settings, strategies as st

from checker import org_code
from checker.exceptions import InvalidChecksum, InvalidFormat, InvalidLength


@pytest.mark.parametrize("number, expected", [
    ("D2143569-X", "D2143569X"),
    ("d2143569x", "D2143569X"),
    ("７８９４５６１２－７", "789456127"),     # full-width, as some input methods type it
    ("7894 5612 7", "789456127"),
])
def test_valid(number, expected):
    assert org_code.validate(number) == expected


@pytest.mark.parametrize("number, error, code", [
    ("D21435690", InvalidChecksum, "ORG_CHECKSUM"),
    ("D2143569", InvalidLength, "ORG_LENGTH"),
    ("D2143569XX", InvalidLength, "ORG_LENGTH"),
    ("D214356*X", InvalidFormat, "ORG_FORMAT"),
    ("D2143569A", InvalidFormat, "ORG_FORMAT"),
])
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        org_code.validate(number)
    assert raised.value.code == code and raised.value.message["en"] and raised.value.message["zh"]


def test_format():
    assert org_code.format("d2143569x") == "D2143569-X"


@settings(max_examples=EXAMPLES)
@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=8, max_size=8))
def test_every_code_built_by_the_algorithm_passes(body):
    assert org_code.validate(body + org_code.calc_check_digit(body)) == body + org_code.calc_check_digit(body)
