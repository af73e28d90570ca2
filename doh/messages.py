"""Reading requests: pure functions from what the client sent to one question, or a small exception.

    RequestError                  the request cannot be answered as asked
     +-- MissingParameter         no ``dns`` or ``name`` parameter
     +-- BadBase64                ``dns`` is not base64url
     +-- MalformedMessage         not a DNS query: unparsable, truncated, a response, another opcode
     +-- NotOneQuestion           a query must ask exactly one question
     +-- BadName                  the name breaks the checker's host name rules
     +-- SpecialUseName           a name no website has: a single label, localhost, .local, .internal …
     +-- UnsupportedType          a type other than A, AAAA and CNAME, or a class other than IN
     +-- ParameterTooLong         a ``dns`` parameter longer than any query
     +-- ContentTooLarge          a body longer than any query
     +-- WrongMediaType           a POST body that is not ``application/dns-message``

Each exception has a short message for clients and the detail behind it for debug mode; which HTTP status each
one gets is the HTTP layer's business (`doh.app`).
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
from typing import NamedTuple

import dns.exception
import dns.flags
import dns.message
import dns.opcode
import dns.rdataclass
import dns.rdatatype

from checker.domain import host_name
from checker.exceptions import ValidationError
from doh.constants import (
    DEFAULT_TYPE,
    DNS_MESSAGE,
    MAX_DNS_PARAM_LENGTH,
    MAX_MESSAGE_SIZE,
    SINGLE_LABEL_RULE,
    SPECIAL_USE_SUFFIXES,
    SUPPORTED_TYPES,
)

_BASE64URL = re.compile(r"[A-Za-z0-9_-]*={0,2}")


class RequestError(Exception):
    """The request cannot be answered as asked."""

    short = "bad request"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.short)
        self.detail = detail or self.short


class MissingParameter(RequestError):
    short = "missing parameter"


class BadBase64(RequestError):
    short = "the dns parameter is not base64url"


class MalformedMessage(RequestError):
    short = "not a DNS query"


class NotOneQuestion(RequestError):
    short = "a query must have exactly one question"


class BadName(RequestError):
    short = "not a valid host name"


class SpecialUseName(RequestError):
    short = "not a public host name"


class UnsupportedType(RequestError):
    short = "only A, AAAA and CNAME queries are answered"


class ParameterTooLong(RequestError):
    short = "the dns parameter is too long"


class ContentTooLarge(RequestError):
    short = "the body is too large"


class WrongMediaType(RequestError):
    short = f"the body must be {DNS_MESSAGE}"


class Question(NamedTuple):
    """What is asked: a host name in lower-case ASCII without the final dot, and a record type."""

    name: str
    rdtype: dns.rdatatype.RdataType


def decode_dns_param(value: str | None) -> bytes:
    """The DNS message in a GET request's ``dns`` parameter (base64url, padding optional)."""
    if not value:
        raise MissingParameter("the dns parameter is missing")
    if len(value) > MAX_DNS_PARAM_LENGTH:
        raise ParameterTooLong(f"{len(value)} characters, at most {MAX_DNS_PARAM_LENGTH}")
    # Checked first: the decoder would take the standard alphabet's + and / as well, and silently drop junk.
    if not _BASE64URL.fullmatch(value):
        raise BadBase64("a character outside base64url")
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except binascii.Error as error:
        raise BadBase64(str(error)) from None


def check_media_type(content_type: str | None) -> None:
    """Refuse a POST body that is not a DNS message (parameters such as ``; charset`` are ignored)."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != DNS_MESSAGE:
        raise WrongMediaType(f"got {content_type!r}")


def check_content_length(content_length: str | None) -> None:
    """Refuse a body announced as larger than any query before reading it."""
    if content_length and re.fullmatch(r"[0-9]+", content_length) and int(content_length) > MAX_MESSAGE_SIZE:
        raise ContentTooLarge(f"{content_length} bytes, at most {MAX_MESSAGE_SIZE}")


# Clients should all send ID 0 (RFC 8484 §4.1), so the same few queries arrive again and again: parse each once.
# The message returned is shared: callers read it, never change it.
@functools.lru_cache(maxsize=1024)
def parse_query(wire: bytes) -> dns.message.Message:
    """A DNS query message from its wire format."""
    if len(wire) > MAX_MESSAGE_SIZE:
        raise ContentTooLarge(f"{len(wire)} bytes, at most {MAX_MESSAGE_SIZE}")
    try:
        query = dns.message.from_wire(wire)
    except (dns.exception.DNSException, ValueError) as error:
        raise MalformedMessage(f"{type(error).__name__}: {error}") from None
    if query.flags & dns.flags.QR:
        raise MalformedMessage("the message is a response")
    if query.opcode() != dns.opcode.QUERY:
        raise MalformedMessage(f"opcode {dns.opcode.to_text(query.opcode())}")
    if len(query.question) != 1:
        raise NotOneQuestion(f"{len(query.question)} questions")
    return query


def wire_question(query: dns.message.Message) -> Question:
    """The one question of a parsed query, checked: the name's form first (a bad name is a bad request whatever it
    asks), then the type, then whether the name is one to answer for (`refuse_special_use`)."""
    (rrset,) = query.question
    name = checked_name(rrset.name.to_text(omit_final_dot=True))
    if rrset.rdclass != dns.rdataclass.IN or rrset.rdtype not in SUPPORTED_TYPES:
        raise UnsupportedType(
            f"class {dns.rdataclass.to_text(rrset.rdclass)}, type {dns.rdatatype.to_text(rrset.rdtype)}"
        )
    return refuse_special_use(Question(name, rrset.rdtype))


def json_question(name: str | None, rdtype: str | None) -> Question:
    """The question of a JSON API request: ``name``, and ``type`` as a number or mnemonic (default A)."""
    if not name:
        raise MissingParameter("the name parameter is missing")
    return refuse_special_use(Question(checked_name(name), parse_type(rdtype)))


def refuse_special_use(question: Question) -> Question:
    """The question, unless its name is one that no website has and that only a private network answers: a single
    label, or a name under a special-use suffix (`doh.constants.SPECIAL_USE_SUFFIXES`). Asked of the machine's own
    resolver, such names would disclose internal records (a cluster's services, a cloud's metadata server) to
    anyone on the internet. The name is already in lower-case ASCII without the final dot (`checked_name`)."""
    name = question.name
    if "." not in name:
        raise SpecialUseName(f"{name}: {SINGLE_LABEL_RULE}")
    labels = name.split(".")
    for start in range(len(labels)):  # the longest suffix first: home.arpa before arpa
        suffix = ".".join(labels[start:])
        if suffix in SPECIAL_USE_SUFFIXES:
            raise SpecialUseName(f"{name} is in {suffix}.: {SPECIAL_USE_SUFFIXES[suffix]}")
    return question


def checked_name(name: str) -> str:
    """The name in lower-case ASCII without the final dot, by the checker's own host name rules."""
    try:
        return host_name(name)
    except ValidationError as error:
        raise BadName(f"{error.code}: {error}") from None


def parse_type(text: str | None) -> dns.rdatatype.RdataType:
    """A supported record type from ``28``, ``AAAA`` or ``aaaa``; A when absent."""
    if not text:
        return DEFAULT_TYPE
    try:
        rdtype = dns.rdatatype.RdataType.make(int(text) if re.fullmatch(r"[0-9]{1,5}", text) else text.upper())
    except (ValueError, dns.exception.DNSException):
        raise UnsupportedType(f"unknown type {text[:20]!r}") from None
    if rdtype not in SUPPORTED_TYPES:
        raise UnsupportedType(f"type {dns.rdatatype.to_text(rdtype)}")
    return rdtype
