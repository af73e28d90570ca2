"""The Unified Social Credit Code (checker.uscc), held against sources that are not our code:

- 200 codes of real organisations from python-stdnum 2.2's own tests (tests/data/uscc-found-online.txt names
  its source);
- GB 32100-2015's worked example (Appendix B): 91350100M000100Y4 → check character 3, sum of products 1640.
  As circulated with the standard's formula at https://www.yc00.com/web/1713075042a2177900.html and
  https://renrendoc.com/p-47802332.html ("校验码计算方法实例 输入的统一社会信用代码为91350100M000100Y4Z …
  级数之和1640模31余28 … 计算出的校验码字符为“3”");
- python-stdnum 2.2 `stdnum.cn.uscc` (its check character, and its verdict where it has no known gap).

Codes are completed with python-stdnum's check character, never with `uscc.calc_check_digit`.
"""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from checker import uscc
from checker.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from examples import EXAMPLES, EXAMPLES_SELF

FOUND_ONLINE_FILE = Path(__file__).parent / "data" / "uscc-found-online.txt"
FOUND_ONLINE = [
    line for line in FOUND_ONLINE_FILE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
]
# Characters 9–17 of a real code are that organisation's real GB 11714 organization code.
REAL_ORG_CODES = sorted({number[8:17] for number in FOUND_ONLINE})


def with_check(body: str) -> str:
    """The 17 characters completed with python-stdnum's check character (not ours)."""
    return body + stdnum_uscc.calc_check_digit(body)


@pytest.mark.parametrize("number", FOUND_ONLINE)
def test_real_codes_are_valid_without_doubts(number):
    assert uscc.check(number) == (number, [])


def test_the_real_codes_are_200_distinct_codes_python_stdnum_accepts():
    """What the parametrized test above stands on: the file is python-stdnum's list, whole and unaltered — 200
    distinct 18-character codes, each valid for python-stdnum itself, of several kinds of organisation."""
    assert "python-stdnum 2.2" in FOUND_ONLINE_FILE.read_text(encoding="utf-8").splitlines()[1]
    assert len(FOUND_ONLINE) == len(set(FOUND_ONLINE)) == 200
    assert all(re.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{18}", number) for number in FOUND_ONLINE)
    assert all(stdnum_uscc.is_valid(number) for number in FOUND_ONLINE)
    assert {number[:2] for number in FOUND_ONLINE} >= {"91", "92", "12"}


def test_the_worked_example_of_gb_32100():
    """GB 32100-2015 Appendix B (module docstring): 91350100M000100Y4 has check character 3; the example's own
    18th character, Z, is not in the alphabet at all. The weights are 3^(i−1) mod 31, as the standard defines
    them, and give the example's sum, 1640."""
    assert uscc.calc_check_digit("91350100M000100Y4") == "3"
    assert uscc.validate("91350100M000100Y43") == "91350100M000100Y43"
    with pytest.raises(InvalidFormat):
        uscc.validate("91350100M000100Y4Z")
    weights = [pow(3, i, 31) for i in range(17)]
    assert sum(w * uscc.ALPHABET.index(c) for w, c in zip(weights, "91350100M000100Y4", strict=True)) == 1640
    assert list(uscc._WEIGHTS) == weights


@pytest.mark.parametrize(
    "number, expected",
    [
        ("91110000600037341L", "91110000600037341L"),
        ("9111 0000 6000 3734 1l", "91110000600037341L"),
        ("９１１１００００６０００３７３４１Ｌ", "91110000600037341L"),
    ],
)
def test_compact_forms_people_type(number, expected):
    assert uscc.validate(number) == expected


@pytest.mark.parametrize(
    "number, error, code",
    [
        ("91110000600037341M", InvalidChecksum, "USCC_CHECKSUM"),
        ("91110000600037341", InvalidLength, "USCC_LENGTH"),
        ("91110000600037341LL", InvalidLength, "USCC_LENGTH"),
        ("9111000060003734IL", InvalidFormat, "USCC_FORMAT"),  # I is not in the alphabet
        ("9111000060003734OL", InvalidFormat, "USCC_FORMAT"),
    ],
)
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        uscc.validate(number)
    assert raised.value.code == code and raised.value.message["en"] and raised.value.message["zh"]


@pytest.mark.parametrize(
    "number, named_en",
    [
        ("91110000600037341\u041c", "the 18th character “М” (U+041C CYRILLIC CAPITAL LETTER EM, a letter of another"),
        ("9111000060003734\u0410L", "the 17th character “А” (U+0410 CYRILLIC CAPITAL LETTER A, a letter of another"),
        ("9111000060003734IL", "the 17th character “I”"),
    ],
)
def test_a_lookalike_character_is_named(number, named_en):
    """Review item 11: a Cyrillic М or А (Unicode Character Database names) in a code got USCC_FORMAT without
    naming it; python-stdnum 2.2 refuses these codes too."""
    with pytest.raises(InvalidFormat) as raised:
        uscc.validate(number)
    assert raised.value.code == "USCC_FORMAT" and named_en in raised.value.message["en"]
    assert (
        raised.value.message["zh"].startswith("统一社会信用代码由数字和大写字母组成")
        and "第1" in raised.value.message["zh"]
    )
    assert not stdnum_uscc.is_valid(number)


@pytest.mark.parametrize(
    "body",
    [
        "N2" + "440300" + REAL_ORG_CODES[0],  # agriculture: collective economic organisations
        "Y1" + "110000" + REAL_ORG_CODES[1],  # other authorities
        "A1" + "100000" + REAL_ORG_CODES[2],  # military, national level
    ],
)
def test_letter_authorities_are_genuine(body):
    """Known disagreement: python-stdnum 2.2 requires digits in characters 1–8 and so refuses the authorities
    GB 32100 writes with a letter (A, N, Y; Annex A), whose codes are genuine. Each code here embeds a real
    organization code and has python-stdnum's own check character."""
    number = with_check(body)
    assert uscc.check(number) == (number, [])
    assert not stdnum_uscc.is_valid(number)
    assert stdnum_uscc.calc_check_digit(number[:17]) == number[17]


@pytest.mark.parametrize(
    "body, code",
    [
        ("9F" + "110000" + "600037341", "USCC_CATEGORY_UNKNOWN"),
        ("91" + "990000" + "600037341", "USCC_REGION_UNKNOWN"),
        ("91" + "11AB00" + "600037341", "USCC_REGION_UNKNOWN"),
        ("91" + "449999" + "600037341", "USCC_REGION_UNKNOWN"),
        ("91" + "110000" + "600037342", "USCC_ORG_CODE"),
    ],
)
def test_unusual_parts_are_warnings_not_errors(body, code):
    _, findings = uscc.check(with_check(body))
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


_authority_pairs = st.sampled_from(
    ["11", "12", "13", "19", "21", "31", "51", "52", "53", "91", "92", "93", "A1", "N1", "N2", "N3", "Y1"]
)
_regions = st.sampled_from(["110000", "110105", "440305", "310115", "100000", "650100"])


@settings(max_examples=EXAMPLES_SELF)
@given(_authority_pairs, _regions, st.sampled_from(REAL_ORG_CODES))
def test_known_categories_regions_and_real_org_codes_have_no_doubts(pair, region, org):
    """The checker against its own tables (a few hundred examples): a known authority and kind, a known region
    and a real organization code give no findings."""
    number = with_check(pair + region + org)
    assert uscc.check(number) == (number, [])


@settings(max_examples=EXAMPLES)
@given(st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17), st.integers(1, 30))
def test_check_character_and_verdict_agree_with_python_stdnum(body, offset):
    """Any 17 characters of the alphabet: python-stdnum's check character is accepted, any of the 30 others (one
    per example) refused by us and by python-stdnum. Where characters 1–8 are digits python-stdnum's verdict equals
    ours; otherwise it refuses the format (its known gap: the A, N and Y authorities above)."""
    check = stdnum_uscc.calc_check_digit(body)
    number = body + check
    assert uscc.validate(number) == number
    assert stdnum_uscc.is_valid(number) == body[:8].isdigit()
    wrong = uscc.ALPHABET[(uscc.ALPHABET.index(check) + offset) % 31]
    with pytest.raises(InvalidChecksum):
        uscc.validate(body + wrong)
    assert not stdnum_uscc.is_valid(body + wrong)
