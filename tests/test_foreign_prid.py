import datetime

import pytest
from hypothesis import given, settings, strategies as st

from checker import _tables, foreign_prid
from checker.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

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


@pytest.mark.parametrize("number, error", [
    (new_card()[:17] + ("0" if new_card()[17] != "0" else "1"), InvalidChecksum),
    ("811840199001012013", InvalidFormat),      # a new card starts with 9
    ("US1310085121301", InvalidFormat),
    ("9118401990010120", InvalidLength),
])
def test_invalid(number, error):
    with pytest.raises(error):
        foreign_prid.validate(number)


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
    assert [f.code for f in findings] == [code]


_nationalities = st.sampled_from(sorted(c.numeric for c in set(_tables.countries().values())))


@settings(max_examples=2000)
@given(st.sampled_from(["11", "31", "44", "51"]), _nationalities,
       st.dates(datetime.date(1920, 1, 1), TODAY).map(lambda d: d.strftime("%Y%m%d")),
       st.integers(0, 99).map(lambda n: f"{n:02d}"), st.sampled_from("0123456789"))
def test_every_new_card_built_by_the_layout_passes_without_doubts(province, nationality, born, sequence, sex):
    number = new_card(province, nationality, born, sequence, sex)
    assert foreign_prid.check(number, today=TODAY) == (number, [])
