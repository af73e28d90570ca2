"""doh.ratelimit.TokenBuckets with a fake clock."""

from __future__ import annotations

import pytest

from doh.ratelimit import TokenBuckets


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


def test_clients_beyond_the_limit_are_forgotten_least_recent_first(clock):
    buckets = TokenBuckets(rate=1, burst=1, clock=clock, max_clients=2)
    for client in ("a", "b"):
        buckets.take(client)
    buckets.take("a")  # a: seen again, refused
    buckets.take("c")  # b is forgotten
    assert buckets.take("a") > 0  # still remembered as empty
    assert buckets.take("b") == 0  # a full bucket again
