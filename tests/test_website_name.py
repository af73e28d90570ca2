import pytest

from checker import website_name
from checker.exceptions import InvalidFormat, InvalidLength


@pytest.mark.parametrize("name, expected", [
    ("示例科技官网", "示例科技官网"),
    ("  示例   科技  ", "示例 科技"),
    ("我的 Blog 空间", "我的 Blog 空间"),
    ("Ａｂｃ测试", "Abc测试"),
    ("小明的摄影作品", "小明的摄影作品"),
])
def test_valid(name, expected):
    assert website_name.check(name) == (expected, [])


@pytest.mark.parametrize("name, error, code", [
    ("示例", InvalidLength, "NAME_LENGTH"),
    ("123456", InvalidFormat, "NAME_DIGITS_ONLY"),
    ("Hello World", InvalidFormat, "NAME_LATIN_ONLY"),
    ("example.com", InvalidFormat, "NAME_IS_DOMAIN"),
    ("www.例子.com", InvalidFormat, "NAME_SYMBOLS"),
    ("示例·科技", InvalidFormat, "NAME_SYMBOLS"),
    ("示例科技!", InvalidFormat, "NAME_SYMBOLS"),
])
def test_invalid(name, error, code):
    with pytest.raises(error) as raised:
        website_name.validate(name)
    assert raised.value.code == code


@pytest.mark.parametrize("name, entity_type, codes", [
    ("中国示例网", "enterprise", ["NAME_RESERVED_PREFIX"]),
    ("国家示例中心", None, ["NAME_RESERVED_PREFIX"]),
    ("小明的技术博客", "individual", ["NAME_PERSONAL_WORD"]),
    ("小明的技术博客", "enterprise", []),
    ("示例科技有限公司官网", "individual", ["NAME_PERSONAL_WORD"]),
    ("示例在线教育平台", "enterprise", ["NAME_NEEDS_APPROVAL"]),
    ("示例游戏资讯站", "enterprise", ["NAME_NEEDS_APPROVAL"]),
])
def test_wording_doubts_are_warnings(name, entity_type, codes):
    valid, findings = website_name.check(name, entity_type=entity_type)
    assert valid == website_name.compact(name)
    assert [f.code for f in findings] == codes
    assert all(f.severity == "warning" for f in findings)


def test_approval_warning_names_each_topic_once():
    _, findings = website_name.check("示例游戏视频电影站")
    assert findings[0].message["en"].count("radio, film and TV") == 1
    assert "网络游戏" in findings[0].message["zh"]
    assert "、" not in findings[0].message["en"] and ", " not in findings[0].message["zh"]


def test_personal_words_are_named():
    _, findings = website_name.check("小明的技术博客", entity_type="individual")
    assert findings[0].message == {
        "en": "A personal website's name should not look commercial or institutional, nor use 博客.",
        "zh": "个人网站的名称不宜带有企业或机构色彩，也应避免使用“博客”。"}


def test_reserved_prefix_is_named():
    _, findings = website_name.check("中国示例网", entity_type="enterprise")
    assert findings[0].message["zh"] == "只有国家机关等单位可以用“中国”作为网站名称的开头。"


@pytest.mark.parametrize("entity_type, codes", [
    ("enterprise", ["NAME_RESERVED_PREFIX"]), (None, ["NAME_RESERVED_PREFIX"]),
    ("government", []), ("national-defence", []),
])
def test_only_national_bodies_may_use_a_reserved_prefix(entity_type, codes):
    assert [f.code for f in website_name.check("中国示例网", entity_type=entity_type)[1]] == codes
