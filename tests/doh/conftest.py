"""Fixtures of the DoH endpoint's tests: dnsmasq as the real upstream, the endpoint served by uvicorn for real."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import httpx2
import pytest

from doh.app import create_app
from doh.settings import Settings
from doh.upstream import Upstream
from doh_servers import authority_arguments, dnsmasq, dnsmasq_command, free_port, resolver_arguments, serve_in_thread

# Generous limits, so that only the tests about rate limiting meet it.
UNLIMITED = {"rate": 10_000.0, "burst": 10_000}


class FakeClock:
    """A clock for the cache and the rate limiter that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def dns_servers() -> Iterator[tuple[Upstream, Upstream]]:
    """(recursive resolver, authoritative server for zone.test), both dnsmasq on free ports."""
    try:
        dnsmasq_command()
    except RuntimeError as error:
        pytest.fail(str(error))  # not a skip: without dnsmasq the endpoint is not tested at all
    authority_port, resolver_port = free_port(), free_port()
    with (
        dnsmasq(authority_arguments(authority_port), authority_port),
        dnsmasq(resolver_arguments(resolver_port, authority_port), resolver_port),
    ):
        yield Upstream("127.0.0.1", resolver_port), Upstream("127.0.0.1", authority_port)


@pytest.fixture(scope="session")
def upstream(dns_servers: tuple[Upstream, Upstream]) -> Upstream:
    return dns_servers[0]


@pytest.fixture(scope="session")
def authority(dns_servers: tuple[Upstream, Upstream]) -> Upstream:
    return dns_servers[1]


@pytest.fixture(scope="session")
def endpoint(upstream: Upstream) -> Iterator[str]:
    """The base URL of an endpoint with default settings (but no rate limit to speak of), shared by the tests
    that do not depend on what others cached."""
    settings = Settings(upstreams=(upstream,), **UNLIMITED)
    with serve_in_thread(create_app(settings)) as url:
        yield url


@pytest.fixture
def serve(upstream: Upstream) -> Iterator[Callable[..., str]]:
    """Start an endpoint of one's own: serve(rate=1, ...) → its base URL; stopped after the test."""
    with contextlib.ExitStack() as servers:

        def start(**changes: Any) -> str:
            settings = dataclasses.replace(Settings(upstreams=(upstream,), **UNLIMITED), **changes)
            return servers.enter_context(serve_in_thread(create_app(settings)))

        yield start


@pytest.fixture(scope="session")
def http() -> Iterator[httpx2.Client]:
    """One client for all (each new one builds a TLS context, even for plain HTTP: a tenth of a second)."""
    with httpx2.Client(timeout=10) as client:
        yield client
