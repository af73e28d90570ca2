"""Rate limiting per client: a token bucket for each client address, and the ASGI middleware that answers 429
with ``Retry-After`` when a client's bucket is empty."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Collection

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from doh.constants import MAX_TRACKED_CLIENTS


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
        # client -> (tokens left, when they were counted); least recently seen first. A forgotten client starts
        # again with a full bucket, which is what it would have after being away long enough to be forgotten.
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str) -> float:
        """Take a token for one request: 0 when the client may go ahead, otherwise the seconds until it may."""
        now = self._clock()
        tokens, counted_at = self._buckets.pop(client, (self._burst, now))
        tokens = min(self._burst, tokens + (now - counted_at) * self._rate)
        allowed = tokens >= 1
        self._buckets[client] = (tokens - 1 if allowed else tokens, now)
        if len(self._buckets) > self._max_clients:
            self._buckets.popitem(last=False)
        return 0.0 if allowed else (1 - tokens) / self._rate


class RateLimit:
    """ASGI middleware: refuse a client's request when its bucket is empty (paths in `exempt` never are)."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets, exempt: Collection[str] = ()) -> None:
        self.app = app
        self.buckets = buckets
        self.exempt = frozenset(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in self.exempt:
            client = scope.get("client")
            wait = self.buckets.take(client[0] if client else "")
            if wait:
                response = JSONResponse(
                    {"error": "too many requests"},
                    status_code=429,
                    headers={"Retry-After": str(math.ceil(wait)), "Cache-Control": "no-store"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
