"""doh.ratelimit: TokenBuckets with a fake clock, clients by network, and bounded memory that no flood of new
clients turns into a reset of anybody's bucket."""

from __future__ import annotations

import asyncio

import pytest

from doh.constants import MAX_TRACKED_CLIENTS
from doh.ratelimit import RateLimit, TokenBuckets, client_network


def test_a_burst_then_the_rate(clock):
    buckets = TokenBuckets(rate=2, burst=3, clock=clock)
    assert [buckets.take("a") for _ in range(3)] == [0, 0, 0]
    assert buckets.take("a") == pytest.approx(0.5)  # one token comes every half second
    clock.advance(0.5)
    assert buckets.take("a") == 0
    assert buckets.take("a") == pytest.approx(0.5)


def test_refused_requests_cost_nothing(clock):
    buckets = TokenBuckets(rate=1, burst=1, clock=clock)
    assert buckets.take("a") == 0
    for _ in range(10):
        assert buckets.take("a") > 0
    clock.advance(1)
    assert buckets.take("a") == 0


def test_the_bucket_holds_no_more_than_the_burst(clock):
    buckets = TokenBuckets(rate=10, burst=2, clock=clock)
    buckets.take("a")
    clock.advance(3600)
    assert [buckets.take("a") == 0 for _ in range(3)] == [True, True, False]


def test_other_clients_are_not_affected(clock):
    buckets = TokenBuckets(rate=1, burst=2, clock=clock)
    for _ in range(5):
        buckets.take("a")
    assert buckets.take("a") > 0
    assert buckets.take("b") == 0


def test_a_client_is_forgotten_only_once_its_bucket_is_full_again(clock):
    buckets = TokenBuckets(rate=1, burst=1, clock=clock, max_clients=2)
    for client in ("a", "b"):
        buckets.take(client)
    buckets.take("a")  # a: seen again, refused
    buckets.take("c")  # the table is full and b's bucket is empty: b stays, c has the overflow bucket
    assert buckets.take("b") > 0 and buckets.take("a") > 0
    clock.advance(1)
    assert buckets.take("d") == 0  # a and b are full again: the least recently seen, a, is forgotten
    assert len(buckets) == 2
    assert buckets.take("b") == 0  # remembered, full again by its own refill
    assert buckets.take("b") > 0


# --- clients by network -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address, network",
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::ffff", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),  # IPv4 on a dual-stack socket
        ("::1", "::/64"),
        ("testclient", "testclient"),  # not an address: as it is
        ("", ""),
    ],
)
def test_client_network(address, network):
    assert client_network(address) == network


def test_rotating_through_a_64_is_one_client(clock):
    buckets = TokenBuckets(rate=1, burst=3, clock=clock)
    addresses = [f"2001:db8:1:2:{n:x}:{n * 7:x}::1" for n in range(1, 11)]
    waits = [buckets.take(client_network(address)) for address in addresses]
    assert waits[:3] == [0, 0, 0] and all(wait > 0 for wait in waits[3:])
    assert buckets.take(client_network("::ffff:198.51.100.7")) == 0
    assert buckets.take(client_network("2001:db8:1:3::1")) == 0  # the next /64: another subscriber


def asgi_status(limit: RateLimit, client: str) -> int:
    """The status the middleware gives one GET /resolve from `client` (the app behind it answers 200)."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/resolve", "headers": [], "client": (client, 50000)}
    asyncio.run(limit(scope, receive, send))
    return sent[0]["status"]


def test_the_middleware_limits_by_network(clock):
    async def answered(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    limit = RateLimit(answered, TokenBuckets(rate=1, burst=2, clock=clock))
    statuses = [asgi_status(limit, f"2001:db8:0:1::{n:x}") for n in range(1, 5)]
    assert statuses == [200, 200, 429, 429]
    assert [asgi_status(limit, address) for address in ("198.51.100.7", "::ffff:198.51.100.7", "198.51.100.7")] == [
        200,
        200,
        429,
    ]


# --- bounded memory, and nobody can reset anybody ---------------------------------------------------------------

FLOOD = 100_000


def sixty_fours(count: int, start: int = 0) -> list[str]:
    """`count` distinct /64s as client_network writes them (the first and last checked against it: parsing every
    address would take most of the test's time)."""
    prefixes = [f"2001:db8:{(n >> 15) + 1:x}:{(n & 0x7FFF) + 1:x}" for n in range(start, start + count)]
    for prefix in (prefixes[0], prefixes[-1]):
        assert client_network(prefix + ":1:2:3:4") == prefix + "::/64"
    return [prefix + "::/64" for prefix in prefixes]


def test_a_flood_of_networks_never_resets_a_limited_client(clock):
    """A client that spent its bucket stays refused however many new networks come while it refills (at this
    rate, 200 s; the flood lasts 100 s), and the table never grows past its bound."""
    buckets = TokenBuckets(rate=0.01, burst=2, clock=clock)
    limited = client_network("2001:db8:ffff:ffff::1")
    assert [buckets.take(limited) for _ in range(2)] == [0, 0]
    assert buckets.take(limited) > 0
    largest = 0
    for network in sixty_fours(FLOOD):
        clock.advance(0.001)
        buckets.take(network)
        largest = max(largest, len(buckets))
    assert largest == len(buckets) == MAX_TRACKED_CLIENTS
    assert buckets.take(limited) > 0  # still refused: its state was kept
    clock.advance(200)
    assert buckets.take(limited) == 0  # refilled by itself


def test_the_overflow_bucket_limits_the_flood(clock):
    """With the table full and nobody refilled, newcomers share one bucket: a burst of them, then refusals; those
    in the table keep their own."""
    buckets = TokenBuckets(rate=1, burst=3, clock=clock, max_clients=100)
    members = sixty_fours(100)
    assert all(buckets.take(network) == 0 for network in members)
    newcomers = [buckets.take(network) for network in sixty_fours(1000, start=100)]
    assert newcomers[:3] == [0, 0, 0] and all(wait > 0 for wait in newcomers[3:])
    assert len(buckets) == 100
    assert [buckets.take(members[0]) for _ in range(3)][:2] == [0, 0]  # its own bucket: 2 tokens left
    clock.advance(1)
    assert buckets.take(sixty_fours(1, start=5000)[0]) == 0  # one overflow token back


def test_refilled_clients_make_room_for_new_ones(clock):
    """When those least recently seen are full again, newcomers take their places, each with its own bucket:
    the overflow bucket is not touched, and the table stays at its bound."""
    buckets = TokenBuckets(rate=1, burst=1, clock=clock, max_clients=1000)
    for network in sixty_fours(10_000):
        clock.advance(0.01)  # each bucket is full again 1 s (100 newcomers) after its request
        assert buckets.take(network) == 0
    assert len(buckets) == 1000
