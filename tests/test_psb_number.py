"""Public-security filing numbers (checker.psb_number), held against ../shared/reference/provincial-rules-sources.md
§4.3, a source that is not our code: the display form ``<省简称>公网安备 <14 digits>号`` (Tencent Cloud's footer
"粤公网安备44030502008569号"; "京公网安备 11010502000001号"), the old query link's
``recordcode=37010402000117``, the digits of real numbers (a county's GB/T 2260 code, "02", a serial: 440305|02|008569,
330106|02|009975, 370104|02|000117, 310104|02|009327, 320114|02|010859, 510107|02|001250, 410403|02|000033), and
numbers seen in the wild whose short name is another province's ("渝公网安备 33010002000078号",
"京公网安备44030702002399"): flagged, never refused.

Numbers in the property tests are built from GB/T 2260's county codes (checker/data/regions.tsv) and the short
names of checker/data/province-abbreviations.tsv, never with the module's own format().
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import _tables, psb_number
from checker.exceptions import InvalidComponent, InvalidLength, ValidationError
from checker.fields import check_field
from examples import EXAMPLES, EXAMPLES_SELF

# §4.3's digits of real numbers, with the short name of the province their first two digits are.
REAL_DIGITS = {
    "44030502008569": "粤",
    "33010602009975": "浙",
    "37010402000117": "鲁",
    "31010402009327": "沪",
    "32011402010859": "苏",
    "51010702001250": "川",
    "41040302000033": "豫",
}


def findings(number: str) -> list[str]:
    return [finding.code for finding in psb_number.check(number)[1]]


@pytest.mark.parametrize(
    "shown, compact, formatted",
    [
        ("粤公网安备44030502008569号", "粤公网安备44030502008569号", "粤公网安备 44030502008569号"),  # Tencent's footer
        ("京公网安备 11010502000001号", "京公网安备11010502000001号", "京公网安备 11010502000001号"),
    ],
)
def test_the_display_forms_are_valid_without_doubts(shown, compact, formatted):
    assert psb_number.check(shown) == (compact, [])
    assert psb_number.format(shown) == formatted and psb_number.is_valid(shown)


@pytest.mark.parametrize("digits, short", REAL_DIGITS.items())
def test_real_digits_with_their_provinces_short_name_are_valid_without_doubts(digits, short):
    assert psb_number.check(f"{short}公网安备 {digits}号") == (f"{short}公网安备{digits}号", [])
    assert psb_number.parse(f"{short}公网安备{digits}号") == psb_number.PsbNumber(short, digits[:2], digits)


@pytest.mark.parametrize("digits", REAL_DIGITS)
def test_the_digits_alone_are_read_with_a_note(digits):
    """As the old query link takes them (``recordcode=37010402000117``)."""
    assert psb_number.check(digits) == (digits, [psb_number.Finding("PSB_NUMBER_BARE", number=digits)])
    assert psb_number.get_digits(digits) == digits
    (finding,) = psb_number.check(digits)[1]
    assert finding.severity == "info"


def test_the_real_digits_start_with_a_county_then_02():
    """§4.3's structure, held against GB/T 2260 (checker/data/regions.tsv): what the checks below rest on."""
    for digits in REAL_DIGITS:
        assert _tables.region(digits[:6]) is not None, digits
        assert digits[6:8] == "02"


@pytest.mark.parametrize(
    "number, short, digits_province",
    [("渝公网安备 33010002000078号", "渝", "Zhejiang"), ("京公网安备44030702002399", "京", "Guangdong")],
)
def test_a_short_name_of_another_province_is_a_warning_never_an_error(number, short, digits_province):
    """§4.3: such numbers are on real websites."""
    result = check_field("psb-number", number)
    assert result["ok"] is True
    assert [(f["code"], f["severity"]) for f in result["findings"]] == [("PSB_NUMBER_PROVINCE_MISMATCH", "warning")]
    assert result["findings"][0]["message"].startswith(f"{short} is the short name of")
    assert digits_province in result["findings"][0]["message"]


def test_digits_7_and_8_other_than_02_are_a_note_at_most():
    """§4.3: "positions 7–8 == "02" as a soft check" (empirical, not specified)."""
    (finding,) = psb_number.check("粤公网安备44030512008569号")[1]
    assert (finding.code, finding.severity, finding.params) == ("PSB_NUMBER_MIDDLE_DIGITS", "info", {"middle": "12"})


def test_digits_of_no_mainland_province_are_a_warning():
    assert findings("粤公网安备99030502008569号") == ["PSB_NUMBER_REGION_UNKNOWN"]
    assert findings("粤公网安备81030502008569号") == ["PSB_NUMBER_REGION_UNKNOWN"]  # Hong Kong's code


@pytest.mark.parametrize(
    "typed, compact",
    [
        ("粤公网安备４４０３０５０２００８５６９号", "粤公网安备44030502008569号"),  # full-width digits
        ("粤公网安备\u300044030502008569\u3000号", "粤公网安备44030502008569号"),
        ("粤公网安备44030502008569", "粤公网安备44030502008569号"),  # no 号
        (" 粤 公网安备 4403 0502 0085 69 号\n", "粤公网安备44030502008569号"),
    ],
)
def test_what_people_type_is_read(typed, compact):
    assert psb_number.check(typed) == (compact, [])


@pytest.mark.parametrize(
    "typed, code",
    [
        ("", "PSB_NUMBER_EMPTY"),
        ("粤公网安备号", "PSB_NUMBER_FORMAT"),
        ("粤公安备案44030502008569号", "PSB_NUMBER_FORMAT"),
        ("4403050200856x", "PSB_NUMBER_FORMAT"),
        ("粤公网安备4403050200856号", "PSB_NUMBER_LENGTH"),
        ("粤公网安备440305020085690号", "PSB_NUMBER_LENGTH"),
        ("4403050200856", "PSB_NUMBER_LENGTH"),
        ("中公网安备44030502008569号", "PSB_NUMBER_ABBREVIATION"),
        ("港公网安备81030502008569号", "PSB_NUMBER_NOT_MAINLAND"),
        ("京ICP备04000001号-1", "PSB_NUMBER_IS_ICP"),  # §4.1's number in the wrong field
        ("京ICP证150476号", "PSB_NUMBER_IS_ICP"),
        ("粤公网安备4403\u200b0502008569号", "PSB_NUMBER_HIDDEN_CHARACTER"),
    ],
)
def test_errors(typed, code):
    with pytest.raises(ValidationError) as raised:
        psb_number.check(typed)
    assert raised.value.code == code and psb_number.is_valid(typed) is False


def test_an_error_says_what_it_found():
    with pytest.raises(InvalidLength) as raised:
        psb_number.validate("粤公网安备4403050200856号")
    assert raised.value.params == {"length": 13}
    with pytest.raises(InvalidComponent) as not_mainland:
        psb_number.validate("澳公网安备44030502008569号")
    assert "Macau" in str(not_mainland.value)


# --- properties: numbers made from GB/T 2260's counties and the table of short names ----------------------------

COUNTIES = [code for code, *_ in _tables.rows("regions.tsv") if len(code) == 6 and not code.endswith("00")]
TABLE = _tables.province_abbreviations()
SHORT_NAMES = sorted(short for short, row in TABLE.items() if row.use != "not-mainland")
BY_PROVINCE = {
    TABLE[short].province: [s for s in SHORT_NAMES if TABLE[s].province == TABLE[short].province]
    for short in SHORT_NAMES
}
MAINLAND_COUNTIES = [code for code in COUNTIES if code[:2] in BY_PROVINCE]


@st.composite
def numbers(draw):
    """(the short name of the county's province, the 14 digits as §4.3 describes them)."""
    county = draw(st.sampled_from(MAINLAND_COUNTIES))
    short = draw(st.sampled_from(BY_PROVINCE[county[:2]]))
    return short, f"{county}02{draw(st.integers(0, 999_999)):06d}"


@settings(max_examples=EXAMPLES)
@given(numbers())
def test_a_county_02_and_a_serial_with_its_provinces_short_name_is_valid_without_doubts(number):
    short, digits = number
    assert psb_number.check(f"{short}公网安备 {digits}号") == (f"{short}公网安备{digits}号", [])
    assert psb_number.format(f"{short}公网安备{digits}") == f"{short}公网安备 {digits}号"


@settings(max_examples=EXAMPLES_SELF)
@given(numbers(), st.sampled_from(SHORT_NAMES))
def test_another_provinces_short_name_is_only_the_mismatch_warning(number, other):
    _, digits = number
    expected = [] if TABLE[other].province == digits[:2] else ["PSB_NUMBER_PROVINCE_MISMATCH"]
    assert findings(f"{other}公网安备{digits}号") == expected


@settings(max_examples=EXAMPLES_SELF)
@given(numbers(), st.booleans(), st.lists(st.sampled_from([" ", "\u3000"]), max_size=2))
def test_full_width_and_spaces_read_the_same(number, wide, spaces):
    short, digits = number
    typed = f"{short}公网安备{''.join(spaces)}{digits}号"
    typed = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isdigit() else c for c in typed) if wide else typed
    assert psb_number.check(typed) == (f"{short}公网安备{digits}号", [])
    assert psb_number.compact(psb_number.compact(typed)) == psb_number.compact(typed)


@settings(max_examples=EXAMPLES_SELF)
@given(numbers(), st.integers(1, 20).filter(lambda n: n != 14))
def test_a_digit_count_other_than_14_is_an_error(number, length):
    short, digits = number
    with pytest.raises(InvalidLength):
        psb_number.validate(f"{short}公网安备{(digits * 2)[:length]}号")
