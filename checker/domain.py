"""Domain names to be filed (备案域名).

Only the registered domain is filed (``example.com``, ``example.com.cn``); its subdomains are covered by the
filing. So what a person pastes — ``https://www.Example.com/path``, ``WWW.EXAMPLE.COM.`` — is reduced to the
registered domain, with a note when a subdomain is dropped (``//example.com``, an address without its scheme,
is read too). The registered domain
is one label plus the longest suffix on the list of suffixes accepted for ICP filing (a provider's published
list of 2020; MIIT approves more over time, so a suffix not on it is a warning to confirm with the provider,
never an error) — and never less than the Public Suffix List's registered domain (its ICANN section, the
registries' own zones: checker/data/public-suffixes.tsv, made by scripts/update_public_suffixes.py), so
``shop.example.com.hk`` is ``example.com.hk``, not ``com.hk``, and two shops there are two domains.

Internationalised (Chinese) domains are accepted in both forms, ``例子.中国`` and ``xn--fsqu00a.xn--fiqs8s``,
and compared in the ``xn--`` form. A name that is not pure ASCII is mapped as UTS #46 maps it (full-width
forms, upper case, ``。`` as a dot) and each of its labels held to IDNA 2008 — code point classes, the
contextual rules, hyphens, combining marks, the Bidi Rule — exactly as the idna package does
(checker._idna); an ``xn--`` label must be the canonical Punycode of such a label. A hidden character (a
zero-width space, a soft hyphen, a joiner, a bidi control …) is an error that names it, even where UTS #46
would silently drop it: the name the filer sees is not the name that would be filed (checker._text). ASCII
labels have 1–63 letters, digits and hyphens (no hyphen first or last), the whole name at most 253 characters.
The registered domain's own label cannot have "--" in its 3rd and 4th positions unless it is an ``xn--``
label: RFC 5890 §2.3.1 reserves such labels, and registries refuse them (RFC 5891 §4.2.3.1); a host name below
it may (``r1---sn-….googlevideo.com``), as the DNS allows.

>>> validate('https://www.Example.com.cn/about')
'example.com.cn'
>>> check('www.example.com')[1][0].code
'DOMAIN_REDUCED'
>>> to_unicode('xn--fsqu00a.xn--fiqs8s')
'例子.中国'
"""

from __future__ import annotations

import functools
import re

from checker import _idna, _tables
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import require_text
from checker.exceptions import Finding, InvalidComponent, InvalidFormat, InvalidLength

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_LDH = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# The most characters of typed text that is not pure ASCII mapped to find a domain in it: far more than any
# address with its path; it bounds the work when a document is pasted into the field.
_TYPED_LIMIT = 4096
_HIDDEN = "DOMAIN_HIDDEN_CHARACTER"


def _mapped(text: str) -> str:
    """Lower-case ASCII as it is; anything else mapped as UTS #46 maps it (full-width forms, ``。`` …)."""
    if text.isascii():
        return text.lower()
    if len(text) > _TYPED_LIMIT:
        raise InvalidLength("DOMAIN_LENGTH")
    return _idna.map_text(text)


def _host(value: str) -> str:
    """The host name in what was typed: no scheme, path, port, user or trailing dot; mapped, lower-case."""
    text = _mapped(require_text(value, _HIDDEN).strip()).strip()
    text = _SCHEME.sub("", text)
    text = text[2:] if text.startswith("//") else text  # a scheme-relative address: //example.com/path
    text = re.split(r"[/?#]", text, maxsplit=1)[0]
    text = text.rsplit("@", 1)[-1]
    text = re.sub(r":[0-9]*$", "", text)
    return text.rstrip(".")


def _to_ascii_label(label: str) -> str:
    """The ``xn--`` form of a mapped label; an ASCII label as it is (an ``xn--`` one checked)."""
    if len(label) > 63:  # too long for DNS whatever it holds (_checked says so for ASCII); no work on it
        if label.isascii() and not label.startswith("xn--"):
            return label
        raise InvalidFormat("DOMAIN_LABEL", label=label)
    if label.isascii():
        if label.startswith("xn--"):
            _idna.decode_alabel(label)
        return label
    _idna.check_label(label)
    return "xn--" + label.encode("punycode").decode("ascii")


def to_ascii(domain: str) -> str:
    """The domain in its ``xn--`` (ASCII) form."""
    return _ascii(require_text(domain, _HIDDEN))


def to_unicode(domain: str) -> str:
    """The domain as people read it (Chinese labels in Chinese)."""
    return _unicode(to_ascii(domain))


# One check converts the same name several times (compact, validate, the suffix): remember recent answers.
@functools.lru_cache(maxsize=1024)
def _ascii(domain: str) -> str:
    return ".".join(_to_ascii_label(label) for label in _host(domain).split("."))


@functools.lru_cache(maxsize=1024)
def _unicode(ascii_name: str) -> str:
    return ".".join(
        label[4:].encode("ascii").decode("punycode") if label.startswith("xn--") else label
        for label in ascii_name.split(".")
    )


def _suffix(unicode_labels: list[str]) -> int:
    """How many trailing labels form the longest filing suffix (0 when none is on the list)."""
    suffixes = _tables.filing_suffixes()
    for size in range(len(unicode_labels) - 1, 0, -1):
        if ".".join(unicode_labels[-size:]) in suffixes:
            return size
    return 0


@functools.lru_cache(maxsize=64)
def _public_rules(tld: str) -> frozenset[str]:
    """The Public Suffix List's rules of two labels or more under one top-level domain (checker/data/
    public-suffixes.tsv, one line a top-level domain: only that line is parsed)."""
    line = _public_lines().get(tld)
    return frozenset(line.split(" ")) if line else frozenset()


@functools.cache
def _public_lines() -> dict[str, str]:
    return dict(row for row in _tables.rows("public-suffixes.tsv"))


def _public_suffix(unicode_labels: list[str]) -> int:
    """How many trailing labels form the public suffix by the Public Suffix List's ICANN rules (an exception
    rule first, then the longest rule, ``*`` matching any one label; a top-level domain at least), never the
    whole name."""
    rules = _public_rules(unicode_labels[-1])
    if not rules:
        return 1
    for size in range(len(unicode_labels), 1, -1):
        if "!" + ".".join(unicode_labels[-size:]) in rules:
            return min(size - 1, len(unicode_labels) - 1)
    for size in range(len(unicode_labels) - 1, 1, -1):
        tail = unicode_labels[-size:]
        if ".".join(tail) in rules or "*." + ".".join(tail[1:]) in rules:
            return size
    return 1


def compact(domain: str) -> str:
    """The registered domain (``example.com.cn``), in ASCII form, from whatever was typed: one label more than
    the longest filing suffix, and never less than what the Public Suffix List calls the registered domain
    (``example.com.hk``, not ``com.hk``, on a suffix the filing list does not have)."""
    ascii_name = to_ascii(domain)
    labels = ascii_name.split(".")
    unicode_labels = to_unicode(ascii_name).split(".")
    keep = max(_suffix(unicode_labels) or 1, _public_suffix(unicode_labels)) + 1
    return ".".join(labels[-keep:])


def _checked(ascii_name: str) -> str:
    """The name, if it is at most 253 characters of labels of letters, digits and hyphens (RFC 1035)."""
    if len(ascii_name) > 253:
        raise InvalidLength("DOMAIN_LENGTH")
    for label in ascii_name.split("."):
        if not _LDH.fullmatch(label):
            raise InvalidFormat("DOMAIN_LABEL", label=label)
    return ascii_name


def validate(domain: str) -> str:
    """The registered domain in ASCII form, or a ValidationError."""
    host = _host(domain)
    if not host:
        raise InvalidFormat("DOMAIN_EMPTY")
    ascii_name = _checked(to_ascii(host))
    if len(ascii_name.split(".")) < 2:
        raise InvalidComponent("DOMAIN_NO_SUFFIX")
    if re.fullmatch(r"[0-9.]+", ascii_name):
        raise InvalidFormat("DOMAIN_IP")
    registered = compact(ascii_name)
    label = registered.split(".", 1)[0]
    if label[2:4] == "--" and not label.startswith("xn--"):
        # RFC 5890 2.3.1: "--" in the 3rd and 4th positions is reserved (only xn--, checked above, is in use);
        # registries refuse to register such a label (RFC 5891 4.2.3.1), though a host name below it may be one.
        raise InvalidFormat("DOMAIN_RESERVED_HYPHENS", label=label)
    return registered


def host_name(name: str) -> str:
    """A DNS host name (any number of labels, no suffix list) in lower-case ASCII form, checked by the same
    label rules as a filed domain (but for the registered label's reserved hyphens: no label here is known to
    be the registered one); a trailing dot is allowed. Unlike `validate`, nothing is stripped: a name with a
    scheme, path or port is invalid. The DoH endpoint and the access check use it for every name they handle.

    >>> host_name('WWW.例子.中国.')
    'www.xn--fsqu00a.xn--fiqs8s'
    >>> host_name('example.com/path')  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    checker.exceptions.InvalidFormat: DOMAIN_LABEL
    """
    if isinstance(name, str) and len(name) > 254:  # before any conversion: a megabyte of text is refused at once
        raise InvalidLength("DOMAIN_LENGTH")
    text = _mapped(require_text(name, _HIDDEN))
    text = text[:-1] if text.endswith(".") else text
    if not text:
        raise InvalidFormat("DOMAIN_EMPTY")
    if len(text) > 253:
        raise InvalidLength("DOMAIN_LENGTH")
    return _checked(".".join(_to_ascii_label(label) for label in text.split(".")))


def check(domain: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then note a reduction to the registered domain and warn about an unlisted suffix."""
    registered = validate(domain)
    findings = []
    if to_ascii(domain) != registered:
        findings.append(Finding("DOMAIN_REDUCED", domain=to_unicode(registered)))
    if not _suffix(to_unicode(registered).split(".")):
        suffix = to_unicode(registered).split(".")[-1]
        findings.append(Finding("DOMAIN_SUFFIX_UNLISTED", suffix=suffix))
    return registered, findings


is_valid = yes_or_no(validate)


def format(domain: str) -> str:
    """The registered domain as people read it (Chinese labels in Chinese)."""
    return to_unicode(compact(domain))
