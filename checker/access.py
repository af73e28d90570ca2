"""The access check (inspected item 4): do the filed domains resolve, now, to the access provider's addresses?

For each filed domain the check resolves A and AAAA records, following CNAME chains, and sorts every address into
one of three kinds: ``provider`` (on the provider's network ranges), ``private`` (private or reserved: not
reachable from the internet) or ``other`` (public, elsewhere). The verdict per domain (icp-rules.md §8):

- ``fail``: an address is private, reserved or elsewhere; or the domain resolves to no address at all;
- ``unknown``: no address fails, but a lookup could not be made or its answer not be read. Never ``fail``:
  a self-check that cannot look must not reject a genuine filing;
- ``pass``: every address is the provider's. The ranges mix mainland and overseas regions, so this is
  necessary, not sufficient: the finding says so.

Two names per domain: the filed domain, which is what the inspection resolves, and ``www.`` + it, where visitors
usually go. Every address of either must be the provider's. A domain only served at ``www.`` (the filed name
itself has no record) is not failed for it: the inspection's exact rule is not published, so that is a warning;
only a domain where neither name has an address fails for having none.

The check does no network I/O (sans-I/O): it says which lookups it needs and takes their answers, so the same
code runs in the CLI (blocking HTTP, `run`) and in the browser (the page's worker fetches in parallel). An answer
is the JSON of a DNS-over-HTTPS JSON API (Google and Cloudflare style, icp-rules.md §10)::

    {"Status": 0, "Answer": [{"name": "example.com.", "type": 1, "TTL": 300, "data": "192.0.2.1"}]}

It is untrusted: anything that is not such an answer makes that lookup unknown (ACCESS_BAD_ANSWER), never an
exception. A lookup that could not be made is said as a kind of failure with its values (`LookupFailed`: an HTTP
status, a timeout, an unreachable service …), never as a client's error text: the report words it in each
language (checker/data/words/report.toml, ``lookup``), so a Chinese page says why in Chinese.
Status 3 (NXDOMAIN) and Status 0 without records of the type are "no address"; any other Status
(SERVFAIL, REFUSED …) is unknown. When an answer's CNAME chain ends in a name without addresses, that name is
looked up next; a chain longer than `MAX_CHAIN` names, or one that loops, is unknown.

The protocol, the same from Python and from JavaScript through Pyodide (plain strings and JSON text)::

    check = AccessCheck.for_filing_json(filing_text, "tencent-cloud")   # or AccessCheck(["example.com"])
    while not check.done:
        for lookup in json.loads(check.pending_json()):     # [{"name": "example.com", "type": "A"}, ...]
            # GET {endpoint}?name=…&type=… with Accept: application/dns-json, all in parallel; then, per lookup:
            check.answer_json(lookup["name"], lookup["type"], body_text, None)
            # or, when the lookup could not be made, why, as JSON text: (…, None, '{"kind": "timeout", "seconds": 8}')
    report = json.loads(check.report_json("zh"))

>>> check = AccessCheck(["example.com"])
>>> [tuple(lookup) for lookup in check.pending()]
[('example.com', 'A'), ('example.com', 'AAAA'), ('www.example.com', 'A'), ('www.example.com', 'AAAA')]
>>> for lookup in check.pending():
...     check.answer(lookup, {"Status": 0, "Answer": [
...         {"name": lookup.name + ".", "type": 1, "TTL": 60, "data": "1.12.0.1"}] if lookup.type == "A" else []})
>>> result = check.results()[0]
>>> result.verdict, [finding.code for finding in result.findings]
('pass', ['ACCESS_PASS'])
"""

from __future__ import annotations

import functools
import ipaddress
import json
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from checker import _tables, catalogue, domain, words
from checker._text import quoted
from checker.exceptions import Finding
from checker.filing import reader

DEFAULT_PROVIDER = "tencent-cloud"
MAX_CHAIN = 8  # CNAME targets followed from one name, across answers
ANSWER_LIMIT = 500  # records read from one answer: far above any real one, it bounds the work
# Opening brackets ("[", "{") in an answer's text, beyond which it is refused unparsed. The JSON parser recurses
# once per level of nesting, and under Pyodide some thousands of levels overflow the JavaScript stack and kill the
# runtime (7,000 to 8,000 in Node, measured) where CPython raises RecursionError. A real answer opens one per
# record, so this bound refuses none.
BRACKET_LIMIT = 2 * ANSWER_LIMIT
TYPES = {"A": 1, "AAAA": 28}  # DNS record type numbers, as the JSON API writes them
CNAME = 5
RCODES = {1: "FORMERR", 2: "SERVFAIL", 4: "NOTIMP", 5: "REFUSED"}  # the usual DNS response codes (RFC 1035)
VERDICTS = ("pass", "fail", "unknown")

# Private or reserved: addresses no website is reached at from the internet. For IPv6, anything outside global
# unicast (2000::/3: so also loopback, link-local, unique-local, multicast, IPv4-mapped); otherwise the blocks the
# IANA special-purpose registries mark as not globally reachable (private, shared, loopback, link-local,
# documentation, benchmarking, protocol assignments), IPv4 multicast and the former class E. Listed here rather
# than asked of `ipaddress`'s is_global and is_private, whose answers changed between Python 3.11 and 3.13.
_GLOBAL_UNICAST = "2000::/3"
_RESERVED = (
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.88.99.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "2001::/23",
    "2001:db8::/32",
    "3fff::/20",
)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Lookup(NamedTuple):
    """One question for the DoH endpoint: ``{endpoint}?name={name}&type={type}``."""

    name: str  # lower-case ASCII (``xn--`` labels), no trailing dot
    type: str  # "A" or "AAAA"


class Classified(NamedTuple):
    address: str  # as `ipaddress` writes it: "2001:db8::1"
    kind: str  # "provider", "private" (private or reserved) or "other"


class Resolved(NamedTuple):
    """What one name resolved to for one record type; names as people read them (Chinese labels in Chinese)."""

    name: str
    type: str
    chain: tuple[str, ...]  # the CNAME targets followed, in order
    outcome: str  # "addresses", "none" or "unknown"
    addresses: tuple[Classified, ...]
    detail: dict[str, str]  # why it is unknown, in each language; {} otherwise


# The kinds of lookup that could not be made, and the values each one's words take (report.toml, ``lookup``).
# ``network``: the service could not be reached; ``offline``: the device itself has no network (the browser says so),
# so the filer knows to connect and check again rather than suspect the service.
FAILURES = {
    "http": ("status",),
    "timeout": ("seconds",),
    "network": (),
    "offline": (),
    "bad_response": (),
    "other": (),
}


class LookupFailed(OSError):
    """Why a lookup could not be made: a kind of `FAILURES` and its values (an HTTP status, the seconds waited),
    never a client's error text; `words` says it in each language. What the door that makes the lookups raises
    (or hands over as JSON, `from_json`); a kind or a value that does not fit is read as ``other``.

    >>> LookupFailed("http", status=502).words()["zh"]
    '查询服务返回了HTTP状态码502'
    >>> LookupFailed.from_json('{"kind": "timeout", "seconds": 8}').words()["en"]
    'no answer within 8 seconds'
    >>> LookupFailed.from_json('{"kind": "offline"}').words()["en"]
    'this device is offline (no network connection)'
    >>> LookupFailed.from_json("TypeError: Failed to fetch").kind
    'other'
    """

    def __init__(self, kind: str, **values: Any) -> None:
        super().__init__(kind)
        names = FAILURES.get(kind)
        fits = (
            names is not None
            and set(values) == set(names)
            and all(_number(value) and 0 <= value < 1e6 for value in values.values())
        )
        self.kind = kind if fits else "other"
        self.values: dict[str, Any] = values if fits else {}

    @classmethod
    def from_json(cls, text: str) -> LookupFailed:
        """The failure as the page's worker hands it over: ``{"kind": "http", "status": 502}``."""
        try:
            data = json.loads(text) if isinstance(text, str) and len(text) < 1000 else None
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
            return cls("other")
        return cls(data["kind"], **{str(key): value for key, value in data.items() if key != "kind"})

    def words(self) -> dict[str, str]:
        values = {name: f"{value:g}" for name, value in self.values.items()}
        return words.text("report", f"lookup.{self.kind}", **values)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value  # not NaN


class DomainResult(NamedTuple):
    field: str  # where the filing has the domain ("websites[0].domains[1]"), or ""
    domain: str  # the registered domain, ASCII
    verdict: str  # "pass", "fail" or "unknown"
    resolved: tuple[Resolved, ...]  # the domain, then www.: A, then AAAA
    findings: tuple[Finding, ...]


class _Unreadable(ValueError):
    """An answer that is not a DoH JSON answer; `why` says what is wrong with it, in each language."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.why = words.text("report", f"lookup.{key}", **values)


class _Answer(NamedTuple):
    status: int
    cnames: dict[str, str]  # owner → target
    addresses: dict[str, list[Address]]  # owner → its addresses of the type asked for


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse(text: Any) -> Any:
    """The JSON value in an answer's text."""
    if not isinstance(text, str):
        raise _Unreadable("no_answer")
    if text.count("[") + text.count("{") > BRACKET_LIMIT:
        raise _Unreadable("too_large", limit=ANSWER_LIMIT)  # see BRACKET_LIMIT
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise _Unreadable("not_json") from None


def _read(response: Any, type_: str) -> _Answer:
    """The parts of a DoH JSON answer the check uses; _Unreadable for anything else."""
    if not isinstance(response, dict):
        raise _Unreadable("not_doh")  # not a JSON object
    status = response.get("Status")
    if not isinstance(status, int) or not _integer(status):
        raise _Unreadable("not_doh")  # no numeric Status
    if status not in (0, 3):
        return _Answer(status, {}, {})  # an error: its records, if any, are not read
    records = response.get("Answer", [])
    if not isinstance(records, list):
        raise _Unreadable("not_doh")  # Answer is not a list
    if len(records) > ANSWER_LIMIT:
        raise _Unreadable("too_large", limit=ANSWER_LIMIT)
    parse = ipaddress.IPv4Address if type_ == "A" else ipaddress.IPv6Address
    cnames: dict[str, str] = {}
    addresses: dict[str, list[Address]] = {}
    for record in records:
        if not isinstance(record, dict):
            raise _Unreadable("not_doh")  # a record is not a JSON object
        number, owner, data = record.get("type"), record.get("name"), record.get("data")
        if not _integer(number) or number not in (CNAME, TYPES[type_]):
            continue  # signatures, other types: not ours to read
        if not isinstance(owner, str) or not isinstance(data, str):
            raise _Unreadable("not_doh")  # a record of our type without a name or data
        try:
            owner = domain.host_name(owner)
            if number == CNAME:
                cnames.setdefault(owner, domain.host_name(data))
            else:
                addresses.setdefault(owner, []).append(parse(data))
        except ValueError:  # ValidationError and ipaddress's errors alike
            raise _Unreadable("bad_record", type=number, data=f"“{quoted(data)}”") from None
    return _Answer(status, cnames, addresses)


class _Resolution:
    """One name and record type, followed along its CNAME chain until the answers end in addresses, in none, or
    in doubt (a finding that leaves it unknown)."""

    def __init__(self, name: str, type_: str) -> None:
        self.type = type_
        self.chain = [name]  # the name, then each CNAME target
        self.addresses: list[Address] = []
        self.doubt: Finding | None = None
        self.detail: dict[str, str] = {}
        self.done = False

    @property
    def lookup(self) -> Lookup:
        return Lookup(self.chain[-1], self.type)

    @property
    def shown(self) -> str:
        return domain.to_unicode(self.chain[0])

    def unknown(self, finding: Finding, detail: dict[str, str]) -> None:
        self.doubt, self.detail, self.done = finding, detail, True

    def follow(self, answer: _Answer, max_chain: int) -> None:
        if answer.status not in (0, 3):
            status = f"{RCODES.get(answer.status, 'RCODE')} ({answer.status})"
            self.unknown(
                Finding("ACCESS_DNS_ERROR", status=status, name=self.shown, type=self.type),
                words.text("report", "lookup.dns_status", status=status),
            )
            return
        asked = name = self.chain[-1]
        while name in answer.cnames:
            name = answer.cnames[name]
            if name in self.chain:
                self.unknown(
                    Finding("ACCESS_CNAME_LOOP", name=self.shown, target=domain.to_unicode(name)),
                    words.text("report", "lookup.cname_loop", target=domain.to_unicode(name)),
                )
                return
            self.chain.append(name)
            if len(self.chain) > max_chain + 1:
                self.unknown(
                    Finding("ACCESS_CNAME_TOO_LONG", name=self.shown, limit=max_chain),
                    words.text("report", "lookup.cname_too_long", limit=max_chain),
                )
                return
        self.addresses = answer.addresses.get(name, [])
        # A chain that ended this answer without addresses is asked about its end; NXDOMAIN or an answer
        # that followed nothing is final: no address.
        self.done = bool(self.addresses) or answer.status == 3 or name == asked

    def result(self, networks: tuple[_tables.IPNetwork, ...]) -> Resolved:
        outcome = "unknown" if self.doubt else "addresses" if self.addresses else "none"
        return Resolved(
            self.shown,
            self.type,
            tuple(domain.to_unicode(name) for name in self.chain[1:]),
            outcome,
            tuple(Classified(str(address), classify(address, networks)) for address in self.addresses),
            self.detail,
        )


@functools.cache
def _reserved() -> tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...], ipaddress.IPv6Network]:
    return tuple(ipaddress.ip_network(block) for block in _RESERVED), ipaddress.IPv6Network(_GLOBAL_UNICAST)


def classify(address: Address, networks: Iterable[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> str:
    """``private`` (private or reserved), ``provider`` (inside one of `networks`) or ``other``. A domain has a
    handful of addresses and a provider a few hundred networks: a plain scan is fast enough.

    >>> ranges = _tables.provider_ranges("tencent-cloud").networks
    >>> [classify(ipaddress.ip_address(a), ranges) for a in ("1.12.0.1", "8.8.8.8", "192.168.1.1", "fe80::1")]
    ['provider', 'other', 'private', 'private']
    """
    blocks, global_unicast = _reserved()
    if (address.version == 6 and address not in global_unicast) or any(address in block for block in blocks):
        return "private"
    return "provider" if any(address in network for network in networks) else "other"


class AccessCheck:
    """The access check of some domains against one provider's ranges (see the module's docstring).

    `domains`: registered domains, each a string or a ``(field, domain)`` pair whose field (the domain's path in
    a filing) is given back with its findings; `filed_domains` makes the pairs from a filing. A domain is
    reduced to its registered domain; an invalid one raises ValidationError. `provider`: the key of a ranges
    file in checker/data/provider-ranges/ (`_tables.providers()`); another raises ValueError.
    """

    def __init__(
        self, domains: Iterable[str | tuple[str, str]], provider: str = DEFAULT_PROVIDER, *, max_chain: int = MAX_CHAIN
    ) -> None:
        if provider not in _tables.provider_names():
            raise ValueError(f"unknown provider {provider!r}: one of {', '.join(_tables.provider_names())}")
        self.provider, self.max_chain = provider, max_chain
        self._domains: list[tuple[str, str, list[_Resolution]]] = []
        for item in domains:
            field, typed = ("", item) if isinstance(item, str) else item
            registered = domain.validate(typed)
            self._domains.append(
                (
                    field,
                    registered,
                    [_Resolution(name, type_) for name in (registered, "www." + registered) for type_ in TYPES],
                )
            )

    @classmethod
    def for_filing_json(cls, text: str, provider: str = DEFAULT_PROVIDER) -> AccessCheck:
        """The check of a filing's domains, the filing given as JSON text (as the self-check page sends it)."""
        return cls(filed_domains(json.loads(text)), provider)

    def _open(self) -> list[_Resolution]:
        return [resolution for _, _, resolutions in self._domains for resolution in resolutions if not resolution.done]

    @property
    def done(self) -> bool:
        """Whether every lookup has its answer."""
        return not self._open()

    def pending(self) -> list[Lookup]:
        """The lookups still to make, each once. Answering them may ask for more (a CNAME's target)."""
        return list(dict.fromkeys(resolution.lookup for resolution in self._open()))

    def answer(self, lookup: Lookup, response: Any, error: LookupFailed | None = None) -> None:
        """Take the answer to a pending lookup: the parsed JSON of the DoH answer; or, when the lookup could not
        be made, `error` saying why (`response` is then ignored). ValueError for a lookup that is not pending."""
        self._take(lookup, error, lambda: _read(response, lookup.type))

    def answer_json(self, name: str, type_: str, text: str | None, error: str | None = None) -> None:
        """`answer` with the answer's body as text; when the fetch failed, `text` is None and `error` says why as
        JSON text (`LookupFailed.from_json`: ``{"kind": "http", "status": 502}``)."""
        failure = LookupFailed.from_json(error) if error is not None else None
        self._take(Lookup(name, type_), failure, lambda: _read(_parse(text), type_))

    def _take(self, lookup: Lookup, error: LookupFailed | None, read: Callable[[], _Answer]) -> None:
        waiting = [resolution for resolution in self._open() if resolution.lookup == lookup]
        if not waiting:
            raise ValueError(f"{lookup} is not a pending lookup")
        if error is not None:
            why = error.words()
            for resolution in waiting:
                resolution.unknown(
                    Finding("ACCESS_LOOKUP_FAILED", name=resolution.shown, type=lookup.type, error=why), why
                )
            return
        try:
            answer = read()
        except _Unreadable as problem:
            for resolution in waiting:
                resolution.unknown(Finding("ACCESS_BAD_ANSWER", name=resolution.shown, type=lookup.type), problem.why)
            return
        for resolution in waiting:
            resolution.follow(answer, self.max_chain)

    def pending_json(self) -> str:
        """`pending` as JSON text: ``[{"name": "example.com", "type": "A"}, ...]``."""
        return json.dumps([lookup._asdict() for lookup in self.pending()])

    def results(self) -> list[DomainResult]:
        """Each domain's verdict, what its names resolved to and its findings. RuntimeError while lookups are
        still pending."""
        if not self.done:
            raise RuntimeError("the access check still has pending lookups")
        return [self._judge(field, registered, resolutions) for field, registered, resolutions in self._domains]

    def _judge(self, field: str, registered: str, resolutions: list[_Resolution]) -> DomainResult:
        provider = _tables.provider_names()[self.provider]
        shown, www = domain.to_unicode(registered), domain.to_unicode("www." + registered)
        resolved = [resolution.result(_tables.provider_ranges(self.provider).networks) for resolution in resolutions]
        failures = []
        for name in resolved:
            for kind, code in (("other", "ACCESS_OTHER_ADDRESS"), ("private", "ACCESS_PRIVATE_ADDRESS")):
                listed = [address.address for address in name.addresses if address.kind == kind]
                if listed:
                    failures.append(Finding(code, name=name.name, addresses=", ".join(listed), provider=provider))
        doubts = list(dict.fromkeys(resolution.doubt for resolution in resolutions if resolution.doubt))
        notes = []
        # resolved: the filed domain's A and AAAA, then those of www.
        if all(name.outcome == "none" for name in resolved[:2]) and any(name.addresses for name in resolved[2:]):
            notes.append(Finding("ACCESS_ONLY_WWW", domain=shown, www=www))
        if failures:
            verdict = "fail"
        elif doubts:
            verdict = "unknown"
        elif not any(name.addresses for name in resolved):
            verdict, failures = "fail", [Finding("ACCESS_NO_ADDRESS", domain=shown, www=www)]
        else:
            verdict, notes = "pass", [Finding("ACCESS_PASS", domain=shown, provider=provider), *notes]
        return DomainResult(field, registered, verdict, tuple(resolved), tuple(failures + doubts + notes))

    def report(self, lang: str = "en") -> dict[str, Any]:
        """The results as plain data (JSON-serialisable), in one language: the provider and its ranges' source and
        date, then per domain its verdict, its names with their CNAME chains and classified addresses, and its
        findings shaped as `checker.filing.report`'s."""
        if lang not in catalogue.LANGUAGES:
            raise ValueError(f"unknown language {lang!r}: one of {', '.join(catalogue.LANGUAGES)}")
        ranges = _tables.provider_ranges(self.provider)
        results = self.results()
        return {
            "provider": {
                "key": self.provider,
                "name": _tables.provider_names()[self.provider][lang],
                "source": ranges.source,
                "date": ranges.date,
                "caveat": catalogue.families()["ACCESS"].meaning[lang],
            },
            "counts": {verdict: sum(result.verdict == verdict for result in results) for verdict in VERDICTS},
            "domains": [
                {
                    "field": result.field,
                    "domain": result.domain,
                    "unicode": domain.to_unicode(result.domain),
                    "verdict": result.verdict,
                    "names": [
                        {
                            **name._asdict(),
                            "detail": name.detail.get(lang, ""),
                            "chain": list(name.chain),
                            "addresses": [address._asdict() for address in name.addresses],
                        }
                        for name in result.resolved
                    ],
                    "findings": [finding.to_data(lang, result.field) for finding in result.findings],
                }
                for result in results
            ],
        }

    def report_json(self, lang: str = "en") -> str:
        """`report` as JSON text."""
        return json.dumps(self.report(lang), ensure_ascii=False)


def filed_domains(data: Any) -> list[tuple[str, str]]:
    """The ``(field, registered domain)`` pairs of a filing in plain data, each domain once, invalid ones left
    out (the filing's own check reports them).

    >>> filed_domains({"websites": [{"domains": ["www.example.com", "bad_domain", "EXAMPLE.com"]},
    ...                              {"domains": ["例子.中国"]}]})
    [('websites[0].domains[0]', 'example.com'), ('websites[1].domains[0]', 'xn--fsqu00a.xn--fiqs8s')]
    """
    read, _ = reader.read(data)
    pairs: dict[str, str] = {}
    for i, site in enumerate(read.websites):
        for j, typed in enumerate(site.domains):
            if domain.is_valid(typed):
                pairs.setdefault(domain.validate(typed), f"websites[{i}].domains[{j}]")
    return [(field, registered) for registered, field in pairs.items()]


def run(check: AccessCheck, fetch: Callable[[Lookup], str]) -> AccessCheck:
    """Make the check's lookups one after another until it is done, for a blocking door (the CLI). `fetch`
    returns the DoH answer's body text, or raises OSError when the lookup cannot be made (a refused connection,
    a timeout, an HTTP error), which leaves that lookup unknown: a `LookupFailed` says which kind of failure, any
    other OSError is the network's."""
    while not check.done:
        for lookup in check.pending():
            try:
                text = fetch(lookup)
            except LookupFailed as failure:
                check.answer(lookup, None, failure)
            except OSError:
                check.answer(lookup, None, LookupFailed("network"))
            else:
                check.answer_json(lookup.name, lookup.type, text)
    return check
