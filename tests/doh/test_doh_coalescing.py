"""Concurrent misses for one question make one upstream query: its answer, or its failure, reaches every request
that waited for it, and a failure is not kept. The upstream is a real DNS server that counts what it is asked and
answers slowly, so that all the requests arrive while the first query is under way."""

from __future__ import annotations

import asyncio
import base64
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import dns.message
import dns.rdatatype
import httpx2
import pytest

from doh.app import Endpoint
from doh.constants import UPSTREAM_ATTEMPTS
from doh.messages import Question
from doh.settings import Settings
from doh.upstream import Upstream
from doh_servers import ScriptedResolver

CLIENTS = 20
DELAY = 1.5  # seconds the upstream takes for each answer


@pytest.fixture
def slow() -> Iterator[ScriptedResolver]:
    with ScriptedResolver(delay=DELAY) as resolver:
        yield resolver


def at_once(request: Callable[[int], httpx2.Response]) -> list[httpx2.Response]:
    """`request(n)` for n in 0 … CLIENTS-1, each in its own thread, all released together."""
    start = threading.Barrier(CLIENTS)

    def run(n: int) -> httpx2.Response:
        start.wait()
        return request(n)

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(run, range(CLIENTS)))


def wire_param(name: str) -> str:
    query = dns.message.make_query(name, "A")
    query.id = 0
    return base64.urlsafe_b64encode(query.to_wire()).rstrip(b"=").decode()


@pytest.mark.parametrize("cache_size", [10_000, 0], ids=["cache", "no cache"])
def test_concurrent_requests_for_one_name_make_one_upstream_query(serve, slow, cache_size):
    """Half over the JSON API, half over the wire: the same question, one query. Without a cache too: the
    sharing is not the cache's doing."""
    url = serve(upstreams=(Upstream("127.0.0.1", slow.port),), timeout=10, cache_size=cache_size)
    name = "popular.example.test"
    with httpx2.Client(timeout=30, limits=httpx2.Limits(max_connections=CLIENTS)) as http:
        responses = at_once(
            lambda n: (
                http.get(url + "/resolve", params={"name": name})
                if n % 2
                else http.get(url + "/dns-query", params={"dns": wire_param(name)})
            )
        )
    assert [response.status_code for response in responses] == [200] * CLIENTS
    json_answers = [response.json()["Answer"][0]["data"] for response in responses[1::2]]
    wire_answers = [dns.message.from_wire(r.content).answer[0][0].to_text() for r in responses[::2]]
    assert json_answers + wire_answers == [slow.address] * CLIENTS
    assert slow.queries == 1


def test_a_failure_reaches_every_waiting_request_and_is_not_kept(serve, slow, http):
    url = serve(upstreams=(Upstream("127.0.0.1", slow.port),), timeout=10)
    name = "failing.example.test"
    slow.failing = True
    with httpx2.Client(timeout=30, limits=httpx2.Limits(max_connections=CLIENTS)) as many:
        responses = at_once(lambda n: many.get(url + "/resolve", params={"name": name}))
    assert [response.status_code for response in responses] == [502] * CLIENTS
    assert slow.queries == UPSTREAM_ATTEMPTS  # one question asked, with its one retry
    slow.failing = False
    response = http.get(url + "/resolve", params={"name": name})
    assert response.status_code == 200 and response.json()["Answer"][0]["data"] == slow.address
    assert slow.queries == UPSTREAM_ATTEMPTS + 1


def test_a_client_that_goes_away_does_not_cancel_the_others_query(slow):
    """The first asker's request is cancelled (its client hung up) while the query is under way: the others still
    get the answer, from that one query, and nothing is left behind."""

    async def ask() -> tuple[list, int]:
        endpoint = Endpoint(Settings(upstreams=(Upstream("127.0.0.1", slow.port),), timeout=10))
        question = Question("hung-up.example.test", dns.rdatatype.A)
        first = asyncio.ensure_future(endpoint._answer(question))
        await asyncio.sleep(0.1)
        others = [asyncio.ensure_future(endpoint._answer(question)) for _ in range(3)]
        await asyncio.sleep(0.1)
        first.cancel()
        answers = await asyncio.gather(*others)
        return [answer.message.answer[0][0].to_text() for answer in answers], len(endpoint.asking)

    addresses, still_asking = asyncio.run(ask())
    assert addresses == [slow.address] * 3 and slow.queries == 1 and still_asking == 0
