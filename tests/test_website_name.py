import unicodedata

import pytest

from checker import website_name
from checker._face import Context
from checker.exceptions import InvalidFormat, InvalidLength


@pytest.mark.parametrize(
    "name, expected",
    [
        ("示例科技官网", "示例科技官网"),
        ("  示例   科技  ", "示例 科技"),
        ("我的 Blog 空间", "我的 Blog 空间"),
        ("Ａｂｃ测试", "Abc测试"),
        ("小明的摄影作品", "小明的摄影作品"),
    ],
)
def test_valid(name, expected):
    assert website_name.check(name) == (expected, [])


@pytest.mark.parametrize(
    "name, error, code",
    [
        ("示例", InvalidLength, "NAME_LENGTH"),
        ("123456", InvalidFormat, "NAME_DIGITS_ONLY"),
        ("Hello World", InvalidFormat, "NAME_LATIN_ONLY"),
        ("example.com", InvalidFormat, "NAME_IS_DOMAIN"),
        ("www.例子.com", InvalidFormat, "NAME_SYMBOLS"),
        ("示例·科技", InvalidFormat, "NAME_SYMBOLS"),
        ("示例科技!", InvalidFormat, "NAME_SYMBOLS"),
    ],
)
def test_invalid(name, error, code):
    with pytest.raises(error) as raised:
        website_name.validate(name)
    assert raised.value.code == code


@pytest.mark.parametrize(
    "name, entity_type, codes",
    [
        ("中国示例网", "enterprise", ["NAME_RESERVED_PREFIX"]),
        ("国家示例中心", None, ["NAME_RESERVED_PREFIX"]),
        ("小明的技术博客", "individual", ["NAME_PERSONAL_WORD"]),
        ("小明的技术博客", "enterprise", []),
        ("示例科技有限公司官网", "individual", ["NAME_PERSONAL_WORD"]),
        # education's pre-approval is abolished (Tencent Cloud's 前置审批相关.md): 教育 gives nothing
        ("示例在线教育平台", "enterprise", []),
        # one warning per live topic: news (资讯), then online games (游戏), in the table's order
        ("示例游戏资讯站", "enterprise", ["NAME_NEEDS_APPROVAL", "NAME_NEEDS_APPROVAL"]),
    ],
)
def test_wording_doubts_are_warnings(name, entity_type, codes):
    valid, findings = website_name.check(name, context=Context(entity_type=entity_type))
    assert valid == website_name.compact(name)
    assert [f.code for f in findings] == codes
    assert all(f.severity == "warning" for f in findings)


def test_approval_warnings_name_each_topic_once_with_its_words():
    _, findings = website_name.check("示例游戏视频电影站")
    assert [f.code for f in findings] == ["NAME_NEEDS_APPROVAL", "NAME_NEEDS_APPROVAL"]
    film, games = (f.message for f in findings)
    assert film["en"].count("radio, film and TV programmes") == 1 and "网络游戏" not in film["zh"]
    assert "“视频、电影”" in film["zh"] and "《信息网络传播视听节目许可证》" in film["zh"]
    assert "网络游戏" in games["zh"] and "中共中央宣传部出版局" in games["zh"]
    assert ", " not in film["zh"]


def test_personal_words_are_named():
    _, findings = website_name.check("小明的技术博客", context=Context(entity_type="individual"))
    assert findings[0].message == {
        "en": "A personal website's name should not look commercial or institutional, nor use 博客.",
        "zh": "个人网站的名称不宜带有企业或机构色彩，也应避免使用“博客”。",
    }


def test_reserved_prefix_is_named():
    _, findings = website_name.check("中国示例网", context=Context(entity_type="enterprise"))
    assert findings[0].message["zh"] == "只有国家机关等单位可以用“中国”作为网站名称的开头。"


@pytest.mark.parametrize(
    "entity_type, codes",
    [
        ("enterprise", ["NAME_RESERVED_PREFIX"]),
        (None, ["NAME_RESERVED_PREFIX"]),
        ("government", []),
        ("national-defence", []),
    ],
)
def test_only_national_bodies_may_use_a_reserved_prefix(entity_type, codes):
    assert [f.code for f in website_name.check("中国示例网", context=Context(entity_type=entity_type))[1]] == codes


# --- symbols that NFKC turns into letters (review 2026-12: 例子科技™ became 例子科技TM, 例子科技® an error) -------


def _symbols_nfkc_makes_letters():
    """Every symbol or punctuation character (general category S* or P*) whose NFKC form is letters and digits
    only, by Python's own unicodedata (the Unicode Character Database of this Python, not the checker's code):
    ™ → TM, ℠ → SM, ㍿ → 株式会社, ㎏ → kg, ㋐ → ア … A few hundred; enumerating them all costs ~0.5 s."""
    found = []
    for point in range(0x110000):
        char = chr(point)
        if unicodedata.category(char)[0] in "SP":
            folded = unicodedata.normalize("NFKC", char)
            if folded != char and folded.isalnum():
                found.append(char)
    return found


def test_symbols_nfkc_turns_into_letters_are_symbols_like_the_registered_sign():
    """Source: the Unicode Character Database as Python's unicodedata has it (categories and NFKC). The name
    as typed has a symbol in it, whatever NFKC makes of it: ™ is refused like ®, never silently made TM."""
    found = _symbols_nfkc_makes_letters()
    assert {"™", "℠", "㍿", "㎏"} <= set(found) and len(found) > 100
    for symbol in ["®", "©", *found]:
        with pytest.raises(InvalidFormat) as raised:
            website_name.validate("例子科技" + symbol)
        assert raised.value.code == "NAME_SYMBOLS", symbol


def test_full_width_letters_are_still_letters():
    """Full-width letters are letters (category L*), not symbols: NFKC makes them ASCII, as before."""
    assert website_name.check("例子科技ＴＭ") == ("例子科技TM", [])


# --- line breaks and tabs inside a name -----------------------------------------------------------------------

# The White_Space characters of Unicode's PropList.txt (16.0) that are not spaces (general category Zs):
# CHARACTER TABULATION .. CARRIAGE RETURN, NEXT LINE, LINE SEPARATOR, PARAGRAPH SEPARATOR.
BREAKS = ["\t", "\n", "\x0b", "\x0c", "\r", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", BREAKS)
def test_a_line_break_inside_the_name_is_an_error_that_says_what_and_where(char):
    """Source: Unicode PropList.txt (White_Space) for the characters. A name is one line on the licence, so a
    break inside it cannot be the name filed (it used to become a space, silently)."""
    with pytest.raises(InvalidFormat) as raised:
        website_name.validate(f"示例{char}科技官网")
    assert raised.value.code == "NAME_LINE_BREAK"
    message = raised.value.message
    assert f"U+{ord(char):04X}" in message["en"] and "after '示例'" in message["en"]
    assert f"U+{ord(char):04X}" in message["zh"] and "“示例”" in message["zh"]


def test_check_raises_a_line_break_as_every_kind_raises_its_errors():
    with pytest.raises(InvalidFormat) as raised:
        website_name.check("示例\r\n科技官网", context=Context(entity_type="enterprise"))
    assert raised.value.code == "NAME_LINE_BREAK"
    assert raised.value.message["en"].startswith("The website name contains a line break (U+000D) after '示例'")


@pytest.mark.parametrize("name", [f"{char}示例科技官网{char}" for char in BREAKS] + ["示例\u3000科技", "示例\xa0科技"])
def test_breaks_around_the_name_and_spaces_inside_it_are_fine(name):
    """Surrounding line breaks are stripped; spaces (Zs: U+0020, U+3000, U+00A0) inside a name are spaces."""
    assert website_name.check(name)[1] == []
