"""E-mail addresses of the persons in charge.

``local@domain``: a local part of 1–64 visible ASCII characters (no spaces, no ``@``) and a domain of at
least two labels with the usual label rules (Chinese domains accepted, compared in ``xn--`` form). Common
misspellings of the big mail domains (``qq.con``, ``163.cm``, ``gmial.com``) are warnings: the address is
valid, but mail to it is lost.

>>> validate(' Zhang.San@Example.COM ')
'Zhang.San@example.com'
>>> check('12345@qq.con')[1][0].code
'EMAIL_DOMAIN_TYPO'
"""

from __future__ import annotations

import re
import unicodedata

from checker import domain as domains
from checker._face import yes_or_no
from checker._text import require_text
from checker.exceptions import Finding, InvalidFormat, InvalidLength, ValidationError

_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}")
# Misspellings seen in practice → the domain meant.
TYPOS = {
    "qq.con": "qq.com", "qq.cm": "qq.com", "qq.co": "qq.com", "qq.om": "qq.com",
    "163.con": "163.com", "163.cm": "163.com", "163.co": "163.com", "126.con": "126.com", "126.cm": "126.com",
    "sina.con": "sina.com", "sina.cm": "sina.com", "foxmail.con": "foxmail.com", "aliyun.con": "aliyun.com",
    "gmial.com": "gmail.com", "gmai.com": "gmail.com", "gmail.con": "gmail.com", "hotmial.com": "hotmail.com",
    "outlook.con": "outlook.com", "139.con": "139.com",
}


def compact(address: str) -> str:
    """The address without surrounding spaces, its domain lower-case."""
    require_text(address)
    local, at, host = unicodedata.normalize("NFKC", address).strip().rpartition("@")
    return f"{local}{at}{host.lower()}" if at else address.strip()


def validate(address: str) -> str:
    """The address (domain in ASCII form), or a ValidationError."""
    address = compact(address)
    local, at, host = address.rpartition("@")
    if not at or not local or not host:
        raise InvalidFormat("EMAIL_FORMAT")
    if len(address) > 254:
        raise InvalidLength("EMAIL_LENGTH")
    if not _LOCAL.fullmatch(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        raise InvalidFormat("EMAIL_LOCAL")
    if re.search(r"[/:?#]", host):
        raise InvalidFormat("EMAIL_DOMAIN")
    try:
        ascii_host = domains.to_ascii(host)
        domains.validate(ascii_host)
    except ValidationError as error:
        raise InvalidFormat("EMAIL_DOMAIN_INVALID", reason=error.message) from None
    return f"{local}@{ascii_host}"


def check(address: str) -> tuple[str, list[Finding]]:
    """Validate, then warn about a misspelt mail domain."""
    address = validate(address)
    host = address.rpartition("@")[2]
    if host in TYPOS:
        return address, [Finding("EMAIL_DOMAIN_TYPO", meant=TYPOS[host], typed=host)]
    return address, []


is_valid = yes_or_no(validate)
format = compact
