"""Every fixed name and number of the endpoint: paths, media types, parameter names, limits and defaults."""

from __future__ import annotations

import dns.rdatatype

# Paths (RFC 8484 names none; /dns-query is what every public endpoint and client default to).
DNS_QUERY_PATH = "/dns-query"
JSON_PATH = "/resolve"
HEALTH_PATH = "/healthz"

# Media types.
DNS_MESSAGE = "application/dns-message"
DNS_JSON = "application/dns-json"

# Query parameters.
DNS_PARAM = "dns"
NAME_PARAM = "name"
TYPE_PARAM = "type"

# The checker asks for addresses and aliases only; anything else is refused rather than forwarded.
SUPPORTED_TYPES = frozenset({dns.rdatatype.A, dns.rdatatype.AAAA, dns.rdatatype.CNAME})
DEFAULT_TYPE = dns.rdatatype.A

# Names refused outright (400), whatever the upstream would say: none is a website's, and the upstream (by default
# the machine's own resolver) may well answer them with internal addresses. A name is refused when it is one of
# these or lies under one; the rule is named in debug mode. Compared in lower-case ASCII (A-labels) without the
# final dot, after the checker's own mapping (`checker.domain.host_name`), so that ｌｏｃａｌｈｏｓｔ is localhost.
SPECIAL_USE_SUFFIXES: dict[str, str] = {
    "localhost": "the machine itself (RFC 6761 §6.3)",
    "invalid": "never a real name (RFC 6761 §6.4)",
    "local": "multicast DNS on the local link, and clusters' own names such as svc.cluster.local (RFC 6762)",
    "home.arpa": "a home network's own names (RFC 8375)",
    "internal": "ICANN's private-use top-level domain (its board's resolution of 29 July 2024), such as "
    "metadata.google.internal",
    "onion": "Tor onion services, never in the DNS (RFC 7686)",
    "alt": "names outside the DNS (RFC 9476)",
    # The infrastructure domain (RFC 3172): reverse zones (in-addr.arpa, ip6.arpa) and ipv4only.arpa (RFC 8880)
    # have no website's address or alias, and those are the only questions answered here (SUPPORTED_TYPES).
    "arpa": "infrastructure names, such as reverse zones and ipv4only.arpa: no A, AAAA or CNAME of a website "
    "(RFC 3172)",
}
# What the list leaves out on purpose: test. and example. are resolved as any other name. RFC 6761 §6.5 says that
# neither resolution libraries nor caching servers treat example names as special; for test names §6.2 has
# libraries (which this endpoint is, forwarding to its configured resolvers) send them to the configured caching
# server, whose business it is to answer them (by default negatively; the tests' dnsmasq serves example.test).
SINGLE_LABEL_RULE = (
    "a single label, such as localhost, kubernetes or wpad: no website's name, and what a resolver's search list "
    "turns into an internal one (ICANN SSAC's SAC053 on dotless names)"
)

# A query for one name is far below 512 bytes, even padded to 128 (RFC 8467): anything larger is not a query.
MAX_MESSAGE_SIZE = 512
# The same limit on the GET form: base64url without padding takes 4 characters for every 3 bytes.
MAX_DNS_PARAM_LENGTH = (MAX_MESSAGE_SIZE * 4 + 2) // 3

# Upstream resolvers.
UPSTREAM_PORT = 53
# One try and one retry (on the next upstream, or the same one again when there is only one).
UPSTREAM_ATTEMPTS = 2
# EDNS payload offered to upstreams (the 2020 DNS flag day's value): no fragmentation, and TCP when it is too small.
UPSTREAM_PAYLOAD = 1232

# Cache lifetimes, in seconds.
MAX_TTL = 86_400
# RFC 2308 allows negative answers up to three hours; a name that comes into being should not wait that long.
MAX_NEGATIVE_TTL = 300
# A negative answer without an SOA says nothing of how long it holds: keep it briefly.
NEGATIVE_TTL_WITHOUT_SOA = 30

# Renderings kept per cached answer: its JSON and replies to a few distinct queries (clients should all send ID 0,
# so that one query's bytes are the same for everyone).
MAX_RENDERINGS = 4

# How many client networks the rate limiter remembers (a few MB); only those whose bucket is full again are
# forgotten, the least recently seen first (doh/ratelimit.py).
MAX_TRACKED_CLIENTS = 65_536
# An IPv6 client is its /64: the smallest network a subscriber is given (RFC 6177), all of it one party's.
IPV6_CLIENT_PREFIX = 64

# Defaults of the settings.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8053
DEFAULT_TIMEOUT = 2.0
DEFAULT_RATE = 20.0
DEFAULT_BURST = 40
DEFAULT_CACHE_SIZE = 10_000
# The proxies trusted for X-Forwarded-For: one on the same machine (uvicorn's own default, said here outright).
DEFAULT_FORWARDED_ALLOW_IPS = ("127.0.0.1", "::1")
