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

# How many clients the rate limiter remembers; the least recently seen are forgotten first.
MAX_TRACKED_CLIENTS = 65_536

# Defaults of the settings.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8053
DEFAULT_TIMEOUT = 2.0
DEFAULT_RATE = 20.0
DEFAULT_BURST = 40
DEFAULT_CACHE_SIZE = 10_000
# The proxies trusted for X-Forwarded-For: one on the same machine (uvicorn's own default, said here outright).
DEFAULT_FORWARDED_ALLOW_IPS = ("127.0.0.1", "::1")
