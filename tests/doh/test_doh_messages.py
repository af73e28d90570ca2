"""doh.messages: reading requests, tables of valid and invalid inputs."""

from __future__ import annotations

import base64

import dns.message
import dns.name
import dns.opcode
import dns.rdataclass
import dns.rdatatype
import pytest

from doh import messages
from doh.constants import MAX_DNS_PARAM_LENGTH, MAX_MESSAGE_SIZE
from doh.messages import (
    BadBase64,
    BadName,
    ContentTooLarge,
    MalformedMessage,
    MissingParameter,
    NotOneQuestion,
    ParameterTooLong,
    Question,
    SpecialUseName,
    UnsupportedType,
    WrongMediaType,
)

A, AAAA, CNAME = dns.rdatatype.A, dns.rdatatype.AAAA, dns.rdatatype.CNAME


def wire(name: str = "example.test", rdtype: str = "A", **changes: object) -> bytes:
    query = dns.message.make_query(name, rdtype)
    query.id = 0
    for attribute, value in changes.items():
        setattr(query, attribute, value)
    return query.to_wire()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "param, expected",
    [
        (b64(b"\x00\x01\xfe\xff"), b"\x00\x01\xfe\xff"),
        (b64(b"\xfb\xff"), b"\xfb\xff"),  # characters - and _ of the URL-safe alphabet
        (base64.urlsafe_b64encode(b"\x00\x01").decode(), b"\x00\x01"),  # with padding: accepted too
        (b64(wire()), wire()),
    ],
)
def test_decode_dns_param(param, expected):
    assert messages.decode_dns_param(param) == expected


@pytest.mark.parametrize(
    "param, error",
    [
        (None, MissingParameter),
        ("", MissingParameter),
        ("AAE+", BadBase64),  # the standard alphabet, not base64url
        ("AA/x", BadBase64),
        ("A", BadBase64),  # one character is never a whole byte
        ("AA E", BadBase64),
        ("€€€€", BadBase64),
        ("A" * (MAX_DNS_PARAM_LENGTH + 1), ParameterTooLong),
    ],
)
def test_decode_dns_param_refuses(param, error):
    with pytest.raises(error):
        messages.decode_dns_param(param)


def test_the_longest_dns_param_is_a_full_size_message():
    assert len(messages.decode_dns_param(b64(bytes(MAX_MESSAGE_SIZE)))) == MAX_MESSAGE_SIZE


@pytest.mark.parametrize(
    "content_type",
    [
        "application/dns-message",
        "Application/DNS-Message",
        "application/dns-message; charset=binary",
    ],
)
def test_check_media_type(content_type):
    messages.check_media_type(content_type)


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "",
        "application/json",
        "application/dns-json",
        "text/plain",
        "application/dns-message-x",
        "application/x-www-form-urlencoded",
    ],
)
def test_check_media_type_refuses(content_type):
    with pytest.raises(WrongMediaType):
        messages.check_media_type(content_type)


@pytest.mark.parametrize("length", [None, "", "0", "33", str(MAX_MESSAGE_SIZE), "junk"])
def test_check_content_length(length):
    messages.check_content_length(length)  # a junk length is the HTTP server's business, not a size


@pytest.mark.parametrize("length", [str(MAX_MESSAGE_SIZE + 1), "100000", "9" * 40])
def test_check_content_length_refuses(length):
    with pytest.raises(ContentTooLarge):
        messages.check_content_length(length)


@pytest.mark.parametrize(
    "data, question",
    [
        (wire(), Question("example.test", A)),
        (wire("WWW.Example.TEST.", "AAAA"), Question("www.example.test", AAAA)),
        (wire("example.test", "CNAME"), Question("example.test", CNAME)),
        (wire("xn--fsqu00a.xn--fiqs8s"), Question("xn--fsqu00a.xn--fiqs8s", A)),
    ],
)
def test_parse_query_and_its_question(data, question):
    assert messages.wire_question(messages.parse_query(data)) == question


def test_parse_query_keeps_the_id_and_edns_of_the_client():
    query = dns.message.make_query("example.test", "A", use_edns=0, payload=4096)
    query.id = 4242
    parsed = messages.parse_query(query.to_wire())
    assert (parsed.id, parsed.edns, parsed.payload) == (4242, 0, 4096)


def _two_questions() -> bytes:
    query = dns.message.make_query("example.test", "A")
    query.question.append(dns.message.make_query("example.test", "AAAA").question[0])
    return query.to_wire()


def _response() -> bytes:
    return dns.message.make_response(dns.message.make_query("example.test", "A")).to_wire()


def _notify() -> bytes:
    query = dns.message.make_query("example.test", "SOA")
    query.set_opcode(dns.opcode.NOTIFY)
    return query.to_wire()


@pytest.mark.parametrize(
    "data, error",
    [
        (b"", MalformedMessage),
        (b"\x00" * 11, MalformedMessage),  # shorter than a header
        (wire()[:-3], MalformedMessage),  # truncated in the question
        (wire() + b"junk", MalformedMessage),  # trailing bytes
        (b"\xff" * 40, MalformedMessage),
        (_response(), MalformedMessage),
        (_notify(), MalformedMessage),
        (bytes(12), NotOneQuestion),  # a valid header, zero questions
        (_two_questions(), NotOneQuestion),
        (bytes(MAX_MESSAGE_SIZE + 1), ContentTooLarge),
    ],
    ids=[
        "empty",
        "short-header",
        "truncated",
        "trailing-bytes",
        "junk",
        "a-response",
        "notify",
        "no-question",
        "two-questions",
        "too-large",
    ],
)  # named: the messages carry random ids, and test ids must not vary
def test_parse_query_refuses(data, error):
    with pytest.raises(error):
        messages.parse_query(data)


@pytest.mark.parametrize(
    "name, rdtype, error",
    [
        ("example.test", "MX", UnsupportedType),
        ("example.test", "TXT", UnsupportedType),
        ("example.test", "ANY", UnsupportedType),
        ("example.test", "TYPE65280", UnsupportedType),
        (".", "A", BadName),
        ("bad_name.test", "A", BadName),
        ("-bad.test", "A", BadName),
    ],
)
def test_wire_question_refuses(name, rdtype, error):
    with pytest.raises(error):
        messages.wire_question(messages.parse_query(wire(name, rdtype)))


def test_wire_question_refuses_another_class():
    query = dns.message.make_query("example.test", "A", rdclass=dns.rdataclass.CH)
    with pytest.raises(UnsupportedType):
        messages.wire_question(messages.parse_query(query.to_wire()))


def test_wire_question_refuses_a_name_with_a_dot_inside_a_label():
    query = dns.message.make_query(dns.name.Name([b"a.b", b"test", b""]), "A")
    with pytest.raises(BadName):
        messages.wire_question(messages.parse_query(query.to_wire()))


@pytest.mark.parametrize(
    "name, rdtype, question",
    [
        ("example.test", None, Question("example.test", A)),
        ("example.test", "", Question("example.test", A)),
        ("example.test.", "A", Question("example.test", A)),
        ("Example.TEST", "aaaa", Question("example.test", AAAA)),
        ("example.test", "1", Question("example.test", A)),
        ("example.test", "28", Question("example.test", AAAA)),
        ("example.test", "5", Question("example.test", CNAME)),
        ("example.test", "cname", Question("example.test", CNAME)),
        ("例子.中国", "A", Question("xn--fsqu00a.xn--fiqs8s", A)),
        ("a" * 63 + ".test", "A", Question("a" * 63 + ".test", A)),
    ],
)
def test_json_question(name, rdtype, question):
    assert messages.json_question(name, rdtype) == question


@pytest.mark.parametrize(
    "name, rdtype, error",
    [
        (None, "A", MissingParameter),
        ("", "A", MissingParameter),
        ("example.test", "MX", UnsupportedType),
        ("example.test", "15", UnsupportedType),
        ("example.test", "bogus", UnsupportedType),
        ("example.test", "99999", UnsupportedType),
        ("example.test", "١", UnsupportedType),  # an Arabic-Indic digit one: not a type number
        ("example.test", "-1", UnsupportedType),
        ("a" * 250 + ".test", "A", BadName),  # too long
        ("a..test", "A", BadName),  # an empty label
        ("bad_name.test", "A", BadName),
        ("exa mple.test", "A", BadName),
        ("https://example.test/path", "A", BadName),  # a URL, not a name
        ("example.test/path", "A", BadName),
        ("example.test:443", "A", BadName),
        ("user@example.test", "A", BadName),
        (".", "A", BadName),
        ("x" * 100_000, "A", BadName),
        ("localhost", "A", SpecialUseName),  # a well-formed name, but none of a website (test_doh_special_names)
    ],
)
def test_json_question_refuses(name, rdtype, error):
    with pytest.raises(error):
        messages.json_question(name, rdtype)


def test_errors_have_a_short_message_and_a_detail():
    with pytest.raises(BadName) as caught:
        messages.json_question("bad_name.test", "A")
    assert caught.value.short == "not a valid host name"
    assert "bad_name" in caught.value.detail
