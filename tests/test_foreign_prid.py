import datetime

import pytest
from examples import EXAMPLES
from hypothesis import given, settings, strategies as st

from checker import _tables, foreign_prid
from checker.exceptions import Finding, InvalidChecksum, InvalidFormat, InvalidLength

TODAY = datetime.date(2026, 12, 1)


def new_card(province="11", nationality="840", born="19900101", sequence="20", sex="1") -> str:
    body = "9" + province + nationality + born + sequence + sex
    return body + foreign_prid.calc_check_digit(body)


def old_card(country="USA", digits="31008512130") -> str:
    body = country + digits
    return body + foreign_prid.calc_old_check_digit(body)


@pytest.mark.parametrize("number", [new_card(), new_card("44", "276", "19751231"), old_card(), old_card("JPN")])
def test_valid_without_doubts(number):
    assert foreign_prid.check(number, today=TODAY) == (number, [])


def test_nine_prefixed_new_cards_are_genuine():
    # python-stdnum reads any 18-digit number as a resident ID and so rejects these (no province 9x).
    from stdnum.cn import ric as stdnum_ric
    number = new_card()
    assert foreign_prid.is_valid(number)
    try:
        assert not stdnum_ric.is_valid(number)
    except KeyError:
        pass


@pytest.mark.parametrize("number, error, code", [
    (new_card()[:17] + ("0" if new_card()[17] != "0" else "1"), InvalidChecksum, "PRID_CHECKSUM"),
    ("811840199001012013", InvalidFormat, "PRID_FORMAT"),      # a new card starts with 9
    ("US1310085121301", InvalidFormat, "PRID_OLD_FORMAT"),
    ("9118401990010120", InvalidLength, "PRID_LENGTH"),
])
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        foreign_prid.validate(number)
    assert raised.value.code == code


def test_each_generation_has_its_own_layout_message():
    with pytest.raises(InvalidFormat) as new:
        foreign_prid.validate("811840199001012013")
    with pytest.raises(InvalidFormat) as old:
        foreign_prid.validate("US1310085121301")
    assert new.value.message["zh"] == "新版永久居留身份证号码以9开头，为17位数字加1位数字或X。"
    assert old.value.message["en"] == "An older permanent residence ID number has 3 letters then 12 digits."


@pytest.mark.parametrize("number, code", [
    (new_card(nationality="999"), "PRID_NATIONALITY_UNKNOWN"),
    (new_card(province="99"), "PRID_PROVINCE_UNKNOWN"),
    (new_card(born="19901341"), "PRID_BIRTH_DATE"),
    (new_card(born="20300101"), "PRID_BIRTH_DATE"),
    (old_card("QQQ"), "PRID_NATIONALITY_UNKNOWN"),
    (old_card()[:14] + str((int(old_card()[14]) + 1) % 10), "PRID_OLD_CHECK"),
])
def test_doubtful_parts_are_warnings(number, code):
    valid, findings = foreign_prid.check(number, today=TODAY)
    assert valid == number
    assert [(f.code, f.severity) for f in findings] == [(code, "warning")]
    assert all(f.message["en"] and f.message["zh"] for f in findings)


def test_doubtful_parts_are_named_in_the_message():
    _, findings = foreign_prid.check(new_card(nationality="999"), today=TODAY)
    assert findings == [Finding("PRID_NATIONALITY_UNKNOWN", nationality="999")]
    assert findings[0].message["zh"] == "国籍代码 999 不是 ISO 3166-1 国家代码，请对照证件核对。"
    _, findings = foreign_prid.check(new_card(province="99"), today=TODAY)
    assert findings[0].message["en"] == "Digits 2–3 (99) are not a province code: check them against the card."


_nationalities = st.sampled_from(sorted(c.numeric for c in set(_tables.countries().values())))


@settings(max_examples=EXAMPLES)
@given(st.sampled_from(["11", "31", "44", "51"]), _nationalities,
       st.dates(datetime.date(1920, 1, 1), TODAY).map(lambda d: d.strftime("%Y%m%d")),
       st.integers(0, 99).map(lambda n: f"{n:02d}"), st.sampled_from("0123456789"))
def test_every_new_card_built_by_the_layout_passes_without_doubts(province, nationality, born, sequence, sex):
    number = new_card(province, nationality, born, sequence, sex)
    assert foreign_prid.check(number, today=TODAY) == (number, [])
