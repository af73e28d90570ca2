import pytest

from checker import email
from checker.exceptions import InvalidFormat


@pytest.mark.parametrize("typed, expected", [
    ("zhangsan@example.com", "zhangsan@example.com"),
    (" Zhang.San@Example.COM ", "Zhang.San@example.com"),
    ("12345678@qq.com", "12345678@qq.com"),
    ("a+b@mail.example.com.cn", "a+b@mail.example.com.cn"),
    ("admin@例子.中国", "admin@xn--fsqu00a.xn--fiqs8s"),
    ("ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "zhang@example.com"),
])
def test_valid(typed, expected):
    assert email.check(typed) == (expected, [])


@pytest.mark.parametrize("typed", ["zhangsan", "@example.com", "zhang@", "zhang san@example.com",
                                   "zhang..san@example.com", ".zhang@example.com", "zhang@example",
                                   "zhang@-example.com", "zhang@example.com/x", "张三@example.com"])
def test_invalid(typed):
    with pytest.raises(InvalidFormat):
        email.validate(typed)


@pytest.mark.parametrize("typed, meant", [("12345@qq.con", "qq.com"), ("li@gmial.com", "gmail.com")])
def test_misspelt_mail_domains_are_warnings(typed, meant):
    _, findings = email.check(typed)
    assert [f.code for f in findings] == ["EMAIL_DOMAIN_TYPO"]
    assert meant in findings[0].message["en"]
