"""The endpoint's settings: a dataclass, read from command-line options and environment variables (an option wins
over its variable), each value checked with a message that names where it came from."""

from __future__ import annotations

import ipaddress
import math
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import dns.resolver

from doh.constants import (
    DEFAULT_BURST,
    DEFAULT_CACHE_SIZE,
    DEFAULT_FORWARDED_ALLOW_IPS,
    DEFAULT_HOST,
    DEFAULT_PORT,
    DEFAULT_RATE,
    DEFAULT_TIMEOUT,
    UPSTREAM_PORT,
)
from doh.upstream import Upstream


class SettingsError(ValueError):
    """A setting with a value that cannot work."""


def system_upstreams() -> tuple[Upstream, ...]:
    """The system's resolvers, from /etc/resolv.conf (read by dnspython)."""
    try:
        resolver = dns.resolver.Resolver()
    except dns.resolver.NoResolverConfiguration:
        raise SettingsError("no --upstream given and /etc/resolv.conf names no nameserver") from None
    return tuple(Upstream(str(address), resolver.port) for address in resolver.nameservers)


@dataclass(frozen=True)
class Settings:
    """What the endpoint runs with; the defaults are those of `icp-doh` run without options."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    upstreams: tuple[Upstream, ...] = field(default_factory=system_upstreams)
    # Origins whose pages may call the endpoint (CORS); "*" for any; none: pages of the endpoint's own origin only.
    allow_origins: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    rate: float = DEFAULT_RATE
    burst: int = DEFAULT_BURST
    cache_size: int = DEFAULT_CACHE_SIZE
    log_names: bool = False
    debug: bool = False
    # Peers (addresses or networks) trusted to say in X-Forwarded-For whom they forward: a request from one of them
    # counts, for the rate limit and the access log, as the client named there; from any other peer the header is
    # ignored. Given to uvicorn (its proxy headers), so that nothing rests on its defaults.
    forwarded_allow_ips: tuple[str, ...] = DEFAULT_FORWARDED_ALLOW_IPS


# Parsers of one value each; they raise ValueError with what is wrong.


def parse_port(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,5}", text) or not 1 <= int(text) <= 65535:
        raise ValueError(f"a port is a number from 1 to 65535, not {text!r}")
    return int(text)


def parse_host(text: str) -> str:
    if not re.fullmatch(r"[0-9A-Za-z.:_-]+", text):
        raise ValueError(f"not a host name or address: {text!r}")
    return text


def parse_upstream(text: str) -> Upstream:
    """``IP``, ``IP:PORT``, ``IPv6`` or ``[IPv6]:PORT``."""
    bracketed = re.fullmatch(r"\[(.+)\](?::(.*))?", text)
    if bracketed:
        address, port = bracketed[1], bracketed[2]
    elif text.count(":") == 1:
        address, port = text.split(":")
    else:
        address, port = text, None
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        raise ValueError(f"an upstream is IP[:PORT] or [IPv6]:PORT, not {text!r}") from None
    return Upstream(str(ip), UPSTREAM_PORT if port is None else parse_port(port))


def parse_trusted_proxy(text: str) -> str:
    """An IP address or a network in CIDR notation (its host bits zero), as uvicorn compares them."""
    try:
        return str(ipaddress.ip_network(text) if "/" in text else ipaddress.ip_address(text))
    except ValueError:
        # uvicorn would take a value that is neither as a name to compare literally, and so never trust anyone.
        raise ValueError(f"a trusted proxy is an IP address or a network such as 10.0.0.0/8, not {text!r}") from None


def parse_origin(text: str) -> str:
    """``*`` or a page's origin: ``https://host[:port]``, nothing after it."""
    if text == "*":
        return text
    parts = urllib.parse.urlsplit(text)
    try:
        port_fits = parts.port != 0  # urllib raises ValueError for one that is not a port at all
    except ValueError:
        port_fits = False
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "@" in parts.netloc
        or not port_fits
        or parts.path
        or parts.query
        or parts.fragment
    ):
        raise ValueError(f"an origin is * or scheme://host[:port] with nothing after it, not {text!r}")
    return text


def parse_seconds(text: str) -> float:
    seconds = _number(text)
    if not 0 < seconds <= 60:
        raise ValueError(f"a timeout is more than 0 and at most 60 seconds, not {text!r}")
    return seconds


def parse_rate(text: str) -> float:
    rate = _number(text)
    if rate <= 0:
        raise ValueError(f"a rate is a number of requests a second above 0, not {text!r}")
    return rate


def parse_burst(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text) or int(text) < 1:
        raise ValueError(f"a burst is a whole number of requests, at least 1, not {text!r}")
    return int(text)


def parse_cache_size(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text):
        raise ValueError(f"a cache size is a whole number of answers (0: no cache), not {text!r}")
    return int(text)


def parse_flag(text: str) -> bool:
    words = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
    if text.strip().lower() not in words:
        raise ValueError(f"a switch is 1, true, yes, on or 0, false, no, off, not {text!r}")
    return words[text.strip().lower()]


def _number(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"not a number: {text!r}")
    return number


def _each(parse: Callable[[str], Any]) -> Callable[[str | list[str]], tuple[Any, ...]]:
    """A parser of lists: repeated options, or one comma-separated value (an environment variable)."""

    def parse_all(given: str | list[str]) -> tuple[Any, ...]:
        texts = given if isinstance(given, list) else given.split(",")
        values = tuple(parse(text.strip()) for text in texts if text.strip())
        if not values:
            raise ValueError("no value in it")
        return values

    return parse_all


# Each setting: its command-line option, its environment variable, how to read a value.
SOURCES: dict[str, tuple[str, str | None, Callable[[Any], Any]]] = {
    "host": ("--host", "ICP_DOH_HOST", parse_host),
    "port": ("--port", "ICP_DOH_PORT", parse_port),
    "upstreams": ("--upstream", "ICP_DOH_UPSTREAMS", _each(parse_upstream)),
    "allow_origins": ("--allow-origin", "ICP_DOH_ALLOW_ORIGINS", _each(parse_origin)),
    "timeout": ("--timeout", "ICP_DOH_TIMEOUT", parse_seconds),
    "rate": ("--rate", "ICP_DOH_RATE", parse_rate),
    "burst": ("--burst", "ICP_DOH_BURST", parse_burst),
    "cache_size": ("--cache-size", "ICP_DOH_CACHE_SIZE", parse_cache_size),
    "forwarded_allow_ips": ("--forwarded-allow-ips", "ICP_DOH_FORWARDED_ALLOW_IPS", _each(parse_trusted_proxy)),
    "log_names": ("--log-names", "ICP_DOH_LOG_NAMES", parse_flag),
    "debug": ("--debug", None, parse_flag),
}


def load(options: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Settings from parsed options (None where not given; True for a switch given) and the environment (an empty
    variable counts as unset, as deployment files often leave them)."""
    values = {}
    for name, (option, variable, parse) in SOURCES.items():
        given = options.get(name)
        if given is not None:
            source, text = option, "1" if given is True else given
        elif variable and environ.get(variable):
            source, text = variable, environ[variable]
        else:
            continue
        try:
            values[name] = parse(text)
        except ValueError as error:
            raise SettingsError(f"{source}: {error}") from None
    host = values.get("host", DEFAULT_HOST)
    if "upstreams" not in values and not is_loopback(host):
        # The system's resolver is the machine's own: on a cloud VM or in a cluster it answers internal names
        # (metadata servers, services) that the special-use rules cannot all know. Reachable from elsewhere, the
        # endpoint must be told which resolvers are public enough to pass on.
        raise SettingsError(
            f"--host {host} is reachable from other machines: name the upstream resolvers with --upstream or "
            "ICP_DOH_UPSTREAMS (the system's resolver, the default on a loopback address, may answer internal "
            "names)"
        )
    return Settings(**values)


def is_loopback(host: str) -> bool:
    """Whether listening on `host` keeps the endpoint on this machine: a loopback address (an IPv4-mapped one
    too), or the name localhost. Any other name may resolve to anything, so it does not count."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback
