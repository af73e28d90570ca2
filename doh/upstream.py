"""Asking the upstream resolvers: a fresh query built from the question alone, over UDP with TCP when the answer
is truncated, each attempt bounded by the timeout, one retry on the next upstream."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import NamedTuple

import dns.asyncquery
import dns.exception
import dns.message
import dns.rcode

from doh.constants import UPSTREAM_ATTEMPTS, UPSTREAM_PAYLOAD, UPSTREAM_PORT
from doh.messages import Question

# The answers worth passing on; any other code (SERVFAIL, REFUSED …) is the upstream failing, so the next one is
# tried.
_ANSWERS = frozenset({dns.rcode.NOERROR, dns.rcode.NXDOMAIN})


class Upstream(NamedTuple):
    """A resolver's IP address and port."""

    address: str
    port: int = UPSTREAM_PORT

    def __str__(self) -> str:
        return f"[{self.address}]:{self.port}" if ":" in self.address else f"{self.address}:{self.port}"


class UpstreamError(Exception):
    """No upstream gave an answer worth passing on in time; the message says what each attempt got instead."""


class Forwarder:
    """Resolves questions through `upstreams`: the first, then the next (the first again when it is alone)."""

    def __init__(self, upstreams: Sequence[Upstream], timeout: float) -> None:
        if not upstreams:
            raise ValueError("no upstream resolver")
        self.attempts = [upstreams[attempt % len(upstreams)] for attempt in range(UPSTREAM_ATTEMPTS)]
        self.timeout = timeout

    async def resolve(self, question: Question) -> dns.message.Message:
        # Nothing of the client's message goes upstream (no ID, no EDNS options such as a client subnet): only the
        # question, with recursion desired.
        query = dns.message.make_query(question.name, question.rdtype, use_edns=0, payload=UPSTREAM_PAYLOAD)
        failures = []
        for upstream in self.attempts:
            try:
                # dnspython's timeout bounds UDP and then TCP separately; the attempt as a whole gets one.
                async with asyncio.timeout(self.timeout):
                    answer, _ = await dns.asyncquery.udp_with_fallback(
                        query, upstream.address, timeout=self.timeout, port=upstream.port
                    )
            except (TimeoutError, OSError, EOFError, dns.exception.DNSException) as error:
                failures.append(f"{upstream}: {type(error).__name__} {error}".rstrip())
                continue
            if answer.rcode() in _ANSWERS:
                return answer
            failures.append(f"{upstream}: {dns.rcode.to_text(answer.rcode())}")
        raise UpstreamError("; ".join(failures))
