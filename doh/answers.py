"""Writing answers: an upstream's answer as the client's DNS message or as Google/Cloudflare-style JSON, its TTLs
lowered by the seconds it spent in the cache; and how long an answer may be reused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.rrset

from doh.constants import MAX_NEGATIVE_TTL, MAX_TTL, NEGATIVE_TTL_WITHOUT_SOA
from doh.messages import Question


def lifetime(answer: dns.message.Message) -> int:
    """Seconds the answer may be reused: its smallest TTL, and for a negative answer (NXDOMAIN, or no record of
    the type asked) the negative TTL of RFC 2308."""
    ttls = [rrset.ttl for rrset in answer.answer]
    if answer.rcode() == dns.rcode.NXDOMAIN or not answer.answer:
        ttls.append(negative_ttl(answer))
    return min(*ttls, MAX_TTL)


def negative_ttl(answer: dns.message.Message) -> int:
    """RFC 2308 §5: the smaller of the SOA record's own TTL and its MINIMUM field, capped."""
    for rrset in answer.authority:
        if rrset.rdtype == dns.rdatatype.SOA:
            return min(rrset.ttl, rrset[0].minimum, MAX_NEGATIVE_TTL)
    return NEGATIVE_TTL_WITHOUT_SOA


def to_json(question: Question, answer: dns.message.Message, age: int) -> bytes:
    """The answer in the JSON format of Google Public DNS and Cloudflare; empty sections are left out, as they
    leave them out. AD is always false: nothing here validates DNSSEC (`to_wire`)."""
    flags = answer.flags
    body: dict[str, object] = {
        "Status": int(answer.rcode()),
        "TC": bool(flags & dns.flags.TC),
        "RD": bool(flags & dns.flags.RD),
        "RA": bool(flags & dns.flags.RA),
        "AD": False,
        "CD": bool(flags & dns.flags.CD),
        "Question": [{"name": question.name + ".", "type": int(question.rdtype)}],
    }
    if answer.answer:
        body["Answer"] = _json_records(answer.answer, age)
    if answer.authority:
        body["Authority"] = _json_records(answer.authority, age)
    return json.dumps(body, separators=(",", ":")).encode()


def _json_records(rrsets: Iterable[dns.rrset.RRset], age: int) -> list[dict[str, object]]:
    return [
        {
            "name": rrset.name.to_text(),
            "type": int(rrset.rdtype),
            "TTL": max(rrset.ttl - age, 0),
            "data": rdata.to_text(),
        }
        for rrset in rrsets
        for rdata in rrset
    ]


def to_wire(query: dns.message.Message, answer: dns.message.Message, age: int) -> bytes:
    """The answer as a reply to the client's own query: its ID, its question as it spelt it, its EDNS. The AD bit
    stays clear whatever the upstream said (and whatever the client asked, RFC 6840 §5.7): this endpoint validates
    nothing, the path to the upstream is plain UDP that anyone on it can forge, and a client that trusts AD from us
    would trust an unauthenticated claim (RFC 4035 §3.2.3: AD only for data the server considers authentic)."""
    response = dns.message.make_response(query, recursion_available=True)
    response.set_rcode(answer.rcode())
    response.answer = _aged(answer.answer, age)
    response.authority = _aged(answer.authority, age)
    return response.to_wire()


def error_wire(query: dns.message.Message, rcode: dns.rcode.Rcode) -> bytes:
    """A reply to the client's query with no records, only an error code (REFUSED, SERVFAIL)."""
    response = dns.message.make_response(query, recursion_available=True)
    response.set_rcode(rcode)
    return response.to_wire()


def _aged(rrsets: list[dns.rrset.RRset], age: int) -> list[dns.rrset.RRset]:
    """The record sets with their TTLs lowered by `age`; copies, because the cached answer is shared."""
    if not age:
        return list(rrsets)
    aged = []
    for rrset in rrsets:
        copy = rrset.copy()
        copy.ttl = max(rrset.ttl - age, 0)
        aged.append(copy)
    return aged
