import pytest
from examples import EXAMPLES
from hypothesis import given, settings, strategies as st

from checker import _tables, domain
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength


@pytest.mark.parametrize("typed, registered, shown", [
    ("example.com", "example.com", "example.com"),
    ("WWW.EXAMPLE.COM.", "example.com", "example.com"),
    ("https://shop.example.com.cn:8443/about?x=1#top", "example.com.cn", "example.com.cn"),
    ("a.b.example.gd.cn", "example.gd.cn", "example.gd.cn"),
    ("例子.中国", "xn--fsqu00a.xn--fiqs8s", "例子.中国"),
    ("xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s", "例子.中国"),
    ("www.例子。公司", "xn--fsqu00a.xn--55qx5d", "例子.公司"),
    ("ＥＸＡＭＰＬＥ．ＣＯＭ", "example.com", "example.com"),
    ("example.政务.cn", "example.xn--zfr164b.cn", "example.政务.cn"),
])
def test_registered_domain(typed, registered, shown):
    assert domain.validate(typed) == registered
    assert domain.format(typed) == shown


def test_a_subdomain_is_reduced_with_a_note():
    _, findings = domain.check("blog.example.com")
    assert [(f.code, f.severity) for f in findings] == [("DOMAIN_REDUCED", "info")]
    assert "example.com" in findings[0].message["zh"]
    assert findings == [Finding("DOMAIN_REDUCED", domain="example.com")]


def test_an_unlisted_suffix_is_a_warning_never_an_error():
    registered, findings = domain.check("example.io")
    assert registered == "example.io"
    assert [(f.code, f.severity) for f in findings] == [("DOMAIN_SUFFIX_UNLISTED", "warning")]
    assert findings[0].message["en"].startswith(".io is not on the 2020 list")


@pytest.mark.parametrize("typed, error, code", [
    ("", InvalidFormat, "DOMAIN_EMPTY"),
    ("example", InvalidComponent, "DOMAIN_NO_SUFFIX"),
    ("-example.com", InvalidFormat, "DOMAIN_LABEL"),
    ("example-.com", InvalidFormat, "DOMAIN_LABEL"),
    ("exa_mple.com", InvalidFormat, "DOMAIN_LABEL"),
    ("a" * 64 + ".com", InvalidFormat, "DOMAIN_LABEL"),
    (("a" * 63 + ".") * 4 + "com", InvalidLength, "DOMAIN_LENGTH"),
    ("192.168.1.1", InvalidFormat, "DOMAIN_IP"),
    ("xn--zz.com", InvalidFormat, "DOMAIN_PUNYCODE"),
])
def test_invalid(typed, error, code):
    with pytest.raises(error) as raised:
        domain.validate(typed)
    assert raised.value.code == code


def test_a_bad_label_is_quoted():
    with pytest.raises(InvalidFormat) as raised:
        domain.validate("exa_mple.com")
    assert raised.value.message["zh"].startswith("“exa_mple”不是有效的域名片段")


def test_the_suffix_list_has_the_shared_157():
    suffixes = _tables.filing_suffixes()
    assert len(suffixes) == 157 and {"com", "cn", "com.cn", "gd.cn", "中国", "公益.cn"} <= suffixes


# A label: letters and digits, hyphens inside, at most 22 characters, no "--" at 3–4 (reserved for xn-- and the
# like). One text draw, mended into a label: hypothesis's from_regex made this test the slowest of the suite (51 s).
_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


def _as_label(text: str) -> str:
    text = text.strip("-") or "a"
    return text[:2] + "x" + text[3:] if text[2:4] == "--" else text


_label = st.text(_ALNUM + "-", min_size=1, max_size=22).map(_as_label)


@settings(max_examples=EXAMPLES)
@given(_label, st.sampled_from(sorted(_tables.filing_suffixes())), st.lists(_label, max_size=3))
def test_any_name_on_a_listed_suffix_reduces_to_its_registered_domain(label, suffix, subdomains):
    registered = domain.to_ascii(f"{label}.{suffix}")
    typed = ".".join([*subdomains, label, suffix])
    if label.isdigit() and all(part.isdigit() for part in suffix.split(".")):
        return
    if f"{label}.{suffix}" in _tables.filing_suffixes():
        return  # jx.cn is itself a suffix (a province zone): 0.jx.cn is the registered domain, rightly
    assert domain.validate(typed) == registered
    assert [f.code for f in domain.check(registered)[1]] == []


# --- any DNS name (the DoH endpoint's and the access check's names): the same label rules, nothing stripped ---

@pytest.mark.parametrize("name, ascii_name", [
    ("example.com", "example.com"),
    ("WWW.Example.COM.", "www.example.com"),
    ("localhost", "localhost"),
    ("cdn-1.edge.example.test", "cdn-1.edge.example.test"),
    ("www.例子.中国", "www.xn--fsqu00a.xn--fiqs8s"),
    ("a" * 63 + ".com", "a" * 63 + ".com"),
    (".".join(["a" * 63] * 3 + ["b" * 61]), ".".join(["a" * 63] * 3 + ["b" * 61])),   # 253 characters
])
def test_a_host_name(name, ascii_name):
    assert domain.host_name(name) == ascii_name


@pytest.mark.parametrize("name, error, code", [
    ("", InvalidFormat, "DOMAIN_EMPTY"),
    (".", InvalidFormat, "DOMAIN_EMPTY"),
    ("example..com", InvalidFormat, "DOMAIN_LABEL"),
    ("-example.com", InvalidFormat, "DOMAIN_LABEL"),
    ("a" * 64 + ".com", InvalidFormat, "DOMAIN_LABEL"),
    (".".join(["a" * 63] * 4), InvalidLength, "DOMAIN_LENGTH"),
    ("x" * 1_000_000, InvalidLength, "DOMAIN_LENGTH"),
    ("https://example.com", InvalidFormat, "DOMAIN_LABEL"),
    ("example.com/path", InvalidFormat, "DOMAIN_LABEL"),
    ("example.com:443", InvalidFormat, "DOMAIN_LABEL"),
    ("under_score.example.com", InvalidFormat, "DOMAIN_LABEL"),
    ("exa mple.com", InvalidFormat, "DOMAIN_LABEL"),
    ("xn--zz.com", InvalidFormat, "DOMAIN_PUNYCODE"),
])
def test_not_a_host_name(name, error, code):
    with pytest.raises(error) as raised:
        domain.host_name(name)
    assert raised.value.code == code
