"""The organization code (checker.org_code, GB 11714-1997), held against sources that are not our code:

- GB 11714-1997's worked example (Appendix B): body D2143569, check character X. Quoted as such ("GB 11714-1997
  附录 B：本体 D2143569 校验码应为 X") in a public verification script found by find_string "D2143569", and
  tested by wenerme/go-gb (gb11714/gb11714_test.go: Sum("D2143569") == "X", Sum("MA1FL0LY") == "9"). The rule and
  its weights 3 7 9 10 5 8 4 2: the standard's text at https://zh.wikisource.org/wiki/GB_11714-1997_全国组织机构代码编制规则;
- GB 32100-2015's worked example, whose characters 9–17 are an organization code: M000100Y4;
- real organization codes: characters 9–17 of the 200 real Unified Social Credit Codes in
  tests/data/uscc-found-online.txt (python-stdnum 2.2's test data).
No library we use implements GB 11714 (python-stdnum 2.2 has none; its uscc module does not check characters
9–17), so real codes are the oracle: every one is accepted, and every other check character refused.
"""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import org_code
from checker.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from examples import EXAMPLES_SELF

REAL_ORG_CODES = sorted(
    {
        line[8:17]
        for line in (Path(__file__).parent / "data" / "uscc-found-online.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
)


@pytest.mark.parametrize("number", ["D2143569X", "MA1FL0LY9", "M000100Y4"])
def test_published_examples(number):
    """GB 11714-1997 Appendix B, wenerme/go-gb's test, GB 32100-2015 Appendix B (module docstring)."""
    assert org_code.validate(number) == number
    assert org_code.calc_check_digit(number[:8]) == number[8]


def test_every_real_organization_code_is_valid_and_every_other_check_character_refused():
    """Characters 9–17 of 200 real USCCs: a wrong weight or letter value would refuse some of them. 200
    distinct codes, most with letters (MA…), every check character among them; every other check character is
    refused for each."""
    assert len(REAL_ORG_CODES) == 200 and sum(not code[:8].isdigit() for code in REAL_ORG_CODES) > 100
    assert {code[8] for code in REAL_ORG_CODES} >= set("0123456789X")
    for code in REAL_ORG_CODES:
        assert org_code.validate(code) == code
        for wrong in set("0123456789X") - {code[8]}:
            with pytest.raises(InvalidChecksum):
                org_code.validate(code[:8] + wrong)


@pytest.mark.parametrize(
    "number, expected",
    [
        ("D2143569-X", "D2143569X"),
        ("d2143569x", "D2143569X"),
        ("７８９４５６１２－７", "789456127"),  # full-width, as some input methods type it
        ("7894 5612 7", "789456127"),
    ],
)
def test_valid(number, expected):
    assert org_code.validate(number) == expected


@pytest.mark.parametrize(
    "number, error, code",
    [
        ("D21435690", InvalidChecksum, "ORG_CHECKSUM"),
        ("D2143569", InvalidLength, "ORG_LENGTH"),
        ("D2143569XX", InvalidLength, "ORG_LENGTH"),
        ("D214356*X", InvalidFormat, "ORG_FORMAT"),
        ("D2143569A", InvalidFormat, "ORG_FORMAT"),
    ],
)
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        org_code.validate(number)
    assert raised.value.code == code and raised.value.message["en"] and raised.value.message["zh"]


def test_format():
    assert org_code.format("d2143569x") == "D2143569-X"


@settings(max_examples=EXAMPLES_SELF)
@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=8, max_size=8))
def test_every_code_built_by_the_algorithm_passes(body):
    """The checker against itself (a few hundred examples): the real codes above are the oracle."""
    assert org_code.validate(body + org_code.calc_check_digit(body)) == body + org_code.calc_check_digit(body)
