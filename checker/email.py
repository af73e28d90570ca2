"""E-mail addresses of the persons in charge.

``local@domain``: a local part of 1–64 characters with no spaces (RFC 5322's dot-atom) and a domain of at
least two labels, read as checker.domain reads a domain (Chinese domains accepted, compared in ``xn--`` form;
full-width forms mapped as UTS #46 maps them). A local part in Chinese or another script (``张三@example.cn``)
is a genuine address (RFC 6531, internationalised e-mail) that not every mail server and filing system takes:
a warning. Common misspellings of the big mail domains (``qq.con``, ``163.cm``, ``gmial.com``) are warnings
too: the address is valid, but mail to it is lost.

>>> validate(' Zhang.San@Example.COM ')
'Zhang.San@example.com'
>>> check('12345@qq.con')[1][0].code
'EMAIL_DOMAIN_TYPO'
>>> check('张三@例子.中国')
('张三@xn--fsqu00a.xn--fiqs8s', [Finding('EMAIL_LOCAL_UNICODE')])
"""

from __future__ import annotations

import re
import unicodedata

from checker import domain as domains
from checker._face import NO_CONTEXT, Context, yes_or_no
from checker._text import require_text
from checker.exceptions import Finding, InvalidFormat, InvalidLength, ValidationError

_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}")
_AT_SIGNS = str.maketrans({"＠": "@", "﹫": "@"})  # full-width and small commercial at
# Misspellings seen in practice → the domain meant.
TYPOS = {
    "qq.con": "qq.com",
    "qq.cm": "qq.com",
    "qq.co": "qq.com",
    "qq.om": "qq.com",
    "163.con": "163.com",
    "163.cm": "163.com",
    "163.co": "163.com",
    "126.con": "126.com",
    "126.cm": "126.com",
    "sina.con": "sina.com",
    "sina.cm": "sina.com",
    "foxmail.con": "foxmail.com",
    "aliyun.con": "aliyun.com",
    "gmial.com": "gmail.com",
    "gmai.com": "gmail.com",
    "gmail.con": "gmail.com",
    "hotmial.com": "hotmail.com",
    "outlook.con": "outlook.com",
    "139.con": "139.com",
}


def compact(address: str) -> str:
    """The address without surrounding spaces, its local part NFKC-normalised (full-width letters made ASCII), its
    domain as people read it (mapped as checker.domain maps a domain; as typed, lower-case, when it is not one)."""
    text = require_text(address, "EMAIL_HIDDEN_CHARACTER").strip()
    local, at, host = text.translate(_AT_SIGNS).rpartition("@")
    if not at:
        return text
    host = host.strip()
    try:
        # Not what checker.domain strips from a typed web address (scheme, path, port): validate() refuses it.
        host = host.lower() if re.search(r"[/:?#]", host) else domains.to_unicode(host)
    except ValidationError:
        host = host.lower()  # validate() says what is wrong with it
    return f"{unicodedata.normalize('NFKC', local).strip()}@{host}"


def _is_local_part(local: str) -> bool:
    """RFC 5322's dot-atom (no leading, trailing or doubled dot) of at most 64 characters, whose characters are
    the ASCII ones RFC 5322 allows or letters, marks and digits of any script (RFC 6531's UTF-8 local parts; its
    other non-ASCII characters, Chinese punctuation among them, are far likelier typos than genuine)."""
    if local.startswith(".") or local.endswith(".") or ".." in local or len(local) > 64:
        return False
    return all(
        _LOCAL.fullmatch(char) or (not char.isascii() and unicodedata.category(char)[0] in "LMN") for char in local
    )


def validate(address: str) -> str:
    """The address (domain in ASCII form), or a ValidationError."""
    address = compact(address)
    local, at, host = address.rpartition("@")
    if not at or not local or not host:
        raise InvalidFormat("EMAIL_FORMAT")
    if len(address) > 254:
        raise InvalidLength("EMAIL_LENGTH")
    if not _is_local_part(local):
        raise InvalidFormat("EMAIL_LOCAL")
    if re.search(r"[/:?#]", host):
        raise InvalidFormat("EMAIL_DOMAIN")
    try:
        ascii_host = domains.to_ascii(host)
        domains.validate(ascii_host)
    except ValidationError as error:
        raise InvalidFormat("EMAIL_DOMAIN_INVALID", reason=error.message) from None
    return f"{local}@{ascii_host}"


def check(address: str, *, context: Context = NO_CONTEXT) -> tuple[str, list[Finding]]:
    """Validate, then warn about a local part outside ASCII and a misspelt mail domain."""
    address = validate(address)
    local, _, host = address.rpartition("@")
    findings = [] if local.isascii() else [Finding("EMAIL_LOCAL_UNICODE")]
    if host in TYPOS:
        findings.append(Finding("EMAIL_DOMAIN_TYPO", meant=TYPOS[host], typed=host))
    return address, findings


is_valid = yes_or_no(validate)
format = compact
