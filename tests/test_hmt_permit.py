import datetime

import pytest
from hypothesis import given, settings, strategies as st
from stdnum.cn import ric as stdnum_ric

from checker import hmt_permit, resident_id
from checker.exceptions import InvalidChecksum, InvalidComponent

TODAY = datetime.date(2026, 12, 1)


def build(prefix: str, born: datetime.date, sequence: str = "002") -> str:
    body = prefix + born.strftime("%Y%m%d") + sequence
    return body + hmt_permit.calc_check_digit(body)


@pytest.mark.parametrize("prefix, origin", [("810000", "Hong Kong"), ("820000", "Macau"), ("830000", "Taiwan")])
def test_permits_of_each_origin_are_genuine_where_python_stdnum_rejects_or_crashes(prefix, origin):
    number = build(prefix, datetime.date(1990, 5, 17))
    assert hmt_permit.check(number, today=TODAY) == (number, [])
    assert hmt_permit.get_origin(number).name_en == origin
    try:
        assert not stdnum_ric.is_valid(number)
    except KeyError:
        pass  # python-stdnum 2.2 crashes on 83 (no such province in its table)


VALID = build("810000", datetime.date(1990, 5, 17))
MISTYPED = VALID[:17] + ("1" if VALID[17] == "0" else "0")


@pytest.mark.parametrize("number, error", [
    ("11010519491231002X", InvalidComponent),          # an ID card, not a permit
    (MISTYPED, InvalidChecksum),
    (build("810001", datetime.date(1990, 5, 17)), InvalidComponent),
])
def test_invalid(number, error):
    with pytest.raises(error):
        hmt_permit.validate(number, today=TODAY)


@settings(max_examples=2000)
@given(st.sampled_from(sorted(hmt_permit.ORIGINS)), st.dates(datetime.date(1900, 1, 1), TODAY),
       st.integers(0, 999))
def test_every_permit_built_by_the_algorithm_passes(prefix, born, sequence):
    number = build(prefix, born, f"{sequence:03d}")
    assert hmt_permit.validate(number, today=TODAY) == number
    assert not resident_id.is_valid(number)
