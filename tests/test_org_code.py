import pytest
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


@pytest.mark.parametrize("number, error", [
    ("D21435690", InvalidChecksum),
    ("D2143569", InvalidLength),
    ("D2143569XX", InvalidLength),
    ("D214356*X", InvalidFormat),
    ("D2143569A", InvalidFormat),
])
def test_invalid(number, error):
    with pytest.raises(error):
        org_code.validate(number)


def test_format():
    assert org_code.format("d2143569x") == "D2143569-X"


@settings(max_examples=2000)
@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=8, max_size=8))
def test_every_code_built_by_the_algorithm_passes(body):
    assert org_code.validate(body + org_code.calc_check_digit(body)) == body + org_code.calc_check_digit(body)
