import ipaddress
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import _tables, access, catalogue, filing, words
from checker.access import AccessCheck, Lookup
from checker.exceptions import ValidationError
from examples import EXAMPLES_SLOW

TENCENT_V4, TENCENT_V6 = "1.12.0.1", "2402:4e00::1"  # inside 1.12.0.0/14 and 2402:4e00::/32
GOOGLE_V4, GOOGLE_V6 = "8.8.8.8", "2001:4860:4860::8888"
NXDOMAIN = {"Status": 3}
TYPE = {"A": 1, "AAAA": 28, "CNAME": 5}


def records(*rows, status=0):
    """A DoH JSON answer of (owner, type, data) rows, written the way Google's and Cloudflare's are."""
    return {
        "Status": status,
        "TC": False,
        "RD": True,
        "RA": True,
        "Answer": [
            {"name": owner + ".", "type": TYPE[kind], "TTL": 300, "data": data + "." if kind == "CNAME" else data}
            for owner, kind, data in rows
        ],
    }


# A fetch that failed, as the doors say it: a kind of failure and its values (never their own error text).
TIMED_OUT = access.LookupFailed("timeout", seconds=8)


def checked(answers, domains=("example.com",), provider="tencent-cloud"):
    """Run a check to its end, each lookup answered from `answers` ((name, type) → answer or LookupFailed; NXDOMAIN
    for the rest); the first domain's result."""
    check = AccessCheck(list(domains), provider)
    while not check.done:
        for lookup in check.pending():
            response = answers.get(tuple(lookup), NXDOMAIN)
            if isinstance(response, access.LookupFailed):
                check.answer(lookup, None, response)
            else:
                check.answer(lookup, response)
    return check.results()[0]


def codes(result):
    return [finding.code for finding in result.findings]


A = ("example.com", "A")
AAAA = ("example.com", "AAAA")
WWW_A = ("www.example.com", "A")


@pytest.mark.parametrize(
    "answers, verdict, expected",
    [
        ({A: records(("example.com", "A", TENCENT_V4))}, "pass", ["ACCESS_PASS"]),
        ({AAAA: records(("example.com", "AAAA", TENCENT_V6))}, "pass", ["ACCESS_PASS"]),
        (
            {A: records(("example.com", "A", TENCENT_V4)), WWW_A: records(("www.example.com", "A", "1.12.0.2"))},
            "pass",
            ["ACCESS_PASS"],
        ),
        (
            {A: records(("example.com", "A", TENCENT_V4), ("example.com", "A", GOOGLE_V4))},
            "fail",
            ["ACCESS_OTHER_ADDRESS"],
        ),
        (
            {A: records(("example.com", "A", TENCENT_V4)), WWW_A: records(("www.example.com", "A", GOOGLE_V4))},
            "fail",
            ["ACCESS_OTHER_ADDRESS"],
        ),
        ({AAAA: records(("example.com", "AAAA", GOOGLE_V6))}, "fail", ["ACCESS_OTHER_ADDRESS"]),
        ({A: records(("example.com", "A", "192.168.1.1"))}, "fail", ["ACCESS_PRIVATE_ADDRESS"]),
        ({A: records(("example.com", "A", "192.0.2.1"))}, "fail", ["ACCESS_PRIVATE_ADDRESS"]),  # documentation
        ({A: records(("example.com", "A", "100.64.0.1"))}, "fail", ["ACCESS_PRIVATE_ADDRESS"]),  # shared (CGN)
        ({A: records(("example.com", "A", "224.0.0.1"))}, "fail", ["ACCESS_PRIVATE_ADDRESS"]),  # multicast
        ({AAAA: records(("example.com", "AAAA", "2001:db8::1"))}, "fail", ["ACCESS_PRIVATE_ADDRESS"]),
        ({AAAA: records(("example.com", "AAAA", "::ffff:1.12.0.1"))}, "fail", ["ACCESS_PRIVATE_ADDRESS"]),
        ({AAAA: records(("example.com", "AAAA", "fd00::1"))}, "fail", ["ACCESS_PRIVATE_ADDRESS"]),
        (
            {A: records(("example.com", "A", "127.0.0.1"), ("example.com", "A", GOOGLE_V4))},
            "fail",
            ["ACCESS_OTHER_ADDRESS", "ACCESS_PRIVATE_ADDRESS"],
        ),
        ({}, "fail", ["ACCESS_NO_ADDRESS"]),  # NXDOMAIN everywhere
        ({key: records() for key in (A, AAAA, WWW_A)}, "fail", ["ACCESS_NO_ADDRESS"]),  # NODATA
        ({A: records(status=2)}, "unknown", ["ACCESS_DNS_ERROR"]),  # SERVFAIL
        ({A: records(status=5), AAAA: records(("example.com", "AAAA", TENCENT_V6))}, "unknown", ["ACCESS_DNS_ERROR"]),
        (
            {A: TIMED_OUT, AAAA: records(("example.com", "AAAA", TENCENT_V6))},
            "unknown",
            ["ACCESS_LOOKUP_FAILED"],
        ),
        (
            {A: TIMED_OUT, WWW_A: records(("www.example.com", "A", GOOGLE_V4))},
            "fail",  # a failure stands
            ["ACCESS_OTHER_ADDRESS", "ACCESS_LOOKUP_FAILED"],
        ),
        ({WWW_A: records(("www.example.com", "A", TENCENT_V4))}, "pass", ["ACCESS_PASS", "ACCESS_ONLY_WWW"]),
        ({A: records(("example.com", "A", "1.12.0.1"), ("example.com", "A", "1.12.0.1"))}, "pass", ["ACCESS_PASS"]),
        # other record types (signatures) are passed over
        (
            {
                A: {
                    "Status": 0,
                    "Answer": [
                        {"name": "example.com.", "type": 46, "data": None},
                        {"name": "example.com.", "type": 1, "data": TENCENT_V4},
                    ],
                }
            },
            "pass",
            ["ACCESS_PASS"],
        ),
    ],
)
def test_verdicts(answers, verdict, expected):
    result = checked(answers)
    assert (result.verdict, codes(result)) == (verdict, expected)


def test_what_each_name_resolved_to():
    result = checked({A: records(("example.com", "A", TENCENT_V4), ("example.com", "A", "8.8.4.4")), WWW_A: TIMED_OUT})
    apex_a, apex_aaaa, www_a, www_aaaa = result.resolved
    assert apex_a == access.Resolved(
        "example.com",
        "A",
        (),
        "addresses",
        (access.Classified(TENCENT_V4, "provider"), access.Classified("8.8.4.4", "other")),
        {},
    )
    assert (apex_aaaa.outcome, www_a.outcome, www_a.detail, www_aaaa.outcome) == (
        "none",
        "unknown",
        {"en": "no answer within 8 seconds", "zh": "8秒内没有收到应答"},
        "none",
    )
    assert result.findings[0].message["en"] == (
        "example.com resolves to addresses that are not on Tencent Cloud's network ranges: 8.8.4.4."
    )
    assert result.findings[0].message["zh"] == "example.com 解析到的以下IP地址不在腾讯云的IP地址段内：8.8.4.4。"


def test_a_cname_chain_in_one_answer_is_followed():
    result = checked(
        {
            A: records(
                ("example.com", "CNAME", "example.cdn.dnsv1.com"),
                ("example.cdn.dnsv1.com", "CNAME", "edge.cdn.example.net"),
                ("edge.cdn.example.net", "A", TENCENT_V4),
            )
        }
    )
    assert result.verdict == "pass"
    assert result.resolved[0].chain == ("example.cdn.dnsv1.com", "edge.cdn.example.net")


def test_a_chain_that_ends_without_addresses_is_asked_about_its_end():
    check = AccessCheck(["example.com"])
    check.answer(Lookup(*A), records(("example.com", "CNAME", "edge.cdn.example.net")))
    assert Lookup("edge.cdn.example.net", "A") in check.pending()
    check.answer(Lookup("edge.cdn.example.net", "A"), records(("edge.cdn.example.net", "A", GOOGLE_V4)))
    for lookup in check.pending():
        check.answer(lookup, NXDOMAIN)
    (result,) = check.results()
    assert result.verdict == "fail" and result.resolved[0].chain == ("edge.cdn.example.net",)


def test_names_waiting_for_the_same_lookup_share_it():
    check = AccessCheck(["example.com"])
    check.answer(Lookup(*A), records(("example.com", "CNAME", "www.example.com")))
    assert check.pending().count(Lookup(*WWW_A)) == 1
    check.answer(Lookup(*WWW_A), records(("www.example.com", "A", TENCENT_V4)))
    assert [lookup.type for lookup in check.pending()] == ["AAAA", "AAAA"]


@pytest.mark.parametrize(
    "answers, expected",
    [
        (
            {A: records(("example.com", "CNAME", "a.example.net"), ("a.example.net", "CNAME", "example.com"))},
            "ACCESS_CNAME_LOOP",
        ),
        (
            {
                A: records(("example.com", "CNAME", "a.example.net")),
                ("a.example.net", "A"): records(("a.example.net", "CNAME", "example.com")),
            },
            "ACCESS_CNAME_LOOP",
        ),
        (
            {
                A: records(
                    *[
                        (f"{i}.example.net" if i else "example.com", "CNAME", f"{i + 1}.example.net")
                        for i in range(access.MAX_CHAIN + 1)
                    ]
                )
            },
            "ACCESS_CNAME_TOO_LONG",
        ),
        (
            {
                A: records(("example.com", "CNAME", "1.example.net")),
                **{
                    (f"{i}.example.net", "A"): records((f"{i}.example.net", "CNAME", f"{i + 1}.example.net"))
                    for i in range(1, access.MAX_CHAIN + 1)
                },
            },
            "ACCESS_CNAME_TOO_LONG",
        ),
    ],
)
def test_a_loop_or_an_overlong_chain_is_unknown_never_a_failure(answers, expected):
    result = checked(answers)
    assert (result.verdict, codes(result)) == ("unknown", [expected])


def test_a_chain_of_the_longest_length_is_followed():
    chain = [("example.com", "CNAME", "1.example.net")] + [
        (f"{i}.example.net", "CNAME", f"{i + 1}.example.net") for i in range(1, access.MAX_CHAIN)
    ]
    result = checked({A: records(*chain, (f"{access.MAX_CHAIN}.example.net", "A", TENCENT_V4))})
    assert result.verdict == "pass" and len(result.resolved[0].chain) == access.MAX_CHAIN


@pytest.mark.parametrize(
    "response",
    [
        None,
        [],
        "text",
        42,
        {},
        {"Status": "0"},
        {"Status": True},
        {"Status": 0.0},
        {"Status": 0, "Answer": {}},
        {"Status": 0, "Answer": "1.12.0.1"},
        {"Status": 0, "Answer": [1]},
        {"Status": 0, "Answer": [{"name": "example.com.", "type": 1, "data": "999.1.1.1"}]},
        {"Status": 0, "Answer": [{"name": "example.com.", "type": 1, "data": "01.12.0.1"}]},
        {"Status": 0, "Answer": [{"name": "example.com.", "type": 1, "data": TENCENT_V6}]},
        {"Status": 0, "Answer": [{"name": "example.com.", "type": 1, "data": 17563649}]},
        {"Status": 0, "Answer": [{"name": "example.com.", "type": 1}]},
        {"Status": 0, "Answer": [{"name": "exa mple.com.", "type": 1, "data": TENCENT_V4}]},
        {"Status": 0, "Answer": [{"name": "example.com.", "type": 5, "data": "cdn_node.example.net."}]},
        {"Status": 0, "Answer": [{"name": "example.com.", "type": 5, "data": "x" * 1_000_000}]},
        {"Status": 0, "Answer": [{"name": "example.com.", "type": 1, "data": TENCENT_V4}] * (access.ANSWER_LIMIT + 1)},
    ],
)
def test_an_answer_that_cannot_be_read_is_unknown(response):
    result = checked({A: response, AAAA: records(("example.com", "AAAA", TENCENT_V6))})
    assert (result.verdict, codes(result)) == ("unknown", ["ACCESS_BAD_ANSWER"])
    assert set(result.resolved[0].detail) == {"en", "zh"} and all(result.resolved[0].detail.values())


@pytest.mark.parametrize(
    "text, error, expected",
    [
        ("not json", None, "ACCESS_BAD_ANSWER"),
        ("[" * 100_000, None, "ACCESS_BAD_ANSWER"),  # would overflow Pyodide's stack: refused unparsed
        ('{"a":' * 5000 + "1" + "}" * 5000, None, "ACCESS_BAD_ANSWER"),
        ("null", None, "ACCESS_BAD_ANSWER"),
        (None, None, "ACCESS_BAD_ANSWER"),
        (None, '{"kind": "network"}', "ACCESS_LOOKUP_FAILED"),
        (None, "TypeError: Failed to fetch", "ACCESS_LOOKUP_FAILED"),  # not a failure's data: read as "other"
        ('{"Status": 0}', '{"kind": "http", "status": 502}', "ACCESS_LOOKUP_FAILED"),  # an error wins over any text
    ],
)
def test_answers_as_text(text, error, expected):
    check = AccessCheck(["example.com"])
    check.answer_json("example.com", "A", text, error)
    for lookup in json.loads(check.pending_json()):
        check.answer_json(lookup["name"], lookup["type"], json.dumps(NXDOMAIN))
    assert codes(check.results()[0]) == [expected]


def test_offline_every_lookup_fails_and_the_domain_is_unknown_saying_the_device_is_offline():
    """A revisit served by the service worker with no network: the page's worker says "offline" (navigator.onLine is
    false) for every lookup. Never "fail": the check could not look; and the reason is the device, in each language,
    not the lookup service."""
    check = AccessCheck(["example.com", "example.org"])
    while not check.done:
        for lookup in json.loads(check.pending_json()):
            check.answer_json(lookup["name"], lookup["type"], None, '{"kind": "offline"}')
    for lang in ("en", "zh"):
        report = check.report(lang)
        assert report["counts"] == {"pass": 0, "fail": 0, "unknown": 2}
        said = words.text("report", "lookup.offline")[lang]
        for entry in report["domains"]:
            assert {name["detail"] for name in entry["names"]} == {said}
            assert {finding["code"] for finding in entry["findings"]} == {"ACCESS_LOOKUP_FAILED"}
            assert all(said in finding["message"] for finding in entry["findings"])
    assert "offline" in words.text("report", "lookup.offline")["en"]
    assert "离线" in words.text("report", "lookup.offline")["zh"]
    assert access.LookupFailed("offline").words() != access.LookupFailed("network").words()


def test_the_largest_answer_read_is_read_from_text_too():
    answer = records(*[("example.com", "A", f"1.12.{i // 256}.{i % 256}") for i in range(access.ANSWER_LIMIT)])
    check = AccessCheck(["example.com"])
    check.answer_json("example.com", "A", json.dumps(answer))
    for lookup in check.pending():
        check.answer(lookup, NXDOMAIN)
    result = check.results()[0]
    assert result.verdict == "pass" and len(result.resolved[0].addresses) == access.ANSWER_LIMIT


def test_misuse_raises():
    check = AccessCheck(["example.com"])
    with pytest.raises(ValueError, match="not a pending lookup"):
        check.answer(Lookup("other.com", "A"), NXDOMAIN)
    with pytest.raises(RuntimeError, match="pending"):
        check.results()
    with pytest.raises(ValueError, match="unknown provider 'aws'"):
        AccessCheck(["example.com"], "aws")
    with pytest.raises(ValidationError):
        AccessCheck(["not a domain"])


def test_domains_are_reduced_to_the_registered_domain_and_keep_their_field():
    check = AccessCheck([("websites[0].domains[1]", "https://WWW.例子.中国/about")])
    assert check.pending()[0] == Lookup("xn--fsqu00a.xn--fiqs8s", "A")
    assert check.pending()[2] == Lookup("www.xn--fsqu00a.xn--fiqs8s", "A")
    for lookup in check.pending():
        check.answer(lookup, NXDOMAIN)
    report = check.report("zh")
    (result,) = report["domains"]
    assert (result["domain"], result["unicode"], result["verdict"]) == ("xn--fsqu00a.xn--fiqs8s", "例子.中国", "fail")
    assert result["names"][2]["name"] == "www.例子.中国"
    assert result["findings"] == [
        {
            "code": "ACCESS_NO_ADDRESS",
            "severity": "error",
            "item": 4,
            "field": "websites[0].domains[1]",
            "message": "例子.中国 无法解析：该域名和 www.例子.中国 都没有A记录或AAAA记录。",
            "fix": catalogue.entry("ACCESS_NO_ADDRESS").fix["zh"],
            "page": "zh/inspected-items/access/",
        }
    ]


def test_the_domains_of_a_filing():
    data = filing.example()
    data["websites"][1]["domains"] = ["blog.example.com", "example.org", "not a domain"]
    assert access.filed_domains(data) == [
        ("websites[0].domains[0]", "example.com"),
        ("websites[1].domains[1]", "example.org"),
    ]
    assert access.filed_domains("not a filing") == []
    check = AccessCheck.for_filing_json(json.dumps(data), "huawei-cloud")
    assert {lookup.name for lookup in check.pending()} == {
        "example.com",
        "www.example.com",
        "example.org",
        "www.example.org",
    }


# --- the providers' ranges ---------------------------------------------------------------------------------------

KNOWN = {
    "tencent-cloud": (TENCENT_V4, TENCENT_V6),  # 1.12.0.0/14, 2402:4e00::/32
    "alibaba-cloud": ("101.132.0.1", "2400:3200::1"),  # 101.132.0.0/15, 2400:3200::/32
    "huawei-cloud": ("1.92.0.1", "2405:f080:1000::1"),
}  # 1.92.0.0/16, 2405:f080:1000::/38


def test_every_shipped_provider_is_known_by_name():
    assert sorted(KNOWN) == _tables.providers() == sorted(_tables.provider_names())
    for key in KNOWN:
        ranges = _tables.provider_ranges(key)
        assert _tables.provider_names()[key]["en"] == ranges.provider
        assert ranges.source.endswith(f"version {ranges.date.replace('-', '')}") and len(ranges.date) == 10


@pytest.mark.parametrize("provider", sorted(KNOWN))
def test_each_provider_passes_its_own_addresses_and_fails_the_others(provider):
    v4, v6 = KNOWN[provider]
    answers = {A: records(("example.com", "A", v4)), AAAA: records(("example.com", "AAAA", v6))}
    assert checked(answers, provider=provider).verdict == "pass"
    for other in set(KNOWN) - {provider}:
        assert codes(checked(answers, provider=other)) == ["ACCESS_OTHER_ADDRESS"] * 2


@pytest.mark.parametrize("provider", sorted(KNOWN))
def test_no_provider_range_is_taken_for_private_or_reserved(provider):
    networks = _tables.provider_ranges(provider).networks
    for network in networks:
        assert access.classify(network[0], networks) == access.classify(network[-1], networks) == "provider", network


# --- the report --------------------------------------------------------------------------------------------------


def finished(domains=("example.com", "example.org")):
    answers = {
        A: records(("example.com", "A", TENCENT_V4)),
        WWW_A: TIMED_OUT,
        ("example.org", "A"): records(("example.org", "A", "10.0.0.1")),
    }
    check = AccessCheck(list(domains))
    while not check.done:
        for lookup in check.pending():
            response = answers.get(tuple(lookup), NXDOMAIN)
            check.answer(
                lookup,
                None if isinstance(response, access.LookupFailed) else response,
                response if isinstance(response, access.LookupFailed) else None,
            )
    return check


def test_the_report_is_plain_data_with_the_provider_and_its_date():
    report = json.loads(finished().report_json("en"))
    assert report["provider"] == {
        "key": "tencent-cloud",
        "name": "Tencent Cloud",
        "source": "MISP/misp-warninglists lists/tencent-cloud/list.json (CC0-1.0), version 20261005",
        "date": "2026-10-05",
        "caveat": catalogue.families()["ACCESS"].meaning["en"],
    }
    assert "overseas" in report["provider"]["caveat"]
    assert report["counts"] == {"pass": 0, "fail": 1, "unknown": 1}
    assert [domain["verdict"] for domain in report["domains"]] == ["unknown", "fail"]
    assert report["domains"][0]["names"][0] == {
        "name": "example.com",
        "type": "A",
        "chain": [],
        "outcome": "addresses",
        "addresses": [{"address": TENCENT_V4, "kind": "provider"}],
        "detail": "",
    }


def without_words(value):
    """The report with every text that depends on the language blanked."""
    if isinstance(value, dict):
        return {
            key: ""
            if key in ("name", "caveat", "message", "fix", "page", "detail") and isinstance(item, str)
            else without_words(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [without_words(item) for item in value]
    return value


def test_both_languages_report_the_same_things():
    check = finished()
    en, zh = check.report("en"), check.report("zh")
    assert without_words(en) == without_words(zh)
    assert en["provider"]["name"] == "Tencent Cloud" and zh["provider"]["name"] == "腾讯云"
    assert zh["domains"][0]["findings"][0]["message"].startswith("无法查询 www.example.com 的A记录：8秒内没有收到应答")
    with pytest.raises(ValueError, match="unknown language"):
        check.report("fr")


# --- properties ----------------------------------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=8,
)
_owner = st.sampled_from(["example.com.", "www.example.com", "cdn.example.net.", "EXAMPLE.COM", "例子.中国"])


def _records_of(number, data):
    return st.builds(lambda name, value: {"name": name, "type": number, "TTL": 60, "data": value}, _owner, data)


# Mostly well-formed answers, so that chains, passes and failures are reached as well as every kind of garbage.
def _mostly(good, junk):
    """`good` three times in four, else `junk`."""
    return st.sampled_from([good, good, good, junk]).flatmap(lambda strategy: strategy)


_record = _mostly(
    st.one_of(
        _records_of(1, st.sampled_from([TENCENT_V4, GOOGLE_V4, "10.0.0.1"])),
        _records_of(28, st.sampled_from([TENCENT_V6, GOOGLE_V6, "::1"])),
        _records_of(5, _owner),
    ),
    st.fixed_dictionaries(
        {"name": _owner | _json, "type": st.sampled_from([1, 5, 28, 46]) | _json, "data": st.text(max_size=20) | _json}
    ),
)
_response = _mostly(
    st.fixed_dictionaries(
        {"Status": st.sampled_from([0, 0, 3, 2])}, optional={"Answer": st.lists(_record, max_size=4)}
    ),
    _json,
)


# A quarter of EXAMPLES_SLOW: each example is a whole check of up to eight nested answers (25 ms of hypothesis
# drawing them), and the text-level fuzzing of one answer runs below with the full count.
@settings(max_examples=EXAMPLES_SLOW // 4)
@given(st.lists(_response, min_size=1, max_size=8))
def test_any_answers_give_a_verdict_and_never_raise(responses):
    # Each lookup gets the next response; every answer ends a name or takes its chain a step further, so the
    # check ends within a bounded number of rounds.
    check, answers = AccessCheck(["example.com"]), itertools.cycle(responses)
    for _ in range(access.MAX_CHAIN + 2):
        for lookup in check.pending():
            check.answer(lookup, next(answers))
    assert check.done
    (result,) = check.results()
    assert result.verdict in access.VERDICTS
    json.dumps(check.report("zh"))


@settings(max_examples=EXAMPLES_SLOW)  # arbitrary text: the parser gives up early, more adds little
@given(st.text(max_size=200))
def test_any_text_as_an_answer_never_raises(text):
    check = AccessCheck(["example.com"])
    check.answer_json("example.com", "A", text)
    for lookup in check.pending():
        check.answer_json(lookup.name, lookup.type, None, '{"kind": "timeout", "seconds": 8}')
    assert check.results()[0].verdict in ("unknown", "fail")  # the other lookups failed: never a pass


def test_addresses_are_classified_by_their_own_table_not_by_the_interpreter():
    # ipaddress's is_private and is_global changed between Python 3.11 and 3.13; the check must not.
    ranges = _tables.provider_ranges("tencent-cloud").networks
    assert [
        access.classify(ipaddress.ip_address(address), ranges)
        for address in (
            "::ffff:8.8.8.8",
            "192.0.0.9",
            "2001:4:112::1",
            "64:ff9b::808:808",
            "3fff::1",
            "2002:808:808::1",
        )
    ] == ["private", "private", "private", "private", "private", "other"]
