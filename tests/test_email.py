import pytest

from checker import email
from checker.exceptions import Finding, InvalidFormat


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("zhangsan@example.com", "zhangsan@example.com"),
        (" Zhang.San@Example.COM ", "Zhang.San@example.com"),
        ("12345678@qq.com", "12345678@qq.com"),
        ("a+b@mail.example.com.cn", "a+b@mail.example.com.cn"),
        ("admin@例子.中国", "admin@xn--fsqu00a.xn--fiqs8s"),
        ("ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "zhang@example.com"),
    ],
)
def test_valid(typed, expected):
    assert email.check(typed) == (expected, [])


@pytest.mark.parametrize(
    "typed, code",
    [
        # RFC 5322 §3.4.1: an addr-spec is local-part "@" domain, neither empty
        ("zhangsan", "EMAIL_FORMAT"),
        ("@example.com", "EMAIL_FORMAT"),
        ("zhang@", "EMAIL_FORMAT"),
        # RFC 5322 §3.2.3 dot-atom: no space, no leading or doubled dot (outside quotes, which filers do not use)
        ("zhang san@example.com", "EMAIL_LOCAL"),
        ("zhang..san@example.com", "EMAIL_LOCAL"),
        (".zhang@example.com", "EMAIL_LOCAL"),
        ("zhang，san@example.com", "EMAIL_LOCAL"),
        ("张三。@example.com", "EMAIL_LOCAL"),
        # RFC 1035 §2.3.1 / RFC 5321 §4.1.2: a domain of LDH labels; a suffix (checker.domain)
        ("zhang@example", "EMAIL_DOMAIN_INVALID"),
        ("zhang@-example.com", "EMAIL_DOMAIN_INVALID"),
        ("zhang@example.com/x", "EMAIL_DOMAIN"),  # a web address after the @
        # idna 3.20 (UTS #46 with STD3 rules) refuses U+2488 DIGIT ONE FULL STOP; NFKC would have made it "1."
        ("zhang@⒈example.com", "EMAIL_DOMAIN_INVALID"),
    ],
)
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
    assert raised.value.message == {
        "en": "The part after @ is a domain name, such as example.com.",
        "zh": "@ 后应为域名，例如 example.com。",
    }


def test_an_invalid_domain_says_why_in_each_language():
    with pytest.raises(InvalidFormat) as raised:
        email.validate("zhang@example")
    assert raised.value.code == "EMAIL_DOMAIN_INVALID"
    assert raised.value.message == {
        "en": "The part after @ is not a valid domain: A domain name has a suffix, such as .com or .cn.",
        "zh": "@ 后的域名无效：域名须带后缀，例如 .com 或 .cn。",
    }


@pytest.mark.parametrize("typed, meant", [("12345@qq.con", "qq.com"), ("li@gmial.com", "gmail.com")])
def test_misspelt_mail_domains_are_warnings(typed, meant):
    _, findings = email.check(typed)
    assert [f.code for f in findings] == ["EMAIL_DOMAIN_TYPO"]
    assert meant in findings[0].message["en"]
    assert findings == [Finding("EMAIL_DOMAIN_TYPO", meant=meant, typed=typed.rpartition("@")[2])]
    assert findings[0].severity == "warning"


def test_typo_wording():
    _, findings = email.check("12345@qq.con")
    assert findings[0].message == {
        "en": "Did you mean @qq.com? Mail to @qq.con does not arrive.",
        "zh": "是否应为 @qq.com？发往 @qq.con 的邮件无法送达。",
    }


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("张三@example.com", "张三@example.com"),
        ("张三@例子.中国", "张三@xn--fsqu00a.xn--fiqs8s"),
        ("用户.名@example.cn", "用户.名@example.cn"),
        ("zhang张@example.com", "zhang张@example.com"),
        ("θσερ@example.com", "θσερ@example.com"),
    ],
)
def test_a_local_part_in_another_script_is_genuine_and_a_warning(typed, expected):
    """RFC 6531 §3.3 (SMTP Extension for Internationalized Email) extends RFC 5322's atext with UTF8-non-ascii:
    ``张三@example.com`` is a genuine address (this was an error, EMAIL_LOCAL, before). Whether a provider's filing
    system and mail server take it is not known: a warning that says so."""
    assert email.check(typed) == (expected, [Finding("EMAIL_LOCAL_UNICODE")])
    assert email.check(typed)[1][0].severity == "warning"


@pytest.mark.parametrize(
    "typed", ["zhang＠example.com", "zhang﹫example.com", "zhang@ＥＸＡＭＰＬＥ．ＣＯＭ", "zhang@EXAMPLE。COM"]
)
def test_full_width_at_signs_and_domains_are_read(typed):
    """The domain is mapped as UTS #46 maps it (idna 3.20 gives example.com for each of these domains); the
    full-width and small commercial at are the @ typed with a Chinese input method."""
    import idna

    host = typed.replace("＠", "@").replace("﹫", "@").rpartition("@")[2]
    assert idna.encode(host, uts46=True).decode() == "example.com"
    assert email.check(typed) == ("zhang@example.com", [])
