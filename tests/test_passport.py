import pytest

from checker import passport
from checker._face import Context
from checker.exceptions import InvalidFormat, InvalidLength


@pytest.mark.parametrize(
    "number, kind",
    [
        ("E12345678", "mainland-passport"),
        ("EA1234567", "mainland-passport"),
        ("G12345678", "mainland-passport"),
        ("H12345678", "hk-macau-permit"),
        ("M1234567890", "hk-macau-permit"),
        ("12345678", "taiwan-permit"),
        ("1234567890B", "taiwan-permit"),
        ("C01X00T47", "foreign-passport"),
        ("ｅ１２３４５６７８", "mainland-passport"),
    ],
)
def test_usual_layouts_have_no_doubts(number, kind):
    assert passport.check(number, context=Context(kind))[1] == []


@pytest.mark.parametrize(
    "number, kind",
    [
        ("12345678", "mainland-passport"),
        ("E1234567", "mainland-passport"),
        ("X12345678", "hk-macau-permit"),
        ("H123456", "taiwan-permit"),
    ],
)
def test_unusual_layouts_are_warnings_never_errors(number, kind):
    number, findings = passport.check(number, context=Context(kind))
    assert [(f.code, f.severity) for f in findings] == [("PASSPORT_LAYOUT", "warning")]


def test_layout_warning_shows_the_usual_layout_in_each_language():
    _, findings = passport.check("X12345678", context=Context("hk-macau-permit"))
    assert findings[0].message == {
        "en": "This does not look like the usual number of this document (H or M + 8 digits): check it against the"
        " document.",
        "zh": "与该证件的常见号码格式（H或M加8位数字）不符，请对照证件核对。",
    }


@pytest.mark.parametrize(
    "number, kind",
    [
        ("0561682001(D)", "taiwan-permit"),
        ("0561682001（D）", "taiwan-permit"),
        ("0561682001(1)", "taiwan-permit"),
        ("0561682001 (B)", "taiwan-permit"),
    ],
)
def test_the_old_taiwan_permit_with_its_office_code_in_brackets_has_no_doubts(number, kind):
    """Review item 3: 0561682001(D) was an error (PASSPORT_FORMAT). Source: China News Service, 2008-09-12,
    臺胞證9月25日起實行“一人一號、終身不變” (relayed at http://www.ncdzx.com/sy/rdxw/200809/t20080912_742862.htm):
    "證件號碼前八位阿拉伯數字為臺胞終身號，后兩位為簽發證件的次數，括號內的英文字母或者阿拉伯數字為簽發機關代碼"
    — 8 digits, 2 digits of the issue count, then the issuing office's letter or digit in brackets."""
    assert passport.check(number, context=Context(kind)) == (number.translate({ord(c): None for c in "()（） "}), [])


@pytest.mark.parametrize(
    "number, kind",
    [
        ("E123", "mainland-passport"),
        ("1", "taiwan-permit"),
        ("E" * 21, "foreign-passport"),
        ("A1234567890123456789012", "foreign-passport"),
        ("1" * 44, "foreign-passport"),
    ],
)
def test_a_length_outside_the_usual_is_a_warning_never_an_error(number, kind):
    """../shared/reference/icp-rules.md §3: these layouts, the limits of 5 and 20 included, are not confirmed by
    any official source: a number that does not fit them is a warning, never an error (review item 3)."""
    assert [(f.code, f.severity) for f in passport.check(number, context=Context(kind))[1]] == [
        ("PASSPORT_LAYOUT", "warning")
    ]


@pytest.mark.parametrize(
    "number, code, named",
    [
        ("", "PASSPORT_EMPTY", None),
        (" - ", "PASSPORT_EMPTY", None),
        ("E1234567€", "PASSPORT_FORMAT", "the 9th character “€” (U+20AC EURO SIGN)"),
        ("E12345678<<", "PASSPORT_FORMAT", "the 10th character “<”"),
        ("护照E12345678", "PASSPORT_FORMAT", "the 1st character “护”"),
        ("Е" + "12345678", "PASSPORT_FORMAT", "U+0415 CYRILLIC CAPITAL LETTER IE, a letter of another alphabet"),
    ],
)
def test_what_cannot_be_a_document_number_is_an_error_that_names_the_character(number, code, named):
    """ICAO Doc 9303 Part 3 (8th edition, 2021; the machine-readable zone uses only A–Z, 0–9 and the filler <):
    no document number holds a Chinese character, a sign or a letter of another alphabet; < is only the filler,
    never part of the number. An empty field is no number at all."""
    with pytest.raises(InvalidFormat) as raised:
        passport.validate(number)
    assert raised.value.code == code
    if named:
        assert named in raised.value.message["en"]


def test_more_than_a_machine_readable_line_is_an_error():
    """ICAO Doc 9303 Part 4 (8th edition, 2021): a passport's machine-readable zone has two lines of 44
    characters, the longest of any travel document, and one holds the document number with other data: 45
    letters and digits cannot be a document number (pasted machine-readable lines, usually)."""
    with pytest.raises(InvalidLength) as raised:
        passport.validate("P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<E123456784CHN")
    assert raised.value.code == "PASSPORT_LENGTH"
    with pytest.raises(InvalidLength) as raised:
        passport.validate("1" * 45)
    assert raised.value.code == "PASSPORT_LENGTH" and raised.value.message["en"].startswith("45 letters and digits")


def test_a_value_that_is_not_text_is_an_error():
    with pytest.raises(InvalidFormat) as raised:
        passport.validate(None)
    assert raised.value.code == "INVALID_TYPE"


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown kind"):
        passport.check("E12345678", context=Context("visa"))
