import pytest

from checker import email
from checker.exceptions import Finding, InvalidFormat


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


@pytest.mark.parametrize("typed, code", [
    # RFC 5322 §3.4.1: an addr-spec is local-part "@" domain, neither empty
    ("zhangsan", "EMAIL_FORMAT"), ("@example.com", "EMAIL_FORMAT"), ("zhang@", "EMAIL_FORMAT"),
    # RFC 5322 §3.2.3 dot-atom: no space, no leading or doubled dot (outside quotes, which filers do not use)
    ("zhang san@example.com", "EMAIL_LOCAL"), ("zhang..san@example.com", "EMAIL_LOCAL"),
    (".zhang@example.com", "EMAIL_LOCAL"), ("张三@example.com", "EMAIL_LOCAL"),
    # RFC 1035 §2.3.1 / RFC 5321 §4.1.2: a domain of LDH labels; a suffix (checker.domain)
    ("zhang@example", "EMAIL_DOMAIN_INVALID"), ("zhang@-example.com", "EMAIL_DOMAIN_INVALID"),
    ("zhang@example.com/x", "EMAIL_DOMAIN"),  # a web address after the @
])
def test_invalid(typed, code):
    """Each malformed address gives the finding that says what is wrong with it, not only some error."""
    with pytest.raises(InvalidFormat) as raised:
        email.validate(typed)
    assert raised.value.code == code
    assert raised.value.message["en"] and raised.value.message["zh"]


def test_a_web_address_after_the_at_sign():
    with pytest.raises(InvalidFormat) as raised:
        email.validate("zhang@example.com/x")
    assert raised.value.code == "EMAIL_DOMAIN"
    assert raised.value.message == {"en": "The part after @ is a domain name, such as example.com.",
                                    "zh": "@ 后应为域名，例如 example.com。"}


def test_an_invalid_domain_says_why_in_each_language():
    with pytest.raises(InvalidFormat) as raised:
        email.validate("zhang@example")
    assert raised.value.code == "EMAIL_DOMAIN_INVALID"
    assert raised.value.message == {"en": "The part after @ is not a valid domain: A domain name has a suffix, such as"
                                          " .com or .cn.",
                                    "zh": "@ 后的域名无效：域名须带后缀，例如 .com 或 .cn。"}


@pytest.mark.parametrize("typed, meant", [("12345@qq.con", "qq.com"), ("li@gmial.com", "gmail.com")])
def test_misspelt_mail_domains_are_warnings(typed, meant):
    _, findings = email.check(typed)
    assert [f.code for f in findings] == ["EMAIL_DOMAIN_TYPO"]
    assert meant in findings[0].message["en"]
    assert findings == [Finding("EMAIL_DOMAIN_TYPO", meant=meant, typed=typed.rpartition("@")[2])]
    assert findings[0].severity == "warning"


def test_typo_wording():
    _, findings = email.check("12345@qq.con")
    assert findings[0].message == {"en": "Did you mean @qq.com? Mail to @qq.con does not arrive.",
                                   "zh": "是否应为 @qq.com？发往 @qq.con 的邮件无法送达。"}
