"""Rate limiting per client network: a token bucket for each, and the ASGI middleware that answers 429 with
``Retry-After`` when a client's bucket is empty.

A client is its network as far as one party controls it: an IPv4 address, an IPv6 /64 (the smallest prefix a
subscriber gets: rotating through its 2^64 addresses buys nothing), an IPv4-mapped IPv6 address as the IPv4
address it is. Behind a trusted proxy it is the address that X-Forwarded-For names (uvicorn puts it in the scope).

Memory is bounded (`MAX_TRACKED_CLIENTS`) without letting anyone reset others' buckets: only a bucket that has
refilled to the burst is forgotten (nothing is lost: a client not remembered starts with a full bucket), the least
recently seen first. When none has refilled, which takes a flood of new networks within burst/rate seconds, the
newcomers share one overflow bucket rather than evicting anybody.

The buckets live in the process: N workers or N instances behind a load balancer are N limiters, so a client may
get up to N times the rate. Set --rate and --burst per process with that in mind (or have the load balancer keep
a client on one instance).
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Collection

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from doh.constants import IPV6_CLIENT_PREFIX, MAX_TRACKED_CLIENTS


def client_network(address: str) -> str:
    """The rate limiter's key for a client address: the IPv4 address, or the IPv6 address's /64; anything that is
    not an address (a Unix socket's peer, a test client's name) as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, IPV6_CLIENT_PREFIX), strict=False))
    return str(ip)


class TokenBuckets:
    """Each client may send `burst` requests at once, then `rate` a second."""

    def __init__(
        self,
        rate: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_TRACKED_CLIENTS,
    ) -> None:
        self._rate = rate
        self._burst = burst
        self._clock = clock
        self._max_clients = max_clients
        # client -> (tokens left, when they were counted); least recently seen first.
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._overflow = (float(burst), clock())

    def __len__(self) -> int:
        """How many clients are remembered (the overflow bucket aside)."""
        return len(self._buckets)

    def take(self, client: str) -> float:
        """Take a token for one request: 0 when the client may go ahead, otherwise the seconds until it may."""
        now = self._clock()
        bucket = self._buckets.pop(client, None)
        if bucket is None and len(self._buckets) >= self._max_clients and not self._forget_one(now):
            self._overflow, wait = self._spend(self._overflow, now)
            return wait
        self._buckets[client], wait = self._spend((self._burst, now) if bucket is None else bucket, now)
        return wait

    def _spend(self, bucket: tuple[float, float], now: float) -> tuple[tuple[float, float], float]:
        """The bucket after one request (refilled since it was counted; a refused request costs nothing), and the
        wait: 0 when the request may go ahead."""
        tokens = self._refilled(bucket, now)
        if tokens >= 1:
            return (tokens - 1, now), 0.0
        return (tokens, now), (1 - tokens) / self._rate

    def _refilled(self, bucket: tuple[float, float], now: float) -> float:
        tokens, counted_at = bucket
        return min(self._burst, tokens + (now - counted_at) * self._rate)

    def _forget_one(self, now: float) -> bool:
        """Make room by forgetting the least recently seen client, if its bucket is full again; False if it is not.
        Any bucket is full again burst/rate seconds after its last request, so when the oldest is not, every client
        in the table came within that time (a flood), and newcomers share the overflow bucket until it is: one look
        per newcomer, never a scan of the table."""
        if not self._buckets:
            return False
        client, bucket = next(iter(self._buckets.items()))
        if self._refilled(bucket, now) < self._burst:
            return False
        del self._buckets[client]
        return True


class RateLimit:
    """ASGI middleware: refuse a client's request when its network's bucket is empty (paths in `exempt` never
    are)."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets, exempt: Collection[str] = ()) -> None:
        self.app = app
        self.buckets = buckets
        self.exempt = frozenset(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in self.exempt:
            client = scope.get("client")
            wait = self.buckets.take(client_network(client[0]) if client else "")
            if wait:
                response = JSONResponse(
                    {"error": "too many requests"},
                    status_code=429,
                    headers={"Retry-After": str(math.ceil(wait)), "Cache-Control": "no-store"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
