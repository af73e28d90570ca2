"""doh.answers: how long answers may be reused, and the answer as JSON and as the client's DNS message."""

from __future__ import annotations

import json

import dns.edns
import dns.flags
import dns.message
import dns.rcode
import pytest

from doh import answers
from doh.constants import MAX_NEGATIVE_TTL, MAX_TTL, NEGATIVE_TTL_WITHOUT_SOA
from doh.messages import Question, json_question

SOA = "test. {ttl} IN SOA ns.test. hostmaster.test. 1 1200 180 1209600 {minimum}"


def message(rcode: str = "NOERROR", answer: list[str] = (), authority: list[str] = ()) -> dns.message.Message:
    text = "\n".join(
        [
            "id 1",
            "opcode QUERY",
            f"rcode {rcode}",
            "flags QR RD RA",
            ";QUESTION",
            "example.test. IN A",
            ";ANSWER",
            *answer,
            ";AUTHORITY",
            *authority,
        ]
    )
    return dns.message.from_text(text)


@pytest.mark.parametrize(
    "answer, expected",
    [
        (message(answer=["example.test. 300 IN A 192.0.2.1"]), 300),
        (message(answer=["example.test. 60 IN CNAME a.test.", "a.test. 300 IN A 192.0.2.1"]), 60),
        (message(answer=["example.test. 300 IN A 192.0.2.1", "example.test. 300 IN A 192.0.2.2"]), 300),
        (message(answer=["example.test. 0 IN A 192.0.2.1"]), 0),
        (message(answer=["example.test. 999999 IN A 192.0.2.1"]), MAX_TTL),
        # Negative answers (RFC 2308): the smaller of the SOA's TTL and its MINIMUM, capped; without SOA a default.
        (message("NXDOMAIN", authority=[SOA.format(ttl=900, minimum=60)]), 60),
        (message("NXDOMAIN", authority=[SOA.format(ttl=45, minimum=3600)]), 45),
        (message("NXDOMAIN", authority=[SOA.format(ttl=86400, minimum=86400)]), MAX_NEGATIVE_TTL),
        (message(authority=[SOA.format(ttl=120, minimum=120)]), 120),  # NODATA
        (message("NXDOMAIN"), NEGATIVE_TTL_WITHOUT_SOA),
        (message(), NEGATIVE_TTL_WITHOUT_SOA),
        # An alias to a name that does not exist: the alias's TTL and the negative one.
        (
            message(
                "NXDOMAIN", answer=["example.test. 300 IN CNAME gone.test."], authority=[SOA.format(ttl=50, minimum=50)]
            ),
            50,
        ),
    ],
)
def test_lifetime(answer, expected):
    assert answers.lifetime(answer) == expected


def test_json_has_google_and_cloudflare_fields():
    answer = message(answer=["example.test. 300 IN CNAME a.test.", "a.test. 120 IN A 192.0.2.1"])
    body = json.loads(answers.to_json(json_question("Example.test", "A"), answer, age=0))
    assert body == {
        "Status": 0,
        "TC": False,
        "RD": True,
        "RA": True,
        "AD": False,
        "CD": False,
        "Question": [{"name": "example.test.", "type": 1}],
        "Answer": [
            {"name": "example.test.", "type": 5, "TTL": 300, "data": "a.test."},
            {"name": "a.test.", "type": 1, "TTL": 120, "data": "192.0.2.1"},
        ],
    }


def test_json_of_a_negative_answer_has_its_authority_and_no_answer():
    answer = message("NXDOMAIN", authority=[SOA.format(ttl=60, minimum=30)])
    body = json.loads(answers.to_json(Question("example.test", 1), answer, age=10))
    assert body["Status"] == 3 and "Answer" not in body
    assert body["Authority"] == [
        {"name": "test.", "type": 6, "TTL": 50, "data": "ns.test. hostmaster.test. 1 1200 180 1209600 30"}
    ]


def test_json_ttls_are_lowered_by_the_age_but_not_below_zero():
    answer = message(answer=["example.test. 300 IN CNAME a.test.", "a.test. 5 IN A 192.0.2.1"])
    body = json.loads(answers.to_json(Question("example.test", 1), answer, age=7))
    assert [record["TTL"] for record in body["Answer"]] == [293, 0]


def test_wire_answers_the_clients_query():
    query = dns.message.make_query("WWW.Example.test", "A", use_edns=0, payload=1232)
    query.id = 777
    answer = message(answer=["www.example.test. 300 IN A 192.0.2.1"])
    reply = dns.message.from_wire(answers.to_wire(query, answer, age=100))
    assert query.is_response(reply)
    assert reply.id == 777 and reply.rcode() == dns.rcode.NOERROR
    assert reply.flags & dns.flags.RA and reply.flags & dns.flags.RD
    assert str(reply.question[0].name) == "WWW.Example.test."  # as the client spelt it
    assert reply.edns == 0
    assert reply.answer[0].ttl == 200
    assert answer.answer[0].ttl == 300  # the cached answer is not changed


def test_the_reply_gives_no_client_subnet_back():
    """The reply to a query that carries a client subnet keeps EDNS (the client asked in version 0) but echoes no
    option: icp-doh does not do ECS, so its reply carries no SCOPE PREFIX-LENGTH (RFC 7871 §6) that a client's
    cache would act on. That no subnet goes upstream is another matter, tested on the bytes that do go:
    test_doh_upstream_query.py."""
    subnet = dns.edns.ECSOption("198.51.100.0", 24)
    query = dns.message.make_query("example.test", "A", use_edns=0, options=[subnet])
    reply = dns.message.from_wire(answers.to_wire(query, message(), age=0))
    assert reply.edns == 0  # so that "no option" below is said of an OPT record that is there
    assert reply.options == ()


@pytest.mark.parametrize("rcode", [dns.rcode.REFUSED, dns.rcode.SERVFAIL])
def test_error_wire(rcode):
    query = dns.message.make_query("example.test", "MX")
    reply = dns.message.from_wire(answers.error_wire(query, rcode))
    assert query.is_response(reply) and reply.rcode() == rcode and not reply.answer
