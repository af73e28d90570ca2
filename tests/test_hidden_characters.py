"""Hidden characters (checker._text): an error in every field, naming the character and where it is; never the
white space, ideographic space or full-width forms people really type, nor a file's byte order mark."""

import itertools
import json
import sys
import unicodedata

import pytest

from checker import _text, filing, filing_io
from checker.exceptions import ValidationError
from checker.fields import KINDS, check_field
from test_cli import run
from test_filing_io import csv_text, example_row

# A genuine value of every kind (the modules' own examples; the resident ID is GB 11643's).
GENUINE = {
    "resident-id": "11010519491231002X",
    "hmt-permit": "810000199408230021",
    "foreign-prid": "911840199001012013",
    "passport": "E12345678",
    "uscc": "91110000600037341L",
    "org-code": "D2143569X",
    "business-reg-no": "110108000000016",
    "mobile": "13800138000",
    "landline": "0755-86013388",
    "email": "zhangsan@example.com",
    "domain": "example.com",
    "website-name": "示例科技官网",
    "icp-number": "粤ICP备12345678号-1",
    "psb-number": "粤公网安备44030502008569号",
}
# Hidden characters met in pasted text, each of a different kind (Unicode names as published in UnicodeData.txt).
HIDDEN = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u00ad": "SOFT HYPHEN",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\u2060": "WORD JOINER",
    "\u034f": "COMBINING GRAPHEME JOINER",
    "\u115f": "HANGUL CHOSEONG FILLER",
    "\u1160": "HANGUL JUNGSEONG FILLER",
    "\u3164": "HANGUL FILLER",
    "\uffa0": "HALFWIDTH HANGUL FILLER",
    "\ufe0f": "VARIATION SELECTOR-16",
    "\U000e0100": "VARIATION SELECTOR-17",
    "\u180b": "MONGOLIAN FREE VARIATION SELECTOR ONE",
    "\U000e0041": "TAG LATIN CAPITAL LETTER A",
    "\x00": "(a control character)",
    "\x7f": "(a control character)",
    "\x9b": "(a control character)",
}


# A hidden character is reported under the inspected item of the field it is in: contact numbers and e-mail under
# item 2, the domain and the website name under item 5, the documents of item 1 by the general code.
HIDDEN_CODES = {
    "mobile": ("MOBILE_HIDDEN_CHARACTER", 2),
    "landline": ("LANDLINE_HIDDEN_CHARACTER", 2),
    "email": ("EMAIL_HIDDEN_CHARACTER", 2),
    "domain": ("DOMAIN_HIDDEN_CHARACTER", 5),
    "website-name": ("NAME_HIDDEN_CHARACTER", 5),
    "icp-number": ("ICP_NUMBER_HIDDEN_CHARACTER", 5),
    "psb-number": ("PSB_NUMBER_HIDDEN_CHARACTER", 5),
}


def test_the_genuine_values_are_ok():
    for kind, value in GENUINE.items():
        assert check_field(kind, value)["ok"], kind
    assert set(GENUINE) == set(KINDS)


@pytest.mark.parametrize("char, name", HIDDEN.items(), ids=[f"U+{ord(c):04X}" for c in HIDDEN])
@pytest.mark.parametrize("kind", GENUINE)
def test_a_hidden_character_is_an_error_in_every_kind_that_names_it(kind, char, name):
    value = GENUINE[kind]
    result = check_field(kind, value[:3] + char + value[3:])
    assert not result["ok"] and result["normalized"] is None
    (finding,) = result["findings"]
    assert (finding["code"], finding["item"]) == HIDDEN_CODES.get(kind, ("INVALID_HIDDEN_CHARACTER", 1))
    assert f"U+{ord(char):04X} {name} after '{value[:3]}'" in finding["message"]
    zh = check_field(kind, value[:3] + char + value[3:], lang="zh")["findings"][0]["message"]
    assert f"U+{ord(char):04X}（" in zh and f"紧跟在“{value[:3]}”之后" in zh


def test_the_chinese_message_names_the_character_in_chinese():
    assert (
        check_field("mobile", "138\u200b00138000", lang="zh")["findings"][0]["message"]
        == "手机号码中含有不可见字符：U+200B（零宽空格），紧跟在“138”之后。"
    )
    assert check_field("domain", "exa\u202emple.com", lang="zh")["findings"][0]["message"].startswith(
        "域名中含有不可见字符：U+202E（从右至左覆盖符），紧跟在“exa”之后。"
    )


def test_where_it_is_said_with_at_most_a_dozen_characters_before_it():
    params = _text.hidden_character_params("深圳市示例科技有限公司第一分公司\u200b", 16)
    assert params["where"] == {"en": "after '…例科技有限公司第一分公司'", "zh": "紧跟在“…例科技有限公司第一分公司”之后"}
    assert _text.hidden_character_params(" \n\u200b1", 2)["where"]["en"] == "at the start"


@pytest.mark.parametrize(
    "kind, typed",
    [
        ("mobile", "\t13800138000\n"),  # pasted from a spreadsheet cell
        ("mobile", "138\u30000013\u30008000"),  # ideographic spaces
        ("mobile", "\u3000１３８００１３８０００\u3000"),  # full-width digits
        ("mobile", "138\u00a00013\u00a08000"),  # no-break spaces, from a web page
        ("landline", " 0755-86013388\r\n"),
        ("resident-id", "110105 19491231 002X\n"),
        ("uscc", "９１１１００００６０００３７３４１Ｌ"),
        ("email", " zhangsan@example.com\n"),
        ("domain", "\u3000example.com\u3000"),
        ("domain", "example.com\u00a0"),
        ("domain", "ＥＸＡＭＰＬＥ．ＣＯＭ"),
        ("website-name", "示例\u3000科技官网"),
    ],
)
def test_white_space_and_full_width_forms_are_not_hidden_characters(kind, typed):
    result = check_field(kind, typed)
    assert result["ok"], result
    assert not any("HIDDEN" in finding["code"] for finding in result["findings"])


def test_the_list_covers_every_format_and_control_character_this_python_knows():
    """The Unicode Character Database as this Python's unicodedata has it (Unicode 14 under CPython 3.11, 16
    under Pyodide): every Cf character, every Cs code point (a surrogate) and every Cc character but White_Space
    (PropList.txt: U+0009–U+000D, U+0085) is hidden; no space separator, letter of a cased script or digit is."""
    white_space = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85}
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        category = unicodedata.category(char)
        hidden = _text.find_hidden(char) == 0
        if category in ("Cf", "Cs") or (category == "Cc" and point not in white_space):
            assert hidden, f"U+{point:04X}"
        elif category in ("Zs", "Zl", "Zp", "Nd", "Lu", "Ll") or point in white_space:
            assert not hidden, f"U+{point:04X}"


def test_a_lone_surrogate_is_named_as_one():
    """The surrogates U+D800..U+DFFF (UnicodeData.txt: general category Cs; The Unicode Standard §3.8 D71: not
    characters, used in pairs by UTF-16 only): from JSON's "\\ud800" a lone one reached a name unreported,
    and `icp-check` crashed printing it (review of issue 12, item 7)."""
    surrogates = [point for point in range(0x10000) if unicodedata.category(chr(point)) == "Cs"]
    assert surrogates == list(range(0xD800, 0xE000))
    assert all(_text.find_hidden(f"ab{chr(point)}c") == 2 for point in surrogates)
    for char in ("\ud800", "\udbff", "\udc00", "\udfff"):
        with pytest.raises(ValidationError) as raised:
            _text.require_text(f"深圳{char}")
        assert raised.value.message["en"] == (
            f"The value contains a hidden character: U+{ord(char):04X} (a lone "
            "surrogate, not a character) after '深圳'."
        )
        assert f"U+{ord(char):04X}（孤立的代理码位，不是字符）" in raised.value.message["zh"]
    data = filing.example()
    data["entity"]["name"] = "深圳市\udc80示例"  # a byte that could not be decoded (surrogateescape)
    found = [(f["field"], f["code"]) for f in filing.report(data)["findings"]]
    assert found == [("entity.name", "INVALID_HIDDEN_CHARACTER")]
    assert not check_field("mobile", "138\ud83d00138000")["ok"]
    # A character above U+FFFF is one code point in Python, never a pair of surrogates: not hidden.
    assert not any("HIDDEN" in f["code"] for f in check_field("website-name", "示例\U0001f600官网")["findings"])


def test_the_hidden_ranges_are_ordered_and_apart():
    ranges = _text.HIDDEN_RANGES
    assert all(start <= end for start, end in ranges)
    assert all(a[1] + 1 < b[0] for a, b in itertools.pairwise(ranges))


# --- a whole filing: the free-text fields no kind reads, and the file reader ------------------------------------


def test_names_in_a_filing_are_checked_for_hidden_characters():
    data = filing.example()
    data["entity"]["name"] = "深圳市示例\u200b科技有限公司"
    data["websites"][1]["pic"]["name"] = "李\u00ad四"
    found = {f["field"]: f for f in filing.report(data)["findings"]}
    assert found["entity.name"]["code"] == "INVALID_HIDDEN_CHARACTER"
    assert "U+200B ZERO WIDTH SPACE after '深圳市示例'" in found["entity.name"]["message"]
    assert found["websites[1].pic.name"]["code"] == "INVALID_HIDDEN_CHARACTER"


def test_a_hidden_character_in_a_document_number_shared_by_two_persons_is_reported_not_raised():
    """Comparing two persons in charge who share a mobile compacts their document numbers: with a hidden
    character in one, that raised instead of reporting (found while making every field refuse them)."""
    data = filing.example()
    data["websites"][0]["pic"]["mobile"] = data["entity"]["pic"]["mobile"]
    data["websites"][0]["pic"]["document"]["number"] += "\u200b"
    codes = {(f["field"], f["code"]) for f in filing.report(data)["findings"]}
    assert ("websites[0].pic.document.number", "INVALID_HIDDEN_CHARACTER") in codes
    assert ("websites[0].pic.mobile", "FILING_PHONE_SHARED") in codes


def test_the_command_line_shows_it_for_a_field_and_for_a_filing(tmp_path):
    status, out, _ = run("field", "domain", "exa\u200bmple.com")
    assert status == 1 and "U+200B ZERO WIDTH SPACE after 'exa'" in out
    status, out, _ = run("field", "mobile", "138\u200b00138000", "--lang", "zh")
    assert status == 1 and "U+200B（零宽空格），紧跟在“138”之后" in out
    data = filing.example()
    data["websites"][0]["domains"] = ["exa\u00admple.com"]
    (tmp_path / "filing.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, out, _ = run("validate", str(tmp_path / "filing.json"))
    assert status == 1 and "websites[0].domains[0]" in out and "U+00AD SOFT HYPHEN after 'exa'" in out


@pytest.mark.parametrize(
    "name, text",
    [
        ("filings.csv", csv_text([example_row()])),
        ("filing.json", json.dumps(filing.example(), ensure_ascii=False)),
    ],
)
def test_a_byte_order_mark_at_the_start_of_a_file_is_the_readers_not_a_hidden_character(tmp_path, name, text):
    """Excel saves "CSV UTF-8" with a BOM: checker.filing_io drops it; it never reaches the first field."""
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    binary = path.open("rb")
    format_ = filing_io.guess_format(name, binary)
    with filing_io.decode(binary) as text:
        records = list(filing_io.read(text, format_))
    assert [filing.report(record.data)["ok"] for record in records] == [True]
    status, out, _ = run("validate", str(path))
    assert status == 0 and "HIDDEN" not in out
