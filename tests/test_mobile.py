import phonenumbers
import pytest
from examples import EXAMPLES
from hypothesis import given, settings, strategies as st

from checker import _tables, mobile
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength


@pytest.mark.parametrize("number, expected", [
    ("13800138000", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("0086-138-0013-8000", "13800138000"),
    ("１３８００１３８０００", "13800138000"),
    ("199 1234 5678", "19912345678"),
])
def test_valid_voice_numbers(number, expected):
    assert mobile.check(number) == (expected, [])


@pytest.mark.parametrize("number, error, code", [
    ("1380013800", InvalidLength, "MOBILE_LENGTH"),
    ("138001380001", InvalidLength, "MOBILE_LENGTH"),
    ("12800138000", InvalidFormat, "MOBILE_PREFIX"),
    ("1380013800a", InvalidFormat, "MOBILE_FORMAT"),
    ("14012345678", InvalidComponent, "MOBILE_DATA_ONLY"),
    ("19412345678", InvalidComponent, "MOBILE_DATA_ONLY"),
])
def test_invalid(number, error, code):
    with pytest.raises(error) as raised:
        mobile.validate(number)
    assert raised.value.code == code


def test_data_only_message_names_the_segment():
    with pytest.raises(InvalidComponent) as raised:
        mobile.validate("14012345678")
    assert raised.value.message["zh"] == "140号段为上网卡、物联网卡号段，不能接打电话和收发短信，不能作为联系电话。"
    assert raised.value.message["en"].startswith("140 is a data-only (IoT) segment")


@pytest.mark.parametrize("number, code", [
    ("17012345678", "MOBILE_VIRTUAL"),
    ("16212345678", "MOBILE_VIRTUAL"),
    ("14212345678", "MOBILE_SEGMENT_UNKNOWN"),
])
def test_doubts_are_warnings(number, code):
    assert mobile.check(number)[1] == [Finding(code, segment=number[:3])]
    assert mobile.check(number)[1][0].severity == "warning"


def test_format():
    assert mobile.format("+8613800138000") == "138 0013 8000"


def test_every_segment_from_13_to_19_is_in_the_table():
    assert sorted(_tables.mobile_segments()) == [str(n) for n in range(130, 200)]


VOICE = sorted(s for s, seg in _tables.mobile_segments().items() if seg.kind == "voice")


@settings(max_examples=EXAMPLES, deadline=None)  # the first call loads phonenumbers' metadata
@given(st.sampled_from(VOICE), st.integers(0, 99_999_999))
def test_voice_numbers_agree_with_phonenumbers(segment, tail):
    number = f"{segment}{tail:08d}"
    parsed = phonenumbers.parse("+86" + number)
    # The table says "voice" where phonenumbers accepts the segment; a few sub-ranges inside a segment (such
    # as 1349 satellite numbers) it refuses: the checker never rejects what phonenumbers accepts.
    if phonenumbers.is_valid_number(parsed):
        assert mobile.check(number) == (number, [])
    assert mobile.is_valid(number)
