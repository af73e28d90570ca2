import pytest

from checker import passport
from checker.exceptions import InvalidFormat


@pytest.mark.parametrize("number, kind", [
    ("E12345678", "mainland-passport"),
    ("EA1234567", "mainland-passport"),
    ("G12345678", "mainland-passport"),
    ("H12345678", "hk-macau-permit"),
    ("M1234567890", "hk-macau-permit"),
    ("12345678", "taiwan-permit"),
    ("1234567890B", "taiwan-permit"),
    ("C01X00T47", "foreign-passport"),
    ("ｅ１２３４５６７８", "mainland-passport"),
])
def test_usual_layouts_have_no_doubts(number, kind):
    assert passport.check(number, kind)[1] == []


@pytest.mark.parametrize("number, kind", [
    ("12345678", "mainland-passport"),
    ("E1234567", "mainland-passport"),
    ("X12345678", "hk-macau-permit"),
    ("H123456", "taiwan-permit"),
])
def test_unusual_layouts_are_warnings_never_errors(number, kind):
    number, findings = passport.check(number, kind)
    assert [(f.code, f.severity) for f in findings] == [("PASSPORT_LAYOUT", "warning")]


def test_layout_warning_shows_the_usual_layout_in_each_language():
    _, findings = passport.check("X12345678", "hk-macau-permit")
    assert findings[0].message == {
        "en": "This does not look like the usual number of this document (H or M + 8 digits): check it against the"
              " document.",
        "zh": "与该证件的常见号码格式（H或M加8位数字）不符，请对照证件核对。"}


@pytest.mark.parametrize("number", ["E123", "E" * 21, "E1234567€", ""])
def test_what_cannot_be_a_document_number_is_an_error(number):
    with pytest.raises(InvalidFormat) as raised:
        passport.validate(number)
    assert raised.value.code in ("PASSPORT_FORMAT", "INVALID_TYPE")


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown kind"):
        passport.check("E12345678", "visa")
