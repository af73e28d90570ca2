"""``icp-doh``: serve the DNS-over-HTTPS endpoint.

    icp-doh [--host HOST] [--port PORT] [--upstream IP[:PORT] ...] [--allow-origin ORIGIN ...] [--timeout S]
            [--rate N] [--burst N] [--cache-size N] [--forwarded-allow-ips IP|NETWORK ...] [--log-names] [--debug]

Every option but --debug has an environment variable for deployments (ICP_DOH_HOST, ICP_DOH_PORT,
ICP_DOH_UPSTREAMS, ICP_DOH_ALLOW_ORIGINS and ICP_DOH_FORWARDED_ALLOW_IPS comma-separated, ICP_DOH_TIMEOUT,
ICP_DOH_RATE, ICP_DOH_BURST, ICP_DOH_CACHE_SIZE, ICP_DOH_LOG_NAMES); an option wins over its variable. A bad value
exits with status 2.

Without --upstream it asks the system's resolvers, which on a cloud server or in a cluster answer internal names: it
does so only on a loopback address, and refuses to start on any other without upstreams named (exit status 2).

Serve it plain on 127.0.0.1 behind a reverse proxy that terminates TLS: a request that comes from a trusted proxy
(--forwarded-allow-ips, by default 127.0.0.1 and ::1) counts as coming from the client its X-Forwarded-For names,
so the rate limit applies per client rather than to the proxy; from any other peer the header is ignored. uvicorn
does it (proxy_headers, forwarded_allow_ips), both given here explicitly: neither its defaults nor its own
FORWARDED_ALLOW_IPS variable decide it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping

import uvicorn

from doh.app import create_app
from doh.constants import (
    DEFAULT_BURST,
    DEFAULT_CACHE_SIZE,
    DEFAULT_FORWARDED_ALLOW_IPS,
    DEFAULT_HOST,
    DEFAULT_PORT,
    DEFAULT_RATE,
    DEFAULT_TIMEOUT,
)
from doh.settings import SOURCES, Settings, SettingsError, load


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="icp-doh",
        description="DNS over HTTPS (RFC 8484 and a JSON API) for A, AAAA and CNAME queries.",
        epilog="Environment variables: "
        + ", ".join(variable for _, variable, _ in SOURCES.values() if variable)
        + " (lists comma-separated); an option wins over its variable.",
    )
    # No defaults here (None = not given), so that an environment variable can fill what the command line leaves.
    option = parser.add_argument
    option(
        "--host",
        help=f"address to listen on (default {DEFAULT_HOST}); on one that is not loopback, --upstream is required",
    )
    option("--port", help=f"port to listen on (default {DEFAULT_PORT})")
    option(
        "--upstream",
        dest="upstreams",
        action="append",
        metavar="IP[:PORT]",
        help="a resolver to forward to, IPv6 as [::1]:53; repeat for more (for example 119.29.29.29 or 223.5.5.5; "
        "default on a loopback --host only: those in /etc/resolv.conf, which may answer internal names)",
    )
    option(
        "--allow-origin",
        dest="allow_origins",
        action="append",
        metavar="ORIGIN",
        help="an origin whose pages may call the endpoint (CORS), such as https://icp-check.example.com, or *; "
        "repeat for more (default: none)",
    )
    option("--timeout", metavar="S", help=f"seconds to wait for an upstream, per attempt (default {DEFAULT_TIMEOUT:g})")
    option(
        "--rate",
        metavar="N",
        help="requests a second per client (an IPv4 address or an IPv6 /64) in each process, so that N instances "
        f"allow N times as many (default {DEFAULT_RATE:g})",
    )
    option("--burst", metavar="N", help=f"requests a client may send at once (default {DEFAULT_BURST})")
    option("--cache-size", metavar="N", help=f"answers kept in the cache, 0 for none (default {DEFAULT_CACHE_SIZE})")
    option(
        "--forwarded-allow-ips",
        dest="forwarded_allow_ips",
        action="append",
        metavar="IP|NETWORK",
        help="a reverse proxy trusted to name the client in X-Forwarded-For, an address or a network such as "
        "10.0.0.0/8; repeat for more. A request from one counts, for the rate limit, as the client it names "
        "(the last address in the header that is not itself a trusted proxy); from any other peer the "
        f"header is ignored (default: {' and '.join(DEFAULT_FORWARDED_ALLOW_IPS)}, a proxy on this machine)",
    )
    option(
        "--log-names",
        action="store_true",
        default=None,
        help="write the names asked for in the access log (by default they are not)",
    )
    option("--debug", action="store_true", default=None, help="detailed errors in responses")
    return parser


def parse(argv: list[str] | None, environ: Mapping[str, str]) -> Settings:
    """The settings from the command line and the environment; SettingsError or SystemExit (argparse) if wrong."""
    return load(vars(_parser().parse_args(argv)), environ)


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    try:
        settings = parse(argv, os.environ if environ is None else environ)
    except SystemExit as exit_:  # argparse: --help exits 0, usage errors 2
        return int(exit_.code or 0)
    except SettingsError as error:
        print(f"icp-doh: {error}", file=sys.stderr)
        return 2
    serve(settings)
    return 0


def serve(settings: Settings) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # uvicorn's own access log would write each query string, and with it the name asked: doh.access replaces it.
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        access_log=False,
        log_config=None,
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips=list(settings.forwarded_allow_ips),
    )
